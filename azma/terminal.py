"""The one Terminal value: what stdout and stderr are (tty or not, width, colour, encoding).

It is computed once per run by `Terminal.detect` and passed down to whatever draws or writes,
so tests inject a Terminal instead of faking a tty (as httpie injects its Environment).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, NamedTuple
else:
    from azma._named import NamedTuple


DEFAULT_WIDTH = 100
MIN_WIDTH = 20
MAX_WIDTH = 1000  # wider than any screen: a larger COLUMNS is a mistake, not a terminal


class Terminal(NamedTuple):
    """Where output goes: a terminal or not, how wide, with colour, in which encoding."""

    is_tty: bool = False  # stdout is a terminal
    width: int = DEFAULT_WIDTH
    color: bool = False
    encoding: str = "utf-8"
    stderr_tty: bool = False  # notes for people go to stderr only when it is a terminal
    height: int = 0  # lines on the screen (0: not a terminal, or not known); taller output is paged

    @property
    def ascii_only(self) -> bool:
        """True when the encoding cannot show the box and bar characters tables use."""
        return not can_encode("əç█–", self.encoding)

    @classmethod
    def detect(cls, color_allowed: bool = True, environ: Mapping[str, str] = os.environ) -> Terminal:
        """The Terminal of this process's stdout and stderr."""
        tty = _isatty(sys.stdout)
        width = _width(tty, environ)
        color = (
            tty and color_allowed and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"
        )  # an empty NO_COLOR does not count (no-color.org)
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        return cls(tty, width, color, encoding, _isatty(sys.stderr), _height(tty, environ))


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _width(tty: bool, environ: Mapping[str, str]) -> int:
    """COLUMNS if it is a sane number, else the terminal's size at a tty, else 100."""
    columns = environ.get("COLUMNS", "").strip()
    width = 0
    if columns.isascii() and columns.isdigit():  # a number too long for int() is only very wide
        width = int(columns) if len(columns) <= 6 else MAX_WIDTH
    if not width and tty:
        try:
            width = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            width = 0
    if not width:
        width = DEFAULT_WIDTH
    return max(MIN_WIDTH, min(width, MAX_WIDTH))


def _height(tty: bool, environ: Mapping[str, str]) -> int:
    """LINES if it is a sane number, else the terminal's size; 0 when stdout is no terminal."""
    if not tty:
        return 0
    lines = environ.get("LINES", "").strip()
    if lines.isascii() and lines.isdigit() and 0 < len(lines) <= 6:
        return int(lines)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError, AttributeError):
        return 0


def can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
