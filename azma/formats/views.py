"""Listings: each command's view models as serialized rows plus the columns people see.

These functions only arrange what a query returned; none of them runs a query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from azma.formats import serialize as s
from azma.formats.listing import Column, Listing

if TYPE_CHECKING:
    from azma.model import Agreement
    from azma.query.anniversaries import Anniversary, DayOfYear, Recalled
    from azma.query.records import Counted, DisputeItem, SearchHit
    from azma.query.timeline import TimelineEntry, TradeFigure

_DATE = Column("date", "Date", max_width=16, below="_gloss", mark=("disputed", "*"))  # wraps only its gloss
DISPUTED = (
    ("*", "the sources disagree on this record: 'azma show ID' lists each reading, 'azma disputes' all"),
)
_ID = Column("id", "ID", wrap=False)
_FIELDS = Column("fields", "Fields", max_width=22)
_TITLE = Column("title", "Title", below="id")
# tables show each record's fields under its kind and its id under its title
_TIMELINE_COLUMNS = (_DATE, Column("kind", "Kind", below="fields", max_width=22), _TITLE, _FIELDS, _ID)


def timeline(entries: Sequence[TimelineEntry]) -> Listing:
    return Listing(
        name="timeline",
        keys=s.TIMELINE_KEYS,
        rows=[s.timeline_row(e) for e in entries],
        columns=_TIMELINE_COLUMNS,
        empty_message="no events matched; try a wider --since/--until or fewer filters",
        legend=DISPUTED,
    )


def agreements(records: Sequence[Agreement]) -> Listing:
    rows = [s.agreement_row(a) for a in records]
    for row in rows:
        row_display = "; ".join(f"{m['what']} {m['date'] or '(date unknown)'}" for m in row["milestones"])
        row["_milestones"] = row_display
    return Listing(
        name="agreements",
        keys=s.AGREEMENT_KEYS,
        rows=rows,
        columns=(
            _DATE,
            Column("kind", "Kind", below="fields", max_width=22),
            _TITLE,
            Column("fields", "Fields"),
            Column("status", "Status", below="_milestones", max_width=24),
            Column("_milestones", "Milestones"),
            _ID,
        ),  # fmt: skip
        empty_message="no agreements matched",
        legend=DISPUTED,
    )


def trade(figures: Sequence[TradeFigure], chart: bool = False, countries: Sequence[str] = ()) -> Listing:
    """The trade listing; its caption names the record's `countries` (its [dataset] table) that the
    rows report or partner."""
    rows = [s.trade_row(f) for f in figures]
    units = sorted({r["unit"] for r in rows})
    reporters = sorted({r["reporter"] for r in rows})
    partners = sorted({p for r in rows for p in (r["reporter"], r["partner"]) if p in countries})
    pair = " and ".join(partners) or "the two countries"
    title = f"Trade between {pair}, {', '.join(units)}: imports and exports as the reporter records them"
    # a caveat shared by several rows is said once, naming the periods it covers
    periods: dict[str, list[str]] = {}
    for r in rows:
        for caveat in [*r["caveats"], *([r["turnover_change_note"]] if r["turnover_change_note"] else [])]:
            periods.setdefault(caveat, []).append(str(r["_when"]))
    notes = tuple(
        caveat
        if len(whens) == len(rows) and len(rows) > 1
        else f"{', '.join(dict.fromkeys(whens))}: {caveat}"
        for caveat, whens in periods.items()
    )
    reporter_column = (Column("reporter", "Reporter", wrap=False),) if len(reporters) > 1 else ()
    return Listing(
        name="trade",
        keys=s.TRADE_KEYS,
        rows=rows,
        columns=(
            Column("_when", "Year", wrap=False),
            *reporter_column,
            Column("imports", "Imports", "right", False, number=",.2f"),
            Column("exports", "Exports", "right", False, number=",.2f"),
            Column("turnover", "Turnover", "right", False, number=",.2f"),
            Column("balance", "Balance", "right", False, number=",.2f"),
            Column(
                "turnover_change_pct", "Turnover Δ%", "right", False, number="+,.1f", mark=("_flagged", "!")
            ),
        ),  # fmt: skip
        title=title if rows else None,
        legend=(("!", "a change that is not comparable: see the note for its year"),),
        notes=notes,
        empty_message="no trade figures in that window",
        chart=("_when", "turnover") if chart else None,
        unit=", ".join(units),
    )


def sources(counted: Sequence[Counted]) -> Listing:
    rows = [s.source_row(c.record, c.usage.total) for c in counted]  # type: ignore[arg-type]
    return Listing(
        name="sources",
        keys=s.SOURCE_KEYS,
        rows=rows,
        columns=(
            _ID,
            _DATE,
            Column("publisher", "Publisher"),
            Column("kind", "Kind"),
            _TITLE,
            Column("cited_by", "Cited by", "right", False),
        ),  # fmt: skip
    )


def actors(counted: Sequence[Counted]) -> Listing:
    rows = [s.actor_row(c.record, c.usage) for c in counted]  # type: ignore[arg-type]
    return Listing(
        name="actors",
        keys=s.ACTOR_KEYS,
        rows=rows,
        columns=(
            _ID,
            Column("name", "Name"),
            Column("country", "Country", wrap=False),
            Column("roles", "Roles"),
            Column("events", "Events", "right", False),
            Column("agreements", "Agreements", "right", False),
        ),  # fmt: skip
        empty_message="no actors matched",
    )


def fields(counted: Sequence[Counted]) -> Listing:
    """The fields with their counts; a From column (the file) once a user file adds a field."""
    rows = [s.field_row(c.record, c.usage) for c in counted]  # type: ignore[arg-type]
    origin: tuple[Column, ...] = ()
    if len({r["origin"] for r in rows}) > 1:
        for r in rows:  # the table says "bundled" or the file's name; JSON has the whole label
            r["_from"] = (
                "bundled"
                if r["origin"].startswith("data/")
                else r["origin"].replace("\\", "/").rsplit("/", 1)[-1]
            )
        origin = (Column("_from", "From", wrap=False),)
    return Listing(
        name="fields",
        keys=s.FIELD_KEYS,
        rows=rows,
        columns=(
            Column("id", "Field", wrap=False, below="_from" if origin else None),
            Column("events", "Events", "right", False),
            Column("agreements", "Agreements", "right", False),
            Column("aliases", "Aliases"),
            Column("description", "Description"),
            *origin,
        ),  # fmt: skip
    )


def search(hits: Sequence[SearchHit]) -> Listing:
    return Listing(
        name="search",
        keys=s.SEARCH_KEYS,
        rows=[s.search_row(h) for h in hits],
        columns=(
            Column("type", "Type", wrap=False),
            _DATE,
            _TITLE,
            Column("matched_in", "Matched in"),
            _ID,
        ),  # fmt: skip
        empty_message="nothing matched; search ignores case and accents, try a shorter word",
    )


# ----------------------------------------------------------------------------- on this day, anniversaries

ON_THIS_DAY_KEYS = ("years_ago", *s.TIMELINE_KEYS)
ANNIVERSARY_KEYS = ("anniversary", "years", *s.TIMELINE_KEYS)


def on_this_day(found: Sequence[Recalled], asked: DayOfYear) -> Listing:
    """Records on a day of the year, each with how many years before the reference year."""
    since = f"{asked.reference_year}" + ("" if asked.year_given else ", this year")
    return Listing(
        name="on-this-day",
        keys=ON_THIS_DAY_KEYS,
        rows=[{"years_ago": r.years_ago, **s.timeline_row(r.entry)} for r in found],
        columns=(Column("years_ago", "Years ago", "right", False), *_TIMELINE_COLUMNS),
        title=f"On {asked.label} (years ago counted from {since})",
        empty_message=f"nothing in the record happened on {asked.label} (only days known for sure count)",
    )


def anniversaries(found: Sequence[Anniversary], year: int, every: int) -> Listing:
    """Round anniversaries in a year: the day, how many years, and the record."""
    return Listing(
        name="anniversaries",
        keys=ANNIVERSARY_KEYS,
        rows=[{"anniversary": a.day.isoformat(), "years": a.years, **s.timeline_row(a.entry)} for a in found],
        columns=(
            Column("anniversary", "Anniversary", wrap=False),
            Column("years", "Years", "right", False),
            *_TIMELINE_COLUMNS,
        ),  # fmt: skip
        title=f"Round anniversaries in {year} (every {every} years, records dated to the day)",
        empty_message=f"no record dated to the day has a multiple of {every} years in {year}",
    )


def disputes(items: Sequence[DisputeItem]) -> Listing:
    """Every disagreement: the record, what is disputed, the record's reading and the others."""
    rows = [s.dispute_item_row(i) for i in items]
    return Listing(
        name="disputes",
        keys=s.DISPUTE_KEYS,
        rows=rows,
        columns=(
            _DATE,
            Column("about", "About", wrap=False),
            _TITLE,
            Column("_readings", "Readings (record's first)"),
            _ID,
        ),  # fmt: skip
        empty_message="no disagreements among the records matched",
    )
