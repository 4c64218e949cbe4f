"""Machine formats: json, jsonl, csv and tsv, all printing the serialized rows unchanged."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from azma.render import Listing, Options, cell_text


def _contract_rows(listing: Listing) -> list[dict[str, Any]]:
    """The rows with exactly the contract's keys: listings may add display-only ones (`_milestones`)."""
    keys = listing.keys
    # every row holds all the contract's keys, so one of the same length holds nothing else
    return [row if len(row) == len(keys) else {k: row[k] for k in keys} for row in listing.rows]


def render_json(listing: Listing, options: Options) -> str:
    return json.dumps(_contract_rows(listing), ensure_ascii=options.ascii_only, indent=2) + "\n"


def render_jsonl(listing: Listing, options: Options) -> str:
    encode = json.JSONEncoder(ensure_ascii=options.ascii_only).encode  # one encoder for all rows
    return "".join([encode(row) + "\n" for row in _contract_rows(listing)])


def _flat(value: Any) -> str:
    """A cell of csv/tsv: lists joined with ';', nested objects as their first two values a:b."""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else f"{value:.1f}"
    return cell_text(value, sep=";")


def render_csv(listing: Listing, options: Options) -> str:
    """RFC 4180 CSV: a header row, then a row a record, quoted where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(listing.keys)
    for row in listing.rows:
        writer.writerow([_flat(row.get(key)) for key in listing.keys])
    return buffer.getvalue()


def render_tsv(listing: Listing, options: Options) -> str:
    """IANA TSV: a header row, then a row a record; no quoting, tabs and newlines become spaces."""
    lines = ["\t".join(listing.keys)]
    for row in listing.rows:
        lines.append("\t".join(" ".join(_flat(row.get(key)).split()) for key in listing.keys))
    return "\n".join(lines) + "\n"
