"""Machine formats: json, jsonl, csv and tsv, all printing the serialized rows unchanged.

JSON is always strict (no NaN or Infinity) and keeps every string exactly, with control and
direction characters written as \\u escapes. In CSV and TSV a list or object is one cell
holding it as JSON (`["a","b"]`), so items that contain `;` or `,` stay whole; in a text cell
control characters are shown as visible escapes (`\\x1b`), and a cell that a spreadsheet would
run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`; numbers are written as
numbers.
"""

from __future__ import annotations

from azma.formats.listing import Listing

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any, NamedTuple
else:
    from azma._named import NamedTuple

if TYPE_CHECKING:
    from azma.terminal import Terminal


def _contract_rows(listing: Listing) -> list[dict[str, Any]]:
    """The rows with exactly the contract's keys: listings may add display-only ones (`_milestones`)."""
    keys = listing.keys
    # every row holds all the contract's keys, so one of the same length holds nothing else
    return [row if len(row) == len(keys) else {k: row[k] for k in keys} for row in listing.rows]


def render_json(listing: Listing, terminal: Terminal) -> Iterator[str]:
    """The rows as an indented JSON array, `dumps_indented` of the rows, in chunks of rows: a large
    answer is written as it is made, never held whole. Every chunk can be encoded (non-ASCII is
    escaped where the output is not UTF-8), so an answer never stops part-way for its encoding."""
    if not listing.rows:
        yield "[]\n"
        return
    from _operator import itemgetter  # operator's C half: no import cost

    keys = listing.keys
    writer = _indented_writer(terminal.ascii_only)
    written, out = writer.prefixes(keys, "    "), writer.out
    values = itemgetter(*keys) if len(keys) > 1 else lambda row: (row[keys[0]],)  # only the contract's keys
    out.append("[")
    separator = "\n  "
    for count, row in enumerate(listing.rows, 1):
        out.append(separator)
        separator = ",\n  "
        writer.fields(written, values(row), "  ")
        if count % 512 == 0:
            yield "".join(out)
            out.clear()
    out.append("\n]\n")
    yield "".join(out)


def render_jsonl(listing: Listing, terminal: Terminal) -> str:
    import json

    from azma.safe import for_json

    encode = json.JSONEncoder(
        ensure_ascii=terminal.ascii_only, allow_nan=False
    ).encode  # one encoder for all rows
    return for_json("".join([encode(row) + "\n" for row in _contract_rows(listing)]))


def _flat_cells() -> Callable[[Any], str]:
    """What writes a cell of csv/tsv: text as it is (formula-safe), numbers as numbers, lists
    and objects as JSON. (Made once a listing: azma.safe is imported here, not per cell, and
    not on the json path.)"""
    from azma.safe import dump_json, for_spreadsheet, for_terminal

    def flat_cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            return repr(value) if not value.is_integer() else f"{value:.1f}"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, (list, tuple, dict)):
            return dump_json(value, indent=None)
        return for_spreadsheet(for_terminal(str(value), keep_newlines=True))

    return flat_cell


