"""Renderers: the machine contract (serialize), machine formats, plain, markdown, Rich, show."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from azma.dates import parse_edtf
from azma.formats import find, names
from azma.formats import serialize as s
from azma.formats import views as listings
from azma.formats.listing import Column, Listing, cell_text
from azma.formats.record import record_document, render_record
from azma.model import Dataset
from azma.query import (
    Filters,
    actors_in_use,
    fields_in_use,
    make_filters,
    search,
    select_agreements,
    select_timeline,
    sources_in_use,
    trade_series,
    view_record,
)
from azma.terminal import Terminal


def renderer(name: str):  # noqa: ANN201
    """The format's renderer, giving the whole text (json comes in chunks)."""
    draw = find(name, "listing").load()

    def whole(listing: Listing, terminal: Terminal) -> str:
        drawn = draw(listing, terminal)
        return drawn if isinstance(drawn, str) else "".join(drawn)

    return whole


def _listings(dataset: Dataset) -> dict[str, tuple[Listing, tuple[str, ...]]]:
    query = make_filters(dataset)
    return {
        "timeline": (listings.timeline(select_timeline(dataset, query)), s.TIMELINE_KEYS),
        "agreements": (listings.agreements(select_agreements(dataset, query)), s.AGREEMENT_KEYS),
        "trade": (listings.trade(trade_series(dataset, Filters())), s.TRADE_KEYS),
        "search": (listings.search(search(dataset, "Rabat", query)), s.SEARCH_KEYS),
        "sources": (listings.sources(sources_in_use(dataset)), s.SOURCE_KEYS),
        "fields": (listings.fields(fields_in_use(dataset)), s.FIELD_KEYS),
        "actors": (listings.actors(actors_in_use(dataset, dataset.actors)), s.ACTOR_KEYS),
    }


@pytest.mark.parametrize("name", ["timeline", "agreements", "trade", "search", "sources", "fields", "actors"])
def test_machine_formats_print_exactly_the_contract_keys(dataset: Dataset, name: str) -> None:
    listing, keys = _listings(dataset)[name]
    assert listing.rows, "the fixture gives every listing rows"
    as_json = json.loads(renderer("json")(listing, Terminal()))
    assert [list(row) for row in as_json] == [list(keys)] * len(listing.rows)
    as_jsonl = [json.loads(line) for line in renderer("jsonl")(listing, Terminal()).splitlines()]
    assert as_jsonl == as_json
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        table = list(csv.reader(io.StringIO(renderer(fmt)(listing, Terminal())), delimiter=delimiter))
        assert table[0] == list(keys)
        assert len(table) == len(as_json) + 1


def test_display_only_keys_stay_out_of_json(dataset: Dataset) -> None:
    listing, _ = _listings(dataset)["agreements"]
    assert all("_milestones" in row for row in listing.rows)  # what the table shows
    assert "_milestones" not in renderer("json")(listing, Terminal())
    assert "_milestones" not in renderer("jsonl")(listing, Terminal())


def test_delimited_cells(dataset: Dataset) -> None:
    listing, _ = _listings(dataset)["agreements"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(renderer("csv")(listing, Terminal())))}
    defence = rows["defence-agreement"]
    assert json.loads(defence["parties"]) == ["Azerbaijan", "Morocco"]
    milestones = json.loads(defence["milestones"])
    assert [(m["what"], m["date"]) for m in milestones] == [
        ("signed", "2024-10-08"),
        ("approved", "2025-01-10"),
    ]
    assert defence["note"] == ""  # null
    assert json.loads(rows["culture-protocol"]["milestones"])[0]["date"] is None  # no date
    trade, _ = _listings(dataset)["trade"]
    figures = list(csv.DictReader(io.StringIO(renderer("tsv")(trade, Terminal())), delimiter="\t"))
    first = figures[0]
    assert (first["year"], first["imports"], first["turnover_change_pct"]) == ("2014", "50.0", "")
    assert json.loads(first["caveats"]) == ["Figures are rounded.", "The first year reported."]
    assert [float(f["balance"]) for f in figures] == [r["balance"] for r in trade.rows]


def test_csv_quotes_what_needs_quoting() -> None:
    listing = Listing("x", ("id", "title"), [{"id": "a", "title": 'comma, "quote"\nnewline'}], ())
    rows = list(csv.reader(io.StringIO(renderer("csv")(listing, Terminal()))))
    assert rows == [["id", "title"], ["a", 'comma, "quote"\nnewline']]


