"""Filters: what a user asked for, resolved once into one value every selection takes.

`make_filters` is the one place the command line's filter options (since, until, field, kind,
actor, place, text, limit, reverse) become a `Filters` value; the selections in
`azma.query.timeline` and `azma.query.records` take that value and nothing else.
"""

from __future__ import annotations

from datetime import date

from azma.dates import EDTFDate, parse_user_date
from azma.errors import UsageError, did_you_mean
from azma.folding import fold, names_of
from azma.model import Actor, Dataset, Place, Vocabulary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Literal, NamedTuple, TypeVar
else:
    from azma._named import NamedTuple

if TYPE_CHECKING:
    T = TypeVar("T")
if TYPE_CHECKING:
    Scope = Literal["timeline", "agreements"]


class Filters(NamedTuple):
    """A query with every value resolved to canonical ids and days (empty: no filter)."""

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
        """A date window leaves undated records out."""
        return self.since is not None or self.until is not None

    def window(self, when: EDTFDate | None) -> bool:
        """True when a date may fall in the window (its earliest and latest days overlap it)."""
        if when is None:
            return not self.dated_only
        return (self.since is None or when.end >= self.since) and (
            self.until is None or when.start <= self.until
        )

    def any_window(self, dates: Sequence[EDTFDate]) -> bool:
        """True when any reading of a date falls in the window (undated: as `window(None)`)."""
        if not dates:
            return not self.dated_only
        if len(dates) == 1:  # nearly every record: no generator
            return self.window(dates[0])
        return any(self.window(d) for d in dates)

    def limited(self, items: list[T]) -> list[T]:
        return items if self.limit is None else items[: self.limit]

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
    dataset: Dataset,
    scope: Scope = "timeline",
    *,
    since: str | None = None,
    until: str | None = None,
    field: Iterable[str] | None = None,
    kind: Iterable[str] | None = None,
    actor: str | None = None,
    place: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    reverse: bool = False,
) -> Filters:
    """Filters from the options as typed (their names are the command line's); UsageError for a
    bad value, naming it. `scope` says which kinds --kind means: timeline (event and milestone
    kinds) or agreements (agreement kinds)."""
    since_span = parse_user_date(since, "--since") if since is not None else None
    until_span = parse_user_date(until, "--until") if until is not None else None
    if since_span and until_span and since_span.start > until_span.end:
        raise UsageError(f"--since {since} is after --until {until}", "swap them, or widen the window")
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    vocab = dataset.vocabularies
    kind_vocabs = (
        (vocab.event_kinds, vocab.milestone_kinds) if scope == "timeline" else (vocab.agreement_kinds,)
    )
    return Filters(
        since=since_span.start if since_span else None,
        until=until_span.end if until_span else None,
        fields=frozenset(resolve_terms(field or (), (vocab.fields,), "--field")),
        kinds=frozenset(resolve_terms(kind or (), kind_vocabs, "--kind")),
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


def _match_named(records: Sequence[Actor | Place], typed: str, what: str, option: str) -> frozenset[str]:
    needle = fold(typed.strip())
    if not needle:
        raise UsageError(f"{option}: an empty {what} name")
    found = {r.id for r in records if any(needle in fold(n) for n in names_of(r))}
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
    """Ids of places whose name, id or alias contains `typed`, or that lie in the country typed."""
    return _match_named(dataset.places, typed, "place", "--place")
