"""Queries: a Query value and pure functions that select, sort and search records.

Nothing here reads files or prints; every function takes the Dataset and returns new
sequences, leaving the loaded data untouched.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import date
from typing import Literal, TypeVar, Union

from azma.dates import EDTFDate, Span, parse_user_date
from azma.errors import NotFoundError, UsageError, closest, did_you_mean
from azma.frozen import Frozen, frozen
from azma.model import Actor, Agreement, Dataset, Event, Milestone, Place, Source, TradeRow, Vocabulary

T = TypeVar("T")
Record = Union[Source, Actor, Place, Event, Agreement, TradeRow]
KindScope = Literal["timeline", "agreements"]


@frozen
class Query(Frozen):
    """What a user asked for, with every value already resolved to canonical ids."""

    since: date | None = None
    until: date | None = None
    fields: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    actors: frozenset[str] | None = None  # actor ids matching --actor; None: no filter
    places: frozenset[str] | None = None  # place ids matching --place
    text: str | None = None
    limit: int | None = None
    reverse: bool = False

    @property
    def dated_only(self) -> bool:
        return self.since is not None or self.until is not None


def make_query(
    dataset: Dataset,
    *,
    since: str | None = None,
    until: str | None = None,
    fields: Sequence[str] = (),
    kinds: Sequence[str] = (),
    kind_scope: KindScope = "timeline",
    actor: str | None = None,
    place: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    reverse: bool = False,
) -> Query:
    """Build a Query from what the user typed; raise UsageError naming any bad value."""
    since_span = parse_user_date(since, "--since") if since is not None else None
    until_span = parse_user_date(until, "--until") if until is not None else None
    if since_span and until_span and since_span.start > until_span.end:
        raise UsageError(f"--since {since} is after --until {until}", "swap them, or widen the window")
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    vocab = dataset.vocabularies
    kind_vocabs = (
        (vocab.event_kinds, vocab.milestone_kinds) if kind_scope == "timeline" else (vocab.agreement_kinds,)
    )
    return Query(
        since=since_span.start if since_span else None,
        until=until_span.end if until_span else None,
        fields=frozenset(resolve_terms(fields, (vocab.fields,), "--field")),
        kinds=frozenset(resolve_terms(kinds, kind_vocabs, "--kind")),
        actors=match_actors(dataset, actor) if actor is not None else None,
        places=match_places(dataset, place) if place is not None else None,
        text=text if text else None,
        limit=limit,
        reverse=reverse,
    )


def resolve_terms(words: Iterable[str], vocabs: Sequence[Vocabulary], option: str) -> list[str]:
    """Canonical ids for words typed by the user (ids or aliases); UsageError for unknown ones."""
    out = []
    for word in words:
        found = next((r for v in vocabs if (r := v.resolve(word)) is not None), None)
        if found is None:
            names = [i for v in vocabs for i in v.ids]
            aliases = [a for v in vocabs for t in v.terms for a in t.aliases]
            hint = did_you_mean(word, names) or did_you_mean(word, aliases)
            raise UsageError(
                f"{option}: unknown {vocabs[0].name} '{word}'",
                hint or "valid: " + ", ".join(names),
            )
        out.append(found)
    return out


# ----------------------------------------------------------------------------- text matching


_FOLD = str.maketrans(
    {"ə": "a", "Ə": "a", "ı": "i", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "’": "'", "‘": "'"}
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Gəncə' -> 'ganca', 'Marrakech' -> 'marrakech'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _names(record: Actor | Place) -> list[str]:
    return [record.name, record.id, *record.aliases]


def _match_named(records: Sequence[Actor | Place], typed: str, what: str, option: str) -> frozenset[str]:
    needle = fold(typed.strip())
    if not needle:
        raise UsageError(f"{option}: an empty {what} name")
    found = frozenset(r.id for r in records if any(needle in fold(n) for n in _names(r)))
    if what == "place":  # a country also means every place in it: --place Morocco finds Rabat
        found |= {r.id for r in records if isinstance(r, Place) and fold(r.country) == needle}
    if not found:
        hint = did_you_mean(typed, [n for r in records for n in (r.name, *r.aliases)])
        known = (
            "see 'azma actors'" if what == "actor" else "known places: " + ", ".join(r.name for r in records)
        )
        raise UsageError(f"{option}: no {what} matches '{typed}'", hint or known)
    return frozenset(found)


def match_actors(dataset: Dataset, typed: str) -> frozenset[str]:
    """Ids of actors whose name, id or alias contains `typed` (case/accent-insensitive)."""
    return _match_named(dataset.actors, typed, "actor", "--actor")


def match_places(dataset: Dataset, typed: str) -> frozenset[str]:
    return _match_named(dataset.places, typed, "place", "--place")


def select_actors(dataset: Dataset, text: str | None = None, limit: int | None = None) -> list[Actor]:
    """Actors whose name, alias or role contains `text` (case/accent-insensitive)."""
    chosen = list(dataset.actors)
    if text:
        needle = fold(text)
        chosen = [a for a in chosen if any(needle in fold(n) for n in (*_names(a), *a.roles))]
    return chosen if limit is None else chosen[:limit]


# ----------------------------------------------------------------------------- timeline


@frozen
class TimelineEntry(Frozen):
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
    search_text: str = field(default="", compare=False, repr=False)


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


def event_entry(event: Event, attached: Sequence[tuple[Agreement, Milestone]] = ()) -> TimelineEntry:
    """The timeline entry of an event, with the milestones that happened at it.

    The entry's fields include those of the agreements it holds, so `--field health` finds
    the meeting where a health agreement was signed.
    """
    linked = (
        tuple(dict.fromkeys([*event.agreements, *(a.id for a, _ in attached)]))
        if attached
        else event.agreements
    )
    return TimelineEntry(
        id=event.id, type="event", date=event.date, title=event.title, kind=event.kind,
        fields=_entry_fields(event, attached), sources=event.sources, summary=event.summary,
        places=event.places, actors=event.actors, agreements=linked,
        milestones=tuple((a.id, m.what) for a, m in attached),
        part_of=event.part_of, note=event.note,
    )  # fmt: skip


def timeline_entries(dataset: Dataset) -> list[TimelineEntry]:
    """Every event plus each milestone not attached to an event, in data order."""
    at_event, loose = _milestones_by_event(dataset)
    entries = [event_entry(e, at_event.get(e.id, ())) for e in dataset.events]
    entries += [milestone_entry(dataset, a, m) for a, m in loose]
    return entries


def milestone_entry(dataset: Dataset, agreement: Agreement, milestone: Milestone) -> TimelineEntry:
    label = dataset.vocabularies.milestone_kinds.get(milestone.what).id.replace("-", " ")
    signing = milestone.what == "signed"
    same_kind = [m for m in agreement.milestones if m.what == milestone.what]
    suffix = f".{same_kind.index(milestone) + 1}" if len(same_kind) > 1 else ""  # ids stay unique
    return TimelineEntry(
        id=f"{agreement.id}.{milestone.what}{suffix}",
        type="milestone",
        date=milestone.date,
        title=f"{label.capitalize()}: {agreement.title}",
        kind=milestone.what,
        fields=agreement.fields,
        sources=milestone.sources or agreement.sources,
        places=agreement.places if signing else (),
        actors=agreement.signatories if signing else (),
        agreements=(agreement.id,),
        milestones=((agreement.id, milestone.what),),
        note=milestone.note,
    )


def _in_date_order(items: list[T], dates: list[EDTFDate | None], query: Query) -> list[T]:
    """Dated items by date (newest first with --reverse), then undated ones; cut to --limit."""
    dated = sorted(
        (i for i, d in enumerate(dates) if d is not None),
        key=lambda i: dates[i].sort_key,  # type: ignore[union-attr]
        reverse=query.reverse,
    )
    order = dated + [i for i, d in enumerate(dates) if d is None]
    return _limited([items[i] for i in order], query)


def _window(date_: EDTFDate | None, query: Query) -> bool:
    if date_ is None:
        return not query.dated_only
    return (query.since is None or date_.end >= query.since) and (
        query.until is None or date_.start <= query.until
    )


def _limited(items: list[T], query: Query) -> list[T]:
    return items if query.limit is None else items[: query.limit]


def select_timeline(dataset: Dataset, query: Query) -> list[TimelineEntry]:
    """Timeline entries matching the query: dated in date order, then undated (if no window).

    Events are tested before their entries are built, so a narrow query over a large dataset
    builds few objects. An event matches --kind by its own kind or a milestone held at it.
    """
    names = _name_index(dataset)
    needles = text_query(dataset, query.text) if query.text else None
    at_event, loose = _milestones_by_event(dataset)

    def keep(entry_date: EDTFDate | None, fields: tuple[str, ...], kinds: Iterable[str],
             actors: tuple[str, ...], places: tuple[str, ...]) -> bool:  # fmt: skip
        return (
            _window(entry_date, query)
            and (not query.fields or not query.fields.isdisjoint(fields))
            and (not query.kinds or not query.kinds.isdisjoint(kinds))
            and (query.actors is None or not query.actors.isdisjoint(actors))
            and (query.places is None or not query.places.isdisjoint(places))
        )

    chosen: list[TimelineEntry] = []
    for event in dataset.events:
        attached = at_event.get(event.id, ())
        kinds = [event.kind, *(m.what for _, m in attached)] if attached else (event.kind,)
        if keep(event.date, _entry_fields(event, attached), kinds, event.actors, event.places):
            chosen.append(event_entry(event, attached))
    for agreement, milestone in loose:
        entry = milestone_entry(dataset, agreement, milestone)
        if keep(entry.date, entry.fields, (entry.kind,), entry.actors, entry.places):
            chosen.append(entry)
    if needles is not None:
        chosen = [e for e in chosen if needles.matches(_entry_text(e, names))]
    return _in_date_order(chosen, [e.date for e in chosen], query)


def select_agreements(dataset: Dataset, query: Query) -> list[Agreement]:
    """Agreements matching the query; a date window keeps one when any dated milestone falls in it."""
    names = _name_index(dataset)
    needles = text_query(dataset, query.text) if query.text else None

    def in_window(a: Agreement) -> bool:
        dated = [m.date for m in a.milestones if m.date is not None]
        if not dated:
            return not query.dated_only
        return any(_window(d, query) for d in dated)

    chosen = [
        a
        for a in dataset.agreements
        if in_window(a)
        and (not query.fields or query.fields.intersection(a.fields))
        and (not query.kinds or a.kind in query.kinds)
        and (query.actors is None or query.actors.intersection(a.signatories))
        and (query.places is None or query.places.intersection(a.places))
        and (needles is None or needles.matches(_agreement_text(a, names)))
    ]
    return _in_date_order(chosen, [a.date for a in chosen], query)


# ----------------------------------------------------------------------------- trade


@frozen
class TradeFigure(Frozen):
    """A trade row with what is derived from it: balance and change of turnover."""

    row: TradeRow
    turnover_change_pct: float | None


def trade_series(dataset: Dataset, query: Query) -> list[TradeFigure]:
    """Rows by reporter and year, with the year-on-year change of turnover (null for the first)."""
    figures: list[TradeFigure] = []
    previous: TradeRow | None = None
    for row in dataset.trade:  # sorted by reporter, year at load
        change = None
        if (
            previous is not None
            and previous.reporter == row.reporter
            and previous.year == row.year - 1
            and previous.turnover
        ):
            change = round((row.turnover - previous.turnover) / previous.turnover * 100, 1)
        previous = row
        year = Span(date(row.year, 1, 1), date(row.year, 12, 31))
        if year.overlaps(query.since, query.until):
            figures.append(TradeFigure(row, change))
    if query.reverse:
        figures.reverse()
    return _limited(figures, query)


# ----------------------------------------------------------------------------- search


@frozen
class SearchHit(Frozen):
    type: str
    record: Record
    matched_in: tuple[str, ...]

    @property
    def date(self) -> EDTFDate | None:
        return _hit_date(self)


def _name_index(dataset: Dataset) -> dict[str, list[str]]:
    """Record id -> the names a search should see for it (actor and place names and aliases)."""
    index: dict[str, list[str]] = {}
    named: tuple[Actor | Place, ...] = (*dataset.actors, *dataset.places)
    for record in named:
        index[record.id] = _names(record)
    return index


@frozen
class TextQuery(Frozen):
    """What --text and search look for: the phrase, or else every one of its words.

    Each part carries the aliases of a name or vocabulary term it equals (folded), so
    'Marrakech' also finds 'Marrakesh' and 'defense' finds 'defence'.
    """

    phrase: tuple[str, ...]
    words: tuple[tuple[str, ...], ...] = ()

    def hits(self, haystack: str) -> bool:
        """True when the phrase or any single word occurs (for 'matched_in')."""
        return any(n in haystack for n in self.phrase) or any(n in haystack for w in self.words for n in w)

    def matches(self, haystack: str) -> bool:
        """True when the phrase occurs, or every word does."""
        if any(n in haystack for n in self.phrase):
            return True
        return bool(self.words) and all(any(n in haystack for n in w) for w in self.words)


def text_query(dataset: Dataset, text: str) -> TextQuery:
    """The TextQuery for what a user typed, aliases expanded."""
    named: tuple[Actor | Place, ...] = (*dataset.actors, *dataset.places)
    groups: list[list[str]] = [_names(r) for r in named]
    groups += [[a.title, *a.aliases] for a in dataset.agreements]
    vocab = dataset.vocabularies
    for v in (vocab.fields, vocab.event_kinds, vocab.agreement_kinds, vocab.milestone_kinds):
        groups += [[t.id, *t.aliases] for t in v.terms]
    folded_groups = [[fold(g) for g in group] for group in groups]

    def expand(needle: str) -> tuple[str, ...]:
        needles = [needle]
        for folded in folded_groups:
            if needle in folded:
                needles += [f for f in folded if f not in needles]
        return tuple(needles)

    phrase = fold(text.strip())
    words = phrase.split()
    return TextQuery(expand(phrase), tuple(expand(w) for w in words) if len(words) > 1 else ())


def _join(*parts: object) -> str:
    words: list[str] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, (tuple, list)):
            words.extend(str(p) for p in part)
        else:
            words.append(str(part))
    return fold(" \n ".join(words))


def _entry_text(e: TimelineEntry, names: dict[str, list[str]]) -> str:
    linked = [n for rid in (*e.actors, *e.places) for n in names.get(rid, [rid])]
    return _join(e.id, e.title, e.summary, e.note, e.kind, e.fields, linked)


def _agreement_text(a: Agreement, names: dict[str, list[str]]) -> str:
    linked = [n for rid in (*a.signatories, *a.places) for n in names.get(rid, [rid])]
    notes = [m.note for m in a.milestones]
    return _join(a.id, a.title, a.aliases, a.note, a.kind, a.parties, a.fields, a.status, notes, linked)


def _record_texts(record: Record, names: dict[str, list[str]]) -> dict[str, str]:
    """Searchable text of a record, by the key it came from (for 'matched_in')."""
    if isinstance(record, Event):
        return {
            "title": _join(record.title), "summary": _join(record.summary), "note": _join(record.note),
            "actors": _join([n for a in record.actors for n in names.get(a, [a])]),
            "places": _join([n for p in record.places for n in names.get(p, [p])]),
            "fields": _join(record.fields, record.kind),
            "date": _join(record.date.text if record.date else None),
        }  # fmt: skip
    if isinstance(record, Agreement):
        return {
            "title": _join(record.title, record.aliases), "note": _join(record.note, [m.note for m in record.milestones]),
            "parties": _join(record.parties),
            "signatories": _join([n for a in record.signatories for n in names.get(a, [a])]),
            "places": _join([n for p in record.places for n in names.get(p, [p])]),
            "fields": _join(record.fields, record.kind),
            "date": _join([m.date.text for m in record.milestones if m.date]),
        }  # fmt: skip
    if isinstance(record, (Actor, Place)):
        roles = record.roles if isinstance(record, Actor) else ()
        return {
            "name": _join(record.name, record.aliases),
            "roles": _join(roles),
            "country": _join(record.country),
        }
    if isinstance(record, Source):
        return {
            "title": _join(record.title),
            "publisher": _join(record.publisher),
            "note": _join(record.date_note),
        }
    return {
        "caveats": _join(record.caveats),
        "reporter": _join(record.reporter, record.partner),
        "year": _join(record.year),
    }


def all_records(dataset: Dataset) -> list[tuple[str, Record]]:
    records: list[tuple[str, Record]] = []
    records += [("event", r) for r in dataset.events]
    records += [("agreement", r) for r in dataset.agreements]
    records += [("actor", r) for r in dataset.actors]
    records += [("place", r) for r in dataset.places]
    records += [("source", r) for r in dataset.sources]
    records += [("trade", r) for r in dataset.trade]
    return records


def search(dataset: Dataset, text: str, query: Query) -> list[SearchHit]:
    """Records of every kind whose text contains `text` or an alias of it; dated ones in date order."""
    if not text.strip():
        raise UsageError("search: give some text to look for", "e.g. azma search Marrakesh")
    needles = text_query(dataset, text)
    names = _name_index(dataset)
    hits = []
    for kind, record in all_records(dataset):
        texts = _record_texts(record, names)
        if not needles.matches("\n".join(texts.values())):
            continue
        matched = tuple(key for key, hay in texts.items() if needles.hits(hay))
        hit = SearchHit(kind, record, matched)
        fields_ = getattr(record, "fields", ())
        if query.fields and not query.fields.intersection(fields_):
            continue
        if not _window(_hit_date(hit), query):
            continue
        hits.append(hit)
    return _in_date_order(hits, [_hit_date(h) for h in hits], query)


def _hit_date(hit: SearchHit) -> EDTFDate | None:
    record = hit.record
    if isinstance(record, TradeRow):
        from azma.dates import parse_edtf

        return parse_edtf(str(record.year))
    return getattr(record, "date", None)


# ----------------------------------------------------------------------------- lookups


def find_record(dataset: Dataset, record_id: str) -> tuple[str, Record | TimelineEntry]:
    """The record with this id, of any type, or a timeline milestone (agreement-id.signed).

    NotFoundError suggests the closest ids.
    """
    for kind, record in all_records(dataset):
        if getattr(record, "id", None) == record_id:
            return kind, record
    milestones = [e for e in timeline_entries(dataset) if e.type == "milestone"]
    for entry in milestones:
        if entry.id == record_id:
            return "milestone", entry
    ids = [str(r.id) for _, r in all_records(dataset)] + [e.id for e in milestones]
    near = closest(record_id, ids, n=3)
    hint = (
        ("did you mean " + " or ".join(f"'{c}'" for c in near) + "?")
        if near
        else "list ids with 'azma search TEXT' or 'azma timeline'"
    )
    raise NotFoundError(f"no record with id '{record_id}'", hint)


def linked_records(dataset: Dataset, record_id: str) -> list[tuple[str, str, Record]]:
    """(relation, type, record) for every record that refers to `record_id` or that it refers to."""
    kind, record = find_record(dataset, record_id)
    links: list[tuple[str, str, Record]] = []
    by_id = {str(r.id): (k, r) for k, r in all_records(dataset)}

    def add(relation: str, ids: Iterable[str]) -> None:
        for rid in ids:
            if rid in by_id and rid != record_id:
                k, r = by_id[rid]
                links.append((relation, k, r))

    if isinstance(record, Event):
        add("part of", [record.part_of] if record.part_of else [])
        add("includes", [e.id for e in dataset.events if e.part_of == record.id])
        attached = [a.id for a in dataset.agreements if any(m.event == record.id for m in a.milestones)]
        add("agreement", dict.fromkeys([*record.agreements, *attached]))
        add("actor", record.actors)
        add("place", record.places)
    elif isinstance(record, Agreement):
        events = [m.event for m in record.milestones if m.event]
        events += [e.id for e in dataset.events if record.id in e.agreements]
        add("event", dict.fromkeys(events))
        add("signatory", record.signatories)
        add("place", record.places)
    elif isinstance(record, (Actor, Place)):
        attr = "actors" if isinstance(record, Actor) else "places"
        add("event", [e.id for e in dataset.events if record.id in getattr(e, attr)])
        a_attr = "signatories" if isinstance(record, Actor) else "places"
        add("agreement", [a.id for a in dataset.agreements if record.id in getattr(a, a_attr)])
    elif isinstance(record, TimelineEntry):  # a milestone: its agreement
        add("agreement", record.agreements)
    elif isinstance(record, Source):
        add(
            "cited by",
            [str(r.id) for _, r in all_records(dataset) if record.id in getattr(r, "sources", ())],
        )
    return links


@frozen
class Usage(Frozen):
    """How many records use a vocabulary term, a source, an actor or a place."""

    events: int = 0
    agreements: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.events + self.agreements + self.other


def count_by(dataset: Dataset, attr: str) -> dict[str, Usage]:
    """Usage counts keyed by the values of `attr` (e.g. 'fields', 'sources', 'actors')."""
    counts: dict[str, list[int]] = {}
    groups: list[tuple[int, Iterable[Record]]] = [(0, dataset.events), (1, dataset.agreements)]
    groups.append((2, [*dataset.actors, *dataset.trade]))
    other_attr = {"actors": "signatories"}
    for slot, records in groups:
        for record in records:
            values: Iterable[str] = getattr(record, attr, None) or ()
            if not values and slot == 1:
                values = getattr(record, other_attr.get(attr, attr), ())
            if attr == "sources" and isinstance(record, Agreement):  # milestones cite too
                values = dict.fromkeys([*values, *(s for m in record.milestones for s in m.sources)])
            for value in values or ():
                counts.setdefault(value, [0, 0, 0])[slot] += 1
    return {k: Usage(*v) for k, v in counts.items()}
