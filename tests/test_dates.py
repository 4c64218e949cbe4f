"""azma.dates: EDTF dates of the data and dates typed by users."""

from __future__ import annotations

import calendar
import warnings
from datetime import date

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from azma.dates import DateError, EDTFDate, Span, gloss, parse_edtf, parse_user_date
from azma.errors import UsageError

# ----------------------------------------------------------------------------- parse_edtf


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1994", date(1994, 1, 1), date(1994, 12, 31), "year"),
        ("2008-03", date(2008, 3, 1), date(2008, 3, 31), "month"),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "month"),
        ("2019-02", date(2019, 2, 1), date(2019, 2, 28), "month"),
        ("2018-03-05", date(2018, 3, 5), date(2018, 3, 5), "day"),
        ("2000-02-29", date(2000, 2, 29), date(2000, 2, 29), "day"),
        ("2008-03-02/2008-03-04", date(2008, 3, 2), date(2008, 3, 4), "day"),
        ("2019/2020-06", date(2019, 1, 1), date(2020, 6, 30), "year"),
        ("2019-06/2019", date(2019, 6, 1), date(2019, 12, 31), "year"),
        ("2024-10-08/2025-01", date(2024, 10, 8), date(2025, 1, 31), "month"),
    ],
)
def test_parse_edtf_spans_and_precision(text: str, start: date, end: date, precision: str) -> None:
    parsed = parse_edtf(text)
    assert (parsed.text, parsed.start, parsed.end, parsed.precision) == (text, start, end, precision)
    assert parsed.interval == ("/" in text)
    assert parsed.span == Span(start, end)
    assert str(parsed) == text


def test_a_year_keeps_year_precision() -> None:
    year = parse_edtf("1994")
    assert year.precision == "year"
    assert (year.start, year.end) == (date(1994, 1, 1), date(1994, 12, 31))
    assert not (year.uncertain or year.approximate or year.interval or year.open_start or year.open_end)


@pytest.mark.parametrize(
    ("text", "uncertain", "approximate"),
    [
        ("1994?", True, False),
        ("2008-03~", False, True),
        ("2018-03-05%", True, True),
        ("2008?/2009", True, False),
        ("2008/2009~", False, True),
        ("2008?/2009~", True, True),
    ],
)
def test_qualifiers(text: str, uncertain: bool, approximate: bool) -> None:
    parsed = parse_edtf(text)
    assert (parsed.uncertain, parsed.approximate) == (uncertain, approximate)
    assert parsed.text == text
    # a qualifier does not change the days a date may mean
    unqualified = parse_edtf(text.replace("?", "").replace("~", "").replace("%", ""))
    assert (parsed.start, parsed.end, parsed.precision) == (
        unqualified.start,
        unqualified.end,
        unqualified.precision,
    )


def test_open_end() -> None:
    parsed = parse_edtf("2025-01-10/..")
    assert parsed.interval and parsed.open_end and not parsed.open_start
    assert parsed.start == date(2025, 1, 10)
    assert parsed.end == date.max
    assert parsed.precision == "day"
    assert parsed.span.overlaps(date(2030, 1, 1), None)


def test_open_start() -> None:
    parsed = parse_edtf("../1994")
    assert parsed.open_start and not parsed.open_end
    assert (parsed.start, parsed.end) == (date.min, date(1994, 12, 31))
    assert parsed.precision == "year"
    assert parsed.span.overlaps(None, date(1900, 1, 1))
    assert not parsed.span.overlaps(date(1995, 1, 1), None)


@pytest.mark.parametrize(
    "text",
    [
        "2019-02-30",  # no such day
        "2019-02-29",  # not a leap year
        "1900-02-29",  # century, not a leap year
        "2019-13",  # no such month
        "2019-00",
        "2019-01-00",
        "2019-01-32",
        "94",
        "19940",
        "1994-1",
        "1994-01-5",
        "",
        " 1994",
        "1994 ",
        "1994/1993",  # ends before it starts
        "../..",
        "1994/1995/1996",
        "1994??",
        "1994-03-05T10:00",
        "1994-03-05T25:00:00",
        "1994-03-05T10:00:00+00:00",  # UTC is written Z
        "1994-03-05T10:00:00/1995",  # interval ends have no time of day
        "-0000",
        "Y1234",  # a Y year has more than four digits
        "Y012345",
        "Y12345?",
        "Y12345/2000",
        "1994-13-XX",
        "2019-02-29/2020",
        "../",
        "/..",
        "/",
        "March 1994",
    ],
)
def test_invalid_edtf_raises_date_error(text: str) -> None:
    with pytest.raises(DateError):
        parse_edtf(text)


