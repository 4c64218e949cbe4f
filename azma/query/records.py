"""Search, lookups and usage counts over every kind of record: pure functions, view models out."""

from __future__ import annotations

from azma.dates import EDTFDate, parse_edtf
from azma.errors import Call, NotFoundError, Param, UsageError, closest
from azma.model import Actor, Agreement, Dataset, Dispute, Event, Place, Source, Term, TradeRow, title_of
from azma.query.filters import Filters
from azma.query.text import join_text, text_query
from azma.query.timeline import (
    TimelineEntry,
    TradeFigure,
    name_index,
    timeline_entries,
    trade_series,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import NamedTuple, Union
else:
    from azma._named import NamedTuple

if TYPE_CHECKING:
    Record = Union[Source, Actor, Place, Event, Agreement, TradeRow]


class SearchHit(NamedTuple):
    type: str
    record: Record
    matched_in: tuple[str, ...]
    uncertain_in_window: bool = False  # in the window asked for, but it may have no day in it

    @property
    def date(self) -> EDTFDate | None:
        return record_date(self.record)


def record_date(record: Record) -> EDTFDate | None:
    if isinstance(record, TradeRow):
        return record.period or parse_edtf(str(record.year))
    return getattr(record, "date", None)


def _record_texts(record: Record, names: dict[str, list[str]]) -> dict[str, str]:
    """Searchable text of a record, by the key it came from (for 'matched_in')."""
    if isinstance(record, Event):
        return {
            "title": join_text(record.title), "summary": join_text(record.summary), "note": join_text(record.note),
            "actors": join_text([n for a in record.actors for n in names.get(a, [a])]),
            "places": join_text([n for p in record.places for n in names.get(p, [p])]),
            "fields": join_text(record.fields, record.kind),
            "date": join_text(record.date.text if record.date else None),
        }  # fmt: skip
    if isinstance(record, Agreement):
        return {
            "title": join_text(record.title, record.aliases), "summary": join_text(record.summary),
            "note": join_text(record.note, [m.note for m in record.milestones]),
            "parties": join_text(record.parties),
            "signatories": join_text([n for a in record.signatories for n in names.get(a, [a])]),
            "places": join_text([n for p in record.places for n in names.get(p, [p])]),
            "fields": join_text(record.fields, record.kind),
            "date": join_text([m.date.text for m in record.milestones if m.date]),
        }  # fmt: skip
    if isinstance(record, (Actor, Place)):
        roles = (*record.roles, *(p.role for p in record.terms)) if isinstance(record, Actor) else ()
        return {
            "name": join_text(record.name, record.aliases),
            "roles": join_text(roles),
            "country": join_text(record.country),
        }
    if isinstance(record, Source):
        return {
            "title": join_text(record.title, record.title_en),
            "publisher": join_text(record.publisher, [c.publisher for c in record.copies]),
            "note": join_text(record.date_note, record.note),
        }
    return {
        "caveats": join_text(record.caveats),
        "reporter": join_text(record.reporter, record.partner),
        "year": join_text(record.year),
    }


def record_text(record: Record, names: dict[str, list[str]]) -> str:
    """Everything search looks in for a record, as one folded haystack."""
    return "\n".join(_record_texts(record, names).values())


def all_records(dataset: Dataset) -> list[tuple[str, Record]]:
    records: list[tuple[str, Record]] = []
    records += [("event", r) for r in dataset.events]
    records += [("agreement", r) for r in dataset.agreements]
    records += [("actor", r) for r in dataset.actors]
    records += [("place", r) for r in dataset.places]
    records += [("source", r) for r in dataset.sources]
    records += [("trade", r) for r in dataset.trade]
    return records


def search(
    dataset: Dataset,
    text: str,
    filters: Filters,
    translations: Mapping[str, Mapping[str, str]] | None = None,
    terms: Sequence[Sequence[str]] = (),
) -> list[SearchHit]:
    """Records of every kind whose text contains `text` or an alias of it; dated ones in date order.

    `translations` gives, by record id, the record's text in other languages (key -> text, the
    key naming field and language: 'title (fr)'), searched as its own; `terms` are groups of
    words that mean the same (the glossary's forms of a term in each language)."""
    if not text.strip():
        raise UsageError(
            "search: give some text to look for",
            "e.g. {example}",
            example=Call("search", Param("query", "Marrakesh")),
        )
    needles = text_query(dataset, text, terms)
    names = name_index(dataset)
    hits = []
    for kind, record in all_records(dataset):
        texts = _record_texts(record, names)
        for key, other in (translations or {}).get(str(record.id), {}).items():
            texts[key] = join_text(other)
        if not needles.matches("\n".join(texts.values())):
            continue
        fields_ = getattr(record, "fields", ())
        if filters.fields and not filters.fields.intersection(fields_):
            continue
        when = record_date(record)
        if not filters.window(when):
            continue
        matched = tuple(key for key, hay in texts.items() if needles.hits(hay))
        hits.append(SearchHit(kind, record, matched, when is not None and filters.uncertain((when,))))
    return filters.in_date_order(hits, [h.date for h in hits])


# ----------------------------------------------------------------------------- lookups


def find_record(dataset: Dataset, record_id: str) -> tuple[str, Record | TimelineEntry]:
    """The record with this id, of any type, or a timeline milestone (agreement-id.signed).

    NotFoundError suggests the closest ids.
    """
    for kind, record in all_records(dataset):
        if record.id == record_id:
            return kind, record
    # every milestone, also one held at an event (the timeline lists that under its event)
    from azma.query.timeline import milestone_entry

    milestones = [milestone_entry(dataset, a, m) for a in dataset.agreements for m in a.milestones]
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


# ----------------------------------------------------------------------------- what people type

_SHOWN_CANDIDATES = 8  # a longer list of candidates is cut, saying how many more


def resolve_record(dataset: Dataset, typed: str) -> str:
    """The id of the record `typed` names, as people type what a table row shows: an id, a
    unique beginning of an id, an actor's or a place's name or alias (or whole words of one:
    'Bourita'), or the first words of a title (a cut title's '…' ignored). Case and accents
    are ignored but in ids. NotFoundError naming the candidates when several match at the
    first of those steps that finds any, or the closest ids when none does."""
    from azma.folding import fold, fold_all, names_of
    from azma.query.timeline import milestone_entry

    wanted = " ".join(typed.split())
    if not wanted:
        raise UsageError(
            "show: give an id, a name or the first words of a title", "e.g. {example}",
            example=Call("show", Param("record_id", "Bourita")),
        )  # fmt: skip
    records: list[tuple[str, Record | TimelineEntry]] = list(all_records(dataset))
    records += [
        ("milestone", milestone_entry(dataset, a, m)) for a in dataset.agreements for m in a.milestones
    ]
    if any(str(r.id) == wanted for _, r in records):
        return wanted
    needle = fold(wanted.rstrip("…").rstrip())
    named = [(k, r) for k, r in records if isinstance(r, (Actor, Place))]
    forms = [(k, r, fold_all(n).split("\n")) for k, r in named for n in names_of(r)]  # Gəncə: ganca, gence
    steps = (
        [(k, r) for k, r, folded in forms if needle in folded],
        [(k, r) for k, r, folded in forms if any(f" {needle} " in f" {f} " for f in folded)],
        [(k, r) for k, r in records if str(r.id).startswith(wanted.lower())],
        [(k, r) for k, r in records if needle and fold(title_text(r)).startswith(needle)],
    )
    for found in steps:
        unique = {str(r.id): (k, r) for k, r in found}
        if len(unique) == 1:
            return next(iter(unique))
        if unique:
            shown = [f"{i} ({k}: {title_text(r)})" for i, (k, r) in list(unique.items())[:_SHOWN_CANDIDATES]]
            more = len(unique) - len(shown)
            raise NotFoundError(
                f"'{wanted}' matches {len(unique)} records",
                "; ".join(shown) + (f"; and {more} more" if more > 0 else "") + ": give more of it, or an id",
            )
    near = closest(wanted, [str(r.id) for _, r in records], n=3)
    hint = (
        ("did you mean " + " or ".join(f"'{c}'" for c in near) + "?")
        if near
        else "an id, a name or a title's first words; '{search}' finds records by any text"
    )
    raise NotFoundError(  # the ids near it are the data's: a value, not a template
        "no record has the id, name or title '{wanted}'", "{hint}" if near else hint,
        wanted=wanted, hint=hint, search=Call("search", Param("query")),
    )  # fmt: skip


def title_text(record: Record | TimelineEntry) -> str:
    """A record's title (an actor's or place's name), a timeline milestone's too."""
    return record.title if isinstance(record, TimelineEntry) else title_of(record)


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
        add("cited by", [str(r.id) for _, r in all_records(dataset) if record.id in cited_sources(r)])
    return links


def cited_sources(record: Record | TimelineEntry) -> tuple[str, ...]:
    """Every source a record cites: its own, its milestones', its readings' and its posts'."""
    found = list(getattr(record, "sources", ()))
    if isinstance(record, Agreement):
        found += [s for m in record.milestones for s in m.sources]
    if isinstance(record, Actor):
        found += [s for p in record.terms for s in p.sources]
    for dispute in getattr(record, "disputes", ()):
        found += dispute.sources
    return tuple(dict.fromkeys(found))


class Usage(NamedTuple):
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
            if attr == "sources":
                values: Iterable[str] = cited_sources(record)
            else:
                values = getattr(record, attr, None) or ()
                if not values and slot == 1:
                    values = getattr(record, other_attr.get(attr, attr), ())
            for value in values or ():
                counts.setdefault(value, [0, 0, 0])[slot] += 1
    return {k: Usage(*v) for k, v in counts.items()}


# ----------------------------------------------------------------------------- views for listings and show


class Link(NamedTuple):
    relation: str
    type: str
    id: str
    date: EDTFDate | None
    title: str


class RecordView(NamedTuple):
    """One record as `show` presents it, with everything looked up: no renderer runs a query."""

    type: str  # event, milestone, agreement, actor, place, source, trade
    record: Record | TimelineEntry
    entry: TimelineEntry | None  # events: the timeline entry (agreement fields, milestones held)
    figure: TradeFigure | None  # trade rows: with the change of turnover
    usage: Usage  # actors and sources: how often they are cited
    sources: tuple[Source, ...]  # every source the record cites, in order
    links: tuple[Link, ...]


def view_record(dataset: Dataset, record_id: str) -> RecordView:
    """Everything `show` prints about one record; NotFoundError (with suggestions) if none."""
    kind, record = find_record(dataset, record_id)
    entry = None
    if kind == "event":
        entry = next(e for e in timeline_entries(dataset) if e.type == "event" and e.id == record_id)
    figure = None
    if isinstance(record, TradeRow):
        figure = next(
            (f for f in trade_series(dataset, Filters()) if f.row == record), TradeFigure(record, None)
        )
    usage = Usage()
    if kind in ("actor", "source"):
        usage = count_by(dataset, "actors" if kind == "actor" else "sources").get(record_id, Usage())
    known = {s.id: s for s in dataset.sources}
    sources = tuple(known[c] for c in cited_sources(record) if c in known)
    links = tuple(
        Link(relation, link_kind, str(other.id), record_date(other), title_of(other))
        for relation, link_kind, other in linked_records(dataset, record_id)
    )
    return RecordView(kind, record, entry, figure, usage, sources, links)


class Counted(NamedTuple):
    """A record (source, actor, vocabulary term) with how often the data uses it."""

    record: Source | Actor | Term
    usage: Usage


def sources_in_use(dataset: Dataset) -> list[Counted]:
    usage = count_by(dataset, "sources")
    return [Counted(s, usage.get(s.id, Usage())) for s in dataset.sources]


def actors_in_use(dataset: Dataset, chosen: Iterable[Actor]) -> list[Counted]:
    usage = count_by(dataset, "actors")
    return [Counted(a, usage.get(a.id, Usage())) for a in chosen]


def fields_in_use(dataset: Dataset) -> list[Counted]:
    usage = count_by(dataset, "fields")
    return [Counted(t, usage.get(t.id, Usage())) for t in dataset.vocabularies.fields.terms]


# ----------------------------------------------------------------------------- disputes


class DisputeItem(NamedTuple):
    """One point the sources disagree on, with the record it belongs to."""

    type: str  # event, milestone, agreement, trade
    id: str
    date: EDTFDate | None
    title: str
    dispute: Dispute


def select_disputes(
    dataset: Dataset, filters: Filters, topics: frozenset[str] = frozenset()
) -> list[DisputeItem]:
    """Every disagreement in the record (about one of `topics`, if given), in date order, for the
    records the filters keep (a date window matches any reading of a disputed date)."""
    from azma.query.timeline import select_agreements, select_timeline

    unlimited = filters._replace(limit=None, reverse=False)
    items: list[DisputeItem] = []
    for entry in select_timeline(dataset, unlimited):
        if entry.type == "event":
            items += [DisputeItem("event", entry.id, entry.date, entry.title, d) for d in entry.disputes]
    agreement_filters = unlimited._replace(
        kinds=frozenset(k for k in filters.kinds if dataset.vocabularies.agreement_kinds.resolve(k))
    )
    for agreement in select_agreements(dataset, agreement_filters):
        for dispute in agreement.disputes:  # a dispute about one milestone is dated by that milestone
            held = next(
                (m.date for m in agreement.milestones if m.what == dispute.milestone and m.date), None
            )
            items.append(
                DisputeItem("agreement", agreement.id, held or agreement.date, agreement.title, dispute)
            )
    if not (filters.fields or filters.kinds or filters.actors is not None or filters.places is not None):
        for figure in trade_series(dataset, unlimited):
            row = figure.row
            items += [DisputeItem("trade", row.id, record_date(row), title_of(row), d) for d in row.disputes]
    if topics:
        items = [i for i in items if i.dispute.about in topics]
    return filters.in_date_order(items, [i.date for i in items])
