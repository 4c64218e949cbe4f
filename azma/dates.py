"""Dates: the EDTF dates of the data (with their precision) and the dates users type.

azma reads all of EDTF levels 0 and 1 (https://www.loc.gov/standards/datetime/, 2019):

- level 0: ``1985``, ``1985-04``, ``1985-04-12``, a date and time ``1985-04-12T23:20:30`` (with
  ``Z``, ``-04`` or ``+04:30``), and intervals ``a/b`` of dates;
- level 1: negative years ``-1985``; years beyond four digits ``Y170000002``, ``Y-170000002``;
  seasons ``2001-21`` to ``2001-24``; a qualifier at the end of a date, ``?`` uncertain, ``~``
  approximate, ``%`` both; unspecified digits from the right (``201X``, ``20XX``, ``2004-XX``,
  ``1985-04-XX``, ``1985-XX-XX``); interval ends that are open (``1985/..``, ``../1985``) or
  unknown (``1985/``, ``/1985``).

From level 2, azma reads "one of a set" written as a run of consecutive values: ``[A..B]`` is one
day, month or year from A to B (not a duration: the thing happened once, we do not know when),
``[..B]`` one no later than B and ``[A..]`` one no earlier than A; A and B are plain dates (a year,
a month or a day, no qualifier), both to the same precision, as in the standard's examples and
the reference implementation. The rest of level 2 (``2004-06~-11``, ``156X-12-25``, ``1XXX``,
``[1667,1668]``, ``{..1984}``, ``Y-17E7``, ``1950S2``, ``2001-33``...) is refused with a DateError
that says what is supported. EDTF is
written with the ASCII digits 0-9 only: other digits (Arabic-Indic, full-width) are refused.

Every date keeps the text it was written in together with the first and last day it may mean
(`start`, `end`), so a year stays a year while filters still compare days. Readings decided here:

- Years are ISO 8601 (astronomical) years: ``0000`` is 1 BCE and ``-1985`` is 1986 BCE; leap
  years follow the proleptic Gregorian rule. Python's `date` holds only the years 1 to 9999, so
  a day outside them is clamped to `date.min` or `date.max` in `start`/`end` and the exact years
  are kept in `start_year`/`end_year`; nothing outside that range raises.
- Seasons: the standard marks 21-24 "independent of location"; azma reads them with the
  northern-hemisphere months that its level 2 code list gives 25-28 (the countries here are
  both northern): spring March-May, summer June-August, autumn September-November, and winter
  December of the year to the end of February of the next (the standard orders winter after
  autumn, so the winter of 2019 is the one that starts in December 2019).
- Unspecified digits: ``201X`` is 2010-2019 (precision "decade"), ``20XX`` 2000-2099 ("century",
  as ISO 8601 calls a two-digit year prefix); ``2004-XX`` and ``1985-XX-XX`` are known to the
  year, ``1985-04-XX`` to the month. `precision` is what is known, not the written form's
  grammar, so a day-precision consumer (calendars, on this day) never takes 1985-04-XX for a day.
- A qualifier says nothing about which days a date may mean, so it never widens `start`/`end`.
- Interval ends: ``..`` is an *open* end ("there is none, or it is not given"), an empty end is
  *unknown* (the interval has one, we do not know it). Both leave `start` at `date.min` or `end`
  at `date.max`, since a filter cannot rule any day out; `start_kind`/`end_kind` tell them apart
  and they print (and gloss) differently. An interval needs one known end, and must not end
  before it starts.
- A date and time means the day it is written on (its time shift does not move it to another
  day); a time shift is ``Z`` (UTC), ``±hh`` (01 to 13) or ``±hh:mm`` (00:01 to 13:59, or 14:00).
  Intervals have dates only, no time of day, as level 0 says.
- The forms the standard leaves open are read narrowly: a ``Y`` year stands alone, without a
  qualifier, and an interval end is a date or a season (optionally qualified), as in the
  reference implementation (the `edtf` package, which tests/test_edtf_oracle.py compares with).

Three kinds of date (`EDTFDate.kind`), and the window rule of each (`known_in`, `certainly_in`):

- a date ("date"): one day, month, year... ; known to reach the days it may mean;
- a duration ("interval", ``A/B``): it lasted from A to B; known to reach the days from A's first
  to B's last. An open or unknown end (``A/..``, ``../B``) is not known to reach anything beyond
  its known end, so the known span of ``2006-09/..`` is September 2006;
- one of a set ("set", ``[A..B]``, ``[..B]``, ``[A..]``): known to reach its candidate days from A
  to B, or only B (only A) when the other side is open.

`gloss()` says in words what a date means, for a reader who does not know EDTF.
"""

