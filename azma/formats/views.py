"""Listings: each command's view models as serialized rows plus the columns people see.

These functions only arrange what a query returned; none of them runs a query.
"""

from __future__ import annotations

from azma.formats import serialize as s
from azma.formats.listing import Column, Listing, MadeRows, date_label
from azma.l10n import country, n_, t

TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from azma.model import Agreement
    from azma.query.anniversaries import Anniversary, DayOfYear, Recalled
    from azma.query.filters import Filters
    from azma.query.network import Network
    from azma.query.records import Counted, DisputeItem, SearchHit
    from azma.query.stats import Stats
    from azma.query.timeline import TimelineEntry, TradeFigure

UNITS = (n_("thousand USD"),)  # the units the data uses, translated where a caption shows them

# Every header tables, cards and Markdown tables show, in one place: a second language is a
# second catalogue of these.
HEADERS = {
    "date": n_("Date"), "kind": n_("Kind"), "title": n_("Title"), "fields": n_("Fields"),
    "id": n_("ID"), "status": n_("Status"), "milestones": n_("Milestones"), "year": n_("Year"),
    "month": n_("Month"), "reporter": n_("Reporter"), "imports": n_("Imports"),
    "exports": n_("Exports"), "turnover": n_("Turnover"), "balance": n_("Balance"),
    "turnover_change": n_("Turnover Δ%"), "publisher": n_("Publisher"), "cited_by": n_("Cited by"),
    "name": n_("Name"), "country": n_("Country"), "roles": n_("Roles"), "events": n_("Events"),
    "agreements": n_("Agreements"), "field": n_("Field"), "aliases": n_("Aliases"),
    "description": n_("Description"), "from": n_("From"), "type": n_("Type"),
    "matched_in": n_("Matched in"), "years_ago": n_("Years ago"), "anniversary": n_("Anniversary"),
    "years": n_("Years"), "about": n_("About"), "readings": n_("Readings (record's first)"),
    "count": n_("Count"), "records": n_("Records"), "shared": n_("Shared"), "actor": n_("Actor"),
    "place": n_("Place"), "source": n_("Source"), "first": n_("First"), "last": n_("Last"),
}  # fmt: skip
H = HEADERS

# One-line tables show a column from its `from_width` (0: at every width); where the optional
# columns do not all fit, those of lower `rank` are added first (see azma.formats.table).
_DATE = Column(  # wraps only its gloss
    "date", H["date"], max_width=16, below="_gloss", marks=(("disputed", "*"),), flag="_window_mark"
)
DISPUTED = (
    ("*", n_("the sources disagree on this record: 'azma show ID' lists each reading, 'azma disputes' all")),
    (s.WINDOW_MARK, n_("its date may fall outside the window asked for (--window certain leaves it out)")),
)
_ID = Column("id", H["id"], wrap=False, from_width=80, rank=1)  # where it fits: it leads to `show`
_FIELDS = Column("fields", H["fields"], max_width=22, from_width=160, rank=3, ellipsis=True)
_TITLE = Column("title", H["title"], below="id", ellipsis=True)
_KIND = Column("kind", H["kind"], below="fields", max_width=22, from_width=100, rank=2)
# wide tables show each record's fields under its kind and its id under its title
_TIMELINE_COLUMNS = (_DATE, _KIND, _TITLE, _FIELDS, _ID)


def nothing_matched(what: str, filters: Filters) -> str:
    """The note for an empty listing: which filters left nothing, and what to loosen; a wider
    date window is suggested only when one was given."""
    named = filters.given()
    if not named:
        return t("the record has no {what}", what=what)
    together = t(" and ").join(named)
    if len(named) > 1:
        together = t("{filters} together", filters=together)
    if filters.dated_only:
        hint = t(
            "try a wider --since/--until or fewer filters"
            if len(named) > 1
            else "try a wider --since/--until"
        )
    else:
        hint = t("try fewer filters") if len(named) > 1 else t("try another {option}", option=named[0])
    return t("no {what} matched {filters}; {hint}", what=what, filters=together, hint=hint)


