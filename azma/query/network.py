"""Who met whom (`azma network`): people and institutions linked by the records they share.

Pure: the timeline records a Filters value selects become a graph. Each actor named by a
selected record is a node; two actors named by the same record are joined by an edge whose
weight is the number of such records, with the first and last of their dates and their ids.
A record is what `azma timeline` lists (an event, or an agreement milestone with no event of
its own, whose actors are the agreement's signatories).

Two cuts keep the graph readable. An ego network (`--actor`) keeps the named actors, their
neighbours and only the ties that touch a named actor (the ties among the neighbours too when
asked). Then only the `top` most connected actors are kept (most partners, then most shared
records, then most appearances; named actors always kept), with the ties among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from azma.dates import EDTFDate
    from azma.model import Dataset
    from azma.query.filters import Filters
    from azma.query.timeline import TimelineEntry


class Node(NamedTuple):
    """An actor in the graph: who it is, in how many selected records, with how many others."""

    id: str
    name: str
    type: str  # person or institution
    country: str | None
    appearances: int  # selected records that name it
    partners: int  # actors it shares a record with


class Edge(NamedTuple):
    """Two actors (ids in alphabetical order) and the records that name both."""

    a: str
    b: str
    weight: int
    first: EDTFDate | None  # the earliest dated record (None when none is dated)
    last: EDTFDate | None
    records: tuple[str, ...]  # record ids, in date order


class Network(NamedTuple):
    nodes: list[Node]  # most records first, then by id
    edges: list[Edge]  # strongest first (weight, then latest), then by ids
    records: int  # records selected
    pairs: int  # pairs before --limit
    actors: int = 0  # actors the top cut chose from (the ego network's, or the whole graph's)
    ego: tuple[str, ...] = ()  # the actors whose ego network this is (empty: the whole graph)


TOP = 30  # actors kept by default: about what a drawn graph can label legibly


def build_network(
    dataset: Dataset,
    entries: Sequence[TimelineEntry],
    filters: Filters,
    *,
    ego: frozenset[str] | None = None,
    neighbour_ties: bool = False,
    top: int | None = None,
) -> Network:
    """The co-occurrence graph of the actors of `entries` (in date order, as selected): the ego
    network of the actors in `ego` when given, then the `top` most connected actors."""
    known = {a.id: a for a in dataset.actors}
    appearances: dict[str, int] = {}
    shared: dict[tuple[str, str], list[TimelineEntry]] = {}
    for entry in entries:
        actors = sorted(dict.fromkeys(a for a in entry.actors if a in known))
        for actor in actors:
            appearances[actor] = appearances.get(actor, 0) + 1
        for pair in combinations(actors, 2):
            shared.setdefault(pair, []).append(entry)
    edges = [_edge(a, b, found) for (a, b), found in shared.items()]
    edges.sort(key=_strength)
    partners: dict[str, int] = {}
    strength: dict[str, int] = {}
    for edge in edges:
        for end in (edge.a, edge.b):
            partners[end] = partners.get(end, 0) + 1
            strength[end] = strength.get(end, 0) + edge.weight
    records = len(entries)
    centre: tuple[str, ...] = ()
    if ego is not None:
        centre = tuple(sorted(a for a in ego if a in appearances))
        named = set(centre)
        records = sum(1 for entry in entries if named.intersection(entry.actors))
        touching = [e for e in edges if e.a in named or e.b in named]
        keep = named | {e.a for e in touching} | {e.b for e in touching}
        edges = [e for e in edges if e.a in keep and e.b in keep] if neighbour_ties else touching
        appearances = {a: n for a, n in appearances.items() if a in keep}
    total = len(appearances)
    if top is not None and len(appearances) > top:
        first = set(centre)
        tie: dict[str, int] = {}  # an ego network keeps the neighbours closest to its centre
        for edge in edges:
            if edge.a in first or edge.b in first:
                for end in (edge.a, edge.b):
                    tie[end] = tie.get(end, 0) + edge.weight
        ranked = sorted(
            appearances,
            key=lambda a: (a not in first, -tie.get(a, 0), -partners.get(a, 0), -strength.get(a, 0),
                           -appearances[a], a),
        )  # fmt: skip
        keep = set(ranked[: max(top, len(first))])
        edges = [e for e in edges if e.a in keep and e.b in keep]
        appearances = {a: n for a, n in appearances.items() if a in keep}
    nodes = [
        Node(i, known[i].name, known[i].type, known[i].country, n, partners.get(i, 0))
        for i, n in appearances.items()
    ]
    nodes.sort(key=lambda n: (-n.appearances, n.id))
    return Network(nodes, filters.limited(edges), records, len(edges), total, centre)


def _edge(a: str, b: str, found: list[TimelineEntry]) -> Edge:
    dated = sorted((e.date for e in found if e.date is not None), key=lambda d: d.sort_key)
    return Edge(a, b, len(found), dated[0] if dated else None, dated[-1] if dated else None,
                tuple(e.id for e in found))  # fmt: skip


def _strength(edge: Edge) -> tuple[int, float, str, str]:
    latest = -edge.last.end.toordinal() if edge.last is not None else 0
    return (-edge.weight, latest, edge.a, edge.b)
