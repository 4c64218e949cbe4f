"""Queries: one Filters value in, view models out; pure functions over the loaded Dataset.

filters.py    Filters and make_filters (the options as typed -> resolved ids and days)
text.py       folding and --text matching (aliases expanded)
timeline.py   timeline entries, agreements, trade figures, actors
records.py    search, show (RecordView), usage counts
selection.py  what an export shows
anniversaries.py  on this day and round anniversaries
"""

from __future__ import annotations

from azma.folding import fold
from azma.query.filters import Filters, make_filters
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

__all__ = [
    "Counted",
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
