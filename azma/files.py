"""Every write azma makes: answers to stdout, messages to stderr, exports to files.

Answers are rendered whole and written at once, each write checked for what it wrote and
flushed, so a failure is an error with an exit code and never partial output passed off as
complete: a closed pipe ends quietly with 141, a full disk or other write error with 3. Files
are written atomically and never over an existing file unless asked.
"""

from __future__ import annotations

import errno
import os
import sys

from azma.errors import AzmaError, BrokenPipe, DataError, OutputError, UsageError

TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from azma.terminal import Terminal


# ----------------------------------------------------------------------------- stdout


def write_out(text: str | Iterable[str], encoding: str | None = None) -> None:
    """Encode the whole answer, then write it to stdout at once (see write_bytes); an answer
    given in chunks (a renderer's iterator) is written chunk by chunk as it is made."""
    if not isinstance(text, str):
        for chunk in text:
            write_out(chunk, encoding)
        return
    encoding = encoding or getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        if isinstance(exc, UnicodeEncodeError):
            import unicodedata

            char = exc.object[exc.start]
            bad = f"U+{ord(char):04X} {unicodedata.name(char, 'character')}"
        else:
            bad = "any text"
        raise OutputError(
            f"the output encoding '{encoding}' cannot show {bad}; nothing was printed",
            "set PYTHONIOENCODING=utf-8, or use --format json (which escapes it)",
        ) from None
    write_bytes(data)


def write_bytes(data: bytes) -> None:
    """Write `data` to stdout, checking every count written; raise BrokenPipe or OutputError.

    The bytes go straight to file descriptor 1 (after anything already buffered in sys.stdout),
    so no buffer is left holding part of the answer for the interpreter to flush at exit.
    """
    try:
        sys.stdout.flush()  # help or earlier text Typer may have buffered comes first
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError) as exc:
        if isinstance(exc, BrokenPipeError):
            _failed(exc)
        _write_stream(data)  # no file descriptor (a test runner's stream)
        return
    view = memoryview(data)
    try:
        while view:
            try:
                written = os.write(fd, view[: 1 << 20])
            except BlockingIOError:  # stdout was left non-blocking by another program
                _wait_writable(fd)
                continue
            if written <= 0:
                raise OSError(errno.EIO, "nothing was written")
            view = view[written:]
    except OSError as exc:
        _failed(exc)


