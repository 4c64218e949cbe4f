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
    columns = [(c, c.key, c.flag) for c in listing.text_columns]
    lines = []
    for row in listing.rows:
        cells = []
        for column, key, flag in columns:
            value = row.get(key)
            text = value if type(value) is str else cell_text(value, ", ")  # most cells are text
            if flag is not None:
                text = flagged(row, column, text)[0]
            cells.append(_clean(text))
        lines.append("\t".join(cells) + "\n")
    return "".join(lines)


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
    """Horizontal bars of the listing's chart values (trade turnover by period).

    A bound is drawn as one, never as a value (the row's `_bound` mark, see views.QUALIFIED): a
    ceiling (≤) is a light bar, the real figure anywhere along it; a floor (≥) a bar that goes
    on (▸); an approximate figure (≈) a bar like any other, its number marked. Bounds do not set
    the scale, so a ceiling ten times the other figures does not flatten them: a bar longer than
    the chart is cut and ends with ▸."""
    if listing.chart is None:
        return ""
    label_key, value_key = listing.chart
    values = [
        (_clean(str(row[label_key])), float(row[value_key] or 0), str(row.get("_bound") or ""))
        for row in listing.rows
    ]
    if not values:
        return ""
    values_only = [v for _, v, mark in values if mark not in ("≤", "≥")]
    top = max(values_only or [v for _, v, _ in values]) or 1.0
    label_width = max(len(label) for label, _, _ in values)
    numbers = [f"{mark} {value:,.2f}" if mark else f"{value:,.2f}" for _, value, mark in values]
    if terminal.ascii_only:
        numbers = [n.replace("≤", "<=").replace("≥", ">=").replace("≈", "~") for n in numbers]
    number_width = max(len(n) for n in numbers)
    bar_width = max(0, terminal.width - label_width - number_width - 3)  # and a column for ▸
    block, half, light, more = ("#", "", "-", ">") if terminal.ascii_only else ("█", "▌", "░", "▸")
    lines = []
    for (label, value, mark), number in zip(values, numbers, strict=True):
        exact = min(value / top * bar_width, bar_width)
        cut = value / top * bar_width > bar_width
        if mark == "≤":
            bar = light * max(int(exact), 1)
        else:
            bar = block * int(exact) + (half if half and exact - int(exact) >= 0.5 else "")
        if mark == "≥" or cut:
            bar += more
        lines.append(f"{label:>{label_width}} {number:>{number_width}} {bar}".rstrip())
    header = _clean(f"{value_key} ({listing.unit})" if listing.unit else value_key)
    if len(header) > terminal.width:
        header = header.replace(" (", "\n(", 1)
    return header + "\n" + "\n".join(lines) + "\n"