def timeline(entries: Sequence[TimelineEntry]) -> Listing:
    return Listing(
        name="timeline",
        keys=s.TIMELINE_KEYS,
        rows=MadeRows(entries, s.timeline_row),
        columns=_TIMELINE_COLUMNS,
        empty_message="no events matched; try a wider --since/--until or fewer filters",
        legend=DISPUTED,
    )


def agreements(records: Sequence[Agreement], uncertain: Collection[str] = ()) -> Listing:
    """The agreements listing; `uncertain`: ids of those that may fall outside the window."""
    rows = [s.agreement_row(a, a.id in uncertain) for a in records]
    for row in rows:
        row_display = "; ".join(f"{m['what']} {m['date'] or '(date unknown)'}" for m in row["milestones"])
        row["_milestones"] = row_display
    return Listing(
        name="agreements",
        keys=s.AGREEMENT_KEYS,
        rows=rows,
        columns=(
            _DATE,
            _KIND._replace(from_width=100, rank=3),
            _TITLE,
            Column("fields", H["fields"], from_width=160, rank=4, ellipsis=True),
            Column("status", H["status"], below="_milestones", max_width=24, from_width=80),
            Column("_milestones", H["milestones"], from_width=None),
            _ID._replace(rank=2),
        ),  # fmt: skip
        empty_message="no agreements matched",
        legend=DISPUTED,
    )


QUALIFIED = (
    ("≈", n_("an approximate figure")),
    ("≤", n_("a ceiling: at most that much, the real figure is not known")),
    ("≥", n_("a floor: at least that much, the real figure is not known")),
)


