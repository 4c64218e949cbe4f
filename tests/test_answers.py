"""The answer cache replays exactly what a command printed, and never a stale answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

USER = """
[[source]]
id = "note"
title = "A note"
publisher = "me"
kind = "notes"

[[event]]
id = "my-event"
date = "2020-05-06"
title = "TITLE"
fields = ["culture"]
sources = ["note"]
"""


class Azma:
    """Runs the real `python -m azma` with its own cache folder: (status, stdout, stderr)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache = folder / "cache"

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, python_flags: tuple[str, ...] = ()
    ) -> tuple[int, bytes, bytes]:
        cache, tmp_path = self.cache, self.folder
        full_env = {**os.environ, "AZMA_CACHE_DIR": str(cache), "COLUMNS": "100", **(env or {})}
        for key in ("AZMA_NO_CACHE", "AZMA_DATA", "NO_COLOR"):
            if key not in (env or {}):
                full_env.pop(key, None)
        done = subprocess.run([sys.executable, *python_flags, "-m", "azma", *args], env=full_env,
                              capture_output=True, check=False, cwd=tmp_path)  # fmt: skip
        return done.returncode, done.stdout, done.stderr


@pytest.fixture
def azma(tmp_path: Path) -> Azma:
    return Azma(tmp_path)


def answers(cache: Path) -> list[Path]:
    return sorted(cache.glob("answer-*.marshal"))


def test_a_replayed_answer_is_byte_for_byte_the_computed_one(azma: Azma) -> None:
    runs = [azma("trade") for _ in range(3)]  # Typer, then the fast path (recorded), then replayed
    assert runs[0][0] == 0 and runs[0][2]  # trade's caveats go to stderr in a pipe
    assert runs[0] == runs[1] == runs[2]
    assert len(answers(azma.cache)) == 1
    status, out, err = azma("trade", python_flags=("-X", "importtime"))
    assert (status, out) == (0, runs[0][1])
    imported = err.decode()
    assert "typer" not in imported and "rich" not in imported and "azma.model" not in imported


def test_an_edited_user_file_is_never_answered_from_the_cache(azma: Azma, tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    for title in ("First title", "Second title", "Third title"):
        user.write_text(USER.replace("TITLE", title), encoding="utf-8")
        for _ in range(3):
            status, out, _ = azma("--data", str(user), "timeline", "--since", "2020", "--until", "2020")
            assert status == 0 and title.encode() in out


def test_the_terminal_width_and_environment_are_part_of_the_key(azma: Azma) -> None:
    wide = [azma("timeline", "--format", "table", env={"COLUMNS": "100"}) for _ in range(3)]
    narrow = [azma("timeline", "--format", "table", env={"COLUMNS": "40"}) for _ in range(3)]
    assert wide[0] == wide[2] and narrow[0] == narrow[2]
    assert wide[2][1] != narrow[2][1]
    assert max(len(line) for line in narrow[2][1].decode().splitlines()) <= 40


def test_errors_and_side_effects_are_not_recorded(azma: Azma, tmp_path: Path) -> None:
    for _ in range(3):
        assert azma("timeline", "--since", "03/04/2018")[0] == 2
    target = tmp_path / "out.md"
    for _ in range(3):
        target.unlink(missing_ok=True)
        assert azma("export", "markdown", "-o", str(target))[0] == 0
        assert target.is_file()  # written by every run, never skipped as a replay
    assert answers(azma.cache) == []


def test_a_corrupt_answer_is_ignored(azma: Azma) -> None:
    first = [azma("fields") for _ in range(2)][0]
    (entry,) = answers(azma.cache)
    entry.write_bytes(b"not an answer")
    assert azma("fields") == first


def test_no_cache_means_no_answers(azma: Azma) -> None:
    for _ in range(3):
        azma("sources", env={"AZMA_NO_CACHE": "1"})
    assert not azma.cache.exists() or answers(azma.cache) == []
