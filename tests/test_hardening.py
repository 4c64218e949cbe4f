"""Hostile input, round two (issue 25): resources bounded by the records, FIFOs and devices
refused before they are opened, caps on what is read, one escaping rule for every JSON and
every terminal. Each test failed before its fix."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

Run = Callable[..., Result]

SOURCE = '[[source]]\nid = "s"\ntitle = "t"\npublisher = "p"\nkind = "notes"\n\n'


def event(rid: str, when: str, title: str = "A record", extra: str = "") -> str:
    return (
        f'[[event]]\nid = "{rid}"\ndate = "{when}"\ntitle = "{title}"\nfields = ["diplomacy"]\n'
        f'sources = ["s"]\n{extra}\n'
    )


def azma_process(
    *args: str, cpu_seconds: int | None = None, memory: int | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """The real `python -m azma` (no cache), optionally under a CPU-time or address-space limit
    (the fault a limit shows is a run that never ends or takes all memory)."""
    env = {**os.environ, "AZMA_NO_CACHE": "1", "COLUMNS": "100", **kwargs.pop("env", {})}
    env.pop("AZMA_DATA", None)

    def limit() -> None:
        if cpu_seconds is not None:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "azma", *args],
        env=env,
        capture_output="stdout" not in kwargs and "stderr" not in kwargs,
        check=False,
        preexec_fn=limit,
        **kwargs,
    )


def user_file(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- item 7


def test_a_far_date_does_not_make_the_page_draw_every_year(cli: Run, tmp_path: Path) -> None:
    """One record 100,000 years out drew 98,000 bars and 98,000 tick lines (a record at
    Y10000000 took 52 s and 8.6 GB): the page's work is bounded by the records, not the span."""
    mine = user_file(tmp_path, SOURCE + event("far", "Y100000", "Far future"))
    result = cli("--data", str(mine), "export", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    records = page.count('<a class="marker"')
    assert 0 < page.count("<rect data-year=") <= records
    assert page.count("<line ") <= 100
    assert "Far future" in page and len(page) < 500_000


# ----------------------------------------------------------------------------- item 5

BAD = "\\u009b31m\\u007f\\u202eevil\\u2028"  # CSI (8-bit), DEL, RLO, LINE SEPARATOR, as TOML escapes
HOSTILE_JSON = f"""
[[source]]
id = "bad-source"
title = "Title {BAD}"
publisher = "Publisher {BAD}"
kind = "notes"
date = "2020-01-02"
url = "https://example.org/{BAD}"

[[actor]]
id = "bad-one"
name = "One {BAD}"
type = "person"
sources = ["bad-source"]
aliases = ["Alias {BAD}"]

[[actor]]
id = "bad-two"
name = "Two {BAD}"
type = "institution"
sources = ["bad-source"]

[[place]]
id = "bad-place"
name = "Place {BAD}"
country = "Morocco"
aliases = ["Town {BAD}"]

[[event]]
id = "bad-event"
date = "2020-01-02"
title = "Event {BAD}"
summary = "Summary {BAD}"
fields = ["diplomacy"]
actors = ["bad-one", "bad-two"]
places = ["bad-place"]
sources = ["bad-source"]
"""
# what --format json writes as \u escapes: C0 but newline and tab, DEL, C1, direction controls
RAW_IN_JSON = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


@pytest.mark.parametrize(
    "args",
    [
        ["sources", "--format", "csl-json"],
        ["show", "bad-source", "--cite", "--format", "csl-json"],
        ["show", "bad-event", "--format", "json"],
        ["network", "--format", "node-link"],
        ["export", "timelinejs"],
        ["export", "html"],
    ],
)
def test_every_json_azma_writes_escapes_what_a_terminal_acts_on(
    cli: Run, tmp_path: Path, args: list[str]
) -> None:
    """CSL-JSON, node-link JSON and the page's embedded JSON wrote C1 controls, DEL and bidi
    overrides raw, where --format json writes `\\u009b`: one rule for every JSON azma writes."""
    result = cli("--data", str(user_file(tmp_path, HOSTILE_JSON)), *args)
    assert result.exit_code == 0, result.output
    if args[-1] == "html":
        found = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', result.stdout, re.S)
        assert found
        documents = found
    else:
        documents = [result.stdout]
    for text in documents:
        raw = RAW_IN_JSON.search(text)
        assert raw is None, f"raw {raw[0]!r} in {text[max(0, raw.start() - 40) : raw.end() + 20]!r}"
        assert "\\u" in text  # escaped, not dropped
        json.loads(text)


# ----------------------------------------------------------------------------- item 4

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def own_record(tmp_path: Path, title_toml: str, records: str) -> Path:
    """A record of one's own (--no-bundled): the fixture vocabulary, a [dataset] titled
    `title_toml` (a TOML basic string's contents) and `records`."""
    folder = tmp_path / "own"
    folder.mkdir()
    vocabulary = (FIXTURES / "bundled" / "vocabulary.toml").read_text(encoding="utf-8")
    (folder / "vocabulary.toml").write_text(vocabulary, encoding="utf-8")
    (folder / "dataset.toml").write_text(
        f'[dataset]\ntitle = "{title_toml}"\ncountries = ["A", "B"]\n', encoding="utf-8"
    )
    (folder / "records.toml").write_text(records, encoding="utf-8")
    return folder


def test_the_calendar_name_is_escaped_like_every_other_text(cli: Run, tmp_path: Path) -> None:
    """X-WR-CALNAME carried the [dataset] title raw: ESC/OSC to a terminal, and a lone CR that a
    reader splitting on CR takes for a new line (an injected BEGIN:VEVENT)."""
    title = "Cal\\u001b]0;pwned\\u0007\\rBEGIN:VEVENT\\u009b"
    folder = own_record(tmp_path, title, SOURCE + event("day", "2020-05-06"))
    result = cli("--no-bundled", "--data", str(folder), "export", "ics")
    assert result.exit_code == 0, result.output
    calendar = result.stdout_bytes.decode("utf-8").replace("\r\n", "\n")
    assert RAW_IN_JSON.search(calendar) is None  # no lone CR, no ESC, no 8-bit control
    lines = calendar.replace("\n ", "").split("\n")  # unfolded
    (name,) = [line for line in lines if line.startswith("X-WR-CALNAME")]
    assert name == "X-WR-CALNAME:Cal\\x1b]0;pwned\\x07\\x0dBEGIN:VEVENT\\x9b"
    assert lines.count("BEGIN:VEVENT") == 1


# ----------------------------------------------------------------------------- item 6

SEPARATORS = "one\\u2028two\\u2029three"  # LINE and PARAGRAPH SEPARATOR, as TOML escapes


@pytest.mark.parametrize("columns", ["200", "60"])  # a table; cards on a narrow terminal
@pytest.mark.parametrize("fmt", ["table", "plain", "csv", "tsv"])
def test_line_and_paragraph_separators_never_reach_a_terminal_raw(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, columns: str
) -> None:
    """U+2028 and U+2029 start a new line in some terminals: they were written raw in tables,
    cards, plain text and CSV/TSV cells."""
    from azma.terminal import Terminal

    at_terminal = Terminal(is_tty=True, width=int(columns), color=False, encoding="utf-8", stderr_tty=True)
    monkeypatch.setattr(Terminal, "detect", classmethod(lambda cls, *a, **k: at_terminal))
    mine = user_file(tmp_path, SOURCE + event("sep", "2020-05-06", f"Title {SEPARATORS}"))
    for args in (["timeline", "--format", fmt], ["show", "sep"]):
        result = cli("--data", str(mine), *args)
        assert result.exit_code == 0, result.output
        assert "\u2028" not in result.output and "\u2029" not in result.output
        assert "three" in result.stdout  # shown (as a space or an escape), not dropped


def test_line_and_paragraph_separators_in_messages_are_escaped(cli: Run, tmp_path: Path) -> None:
    mine = user_file(tmp_path, SOURCE + event("sep", "2020-05-06").replace('"diplomacy"', f'"{SEPARATORS}"'))
    result = cli("validate", str(mine))
    assert result.exit_code == 1
    assert "\u2028" not in result.output and "\u2029" not in result.output
    assert "unknown field 'one\\u2028two\\u2029three'" in result.output


# ----------------------------------------------------------------------------- item 8


def test_validate_is_linear_in_the_unknown_keys_of_one_record(tmp_path: Path) -> None:
    """Each problem scanned the record's lines from its header: 20,000 unknown keys took 48 s
    of CPU. Under a CPU limit of 15 s the run now ends, with every key reported at its line."""
    keys = 20_000
    text = SOURCE + event("many", "2020-05-06") + "".join(f"k{n} = 1\n" for n in range(keys))
    mine = user_file(tmp_path, text)
    done = azma_process("validate", str(mine), "--format", "json", cpu_seconds=15)
    assert done.returncode == 1, done.stderr[-500:]
    problems = json.loads(done.stdout)
    unknown = [p for p in problems if p["message"].startswith("unknown key")]
    assert len(unknown) == keys
    first_line = text.count("\n", 0, text.index("k0 = 1")) + 1
    assert [p["line"] for p in unknown[:3]] == [first_line, first_line + 1, first_line + 2]
    assert unknown[-1]["line"] == first_line + keys - 1


# ----------------------------------------------------------------------------- items 9 and 10


def test_a_fifo_in_a_data_folder_is_not_opened(tmp_path: Path) -> None:
    """A FIFO named *.toml in a data folder hung every command, validate included (opening it
    waits for a writer): a folder lists regular files only."""
    folder = tmp_path / "folder"
    folder.mkdir()
    user_file(folder, SOURCE + event("mine", "2020-05-06"), "records.toml")
    os.mkfifo(folder / "stuck.toml")
    for args in (["validate"], ["timeline", "--format", "json"]):
        done = azma_process("--data", str(folder), *args, timeout=60)
        assert done.returncode == 0, done.stderr
    assert b'"mine"' in done.stdout


@pytest.mark.parametrize(
    ("target", "says"), [("fifo", "is a pipe (FIFO), not a file"), ("/dev/zero", "is a device")]
)
def test_add_to_a_fifo_or_a_device_is_refused_before_reading(tmp_path: Path, target: str, says: str) -> None:
    """`add --to FIFO` waited for a writer forever; `add --to /dev/zero` read until memory ran
    out (a MemoryError traceback under a 1 GiB limit)."""
    if target == "fifo":
        target = str(tmp_path / "records.toml")
        os.mkfifo(target)
    mine = user_file(tmp_path, SOURCE)
    args = ["--data", str(mine), "add", "event", "--title", "T", "--date", "2020", "--field", "diplomacy"]
    done = azma_process(*args, "--source", "s", "--to", target, timeout=60, memory=1 << 30)
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().startswith(f"azma: --to {target}: {says}")
    assert b"Traceback" not in done.stderr


def test_a_data_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A huge data file was read whole before any check (a MemoryError traceback under a 1 GiB
    limit): one larger than azma reads is refused from its size, before a byte is read."""
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as handle:
        handle.truncate((1 << 30) + (1 << 20))  # sparse: no disk is used
    done = azma_process("--data", str(huge), "validate", memory=1 << 30)
    assert done.returncode == 1, done.stderr
    assert f"{huge}: is 1,025 MiB, larger than the 1,024 MiB azma reads; split it".encode() in done.stdout
    assert b"Traceback" not in done.stderr


def test_a_data_file_larger_than_the_memory_left_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes((b"# " + b"x" * 97 + b"\n") * 1_500_000)  # 150 MB of comments
    done = azma_process("--data", str(big), "validate", memory=300 << 20)
    assert done.returncode == 1, done.stderr
    assert f"{big}: is too large (143 MiB) for the memory available".encode() in done.stdout
    assert b"Traceback" not in done.stderr


# ----------------------------------------------------------------------------- items 11 and 17


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.delenv("AZMA_NO_CACHE", raising=False)
    monkeypatch.setenv("AZMA_CACHE_DIR", str(folder))
    return folder / "azma-cache"


def test_a_corrupt_cache_header_is_rejected_before_anything_is_unmarshalled(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nine bad bytes in an entry's header asked marshal for a list of 2**31 items: about
    16 GiB and 30-47 s before the entry was rejected. The header's size and checksum are now
    checked first, so marshal never sees it."""
    import marshal

    import azma.cache.store
    import azma.load

    mine = user_file(tmp_path, SOURCE + event("cached", "2020-05-06"))
    fresh = azma.load.load_dataset([mine])
    (entry,) = cache_folder.glob("data-*.marshal")
    blob = bytearray(entry.read_bytes())
    header = re.search(rb"[\x29\xa9]\x03[\x69\xe9]", bytes(blob))  # (FORMAT, key, frames)
    assert header is not None
    blob[header.start() : header.start() + 9] = b"[\xff\xff\xff\x7f" + b"NNNN"  # a list of 2**31 - 1
    entry.write_bytes(bytes(blob))
    asked: list[bytes] = []

    def loads(data: bytes) -> object:
        asked.append(bytes(data[:5]))
        if bytes(data[:5]) == b"[\xff\xff\xff\x7f":
            raise MemoryError  # what the real one ends in, after allocating 16 GiB
        return marshal.loads(data)

    monkeypatch.setattr(azma.cache.store.marshal, "loads", loads)
    assert azma.load.load_dataset([mine]) == fresh  # rebuilt
    assert b"[\xff\xff\xff\x7f" not in asked


def test_the_cache_prunes_only_entries_azma_wrote(cache_folder: Path, tmp_path: Path) -> None:
    """A folder named azma-cache holding a CACHEDIR.TAG lost every *-*.marshal file in it, not
    only azma's entries: entries begin with azma's mark, and only those are pruned."""
    import azma.cache
    import azma.load

    cache_folder.mkdir(parents=True)
    (cache_folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    theirs = {"notes-1.marshal": b"a user's notes", "data-0123456789abcdef.marshal": b"\x00" * 64}
    for name, content in theirs.items():
        (cache_folder / name).write_bytes(content)
    import marshal

    header = marshal.dumps((6, repr(["0.2.0", "3.11"]), ((1, 0),)))  # azma's previous format
    old = cache_folder / "data-fedcba9876543210.marshal"
    old.write_bytes(len(header).to_bytes(4, "little") + header + b"N")
    mine = tmp_path / "mine.toml"
    for n in range(azma.cache.KEEP["data"] + 2):
        mine.write_text(SOURCE + event("cached", "2020-05-06", f"Title {n}"), encoding="utf-8")
        assert azma.load.load_dataset([mine]).events[-1].title == f"Title {n}"
    for name, content in theirs.items():
        assert (cache_folder / name).read_bytes() == content
    assert not old.exists()  # an entry azma wrote before this format is pruned too
    ours = [p for p in cache_folder.glob("data-*.marshal") if p.name not in theirs]
    assert len(ours) == azma.cache.KEEP["data"]  # still bounded


# ----------------------------------------------------------------------------- item 12


class CountedTuple(tuple):  # type: ignore[type-arg]
    """A dataset table that counts how often it is walked."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        CountedTuple.walks += 1
        return super().__iter__()


@pytest.mark.parametrize("name", ["ics", "timelinejs", "markdown", "html"])
def test_exports_index_the_records_once(load: Callable[..., Any], tmp_path: Path, name: str) -> None:
    """sources_of, agreement_stages, place_name and actor_name scanned or rebuilt a dict of a
    whole table per entry: at 10,000 events and sources `export ics` took 30 s against 1.2 s
    for `timeline --format json`. An export walks each table a bounded number of times,
    whatever the number of records (`python benchmarks/scale.py --exports` shows the times)."""
    from datetime import date

    from azma.formats import find
    from azma.formats.listing import ExportOptions
    from azma.query import select_for_export

    events = 60
    text = "".join(
        f'[[source]]\nid = "s{n}"\ntitle = "Source {n}"\npublisher = "p"\nkind = "notes"\n\n'
        for n in range(events)
    )
    text += "".join(
        event(f"e{n}", f"2020-05-{n % 28 + 1:02d}").replace('sources = ["s"]', f'sources = ["s{n}"]')
        for n in range(events)
    )
    dataset = load(user_file(tmp_path, text))
    tables = ("sources", "actors", "places", "agreements")
    counted = dataset._replace(**{t: CountedTuple(getattr(dataset, t)) for t in tables})
    selection = select_for_export(counted)
    export = find(name, "export").load()
    CountedTuple.walks = 0
    export(selection, ExportOptions(include_imprecise=True, today=date(2026, 3, 1)))
    assert CountedTuple.walks <= 4 * len(tables)  # was one walk or more per record


# ----------------------------------------------------------------------------- item 15


@pytest.mark.parametrize("args", [["stats"], ["stats", "--by", "field", "--per", "month"]])
def test_a_record_on_the_last_day_is_counted_not_a_usage_error(
    cli: Run, tmp_path: Path, args: list[str]
) -> None:
    """A record dated 9999-12-31, which loads like any other, made plain `azma stats` a usage
    error (exit 2) blaming a --per nobody gave: 8,000 years are more periods than are listed
    one by one, so only the periods that hold records are, and a note says so."""
    mine = user_file(tmp_path, SOURCE + event("last-day", "9999-12-31", "The last day"))
    result = cli("--data", str(mine), *args)
    assert result.exit_code == 0, result.output
    assert "9999" in result.stdout
    assert "only the" in result.stderr and "that hold records are listed" in result.stderr
    assert len(result.stdout.splitlines()) < 1000  # not one row for each empty period


# ----------------------------------------------------------------------------- item 14


def test_a_file_name_that_is_not_utf8_is_shown_not_fatal(tmp_path: Path) -> None:
    """One non-UTF-8 file name in a data folder made `validate` exit 3 and print none of its
    problems, and its own hint (--format json) failed the same way."""
    folder = tmp_path / "folder"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"caf\xe9.toml")
    with open(name, "w", encoding="utf-8") as handle:
        handle.write('[[event]]\nid = "x"\n')
    done = azma_process("--data", str(folder), "validate")
    assert done.returncode == 1, done.stderr
    assert f"{folder}/caf\\xe9.toml:1 [x]: missing required key 'title'".encode() in done.stdout
    done = azma_process("--data", str(folder), "validate", "--format", "json")
    assert done.returncode == 1, done.stderr
    problems = json.loads(done.stdout)
    assert {p["file"] for p in problems} == {os.fsdecode(name)}  # the name itself, losslessly
    assert b"\\udce9" in done.stdout


# ----------------------------------------------------------------------------- item 16


@pytest.mark.parametrize("length", [250, 255])
def test_an_output_file_name_of_up_to_255_characters_is_written(
    cli: Run, tmp_path: Path, length: int
) -> None:
    """A legal file name of 250-255 characters failed with exit 3: the temporary name beside it
    (`.NAME.XXXXXXXX.tmp`) was longer than a file name may be."""
    target = tmp_path / ("r" * (length - 3) + ".md")
    result = cli("export", "markdown", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
    result = cli("export", "markdown", "-o", str(target), "--force")  # replacing it too
    assert result.exit_code == 0, result.output


# ----------------------------------------------------------------------------- item 18


def test_the_coverage_note_comes_after_the_write(tmp_path: Path) -> None:
    """`export ics|timelinejs` said what they left out before writing: a closed pipe (documented
    as silent) or a failed write still showed it."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader went away before anything was written
    try:
        done = azma_process("export", "ics", stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, b"")
    done = azma_process("export", "timelinejs", "-o", "/dev/full", "--force")
    assert done.returncode == 3
    assert done.stderr.decode().splitlines() == ["azma: cannot write /dev/full: No space left on device"]
    done = azma_process("export", "ics")
    assert done.returncode == 0 and b"records written; left out:" in done.stderr  # still said


def problems(cli: Run, path: Path) -> list[str]:
    result = cli("validate", str(path))
    assert result.exit_code == 1, result.output
    return [line.split(": ", 1)[1] for line in result.stdout.splitlines()]


def test_events_that_are_part_of_each_other_are_a_problem(cli: Run, tmp_path: Path) -> None:
    text = SOURCE + "".join(
        event(rid, "2020", extra=f'part_of = "{parent}"')
        for rid, parent in [("a", "b"), ("b", "c"), ("c", "a")]
    )
    text += event("d", "2020", extra='part_of = "a"')  # part of the circle, not in it
    found = problems(cli, user_file(tmp_path, text))
    assert found == [
        "'part_of' goes round in a circle: 'a' -> 'b' -> 'c' -> 'a' "
        "(an event cannot be part of an event that is part of it)"
    ]


def test_a_record_without_an_id_is_never_year_none(cli: Run, tmp_path: Path) -> None:
    text = SOURCE + event("x", "2020").replace('id = "x"\n', "").replace('"diplomacy"', '"nonsense"')
    result = cli("validate", str(user_file(tmp_path, text)))
    assert result.exit_code == 1
    assert "None" not in result.stdout
    assert "unknown field 'nonsense' in 'fields'" in result.stdout


def test_a_fine_value_of_the_wrong_shape_is_told_how_to_write_it(cli: Run, tmp_path: Path) -> None:
    """'must be a string, not a list' where the one value in the list was fine."""
    text = (
        SOURCE
        + event("x", "2020", extra='part_of = ["y"]')
        + event("y", "2020").replace('sources = ["s"]', 'sources = "s"')
    )
    assert problems(cli, user_file(tmp_path, text)) == [
        """'part_of' takes one string, not a list: write "y", without the brackets""",
        """'sources' takes a list of strings: write ["s"]""",
    ]


def test_a_fifo_named_on_purpose_is_waited_for_with_a_note(
    load: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--data FIFO` is read as `cat` would read it, waiting for its writer, and says so at a
    terminal instead of hanging in silence. The writer here writes only once the note is given."""
    import threading

    import azma.files

    fifo = tmp_path / "late.toml"
    os.mkfifo(fifo)
    noted = threading.Event()
    said: list[str] = []

    def note(message: str, terminal: object = None) -> None:
        said.append(message)
        noted.set()

    def writer() -> None:
        noted.wait(60)
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write(SOURCE + event("late", "2020-05-06"))

    monkeypatch.setattr(azma.files, "note", note)
    threading.Thread(target=writer, daemon=True).start()
    assert "late" in {e.id for e in load(fifo).events}
    assert said == [f"waiting for something to write to the pipe {fifo} (Ctrl-C stops)"]