def test_date_error_names_the_impossible_part() -> None:
    with pytest.raises(DateError, match="no day 30"):
        parse_edtf("2019-02-30")
    with pytest.raises(DateError, match="no month 13"):
        parse_edtf("2019-13")


def test_sort_key_orders_coarse_dates_before_their_parts() -> None:
    texts = ["1994-12", "2008-03-02/2008-03-04", "1994", "1994-12-12", "2008-03"]
    ordered = sorted((parse_edtf(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.text for d in ordered] == ["1994", "1994-12", "1994-12-12", "2008-03", "2008-03-02/2008-03-04"]


# hypothesis: valid EDTF texts built from real days at a random precision


def _point_text(day: date, precision: str, qualifier: str) -> str:
    text = f"{day.year:04d}"
    if precision in ("month", "day"):
        text += f"-{day.month:02d}"
    if precision == "day":
        text += f"-{day.day:02d}"
    return text + qualifier


def _expected_span(day: date, precision: str) -> tuple[date, date]:
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, 1), date(
            day.year, day.month, calendar.monthrange(day.year, day.month)[1]
        )
    return day, day


precisions = st.sampled_from(["year", "month", "day"])
qualifiers = st.sampled_from(["", "", "?", "~", "%"])
days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@settings(max_examples=examples(300), deadline=None)
@given(day=days, precision=precisions, qualifier=qualifiers)
def test_edtf_points_round_trip(day: date, precision: str, qualifier: str) -> None:
    text = _point_text(day, precision, qualifier)
    parsed = parse_edtf(text)
    assert parsed.text == text
    assert parsed.start <= day <= parsed.end
    assert (parsed.start, parsed.end) == _expected_span(day, precision)
    assert parsed.precision == precision
    assert parsed.uncertain == (qualifier in ("?", "%"))
    assert parsed.approximate == (qualifier in ("~", "%"))


@settings(max_examples=examples(300), deadline=None)
@given(
    a=days,
    b=days,
    precision_a=precisions,
    precision_b=precisions,
    qualifier_a=qualifiers,
    qualifier_b=qualifiers,
    open_end=st.sampled_from([None, "start", "end"]),
)
def test_edtf_intervals_round_trip(
    a: date,
    b: date,
    precision_a: str,
    precision_b: str,
    qualifier_a: str,
    qualifier_b: str,
    open_end: str | None,
) -> None:
    first, last = min(a, b), max(a, b)
    left = ".." if open_end == "start" else _point_text(first, precision_a, qualifier_a)
    right = ".." if open_end == "end" else _point_text(last, precision_b, qualifier_b)
    text = f"{left}/{right}"
    parsed = parse_edtf(text)
    assert parsed.text == text
    assert parsed.start <= parsed.end
    assert parsed.interval
    assert parsed.open_start == (open_end == "start")
    assert parsed.open_end == (open_end == "end")
    if open_end != "start":
        assert parsed.start == _expected_span(first, precision_a)[0]
    if open_end != "end":
        assert parsed.end == _expected_span(last, precision_b)[1]
    ranks = {"year": 0, "month": 1, "day": 2}
    ends = [p for p, side in ((precision_a, "start"), (precision_b, "end")) if side != open_end]
    assert parsed.precision == min(ends, key=ranks.__getitem__)


# ----------------------------------------------------------------------------- the standard's examples
# Every example of EDTF levels 0 and 1 in https://www.loc.gov/standards/datetime/ (2019), with the
# first and last day it may mean, its precision and the kinds of its ends.

D = date
MIN, MAX = date.min, date.max


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "start_kind", "end_kind"),
    [
        # Level 0: Date
        ("1985-04-12", D(1985, 4, 12), D(1985, 4, 12), "day", "known", "known"),
        ("1985-04", D(1985, 4, 1), D(1985, 4, 30), "month", "known", "known"),
        ("1985", D(1985, 1, 1), D(1985, 12, 31), "year", "known", "known"),
        # Level 0: Date and Time (the day it is written on)
        ("1985-04-12T23:20:30", D(1985, 4, 12), D(1985, 4, 12), "day", "known", "known"),
        ("1985-04-12T23:20:30Z", D(1985, 4, 12), D(1985, 4, 12), "day", "known", "known"),
        ("1985-04-12T23:20:30-04", D(1985, 4, 12), D(1985, 4, 12), "day", "known", "known"),
        ("1985-04-12T23:20:30+04:30", D(1985, 4, 12), D(1985, 4, 12), "day", "known", "known"),
        # Level 0: Time Interval
        ("1964/2008", D(1964, 1, 1), D(2008, 12, 31), "year", "known", "known"),
        ("2004-06/2006-08", D(2004, 6, 1), D(2006, 8, 31), "month", "known", "known"),
        ("2004-02-01/2005-02-08", D(2004, 2, 1), D(2005, 2, 8), "day", "known", "known"),
        ("2004-02-01/2005-02", D(2004, 2, 1), D(2005, 2, 28), "month", "known", "known"),
        ("2004-02-01/2005", D(2004, 2, 1), D(2005, 12, 31), "year", "known", "known"),
        ("2005/2006-02", D(2005, 1, 1), D(2006, 2, 28), "year", "known", "known"),
        # Level 1: Letter-prefixed calendar year (beyond what `date` holds: clamped)
        ("Y170000002", MAX, MAX, "year", "known", "known"),
        ("Y-170000002", MIN, MIN, "year", "known", "known"),
        # Level 1: Seasons (northern hemisphere; see azma.dates)
        ("2001-21", D(2001, 3, 1), D(2001, 5, 31), "season", "known", "known"),
        # Level 1: Qualification of a date (complete)
        ("1984?", D(1984, 1, 1), D(1984, 12, 31), "year", "known", "known"),
        ("2004-06~", D(2004, 6, 1), D(2004, 6, 30), "month", "known", "known"),
        ("2004-06-11%", D(2004, 6, 11), D(2004, 6, 11), "day", "known", "known"),
        # Level 1: Unspecified digit(s) from the right (precision: what is known)
        ("201X", D(2010, 1, 1), D(2019, 12, 31), "decade", "known", "known"),
        ("20XX", D(2000, 1, 1), D(2099, 12, 31), "century", "known", "known"),
        ("2004-XX", D(2004, 1, 1), D(2004, 12, 31), "year", "known", "known"),
        ("1985-04-XX", D(1985, 4, 1), D(1985, 4, 30), "month", "known", "known"),
        ("1985-XX-XX", D(1985, 1, 1), D(1985, 12, 31), "year", "known", "known"),
        # Level 1: Extended Interval, open end / open start / unknown end / unknown start
        ("1985-04-12/..", D(1985, 4, 12), MAX, "day", "known", "open"),
        ("1985-04/..", D(1985, 4, 1), MAX, "month", "known", "open"),
        ("1985/..", D(1985, 1, 1), MAX, "year", "known", "open"),
        ("../1985-04-12", MIN, D(1985, 4, 12), "day", "open", "known"),
        ("../1985-04", MIN, D(1985, 4, 30), "month", "open", "known"),
        ("../1985", MIN, D(1985, 12, 31), "year", "open", "known"),
        ("1985-04-12/", D(1985, 4, 12), MAX, "day", "known", "unknown"),
        ("1985-04/", D(1985, 4, 1), MAX, "month", "known", "unknown"),
        ("1985/", D(1985, 1, 1), MAX, "year", "known", "unknown"),
        ("/1985-04-12", MIN, D(1985, 4, 12), "day", "unknown", "known"),
        ("/1985-04", MIN, D(1985, 4, 30), "month", "unknown", "known"),
        ("/1985", MIN, D(1985, 12, 31), "year", "unknown", "known"),
        # Level 1: Negative calendar year (before year 1: clamped)
        ("-1985", MIN, MIN, "year", "known", "known"),
    ],
)
def test_the_standards_level_0_and_1_examples(
    text: str, start: date, end: date, precision: str, start_kind: str, end_kind: str
) -> None:
    parsed = parse_edtf(text)
    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)
    assert (parsed.start_kind, parsed.end_kind) == (start_kind, end_kind)
    assert (parsed.open_start, parsed.open_end) == (start_kind != "known", end_kind != "known")
    assert parsed.interval == ("/" in text)
    assert str(parsed) == parsed.text == text


