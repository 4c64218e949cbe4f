"""Tables for people, drawn with Rich: the only module of azma that imports rich."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from azma.render import Listing, Options, cell_text
from azma.render.text import render_chart

_KIND_STYLES = {
    "signed": "green", "approved": "green", "ratified": "green", "in-force": "bold green",
    "statement": "magenta", "visit": "cyan", "meeting": "cyan", "commission-session": "bold cyan",
}  # fmt: skip


NARROW = 50  # below this many columns a table cannot be read: records are drawn as cards


def render_table(listing: Listing, options: Options) -> str:
    if options.width < NARROW:
        return render_cards(listing, options)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(options.width, 20),
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        safe_box=options.ascii_only,
    )
    if listing.title:
        console.print(Text(listing.title, style="bold" if options.color else ""))
    table = Table(
        header_style="bold" if options.color else "",
        show_lines=False,
        expand=False,
        pad_edge=True,
    )
    if options.ascii_only:
        from rich import box

        table.box = box.ASCII
    shown_below = {c.below for c in listing.columns if c.below}
    columns = [c for c in listing.columns if c.key not in shown_below]
    for column in columns:
        table.add_column(
            f"{column.header} / {_header_of(listing, column.below)}" if column.below else column.header,
            justify=column.justify,
            no_wrap=not column.wrap,
            overflow="fold",
            max_width=column.max_width,
        )
    for row in listing.rows:
        cells = []
        for column in columns:
            text = cell_text(row.get(column.key), ", ", column.number)
            if column.max_width and len(text) > column.max_width and "/" in text:
                text = text.replace("/", "/\n")  # an EDTF interval: break after the slash
            style = _KIND_STYLES.get(text, "") if column.key == "kind" and options.color else ""
            cell = Text()
            cell.append(text, style=style)  # the style is the value's, not the line under it
            if column.below and row.get(column.below):
                cell.append("\n" + cell_text(row[column.below], ", "), style="dim" if options.color else "")
            cells.append(cell)
        table.add_row(*cells)
    # Wrapping columns always fit; columns that never wrap (figures) may not: then draw cards
    if any(not c.wrap for c in columns) and table_width(console, table) > console.width:
        return render_cards(listing, options)  # the columns cannot fit: a table would be cropped
    console.print(table)
    for note in listing.notes:
        console.print(Text(f"note: {note}", style="dim" if options.color else ""))
    if options.chart:
        console.print()
        console.print(Text(render_chart(listing, options).rstrip("\n")))
    return buffer.getvalue()


def table_width(console: Console, table: Table) -> int:
    """How wide Rich will draw the table at this console width (it crops what is wider)."""
    extra = table._extra_width  # noqa: SLF001 (Rich has no public API for the layout)
    widths = table._calculate_column_widths(console, console.options.update_width(console.width - extra))  # noqa: SLF001
    return sum(widths) + extra


def _header_of(listing: Listing, key: str) -> str:
    return next((c.header for c in listing.columns if c.key == key), key)


def render_cards(listing: Listing, options: Options) -> str:
    """Each record as 'Header: value' lines, wrapped to a narrow terminal."""
    import textwrap

    width = max(options.width, 12)
    out: list[str] = []
    if listing.title:
        out += textwrap.wrap(listing.title, width) + [""]
    for row in listing.rows:
        for column in listing.columns:
            text = cell_text(row.get(column.key), ", ", column.number)
            if text:
                out += textwrap.wrap(
                    f"{column.header}: {text}", width, subsequent_indent="  ", break_on_hyphens=False
                )
        out.append("")
    out += [
        line
        for note in listing.notes
        for line in textwrap.wrap(f"note: {note}", width, subsequent_indent="  ")
    ]
    text = "\n".join(out).rstrip("\n") + "\n"
    return text + ("\n" + render_chart(listing, options) if options.chart else "")
