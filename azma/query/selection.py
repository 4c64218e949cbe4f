"""What an export shows: the timeline, agreements and trade chosen by the same filters.

A Selection is the view model every exporter formats; `select_for_export` applies the
`timeline` filters to all three.
"""

from __future__ import annotations

from datetime import date

from azma.dates import EDTFDate
from azma.l10n import current, t
from azma.model import Agreement, Dataset, Source
from azma.query.filters import NOT_ON_TRADE, FilterOptions, Filters, given, make_filters
from azma.query.records import record_text, search
from azma.query.timeline import (
    TimelineEntry,
    TradeFigure,
    agreement_dates,
    agreement_text,
    entry_text,
    name_index,
    select_agreements,
    select_timeline,
    trade_series,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, NamedTuple
else:
    from azma._named import NamedTuple


class Selection(NamedTuple):
    """What an export shows: timeline entries, agreements and trade chosen by the same filters.

    `filters` keeps each option as the user typed it, for the overview of the reports.
    """

    dataset: Dataset
    entries: tuple[TimelineEntry, ...]
    agreements: tuple[Agreement, ...]
    trade: tuple[TradeFigure, ...]
    filters: tuple[tuple[str, str], ...] = ()
    texts: dict[str, str] | None = None  # filled by search_text() on first use (the page only)
    indexes: dict[str, dict[str, Any]] | None = None  # records by id, each made once (_by_id)

    def search_text(self, record_id: str) -> str:
        """What --text looks in for a record of the selection (folded), for the page's own search."""
        texts = self.texts if self.texts is not None else {}
        if not texts:
            names = name_index(self.dataset)
            texts.update({e.id: entry_text(e, names) for e in self.entries})
            texts.update({a.id: agreement_text(a, names) for a in self.agreements})
            texts.update({f.row.id: record_text(f.row, names) for f in self.trade})
        return texts.get(record_id, "")

    def agreement_dates(self, agreement: Agreement) -> tuple[EDTFDate, ...]:
        """Every date an agreement's milestones may have (a window matches any of them)."""
        return agreement_dates(agreement)

    @property
    def title(self) -> str:
        """The record's title, from its [dataset] table (data/dataset.toml for the bundled one)."""
        return self.dataset.info.title

    @property
    def countries(self) -> tuple[str, ...]:
        return self.dataset.info.countries

    @property
    def as_of(self) -> date:
        """The latest day any source of the dataset is known to date from: a stable 'as of' day
        (the first day a source's date may mean, so a source dated 202X counts as 2020-01-01).

        Exports use it where a format wants a creation time (iCalendar's DTSTAMP), so the same
        data always gives the same bytes, and new sources move it forward.
        """
        days = [s.date.end if s.date.open_start else s.date.start for s in self.dataset.sources if s.date]
        return max(days, default=date(2000, 1, 1))

    @property
    def dated(self) -> list[TimelineEntry]:
        return [e for e in self.entries if e.date is not None]

    @property
    def undated(self) -> list[TimelineEntry]:
        return [e for e in self.entries if e.date is None]

    def by_year(self) -> list[tuple[int | None, list[TimelineEntry]]]:
        """Entries grouped by the year they start in, in timeline order; undated last (None)."""
        groups: dict[int | None, list[TimelineEntry]] = {}
        for entry in self.entries:
            year = _year(entry)
            groups.setdefault(year, []).append(entry)
        return list(groups.items())

    def span(self) -> tuple[str, str] | None:
        """The first and last known date of the dated entries, as EDTF text (None if none)."""
        starts = [e.date for e in self.dated if e.date and not e.date.open_start]
        ends = [e.date for e in self.dated if e.date and not e.date.open_end]
        if not starts and not ends:
            return None
        # in timeline order, so a date known only to the decade (202X) does not pass for the
        # latest day, and a date known only by its end (../2019) sits there
        first = min(starts or ends, key=lambda d: d.sort_key)
        last = max(ends or starts, key=lambda d: d.sort_key)
        return _left(first.text), _right(last.text)

    def _by_id(self, table: str) -> dict[str, Any]:
        """The dataset's records of `table` by id, made on first use and kept with the selection:
        an export looks names up per record, so each lookup must not scan or rebuild (10,000
        events citing 10,000 sources took 30 s in `export ics`)."""
        indexes = self.indexes if self.indexes is not None else {}
        found = indexes.get(table)
        if found is None:
            found = indexes[table] = {}
            for record in getattr(self.dataset, table):
                found.setdefault(record.id, record)
        return found

    def place_name(self, place_id: str) -> str:
        place = self._by_id("places").get(place_id)
        return place.name if place is not None else place_id

    def actor_name(self, actor_id: str) -> str:
        actor = self._by_id("actors").get(actor_id)
        return actor.name if actor is not None else actor_id

    def agreement_title(self, agreement_id: str) -> str:
        agreement = self._by_id("agreements").get(agreement_id)
        return agreement.title if agreement is not None else agreement_id

    def has_agreement(self, agreement_id: str) -> bool:
        """True when the agreement is among those the selection shows (not only in the data)."""
        indexes = self.indexes if self.indexes is not None else {}
        shown = indexes.get("shown agreements")
        if shown is None:
            shown = indexes["shown agreements"] = {a.id: a for a in self.agreements}
        return agreement_id in shown

    def agreement_stages(self, entry: TimelineEntry) -> list[str]:
        """For an event, the agreement milestones held at it: 'Agreement title (signed)'."""
        if entry.type != "event":
            return []
        if current() == "en":
            return [f"{self.agreement_title(a)} ({what.replace('-', ' ')})" for a, what in entry.milestones]
        from azma.l10n import term_label

        return [
            f"{self.agreement_title(a)} ({term_label(('milestone_kind',), what)})"
            for a, what in entry.milestones
        ]

    def sources_of(self, source_ids: Sequence[str]) -> list[Source]:
        known = self._by_id("sources")
        return [known[i] for i in source_ids if i in known]

    @property
    def trade_note(self) -> str:
        """Which filters apply to the trade figures, for the overview of the reports."""
        options = [f"--{name}" for name in NOT_ON_TRADE]
        topical = sorted({o for o, _ in self.filters if o in options}, key=options.index)
        if topical:
            if len(topical) == 1:
                return t(
                    "trade rows have no fields, kinds, actors or places, so {which} leaves them out",
                    which=topical[0],
                )
            which = t(" and ").join(topical)
            return t(
                "trade rows have no fields, kinds, actors or places, so {which} leave them out", which=which
            )
        return t("trade follows the date and --text filters only")

    def filters_text(self) -> str:
        if not self.filters:
            return t("none (the whole dataset)")
        return " ".join(f"{option} {_quoted(value)}" for option, value in self.filters)


def _year(entry: TimelineEntry) -> int | None:
    """The year a record starts in, or with no known start (``../2019``) the year of its known
    end, as the timeline orders it (exact years, also outside what `date` holds)."""
    if entry.date is None:
        return None
    d = entry.date
    year = d.end_year if d.open_start else d.start_year
    return year if year is not None else d.start.year


def _left(text: str) -> str:
    left, _, right = text[1:-1].partition("..") if text[:1] == "[" else text.partition("/")
    return right if left in ("", "..") else left


def _right(text: str) -> str:
    left, _, right = text[1:-1].partition("..") if text[:1] == "[" else text.partition("/")
    return left if right in ("", "..") else right


def _quoted(value: str) -> str:
    return f"'{value}'" if not value or any(c.isspace() or c in "'\"" for c in value) else value


def select_for_export(dataset: Dataset, options: FilterOptions = FilterOptions()) -> Selection:
    """Apply the `timeline` filters: entries as `timeline` lists them, agreements as `agreements`
    lists them (every filter but --kind, whose values are event and milestone kinds), and the
    trade figures the way those filters treat a record without the attribute: trade rows have
    no fields, kinds, actors or places, so --field, --kind, --actor and --place leave them all
    out; --text keeps the rows whose text has it (as `azma search` finds them); dates apply."""
    filters = make_filters(dataset, options, "timeline")
    entries = select_timeline(dataset, filters)
    agreements = select_agreements(dataset, filters._replace(kinds=frozenset()))
    figures: list[TradeFigure] = []
    if not any(given(getattr(options, name)) for name in NOT_ON_TRADE):
        window = filters.since, filters.until, filters.window_rule
        figures = trade_series(dataset, Filters(since=window[0], until=window[1], window_rule=window[2]))
    if filters.texts and figures:
        found = {
            h.record.id for t in filters.texts for h in search(dataset, t, Filters()) if h.type == "trade"
        }
        figures = [f for f in figures if f.row.id in found]
    typed = tuple(options.typed())
    return Selection(dataset, tuple(entries), tuple(agreements), tuple(figures), typed, {}, {})
