"""No input crashes azma: hostile user files, hostile outputs, and generated data and options."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import examples, scaled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

import azma.load
from azma.dates import parse_edtf
from azma.errors import UsageError
from azma.model import Dataset
from azma.query import FilterOptions, make_filters, search, select_agreements, select_timeline, trade_series
from azma.query.timeline import agreement_dates

Run = Callable[..., Result]


def azma_process(
    *args: str, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run the real `python -m azma` (bundled data, no cache) in a subprocess."""
    full_env = {**os.environ, "AZMA_NO_CACHE": "1", "COLUMNS": "100", **(env or {})}
    full_env.pop("AZMA_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "azma", *args], env=full_env, capture_output=True, check=False, **kwargs
    )


# ----------------------------------------------------------------------------- the console script


@pytest.mark.parametrize(
    ("args", "code"), [(["timeline", "--format", "json"], 0), (["timeline", "--since", "2019-02-30"], 2)]
)
def test_the_console_script_keeps_every_byte_and_the_exit_code(args: list[str], code: int) -> None:
    """`run` (the console script and `python -m azma`) leaves without interpreter teardown:
    what `main` writes and the code it exits with come out whole all the same."""
    ran = azma_process(*args)
    script = f"import sys; sys.argv = ['azma', *{args!r}]; from azma.__main__ import main; main()"
    env = {**os.environ, "AZMA_NO_CACHE": "1", "COLUMNS": "100"}
    env.pop("AZMA_DATA", None)
    called = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=False)
    assert (ran.returncode, ran.stdout, ran.stderr) == (code, called.stdout, called.stderr)
    assert called.returncode == code
    assert (ran.stdout if code == 0 else ran.stderr).strip()


def test_the_console_script_prints_a_message_exit() -> None:
    """sys.exit("text") inside main: the text on stderr and exit 1, as Python itself does."""
    script = "import sys, azma.__main__ as m; m.main = lambda: sys.exit('went wrong'); m.run()"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "went wrong\n")


# ----------------------------------------------------------------------------- hostile outputs


