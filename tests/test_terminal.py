"""A real terminal: tables by default, colour unless NO_COLOR, --no-color or TERM=dumb say no.

Each run is a real process whose stdout and stderr are a pseudo-terminal of a fixed size, so
azma sees exactly what it sees in a user's terminal; and the Terminal value azma detects once is
checked directly, as tests inject it elsewhere.
"""

from __future__ import annotations

import os
import pty
import re
import select
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from azma.terminal import Terminal

FIXTURE_BUNDLED = Path(__file__).resolve().parent / "fixtures" / "bundled"
# azma's console entry point on the fixture data as the bundled data (a str, as azma's own
# bundled_data_dir returns: pathlib is not imported on the fast path, ~10 ms a run)
SCRIPT = (
    "import sys; import azma.load; "
    f"azma.load.bundled_data_dir = lambda: {str(FIXTURE_BUNDLED)!r}; "
    "sys.argv = ['azma', *sys.argv[1:]]; from azma.__main__ import main; main()"
)


def at_a_terminal(
    *args: str,
    env: dict[str, str] | None = None,
    columns: int = 100,
    lines: int = 40,
    bundled: Path = FIXTURE_BUNDLED,
) -> tuple[int, str]:
    """Run azma with a pseudo-terminal of `columns` x `lines` as stdout and stderr, reading
    `bundled` as its bundled data; (exit code, everything it showed)."""
    import fcntl
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("AZMA_") and k not in ("NO_COLOR", "COLUMNS")
    }
    environ.update({"AZMA_NO_CACHE": "1", "TERM": "xterm-256color", **(env or {})})
    script = SCRIPT.replace(repr(str(FIXTURE_BUNDLED)), repr(str(bundled)))
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower, env=environ, close_fds=True)  # fmt: skip
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:  # silent for 30 s: waiting for a key (a pager over a short screen?) or hung
            process.kill()
            process.wait()
            os.close(leader)
            raise AssertionError(f"azma {' '.join(args)} showed nothing for 30 s and was stopped")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_terminal_gets_a_coloured_table_by_default() -> None:
    code, shown = at_a_terminal("timeline")
    assert code == 0
    assert "\x1b[" in shown  # with colour
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert plain.startswith("Date  ") and "\n────" in plain  # a table, not tab-separated lines
    assert "first-visit" in plain  # with its ids: the fixture's are short enough at 100 columns
    assert "\t" not in shown


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-color", "timeline"], {}),
        (["timeline", "--no-color"], {}),  # a global option after the command
        (["timeline"], {"NO_COLOR": "1"}),
        (["timeline"], {"TERM": "dumb"}),
    ],
)
def test_colour_can_be_turned_off(args: list[str], env: dict[str, str]) -> None:
    code, shown = at_a_terminal(*args, env=env)
    assert code == 0
    assert shown.startswith("Date  ") and "\n────" in shown  # still a table
    assert "\x1b[" not in shown


def test_an_empty_no_color_does_not_count() -> None:
    """no-color.org: NO_COLOR turns colour off when it is set to a non-empty value."""
    _, shown = at_a_terminal("timeline", env={"NO_COLOR": ""})
    assert "\x1b[" in shown


def test_the_terminal_width_decides_the_layout() -> None:
    # a screen tall enough for every layout: a taller answer would wait in the pager
    _, wide = at_a_terminal("timeline", "--no-color", columns=120, lines=1000)
    _, narrow = at_a_terminal("timeline", "--no-color", columns=40, lines=1000)
    _, sixty = at_a_terminal("timeline", "--no-color", columns=60, lines=1000)
    assert max(map(len, wide.splitlines())) <= 120 and wide.startswith("Date  ")
    assert max(map(len, sixty.splitlines())) <= 60 and sixty.startswith("Date  ")  # a table from 60
    assert "────" not in narrow and "Date: 1994" in narrow  # cards below 60 columns


def test_a_note_for_people_goes_to_the_terminal() -> None:
    code, shown = at_a_terminal("timeline", "--since", "2031")
    assert code == 0
    assert shown.strip() == "azma: no events matched --since/--until; try a wider --since/--until"


def test_a_note_longer_than_the_terminal_is_cut_at_spaces() -> None:
    code, wide = at_a_terminal("timeline", "--since", "2031")
    _, narrow = at_a_terminal("timeline", "--since", "2031", columns=30)
    assert code == 0 and wide.count("\n") == 1  # one line where it fits
    lines = narrow.splitlines()
    assert len(lines) > 1 and all(len(line) < 30 for line in lines)
    assert " ".join(lines) == wide.strip()  # the same words, cut only where a space was


def test_terminal_detect_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeTty:
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            raise OSError("no real terminal")

    monkeypatch.setattr(sys, "stdout", FakeTty())
    monkeypatch.setattr(sys, "stderr", FakeTty())
    found = Terminal.detect(True, {"COLUMNS": "77", "TERM": "xterm"})
    assert found == Terminal(is_tty=True, width=77, color=True, encoding="utf-8", stderr_tty=True)
    assert Terminal.detect(False, {"COLUMNS": "77"}).color is False
    assert Terminal.detect(True, {"COLUMNS": "77", "NO_COLOR": "1"}).color is False
    assert Terminal.detect(True, {"COLUMNS": "100000000000"}).width == 1000  # capped, not allocated
    assert Terminal.detect(True, {"COLUMNS": "5"}).width == 20
    assert Terminal.detect(True, {"COLUMNS": "wide"}).width == 100  # no terminal size to ask: the default
    assert Terminal(encoding="ascii").ascii_only and not Terminal().ascii_only
