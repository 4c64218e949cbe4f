"""`NamedTuple` without importing `typing`: azma's records, for the cost of a tuple subclass.

`typing` alone costs about as much to import as starting Python does, and `typing.NamedTuple`
compiles a constructor for every class. azma declares its records as usual,

    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from azma._named import NamedTuple

so type checkers see `typing.NamedTuple` exactly, while at run time this class builds the same
shape: a tuple subclass with a property per field, `_fields`, `_field_defaults`, `_make`,
`_replace`, `_asdict`, `__match_args__` (so `case Filters(since, until)` matches by position),
keyword and default arguments, and the same equality, hashing and repr.
(Field names come from the class's annotations, in order; with `from __future__ import
annotations` those are plain strings, which is all this needs.)
"""

from __future__ import annotations

from _operator import itemgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _NamedTupleMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _NamedTupleMeta:
        if namespace.get("_root", False):  # NamedTuple itself
            return super().__new__(mcs, name, (tuple,), namespace)
        fields = tuple(namespace.get("__annotations__", {}))
        defaults = {field: namespace.pop(field) for field in fields if field in namespace}
        seen_default = False
        for field in fields:
            if field in defaults:
                seen_default = True
            elif seen_default:
                raise TypeError(f"{name}: field {field!r} without a default follows a field with one")
        namespace.update(__slots__=(), _fields=fields, _field_defaults=defaults, __match_args__=fields)
        for index, field in enumerate(fields):
            namespace[field] = property(itemgetter(index), doc=f"Alias for field number {index}")
        return super().__new__(mcs, name, (_Base,), namespace)


class _Base(tuple):  # type: ignore[type-arg]
    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, Any] = {}

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        fields = cls._fields
        if kwargs or len(args) != len(fields):
            if len(args) > len(fields):
                raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments but {len(args)} were given")
            values = list(args)
            for field in fields[len(args) :]:
                if field in kwargs:
                    values.append(kwargs.pop(field))
                elif field in cls._field_defaults:
                    values.append(cls._field_defaults[field])
                else:
                    raise TypeError(f"{cls.__name__}() missing required argument: {field!r}")
            if kwargs:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {next(iter(kwargs))!r}")
            args = tuple(values)
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
