"""azma: the Azerbaijan–Morocco relationship as a sourced, queryable timeline — a library first.

    import azma

    data = azma.load()                                   # the bundled record (+ files you name)
    chosen = azma.select_timeline(data, azma.make_filters(data, azma.FilterOptions(since="2024", field=["defence"])))
    for entry in chosen:
        print(entry.date, entry.title)
    print(azma.render(azma.views.timeline(chosen), "csv"))

`FilterOptions` holds the command line's filter options by their names (since, until, window, field,
kind, actor, place, text, limit, reverse); `make_filters` resolves them and raises
`azma.UsageError` for a bad value; the
selections return immutable view models; `views` turns them into listings that `render` draws
in any listing format (json, jsonl, csv, tsv, plain, markdown, table). Everything is typed.
Names load on first use, so `import azma` costs almost nothing.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


__version__ = "0.2.0"

__all__ = [
    "AzmaError",
    "DataError",
    "Dataset",
    "FilterOptions",
    "Filters",
    "UsageError",
    "__version__",
    "load",
    "make_filters",
    "render",
    "search",
    "select_agreements",
    "select_disputes",
    "select_timeline",
    "trade_series",
    "view_record",
    "views",
]

if TYPE_CHECKING:
    from azma.errors import AzmaError, DataError, UsageError
    from azma.formats import views
    from azma.model import Dataset
    from azma.query.filters import FilterOptions, Filters, make_filters
    from azma.query.records import search, select_disputes, view_record
    from azma.query.timeline import select_agreements, select_timeline, trade_series

_WHERE = {
    "AzmaError": "azma.errors", "DataError": "azma.errors", "UsageError": "azma.errors",
    "Dataset": "azma.model", "FilterOptions": "azma.query.filters", "Filters": "azma.query.filters", "make_filters": "azma.query.filters",
    "search": "azma.query.records", "select_disputes": "azma.query.records",
    "view_record": "azma.query.records", "select_agreements": "azma.query.timeline",
    "select_timeline": "azma.query.timeline", "trade_series": "azma.query.timeline",
}  # fmt: skip


def load(*files: str, cache: bool = True) -> Dataset:
    """The record: the bundled data plus the TOML files named (and those in AZMA_DATA),
    validated; raises `azma.DataError` listing every problem."""
    from azma.load import load_dataset, user_files_from_env

    return load_dataset([*user_files_from_env(), *files], use_cache=cache)


def render(listing: Any, format: str = "json", *, width: int = 100, color: bool = False) -> str:
    """A listing (from `azma.views`) drawn in a listing format, as text."""
    from azma import formats
    from azma.terminal import Terminal

    drawn = formats.find(format, "listing").load()(listing, Terminal(width=width, color=color))
    return drawn if isinstance(drawn, str) else "".join(drawn)  # json comes in chunks


def __getattr__(name: str) -> Any:
    if name == "views":
        from azma.formats import views

        return views
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'azma' has no attribute {name!r}")
    return getattr(__import__(module, fromlist=[name]), name)  # as azma.query does: no importlib