@pytest.mark.parametrize(
    ("text", "start_year", "end_year"),
    [("Y170000002", 170000002, 170000002), ("Y-170000002", -170000002, -170000002), ("-1985", -1985, -1985),
     ("0000", 0, 0), ("1985", 1985, 1985), ("9999-24", 9999, 10000), ("1985/", 1985, None), ("/1985", None, 1985)],
)  # fmt: skip
def test_exact_years_are_kept_where_date_cannot_hold_them(text: str, start_year: int, end_year: int) -> None:
    parsed = parse_edtf(text)
    assert (parsed.start_year, parsed.end_year) == (start_year, end_year)


def test_seasons_follow_the_northern_hemisphere_and_winter_reaches_into_the_next_year() -> None:
    spans = {s: parse_edtf(f"2019-{s}").span for s in (21, 22, 23, 24)}
    assert spans == {
        21: Span(D(2019, 3, 1), D(2019, 5, 31)),
        22: Span(D(2019, 6, 1), D(2019, 8, 31)),
        23: Span(D(2019, 9, 1), D(2019, 11, 30)),
        24: Span(D(2019, 12, 1), D(2020, 2, 29)),  # 2020 is a leap year
    }
    assert parse_edtf("2018-24").end == D(2019, 2, 28)
    assert parse_edtf("2019-21/2019-24").precision == "season"


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Y-17E7", "exponential"),
        ("1950S2", "significant digits"),
        ("Y171010000S3", "significant digits"),
        ("Y3388E2S3", "exponential"),
        ("2001-34", "sub-year"),
        ("2001-25", "sub-year"),
        ("[1667,1668,1670..1672]", "one of a set"),
        ("[1760-01,1760-02,1760-12..]", "one of a set"),
        ("[1667,1760-12]", "one of a set"),
        ("[1984]", "one of a set"),
        ("[1984..1985..1986]", "one of a set"),
        ("{1667,1668,1670..1672}", "all members"),
        ("{1960,1961-12}", "all members"),
        ("{..1984}", "all members"),
        ("2004-06~-11", "qualifier on a single part"),
        ("2004?-06-11", "qualifier on a single part"),
        ("?2004-06-~11", "qualifier on a single part"),
        ("2004-%06-11", "qualifier on a single part"),
        ("156X-12-25", "unspecified digits"),
        ("15XX-12-25", "unspecified digits"),
        ("XXXX-12-XX", "unspecified digits"),
        ("1XXX-XX", "unspecified digits"),
        ("1XXX-12", "unspecified digits"),
        ("1984-1X", "unspecified digits"),
        ("1XXX", "unspecified digits"),
        ("2004-06-~01/2004-06-~20", "qualifier on a single part"),
        ("2004-06-XX/2004-07-03", "unspecified digits"),
        ("2001-21^southernHemisphere", "qualified season"),
    ],
)
def test_level_2_is_refused_naming_what_is_supported(text: str, feature: str) -> None:
    with pytest.raises(DateError) as info:
        parse_edtf(text)
    message = str(info.value)
    assert "level 2" in message and feature in message
    assert "azma reads EDTF levels 0 and 1" in message
    for example in ("1985-04-12", "1985-21", "198X", "1985/..", "1985/)", "[1985..1990]", "[..1990]"):
        assert example in message


