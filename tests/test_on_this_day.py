"""`azma on-this-day` and `azma anniversaries` over tests/fixtures/export.

The fixture (see tests/test_export.py) holds records known to the day (2010-03-05, 2015-03-05,
the interval 2012-03-04/2012-03-06, 2016-02-29, 2020-01-15, 2021-09-09), one uncertain day
(2017-06-01?), and records known only to the year, the month or an open interval: only the
first kind may ever match.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

import azma.load
from azma.errors import UsageError
from azma.query import make_filters, select_timeline
from azma.query.anniversaries import (
    DayOfYear,
    anniversaries,
    known_to_the_day,
    on_this_day,
    parse_day_of_year,
    record_days,
)

EXPORT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "export"
TODAY = date(2030, 3, 5)


@pytest.fixture(autouse=True)
def _export_fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(azma.load, "bundled_data_dir", lambda: EXPORT_FIXTURES)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Make 'today' 2030-03-05 for the commands (they read it with date.today())."""
    import azma.commands

    class Fixed(date):
        @classmethod
        def today(cls) -> Fixed:
            return cls(TODAY.year, TODAY.month, TODAY.day)

    monkeypatch.setattr(azma.commands, "date", Fixed)
    return TODAY


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stderr
    return result


def rows(cli: Any, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(ok(cli(*args, "--format", "json")).stdout)
    return found


def pairs(found: list[dict[str, Any]], key: str) -> list[tuple[str, int]]:
    return [(row["id"], row[key]) for row in found]


# ----------------------------------------------------------------------------- DATE forms


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2018-03-05", DayOfYear(3, 5, 2018, True)),
        ("2018-3-5", DayOfYear(3, 5, 2018, True)),
        ("5 March 2018", DayOfYear(3, 5, 2018, True)),
        ("March 5, 2018", DayOfYear(3, 5, 2018, True)),
        ("03-05", DayOfYear(3, 5, 2030, False)),
        ("--03-05", DayOfYear(3, 5, 2030, False)),
        ("3-5", DayOfYear(3, 5, 2030, False)),
        ("5 March", DayOfYear(3, 5, 2030, False)),
        ("March 5", DayOfYear(3, 5, 2030, False)),
        ("29 February", DayOfYear(2, 29, 2030, False)),
        ("02-29", DayOfYear(2, 29, 2030, False)),
        (None, DayOfYear(3, 5, 2030, False)),
    ],
)
def test_day_forms(typed: str | None, expected: DayOfYear) -> None:
    assert parse_day_of_year(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("2018-03", "is a month, not a day"),
        ("2018", "is a year, not a day"),
        ("March 2018", "is a month, not a day"),
        ("March", "not a day"),
        ("13-01", "not a day of the year"),
        ("02-30", "not a day of the year"),
        ("2019-02-29", "has no day 29"),
        ("03/05", "not a day I can read"),
        ("05.03.2018", "ambiguous"),
        ("5 March 18", "four digits"),
        ("", "empty"),
        ("someday", "not a day I can read"),
    ],
)
def test_bad_days_are_usage_errors_with_a_hint(typed: str, says: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_day_of_year(typed, TODAY)
    assert says in caught.value.message
    hint = caught.value.hint or ""
    assert "03-05" in hint or "YYYY-MM-DD" in hint


# ----------------------------------------------------------------------------- on this day


def test_a_day_with_a_year_counts_years_from_it(cli: Any) -> None:
    found = rows(cli, "on-this-day", "5 March 2030")
    assert pairs(found, "years_ago") == [("fx-day-2010", 20), ("fx-interval-2012", 18), ("fx-day-2015", 15)]
    assert list(found[0])[:2] == ["years_ago", "id"]


def test_records_after_the_given_year_are_left_out(cli: Any) -> None:
    assert pairs(rows(cli, "on-this-day", "2013-03-05"), "years_ago") == [
        ("fx-day-2010", 3),
        ("fx-interval-2012", 1),
    ]
    assert pairs(rows(cli, "on-this-day", "2010-03-05"), "years_ago") == [("fx-day-2010", 0)]


def test_no_year_counts_from_this_year(cli: Any, fixed_today: date) -> None:
    expected = [("fx-day-2010", 20), ("fx-interval-2012", 18), ("fx-day-2015", 15)]
    assert pairs(rows(cli, "on-this-day", "03-05"), "years_ago") == expected
    assert pairs(rows(cli, "on-this-day", "5 March"), "years_ago") == expected
    assert pairs(rows(cli, "on-this-day"), "years_ago") == expected, "no DATE is today"


def test_an_interval_counts_on_each_of_its_days(cli: Any) -> None:
    for day in ("2030-03-04", "2030-03-06"):
        assert pairs(rows(cli, "on-this-day", day), "years_ago") == [("fx-interval-2012", 18)]
    assert rows(cli, "on-this-day", "2030-03-07") == []


def test_only_records_known_to_the_day_count(cli: Any) -> None:
    assert rows(cli, "on-this-day", "2030-03-01") == [], "2008-03 is a month"
    assert rows(cli, "on-this-day", "2030-01-01") == [], "2005 is a year"
    assert rows(cli, "on-this-day", "2030-05-01") == [], "2019-05-01/.. has an open end"
    assert rows(cli, "on-this-day", "2030-06-01") == [], "2017-06-01? is uncertain"
    assert pairs(rows(cli, "on-this-day", "2030-01-15"), "years_ago") == [("fx-agreement.in-force", 10)]


def test_leap_day_records_show_on_28_february_in_common_years(cli: Any) -> None:
    assert pairs(rows(cli, "on-this-day", "2030-02-28"), "years_ago") == [("fx-leap-2016", 14)]
    assert rows(cli, "on-this-day", "2028-02-28") == []
    assert pairs(rows(cli, "on-this-day", "2028-02-29"), "years_ago") == [("fx-leap-2016", 12)]


def test_field_and_limit(cli: Any) -> None:
    found = rows(cli, "on-this-day", "5 March 2030", "--field", "arts")
    assert pairs(found, "years_ago") == [("fx-interval-2012", 18), ("fx-day-2015", 15)]
    assert len(rows(cli, "on-this-day", "5 March 2030", "--limit", "1")) == 1
    assert cli("on-this-day", "03-05", "--limit", "-1").exit_code == 2


def test_on_this_day_formats(cli: Any) -> None:
    table = ok(cli("on-this-day", "5 March 2030", "--format", "table")).stdout
    assert "Years ago" in table and "On 5 March (years ago counted from 2030)" in table
    csv = ok(cli("on-this-day", "5 March 2030", "--format", "csv")).stdout
    assert csv.splitlines()[0].startswith("years_ago,id,type,date")
    plain = ok(cli("on-this-day", "5 March 2030", "--format", "plain")).stdout.splitlines()
    assert plain[0].split("\t")[:2] == ["20", "2010-03-05"]
    assert ok(cli("on-this-day", "2030-07-04", "--format", "plain")).stdout == ""


def test_on_this_day_errors(cli: Any) -> None:
    result = cli("on-this-day", "2018-03")
    assert result.exit_code == 2 and "is a month, not a day" in result.stderr
    assert cli("on-this-day", "03-05", "--format", "nope").exit_code == 2


# ----------------------------------------------------------------------------- anniversaries


def test_anniversaries_in_a_year_in_date_order(cli: Any) -> None:
    found = rows(cli, "anniversaries", "--year", "2030")
    assert pairs(found, "years") == [("fx-agreement.in-force", 10), ("fx-day-2010", 20), ("fx-day-2015", 15)]
    assert [row["anniversary"] for row in found] == ["2030-01-15", "2030-03-05", "2030-03-05"]
    assert list(found[0])[:3] == ["anniversary", "years", "id"]


def test_anniversaries_only_for_records_known_to_the_day(cli: Any) -> None:
    found = rows(cli, "anniversaries", "--year", "2025")  # 2005 (year only) would be 20
    assert pairs(found, "years") == [("fx-agreement.in-force", 5), ("fx-day-2010", 15), ("fx-day-2015", 10)]
    assert rows(cli, "anniversaries", "--year", "2028") == [], "2008-03 (month only) would be 20"
    # 2017-06-01? would be 10, but it is uncertain; an interval counts from its first day
    found = rows(cli, "anniversaries", "--year", "2027")
    assert pairs(found, "years") == [("fx-interval-2012", 15)]
    assert found[0]["anniversary"] == "2027-03-04"


def test_leap_day_anniversary_in_a_common_year(cli: Any) -> None:
    found = rows(cli, "anniversaries", "--year", "2026")
    assert [(r["id"], r["years"], r["anniversary"]) for r in found] == [
        ("fx-leap-2016", 10, "2026-02-28"),
        ("fx-escaping-2021", 5, "2026-09-09"),
    ]


def test_every_and_default_year(cli: Any, fixed_today: date) -> None:
    assert pairs(rows(cli, "anniversaries", "--year", "2030", "--every", "10"), "years") == [
        ("fx-agreement.in-force", 10),
        ("fx-day-2010", 20),
    ]
    assert rows(cli, "anniversaries") == rows(cli, "anniversaries", "--year", "2030")
    assert cli("anniversaries", "--every", "0").exit_code == 2
    assert cli("anniversaries", "--year", "0").exit_code == 2


def test_anniversaries_table(cli: Any) -> None:
    table = ok(cli("anniversaries", "--year", "2030", "--format", "table")).stdout
    assert "Round anniversaries in 2030" in table and "Anniversary" in table and "Years" in table


def test_commands_have_help_with_examples(cli: Any) -> None:
    for command in ("on-this-day", "anniversaries", "export"):
        text = ok(cli(command, "--help")).stdout
        assert "Examples:" in text and f"azma {command}" in text


# ----------------------------------------------------------------------------- properties


@pytest.fixture(scope="module")
def entries() -> list[Any]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(azma.load, "bundled_data_dir", lambda: EXPORT_FIXTURES)
        dataset = azma.load.load_dataset(use_cache=False)
    return select_timeline(dataset, make_filters(dataset))


@settings(max_examples=examples(200), deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_every_recalled_record_falls_on_the_day(entries: list[Any], day: date) -> None:
    asked = DayOfYear(day.month, day.day, day.year, True)
    found = on_this_day(entries, asked)
    for recalled in found:
        assert recalled.entry.date is not None and known_to_the_day(recalled.entry.date)
        assert recalled.day in record_days(recalled.entry.date)
        leap_moved = (recalled.day.month, recalled.day.day, day.month, day.day) == (2, 29, 2, 28)
        assert (recalled.day.month, recalled.day.day) == (day.month, day.day) or leap_moved
        assert recalled.years_ago == day.year - recalled.day.year >= 0
    expected = {
        e.id
        for e in entries
        if e.date is not None
        and any((d.month, d.day) == (day.month, day.day) and d.year <= day.year for d in record_days(e.date))
    }
    assert expected <= {r.entry.id for r in found}


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(min_value=1990, max_value=2200), st.integers(min_value=1, max_value=30))
def test_anniversaries_are_round_and_day_precise(entries: list[Any], year: int, every: int) -> None:
    found = anniversaries(entries, year, every)
    assert [a.day for a in found] == sorted(a.day for a in found)
    for anniversary in found:
        assert anniversary.entry.date is not None and known_to_the_day(anniversary.entry.date)
        assert anniversary.years > 0 and anniversary.years % every == 0
        assert anniversary.day.year == year
        assert anniversary.years == year - anniversary.entry.date.start.year


def test_an_impossible_day_gets_the_hint_for_a_day(cli: Any) -> None:
    """The hint of --since (decades, seasons) would not help: on-this-day needs a day."""
    result = cli("on-this-day", "2026-02-30")
    assert result.exit_code == 2
    assert "2026-02 has no day 30" in result.stderr and "give a day" in result.stderr
    assert "201X" not in result.stderr and "season" not in result.stderr
