"""The parse cache: keyed by every input, atomic, and never able to break a run."""

from __future__ import annotations

import copy
import marshal
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import azma.cache
import azma.cache.store
import azma.load
import azma.load.build
from azma.model import Dataset

USER = """
[[source]]
id = "note"
title = "A note"
publisher = "me"
kind = "notes"

[[event]]
id = "my-event"
date = "2020-05-06"
title = "My event"
fields = ["culture"]
sources = ["note"]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.delenv("AZMA_NO_CACHE", raising=False)
    monkeypatch.setenv("AZMA_CACHE_DIR", str(folder))
    return folder


def user_file(tmp_path: Path, text: str = USER) -> Path:
    path = tmp_path / "user.toml"
    path.write_text(text, encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    """The entries azma wrote: in its own subfolder of the cache directory."""
    return sorted((folder / azma.cache.store.SUBFOLDER).glob("*.marshal"))


def test_a_second_load_comes_from_the_cache(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path)
    first = azma.load.load_dataset([path])
    assert len(entries(cache_dir)) == 1

    def no_parse(files: object) -> Dataset:
        raise AssertionError("parsed again although the cache was fresh")

    monkeypatch.setattr(azma.load.build, "build_dataset", no_parse)
    assert azma.load.load_dataset([path]) == first


def test_an_edit_to_any_input_misses(cache_dir: Path, tmp_path: Path) -> None:
    path = user_file(tmp_path)
    azma.load.load_dataset([path])
    path.write_text(USER.replace("My event", "My edited event"), encoding="utf-8")
    edited = azma.load.load_dataset([path])
    assert edited.events[-1].title == "My edited event"


def test_a_new_azma_or_python_version_misses(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path)
    key = azma.cache.cache_key([path])
    monkeypatch.setattr(azma.cache, "__version__", "999.0")
    assert azma.cache.cache_key([path]) != key
    monkeypatch.undo()
    monkeypatch.setattr(sys, "version", sys.version + " (other build)")
    assert azma.cache.cache_key([path]) != key


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x00" * 100])
def test_a_corrupt_entry_is_rebuilt_silently(cache_dir: Path, tmp_path: Path, damage: bytes) -> None:
    path = user_file(tmp_path)
    good = azma.load.load_dataset([path])
    (entry,) = entries(cache_dir)
    entry.write_bytes(damage)
    assert azma.load.load_dataset([path]) == good
    assert entry.read_bytes() != damage  # rewritten


def test_a_truncated_entry_is_rebuilt(cache_dir: Path, tmp_path: Path) -> None:
    path = user_file(tmp_path)
    good = azma.load.load_dataset([path])
    (entry,) = entries(cache_dir)
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert azma.load.load_dataset([path]) == good


def test_an_unreadable_entry_is_ignored(cache_dir: Path, tmp_path: Path) -> None:
    """An entry that cannot be read (here a folder in its place, which even root cannot read)."""
    path = user_file(tmp_path)
    good = azma.load.load_dataset([path])
    (entry,) = entries(cache_dir)
    entry.unlink()
    entry.mkdir()
    assert azma.load.load_dataset([path]) == good


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.delenv("AZMA_NO_CACHE", raising=False)
    monkeypatch.setenv("AZMA_CACHE_DIR", str(blocker / "azma"))
    path = user_file(tmp_path)
    assert azma.load.load_dataset([path]).events[-1].id == "my-event"


def test_the_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert azma.cache.cache_dir(env) == str(tmp_path / "azma" / "azma-cache")
    assert azma.cache.cache_dir({"AZMA_CACHE_DIR": "/x"}) == "/x/azma-cache"
    assert azma.cache.cache_dir({"AZMA_NO_CACHE": "1", "AZMA_CACHE_DIR": "/x"}) is None


def test_a_flipped_byte_in_the_payload_is_detected(cache_dir: Path, tmp_path: Path) -> None:
    """A payload that still unmarshals after damage (a changed title) is caught by its checksum."""
    path = user_file(tmp_path)
    good = azma.load.load_dataset([path])
    (entry,) = entries(cache_dir)
    blob = entry.read_bytes()
    assert blob.count(b"My event") == 1
    entry.write_bytes(blob.replace(b"My event", b"My evenT"))
    assert azma.load.load_dataset([path]) == good
    assert b"My event" in entry.read_bytes()  # rebuilt and stored again


def test_a_fifo_in_place_of_an_entry_is_skipped_without_hanging(cache_dir: Path, tmp_path: Path) -> None:
    path = user_file(tmp_path)
    good = azma.load.load_dataset([path])
    (entry,) = entries(cache_dir)
    entry.unlink()
    os.mkfifo(entry)  # nobody writes to it: opening it for reading would block for ever
    done = subprocess.run(
        [sys.executable, "-c", "import azma.load, sys; print(azma.load.load_dataset([sys.argv[1]]).events[-1].id)", str(path)],
        env={**os.environ, "AZMA_CACHE_DIR": str(cache_dir)},
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == good.events[-1].id


def test_only_files_azma_made_are_ever_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """AZMA_CACHE_DIR=$PWD must not cost a user the *.marshal files already there."""
    monkeypatch.delenv("AZMA_NO_CACHE", raising=False)
    monkeypatch.setenv("AZMA_CACHE_DIR", str(tmp_path))
    mine = [tmp_path / "data-0000000000000000.marshal", tmp_path / "notes.marshal"]
    for own in mine:
        own.write_bytes(b"a user's file")
    made_by_user = tmp_path / "azma-cache"  # a folder of that name the user made: not azma's
    made_by_user.mkdir()
    (made_by_user / "data-1111111111111111.marshal").write_bytes(b"theirs")
    path = user_file(tmp_path)
    for i in range(azma.cache.KEEP["data"] + 2):
        path.write_text(USER.replace("My event", f"My event {i}"), encoding="utf-8")
        assert azma.load.load_dataset([path]).events[-1].title == f"My event {i}"
    assert all(own.read_bytes() == b"a user's file" for own in mine)
    assert (made_by_user / "data-1111111111111111.marshal").read_bytes() == b"theirs"
    assert sorted(p.name for p in made_by_user.iterdir()) == [
        "data-1111111111111111.marshal"
    ]  # nothing cached there


def test_two_processes_at_once_leave_a_valid_cache(cache_dir: Path, tmp_path: Path) -> None:
    """Writers race on the same entry: each writes a temporary file and renames it."""
    lines = "".join(
        f'[[event]]\nid = "e{i}"\ndate = "2001-01-{i % 28 + 1:02d}"\ntitle = "E {i}"\nfields = ["culture"]\nsources = ["note"]\n\n'
        for i in range(3000)
    )
    path = user_file(tmp_path, USER + lines)
    env = {**os.environ, "AZMA_CACHE_DIR": str(cache_dir), "COLUMNS": "100"}
    env.pop("AZMA_NO_CACHE", None)
    argv = [
        sys.executable,
        "-m",
        "azma",
        "--data",
        str(path),
        "timeline",
        "--since",
        "2001",
        "--format",
        "jsonl",
    ]
    procs = [
        subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)
    ]
    outputs = [p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outputs]
    assert len({out for out, _ in outputs}) == 1  # every process gave the same answer
    assert not list((cache_dir / "azma-cache").glob(".tmp-*"))  # no temporary file left behind
    again = subprocess.run(argv, env=env, capture_output=True, check=True)
    assert again.stdout == outputs[0][0]


def test_old_entries_are_pruned(cache_dir: Path, tmp_path: Path) -> None:
    path = user_file(tmp_path)
    azma.load.load_dataset([path])
    owned = cache_dir / azma.cache.store.SUBFOLDER
    # an entry of a kind azma no longer writes, as azma wrote it
    azma.cache.store.write_entry(str(owned / "answer-0123abcd.marshal"), "old key", "old answer")
    for i in range(azma.cache.KEEP["data"] + 3):
        path.write_text(USER.replace("My event", f"My event {i}"), encoding="utf-8")
        azma.load.load_dataset([path])
    assert len(list(owned.glob("data-*.marshal"))) == azma.cache.KEEP["data"]
    assert not (owned / "answer-0123abcd.marshal").exists()


@pytest.mark.parametrize("frame", ["first", "last"])
def test_a_large_entry_is_read_a_frame_at_a_time_and_a_bad_frame_drops_it_all(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frame: str
) -> None:
    """Records are stored in frames (FRAME_ROWS each) read one by one; damage in any frame,
    even after others were decoded, rebuilds the whole dataset rather than keep part of it."""
    monkeypatch.setattr(azma.cache, "FRAME_ROWS", 2)
    path = user_file(tmp_path)
    fresh = azma.load.load_dataset([path], use_cache=False)
    assert azma.load.load_dataset([path]) == fresh
    (entry,) = entries(cache_dir)
    key = azma.cache.cache_key(azma.load.unique_files([*azma.load.bundled_files(), str(path)]))
    frames = list(azma.cache.store.read_frames(str(entry), key))
    assert len(frames) > 6  # the head, then each table in frames of two records
    assert all(len(marshal.loads(rows)) <= 2 for _, rows in frames[1:])
    assert azma.load.load_dataset([path]) == fresh  # read back from the frames
    blob = bytearray(entry.read_bytes())
    target = b"My event" if frame == "last" else b"culture"  # an event (late) or a vocabulary term (head)
    at = blob.index(target) if frame == "first" else blob.rindex(target)
    blob[at] ^= 0x20
    entry.write_bytes(bytes(blob))
    built: list[int] = []
    real_build = azma.load.build.build_dataset
    monkeypatch.setattr(azma.load.build, "build_dataset", lambda files: built.append(1) or real_build(files))
    assert azma.load.load_dataset([path]) == fresh
    assert built == [1]


TABLES = ("sources", "actors", "places", "events", "agreements", "trade")


def test_a_cached_dataset_decodes_a_table_when_it_is_first_read(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`azma timeline` reads events and agreements: the sources and actors it never reads are
    never unmarshalled nor rebuilt as records."""
    path = user_file(tmp_path)
    fresh = azma.load.load_dataset([path], use_cache=False)
    azma.load.load_dataset([path])  # writes the entry
    unmarshalled: list[int] = []

    class Counting:
        @staticmethod
        def loads(data: bytes) -> object:
            unmarshalled.append(len(data))
            return marshal.loads(data)

    monkeypatch.setattr(azma.cache, "marshal", Counting)
    cached = azma.load.load_dataset([path])
    assert unmarshalled == []
    assert cached.events == fresh.events
    assert len(unmarshalled) == 1
    assert cached.events is cached.events and len(unmarshalled) == 1  # decoded once
    assert cached.agreements == fresh.agreements
    assert len(unmarshalled) == 2
    translated = cached._replace(events=(), agreements=())  # as a catalogue replaces texts
    assert translated.events == () and len(unmarshalled) == 2  # the sources stay undecoded
    assert translated.sources == fresh.sources and len(unmarshalled) == 3
    for table in TABLES:
        assert getattr(cached, table) == getattr(fresh, table)
    assert len(unmarshalled) == len(TABLES)  # each table once, the replaced copy's included


