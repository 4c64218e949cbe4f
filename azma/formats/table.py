"""Tables for people, drawn with Rich: the only module of azma that imports rich (only to draw one).

The default table puts a record on one line, as gh's lists, hledger's register and
`git log --oneline` do: each listing says which columns show from which terminal width
(`Column.from_width`), titles and lists are cut with an ellipsis to fit, and a number, a date
or an id is never cut: a column holding one is shown whole or left out. `--wide` draws every
column with text wrapped whole (a record may take several lines); below 60 columns, or asked
for, records are drawn as cards. Every string from the data is shown with its control
characters made visible.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING, Any

from azma.formats.listing import Column, Listing, cell_text, flagged
from azma.formats.text import render_chart
from azma.safe import for_terminal

if TYPE_CHECKING:
    from collections.abc import Callable

    from azma.terminal import Terminal

_KIND_STYLES = {
    "signed": "green", "approved": "green", "ratified": "green", "in-force": "bold green",
    "parliament-approved": "green", "law-signed": "green",
    "statement": "magenta", "visit": "cyan", "meeting": "cyan", "commission-session": "bold cyan",
}  # fmt: skip
NARROW = 60  # below this many columns a table cannot be read: records are drawn as cards
GAP = 2  # spaces between the columns of a one-line table (gh, hledger)
TITLE_LEAST = 30  # the main text column is never made narrower to fit another column (20 at 60)
OTHER_LEAST = 8  # nor is any other text column (shorter, its text says nothing)
# What the tables say of themselves (the headers are the listings', in azma.formats.views).
TEXTS = {
    "ids hidden": "--wide shows ids; 'azma show' also takes a title's first words or a name",
}


def _cell(row: dict[str, object], column: Column, key: str | None = None) -> str:
    return for_terminal(cell_text(row.get(key or column.key), ", ", column.number), keep_newlines=True)


def _marks(row: dict[str, object], column: Column) -> str:
    """The symbols of the column's marks this row carries ('*': the sources disagree), or ''."""
    return "".join(symbol for key, symbol in column.marks if row.get(key))


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
    marked = max((len(_marks(row, column)) for row in listing.rows), default=0)
    if marked:
        least, wanted = least + marked + 1, wanted + marked + 1  # the marks and a space
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
    """The default table: one line a record (see render_lines); cards below 60 columns."""
    listing = _drawn_rows(listing)
    if terminal.width < NARROW:
        return render_cards(listing, terminal)
    return render_lines(listing, terminal)


def _one_line(row: dict[str, object], column: Column) -> str:
    """A cell on one line (its short form if it has one): its text with runs of white space made
    one space, with its flag (see listing.flagged) and then its marks."""
    text = flagged(row, column, " ".join(_cell(row, column, column.short).split()))[0]
    marks = _marks(row, column)
    return f"{text} {marks}" if marks else text


def _symbols(row: dict[str, object], column: Column) -> set[str]:
    """The legend's symbols a cell shows: its flag's and its marks'."""
    flag = row.get(column.flag) if column.flag else None
    return {*_marks(row, column), *([str(flag)] if flag else [])}


