"""iCalendar (RFC 5545): the timeline as all-day events for Google Calendar, Outlook, Thunderbird.

Every EDTF form is placed deliberately:

- known to the day (``2019-03-05``, ``2019-03-05?``, ``2019-03-05~``, a date and time, whose
  day is its date): an all-day event (DTSTART;VALUE=DATE, DTEND the day after its last day, as
  RFC 5545 makes DTEND exclusive); a day-precise interval spans its days; ``?``/``~`` are said
  in the title. An event whose last day is 9999-12-31 gets a DURATION instead of a DTEND, which
  would be the year 10000.
- imprecise: known only to the month (``2019-03``, ``2019-03-XX``), season (``2019-21``), year
  (``2019``, ``2019-XX``), decade (``201X``) or century (``20XX``), an interval with an open
  (``..``) or unknown (empty) end, or one of a set (``[2024-01-01..2024-02-06]``, one day we do
  not know, never a 37-day event): left out unless `include_imprecise` is set; then each sits on
  its first known day (the first day of its month, season, year or decade; for ``../2019`` and
  ``[..2019]`` the first day of the known end) as one day, with the date and what it means in
  the title ("[201X: 2010s] …", "[[2024-01-01..2024-02-06]: one day, not known which: …] …"). A calendar shows days, so spreading a year over 365 of them would say
  more than the source does.
- never: undated records (nowhere to put them) and dates outside the years 1 to 9999 (``-1985``,
  ``0000``, ``Y170000002``), which an iCalendar DATE cannot hold.

`coverage` counts what was left out, for the command to say on stderr.

Text from the data has its control characters (ESC, BEL…), which RFC 5545 does not allow in
TEXT values, written as visible escapes (`azma.safe.for_terminal`).

UIDs are '<record id>@azma', so importing a newer export updates events instead of doubling
them, and DTSTAMP is the data's 'as of' day, not the clock: the same data gives the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from azma.dates import EDTFDate
from azma.formats.citations import source_text
from azma.formats.listing import Coverage, ExportOptions, date_label, gloss
from azma.query.selection import Selection
from azma.query.timeline import TimelineEntry
from azma.safe import for_terminal, is_web_url

PRODID = "-//azma//sourced timeline//EN"  # the product, not the record (its title is X-WR-CALNAME)
IMPRECISE_HINT = "--include-imprecise puts them on their first known day"


def is_precise(d: EDTFDate) -> bool:
    """A known day or a real duration known to the day at both ends: exported without
    --include-imprecise (one of a set is one day we do not know, never a span of days)."""
    return d.precision == "day" and not d.open_start and not d.open_end and not d.one_of_set


def in_calendar_years(d: EDTFDate) -> bool:
    """Every known end lies in the years 1 to 9999, which an iCalendar DATE can hold."""
    return all(y is None or 1 <= y <= 9999 for y in (d.start_year, d.end_year))


def placement(d: EDTFDate | None, include_imprecise: bool) -> str | None:
    """None when the date goes in the calendar; else why not: 'undated', 'years', 'imprecise'."""
    if d is None:
        return "undated"
    if not in_calendar_years(d):
        return "years"
    if not is_precise(d) and not include_imprecise:
        return "imprecise"
    return None


def imprecision(d: EDTFDate) -> list[str]:
    """What a reader of the calendar must know about a date that is not a plain day."""
    words = gloss(d.text)  # in the run's language (azma.formats.listing.gloss)
    if d.one_of_set:
        which = f"which {d.precision} is not known"
        return [f"{words}, {which}" if d.open_start or d.open_end else f"{words}; {which}"]
    if d.precision != "day":
        return [f"{d.precision} only"] if words is None else [words]
    notes = []
    if d.start_kind != "known":
        notes.append("start " + ("open" if d.start_kind == "open" else "unknown"))
    if d.end_kind != "known":
        notes.append("end " + ("open" if d.end_kind == "open" else "unknown"))
    if d.uncertain:
        notes.append("uncertain")
    if d.approximate:
        notes.append("approximate")
    return notes


def event_days(d: EDTFDate) -> tuple[date, date]:
    """The first and last day (inclusive) of the all-day event for a date.

    A precise date spans its days; any other sits on its first known day: the first day of its
    month, season, year or decade, of its known end when the start is open or unknown, of one
    of a set its first candidate day (its known bound, [..2024-03-10]: that day).
    """
    if is_precise(d):
        return d.start, d.end
    first = d.known_span.start
    return first, first


def coverage(selection: Selection, options: ExportOptions) -> Coverage:
    """How many records the calendar holds, and how many it leaves out and why."""
    reasons = [placement(e.date, options.include_imprecise) for e in selection.entries]
    imprecise, years, undated = (reasons.count(r) for r in ("imprecise", "years", "undated"))
    left_out = []
    if imprecise:
        left_out.append(
            (
                imprecise,
                f"imprecise, known only to the month, season, year or decade, with an open or unknown end, "
                f"or one of a set ({IMPRECISE_HINT})",
            )
        )
    if years:
        left_out.append((years, "dated outside the years 1 to 9999, which a calendar cannot hold"))
    if undated:
        left_out.append((undated, "undated"))
    hint = "add --include-imprecise to put the imprecise ones on their first known day" if imprecise else None
    return Coverage(reasons.count(None), tuple(left_out), hint)


def export_ics(selection: Selection, options: ExportOptions) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", for_terminal(selection.title))  # the [dataset] title is data too
    calendar.add(
        "x-wr-caldesc",
        for_terminal(f"{selection.title}: a sourced timeline. Filters: {selection.filters_text()}"),
    )
    stamp = datetime.combine(selection.as_of, datetime.min.time(), tzinfo=timezone.utc)
    for entry in selection.entries:
        if entry.date is None or placement(entry.date, options.include_imprecise) is not None:
            continue
        calendar.add_component(_event(selection, entry, entry.date, stamp))
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")


def _event(selection: Selection, entry: TimelineEntry, when: EDTFDate, stamp: datetime) -> Event:
    start, end = event_days(when)
    notes = imprecision(when)
    title = f"[{when.text}: {', '.join(notes)}] {entry.title}" if notes else entry.title
    event = Event()
    event.add("uid", f"{entry.id}@azma")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    if end < date.max:
        event.add("dtend", end + timedelta(days=1))  # DTEND is exclusive
    else:  # the day after 9999-12-31 is not a date; a duration says the same
        event.add("duration", end - start + timedelta(days=1))
    event.add("summary", for_terminal(title))
    event.add("description", for_terminal(_description(selection, entry, when), keep_newlines=True))
    if entry.places:
        event.add("location", for_terminal(", ".join(selection.place_name(p) for p in entry.places)))
    event.add("categories", list(entry.fields))
    event.add("transp", "TRANSPARENT")  # a past happening never makes anyone busy
    return event


def _description(selection: Selection, entry: TimelineEntry, when: EDTFDate) -> str:
    parts = []
    if entry.summary:
        parts.append(entry.summary)
    facts = [f"Date: {date_label(when.text)}", f"Kind: {entry.kind}", f"Fields: {', '.join(entry.fields)}"]
    if entry.actors:
        facts.append("Actors: " + ", ".join(selection.actor_name(a) for a in entry.actors))
    stages = selection.agreement_stages(entry)
    if stages:
        facts.append("Agreements: " + "; ".join(stages))
    parts.append("\n".join(facts))
    if entry.note:
        parts.append(f"Note: {entry.note}")
    lines = ["Sources:"]
    for source in selection.sources_of(entry.sources):
        url = f" {source.url}" if source.url and is_web_url(source.url) else ""
        lines.append(f"- {source_text(source)}{url}")
    parts.append("\n".join(lines))
    return "\n\n".join(parts)
