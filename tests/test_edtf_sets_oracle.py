"""azma's "one of a set" ([A..B], [..B], [A..]) against the `edtf` package's level 2 parser.

The data writes "one day, month or year somewhere from A to B" as EDTF level 2's run of
consecutive values; azma reads only that run (no lists with commas, no qualifiers inside).
Hypothesis builds set-like strings, well-formed and near misses, and checks that azma accepts
exactly what edtf's `[...]` grammar accepts among those forms, with the same earliest and latest
day. Where they disagree (edtf does not compare the ends, and takes 29 February in every year),
the case is listed and checked to go azma's way, as in test_edtf_oracle.py.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azma.dates import DateError, EDTFDate, days_in_month, gloss, parse_edtf

grammar = pytest.importorskip("edtf.parser.grammar")
ONE_OF_A_SET = grammar.choiceList
RUN = re.compile(r"\[(?P<a>[^.,\[\]]*)\.\.(?P<b>[^.,\[\]]*)\]")


def edtf_reading(text: str) -> Any | None:
    """edtf's parse of a run of consecutive values `[A..B]`, `[..B]`, `[A..]`, or None."""
    if "S" in text or " " in text or not RUN.fullmatch(text):  # S: significant digits, not a set
        return None
    try:
        return ONE_OF_A_SET.parse_string(text, parse_all=True)[0]
    except Exception:
        return None


def edtf_bounds(text: str) -> tuple[tuple[int, ...] | None, tuple[int, ...] | None]:
    """edtf's first and last day of a run (None on an open side), from its own parse of each end."""
    match = RUN.fullmatch(text)
    assert match is not None
    parse = grammar.parse_edtf
    a, b = match["a"], match["b"]
    first = tuple(parse(a).lower_strict())[:3] if a else None
    last = tuple(parse(b).upper_strict())[:3] if b else None
    return first, last


def _feb_29_of_a_common_year(text: str) -> bool:
    return any(days_in_month(int(y), 2) == 28 for y in re.findall(r"(-?[0-9]{4})-02-29", text))


def check(text: str) -> None:
    edtf = edtf_reading(text)
    try:
        azma: EDTFDate | DateError = parse_edtf(text)
    except DateError as exc:
        azma = exc
    if edtf is not None and _feb_29_of_a_common_year(text):
        assert isinstance(azma, DateError), text  # Level 0: a common year has no 29 February
        return
    if edtf is not None:
        first, last = edtf_bounds(text)
        if first is not None and last is not None and first > last:
            assert isinstance(azma, DateError) and "ends before it starts" in str(azma), text
            return
    assert isinstance(azma, EDTFDate) == (edtf is not None), (text, azma)
    if not isinstance(azma, EDTFDate):
        return
    assert azma.kind == "set" and azma.one_of_set and not azma.interval
    first, last = edtf_bounds(text)
    assert (first is None) == (azma.start_kind == "open")
    assert (last is None) == (azma.end_kind == "open")
    for year, day, bound in ((azma.start_year, azma.start, first), (azma.end_year, azma.end, last)):
        if bound is None:
            continue
        if year is not None and 1 <= year <= 9999:
            assert (day.year, day.month, day.day) == bound, (text, day, bound)
        else:
            assert year == bound[0]


_MONTHS = [f"{m:02d}" for m in range(1, 13)]
years = st.one_of(
    st.integers(0, 9999).map(lambda y: f"{y:04d}"),
    st.sampled_from(["2019", "2020", "2024", "1900", "2000", "0000", "-0044", "-0000"]),
)


@st.composite
def members(draw: st.DrawFn, precision: int | None = None) -> str:
    """A year, month or day (and near misses: seasons, qualifiers, impossible days)."""
    text = draw(years)
    depth = draw(st.integers(0, 2)) if precision is None else precision
    if depth >= 1:
        text += "-" + draw(st.one_of(st.sampled_from(_MONTHS), st.sampled_from(["00", "13", "21", "24"])))
    if depth >= 2:
        text += "-" + draw(st.one_of(st.integers(1, 31).map(lambda d: f"{d:02d}"), st.just("29")))
    return text + draw(st.sampled_from(["", "", "", "", "?", "~", "%"]))


