"""What each command answers, checked and selected once for the command line and the Python API.

`azma.commands` (the command line) and `azma.api` (`import azma`) both call these functions, so
`azma search Бурита` and `azma.search("Бурита")` cannot find different records, and an option
checked here is checked alike in both. Each function takes the options as typed and a `Reader`,
asked for the dataset only once the options that need no data are checked (a bad `--by` is
refused before the data is read). What each front end adds stays with it: the command line's
format, notes and writing; the API's typed arguments and its keyword wording of errors.
"""

from __future__ import annotations

from azma.errors import Call, NotFoundError, Param, UsageError, did_you_mean

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from typing import Any, Protocol

    from azma.formats import Format
    from azma.formats.listing import ExportOptions
    from azma.model import Agreement, Dataset
    from azma.query.anniversaries import Anniversary, DayOfYear, Recalled
    from azma.query.filters import FilterOptions, Filters
    from azma.query.network import Network
    from azma.query.records import Counted, DisputeItem, RecordView, SearchHit
    from azma.query.stats import Stats
    from azma.query.timeline import TimelineEntry, TradeFigure

    class Reader(Protocol):
        """Where the data comes from (the command line's `State`, the API's given or loaded data)."""

        def dataset(self) -> Dataset:
            """The record in the language asked for."""

        def english(self) -> Dataset:
            """The record as its files give it, in English."""


def timeline(read: Reader, options: FilterOptions) -> tuple[list[TimelineEntry], Filters]:
    """`azma timeline`: dated happenings in date order, milestones included; and the filters."""
    from azma.query.filters import make_filters
    from azma.query.timeline import select_timeline

    dataset = read.dataset()
    chosen = make_filters(dataset, options, "timeline")
    return select_timeline(dataset, chosen), chosen


def agreements(read: Reader, options: FilterOptions) -> tuple[list[Agreement], Filters]:
    """`azma agreements` (`kind` is an agreement kind here); and the filters."""
    from azma.query.filters import make_filters
    from azma.query.timeline import select_agreements

    dataset = read.dataset()
    chosen = make_filters(dataset, options, "agreements")
    return select_agreements(dataset, chosen), chosen


def disputes(
    read: Reader, options: FilterOptions, about: str | Sequence[str] | None = None
) -> tuple[list[DisputeItem], Filters]:
    """`azma disputes [--about TOPIC]`: the points the sources disagree on; and the filters."""
    from azma.query.filters import make_filters, resolve_terms
    from azma.query.records import select_disputes

    dataset = read.dataset()
    typed = (about,) if isinstance(about, str) else about or ()
    topics = frozenset(resolve_terms(typed, (dataset.vocabularies.dispute_topics,), Param("about")))
    chosen = make_filters(dataset, options, "timeline")
    return select_disputes(dataset, chosen, topics), chosen


def trade(read: Reader, options: FilterOptions) -> tuple[list[TradeFigure], Filters]:
    """`azma trade`: the trade figures by year; and the filters."""
    from azma.query.filters import make_filters
    from azma.query.timeline import trade_series

    dataset = read.dataset()
    chosen = make_filters(dataset, options)
    return trade_series(dataset, chosen), chosen


def stats(read: Reader, options: FilterOptions, by: str | None = None, per: str | None = None) -> Stats:
    """`azma stats`: the timeline's records counted by period and by a dimension."""
    from azma.query.filters import make_filters
    from azma.query.stats import count_stats, parse_by
    from azma.query.timeline import select_timeline

    parse_by(by, per)  # a bad --by or --per is reported before the data is read
    dataset = read.dataset()
    chosen = make_filters(dataset, options, "timeline")
    entries = select_timeline(dataset, chosen._replace(limit=None, reverse=False))
    return count_stats(dataset, entries, chosen, by, per)


def network(
    read: Reader,
    options: FilterOptions,
    top: int | None = None,
    all: bool = False,
    neighbour_ties: bool = False,
) -> Network:
    """`azma network`: who appears with whom, the most connected actors only (`top`, `all`),
    an actor's ego network with `actor`."""
    from azma.query.filters import make_filters
    from azma.query.network import TOP, build_network
    from azma.query.timeline import select_timeline

    names = {
        "top": Param("top"),
        "all": Param("all"),
        "actor": Param("actor"),
        "ties": Param("neighbour_ties"),
    }
    if top is not None and top < 1:
        raise UsageError(
            "{top} must be 1 or more, not {value}", "{all} keeps every actor", value=top, **names
        )
    if top is not None and all:
        raise UsageError("{top} and {all} cannot be used together", "{all} keeps every actor", **names)
    if neighbour_ties and not options.actor:
        example = Call("network", Param("actor", "NAME"), Param("neighbour_ties", True))
        raise UsageError("{ties} needs {actor}", "{example}", example=example, **names)
    dataset = read.dataset()
    chosen = make_filters(dataset, options, "timeline")
    records = select_timeline(dataset, chosen._replace(limit=None, actors=None))
    return build_network(dataset, records, chosen, ego=chosen.actors, neighbour_ties=neighbour_ties,
                         top=None if all else (top or TOP))  # fmt: skip


