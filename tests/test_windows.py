"""The window rule (--since/--until, --window), over generated records of every date form.

Three rules (azma.query.filters.WINDOW_RULES): `known` (the default: a record's known dates
reach the window; an open or unknown side reaches nothing), `certain` (it has a day in the
window whichever reading of its date is true) and `possible` (it may have one). The properties:
a window never returns (by default) a record whose known span misses it; certain ⊆ known ⊆
possible; `certain` and `possible` agree with a brute force over every reading of a date; a row
is marked uncertain exactly when it is in the window but not certainly. Then the same rule
through every command: timeline, agreements, search, stats, network, the exports and the API.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azma.dates import EDTFDate, days_in_month, parse_edtf
from azma.model import Dataset, Dispute, Event, Reading
from azma.query import FilterOptions, make_filters, select_timeline
from azma.query.filters import Filters

# Dates in 2019-2021, so that a brute force over their days stays small.
YEARS = st.integers(2019, 2021)


@st.composite
def points(draw: st.DrawFn, plain: bool = False) -> str:
    """A year, month or day (qualified unless `plain`)."""
    year = draw(YEARS)
    precision = draw(st.integers(0, 2))
    text = f"{year}"
    if precision >= 1:
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
        if precision == 2:
            text += f"-{draw(st.integers(1, days_in_month(year, month))):02d}"
    return text if plain else text + draw(st.sampled_from(["", "", "", "?", "~"]))


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    """A date of any form azma reads in the data: a date, a duration (closed, open or unknown
    at either end), one of a set ([A..B], [..B], [A..])."""
    form = draw(st.integers(0, 6))
    if form == 0:
        return draw(points())
    if form == 1:
        a, b = sorted([draw(points()), draw(points())], key=lambda t: parse_edtf(t).start)
        if parse_edtf(a).start > parse_edtf(b).end:
            a, b = b, a
        return f"{a}/{b}" if parse_edtf(a).start <= parse_edtf(b).end else a
    if form == 2:
        return f"{draw(points())}/{draw(st.sampled_from(['..', '']))}"
    if form == 3:
        return f"{draw(st.sampled_from(['..', '']))}/{draw(points())}"
    # one of a set: both ends to the same precision, plain dates
    a = draw(points(plain=True))
    precision = a.count("-")
    b = draw(points(plain=True).filter(lambda t: t.count("-") == precision))
    a, b = sorted([a, b])
    if form == 4:
        return f"[{a}..{b}]"
    return f"[..{b}]" if form == 5 else f"[{a}..]"


@st.composite
def windows(draw: st.DrawFn) -> tuple[date | None, date | None]:
    first = date(2018, 6, 1) + timedelta(days=draw(st.integers(0, 1400)))
    last = first + timedelta(days=draw(st.integers(0, 500)))
    shape = draw(st.sampled_from(["both", "since", "until"]))
    return (None if shape == "until" else first), (None if shape == "since" else last)


def filters(window: tuple[date | None, date | None], rule: str = "known") -> Filters:
    return Filters(since=window[0], until=window[1], window_rule=rule)  # type: ignore[arg-type]


def overlaps(first: date, last: date, window: tuple[date | None, date | None]) -> bool:
    since, until = window
    return (since is None or last >= since) and (until is None or first <= until)


def readings(d: EDTFDate) -> list[tuple[date, date]]:
    """Every reading of a date as the days it occupied (first, last), by brute force: a date or
    one of a set happened on one day it may mean (its shortest reading); a duration lasted from
    a day of its first end to a day of its last. An open or unknown side may be any day of
    2015-2025 (wide enough for every window generated)."""
    lo, hi = date(2015, 1, 1), date(2025, 12, 31)
    first_lo = d.start if d.start_kind == "known" else lo
    last_hi = d.end if d.end_kind == "known" else hi
    if d.kind != "interval":
        return [(day, day) for day in _days(first_lo, last_hi)]
    assert d.latest_start is not None and d.earliest_end is not None
    starts = _days(first_lo, d.latest_start if d.start_kind == "known" else d.known_span.end)
    ends = _days(d.earliest_end if d.end_kind == "known" else d.known_span.start, last_hi)
    # the shortest reading from each start is all that matters for "has a day in the window"
    return [(s, max(s, ends[0])) for s in starts if s <= ends[-1]]


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(date_texts(), windows())
def test_each_rule_means_what_it_says_for_every_date_form(
    text: str, window: tuple[date | None, date | None]
) -> None:
    d = parse_edtf(text)
    known, certain, possible = (filters(window, rule).window(d) for rule in ("known", "certain", "possible"))
    # a window never returns a record whose known span misses it
    assert known == overlaps(*d.known_span, window), (text, window)
    # the careful reader's options bracket the default
    assert (not certain or known) and (not known or possible), (text, window)
    # possible: it may have a day in the window (its earliest and latest days overlap it)
    assert possible == overlaps(d.start, d.end, window)
    # certain: every reading has a day in the window (and a ?/~ date is never certain)
    every = all(overlaps(first, last, window) for first, last in readings(d))
    assert certain == (every and not d.uncertain and not d.approximate), (text, window)
    # the mark: in the window, not certainly
    assert filters(window).uncertain([d]) == (not certain), (text, window)


def test_the_issues_examples() -> None:
    ongoing = parse_edtf("2006-09/..")  # an agreement in force
    window = filters((date(2025, 6, 1), None))
    assert not window.window(ongoing)
    assert filters((date(2025, 6, 1), None), "possible").window(ongoing)
    briefing = parse_edtf("[2024-01-01..2024-02-06]")  # one meeting between the two days
    assert filters((date(2024, 2, 1), date(2024, 2, 29))).window(briefing)
    assert filters((date(2024, 2, 1), date(2024, 2, 29))).uncertain([briefing])
    assert not filters((date(2024, 2, 1), date(2024, 2, 29)), "certain").window(briefing)
    assert filters((date(2024, 1, 1), date(2024, 2, 29)), "certain").window(briefing)
    reported = parse_edtf("[..2024-03-10]")  # a report dated 10 March about an undated happening
    assert not filters((date(2024, 1, 1), date(2024, 2, 29))).window(reported)
    assert filters((date(2024, 1, 1), date(2024, 2, 29)), "possible").window(reported)
    assert filters((date(2024, 3, 1), date(2024, 3, 31))).window(reported)
    assert not filters((date(2024, 3, 1), date(2024, 3, 31)), "certain").window(reported)
    festival = parse_edtf("2008-03-02/2008-03-04")
    assert filters((date(2008, 3, 3), date(2008, 3, 3)), "certain").window(festival)
    assert not filters((date(2099, 1, 1), None), "known").window(parse_edtf("2019/.."))


# ----------------------------------------------------------------------------- records


@st.composite
def events(draw: st.DrawFn, index: int) -> Event:
    text = draw(date_texts())
    disputes: tuple[Dispute, ...] = ()
    if draw(st.integers(0, 4)) == 0:  # a disputed date: a second reading
        other = draw(points())
        lead = Reading(text, ("src-news",), True, date=parse_edtf(text))
        disputes = (Dispute("date", (lead, Reading(other, ("src-news",), date=parse_edtf(other))), "why"),)
    return Event(
        f"e{index}", f"Event {index}", ("culture",), ("src-news",), parse_edtf(text), disputes=disputes
    )


@st.composite
def record_sets(draw: st.DrawFn) -> list[Event]:
    return [draw(events(i)) for i in range(draw(st.integers(1, 12)))]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(record_sets(), windows())
def test_the_timeline_takes_records_by_the_rule_and_marks_the_uncertain(
    dataset: Dataset, made: list[Event], window: tuple[date | None, date | None]
) -> None:
    data = dataset._replace(events=tuple(made), agreements=())
    chosen = {
        rule: {e.id: e for e in select_timeline(data, filters(window, rule))}
        for rule in ("certain", "known", "possible")
    }
    assert set(chosen["certain"]) <= set(chosen["known"]) <= set(chosen["possible"])
    by_id = {e.id: e for e in made}
    for rid, entry in chosen["known"].items():
        spans = [d.known_span for d in by_id[rid].dates]
        assert any(overlaps(first, last, window) for first, last in spans), rid
        assert entry.uncertain_in_window == (rid not in chosen["certain"]), rid
    for rid in chosen["certain"]:
        assert all(filters(window, "certain").window(d) for d in by_id[rid].dates)


# ----------------------------------------------------------------------------- the same rule everywhere

SETS = """
[[source]]
id = "w-src"
title = "A report"
publisher = "Example Daily"
kind = "newspaper"
language = "en"

