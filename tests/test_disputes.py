"""Disagreements as data: every reading with its sources, in show, JSON, disputes and date filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from azma.errors import DataError
from azma.load import load_dataset
from tests.conftest import FIXTURES, Run

DISPUTED = FIXTURES / "user" / "disputed.toml"


def ok(result: object) -> object:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return result


def test_show_lists_each_reading_with_its_sources(cli: Run, golden: object) -> None:
    text = ok(cli("--data", str(DISPUTED), "show", "disputed-session")).stdout  # type: ignore[attr-defined]
    golden("show-disputed.txt", text)  # type: ignore[operator]
    section = text.split("\ndisputed\n", 1)[1]
    assert "2023-11-13 (the record's reading) — ministry-page" in section
    assert "2023-11-14 — paper-dateline; the dateline of a report printed the next day" in section
    assert "five documents (the record's reading) — ministry-page" in section
    assert "why: The ministry that hosted it gives the 13th" in section


def test_json_marks_the_record_and_carries_every_reading(cli: Run) -> None:
    rows = json.loads(ok(cli("--data", str(DISPUTED), "timeline", "--format", "json")).stdout)  # type: ignore[attr-defined]
    by_id = {r["id"]: r for r in rows}
    disputed = by_id["disputed-session"]
    assert disputed["disputed"] is True
    assert [d["about"] for d in disputed["disputes"]] == ["date", "count"]
    readings = disputed["disputes"][0]["readings"]
    assert [(r["value"], r["sources"], r["lead"]) for r in readings] == [
        ("2023-11-13", ["ministry-page"], True),
        ("2023-11-14", ["paper-dateline"], False),
    ]
    assert all(
        r["disputed"] is False and r["disputes"] == [] for i, r in by_id.items() if i != "disputed-session"
    )


@pytest.mark.parametrize(
    ("since", "until", "found"),
    [
        ("2023-11-14", "2023-11-14", True),  # only the other reading falls here
        ("2023-11-13", "2023-11-13", True),  # the record's own date
        ("2023-11-15", None, False),
        (None, "2023-11-12", False),
    ],
)
def test_a_date_window_matches_any_reading(
    cli: Run, since: str | None, until: str | None, found: bool
) -> None:
    window = [*(["--since", since] if since else []), *(["--until", until] if until else [])]
    for command in ("timeline", "disputes"):
        rows = json.loads(ok(cli("--data", str(DISPUTED), command, *window, "--format", "json")).stdout)  # type: ignore[attr-defined]
        assert ("disputed-session" in {r["id"] for r in rows}) is found, (command, window)


def test_disputes_lists_every_disagreement_in_every_format(cli: Run) -> None:
    rows = json.loads(ok(cli("--data", str(DISPUTED), "disputes", "--format", "json")).stdout)  # type: ignore[attr-defined]
    mine = [r for r in rows if r["id"] == "disputed-session"]
    assert [(r["about"], r["lead"]) for r in mine] == [("date", "2023-11-13"), ("count", "five documents")]
    assert all(len(r["readings"]) >= 2 and all(x["sources"] for x in r["readings"]) for r in rows)
    only_dates = json.loads(
        ok(cli("--data", str(DISPUTED), "disputes", "--about", "when", "--format", "json")).stdout  # type: ignore[attr-defined]
    )
    assert {r["about"] for r in only_dates} == {"date"}  # 'when' is an alias of the topic 'date'
    table = list(
        csv.DictReader(io.StringIO(ok(cli("--data", str(DISPUTED), "disputes", "--format", "csv")).stdout))
    )  # type: ignore[attr-defined]
    assert len(table) == len(rows)
    assert (
        json.loads(table[[r["id"] for r in table].index("disputed-session")]["readings"])[1]["value"]
        == "2023-11-14"
    )
    plain = ok(cli("--data", str(DISPUTED), "disputes", "--format", "plain")).stdout  # type: ignore[attr-defined]
    assert "2023-11-14 (paper-dateline)" in plain
    bad = cli("--data", str(DISPUTED), "disputes", "--about", "colour")
    assert bad.exit_code == 2 and "unknown dispute topic 'colour'" in bad.stderr


def test_the_table_marks_disputed_records(cli: Run) -> None:
    table = ok(cli("--data", str(DISPUTED), "timeline", "--since", "2023-11", "--format", "table")).stdout  # type: ignore[attr-defined]
    assert "2023-11-13 *" in table
    assert "note: * the sources disagree on this record" in table


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('value = "2023-11-14"\nsources = ["paper-dateline"]', 'value = "2023-11-14"\nsources = ["paper-dateline"]\nlead = true',
         "2 readings with lead = true; exactly one must lead"),
        ('sources = ["paper-dateline"]\nnote', "sources = []\nnote", "has no sources"),
        ('value = "2023-11-14"', 'value = "the fourteenth"', "not an EDTF date"),
        ('about = "count"', 'about = "colour"', "unknown dispute topic 'colour'"),
    ],
)  # fmt: skip
def test_validation_of_disputes(tmp_path: Path, old: str, new: str, expected: str) -> None:
    text = DISPUTED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset([path], use_cache=False)
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def test_a_lead_reading_must_be_the_record_s_own_date(tmp_path: Path) -> None:
    path = tmp_path / "lead.toml"
    path.write_text(
        DISPUTED.read_text(encoding="utf-8").replace('date = "2023-11-13"', 'date = "2023-11-12"', 1)
    )
    with pytest.raises(DataError) as caught:
        load_dataset([path], use_cache=False)
    assert any("the lead reading of the date dispute is 2023-11-13" in str(p) for p in caught.value.problems)


def test_a_reading_needs_a_known_source_and_a_single_reading_is_no_dispute(tmp_path: Path) -> None:
    text = DISPUTED.read_text(encoding="utf-8")
    unknown = tmp_path / "unknown.toml"
    unknown.write_text(
        text.replace('sources = ["paper-dateline"]\nnote', 'sources = ["no-such-source"]\nnote', 1)
    )
    with pytest.raises(DataError) as caught:
        load_dataset([unknown], use_cache=False)
    assert any("unknown source 'no-such-source'" in str(p) for p in caught.value.problems)
    single = tmp_path / "single.toml"
    cut = text.index('[[event.dispute.reading]]\nvalue = "2023-11-14"')
    single.write_text(text[:cut] + text[text.index('[[event.dispute]]\nabout = "count"') :])
    with pytest.raises(DataError) as caught:
        load_dataset([single], use_cache=False)
    assert any("needs at least two readings" in str(p) for p in caught.value.problems)
