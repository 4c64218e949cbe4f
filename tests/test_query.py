"""azma.query over the fixture dataset: windows, filters, ordering, milestones, search."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from azma.dates import parse_user_date
from azma.errors import NotFoundError, UsageError
from azma.load import load_dataset
from azma.model import Dataset
from azma.query import (
    FilterOptions,
    TimelineEntry,
    find_record,
    fold,
    make_filters,
    search,
    select_agreements,
    select_timeline,
    text_query,
    timeline_entries,
)
from azma.query.filters import match_places

# The fixture timeline in date order (tests/fixtures/bundled/records.toml), then the undated
# entries in data order: events first, then loose milestones.
DATED = [
    "first-visit",  # 1994
    "old-protocol.signed",  # 1994-12
    "culture-days",  # 2008-03-02/2008-03-04
    "trade-talks-2018",  # 2018-03-05
    "forum-2018",  # 2018-12~
    "twinning-discussed",  # 2019
    "commission-2023",  # 2023-11-14
    "defence-agreement.signed",  # 2024-10-08
    "defence-statement",  # 2025-01
    "defence-agreement.approved",  # 2025-01-10
]
UNDATED = ["undated-exchange", "culture-protocol.discussed"]


def timeline(dataset: Dataset, **options: object) -> list[str]:
    return [e.id for e in select_timeline(dataset, make_filters(dataset, FilterOptions(**options)))]  # type: ignore[arg-type]


def agreements(dataset: Dataset, **options: object) -> list[str]:
    query = make_filters(dataset, FilterOptions(**options), "agreements")  # type: ignore[arg-type]
    return [a.id for a in select_agreements(dataset, query)]


def found(dataset: Dataset, text: str, **options: object) -> set[tuple[str, str]]:
    hits = search(dataset, text, make_filters(dataset, FilterOptions(**options)))  # type: ignore[arg-type]
    return {(h.type, str(h.record.id)) for h in hits}


# ----------------------------------------------------------------------------- order and windows


def test_timeline_is_in_date_order_with_undated_last(dataset: Dataset) -> None:
    assert timeline(dataset) == DATED + UNDATED


def test_a_year_matches_a_window_starting_inside_it(dataset: Dataset) -> None:
    ids = timeline(dataset, since="2019-06")
    assert "twinning-discussed" in ids  # dated only '2019'
    assert "forum-2018" not in ids
    assert ids == DATED[DATED.index("twinning-discussed") :]


def test_until_a_year_covers_all_of_it(dataset: Dataset) -> None:
    ids = timeline(dataset, until="2018")
    assert ids == DATED[: DATED.index("forum-2018") + 1]  # 2018-12~ is in
    assert timeline(dataset, since="2018", until="2018") == ["trade-talks-2018", "forum-2018"]


def test_window_ends_are_inclusive_days(dataset: Dataset) -> None:
    assert "trade-talks-2018" in timeline(dataset, since="5 March 2018", until="March 5, 2018")
    assert "trade-talks-2018" not in timeline(dataset, until="2018-03-04")
    assert "trade-talks-2018" not in timeline(dataset, since="2018-03-06")


def test_an_interval_matches_a_window_touching_any_of_its_days(dataset: Dataset) -> None:
    assert "culture-days" in timeline(dataset, since="2008-03-04", until="2008-03-04")
    assert "culture-days" in timeline(dataset, until="2008-03-02")
    assert "culture-days" not in timeline(dataset, since="2008-03-05", until="2008-12")


def test_undated_entries_only_without_a_window(dataset: Dataset) -> None:
    assert set(UNDATED) <= set(timeline(dataset))
    for window in ({"since": "1000"}, {"until": "9999"}, {"since": "1000", "until": "9999"}):
        ids = timeline(dataset, **window)
        assert ids == DATED
        assert not set(UNDATED) & set(ids)


def test_since_after_until_is_refused(dataset: Dataset) -> None:
    with pytest.raises(UsageError, match="after"):
        make_filters(dataset, FilterOptions(since="2020", until="2019-12"))


def test_limit_and_reverse(dataset: Dataset) -> None:
    assert timeline(dataset, limit=3) == DATED[:3]
    assert timeline(dataset, limit=0) == []
    assert timeline(dataset, reverse=True) == DATED[::-1] + UNDATED  # undated stay last
    assert timeline(dataset, reverse=True, limit=2) == DATED[::-1][:2]
    with pytest.raises(UsageError, match="--limit"):
        make_filters(dataset, FilterOptions(limit=-1))


# ----------------------------------------------------------------------------- fields and kinds


def test_fields_are_any_of_and_take_aliases(dataset: Dataset) -> None:
    ids = timeline(dataset, field=["defense", "cultural"])
    expected = [e for e in DATED + UNDATED if e in _ids_with_fields(dataset, {"defence", "culture"})]
    assert ids == expected
    assert {"defence-statement", "defence-agreement.signed", "culture-days", "undated-exchange"} <= set(ids)
    assert timeline(dataset, field=["defence"]) == timeline(dataset, field=["military"])


def _ids_with_fields(dataset: Dataset, fields: set[str]) -> set[str]:
    return {e.id for e in timeline_entries(dataset) if fields & set(e.fields)}


def test_unknown_field_names_the_closest(dataset: Dataset) -> None:
    with pytest.raises(UsageError) as info:
        make_filters(dataset, FilterOptions(field=["defens"]))
    assert "'defens'" in info.value.message
    assert info.value.hint is not None and "did you mean 'defence'" in info.value.hint
    with pytest.raises(UsageError) as info:
        make_filters(dataset, FilterOptions(field=["zzzz"]))
    assert info.value.hint is not None and "diplomacy" in info.value.hint


def test_timeline_kinds_are_event_kinds_and_milestone_kinds(dataset: Dataset) -> None:
    ids = timeline(dataset, kind=["trip", "signing"])  # aliases of 'visit' and 'signed'
    # commission-2023 is a meeting, but the memorandum was signed at it
    assert ids == ["first-visit", "old-protocol.signed", "commission-2023", "defence-agreement.signed"]
    assert timeline(dataset, kind=["approved"]) == ["defence-agreement.approved"]
    assert timeline(dataset, kind=["statement"]) == ["defence-statement"]
    with pytest.raises(UsageError, match="mou"):
        make_filters(dataset, FilterOptions(kind=["mou"]))  # an agreement kind


def test_agreement_kinds(dataset: Dataset) -> None:
    assert agreements(dataset, kind=["mou"]) == ["economic-memorandum"]
    assert agreements(dataset, kind=["protocol"]) == ["old-protocol", "culture-protocol"]
    with pytest.raises(UsageError, match="unknown agreement kind 'visit'"):
        make_filters(dataset, FilterOptions(kind=["visit"]), "agreements")


# ----------------------------------------------------------------------------- agreements and milestones


def test_agreements_in_date_order_with_undated_last(dataset: Dataset) -> None:
    assert agreements(dataset) == [
        "old-protocol",
        "economic-memorandum",
        "defence-agreement",
        "culture-protocol",
    ]


def test_an_agreement_is_kept_when_any_milestone_is_in_the_window(dataset: Dataset) -> None:
    # defence-agreement: signed 2024-10-08, approved 2025-01-10
    assert agreements(dataset, since="2025") == ["defence-agreement"]
    assert "defence-agreement" in agreements(dataset, until="2024-10")
    assert agreements(dataset, since="2024-11", until="2024-12") == []
    assert "culture-protocol" not in agreements(dataset, since="1000")  # no dated milestone


def test_a_milestone_at_an_event_is_shown_with_that_event(dataset: Dataset) -> None:
    entries = {e.id: e for e in select_timeline(dataset, make_filters(dataset))}
    assert "economic-memorandum.signed" not in entries
    commission = entries["commission-2023"]
    assert commission.milestones == (("economic-memorandum", "signed"),)
    assert "economic-memorandum" in commission.agreements
    assert commission.type == "event"


def test_loose_milestones_are_entries_of_their_own(dataset: Dataset) -> None:
    entries = {e.id: e for e in timeline_entries(dataset)}
    signed = entries["defence-agreement.signed"]
    assert signed.type == "milestone"
    assert signed.kind == "signed"
    assert signed.title == "Signed: Agreement on military cooperation"
    assert signed.fields == ("defence",)
    assert signed.sources == ("src-news",)  # the agreement's, as the milestone names none
    assert signed.agreements == ("defence-agreement",)
    assert signed.date is not None and signed.date.text == "2024-10-08"
    assert entries["culture-protocol.discussed"].date is None


def test_actor_and_place_filters(dataset: Dataset) -> None:
    assert timeline(dataset, actor="ekzampl") == ["culture-days"]  # an alias, another case
    assert timeline(dataset, place="RABAT") == ["first-visit", "culture-days", "commission-2023"]
    assert agreements(dataset, actor="Ministry of Foreign") == ["economic-memorandum"]
    with pytest.raises(UsageError, match="no actor matches"):
        make_filters(dataset, FilterOptions(actor="nobody at all"))


# ----------------------------------------------------------------------------- search and folding


def test_fold() -> None:
    assert fold("Gəncə") == "ganca"
    assert fold("MARRAKECH") == "marrakech"
    assert fold("Exampleová") == "exampleova"
    assert fold("İlham") == "ilham"


def test_search_applies_aliases_case_insensitively(dataset: Dataset) -> None:
    # 'Marrakech' is an alias of the place Marrakesh; the forum's title says 'Marrakesh'
    assert found(dataset, "MARRAKECH") == {("event", "forum-2018"), ("place", "marrakesh")}
    assert "marrakesh" in text_query(dataset, "Marrakech").phrase


def test_several_words_match_when_each_occurs_somewhere(dataset: Dataset) -> None:
    """A phrase that does not occur as such still finds records holding every one of its words."""
    one_word = found(dataset, "Marrakesh")
    assert found(dataset, "forum Marrakesh") <= one_word
    assert ("event", "forum-2018") in found(dataset, "Marrakesh forum")  # words in another order
    assert found(dataset, "Marrakesh zzzz-no-such-word") == set()


def test_search_by_an_accented_alias_finds_the_canonical_name(dataset: Dataset) -> None:
    # 'Gəncə' is an alias of Ganja; the event's title says 'Ganja'
    expected = {("event", "twinning-discussed"), ("place", "ganja")}
    assert found(dataset, "Gəncə") == expected
    assert found(dataset, "ganca") == expected  # what fold() makes of 'Gəncə'


def test_search_ignores_accents_typed_by_the_user(dataset: Dataset) -> None:
    assert found(dataset, "Exampleová") == {("actor", "anna-example"), ("event", "culture-days")}
    assert ("event", "culture-days") in found(dataset, "DAYS OF CULTURE")


def test_search_order_filters_and_matched_in(dataset: Dataset) -> None:
    hits = search(dataset, "protocol", make_filters(dataset))
    dated = [h for h in hits if h.date is not None]
    assert hits[: len(dated)] == dated  # dated first
    assert [h.date.sort_key for h in dated] == sorted(h.date.sort_key for h in dated)  # type: ignore[union-attr]
    assert next(h for h in hits if h.record.id == "old-protocol").matched_in[0] == "title"
    # a date window drops undated records (places, actors); a field filter drops unfielded ones
    assert ("place", "ganja") not in found(dataset, "Ganja", since="2000")
    assert found(dataset, "Ganja", field=["culture"]) == {("event", "twinning-discussed")}
    with pytest.raises(UsageError):
        search(dataset, "  ", make_filters(dataset))


def test_timeline_text_filter_uses_aliases(dataset: Dataset) -> None:
    assert timeline(dataset, text="marrakech") == ["forum-2018"]
    assert timeline(dataset, text="GƏNCƏ") == ["twinning-discussed"]


def test_find_record_suggests_close_ids(dataset: Dataset) -> None:
    assert find_record(dataset, "rabat")[0] == "place"
    assert find_record(dataset, "trade-2015-morocco")[0] == "trade"
    with pytest.raises(NotFoundError) as info:
        find_record(dataset, "first-visti")
    assert info.value.hint is not None and "first-visit" in info.value.hint


def test_queries_do_not_change_the_dataset(dataset: Dataset) -> None:
    select_timeline(dataset, make_filters(dataset, FilterOptions(reverse=True, limit=1)))
    select_agreements(dataset, make_filters(dataset, FilterOptions(reverse=True), "agreements"))
    search(dataset, "Rabat", make_filters(dataset))
    assert dataset == load_dataset(use_cache=False)


# ----------------------------------------------------------------------------- hypothesis: windows

_PRECISIONS = st.sampled_from(["year", "month", "day"])
_DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def _typed(day: date, precision: str) -> str:
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": f"{day:%Y-%m-%d}"}[precision]


def _expected(dataset: Dataset, since: date | None, until: date | None) -> list[TimelineEntry]:
    entries = timeline_entries(dataset)
    if since is None and until is None:
        return entries
    return [
        e
        for e in entries
        if e.date is not None
        and (since is None or e.date.end >= since)
        and (until is None or e.date.start <= until)
    ]


@settings(max_examples=examples(150), deadline=None)
@given(
    since=st.none() | _DAYS,
    until=st.none() | _DAYS,
    since_precision=_PRECISIONS,
    until_precision=_PRECISIONS,
)
def test_window_is_the_brute_force_overlap(
    dataset: Dataset, since: date | None, until: date | None, since_precision: str, until_precision: str
) -> None:
    since_text = _typed(since, since_precision) if since else None
    until_text = _typed(until, until_precision) if until else None
    first = parse_user_date(since_text).start if since_text else None
    last = parse_user_date(until_text).end if until_text else None
    if first and last and first > last:
        with pytest.raises(UsageError):
            make_filters(dataset, FilterOptions(since=since_text, until=until_text))
        return
    chosen = select_timeline(
        dataset, make_filters(dataset, FilterOptions(since=since_text, until=until_text))
    )
    assert sorted(e.id for e in chosen) == sorted(e.id for e in _expected(dataset, first, last))
    dated = [e for e in chosen if e.date is not None]
    assert chosen[: len(dated)] == dated
    assert [e.date.sort_key for e in dated] == sorted(e.date.sort_key for e in dated)  # type: ignore[union-attr]


def test_a_country_as_place_means_every_place_in_it(dataset: Dataset) -> None:
    in_morocco = {p.id for p in dataset.places if p.country == "Morocco"}
    assert in_morocco and in_morocco <= match_places(dataset, "morocco")
    with pytest.raises(UsageError, match="no place matches"):
        match_places(dataset, "Atlantis")


# ----------------------------------------------------------------------------- text: repeated words, folding


def test_repeated_words_are_looked_for_once(dataset: Dataset) -> None:
    from azma.query.text import text_query

    once = text_query(dataset, "Rabat commission")
    many = text_query(dataset, "rabat COMMISSION " * 1000)
    assert many.words == once.words and len(many.words) == 2
    assert [h.record.id for h in search(dataset, "rabat " * 2000, make_filters(dataset))] == [
        h.record.id for h in search(dataset, "rabat", make_filters(dataset))
    ]
    timeline = select_timeline(dataset, make_filters(dataset, FilterOptions(text="Rabat " * 2000)))
    assert [e.id for e in timeline] == [
        e.id for e in select_timeline(dataset, make_filters(dataset, FilterOptions(text="Rabat")))
    ]


def test_too_many_different_words_are_a_usage_error(dataset: Dataset) -> None:
    from azma.query.text import MAX_WORDS

    words = " ".join(f"w{i}" for i in range(MAX_WORDS + 1))
    with pytest.raises(UsageError, match=f"has {MAX_WORDS + 1} different words; at most {MAX_WORDS}"):
        search(dataset, words, make_filters(dataset))
    assert search(dataset, " ".join(f"w{i}" for i in range(MAX_WORDS)), make_filters(dataset)) == []


def test_folding_is_the_same_for_upper_and_lower_case_and_both_romanisations(dataset: Dataset) -> None:
    from azma.folding import fold, fold_all

    assert fold("Łódź") == fold("łódź") == "lodz"
    assert fold("GƏNCƏ") == fold("gəncə") == "ganca"
    assert "gence" in fold_all("Gəncə") and "ganca" in fold_all("Gəncə")
    for text in ("gence", "Gence", "ganca", "GƏNCƏ"):
        assert "ganja" in {h.record.id for h in search(dataset, text, make_filters(dataset))}, text