def render_csv(listing: Listing, terminal: Terminal) -> str:
    """RFC 4180 CSV: a header row, then a row a record, quoted where needed."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(listing.keys)
    flat_cell = _flat_cells()
    for row in listing.rows:
        writer.writerow([flat_cell(row.get(key)) for key in listing.keys])
    return buffer.getvalue()


def render_tsv(listing: Listing, terminal: Terminal) -> str:
    """IANA TSV: a header row, then a row a record; no quoting, tabs and newlines become spaces."""
    from azma.safe import for_spreadsheet

    flat_cell = _flat_cells()
    lines = ["\t".join(listing.keys)]
    for row in listing.rows:
        lines.append(
            "\t".join(for_spreadsheet(" ".join(flat_cell(row.get(key)).split())) for key in listing.keys)
        )
    return "\n".join(lines) + "\n"


def _string_encoders(ascii_only: bool) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """(raw, safe): json's C string encoder (imported without the json package, which would
    also import re), and the literal as `for_json(json.dumps(text))` writes it. They agree on
    every text that `_raw_is_safe` passes, which is nearly every text: callers use `raw` for
    those and `safe` for the rest.
    """
    try:
        from _json import encode_basestring, encode_basestring_ascii
    except ImportError:  # an interpreter without json's C accelerator
        from json.encoder import encode_basestring, encode_basestring_ascii

    if ascii_only:  # every character past ASCII is a \u escape already; only DEL is left
        ascii_encode = encode_basestring_ascii

        def safe_ascii(text: str) -> str:
            literal = ascii_encode(text)
            return literal.replace("\x7f", "\\u007f") if "\x7f" in literal else literal

        return ascii_encode, safe_ascii
    encode = encode_basestring

    def safe(text: str) -> str:
        from azma.safe import for_json  # only for the rare text json's encoder cannot write alone

        return for_json(encode(text))

    return encode, safe


def _raw_is_safe(text: str) -> bool:
    """Whether json's encoder alone writes `text` as `for_json` would: ASCII without DEL (the C0
    controls the encoder escapes itself), or all printable characters. `isascii` costs nothing
    and `in` is a memchr, where `isprintable` looks up every character (most texts are ASCII)."""
    return (text.isascii() and "\x7f" not in text) or text.isprintable()


def _number(item: Any) -> str:
    """A JSON number (or true/false): never NaN or Infinity."""
    kind = type(item)
    if kind is bool:
        return "true" if item else "false"
    if kind is int:
        return int.__repr__(item)
    if kind is float:
        if item != item or item in (float("inf"), float("-inf")):
            raise ValueError(f"Out of range float values are not JSON compliant: {item!r}")
        return float.__repr__(item)
    raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")


def dumps_indented(value: Any, ascii_only: bool) -> str:
    """Exactly `for_json(json.dumps(value, indent=2, ensure_ascii=ascii_only, allow_nan=False))`,
    faster.

    json's C encoder does not indent, and its pure-Python fallback, a chain of generators, was
    most of the time of a large `--format json`. The rows here hold only str, int, float, bool,
    None and lists and dicts of those, so one recursive function does it with the C string
    encoder, writing scalars and lists of strings inline and each key's indented prefix once
    (tests/test_machine_json.py proves the bytes equal).
    """
    writer = _indented_writer(ascii_only)
    writer.dump(value, "")
    return "".join(writer.out)


class _Writer(NamedTuple):
    """The parts of an indented JSON writer that share one output list (see _indented_writer)."""

    dump: Callable[[Any, str], None]  # dump(value, indent): any value
    fields: Callable[
        [tuple[str, ...], Iterable[Any], str], None
    ]  # an object from its key prefixes and values
    prefixes: Callable[[tuple[str, ...], str], tuple[str, ...]]  # the written prefixes of keys at an indent
    out: list[str]


def _indented_writer(ascii_only: bool) -> _Writer:
    """A writer appending JSON text, as json.dumps(indent=2) writes it at a given indent, to `out`.

    An object's keys are written once per shape (the same keys in the same order, as every row
    of a listing has), lists of texts in one join, and printable texts straight by the C encoder.
    """
    raw, safe = _string_encoders(ascii_only)
    out: list[str] = []
    append = out.append
    shapes: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}  # (keys, indent) -> prefixes

    def text(item: str) -> str:
        return raw(item) if _raw_is_safe(item) else safe(item)

    def texts(items: Any) -> Callable[[str], str] | None:
        """How to write a list's items inline: `raw` when all are texts it writes safely, `text`
        when all are texts, None when some are not (they are written one by one)."""
        try:
            joined = "".join(items)  # TypeError: not only texts; one check for all of them
        except TypeError:
            return None
        if _raw_is_safe(joined):  # a character-by-character property: true of each item
            return raw
        return text

    def prefixes(keys: tuple[str, ...], inner: str) -> tuple[str, ...]:
        """'{\n  "a": ', ',\n  "b": ', ...: what is written before each value of an object."""
        found = shapes.get((keys, inner))
        if found is None:
            for key in keys:
                if type(key) is not str:
                    raise TypeError(f"keys must be str, not {type(key).__name__}")
            found = shapes[(keys, inner)] = tuple(
                ("," if n else "{") + "\n" + inner + text(key) + ": " for n, key in enumerate(keys)
            )
        return found

    def fields(written: tuple[str, ...], values: Iterable[Any], pad: str) -> None:
        inner = pad + "  "
        for prefix, element in zip(written, values, strict=True):
            append(prefix)
            if type(element) is str:  # most values: written here, not through dump
                append(raw(element) if _raw_is_safe(element) else safe(element))
            elif element is None:
                append("null")
            elif element is True or element is False:
                append("true" if element else "false")
            elif not element and type(element) is list:
                append("[]")
            else:
                dump(element, inner)
        append("\n" + pad + "}")

    def dump(item: Any, pad: str) -> None:
        kind = type(item)
        if kind is dict:
            if item:
                fields(prefixes(tuple(item), pad + "  "), item.values(), pad)
            else:
                append("{}")
        elif kind is list or kind is tuple:
            if not item:
                append("[]")
                return
            inner = pad + "  "
            write = texts(item)
            if write is not None:  # the common case, a list of ids: one join
                append("[\n" + inner + (",\n" + inner).join(map(write, item)) + "\n" + pad + "]")
                return
            separator = "[\n" + inner
            for element in item:
                append(separator)
                separator = ",\n" + inner
                dump(element, inner)
            append("\n" + pad + "]")
        elif kind is str:
            append(text(item))
        elif item is None:
            append("null")
        else:
            append(_number(item))

    return _Writer(dump, fields, prefixes, out)
