"""Writing bytes to stdout: at once, with a closed pipe or a full disk turned into azma errors.

Standard library and azma.errors only, so a replayed answer (azma.answers) can use it too.
"""

from __future__ import annotations

import os
import sys

from azma.errors import BrokenPipe, OutputError


def write_bytes(data: bytes) -> None:
    """Write encoded output to stdout at once; raise BrokenPipe or OutputError on failure."""
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is not None:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        else:  # a text-only stream (some test runners): it takes str
            sys.stdout.write(data.decode(getattr(sys.stdout, "encoding", None) or "utf-8", errors="replace"))
            sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise BrokenPipe("stdout was closed") from None
    except OSError as exc:
        silence_stdout()
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def silence_stdout() -> None:
    """After a write failed, point stdout at /dev/null so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