def _write_stream(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is not None:
            stream.write(data)
            stream.flush()
        else:  # a text-only stream: it takes str
            sys.stdout.write(data.decode(getattr(sys.stdout, "encoding", None) or "utf-8", errors="replace"))
            sys.stdout.flush()
    except OSError as exc:
        _failed(exc)


def _wait_writable(fd: int) -> None:
    import select

    select.select([], [fd], [], 5.0)


def _failed(exc: OSError) -> None:
    silence_stdout()
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        raise BrokenPipe("stdout was closed") from None
    raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def silence_stdout() -> None:
    """After a write failed, point stdout at /dev/null and drop what sys.stdout still buffers,
    so the interpreter's flush at exit cannot fail again (and print 'Exception ignored')."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    try:
        sys.stdout.flush()  # now into /dev/null
    except (OSError, ValueError, AttributeError):
        pass


# ----------------------------------------------------------------------------- the pager

DEFAULT_PAGER = "less -FRX"  # quit if one screen, keep colours, leave the text on the screen


def pager_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager to run, as gh and git choose it: $AZMA_PAGER, else $PAGER, else `less -FRX`;
    None when the one set is empty or `cat` (no pager) or cannot be split into words."""
    import shlex

    environ = os.environ if environ is None else environ
    chosen = environ.get("AZMA_PAGER")
    if chosen is None:
        chosen = environ.get("PAGER", DEFAULT_PAGER)
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    return words if words and words != ["cat"] else None


def screen_lines(text: str, width: int) -> int:
    """How many lines of a terminal `width` columns wide `text` takes (long lines wrap)."""
    count = 0
    for line in text.splitlines():
        visible = len(_without_colour(line)) if "\x1b" in line else len(line)
        count += max(1, -(-visible // max(width, 1)))
    return count


def _without_colour(line: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", line)


def write_paged(text: str | Iterable[str], terminal: Terminal, allowed: bool = True) -> None:
    """Write an answer to stdout, through the pager when stdout is a terminal and the answer is
    taller than its screen (and `allowed`: not --no-pager); else as write_out does. A pager that
    cannot be started is said once on stderr and the answer written directly."""
    if not (allowed and terminal.is_tty and terminal.height):
        write_out(text, terminal.encoding)
        return
    if not isinstance(text, str):
        text = "".join(text)
    command = pager_command()
    if command is None or screen_lines(text, terminal.width) < terminal.height:
        write_out(text, terminal.encoding)
        return
    try:
        data = text.encode(terminal.encoding)
    except (UnicodeEncodeError, LookupError):
        write_out(text, terminal.encoding)  # says what cannot be shown
        return
    if not _run_pager(command, data):
        write_bytes(data)


def _run_pager(command: list[str], data: bytes) -> bool:
    """Give `data` to the pager on its stdin and wait for it; False when it cannot be started.
    While the pager runs, Ctrl-C is the pager's (less uses it to stop a search), not azma's."""
    import signal
    import subprocess

    environ = {**os.environ}
    environ.setdefault("LESS", "FRX")  # as git does, for a PAGER=less without options
    environ.setdefault("LV", "-c")
    try:
        sys.stdout.flush()
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=environ)
    except OSError as exc:
        from azma.safe import for_terminal

        print_error(
            f"cannot run the pager '{for_terminal(command[0])}': {exc.strerror or exc}; set AZMA_PAGER"
        )
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert pager.stdin is not None
        for step in (lambda: pager.stdin.write(data), pager.stdin.close):
            try:
                step()
            except OSError:  # the reader quit before reading it all (q in less): that is no error
                pass
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


# ----------------------------------------------------------------------------- stderr


def print_error(message: str) -> None:
    """One line on stderr, as every azma message is written; a closed stderr is not an error."""
    from azma.safe import for_terminal

    _stderr(f"azma: {for_terminal(message)}\n")


def write_err(text: str) -> None:
    """Text for people on stderr (notes, the trade chart in a pipe); a closed stderr is no error."""
    _stderr(text)


def _stderr(text: str) -> None:
    stream = sys.stderr
    if stream is None:  # started with stderr closed (2>&-)
        return
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError, UnicodeEncodeError):
        pass


def report(exc: AzmaError) -> int:
    """Print an error the way every azma command does and return its exit code."""
    if isinstance(exc, BrokenPipe):
        return exc.exit_code  # the reader went away: nothing to say
    if isinstance(exc, DataError):  # its problems above it, as `azma validate` lists them
        from azma.formats.problems import render_problems_text

        _stderr(render_problems_text(exc.problems))
    print_error(str(exc))
    return exc.exit_code


def note(message: str, terminal: Terminal | None = None) -> None:
    """A message for a person at a terminal; scripts never see it."""
    if terminal is not None:
        tty = terminal.stderr_tty
    else:
        try:
            tty = sys.stderr is not None and sys.stderr.isatty()
        except (AttributeError, ValueError):
            tty = False
    if tty:
        from azma.safe import for_terminal

        _stderr(_fitted(f"azma: {for_terminal(message)}") + "\n")


def _fitted(text: str) -> str:
    """A note cut into lines at spaces to fit the width of the terminal stderr is on."""
    try:
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return text
    if width < 20 or len(text) < width:  # (a terminal whose size is not set says 0)
        return text
    import textwrap

    return "\n".join(textwrap.wrap(text, width - 1, break_long_words=False, break_on_hyphens=False))


# ----------------------------------------------------------------------------- files

_FORCE_HINT = "add --force to replace it"


def _is_special(path: Path) -> bool:
    """A device, pipe or socket (e.g. /dev/stdout): written into, never replaced."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def refuse_existing(path: Path, force: bool) -> None:
    """Fail early (before any work) when `path` exists and --force was not given."""
    from azma.safe import for_terminal

    if path.is_dir():
        raise UsageError(f"-o {for_terminal(str(path))}: is a folder", "give a file name")
    if not force and os.path.lexists(path) and not _is_special(path):
        raise UsageError(f"-o {for_terminal(str(path))}: the file exists; not overwriting it", _FORCE_HINT)


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    """Write `data` to `path` via a temporary file and a rename; UsageError if it exists.

    The document goes to a temporary file in the target's folder (so the rename stays on one
    file system), is flushed to disk, and only then takes the target's name: a reader sees
    either the old file or the whole new one. A symbolic link is followed (its target is
    replaced, the link stays); a device or pipe is written into directly, as a shell
    redirection would.
    """
    import tempfile
    from pathlib import Path

    from azma.safe import for_terminal

    refuse_existing(path, force)
    shown = for_terminal(str(path))
    if _is_special(path):
        try:
            with open(path, "wb") as device:
                device.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        # the name's first 60 characters (at most 240 bytes): the temporary name stays within the
        # 255 bytes a file name may have, even beside a target whose name uses all of them
        prefix = f".{path.name[:60]}."
        handle = tempfile.NamedTemporaryFile(dir=folder, prefix=prefix, suffix=".tmp", delete=False)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode_for(path))
        if force:
            os.replace(temporary, path)
        else:
            _rename_no_clobber(temporary, path)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        if temporary.exists():
            temporary.unlink()


def _rename_no_clobber(temporary: Path, path: Path) -> None:
    """Give the file its name unless one appeared meanwhile (a hard link fails if it exists)."""
    from azma.safe import for_terminal

    exists = UsageError(f"-o {for_terminal(str(path))}: the file exists; not overwriting it", _FORCE_HINT)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise exists from None
    except OSError:  # no hard links on this file system: check, then rename
        if os.path.lexists(path):
            raise exists from None
        os.replace(temporary, path)


def mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the current umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
