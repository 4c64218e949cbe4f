"""Plain text (tab-separated lines for pipes), markdown tables, and the trade bar chart."""

from __future__ import annotations

from azma.render import Listing, Options, cell_text


def _clean(text: str) -> str:
    return " ".join(text.split())


def render_plain(listing: Listing, options: Options) -> str:
    """One record per line, the listing's columns separated by tabs; no header, no wrapping."""
    lines = [
        "\t".join(_clean(cell_text(row.get(c.key), ", ")) for c in listing.columns) for row in listing.rows
    ]
    out = "".join(line + "\n" for line in lines)
    if options.chart:
        out += "\n" + render_chart(listing, options)
    return out


def _md(text: str) -> str:
    return _clean(text).replace("|", "\\|")


def render_markdown(listing: Listing, options: Options) -> str:
    lines = []
    if listing.title:
        lines += [f"**{_md(listing.title)}**", ""]
    lines.append("| " + " | ".join(c.header for c in listing.columns) + " |")
    lines.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in listing.columns) + "|")
    for row in listing.rows:
        lines.append(
            "| " + " | ".join(_md(cell_text(row.get(c.key), ", ", c.number)) for c in listing.columns) + " |"
        )
    if listing.notes:
        lines.append("")
        lines += [f"- {_md(note)}" for note in listing.notes]
    return "\n".join(lines) + "\n"


def render_chart(listing: Listing, options: Options) -> str:
    """Horizontal bars of the listing's `chart` values (trade turnover by year)."""
    label_key, value_key = listing.extra.get("chart", ("year", "turnover"))
    values = [(str(row[label_key]), float(row[value_key] or 0)) for row in listing.rows]
    if not values:
        return ""
    top = max(v for _, v in values) or 1.0
    label_width = max(len(label) for label, _ in values)
    number_width = max(len(f"{v:,.2f}") for _, v in values)
    bar_width = max(0, options.width - label_width - number_width - 2)
    block, half = ("#", "") if options.ascii_only else ("█", "▌")
    lines = []
    for label, value in values:
        exact = value / top * bar_width
        bar = block * int(exact) + (half if half and exact - int(exact) >= 0.5 else "")
        lines.append(f"{label:>{label_width}} {value:>{number_width},.2f} {bar}".rstrip())
    unit = listing.extra.get("unit")
    header = f"{value_key} ({unit})" if unit else value_key
    if len(header) > options.width:
        header = header.replace(" (", "\n(", 1)
    return header + "\n" + "\n".join(lines) + "\n"
