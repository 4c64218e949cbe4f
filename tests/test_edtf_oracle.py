"""azma.dates against an oracle: the `edtf` package (PyPI) at EDTF levels 0 and 1.

Hypothesis builds EDTF-like strings, well-formed and near misses (a wrong month, a misplaced
qualifier, an X too many, a character dropped or added), and checks that azma accepts exactly
what edtf's level 0 and level 1 grammar accepts, and that both give the same earliest and
latest day (edtf's *strict* bounds: its fuzzy bounds widen ?/~ dates, azma's never do).

Where the two disagree and azma follows the standard's text, the case is listed in
KNOWN_DISAGREEMENTS with the clause of the standard (https://www.loc.gov/standards/datetime/,
February 4, 2019) and checked to go azma's way. edtf is a test-only dependency.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azma.dates import DateError, EDTFDate, days_in_month, parse_edtf

grammar = pytest.importorskip("edtf.parser.grammar")
# edtf's full parser also tries every level 2 production (slow); levels 0 and 1 are what we compare
LEVEL_0_AND_1 = grammar.level0Expression ^ grammar.level1Expression


def edtf_reading(text: str) -> Any | None:
    """edtf's parse of `text` at levels 0 and 1, or None when it refuses it."""
    if "S" in text:  # edtf's year takes significant digits (1950S2), which the standard puts at level 2
        return None
    try:
        return LEVEL_0_AND_1.parse_string(text, parse_all=True)[0]
    except Exception:  # a ParseException, or a TypeError edtf raises for '../' and '/..'
        return None


def azma_reading(text: str) -> EDTFDate | DateError:
    try:
        return parse_edtf(text)
    except DateError as exc:
        return exc


# ----------------------------------------------------------------------------- known disagreements


def _common_year_feb_29(text: str) -> bool:
    return any(
        (match := re.match(r"(-?[0-9]{4})-02-29", part)) and days_in_month(int(match[1]), 2) == 28
        for part in text.split("/")
    )


def _ends_before_it_starts(text: str, edtf: Any) -> bool:
    if edtf is None or "/" not in text or not hasattr(edtf, "lower"):
        return False
    try:
        first, last = tuple(edtf.lower.lower_strict())[:3], tuple(edtf.upper.upper_strict())[:3]
    except TypeError:  # an open end has no struct_time
        return False
    winter = _winter_end(text)
    if winter is not None:  # azma's winter of Y ends in February of Y+1, edtf's in December of Y
        last = (winter + 1, 2, days_in_month(winter + 1, 2))  # (0001/0000-24 ends after it starts)
    return bool(first > last)


# (description, clause of the standard, predicate(text, edtf reading) -> bool, azma accepts?)
KNOWN_DISAGREEMENTS: list[tuple[str, str, Callable[[str, Any], bool], bool]] = [
    (
        "29 February of a common year (edtf's grammar takes 02-29 in every year)",
        "Level 0, Date: '1985-04-12' refers to the calendar date; a common year has no 29 February",
        lambda text, edtf: edtf is not None and _common_year_feb_29(text),
        False,
    ),
    (
        "an interval that ends before it starts (edtf does not compare the ends)",
        "Level 0, Time Interval: 'beginning sometime in 1964 and ending sometime in 2008'",
        _ends_before_it_starts,
        False,
    ),
    (
        "'../..', an interval with no end at all",
        "Extended Interval (L1) 2: '..' may be used when *either* the start or end date is not specified",
        lambda text, edtf: text == "../..",
        False,
    ),
    (
        "a qualified season on its own, 2001-21? (edtf takes it only as an interval end)",
        "Level 1, Qualification of a date (complete): the qualifier 'may occur only at the end of the date "
        "string'; Seasons: 21-24 are used 'in place of a month value ... for a year-and-month format string'",
        lambda text, edtf: re.fullmatch(r"(?!-0000)-?[0-9]{4}-2[1-4][?~%]", text) is not None,
        True,
    ),
    (
        "a year with three unspecified digits (1XXX) or an X that is not rightmost (0X1X); edtf takes both "
        "at level 1",
        "Level 1, Unspecified digit(s) from the right: X 'in place of one or more rightmost digits', case 1: "
        "'A year with one or two (rightmost) unspecified digits'; Level 2, Unspecified Digit: 'X may occur "
        "anywhere within a component', Example 4 '1XXX-XX' and 5 '1XXX-12'",
        lambda text, edtf: (
            edtf is not None
            and re.fullmatch(r"-?[0-9][0-9X]{2}X[?~%]?", text) is not None
            and re.fullmatch(r"-?[0-9]{2}(?:[0-9]X|XX)[?~%]?", text) is None
        ),
        False,
    ),
]


def known_disagreement(text: str, edtf: Any) -> tuple[str, str, Callable[[str, Any], bool], bool] | None:
    return next((case for case in KNOWN_DISAGREEMENTS if case[2](text, edtf)), None)


