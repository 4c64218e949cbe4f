"""Filters: what a user asked for, resolved once into one value every selection takes.

`FilterOptions` is the one list of filters: the options as typed, by the command line's names.
The CLI declares one option per field (`azma.cli.FILTER_OPTIONS`, checked against this list by
a test), hands one `FilterOptions` value on, and `make_filters` resolves it into a `Filters`
value; the selections in `azma.query.timeline` and `azma.query.records` take that and nothing
else. Adding a filter: a field here, its resolution in `make_filters` and `Filters`, its
declaration in `azma.cli.FILTER_OPTIONS` (see the README's "Adding an option or a filter").
"""

from __future__ import annotations

from azma.dates import EDTFDate, parse_user_date
from azma.errors import Call, Param, UsageError, did_you_mean
from azma.model import Actor, Dataset, Place, Vocabulary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date
    from typing import Literal, NamedTuple, TypeVar
else:
    from azma._named import NamedTuple

if TYPE_CHECKING:
    T = TypeVar("T")
if TYPE_CHECKING:
    Scope = Literal["timeline", "agreements"]
if TYPE_CHECKING:
    WindowRule = Literal["known", "certain", "possible"]

# How a --since/--until window takes a record (--window RULE; README, "Dates"):
WINDOW_RULES = {
    "known": "its known dates reach the window (an open or unknown end reaches nothing)",
    "certain": "it certainly has a day in the window, whichever reading of its date is true",
    "possible": "it may have a day in the window (an open or unknown end reaches every day)",
}


class FilterOptions(NamedTuple):
    """The filter options as the user typed them (names and order are the command line's);
    `make_filters` resolves them. A command declares the ones it takes; the rest keep these
    defaults, which mean "no filter".

    Repeated options, one rule for all (README, "Filters"): an option that names what to look
    for (field, kind, actor, place, text) may be given many times and means any of them; an
    option that sets one value (since, until, window, limit) is declared repeatable only so
    that a second value is refused (UsageError, exit 2) instead of silently replacing the
    first. A flag (reverse) given twice is given once. The Python API takes a single value or
    a sequence of them for every option."""

    since: str | Sequence[str] | None = None
    until: str | Sequence[str] | None = None
    window: str | Sequence[str] | None = None
    field: str | Sequence[str] = ()
    kind: str | Sequence[str] = ()
    actor: str | Sequence[str] | None = None
    place: str | Sequence[str] | None = None
    text: str | Sequence[str] | None = None
    limit: int | Sequence[int] | None = None
    reverse: bool = False

    def typed(self) -> list[tuple[str, str]]:
        """The filters given, as `(--option, value)` pairs in the command line's order (one pair
        per value of a repeatable option, an empty value for a flag): for reports' overviews."""
        pairs: list[tuple[str, str]] = []
        for name, value in zip(self._fields, self, strict=True):
            option = "--" + name.replace("_", "-")
            if not given(value):
                continue
            if value is True:
                pairs.append((option, ""))
            elif isinstance(value, (str, int)):
                pairs.append((option, str(value)))
            elif value:
                pairs += [(option, str(v)) for v in value]
        return pairs


def given(value: object) -> bool:
    """Whether a filter option was given: not None, False or an empty list (an empty text was)."""
    if value is None or value is False:
        return False
    return isinstance(value, (str, int)) or bool(value)


# The filters a trade row cannot meet: it has no fields, kinds, actors or places.
NOT_ON_TRADE = ("field", "kind", "actor", "place")