@pytest.mark.parametrize("text", ["٢٠١٩", "۱۹۸۵", "１９８５", "2019-٠٣", "1985/２０００", "198５"])
def test_non_ascii_digits_are_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(DateError, match="digits 0-9 only"):
        parse_edtf(text)
    with pytest.raises(UsageError, match="has the digit") as info:
        parse_user_date(text, "--since")
    assert info.value.hint is not None and "0-9" in info.value.hint


def test_unknown_and_open_ends_print_and_behave_differently() -> None:
    unknown, open_ = parse_edtf("1985/"), parse_edtf("1985/..")
    assert (str(unknown), str(open_)) == ("1985/", "1985/..")
    assert (unknown.end_kind, open_.end_kind) == ("unknown", "open")
    assert unknown != open_ and hash(unknown) != hash(open_)
    assert (gloss(unknown), gloss(open_)) == ("from 1985, end unknown", "from 1985, open end")
    # for a filter neither rules out a day after 1985: both reach date.max
    assert unknown.span == open_.span == Span(D(1985, 1, 1), date.max)
    assert unknown.open_end and open_.open_end  # "no known last day", as older callers read it
    assert (parse_edtf("/1985").start_kind, parse_edtf("../1985").start_kind) == ("unknown", "open")
    assert gloss("/1985") == "until 1985, start unknown"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1985", None),
        ("1985-04", None),
        ("2023-11-14", None),
        ("1964/2008", None),
        ("201X", "2010s"),
        ("20XX", "2000–2099"),
        ("2019-21", "spring 2019"),
        ("2019-24", "winter 2019–2020"),
        ("1985/", "from 1985, end unknown"),
        ("1985/..", "from 1985, open end"),
        ("../2023-11-14", "on or before 2023-11-14"),
        ("1985-04-XX", "April 1985, day unspecified"),
        ("2004-XX", "2004, month unspecified"),
        ("1985-XX-XX", "1985, month and day unspecified"),
        ("1984?", "1984 (uncertain)"),
        ("2004-06~", "June 2004 (approximate)"),
        ("2004-06-11%", "2004-06-11 (uncertain and approximate)"),
        ("1984?/2004-06~", "1984 (uncertain) to June 2004 (approximate)"),
        ("-1985", "1986 BCE"),
        ("0000", "1 BCE"),
        ("Y170000002", "the year 170,000,002"),
        ("1985-04-12T23:20:30Z", "1985-04-12 at 23:20:30 UTC"),
        ("1985-04-12T23:20:30", "1985-04-12 at 23:20:30 local time"),
        ("1985-04-12T23:20:30+04:30", "1985-04-12 at 23:20:30 UTC+04:30"),
    ],
)
def test_gloss(text: str, words: str | None) -> None:
    assert gloss(text) == words
    assert gloss(parse_edtf(text)) == words