# ----------------------------------------------------------------------------- bounds


def _edtf_bounds(text: str, edtf: Any) -> tuple[tuple[int, ...] | None, tuple[int, ...] | None]:
    """edtf's strict first and last day (None at an open or unknown interval end)."""
    if "/" not in text:
        return tuple(edtf.lower_strict())[:3], tuple(edtf.upper_strict())[:3]
    left, _, right = text.partition("/")
    first = tuple(edtf.lower.lower_strict())[:3] if left not in ("", "..") else None
    last = tuple(edtf.upper.upper_strict())[:3] if right not in ("", "..") else None
    return first, last


def _azma_day(year: int | None, day: Any) -> tuple[int, ...] | None:
    """azma's exact day when `date` holds its year, else only the exact year."""
    if year is None:
        return None
    return (day.year, day.month, day.day) if 1 <= year <= 9999 else (year,)


def _winter_end(text: str) -> int | None:
    """The year of the winter a text ends with (azma: it ends in February of the next year)."""
    match = re.fullmatch(r"(-?[0-9]{4})-24[?~%]?", text.rpartition("/")[2])
    return int(match[1]) if match else None


def check_against_oracle(text: str) -> None:
    edtf = edtf_reading(text)
    azma = azma_reading(text)
    case = known_disagreement(text, edtf)
    if case is not None:
        assert isinstance(azma, EDTFDate) == case[3], (text, case[0], azma)
        return
    assert isinstance(azma, EDTFDate) == (edtf is not None), (text, azma, edtf)
    if not isinstance(azma, EDTFDate):
        return
    first, last = _edtf_bounds(text, edtf)
    assert (first is None) == (azma.start_kind != "known"), text
    assert (last is None) == (azma.end_kind != "known"), text
    azma_first = _azma_day(azma.start_year, azma.start)
    azma_last = _azma_day(azma.end_year, azma.end)
    if first is not None:
        assert azma_first == first[: len(azma_first or ())], (text, azma_first, first)
    winter = _winter_end(text)
    if last is not None and winter is not None:
        # Known disagreement: Seasons, 24 Winter; azma reads the northern winter of year Y as
        # December Y to February Y+1 (see azma.dates); edtf ends it on 31 December Y.
        assert last[:1] == (winter,) and last[1:] == (12, 31), (text, last)
        assert azma.end_year == winter + 1, text
        if 1 <= winter + 1 <= 9999:
            assert (azma.end.month, azma.end.day) == (2, days_in_month(winter + 1, 2)), text
    elif last is not None:
        assert azma_last == last[: len(azma_last or ())], (text, azma_last, last)


# ----------------------------------------------------------------------------- strategies

_MONTHS = [f"{m:02d}" for m in range(1, 13)]
_DAYS = [f"{d:02d}" for d in range(1, 32)]
years = st.one_of(
    st.integers(0, 9999).map(lambda y: f"{y:04d}"),
    st.sampled_from(["0000", "0001", "1600", "1900", "2000", "2019", "2020", "9999"]),
)
signed_years = st.tuples(st.sampled_from(["", "", "", "-"]), years).map("".join)
months = st.one_of(
    st.sampled_from(_MONTHS),
    st.sampled_from(["21", "22", "23", "24", "24", "00", "13", "20", "25", "33", "41", "42", "99"]),
)
days = st.one_of(st.sampled_from(_DAYS), st.sampled_from(["29", "30", "31", "00", "32"]))
qualifiers = st.sampled_from(["", "", "", "?", "~", "%", "??", "?~"])