def test_a_cached_dataset_is_the_dataset_it_stands_for(cache_dir: Path) -> None:
    """Everything a Dataset offers gives the same answer read from the cache as freshly built:
    fields, tuple methods (which decode every table), repr, _replace, _asdict, copy and pickle."""
    files = azma.load.bundled_files()
    fresh = azma.load.load_dataset(files, use_cache=False)
    azma.load.load_dataset(files)
    cached = azma.load.load_dataset(files)
    assert type(cached) is not Dataset and isinstance(cached, Dataset)  # really from the cache
    assert cached == fresh and fresh == cached and not cached != fresh
    twin = azma.load.load_dataset(files)  # another read of the same entry, nothing decoded yet
    assert twin == cached and cached == twin and not twin != cached and cached + twin == fresh + fresh
    assert not cached < fresh and cached <= fresh and cached >= fresh
    assert list(cached) == list(fresh) and tuple(cached) == tuple(fresh)
    assert [cached[i] for i in range(-len(fresh), len(fresh))] == [
        fresh[i] for i in range(-len(fresh), len(fresh))
    ]
    assert cached[1:5] == fresh[1:5] and cached[::-1] == fresh[::-1]
    assert repr(cached) == repr(fresh)
    assert cached._asdict() == fresh._asdict()
    assert cached._fields == fresh._fields
    assert cached.count(fresh.events) == 1 and cached.index(fresh.events) == fresh.index(fresh.events)
    assert fresh.sources in cached and cached + () == fresh + ()
    replaced = cached._replace(trade=())
    assert replaced == fresh._replace(trade=()) and replaced.trade == ()
    with pytest.raises(ValueError, match="unexpected field names: \\['trades'\\]"):
        cached._replace(trades=())
    for twin in (pickle.loads(pickle.dumps(cached)), copy.copy(cached), copy.deepcopy(cached)):
        assert type(twin) is Dataset and twin == fresh
    for table in TABLES:
        assert getattr(cached, table) == getattr(fresh, table)
    with pytest.raises(TypeError):  # unhashable, as a Dataset is (its vocabularies hold dicts)
        hash(cached)


