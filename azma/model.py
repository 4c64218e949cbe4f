"""The records of the dataset as frozen dataclasses; loading builds them, nothing mutates them."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from azma.dates import EDTFDate
from azma.frozen import Frozen, frozen

RecordType = Literal["source", "actor", "place", "event", "agreement", "trade"]


@frozen
class Term(Frozen):
    """One entry of a controlled vocabulary: id, description, aliases."""

    id: str
    description: str
    aliases: tuple[str, ...] = ()


@frozen
class Vocabulary(Frozen):
    """A controlled list (fields, kinds, …) that resolves aliases to canonical ids."""

    name: str  # e.g. "field", "event kind"
    terms: tuple[Term, ...]
    lookup: dict[str, str] = field(compare=False, repr=False)  # normalised id/alias -> id

    @classmethod
    def build(cls, name: str, terms: tuple[Term, ...]) -> Vocabulary:
        lookup: dict[str, str] = {}
        for term in terms:
            for word in (term.id, *term.aliases):
                lookup[normalise_term(word)] = term.id
        return cls(name, terms, lookup)

    def resolve(self, word: str) -> str | None:
        """The canonical id for an id or alias, or None when the word is not in the list."""
        found = self.lookup.get(word)  # fast path: the word is already an id or normalised alias
        return found if found is not None else self.lookup.get(normalise_term(word))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.terms)

    def get(self, term_id: str) -> Term:
        return next(t for t in self.terms if t.id == term_id)


def normalise_term(word: str) -> str:
    """Fold case, spaces and underscores so 'In force', 'in_force' and 'in-force' match."""
    return "-".join(word.strip().lower().replace("_", " ").split())


@frozen
class Vocabularies(Frozen):
    fields: Vocabulary
    event_kinds: Vocabulary
    agreement_kinds: Vocabulary
    milestone_kinds: Vocabulary
    statuses: Vocabulary


@frozen
class Source(Frozen):
    id: str
    title: str
    publisher: str
    kind: str
    printed_date: str | None = None
    date: EDTFDate | None = None
    date_note: str | None = None
    file: str | None = None
    url: str | None = None
    origin: str = ""  # the data file it was loaded from


@frozen
class Actor(Frozen):
    id: str
    name: str
    type: Literal["person", "institution"]
    country: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str | None = None


@frozen
class Place(Frozen):
    id: str
    name: str
    country: str
    aliases: tuple[str, ...] = ()


@frozen
class Event(Frozen):
    id: str
    title: str
    fields: tuple[str, ...]
    sources: tuple[str, ...]
    date: EDTFDate | None = None
    summary: str | None = None
    kind: str = "event"
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    part_of: str | None = None
    note: str | None = None


@frozen
class Milestone(Frozen):
    """One dated stage in an agreement's life: discussed, signed, approved, in force…"""

    what: str
    date: EDTFDate | None = None
    event: str | None = None  # the event it happened at, if any
    sources: tuple[str, ...] = ()
    note: str | None = None


@frozen
class Agreement(Frozen):
    id: str
    title: str
    kind: str
    parties: tuple[str, ...]
    fields: tuple[str, ...]
    status: str
    sources: tuple[str, ...]
    official_title: bool = False
    aliases: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    note: str | None = None
    summary: str | None = None

    @property
    def signed(self) -> EDTFDate | None:
        return next((m.date for m in self.milestones if m.what == "signed" and m.date), None)

    @property
    def date(self) -> EDTFDate | None:
        """The agreement's own date: its signing, else its first dated milestone."""
        if self.signed:
            return self.signed
        dated = [m.date for m in self.milestones if m.date]
        return min(dated, key=lambda d: d.sort_key) if dated else None


@frozen
class TradeRow(Frozen):
    year: int
    reporter: str
    partner: str
    imports: float
    exports: float
    turnover: float
    unit: str
    sources: tuple[str, ...]
    caveats: tuple[str, ...] = ()
    printed: str | None = None  # the figures exactly as the source prints them

    @property
    def id(self) -> str:
        return f"trade-{self.year}-{self.reporter.lower()}"

    @property
    def balance(self) -> float:
        """Exports minus imports, rounded to the precision of the figures."""
        return round(self.exports - self.imports, 2)


@frozen
class Dataset(Frozen):
    """Everything loaded: the bundled data plus user files, validated and cross-checked."""

    vocabularies: Vocabularies
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    agreements: tuple[Agreement, ...]
    trade: tuple[TradeRow, ...]
    files: tuple[str, ...] = ()

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)
