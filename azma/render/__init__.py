"""Renderers: a Listing (serialized rows + the columns people see) drawn in one format.

Each format is a small function registered by name in FORMATS; the CLI's list of formats comes
from this registry. Modules are imported only when their format is used, so the json and plain
paths never import Rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import field
from typing import Any, Literal

from azma.frozen import Frozen, frozen

Row = dict[str, Any]


@frozen
class Column(Frozen):
    """A column of the human formats: which key of the row, its header, how to fit it."""

    key: str
    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = True  # False: never wrap (dates, ids, numbers)
    max_width: int | None = None
    below: str | None = None  # tables show this key on a dim line under the value (ids under titles)
    number: str | None = None  # format spec for numbers in tables and markdown, e.g. ",.2f"


@frozen
class Listing(Frozen):
    """What a listing command answers: rows in the machine contract and how to show them."""

    name: str
    keys: tuple[str, ...]
    rows: list[Row]
    columns: tuple[Column, ...]
    title: str | None = None
    notes: tuple[str, ...] = ()
    empty_message: str = "nothing matched"
    extra: dict[str, Any] = field(default_factory=dict)


@frozen
class Options(Frozen):
    """How to draw: width and colour for tables, ASCII-only text for narrow encodings."""

    width: int = 100
    color: bool = False
    ascii_only: bool = False
    chart: bool = False


Renderer = Callable[[Listing, Options], str]

# format name -> (module, function); the module is imported on first use
FORMATS: dict[str, tuple[str, str]] = {
    "table": ("azma.render.rich_table", "render_table"),
    "plain": ("azma.render.text", "render_plain"),
    "json": ("azma.render.machine", "render_json"),
    "jsonl": ("azma.render.machine", "render_jsonl"),
    "csv": ("azma.render.machine", "render_csv"),
    "tsv": ("azma.render.machine", "render_tsv"),
    "markdown": ("azma.render.text", "render_markdown"),
}
MACHINE_FORMATS = frozenset({"json", "jsonl", "csv", "tsv"})


def renderer(name: str) -> Renderer:
    module, function = FORMATS[name]
    render: Renderer = getattr(importlib.import_module(module), function)
    return render


def cell_text(value: Any, sep: str = "; ", number: str | None = None) -> str:
    """One value as text for a cell: lists joined, None empty, numbers raw unless formatted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)) and number:
        return format(value, number)
    if isinstance(value, list):
        return sep.join(cell_text(v, sep) for v in value)
    if isinstance(value, dict):
        return ":".join(cell_text(v) for v in list(value.values())[:2] if v is not None)
    return str(value)
