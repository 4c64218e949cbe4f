"""Plain text (tab-separated lines for pipes), Markdown tables, and the trade bar chart."""

from __future__ import annotations

from azma.formats.listing import Listing, cell_text, flagged
from azma.safe import for_markdown, for_terminal

TYPE_CHECKING = False

if TYPE_CHECKING:
    from azma.terminal import Terminal


def _clean(text: str) -> str:
    return for_terminal(" ".join(text.split()))


def render_plain(listing: Listing, terminal: Terminal) -> str:
    """One record per line, the listing's columns separated by tabs; no header, no wrapping."""
    columns = listing.text_columns
    lines = [
        "\t".join(_clean(flagged(row, c, cell_text(row.get(c.key), ", "))[0]) for c in columns)
        for row in listing.rows
    ]
    return "".join(line + "\n" for line in lines)


def render_markdown(listing: Listing, terminal: Terminal) -> str:
    """A GFM table; every cell escaped so that data renders as text, never as HTML or links."""
    lines = []
    if listing.title:
        lines += [f"**{for_markdown(listing.title)}**", ""]
    columns = listing.text_columns
    lines.append("| " + " | ".join(for_markdown(c.header, False) for c in columns) + " |")
    lines.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in columns) + "|")
    for row in listing.rows:
        lines.append(
            "| "
            + " | ".join(
                for_markdown(flagged(row, c, cell_text(row.get(c.key), ", ", c.number))[0], False)
                for c in columns
            )
            + " |"
        )
    if listing.notes:
        lines.append("")
        lines += [f"- {for_markdown(note)}" for note in listing.notes]
    return "\n".join(lines) + "\n"


def render_chart(listing: Listing, terminal: Terminal) -> str:
    """Horizontal bars of the listing's chart values (trade turnover by period)."""
    if listing.chart is None:
        return ""
    label_key, value_key = listing.chart
    values = [(_clean(str(row[label_key])), float(row[value_key] or 0)) for row in listing.rows]
    if not values:
        return ""
    top = max(v for _, v in values) or 1.0
    label_width = max(len(label) for label, _ in values)
    number_width = max(len(f"{v:,.2f}") for _, v in values)
    bar_width = max(0, terminal.width - label_width - number_width - 2)
    block, half = ("#", "") if terminal.ascii_only else ("█", "▌")
    lines = []
    for label, value in values:
        exact = value / top * bar_width
        bar = block * int(exact) + (half if half and exact - int(exact) >= 0.5 else "")
        lines.append(f"{label:>{label_width}} {value:>{number_width},.2f} {bar}".rstrip())
    header = _clean(f"{value_key} ({listing.unit})" if listing.unit else value_key)
    if len(header) > terminal.width:
        header = header.replace(" (", "\n(", 1)
    return header + "\n" + "\n".join(lines) + "\n"
