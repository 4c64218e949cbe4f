"""azma._named.NamedTuple behaves as typing.NamedTuple does, pattern matching included."""

from __future__ import annotations

import pickle
import typing

from azma._named import NamedTuple
from azma.query.filters import Filters


class Ours(NamedTuple):
    a: int
    b: str = "x"


class Theirs(typing.NamedTuple):
    a: int
    b: str = "x"


def test_the_same_shape_as_typing_namedtuple() -> None:
    ours, theirs = Ours(1), Theirs(1)
    assert tuple(ours) == tuple(theirs) == (1, "x")
    assert Ours._fields == Theirs._fields and Ours._field_defaults == Theirs._field_defaults
    assert Ours.__match_args__ == Theirs.__match_args__ == ("a", "b")
    assert ours._replace(b="y") == Ours(1, "y") and ours._asdict() == theirs._asdict()
    assert repr(ours) == "Ours(a=1, b='x')" and hash(ours) == hash((1, "x"))
    assert Ours._make([2, "z"]) == Ours(a=2, b="z")
    assert pickle.loads(pickle.dumps(Filters(limit=3))) == Filters(limit=3)


def test_class_patterns_match_by_position_and_by_keyword() -> None:
    def window(filters: Filters) -> str:
        match filters:
            case Filters(None, None):
                return "no window"
            case Filters(since, None):
                return f"from {since}"
            case Filters(until=until):
                return f"to {until}"
        return "?"

    import datetime

    day = datetime.date(2018, 1, 1)
    assert window(Filters()) == "no window"
    assert window(Filters(since=day)) == "from 2018-01-01"
    assert window(Filters(since=day, until=day)) == "to 2018-01-01"
