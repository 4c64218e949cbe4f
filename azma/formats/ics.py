"""iCalendar (RFC 5545): the timeline as all-day events for Google Calendar, Outlook, Thunderbird.

A record known to the day becomes an all-day event (DTSTART;VALUE=DATE, DTEND the day after
its last day, as RFC 5545 makes DTEND exclusive); a day-precise interval spans its days. Records
known only to the month or year, and open-ended intervals, are left out unless
`include_imprecise` is set; they then sit on their first known day with the real precision in
the title ("[2008-03, month only] …"). Undated records are never exported.

UIDs are '<record id>@azma', so importing a newer export updates events instead of doubling
them, and DTSTAMP is the data's 'as of' day, not the clock: the same data gives the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from azma.dates import EDTFDate, parse_edtf
from azma.formats.citations import source_text
from azma.formats.listing import ExportOptions, date_label
from azma.query.selection import Selection
from azma.query.timeline import TimelineEntry

PRODID = "-//azma//sourced timeline//EN"  # the product, not the record (its title is X-WR-CALNAME)


def is_precise(d: EDTFDate) -> bool:
    """Known to the day at both ends: exported without --include-imprecise."""
    return d.precision == "day" and not d.open_start and not d.open_end


def imprecision(d: EDTFDate) -> list[str]:
    """What a reader of the calendar must know about a date that is not a plain day."""
    notes = []
    if d.precision != "day":
        notes.append(f"{d.precision} only")
    if d.open_start:
        notes.append("start unknown")
    if d.open_end:
        notes.append("end unknown")
    if d.uncertain:
        notes.append("uncertain")
    if d.approximate:
        notes.append("approximate")
    return notes


def event_days(d: EDTFDate) -> tuple[date, date]:
    """DTSTART and the exclusive DTEND of the all-day event for a date.

    A precise date spans its days; any other sits on its first known day: the first day of its
    month or year, or of its known end when the start is open.
    """
    if is_precise(d):
        return d.start, d.end + timedelta(days=1)
    first = parse_edtf(d.text.partition("/")[2]).start if d.open_start else d.start
    return first, first + timedelta(days=1)


def export_ics(selection: Selection, options: ExportOptions) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", selection.title)
    calendar.add(
        "x-wr-caldesc", f"{selection.title}: a sourced timeline. Filters: {selection.filters_text()}"
    )
    stamp = datetime.combine(selection.as_of, datetime.min.time(), tzinfo=timezone.utc)
    for entry in selection.entries:
        if entry.date is None or not (is_precise(entry.date) or options.include_imprecise):
            continue
        calendar.add_component(_event(selection, entry, entry.date, stamp))
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")


def _event(selection: Selection, entry: TimelineEntry, when: EDTFDate, stamp: datetime) -> Event:
    start, end = event_days(when)
    notes = imprecision(when)
    title = f"[{when.text}, {', '.join(notes)}] {entry.title}" if notes else entry.title
    event = Event()
    event.add("uid", f"{entry.id}@azma")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", title)
    event.add("description", _description(selection, entry, when))
    if entry.places:
        event.add("location", ", ".join(selection.place_name(p) for p in entry.places))
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
        lines.append(f"- {source_text(source)}" + (f" {source.url}" if source.url else ""))
    parts.append("\n".join(lines))
    return "\n\n".join(parts)
