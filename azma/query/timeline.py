"""The timeline, agreements, trade and actors: pure selections that return view models.

Nothing here reads files or prints; every function takes the Dataset and a Filters value and
returns new sequences, leaving the loaded data untouched.
"""

from __future__ import annotations

from azma.dates import EDTFDate, parse_edtf
from azma.l10n import current, t
from azma.model import Actor, Agreement, Dataset, Dispute, Event, Milestone, TradeRow, date_readings
from azma.query.filters import Filters

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Literal, NamedTuple
else:
    from azma._named import NamedTuple


class TimelineEntry(NamedTuple):
    """One line of the timeline: an event, or an agreement milestone with no event of its own."""

    id: str
    type: Literal["event", "milestone"]
    date: EDTFDate | None
    title: str
    kind: str
    fields: tuple[str, ...]
    sources: tuple[str, ...]
    summary: str | None = None
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    milestones: tuple[tuple[str, str], ...] = ()  # (agreement id, milestone kind) shown here
    part_of: str | None = None
    note: str | None = None
    disputes: tuple[Dispute, ...] = ()  # what the sources disagree on about it
    uncertain_in_window: bool = False  # in the window asked for, but it may have no day in it

    @property
    def disputed(self) -> bool:
        return bool(self.disputes)

    @property
    def dates(self) -> tuple[EDTFDate, ...]:
        """Its date and every other reading of it in a date dispute (a date filter matches any)."""
        return date_readings(self.date, self.disputes)


def _milestones_by_event(
    dataset: Dataset,
) -> tuple[dict[str, list[tuple[Agreement, Milestone]]], list[tuple[Agreement, Milestone]]]:
    """Milestones grouped by the event they happened at, and those with no event (loose)."""
    at_event: dict[str, list[tuple[Agreement, Milestone]]] = {}
    loose: list[tuple[Agreement, Milestone]] = []
    for agreement in dataset.agreements:
        for milestone in agreement.milestones:
            if milestone.event is not None:
                at_event.setdefault(milestone.event, []).append((agreement, milestone))
            else:
                loose.append((agreement, milestone))
    return at_event, loose


def _entry_fields(event: Event, attached: Sequence[tuple[Agreement, Milestone]]) -> tuple[str, ...]:
    """An event's fields plus those of the agreements signed (or approved…) at it."""
    if not attached:
        return event.fields
    return tuple(dict.fromkeys([*event.fields, *(f for a, _ in attached for f in a.fields)]))


def event_entry(
    event: Event, attached: Sequence[tuple[Agreement, Milestone]] = (), uncertain: bool = False
) -> TimelineEntry:
    """The timeline entry of an event, with the milestones that happened at it (`uncertain`: in
    the window asked for, but it may have no day in it).

    The entry's fields include those of the agreements it holds, so `--field health` finds
    the meeting where a health agreement was signed.
    """
    linked = (
        tuple(dict.fromkeys([*event.agreements, *(a.id for a, _ in attached)]))
        if attached
        else event.agreements
    )
    return TimelineEntry(  # every field, in order: no keyword or default matching (one per event)
        event.id, "event", event.date, event.title, event.kind, _entry_fields(event, attached),
        event.sources, event.summary, event.places, event.actors, linked,
        tuple((a.id, m.what) for a, m in attached), event.part_of, event.note, event.disputes, uncertain,
    )  # fmt: skip


def milestone_entry(dataset: Dataset, agreement: Agreement, milestone: Milestone) -> TimelineEntry:
    """The timeline entry of an agreement's milestone that happened at no event of its own."""
    label = dataset.vocabularies.milestone_kinds.get(milestone.what).id.replace("-", " ")
    if current() != "en":  # the milestone's label in the run's language
        from azma.l10n import term_label

        label = term_label(("milestone_kind",), milestone.what)
    signing = milestone.what == "signed"
    same_kind = [m for m in agreement.milestones if m.what == milestone.what]
    suffix = f".{same_kind.index(milestone) + 1}" if len(same_kind) > 1 else ""  # ids stay unique
    return TimelineEntry(
        id=f"{agreement.id}.{milestone.what}{suffix}",
        type="milestone",
        date=milestone.date,
        title=t("{milestone}: {title}", milestone=label[:1].upper() + label[1:], title=agreement.title),
        kind=milestone.what,
        fields=agreement.fields,
        sources=milestone.sources or agreement.sources,
        places=agreement.places if signing else (),
        actors=agreement.signatories if signing else (),
        agreements=(agreement.id,),
        milestones=((agreement.id, milestone.what),),
        note=milestone.note,
        disputes=tuple(
            d for d in agreement.disputes if d.milestone == milestone.what or (signing and d.about == "place")
        ),
    )