from __future__ import annotations

from azma.errors import Param, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from datetime import date as date  # azma.cache rebuilds days with it
    from datetime import datetime
    from typing import Literal, NamedTuple
else:
    from azma._named import NamedTuple

    try:  # the C module: on Python 3.11, `datetime` first defines all of it again in Python,
        from _datetime import date, datetime  # and imports math and operator (1.5 ms together)
    except ImportError:  # an interpreter without it
        from datetime import date, datetime

if TYPE_CHECKING:
    Precision = Literal["century", "decade", "year", "season", "month", "day"]
if TYPE_CHECKING:
    EndKind = Literal["known", "open", "unknown"]
if TYPE_CHECKING:
    DateKind = Literal["date", "interval", "set"]

_PRECISION_RANK: dict[str, int] = {"century": 0, "decade": 1, "year": 2, "season": 3, "month": 4, "day": 5}
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}  # winter ends in the next year
_QUALIFIER_WORDS = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}
SUPPORTED = (
    "azma reads EDTF levels 0 and 1: 1985, 1985-04, 1985-04-12, 1985-04-12T23:20:30, -1985, "
    "Y170000002, seasons 1985-21 to 1985-24, a final qualifier ? ~ or % (1985?), unspecified "
    "digits 198X, 19XX, 1985-XX, 1985-04-XX, 1985-XX-XX, and intervals 1985/1990 whose ends may "
    "be open (1985/..) or unknown (1985/); and from level 2, one of a set: [1985..1990], [..1990], "
    "[1985..]"
)

# Patterns are compiled on first use, not at import (start-up is kept cheap); [0-9], never \d,
# which also matches other scripts' digits.
_UNSPECIFIED_YEAR = r"(?P<y>-?[0-9]{2}(?:[0-9]X|XX))(?P<q>[?~%])?"
_UNSPECIFIED_MONTH = r"(?P<y>-?[0-9]{4})-XX(?P<q>[?~%])?"
_UNSPECIFIED_DAY = r"(?P<y>-?[0-9]{4})-(?P<m>[0-9]{2}|XX)-XX(?P<q>[?~%])?"
_LONG_YEAR = r"Y(?P<y>-?[1-9][0-9]{4,})"
_DATE_TIME = (
    r"(?P<date>-?[0-9]{4}-[0-9]{2}-[0-9]{2})T(?P<h>[0-9]{2}):(?P<mi>[0-9]{2}):(?P<s>[0-9]{2})"
    r"(?P<z>Z|[+-](?P<zh>[0-9]{2})(?::(?P<zm>[0-9]{2}))?)?"
)
_LEVEL2_PART = r"-?[0-9X]{4}(?:-[0-9X]{2}(?:-[0-9X]{2})?)?[?~%]?"
_LEVEL2_SEASON = r"-?[0-9]{4}-(?:2[5-9]|3[0-9]|4[01])[?~%]?"
_DECADE_USER = r"[0-9]{2}(?:[0-9][Xx]|[Xx]{2})"
_AMBIGUOUS = r"[0-9]{1,2}\s*[/.\-]\s*[0-9]{1,2}\s*[/.\-]\s*[0-9]{2,4}"
_YEAR_FIRST_SLASHED = r"([0-9]{4})\s*[/.]\s*([0-9]{1,2})\s*[/.]\s*([0-9]{1,2})"
_FOUR_DIGIT_YEAR = r"(?<![0-9])[0-9]{4}(?![0-9])"
_MONTH_NAME = r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])"
_WEEKDAY_NAME = r"(?i)\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
_COMPILED: dict[str, re.Pattern[str]] = {}
# Two defaults that differ in every part (days 1 and 2 exist in every month).
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


def _re(pattern: str) -> re.Pattern[str]:
    import re

    """The pattern compiled, once, on first use."""
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern)
    return compiled


