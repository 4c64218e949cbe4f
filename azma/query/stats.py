"""Counts of timeline records by period and by a dimension (`azma stats`): pure, view models out.

What one record counts as, decided once here and documented in the README:
- the records are what `azma timeline` lists with the same filters: each event once, and each
  agreement milestone that happened at no event of its own once;
- under `by="kind"` an event also counts once under the kind of every milestone held at it (a
  meeting where two agreements were signed counts once under `meeting` and twice under
  `signed`), so agreements are counted by how far they moved forward;
- under field, actor, place and source a record counts once under each value it has, and a
  record with none counts under the value None; so the counts of a period may add up to more
  than its records, and every cell carries the number of distinct records of its period;
- a record belongs to the period that holds every day its date may mean (an interval: its first
  known end, or its last when the first is open or unknown; one of a set: all its candidate
  days, so [..2024-03-10] is in no single period); an undated record, one known only
  more coarsely than the period (a year-only date by month, a decade by year), or one placed
  outside the --since/--until window it reaches into, is counted in one extra cell whose
  period is None;
- when a filter names values of the dimension counted (`--field defence` with `by="field"`),
  only those values are shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

from azma.errors import Param, UsageError, did_you_mean

if TYPE_CHECKING:
    from azma.dates import EDTFDate
    from azma.model import Dataset
    from azma.query.filters import Filters
    from azma.query.timeline import TimelineEntry

Dimension = Literal["field", "kind", "actor", "place", "source"]
Per = Literal["year", "month"]
BY_CHOICES = ("year", "month", "field", "kind", "actor", "place", "source")
PER_CHOICES = ("year", "month")
MAX_PERIODS = 3000  # 250 years by month


class Period(NamedTuple):
    """A calendar year or month: its label ('2018', '2018-03') and first and last day."""

    label: str
    start: date
    end: date


class StatsCell(NamedTuple):
    """How many records of a period (None: in no single period) have a value (None: no value)."""

    period: Period | None
    value: str | None
    label: str | None  # what people call the value: an actor's or place's name, a source's title
    number: int  # how many (the JSON key `count`)
    records: int  # distinct records in the period (of the whole selection without a period)


class Stats(NamedTuple):
    """The answer of `azma stats`: cells in order, and what was counted."""

    by: str  # as asked: year, month, field, kind, actor, place, source
    per: Per | None
    dimension: Dimension | None
    cells: list[StatsCell]
    records: int  # records selected
    counted: int  # sum of the counts over every value (more than records when one has several)
    unplaced: int  # records in no single period
    cut: bool = False  # --limit left some values out
    sparse: bool = False  # more than MAX_PERIODS periods: only those with records are listed


def parse_by(by: str | None, per: str | None) -> tuple[str, Dimension | None, Per | None]:
    """(by, dimension, per) from the options as typed; UsageError naming a bad value."""
    wanted_by = _choice(by or "year", BY_CHOICES, "by")
    wanted_per = _choice(per, PER_CHOICES, "per") if per is not None else None
    if wanted_by in PER_CHOICES:
        if wanted_per is not None and wanted_per != wanted_by:
            raise UsageError(
                "{by} cannot be counted {per}", "use {by_per}, or {by_any} {per}",
                by=Param("by", wanted_by), per=Param("per", wanted_per), by_per=Param("by", wanted_per),
                by_any=Param("by", "field|kind|actor|place|source"),
            )  # fmt: skip
        return wanted_by, None, wanted_by  # type: ignore[return-value]
    return wanted_by, wanted_by, wanted_per  # type: ignore[return-value]


def _choice(typed: str, choices: tuple[str, ...], name: str) -> str:
    word = typed.strip().lower()
    if word not in choices:
        what = "period" if name == "per" else "dimension"
        raise UsageError(
            "{option}: unknown {what} '{typed}'",
            did_you_mean(word, choices) or "choose one of " + ", ".join(choices),
            option=Param(name),
            what=what,
            typed=typed,
        )
    return word


def period_of(when: EDTFDate | None, per: Per) -> Period | None:
    """The year or month holding every day `when` may mean (an interval: its anchoring end)."""
    if when is None:
        return None
    first, last = _anchor(when)
    if first is None or last is None:
        return None
    here = _period(first, per)
    return here if last <= here.end else None


def _anchor(when: EDTFDate) -> tuple[date | None, date | None]:
    """The first and last day of the point a record is placed by: the date itself, or for an
    interval its first known end (its last when the first is open or unknown). One of a set
    is placed by all its candidate days, so one open side leaves it in no single period."""
    if not when.interval:
        return (
            None if when.start_kind != "known" else when.start,
            None if when.end_kind != "known" else when.end,
        )
    from azma.dates import parse_edtf

    left, _, right = when.text.partition("/")
    side = left if when.start_kind == "known" else right
    if not side or side == "..":
        return None, None
    try:
        point = parse_edtf(side)
    except ValueError:
        return None, None
    return point.start, point.end


def _period(day: date, per: Per) -> Period:
    if per == "year":
        return Period(f"{day.year:04d}", date(day.year, 1, 1), date(day.year, 12, 31))
    if day.month == 12:
        return Period(f"{day.year:04d}-12", date(day.year, 12, 1), date(day.year, 12, 31))
    last = date.fromordinal(date(day.year, day.month + 1, 1).toordinal() - 1)
    return Period(f"{day.year:04d}-{day.month:02d}", date(day.year, day.month, 1), last)


def periods_between(first: date, last: date, per: Per) -> list[Period] | None:
    """Every year or month from the one holding `first` to the one holding `last`; None beyond
    MAX_PERIODS (a window of centuries counted by month, a record dated 9999-12-31)."""
    out = []
    current = _period(first, per)
    while current.start <= last:
        out.append(current)
        if len(out) > MAX_PERIODS:
            return None
        if current.end == date.max:
            break
        current = _period(date.fromordinal(current.end.toordinal() + 1), per)
    return out


def values_of(entry: TimelineEntry, dimension: Dimension) -> tuple[str, ...]:
    """The values a record counts under (each once per occurrence for kinds, else each once)."""
    if dimension == "kind":
        return (entry.kind, *(w for _, w in entry.milestones)) if entry.type == "event" else (entry.kind,)
    found: Iterable[str] = {
        "field": entry.fields,
        "actor": entry.actors,
        "place": entry.places,
        "source": entry.sources,
    }[dimension]
    return tuple(dict.fromkeys(found))


def count_stats(
    dataset: Dataset, entries: Sequence[TimelineEntry], filters: Filters, by: str | None, per: str | None
) -> Stats:
    """Count the selected timeline records by period and dimension, zero cells included."""
    asked, dimension, per_unit = parse_by(by, per)
    cells: list[StatsCell] = []
    counted = 0
    cut = sparse = False

    # which period each record falls in (None: no single one), and the values it counts under
    placed = [period_of(e.date, per_unit) if per_unit else None for e in entries]
    if per_unit is not None and (filters.since is not None or filters.until is not None):
        # an open interval begun before --since matches the window but is placed outside it
        placed = [p if p is None or _within(p, filters) else None for p in placed]
    record_values = [values_of(e, dimension) if dimension else () for e in entries]
    unplaced = sum(1 for p in placed if p is None) if per_unit else 0

    values = _values(dataset, dimension, filters, record_values) if dimension else [None]
    labels = _labels(dataset, dimension) if dimension else {}

    def tally(indices: list[int]) -> Counter[str | None]:
        counts: Counter[str | None] = Counter()
        for i in indices:
            if dimension is None:
                counts[None] += 1
                continue
            found = record_values[i]
            counts.update(found if found else (None,))
        return counts

    # values in one order for every period: counted most first, then by id; None last
    overall = tally(list(range(len(entries))))
    if dimension is not None:
        values = sorted(values, key=lambda v: (v is None, -overall.get(v, 0), v or ""))
        if None in overall and None not in values:
            values.append(None)
        values = [v for v in values if v is not None or overall.get(None)]

    if per_unit is None:
        buckets: list[tuple[Period | None, list[int]]] = [(None, list(range(len(entries))))]
    else:
        by_label: dict[str, list[int]] = {}
        for i, p in enumerate(placed):
            if p is not None:
                by_label.setdefault(p.label, []).append(i)
        span = _span(filters, [p for p in placed if p is not None])
        periods = periods_between(*span, per_unit) if span else []
        if periods is None:  # too many to list each: only those with records, in order
            sparse = True
            periods = sorted({p.label: p for p in placed if p is not None}.values(), key=lambda p: p.start)
        buckets = [(p, by_label.get(p.label, [])) for p in periods]
        if filters.reverse:
            buckets.reverse()
        if unplaced:
            buckets.append((None, [i for i, p in enumerate(placed) if p is None]))
    if dimension is None and filters.limit is not None:
        buckets = buckets[: filters.limit]

    for period, indices in buckets:
        counts = tally(indices)
        shown = (
            values
            if per_unit is not None or dimension is None
            else sorted(values, key=lambda v: (v is None, -counts.get(v, 0), v or ""))
        )
        counted += sum(counts.get(v, 0) for v in shown)  # every value shown, before --limit
        if dimension is not None and filters.limit is not None:
            cut = cut or len(shown) > filters.limit
            shown = shown[: filters.limit]
        for value in shown:
            n = counts.get(value, 0)
            cells.append(
                StatsCell(period, value, labels.get(value, value) if value else None, n, len(indices))
            )
    return Stats(asked, per_unit, dimension, cells, len(entries), counted, unplaced, cut, sparse)


def _within(period: Period, filters: Filters) -> bool:
    return (filters.since is None or period.end >= filters.since) and (
        filters.until is None or period.start <= filters.until
    )


def _span(filters: Filters, placed: list[Period]) -> tuple[date, date] | None:
    """The first and last day to count over: the --since/--until window where given, else the
    periods that hold records."""
    first = filters.since or (min(p.start for p in placed) if placed else None)
    last = filters.until or (max(p.end for p in placed) if placed else first)
    if first is None or last is None:
        return None
    return (first, last) if first <= last else None


def _values(
    dataset: Dataset, dimension: Dimension, filters: Filters, record_values: list[tuple[str, ...]]
) -> list[str | None]:
    """The values listed for a dimension: the filter's own where it names some; for fields and
    kinds every term of the vocabulary; for actors, places and sources those the records have."""
    chosen: frozenset[str] | None = {
        "field": filters.fields or None,
        "kind": filters.kinds or None,
        "actor": filters.actors,
        "place": filters.places,
        "source": None,
    }[dimension]
    vocab = dataset.vocabularies
    if dimension == "field":
        pool: list[str] = list(vocab.fields.ids)
    elif dimension == "kind":
        pool = list(dict.fromkeys([*vocab.event_kinds.ids, *vocab.milestone_kinds.ids]))
    else:
        pool = list(dict.fromkeys(v for found in record_values for v in found))
    if chosen is not None:
        pool = [v for v in pool if v in chosen]
    return list(pool)


def _labels(dataset: Dataset, dimension: Dimension) -> dict[str | None, str | None]:
    if dimension == "actor":
        return {a.id: a.name for a in dataset.actors}
    if dimension == "place":
        return {p.id: p.name for p in dataset.places}
    if dimension == "source":
        return {s.id: s.title for s in dataset.sources}
    return {}
