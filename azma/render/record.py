"""`azma show`: one record in full, with its sources and linked records, as text or JSON."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from azma.model import Dataset, TradeRow
from azma.query import find_record, linked_records
from azma.render.serialize import date_keys, record_row


def record_document(dataset: Dataset, record_id: str) -> dict[str, Any]:
    """The JSON of `show`: the record's own keys plus `record_type`, `source_details`, `linked`."""
    kind, record = find_record(dataset, record_id)
    row = record_row(kind, record, dataset)
    cited = getattr(record, "sources", ())
    known = {s.id: s for s in dataset.sources}
    details = [
        {"id": s.id, "title": s.title, "publisher": s.publisher, "date": s.date.text if s.date else None,
         "kind": s.kind}
        for s in (known[c] for c in cited if c in known)
    ]  # fmt: skip
    linked = []
    for relation, link_kind, other in linked_records(dataset, record_id):
        title = getattr(other, "title", None) or getattr(other, "name", None)
        if isinstance(other, TradeRow):  # no title of its own: named as in search results
            title = f"Trade {other.year} ({other.reporter}–{other.partner})"
        when = date_keys(getattr(other, "date", None))["date"]
        linked.append(
            {
                "relation": relation,
                "type": link_kind,
                "id": other.id,
                "date": when,
                "title": title,
            }
        )
    return {"record_type": kind, **row, "source_details": details, "linked": linked}


def render_record(dataset: Dataset, record_id: str, fmt: str, wrap: int | None = None) -> str:
    """The record as JSON, or as aligned `key  value` lines (wrapped to `wrap` columns if given)."""
    doc = record_document(dataset, record_id)
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    lines = [f"{doc['record_type']} {doc.get('id', '')}".rstrip()]
    skip = {"record_type", "source_details", "linked", "start", "end"}
    width = max(len(k) for k in doc if k not in skip)
    pad = " " * (width + 4)

    def add(first: str, text: str) -> None:
        if wrap is None or wrap <= len(pad) + 20:
            lines.append(first + text)
        else:
            lines.extend(
                textwrap.wrap(text, wrap, initial_indent=first, subsequent_indent=pad, break_on_hyphens=False)
            )

    for key, value in doc.items():
        if key in skip or value in (None, [], "", False):
            continue
        label = f"  {key:<{width}}  "
        if (
            isinstance(value, list)
            and value
            and (isinstance(value[0], dict) or max(len(str(v)) for v in value) > 40)
        ):
            items = [_item(item) if isinstance(item, dict) else _text(item) for item in value]  # one a line
            add(label, items[0])
            for item in items[1:]:
                add(pad, item)
        else:
            add(label, _text(value))
    if doc["source_details"]:
        lines.append("sources")
        for s in doc["source_details"]:
            add("  ", f"{s['id']}: {s['title']} — {s['publisher']}, {s['date'] or 'undated'} ({s['kind']})")
    if doc["linked"]:
        lines.append("linked")
        for link in doc["linked"]:
            when = f" {link['date']}" if link["date"] else ""
            what = (
                link["type"] if link["relation"] == link["type"] else f"{link['relation']} ({link['type']})"
            )
            add("  ", f"{what}: {link['id']}{when} — {link['title']}")
    return "\n".join(lines) + "\n"


def _item(item: dict[str, Any]) -> str:
    """A nested object (a milestone) on one line: its values, then its note after a dash."""
    words = [
        str(v)
        for k, v in item.items()
        if v not in (None, [], "") and k not in ("start", "end", "sources", "note", "event")
    ]
    if item.get("event"):
        words.append(f"(at {item['event']})")
    return " ".join(words) + (f" — {_text(item['note'])}" if item.get("note") else "")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split())