def test_gloss_refuses_what_is_not_edtf() -> None:
    with pytest.raises(DateError, match="level 2"):
        gloss("156X-12-25")


def test_sort_key_orders_years_that_date_cannot_hold() -> None:
    texts = ["1985", "Y-170000002", "-0044-03-15", "Y170000002", "-1985", "0000", "../1900"]
    ordered = sorted((parse_edtf(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.text for d in ordered] == [
        "Y-170000002",
        "-1985",
        "-0044-03-15",
        "0000",
        "../1900",  # no known start: placed at its known end, not before everything
        "1985",
        "Y170000002",
    ]


edtf_alphabet = st.sampled_from(list("0123456789X-/.?~%YTZ:+ES[]{},^ ") + ["٣", "１", "-0000", "..", "Y-"])


@settings(max_examples=examples(1000), deadline=None)
@given(st.one_of(st.text(max_size=25), st.lists(edtf_alphabet, max_size=14).map("".join)))
def test_any_text_is_an_edtf_date_or_a_date_error(text: str) -> None:
    try:
        parsed = parse_edtf(text)
    except DateError as exc:
        assert str(exc)
        return
    assert parsed.text == text
    assert parsed.start <= parsed.end
    words = gloss(parsed)
    assert words is None or words.strip()


def test_patterns_are_compiled_on_first_use_not_at_import() -> None:
    """Plain dates (nearly all of the data) are read and glossed without re; other forms compile
    their patterns on first use."""
    import subprocess
    import sys

    code = (
        "import sys, azma.dates as d; n = len(d._COMPILED); "
        "d.parse_edtf('1985-04-12'); d.parse_edtf('2006-09~/..'); d.gloss('-0044-03?'); d.gloss('2019-21'); "
        "print(n, len(d._COMPILED), 're' in sys.modules); d.parse_edtf('201X'); print(len(d._COMPILED))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "0", "False", "1"]


# ----------------------------------------------------------------------------- parse_user_date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2018", date(2018, 1, 1), date(2018, 12, 31)),
        ("2018-03", date(2018, 3, 1), date(2018, 3, 31)),
        ("2018-3", date(2018, 3, 1), date(2018, 3, 31)),
        ("2018-03-05", date(2018, 3, 5), date(2018, 3, 5)),
        ("March 2018", date(2018, 3, 1), date(2018, 3, 31)),
        ("Feb 2020", date(2020, 2, 1), date(2020, 2, 29)),
        ("5 March 2018", date(2018, 3, 5), date(2018, 3, 5)),
        ("March 5, 2018", date(2018, 3, 5), date(2018, 3, 5)),
        ("  2018  ", date(2018, 1, 1), date(2018, 12, 31)),
    ],
)
def test_user_dates(text: str, start: date, end: date) -> None:
    assert parse_user_date(text) == Span(start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("201X", date(2010, 1, 1), date(2019, 12, 31)),
        ("201x", date(2010, 1, 1), date(2019, 12, 31)),
        ("19XX", date(1900, 1, 1), date(1999, 12, 31)),
        ("2019-21", date(2019, 3, 1), date(2019, 5, 31)),
        ("2019-24", date(2019, 12, 1), date(2020, 2, 29)),
    ],
)
def test_user_decades_centuries_and_seasons(text: str, start: date, end: date) -> None:
    assert parse_user_date(text) == Span(start, end)