def _line_layout(
    listing: Listing, width: int, measure: Callable[[str], int]
) -> tuple[list[Column], list[int]] | None:
    """The columns a one-line table shows at `width` and their widths, or None when even the
    columns every width shows cannot fit.

    A text column that may be cut (`ellipsis`) needs only a least width, every other column
    its longest value. The columns every width shows come first; then each optional column
    the terminal is wide enough for (`from_width`), in the order of `rank`, is added if it
    still fits, else left out. The room left is shared by the text columns, in proportion to
    what each lacks, the main one (the one text column every width shows: a title, a name)
    counting double.
    """
    title_least = max(20, min(TITLE_LEAST, width - 40))
    candidates = [
        i
        for i, c in enumerate(listing.columns)
        if not c.bar and c.from_width is not None and width >= c.from_width
    ]
    wanted: dict[int, int] = {}
    least: dict[int, int] = {}
    firsts = [i for i in candidates if listing.columns[i].ellipsis and not listing.columns[i].from_width]
    for i in candidates:
        column = listing.columns[i]
        header = measure(column.header)
        wanted[i] = max(header, *(measure(_one_line(row, column)) for row in listing.rows), 1)
        if column.ellipsis:
            if column.max_width:
                wanted[i] = min(wanted[i], max(column.max_width, header))
            least[i] = min(wanted[i], max(header, title_least if i in firsts else OTHER_LEAST))
        else:
            least[i] = wanted[i]

    def needs(chosen: list[int]) -> int:
        return sum(least[i] for i in chosen) + GAP * (len(chosen) - 1)

    chosen = [i for i in candidates if not listing.columns[i].from_width]
    if needs(chosen) > width:
        return None
    for i in sorted(set(candidates) - set(chosen), key=lambda i: (listing.columns[i].rank, i)):
        if needs([*chosen, i]) <= width:
            chosen.append(i)
    chosen.sort()
    main = firsts[0] if len(firsts) == 1 else None  # two (network's pair of actors) share alike
    cut = [i for i in chosen if listing.columns[i].ellipsis]
    widths = dict(least)
    spare = width - needs(chosen)

    def weights() -> dict[int, int]:
        return {i: (wanted[i] - widths[i]) * (2 if i == main else 1) for i in cut}

    while spare > 0 and any(weights().values()):
        lacking = weights()
        total = sum(lacking.values())
        for i, weight in lacking.items():
            share = min(wanted[i] - widths[i], spare, max(1, spare * weight // total) if weight else 0)
            widths[i] += share
            spare -= share
    return [listing.columns[i] for i in chosen], [widths[i] for i in chosen]


def render_lines(listing: Listing, terminal: Terminal) -> str:
    """A table of one line a record (see _line_layout), or cards when it cannot fit."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    laid = _line_layout(listing, terminal.width, cell_len)
    if laid is None:
        return render_cards(listing, terminal)
    columns, widths = laid
    bars = [c for c in listing.columns if c.bar]
    room = terminal.width - sum(widths) - GAP * len(columns)
    bar_width = min(BAR_MOST, room // len(bars) - GAP) if bars else 0
    if bars and bar_width >= BAR_LEAST:
        columns += bars
        widths += [bar_width] * len(bars)
    else:
        bars = []
    console, buffer = _console(terminal)
    color = terminal.color
    if listing.title:
        console.print(Text(for_terminal(listing.title), style="bold" if color else ""))
    table = Table(
        box=box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
        if terminal.ascii_only
        else box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, GAP - 1, 0, 0),
        header_style="bold" if color else "",
        border_style="dim" if color else "",
        expand=False,
    )
    for column, width in zip(columns, widths, strict=True):
        table.add_column(
            column.header,
            justify=column.justify,
            no_wrap=True,
            overflow="ellipsis" if column.ellipsis else "fold",
            width=width,
        )
    used: set[str] = set()
    tops = {c.key: max((float(r.get(c.key) or 0) for r in listing.rows), default=0.0) for c in bars}
    grouped = [c.key for c in columns if c.group]
    previous: dict[str, object] = {}
    for row in listing.rows:
        same = bool(grouped) and bool(previous) and all(row.get(k) == previous.get(k) for k in grouped)
        previous = row
        cells = []
        for column in columns:
            if column.group and same:
                cells.append(Text(""))
            elif column.bar:
                bar = _bar(row.get(column.key), tops[column.key], bar_width, terminal)
                cells.append(Text(bar, style="cyan" if color else ""))
            else:
                used.update(_symbols(row, column))
                cells.append(Text(_one_line(row, column), style=_style(row, column) if color else ""))
        table.add_row(*cells)
    console.print(table)
    notes = [*listing.notes, *(f"{symbol} {meaning}" for symbol, meaning in listing.legend if symbol in used)]
    if any(c.key == "id" for c in listing.columns) and not any(c.key == "id" for c in columns):
        notes.append(TEXTS["ids hidden"])
    for note in notes:
        console.print(Text(f"note: {for_terminal(note)}", style="dim" if color else ""))
    if listing.chart:
        console.print()
        console.print(Text(render_chart(listing, terminal).rstrip("\n")))
    return _trimmed(buffer.getvalue())


def _style(row: dict[str, object], column: Column) -> str:
    """A cell's colour: a kind's own, ids dim, negative numbers red (as hledger shows them)."""
    if column.key == "kind":
        return _KIND_STYLES.get(str(row.get("kind")), "")
    if column.key == "id":
        return "dim"
    value = row.get(column.key)
    return "red" if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0 else ""


def _trimmed(text: str) -> str:
    """The lines without the spaces Rich pads their last column with (before any closing style)."""
    import re

    return re.sub(r" +((?:\x1b\[[0-9;]*m)*)$", r"\1", text, flags=re.MULTILINE)


def _console(terminal: Terminal) -> tuple[Any, io.StringIO]:
    """A Rich console as the Terminal says, and the string buffer it writes into."""
    from rich.console import Console

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
    return console, buffer


def render_wide(listing: Listing, terminal: Terminal) -> str:
    """`--wide`: every column, titles and lists wrapped whole, ids under titles (a record may take
    several lines); cards when even that cannot fit without cutting a value."""
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
    from rich.table import Table
    from rich.text import Text

    console, buffer = _console(terminal)
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
            marks = _marks(row, column)
            if marks:
                text = f"{text} {marks}"
                used.update(marks)
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
                if _marks(row, column):
                    mark = f" {_marks(row, column)}"
                    used.update(mark.strip())
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
