"""TimelineJS3 JSON: the document https://timeline.knightlab.com reads (its 'JSON format').

    {"title": {"text": {"headline", "text"}},
     "events": [{"start_date": {"year", "month"?, "day"?}, "end_date"?: {…},
                 "text": {"headline", "text"}, "group", "unique_id", "display_date"?}]}

Dates carry only the parts the data knows: a year-only record has just `year`, a month-precise
one `year` and `month`. Intervals get an `end_date`; an open end is left out and said in
`display_date`, as are the ?/~ qualifiers. Slide text is HTML (escaped data) ending with the
sources. Undated records are left out: TimelineJS cannot place them.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from azma.dates import EDTFDate, parse_edtf
from azma.formats.citations import source_text
from azma.formats.listing import ExportOptions, date_label
from azma.query.selection import Selection
from azma.query.timeline import TimelineEntry


def date_parts(text: str) -> dict[str, int]:
    """One end of an EDTF date as TimelineJS date parts, only the known ones."""
    point = parse_edtf(text)
    parts = {"year": point.start.year}
    if point.precision in ("month", "day"):
        parts["month"] = point.start.month
    if point.precision == "day":
        parts["day"] = point.start.day
    return parts


def slide_dates(d: EDTFDate) -> dict[str, Any]:
    """`start_date`, `end_date` (intervals with a known end) and `display_date` when needed."""
    left, _, right = d.text.partition("/")
    out: dict[str, Any] = {}
    if not d.interval:
        out["start_date"] = date_parts(d.text)
    elif d.open_start:
        out["start_date"] = date_parts(right)
    else:
        out["start_date"] = date_parts(left)
        if not d.open_end:
            out["end_date"] = date_parts(right)
    if d.open_start or d.open_end or d.uncertain or d.approximate:
        out["display_date"] = date_label(d.text)
    return out


def export_timelinejs(selection: Selection, options: ExportOptions) -> str:
    span = selection.span()
    intro = f"{len(selection.dated)} dated records"
    if span:
        intro += f" from {span[0]} to {span[1]}"
    document = {
        "title": {
            "text": {
                "headline": escape(selection.title),
                "text": f"<p>{escape(intro)}.</p><p>Filters: {escape(selection.filters_text())}.</p>",
            }
        },
        "events": [_slide(selection, e, e.date) for e in selection.entries if e.date is not None],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _slide(selection: Selection, entry: TimelineEntry, when: EDTFDate) -> dict[str, Any]:
    paragraphs = []
    if entry.summary:
        paragraphs.append(f"<p>{escape(entry.summary)}</p>")
    facts = [f"{entry.kind}", ", ".join(entry.fields)]
    if entry.places:
        facts.append(", ".join(selection.place_name(p) for p in entry.places))
    paragraphs.append(f"<p>{escape(' · '.join(facts))}</p>")
    stages = selection.agreement_stages(entry)
    if stages:
        paragraphs.append(f"<p>Agreements: {escape('; '.join(stages))}</p>")
    if entry.note:
        paragraphs.append(f"<p><em>Note:</em> {escape(entry.note)}</p>")
    cited = []
    for source in selection.sources_of(entry.sources):
        text = escape(source_text(source))
        if source.url:
            text += f' <a href="{escape(source.url)}">{escape(source.url)}</a>'
        cited.append(f"<li>{text}</li>")
    paragraphs.append(f"<p>Sources:</p><ul>{''.join(cited)}</ul>")
    return {
        **slide_dates(when),
        "text": {"headline": escape(entry.title), "text": "".join(paragraphs)},
        "group": entry.fields[0] if entry.fields else entry.kind,
        "unique_id": entry.id,
    }
