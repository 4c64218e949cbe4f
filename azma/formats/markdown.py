"""A Markdown report: overview, timeline by year, agreements, trade with caveats, sources.

Every record cites its sources as [1], [2]… and the numbered list at the end names them. The
report depends only on the data and the filters (no date of today, no version), so the same
selection always gives the same text.

Every string from the data goes through `azma.safe.for_markdown`, so a title or URL renders as
itself and never as HTML or Markdown markup; only http(s) addresses become links (others are
shown as text). Dates are written as in the data, with their gloss where the EDTF form needs
one ("201X (2010s)", "2019-21 (spring 2019)", "../2019 (on or before 2019)"); a year heading is
the year a record starts in, or, with no known start, the year of its known end.
"""

from __future__ import annotations

from azma.formats import views as listing_builders
from azma.formats.citations import Citations, source_text
from azma.formats.listing import ExportOptions, cell_text, date_with_gloss, gloss_after, year_label
from azma.formats.serialize import agreement_row
from azma.l10n import current, t, term_label
from azma.query.selection import Selection
from azma.query.timeline import TimelineEntry
from azma.safe import for_markdown, markdown_link


def md(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell: one line, markup characters escaped."""
    return for_markdown(text, line_start=False)


def cite(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


_KINDS = ("event_kind", "milestone_kind")


def export_markdown(selection: Selection, options: ExportOptions) -> str:
    citations = Citations(selection)
    lines = [f"# {md(selection.title)}", ""]
    lines += _overview(selection, citations)
    for year, entries in selection.by_year():
        lines += [f"## {year_label(year)}", ""]
        lines += [_entry(selection, e, citations) for e in entries]
        lines.append("")
    lines += _agreements(selection, citations)
    lines += _trade(selection, citations)
    lines += [f"## {t('Sources')}", ""]
    for number, source in citations.numbered():
        url = f" {markdown_link(source.url)}" if source.url else ""
        lines.append(f"{number}. {md(source_text(source))}{url}")
    if not citations.sources:
        lines.append(t("No records, so no sources."))
    text = "\n".join(lines)
    while "\n\n\n" in text:  # an entry's summary already ends with a blank line
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"


def _overview(selection: Selection, citations: Citations) -> list[str]:
    dated, undated = len(selection.dated), len(selection.undated)
    span = selection.span()
    timeline = t("{count} records: {dated} dated", count=len(selection.entries), dated=dated)
    if len(selection.entries) == 1:
        timeline = t("1 record: {dated} dated", dated=dated)
    if span:
        timeline += t(", from {start} to {end}", start=date_with_gloss(span[0]), end=date_with_gloss(span[1]))
    timeline += t(", and {undated} undated", undated=undated)
    years = sorted({f.row.year for f in selection.trade})
    trade = (t("1 row") if len(selection.trade) == 1 else t("{count} rows", count=len(selection.trade))) + (
        t(", {start} to {end}", start=years[0], end=years[-1]) if years else ""
    )
    return [
        f"## {t('Overview')}",
        "",
        f"- {t('Filters')}: {md(selection.filters_text())}",
        f"- {t('Timeline')}: {timeline}",
        f"- {t('Agreements')}: {len(selection.agreements)}",
        f"- {t('Trade figures')}: {trade} ({md(selection.trade_note)})",
        f"- {t('Sources cited')}: {len(citations.sources)}",
        "",
    ]


def _entry(selection: Selection, entry: TimelineEntry, citations: Citations) -> str:
    when = ""
    if entry.date:
        words = gloss_after(entry.date.text)
        when = f"**{md(entry.date.text)}**" + (f" ({md(words)})" if words else "") + " — "
    facts = [term_label(_KINDS, entry.kind), ", ".join(term_label(("field",), f) for f in entry.fields)]
    if entry.places:
        facts.append(", ".join(selection.place_name(p) for p in entry.places))
    line = f"- {when}{md(entry.title)} ({md('; '.join(facts))}) {cite(citations.numbers(entry.sources))}"
    if entry.summary:
        line += f"\n\n  {for_markdown(entry.summary)}\n"
    stages = selection.agreement_stages(entry)
    if stages:
        line += f"\n\n  {t('Agreements')}: {md('; '.join(stages))}.\n"
    return line


def _agreements(selection: Selection, citations: Citations) -> list[str]:
    lines = [f"## {t('Agreements')}", ""]
    if not selection.agreements:
        return [*lines, t("No agreements match these filters."), ""]
    headers = (t("Date"), t("Agreement"), t("Kind"), t("Status"), t("Milestones"), t("Sources"))
    lines += ["| " + " | ".join(headers) + " |", "|---|---|---|---|---|---|"]
    for agreement in selection.agreements:
        row = agreement_row(agreement)
        stages = "; ".join(
            f"{term_label(('milestone_kind',), m['what'])} {m['date'] or t('(date unknown)')}"
            for m in row["milestones"]
        )
        kind, status = term_label(("agreement_kind",), row["kind"]), term_label(("status",), row["status"])
        cells = [row["date"] or t("unknown"), row["title"], kind, status, stages]
        lines.append(
            "| " + " | ".join(md(c) for c in cells) + f" | {cite(citations.numbers(agreement.sources))} |"
        )
    return [*lines, ""]


def _trade(selection: Selection, citations: Citations) -> list[str]:
    lines = [f"## {t('Trade')}", ""]
    if not selection.trade:
        return [*lines, t("No trade figures: {note}.", note=md(selection.trade_note)), ""]
    listing = listing_builders.trade(selection.trade, countries=selection.countries)
    if current() != "en":
        from azma.l10n.render import localize_listing

        listing = localize_listing(listing)
    if listing.title:
        lines += [md(listing.title), ""]
    lines.append("| " + " | ".join(md(c.header) for c in listing.columns) + f" | {t('Sources')} |")
    lines.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in listing.columns) + "|---|")
    for figure, row in zip(selection.trade, listing.rows, strict=True):
        cells = [md(cell_text(row.get(c.key), ", ", c.number)) for c in listing.columns]
        lines.append("| " + " | ".join(cells) + f" | {cite(citations.numbers(figure.row.sources))} |")
    if listing.notes:
        lines += ["", t("Caveats:"), ""]
        lines += [f"- {md(note)}" for note in listing.notes]
    return [*lines, ""]
