"""`azma export`: ics, timelinejs, markdown and html over tests/fixtures/export.

These tests point azma's bundled-data folder at tests/fixtures/export (its own vocabulary and
records, with every kind of date the exporters handle), so they depend neither on data/ nor on
the other fixtures. The markdown report is a golden file (tests/golden/export/report.md),
refreshed with: python -m pytest --update-goldens

The HTML page is opened in a real browser in tests/test_export_page.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

import azma.load
from azma.formats import find, names
from azma.formats.listing import ExportOptions
from azma.query import FilterOptions, select_for_export

TESTS = Path(__file__).resolve().parent
EXPORT_FIXTURES = TESTS / "fixtures" / "export"

# What the fixture's timeline holds, by how an export must treat it.
DAY_PRECISE = {
    "fx-day-2010", "fx-interval-2012", "fx-day-2015", "fx-leap-2016", "fx-uncertain-2017",
    "fx-agreement.in-force", "fx-escaping-2021",
}  # fmt: skip
IMPRECISE = {"fx-year-2005", "fx-month-2008", "fx-open-2019"}
UNDATED = {"fx-undated"}


@pytest.fixture(autouse=True)
def _export_fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(azma.load, "bundled_data_dir", lambda: EXPORT_FIXTURES)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stderr
    return result


def timeline_rows(cli: Any, *filters: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(ok(cli("timeline", *filters, "--format", "json")).stdout)
    return rows


# ----------------------------------------------------------------------------- registry and CLI


def test_registry_names_every_format_and_the_help_lists_them(cli: Any) -> None:
    assert names("export") == ["ics", "timelinejs", "markdown", "html"]
    help_text = ok(cli("export", "--help")).stdout
    for name in names("export"):
        assert name in help_text
    assert "Examples:" in help_text
    assert callable(find("markdown", "export").load())


def test_unknown_format_is_a_usage_error_with_a_suggestion(cli: Any) -> None:
    result = cli("export", "htm")
    assert result.exit_code == 2
    assert "unknown export format 'htm'" in result.stderr and "'html'" in result.stderr


def test_include_imprecise_is_for_ics_only(cli: Any) -> None:
    result = cli("export", "markdown", "--include-imprecise")
    assert result.exit_code == 2
    assert "ics only" in result.stderr


def test_bad_filter_values_are_usage_errors(cli: Any) -> None:
    assert cli("export", "ics", "--field", "nope").exit_code == 2
    assert cli("export", "ics", "--since", "2020", "--until", "2010").exit_code == 2


@pytest.mark.parametrize("name", ["timelinejs", "markdown", "html"])
def test_paths_other_than_ics_import_neither_icalendar_nor_rich(name: str) -> None:
    script = (
        "import sys, pathlib, azma.load\n"
        f"azma.load.bundled_data_dir = lambda: pathlib.Path({str(EXPORT_FIXTURES)!r})\n"
        f"sys.argv = ['azma', 'export', {name!r}]\n"
        "from azma.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.split('.')[0] in ('icalendar', 'rich'))))\n"
    )
    env = {**os.environ, "AZMA_NO_CACHE": "1"}
    env.pop("AZMA_DATA", None)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith("[]"), done.stderr


# ----------------------------------------------------------------------------- writing files


def test_output_file_is_written_whole_and_nothing_else_is_left(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    ok(cli("export", "markdown", "-o", str(target)))
    assert target.read_text(encoding="utf-8") == ok(cli("export", "markdown")).stdout
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_an_existing_file_is_kept_without_force(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "cal.ics"
    target.write_text("precious", encoding="utf-8")
    result = cli("export", "ics", "-o", str(target))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(target) in lines[0] and "--force" in lines[0]
    assert target.read_text(encoding="utf-8") == "precious"
    ok(cli("export", "ics", "-o", str(target), "--force"))
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.ics"]


def test_a_failed_write_leaves_no_partial_file(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import azma.files as output

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", disk_full)
    new = tmp_path / "new.html"
    old = tmp_path / "old.html"
    old.write_text("old page", encoding="utf-8")
    result = cli("export", "html", "-o", str(new))
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert cli("export", "html", "-o", str(old), "--force").exit_code == 3
    assert old.read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.html"]


def test_a_missing_folder_is_an_output_error(cli: Any, tmp_path: Path) -> None:
    result = cli("export", "ics", "-o", str(tmp_path / "no" / "such" / "cal.ics"))
    assert result.exit_code == 3
    assert "cannot write" in result.stderr


def test_dash_means_stdout(cli: Any) -> None:
    assert ok(cli("export", "timelinejs", "-o", "-")).stdout == ok(cli("export", "timelinejs")).stdout


# ----------------------------------------------------------------------------- ics


def calendar_of(text: str) -> Any:
    from icalendar import Calendar

    return Calendar.from_ical(text)


def events_by_uid(text: str) -> dict[str, Any]:
    calendar = calendar_of(text)
    events = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)), "duplicate UIDs"
    return {uid: event for uid, event in zip(uids, events, strict=True)}


def test_ics_has_one_all_day_event_per_day_precise_record(cli: Any) -> None:
    events = events_by_uid(ok(cli("export", "ics")).stdout)
    assert set(events) == {f"{i}@azma" for i in DAY_PRECISE}
    for event in events.values():
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date, "all-day events carry VALUE=DATE"
        assert end > start
    day = events["fx-day-2010@azma"]
    assert (day.decoded("DTSTART"), day.decoded("DTEND")) == (date(2010, 3, 5), date(2010, 3, 6))
    interval = events["fx-interval-2012@azma"]
    assert (interval.decoded("DTSTART"), interval.decoded("DTEND")) == (date(2012, 3, 4), date(2012, 3, 7))
    leap = events["fx-leap-2016@azma"]
    assert (leap.decoded("DTSTART"), leap.decoded("DTEND")) == (date(2016, 2, 29), date(2016, 3, 1))
    assert (
        str(events["fx-uncertain-2017@azma"]["SUMMARY"])
        == "[2017-06-01?: uncertain] Possibly a visit to Rabat"
    )
    assert str(day["SUMMARY"]) == "Ministers meet in Rabat"


def test_ics_matches_the_timeline_one_event_per_exported_record(cli: Any) -> None:
    for filters in ([], ["--field", "culture"], ["--since", "2012", "--until", "2016"]):
        rows = timeline_rows(cli, *filters)
        precise = {r["id"] for r in rows if r["precision"] == "day" and r["start"] and r["end"]}
        events = events_by_uid(ok(cli("export", "ics", *filters)).stdout)
        assert set(events) == {f"{i}@azma" for i in precise}, filters


def test_ics_imprecise_records_only_when_asked(cli: Any) -> None:
    plain = events_by_uid(ok(cli("export", "ics")).stdout)
    assert not {f"{i}@azma" for i in IMPRECISE} & set(plain)
    events = events_by_uid(ok(cli("export", "ics", "--include-imprecise")).stdout)
    assert set(events) == {f"{i}@azma" for i in DAY_PRECISE | IMPRECISE}, "undated records are never exported"
    month = events["fx-month-2008@azma"]
    assert str(month["SUMMARY"]) == "[2008-03: month only] Embassy opens in Baku"
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (date(2008, 3, 1), date(2008, 3, 2))
    year = events["fx-year-2005@azma"]
    assert str(year["SUMMARY"]) == "[2005: year only] First official visit"
    assert year.decoded("DTSTART") == date(2005, 1, 1)
    opened = events["fx-open-2019@azma"]
    assert str(opened["SUMMARY"]) == "[2019-05-01/..: end open] Joint culture programme runs"
    assert (opened.decoded("DTSTART"), opened.decoded("DTEND")) == (date(2019, 5, 1), date(2019, 5, 2))


def test_ics_is_byte_stable_and_keeps_uids(cli: Any) -> None:
    first = ok(cli("export", "ics", "--include-imprecise")).stdout_bytes
    second = ok(cli("export", "ics", "--include-imprecise")).stdout_bytes
    assert first == second
    stamps = {event.decoded("DTSTAMP") for event in calendar_of(first.decode()).walk("VEVENT")}
    # the latest source date of the fixture, not the clock
    assert {(s.replace(tzinfo=None), s.utcoffset()) for s in stamps} == {
        (datetime(2020, 6, 30), timedelta(0))
    }
    narrowed = events_by_uid(ok(cli("export", "ics", "--field", "culture")).stdout)
    everything = events_by_uid(first.decode())
    assert set(narrowed) < set(everything), "the same record keeps its UID whatever the filters"


def test_ics_follows_rfc_5545_lines_and_carries_the_details(cli: Any) -> None:
    data = ok(cli("export", "ics")).stdout_bytes
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and len(line) <= 75 for line in lines), (
        "lines end CRLF and are folded at 75 octets"
    )
    calendar = calendar_of(data.decode())
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    for component in calendar.walk():
        assert not component.errors, component.errors
    day = events_by_uid(data.decode())["fx-day-2010@azma"]
    description = str(day["DESCRIPTION"])
    assert "A day-precise meeting" in description
    assert "The Fixture Gazette" in description and "An almanac of made-up relations" in description
    assert "https://example.org/gazette" in description
    assert str(day["LOCATION"]) == "Rabat"
    escaped = events_by_uid(data.decode())["fx-escaping-2021@azma"]
    assert str(escaped["SUMMARY"]) == 'Talks on <b>tags</b> & "quotes" | pipes *stars* [brackets]'


# ----------------------------------------------------------------------------- timelinejs

_DATE_PARTS = ("year", "month", "day")
_SLIDE_KEYS = {"start_date", "end_date", "text", "group", "unique_id", "display_date"}


def timelinejs_problems(document: Any) -> list[str]:
    """Check a document against the TimelineJS3 JSON shape azma documents; [] when it fits."""
    problems: list[str] = []

    def text_object(where: str, value: Any) -> None:
        if not isinstance(value, dict) or set(value) - {"headline", "text"}:
            problems.append(f"{where}: text must be an object with headline and text")
            return
        for key in ("headline", "text"):
            if not isinstance(value.get(key), str):
                problems.append(f"{where}: text.{key} must be a string")

    def date_object(where: str, value: Any) -> None:
        if not isinstance(value, dict) or "year" not in value or set(value) - set(_DATE_PARTS):
            problems.append(f"{where}: a date is an object of year[, month[, day]]")
            return
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
            problems.append(f"{where}: date parts must be integers")
            return
        if "day" in value and "month" not in value:
            problems.append(f"{where}: a day without a month")
            return
        if "month" in value and not 1 <= value["month"] <= 12:
            problems.append(f"{where}: month {value['month']}")
            return
        if "day" in value:
            try:
                date(value["year"], value["month"], value["day"])
            except ValueError:
                problems.append(f"{where}: no such day {value}")

    if not isinstance(document, dict) or set(document) != {"title", "events"}:
        return ["the document must be an object with exactly title and events"]
    if not isinstance(document["title"], dict):
        problems.append("title must be an object")
    else:
        text_object("title", document["title"].get("text"))
    if not isinstance(document["events"], list):
        return [*problems, "events must be a list"]
    seen: set[str] = set()
    for index, slide in enumerate(document["events"]):
        where = f"events[{index}]"
        if not isinstance(slide, dict):
            problems.append(f"{where}: must be an object")
            continue
        missing = {"start_date", "text", "unique_id"} - set(slide)  # group is optional
        if missing:
            problems.append(f"{where}: missing {sorted(missing)}")
        if set(slide) - _SLIDE_KEYS:
            problems.append(f"{where}: unexpected {sorted(set(slide) - _SLIDE_KEYS)}")
        date_object(f"{where}.start_date", slide.get("start_date"))
        if "end_date" in slide:
            date_object(f"{where}.end_date", slide["end_date"])
        text_object(where, slide.get("text"))
        for key in ("group", "unique_id", "display_date"):
            if key in slide and not isinstance(slide[key], str):
                problems.append(f"{where}: {key} must be a string")
        if slide.get("unique_id") in seen:
            problems.append(f"{where}: duplicate unique_id {slide.get('unique_id')}")
        seen.add(str(slide.get("unique_id")))
    return problems


def test_timeline_shape_checker_catches_bad_documents() -> None:
    good = {
        "title": {"text": {"headline": "h", "text": "t"}},
        "events": [{"start_date": {"year": 2008, "month": 3}, "text": {"headline": "h", "text": "t"},
                    "group": "g", "unique_id": "a"}],
    }  # fmt: skip
    assert timelinejs_problems(good) == []
    bad_day = json.loads(json.dumps(good))
    bad_day["events"][0]["start_date"] = {"year": 2008, "day": 3}
    assert timelinejs_problems(bad_day)
    bad_key = json.loads(json.dumps(good))
    bad_key["events"][0]["colour"] = "red"
    assert timelinejs_problems(bad_key)
    assert timelinejs_problems({"events": []})


def test_timelinejs_has_the_documented_shape_and_only_known_date_parts(cli: Any) -> None:
    document = json.loads(ok(cli("export", "timelinejs", "--group", "field")).stdout)
    assert timelinejs_problems(document) == []
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    rows = {row["id"]: row for row in timeline_rows(cli)}
    assert set(slides) == {i for i, r in rows.items() if r["date"] is not None}, (
        "undated records are left out"
    )
    parts = {"year": ["year"], "month": ["year", "month"], "day": ["year", "month", "day"]}
    for record_id, slide in slides.items():
        assert list(slide["start_date"]) == parts[rows[record_id]["precision"]], record_id
        assert slide["group"] == rows[record_id]["fields"][0]
    assert slides["fx-year-2005"]["start_date"] == {"year": 2005}
    assert slides["fx-month-2008"]["start_date"] == {"year": 2008, "month": 3}
    assert slides["fx-interval-2012"]["end_date"] == {"year": 2012, "month": 3, "day": 6}
    assert "end_date" not in slides["fx-open-2019"]
    assert slides["fx-open-2019"]["display_date"] == "from 2019-05-01, open end"
    assert "end_date" not in slides["fx-day-2010"] and "display_date" not in slides["fx-day-2010"]


def test_timelinejs_group_is_chosen_by_the_user(cli: Any) -> None:
    rows = {row["id"]: row for row in timeline_rows(cli)}
    plain = json.loads(ok(cli("export", "timelinejs")).stdout)
    assert timelinejs_problems(plain) == []
    assert not any("group" in slide for slide in plain["events"])  # default none: no group rows
    by_kind = json.loads(ok(cli("export", "timelinejs", "--group", "kind")).stdout)
    assert {s["unique_id"]: s["group"] for s in by_kind["events"]} == {
        s["unique_id"]: rows[s["unique_id"]]["kind"] for s in by_kind["events"]
    }
    bad = cli("export", "timelinejs", "--group", "kinds")
    assert (
        bad.exit_code == 2
        and bad.stderr == "azma: --group: unknown grouping 'kinds' (did you mean 'kind'?)\n"
    )
    bad = cli("export", "html", "--group", "kind")
    assert bad.exit_code == 2 and bad.stderr.startswith("azma: --group applies to timelinejs only")


def test_timelinejs_slides_cite_their_sources_and_escape_the_data(cli: Any) -> None:
    slides = {s["unique_id"]: s for s in json.loads(ok(cli("export", "timelinejs")).stdout)["events"]}
    text = slides["fx-day-2010"]["text"]["text"]
    assert "The Fixture Gazette" in text and "An almanac of made-up relations" in text
    escaping = slides["fx-escaping-2021"]["text"]
    assert "<b>" not in escaping["headline"] and "&lt;b&gt;tags&lt;/b&gt;" in escaping["headline"]
    assert "<script>" not in escaping["text"]


# ----------------------------------------------------------------------------- markdown


def test_markdown_report_matches_the_golden_file(cli: Any, golden: Any) -> None:
    golden("export/report.md", ok(cli("export", "markdown")).stdout)


def test_markdown_report_with_filters_matches_the_golden_file(cli: Any, golden: Any) -> None:
    golden(
        "export/report-culture-since-2012.md",
        ok(cli("export", "markdown", "--field", "culture", "--since", "2012")).stdout,
    )


def test_markdown_citations_all_resolve_to_the_numbered_sources(cli: Any) -> None:
    report = ok(cli("export", "markdown")).stdout
    body, _, sources = report.partition("\n## Sources\n")
    numbered = [int(n) for n in re.findall(r"^(\d+)\. ", sources, re.M)]
    assert numbered == list(range(1, len(numbered) + 1)) and numbered
    cited = {int(n) for n in re.findall(r"(?<!\\)\[(\d+)\]", body)}
    assert cited == set(numbered)
    for line in body.splitlines():
        if line.startswith("- **") or (
            line.startswith("| ") and not line.startswith("| Date") and not line.startswith("| Year")
        ):
            assert re.search(r"\[\d+\]", line), f"a record without a citation: {line}"


def test_markdown_report_sections_and_overview(cli: Any) -> None:
    report = ok(cli("export", "markdown", "--field", "culture")).stdout
    headings = re.findall(r"^## (.+)$", report, re.M)
    assert headings[0] == "Overview" and headings[-3:] == ["Agreements", "Trade", "Sources"]
    assert headings[1:-3] == ["2012", "2015", "2019", "2020"]
    assert "- Filters: --field culture" in report
    assert (
        "No trade figures: trade rows have no fields, kinds, actors or places, so --field leaves them out."
        in report
    )
    everything = ok(cli("export", "markdown")).stdout
    assert "Made-up figures for the tests." in everything and "2020: 2020 is a pandemic year." in everything


# ----------------------------------------------------------------------------- html: static checks


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def html_tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_html_loads_nothing_from_outside(cli: Any) -> None:
    page = ok(cli("export", "html")).stdout
    tags = html_tags(page)
    assert not [t for t, a in tags if "src" in a], "no element loads a src"
    assert all((a.get("href") or "").startswith("data:") for t, a in tags if t == "link")
    external = [a["href"] for t, a in tags if t == "a" and re.match(r"https?://", a.get("href") or "")]
    assert external == ["https://example.org/gazette"], "the only external URLs are links to sources"
    assert "@import" not in page and "url(" not in page
    csp = next(
        a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp


def test_html_is_accessible_markup(cli: Any) -> None:
    page = ok(cli("export", "html")).stdout
    tags = html_tags(page)
    names = [t for t, _ in tags]
    assert ("html", {"lang": "en"}) in tags
    assert names.count("h1") == 1 and all(n in names for n in ("header", "nav", "main", "footer"))
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in tags)
    labelled = {a.get("for") for t, a in tags if t == "label"}
    controls = [a.get("id") for t, a in tags if t in ("input", "select")]
    assert controls and all(c in labelled for c in controls)
    assert "@media print" in page


def test_trade_chart_draws_bounds_approximations_and_part_years_apart(dataset: Any) -> None:
    from azma.formats.html import bar_chart
    from azma.query import make_filters, trade_series
    from azma.query.timeline import TradeFigure

    figures = trade_series(dataset, make_filters(dataset))
    assert len(figures) >= 4

    def qualified(figure: TradeFigure, qualifier: str) -> TradeFigure:
        return TradeFigure(figure.row._replace(qualifier=qualifier), None)

    top = max(figures, key=lambda f: f.row.turnover)
    ceiling = qualified(top._replace(row=top.row._replace(turnover=top.row.turnover * 20)), "at-most")
    drawn = [ceiling, qualified(figures[1], "approximate"), *figures[2:]]
    svg = "\n".join(bar_chart(drawn, "thousand USD", "c"))
    kinds = re.findall(r'data-kind="([a-z-]+)"', svg)
    expected = ["at-most", "approximate"]
    expected += [
        f.row.qualifier if f.row.qualifier != "exact" else "part" if f.row.period else "total"
        for f in figures[2:]
    ]
    assert kinds == expected
    assert '<rect class="bound"' in svg and "≤ " in svg and "~" in svg
    # the ceiling, twenty times the largest value, does not set the scale: the largest value fills it
    heights = [
        float(h)
        for h in re.findall(r'<rect class="bar[^"]*" x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"', svg)
    ]
    assert max(heights) > 150
    legend = svg[svg.index('class="legend chart-legend"') :]
    assert "a ceiling (≤)" in legend and "approximate" in legend
    plain = "\n".join(bar_chart(figures[:1], "thousand USD", "c"))
    assert "chart-legend" not in plain or "part of the year" in plain  # a legend only when kinds differ


def test_html_trade_table_marks_a_bound_as_the_terminal_table_does(cli: Any, tmp_path: Path) -> None:
    """The page's table of figures keeps a ceiling's ≤ (and an approximate figure's ≈) beside the
    number, so 50,000 is not read as a total there any more than in the chart."""
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[trade]]\nyear = 2022\nreporter = "unknown"\npartner = "Azerbaijan–Morocco (both ways)"\n'
        'turnover = 50000.0\nunit = "thousand USD"\nqualifier = "at-most"\n'
        'sources = ["fx-gazette"]\n',
        encoding="utf-8",
    )
    page = ok(cli("export", "html", "--data", str(mine))).stdout
    table = page[page.index('<table class="cards"><caption>Trade figures') :]
    assert '<td class="num" data-label="Turnover">≤ 50,000.00</td>' in table
    plain = ok(cli("trade", "--data", str(mine), "--format", "plain")).stdout
    assert "≤ 50000" in plain or "≤ 50,000" in plain


def test_html_escapes_the_data(cli: Any) -> None:
    page = ok(cli("export", "html")).stdout
    assert "<b>tags</b>" not in page and "<script>alert" not in page
    assert "Talks on &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;" in page
    assert page.count("<script>") == 1


# ----------------------------------------------------------------------------- the Python API


def test_exporters_run_from_the_python_api() -> None:
    dataset = azma.load.load_dataset(use_cache=False)
    selection = select_for_export(dataset, FilterOptions(field=["culture"]))
    assert {e.id for e in selection.entries} == {
        "fx-interval-2012",
        "fx-day-2015",
        "fx-open-2019",
        "fx-agreement.in-force",
    }
    assert [a.id for a in selection.agreements] == ["fx-agreement"]
    assert selection.trade == (), "trade rows have no fields"
    assert selection.filters_text() == "--field culture"
    assert "--field leaves them out" in selection.trade_note
    for name in names("export"):
        assert find(name, "export").load()(selection, ExportOptions()).endswith("\n")


def test_trade_follows_the_date_window_and_text_only() -> None:
    dataset = azma.load.load_dataset(use_cache=False)
    assert [f.row.year for f in select_for_export(dataset).trade] == [2019, 2020]
    assert [f.row.year for f in select_for_export(dataset, FilterOptions(since="2020")).trade] == [2020]
    pandemic = select_for_export(dataset, FilterOptions(text="pandemic"))
    assert [f.row.year for f in pandemic.trade] == [2020] and pandemic.entries == ()
    for filters in ({"field": ["trade"]}, {"kind": ["visit"]}, {"actor": "Testova"}, {"place": "Baku"}):
        assert select_for_export(dataset, FilterOptions(**filters)).trade == (), filters  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- hostile files, every date form

HOSTILE = TESTS / "fixtures" / "hostile" / "hostile.toml"
DIGITS = TESTS / "fixtures" / "hostile" / "digits.toml"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile(cli: Any, *args: str) -> Result:
    return ok(cli("--data", str(HOSTILE), "export", *args))


@pytest.mark.parametrize(
    "args", [["ics"], ["ics", "--include-imprecise"], ["timelinejs"], ["markdown"], ["html"]]
)
def test_a_hostile_file_goes_through_every_export_harmless(cli: Any, args: list[str]) -> None:
    text = hostile(cli, *args).stdout
    decoded = json.dumps(json.loads(text), ensure_ascii=False) if args[0] == "timelinejs" else text
    assert not CONTROL.search(decoded.replace("\r\n", "\n")), "no ESC, BEL or other control character"
    if args[0] == "timelinejs":
        decoded = "".join(s["text"]["headline"] + s["text"]["text"] for s in json.loads(text)["events"])
    if args[0] in ("timelinejs", "html"):
        tags = html_tags(decoded)
        assert not [t for t, _ in tags if t in ("img", "iframe", "object", "embed")]
        scripts = [a for t, a in tags if t == "script"]
        data_block = {"type": "application/json", "id": "search-data"}  # the page's texts are in it too
        assert scripts == ([data_block, {}] if args[0] == "html" else [])
        hrefs = [a.get("href") or "" for t, a in tags if t == "a"]
        assert all(h.startswith(("#", "https://example.org/")) for h in hrefs), hrefs
        assert not [a for _, a in tags if any(k.startswith("on") for k in a)], "no event handler attribute"
    if args[0] == "markdown":
        assert "<img" not in text and "<script" not in text
        assert not re.search(r"(?<!\\)\]\(javascript", text), "no Markdown link to javascript:"
        assert "<https://ok/>" not in text and "<javascript:" not in text
        assert "https://ok/&gt; &lt;img src=x onerror=alert(2)&gt;" in text, "a bad URL is shown as text"
        assert "\\# not a heading" in text, "a summary cannot start a heading"


def test_markdown_escapes_like_the_markdown_listing(cli: Any) -> None:
    report = hostile(cli, "markdown").stdout
    listing = ok(cli("--data", str(HOSTILE), "timeline", "--format", "markdown")).stdout
    title = "Title with OSC &lt;img src=x onerror=alert(4)&gt; \\[x\\](javascript:alert(5))"
    assert title in report and title in listing


def test_ics_holds_the_last_day_a_date_can_have(cli: Any) -> None:
    events = events_by_uid(hostile(cli, "ics").stdout)
    last = events["hx-end-of-time@azma"]
    assert last.decoded("DTSTART") == date(9999, 12, 31) and "DTEND" not in last
    assert last.decoded("DURATION") == timedelta(days=1)
    interval = events["hx-to-end-of-time@azma"]
    assert interval.decoded("DTSTART") + (interval.decoded("DURATION") - timedelta(days=1)) == date(
        9999, 12, 31
    )


def test_ics_says_what_it_left_out_and_how_to_include_it(cli: Any) -> None:
    result = hostile(cli, "ics")
    written = len(events_by_uid(result.stdout))
    message = result.stderr.strip()
    assert message.count("\n") == 0 and message.startswith("azma: export ics: ")
    assert f"{written} of 19 records written" in message
    assert "6 imprecise" in message and "--include-imprecise" in message
    assert "1 dated outside the years 1 to 9999" in message and "1 undated" in message
    wider = hostile(cli, "ics", "--include-imprecise")
    assert len(events_by_uid(wider.stdout)) == written + 6
    assert "imprecise" not in wider.stderr and "1 undated" in wider.stderr
    assert ok(cli("export", "markdown")).stderr == "", "exports that hold every record say nothing"


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["ics", "--text", "no such words"], "widen the filters"),
        (["timelinejs", "--text", "no such words"], "widen the filters"),
        (["ics", "--since", "2005", "--until", "2005"], "--include-imprecise"),
    ],
)
def test_an_empty_calendar_or_timelinejs_is_an_error(cli: Any, args: list[str], hint: str) -> None:
    result = cli("export", *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"azma: export {args[0]}: no record to export") and hint in result.stderr


@pytest.mark.parametrize("name", ["ics", "timelinejs", "markdown", "html"])
def test_non_ascii_digits_are_refused_by_every_export(cli: Any, name: str) -> None:
    result = cli("--data", str(DIGITS), "export", name)
    assert result.exit_code == 1 and result.stdout == ""
    assert "the digits 0-9 only" in result.stderr


def test_an_open_start_sits_under_its_known_end_year(cli: Any) -> None:
    report = hostile(cli, "markdown").stdout
    headings = re.findall(r"^## (.+)$", report, re.M)[1:-3]
    assert headings[0] == "101 BCE" and headings[-2:] == ["9999", "Undated"]
    years = [int(h) for h in headings[1:-1]]
    assert years == sorted(years) and years[0] == 2005, "../2019 does not open the report"
    section_2019 = report.split("\n## 2019\n")[1].split("\n## ")[0]
    assert "Done by 2019, start open" in section_2019
    page = hostile(cli, "html").stdout
    order = re.findall(r'<section class="year" id="year-([^"]+)"', page)
    assert order[:2] == ["101-bce", "2005"] and order[-1] == "undated"
    assert page.index('id="r-hx-open-start"') > page.index('id="year-2019"')


def test_timelinejs_places_every_date_form(cli: Any) -> None:
    document = json.loads(hostile(cli, "timelinejs").stdout)
    assert timelinejs_problems(document) == []
    slides = {s["unique_id"]: s for s in document["events"]}
    decade = slides["hx-decade"]
    assert (decade["start_date"], decade["end_date"], decade["display_date"]) == (
        {"year": 2010},
        {"year": 2019},
        "2010s",
    )
    season = slides["hx-season"]
    assert (season["start_date"], season["end_date"]) == (
        {"year": 2018, "month": 3},
        {"year": 2018, "month": 5},
    )
    assert season["display_date"] == "spring 2018"
    opened = slides["hx-open-start"]
    assert opened["start_date"] == {"year": 2019} and "end_date" not in opened
    assert opened["display_date"] == "on or before 2019"
    assert slides["hx-bce"]["start_date"] == {"year": -100} and slides["hx-bce"]["display_date"] == "101 BCE"
    assert slides["hx-end-of-time"]["start_date"] == {"year": 9999, "month": 12, "day": 31}
    text = slides["hx-osc"]["text"]["text"]
    assert "(address given as text: javascript:alert(3))" in text
    assert "Sources:" in text and "<a " not in text
