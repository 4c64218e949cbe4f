"""The machine contract: one serializer per record type, turning records into plain dicts.

json, jsonl, csv and tsv all print these dicts, and the human formats pick columns from them,
so no format can drift from another. Keys are part of the documented JSON contract (README).
"""

from __future__ import annotations

from azma.l10n import label, lang_of
from azma.model import title_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from azma.dates import EDTFDate
    from azma.model import Actor, Agreement, Dispute, Place, Source, Term
    from azma.query.records import DisputeItem, RecordView, SearchHit, Usage
    from azma.query.timeline import TimelineEntry, TradeFigure

if TYPE_CHECKING:
    Row = dict[str, Any]

TIMELINE_KEYS = (
    "id", "type", "date", "start", "end", "start_kind", "end_kind", "date_kind", "precision", "uncertain_in_window",
    "title", "summary", "kind", "fields",
    "places", "actors", "sources", "agreements", "milestones", "part_of", "note", "disputed", "disputes", "lang",
)  # fmt: skip
AGREEMENT_KEYS = (
    "id", "date", "start", "end", "start_kind", "end_kind", "date_kind", "precision", "uncertain_in_window", "title",
    "summary", "official_title", "aliases", "kind",
    "parties", "signatories", "places", "fields", "status", "signed", "milestones", "sources", "note",
    "disputed", "disputes", "lang",
)  # fmt: skip
TRADE_KEYS = (
    "year", "reporter", "partner", "imports", "exports", "turnover", "qualifier", "balance",
    "turnover_change_pct", "unit", "sources", "printed", "caveats", "id", "period", "turnover_change_note",
    "disputed", "disputes",
)  # fmt: skip
SOURCE_KEYS = (
    "id", "title", "publisher", "kind", "printed_date", "date", "start", "end", "start_kind", "end_kind", "date_kind",
    "date_note", "file", "url", "cited_by", "language", "title_en", "note", "copies", "accessed",
)  # fmt: skip
ACTOR_KEYS = (
    "id",
    "name",
    "type",
    "country",
    "roles",
    "aliases",
    "sources",
    "events",
    "agreements",
    "terms",
    "lang",
)
PLACE_KEYS = ("id", "name", "country", "aliases")
FIELD_KEYS = ("id", "description", "aliases", "events", "agreements", "origin", "label", "lang")
DISPUTE_KEYS = (
    "record_type", "id", "date", "start", "end", "start_kind", "end_kind", "date_kind", "title", "about", "question",
    "milestone", "lead", "readings",
    "reason", "lang",
)  # fmt: skip
SEARCH_KEYS = (
    "type",
    "id",
    "date",
    "start",
    "end",
    "start_kind",
    "end_kind",
    "date_kind",
    "title",
    "kind",
    "fields",
    "sources",
    "matched_in",
    "lang",
    "uncertain_in_window",
)


_UNDATED: Row = {
    "date": None, "start": None, "end": None, "start_kind": None, "end_kind": None, "date_kind": None,
    "precision": None, "_gloss": None,
}  # fmt: skip
_DATE_KEYS: dict[str, Row] = {}  # EDTF text -> its keys (many records share a date)


def date_keys(d: EDTFDate | None) -> Row:
    """`date` (EDTF text), `start`/`end` (ISO days, null when open or unknown), `start_kind`/
    `end_kind` (known, open or unknown), `date_kind` (date, interval or set: see the README's
    "Dates"), `precision`, and `_gloss` (the date in words, for people)."""
    if d is None:
        return _UNDATED
    keys = _DATE_KEYS.get(d.text)
    if keys is None:
        keys = _DATE_KEYS[d.text] = {
            "date": d.text,
            "start": None if d.open_start else d.start.isoformat(),
            "end": None if d.open_end else d.end.isoformat(),
            "start_kind": d.start_kind,
            "end_kind": d.end_kind,
            "date_kind": d.kind,
            "precision": d.precision,
            "_gloss": d.words,
        }
    return keys


def _nested_date(d: EDTFDate | None) -> Row:
    """The date keys of an object inside a record (a milestone, a post): no precision, no gloss."""
    return {k: v for k, v in date_keys(d).items() if k not in ("precision", "_gloss")}


def timeline_row(e: TimelineEntry) -> Row:
    return {
        "id": e.id, "type": e.type, **date_keys(e.date), "title": e.title, "summary": e.summary,
        "kind": e.kind, "fields": list(e.fields), "places": list(e.places), "actors": list(e.actors),
        "sources": list(e.sources), "agreements": list(e.agreements),
        "milestones": [{"agreement": a, "what": w} for a, w in e.milestones] if e.milestones else [],
        "part_of": e.part_of, "note": e.note, "disputed": bool(e.disputes),
        "disputes": [dispute_row(d) for d in e.disputes] if e.disputes else [], "lang": lang_of(e.id),
        "uncertain_in_window": e.uncertain_in_window,
        "_window_mark": WINDOW_MARK if e.uncertain_in_window else None,
    }  # fmt: skip


def dispute_row(d: Dispute) -> Row:
    """A disagreement: what it is about, why the record leads with one reading, every reading."""
    return {
        "about": d.about, "question": d.question, "milestone": d.milestone, "reason": d.reason,
        "readings": [
            {"value": r.value, "sources": list(r.sources), "lead": r.lead, "note": r.note} for r in d.readings
        ],
    }  # fmt: skip


WINDOW_MARK = "≈"  # tables and plain output: the date may fall outside the window asked for


