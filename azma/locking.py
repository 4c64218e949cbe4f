"""One writer at a time for a user's file: `azma add`, `edit` and `remove` hold its lock.

A change to a user file is read, checked and written back whole (by a rename), so two changes at
once would each start from the same text and the later rename would drop the earlier record. The
lock is taken on a hidden lock file beside the real file (`.records.toml.lock`), and the file is
read again once it is held: what is checked and written is always the latest text. The lock file
is removed when the lock is released; a process that locked a lock file removed meanwhile sees it
is no longer the one on disk and tries again, so two writers never both hold the lock.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from azma.errors import OutputError

WAIT_SECONDS = 120.0  # longer than any add takes; then the user is told who holds it


def lock_path(path: str | os.PathLike[str]) -> str:
    """The lock file of `path`: beside the file a symbolic link points to, hidden."""
    real = os.path.realpath(path)
    folder, name = os.path.split(real)
    return os.path.join(folder, f".{name}.lock")


@contextmanager
def locked(path: str | os.PathLike[str], on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the write lock of `path` (waiting for another azma holding it); OutputError if the
    lock cannot be made (a read-only folder) or is held for longer than WAIT_SECONDS.

    `on_wait` is called once when another process holds the lock."""
    from azma.safe import for_terminal

    where = lock_path(path)
    shown = for_terminal(os.fspath(path))
    deadline = time.monotonic() + WAIT_SECONDS
    told = False
    made: list[str] = []  # folders made for the lock, removed again if nothing was written there
    while True:
        try:
            fd = os.open(where, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileNotFoundError:  # the folder is not there yet (the first add to a new folder)
            folder = os.path.dirname(where)
            while folder and not os.path.lexists(folder):
                made.insert(0, folder)
                folder = os.path.dirname(folder)
            try:
                os.makedirs(os.path.dirname(where), exist_ok=True)
            except OSError as exc:
                raise OutputError(
                    f"cannot create {for_terminal(os.path.dirname(where))}: {exc.strerror or exc}"
                ) from None
            continue
        except OSError as exc:
            raise OutputError(
                f"cannot lock {shown}: {exc.strerror or exc} ({for_terminal(where)})",
                "check that the folder is writable",
            ) from None
        if _try_lock(fd):
            if _still_there(fd, where):
                break
            os.close(fd)  # removed by the writer before us: lock the new one
            continue
        os.close(fd)
        if not told and on_wait is not None:
            on_wait()
            told = True
        if time.monotonic() > deadline:
            raise OutputError(
                f"{shown} has been locked by another azma for {WAIT_SECONDS:.0f} s; nothing was written",
                f"if no azma is running, remove {for_terminal(where)}",
            )
        time.sleep(0.02)
    try:
        yield
    finally:
        if sys.platform != "win32":
            try:
                os.unlink(where)  # while still held: the next writer locks a fresh file
            except OSError:
                pass
        os.close(fd)  # releases the lock
        for folder in reversed(made):
            try:
                os.rmdir(folder)  # only if still empty: nothing was written
            except OSError:
                break


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _still_there(fd: int, where: str) -> bool:
    if sys.platform == "win32":  # pragma: no cover - the file is never removed there
        return True
    try:
        held, named = os.fstat(fd), os.stat(where, follow_symlinks=False)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)
