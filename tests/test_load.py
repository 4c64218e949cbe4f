"""azma.load: TOML files -> validated Dataset, every problem reported at once, nothing half-loaded."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import tomli

import azma.load
import azma.load.build
from azma.errors import DataError, Problem
from azma.load import load_dataset, user_files_from_env
from azma.model import Dataset

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = FIXTURES / "invalid"
USER = FIXTURES / "user"
RECORDS = FIXTURES / "bundled" / "records.toml"

Load = Callable[..., Dataset]


def problems_of(load: Load, *files: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load(*files)
    assert info.value.problems, "a DataError must carry its problems"
    assert info.value.exit_code == 1
    return info.value.problems


def only_problem(load: Load, *files: Path) -> Problem:
    problems = problems_of(load, *files)
    assert len(problems) == 1, problems
    return problems[0]


# ----------------------------------------------------------------------------- valid data


def test_fixture_dataset_loads_every_record(dataset: Dataset) -> None:
    raw = tomli.loads(RECORDS.read_text(encoding="utf-8"))
    assert [e.id for e in dataset.events] == [e["id"] for e in raw["event"]]
    assert [a.id for a in dataset.agreements] == [a["id"] for a in raw["agreement"]]
    assert {s.id for s in dataset.sources} == {s["id"] for s in raw["source"]}
    assert {a.id for a in dataset.actors} == {a["id"] for a in raw["actor"]}
    assert {p.id for p in dataset.places} == {p["id"] for p in raw["place"]}
    assert len(dataset.trade) == len(raw["trade"])


def test_aliases_are_stored_as_canonical_ids(dataset: Dataset) -> None:
    events = {e.id: e for e in dataset.events}
    assert events["commission-2023"].kind == "meeting"  # written as the alias 'talks'
    assert events["commission-2023"].fields == ("diplomacy", "economy")  # 'economic'
    assert events["trade-talks-2018"].fields == ("trade",)  # 'commerce'
    assert events["defence-statement"].fields == ("defence",)  # 'defense'
    agreements = {a.id: a for a in dataset.agreements}
    assert agreements["economic-memorandum"].kind == "memorandum"  # 'mou'


def test_event_kind_defaults_to_event(dataset: Dataset) -> None:
    events = {e.id: e for e in dataset.events}
    assert events["culture-days"].kind == "event"
    assert events["undated-exchange"].date is None


def test_dates_keep_their_text_and_precision(dataset: Dataset) -> None:
    events = {e.id: e for e in dataset.events}
    visit = events["first-visit"].date
    assert visit is not None
    assert (visit.text, visit.precision, visit.start, visit.end) == (
        "1994",
        "year",
        date(1994, 1, 1),
        date(1994, 12, 31),
    )
    forum = events["forum-2018"].date
    assert forum is not None and forum.precision == "month" and forum.approximate


def test_milestones_are_sorted_by_date_and_date_the_agreement(dataset: Dataset) -> None:
    agreement = next(a for a in dataset.agreements if a.id == "defence-agreement")
    assert [m.what for m in agreement.milestones] == ["signed", "approved"]  # written approved first
    assert agreement.signed is not None and agreement.signed.text == "2024-10-08"
    assert agreement.date == agreement.signed
    undated = next(a for a in dataset.agreements if a.id == "culture-protocol")
    assert undated.date is None and undated.signed is None


def test_trade_rows_are_sorted_by_reporter_then_year(dataset: Dataset) -> None:
    keys = [(t.reporter, t.year) for t in dataset.trade]
    assert keys == sorted(keys)


def test_minimal_user_event_with_its_own_source(load: Load) -> None:
    data = load(USER / "notes.toml")
    event = next(e for e in data.events if e.id == "my-briefing-2025")
    assert event.kind == "event"
    assert event.fields == ("culture",)
    assert event.sources == ("my-notes",)
    assert event.date is not None and event.date.text == "2025-03-12"
    source = data.source("my-notes")
    assert source.origin == str(USER / "notes.toml")
    assert str(USER / "notes.toml") in data.files


def test_empty_user_file_loads(load: Load, dataset: Dataset) -> None:
    data = load(USER / "empty.toml")
    assert data.events == dataset.events
    assert data.agreements == dataset.agreements
    assert data.trade == dataset.trade


def test_user_files_from_env() -> None:
    value = f"a.toml{os.pathsep}{os.pathsep} {os.pathsep}dir/b.toml"
    assert user_files_from_env({"AZMA_DATA": value}) == ["a.toml", "dir/b.toml"]
    assert user_files_from_env({}) == []


# ----------------------------------------------------------------------------- each kind of invalid data


@pytest.mark.parametrize(
    ("name", "record", "line", "fragments"),
    [
        ("syntax.toml", None, 3, ["TOML syntax"]),
        ("unknown_key.toml", "typo-key", 4, ["unknown key 'titel'", "did you mean 'title'"]),
        ("missing_key.toml", "no-sources", 1, ["missing required key 'sources'"]),  # the table's line
        ("impossible_date.toml", "leap-nonsense", 3, ["2019-02-30", "no day 30"]),
        ("unknown_field.toml", "bad-field", 5, ["unknown field 'cultur'", "'culture'"]),
        ("unknown_kind.toml", "bad-kind", 5, ["unknown event kind 'vistit'", "'visit'"]),
        ("unknown_source.toml", "bad-source", 6, ["unknown source 'src-newz'", "'src-news'"]),
        ("turnover.toml", "year 2020", 1, ["turnover 16 is not imports + exports", "10 + 5 = 15"]),
        (
            "vocabulary.toml",
            "defense",
            2,
            ["field 'defense' is already the field 'defence'", "alias 'defense'", "data/vocabulary.toml:"],
        ),
    ],
)
def test_each_invalid_file_gives_one_clear_problem(
    load: Load, name: str, record: str | None, line: int, fragments: list[str]
) -> None:
    path = INVALID / name
    problem = only_problem(load, path)
    assert problem.file == str(path)
    assert problem.record == record
    assert problem.line == line
    for fragment in fragments:
        assert fragment in problem.message
    assert str(problem).startswith(f"{path}:{line}")


def test_duplicate_id_across_two_files_names_the_first(load: Load) -> None:
    first, second = INVALID / "duplicate_a.toml", INVALID / "duplicate_b.toml"
    problem = only_problem(load, first, second)
    assert problem.file == str(second)
    assert problem.line == 3
    assert problem.record == "twice"
    assert "duplicate id 'twice'" in problem.message
    assert f"{first}:1" in problem.message


def test_user_record_may_not_reuse_a_bundled_id(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "clash.toml"
    path.write_text('[[place]]\nid = "rabat"\nname = "Rabat again"\ncountry = "Morocco"\n', encoding="utf-8")
    problem = only_problem(load, path)
    assert "duplicate id 'rabat'" in problem.message
    assert "data/records.toml" in problem.message


def test_not_utf8(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[[place]]\nid = "x"\nname = "Café"\ncountry = "Morocco"\n'.encode("latin-1"))
    problem = only_problem(load, path)
    assert "not UTF-8" in problem.message
    assert "0xe9" in problem.message


def test_binary_file(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\x00\x01\x02\x03 not toml")
    assert "binary" in only_problem(load, path).message


def test_image_bytes_are_a_problem_not_a_crash(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "picture.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_problem(load, path).file == str(path)


def test_missing_file(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    problem = only_problem(load, path)
    assert (problem.file, problem.message) == (str(path), "no such file")


def test_directory(load: Load, tmp_path: Path) -> None:
    assert "is a folder with no .toml files" in only_problem(load, tmp_path).message


@pytest.mark.parametrize(
    "value",
    ["[" * 10_000 + "]" * 10_000, "{ a = " * 10_000 + "1" + " }" * 10_000],
    ids=["arrays", "inline-tables"],
)
def test_deeply_nested_values_are_a_problem_not_a_crash(load: Load, tmp_path: Path, value: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(f'[[event]]\nid = "deep"\nfields = {value}\n', encoding="utf-8")
    problem = only_problem(load, path)
    assert problem.file == str(path)
    assert "nested too deeply" in problem.message


def test_nested_list_where_strings_belong(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "nested.toml"
    path.write_text(
        '[[event]]\nid = "nested"\ntitle = "t"\nsources = ["src-news"]\nfields = '
        + "[" * 50
        + "]" * 50
        + "\n",
        encoding="utf-8",
    )
    problem = only_problem(load, path)
    assert problem.record == "nested"
    assert "'fields'" in problem.message


@pytest.mark.parametrize("year", [12345, 999, 0, -2020])
def test_trade_year_must_have_four_digits(load: Load, tmp_path: Path, year: int) -> None:
    path = tmp_path / "year.toml"
    path.write_text(
        f"[[trade]]\nyear = {year}\nreporter = 'A'\npartner = 'B'\nimports = 1.0\nexports = 2.0\n"
        "turnover = 3.0\nunit = 'USD'\nsources = ['src-news']\n",
        encoding="utf-8",
    )
    assert "four-digit year" in only_problem(load, path).message


# ----------------------------------------------------------------------------- all at once, never half-way


def test_every_problem_of_a_file_is_reported_at_once(load: Load) -> None:
    path = INVALID / "several.toml"
    problems = problems_of(load, path)
    found = sorted((p.line, p.record, p.message) for p in problems)
    assert len(found) == 4, problems
    (
        (line1, record1, message1),
        (line2, record2, message2),
        (line3, record3, message3),
        (line4, record4, message4),
    ) = found
    assert (line1, record1) == (11, "several-one") and "no month 13" in message1
    assert {(line2, record2), (line3, record3)} == {(20, "several-two"), (21, "several-two")}
    assert {message2.split(" in ")[0], message3.split(" in ")[0]} == {
        "unknown field 'diplomcy'",
        "unknown source 'nowhere'",
    }
    assert (line4, record4) == (23, "several-three") and "missing required key 'status'" in message4
    assert all(p.file == str(path) for p in problems)


def test_problems_in_several_files_are_reported_together(load: Load, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    problems = problems_of(load, INVALID / "unknown_key.toml", INVALID / "unknown_field.toml", missing)
    assert {p.file for p in problems} == {
        str(INVALID / "unknown_key.toml"),
        str(INVALID / "unknown_field.toml"),
        str(missing),
    }


def test_citing_an_invalid_record_is_not_a_second_problem(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "cites-invalid.toml"
    path.write_text(
        '[[event]]\nid = "broken"\ndate = "2019-02-30"\ntitle = "t"\nfields = ["culture"]\n'
        'sources = ["src-news"]\n\n'
        '[[event]]\nid = "part"\ndate = "2019"\ntitle = "t"\nfields = ["culture"]\nsources = ["src-news"]\n'
        'part_of = "broken"\n',
        encoding="utf-8",
    )
    problem = only_problem(load, path)
    assert problem.record == "broken"


def test_message_of_data_error_counts_problems(load: Load) -> None:
    with pytest.raises(DataError) as info:
        load(INVALID / "several.toml")
    assert info.value.message.startswith("4 problems in the data")
    assert info.value.hint is not None and "azma validate" in info.value.hint


def test_bad_data_is_never_cached_or_half_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dataset: Dataset
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.delenv("AZMA_NO_CACHE")
    monkeypatch.setenv("AZMA_CACHE_DIR", str(cache))
    with pytest.raises(DataError):
        load_dataset([INVALID / "several.toml"])
    assert not cache.exists() or not list((cache / "azma-cache").glob("*.marshal"))
    # the valid record of the bad file did not slip into a later load
    clean = load_dataset([])
    assert "fine-on-its-own" not in {e.id for e in clean.events}
    assert clean.events == dataset.events


def test_the_cache_returns_the_same_dataset_and_sees_edits(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.delenv("AZMA_NO_CACHE")
    monkeypatch.setenv("AZMA_CACHE_DIR", str(cache))
    user = tmp_path / "mine.toml"
    user.write_text((USER / "notes.toml").read_text(encoding="utf-8"), encoding="utf-8")
    fresh = load_dataset([user], use_cache=False)
    first = load_dataset([user])
    assert list((cache / "azma-cache").glob("*.marshal"))
    calls: list[int] = []
    real_build = azma.load.build.build_dataset
    monkeypatch.setattr(azma.load.build, "build_dataset", lambda files: calls.append(1) or real_build(files))
    second = load_dataset([user])
    assert calls == []  # served from the cache
    assert first == fresh and second == fresh
    user.write_text(user.read_text(encoding="utf-8").replace("Briefing on", "Talk about"), encoding="utf-8")
    os.utime(user, ns=(1, 1))  # a different mtime even on coarse file-system clocks
    edited = load_dataset([user])
    assert calls == [1]
    assert (
        next(e for e in edited.events if e.id == "my-briefing-2025").title == "Talk about cultural projects"
    )


# ----------------------------------------------------------------------------- hostile files (issue 11)

_TRADE_ROW = """[[source]]
id = "s-huge"
title = "Huge figures"
publisher = "me"
kind = "notes"