def test_a_closed_pipe_ends_the_run_quietly() -> None:
    """stdout is a pipe whose reader has gone: exit 141 and nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "azma", "timeline", "--format", "json"], stdout=write_end,
                                stderr=subprocess.PIPE, env={**os.environ, "AZMA_NO_CACHE": "1"}, check=False)  # fmt: skip
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == b""


@pytest.mark.parametrize(
    ("args", "extra_events"),
    [(["timeline", "--format", "plain"], 1_000), (["timeline", "--format", "json"], 0),
     (["timeline", "--format", "jsonl"], 3_000), (["timeline", "--format", "csv"], scaled(30_000)),
     (["export", "markdown"], 3_000)],
)  # fmt: skip
def test_a_pipe_closed_after_part_of_the_answer_ends_quietly(
    tmp_path: Path, args: list[str], extra_events: int
) -> None:
    """The reader takes 100 bytes and goes (`| head -c 100`): exit 141, nothing on stderr, at
    answers from 200 KB to 30 MB (3 MB in the quick run; a pipe holds 64 KiB, so the write fails
    part-way or at once)."""
    env = {**os.environ, "AZMA_NO_CACHE": "1"}
    env.pop("AZMA_DATA", None)
    if extra_events:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
        from generate import write

        env["AZMA_DATA"] = str(write(tmp_path / "big.toml", extra_events))
    reader = subprocess.Popen([sys.executable, "-m", "azma", *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env)  # fmt: skip
    assert reader.stdout is not None and reader.stderr is not None
    head = reader.stdout.read(100)
    reader.stdout.close()
    stderr = reader.stderr.read()
    assert (reader.wait(), stderr) == (141, b"")
    assert len(head) == 100


def _mount_full_tmpfs(folder: Path) -> bool:
    """A 64 KiB tmpfs at `folder` (root only); False where mounting is not allowed."""
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                          capture_output=True, check=False)  # fmt: skip
    return done.returncode == 0


@pytest.mark.parametrize("fmt", ["json", "table", "csv"])
def test_stdout_on_a_full_file_system_is_exit_3(tmp_path: Path, fmt: str) -> None:
    """`azma timeline > full/out` on a full disk: exit 3 and one line, never exit 0 with a cut answer.
    On a 64 KiB tmpfs when this runs as root, else on /dev/full."""
    folder = tmp_path / "full"
    mounted = _mount_full_tmpfs(folder)
    try:
        target = folder / "out.txt" if mounted else Path("/dev/full")
        if mounted:  # the disk is nearly full already: a one-line table fills the rest
            target.write_bytes(b"\n" * 60 * 1024)
        with open(target, "ab") as out:
            result = subprocess.run([sys.executable, "-m", "azma", "timeline", "--format", fmt], stdout=out,
                                    stderr=subprocess.PIPE, env={**os.environ, "AZMA_NO_CACHE": "1"}, check=False)  # fmt: skip
        assert result.returncode == 3
        assert result.stderr.decode() == "azma: cannot write the output: No space left on device\n"
        if mounted:
            assert target.stat().st_size == 64 * 1024  # what fitted: the shell made the file, not azma
            exported = subprocess.run([sys.executable, "-m", "azma", "export", "markdown", "-o", str(folder / "r.md")],
                                      capture_output=True, env={**os.environ, "AZMA_NO_CACHE": "1"}, check=False)  # fmt: skip
            assert exported.returncode == 3
            assert exported.stderr.decode().startswith(f"azma: cannot write {folder / 'r.md'}: No space left")
            assert sorted(p.name for p in folder.iterdir()) == ["out.txt"]  # no half file, no temporary
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="this system has no /dev/full")
@pytest.mark.parametrize("fmt", ["plain", "json", "table"])
def test_a_full_disk_is_one_clear_line(fmt: str) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "azma", "timeline", "--format", fmt], stdout=full,
                                stderr=subprocess.PIPE, env={**os.environ, "AZMA_NO_CACHE": "1"}, check=False)  # fmt: skip
    assert result.returncode == 3
    assert result.stderr.decode().strip() == "azma: cannot write the output: No space left on device"


@pytest.mark.parametrize("columns", ["100000000000", "9" * 5000])
def test_an_absurd_terminal_width_is_capped_at_1000(columns: str) -> None:
    """COLUMNS (and LINES) far past any screen: bars and tables at most 1000 columns, no crash
    (a 5000-digit number is more than int() reads, in azma and in Rich)."""
    env = {"COLUMNS": columns, "LINES": columns}
    table = azma_process("trade", "--chart", "--format", "table", env=env)
    piped = azma_process("trade", "--chart", env=env)  # the chart goes to stderr
    for result, text in ((table, table.stdout), (piped, piped.stderr)):
        assert result.returncode == 0, result.stderr
        lines = text.decode().splitlines()
        assert max(len(line) for line in lines) == 1000  # the longest bar fills the capped width
        assert any("█" * 500 in line for line in lines)


@pytest.mark.parametrize(
    ("args", "code", "stdout"),
    [(["timeline", "--limit", "abc"], 2, b""), (["--data", "/no/such.toml", "timeline"], 1, b""),
     (["show", "no-such-record"], 1, b""), (["timeline", "--limit", "1", "--format", "jsonl"], 0, b'{"id": ')],
)  # fmt: skip
def test_a_closed_stderr_keeps_the_exit_code(args: list[str], code: int, stdout: bytes) -> None:
    """`azma ... 2>&-`: messages go nowhere, the exit code and stdout stay what they are."""
    import shlex

    env = {**os.environ, "AZMA_NO_CACHE": "1"}
    env.pop("AZMA_DATA", None)
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "azma", *args])
    result = subprocess.run(["sh", "-c", f"{command} 2>&-"], capture_output=True, env=env, check=False)
    assert (result.returncode, result.stderr) == (code, b"")
    assert result.stdout.startswith(stdout) and (stdout or result.stdout == b"")


def test_an_ascii_terminal_gets_escaped_json_and_a_clear_error_for_text() -> None:
    as_json = azma_process("timeline", "--format", "json", env={"PYTHONIOENCODING": "ascii"})
    assert as_json.returncode == 0
    assert as_json.stdout.isascii()
    assert any(
        "–" in r["title"] or "ə" in json.dumps(r, ensure_ascii=False) for r in json.loads(as_json.stdout)
    )
    as_text = azma_process("timeline", env={"PYTHONIOENCODING": "ascii"})
    assert as_text.returncode == 3
    assert as_text.stdout == b""  # nothing half-printed
    message = as_text.stderr.decode("ascii").strip()
    assert (
        message.startswith("azma: the output encoding 'ascii' cannot show U+")
        and "PYTHONIOENCODING=utf-8" in message
    )


@pytest.mark.parametrize("columns", ["20", "35", "59"])
@pytest.mark.parametrize(
    "command", [["timeline"], ["agreements"], ["trade", "--chart"], ["search", "rabat"], ["fields"]]
)
def test_narrow_terminals_still_get_every_record(cli: Run, command: list[str], columns: str) -> None:
    wide = cli(*command, "--format", "json", env={"COLUMNS": columns})
    narrow = cli(*command, "--format", "table", env={"COLUMNS": columns})
    assert narrow.exit_code == 0
    width = max(int(columns), 20)
    for line in narrow.stdout.splitlines():  # longer than the terminal only to keep one id whole
        assert len(line) <= width or len(line.split()) <= 2, line
    for row in json.loads(wide.stdout):
        if "turnover" in row:  # a trade row is shown by its year or period
            whole = [str(row["period"] or row["year"])]
        else:  # an interval may break after its '/'
            whole = [str(row["id"]), *str(row.get("date") or "").split("/")]
        for word in filter(None, whole):
            assert re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w-])", narrow.stdout), (word, columns)


# ----------------------------------------------------------------------------- hostile user files


def test_a_50_mb_user_file_gives_a_correct_answer(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with open(path, "w", encoding="utf-8") as out:
        out.write('[[event]]\nid = "big-file-event"\ndate = "2021-02-03"\ntitle = "From a big file"\n')
        out.write('fields = ["culture"]\nsources = ["src-news"]\n')
        line = "# " + "padding " * 12 + "\n"
        out.write(line * (50_000_000 // len(line)))
    assert path.stat().st_size >= 50_000_000
    result = cli("--data", str(path), "timeline", "--since", "2021", "--until", "2021", "--format", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["big-file-event"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"\xff\xfe\x00\x00", "binary file"),
        ("title = 'café'".encode("latin-1"), "not UTF-8"),
        (b"a = " + b"[" * 10_000 + b"]" * 10_000, "nested too deeply"),
        (b"[[event]]\nid = 'x'\n" * 2, "missing required key"),
    ],
)
def test_hostile_user_files(cli: Run, tmp_path: Path, content: bytes, message: str | None) -> None:
    path = tmp_path / "user.toml"
    path.write_bytes(content)
    result = cli("--data", str(path), "timeline", "--format", "json")
    if message is None:
        assert result.exit_code == 0 and json.loads(result.stdout)
    else:
        assert result.exit_code == 1
        assert message in result.stderr and str(path) in result.stderr
        assert result.stdout == ""


# ----------------------------------------------------------------------------- generated data

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda t: t.strip() != ""
)
_ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
_days = st.dates(
    min_value=__import__("datetime").date(1900, 1, 1), max_value=__import__("datetime").date(2100, 12, 31)
)


@st.composite
def _edtf(draw: st.DrawFn) -> str:
    day = draw(_days)
    precision = draw(st.sampled_from(["year", "month", "day", "interval"]))
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "day":
        return day.isoformat()
    other = draw(_days)
    first, last = sorted([day, other])
    return f"{first.isoformat()}/{last.isoformat()}"


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


@st.composite
def user_records(draw: st.DrawFn) -> list[dict[str, Any]]:
    ids = draw(st.lists(_ids, min_size=1, max_size=8, unique=True))
    records = []
    for record_id in ids:
        record: dict[str, Any] = {
            "id": "u-" + record_id,
            "title": draw(_text),
            "fields": draw(
                st.lists(
                    st.sampled_from(["culture", "defense", "trade", "military", "arts"]),
                    min_size=1,
                    max_size=3,
                )
            ),
            "sources": ["src-news"],
        }
        if draw(st.booleans()):
            record["date"] = draw(_edtf())
        if draw(st.booleans()):
            record["summary"] = draw(_text)
        records.append(record)
    return records


def _write(records: list[dict[str, Any]], path: Path) -> None:
    lines = []
    for record in records:
        lines.append("[[event]]")
        for key, value in record.items():
            if isinstance(value, list):
                lines.append(f"{key} = [{', '.join(_toml_string(v) for v in value)}]")
            else:
                lines.append(f"{key} = {_toml_string(value)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=user_records())
def test_generated_records_round_trip_through_the_loader(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "generated.toml"
    _write(records, path)
    loaded = {e.id: e for e in azma.load.load_dataset([path], use_cache=False).events}
    aliases = {"defense": "defence", "military": "defence", "arts": "culture"}
    for record in records:
        event = loaded[record["id"]]
        assert event.title == record["title"]
        assert event.summary == record.get("summary")
        assert (event.date.text if event.date else None) == record.get("date")
        assert event.fields == tuple(dict.fromkeys(aliases.get(f, f) for f in record["fields"]))
        assert event.kind == "event"


_option_values = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["2018", "2019-06", "March 2011", "culture",
                                                                            "defense", "signed", "Rabat", "-1", "9999"]))  # fmt: skip


@settings(max_examples=examples(200), deadline=None)
@given(
    since=_option_values, until=_option_values, field=st.lists(st.text(max_size=10), max_size=2),
    kind=st.lists(st.sampled_from(["visit", "signed", "protocol", "x", ""]), max_size=2),
    actor=_option_values, place=_option_values, text=_option_values,
    limit=st.one_of(st.none(), st.integers(-3, 50)), reverse=st.booleans(),
)  # fmt: skip
def test_filters_never_raise_anything_but_usage_errors(
    dataset: Dataset, since: str | None, until: str | None, field: list[str], kind: list[str],
    actor: str | None, place: str | None, text: str | None, limit: int | None, reverse: bool,
) -> None:  # fmt: skip
    for scope in ("timeline", "agreements"):
        try:
            query = make_filters(dataset, FilterOptions(since=since, until=until, field=field, kind=kind,  # type: ignore[arg-type]
                               actor=actor, place=place, text=text, limit=limit, reverse=reverse), scope)  # fmt: skip
        except UsageError as exc:
            assert exc.message
            continue
        chosen = select_timeline(dataset, query) if scope == "timeline" else select_agreements(dataset, query)
        assert limit is None or len(chosen) <= limit
        dates = [c.date for c in chosen if c.date is not None]
        for item in chosen:  # each is in the window by some reading of its dates (undated: no window)
            readings = item.dates if scope == "timeline" else agreement_dates(item)  # type: ignore[union-attr,arg-type]
            assert query.any_window(readings), item.id
        assert [d.sort_key for d in dates] == sorted((d.sort_key for d in dates), reverse=reverse)
        figures = trade_series(dataset, query)
        assert limit is None or len(figures) <= limit
        assert all(query.window(f.row.period or parse_edtf(str(f.row.year))) for f in figures)
        if text and text.strip():
            hits = search(dataset, text, query)
            assert limit is None or len(hits) <= limit
            assert all(query.window(h.date) for h in hits)


def _whole_words(command: str, row: dict[str, Any], header: list[str] | None = None) -> list[str]:
    """What must appear uncut in cards, or in a table whose `header` is given: ids, dates, and
    figures as tables print them (in a table, those of the columns it shows)."""
    shown = set(header) if header else {"Imports", "Exports", "Turnover", "Balance", "Δ%", "ID"}
    if command == "trade":
        figures = [
            f"{row[k]:,.2f}"
            for k in ("imports", "exports", "turnover", "balance")
            if row[k] is not None and k.capitalize() in shown
        ]
        change = row["turnover_change_pct"]
        return [
            str(row["period"] or row["year"]),
            *figures,
            *([f"{change:+,.1f}"] if change is not None and "Δ%" in shown else []),
        ]
    if command == "fields":
        return [row["id"], str(row["events"]), str(row["agreements"])]
    return [*([row["id"]] if "ID" in shown else []), *str(row.get("date") or "").split("/")]


@pytest.mark.parametrize("columns", range(50, 66))
@pytest.mark.parametrize("command", ["trade", "timeline", "fields", "agreements"])
def test_no_number_date_or_id_is_cut_at_50_to_65_columns(cli: Run, command: str, columns: int) -> None:
    """Below 60 columns records are cards, from 60 one-line tables; either way every figure,
    date and id shown is whole: never `201` for 2014 nor `4,587.1` for 4,587.13."""
    rows = json.loads(cli(command, "--format", "json").stdout)
    drawn = cli(command, "--format", "table", env={"COLUMNS": str(columns)})
    assert drawn.exit_code == 0
    text = drawn.stdout
    is_table = "\n────" in text
    assert is_table == (columns >= 60)  # cards below 60 columns, one-line tables from 60
    assert is_table or "…" not in text  # a table cuts titles; cards nothing
    header = text.splitlines()[0].split() if is_table else []
    for line in text.splitlines():
        assert len(line) <= columns or (not is_table and len(line.split()) <= 2), line
    for row in rows:
        for word in filter(None, _whole_words(command, row, header)):
            assert re.search(rf"(?<![\w.,-]){re.escape(word)}(?![\w,-]|\.\d)", text), (word, columns)


def test_fields_at_55_columns_are_readable(cli: Run) -> None:
    rows = json.loads(cli("fields", "--format", "json").stdout)
    text = cli("fields", "--format", "table", env={"COLUMNS": "55"}).stdout
    assert max(len(line) for line in text.splitlines()) <= 55
    for row in rows:  # every description whole, each word once at least, never split across lines
        assert all(word in text.split() for word in row["description"].split()), row["id"]
        assert f"Field: {row['id']}" in text or re.search(rf"│ {re.escape(row['id'])} ", text)
