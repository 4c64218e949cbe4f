"""A Listing: a command's records as rows of the machine contract, plus the columns people see.

`azma.formats.views` builds one from the view models a query returns; every listing format
draws one (see the registry in `azma.formats`).
"""

from __future__ import annotations

from azma.dates import gloss as english_gloss
from azma.l10n import current, t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from datetime import date
    from typing import Any, Literal, NamedTuple, TypeVar, overload
else:
    from azma._named import NamedTuple

if TYPE_CHECKING:
    Row = dict[str, Any]
    T = TypeVar("T")
    _RowsBase = Sequence[Row]
else:
    _RowsBase = object


class MadeRows(_RowsBase):
    """A listing's rows, each made from its view model when it is read and not kept: a large
    JSON answer is written row by row without every row in memory at once. Formats that read
    the rows more than once (tables) take `list()` of them first."""

    __slots__ = ("_items", "_make")

    def __init__(self, items: Sequence[T], make: Callable[[T], Row]) -> None:
        self._items: Sequence[Any] = items
        self._make: Callable[[Any], Row] = make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Row]:
        return map(self._make, self._items)

    if TYPE_CHECKING:

        @overload
        def __getitem__(self, index: int) -> Row: ...
        @overload
        def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])


class Column(NamedTuple):
    """A column of the human formats: which key of the row, its header, how to fit it."""

    key: str
    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = True  # False: never wrap or cut (dates, ids, numbers)
    max_width: int | None = None
    below: str | None = None  # tables show this key on a dim line under the value (ids under titles)
    number: str | None = None  # format spec for numbers in tables and markdown, e.g. ",.2f"
    marks: tuple[tuple[str, str], ...] = ()  # (row key, symbol): tables add each symbol whose key is true
    group: bool = False  # tables show the value only where it changes, with a rule between groups
    bar: bool = False  # tables draw the key's number as a bar (scaled to the largest); others omit it
    flag: str | None = None  # row key holding a symbol (or None) every human format shows with the
    # value: before a number ("≤ 50,000.00", right-justified columns), after anything else
    from_width: int | None = 0  # one-line tables show it at terminals this wide or wider; None: never
    rank: int = 0  # where several optional columns do not all fit, the lower rank is added first
    ellipsis: bool = (
        False  # one-line tables may cut its text with '…' (titles, lists); else whole or left out
    )
    short: str | None = None  # one-line tables show this key instead: a shorter form of the value


def flagged(row: Row, column: Column, text: str) -> tuple[str, str | None]:
    """A cell's text with its column's flag symbol for that row, and the symbol (None: none)."""
    symbol = row.get(column.flag) if column.flag else None
    if not symbol or not text:
        return text, None
    return (f"{symbol} {text}" if column.justify == "right" else f"{text} {symbol}"), str(symbol)


class Listing(NamedTuple):
    """What a listing command answers: rows in the machine contract and how to show them."""

    name: str
    keys: tuple[str, ...]
    rows: Sequence[Row]  # a list, or MadeRows
    columns: tuple[Column, ...]
    title: str | None = None
    notes: tuple[str, ...] = ()
    empty_message: str = "nothing matched"
    chart: tuple[str, str] | None = None  # (label key, value key) when bars are asked for
    unit: str | None = None
    legend: tuple[tuple[str, str], ...] = ()  # (symbol, meaning) for the marks tables show
    table_skip: str | None = None  # tables and cards leave out rows where this key is true (zero cells)

    @property
    def text_columns(self) -> tuple[Column, ...]:
        """The columns of formats without bars (plain, markdown, cards)."""
        return tuple(c for c in self.columns if not c.bar)


def cell_text(value: Any, sep: str = "; ", number: str | None = None) -> str:
    """One value as text for a cell: lists joined, None empty, numbers raw unless formatted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)) and number:
        return format(value, number)
    if isinstance(value, list):
        return sep.join(cell_text(v, sep) for v in value)
    if isinstance(value, dict):
        return ":".join(cell_text(v) for v in list(value.values())[:2] if v is not None)
    return str(value)


def gloss(text: str) -> str | None:
    """The date in words in the run's language (azma.dates.gloss in English)."""
    if current() == "en":
        return english_gloss(text)
    from azma.l10n.cldr import gloss as in_language

    return in_language(text)


def date_label(text: str) -> str:
    """An EDTF date as people read it: its gloss where it has one ('201X' -> '2010s',
    '2019-21' -> 'spring 2019', '2019/..' -> 'from 2019, open end'), 'a to b' for a plain
    interval, else the text itself (a plain day, month or year)."""
    words = gloss(text)
    if words is not None:
        return words
    left, sep, right = text.partition("/")
    return t("{start} to {end}", start=left, end=right) if sep else text


def year_label(year: int | None) -> str:
    """A year heading of the reports: '2019', '101 BCE' for the astronomical year -100, 'Undated'."""
    if year is None:
        return t("Undated")
    return str(year) if year >= 1 else t("{year} BCE", year=1 - year)


def gloss_after(text: str) -> str | None:
    """What to write after a date's EDTF text to say it in words, or None: '2010s' for '201X',
    just 'uncertain' for '2019-03-05?' (whose gloss repeats the day)."""
    words = gloss(text)
    if words is None:
        return None
    plain = text.rstrip("?~%") + " ("
    if words.startswith(plain) and words.endswith(")"):
        return words[len(plain) : -1]
    if words.endswith(")") and " (" in words:  # 'February 2018 (uncertain)': no brackets in brackets
        head, _, tail = words.rpartition(" (")
        return f"{head}, {tail[:-1]}"
    return words


def date_with_gloss(text: str) -> str:
    """The EDTF text, followed by its gloss in brackets when it needs one: '201X (2010s)'."""
    words = gloss_after(text)
    return text if words is None else f"{text} ({words})"


class ExportOptions(NamedTuple):
    """How to export: `include_imprecise` puts month- and year-only records in a calendar;
    `today` is the export date a page states (None: the clock's); `group` is TimelineJS's."""

    include_imprecise: bool = False
    today: date | None = None
    group: str = "none"  # timelinejs: what its rows are grouped by (field, kind or none)


class Coverage(NamedTuple):
    """How many of a selection's timeline records an export that cannot hold every date holds.

    `left_out` pairs a count with why those records are missing and, where an option would
    bring them in, which (`hint`); the command says them on stderr.
    """

    written: int
    left_out: tuple[tuple[int, str], ...] = ()
    hint: str | None = None