def days_in_month(year: int, month: int) -> int:
    """The month's length (the stdlib's calendar module would pull locale into start-up)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class DateError(ValueError):
    """Raised for a date string that is not valid EDTF (levels 0 and 1) or names an impossible day."""


class Span(NamedTuple):
    """The first and last day a date may mean (inclusive)."""

    start: date
    end: date

    def overlaps(self, since: date | None, until: date | None) -> bool:
        """True when the span ends on/after `since` and starts on/before `until`."""
        return (since is None or self.end >= since) and (until is None or self.start <= until)


class EDTFDate(NamedTuple):
    """A date of the data: its EDTF text, the days it may mean, and how precise it is.

    `start`/`end` are the first and last day it may mean, clamped to what `date` holds;
    `start_year`/`end_year` are the exact years of those days (None at an open or unknown end).
    `start_kind`/`end_kind` are "known", "open" (``..``) or "unknown" (an empty end).
    """

    text: str
    start: date
    end: date
    precision: Precision  # what is known, at the coarser of the known ends
    uncertain: bool = False
    approximate: bool = False
    interval: bool = False
    start_kind: EndKind = "known"
    end_kind: EndKind = "known"
    start_year: int | None = None
    end_year: int | None = None
    unspecified: bool = False  # written with X digits (201X, 1985-04-XX)
    words: str | None = None  # the date in words where its text does not read plainly (see gloss)
    one_of_set: bool = False  # one day, month or year of a set: [A..B], [..B], [A..]
    latest_start: date | None = None  # the last day it may start on (see `certainly_in`)
    earliest_end: date | None = None  # the first day it may end on

    @property
    def open_start(self) -> bool:
        """No known first day: the start is open (``..``) or unknown (empty); see start_kind."""
        return self.start_kind != "known"

    @property
    def open_end(self) -> bool:
        """No known last day: the end is open (``..``) or unknown (empty); see end_kind."""
        return self.end_kind != "known"

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def kind(self) -> DateKind:
        """ "date" (one day, month, year...), "interval" (a duration, A/B) or "set" (one of a set)."""
        return "set" if self.one_of_set else "interval" if self.interval else "date"

    @property
    def known_span(self) -> Span:
        """The days the date is known to reach: its known ends, never an open or unknown side
        (``2006-09/..`` is known only in September 2006, ``[..2024-03-10]`` only on that day)."""
        first = self.start if self.start_kind == "known" else self.earliest_end or self.start
        last = self.end if self.end_kind == "known" else self.latest_start or self.end
        return Span(first, last)

    def certainly_in(self, since: date | None, until: date | None) -> bool:
        """True when the date certainly has a day in the window, whichever of its possible
        readings is true: a date (or one of a set) lies wholly inside; a duration certainly
        lasts through a day of the window. ``?``, ``~`` and ``%`` dates are never certain."""
        if self.uncertain or self.approximate:
            return False
        if self.one_of_set:
            return (since is None or self.start >= since) and (until is None or self.end <= until)
        latest_start = self.latest_start or self.end
        earliest_end = self.earliest_end or self.start
        return (until is None or latest_start <= until) and (
            since is None or max(self.start, earliest_end) >= since
        )

    def known_in(self, since: date | None, until: date | None) -> bool:
        """True when the date's known span reaches the window (the default window rule)."""
        if since is not None:  # the known span's last day, inline (a window tests every record)
            last = self.end if self.end_kind == "known" else self.latest_start or self.end
            if last < since:
                return False
        if until is not None:
            first = self.start if self.start_kind == "known" else self.earliest_end or self.start
            return first <= until
        return True

    @property
    def sort_key(self) -> tuple[float, date, float, date, str]:
        """Earliest first; exact years order the days `date` cannot hold. A date with no known
        first day (``../2019``, ``/2019``) takes its place at its known last day: a record of
        something done by 2019 belongs with 2019, not before every dated record."""
        last = float("inf") if self.end_year is None else self.end_year
        if self.start_kind != "known" and self.end_year is not None:
            return (last, self.end, last, self.end, self.text)
        first = float("-inf") if self.start_year is None else self.start_year
        return (first, self.start, last, self.end, self.text)

    def __str__(self) -> str:
        return self.text


if TYPE_CHECKING:
    Day = tuple[int, int, int]  # (year, month, day), any year


class _Point:
    """One date (not an interval) as parsed: its exact first and last day and how it was written."""

    __slots__ = (
        "first",
        "last",
        "precision",
        "form",
        "qualifier",
        "year",
        "month",
        "day",
        "time",
        "zone",
        "written",
    )

    def __init__(
        self,
        first: Day,
        last: Day,
        precision: Precision,
        form: str,  # date | season | unspecified | long | datetime
        qualifier: str = "",
        year: int = 0,
        month: int = 0,
        day: int = 0,
        time: str = "",
        zone: str = "",
    ) -> None:
        self.first, self.last, self.precision, self.form = first, last, precision, form
        self.qualifier, self.year, self.month, self.day = qualifier, year, month, day
        self.time, self.zone = time, zone
        self.written = ""  # the point's own text, set by _parse_point


def _to_date(day: Day) -> date:
    year, month, dd = day
    if year < 1:
        return date.min
    if year > 9999:
        return date.max
    return date(year, month, dd)


def _year(text: str, whole: str) -> int:
    if text == "-0000":
        raise DateError(f"'{whole}': -0000 is not a year (year zero is written 0000)")
    return int(text)


