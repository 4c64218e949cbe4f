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


def _data(data: Dataset | None) -> Dataset:
    return load() if data is None else data


def _options(options: Filtering) -> FilterOptions:
    return FilterOptions(**options)


def timeline(data: Dataset | None = None, **options: Unpack[Filtering]) -> list[TimelineEntry]:
    """What `azma timeline` lists: dated happenings in date order, milestones included."""
    from azma.query.filters import make_filters
    from azma.query.timeline import select_timeline

    dataset = _data(data)
    return select_timeline(dataset, make_filters(dataset, _options(options)))


def agreements(data: Dataset | None = None, **options: Unpack[Filtering]) -> list[Agreement]:
    """What `azma agreements` lists (`kind` means an agreement kind here)."""
    from azma.query.filters import make_filters
    from azma.query.timeline import select_agreements

    dataset = _data(data)
    return select_agreements(dataset, make_filters(dataset, _options(options), "agreements"))


def disputes(
    data: Dataset | None = None, *, about: str | Sequence[str] = (), **options: Unpack[Filtering]
) -> list[DisputeItem]:
    """What `azma disputes` lists: every point the sources disagree on (about TOPIC, if given)."""
    from azma.query.filters import make_filters, resolve_terms
    from azma.query.records import select_disputes

    dataset = _data(data)
    topics = resolve_terms(_many(about), (dataset.vocabularies.dispute_topics,), "--about")
    return select_disputes(dataset, make_filters(dataset, _options(options)), frozenset(topics))


def trade(data: Dataset | None = None, **options: Unpack[Filtering]) -> list[TradeFigure]:
    """What `azma trade` lists: the trade figures by year (dates, limit and reverse apply)."""
    from azma.query.filters import make_filters
    from azma.query.timeline import trade_series

    dataset = _data(data)
    return trade_series(dataset, make_filters(dataset, _options(options)))


def search(query: str, /, data: Dataset | None = None, **options: Unpack[Filtering]) -> list[SearchHit]:
    """What `azma search TEXT` finds among every kind of record (case and accents ignored)."""
    from azma.query.filters import make_filters
    from azma.query.records import search as run_search

    dataset = _data(data)
    return run_search(dataset, query, make_filters(dataset, _options(options)))


def stats(
    data: Dataset | None = None,
    *,
    by: str | None = None,
    per: str | None = None,
    **options: Unpack[Filtering],
) -> Stats:
    """What `azma stats` counts: the timeline's records by period and by field, kind, actor…"""
    from azma.query.filters import make_filters
    from azma.query.stats import count_stats, parse_by
    from azma.query.timeline import select_timeline

    parse_by(by, per)
    dataset = _data(data)
    chosen = make_filters(dataset, _options(options))
    entries = select_timeline(dataset, chosen._replace(limit=None, reverse=False))
    return count_stats(dataset, entries, chosen, by, per)


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
    from azma.errors import UsageError
    from azma.query.filters import make_filters
    from azma.query.network import TOP, build_network
    from azma.query.timeline import select_timeline

    if top is not None and top < 1:
        raise UsageError(f"--top must be 1 or more, not {top}", "--all keeps every actor")
    if top is not None and all:
        raise UsageError("--top and --all cannot be used together", "--all keeps every actor")
    if neighbour_ties and not options.get("actor"):
        raise UsageError("--neighbour-ties needs --actor")
    dataset = _data(data)
    chosen = make_filters(dataset, _options(options))
    records = select_timeline(dataset, chosen._replace(limit=None, actors=None))
    return build_network(
        dataset,
        records,
        chosen,
        ego=chosen.actors,
        neighbour_ties=neighbour_ties,
        top=None if all else (top or TOP),
    )


def show(record_id: str, data: Dataset | None = None) -> RecordView:
    """What `azma show ID` prints: one record with its sources and linked records."""
    from azma.query.records import view_record

    return view_record(_data(data), record_id)