[[trade]]
year = 2030
reporter = "Azerbaijan"
partner = "Morocco"
turnover = {turnover}
unit = "thousand USD"
sources = ["s-huge"]
"""


@pytest.mark.parametrize("digits", [309, 400, 4300])
def test_an_integer_too_large_for_a_float_is_a_problem_with_its_line(
    load: Load, tmp_path: Path, digits: int
) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(_TRADE_ROW.format(turnover="9" * digits), encoding="utf-8")
    problem = only_problem(load, path)
    assert (problem.file, problem.line) == (str(path), 11)
    assert f"'turnover' is too large ({digits} digits)" in problem.message


def test_an_integer_over_pythons_digit_limit_is_a_problem_with_its_line(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "huger.toml"
    path.write_text(_TRADE_ROW.format(turnover="9" * 5000), encoding="utf-8")
    problem = only_problem(load, path)
    assert (problem.file, problem.line) == (str(path), 11)
    assert "more than 4300 digits" in problem.message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_before_it_is_read(load: Load, device: str) -> None:
    problem = only_problem(load, Path(device))
    assert (problem.file, problem.message) == (device, "is a device or socket, not a file; give a .toml file")


def test_dev_null_is_an_empty_file(load: Load, dataset: Dataset) -> None:
    assert load(Path(os.devnull)).events == dataset.events


def _fifo_fed_with(tmp_path: Path, data: bytes, times: int) -> Path:
    """A named pipe with a thread writing `data` into it `times` times (the reader may stop early)."""
    import threading

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as out:
            try:
                for _ in range(times):
                    out.write(data)
            except BrokenPipeError:
                pass

    threading.Thread(target=feed, daemon=True).start()
    return fifo


def test_a_pipe_is_read_like_a_file(load: Load, tmp_path: Path) -> None:
    fifo = _fifo_fed_with(tmp_path, (USER / "notes.toml").read_bytes(), 1)
    assert "my-briefing-2025" in {e.id for e in load(fifo).events}


def test_a_pipe_that_does_not_end_is_cut_off(
    load: Load, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(azma.load, "MAX_STREAM_BYTES", 4 << 20)
    fifo = _fifo_fed_with(tmp_path, b"# endless\n" * 100_000, 1_000_000)  # 1 GB if read to the end
    problem = only_problem(load, fifo)
    assert problem.message == "is a pipe that gave more than 4 MiB; save the data to a file and give that"


def test_a_bad_date_does_not_hide_an_unknown_field_nor_a_duplicate_id(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "several.toml"
    path.write_text(
        '[[event]]\nid = "twice"\ndate = "2019-13-45"\ntitle = "x"\nfields = ["cultur"]\n'
        'sources = ["src-news"]\nkind = "vist"\n\n'
        '[[event]]\nid = "twice"\ndate = "2019"\ntitle = "y"\nfields = ["culture"]\nsources = ["src-news"]\n',
        encoding="utf-8",
    )
    found = [(p.line, p.message.split(" (")[0]) for p in problems_of(load, path)]
    assert found == [
        (3, "'date' '2019-13-45': there is no month 13"),
        (5, "unknown field 'cultur' in 'fields'"),
        (7, "unknown event kind 'vist' in 'kind'"),
        (9, "duplicate id 'twice'"),
    ]


def test_thousands_of_unknown_references_still_get_suggestions(load: Load, tmp_path: Path) -> None:
    """The 'did you mean' for ids comes from an index (linear), not from difflib over every id."""
    path = tmp_path / "many.toml"
    events = [
        f'[[event]]\nid = "ev-{i}"\ntitle = "t"\nfields = ["culture"]\nsources = ["src-news"]\npart_of = "ev-{i}x"\n'
        for i in range(3000)
    ]
    path.write_text("\n".join(events), encoding="utf-8")
    problems = problems_of(load, path)
    assert len(problems) == 3000
    assert problems[-1].message == "unknown event 'ev-2999x' in 'part_of' (did you mean 'ev-2999'?)"
    assert problems[-1].line == 6 * 3000 + 2999  # six lines a record, a blank line between


@pytest.mark.parametrize(
    "accessed", ["2026-11", "2026-11-01/2026-11-30", "[2026-11-01..2026-11-30]", "[..2026-11-30]"]
)
def test_a_source_is_accessed_on_a_known_day(
    load: Callable[..., Dataset], tmp_path: Path, accessed: str
) -> None:
    """An access date is the day the source was read: a month, a span or one day of a set is not."""
    mine = tmp_path / "mine.toml"
    mine.write_text(
        f'[[source]]\nid = "read-once"\ntitle = "T"\npublisher = "P"\nkind = "notes"\n'
        f'url = "https://example.org/t"\naccessed = "{accessed}"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load(mine)
    assert any("'accessed' must be a day" in p.message for p in info.value.problems)