@st.composite
def sets(draw: st.DrawFn) -> str:
    form = draw(st.integers(0, 3))
    depth = draw(st.integers(0, 2))
    a, b = draw(members(depth)), draw(members(depth if draw(st.booleans()) else None))
    if form == 0:
        ends = sorted([a, b])
        return f"[{ends[0]}..{ends[1]}]"
    if form == 1:
        return f"[{a}..{b}]"
    if form == 2:
        return f"[..{b}]"
    return f"[{a}..]"


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    text = draw(sets())
    at = draw(st.integers(0, len(text)))
    char = draw(st.sampled_from("0123456789X-/.?~%[]{},"))
    edit = draw(st.sampled_from(["drop", "add", "replace"]))
    if edit == "drop":
        return text[:at] + text[at + 1 :]
    if edit == "add":
        return text[:at] + char + text[at:]
    return text[:at] + char + text[at + 1 :]


@settings(max_examples=examples(1500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(sets(), sets(), near_misses()))
def test_azma_reads_one_of_a_set_as_edtf_does(text: str) -> None:
    check(text)


@pytest.mark.parametrize(
    "text",
    ["[2024-01-01..2024-02-06]", "[..2024-03-10]", "[2024-01..]", "[1667..1672]", "[..1760-12-03]",
     "[1760-12..]", "[-0044..0010]", "[2024..2024]"],
)  # fmt: skip
def test_the_forms_the_data_writes_agree_with_the_oracle(text: str) -> None:
    assert edtf_reading(text) is not None
    check(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[2024-01-01..2024-02]", "same precision"),
        ("[2024-04?..2024-05]", "plain date"),
        ("[2019-21..2019-23]", "not a season"),
        ("[2025..2024]", "ends before it starts"),
        ("[..]", "one of a set other than"),
        ("[1667,1668]", "one of a set"),
        ("[..2024]?", "one of a set"),
        ("[..2019-02-29]", "has no day 29"),
    ],
)
def test_what_azma_does_not_read_as_a_set_is_refused_saying_why(text: str, message: str) -> None:
    with pytest.raises(DateError, match=re.escape(message)):
        parse_edtf(text)


def test_a_set_is_one_date_not_a_duration_and_knows_its_span() -> None:
    briefing = parse_edtf("[2024-01-01..2024-02-06]")
    assert (briefing.kind, briefing.precision) == ("set", "day")
    assert (briefing.start, briefing.end) == (date(2024, 1, 1), date(2024, 2, 6))
    assert briefing.known_span == (date(2024, 1, 1), date(2024, 2, 6))
    assert gloss(briefing) == "one day between 2024-01-01 and 2024-02-06"
    by = parse_edtf("[..2024-03-10]")
    assert (by.start_kind, by.end_kind, by.start, by.end) == ("open", "known", date.min, date(2024, 3, 10))
    assert by.known_span == (date(2024, 3, 10), date(2024, 3, 10))
    assert gloss(by) == "no later than 2024-03-10"
    after = parse_edtf("[2024-01..]")
    assert after.known_span == (date(2024, 1, 1), date(2024, 1, 31))
    assert gloss(after) == "no earlier than January 2024"
    assert gloss("[2019..2021]") == "one year between 2019 and 2021"
    assert gloss("[2019-03..2019-05]") == "one month between March 2019 and May 2019"


def test_a_set_sorts_at_its_known_date() -> None:
    texts = ["[..2024-03-10]", "2024-02", "[2024-03-01..2024-03-05]", "2024-03-09", "[2024-03-11..]"]
    ordered = sorted(texts, key=lambda t: parse_edtf(t).sort_key)
    assert ordered == [
        "2024-02",
        "[2024-03-01..2024-03-05]",
        "2024-03-09",
        "[..2024-03-10]",
        "[2024-03-11..]",
    ]
