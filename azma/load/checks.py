"""Checking one value: each key type of the public schema (azma.schema) and its check, and the
tables' keys with their checks and required flags, as the builder (azma.load.build) uses them."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from azma.dates import DateError, EDTFDate, parse_edtf
from azma.schema import ID_PATTERN, TABLES, references

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


if TYPE_CHECKING:
    _Check = Callable[[Any], Any]


class _Invalid(Exception):
    """A single value is wrong; the message says what would be valid."""


def _string(value: Any) -> str:
    if type(value) is str and value.strip():  # nearly every value: no need to find what is wrong
        return value
    if isinstance(value, (date, datetime)):  # an unquoted TOML date: EDTF dates are strings
        raise _Invalid(f'must be a string: quote it, e.g. "{value.isoformat()}"')
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):  # the value is fine
        raise _Invalid(f"takes one string, not a list: write {_toml_string(value[0])}, without the brackets")
    if isinstance(value, list):
        raise _Invalid(f"takes one string, not a list of {len(value)}")
    if not isinstance(value, str):
        raise _Invalid(f"must be a string, not {_type_name(value)}")
    if not value.strip():
        raise _Invalid("must not be empty")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):  # the value is fine
        raise _Invalid(f"takes a list of strings: write [{_toml_string(value)}]")
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of strings, not {_type_name(value)}")
    try:
        if all(map(str.strip, value)):  # strings, none blank: nearly every list, checked at once
            return tuple(value)
    except TypeError:  # an item that is not a string
        pass
    return tuple(_string(v) for v in value)  # says what is wrong with the first bad item


def _toml_string(text: str) -> str:
    """`text` as a TOML basic string, short enough to quote in a message."""
    shown = text if len(text) <= 40 else text[:39] + "…"
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Dates already read, by text: the data repeats them (the bundled records' 545 dates are 244
# texts). Emptied when full, so a process loading many files holds at most this many.
_DATES: dict[str, EDTFDate] = {}
_DATES_KEPT = 4096


def _edtf(value: Any) -> EDTFDate:
    text = _string(value)
    found = _DATES.get(text)
    if found is not None:
        return found
    try:
        found = parse_edtf(text)
    except DateError as exc:
        raise _Invalid(str(exc)) from None
    if len(_DATES) >= _DATES_KEPT:
        _DATES.clear()
    _DATES[text] = found
    return found


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"must be a whole number, not {_type_name(value)}")
    return value


def _year(value: Any) -> int:
    year = _integer(value)
    if not 1000 <= year <= 9999:
        raise _Invalid(f"must be a four-digit year, not {year}")
    return year


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid(f"must be a number, not {_type_name(value)}")
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits: no float holds it
        raise _Invalid(
            f"is too large ({len(str(abs(value)))} digits); figures are at most about 1e308"
        ) from None
    if not math.isfinite(number) or number < 0:
        raise _Invalid(f"must be a finite number ≥ 0, not {value}")
    return number


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, not {_type_name(value)}")
    return value


def _tables(value: Any) -> list[Any]:
    """A list of tables ([[x.y]] or a list of inline tables); each item is checked by the builder."""
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of tables, not {_type_name(value)}")
    return value


def _type_name(value: Any) -> str:
    names = {str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    names.update({list: "a list", dict: "a table"})
    return names.get(type(value), type(value).__name__)


def _who(entry: dict[str, Any]) -> str | None:
    """How a problem names a record that did not build: its id, a trade row its year, else
    nothing (the line says where), never 'year None'."""
    if isinstance(entry.get("id"), str):
        return str(entry["id"])
    year = entry.get("year")
    return f"year {year}" if isinstance(year, int) and not isinstance(year, bool) else None


_ID = re.compile(ID_PATTERN)


def _record_id(value: Any) -> str:
    text = _string(value)
    if not _ID.fullmatch(text):
        suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-record"
        raise _Invalid(f"'{text}' is not a valid id (lower-case letters, digits, '-'; e.g. '{suggestion}')")
    return text


# table -> key -> (check, required), from the public schema (azma.schema), and table -> its
# required keys. Vocabulary-checked keys are resolved in the builder.
_CHECKS: dict[str, _Check] = {
    "id": _record_id, "string": _string, "strings": _strings, "date": _edtf, "year": _year,
    "number": _number, "boolean": _boolean, "tables": _tables,
}  # fmt: skip
_SCHEMAS: dict[str, dict[str, tuple[_Check, bool]]] = {
    table: {key.name: (_CHECKS[key.type], key.required is True) for key in keys}
    for table, keys in TABLES.items()
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    table: tuple(key for key, (_, required) in spec.items() if required) for table, spec in _SCHEMAS.items()
}
# table -> (key, record type it names): what cross_check looks up for entries that did not build
_REFERENCES = references()
