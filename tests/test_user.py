"""Your own records: the user's folder, `azma add`, vocabulary from user files, `azma init` and
--no-bundled, on the fixture dataset (and, for prompting, a real pseudo-terminal)."""

from __future__ import annotations

import importlib.util
import json
import os
import pty
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from azma import commands, fastpath
from azma.cli import app
from azma.load import choose_files, user_data_home
from azma.terminal import Terminal
from tests.conftest import pythonpath

Run = Callable[..., Result]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOTES = FIXTURES / "user" / "notes.toml"


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty folder of one's own records (AZMA_DATA_HOME) for this test."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def rows(result: Result) -> list[dict[str, object]]:
    return list(json.loads(ok(result).stdout))


# ----------------------------------------------------------------------------- the user's folder


def test_the_folder_follows_azma_data_home_then_xdg() -> None:
    assert user_data_home({"AZMA_DATA_HOME": "/x/mine", "XDG_DATA_HOME": "/y"}) == "/x/mine"
    assert user_data_home({"XDG_DATA_HOME": "/y"}) == "/y/azma"
    assert user_data_home({"XDG_DATA_HOME": "relative"}) == str(Path("~/.local/share/azma").expanduser())
    assert user_data_home({}) == str(Path("~/.local/share/azma").expanduser())


def test_every_toml_in_the_folder_is_read_after_the_bundled_data(cli: Run, home: Path) -> None:
    (home / "b.toml").write_text(NOTES.read_text(encoding="utf-8"), encoding="utf-8")
    (home / "notes.txt").write_text("not read", encoding="utf-8")
    files = choose_files(
        environ={"AZMA_DATA_HOME": str(home), "AZMA_DATA": str(FIXTURES / "user" / "empty.toml")}
    )
    assert files.user == [
        str(home / "b.toml"),
        str(FIXTURES / "user" / "empty.toml"),
    ]  # the folder, then AZMA_DATA
    found = rows(cli("timeline", "--format", "json", env={"AZMA_DATA_HOME": str(home)}))
    assert "my-briefing-2025" in {r["id"] for r in found}