@pytest.mark.parametrize("text", ["000X", "00XX", "9999-24", "1XXX", "2019-25", "2019-13", "hello 2019"])
def test_unsupported_user_forms_list_what_is_supported(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_user_date(text, "--since")
    assert info.value.hint is not None
    for form in ("2018-03-05", "March 2018", "201X", "20XX", "2018-21"):
        assert form in info.value.hint


def test_ambiguous_numeric_date_is_refused_with_iso_hint() -> None:
    with pytest.raises(UsageError) as info:
        parse_user_date("03/04/2018", "--since")
    assert "ambiguous" in info.value.message
    assert info.value.message.startswith("--since:")
    assert info.value.hint is not None and "YYYY-MM-DD" in info.value.hint


@pytest.mark.parametrize("text", ["5 March", "March 5", "March", "5th of March"])
def test_a_date_without_a_year_is_refused_not_filled_from_today(text: str) -> None:
    with pytest.raises(UsageError, match="year"):
        parse_user_date(text)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "2019-02-30", "2018-13", "0000", "yesterday", "March 2018 12:00", "2018/03/04", "13.04.2018"],
)
def test_unreadable_user_dates_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_user_date(text, "--until")
    assert info.value.message.startswith("--until:")
    assert info.value.hint


def test_an_unknown_time_zone_word_is_refused_without_a_python_warning() -> None:
    # dateutil only *warns* about 'ZZ'; that warning must not reach a user's terminal
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UsageError):
            parse_user_date("March 2018 12:00 ZZ")


_WORDS = [
    "March", "mar", "Feb", "jan", "Dec", "5", "05", "31", "30", "29", "13", "0", "1st", "th", "of",
    "2018", "1999", "0000", "9999", "10000", ",", "-", "/", ".", "UTC", "ZZ", "T", "12:00", "pm",
    "Monday", "ə", "١٩٩٤",
]  # fmt: skip
user_texts = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join),
    st.lists(st.sampled_from(_WORDS), max_size=6).map("".join),
)


@settings(max_examples=examples(400), deadline=None)
@given(user_texts)
def test_any_user_text_is_a_span_or_a_usage_error(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning escaping would be printed to the user
        try:
            span = parse_user_date(text)
        except UsageError:
            return
    assert isinstance(span, Span)
    assert span.start <= span.end


@settings(max_examples=examples(200), deadline=None)
@given(day=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), precision=precisions)
def test_iso_user_dates_mean_the_same_days_as_edtf(day: date, precision: str) -> None:
    text = _point_text(day, precision, "")
    assert parse_user_date(text) == parse_edtf(text).span


def test_edtf_date_is_frozen() -> None:
    parsed = parse_edtf("1994")
    with pytest.raises(AttributeError):
        parsed.text = "1995"  # type: ignore[misc]
    assert isinstance(parsed, EDTFDate)


@given(year=st.integers(1, 9999), month=st.integers(1, 12))
def test_days_in_month_agrees_with_the_calendar_module(year: int, month: int) -> None:
    import calendar

    from azma.dates import days_in_month

    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
