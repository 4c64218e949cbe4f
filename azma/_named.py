"""`NamedTuple` without importing `typing`, `IntEnum` without importing `enum`.

Both are declared as usual, and type checkers see the standard classes exactly:

    if TYPE_CHECKING:
        from enum import IntEnum
        from typing import NamedTuple
    else:
        from azma._named import IntEnum, NamedTuple

**NamedTuple**: azma's records, for the cost of a tuple subclass.

`typing` alone costs about as much to import as starting Python does, and `typing.NamedTuple`
compiles a constructor for every class. azma declares its records as usual,

    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from azma._named import NamedTuple

so type checkers see `typing.NamedTuple` exactly, while at run time this class builds the same
shape: a tuple subclass with a read-only attribute per field, `_fields`, `_field_defaults`, `_make`,
`_replace`, `_asdict`, `__match_args__` (so `case Filters(since, until)` matches by position),
keyword and default arguments, and the same equality, hashing and repr.
(Field names come from the class's annotations, in order; with `from __future__ import
annotations` those are plain strings, which is all this needs.)

**IntEnum**: azma's exit codes (`azma.errors.ExitCode`). `enum` imports `functools` and
`collections`, which no short run otherwise needs (README, Speed). The members are instances of
the class, an `int` subclass: `.name`, `.value`, `repr` `<ExitCode.USAGE: 2>`, `str` and
`format` as the number (as `enum.IntEnum` has them since Python 3.11), lookup by value
(`ExitCode(2)`, ValueError for no member) and by name (`ExitCode["USAGE"]`), iteration in
definition order, `len`, `__members__`, aliases for a repeated value, members that cannot be
reassigned, and pickling by value. (What it leaves out: `auto()`, `_missing_`, flags, methods
on members beyond int's.) tests/test_named.py holds it to `enum.IntEnum`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Any

    def _tuplegetter(index: int, doc: str) -> Any: ...

else:
    # what collections.namedtuple uses: a field read straight from the tuple, in C (half the
    # time to make, and to read a third less, than property(itemgetter(index)), its stand-in)
    try:
        from _collections import _tuplegetter
    except ImportError:  # an interpreter without it
        from _operator import itemgetter

        def _tuplegetter(index, doc):
            return property(itemgetter(index), doc=doc)


class _NamedTupleMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _NamedTupleMeta:
        if namespace.get("_root", False):  # NamedTuple itself
            return super().__new__(mcs, name, (tuple,), namespace)
        if NamedTuple not in bases:  # a subclass of a record class: a plain subclass, as typing's
            return super().__new__(mcs, name, bases, namespace)
        fields = tuple(namespace.get("__annotations__", {}))
        defaults = {field: namespace.pop(field) for field in fields if field in namespace}
        seen_default = False
        for field in fields:
            if field in defaults:
                seen_default = True
            elif seen_default:
                raise TypeError(f"{name}: field {field!r} without a default follows a field with one")
        namespace.update(__slots__=(), _fields=fields, _field_defaults=defaults, __match_args__=fields)
        # each field's default (or _MISSING): what a call with keywords is filled from
        namespace["_fill"] = tuple(defaults.get(field, _MISSING) for field in fields)
        for index, field in enumerate(fields):
            namespace[field] = _tuplegetter(index, f"Alias for field number {index}")
        return super().__new__(mcs, name, (_Base,), namespace)


_MISSING = object()  # a field with no default


class _Base(tuple):  # type: ignore[type-arg]
    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, Any] = {}
    _fill: tuple[Any, ...] = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        fields = cls._fields
        if kwargs or len(args) != len(fields):
            if len(args) > len(fields):
                raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments but {len(args)} were given")
            given = len(args)
            values = [*args, *map(kwargs.pop, fields[given:], cls._fill[given:])]
            if _MISSING in values:
                missing = fields[values.index(_MISSING)]
                raise TypeError(f"{cls.__name__}() missing required argument: {missing!r}")
            if kwargs:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {next(iter(kwargs))!r}")
            return tuple.__new__(cls, values)
        return tuple.__new__(cls, args)

    @classmethod
    def _make(cls, iterable: Any) -> Any:
        values = tuple(iterable)
        if len(values) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(values)}")
        return tuple.__new__(cls, values)

    def _replace(self, **changes: Any) -> Any:
        values = [changes.pop(field, value) for field, value in zip(self._fields, self, strict=True)]
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return tuple.__new__(type(self), values)

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    def __repr__(self) -> str:
        shown = ", ".join(f"{field}={value!r}" for field, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({shown})"


class NamedTuple(metaclass=_NamedTupleMeta):
    """Subclass it with annotated fields, as `typing.NamedTuple`."""

    _root = True


_new_int: Any = int.__new__  # (typed Any: a member is made before its class is complete)


class _IntEnumMeta(type):
    _member_map_: dict[str, Any]
    _value2member_map_: dict[int, Any]

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _IntEnumMeta:
        if namespace.get("_root", False):  # IntEnum itself
            return super().__new__(mcs, name, (_Member,), namespace)
        values = {
            key: value for key, value in namespace.items() if not key.startswith("_") and type(value) is int
        }
        for key in values:
            del namespace[key]
        cls = super().__new__(mcs, name, bases, namespace)
        members: dict[str, Any] = {}
        by_value: dict[int, Any] = {}
        for key, value in values.items():
            member = by_value.get(value)
            if member is None:  # a repeated value is an alias of the first member
                member = by_value[value] = _new_int(cls, value)
                member._name_, member._value_ = key, value
            members[key] = member
            type.__setattr__(cls, key, member)
        type.__setattr__(cls, "_member_map_", members)
        type.__setattr__(cls, "_value2member_map_", by_value)
        return cls

    def __call__(cls, value: int) -> Any:
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}") from None

    def __getitem__(cls, name: str) -> Any:
        return cls._member_map_[name]

    def __iter__(cls) -> Iterator[Any]:
        return iter(cls._value2member_map_.values())

    def __len__(cls) -> int:
        return len(cls._value2member_map_)

    def __contains__(cls, member: object) -> bool:
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __setattr__(cls, name: str, value: object) -> None:
        if name in cls.__dict__.get("_member_map_", ()):
            raise AttributeError(f"cannot reassign member {name!r}")
        super().__setattr__(name, value)

    def __delattr__(cls, name: str) -> None:
        if name in cls.__dict__.get("_member_map_", ()):
            raise AttributeError(f"{cls.__name__} cannot delete member {name!r}")
        super().__delattr__(name)

    @property
    def __members__(cls) -> Mapping[str, Any]:
        from types import MappingProxyType  # only when asked: `types` stays off start-up

        return MappingProxyType(cls._member_map_)


class _Member(int):
    _name_: str
    _value_: int

    @property
    def name(self) -> str:
        return self._name_

    @property
    def value(self) -> int:
        return self._value_

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self._name_}: {self._value_}>"

    __str__ = int.__repr__
    __format__ = int.__format__

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return type(self), (self._value_,)


class IntEnum(metaclass=_IntEnumMeta):
    """Subclass it with int members, as `enum.IntEnum`."""

    _root = True