def test_an_id_clash_between_the_folder_and_data_names_both_files(cli: Run, home: Path) -> None:
    (home / "mine.toml").write_text(NOTES.read_text(encoding="utf-8"), encoding="utf-8")
    copy = home.parent / "copy.toml"
    copy.write_text(NOTES.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("--data", str(copy), "timeline", env={"AZMA_DATA_HOME": str(home)})
    assert result.exit_code == 1
    assert (
        f"{copy}:2 [my-notes]: duplicate id 'my-notes' (first defined in {home / 'mine.toml'}:2)"
        in result.stderr
    )


def test_data_takes_a_folder(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(NOTES.read_text(encoding="utf-8"), encoding="utf-8")
    found = rows(cli("--data", str(tmp_path), "sources", "--format", "json"))
    assert "my-notes" in {r["id"] for r in found}


def test_validate_names_the_user_files_at_a_terminal(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "mine.toml").write_text(NOTES.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("AZMA_DATA_HOME", str(home))
    state = commands.State()
    state._terminal = Terminal(stderr_tty=True)
    assert commands.validate(state) == 0
    err = capsys.readouterr().err
    assert f"azma: read {home / 'mine.toml'}\n" in err
    assert "valid: 3 bundled files and 1 user file read" in err


# ----------------------------------------------------------------------------- azma add


def test_add_validate_query_round_trip_for_each_record_type(cli: Run, home: Path) -> None:
    env = {"AZMA_DATA_HOME": str(home)}
    source = ok(cli("add", "source", "--title", "Notes from the embassy briefing", "--publisher", "me",
                    "--kind", "notes", "--date", "March 2025", env=env)).stdout.strip()  # fmt: skip
    assert source == "notes-from-the-embassy-briefing-2025"
    event = ok(cli("add", "event", "--title", "Embassy briefing on culture", "--date", "2025-03-12",
                   "--field", "cultural", "--source", source, "--place", "Marrakech", "--actor", "anna-example",
                   "--summary", 'A "quoted" summary', env=env)).stdout.strip()  # fmt: skip
    assert event == "embassy-briefing-on-culture-2025"
    agreement = ok(cli("add", "agreement", "--id", "tourism-memo", "--title", "Memorandum on tourism",
                       "--kind", "mou", "--status", "signed", "--signed", "2025-05-20",
                       "--milestone", "in force=2025-07", "--field", "economy", "--source", source,
                       env=env)).stdout.strip()  # fmt: skip
    assert agreement == "tourism-memo"
    assert "valid:" in ok(cli("validate", env=env)).stderr
    sources = {r["id"]: r for r in rows(cli("sources", "--format", "json", env=env))}
    assert sources[source]["date"] == "2025-03" and sources[source]["kind"] == "notes"
    timeline = {r["id"]: r for r in rows(cli("timeline", "--format", "json", env=env))}
    mine = timeline[event]
    assert (mine["date"], mine["fields"], mine["places"], mine["actors"], mine["sources"]) == (
        "2025-03-12",
        ["culture"],
        ["marrakesh"],
        ["anna-example"],
        [source],
    )
    assert mine["summary"] == 'A "quoted" summary'
    agreements = {r["id"]: r for r in rows(cli("agreements", "--format", "json", env=env))}
    memo = agreements["tourism-memo"]
    assert (memo["kind"], memo["status"], memo["parties"]) == (
        "memorandum",
        "signed",
        ["Azerbaijan", "Morocco"],
    )
    assert [(m["what"], m["date"]) for m in memo["milestones"]] == [
        ("signed", "2025-05-20"),
        ("in-force", "2025-07"),
    ]
    text = (home / "records.toml").read_text(encoding="utf-8")
    assert text.startswith("# Your own records, added with 'azma add'.")
    assert text.count("[[source]]") == text.count("[[event]]") == text.count("[[agreement]]") == 1


def test_a_duplicate_is_refused_naming_the_record_and_never_made_unique_silently(
    cli: Run, home: Path
) -> None:
    env = {"AZMA_DATA_HOME": str(home)}
    args = (
        "add",
        "event",
        "--title",
        "Talks",
        "--date",
        "2024-03",
        "--field",
        "diplomacy",
        "--source",
        "src-news",
    )
    assert ok(cli(*args, env=env)).stdout == "talks-2024\n"
    before = (home / "records.toml").read_bytes()
    again = cli("add", "event", "--title", " talks. ", "--date", "March 2024", "--field", "culture",
                "--source", "src-news", env=env)  # fmt: skip
    assert again.exit_code == 1 and again.stdout == ""
    assert again.stderr == (
        "azma: add event: 'talks-2024' is already in the data (the same title and date); nothing was written "
        "('azma show talks-2024' shows it; --id NEW-ID adds this one as a second record)\n"
    )
    assert (home / "records.toml").read_bytes() == before
    # a deliberate second record, and another one the same year: ids that say which is which
    assert ok(cli(*args, "--id", "talks-2024-second-round", env=env)).stdout == "talks-2024-second-round\n"
    later = (
        "add",
        "event",
        "--title",
        "Talks",
        "--date",
        "2024-11-02",
        "--field",
        "diplomacy",
        "--source",
        "src-news",
    )
    assert ok(cli(*later, env=env)).stdout == "talks-2024-11-02\n"
    third = cli("add", "event", "--title", "Talks", "--date", "2024-11-02/2024-11-03", "--field", "diplomacy",
                "--source", "src-news", "--dry-run", env=env)  # fmt: skip
    assert ok(third).stdout.startswith('[[event]]\nid = "talks-2024-11-02-2024-11-03"')
    # a bundled record is matched too, its date written in any form a query takes
    bundled = cli("add", "event", "--title", "Trade Talks", "--date", "5 March 2018", "--field", "trade",
                  "--source", "src-news", env=env)  # fmt: skip
    assert bundled.exit_code == 1 and "'trade-talks-2018' is already in the data" in bundled.stderr


def test_comments_and_layout_of_the_user_file_survive_an_add(cli: Run, home: Path) -> None:
    before = (
        "# My notes: kept by hand.\n\n"
        '[[source]]\nid = "my-notes"   # a trailing comment\ntitle = "Notes"\npublisher = "me"\nkind = "notes"\n\n'
        '# events below\n[[event]]\nid = "old-event"\ntitle = "Earlier"\nfields = [ "culture" ]\n'
        'sources = ["my-notes"]\n\n'
        '[[source]]  # a second source after the events\nid = "more-notes"\ntitle = "More"\n'
        'publisher = "me"\nkind = "notes"\n# the end'
    )
    path = home / "records.toml"
    path.write_text(before, encoding="utf-8")
    ok(cli("add", "event", "--title", "Later", "--field", "culture", "--source", "more-notes",
           env={"AZMA_DATA_HOME": str(home)}))  # fmt: skip
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before + "\n")
    assert (
        after[len(before) :]
        == '\n\n[[event]]\nid = "later"\ntitle = "Later"\nfields = ["culture"]\nsources = ["more-notes"]\n'
    )
    assert "later" in {r["id"] for r in rows(cli("--data", str(path), "timeline", "--format", "json"))}


def test_dry_run_prints_the_toml_and_writes_nothing(cli: Run, home: Path) -> None:
    result = ok(cli("add", "source", "--title", "A report", "--publisher", "Agency", "--kind", "newspaper",
                    "--url", "https://example.org/a", "--dry-run", env={"AZMA_DATA_HOME": str(home)}))  # fmt: skip
    assert result.stdout == (
        '[[source]]\nid = "a-report"\ntitle = "A report"\npublisher = "Agency"\nkind = "newspaper"\n'
        'url = "https://example.org/a"\n'
    )
    assert list(home.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--field", "cultre"], "azma: --field: unknown field 'cultre' (did you mean 'culture'?)"),
        (["--kind", "vist"], "azma: --kind: unknown event kind 'vist' (did you mean 'visit'?)"),
        (["--source", "src-newz"], "azma: --source: unknown source 'src-newz' (did you mean 'src-news'?)"),
        (["--date", "2019-02-30"], "azma: --date: "),
        (["--place", "Atlantis"], "azma: --place: unknown place 'Atlantis'"),
        (["--id", "Not An Id"], "azma: --id: 'Not An Id' is not a valid id"),
        (["--id", "src-news"], "azma: --id: 'src-news' is already used"),
    ],
)
def test_a_bad_value_is_one_line_and_nothing_is_written(
    cli: Run, home: Path, args: list[str], message: str
) -> None:
    base = {"--title": "T", "--field": "culture", "--source": "src-news"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    argv = [x for option, value in {**base, **given}.items() for x in (option, value)]
    result = cli("add", "event", *argv, env={"AZMA_DATA_HOME": str(home)})
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert result.stdout == "" and list(home.iterdir()) == []


def test_missing_values_outside_a_terminal_are_an_error(cli: Run, home: Path) -> None:
    result = cli("add", "agreement", "--title", "T", env={"AZMA_DATA_HOME": str(home)})
    assert result.exit_code == 2
    assert "add agreement: missing --kind and --status and --field and --source" in result.stderr
    assert list(home.iterdir()) == []


def test_an_invalid_user_file_stops_an_add(cli: Run, home: Path) -> None:
    bad = home / "records.toml"
    bad.write_text(
        (FIXTURES / "invalid" / "unknown_field.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = bad.read_bytes()
    result = cli(
        "add",
        "source",
        "--title",
        "T",
        "--publisher",
        "me",
        "--kind",
        "notes",
        env={"AZMA_DATA_HOME": str(home)},
    )
    assert result.exit_code == 1
    assert "unknown field 'cultur'" in result.stderr
    assert bad.read_bytes() == before


def test_the_notes_at_a_terminal_say_where_the_record_went(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AZMA_DATA_HOME", str(home))
    state = commands.State()
    state._terminal = Terminal(stderr_tty=True)
    source = {"title": "T", "publisher": "me", "kind": "notes"}
    assert commands.add(state, "source", **source) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (
        "t\n",
        f"azma: added source 't' to {home / 'records.toml'}\n",
    )  # read by default: no more
    assert commands.add(state, "source", to=tmp_path / "other.toml", **{**source, "title": "U"}) == 0
    err = capsys.readouterr().err
    assert f"{tmp_path / 'other.toml'} is not read by default: add it with --data" in err


def test_to_appends_to_another_file(cli: Run, home: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.toml"
    ok(cli("add", "source", "--title", "T", "--publisher", "me", "--kind", "notes", "--to", str(target),
           env={"AZMA_DATA_HOME": str(home)}))  # fmt: skip
    assert '[[source]]\nid = "t"' in target.read_text(encoding="utf-8")
    assert list(home.iterdir()) == []
    # the file is read for the checks of the next add to it, though not by default
    ok(cli("add", "event", "--title", "E", "--field", "culture", "--source", "t", "--to", str(target),
           env={"AZMA_DATA_HOME": str(home)}))  # fmt: skip


def test_the_fast_path_leaves_add_to_typer() -> None:
    spec = fastpath.derive_spec(app)
    assert "add" not in spec["commands"] and "event" not in spec["commands"]
    assert fastpath.parse(["add", "event", "--title", "T"], spec) is None


# ----------------------------------------------------------------------------- prompting at a terminal


def _drive(argv: list[str], steps: list[tuple[bytes, bytes]], env: dict[str, str]) -> tuple[int, str]:
    """Run argv on a pseudo-terminal; for each (expected, reply) wait for `expected`, type `reply`."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        try:
            os.execve(sys.executable, [sys.executable, *argv], env)
        finally:
            os._exit(127)
    out = b""

    def read(until: bytes | None) -> None:
        nonlocal out
        deadline = time.monotonic() + 60
        while until is None or until not in out[out.rfind(b"\x00") + 1 :]:  # after the last reply
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(
                    f"waited for {until!r}; the terminal shows:\n{out.decode(errors='replace')}"
                )
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                return
            if not chunk:
                return
            out += chunk

    for expected, reply in steps:
        read(expected)
        out += b"\x00"  # marks where each reply was typed, so later waits look past it
        os.write(fd, reply)
    read(None)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out.replace(b"\x00", b"").decode("utf-8", errors="replace")


TAB_FIELDS = b"dipl\t, cult\t\r" if importlib.util.find_spec("readline") else b"diplomacy, culture\r"


def test_missing_values_are_asked_for_at_a_terminal(cli: Run, tmp_path: Path) -> None:
    own = tmp_path / "own"
    ok(cli("init", str(own), "--country", "Kazakhstan", "--country", "Turkey"))
    env = {"PATH": os.environ.get("PATH", ""), "TERM": "xterm", "COLUMNS": "100", "AZMA_NO_CACHE": "1",
           "AZMA_DATA_HOME": str(own), "AZMA_NO_BUNDLED": "1", "PYTHONPATH": pythonpath(Path(__file__).resolve().parent.parent)}  # fmt: skip
    code, screen = _drive(
        ["-m", "azma", "add", "event", "--summary", "Met in Astana."],
        [
            (b"title: ", b"Talks in Astana\r"),
            (b"date (", b"5 March 2026\r"),
            (b"kind (", b"\r"),  # optional: left empty
            (b"fields (", b"cultre\r"),  # a mistake: the query's message, and the question again
            (b"fields (", b"?\r"),  # the list of valid values
            (b"fields (", TAB_FIELDS),  # Tab completes (where Python has readline)
            (b"sources (", b"nope\r"),
            (b"sources (", b"example-source\r"),
        ],
        env,
    )
    assert code == 0, screen
    assert "--field: unknown field 'cultre' (did you mean 'culture'?)" in screen
    assert "  defence " in screen and "Armed forces and military cooperation" in screen  # the '?' listing
    assert "--source: unknown source 'nope'" in screen
    assert "talks-in-astana-2026" in screen.splitlines()[-1]
    added = (own / "records.toml").read_text(encoding="utf-8").split("[[event]]")[-1]
    assert added == (
        '\nid = "talks-in-astana-2026"\ndate = "2026-03-05"\ntitle = "Talks in Astana"\n'
        'summary = "Met in Astana."\nfields = ["diplomacy", "culture"]\nsources = ["example-source"]\n'
    )


def test_ctrl_d_at_a_question_writes_nothing(cli: Run, tmp_path: Path) -> None:
    own = tmp_path / "own"
    ok(cli("init", str(own)))
    before = (own / "records.toml").read_bytes()
    env = {"PATH": os.environ.get("PATH", ""), "TERM": "xterm", "AZMA_NO_CACHE": "1", "AZMA_DATA_HOME": str(own),
           "AZMA_NO_BUNDLED": "1", "PYTHONPATH": pythonpath(Path(__file__).resolve().parent.parent)}  # fmt: skip
    code, screen = _drive(["-m", "azma", "add", "source"], [(b"title: ", b"\x04")], env)
    assert code == 130
    assert "azma: cancelled; nothing was written" in screen
    assert (own / "records.toml").read_bytes() == before


# ----------------------------------------------------------------------------- vocabulary from user files


VOCAB = """\
[[field]]
id = "space"
description = "Space programmes and satellites"
aliases = ["satellites"]

[[event_kind]]
id = "launch"
description = "A launch"

[[event]]
id = "satellite-launch"
date = "2025-06"
title = "A satellite is launched"
kind = "launch"
fields = ["satellites"]
sources = ["src-news"]
"""


def test_a_user_file_may_add_terms_and_use_them(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "space.toml"
    path.write_text(VOCAB, encoding="utf-8")
    fields = {r["id"]: r for r in rows(cli("--data", str(path), "fields", "--format", "json"))}
    assert fields["space"]["origin"] == str(path)
    assert fields["culture"]["origin"] == "data/vocabulary.toml"
    assert (fields["space"]["events"], fields["space"]["aliases"]) == (1, ["satellites"])
    table = ok(cli("--data", str(path), "fields", "--format", "table")).stdout
    assert (
        table.split()[:4] == ["Field", "Events", "Agreements", "Aliases"] and "From" in table.split("\n")[0]
    )
    assert "bundled" in table and "space.toml" in table
    assert "From" not in ok(cli("fields", "--format", "table")).stdout  # only one origin: no column
    found = rows(
        cli("--data", str(path), "timeline", "--kind", "launch", "--field", "space", "--format", "json")
    )
    assert [r["id"] for r in found] == ["satellite-launch"]


@pytest.mark.parametrize(
    ("term", "fragment"),
    [
        (
            '[[field]]\nid = "military"\ndescription = "d"\n',
            "field 'military' is already the field 'defence' (as its alias 'military')",
        ),
        (
            '[[field]]\nid = "arms"\ndescription = "d"\naliases = ["Defence"]\n',
            "field 'Defence' is already the field 'defence'",
        ),
        ('[[event_kind]]\nid = "visit"\ndescription = "d"\n', "event kind 'visit' is defined twice"),
    ],
)
def test_a_clash_with_the_bundled_vocabulary_is_an_error(
    cli: Run, tmp_path: Path, term: str, fragment: str
) -> None:
    path = tmp_path / "clash.toml"
    path.write_text(term, encoding="utf-8")
    result = cli("--data", str(path), "fields")
    assert result.exit_code == 1
    assert fragment in result.stderr
    assert str(path) in result.stderr and "data/vocabulary.toml:" in result.stderr


# ----------------------------------------------------------------------------- another country pair


EVERY_COMMAND = [
    ["timeline"], ["timeline", "--format", "json"], ["agreements"], ["disputes"], ["trade"], ["search", "example"],
    ["show", "example-event"], ["sources"], ["fields"], ["actors"], ["validate"], ["export", "ics"],
    ["export", "markdown"], ["export", "html"], ["export", "timelinejs"], ["on-this-day"], ["anniversaries"],
]  # fmt: skip


def test_a_skeleton_from_init_runs_every_command_without_the_bundled_data(cli: Run, tmp_path: Path) -> None:
    own = tmp_path / "kz-tr"
    made = ok(cli("init", str(own), "--country", "Kazakhstan", "--country", "Turkey")).stdout.splitlines()
    assert sorted(Path(p).name for p in made) == ["README.md", "azma.toml", "dataset.toml", "records.toml",
                                                  "schema.json", "sources.toml", "vocabulary.toml"]  # fmt: skip
    assert "Required keys are marked" in (own / "README.md").read_text(encoding="utf-8")
    assert (
        "valid: 4 user files read; 1 event, 0 agreements"
        in ok(cli("--no-bundled", "--data", str(own), "validate")).stderr
    )
    for argv in EVERY_COMMAND:  # its azma.toml says it is read without the bundled record
        result = ok(cli("--data", str(own), *argv))
        shown = result.stdout + result.stderr
        assert "Azerbaijan" not in shown and "Morocco" not in shown, argv
    assert ok(cli("--no-bundled", "--data", str(own), "export", "markdown")).stdout.startswith(
        "# Kazakhstan–Turkey relations\n"
    )
    assert (
        "<title>Kazakhstan–Turkey relations</title>"
        in ok(cli("--no-bundled", "--data", str(own), "export", "html")).stdout
    )
    timeline = rows(cli("timeline", "--format", "json", env={"AZMA_NO_BUNDLED": "1", "AZMA_DATA": str(own)}))
    assert [r["id"] for r in timeline] == ["example-event"]


def test_the_trade_caption_names_the_records_countries(cli: Run, tmp_path: Path) -> None:
    own = tmp_path / "kz-tr"
    ok(cli("init", str(own), "--country", "Kazakhstan", "--country", "Turkey"))
    (own / "trade.toml").write_text(
        '[[trade]]\nyear = 2024\nreporter = "Turkey"\npartner = "Kazakhstan"\nturnover = 5.0\n'
        'unit = "million USD"\nsources = ["example-source"]\n',
        encoding="utf-8",
    )
    table = ok(cli("--no-bundled", "--data", str(own), "trade", "--format", "table")).stdout
    assert table.startswith("Trade between Kazakhstan and Turkey, million USD")


def test_init_does_not_overwrite(cli: Run, tmp_path: Path) -> None:
    ok(cli("init", str(tmp_path / "own")))
    result = cli("init", str(tmp_path / "own"))
    assert result.exit_code == 2 and "exists; not overwriting it (add --force to replace it)" in result.stderr
    ok(cli("init", str(tmp_path / "own"), "--force"))


def test_a_record_of_its_own_read_with_the_bundled_one_is_one_line_suggesting_no_bundled(
    cli: Run, tmp_path: Path
) -> None:
    own = tmp_path / "own"
    ok(cli("init", str(own), "--country", "Kazakhstan", "--country", "Turkey"))
    (own / "azma.toml").unlink()  # as a folder made by hand, or before azma.toml, would be
    for argv in (["timeline"], ["validate"], ["add", "place", "--name", "Astana", "--country", "Kazakhstan"]):
        result = cli("--data", str(own), *argv)
        assert result.exit_code == 1 and result.stdout == "", argv
        assert result.stderr == (
            f"azma: {own / 'dataset.toml'} is a record of its own ('Kazakhstan–Turkey relations'), read here "
            f"with the bundled one (read it alone: azma --no-bundled --data {own} …; or put 'bundled = false' "
            f"in {own / 'azma.toml'})\n"
        ), argv
    assert "valid:" in ok(cli("--no-bundled", "--data", str(own), "validate")).stderr


def test_no_bundled_without_files_is_one_usage_line(cli: Run) -> None:
    for args in (["--no-bundled", "timeline"], ["validate", "--no-bundled"]):
        result = cli(*args)
        assert result.exit_code == 2, args  # a usage mistake, not bad data
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("azma: no data files to read")
        assert "--data" in result.stderr


def test_a_bad_dataset_table_is_reported_like_any_record(tmp_path: Path) -> None:
    from azma.errors import DataError
    from azma.load.build import build_dataset

    path = tmp_path / "d.toml"
    path.write_text('# about\n[dataset]\ntitel = "X"\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        build_dataset([path])  # alone: beside the bundled data it would be a second [dataset]
    shown = [str(p) for p in info.value.problems]
    assert f"{path}:3 [dataset]: unknown key 'titel' (did you mean 'title'?)" in shown
    assert f"{path}:2 [dataset]: missing required key 'title'" in shown
