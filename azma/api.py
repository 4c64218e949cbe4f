"""The Python API that reads like the command line: one function per command, view models out.

    import azma

    for entry in azma.timeline(since="2018", field="defence"):
        print(entry.date, entry.title)
    print(azma.render(azma.views.agreements(azma.agreements(kind="protocol")), "csv"))
    page = azma.export("html", since="2024")

Each function takes the filters its command takes, by the command line's names (`since`,
`until`, `window`, `field`, `kind`, `actor`, `place`, `text`, `limit`, `reverse`; ids or
aliases, a single value or a list), and an optional `data` (a Dataset from `azma.load`; by default the files the
command line reads: the bundled record, your folder and AZMA_DATA, as AZMA_DATA_HOME and
AZMA_NO_BUNDLED say). A bad value raises `azma.UsageError`, bad data `azma.DataError`. The
lower-level pieces (`make_filters`, `select_timeline`…) stay beside these.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from azma.query.filters import FilterOptions

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from azma.formats.listing import Listing
    from azma.model import Agreement, Dataset
    from azma.query.anniversaries import Anniversary, Recalled
    from azma.query.network import Network
    from azma.query.records import Counted, DisputeItem, RecordView, SearchHit
    from azma.query.stats import Stats
    from azma.query.timeline import TimelineEntry, TradeFigure


class Filtering(TypedDict, total=False):
    """The filter keywords, as `FilterOptions` has them (a test keeps the two in step); `field`
    and `kind` also take one value alone."""

    since: str | Sequence[str] | None
    until: str | Sequence[str] | None
    window: str | Sequence[str] | None
    field: str | Sequence[str]
    kind: str | Sequence[str]
    actor: str | Sequence[str] | None
    place: str | Sequence[str] | None
    text: str | Sequence[str] | None
    limit: int | Sequence[int] | None
    reverse: bool


def load(*files: str | os.PathLike[str], cache: bool = True, bundled: bool | None = None) -> Dataset:
    """The record the command line reads, plus the TOML files (or folders) named: the bundled
    data (unless `bundled=False` or AZMA_NO_BUNDLED), every *.toml in your folder
    (AZMA_DATA_HOME, default ~/.local/share/azma), AZMA_DATA, then `files`; validated, through
    the parse cache unless `cache=False`. Raises `azma.DataError` listing every problem."""
    from azma.load import bundled_files, choose_files, load_files

    chosen = choose_files(files, no_bundled=bundled is False)
    if bundled and not chosen.bundled:  # bundled=True wins over AZMA_NO_BUNDLED
        chosen = chosen._replace(bundled=bundled_files())
    return load_files(chosen.all, use_cache=cache)


class _Read:
    """The data an API call reads (a `Reader` of `azma.query.answers`): the Dataset given, else
    what `load()` reads, loaded on first use (a bad option is refused before any file is read)."""

    def __init__(self, data: Dataset | None) -> None:
        self._data = data

    def english(self) -> Dataset:
        if self._data is None:
            self._data = load()
        return self._data

    dataset = english


def _options(options: Filtering) -> FilterOptions:
    return FilterOptions(**options)


def timeline(data: Dataset | None = None, **options: Unpack[Filtering]) -> list[TimelineEntry]:
    """What `azma timeline` lists: dated happenings in date order, milestones included."""
    from azma.query import answers

    return answers.timeline(_Read(data), _options(options))[0]


def agreements(data: Dataset | None = None, **options: Unpack[Filtering]) -> list[Agreement]:
    """What `azma agreements` lists (`kind` means an agreement kind here)."""
    from azma.query import answers

    return answers.agreements(_Read(data), _options(options))[0]


def disputes(
    data: Dataset | None = None, *, about: str | Sequence[str] = (), **options: Unpack[Filtering]
) -> list[DisputeItem]:
    """What `azma disputes` lists: every point the sources disagree on (about TOPIC, if given)."""
    from azma.query import answers

    return answers.disputes(_Read(data), _options(options), about)[0]


def trade(data: Dataset | None = None, **options: Unpack[Filtering]) -> list[TradeFigure]:
    """What `azma trade` lists: the trade figures by year (dates, limit and reverse apply)."""
    from azma.query import answers

    return answers.trade(_Read(data), _options(options))[0]


def search(
    query: str | Sequence[str], data: Dataset | None = None, **options: Unpack[Filtering]
) -> list[SearchHit]:
    """What `azma search WORDS` finds among every kind of record (case and accents ignored),
    in any language: every language's titles, summaries and names and the glossary's forms of
    a term are searched (`azma.search("Бурита")`, `azma.search("commission mixte")`)."""
    from azma.query import answers

    return answers.search(_Read(data), query, _options(options))


def stats(
    data: Dataset | None = None,
    *,
    by: str | None = None,
    per: str | None = None,
    **options: Unpack[Filtering],
) -> Stats:
    """What `azma stats` counts: the timeline's records by period and by field, kind, actor…"""
    from azma.query import answers

    return answers.stats(_Read(data), _options(options), by, per)