def _check_month_day(year: int, month: int, day: int | None, whole: str) -> None:
    if not 1 <= month <= 12:
        seasons = " (seasons are 21 to 24)" if day is None else ""
        raise DateError(f"'{whole}': there is no month {month:02d}{seasons}")
    if day is not None and not 1 <= day <= days_in_month(year, month):
        raise DateError(f"'{whole}': {year:04d}-{month:02d} has no day {day:02d}")


def _calendar_parts(text: str) -> tuple[str, str | None, str | None, str] | None:
    """(year, month, day, qualifier) of `-?YYYY(-MM(-DD)?)?[?~%]?` (a date or a season), or None:
    the form of nearly every date, read with string methods so that loading and glossing them
    needs no regex."""
    qualifier = text[-1:] if text[-1:] in ("?", "~", "%") else ""
    body = text[:-1] if qualifier else text
    sign = "-" if body[:1] == "-" else ""
    body = body[len(sign) :]
    size = len(body)
    if size not in (4, 7, 10) or (size >= 7 and body[4] != "-") or (size == 10 and body[7] != "-"):
        return None
    year, month, day = body[:4], body[5:7] if size >= 7 else None, body[8:] if size == 10 else None
    for part in (year, month, day):
        if part is not None and not (part.isascii() and part.isdigit()):
            return None
    return sign + year, month, day, qualifier


def _calendar_point(parts: tuple[str, str | None, str | None, str], whole: str) -> _Point:
    """A date or a season: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-SS, with an optional qualifier."""
    year_text, month_text, day_text, qualifier = parts
    year = _year(year_text, whole)
    if month_text is None:
        return _Point((year, 1, 1), (year, 12, 31), "year", "date", qualifier, year)
    month = int(month_text)
    if day_text is None and month in _SEASONS:
        first_month, last_month = _SEASON_MONTHS[month]
        last_year = year + 1 if last_month < first_month else year
        last = (last_year, last_month, days_in_month(last_year, last_month))
        return _Point((year, first_month, 1), last, "season", "season", qualifier, year, month)
    day = None if day_text is None else int(day_text)
    if day is None and 25 <= month <= 41:
        raise _level2_error(whole, "sub-year groupings 25 to 41")
    _check_month_day(year, month, day, whole)
    if day is None:
        last_day = days_in_month(year, month)
        return _Point((year, month, 1), (year, month, last_day), "month", "date", qualifier, year, month)
    return _Point((year, month, day), (year, month, day), "day", "date", qualifier, year, month, day)


def _unspecified_point(text: str, whole: str) -> _Point | None:
    """201X, 20XX, 2004-XX, 1985-04-XX, 1985-XX-XX (X only where level 1 allows it), or None."""
    match = _re(_UNSPECIFIED_YEAR).fullmatch(text)
    if match:
        written = match["y"]
        unknown = written.count("X")
        known = int(written.rstrip("X"))  # keeps the sign: -201X -> -201
        size = 10**unknown
        low, high = (
            (known * size, known * size + size - 1)
            if written[0] != "-"
            else (known * size - size + 1, known * size)
        )
        precision: Precision = "decade" if unknown == 1 else "century"
        return _Point((low, 1, 1), (high, 12, 31), precision, "unspecified", match["q"] or "", low)
    match = _re(_UNSPECIFIED_MONTH).fullmatch(text)
    if match:
        year = _year(match["y"], whole)
        return _Point((year, 1, 1), (year, 12, 31), "year", "unspecified", match["q"] or "", year)
    match = _re(_UNSPECIFIED_DAY).fullmatch(text)
    if match:
        year = _year(match["y"], whole)
        if match["m"] == "XX":
            return _Point((year, 1, 1), (year, 12, 31), "year", "unspecified", match["q"] or "", year)
        month = int(match["m"])
        _check_month_day(year, month, 1, whole)
        last = (year, month, days_in_month(year, month))
        return _Point((year, month, 1), last, "month", "unspecified", match["q"] or "", year, month)
    return None


