"""One registry of output formats, for listings and exports alike.

Each format carries its name, what it is for (a listing of records or an export of a
selection), the file extension it writes and where its function lives; the command line's
choices come from here. A format's module is imported only when the format is used, so the
json and plain paths never import Rich and only ics imports icalendar.

    listing   (listing: Listing, terminal: Terminal) -> str
    export    (selection: Selection, options: ExportOptions) -> str
    coverage  (selection: Selection, options: ExportOptions) -> Coverage   (exports that leave
              records out: how many they hold and why the others are missing)
"""

from __future__ import annotations

import importlib
from typing import Any, Literal, NamedTuple

from azma.errors import UsageError, did_you_mean

Kind = Literal["listing", "export"]


class Format(NamedTuple):
    name: str
    kind: Kind
    extension: str
    loader: str  # "module:function", imported on first use
    description: str
    coverage: str | None = None  # exports that cannot hold every date: "module:function"

    def load(self, loader: str | None = None) -> Any:
        module, function = (loader or self.loader).split(":")
        return getattr(importlib.import_module(module), function)


FORMATS: tuple[Format, ...] = (
    Format("table", "listing", "txt", "azma.formats.table:render_table", "aligned table for a terminal (default there)"),
    Format("plain", "listing", "txt", "azma.formats.text:render_plain", "tab-separated lines, no header (default in a pipe)"),
    Format("json", "listing", "json", "azma.formats.machine:render_json", "a JSON array of records"),
    Format("jsonl", "listing", "jsonl", "azma.formats.machine:render_jsonl", "one JSON object per line"),
    Format("csv", "listing", "csv", "azma.formats.machine:render_csv", "RFC 4180 CSV with a header"),
    Format("tsv", "listing", "tsv", "azma.formats.machine:render_tsv", "tab-separated values with a header"),
    Format("markdown", "listing", "md", "azma.formats.text:render_markdown", "a Markdown table"),
    Format("ics", "export", "ics", "azma.formats.ics:export_ics", "an iCalendar file of records known to the day",
           "azma.formats.ics:coverage"),
    Format("timelinejs", "export", "json", "azma.formats.timelinejs:export_timelinejs", "the JSON of TimelineJS3",
           "azma.formats.timelinejs:coverage"),
    Format("markdown", "export", "md", "azma.formats.markdown:export_markdown", "a report with numbered sources"),
    Format("html", "export", "html", "azma.formats.html:export_html", "one self-contained page"),
)  # fmt: skip
MACHINE_FORMATS = frozenset({"json", "jsonl", "csv", "tsv"})


def names(kind: Kind) -> list[str]:
    return [f.name for f in FORMATS if f.kind == kind]


def find(name: str, kind: Kind, allowed: tuple[str, ...] | None = None, option: str = "--format") -> Format:
    """The format called `name` (case and spaces ignored); UsageError naming the choices."""
    choices = list(allowed) if allowed is not None else names(kind)
    wanted = name.strip().lower()
    for candidate in FORMATS:
        if candidate.kind == kind and candidate.name == wanted and wanted in choices:
            return candidate
    what = "export format" if kind == "export" else "format"
    label = f"unknown {what} '{name}'" if kind == "export" else f"{option}: unknown format '{name}'"
    raise UsageError(label, did_you_mean(wanted, choices) or "choose one of " + ", ".join(choices))