def test_ascii_only_json_escapes() -> None:
    listing = Listing("x", ("id", "title"), [{"id": "a", "title": "Gəncə"}], ())
    assert "Gəncə" in renderer("json")(listing, Terminal())
    assert "\\u0259" in renderer("json")(listing, Terminal(encoding="ascii"))
    assert json.loads(renderer("jsonl")(listing, Terminal(encoding="ascii")))["title"] == "Gəncə"


_ODD = Listing(
    name="odd",
    keys=("id", "title", "n"),
    rows=[{"id": "a", "title": "tab\there\nnew | line", "n": 1234.5}],
    columns=(Column("id", "ID"), Column("title", "Title"), Column("n", "N", "right", number=",.2f")),
    title="A | title",
    notes=("one note",),
)


def test_plain_is_one_line_per_record_with_tabs_between_columns() -> None:
    text = renderer("plain")(_ODD, Terminal())
    assert text == "a\ttab here new | line\t1234.5\n"  # no header, whitespace collapsed, raw number


def test_markdown_escapes_pipes_and_formats_numbers() -> None:
    lines = renderer("markdown")(_ODD, Terminal()).splitlines()
    assert lines[0] == "**A \\| title**"
    assert lines[2] == "| ID | Title | N |"
    assert lines[3] == "|---|---|---:|"
    assert lines[4] == "| a | tab here new \\| line | 1,234.50 |"
    assert lines[-1] == "- one note"


def test_rich_table_fits_the_width_and_has_no_colour_when_off(dataset: Dataset) -> None:
    for name, (listing, _) in _listings(dataset).items():
        for width in (60, 100):
            text = renderer("table")(listing, Terminal(width=width))
            assert "\x1b[" not in text, name
            assert max(len(line) for line in text.splitlines()) <= width, (name, width)


def test_rich_table_ascii_only(dataset: Dataset) -> None:
    listing, _ = _listings(dataset)["trade"]
    listing = listing._replace(chart=("_when", "turnover"))
    text = renderer("table")(listing, Terminal(width=100, encoding="ascii"))
    assert re.findall(r"[\u2500-\u259f]", text) == []  # no box-drawing or block characters
    assert text.splitlines()[2].strip(" -") == ""  # the header's rule, in ASCII
    assert "#" in text  # the chart's ASCII bars
    assert "note: 2014: The first year reported." in text
    assert "2015" in text.split("turnover (thousand USD)")[1]  # the chart follows the table


def test_rich_table_colour_when_asked(dataset: Dataset) -> None:
    listing, _ = _listings(dataset)["timeline"]
    assert "\x1b[" in renderer("table")(listing, Terminal(width=100, color=True))


def test_chart_bars_are_proportional(dataset: Dataset) -> None:
    from azma.formats.text import render_chart

    listing, _ = _listings(dataset)["trade"]
    listing = listing._replace(chart=("_when", "turnover"))
    lines = render_chart(listing, Terminal(width=80, encoding="ascii")).splitlines()
    assert lines[0] == "turnover (thousand USD)"
    assert [line.split()[0] for line in lines[1:]] == [str(r["year"]) for r in listing.rows]
    bars = [line.count("#") for line in lines[1:]]
    turnovers = [r["turnover"] for r in listing.rows]
    longest = max(bars)
    for bar, turnover in zip(bars, turnovers, strict=True):
        assert abs(bar - longest * turnover / max(turnovers)) <= 1
    assert all(len(line) <= 80 for line in lines)
    assert render_chart(listings.trade([], chart=True), Terminal()) == ""


@pytest.mark.parametrize("width", [60, 80, 120])
def test_chart_lines_fit_the_terminal_when_a_bound_runs_off_the_scale(dataset: Dataset, width: int) -> None:
    """A ceiling or a floor ten times the values is cut and ends with ▸: still within the width."""
    from azma.formats.text import render_chart

    listing, _ = _listings(dataset)["trade"]
    rows = list(listing.rows)
    far = max(r["turnover"] for r in rows) * 10
    bounds = [{**rows[0], "turnover": far, "_bound": mark} for mark in ("≤", "≥")]
    listing = listing._replace(chart=("_when", "turnover"), rows=[*rows, *bounds])
    lines = render_chart(listing, Terminal(width=width)).splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[-2].endswith("▸") and lines[-1].endswith("▸")  # both cut, both marked


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(True) == "yes"
    assert cell_text(["a", "b"]) == "a; b"
    assert cell_text(1234.5, number=",.2f") == "1,234.50"
    assert cell_text(-50.0, number="+.1f") == "-50.0"
    assert cell_text(1234.5) == "1234.5"
    assert cell_text({"what": "signed", "date": None}) == "signed"


