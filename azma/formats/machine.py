"""Machine formats: json, jsonl, csv and tsv, all printing the serialized rows unchanged.

JSON is always strict (no NaN or Infinity) and keeps every string exactly, with control and
direction characters written as \\u escapes. In CSV and TSV a list or object is one cell
holding it as JSON (`["a","b"]`), so items that contain `;` or `,` stay whole; in a text cell
control characters are shown as visible escapes (`\\x1b`), and a cell that a spreadsheet would
run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`; numbers are written as
numbers.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from azma.formats.listing import Listing
from azma.safe import for_json, for_spreadsheet, for_terminal

if TYPE_CHECKING:
    from azma.terminal import Terminal


def _contract_rows(listing: Listing) -> list[dict[str, Any]]:
    """The rows with exactly the contract's keys: listings may add display-only ones (`_milestones`)."""
    keys = listing.keys
    # every row holds all the contract's keys, so one of the same length holds nothing else
    return [row if len(row) == len(keys) else {k: row[k] for k in keys} for row in listing.rows]


def render_json(listing: Listing, terminal: Terminal) -> str:
    return for_json(
        json.dumps(_contract_rows(listing), ensure_ascii=terminal.ascii_only, indent=2, allow_nan=False)
        + "\n"
    )


def render_jsonl(listing: Listing, terminal: Terminal) -> str:
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
