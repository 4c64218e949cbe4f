"""azma._named.NamedTuple behaves as typing.NamedTuple does, pattern matching included, and
azma._named.IntEnum (the exit codes) as enum.IntEnum does."""

from __future__ import annotations

import enum
import pickle
import sys
import typing

import pytest

from azma import _named
from azma._named import NamedTuple
from azma.errors import ExitCode
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


def test_a_subclass_of_a_record_class_is_a_plain_subclass_as_with_typing() -> None:
    """Subclassing a record class adds methods, not fields (the parse cache's Dataset does)."""

    class OursMore(Ours):
        __slots__ = ()

        def twice(self) -> int:
            return self.a * 2

    class TheirsMore(Theirs):
        __slots__ = ()

        def twice(self) -> int:
            return self.a * 2

    for more, base in ((OursMore, Ours), (TheirsMore, Theirs)):
        record = more(3)
        assert isinstance(record, base) and record.twice() == 6
        assert more._fields == base._fields and more.__match_args__ == ("a", "b")
        assert tuple(record) == (3, "x") and record == base(3) and record.b == "x"
        assert type(record._replace(b="y")) is more
    assert repr(OursMore(3)) == "OursMore(a=3, b='x')" == repr(TheirsMore(3)).replace("Theirs", "Ours")


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


class Light(_named.IntEnum):
    OK = 0
    USAGE = 2
    AGAIN = 2  # an alias
    BIG = 141


class Standard(enum.IntEnum):
    OK = 0
    USAGE = 2
    AGAIN = 2
    BIG = 141


def test_the_light_intenum_behaves_as_enum_intenum() -> None:
    def shown(cls: typing.Any) -> dict[str, typing.Any]:
        member = cls.USAGE
        return {
            "members": [(m.name, m.value, int(m)) for m in cls],
            "names": list(cls.__members__),
            "len": len(cls),
            "by value": cls(2).name,
            "by name": cls["BIG"].value,
            "alias": cls.AGAIN is cls.USAGE,
            "repr": repr(member).replace(cls.__name__, "X"),
            "format": (f"{member}", f"{member:>4}", f"{member:x}"),
            "int": (member == 2, hash(member) == hash(2), member + 1, isinstance(member, int)),
            "is a member": (isinstance(member, cls), member in cls, cls.OK in cls, type(member) is cls),
            "pickled": pickle.loads(pickle.dumps(member)) is member,
            "sorted": sorted([cls.BIG, cls.OK, cls.USAGE]) == [0, 2, 141],
        }

    assert shown(Light) == shown(Standard)
    if sys.version_info >= (3, 11):  # str() of an IntEnum member is the number from 3.11 on
        assert str(Light.USAGE) == str(Standard.USAGE) == "2"
    for cls in (Light, Standard):
        with pytest.raises(ValueError, match="7 is not a valid"):
            cls(7)
        with pytest.raises(KeyError):
            cls["NOPE"]
        with pytest.raises(AttributeError):
            cls.OK = 5  # type: ignore[misc]
        with pytest.raises(AttributeError):
            del cls.OK


def test_the_exit_codes_are_the_documented_ones() -> None:
    # the README's exit-code table, read from the README itself
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    documented = {int(line.split("|")[1]) for line in table.splitlines() if line[2:3].isdigit()}
    assert {int(code) for code in ExitCode} == documented
    assert ExitCode(141) is ExitCode.BROKEN_PIPE and ExitCode.USAGE.name == "USAGE"


def test_keyword_calls_as_typing_namedtuple() -> None:
    """Keywords fill fields, defaults the rest; a call typing.NamedTuple refuses is refused."""
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = [
        ((1,), {}), ((), {"a": 1}), ((), {"b": "y", "a": 1}), ((1,), {"b": "y"}), ((1, "y"), {}),
        ((), {}), ((), {"b": "y"}), ((1,), {"a": 2}), ((1,), {"c": 3}), ((1, "y", 3), {}),
    ]  # fmt: skip
    for args, kwargs in calls:
        try:
            expected: object = tuple(Theirs(*args, **kwargs))  # type: ignore[arg-type]
        except TypeError:
            expected = TypeError
        try:
            got: object = tuple(Ours(*args, **kwargs))  # type: ignore[arg-type]
        except TypeError:
            got = TypeError
        assert got == expected, (args, kwargs)
    try:
        Ours(b="y")  # type: ignore[call-arg]
    except TypeError as exc:
        assert str(exc) == "Ours() missing required argument: 'a'"
    else:
        raise AssertionError("a missing field was accepted")
