"""Frozen records: immutable slotted dataclasses that are cheap to define.

A `@dataclass(frozen=True, slots=True)` generates six methods with exec each time a class is
defined; with ~25 such classes that alone cost a fifth of azma's start-up. `@frozen` keeps the
generated __init__ and the frozen guards, and takes __eq__, __hash__ and __repr__ from the
`Frozen` base class, written once here with the same meaning (fields marked compare=False are
left out of equality and hashing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")

if TYPE_CHECKING:  # tells type checkers that @frozen makes dataclasses (PEP 681)
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[T], T]:
        return lambda decorated: decorated


_COMPARED: dict[type, tuple[str, ...]] = {}


def _compared(cls: type) -> tuple[str, ...]:
    names = _COMPARED.get(cls)
    if names is None:
        names = _COMPARED[cls] = tuple(f.name for f in fields(cls) if f.compare)
    return names


class Frozen:
    """Equality, hashing and repr by field values, for classes decorated with @frozen."""

    __slots__ = ()

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _compared(type(self)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__name__}({shown})"


@dataclass_transform(frozen_default=True, eq_default=True)
def frozen(cls: type[T]) -> type[T]:
    """An immutable, slotted dataclass whose eq/hash/repr come from Frozen."""
    make: Callable[[type[T]], type[T]] = dataclass(frozen=True, slots=True, eq=False, repr=False)
    return make(cls)
