"""The bundled data in data/: the only tests that read it. They check its shape, not its answers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli
from typer.testing import Result

from azma.dates import parse_edtf
from azma.load import load_dataset
from azma.model import Dataset

Run = Callable[..., Result]


@pytest.fixture
def bundled(real_data: Path) -> Dataset:
    return load_dataset(use_cache=False)


@pytest.fixture
def raw_tables(real_data: Path) -> dict[str, list[dict[str, Any]]]:
    """Every [[table]] of data/*.toml as written, read without azma's loader."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(real_data.glob("*.toml")):
        for name, entries in tomli.loads(path.read_text(encoding="utf-8")).items():
            tables.setdefault(name, []).extend(entries)
    return tables


def _written_dates(tables: dict[str, list[dict[str, Any]]]) -> Iterator[tuple[str, str]]:
    for table in ("source", "event"):
        for entry in tables.get(table, []):
            if "date" in entry:
                yield entry["id"], entry["date"]
    for agreement in tables.get("agreement", []):
        for milestone in agreement.get("milestones", []):
            if "date" in milestone:
                yield f"{agreement['id']}.{milestone['what']}", milestone["date"]


def test_every_source_is_cited(bundled: Dataset) -> None:
    cited: set[str] = set()
    for record in (*bundled.events, *bundled.agreements, *bundled.trade, *bundled.actors):
        cited.update(record.sources)
    for agreement in bundled.agreements:
        for milestone in agreement.milestones:
            cited.update(milestone.sources)
    uncited = [s.id for s in bundled.sources if s.id not in cited]
    assert bundled.sources
    assert uncited == []


def test_every_date_parses_with_the_precision_its_text_states(
    raw_tables: dict[str, list[dict[str, Any]]],
) -> None:
    dates = list(_written_dates(raw_tables))
    assert dates
    for where, text in dates:
        parsed = parse_edtf(text)
        assert parsed.text == text, where
        assert parsed.start <= parsed.end, where
        if re.fullmatch(r"[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?[?~%]?", text):
            # a plain date's precision is what its text states: YYYY, YYYY-MM or YYYY-MM-DD
            assert parsed.precision == ("year", "month", "day")[text.count("-")], where


def test_loaded_dates_are_the_written_ones(
    bundled: Dataset, raw_tables: dict[str, list[dict[str, Any]]]
) -> None:
    written = dict(_written_dates(raw_tables))
    for event in bundled.events:
        assert (event.date.text if event.date else None) == written.get(event.id), event.id


def test_every_record_has_fields_and_sources(bundled: Dataset) -> None:
    for record in (*bundled.events, *bundled.agreements):
        assert len(record.fields) >= 1, record.id
        assert len(record.sources) >= 1, record.id
    for row in bundled.trade:
        assert len(row.sources) >= 1, row.id
    for actor in bundled.actors:
        assert len(actor.sources) >= 1, actor.id


def test_validate_passes_on_the_bundled_data(real_data: Path, cli: Run) -> None:
    result = cli("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "valid" in result.stderr


# ----------------------------------------------------------------------------- sources and disputes

SOURCE_PACK = Path(__file__).resolve().parents[2] / "shared"  # beside the clone, as CI lays it


def _cited(bundled: Dataset) -> set[str]:
    from azma.query.records import cited_sources

    return {s for record in (*bundled.events, *bundled.agreements, *bundled.actors, *bundled.trade)
            for s in cited_sources(record)}  # fmt: skip


def test_every_source_is_cited_and_weighable(bundled: Dataset) -> None:
    cited = _cited(bundled)
    for source in bundled.sources:
        assert source.id in cited, f"source {source.id} is cited by no record"
        assert source.kind in bundled.vocabularies.source_kinds.ids, source.id
        assert source.language, f"source {source.id} has no language"
        assert source.url, f"source {source.id} has no url"
        assert source.date is not None or source.date_note, f"source {source.id}: no date and no note on why"


@pytest.mark.skipif(
    not (SOURCE_PACK / "sources").is_dir(), reason="the source pack (../shared/) is not beside this clone"
)
def test_every_document_of_the_pack_is_a_source_or_a_copy(bundled: Dataset) -> None:
    """Every document in shared/sources and shared/seeds is cited (data/README lists none left out)."""
    files = {s.file for s in bundled.sources} | {c.file for s in bundled.sources for c in s.copies}
    pack = {p.name for folder in ("sources", "seeds") for p in (SOURCE_PACK / folder).glob("[0-9]*.txt")}
    assert len(pack) == 155
    assert pack <= files, sorted(pack - files)


def test_every_disagreement_has_two_sourced_readings_and_a_reason(bundled: Dataset) -> None:
    known = {s.id for s in bundled.sources}
    disputes = [d for r in (*bundled.events, *bundled.agreements, *bundled.trade) for d in r.disputes]
    assert len(disputes) >= 20  # the record keeps its disagreements (34 when this test was written)
    for dispute in disputes:
        assert len(dispute.readings) >= 2 and dispute.reason.strip()
        assert sum(r.lead for r in dispute.readings) == 1
        for reading in dispute.readings:
            assert reading.sources and set(reading.sources) <= known, reading


def test_the_record_reaches_2026(bundled: Dataset) -> None:
    latest = max(e.date.end for e in bundled.events if e.date and e.date.end_kind == "known")
    assert latest.year >= 2026
