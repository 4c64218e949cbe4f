"""azma's cache folder: entries written atomically, read defensively, pruned on write.

Standard library only, with plain string paths (no pathlib at start-up). The parse cache and the
fast path's spec keep their entries here.

azma owns one subfolder of the cache directory, marked with a CACHEDIR.TAG file, and only ever
lists, reads, prunes or deletes files inside it whose names it gave them: pointing
AZMA_CACHE_DIR at a folder of one's own (even $PWD) never touches the files already there.
Each entry carries a checksum of each of its payloads (frames), so a truncated or corrupted file
is detected and rebuilt, never used; anything that is not a regular file in place of an entry (a FIFO, a
device, a folder) is skipped without being opened for reading.
"""

from __future__ import annotations

import marshal
import os
import stat
import zlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from typing import Any


FORMAT = 6
SUBFOLDER = "azma-cache"  # the part of the cache directory azma owns
SUFFIX = ".marshal"
TAG = "CACHEDIR.TAG"
_TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is a cache made by azma (https://pypi.org/project/azma/); it can be deleted.\n"
)
_MAX_ENTRY_BYTES = 1 << 30  # an entry larger than this is not one of ours


def cache_dir(environ: Mapping[str, str] = os.environ) -> str | None:
    """azma's own folder in $AZMA_CACHE_DIR, $XDG_CACHE_HOME/azma or ~/.cache/azma; None when off."""
    if environ.get("AZMA_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    base = environ.get("AZMA_CACHE_DIR")
    if not base:
        home = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(home, "azma")
    return os.path.join(base, SUBFOLDER)


def entry_path(folder: str, kind: str, key: str) -> str:
    """Where the entry for `key` lives: a short checksum names it, the full key is inside."""
    data = key.encode()
    return os.path.join(folder, f"{kind}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}{SUFFIX}")


class Unusable(Exception):
    """An entry that is missing, not a regular file, stored under another key, or corrupt."""


def read_frames(path: str, key: str) -> Iterator[Any]:
    """The payloads (frames) stored under exactly `key`, read and checked one at a time, so a
    large entry is never held whole beside what is made of it. Raises Unusable, possibly after
    some frames were given: a caller keeps nothing it built from an entry that fails."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except (OSError, ValueError):
        raise Unusable(path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY_BYTES:
            raise Unusable(path)  # a FIFO, device or folder where an entry should be: never read it
        with os.fdopen(fd, "rb", closefd=False) as handle:
            size = int.from_bytes(handle.read(4), "little")
            magic, stored_key, frames = marshal.loads(handle.read(size))
            if magic != FORMAT or stored_key != key:
                raise Unusable(path)
            for length, checksum in frames:
                body = handle.read(length)  # marshal.loads(bytes) is far faster than marshal.load(file)
                if len(body) != length or zlib.crc32(body) != checksum:
                    raise Unusable(path)
                yield marshal.loads(body)
    except Unusable:
        raise
    except Exception:  # a corrupt, truncated or foreign file is never fatal: it is rebuilt
        raise Unusable(path) from None
    finally:
        os.close(fd)


def read_entry(path: str, key: str) -> Any:
    """The one payload stored under exactly `key` (write_entry), or None when it is unusable."""
    try:
        frames = list(read_frames(path, key))
    except Unusable:
        return None
    return frames[0] if len(frames) == 1 else None


def write_entry(path: str, key: str, payload: Any, keep: Mapping[str, int] | None = None) -> None:
    """Store one payload (see write_frames)."""
    write_frames(path, key, (payload,), keep)


def write_frames(path: str, key: str, frames: Iterable[Any], keep: Mapping[str, int] | None = None) -> None:
    """Store the payloads `frames` atomically (temporary file, then rename), each with its size
    and checksum in the header, then prune; failures only cost speed."""
    import tempfile  # only when writing: keeps it off the start-up of cached runs

    try:
        folder = os.path.dirname(path)
        if not _owned(folder):
            return
        bodies = [marshal.dumps(frame) for frame in frames]
        header = marshal.dumps((FORMAT, key, tuple((len(b), zlib.crc32(b)) for b in bodies)))
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=SUFFIX)
        try:
            with os.fdopen(fd, "wb") as handle:  # the header's size, the header, the frames
                handle.write(len(header).to_bytes(4, "little"))
                handle.write(header)
                for body in bodies:
                    handle.write(body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        return
    if keep is not None:
        prune(folder, keep)


def _owned(folder: str) -> bool:
    """True when `folder` is azma's: made now (with its CACHEDIR.TAG, which also tells backup
    tools to skip it) or made earlier with that tag. A folder of that name azma did not make is
    left alone, and nothing is cached."""
    tag = os.path.join(folder, TAG)
    try:
        os.makedirs(os.path.dirname(folder) or ".", exist_ok=True)
        os.mkdir(folder)
    except FileExistsError:
        return os.path.isfile(tag) and not os.path.islink(folder)
    with open(tag, "w", encoding="ascii") as handle:
        handle.write(_TAG_TEXT)
    return True


def prune(folder: str, keep: Mapping[str, int]) -> None:
    """Keep the newest `keep[kind]` entries of each kind azma writes; remove older formats' entries.

    Only regular files in azma's tagged subfolder whose names azma gives are ever removed.
    """
    try:
        if not os.path.isfile(os.path.join(folder, TAG)):
            return  # not a folder azma made: touch nothing
        by_kind: dict[str, list[tuple[int, str]]] = {}
        for entry in os.scandir(folder):
            name = entry.name
            if name.startswith(".") or not name.endswith(SUFFIX) or "-" not in name:
                continue
            if not entry.is_file(follow_symlinks=False):
                continue
            kind = name.rsplit("-", 1)[0]
            by_kind.setdefault(kind, []).append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
        for kind, found in by_kind.items():
            found.sort()
            for _, old in found[: -keep[kind]] if kind in keep else found:
                os.unlink(old)
    except OSError:
        pass