def _date_time_point(match: re.Match[str], whole: str) -> _Point:
    year_text, month_text, day_text = match["date"].rsplit("-", 2)
    year, month, day = _year(year_text, whole), int(month_text), int(day_text)
    _check_month_day(year, month, day, whole)
    hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"])
    if (hour, minute, second) != (24, 0, 0) and not (hour <= 23 and minute <= 59 and second <= 59):
        raise DateError(f"'{whole}': {match['h']}:{match['mi']}:{match['s']} is not a time of day")
    zone = match["z"] or ""
    if zone and zone != "Z":
        shift_hour, minutes = int(match["zh"]), match["zm"]
        shift_minute = int(minutes or 0)
        valid = (1 <= shift_hour <= 13 and shift_minute <= 59) or (
            minutes is not None
            and ((shift_hour == 0 and 1 <= shift_minute <= 59) or (shift_hour, shift_minute) == (14, 0))
        )
        if not valid:
            raise DateError(f"'{whole}': {zone} is not a time shift (-13:59 to +14:00; UTC is written Z)")
    time = f"{match['h']}:{match['mi']}:{match['s']}"
    return _Point((year, month, day), (year, month, day), "day", "datetime", "", year, month, day, time, zone)


def _parse_point(text: str, whole: str, *, alone: bool) -> _Point:
    """One date; `alone` is False for an interval end, which is a date or season only."""
    point = _read_point(text, whole, alone)
    point.written = text
    return point


def _read_point(text: str, whole: str, alone: bool) -> _Point:
    parts = _calendar_parts(text)
    if parts is not None:
        return _calendar_point(parts, whole)
    if alone:
        unspecified = _unspecified_point(text, whole)
        if unspecified is not None:
            return unspecified
        match = _re(_LONG_YEAR).fullmatch(text)
        if match:
            try:
                year = int(match["y"])
            except ValueError:  # more digits than Python converts
                raise DateError(f"'{whole}': the year has too many digits") from None
            return _Point((year, 1, 1), (year, 12, 31), "year", "long", "", year)
        match = _re(_DATE_TIME).fullmatch(text)
        if match:
            return _date_time_point(match, whole)
    else:
        level2 = _level2_feature(whole)
        if level2:
            raise _level2_error(whole, level2)
        if _re(_LONG_YEAR).fullmatch(text):
            raise DateError(f"'{whole}': a Y year (beyond four digits) stands alone, not in an interval")
        if _re(_DATE_TIME).fullmatch(text):
            raise DateError(f"'{whole}': interval ends are dates, without a time of day")
    raise _not_edtf(whole)


def _level2_feature(text: str) -> str | None:
    """The EDTF level 2 feature a text (that is not level 0 or 1) seems to use, if any."""
    if text[:1] == "[":
        return "one of a set, [...]"
    if text[:1] == "{":
        return "all members of a set, {...}"
    if "^" in text:
        return "a qualified season, ^"
    if _re(r"Y-?[0-9]+E").search(text):
        return "an exponential year, E"
    if _re(r"[0-9]S[0-9]").search(text):
        return "significant digits, S"
    for part in text.split("/"):
        if _re(_LEVEL2_SEASON).fullmatch(part):
            return "sub-year groupings 25 to 41"
        if _re(r"[?~%].|^[?~%]").search(part) and part != "..":
            return "a qualifier on a single part of the date"
        if "X" in part and _re(_LEVEL2_PART).fullmatch(part):
            return "unspecified digits (X) inside a part of the date or in an interval"
    return None


def _level2_error(text: str, feature: str) -> DateError:
    return DateError(f"'{text}' is EDTF level 2 ({feature}), which azma does not read; {SUPPORTED}")


def _not_edtf(text: str) -> DateError:
    level2 = _level2_feature(text)
    if level2:
        return _level2_error(text, level2)
    return DateError(f"'{text}' is not an EDTF date; {SUPPORTED}")


def _check_characters(text: str) -> None:
    if not text or text != text.strip():
        raise DateError(f"'{text}' is not an EDTF date (empty or surrounded by spaces)")
    if text.isascii():  # nearly every date: no other script's digits
        return
    other_digits = [c for c in text if c.isdigit() and not c.isascii()]
    if other_digits:
        raise DateError(
            f"'{text}' has the digit '{other_digits[0]}': EDTF dates are written with the digits 0-9 only"
        )


def _qualifiers(points: list[_Point]) -> tuple[bool, bool]:
    marks = "".join(p.qualifier for p in points)
    return any(q in "?%" for q in marks), any(q in "~%" for q in marks)