[[event]]
id = "w-briefing"
date = "[2024-01-01..2024-02-06]"
title = "A briefing on one day between 1 January and 6 February"
kind = "meeting"
fields = ["culture"]
actors = ["anna-example"]
sources = ["w-src"]

[[event]]
id = "w-reported"
date = "[..2024-03-10]"
title = "A happening a report of 10 March does not date"
kind = "meeting"
fields = ["culture"]
places = ["marrakesh"]
actors = ["anna-example"]
sources = ["w-src"]

[[event]]
id = "w-ongoing"
date = "2006-09/.."
title = "Something in force since 2006"
kind = "meeting"
fields = ["culture"]
sources = ["w-src"]
"""


@pytest.fixture
def sets_file(tmp_path: Path) -> Path:
    path = tmp_path / "sets.toml"
    path.write_text(SETS, encoding="utf-8")
    return path


def ids(text: str) -> list[str]:
    return [row["id"] for row in json.loads(text)]


def test_every_command_and_the_api_take_the_same_window(cli, sets_file: Path) -> None:  # type: ignore[no-untyped-def]
    data = ("--data", str(sets_file))
    window = ("--since", "2024-02", "--until", "2024-02")
    timeline = json.loads(cli(*data, "timeline", *window, "--format", "json").stdout)
    mine = [r for r in timeline if r["id"].startswith("w-")]
    assert [(r["id"], r["uncertain_in_window"], r["date_kind"]) for r in mine] == [
        ("w-briefing", True, "set")
    ]
    assert (mine[0]["start"], mine[0]["end"]) == ("2024-01-01", "2024-02-06")
    certain = ids(cli(*data, "timeline", *window, "--window", "certain", "--format", "json").stdout)
    assert "w-briefing" not in certain
    possible = ids(cli(*data, "timeline", *window, "--window", "possible", "--format", "json").stdout)
    assert {"w-briefing", "w-reported", "w-ongoing"} <= set(possible)
    # the API, the search, the stats and the exports see the same records
    from azma.load import load_dataset
    from azma.query.selection import select_for_export

    loaded = load_dataset([sets_file], use_cache=False)
    api = [
        e.id
        for e in select_timeline(
            loaded, make_filters(loaded, FilterOptions(since="2024-02", until="2024-02"))
        )
    ]
    assert api == [r["id"] for r in timeline]
    exported = select_for_export(loaded, FilterOptions(since="2024-02", until="2024-02"))
    assert [e.id for e in exported.entries] == api
    hits = ids(
        cli(
            *data, "search", "happening", "--since", "2024-02", "--until", "2024-02", "--format", "json"
        ).stdout
    )
    assert hits == []
    hits = ids(cli(*data, "search", "happening", *window, "--window", "possible", "--format", "json").stdout)
    assert hits == ["w-reported"]
    stats = json.loads(cli(*data, "stats", *window, "--format", "json").stdout)
    assert sum(r["count"] for r in stats) == len(timeline)
    network = cli(*data, "network", *window, "--format", "json")
    assert network.exit_code in (0, 1)
    late = cli(*data, "timeline", "--since", "2099", "--format", "json")
    assert (late.exit_code, late.stdout) == (0, "[]\n")
    export = cli(*data, "export", "timelinejs", "--since", "2100", "-o", str(sets_file.parent / "t.json"))
    assert export.exit_code == 1 and not (sets_file.parent / "t.json").exists()


def test_a_set_is_one_day_in_the_calendar_only_when_asked_and_never_on_this_day(cli, sets_file: Path) -> None:  # type: ignore[no-untyped-def]
    out = sets_file.parent / "c.ics"
    data = ("--data", str(sets_file))
    cli(*data, "export", "ics", "--since", "2024", "--until", "2024-03", "-o", str(out))
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    assert "w-briefing@azma" not in text
    result = cli(
        *data,
        "export",
        "ics",
        "--since",
        "2024",
        "--until",
        "2024-03",
        "--include-imprecise",
        "-o",
        str(out),
        "--force",
    )
    assert result.exit_code == 0, result.stderr
    unfolded = out.read_bytes().decode("utf-8").replace("\r\n ", "")
    event = next(e for e in unfolded.split("BEGIN:VEVENT") if "UID:w-briefing@azma" in e)
    assert "DTSTART;VALUE=DATE:20240101" in event and "DTEND;VALUE=DATE:20240102" in event  # one day
    assert "one day between 2024-01-01 and 2024-02-06" in event
    for day in ("01-01", "01-15", "02-06", "03-10"):
        rows = json.loads(cli(*data, "on-this-day", day, "--format", "json").stdout)
        assert not any(r["id"].startswith("w-") for r in rows), day


# ----------------------------------------------------------------------------- repeated options


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["timeline", "--since", "2018", "--since", "2019"], "--since"),
        (["agreements", "--until", "2018", "--until", "2019"], "--until"),
        (["export", "ics", "--window", "certain", "--window", "possible", "--since", "2018"], "--window"),
        (["timeline", "--limit", "1", "--limit", "2"], "--limit"),
        (["stats", "--limit", "1", "--limit", "2"], "--limit"),
        (["actors", "--limit", "1", "--limit", "2"], "--limit"),
        (["search", "rabat", "--since", "2018", "--since", "2019"], "--since"),
    ],
)
def test_an_option_that_sets_one_value_is_refused_when_repeated(cli, args: list[str], option: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert result.exit_code == 2
    assert f"{option} was given 2 times" in result.stderr and f"give {option} once" in result.stderr
    assert result.stdout == ""


def test_options_that_name_what_to_look_for_are_any_of_them(cli, sets_file: Path) -> None:  # type: ignore[no-untyped-def]
    def listed(*args: str) -> set[str]:
        result = cli("--data", str(sets_file), "timeline", *args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return set(ids(result.stdout))

    for option, first, second in (
        ("--actor", "anna", "ministry"),
        ("--place", "rabat", "marrakesh"),
        ("--text", "culture", "commission"),
    ):
        one, other = listed(option, first), listed(option, second)
        assert one and other and one != other, option
        assert listed(option, first, option, second) == one | other, option


def test_an_unknown_window_rule_is_refused_with_the_choices(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("timeline", "--since", "2018", "--window", "certian")
    assert (
        result.exit_code == 2
        and "--window: unknown rule 'certian' (did you mean 'certain'?)" in result.stderr
    )


def test_uncertain_rows_are_marked_in_tables_and_plain_output(cli, sets_file: Path) -> None:  # type: ignore[no-untyped-def]
    data = ("--data", str(sets_file), "timeline", "--since", "2024-02", "--until", "2024-02")
    plain = cli(*data, "--format", "plain").stdout.splitlines()
    assert [line.split("\t")[0] for line in plain if line.endswith("w-briefing")] == [
        "[2024-01-01..2024-02-06] ≈"
    ]
    table = cli(*data, "--format", "table").stdout
    assert "2024-02-06] ≈" in table  # the set breaks after its '..' in a narrow column
    assert "note: ≈ its date may fall outside the window asked for" in table
    whole = cli(
        "--data", str(sets_file), "timeline", "--since", "2024", "--until", "2024", "--format", "plain"
    ).stdout
    assert [line.split("\t")[0] for line in whole.splitlines() if line.endswith("w-briefing")] == [
        "[2024-01-01..2024-02-06]"
    ]
    assert (
        "≈" not in cli("--data", str(sets_file), "timeline", "--format", "plain").stdout
    )  # no window, no mark
