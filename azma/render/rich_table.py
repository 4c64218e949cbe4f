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


def render_table(listing: Listing, options: Options) -> str:
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
        pad_edge=False,
    )
    if options.ascii_only:
        from rich import box

        table.box = box.ASCII
    for column in listing.columns:
        table.add_column(
            column.header,
            justify=column.justify,
            no_wrap=not column.wrap,
            overflow="fold",
            max_width=column.max_width,
        )
    for row in listing.rows:
        cells = []
        for column in listing.columns:
            text = cell_text(row.get(column.key), ", ", column.number)
            style = _KIND_STYLES.get(text, "") if column.key == "kind" and options.color else ""
            cells.append(Text(text, style=style))
        table.add_row(*cells)
    console.print(table)
    for note in listing.notes:
        console.print(Text(f"note: {note}", style="dim" if options.color else ""))
    if options.chart:
        console.print()
        console.print(Text(render_chart(listing, options).rstrip("\n")))
    return buffer.getvalue()
