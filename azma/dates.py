"""Dates: the EDTF dates of the data (with their precision) and the dates users type.

The data uses EDTF level 0 (``1994``, ``2008-03``, ``2018-03-05``, ``a/b`` intervals) plus the
level 1 qualifiers ``?``, ``~``, ``%`` and open interval ends (``..``). Every date is kept as the
text it was written in together with the first and last day it may mean, so a year stays a year
while filters still compare days.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from typing import Literal

from azma.errors import UsageError
from azma.frozen import Frozen, frozen

Precision = Literal["year", "month", "day"]

_PRECISION_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}
_EDTF_POINT = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%])?")
_ISO_USER = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
_AMBIGUOUS = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")
_YEAR_FIRST_SLASHED = re.compile(r"(\d{4})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_MONTH_NAME = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])", re.IGNORECASE
)
_WEEKDAY_NAME = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.IGNORECASE)
# Two defaults that differ in every part (days 1 and 2 exist in every month).
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


def days_in_month(year: int, month: int) -> int:
    """The month's length (the stdlib's calendar module would pull locale into start-up)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class DateError(ValueError):
    """Raised for a date string that is not valid EDTF or names an impossible day."""


@frozen
class Span(Frozen):
    """The first and last day a date may mean (inclusive)."""

    start: date
    end: date

    def overlaps(self, since: date | None, until: date | None) -> bool:
        """True when the span ends on/after `since` and starts on/before `until`."""
        return (since is None or self.end >= since) and (until is None or self.start <= until)


@frozen
class EDTFDate(Frozen):
    """A date of the data: its EDTF text, the days it may mean, and how precise it is."""

    text: str
    start: date
    end: date
    precision: Precision  # the coarsest precision of its ends
    uncertain: bool = False
    approximate: bool = False
    interval: bool = False
    open_start: bool = False
    open_end: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def sort_key(self) -> tuple[date, date, str]:
        return (self.start, self.end, self.text)

    def __str__(self) -> str:
        return self.text


def _point(text: str, whole: str) -> tuple[date, date, Precision, str]:
    match = _EDTF_POINT.fullmatch(text)
    if not match:
        raise DateError(f"'{whole}' is not an EDTF date (use YYYY, YYYY-MM, YYYY-MM-DD or A/B)")
    year = int(match["y"])
    qualifier = match["q"] or ""
    if year == 0:
        raise DateError(f"'{whole}': year 0000 is outside the supported range")
    if match["m"] is None:
        return date(year, 1, 1), date(year, 12, 31), "year", qualifier
    month = int(match["m"])
    if not 1 <= month <= 12:
        raise DateError(f"'{whole}': there is no month {month:02d}")
    last = days_in_month(year, month)
    if match["d"] is None:
        return date(year, month, 1), date(year, month, last), "month", qualifier
    day = int(match["d"])
    if not 1 <= day <= last:
        raise DateError(f"'{whole}': {year}-{month:02d} has no day {day:02d}")
    return date(year, month, day), date(year, month, day), "day", qualifier


def parse_edtf(text: str) -> EDTFDate:
    """Parse an EDTF date of the data, keeping its precision; raise DateError if invalid."""
    raw = text.strip()
    if raw != text or not raw:
        raise DateError(f"'{text}' is not an EDTF date (empty or surrounded by spaces)")
    if "/" not in raw:
        start, end, precision, q = _point(raw, raw)
        return EDTFDate(raw, start, end, precision, q in "?%" and q != "", q in "~%" and q != "")
    left, _, right = raw.partition("/")
    if "/" in right:
        raise DateError(f"'{raw}': an interval has exactly one '/'")
    if left == ".." and right == "..":
        raise DateError(f"'{raw}': an interval needs at least one known end")
    qualifiers = ""
    p_left: Precision
    p_right: Precision
    if left == "..":
        start, open_start, p_left = date.min, True, "day"
    else:
        start, _, p_left, q = _point(left, raw)
        open_start, qualifiers = False, qualifiers + q
    if right == "..":
        end, open_end, p_right = date.max, True, "day"
    else:
        _, end, p_right, q = _point(right, raw)
        open_end, qualifiers = False, qualifiers + q
    if start > end:
        raise DateError(f"'{raw}': the interval ends before it starts")
    coarsest: Precision = p_left if _PRECISION_RANK[p_left] <= _PRECISION_RANK[p_right] else p_right
    return EDTFDate(
        raw,
        start,
        end,
        coarsest,
        uncertain=any(q in "?%" for q in qualifiers),
        approximate=any(q in "~%" for q in qualifiers),
        interval=True,
        open_start=open_start,
        open_end=open_end,
    )