def trade(figures: Sequence[TradeFigure], chart: bool = False, countries: Sequence[str] = ()) -> Listing:
    """The trade listing; its caption names the record's `countries` (its [dataset] table) that the
    rows report or partner."""
    rows = [s.trade_row(f) for f in figures]
    units = sorted({r["unit"] for r in rows})
    reporters = sorted({r["reporter"] for r in rows})
    partners = sorted({p for r in rows for p in (r["reporter"], r["partner"]) if p in countries})
    pair = t(" and ").join(country(p) for p in partners) or t("the two countries")
    title = t(
        "Trade between {countries}, {unit}: imports and exports as the reporter records them",
        countries=pair,
        unit=", ".join(t(u) for u in units),  # in the run's language (see UNITS)
    )
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
    reporter_column = (
        (Column("reporter", H["reporter"], wrap=False, from_width=80, rank=2),) if len(reporters) > 1 else ()
    )
    return Listing(
        name="trade",
        keys=s.TRADE_KEYS,
        rows=rows,
        columns=(
            Column("_when", H["year"], wrap=False),
            *reporter_column,
            Column(
                "imports", H["imports"], "right", False, number=",.2f", flag="_bound", from_width=80, rank=3
            ),
            Column(
                "exports", H["exports"], "right", False, number=",.2f", flag="_bound", from_width=80, rank=3
            ),
            Column("turnover", H["turnover"], "right", False, number=",.2f", flag="_bound"),
            Column("balance", H["balance"], "right", False, number=",.2f", from_width=80, rank=4),
            Column(
                "turnover_change_pct",
                H["turnover_change"],
                "right",
                False,
                number="+,.1f",
                marks=(("_flagged", "!"),),
                from_width=60,
            ),
        ),  # fmt: skip
        title=title if rows else None,
        legend=(("!", n_("a change that is not comparable: see the note for its year")), *QUALIFIED),
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
            Column("publisher", H["publisher"], max_width=30, from_width=100, rank=3, ellipsis=True),
            Column("kind", H["kind"], from_width=140, rank=4),
            _TITLE,
            Column("cited_by", H["cited_by"], "right", False, from_width=80, rank=2),
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
            Column("name", H["name"], ellipsis=True),
            Column("country", H["country"], wrap=False, from_width=80, rank=2),
            Column("roles", H["roles"], from_width=100, rank=4, ellipsis=True),
            Column("events", H["events"], "right", False),
            Column("agreements", H["agreements"], "right", False, from_width=80, rank=3),
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
        origin = (Column("_from", H["from"], wrap=False, from_width=100),)
    return Listing(
        name="fields",
        keys=s.FIELD_KEYS,
        rows=rows,
        columns=(
            Column("id", H["field"], wrap=False, below="_from" if origin else None),
            Column("events", H["events"], "right", False),
            Column("agreements", H["agreements"], "right", False),
            Column("aliases", H["aliases"], from_width=100, rank=2, ellipsis=True),
            Column("description", H["description"], from_width=80, ellipsis=True),
            *origin,
        ),  # fmt: skip
    )


def search(hits: Sequence[SearchHit]) -> Listing:
    return Listing(
        name="search",
        keys=s.SEARCH_KEYS,
        rows=[s.search_row(h) for h in hits],
        columns=(
            Column("type", H["type"], wrap=False, from_width=80, rank=2),
            _DATE,
            _TITLE,
            Column("matched_in", H["matched_in"], from_width=140, rank=3, ellipsis=True),
            _ID,
        ),  # fmt: skip
        empty_message="nothing matched; search ignores case and accents, try a shorter word",
        legend=DISPUTED,
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
        columns=(Column("years_ago", H["years_ago"], "right", False), *_TIMELINE_COLUMNS),
        title=t("On {day} (years ago counted from {year})", day=asked.label, year=since),
        empty_message=t(
            "nothing in the record happened on {day} (only days known for sure count)", day=asked.label
        ),
    )


def anniversaries(found: Sequence[Anniversary], year: int, every: int) -> Listing:
    """Round anniversaries in a year: the day, how many years, and the record."""
    return Listing(
        name="anniversaries",
        keys=ANNIVERSARY_KEYS,
        rows=[{"anniversary": a.day.isoformat(), "years": a.years, **s.timeline_row(a.entry)} for a in found],
        columns=(
            Column("anniversary", H["anniversary"], wrap=False),
            Column("years", H["years"], "right", False),
            _DATE._replace(from_width=80, rank=3),  # the day and the years say when where it has no room
            *_TIMELINE_COLUMNS[1:],
        ),  # fmt: skip
        title=t(
            "Round anniversaries in {year} (every {every} years, records dated to the day)",
            year=year,
            every=every,
        ),
        empty_message=t(
            "no record dated to the day has a multiple of {every} years in {year}", every=every, year=year
        ),
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
            Column("_about", H["about"], max_width=18, from_width=80, short="about"),
            _TITLE,
            Column("_readings", H["readings"], from_width=None),
            _ID._replace(rank=2),
        ),  # fmt: skip
        empty_message="no disagreements among the records matched",
    )


# ----------------------------------------------------------------------------- stats, network

STATS_KEYS = ("period", "start", "end", "per", "by", "value", "label", "count", "records")
_COUNTED_AS = {
    "field": "a record counts once under each of its fields",
    "kind": "an event counts under its kind and once more under each agreement milestone held at it",
    "actor": "a record counts once under each of its actors; 'none' counts those that name none",
    "place": "a record counts once under each of its places; 'none' counts those that name none",
    "source": "a record counts once under each source it cites",
}