def parse_edtf(text: str) -> EDTFDate:
    """Parse an EDTF date (levels 0 and 1, and one of a set) of the data, keeping its precision;
    raise DateError if invalid."""
    _check_characters(text)
    if text[:1] == "[" and text[-1:] == "]" and ".." in text and "," not in text and "/" not in text:
        return _parse_set(text)
    if "/" not in text:
        point = _parse_point(text, text, alone=True)
        uncertain, approximate = _qualifiers([point])
        return EDTFDate(
            text,
            _to_date(point.first),
            _to_date(point.last),
            point.precision,
            uncertain,
            approximate,
            start_year=point.first[0],
            end_year=point.last[0],
            unspecified=point.form == "unspecified",
            words=None if _plain(point) else _describe(point),
        )
    left, _, right = text.partition("/")
    if "/" in right:
        raise _not_edtf(text) if text[:1] in "[{" else DateError(f"'{text}': an interval has exactly one '/'")
    start_kind = _end_kind(left)
    end_kind = _end_kind(right)
    if start_kind != "known" and end_kind != "known":
        raise DateError(f"'{text}': an interval needs at least one known end")
    first = _parse_point(left, text, alone=False) if start_kind == "known" else None
    last = _parse_point(right, text, alone=False) if end_kind == "known" else None
    if first is not None and last is not None and first.first > last.last:
        raise DateError(f"'{text}': the interval ends before it starts")
    known = [p for p in (first, last) if p is not None]
    uncertain, approximate = _qualifiers(known)
    return EDTFDate(
        text,
        date.min if first is None else _to_date(first.first),
        date.max if last is None else _to_date(last.last),
        min((p.precision for p in known), key=_PRECISION_RANK.__getitem__),
        uncertain,
        approximate,
        interval=True,
        start_kind=start_kind,
        end_kind=end_kind,
        start_year=None if first is None else first.first[0],
        end_year=None if last is None else last.last[0],
        words=_interval_words(left, right, first, last),
        # it starts by the end of its first end and ends from the start of its last, and never
        # ends before it starts (2019/2019-01 starts in January 2019)
        latest_start=_to_date(min(p.last for p in known)),
        earliest_end=_to_date(max(p.first for p in known)),
    )


def _parse_set(text: str) -> EDTFDate:
    """One of a set, as EDTF level 2 writes a run of consecutive values: ``[A..B]`` (one day,
    month or year from A to B), ``[..B]`` (no later than B), ``[A..]`` (no earlier than A).
    A and B are plain dates (year, month or day, no qualifier, no season), both to the same
    precision, as the standard's examples and the reference implementation write them."""
    left, dots, right = text[1:-1].partition("..")
    if ".." in right or (not left and not right):
        raise _level2_error(text, "one of a set other than [A..B], [..B] or [A..]")
    ends: list[_Point | None] = []
    for part in (left, right):
        if not part:
            ends.append(None)
            continue
        parts = _calendar_parts(part)
        if parts is None or parts[3]:
            raise DateError(
                f"'{text}': a member of a set is a plain date (1985, 1985-04 or 1985-04-12), not '{part}'"
            )
        if parts[1] is not None and parts[2] is None and int(parts[1]) > 12:
            raise DateError(f"'{text}': a member of a set is a year, month or day, not a season ('{part}')")
        ends.append(_parse_point(part, text, alone=False))
    first, last = ends
    if first is not None and last is not None:
        if first.precision != last.precision:
            raise DateError(
                f"'{text}': both ends of a set have the same precision "
                f"(a {first.precision} and a {last.precision} here)"
            )
        if first.first > last.last:
            raise DateError(f"'{text}': the set ends before it starts")
    known = [p for p in ends if p is not None]
    lo, hi = known[0], known[-1]
    return EDTFDate(
        text,
        date.min if first is None else _to_date(first.first),
        date.max if last is None else _to_date(last.last),
        known[0].precision,
        start_kind="known" if first is not None else "open",
        end_kind="known" if last is not None else "open",
        start_year=None if first is None else first.first[0],
        end_year=None if last is None else last.last[0],
        words=_set_words(first, last),
        one_of_set=True,
        latest_start=_to_date(hi.last),
        earliest_end=_to_date(lo.first),
    )


def _end_kind(text: str) -> EndKind:
    return "open" if text == ".." else "unknown" if text == "" else "known"


# ----------------------------------------------------------------------------- gloss


def gloss(edtf: str | EDTFDate) -> str | None:
    """A date in words for a reader who does not know EDTF, or None when its text reads plainly.

    '201X' -> '2010s', '2019-21' -> 'spring 2019', '1985/' -> 'from 1985, end unknown',
    '1985/..' -> 'from 1985, open end', '../2023-11-14' -> 'on or before 2023-11-14'. Plain
    days, months and years from 1 to 9999, and intervals between them, need none.
    Raises DateError for a text that is not EDTF levels 0 and 1.
    """
    return (edtf if isinstance(edtf, EDTFDate) else parse_edtf(edtf)).words


