"""The indented JSON writer is byte for byte what json.dumps(indent=2) writes, with the
characters a terminal acts on escaped as for_json does, only faster."""

from __future__ import annotations

import json

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from azma.formats.listing import Listing
from azma.formats.machine import dumps_indented, render_json
from azma.safe import for_json
from azma.terminal import Terminal

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.text(),
    st.text(alphabet='aé\x1b\x7f\x85\u061c\u200f\u202e\u2028\u2069"\\'),  # what a terminal acts on
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=examples(800))
@given(value=values, ascii_only=st.booleans())
def test_same_bytes_as_json_dumps(value: object, ascii_only: bool) -> None:
    assert dumps_indented(value, ascii_only) == for_json(
        json.dumps(value, indent=2, ensure_ascii=ascii_only, allow_nan=False)
    )


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan"), [float("nan")]])
def test_never_infinity_or_nan(bad: object) -> None:
    with pytest.raises(ValueError):
        dumps_indented(bad, False)


@pytest.mark.parametrize("count", [0, 1, 511, 512, 513, 1500])
@pytest.mark.parametrize("ascii_only", [False, True])
def test_json_listings_stream_in_chunks_that_make_the_same_document(count: int, ascii_only: bool) -> None:
    """A large answer is written as it is made: chunks of 512 rows, together exactly json.dumps."""
    rows = [{"id": f"r{n}", "title": "Gəncə \u202e" if n % 7 == 0 else "Rabat", "fields": ["a", "b"], "_gloss": None}
            for n in range(count)]  # fmt: skip
    listing = Listing("test", ("id", "title", "fields"), rows, ())
    chunks = list(render_json(listing, Terminal(encoding="ascii" if ascii_only else "utf-8")))
    assert len(chunks) == count // 512 + 1
    contract = [{k: row[k] for k in ("id", "title", "fields")} for row in rows]
    expected = json.dumps(contract, indent=2, ensure_ascii=ascii_only, allow_nan=False) + "\n"
    assert "".join(chunks) == for_json(expected)


# what a listing's key holds: a scalar, a list of texts (ids) or a list of small objects
cells = st.one_of(
    scalars,
    st.lists(st.text(max_size=6), max_size=3),
    st.lists(st.dictionaries(st.text(max_size=4), scalars, max_size=3), max_size=2),
)


@settings(max_examples=examples(300))
@given(
    columns=st.lists(
        st.sampled_from(["id", "title", "note", "fields", "%s", "disputes", "count"]),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    rows=st.lists(st.lists(cells, min_size=6, max_size=6), min_size=1, max_size=6),
    ascii_only=st.booleans(),
)
def test_a_listing_of_any_rows_is_json_dumps_of_its_rows(
    columns: list[str], rows: list[list[object]], ascii_only: bool
) -> None:
    """Rows whose values are texts, nulls, lists of texts, flags, numbers, nested objects or a mix
    of them give the document json.dumps writes (a `%` in a key stays a `%`)."""
    keys = tuple(columns)
    dicts = [dict(zip(keys, row[: len(keys)], strict=True)) for row in rows]
    listing = Listing("test", keys, dicts, ())
    written = "".join(render_json(listing, Terminal(encoding="ascii" if ascii_only else "utf-8")))
    assert written == for_json(json.dumps(dicts, indent=2, ensure_ascii=ascii_only, allow_nan=False) + "\n")


@pytest.mark.parametrize(
    "column",
    [
        ["Rabat", "Bakı", None],
        ["a\x1b[31m", "b"],
        ["a\x1b[31m", None, "\u202e\x7f"],
        [["a", "b"], [], ("c",)],
        [["Gəncə\u202e"], ["x"]],
        [True, False],
        [1, 2.5, None],
        [[{"what": "signed"}], []],
        ["a", ["b"], None, True, {"k": "v"}],
    ],
)
def test_each_kind_of_value_a_key_holds_is_written_as_json_dumps_writes_it(column: list[object]) -> None:
    rows = [{"k": value} for value in column]
    for ascii_only in (False, True):
        written = "".join(
            render_json(Listing("t", ("k",), rows, ()), Terminal(encoding="ascii" if ascii_only else "utf-8"))
        )
        assert written == for_json(json.dumps(rows, indent=2, ensure_ascii=ascii_only) + "\n")