def stats(found: Stats) -> Listing:
    """Counts by period and dimension: one row a cell, zero cells included (tables skip those
    of periods that have records, and keep one row for a period with none)."""
    rows: list[s.Row] = []
    seen_empty: set[str | None] = set()
    for cell in found.cells:
        period = cell.period
        label = cell.label if cell.value is not None else ("(none)" if found.dimension else None)
        empty_period = cell.records == 0
        first_of_empty = empty_period and (period.label if period else None) not in seen_empty
        if empty_period:
            seen_empty.add(period.label if period else None)
        rows.append({
            "period": period.label if period else None,
            "start": period.start.isoformat() if period else None,
            "end": period.end.isoformat() if period else None,
            "per": found.per, "by": found.by, "value": cell.value,
            "label": cell.label, "count": cell.number, "records": cell.records,
            "_period": period.label if period else f"no single {found.per}",
            "_value": label,
            "_id": cell.value if found.dimension in ("actor", "place", "source") else None,
            "_skip": cell.number == 0 and not first_of_empty,
        })  # fmt: skip
    columns: list[Column] = []
    if found.per is not None:
        columns.append(Column("_period", H[found.per], wrap=False, group=found.dimension is not None))
    if found.dimension is not None:
        columns.append(Column("_value", H[found.dimension], below="_id", max_width=50, ellipsis=True))
        columns.append(Column("count", H["count"], "right", False))
        if found.per is not None:
            columns.append(Column("records", H["records"], "right", False))
    else:
        columns.append(Column("count", H["records"], "right", False))
    columns.append(Column("count", "", wrap=False, bar=True))
    what = f"Records by {found.dimension}" if found.dimension else "Records"
    per = f" and {found.per}" if found.dimension and found.per else (f" by {found.per}" if found.per else "")
    counted = (
        f", counted {found.counted} times ({_COUNTED_AS[found.dimension]})"
        if found.dimension and found.counted != found.records
        else ""
    )
    notes = []
    if found.unplaced:
        notes.append(
            f"{found.unplaced} record{'s are' if found.unplaced != 1 else ' is'} in no single {found.per} "
            f"(undated, known only more coarsely, or begun before the window): see 'no single {found.per}'"
        )
    if found.sparse:
        from azma.query.stats import MAX_PERIODS

        notes.append(
            f"the records span more than {MAX_PERIODS} {found.per}s: only the {found.per}s "
            "that hold records are listed, without the empty ones between"
        )
    if found.cut:
        shown = len({c.value for c in found.cells})
        notes.insert(0, f"--limit: only the {shown} {found.dimension} values counted most are shown")
    return Listing(
        name="stats",
        keys=STATS_KEYS,
        rows=rows,
        columns=tuple(columns),
        title=f"{what}{per}: {found.records} record{'s' if found.records != 1 else ''}{counted}",
        notes=tuple(notes),
        empty_message="no records matched; try a wider --since/--until or fewer filters",
        table_skip="_skip",
    )


NETWORK_KEYS = ("a", "a_name", "a_type", "b", "b_name", "b_type", "weight", "first", "last", "records")


def network_pairs(network: Network) -> Listing:
    """The pairs of `azma network`, strongest first: who, how many shared records, first and last."""
    names = {n.id: n for n in network.nodes}
    rows = [
        {"a": e.a, "a_name": names[e.a].name, "a_type": names[e.a].type,
         "b": e.b, "b_name": names[e.b].name, "b_type": names[e.b].type,
         "weight": e.weight, "first": e.first.text if e.first else None,
         "last": e.last.text if e.last else None, "records": list(e.records),
         "_first": date_label(e.first.text) if e.first else "", "_last": date_label(e.last.text) if e.last else ""}
        for e in network.edges
    ]  # fmt: skip
    shown = f"the {len(rows)} strongest of " if len(rows) < network.pairs else ""
    actors = f"{len(network.nodes)} actors"
    if len(network.nodes) < network.actors:
        actors = f"the {len(network.nodes)} most connected of {network.actors} actors"
    if network.ego:
        centre = ", ".join(names[a].name for a in network.ego if a in names)
        actors += f" (the ego network of {centre})"
    return Listing(
        name="network",
        keys=NETWORK_KEYS,
        rows=rows,
        columns=(
            Column("weight", H["shared"], "right", False),
            Column("a_name", H["actor"], below="a", max_width=40, ellipsis=True),
            Column("b_name", H["actor"], below="b", max_width=40, ellipsis=True),
            Column("_first", H["first"], max_width=16, from_width=100, rank=2, short="first"),
            Column("_last", H["last"], max_width=16, from_width=80, short="last"),
        ),  # fmt: skip
        title=(
            f"Who appears with whom: {shown}{network.pairs} pair{'s' if network.pairs != 1 else ''} "
            f"of {actors} in {network.records} records"
        ),
        empty_message="no two actors share a record among those matched",
    )
