"""`azma show`: one record in full, with its sources, its disputed points and linked records.

It formats a RecordView (built by `azma.query.records.view_record`) as JSON or as aligned
`key  value` lines; at a terminal every string from the data has its control characters made
visible.
"""

from __future__ import annotations

import textwrap

from azma.formats.serialize import date_keys, record_row
from azma.l10n import current, t
from azma.safe import dump_json, for_terminal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from azma.query.records import RecordView
    from azma.terminal import Terminal


def record_document(view: RecordView) -> dict[str, Any]:
    """The JSON of `show`: the record's own keys plus `record_type`, `source_details`, `linked`."""
    details = [
        {"id": s.id, "title": s.title, "publisher": s.publisher, "date": s.date.text if s.date else None,
         "kind": s.kind, "url": s.url, "language": s.language}
        for s in view.sources
    ]  # fmt: skip
    linked = [
        {"relation": link.relation, "type": link.type, "id": link.id, "date": date_keys(link.date)["date"],
         "title": link.title}
        for link in view.links
    ]  # fmt: skip
    row = {k: v for k, v in record_row(view).items() if not k.startswith("_")}  # display-only keys
    return {"record_type": view.type, **row, "source_details": details, "linked": linked}


_VOCABULARIES = {
    "kind": ("event_kind", "milestone_kind", "agreement_kind", "source_kind"),
    "fields": ("field",),
    "status": ("status",),
}


def render_record_text(view: RecordView, terminal: Terminal) -> str:
    """`azma show`'s text: wrapped to the terminal's width at a terminal, whole lines in a pipe."""
    return render_record(view, "text", terminal.width if terminal.is_tty else None)


def render_record_json(view: RecordView, terminal: Terminal) -> str:
    return render_record(view, "json")


def render_record(view: RecordView, fmt: str, wrap: int | None = None) -> str:
    """The record as JSON, or as aligned `key  value` lines (wrapped to `wrap` columns if given)."""
    doc = record_document(view)
    if fmt == "json":
        return dump_json(doc) + "\n"
    lines = [_text(f"{doc['record_type']} {doc.get('id', '')}".rstrip())]
    skip = {
        "record_type",
        "source_details",
        "linked",
        "start",
        "end",
        "start_kind",
        "end_kind",
        "disputes",
        "disputed",
        "lang",
        "date_kind",  # the gloss says it in words
        "uncertain_in_window",  # no window here
    }
    width = max(len(k) for k in doc if k not in skip)
    pad = " " * (width + 4)

    def add(first: str, text: str, indent: str = pad) -> None:
        if wrap is None or wrap <= len(indent) + 20:
            lines.append(first + text)
        else:
            lines.extend(
                textwrap.wrap(
                    text, wrap, initial_indent=first, subsequent_indent=indent,
                    break_on_hyphens=False, break_long_words=False,
                )
            )  # fmt: skip

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
        elif key == "official_title":
            add(label, t("yes: the title above is the document's own"))
        elif key == "date" and isinstance(value, str):
            from azma.formats.listing import gloss

            words = gloss(value) if wrap is not None else None  # the date in words, at a terminal
            add(label, _text(value) + (f" ({words})" if words else ""))
        elif key in _VOCABULARIES and current() != "en":
            from azma.l10n import term_label

            vocab = _VOCABULARIES[key]
            add(
                label,
                _text(
                    [term_label(vocab, v) for v in value]
                    if isinstance(value, list)
                    else term_label(vocab, value)
                ),
            )
        else:
            add(label, _text(value))
    if doc.get("disputes"):
        lines.append(t("disputed"))
        for dispute in doc["disputes"]:
            about = dispute["about"] + (f" of '{dispute['milestone']}'" if dispute.get("milestone") else "")
            add("  ", _text(f"{about}: {dispute['question']}" if dispute.get("question") else about), "    ")
            for reading in dispute["readings"]:
                lead = t(" (the record's reading)") if reading["lead"] else ""
                text = f"{reading['value']}{lead} — {', '.join(reading['sources'])}"
                add("    - ", _text(text + (f"; {reading['note']}" if reading.get("note") else "")), "      ")
            add("    " + t("why:") + " ", _text(dispute["reason"]), "      ")
    if doc["source_details"]:
        lines.append(t("sources"))
        for s in doc["source_details"]:
            text = f"{s['id']}: {s['title']} — {s['publisher']}, {s['date'] or t('undated')} ({s['kind']})"
            add("  ", _text(text + (f" {s['url']}" if s.get("url") else "")), "    ")
    if doc["linked"]:
        lines.append(t("linked"))
        for link in doc["linked"]:
            when = f" {link['date']}" if link["date"] else ""
            what = (
                link["type"] if link["relation"] == link["type"] else f"{link['relation']} ({link['type']})"
            )
            add("  ", _text(f"{what}: {link['id']}{when} — {link['title']}"), "    ")
    return "\n".join(lines) + "\n"


def _item(item: dict[str, Any]) -> str:
    """A nested object (a milestone, a post, a copy) on one line: its values, then its note after a dash."""
    words = [
        _text(v)
        for k, v in item.items()
        if v not in (None, [], "")
        and k not in ("start", "end", "start_kind", "end_kind", "date_kind", "sources", "note", "event")
    ]
    if item.get("event"):
        words.append(f"(at {_text(item['event'])})")
    return " ".join(words) + (f" — {_text(item['note'])}" if item.get("note") else "")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return for_terminal(" ".join(str(value).split()))
