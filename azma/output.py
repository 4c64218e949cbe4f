"""Writing answers: format choice, terminal detection, encodings, closed pipes and full disks.

Answers are rendered whole and written at once, so a failure never leaves partial output
passed off as complete. Messages go to stderr; data goes to stdout.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata

from azma.errors import AzmaError, BrokenPipe, DataError, OutputError, UsageError, did_you_mean
from azma.render import FORMATS, Listing, Options
from azma.streams import write_bytes


def print_error(message: str) -> None:
    sys.stderr.write(f"azma: {message}\n")
    sys.stderr.flush()


def report(exc: AzmaError) -> int:
    """Print an error the way every azma command does and return its exit code."""
    if isinstance(exc, BrokenPipe):
        return exc.exit_code  # the reader went away: nothing to say
    if isinstance(exc, DataError):
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
    print_error(str(exc))
    return exc.exit_code


def note(message: str) -> None:
    """A message for a person at a terminal; scripts never see it on stdout."""
    try:
        if sys.stderr.isatty():
            sys.stderr.write(f"azma: {message}\n")
    except (AttributeError, ValueError):
        pass


def _encoding() -> str:
    return getattr(sys.stdout, "encoding", None) or "utf-8"


def _can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def stdout_is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def write_out(text: str) -> None:
    """Write the whole answer to stdout at once; raise BrokenPipe or OutputError on failure."""
    encoding = _encoding()
    try:
        data = text.encode(encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        if isinstance(exc, UnicodeEncodeError):
            char = exc.object[exc.start]
            bad = f"U+{ord(char):04X} {unicodedata.name(char, 'character')}"
        else:
            bad = "any text"
        raise OutputError(
            f"the output encoding '{encoding}' cannot show {bad}; nothing was printed",
            "set PYTHONIOENCODING=utf-8, or use --format json (which escapes it)",
        ) from None
    write_bytes(data)


def choose_format(requested: str | None, allowed: tuple[str, ...] = tuple(FORMATS)) -> str:
    """The format to draw in: the requested one, else a table at a terminal, plain in a pipe."""
    if requested is None:
        return "table" if stdout_is_tty() else "plain"
    name = requested.strip().lower()
    if name not in allowed:
        raise UsageError(
            f"--format: unknown format '{requested}'",
            did_you_mean(name, allowed) or "choose one of " + ", ".join(allowed),
        )
    return name


def render_options(color_allowed: bool, chart: bool = False) -> Options:
    """Width, colour and character set for the current stdout."""
    tty = stdout_is_tty()
    if tty:
        width = shutil.get_terminal_size((100, 24)).columns
    else:
        try:
            width = int(os.environ.get("COLUMNS", "100"))
        except ValueError:
            width = 100
    color = tty and color_allowed and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return Options(
        width=max(20, width), color=color, ascii_only=not _can_encode("əç█–", _encoding()), chart=chart
    )


def emit(listing: Listing, requested: str | None, *, color_allowed: bool, chart: bool = False) -> None:
    """Render a listing in the chosen format and write it; notes go to stderr."""
    from azma.render import renderer

    fmt = choose_format(requested)
    options = render_options(color_allowed, chart)
    if not listing.rows:
        note(listing.empty_message)
        if fmt in ("table", "plain"):
            return
    write_out(renderer(fmt)(listing, options))
    if fmt == "plain" and listing.notes:
        sys.stderr.write("".join(f"note: {n}\n" for n in listing.notes))
