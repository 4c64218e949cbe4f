"""azma: the Azerbaijan–Morocco relationship as a sourced, queryable timeline — a library first.

    import azma

    for entry in azma.timeline(since="2024", field="defence"):   # as `azma timeline` lists them
        print(entry.date, entry.title)
    print(azma.render(azma.views.agreements(azma.agreements(kind="protocol")), "csv"))
    page = azma.export("html", since="2018")                     # as `azma export html` writes it

One function per command (`timeline`, `agreements`, `disputes`, `trade`, `search`, `stats`,
`network`, `show`, `sources`, `fields`, `actors`, `on_this_day`, `anniversaries`, `export`)
takes the command's filters by the command line's names (ids or aliases, one value or a list)
and returns its immutable, typed view models; `views` turns them into listings that `render`
draws in any listing format (json, jsonl, csv, tsv, plain, markdown, table). They read what the
command line reads (`load()`: the bundled record, your folder, AZMA_DATA), or the Dataset given
as `data`. Beside them, the lower-level pieces: `FilterOptions` (the filters as typed),
`make_filters` (resolved into `Filters`), `select_timeline`, `select_agreements`,
`select_disputes`, `trade_series`, `view_record`. Each function (and each of `views`, and
`render`) takes `lang=` (en, fr, ar, az, ru; English unless given). A bad value raises
`azma.UsageError` worded with the keyword (`since=`), an argument of the wrong type TypeError,
bad data `azma.DataError`; each error's `exit_code` is the command line's (an `azma.ExitCode`).
Names load on first use, so `import azma` costs almost nothing.
"""

from __future__ import annotations

from azma._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "AzmaError",
    "DataError",
    "Dataset",
    "ExitCode",
    "FilterOptions",
    "Filtering",
    "Filters",
    "NotFoundError",
    "UsageError",
    "__version__",
    "actors",
    "agreements",
    "anniversaries",
    "disputes",
    "export",
    "fields",
    "load",
    "make_filters",
    "network",
    "on_this_day",
    "render",
    "search",
    "select_agreements",
    "select_disputes",
    "select_timeline",
    "show",
    "sources",
    "stats",
    "timeline",
    "trade",
    "trade_series",
    "view_record",
    "views",
]

if TYPE_CHECKING:
    from azma.api import (
        Filtering,
        actors,
        agreements,
        anniversaries,
        disputes,
        export,
        fields,
        load,
        network,
        on_this_day,
        render,
        search,
        show,
        sources,
        stats,
        timeline,
        trade,
        views,
    )
    from azma.errors import AzmaError, DataError, ExitCode, NotFoundError, UsageError
    from azma.model import Dataset
    from azma.query.filters import FilterOptions, Filters, make_filters
    from azma.query.records import select_disputes, view_record
    from azma.query.timeline import select_agreements, select_timeline, trade_series

_WHERE = {
    "AzmaError": "azma.errors", "DataError": "azma.errors", "NotFoundError": "azma.errors",
    "UsageError": "azma.errors", "ExitCode": "azma.errors",
    "Dataset": "azma.model", "FilterOptions": "azma.query.filters", "Filters": "azma.query.filters",
    "make_filters": "azma.query.filters", "select_disputes": "azma.query.records",
    "view_record": "azma.query.records", "select_agreements": "azma.query.timeline",
    "select_timeline": "azma.query.timeline", "trade_series": "azma.query.timeline",
}  # fmt: skip
_API = {
    "Filtering", "actors", "agreements", "anniversaries", "disputes", "export", "fields", "network",
    "on_this_day", "render", "search", "show", "sources", "stats", "timeline", "trade",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name == "views":  # azma.formats.views, each listing taking lang= (see azma.api)
        from azma.api import views

        return views
    if name == "load":  # the package azma.load, which is also the API's load() (see there)
        import sys

        __import__("azma.load")
        return sys.modules["azma.load"]
    module = "azma.api" if name in _API else _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'azma' has no attribute {name!r}")
    return getattr(__import__(module, fromlist=[name]), name)  # as azma.query does: no importlib
