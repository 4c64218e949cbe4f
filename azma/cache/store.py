"""azma's cache folder: entries written atomically, read defensively, pruned on write.

Standard library only, with plain string paths (no pathlib at start-up). The parse cache and the
fast path's spec keep their entries here.

azma owns one subfolder of the cache directory, marked with a CACHEDIR.TAG file, and only ever
lists, reads, prunes or deletes files inside it whose names it gave them: pointing
AZMA_CACHE_DIR at a folder of one's own (even $PWD) never touches the files already there.
Each entry carries a checksum of its header and of each of its payloads (frames), checked before
anything in them is unmarshalled, so a truncated or corrupted file is detected and rebuilt,
never used (nor allowed to make marshal allocate what a corrupt length asks for); anything that
is not a regular file in place of an entry (a FIFO, a device, a folder) is skipped without
being opened for reading.
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


FORMAT = 7  # 7: the header carries its own checksum
SUBFOLDER = "azma-cache"  # the part of the cache directory azma owns
SUFFIX = ".marshal"
TAG = "CACHEDIR.TAG"
_TAG_BYTES = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This folder is a cache made by azma (https://pypi.org/project/azma/); it can be deleted.\n"
)
_MAX_ENTRY_BYTES = 1 << 30  # an entry larger than this is not one of ours
MAGIC = b"\x89azma cache entry\r\n\x1a\n"  # how every entry azma writes begins: no user file does


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
            # The header's size and checksum are checked before anything is unmarshalled: a
            # few bad bytes could otherwise ask marshal for a list of 2**31 items (16 GiB).
            start = handle.read(len(MAGIC) + 8)
            if not start.startswith(MAGIC) or len(start) != len(MAGIC) + 8:
                raise Unusable(path)
            size = int.from_bytes(start[-8:-4], "little")
            checksum = int.from_bytes(start[-4:], "little")
            if size > info.st_size - len(start):
                raise Unusable(path)
            header = handle.read(size)
            if len(header) != size or zlib.crc32(header) != checksum:
                raise Unusable(path)
            magic, stored_key, frames = marshal.loads(header)
            rest = info.st_size - len(start) - size
            if magic != FORMAT or stored_key != key or sum(n for n, _ in frames) != rest:
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
    try:
        folder = os.path.dirname(path)
        if not _owned(folder):
            return
        bodies = [marshal.dumps(frame) for frame in frames]
        header = marshal.dumps((FORMAT, key, tuple((len(b), zlib.crc32(b)) for b in bodies)))
        fd, tmp = _new_temporary(folder)
        try:
            with os.fdopen(
                fd, "wb"
            ) as handle:  # azma's mark, the header's size and checksum, the header, the frames
                handle.write(
                    MAGIC + len(header).to_bytes(4, "little") + zlib.crc32(header).to_bytes(4, "little")
                )
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


def _new_temporary(folder: str) -> tuple[int, str]:
    """A new file in `folder` named `.tmp-<random>.marshal`, created for writing by its owner
    only, as tempfile.mkstemp makes one (without importing tempfile, whose shutil, random, bz2
    and lzma cost a first run about 5 ms). OSError when none can be made."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):  # a name already taken is only tried again under another name
        tmp = os.path.join(folder, f".tmp-{os.urandom(8).hex()}{SUFFIX}")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


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
    with open(tag, "wb") as handle:
        handle.write(_TAG_BYTES)
    return True


def prune(folder: str, keep: Mapping[str, int]) -> None:
    """Keep the newest `keep[kind]` entries of each kind azma writes; remove older formats' entries.

    Only regular files in azma's tagged subfolder whose names azma gives and that begin as azma
    writes an entry (`is_entry`) are ever removed: a user's `notes-1.marshal` there is kept.
    """
    try:
        if not os.path.isfile(os.path.join(folder, TAG)):
            return  # not a folder azma made: touch nothing
        by_kind: dict[str, list[tuple[int, str]]] = {}
        for entry in os.scandir(folder):
            name = entry.name
            if name.startswith(".") or not name.endswith(SUFFIX) or "-" not in name:
                continue
            if not entry.is_file(follow_symlinks=False) or not is_entry(entry.path):
                continue
            kind = name.rsplit("-", 1)[0]
            by_kind.setdefault(kind, []).append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
        for kind, found in by_kind.items():
            found.sort()
            for _, old in found[: -keep[kind]] if kind in keep else found:
                os.unlink(old)
    except OSError:
        pass


# what an entry of FORMAT 6 (azma 0.2 before its header had a checksum) begins with, after the
# header's size: marshal's 3-tuple, the int 6, then the key, a string starting "['"
_FORMAT_6 = ((0x29, 0xA9), (0x03,), (0x69, 0xE9), (0x06,), (0x00,), (0x00,), (0x00,))


def is_entry(path: str) -> bool:
    """True when the file at `path` begins as azma writes an entry (this format or the last),
    read from its first bytes without unmarshalling anything."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        start = os.read(fd, 64)
    except OSError:
        return False
    finally:
        os.close(fd)
    if start.startswith(MAGIC):
        return True
    old = start[4:]
    if len(old) < 16 or any(old[i] not in allowed for i, allowed in enumerate(_FORMAT_6)):
        return False
    kind = old[7] & 0x7F  # the key: a short ASCII string ('z', with its 1-byte size) or any str
    text = old[9:11] if kind in (0x7A, 0x5A) else old[12:14] if kind in (0x61, 0x41, 0x75, 0x74) else b""
    return text == b"['"
