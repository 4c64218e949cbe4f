"""A listing for people in this run's language: headers, vocabulary labels, dates in words and
numbers as the language writes them. Machine formats never come here: their keys, ids and
vocabulary ids stay as they are, with the text already in the language (see azma.l10n)."""

from __future__ import annotations

from azma.l10n import country, t, term_label

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from azma.formats.listing import Listing

# row keys holding vocabulary ids, and their vocabulary; "kind" is an event's, an agreement's or
# a milestone's kind, whichever has the id
_VOCABULARY_KEYS = {"fields": ("field",), "status": ("status",), "about": ("dispute_topic",)}
_KIND = ("event_kind", "milestone_kind", "agreement_kind", "source_kind")


def localize_listing(listing: Listing) -> Listing:
    """The listing with its words in this run's language (call only when it is not English)."""
    from azma.l10n.cldr import format_number

    number_columns = {c.key: c.number for c in listing.columns if c.number and not c.bar}
    columns = tuple(
        c._replace(
            header=t(c.header) if c.header else c.header,
            key=f"_l10n_{c.key}" if c.key in number_columns else c.key,
            number=None if c.key in number_columns else c.number,
        )
        for c in listing.columns
    )
    from azma.formats.listing import MadeRows

    def row_of(row: dict[str, Any]) -> dict[str, Any]:
        row = dict(row)
        about = row.get("about")
        if isinstance(about, str) and isinstance(row.get("_about"), str) and row["_about"].startswith(about):
            row["_about"] = term_label(("dispute_topic",), about) + row["_about"][len(about) :]
        if (
            listing.name == "stats"
            and row.get("by") in ("field", "kind")
            and row.get("_value") == row.get("value")
        ):
            vocabularies = ("field",) if row["by"] == "field" else ("event_kind", "milestone_kind")
            row["_value"] = term_label(vocabularies, str(row["value"]))
        if listing.name == "fields" and isinstance(row.get("id"), str):  # the label, and the id --field takes
            shown = term_label(("field",), row["id"])
            row["id"] = shown if shown == row["id"] else f"{shown} ({row['id']})"
        if "kind" in row and isinstance(row["kind"], str):
            row["kind"] = term_label(_KIND, row["kind"])
        for key, vocabularies in _VOCABULARY_KEYS.items():
            value = row.get(key)
            if isinstance(value, list):
                row[key] = [term_label(vocabularies, v) for v in value]
            elif isinstance(value, str):
                row[key] = term_label(vocabularies, value)
        for key in ("reporter", "partner"):
            if isinstance(row.get(key), str):
                row[key] = country(row[key])
        if row.get("date") and "_gloss" in row:
            from azma.l10n.cldr import gloss

            row["_gloss"] = gloss(row["date"])
        if isinstance(row.get("milestones"), list) and "_milestones" in row:
            row["_milestones"] = "; ".join(
                f"{term_label(('milestone_kind',), m['what'])} {m['date'] or t('(date unknown)')}"
                for m in row["milestones"]
            )
        for key, spec in number_columns.items():
            value = row.get(key)
            row[f"_l10n_{key}"] = format_number(value, spec) if isinstance(value, (int, float)) else value
        return row

    rows = listing.rows
    return listing._replace(
        rows=MadeRows(rows, row_of) if isinstance(rows, MadeRows) else [row_of(r) for r in rows],
        columns=columns,
        legend=tuple((symbol, t(meaning)) for symbol, meaning in listing.legend),
        title=t(listing.title) if listing.title else listing.title,
        notes=tuple(t(n) for n in listing.notes),
        empty_message=t(listing.empty_message),
    )
