"""Your own records, complete: add actor|place|trade, edit, remove, init's config, and what must
hold when several run at once or a folder was prepared by someone else (real processes, a real
pseudo-terminal where the fault needs one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from azma.errors import UsageError
from azma.model import Dataset
from tests.conftest import pythonpath
from tests.test_user import Run, ok, rows

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_BUNDLED = Path(__file__).resolve().parent / "fixtures" / "bundled"


@pytest.fixture
def home_env(tmp_path: Path) -> dict[str, str | None]:
    """An empty folder of one's own records for this test."""
    return {"AZMA_DATA_HOME": str(tmp_path / "home")}


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a real `python -m azma` process on the fixture data (no cache)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZMA_")}
    env.update({"AZMA_NO_CACHE": "1", "PYTHONPATH": pythonpath(ROOT), "COLUMNS": "100"}, **extra)
    return env


def azma_process(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "azma", *args],
        env=env,
        cwd=os.path.dirname(env.get("AZMA_DATA_HOME", "/")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# ----------------------------------------------------------------------------- many writers at once


def test_adds_at_once_keep_every_record_they_report(tmp_path: Path) -> None:
    """Twenty adds to one file at once: each one that says it added a record has it in the file."""
    own = tmp_path / "own"
    first = subprocess.run(
        [sys.executable, "-m", "azma", "init", str(own)],
        env=process_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    env = process_env(AZMA_DATA_HOME=str(own), AZMA_NO_BUNDLED="1")
    runs = [
        azma_process("add", "source", "--title", f"Note {n}", "--publisher", "me", "--kind", "notes", env=env)
        for n in range(20)
    ]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results]
    reported = sorted(out.strip() for _, out, _ in results)
    assert reported == sorted(f"note-{n}" for n in range(20))
    text = (own / "records.toml").read_text(encoding="utf-8")
    kept = sorted(line.split('"')[1] for line in text.splitlines() if line.startswith('id = "note-'))
    assert kept == reported
    assert not list(own.glob(".*.lock")) and not list(own.glob(".*.tmp"))  # nothing left behind


def test_a_remove_among_adds_at_once_loses_nothing(tmp_path: Path) -> None:
    """remove holds the same lock: ten adds and a remove at once leave ten records and no example."""
    own = tmp_path / "own"
    env = process_env(AZMA_DATA_HOME=str(own), AZMA_NO_BUNDLED="1")
    assert (
        subprocess.run([sys.executable, "-m", "azma", "init", str(own)], env=env, cwd=tmp_path).returncode
        == 0
    )
    runs = [
        azma_process("add", "source", "--title", f"Note {n}", "--publisher", "me", "--kind", "notes", env=env)
        for n in range(10)
    ]
    runs.insert(5, azma_process("remove", "example-event", "--yes", env=env))
    assert [run.wait(timeout=300) for run in runs] == [0] * 11, [run.communicate()[1] for run in runs]
    text = (own / "records.toml").read_text(encoding="utf-8")
    assert sorted(line for line in text.splitlines() if line.startswith('id = "note-')) == sorted(
        f'id = "note-{n}"' for n in range(10)
    )
    assert "example-event" not in text


def test_the_same_record_added_twice_at_once_is_kept_once(tmp_path: Path) -> None:
    own = tmp_path / "own"
    env = process_env(AZMA_DATA_HOME=str(own), AZMA_NO_BUNDLED="1")
    assert (
        subprocess.run([sys.executable, "-m", "azma", "init", str(own)], env=env, cwd=tmp_path).returncode
        == 0
    )
    args = ("add", "event", "--title", "Talks", "--date", "2025-03-12", "--field", "diplomacy")
    runs = [azma_process(*args, "--source", "example-source", env=env) for _ in range(6)]
    codes = sorted(run.wait(timeout=300) for run in runs)
    assert codes == [0, 1, 1, 1, 1, 1]
    assert (own / "records.toml").read_text(encoding="utf-8").count('id = "talks-2025"') == 1


# ----------------------------------------------------------------------------- the prompt's hints


def test_the_prompts_did_you_mean_shows_a_planted_alias_escaped(tmp_path: Path) -> None:
    """A vocabulary alias in a user file must not reach the terminal of whoever runs `add` as
    OSC 52 (clipboard) or OSC 0 (title): the hint quoting it is escaped like every message."""
    from tests.test_user import _drive

    own = tmp_path / "own"
    env = process_env(AZMA_DATA_HOME=str(own), AZMA_NO_BUNDLED="1", TERM="xterm")
    assert (
        subprocess.run([sys.executable, "-m", "azma", "init", str(own)], env=env, cwd=tmp_path).returncode
        == 0
    )
    (own / "planted.toml").write_text(
        '[[field]]\nid = "planted"\ndescription = "d"\n'
        'aliases = ["zzqq\\u001b]52;c;ZXZpbA==\\u0007\\u001b]0;owned\\u0007"]\n',
        encoding="utf-8",
    )
    code, screen = _drive(
        ["-m", "azma", "add", "event", "--title", "T", "--date", "2025", "--kind", "event",
         "--source", "example-source"],
        [(b"fields (", b"zzqq\r"), (b"fields (", b"\x04")],
        {**env, "PWD": str(tmp_path)},
    )  # fmt: skip
    assert code == 130, screen
    assert (
        "--field: unknown field 'zzqq' (did you mean 'zzqq\\x1b]52;c;ZXZpbA==\\x07\\x1b]0;owned\\x07'?)"
        in screen
    )
    assert "\x1b]" not in screen and "\x07" not in screen


# ----------------------------------------------------------------------------- init: links, all or nothing


def _init(own: Path, *more: str | bytes, limit: int | None = None) -> subprocess.CompletedProcess[bytes]:
    """`azma init OWN` in a real process; `limit` caps the size of any file it writes (as a
    full disk would), with SIGXFSZ ignored so a write past it fails with EFBIG."""

    def capped() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "azma", "init", own, *more],
        env=process_env(),
        cwd=ROOT.parent,  # not the checkout: `python -m azma` must find azma through PYTHONPATH
        capture_output=True,
        preexec_fn=capped,
    )