def agreement_row(a: Agreement, uncertain: bool = False) -> Row:
    """An agreement; `uncertain`: in the window asked for, but no milestone certainly falls in it."""
    signed = a.signed
    milestones = [
        {"what": m.what, **_nested_date(m.date),
         "event": m.event, "sources": list(m.sources or a.sources), "note": m.note}
        for m in a.milestones
    ]  # fmt: skip
    return {
        "id": a.id, **date_keys(a.date), "title": a.title, "summary": a.summary,
        "official_title": a.official_title,
        "aliases": list(a.aliases), "kind": a.kind, "parties": list(a.parties),
        "signatories": list(a.signatories), "places": list(a.places), "fields": list(a.fields),
        "status": a.status, "signed": signed.text if signed else None, "milestones": milestones,
        "sources": list(a.sources), "note": a.note, "disputed": bool(a.disputes),
        "disputes": [dispute_row(d) for d in a.disputes], "lang": lang_of(a.id),
        "uncertain_in_window": uncertain,
        "_window_mark": WINDOW_MARK if uncertain else None,
    }  # fmt: skip


# the mark tables and plain output put before a figure that is not exact (see views.QUALIFIED)
_QUALIFIER_MARKS = {"approximate": "≈", "at-most": "≤", "at-least": "≥"}


def trade_row(f: TradeFigure) -> Row:
    r = f.row
    return {
        "year": r.year, "reporter": r.reporter, "partner": r.partner, "imports": r.imports,
        "exports": r.exports, "turnover": r.turnover, "qualifier": r.qualifier, "balance": r.balance,
        "turnover_change_pct": f.turnover_change_pct, "unit": r.unit, "sources": list(r.sources),
        "printed": r.printed, "caveats": list(r.caveats), "id": r.id,
        "period": r.period.text if r.period else None, "turnover_change_note": f.change_note,
        "disputed": bool(r.disputes), "disputes": [dispute_row(d) for d in r.disputes],
        "_when": r.period.text if r.period else r.year, "_flagged": f.change_note is not None,
        "_bound": _QUALIFIER_MARKS.get(r.qualifier), "_whole_year": r.period is None,
    }  # fmt: skip


def source_row(s: Source, cited_by: int) -> Row:
    return {
        "id": s.id, "title": s.title, "publisher": s.publisher, "kind": s.kind,
        "printed_date": s.printed_date, **{k: v for k, v in date_keys(s.date).items() if k != "precision"},
        "date_note": s.date_note, "file": s.file, "url": s.url, "cited_by": cited_by,
        "language": s.language, "title_en": s.title_en, "note": s.note,
        "copies": [
            {"url": c.url, "publisher": c.publisher, "file": c.file, "date": c.date.text if c.date else None,
             "language": c.language, "note": c.note}
            for c in s.copies
        ],
        "accessed": s.accessed.text if s.accessed else None,
    }  # fmt: skip


def actor_row(a: Actor, usage: Usage) -> Row:
    return {
        "id": a.id, "name": a.name, "type": a.type, "country": a.country, "roles": list(a.roles),
        "aliases": list(a.aliases), "sources": list(a.sources), "events": usage.events,
        "agreements": usage.agreements,
        "terms": [
            {"role": p.role, **_nested_date(p.date),
             "sources": list(p.sources), "note": p.note}
            for p in a.terms
        ],
        "lang": lang_of(a.id),
    }  # fmt: skip


def place_row(p: Place) -> Row:
    return {"id": p.id, "name": p.name, "country": p.country, "aliases": list(p.aliases)}


def field_row(t: Term, usage: Usage) -> Row:
    return {
        "id": t.id, "description": t.description, "aliases": list(t.aliases),
        "events": usage.events, "agreements": usage.agreements, "origin": t.origin,
        "label": label("field", t.id), "lang": lang_of(t.id),
    }  # fmt: skip


def dispute_item_row(item: DisputeItem) -> Row:
    d = item.dispute
    row = dispute_row(d)
    readings = sorted(row["readings"], key=lambda r: not r["lead"])
    return {
        "record_type": item.type, "id": item.id,
        **{k: v for k, v in date_keys(item.date).items() if k != "precision"},
        "title": item.title, "about": d.about, "question": d.question, "milestone": d.milestone,
        "lead": d.lead.value, "readings": row["readings"], "reason": d.reason, "lang": lang_of(item.id),
        "_readings": [f"{r['value']} ({', '.join(r['sources'])})" for r in readings],
        "_about": d.about + (f" of {d.milestone}" if d.milestone else "") + (f": {d.question}" if d.question else ""),
    }  # fmt: skip


def search_row(hit: SearchHit) -> Row:
    record = hit.record
    return {
        "type": hit.type, "id": record.id, **{k: v for k, v in date_keys(hit.date).items() if k != "precision"},
        "title": title_of(record), "kind": getattr(record, "kind", None),
        "fields": list(getattr(record, "fields", ())), "sources": list(getattr(record, "sources", ())),
        "matched_in": list(hit.matched_in),
        "lang": (getattr(record, "language", None) or "en") if hit.type == "source" else lang_of(str(record.id)),
        "uncertain_in_window": hit.uncertain_in_window,
        "_window_mark": WINDOW_MARK if hit.uncertain_in_window else None,
    }  # fmt: skip


def record_row(view: RecordView) -> Row:
    """The full serialized form of any single record (for `show`)."""
    record: Any = view.record
    if view.type == "milestone":
        return timeline_row(record)
    if view.type == "event" and view.entry is not None:
        return timeline_row(view.entry)
    if view.type == "agreement":
        return agreement_row(record)
    if view.type == "actor":
        return actor_row(record, view.usage)
    if view.type == "place":
        return place_row(record)
    if view.type == "source":
        return source_row(record, view.usage.total)
    assert view.figure is not None
    row = trade_row(view.figure)
    return {k: v for k, v in row.items() if not k.startswith("_")}