def network(
    data: Dataset | None = None,
    *,
    top: int | None = None,
    all: bool = False,
    neighbour_ties: bool = False,
    **options: Unpack[Filtering],
) -> Network:
    """What `azma network` draws: who appears with whom, the 30 most connected actors (`top=N`
    for N, `all=True` for every one); with `actor`, the ego network of the actors it matches."""
    from azma.query import answers

    return answers.network(_Read(data), _options(options), top, all, neighbour_ties)


def show(record_id: str | Sequence[str], data: Dataset | None = None) -> RecordView:
    """What `azma show ID` prints: the record an id, a unique beginning of one, a name or a
    title's first words name, with its sources and linked records."""
    from azma.query import answers

    return answers.show(_Read(data), record_id)


def sources(data: Dataset | None = None) -> list[Counted]:
    """What `azma sources` lists: each source with how often it is cited."""
    from azma.query.records import sources_in_use

    return sources_in_use(_Read(data).dataset())


def fields(data: Dataset | None = None) -> list[Counted]:
    """What `azma fields` lists: each field with how many records use it."""
    from azma.query.records import fields_in_use

    return fields_in_use(_Read(data).dataset())


def actors(
    data: Dataset | None = None,
    *,
    text: str | Sequence[str] | None = None,
    limit: int | None = None,
) -> list[Counted]:
    """What `azma actors` lists: people and institutions (whose name, alias or role has `text`)."""
    from azma.query import answers

    return answers.actors(_Read(data), FilterOptions(text=text, limit=limit))


def on_this_day(
    day: str | None = None,
    data: Dataset | None = None,
    *,
    today: date | None = None,
    field: str | Sequence[str] = (),
    limit: int | None = None,
) -> list[Recalled]:
    """What `azma on-this-day [DATE]` lists: records on that day of the year, in any year."""
    from azma.query import answers

    options = FilterOptions(field=field, limit=limit)
    return answers.on_this_day(_Read(data), options, day, today or date.today())[0]


def anniversaries(
    year: int | None = None,
    data: Dataset | None = None,
    *,
    every: int = 5,
    field: str | Sequence[str] = (),
    limit: int | None = None,
    today: date | None = None,
) -> list[Anniversary]:
    """What `azma anniversaries` lists: round anniversaries (multiples of `every` years) in
    `year` (default: this year, `today`'s)."""
    from azma.query import answers

    options = FilterOptions(field=field, limit=limit)
    return answers.anniversaries(_Read(data), options, year, every, today or date.today())[0]


def export(
    format: str,
    data: Dataset | None = None,
    *,
    include_imprecise: bool = False,
    group: str | None = None,
    today: date | None = None,
    **options: Unpack[Filtering],
) -> str:
    """What `azma export FORMAT` writes (ics, timelinejs, markdown, html), as text: the timeline,
    agreements and trade chosen by the filters (`limit` and `reverse` do not apply); `group`
    (timelinejs: field, kind or none) as `--group`. `today` is the date an html page states
    (default: the clock's). Raises `azma.NotFoundError` where the command exits 1: a calendar
    or TimelineJS with no record in it."""
    from azma.query import answers

    fmt, how = answers.export_format(format, include_imprecise, group, today)
    return answers.export(_Read(data), fmt, _options(options), how)[0]


def render(listing: Listing, format: str = "json", *, width: int = 100, color: bool = False) -> str:
    """A listing (from `azma.views`) drawn in a listing format (json, jsonl, csv, tsv, plain,
    markdown, table), as text."""
    from azma import formats
    from azma.terminal import Terminal

    drawn = formats.find(format, "listing").load()(listing, Terminal(width=width, color=color))
    return drawn if isinstance(drawn, str) else "".join(drawn)  # json comes in chunks
