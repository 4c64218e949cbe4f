"""The records of the dataset as named tuples: immutable, cheap to define and to rebuild from the
parse cache; loading builds them, nothing mutates them."""

from __future__ import annotations

from azma.dates import EDTFDate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal, NamedTuple
else:
    from azma._named import NamedTuple

if TYPE_CHECKING:
    RecordType = Literal["source", "actor", "place", "event", "agreement", "trade"]


class Term(NamedTuple):
    """One entry of a controlled vocabulary: id, description, aliases."""

    id: str
    description: str
    aliases: tuple[str, ...] = ()
    origin: str = ""  # the data file that defines it (data/vocabulary.toml for the bundled terms)


class Vocabulary(NamedTuple):
    """A controlled list (fields, kinds, …) that resolves aliases to canonical ids."""

    name: str  # e.g. "field", "event kind"
    terms: tuple[Term, ...]
    lookup: dict[str, str]  # normalised id/alias -> id (derived from the terms)

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


class Vocabularies(NamedTuple):
    fields: Vocabulary
    event_kinds: Vocabulary
    agreement_kinds: Vocabulary
    milestone_kinds: Vocabulary
    statuses: Vocabulary
    source_kinds: Vocabulary
    dispute_topics: Vocabulary


class Reading(NamedTuple):
    """One source's (or several sources') account of a disputed point."""

    value: str  # an EDTF date when the dispute is about a date; else free text
    sources: tuple[str, ...]
    lead: bool = False  # the reading the record itself follows
    note: str | None = None
    date: EDTFDate | None = None  # `value` parsed, for disputes about a date


class Dispute(NamedTuple):
    """A point the sources disagree on, with every reading and why the record leads with one."""

    about: str  # a dispute topic: date, place, count, participants, what, figure
    readings: tuple[Reading, ...]
    reason: str
    question: str | None = None
    milestone: str | None = None  # agreements: the milestone whose date is disputed

    @property
    def lead(self) -> Reading:
        return next(r for r in self.readings if r.lead)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for r in self.readings for s in r.sources))


class SourceCopy(NamedTuple):
    """Another location of the same text (a republication or a mirror)."""

    url: str | None = None
    publisher: str | None = None
    file: str | None = None
    date: EDTFDate | None = None
    language: str | None = None
    note: str | None = None


class Post(NamedTuple):
    """A post an actor held, with its term as far as the sources show."""

    role: str
    date: EDTFDate | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    kind: str
    printed_date: str | None = None
    date: EDTFDate | None = None
    date_note: str | None = None
    file: str | None = None
    url: str | None = None
    title_en: str | None = None  # an English rendering of a headline in another language
    language: str | None = None
    note: str | None = None
    copies: tuple[SourceCopy, ...] = ()
    origin: str = ""  # the data file it was loaded from
    accessed: EDTFDate | None = None  # the day the text at `url` was read (citations' access date)


class Actor(NamedTuple):
    id: str
    name: str
    type: Literal["person", "institution"]
    country: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str | None = None
    terms: tuple[Post, ...] = ()


class Place(NamedTuple):
    id: str
    name: str
    country: str
    aliases: tuple[str, ...] = ()


class Event(NamedTuple):
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
    disputes: tuple[Dispute, ...] = ()

    @property
    def dates(self) -> tuple[EDTFDate, ...]:
        """Its date and every other reading of it (a date filter matches any of them)."""
        return date_readings(self.date, self.disputes)


class Milestone(NamedTuple):
    """One dated stage in an agreement's life: discussed, signed, approved, in force…"""

    what: str
    date: EDTFDate | None = None
    event: str | None = None  # the event it happened at, if any
    sources: tuple[str, ...] = ()
    note: str | None = None


class Agreement(NamedTuple):
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
    disputes: tuple[Dispute, ...] = ()

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


# What a trade row's figures are (the `qualifier` key): the value itself (the default), about that
# value, a ceiling ("did not exceed"), a floor ("more than").
TRADE_QUALIFIERS = {
    "exact": "the figures as reported",
    "approximate": "about that much (the source says so, or rounds it)",
    "at-most": "a ceiling: no more than that, the real figure unknown",
    "at-least": "a floor: no less than that, the real figure unknown",
}


class TradeRow(NamedTuple):
    year: int
    reporter: str
    partner: str
    turnover: float
    unit: str
    sources: tuple[str, ...]
    imports: float | None = None
    exports: float | None = None
    caveats: tuple[str, ...] = ()
    printed: str | None = None  # the figures exactly as the source prints them
    period: EDTFDate | None = None  # set when the figures cover part of the year only
    disputes: tuple[Dispute, ...] = ()
    qualifier: str = "exact"  # what the figures are: exact, approximate, at-most or at-least (QUALIFIERS)

    @property
    def id(self) -> str:
        when = str(self.year) if self.period is None else self.period.text.replace("/", "-to-")
        return f"trade-{when}-{self.reporter.lower()}"

    @property
    def whole_year(self) -> bool:
        return self.period is None

    @property
    def bound(self) -> bool:
        """The figures are a ceiling or a floor (at-most, at-least), not values: no change, sum or
        maximum may treat them as values."""
        return self.qualifier in ("at-most", "at-least")

    @property
    def balance(self) -> float | None:
        """Exports minus imports, rounded to the precision of the figures (None if either is unknown)."""
        if self.exports is None or self.imports is None or self.bound:
            return None
        return round(self.exports - self.imports, 2)


def date_readings(main: EDTFDate | None, disputes: tuple[Dispute, ...]) -> tuple[EDTFDate, ...]:
    """A date and every other reading of it in the date disputes given (only agreements' disputes
    name a milestone, and a caller passes those of the milestone it dates)."""
    dates = [main] if main is not None else []
    for dispute in disputes:
        if dispute.about == "date":
            dates += [r.date for r in dispute.readings if r.date is not None and r.date != main]
    return tuple(dates)


def title_of(record: object) -> str:
    """What a record is called: its title or name; a trade row by its period and reporters."""
    title = getattr(record, "title", None) or getattr(record, "name", None)
    if title is not None:
        return str(title)
    row: TradeRow = record  # type: ignore[assignment]
    when = row.period.text if row.period else str(row.year)
    return f"Trade {when} ({row.reporter}–{row.partner})"


DEFAULT_TITLE = "A sourced record"


class DatasetInfo(NamedTuple):
    """What the record is about, from its `[dataset]` table: titles and captions come from here."""

    title: str = DEFAULT_TITLE
    countries: tuple[str, ...] = ()  # the pair (or group) of countries the record is about
    description: str | None = None
    origin: str = ""  # the file with the [dataset] table ("" when none was given)


class Dataset(NamedTuple):
    """Everything loaded: the bundled data plus user files, validated and cross-checked."""

    vocabularies: Vocabularies
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    agreements: tuple[Agreement, ...]
    trade: tuple[TradeRow, ...]
    files: tuple[str, ...] = ()
    info: DatasetInfo = DatasetInfo()

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)