def test_date_keys() -> None:
    assert s.date_keys(None) == dict.fromkeys(
        ("date", "start", "end", "start_kind", "end_kind", "date_kind", "precision", "_gloss")
    )
    assert s.date_keys(parse_edtf("1994")) == {
        "date": "1994",
        "start": "1994-01-01",
        "end": "1994-12-31",
        "start_kind": "known",
        "end_kind": "known",
        "date_kind": "date",
        "precision": "year",
        "_gloss": None,
    }
    open_end = s.date_keys(parse_edtf("2025-01-10/.."))
    assert (open_end["start"], open_end["end"], open_end["end_kind"]) == ("2025-01-10", None, "open")
    unknown_end = s.date_keys(parse_edtf("2025-01-10/"))
    assert (unknown_end["end"], unknown_end["end_kind"]) == (None, "unknown")
    assert unknown_end["_gloss"] == "from 2025-01-10, end unknown"
    one_of = s.date_keys(parse_edtf("[..2024-03-10]"))
    assert (one_of["start"], one_of["end"], one_of["start_kind"], one_of["date_kind"]) == (
        None, "2024-03-10", "open", "set",
    )  # fmt: skip
    assert s.date_keys(parse_edtf("2019/2021"))["date_kind"] == "interval"


def test_every_format_is_registered_and_renders_an_empty_listing() -> None:
    empty = listings.timeline([])
    assert set(names("listing")) == {"table", "cards", "plain", "json", "jsonl", "csv", "tsv", "markdown"}
    assert renderer("json")(empty, Terminal()) == "[]\n"
    assert renderer("jsonl")(empty, Terminal()) == ""
    assert renderer("csv")(empty, Terminal()) == ",".join(s.TIMELINE_KEYS) + "\n"
    assert renderer("plain")(empty, Terminal()) == ""
    assert renderer("cards")(empty, Terminal()) == "\n"


def test_show_document_of_a_source_names_linked_trade_rows(dataset: Dataset) -> None:
    doc = record_document(view_record(dataset, "src-news"))
    assert doc["record_type"] == "source"
    titles = {link["id"]: link["title"] for link in doc["linked"]}
    assert titles["trade-2015-morocco"] == "Trade 2015 (Morocco–Azerbaijan)"
    assert all(title for title in titles.values())
    assert "None" not in render_record(view_record(dataset, "src-news"), "text")


def test_show_text_of_an_event(dataset: Dataset) -> None:
    text = render_record(view_record(dataset, "commission-2023"), "text")
    lines = text.splitlines()
    assert lines[0] == "event commission-2023"
    assert any(line.split() == ["kind", "meeting"] for line in lines)
    assert not any(line.strip().startswith("part_of") for line in lines)  # empty values are left out
    sources, linked = lines.index("sources"), lines.index("linked")
    assert any("src-news" in line and "Ministers meet" in line for line in lines[sources:linked])
    links = lines[linked + 1 :]
    assert any(
        "economic-memorandum" in line and "Memorandum on economic cooperation" in line for line in links
    )
    assert any("rabat" in line for line in links)
    doc = json.loads(render_record(view_record(dataset, "commission-2023"), "json"))
    assert doc["milestones"] == [{"agreement": "economic-memorandum", "what": "signed"}]
    assert {(link["relation"], link["id"]) for link in doc["linked"]} >= {
        ("agreement", "economic-memorandum"),
        ("actor", "foreign-ministry"),
        ("place", "rabat"),
    }


def test_timeline_rows_are_made_when_read_and_not_kept(dataset: Dataset) -> None:
    """A timeline listing holds its entries, not rows: each read makes the rows afresh (so a
    large JSON answer never has every row in memory), and tables read them once."""
    entries = select_timeline(dataset, make_filters(dataset))
    rows = listings.timeline(entries).rows
    first, second = list(rows), list(rows)
    assert first == second == [s.timeline_row(e) for e in entries]
    assert len(rows) == len(entries) and bool(rows)
    assert all(a is not b for a, b in zip(first, second, strict=True))
    assert rows[-1] == first[-1] and rows[1:3] == first[1:3]