def test_init_never_follows_a_link_planted_in_the_folder(tmp_path: Path) -> None:
    own, outside = tmp_path / "own", tmp_path / "outside"
    own.mkdir()
    outside.mkdir()
    (own / "README.md").symlink_to("../outside/x")  # dangling: init would create outside/x
    result = _init(own)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"azma: {own / 'README.md'} is a symbolic link (to ../outside/x); azma init never writes through one "
        "(remove it, or give another folder)\n"
    )
    assert list(outside.iterdir()) == [] and [p.name for p in own.iterdir()] == ["README.md"]
    # a live link to a file outside, with --force: refused, its target untouched
    (own / "README.md").unlink()
    (outside / "victim").write_text("mine\n", encoding="utf-8")
    (own / "records.toml").symlink_to(outside / "victim")
    result = _init(own, "--force")
    assert result.returncode == 2 and b"is a symbolic link" in result.stderr
    assert (outside / "victim").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in own.iterdir()) == ["records.toml"]


def test_init_writes_all_its_files_or_none(tmp_path: Path) -> None:
    own = tmp_path / "deep" / "own"
    full = _init(own, limit=4096)  # the vocabulary does not fit: a full disk part of the way
    assert full.returncode == 3, full.stderr
    assert full.stderr.decode().startswith(
        f"azma: cannot write into {own}: File too large; nothing was written"
    )
    assert not (tmp_path / "deep").exists()  # the folders it made are gone too
    # --force over a record that exists: a failure leaves every file as it was
    assert _init(own).returncode == 0
    (own / "records.toml").write_text("# mine\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in own.iterdir()}
    assert _init(own, "--force", limit=4096).returncode == 3
    assert {p.name: p.read_bytes() for p in own.iterdir()} == before
    # a bad argument is refused before anything is written
    other = tmp_path / "other"
    bad = _init(other, "--title", b"T\xe9")
    assert bad.returncode == 2 and not other.exists()
    assert bad.stderr.decode() == (
        "azma: --title: not UTF-8 text (byte 0xe9 at character 2) "
        "(type it in UTF-8; a UTF-8 locale such as LANG=C.UTF-8 does)\n"
    )


def test_init_force_keeps_a_replaced_files_permissions(cli: Run, tmp_path: Path) -> None:
    own = tmp_path / "own"
    ok(cli("init", str(own)))
    (own / "records.toml").chmod(0o600)  # the user's own choice: kept when --force replaces it
    umask = os.umask(0o022)
    try:
        ok(cli("init", str(own), "--force"))
    finally:
        os.umask(umask)
    modes = {p.name: p.stat().st_mode & 0o777 for p in own.iterdir()}
    assert modes.pop("records.toml") == 0o600
    assert set(modes.values()) == {0o644}  # the others: what a new file gets under the umask


# ----------------------------------------------------------------------------- bytes and encodings


def test_non_utf8_arguments_are_one_line_and_write_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = process_env(AZMA_DATA_HOME=str(home))
    # the message names what the user typed: the search words, or the --text filter
    named = {b"search": b"azma: WORDS: not UTF-8", b"timeline": b"azma: --text: not UTF-8"}
    for argv in (
        [b"add", b"source", b"--title", b"T\xe9", b"--publisher", b"me", b"--kind", b"notes"],
        [b"add", b"event", b"--title", b"T", b"--field", b"culture\xff", b"--source", b"src-news"],
        [b"search", b"caf\xe9"],
        [b"timeline", b"--text", b"caf\xe9"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "azma", *argv], env=env, cwd=tmp_path, capture_output=True
        )
        assert result.returncode == 2, argv
        assert result.stderr.count(b"\n") == 1 and b"not UTF-8 text (byte 0x" in result.stderr, argv
        assert result.stderr.startswith(named.get(argv[0], b"azma: ")), result.stderr
        assert not home.exists()
    # a folder whose name is not UTF-8 is a fine place for a record
    odd = tmp_path / os.fsdecode(b"caf\xe9")
    made = _init(odd, "--country", "A", "--country", "B")
    assert made.returncode == 0, made.stderr
    assert "azma --data " in (odd / "README.md").read_text(encoding="utf-8")


def test_help_in_a_latin1_output_encoding_is_no_traceback(tmp_path: Path) -> None:
    helps = {}
    for argv in (["--help"], ["add", "--help"], ["timeline", "--help"]):
        result = subprocess.run(
            [sys.executable, "-m", "azma", *argv],
            env=process_env(PYTHONIOENCODING="latin-1"),
            cwd=tmp_path,
            capture_output=True,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == b"" and b"Usage: azma" in result.stdout
        helps[argv[0]] = result.stdout
    assert b"Azerbaijan\\u2013Morocco relations" in helps["--help"]


# ----------------------------------------------------------------------------- add actor, place, trade


def _pair(cli: Run, tmp_path: Path) -> tuple[Path, dict[str, str | None]]:
    """A record of one's own for Kazakhstan and Turkey (azma init), and an environment whose
    own folder is empty: every command below names the record with --data."""
    own = tmp_path / "kz-tr"
    ok(cli("init", str(own), "--country", "Kazakhstan", "--country", "Turkey"))
    return own, {"AZMA_DATA_HOME": str(tmp_path / "empty")}


def test_actors_places_and_trade_rows_are_added_checked_and_read(cli: Run, tmp_path: Path) -> None:
    own, env = _pair(cli, tmp_path)
    data = ("--data", str(own))
    assert ok(cli("add", "actor", *data, "--name", "Anna Pair", "--type", "Person", "--country", "kazakhstan",
                  "--role", "Minister of Trade (2024)", "--source", "example-source", env=env)).stdout == "anna-pair\n"  # fmt: skip
    assert ok(cli("add", "place", *data, "--name", "Astana", "--country", "Kazakhstan", "--alias", "Nur-Sultan",
                  env=env)).stdout == "astana\n"  # fmt: skip
    trade = ok(cli("add", "trade", *data, "--period", "2024-01/2024-06", "--reporter", "turkey", "--imports", "120.5",
                   "--exports", "80", "--unit", "million USD", "--source", "example-source", env=env))  # fmt: skip
    assert trade.stdout == "trade-2024-01-to-2024-06-turkey\n"
    event = ok(cli("add", "event", *data, "--title", "Talks in Nur-Sultan", "--date", "2024-05", "--actor", "Anna",
                   "--place", "nur-sultan", "--field", "trade", "--source", "example-source", env=env))  # fmt: skip
    text = (own / "records.toml").read_text(encoding="utf-8")
    assert (
        '[[actor]]\nid = "anna-pair"\nname = "Anna Pair"\ntype = "person"\ncountry = "Kazakhstan"\n'
        'roles = ["Minister of Trade (2024)"]\nsources = ["example-source"]\n'
    ) in text  # the country as the record writes it, the type in lower case
    assert (
        '[[trade]]\nyear = 2024\nperiod = "2024-01/2024-06"\nreporter = "Turkey"\npartner = "Kazakhstan"\n'
        'imports = 120.5\nexports = 80\nturnover = 200.5\nunit = "million USD"\nsources = ["example-source"]\n'
    ) in text  # the year from the period, the partner from the pair, the turnover from the two
    timeline = {r["id"]: r for r in rows(cli(*data, "timeline", "--format", "json", env=env))}
    assert (timeline[event.stdout.strip()]["actors"], timeline[event.stdout.strip()]["places"]) == (
        ["anna-pair"],
        ["astana"],
    )
    [row] = rows(cli(*data, "trade", "--format", "json", env=env))
    assert (row["reporter"], row["partner"], row["turnover"], row["balance"]) == (
        "Turkey",
        "Kazakhstan",
        200.5,
        -40.5,
    )
    assert "Anna Pair" in ok(cli(*data, "show", "anna-pair", env=env)).stdout


def test_bad_values_of_the_new_record_types_are_one_line(cli: Run, tmp_path: Path) -> None:
    own, env = _pair(cli, tmp_path)
    trade = ("add", "trade", "--data", str(own), "--year", "2024", "--reporter", "Turkey", "--unit", "million USD",
             "--source", "example-source")  # fmt: skip
    cases = [
        ([*trade, "--turnover", "1,234"], 2, "azma: --turnover: '1,234' is not a number (e.g. 4587.13"),
        ([*trade, "--turnover", "-5"], 2, "azma: --turnover: must be a finite number of 0 or more, not '-5'"),
        ([*trade, "--turnover", "5", "--year", "24"], 2, "azma: --year: '24' is not a four-digit year"),
        ([*trade, "--turnover", "5", "--id", "x"], 2, "azma: No such option: --id"),  # a row's id is made
        ([*trade, "--imports", "1", "--exports", "2", "--turnover", "4"], 1, "turnover 4 is not imports + exports"),
        (["add", "actor", "--data", str(own), "--name", "A", "--type", "persn", "--source", "example-source"], 2,
         "azma: --type: unknown actor type 'persn' (did you mean 'person'?)"),
        (["add", "place", "--data", str(own), "--name", "Astana"], 2, "azma: add place: missing --country"),
    ]  # fmt: skip
    before = (own / "records.toml").read_bytes()
    for argv, code, message in cases:
        result = cli(*argv, env=env)
        assert (result.exit_code, result.stdout) == (code, ""), argv
        assert message in result.stderr and result.stderr.count("\n") <= 2, (argv, result.stderr)
    assert (own / "records.toml").read_bytes() == before
    ok(cli(*trade, "--turnover", "5", env=env))
    again = cli(*trade, "--turnover", "6", env=env)
    assert again.exit_code == 1 and again.stderr == (
        "azma: add trade: 'trade-2024-turkey' is already in the data (a row for the same year and reporter); "
        "nothing was written ('azma show trade-2024-turkey' shows it)\n"
    )


def test_from_copies_a_record_to_change_it(cli: Run, home_env: dict[str, str | None]) -> None:
    same = cli("add", "event", "--from", "trade-talks-2018", env=home_env)
    assert same.exit_code == 1 and "'trade-talks-2018' is already in the data" in same.stderr
    copy = ok(cli("add", "event", "--from", "trade-talks-2018", "--id", "my-trade-talks", "--date", "2018-03-06",
                  "--dry-run", env=home_env))  # fmt: skip
    assert copy.stdout == (
        '[[event]]\nid = "my-trade-talks"\ndate = "2018-03-06"\ntitle = "Trade talks"\nkind = "meeting"\n'
        'fields = ["trade"]\nsources = ["src-encyclopedia"]\n'
    )
    unknown = cli("add", "actor", "--from", "trade-talks-2018", env=home_env)
    assert unknown.exit_code == 2 and "azma: --from: unknown actor 'trade-talks-2018'" in unknown.stderr


# ----------------------------------------------------------------------------- edit


def fake_editor(folder: Path, name: str, script: str) -> Path:
    """An executable called `name` that logs its arguments to NAME.log and runs `script` (sh)
    with $FILE the last argument (the file, or FILE:LINE for --goto)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f'#!/bin/sh\necho "$@" >> {folder / name}.log\nfor a; do FILE="$a"; done\nFILE="${{FILE%%:*}}"\n{script}\n',
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def test_edit_opens_the_editor_at_the_records_line(cli: Run, tmp_path: Path) -> None:
    own, env = _pair(cli, tmp_path)
    ok(cli("add", "place", "--data", str(own), "--name", "Astana", "--country", "Kazakhstan", env=env))
    line = (own / "records.toml").read_text(encoding="utf-8").splitlines().index("[[place]]") + 1
    bin_ = tmp_path / "bin"
    for name, expected in (
        ("vi", f"+{line} {own / 'records.toml'}"),
        ("nano", f"+{line} {own / 'records.toml'}"),
        ("emacs", f"+{line} {own / 'records.toml'}"),
        ("code", f"--wait --goto {own / 'records.toml'}:{line}"),
    ):
        editor = fake_editor(bin_, name, "true")
        result = ok(
            cli("edit", "astana", "--data", str(own), env={**env, "EDITOR": str(editor), "VISUAL": None})
        )
        assert result.stdout == ""
        assert (bin_ / f"{name}.log").read_text(encoding="utf-8") == expected + "\n"
    # VISUAL comes before EDITOR; a line in sources.toml too
    visual = fake_editor(bin_, "vim", "true")
    ok(
        cli(
            "edit",
            "example-source",
            "--data",
            str(own),
            env={**env, "EDITOR": "nano", "VISUAL": f"{visual} --clean"},
        )
    )
    assert (bin_ / "vim.log").read_text(encoding="utf-8") == f"--clean +5 {own / 'sources.toml'}\n"


def test_what_the_editor_saved_is_validated(cli: Run, tmp_path: Path) -> None:
    own, env = _pair(cli, tmp_path)
    breaks = fake_editor(
        tmp_path / "bin", "vi", """sed -i 's/^fields = \\["diplomacy"\\]/fields = ["diplomcy"]/' "$FILE\""""
    )
    result = cli("edit", "example-event", "--data", str(own), env={**env, "EDITOR": str(breaks)})
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{own / 'records.toml'}:11 [example-event]: unknown field 'diplomcy'" in result.stderr
    assert result.stderr.endswith(
        f"azma: {own / 'records.toml'} no longer validates; it is left as saved for you to mend "
        "(azma edit example-event opens it again; 'azma validate' lists the problems)\n"
    )
    assert 'fields = ["diplomcy"]' in (own / "records.toml").read_text(
        encoding="utf-8"
    )  # as the user left it
    failing = fake_editor(tmp_path / "bin2", "vi", "exit 3")
    result = cli("edit", "example-event", "--data", str(own), env={**env, "EDITOR": str(failing)})
    assert result.exit_code == 1 and "the editor exited with status 3" in result.stderr


def test_edit_at_a_terminal_offers_to_open_it_again(tmp_path: Path) -> None:
    from tests.test_user import _drive

    own = tmp_path / "own"
    env = process_env(AZMA_DATA_HOME=str(own), TERM="xterm")
    assert (
        subprocess.run([sys.executable, "-m", "azma", "init", str(own)], env=env, cwd=tmp_path).returncode
        == 0
    )
    # the first save breaks the record, the second mends it
    editor = fake_editor(
        tmp_path / "bin",
        "vi",
        'if [ "$(wc -l < "$0.log")" = 1 ]; then sed -i "s/^title = /titel = /" "$FILE"; '
        'else sed -i "s/^titel = /title = /" "$FILE"; fi',
    )
    code, screen = _drive(
        ["-m", "azma", "edit", "example-event"], [(b"Open it again to mend it? [Y/n] ", b"\r")],
        {**env, "EDITOR": str(editor)},
    )  # fmt: skip
    assert code == 0, screen
    assert "unknown key 'titel' (did you mean 'title'?)" in screen
    assert screen.rstrip().endswith(f"azma: {own / 'records.toml'}: valid")
    assert (tmp_path / "bin" / "vi.log").read_text(encoding="utf-8").count("\n") == 2


def test_a_bundled_record_is_not_edited_or_removed(cli: Run, home_env: dict[str, str | None]) -> None:
    edit = cli("edit", "trade-talks-2018", env={**home_env, "EDITOR": "false"})
    assert edit.exit_code == 1 and edit.stderr == (
        "azma: edit: 'trade-talks-2018' is bundled data, which azma never changes (copy it into your own "
        "file and change the copy: azma add event --from trade-talks-2018 --id NEW-ID)\n"
    )
    remove = cli("remove", "trade-2015-azerbaijan", "--yes", env=home_env)
    assert remove.exit_code == 1 and "'trade-2015-azerbaijan' is bundled data" in remove.stderr
    unknown = cli("remove", "trade-talks-2081", "--yes", env=home_env)
    assert unknown.exit_code == 1 and "did you mean 'trade-talks-2018'" in unknown.stderr


# ----------------------------------------------------------------------------- remove


MINE = """\
# My notes, kept by hand.

[[source]]
id = "my-notes"   # where it all comes from
title = "Notes"
publisher = "me"
kind = "notes"

# two events follow
[[event]]
id = "first"
title = "First"
fields = ["culture"]
sources = ["my-notes"]

[[event.dispute]]
about = "what"
reason = "r"
[[event.dispute.reading]]
value = "a"
sources = ["my-notes"]
lead = true
[[event.dispute.reading]]
value = "b"
sources = ["my-notes"]

# the second one
[[event]]
id = "second"
title = "Second"
fields = ["culture"]
sources = ["my-notes"]
"""


def test_remove_takes_out_the_records_lines_and_nothing_else(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "home" / "mine.toml"
    path.parent.mkdir()
    path.write_text(MINE, encoding="utf-8")
    env = {"AZMA_DATA_HOME": str(path.parent)}
    ok(cli("remove", "first", "--yes", env=env))
    lines = MINE.splitlines(keepends=True)
    # from its header to its last line, its dispute tables included; comments stay
    assert path.read_text(encoding="utf-8") == "".join(lines[:9] + lines[26:])
    ok(cli("remove", "second", "--yes", env=env))
    assert path.read_text(encoding="utf-8") == "".join(lines[:9] + lines[26:27])
    named = cli("add", "event", "--title", "Third", "--field", "culture", "--source", "my-notes", env=env)
    refused = cli("remove", "my-notes", "--yes", env=env)
    assert refused.exit_code == 1 and refused.stderr == (
        f"azma: remove: 'my-notes' is named by {named.stdout.strip()}; nothing was removed "
        "(remove those first, or change them with 'azma edit ID')\n"
    )
    script = cli("remove", named.stdout.strip(), env=env)  # not a terminal, no --yes
    assert script.exit_code == 2 and "give --yes" in script.stderr


def test_remove_asks_at_a_terminal(tmp_path: Path) -> None:
    from tests.test_user import _drive

    own = tmp_path / "own"
    env = process_env(AZMA_DATA_HOME=str(own), TERM="xterm")
    assert (
        subprocess.run([sys.executable, "-m", "azma", "init", str(own)], env=env, cwd=tmp_path).returncode
        == 0
    )
    before = (own / "records.toml").read_bytes()
    question = f"remove event 'example-event' from {own / 'records.toml'}:5? [y/N] ".encode()
    code, screen = _drive(["-m", "azma", "remove", "example-event"], [(question, b"\r")], env)
    assert code == 1 and "nothing was removed" in screen
    assert 'title = "Example event: the record is started"' in screen  # what it would remove, shown first
    assert (own / "records.toml").read_bytes() == before
    code, screen = _drive(["-m", "azma", "remove", "example-event"], [(question, b"y\r")], env)
    assert code == 0, screen
    assert "[[event]]" not in (own / "records.toml").read_text(encoding="utf-8")


def test_a_folder_made_by_init_is_read_without_the_bundled_record(cli: Run, tmp_path: Path) -> None:
    own, env = _pair(cli, tmp_path)
    assert (own / "azma.toml").read_text(encoding="utf-8").endswith("\nbundled = false\n")
    for extra in ({}, {"AZMA_DATA_HOME": str(own)}, {"AZMA_DATA": str(own)}):
        argv = ["--data", str(own)] if not extra else []
        assert [r["id"] for r in rows(cli(*argv, "timeline", "--format", "json", env={**env, **extra}))] == [
            "example-event"
        ]
    (own / "azma.toml").write_text("bundled = 'no'\n", encoding="utf-8")
    bad = cli("--data", str(own), "timeline", env=env)
    assert bad.exit_code == 2 and bad.stderr == (
        f"azma: {own / 'azma.toml'}: 'bundled' must be true or false (it holds one line, bundled = false (or true))\n"
    )


# ----------------------------------------------------------------------------- the README's walk-through


def test_the_readmes_walk_through_makes_a_new_record_with_azma_alone(tmp_path: Path) -> None:
    """README "A new record, step by step", run in order in a folder of this test: every step is
    an azma command (no TOML by hand) and prints what the README shows."""
    import re

    from tests.test_readme import README, parse, run

    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- walk-through")
    block = text[text.index("```console\n", start) + len("```console\n") : text.index("```\n", start + 20)]
    steps = parse(block)
    assert len(steps) >= 10
    folder = tmp_path / "record"
    for command, expected in steps:
        for part in re.split(r"&&|;|\|", command):
            assert part.split()[0] in ("azma", "rm", "echo"), command  # azma's commands alone
        actual = run(command.replace("/tmp/azma-fs", str(folder)), tmp_path)
        assert actual == expected.rstrip("\n").replace("/tmp/azma-fs", str(folder)), command
    records = (folder / "records.toml").read_text(encoding="utf-8")
    assert all(
        f"[[{table}]]" in records for table in ("actor", "place", "event", "agreement", "trade", "source")
    )


# ----------------------------------------------------------------------------- prompts, full disks


def test_an_actor_and_a_trade_row_are_asked_for_at_a_terminal(tmp_path: Path) -> None:
    from tests.test_user import TAB_FIELDS, _drive

    own = tmp_path / "own"
    env = process_env(AZMA_DATA_HOME=str(own), TERM="xterm")
    init = [sys.executable, "-m", "azma", "init", str(own), "--country", "Freedonia", "--country", "Sylvania"]
    assert subprocess.run(init, env=env, cwd=tmp_path).returncode == 0
    tab = b"examp\t\r" if TAB_FIELDS.startswith(b"dipl\t") else b"example-source\r"  # Tab where readline is
    code, screen = _drive(
        ["-m", "azma", "add", "actor"],
        [
            (b"name: ", b"Anna Pair\r"),
            (b"type (person or institution) [? lists them]: ", b"?\r"),
            (b"type (", b"persn\r"),
            (b"type (", b"person\r"),
            (b"country (empty if none) [? lists them]: ", b"freedonia\r"),
            (b"sources (", tab),
        ],
        env,
    )
    assert code == 0, screen
    assert "  institution  a ministry, parliament, company, agency" in screen
    assert "--type: unknown actor type 'persn' (did you mean 'person'?)" in screen
    assert "\r\nanna-pair\r\n" in screen
    code, screen = _drive(
        ["-m", "azma", "add", "trade", "--unit", "million USD"],
        [
            (b"year: ", b"2024\r"),
            (b"reporter (whose statistics; or unknown) [? lists them]: ", b"Sylvania\r"),
            (b"imports (", b"1.5\r"),
            (b"exports (", b"2\r"),  # no question for the partner or the turnover: worked out
            (b"sources (", b"example-source\r"),
        ],
        env,
    )
    assert code == 0, screen
    assert "partner" not in screen and "turnover" not in screen
    assert (
        'year = 2024\nreporter = "Sylvania"\npartner = "Freedonia"\nimports = 1.5\nexports = 2\nturnover = 3.5\n'
        in (own / "records.toml").read_text(encoding="utf-8")
    )


def test_a_question_mark_says_what_a_date_may_be_and_lists_fit_the_terminal(dataset: Dataset) -> None:
    from azma.add import DATE_FORMS, KEYS, Checker
    from azma.prompt import Prompter, _listing

    checker = Checker(dataset)
    keys = {key.name: key for key in KEYS["event"]}
    answers, said = iter(["?", "5 March 2018"]), []
    prompter = Prompter(read=lambda prompt, words: next(answers), say=said.append)
    assert prompter.ask(keys["date"], checker) == "2018-03-05"  # '?' is not taken for a date
    assert said == [f"  a date: {DATE_FORMS}"] and "12 March 2025" in DATE_FORMS
    with pytest.raises(UsageError) as bad:
        checker.check(keys["date"], "the fifth")
    assert bad.value.hint == f"e.g. {DATE_FORMS}"  # the word forms too, not only EDTF
    # a list of values is cut to the terminal's width, each description with … where it is cut
    for columns in (60, 80, 120):
        for key in (keys["kind"], keys["fields"], keys["sources"]):
            lines = _listing(checker.choices(key), columns).splitlines()
            assert lines and all(len(line) < columns for line in lines), (columns, key.name)
    long = _listing([("institution", "a ministry, " * 20)], 80)
    assert long.endswith("…") and len(long) == 79


def test_a_full_disk_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    own = tmp_path / "own"
    assert _init(own).returncode == 0
    (own / "records.toml").write_text((own / "records.toml").read_text(encoding="utf-8") + "#" * 5000 + "\n")
    before = {p.name: p.read_bytes() for p in own.iterdir()}

    def capped() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    for argv in (
        ["add", "source", "--title", "T", "--publisher", "me", "--kind", "notes"],
        ["remove", "example-event", "--yes"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "azma", *argv], env=process_env(AZMA_DATA_HOME=str(own)), cwd=tmp_path,
            capture_output=True, text=True, preexec_fn=capped,
        )  # fmt: skip
        assert result.returncode == 3, result.stderr
        assert result.stderr.startswith(f"azma: cannot write {own / 'records.toml'}: File too large")
        assert {p.name: p.read_bytes() for p in own.iterdir()} == before  # no temporary or lock file left


def test_agreements_and_sources_are_matched_too(cli: Run, home_env: dict[str, str | None]) -> None:
    memo = ("add", "agreement", "--title", "Memorandum on economic cooperation", "--kind", "memorandum",
            "--status", "signed", "--field", "economy", "--source", "src-news")  # fmt: skip
    bundled = cli(*memo, "--signed", "14 November 2023", env=home_env)  # the fixture's memorandum
    assert (
        bundled.exit_code == 1
        and "'economic-memorandum' is already in the data (the same title and date)" in bundled.stderr
    )
    ok(cli(*memo, "--signed", "2030-01-01", env=home_env))  # another signing is another agreement
    source = ("add", "source", "--title", "A report", "--publisher", "x", "--kind", "notes", "--url",
              "https://example.org/report")  # fmt: skip
    ok(cli(*source, env=home_env))
    again = cli("add", "source", "--title", "Another title", "--publisher", "x", "--kind", "notes", "--url",
                "https://example.org/report", env=home_env)  # fmt: skip
    assert again.exit_code == 1 and "'a-report' is already in the data (the same URL)" in again.stderr


def test_a_trade_row_says_what_its_figures_are(cli: Run, tmp_path: Path) -> None:
    own, env = _pair(cli, tmp_path)
    trade = ("add", "trade", "--data", str(own), "--year", "2022", "--reporter", "Turkey", "--turnover", "50",
             "--unit", "million USD", "--source", "example-source")  # fmt: skip
    wrong = cli(*trade, "--qualifier", "at-mst", env=env)
    assert wrong.exit_code == 2 and wrong.stderr == (
        "azma: --qualifier: unknown qualifier 'at-mst' (did you mean 'at-most' or 'at-least'?)\n"
    )
    ok(cli(*trade, "--qualifier", "At-Most", env=env))
    assert 'qualifier = "at-most"\n' in (own / "records.toml").read_text(encoding="utf-8")
    [row] = rows(cli("--data", str(own), "trade", "--format", "json", env=env))
    assert (row["qualifier"], row["turnover"]) == ("at-most", 50)


def test_the_bundled_files_named_as_user_files_are_still_never_changed(
    cli: Run, home_env: dict[str, str | None]
) -> None:
    bundled = FIXTURE_BUNDLED / "records.toml"
    before = bundled.read_bytes()
    for argv in (["remove", "trade-talks-2018", "--yes"], ["edit", "trade-talks-2018"]):
        result = cli(
            "--no-bundled", "--data", str(FIXTURE_BUNDLED), *argv, env={**home_env, "EDITOR": "true"}
        )
        assert result.exit_code == 1 and "is bundled data, which azma never changes" in result.stderr, argv
    assert bundled.read_bytes() == before