class Filters(NamedTuple):
    """A query with every value resolved to canonical ids and days (empty: no filter)."""

    since: date | None = None
    until: date | None = None
    fields: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    actors: frozenset[str] | None = None  # actor ids matching --actor; None: no filter
    places: frozenset[str] | None = None  # place ids matching --place
    text: str | tuple[str, ...] | None = None  # several: any of them
    limit: int | None = None
    reverse: bool = False
    window_rule: WindowRule = "known"

    @property
    def dated_only(self) -> bool:
        """A date window leaves undated records out."""
        return self.since is not None or self.until is not None

    def window(self, when: EDTFDate | None) -> bool:
        """True when a date is in the window by the window rule (WINDOW_RULES): by default when
        its known span reaches the window; an open or unknown side never carries it in."""
        if when is None:
            return not self.dated_only
        since, until = self.since, self.until
        if since is None and until is None:
            return True
        rule = self.window_rule
        if rule == "known":
            return when.known_in(since, until)
        if rule == "certain":
            return when.certainly_in(since, until)
        return (since is None or when.end >= since) and (until is None or when.start <= until)

    def any_window(self, dates: Sequence[EDTFDate]) -> bool:
        """True when a reading of a date is in the window (undated: as `window(None)`); with the
        certain rule every reading must be (the sources disagree on which is true)."""
        if not dates:
            return not self.dated_only
        if len(dates) == 1:  # nearly every record: no generator
            return self.window(dates[0])
        if self.window_rule == "certain":
            return all(self.window(d) for d in dates)
        return any(self.window(d) for d in dates)

    def uncertain(self, dates: Sequence[EDTFDate]) -> bool:
        """True when a record in the window (by any rule) may yet have no day in it: one of a
        set that reaches beyond it, a date coarser than it, a ``?``/``~`` date, a duration that
        may end before it starts, disputed readings... False without a window."""
        if not self.dated_only or not dates:
            return False
        since, until = self.since, self.until
        return not all(d.certainly_in(since, until) for d in dates)

    def limited(self, items: list[T]) -> list[T]:
        return items if self.limit is None else items[: self.limit]

    def given(self) -> list[str]:
        """The options that narrow this query, as the command line names them (the window as
        one, '--since/--until'), in the command line's order."""
        return [option for option, given in (
            ("--since/--until", self.dated_only), ("--field", bool(self.fields)), ("--kind", bool(self.kinds)),
            ("--actor", self.actors is not None), ("--place", self.places is not None), ("--text", bool(self.text)),
        ) if given]  # fmt: skip

    @property
    def texts(self) -> tuple[str, ...]:
        """The --text values (any of them matches)."""
        return () if not self.text else (self.text,) if isinstance(self.text, str) else self.text

    def in_date_order(self, items: list[T], dates: list[EDTFDate | None]) -> list[T]:
        """Dated items by date (newest first with reverse), then undated ones; cut to the limit."""
        dated = sorted(
            (i for i, d in enumerate(dates) if d is not None),
            key=lambda i: dates[i].sort_key,  # type: ignore[union-attr]
            reverse=self.reverse,
        )
        order = dated + [i for i, d in enumerate(dates) if d is None]
        return self.limited([items[i] for i in order])


def make_filters(
    dataset: Dataset, options: FilterOptions = FilterOptions(), scope: Scope = "timeline"
) -> Filters:
    """Filters from the options as typed; UsageError for a bad value, naming it. `scope` says
    which kinds --kind means: timeline (event and milestone kinds) or agreements (agreement
    kinds). A single value for any option is taken as one value; a second value of an option
    that sets one (since, until, window, limit) is refused."""
    since = single(options.since, "since")
    until = single(options.until, "until")
    rule = window_rule(single(options.window, "window"))
    limit = single(options.limit, "limit")
    field, kind, reverse = options.field, options.kind, options.reverse
    actors, places = _many(options.actor), _many(options.place)
    texts = tuple(t for t in _many(options.text) if t)
    since_span = parse_user_date(since, Param("since")) if since is not None else None
    until_span = parse_user_date(until, Param("until")) if until is not None else None
    if since_span and until_span and since_span.start > until_span.end:
        raise UsageError(
            "{since} is after {until}", "swap them, or widen the window",
            since=Param("since", since), until=Param("until", until),
        )  # fmt: skip
    check_limit(limit)
    vocab = dataset.vocabularies
    kind_vocabs = (
        (vocab.event_kinds, vocab.milestone_kinds) if scope == "timeline" else (vocab.agreement_kinds,)
    )
    return Filters(
        since=since_span.start if since_span else None,
        until=until_span.end if until_span else None,
        fields=frozenset(resolve_terms(_many(field), (vocab.fields,), Param("field"))),
        kinds=frozenset(resolve_terms(_many(kind), kind_vocabs, Param("kind"))),
        actors=frozenset().union(*(match_actors(dataset, a) for a in actors)) if actors else None,
        places=frozenset().union(*(match_places(dataset, p) for p in places)) if places else None,
        text=None if not texts else texts[0] if len(texts) == 1 else texts,
        limit=limit,
        reverse=reverse,
        window_rule=rule,
    )


