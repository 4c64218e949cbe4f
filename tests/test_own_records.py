"""Your own records, complete: add actor|place|trade, edit, remove, init's config, and what must
hold when several run at once or a folder was prepared by someone else (real processes, a real
pseudo-terminal where the fault needs one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
FIXTURE_BUNDLED = Path(__file__).resolve().parent / "fixtures" / "bundled"


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a real `python -m azma` process on the fixture data (no cache)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZMA_")}
    env.update({"AZMA_NO_CACHE": "1", "PYTHONPATH": str(ROOT), "COLUMNS": "100"}, **extra)
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