def test_a_table_that_does_not_decode_is_built_afresh(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file(tmp_path)
    fresh = azma.load.load_dataset([path], use_cache=False)
    azma.load.load_dataset([path])

    class Failing:
        @staticmethod
        def loads(data: bytes) -> object:
            raise ValueError("bad marshal data")

    built: list[int] = []
    real_build = azma.load.build.build_dataset
    monkeypatch.setattr(azma.load.build, "build_dataset", lambda files: built.append(1) or real_build(files))
    cached = azma.load.load_dataset([path])
    assert built == []
    monkeypatch.setattr(azma.cache, "marshal", Failing)
    assert cached.events == fresh.events
    assert built == [1]


def test_a_table_of_several_frames_is_decoded_as_it_is_read(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table of more than FRAME_ROWS records is decoded a frame at a time as the entry is read
    (its frames' bytes never all held at once: they would stay in the process's memory); a
    table of one frame waits until it is read."""
    monkeypatch.setattr(azma.cache, "FRAME_ROWS", 2)
    path = user_file(tmp_path)
    fresh = azma.load.load_dataset([path], use_cache=False)
    azma.load.load_dataset([path])
    cached = azma.load.load_dataset([path])
    sizes = {table: len(getattr(fresh, table)) for table in TABLES}
    assert any(n > 2 for n in sizes.values()) and any(0 < n <= 2 for n in sizes.values()), sizes
    for index, table in enumerate(TABLES, 1):
        held = tuple.__getitem__(cached, index)
        assert (type(held) is tuple) == (sizes[table] > 2), (table, sizes[table], type(held))
        assert getattr(cached, table) == getattr(fresh, table)