def _interval_words(left: str, right: str, first: _Point | None, last: _Point | None) -> str | None:
    """The gloss of an interval, from its ends (None for an end that is open or unknown)."""
    if first is None:
        assert last is not None
        if left == "..":
            return f"on or before {_describe(last)}"
        return f"until {_describe(last)}, start unknown"
    if last is None:
        return f"from {_describe(first)}, {'open end' if right == '..' else 'end unknown'}"
    if _plain(first) and _plain(last):
        return None
    return f"{_describe(first)} to {_describe(last)}"


_MEMBER_WORDS = {"year": "one year", "month": "one month", "day": "one day"}


def _set_words(first: _Point | None, last: _Point | None) -> str:
    """The gloss of one of a set: 'one day between 2024-01-01 and 2024-02-06', 'no later than
    2024-03-10', 'no earlier than March 2024'."""
    if first is None:
        assert last is not None
        return f"no later than {_describe(last)}"
    if last is None:
        return f"no earlier than {_describe(first)}"
    if first.first == last.first and first.last == last.last:
        return _describe(first)
    return f"{_MEMBER_WORDS[first.precision]} between {_describe(first)} and {_describe(last)}"


def _plain(point: _Point) -> bool:
    return point.form == "date" and not point.qualifier and 1 <= point.year <= 9999


def _year_words(year: int) -> str:
    number = year if year >= 1 else 1 - year  # astronomical years: 0 is 1 BCE, -1 is 2 BCE
    words = str(number) if number <= 9999 else f"{number:,}"
    return words if year >= 1 else f"{words} BCE"


def _describe(point: _Point) -> str:
    year = point.year
    if point.form == "long":
        words = f"the year {_year_words(year)}"
    elif point.form == "season":
        if point.month == 24:
            words = f"winter {_year_words(year)}–{_year_words(year + 1)}"
        else:
            words = f"{_SEASONS[point.month]} {_year_words(year)}"
    elif point.form == "unspecified":
        words = _describe_unspecified(point)
    elif point.precision == "year":
        words = _year_words(year)
    elif point.precision == "month":
        words = f"{_MONTHS[point.month - 1]} {_year_words(year)}"
    elif 1 <= year <= 9999:
        words = f"{year:04d}-{point.month:02d}-{point.day:02d}"
    else:
        words = f"{point.day} {_MONTHS[point.month - 1]} {_year_words(year)}"
    if point.form == "datetime":
        zone = {"": "local time", "Z": "UTC"}.get(point.zone, f"UTC{point.zone}")
        words += f" at {point.time} {zone}"
    if point.qualifier:
        words += f" ({_QUALIFIER_WORDS[point.qualifier]})"
    return words


def _describe_unspecified(point: _Point) -> str:
    low, high = point.first[0], point.last[0]
    if point.precision == "decade":
        return f"{low}s" if low >= 1 else f"{_year_words(low)} to {_year_words(high)}"
    if point.precision == "century":
        return f"{low}–{high}" if low >= 1 else f"{_year_words(low)} to {_year_words(high)}"
    if point.precision == "year":
        what = "month and day" if point.written.rstrip("?~%").endswith("-XX-XX") else "month"
        return f"{_year_words(low)}, {what} unspecified"
    return f"{_MONTHS[point.month - 1]} {_year_words(low)}, day unspecified"


# ----------------------------------------------------------------------------- dates users type

_DATE_HINT = (
    "write it as 2018, 2018-03, 2018-03-05, 'March 2018' or '5 March 2018', a decade 201X, "
    "a century 20XX, or a season 2018-21 (21 spring, 22 summer, 23 autumn, 24 winter)"
)


