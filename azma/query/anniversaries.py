"""On this day and round anniversaries: timeline records that fall on a day of the year.

Only records known to the day count: a date with a month or year precision, an open end or a
?/~ qualifier says nothing sure about a day, and one of a set (``[2024-01-01..2024-02-06]``, one
day between the two) is not on any of its candidate days. A day-precise interval (a three-day
festival) counts on each of its days; intervals of a year or more never do, as they would match
every day.

A record of 29 February is remembered on 28 February in common years, so it is not skipped
three years in four. Pure functions: the caller passes today's date.
"""

from __future__ import annotations

import calendar
import re
import warnings
from datetime import date, datetime, timedelta

from azma.dates import EDTFDate, parse_user_date
from azma.errors import Param, UsageError
from azma.query.timeline import TimelineEntry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import NamedTuple
else:
    from azma._named import NamedTuple

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_DAY = re.compile(r"(?:--)?(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DAY_HINT = "give a day: 2018-03-05, '5 March 2018', or with no year 03-05 (month first) or '5 March'"
# Two leap-year defaults that differ in every part: a part that differs was not typed.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2004, 2, 2)


class DayOfYear(NamedTuple):
    """A day of the year to look up, and the year 'years ago' counts from."""

    month: int
    day: int
    reference_year: int
    year_given: bool  # False: the user typed no year (or no date), so it is today's year

    @property
    def label(self) -> str:
        return f"{self.day} {MONTHS[self.month - 1]}"


def parse_day_of_year(text: str | None, today: date, option: str | Param = Param("day")) -> DayOfYear:
    """A day typed by the user: None for today, any day form of --since, or MM-DD / '5 March'.

    With a year ('2018-03-05', '5 March 2018') years ago count from that year; without one
    ('03-05', '--03-05', '5 March', 'March 5') from today's year. Month and year dates are
    refused: on this day needs a day.
    """
    if text is None:
        return DayOfYear(today.month, today.day, today.year, False)
    raw = text.strip()
    if not raw:
        raise UsageError("{option}: an empty date", _DAY_HINT, option=option)
    numeric = _MONTH_DAY.fullmatch(raw)
    if numeric:
        month, day = int(numeric["m"]), int(numeric["d"])
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
            raise UsageError(
                "{option}: '{raw}' is not a day of the year (month first: MM-DD)",
                _DAY_HINT,
                option=option,
                raw=raw,
            )
        return DayOfYear(month, day, today.year, False)
    if _FOUR_DIGITS.search(raw):
        try:
            span = parse_user_date(raw, option)
        except UsageError as exc:  # the hint of --since (decades, seasons) does not fit a day
            raise exc.with_hint(_DAY_HINT) from None
        if span.start != span.end:
            what = "a month" if span.start.month == span.end.month else "a year"
            raise UsageError(
                "{option}: '{raw}' is {what}, not a day", _DAY_HINT, option=option, raw=raw, what=what
            )
        return DayOfYear(span.start.month, span.start.day, span.start.year, True)
    if not re.search(r"[A-Za-z]", raw):
        raise UsageError("{option}: '{raw}' is not a day I can read", _DAY_HINT, option=option, raw=raw)
    return _named_month_day(raw, today, option)


def _named_month_day(raw: str, today: date, option: str | Param) -> DayOfYear:
    from dateutil import parser as dateutil_parser  # slow import: only for month names

    try:
        with warnings.catch_warnings():  # an unknown word taken for a time zone only warns
            warnings.simplefilter("error")
            first = dateutil_parser.parse(raw, default=_DEFAULT_A, dayfirst=True)
            second = dateutil_parser.parse(raw, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError, TypeError, Warning):
        raise UsageError(
            "{option}: '{raw}' is not a day I can read", _DAY_HINT, option=option, raw=raw
        ) from None
    if first.year == second.year:
        raise UsageError(
            "{option}: '{raw}': write the year with four digits, or leave it out",
            _DAY_HINT,
            option=option,
            raw=raw,
        )
    if first.month != second.month or first.day != second.day:
        raise UsageError(
            "{option}: '{raw}' is not a day (it needs a day and a month)", _DAY_HINT, option=option, raw=raw
        )
    if (first.hour, first.minute, first.second, first.microsecond) != (0, 0, 0, 0) or first.tzinfo:
        raise UsageError(
            "{option}: '{raw}' has a time of day; give a day only", _DAY_HINT, option=option, raw=raw
        )
    return DayOfYear(first.month, first.day, today.year, False)


def known_to_the_day(d: EDTFDate) -> bool:
    """True for a known day, or a real duration known to the day at both ends, with no ?/~
    qualifier; never one of a set (its candidate days are not days it happened on)."""
    return (
        d.precision == "day"
        and not d.open_start
        and not d.open_end
        and not d.uncertain
        and not d.approximate
        and not d.one_of_set
    )


def record_days(d: EDTFDate) -> list[date]:
    """The days a date covers, if it counts for on this day (see the module docstring)."""
    if not known_to_the_day(d) or (d.end - d.start).days >= 365:
        return []
    return [d.start + timedelta(days=n) for n in range((d.end - d.start).days + 1)]


def same_day_in(year: int, day: date) -> date:
    """`day` moved to `year`; 29 February becomes 28 February in a common year."""
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def _falls_on(day: date, asked: DayOfYear) -> bool:
    if (day.month, day.day) == (asked.month, asked.day):
        return True
    leap_day_moved = (day.month, day.day) == (2, 29) and not calendar.isleap(asked.reference_year)
    return leap_day_moved and (asked.month, asked.day) == (2, 28)


class Recalled(NamedTuple):
    """A record that happened on the asked day of the year, `years_ago` before the reference."""

    entry: TimelineEntry
    day: date  # the record's own day that fell on the asked day
    years_ago: int


def on_this_day(entries: Iterable[TimelineEntry], asked: DayOfYear) -> list[Recalled]:
    """Records on that day and month in any year up to the reference year, oldest first."""
    found = []
    for entry in entries:
        if entry.date is None:
            continue
        day = next((d for d in record_days(entry.date) if _falls_on(d, asked)), None)
        if day is not None and day.year <= asked.reference_year:
            found.append(Recalled(entry, day, asked.reference_year - day.year))
    return sorted(found, key=lambda r: (r.day, r.entry.id))


class Anniversary(NamedTuple):
    """A round anniversary: `years` after the record's first day, falling on `day`."""

    entry: TimelineEntry
    day: date
    years: int


def anniversaries(entries: Sequence[TimelineEntry], year: int, every: int = 5) -> list[Anniversary]:
    """Anniversaries in `year` that are a multiple of `every` years, for records known to the day.

    An interval counts from its first day. Sorted by the day of the anniversary.
    """
    if every < 1:
        raise UsageError("{option} must be 1 or more, not {every}", option=Param("every"), every=every)
    found = []
    for entry in entries:
        if entry.date is None or not known_to_the_day(entry.date):
            continue
        start = entry.date.start
        years = year - start.year
        if years > 0 and years % every == 0:
            found.append(Anniversary(entry, same_day_in(year, start), years))
    return sorted(found, key=lambda a: (a.day, -a.years, a.entry.id))
