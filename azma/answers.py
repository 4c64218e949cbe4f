"""The answer cache: a repeated command line gets its recorded answer back without recomputing it.

A read-only command answered by the fast path with exit status 0 is recorded: every chunk it
wrote to stdout and stderr, in order. The key is everything the answer can depend on — the
command line, the working folder, azma's and Python's versions, the stat of every module of
azma and every data file (bundled ones, AZMA_DATA ones and any argument that names a file),
the environment variables azma or the terminal read, whether stdout and stderr are terminals
(and the terminal's size), their encodings, and today's date. Any change misses, and the
command runs as if there were no cache.

Replaying needs only the standard library: it runs before Typer, Rich or the dataset load.
`AZMA_ANSWERS=0` turns it off; `AZMA_NO_CACHE=1` turns it off with the other caches.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, BinaryIO

from azma import __version__
from azma.store import cache_dir, entry_path, read_entry, write_entry

# commands whose answer depends only on the key (no files written, no other side effects)
READ_ONLY = frozenset(
    {"timeline", "agreements", "trade", "search", "show", "sources", "fields", "actors",
     "on_this_day", "anniversaries", "export", "validate"}
)  # fmt: skip
_ENVIRONMENT = (
    "COLUMNS",
    "LINES",
    "TERM",
    "NO_COLOR",
    "PYTHONIOENCODING",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TZ",
)
_HERE = os.path.dirname(os.path.abspath(__file__))
MAX_ANSWER_BYTES = 4 << 20  # larger answers are recomputed: the parse cache already makes that fast


def _folder() -> str | None:
    """The cache folder, or None when answers are off."""
    if os.environ.get("AZMA_ANSWERS", "").strip().lower() in ("0", "no", "false"):
        return None
    return cache_dir()


def answer_key(argv: Sequence[str]) -> str:
    """Everything a command's answer may depend on, as text."""
    parts: list[object] = [__version__, sys.version, os.getcwd(), tuple(argv), time.strftime("%Y-%m-%d")]
    parts.append(sorted((k, v) for k, v in os.environ.items() if k.startswith("AZMA_") or k in _ENVIRONMENT))
    for stream in (sys.stdout, sys.stderr):
        parts.append((_isatty(stream), getattr(stream, "encoding", None), getattr(stream, "errors", None)))
    if _isatty(sys.stdout):
        try:
            parts.append(tuple(os.get_terminal_size(sys.stdout.fileno())))
        except (OSError, ValueError):
            pass
    data = os.path.join(_HERE, "data")
    folders = [_HERE, os.path.join(_HERE, "render"), os.path.join(_HERE, "export")]
    folders.append(data if os.path.isdir(data) else os.path.join(os.path.dirname(_HERE), "data"))
    files = [
        entry.path for folder in folders for entry in _scan(folder) if entry.name.endswith((".py", ".toml"))
    ]
    named = [p for p in os.environ.get("AZMA_DATA", "").split(os.pathsep) if p]
    named += [piece for arg in argv for piece in (arg, arg.partition("=")[2]) if piece]
    for path in [*files, *named]:
        try:
            st = os.stat(os.path.expanduser(path))
        except (OSError, ValueError):
            continue
        parts.append((path, st.st_size, st.st_mtime_ns, st.st_ino))
    return repr(parts)


def _scan(folder: str) -> list[os.DirEntry[str]]:
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def replay(argv: Sequence[str]) -> int | None:
    """Write the recorded answer of `argv` and return its exit status, or None when there is none."""
    folder = _folder()
    if folder is None or sys.stdout is None or sys.stderr is None:
        return None
    key = answer_key(argv)
    chunks = read_entry(entry_path(folder, "answer", key), key)
    if not isinstance(chunks, tuple):
        return None
    out, err = sys.stdout.buffer, sys.stderr.buffer
    try:
        for fd, chunk in chunks:
            stream = out if fd == 1 else err
            stream.write(chunk)
            stream.flush()
    except OSError as exc:
        from azma.errors import BrokenPipe, OutputError
        from azma.output import report
        from azma.streams import silence_stdout

        silence_stdout()
        failure = (
            BrokenPipe("")
            if isinstance(exc, BrokenPipeError)
            else OutputError(f"cannot write the output: {exc.strerror or exc}")
        )
        return report(failure)
    return 0


class _Tee(io.RawIOBase):
    """A raw stream that writes through to a real one and keeps a copy of each chunk."""

    def __init__(self, real: BinaryIO, fd: int, chunks: list[tuple[int, bytes]]) -> None:
        super().__init__()
        self.real, self.fd, self.chunks = real, fd, chunks

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.real.write(chunk)
        self.real.flush()
        self.chunks.append((self.fd, chunk))
        return len(chunk)

    def isatty(self) -> bool:
        return self.real.isatty()

    def fileno(self) -> int:
        return self.real.fileno()

    def close(self) -> None:  # never close the real stream
        pass


@contextmanager
def recording(argv: Sequence[str] | None) -> Iterator[list[int]]:
    """Record what is written to stdout and stderr; store it if the caller sets status [0].

    `argv` None (a command with side effects) records nothing.
    """
    folder = _folder()
    real_out, real_err = sys.stdout, sys.stderr
    status: list[int] = []
    if argv is None or folder is None or not hasattr(real_out, "buffer") or not hasattr(real_err, "buffer"):
        yield status
        return
    key = answer_key(argv)  # before the run: what the answer is computed from
    chunks: list[tuple[int, bytes]] = []
    wrappers = [
        io.TextIOWrapper(io.BufferedWriter(_Tee(stream.buffer, fd, chunks)), encoding=stream.encoding,
                         errors=stream.errors, write_through=True)
        for fd, stream in ((1, real_out), (2, real_err))
    ]  # fmt: skip
    sys.stdout, sys.stderr = wrappers
    try:
        yield status
    finally:
        for wrapper in wrappers:
            try:
                wrapper.flush()
            except (OSError, ValueError):
                status.clear()  # the answer did not reach its reader whole: do not keep it
        sys.stdout, sys.stderr = real_out, real_err
    if status == [0] and sum(len(chunk) for _, chunk in chunks) <= MAX_ANSWER_BYTES:
        write_entry(entry_path(folder, "answer", key), key, tuple(chunks))
