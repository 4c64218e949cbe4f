"""Writing an export to a file: never over an existing file unless asked, never half-written.

The document goes to a temporary file in the target's folder (so the final rename stays on one
file system), is flushed to disk, and only then takes the target's name: a reader sees either
the old file or the whole new one, and an error or Ctrl-C leaves no partial file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from azma.errors import OutputError, UsageError

_FORCE_HINT = "add --force to replace it"


def _is_special(path: Path) -> bool:
    """A device, pipe or socket (e.g. /dev/stdout): written into, never replaced."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def refuse_existing(path: Path, force: bool) -> None:
    """Fail early (before any work) when `path` exists and --force was not given."""
    if path.is_dir():
        raise UsageError(f"-o {path}: is a folder", "give a file name")
    if not force and os.path.lexists(path) and not _is_special(path):
        raise UsageError(f"-o {path}: the file exists; not overwriting it", _FORCE_HINT)


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    """Write `data` to `path` via a temporary file and a rename; UsageError if it exists.

    A symbolic link is followed (its target is replaced, the link stays); a device or pipe
    is written into directly, as a shell redirection would.
    """
    refuse_existing(path, force)
    if _is_special(path):
        try:
            with open(path, "wb") as device:
                device.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle = tempfile.NamedTemporaryFile(dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(path))
        if force:
            os.replace(temporary, path)
        else:
            _rename_no_clobber(temporary, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if temporary.exists():
            temporary.unlink()


def _rename_no_clobber(temporary: Path, path: Path) -> None:
    """Give the file its name unless one appeared meanwhile (a hard link fails if it exists)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise UsageError(f"-o {path}: the file exists; not overwriting it", _FORCE_HINT) from None
    except OSError:  # no hard links on this file system: check, then rename
        if os.path.lexists(path):
            raise UsageError(f"-o {path}: the file exists; not overwriting it", _FORCE_HINT) from None
        os.replace(temporary, path)


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the current umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
