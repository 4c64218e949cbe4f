"""The machine contract: one serializer per record type, turning records into plain dicts.

json, jsonl, csv and tsv all print these dicts, and the human formats pick columns from them,
so no format can drift from another. Keys are part of the documented JSON contract (README).
"""

from __future__ import annotations

from typing import Any

from azma.dates import EDTFDate
from azma.model import Actor, Agreement, Dataset, Place, Source, Term
from azma.query import SearchHit, TimelineEntry, TradeFigure, Usage

Row = dict[str, Any]

TIMELINE_KEYS = (
    "id", "type", "date", "start", "end", "precision", "title", "summary", "kind", "fields",
    "places", "actors", "sources", "agreements", "milestones", "part_of", "note",
)  # fmt: skip
AGREEMENT_KEYS = (
    "id", "date", "start", "end", "precision", "title", "summary", "official_title", "aliases", "kind",
    "parties", "signatories", "places", "fields", "status", "signed", "milestones", "sources", "note",
)  # fmt: skip
TRADE_KEYS = (
    "year", "reporter", "partner", "imports", "exports", "turnover", "balance",
    "turnover_change_pct", "unit", "sources", "printed", "caveats", "id",
)  # fmt: skip
SOURCE_KEYS = (
    "id", "title", "publisher", "kind", "printed_date", "date", "start", "end", "date_note",
    "file", "url", "cited_by",
)  # fmt: skip
ACTOR_KEYS = ("id", "name", "type", "country", "roles", "aliases", "sources", "events", "agreements")
PLACE_KEYS = ("id", "name", "country", "aliases")
FIELD_KEYS = ("id", "description", "aliases", "events", "agreements")
SEARCH_KEYS = ("type", "id", "date", "start", "end", "title", "kind", "fields", "sources", "matched_in")


_UNDATED: Row = {"date": None, "start": None, "end": None, "precision": None}
_DATE_KEYS: dict[str, Row] = {}  # EDTF text -> its keys (many records share a date)


def date_keys(d: EDTFDate | None) -> Row:
    """`date` (EDTF text), `start`/`end` (ISO days, null when open or undated), `precision`."""
    if d is None:
        return _UNDATED
    keys = _DATE_KEYS.get(d.text)
    if keys is None:
        keys = _DATE_KEYS[d.text] = {
            "date": d.text,
            "start": None if d.open_start else d.start.isoformat(),
            "end": None if d.open_end else d.end.isoformat(),
            "precision": d.precision,
        }
    return keys


def timeline_row(e: TimelineEntry) -> Row:
    return {
        "id": e.id, "type": e.type, **date_keys(e.date), "title": e.title, "summary": e.summary,
        "kind": e.kind, "fields": list(e.fields), "places": list(e.places), "actors": list(e.actors),
        "sources": list(e.sources), "agreements": list(e.agreements),
        "milestones": [{"agreement": a, "what": w} for a, w in e.milestones],
        "part_of": e.part_of, "note": e.note,
    }  # fmt: skip


def agreement_row(a: Agreement) -> Row:
    signed = a.signed
    milestones = [
        {"what": m.what, **{k: v for k, v in date_keys(m.date).items() if k != "precision"},
         "event": m.event, "sources": list(m.sources or a.sources), "note": m.note}
        for m in a.milestones
    ]  # fmt: skip
    return {
        "id": a.id, **date_keys(a.date), "title": a.title, "summary": a.summary,
        "official_title": a.official_title,
        "aliases": list(a.aliases), "kind": a.kind, "parties": list(a.parties),
        "signatories": list(a.signatories), "places": list(a.places), "fields": list(a.fields),
        "status": a.status, "signed": signed.text if signed else None, "milestones": milestones,
        "sources": list(a.sources), "note": a.note,
    }  # fmt: skip


def trade_row(f: TradeFigure) -> Row:
    r = f.row
    return {
        "year": r.year, "reporter": r.reporter, "partner": r.partner, "imports": r.imports,
        "exports": r.exports, "turnover": r.turnover, "balance": r.balance,
        "turnover_change_pct": f.turnover_change_pct, "unit": r.unit, "sources": list(r.sources),
        "printed": r.printed, "caveats": list(r.caveats), "id": r.id,
    }  # fmt: skip


def source_row(s: Source, cited_by: int) -> Row:
    return {
        "id": s.id, "title": s.title, "publisher": s.publisher, "kind": s.kind,
        "printed_date": s.printed_date, **{k: v for k, v in date_keys(s.date).items() if k != "precision"},
        "date_note": s.date_note, "file": s.file, "url": s.url, "cited_by": cited_by,
    }  # fmt: skip


def actor_row(a: Actor, usage: Usage) -> Row:
    return {
        "id": a.id, "name": a.name, "type": a.type, "country": a.country, "roles": list(a.roles),
        "aliases": list(a.aliases), "sources": list(a.sources), "events": usage.events,
        "agreements": usage.agreements,
    }  # fmt: skip


def place_row(p: Place) -> Row:
    return {"id": p.id, "name": p.name, "country": p.country, "aliases": list(p.aliases)}


def field_row(t: Term, usage: Usage) -> Row:
    return {
        "id": t.id, "description": t.description, "aliases": list(t.aliases),
        "events": usage.events, "agreements": usage.agreements,
    }  # fmt: skip


def search_row(hit: SearchHit, dataset: Dataset) -> Row:
    record = hit.record
    title = getattr(record, "title", None) or getattr(record, "name", None)
    if title is None:  # a trade row
        title = f"Trade {record.year} ({record.reporter}–{record.partner})"  # type: ignore[union-attr]
    d = hit.date
    return {
        "type": hit.type, "id": record.id, **{k: v for k, v in date_keys(d).items() if k != "precision"},
        "title": title, "kind": getattr(record, "kind", None), "fields": list(getattr(record, "fields", ())),
        "sources": list(getattr(record, "sources", ())), "matched_in": list(hit.matched_in),
    }  # fmt: skip


def record_row(kind: str, record: Any, dataset: Dataset) -> Row:
    """The full serialized form of any single record (for `show`)."""
    from azma.query import count_by

    if kind == "milestone":
        return timeline_row(record)
    if kind == "event":
        from azma.query import timeline_entries

        entry = next(e for e in timeline_entries(dataset) if e.type == "event" and e.id == record.id)
        return timeline_row(entry)
    if kind == "agreement":
        return agreement_row(record)
    if kind == "actor":
        return actor_row(record, count_by(dataset, "actors").get(record.id, Usage()))
    if kind == "place":
        return place_row(record)
    if kind == "source":
        return source_row(record, count_by(dataset, "sources").get(record.id, Usage()).total)
    from azma.query import Query, trade_series

    figure = next((f for f in trade_series(dataset, Query()) if f.row == record), TradeFigure(record, None))
    return trade_row(figure)
