"""Tables for people, drawn with Rich: the only module of azma that imports rich (only to draw one).

A table never cuts a number, a date or an id: columns that hold them never wrap, and an id
shown under a title sets the title column's least width. When those least widths do not fit
the terminal, the records are drawn as cards instead (as below 50 columns). Every string from
the data is shown with its control characters made visible.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

from azma.formats.listing import Column, Listing, cell_text, flagged
from azma.formats.text import render_chart
from azma.safe import for_terminal

if TYPE_CHECKING:
    from azma.terminal import Terminal

_KIND_STYLES = {
    "signed": "green", "approved": "green", "ratified": "green", "in-force": "bold green",
    "parliament-approved": "green", "law-signed": "green",
    "statement": "magenta", "visit": "cyan", "meeting": "cyan", "commission-session": "bold cyan",
}  # fmt: skip
NARROW = 50  # below this many columns a table cannot be read: records are drawn as cards


def _cell(row: dict[str, object], column: Column, key: str | None = None) -> str:
    return for_terminal(cell_text(row.get(key or column.key), ", ", column.number), keep_newlines=True)


def _date_parts(text: str) -> str:
    """An interval of two dates may break after its slash, one of a set after its '..', nowhere
    else (open and unknown ends, '2006-09/..', '../2019' or '[..2019]', are short enough to stay
    whole)."""
    if text[:1] == "[":
        left, dots, right = text.partition("..")
        return f"{left}..\n{right}" if len(left) > 1 and len(right) > 1 else text
    left, slash, right = text.partition("/")
    return f"{left}/\n{right}" if slash and len(left) > 2 and len(right) > 2 else text


def _widths(listing: Listing, column: Column) -> tuple[int, int]:
    """(least, wanted) width of a column's content.

    The least is its longest word (its longest line if it never wraps): narrower would cut a
    number, a date or an id. The wanted width is its longest line, within its max_width.
    """
    least = wanted = max((len(w) for w in column.header.split()), default=1)
    wanted = max(wanted, len(column.header))
    if not column.wrap:  # Rich does not wrap its header either: narrower would cut it
        least = wanted
    for row in listing.rows:
        text = _cell(row, column)
        if column.key == "date":
            text = _date_parts(text)
        text = flagged(row, column, text)[0]
        lines = text.split("\n")
        words = lines if not column.wrap else text.split()
        if column.below:
            below = _cell(row, column, column.below)
            words += below.split()
            lines += below.split("\n")
        least = max(least, *(len(w) for w in words), 0)
        wanted = max(wanted, *(len(line) for line in lines), 0)
    if column.mark and any(row.get(column.mark[0]) for row in listing.rows):
        room = len(column.mark[1]) + 1  # the mark and a space
        least, wanted = least + room, wanted + room
    if column.max_width:
        wanted = min(wanted, column.max_width)
    return least, max(least, wanted)


def _layout(listing: Listing, columns: list[Column], width: int) -> list[int] | None:
    """Content widths that fit `width` without cutting a word, or None when none can."""
    measured = [_widths(listing, c) for c in columns]
    room = width - (3 * len(columns) + 1)  # a border and a space each side of every column
    least = [m[0] for m in measured]
    if sum(least) > room:
        return None
    wanted = [m[1] for m in measured]
    if sum(wanted) <= room:
        return wanted
    spare, gaps = room - sum(least), [want - low for low, want in zip(least, wanted, strict=True)]
    total = sum(gaps)
    widths = [low + spare * gap // total for low, gap in zip(least, gaps, strict=True)]
    for i in sorted(range(len(widths)), key=lambda i: -gaps[i])[: room - sum(widths)]:
        widths[i] += 1  # what integer division left over
    return widths


BAR_LEAST, BAR_MOST = 8, 50  # a bar column narrower than this is left out; wider is no clearer


def _drawn_rows(listing: Listing) -> Listing:
    """The listing with the rows tables and cards show (not the `table_skip` ones), made once:
    they are read several times here."""
    skip = listing.table_skip
    return listing._replace(rows=[row for row in listing.rows if not (skip and row.get(skip))])


def render_table(listing: Listing, terminal: Terminal) -> str:
    listing = _drawn_rows(listing)
    if terminal.width < NARROW:
        return render_cards(listing, terminal)
    shown_below = {c.below for c in listing.columns if c.below}
    columns = [
        c._replace(header=f"{c.header} / {_header_of(listing, c.below)}")
        if c.below and _shown(listing, c.below)
        else c
        for c in listing.columns
        if c.key not in shown_below and not c.bar
    ]
    bars = [c for c in listing.columns if c.bar]
    widths = _layout(listing, columns, terminal.width - (BAR_LEAST + 3) * len(bars)) if bars else None
    if widths is None:
        bars = []  # no room for bars: the numbers alone
        widths = _layout(listing, columns, terminal.width)
    if widths is None:
        return render_cards(listing, terminal)  # the columns cannot fit without cutting a value
    if bars:
        room = terminal.width - (3 * (len(columns) + len(bars)) + 1) - sum(widths)
        bar_width = min(BAR_MOST, room // len(bars))
        columns += bars
        widths += [bar_width] * len(bars)
    # Rich only when a table is drawn: cards (narrow terminals) are plain text, and Rich's import
    # costs more than the whole rest of a run
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=terminal.width,
        color_system="standard" if terminal.color else None,
        force_terminal=terminal.color,
        no_color=not terminal.color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        safe_box=terminal.ascii_only,
        _environ={},  # the Terminal has read COLUMNS, LINES, NO_COLOR and TERM; Rich would int() them again
    )
    if listing.title:
        console.print(Text(for_terminal(listing.title), style="bold" if terminal.color else ""))
    table = Table(
        header_style="bold" if terminal.color else "", show_lines=False, expand=False, pad_edge=True
    )
    if terminal.ascii_only:
        from rich import box

        table.box = box.ASCII
    for column, width in zip(columns, widths, strict=True):
        table.add_column(
            column.header,
            justify=column.justify,
            no_wrap=not column.wrap,
            overflow="fold",
            width=width,
        )
    used: set[str] = set()
    tops = {c.key: max((float(r.get(c.key) or 0) for r in listing.rows), default=0.0) for c in bars}
    previous: dict[str, object] = {}
    for row in listing.rows:
        cells = []
        grouped = [c.key for c in columns if c.group]
        same = bool(previous) and all(row.get(k) == previous.get(k) for k in grouped)
        if grouped and previous and not same:
            table.add_section()
        previous = row
        for column in columns:
            if column.group and same:
                cells.append(Text(""))
                continue
            if column.bar:
                cells.append(Text(_bar(row.get(column.key), tops[column.key], widths[-1], terminal),
                                  style="cyan" if terminal.color else ""))  # fmt: skip
                continue
            text = _cell(row, column)
            if column.key == "date":
                text = _date_parts(text)
            text, symbol = flagged(row, column, text)
            if symbol:
                used.add(symbol)
            if column.mark and row.get(column.mark[0]):
                text = f"{text} {column.mark[1]}"
                used.add(column.mark[1])
            style = _KIND_STYLES.get(text, "") if column.key == "kind" and terminal.color else ""
            cell = Text()
            cell.append(text, style=style)  # the style is the value's, not the line under it
            if column.below and row.get(column.below):
                cell.append("\n" + _cell(row, column, column.below), style="dim" if terminal.color else "")
            cells.append(cell)
        table.add_row(*cells)
    console.print(table)
    notes = [*listing.notes, *(f"{symbol} {meaning}" for symbol, meaning in listing.legend if symbol in used)]
    for note in notes:
        console.print(Text(f"note: {for_terminal(note)}", style="dim" if terminal.color else ""))
    if listing.chart:
        console.print()
        console.print(Text(render_chart(listing, terminal).rstrip("\n")))
    return buffer.getvalue()


def _bar(value: object, top: float, width: int, terminal: Terminal) -> str:
    """A number as a bar of `width` at `top`: whole blocks and a half; any non-zero value shows."""
    number = float(value) if isinstance(value, (int, float)) else 0.0
    if number <= 0 or top <= 0:
        return ""
    block, half = ("#", "+") if terminal.ascii_only else ("█", "▌")
    exact = number / top * width
    whole = int(exact)
    return block * whole + (half if exact - whole >= 0.5 or whole == 0 else "")


def _header_of(listing: Listing, key: str) -> str:
    return next((c.header for c in listing.columns if c.key == key), key)


def _shown(listing: Listing, key: str | None) -> bool:
    """True when a key shown under a column is also a column of its own (it gets a header)."""
    return key is not None and any(c.key == key for c in listing.columns)


def render_cards(listing: Listing, terminal: Terminal) -> str:
    """Each record as 'Header: value' lines, wrapped to a narrow terminal; ids and dates never split."""
    width = max(terminal.width, 12)
    listing = _drawn_rows(listing)

    def wrap(text: str, indent: str = "  ") -> list[str]:
        return textwrap.wrap(
            text, width, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False
        )

    out: list[str] = []
    used: set[str] = set()
    if listing.title:
        out += wrap(for_terminal(listing.title), "") + [""]
    for row in listing.rows:
        for column in listing.text_columns:
            text, symbol = flagged(row, column, " ".join(_cell(row, column).split()))
            if symbol:
                used.add(symbol)
            if text:
                mark = ""
                if column.mark and row.get(column.mark[0]):
                    mark = f" {column.mark[1]}"
                    used.add(column.mark[1])
                if column.below and not _shown(listing, column.below) and row.get(column.below):
                    mark = f" ({' '.join(_cell(row, column, column.below).split())}){mark}"
                out += wrap(f"{column.header}: {text}{mark}")
        out.append("")
    for note in [
        *listing.notes,
        *(f"{symbol} {meaning}" for symbol, meaning in listing.legend if symbol in used),
    ]:
        out += wrap(f"note: {for_terminal(note)}")
    text = "\n".join(out).rstrip("\n") + "\n"
    return text + ("\n" + render_chart(listing, terminal) if listing.chart else "")