def timeline_entries(dataset: Dataset) -> list[TimelineEntry]:
    """Every event plus each milestone not attached to an event, in data order."""
    at_event, loose = _milestones_by_event(dataset)
    entries = [event_entry(e, at_event.get(e.id, ())) for e in dataset.events]
    entries += [milestone_entry(dataset, a, m) for a, m in loose]
    return entries


def name_index(dataset: Dataset) -> dict[str, list[str]]:
    """Record id -> the names a search should see for it (actor and place names and aliases)."""
    from azma.folding import names_of  # --text only, as are entry_text and agreement_text

    index = {a.id: names_of(a) for a in dataset.actors}
    index.update({p.id: names_of(p) for p in dataset.places})
    return index


def entry_text(e: TimelineEntry, names: dict[str, list[str]]) -> str:
    from azma.query.text import join_text

    linked = [n for rid in (*e.actors, *e.places) for n in names.get(rid, [rid])]
    return join_text(e.id, e.title, e.summary, e.note, e.kind, e.fields, linked)


def agreement_text(a: Agreement, names: dict[str, list[str]]) -> str:
    from azma.query.text import join_text

    linked = [n for rid in (*a.signatories, *a.places) for n in names.get(rid, [rid])]
    notes = [m.note for m in a.milestones]
    return join_text(
        a.id, a.title, a.aliases, a.note, a.summary, a.kind, a.parties, a.fields, a.status, notes, linked
    )


def select_timeline(dataset: Dataset, filters: Filters) -> list[TimelineEntry]:
    """Timeline entries matching the filters: dated in date order, then undated (if no window).

    Events are tested before their entries are built, so a narrow query over a large dataset
    builds few objects. An event matches --kind by its own kind or a milestone held at it, and
    a date window by any reading of its date.
    """
    needles = None
    if filters.text:  # azma.query.text is imported only for --text
        from azma.query.text import texts_query

        needles = texts_query(dataset, filters.text)
    at_event, loose = _milestones_by_event(dataset)

    def keep(
        fields: tuple[str, ...], kinds: Iterable[str], actors: tuple[str, ...], places: tuple[str, ...]
    ) -> bool:
        return (
            (not filters.fields or not filters.fields.isdisjoint(fields))
            and (not filters.kinds or not filters.kinds.isdisjoint(kinds))
            and (filters.actors is None or not filters.actors.isdisjoint(actors))
            and (filters.places is None or not filters.places.isdisjoint(places))
        )

    chosen: list[TimelineEntry] = []
    for event in dataset.events:
        dates = event.dates if event.disputes else (event.date,) if event.date else ()
        if not filters.any_window(dates):
            continue  # the date first: a window rules out most events of a large file
        attached = at_event.get(event.id, ())
        kinds = [event.kind, *(m.what for _, m in attached)] if attached else (event.kind,)
        if keep(_entry_fields(event, attached), kinds, event.actors, event.places):
            chosen.append(event_entry(event, attached, filters.uncertain(dates)))
    for agreement, milestone in loose:
        entry = milestone_entry(dataset, agreement, milestone)
        if filters.any_window(entry.dates) and keep(entry.fields, (entry.kind,), entry.actors, entry.places):
            chosen.append(
                entry._replace(uncertain_in_window=True) if filters.uncertain(entry.dates) else entry
            )
    if needles is not None:
        names = name_index(dataset)
        chosen = [e for e in chosen if needles.matches(entry_text(e, names))]
    return filters.in_date_order(chosen, [e.date for e in chosen])


def agreement_dates(agreement: Agreement) -> tuple[EDTFDate, ...]:
    """The dates of its milestones, and every other reading of a disputed one."""
    found = [m.date for m in agreement.milestones if m.date is not None]
    for dispute in agreement.disputes:
        if dispute.about == "date":
            found += [r.date for r in dispute.readings if r.date is not None and r.date not in found]
    return tuple(found)


def milestone_readings(agreement: Agreement) -> list[tuple[EDTFDate, ...]]:
    """Each dated milestone's date with the other readings of it that its disputes give."""
    return [
        date_readings(m.date, tuple(d for d in agreement.disputes if d.milestone == m.what))
        for m in agreement.milestones
        if m.date is not None
    ]


