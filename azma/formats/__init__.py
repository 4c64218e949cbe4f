"""One registry of output formats, for listings and exports alike.

Each format carries its name, what it is for (a listing of records or an export of a
selection), the file extension it writes and where its function lives; the command line's
choices come from here. A format's module is imported only when the format is used, so the
json and plain paths never import Rich and only ics imports icalendar.

    listing   (listing: Listing, terminal: Terminal) -> str
    export    (selection: Selection, options: ExportOptions) -> str
    graph     (network: Network, terminal: Terminal) -> str        `azma network` only
    citation  (sources: Sequence[Source], terminal: Terminal) -> str   `azma sources`, `show --cite`
    references  as citation: numbered references for people            `show --cite`
    record    (view: RecordView, terminal: Terminal) -> str           `azma show`
    problems  (problems: Sequence[Problem], terminal: Terminal) -> str `azma validate`

An export may also name a `coverage` function, (selection, options) -> Coverage, when it leaves
records out: how many it holds and why the others are missing. A command offers the listing
formats plus those of the kind it draws (`network`: graph); a format's name is unique among the
formats one command offers.
"""

from __future__ import annotations

from azma.errors import Param, UsageError, did_you_mean

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal, NamedTuple
else:
    from azma._named import NamedTuple

if TYPE_CHECKING:
    Kind = Literal["listing", "export", "graph", "citation", "references", "record", "problems"]


class Format(NamedTuple):
    name: str
    kind: Kind
    extension: str
    loader: str  # "module:function", imported on first use
    description: str
    coverage: str | None = None  # exports that cannot hold every date: "module:function"

    def load(self, loader: str | None = None) -> Any:
        module, function = (loader or self.loader).split(":")
        return getattr(__import__(module, fromlist=[function]), function)  # importlib costs start-up


FORMATS: tuple[Format, ...] = (
    Format("table", "listing", "txt", "azma.formats.table:render_table", "aligned table for a terminal (default there)"),
    Format("cards", "listing", "txt", "azma.formats.table:render_cards", "each record as 'Header: value' lines"),
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
    Format("dot", "graph", "dot", "azma.formats.graph:render_dot", "a Graphviz graph (dot -Tsvg)"),
    Format("graphml", "graph", "graphml", "azma.formats.graph:render_graphml", "GraphML for Gephi, yEd, networkx"),
    Format("node-link", "graph", "json", "azma.formats.graph:render_node_link", "node-link JSON (networkx, D3)"),
    Format("text", "references", "txt", "azma.formats.cite:render_references_text", "numbered references"),
    Format("csl-json", "citation", "json", "azma.formats.cite:render_csl_json", "CSL-JSON for Zotero, pandoc"),
    Format("bibtex", "citation", "bib", "azma.formats.cite:render_bibtex", "BibTeX (@misc and @article)"),
    Format("text", "record", "txt", "azma.formats.record:render_record_text", "key and value lines"),
    Format("plain", "record", "txt", "azma.formats.record:render_record_text", "the same as text"),
    Format("json", "record", "json", "azma.formats.record:render_record_json", "the record as JSON"),
    Format("text", "problems", "txt", "azma.formats.problems:render_problems_text", "one problem a line"),
    Format("json", "problems", "json", "azma.formats.problems:render_problems_json", "a JSON array of problems"),
)  # fmt: skip


# The listing formats for programs: their keys, ids and vocabulary ids are the same in every
# language (only the record's text is translated); the others are drawn in the run's language.
MACHINE = ("json", "jsonl", "csv", "tsv")


def names(*kinds: Kind) -> list[str]:
    """The names of the formats of these kinds, in registry order."""
    return [f.name for f in FORMATS if f.kind in kinds]


def find(
    name: str,
    kind: Kind | tuple[Kind, ...],
    allowed: tuple[str, ...] | None = None,
    option: str | Param = Param("format"),
) -> Format:
    """The format called `name` among those of `kind` (one kind or several; case and spaces
    ignored); UsageError naming the choices."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    choices = list(allowed) if allowed is not None else names(*kinds)
    wanted = name.strip().lower()
    for candidate in FORMATS:
        if candidate.kind in kinds and candidate.name == wanted and wanted in choices:
            return candidate
    what = "export format" if kind == "export" else "format"
    label = "unknown {what} '{name}'" if kind == "export" else "{option}: unknown format '{name}'"
    hint = did_you_mean(wanted, choices) or "choose one of " + ", ".join(choices)
    raise UsageError(label, hint, what=what, name=name, option=option)