def sources(data: Dataset | None = None) -> list[Counted]:
    """What `azma sources` lists: each source with how often it is cited."""
    from azma.query.records import sources_in_use

    return sources_in_use(_data(data))


def fields(data: Dataset | None = None) -> list[Counted]:
    """What `azma fields` lists: each field with how many records use it."""
    from azma.query.records import fields_in_use

    return fields_in_use(_data(data))


def actors(
    data: Dataset | None = None, *, text: str | None = None, limit: int | None = None
) -> list[Counted]:
    """What `azma actors` lists: people and institutions (whose text has `text`)."""
    from azma.errors import UsageError
    from azma.query.records import actors_in_use
    from azma.query.timeline import select_actors

    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    dataset = _data(data)
    return actors_in_use(dataset, select_actors(dataset, text, limit))


def on_this_day(
    day: str | None = None,
    data: Dataset | None = None,
    *,
    today: date | None = None,
    field: str | Sequence[str] = (),
    limit: int | None = None,
) -> list[Recalled]:
    """What `azma on-this-day [DATE]` lists: records on that day of the year, in any year."""
    from azma.query.anniversaries import on_this_day as find_on_day
    from azma.query.anniversaries import parse_day_of_year
    from azma.query.filters import make_filters
    from azma.query.timeline import select_timeline

    asked = parse_day_of_year(day, today or date.today())
    dataset = _data(data)
    chosen = make_filters(dataset, FilterOptions(field=_many(field), limit=limit))
    return chosen.limited(find_on_day(select_timeline(dataset, chosen._replace(limit=None)), asked))


def anniversaries(
    year: int | None = None,
    data: Dataset | None = None,
    *,
    every: int = 5,
    field: str | Sequence[str] = (),
    limit: int | None = None,
) -> list[Anniversary]:
    """What `azma anniversaries` lists: round anniversaries (multiples of `every` years) in `year`."""
    from azma.errors import UsageError
    from azma.query.anniversaries import anniversaries as find_anniversaries
    from azma.query.filters import make_filters
    from azma.query.timeline import select_timeline

    target = date.today().year if year is None else year
    if not 1 <= target <= 9999:
        raise UsageError(f"--year must be between 1 and 9999, not {target}")
    dataset = _data(data)
    chosen = make_filters(dataset, FilterOptions(field=_many(field), limit=limit))
    entries = select_timeline(dataset, chosen._replace(limit=None))
    return chosen.limited(find_anniversaries(entries, target, every))


def export(
    format: str,
    data: Dataset | None = None,
    *,
    include_imprecise: bool = False,
    today: date | None = None,
    **options: Unpack[Filtering],
) -> str:
    """What `azma export FORMAT` writes (ics, timelinejs, markdown, html), as text: the timeline,
    agreements and trade chosen by the filters (`limit` and `reverse` do not apply). `today` is
    the date an html page states (default: the clock's)."""
    from azma import formats
    from azma.errors import UsageError
    from azma.formats.listing import ExportOptions
    from azma.query.selection import select_for_export

    fmt = formats.find(format, "export")
    if include_imprecise and fmt.name != "ics":
        raise UsageError("include_imprecise applies to ics only")
    selection = select_for_export(_data(data), _options(options))
    text: str = fmt.load()(selection, ExportOptions(include_imprecise=include_imprecise, today=today))
    return text


def render(listing: Listing, format: str = "json", *, width: int = 100, color: bool = False) -> str:
    """A listing (from `azma.views`) drawn in a listing format (json, jsonl, csv, tsv, plain,
    markdown, table), as text."""
    from azma import formats
    from azma.terminal import Terminal

    drawn = formats.find(format, "listing").load()(listing, Terminal(width=width, color=color))
    return drawn if isinstance(drawn, str) else "".join(drawn)  # json comes in chunks


def _many(values: str | Sequence[str]) -> Sequence[str]:
    return (values,) if isinstance(values, str) else values
