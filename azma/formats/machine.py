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
from azma.safe import for_json, for_spreadsheet, for_terminal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

if TYPE_CHECKING:
    from azma.terminal import Terminal


def _contract_rows(listing: Listing) -> list[dict[str, Any]]:
    """The rows with exactly the contract's keys: listings may add display-only ones (`_milestones`)."""
    keys = listing.keys
    # every row holds all the contract's keys, so one of the same length holds nothing else
    return [row if len(row) == len(keys) else {k: row[k] for k in keys} for row in listing.rows]


def render_json(listing: Listing, terminal: Terminal) -> str:
    return dumps_indented(_contract_rows(listing), terminal.ascii_only) + "\n"


def render_jsonl(listing: Listing, terminal: Terminal) -> str:
    import json

    encode = json.JSONEncoder(
        ensure_ascii=terminal.ascii_only, allow_nan=False
    ).encode  # one encoder for all rows
    return for_json("".join([encode(row) + "\n" for row in _contract_rows(listing)]))


def flat_cell(value: Any) -> str:
    """A cell of csv/tsv: text as it is (formula-safe), numbers as numbers, lists and objects as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else f"{value:.1f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple, dict)):
        import json

        return for_json(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    return for_spreadsheet(for_terminal(str(value), keep_newlines=True))


def render_csv(listing: Listing, terminal: Terminal) -> str:
    """RFC 4180 CSV: a header row, then a row a record, quoted where needed."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(listing.keys)
    for row in listing.rows:
        writer.writerow([flat_cell(row.get(key)) for key in listing.keys])
    return buffer.getvalue()


def render_tsv(listing: Listing, terminal: Terminal) -> str:
    """IANA TSV: a header row, then a row a record; no quoting, tabs and newlines become spaces."""
    lines = ["\t".join(listing.keys)]
    for row in listing.rows:
        lines.append(
            "\t".join(for_spreadsheet(" ".join(flat_cell(row.get(key)).split())) for key in listing.keys)
        )
    return "\n".join(lines) + "\n"


def json_string(ascii_only: bool) -> Callable[[str], str]:
    """The JSON string literal of a text, as `for_json(json.dumps(text))` writes it.

    The C string encoder of json (without importing the json package, which also imports re);
    a text that is all printable characters has none that `for_json` escapes, so only the rare
    other ones pay for it.
    """
    try:
        from _json import encode_basestring, encode_basestring_ascii
    except ImportError:  # an interpreter without json's C accelerator
        from json.encoder import encode_basestring, encode_basestring_ascii

    if ascii_only:  # every character past ASCII is a \u escape already; only DEL is left
        ascii_encode = encode_basestring_ascii

        def encode_ascii(text: str) -> str:
            literal = ascii_encode(text)
            return literal.replace("\x7f", "\\u007f") if "\x7f" in literal else literal

        return encode_ascii
    encode = encode_basestring

    def encode_unicode(text: str) -> str:
        return encode(text) if text.isprintable() else for_json(encode(text))

    return encode_unicode


def dumps_indented(value: Any, ascii_only: bool) -> str:
    """Exactly `for_json(json.dumps(value, indent=2, ensure_ascii=ascii_only, allow_nan=False))`,
    faster.

    json's C encoder does not indent, and its pure-Python fallback, a chain of generators, was
    most of the time of a large `--format json`. The rows here hold only str, int, float, bool,
    None and lists and dicts of those, so one recursive function with the C string encoder does
    it, writing scalars and lists of strings inline (tests/test_machine_json.py proves the bytes
    equal).
    """
    string = json_string(ascii_only)
    out: list[str] = []
    append = out.append
    keys: dict[tuple[str, str], str] = {}  # (key, indent) -> '\n  "key": ' as written
    constants = {None: "null", True: "true", False: "false"}

    def scalar(item: Any) -> str | None:
        kind = type(item)
        if kind is str:
            return string(item)
        if item is None or kind is bool:
            return constants[item]
        if kind is int:
            return int.__repr__(item)
        if kind is float:
            if item != item or item in (float("inf"), float("-inf")):
                raise ValueError(f"Out of range float values are not JSON compliant: {item!r}")
            return float.__repr__(item)
        return None

    def dump(item: Any, pad: str) -> None:
        text = scalar(item)
        if text is not None:
            append(text)
            return
        inner = pad + "  "
        if isinstance(item, (list, tuple)):
            if not item:
                append("[]")
            elif all(type(v) is str for v in item):  # the common case: a list of ids
                append("[\n" + inner + f",\n{inner}".join(map(string, item)) + "\n" + pad + "]")
            else:
                append("[\n" + inner)
                for index, element in enumerate(item):
                    if index:
                        append(",\n" + inner)
                    dump(element, inner)
                append("\n" + pad + "]")
        elif isinstance(item, dict):
            if not item:
                append("{}")
                return
            separator = "{"
            for key, element in item.items():
                prefix = keys.get((key, inner))
                if prefix is None:
                    if type(key) is not str:
                        raise TypeError(f"keys must be str, not {type(key).__name__}")
                    prefix = keys[(key, inner)] = "\n" + inner + string(key) + ": "
                append(separator + prefix)
                separator = ","
                text = scalar(element)
                if text is not None:
                    append(text)
                else:
                    dump(element, inner)
            append("\n" + pad + "}")
        else:
            raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")

    dump(value, "")
    return "".join(out)
