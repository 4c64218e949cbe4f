"""Queries: one Filters value in, view models out; pure functions over the loaded Dataset.

filters.py    FilterOptions (the options as typed), Filters and make_filters (-> resolved ids and days)
text.py       folding and --text matching (aliases expanded)
timeline.py   timeline entries, agreements, trade figures, actors
records.py    search, show (RecordView), usage counts
selection.py  what an export shows
anniversaries.py  on this day and round anniversaries
answers.py    each command's checks and selection, called by the command line and the Python API
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


# name -> module: the submodules load on first use, so a command imports only what it needs
_WHERE = {
    "FilterOptions": "filters", "Filters": "filters", "make_filters": "filters",
    "Counted": "records", "RecordView": "records", "SearchHit": "records", "Usage": "records",
    "actors_in_use": "records", "count_by": "records", "fields_in_use": "records",
    "find_record": "records", "linked_records": "records", "search": "records",
    "sources_in_use": "records", "view_record": "records", "resolve_record": "records",
    "Selection": "selection", "select_for_export": "selection",
    "text_query": "text",
    "TimelineEntry": "timeline", "TradeFigure": "timeline", "select_actors": "timeline",
    "select_agreements": "timeline", "select_timeline": "timeline", "timeline_entries": "timeline",
    "trade_series": "timeline",
}  # fmt: skip

if TYPE_CHECKING:
    from azma.folding import fold
    from azma.query.filters import FilterOptions, Filters, make_filters
    from azma.query.records import (
        Counted,
        RecordView,
        SearchHit,
        Usage,
        actors_in_use,
        count_by,
        fields_in_use,
        find_record,
        linked_records,
        resolve_record,
        search,
        sources_in_use,
        view_record,
    )
    from azma.query.selection import Selection, select_for_export
    from azma.query.text import text_query
    from azma.query.timeline import (
        TimelineEntry,
        TradeFigure,
        select_actors,
        select_agreements,
        select_timeline,
        timeline_entries,
        trade_series,
    )


def __getattr__(name: str) -> Any:
    if name == "fold":
        from azma.folding import fold

        return fold
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'azma.query' has no attribute {name!r}")
    return getattr(__import__(f"azma.query.{module}", fromlist=[name]), name)  # importlib costs start-up


__all__ = [
    "Counted",
    "FilterOptions",
    "Filters",
    "RecordView",
    "SearchHit",
    "Selection",
    "TimelineEntry",
    "TradeFigure",
    "Usage",
    "actors_in_use",
    "count_by",
    "fields_in_use",
    "find_record",
    "fold",
    "linked_records",
    "make_filters",
    "resolve_record",
    "search",
    "select_actors",
    "select_agreements",
    "select_for_export",
    "select_timeline",
    "sources_in_use",
    "text_query",
    "timeline_entries",
    "trade_series",
    "view_record",
]