_DATE_HINT = "write it as 2018, 2018-03, 2018-03-05, 'March 2018' or '5 March 2018'"


def parse_user_date(text: str, option: str = "date") -> Span:
    """Parse a date typed by a user into the span of days it means.

    ISO forms are parsed here; forms with month names go to python-dateutil, imported only
    then. Missing parts are never filled in from today: a date with no year is refused, and
    ambiguous numeric forms such as 03/04/2018 are refused with a hint.
    """
    raw = text.strip()
    if not raw:
        raise UsageError(f"{option}: an empty date", _DATE_HINT)
    iso = _ISO_USER.fullmatch(raw)
    if iso:
        try:
            edtf = parse_edtf(
                iso["y"]
                + (f"-{int(iso['m']):02d}" if iso["m"] else "")
                + (f"-{int(iso['d']):02d}" if iso["d"] else "")
            )
        except DateError as exc:
            raise UsageError(f"{option}: {exc}", _DATE_HINT) from None
        return edtf.span
    if _AMBIGUOUS.fullmatch(raw):
        raise _numeric_date_error(raw, option)
    slashed = _YEAR_FIRST_SLASHED.fullmatch(raw)
    if slashed:
        written = f"{slashed[1]}-{int(slashed[2]):02d}-{int(slashed[3]):02d}"
        raise UsageError(f"{option}: '{raw}' is not a date form azma reads", f"write it as {written}")
    if not _FOUR_DIGIT_YEAR.search(raw):
        raise UsageError(f"{option}: '{raw}' has no four-digit year", _DATE_HINT)
    if not _MONTH_NAME.search(raw):
        raise UsageError(f"{option}: '{raw}' is not a date I can read (no month name)", _DATE_HINT)
    if _WEEKDAY_NAME.search(raw):
        raise UsageError(f"{option}: '{raw}' names a weekday; give the day of the month instead", _DATE_HINT)
    return _parse_named_month(raw, option)


def _numeric_date_error(raw: str, option: str) -> UsageError:
    """Refuse D/M/Y or M/D/Y, suggesting the ISO form of each reading that is a real day."""
    first, second, year_text = (int(p) for p in re.findall(r"\d+", raw))
    if len(str(year_text)) != 4:
        return UsageError(f"{option}: '{raw}' has no four-digit year", _DATE_HINT)
    readings = []
    for day, month in ((first, second), (second, first)):
        if 1 <= month <= 12 and 1 <= day <= days_in_month(year_text, month):
            readings.append(f"{year_text}-{month:02d}-{day:02d}")
    readings = list(dict.fromkeys(readings))
    if len(readings) == 1:
        return UsageError(
            f"{option}: '{raw}' is not a date form azma reads (day and month order differ between countries)",
            f"write it as {readings[0]}",
        )
    if readings:
        return UsageError(
            f"{option}: '{raw}' is ambiguous (day and month order differ between countries)",
            f"write it as YYYY-MM-DD: {readings[0]} or {readings[1]}",
        )
    return UsageError(f"{option}: '{raw}' is not a real day", _DATE_HINT)


def _parse_named_month(raw: str, option: str) -> Span:
    from dateutil import parser as dateutil_parser  # slow import: only for month names

    # Parse against two different defaults: a part that differs was filled in, not typed.
    # dateutil only warns about a word it takes for an unknown time zone: refuse it instead of
    # letting a Python warning reach the user's terminal.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            first = dateutil_parser.parse(raw, default=_DEFAULT_A, dayfirst=True)
            second = dateutil_parser.parse(raw, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError, TypeError, Warning):
        raise UsageError(f"{option}: '{raw}' is not a date I can read", _DATE_HINT) from None
    if first.year != second.year:
        raise UsageError(f"{option}: '{raw}' has no year", _DATE_HINT)
    if (first.hour, first.minute, first.second, first.microsecond) != (0, 0, 0, 0) or first.tzinfo:
        raise UsageError(f"{option}: '{raw}' has a time of day; give a date only", _DATE_HINT)
    year = first.year
    if first.day != second.day:  # the month is always typed (a month name is required above)
        last = days_in_month(year, first.month)
        return Span(date(year, first.month, 1), date(year, first.month, last))
    day = date(year, first.month, first.day)
    return Span(day, day)