@st.composite
def calendar_dates(draw: st.DrawFn) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD (months may be seasons or out of range), maybe qualified."""
    text = draw(signed_years)
    if draw(st.booleans()):
        text += "-" + draw(months)
        if draw(st.booleans()):
            text += "-" + draw(days)
    return text + draw(qualifiers)


@st.composite
def unspecified_dates(draw: st.DrawFn) -> str:
    """X digits where level 1 allows them, and where only level 2 does."""
    sign = draw(st.sampled_from(["", "", "-"]))
    year = draw(years)
    form = draw(st.integers(0, 7))
    if form == 0:
        text = year[:3] + "X"
    elif form == 1:
        text = year[:2] + "XX"
    elif form == 2:
        text = year[:1] + "XXX"
    elif form == 3:
        text = f"{year}-XX"
    elif form == 4:
        text = f"{year}-{draw(months)}-XX"
    elif form == 5:
        text = f"{year}-XX-XX"
    elif form == 6:
        text = f"{year}-XX-{draw(days)}"
    else:
        digits = list(year)
        digits[draw(st.integers(0, 3))] = "X"
        text = "".join(digits) + draw(st.sampled_from(["", "-12", "-12-25"]))
    return sign + text + draw(qualifiers)


long_years = st.tuples(
    st.sampled_from(["Y", "Y", "Y-", "y"]),
    st.integers(0, 10**12).map(str),
    st.sampled_from(["", "", "", "0", "?", "E2", "S3"]),
).map("".join)

times = st.tuples(
    st.integers(0, 25).map(lambda h: f"{h:02d}"),
    st.integers(0, 61).map(lambda m: f"{m:02d}"),
    st.integers(0, 61).map(lambda s: f"{s:02d}"),
).map(":".join)
zones = st.one_of(
    st.sampled_from(["", "", "Z", "+04", "-04", "+04:30", "+00:00", "+00", "-00:30", "+14:00", "+14"]),
    st.tuples(
        st.sampled_from(["+", "-"]),
        st.integers(0, 15).map(lambda h: f"{h:02d}"),
        st.sampled_from(["", ":00", ":30", ":45", ":59", ":60"]),
    ).map("".join),
)


@st.composite
def date_times(draw: st.DrawFn) -> str:
    date_part = f"{draw(signed_years)}-{draw(st.sampled_from(_MONTHS))}-{draw(days)}"
    return f"{date_part}T{draw(times)}{draw(zones)}"


points = st.one_of(calendar_dates(), calendar_dates(), unspecified_dates(), long_years, date_times())
interval_ends = st.one_of(points, st.sampled_from(["", "..", ".."]), calendar_dates(), calendar_dates())


@st.composite
def ordered_intervals(draw: st.DrawFn) -> str:
    """Two calendar dates (or seasons), the earlier year first: mostly valid intervals."""
    ends = [draw(calendar_dates()), draw(calendar_dates())]
    return "/".join(sorted(ends, key=lambda text: int(text[:5] if text[0] == "-" else text[:4])))


intervals = st.one_of(st.tuples(interval_ends, interval_ends).map("/".join), ordered_intervals())
well_formed = st.one_of(points, intervals, intervals)

_ALPHABET = "0123456789X-/.?~%YTZ:+ES[]{},^"


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A well-formed-looking string with one or two characters dropped, added or replaced."""
    text = draw(well_formed)
    for _ in range(draw(st.integers(1, 2))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["drop", "add", "replace"]))
        char = draw(st.sampled_from(_ALPHABET))
        if edit == "drop":
            text = text[:at] + text[at + 1 :]
        elif edit == "add":
            text = text[:at] + char + text[at:]
        else:
            text = text[:at] + char + text[at + 1 :]
    return text


edtf_like = st.one_of(well_formed, well_formed, near_misses())


@settings(max_examples=examples(4000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edtf_like)
def test_azma_accepts_what_edtf_accepts_with_the_same_days(text: str) -> None:
    check_against_oracle(text)


# ----------------------------------------------------------------------------- the listed cases


@pytest.mark.parametrize(
    ("text", "azma_accepts"),
    [
        ("2019-02-29", False),
        ("1900-02-29/1900-03", False),
        ("1994/1993", False),
        ("0002/0000-24", False),
        ("2019-06/2019-03-15", False),
        ("../..", False),
        ("2001-21?", True),
        ("-0044-24%", True),
        ("1XXX", False),
        ("-1XXX~", False),
        ("0X1X", False),
        ("1X1X?", False),
    ],
)
def test_each_known_disagreement_goes_the_standards_way(text: str, azma_accepts: bool) -> None:
    edtf = edtf_reading(text)
    case = known_disagreement(text, edtf)
    assert case is not None, text
    assert (edtf is not None) != azma_accepts, f"edtf now agrees with azma on {text!r}: drop the listed case"
    assert isinstance(azma_reading(text), EDTFDate) == azma_accepts


@pytest.mark.parametrize(
    "text", ["2019-24", "2019-24?", "2018/2019-24", "-0001-24", "0001/0000-24", "2020-02/2019-24"]
)
def test_winter_ends_in_february_of_the_next_year_where_edtf_ends_it_in_december(text: str) -> None:
    check_against_oracle(text)  # asserts both readings of the end, edtf's and azma's


@pytest.mark.parametrize(
    "text",
    [
        "1985", "1985-04", "1985-04-12", "1985-04-12T23:20:30", "1985-04-12T23:20:30Z",
        "1985-04-12T23:20:30-04", "1985-04-12T23:20:30+04:30", "1964/2008", "2004-06/2006-08",
        "2004-02-01/2005-02-08", "2004-02-01/2005-02", "2004-02-01/2005", "2005/2006-02",
        "Y170000002", "Y-170000002", "2001-21", "1984?", "2004-06~", "2004-06-11%", "201X", "20XX",
        "2004-XX", "1985-04-XX", "1985-XX-XX", "1985-04-12/..", "1985-04/..", "1985/..",
        "../1985-04-12", "../1985-04", "../1985", "1985-04-12/", "1985-04/", "1985/",
        "/1985-04-12", "/1985-04", "/1985", "-1985",
    ],
)  # fmt: skip
def test_the_standards_level_0_and_1_examples_agree_with_the_oracle(text: str) -> None:
    assert edtf_reading(text) is not None
    check_against_oracle(text)
