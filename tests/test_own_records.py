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


# ----------------------------------------------------------------------------- bytes and encodings


def test_non_utf8_arguments_are_one_line_and_write_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = process_env(AZMA_DATA_HOME=str(home))
    for argv in (
        [b"add", b"source", b"--title", b"T\xe9", b"--publisher", b"me", b"--kind", b"notes"],
        [b"add", b"event", b"--title", b"T", b"--field", b"culture\xff", b"--source", b"src-news"],
        [b"search", b"caf\xe9"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "azma", *argv], env=env, cwd=tmp_path, capture_output=True
        )
        assert result.returncode == 2, argv
        assert result.stderr.count(b"\n") == 1 and b"not UTF-8 text (byte 0x" in result.stderr, argv
        assert not home.exists()
    # a folder whose name is not UTF-8 is a fine place for a record
    odd = tmp_path / os.fsdecode(b"caf\xe9")
    made = _init(odd, "--country", "A", "--country", "B")
    assert made.returncode == 0, made.stderr
    assert "azma --data " in (odd / "README.md").read_text(encoding="utf-8")


def test_help_in_a_latin1_output_encoding_is_no_traceback(tmp_path: Path) -> None:
    for argv in (["--help"], ["add", "--help"], ["timeline", "--help"]):
        result = subprocess.run(
            [sys.executable, "-m", "azma", *argv],
            env=process_env(PYTHONIOENCODING="latin-1"),
            cwd=tmp_path,
            capture_output=True,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == b"" and b"Usage: azma" in result.stdout
    top = subprocess.run(
        [sys.executable, "-m", "azma", "--help"], env=process_env(PYTHONIOENCODING="latin-1"), cwd=tmp_path,
        capture_output=True,
    )  # fmt: skip
    assert b"Azerbaijan\\u2013Morocco relations" in top.stdout