def _many(values: str | Sequence[str] | None) -> Sequence[str]:
    return (values,) if isinstance(values, str) else values or ()


if TYPE_CHECKING:
    V = TypeVar("V", str, int)


def single(value: V | Sequence[V] | None, name: str) -> V | None:
    """The one value of the option `name` that sets one (since, until, window, limit): None
    when not given; UsageError (exit 2) when given more than once, naming the values."""
    if value is None or isinstance(value, (str, int)):
        return value
    values = list(value)
    if len(values) > 1:
        shown = ", ".join(repr(str(v)) for v in values)
        raise UsageError(
            "{option} was given {count} times ({shown}); it takes one value",
            "give {option} once" + ("; a window is one {since} and one {until}" if name in _WINDOW else ""),
            option=Param(name), count=len(values), shown=shown, since=Param("since"), until=Param("until"),
        )  # fmt: skip
    return values[0] if values else None


_WINDOW = ("since", "until")


def check_limit(limit: int | None) -> None:
    """UsageError for a negative --limit."""
    if limit is not None and limit < 0:
        raise UsageError("{option} must be 0 or more, not {limit}", option=Param("limit"), limit=limit)


def window_rule(typed: str | None) -> WindowRule:
    """The --window rule typed (known, certain or possible; default known); UsageError else."""
    if typed is None or typed == "known":
        return "known"
    if typed == "certain":
        return "certain"
    if typed == "possible":
        return "possible"
    hint = did_you_mean(typed, list(WINDOW_RULES))
    raise UsageError(
        "{option}: unknown rule '{typed}'", hint or "choose one of " + ", ".join(WINDOW_RULES),
        option=Param("window"), typed=typed,
    )  # fmt: skip


def resolve_terms(words: Iterable[str], vocabs: Sequence[Vocabulary], option: str | Param) -> list[str]:
    """Canonical ids for words typed by the user (ids or aliases); UsageError for unknown ones,
    naming `option` (a Param, or the text to name it by)."""
    out = []
    for word in words:
        found = next((r for v in vocabs if (r := v.resolve(word)) is not None), None)
        if found is None:
            names = [i for v in vocabs for i in v.ids]
            aliases = [a for v in vocabs for t in v.terms for a in t.aliases]
            hint = did_you_mean(word, names) or did_you_mean(word, aliases)
            raise UsageError(  # the hint names the data's terms: a value, not a template
                "{option}: unknown {what} '{word}'", "{hint}",
                option=option, what=vocabs[0].name, word=word, hint=hint or "valid: " + ", ".join(names),
            )  # fmt: skip
        out.append(found)
    return out


def _match_named(records: Sequence[Actor | Place], typed: str, what: str, option: Param) -> frozenset[str]:
    from azma.folding import fold, names_of  # only for --actor and --place

    needle = fold(typed.strip())
    if not needle:
        raise UsageError("{option}: an empty {what} name", option=option, what=what)
    found = {r.id for r in records if any(needle in fold(n) for n in names_of(r))}
    if what == "place":  # a country also means every place in it: --place Morocco finds Rabat
        found |= {r.id for r in records if isinstance(r, Place) and fold(r.country) == needle}
    if not found:
        hint = did_you_mean(typed, [n for r in records for n in (r.name, *r.aliases)])
        known = "known places: " + ", ".join(r.name for r in records)
        raise UsageError(  # the hint names the data's names: a value, not a template
            "{option}: no {what} matches '{typed}'", "{hint}" if hint or what != "actor" else "see '{actors}'",
            option=option, what=what, typed=typed, hint=hint or known, actors=Call("actors"),
        )  # fmt: skip
    return frozenset(found)


def match_actors(dataset: Dataset, typed: str) -> frozenset[str]:
    """Ids of actors whose name, id or alias contains `typed` (case/accent-insensitive)."""
    return _match_named(dataset.actors, typed, "actor", Param("actor"))


def match_places(dataset: Dataset, typed: str) -> frozenset[str]:
    """Ids of places whose name, id or alias contains `typed`, or that lie in the country typed."""
    return _match_named(dataset.places, typed, "place", Param("place"))