def parse_user_date(text: str, option: str | Param = "date") -> Span:
    """Parse a date typed by a user into the span of days it means.

    ISO forms, decades (201X), centuries (20XX) and seasons (2019-21) are parsed here; forms
    with month names go to python-dateutil, imported only then. Missing parts are never filled
    in from today: a date with no year is refused, and ambiguous numeric forms such as
    03/04/2018 are refused with a hint.
    """
    raw = text.strip()
    if not raw:
        raise UsageError("{option}: an empty date", _DATE_HINT, option=option)
    other_digits = [c for c in raw if c.isdigit() and not c.isascii()]
    if other_digits:
        raise UsageError(
            "{option}: '{raw}' has the digit '{other_digits[0]}'",
            "write digits as 0-9: " + _DATE_HINT,
            option=option,
            raw=raw,
            other_digits=other_digits,
        )
    iso = raw.split("-")  # YYYY, YYYY-M(M) or YYYY-M(M)-D(D), read without re (start-up)
    if (
        len(iso) <= 3
        and len(iso[0]) == 4
        and all(part.isascii() and part.isdigit() for part in iso)
        and all(1 <= len(part) <= 2 for part in iso[1:])
    ):
        return _edtf_span("-".join([iso[0], *(f"{int(part):02d}" for part in iso[1:])]), raw, option)
    if _re(_DECADE_USER).fullmatch(raw):
        return _edtf_span(raw.upper(), raw, option)
    if _re(_AMBIGUOUS).fullmatch(raw):
        raise _numeric_date_error(raw, option)
    slashed = _re(_YEAR_FIRST_SLASHED).fullmatch(raw)
    if slashed:
        written = f"{slashed[1]}-{int(slashed[2]):02d}-{int(slashed[3]):02d}"
        raise UsageError(
            "{option}: '{raw}' is not a date form azma reads",
            "write it as {written}",
            option=option,
            raw=raw,
            written=written,
        )
    if not _re(_FOUR_DIGIT_YEAR).search(raw):
        raise UsageError("{option}: '{raw}' has no four-digit year", _DATE_HINT, option=option, raw=raw)
    if not _re(_MONTH_NAME).search(raw):
        raise UsageError(
            "{option}: '{raw}' is not a date I can read (no month name)", _DATE_HINT, option=option, raw=raw
        )
    if _re(_WEEKDAY_NAME).search(raw):
        raise UsageError(
            "{option}: '{raw}' names a weekday; give the day of the month instead",
            _DATE_HINT,
            option=option,
            raw=raw,
        )
    return _parse_named_month(raw, option)


def _edtf_span(edtf: str, raw: str, option: str | Param) -> Span:
    """The days of an EDTF text built from what the user typed, in the years 1 to 9999 only."""
    try:
        parsed = parse_edtf(edtf)
    except DateError as exc:
        message = str(exc).split("; azma reads")[0]  # the hint lists what a user may type
        raise UsageError("{option}: {message}", _DATE_HINT, option=option, message=message) from None
    if (
        parsed.start_year is None
        or parsed.end_year is None
        or parsed.start_year < 1
        or parsed.end_year > 9999
    ):
        raise UsageError(
            "{option}: '{raw}' is outside the years 0001 to 9999", _DATE_HINT, option=option, raw=raw
        )
    return parsed.span


def _numeric_date_error(raw: str, option: str | Param) -> UsageError:
    """Refuse D/M/Y or M/D/Y, suggesting the ISO form of each reading that is a real day."""
    first, second, year_text = (int(p) for p in _re(r"[0-9]+").findall(raw))
    if len(str(year_text)) != 4:
        return UsageError("{option}: '{raw}' has no four-digit year", _DATE_HINT, option=option, raw=raw)
    readings = []
    for day, month in ((first, second), (second, first)):
        if 1 <= month <= 12 and 1 <= day <= days_in_month(year_text, month):
            readings.append(f"{year_text}-{month:02d}-{day:02d}")
    readings = list(dict.fromkeys(readings))
    if len(readings) == 1:
        return UsageError(
            "{option}: '{raw}' is not a date form azma reads (day and month order differ between countries)",
            "write it as {readings[0]}",
            option=option,
            raw=raw,
            readings=readings,
        )
    if readings:
        return UsageError(
            "{option}: '{raw}' is ambiguous (day and month order differ between countries)",
            "write it as YYYY-MM-DD: {readings[0]} or {readings[1]}",
            option=option,
            raw=raw,
            readings=readings,
        )
    return UsageError("{option}: '{raw}' is not a real day", _DATE_HINT, option=option, raw=raw)


def _parse_named_month(raw: str, option: str | Param) -> Span:
    from dateutil import parser as dateutil_parser  # slow import: only for month names

    # Parse against two different defaults: a part that differs was filled in, not typed.
    # dateutil only warns about a word it takes for an unknown time zone: refuse it instead of
    # letting a Python warning reach the user's terminal.
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            first = dateutil_parser.parse(raw, default=_DEFAULT_A, dayfirst=True)
            second = dateutil_parser.parse(raw, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError, TypeError, Warning):
        raise UsageError(
            "{option}: '{raw}' is not a date I can read", _DATE_HINT, option=option, raw=raw
        ) from None
    if first.year != second.year:
        raise UsageError("{option}: '{raw}' has no year", _DATE_HINT, option=option, raw=raw)
    if (first.hour, first.minute, first.second, first.microsecond) != (0, 0, 0, 0) or first.tzinfo:
        raise UsageError(
            "{option}: '{raw}' has a time of day; give a date only", _DATE_HINT, option=option, raw=raw
        )
    year = first.year
    if first.day != second.day:  # the month is always typed (a month name is required above)
        last = days_in_month(year, first.month)
        return Span(date(year, first.month, 1), date(year, first.month, last))
    day = date(year, first.month, first.day)
    return Span(day, day)