def agreement_in_window(agreement: Agreement, filters: Filters) -> bool:
    """A milestone of the agreement is in the window (by any reading, or by all of them with the
    certain rule): the agreement did something then."""
    if not filters.dated_only:
        return True
    return any(filters.any_window(readings) for readings in milestone_readings(agreement))


def agreement_uncertain(agreement: Agreement, filters: Filters) -> bool:
    """In the window, but no milestone certainly falls in it."""
    if not filters.dated_only:
        return False
    return all(filters.uncertain(readings) for readings in milestone_readings(agreement))


def select_agreements(dataset: Dataset, filters: Filters) -> list[Agreement]:
    """Agreements matching the filters; a date window keeps one when any dated milestone (or any
    reading of a disputed milestone date) falls in it."""
    needles = None
    if filters.text:
        from azma.query.text import texts_query

        needles = texts_query(dataset, filters.text)
    names = name_index(dataset) if needles is not None else {}
    chosen = [
        a
        for a in dataset.agreements
        if agreement_in_window(a, filters)
        and (not filters.fields or filters.fields.intersection(a.fields))
        and (not filters.kinds or a.kind in filters.kinds)
        and (filters.actors is None or filters.actors.intersection(a.signatories))
        and (filters.places is None or filters.places.intersection(a.places))
        and (needles is None or needles.matches(agreement_text(a, names)))
    ]
    return filters.in_date_order(chosen, [a.date for a in chosen])


# ----------------------------------------------------------------------------- trade


class TradeFigure(NamedTuple):
    """A trade row with what is derived from it: the change of turnover from the year before."""

    row: TradeRow
    turnover_change_pct: float | None
    change_note: str | None = None  # why the change is shown as it is (or not at all)


def trade_series(dataset: Dataset, filters: Filters) -> list[TradeFigure]:
    """Rows by reporter and period, with the change of turnover from the year before (null when
    there is no comparable whole-year row); part-year rows never get a change."""
    import math

    figures: list[TradeFigure] = []
    previous: TradeRow | None = None
    for row in dataset.trade:  # sorted by reporter, year, whole years first at load
        change, note = None, None
        if row.whole_year and previous is not None and previous.reporter == row.reporter:
            bound = next((r for r in (row, previous) if r.bound), None)
            if previous.year == row.year - 1 and bound is not None:
                note = f"no change from {previous.year}: {bound_words(bound)}"
            elif previous.year == row.year - 1 and previous.turnover:
                change = round((row.turnover - previous.turnover) / previous.turnover * 100, 1)
                if not math.isfinite(change):
                    change, note = None, "the change is too large to compute"
                elif previous.caveats and abs(change) >= 1000:
                    note = f"the change from {previous.year} rests on a row with caveats: read them before comparing"
        if row.whole_year:
            previous = row
        span = row.period or _year(row.year)
        if filters.window(span):
            figures.append(TradeFigure(row, change, note))
    figures.sort(key=_trade_order, reverse=filters.reverse)  # by period, across reporters
    return filters.limited(figures)


def bound_words(row: TradeRow) -> str:
    """What a bound row's turnover is, said so that no one takes it for a value."""
    what = "a ceiling (at most" if row.qualifier == "at-most" else "a floor (at least"
    return f"{row.period or row.year}'s turnover is {what} {row.turnover:,.2f} {row.unit}), not a value"


def _trade_order(figure: TradeFigure) -> tuple[int, bool, str, str]:
    row = figure.row
    return (row.year, row.whole_year, row.period.text if row.period else "", row.reporter)


def _year(year: int) -> EDTFDate:
    return parse_edtf(str(year))


# ----------------------------------------------------------------------------- actors


def select_actors(
    dataset: Dataset, text: str | Sequence[str] | None = None, limit: int | None = None
) -> list[Actor]:
    """Actors whose name, alias or role contains `text` (any of several; case/accent-insensitive)."""
    from azma.folding import fold, names_of

    chosen = list(dataset.actors)
    needles = [fold(t) for t in ((text,) if isinstance(text, str) else text or ()) if t]
    if needles:
        chosen = [
            a
            for a in chosen
            if any(needle in fold(n) for n in (*names_of(a), *a.roles) for needle in needles)
        ]
    return chosen if limit is None else chosen[:limit]
