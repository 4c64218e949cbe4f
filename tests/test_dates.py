"""azma.dates: EDTF dates of the data and dates typed by users."""

from __future__ import annotations

import calendar
import warnings
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azma.dates import DateError, EDTFDate, Span, parse_edtf, parse_user_date
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


@settings(max_examples=300, deadline=None)
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


@settings(max_examples=300, deadline=None)
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


@settings(max_examples=400, deadline=None)
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


@settings(max_examples=200, deadline=None)
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