def search(read: Reader, query: str | Sequence[str] | None, options: FilterOptions) -> list[SearchHit]:
    """`azma search WORDS`: records of every kind whose text has the words (several words are one
    text), in any language: every language's titles, summaries and names, and the glossary's
    forms of a term, are searched whatever language the answer is in."""
    from azma import l10n
    from azma.l10n.catalogue import glossary_groups, texts_in_other_languages
    from azma.query.filters import make_filters
    from azma.query.records import search as run_search

    text = query if isinstance(query, str) else " ".join(query or ())
    dataset = read.dataset()
    others = texts_in_other_languages(read.english(), l10n.current())
    return run_search(dataset, text, make_filters(dataset, options), others, glossary_groups())


def show(read: Reader, typed: str | Sequence[str] | None) -> RecordView:
    """`azma show ID`: the record an id, a unique beginning of one, a name or a title's first
    words name (several words are one text), with its sources and linked records."""
    from azma.query.records import resolve_record, view_record

    wanted = typed if isinstance(typed, str) else " ".join(typed or ())
    dataset = read.dataset()
    return view_record(dataset, resolve_record(dataset, wanted))


def actors(read: Reader, options: FilterOptions) -> list[Counted]:
    """`azma actors`: people and institutions whose name, alias or role has `text`, cut to `limit`."""
    from azma.query.filters import check_limit, single
    from azma.query.records import actors_in_use
    from azma.query.timeline import select_actors

    limit = single(options.limit, "limit")
    check_limit(limit)
    dataset = read.dataset()
    return actors_in_use(dataset, select_actors(dataset, options.text, limit))


def on_this_day(
    read: Reader, options: FilterOptions, day: str | None, today: date
) -> tuple[list[Recalled], DayOfYear]:
    """`azma on-this-day [DATE]`: records on that day of the year (`today`'s if None), any year."""
    from azma.query.anniversaries import on_this_day as find_on_day
    from azma.query.anniversaries import parse_day_of_year
    from azma.query.filters import make_filters
    from azma.query.timeline import select_timeline

    asked = parse_day_of_year(day, today)
    dataset = read.dataset()
    chosen = make_filters(dataset, options)
    return chosen.limited(find_on_day(select_timeline(dataset, chosen._replace(limit=None)), asked)), asked


def anniversaries(
    read: Reader, options: FilterOptions, year: int | None, every: int, today: date
) -> tuple[list[Anniversary], int]:
    """`azma anniversaries`: round anniversaries (multiples of `every` years) in `year` (default:
    `today`'s), and that year."""
    from azma.query.anniversaries import anniversaries as find_anniversaries
    from azma.query.filters import make_filters
    from azma.query.timeline import select_timeline

    target = today.year if year is None else year
    if not 1 <= target <= 9999:
        raise UsageError("{year} must be between 1 and 9999, not {target}", year=Param("year"), target=target)
    dataset = read.dataset()
    chosen = make_filters(dataset, options)
    entries = select_timeline(dataset, chosen._replace(limit=None))
    return chosen.limited(find_anniversaries(entries, target, every)), target


# ----------------------------------------------------------------------------- exports

GROUPS = ("field", "kind", "none")  # timelinejs' groups (--group)


def export_format(
    format: str, include_imprecise: bool = False, group: str | None = None, today: date | None = None
) -> tuple[Format, ExportOptions]:
    """`azma export FORMAT`'s format and options, checked before any work."""
    from azma import formats
    from azma.formats.listing import ExportOptions

    fmt = formats.find(format, "export")
    if include_imprecise and fmt.name != "ics":
        raise UsageError(
            "{option} applies to ics only", "the other formats show every record with its precision",
            option=Param("include_imprecise"),
        )  # fmt: skip
    if group is not None and fmt.name != "timelinejs":
        raise UsageError(
            "{option} applies to timelinejs only", "the page has its own lanes: by field or kind",
            option=Param("group"),
        )  # fmt: skip
    if group is not None and group not in GROUPS:
        raise UsageError(
            "{option}: unknown grouping '{group}'", did_you_mean(group, GROUPS) or "choose one of " + ", ".join(GROUPS),
            option=Param("group"), group=group,
        )  # fmt: skip
    return fmt, ExportOptions(include_imprecise=include_imprecise, group=group or "none", today=today)


def export(
    read: Reader, fmt: Format, options: FilterOptions, how: ExportOptions
) -> tuple[str, str | None, bool]:
    """`azma export FORMAT`'s document, as text; what it left out, to say once it is written
    (None: nothing); and whether the timeline chose any record. An export that has room for
    nothing chosen (a calendar, TimelineJS) raises NotFoundError instead of writing nothing."""
    from azma.query.selection import select_for_export

    selection = select_for_export(read.dataset(), options)
    left_out = None
    if fmt.coverage is not None:
        left_out = _coverage_note(fmt.name, fmt.load(fmt.coverage)(selection, how))
    text: str = fmt.load()(selection, how)
    return text, left_out, bool(selection.entries)


def _coverage_note(name: str, coverage: Any) -> str | None:
    """What an export left out, to say on stderr once it is written; an export with nothing in it
    is an error (exit 1): a calendar client or TimelineJS shows an empty or broken page for it."""
    left = "; ".join(f"{count} {why}" for count, why in coverage.left_out)
    if coverage.written == 0:
        hint = coverage.hint or "widen the filters; 'azma timeline' with them lists what they match"
        raise NotFoundError(f"export {name}: no record to export" + (f" ({left})" if left else ""), hint)
    if not left:
        return None
    total = coverage.written + sum(count for count, _ in coverage.left_out)
    return f"export {name}: {coverage.written} of {total} records written; left out: {left}"
