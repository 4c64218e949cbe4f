"""The record a wheel ships: the bundled data parsed, validated and encoded when the wheel was
built, so a first run decodes it (a few ms) instead of parsing ~0.5 MB of TOML (~50 ms).

hatch_build.py writes `azma/_shipped_record.py` (`record_module`) into wheels only, never into
the source tree; an editable install has none and parses, then caches, as before. The record
is used only for exactly the bundled files (no user folder, AZMA_DATA or --data) and only while
its key holds: the cache entry format, azma's version, and the size and CRC-32 of the bytes of
each bundled file (by name, in order) and of each code file that shapes the records. That is
the guarantee a cache hit gives: these very bytes validated. The key is computed only where the
record could serve (a cache miss, or the cache off: it is part of the install, like the fast
path's shipped spec, not the user's cache, so AZMA_NO_CACHE=1 and `cache=False` still use it).
Anything unreadable about it (absent, a key that no longer holds, a checksum that fails, frames
of another shape) only means the files are parsed as if there were none.
"""

from __future__ import annotations

import marshal
import os
import zlib

from azma._version import __version__
from azma.cache import _CODE, decode, encode
from azma.cache.store import FORMAT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from azma.model import Dataset

# The wheel is py3-none-any: one record for every Python it installs on. Its frames hold only
# tuples and dicts of str, int, float, bool and None, which marshal's version 4 writes the same
# on every Python azma supports and which every later marshal reads.
MARSHAL_VERSION = 4
_READER = "cache/shipped.py"  # this module: how the record is read is part of what it means


def record_key(files: Sequence[str | os.PathLike[str]]) -> str | None:
    """What the record must have been built from, as text; None when a file cannot be read."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the azma package
    parts: list[object] = [FORMAT, __version__]
    try:
        for name in (*_CODE, _READER):
            parts.append((name, *_checksum(os.path.join(here, name))))
        for path in files:
            parts.append((os.path.basename(path), *_checksum(path)))
    except OSError:
        return None
    return repr(parts)


def _checksum(path: str | os.PathLike[str]) -> tuple[int, int]:
    with open(path, "rb") as handle:
        data = handle.read()
    return zlib.crc32(data), len(data)


def shipped_or_built(
    files: Sequence[str | os.PathLike[str]], build: Callable[[], Dataset]
) -> tuple[Dataset, Iterable[Any]]:
    """The Dataset of the record the wheel ships with its frames (ready to store in the cache),
    when `files` are exactly the bundled files and the record's key holds; else `build()`'s
    Dataset (DataError for bad data) with its frames, encoded as they are stored."""
    frames = shipped_frames(files)
    if frames is not None:
        try:
            return decode(frames, build), frames  # `build` serves should a table not decode
        except Exception:  # frames of an unexpected shape: parse instead
            pass
    dataset = build()
    return dataset, encode(dataset)


def shipped_frames(files: Sequence[str | os.PathLike[str]]) -> tuple[Any, ...] | None:
    """The frames of the record the wheel ships, as `encode` gives them, when `files` are exactly
    the bundled files and the record's key holds; else None."""
    from azma.load import bundled_files

    if not files or [os.fspath(f) for f in files] != bundled_files():
        return None
    try:  # written only into wheels: an editable install or a checkout has none
        shipped = __import__("azma._shipped_record", fromlist=["KEY"])
    except Exception:  # ImportError, or a damaged module (SyntaxError, ValueError, ...)
        return None
    try:
        if shipped.KEY != record_key(files):
            return None
        frames = shipped.FRAMES
        # checked before anything is unmarshalled: a damaged byte could ask marshal for gigabytes
        if type(frames) is not bytes or zlib.crc32(frames) != shipped.CHECKSUM:
            return None
        loaded = marshal.loads(frames)
    except Exception:
        return None
    return loaded if type(loaded) is tuple else None


def record_module() -> str:
    """The text of azma/_shipped_record.py for a wheel: the bundled files parsed and fully
    validated (DataError when they do not validate), encoded with the cache's codec.

    A module rather than a data file: it is found by the import system as the shipped spec is
    (a test stands one in through sys.modules), and its .pyc, compiled when the wheel is
    installed, holds the frames as one bytes constant, which loading copies in one memcpy; they
    are unmarshalled from it only once the key holds."""
    from azma.load import bundled_files
    from azma.load.build import build_dataset

    files = bundled_files()
    dataset = build_dataset(files)
    frames = marshal.dumps(tuple(encode(dataset)), MARSHAL_VERSION)
    if decode(marshal.loads(frames)) != dataset:
        raise ValueError("the bundled record does not survive the cache's codec unchanged")
    key = record_key(files)
    if key is None:
        raise OSError("cannot read the files the bundled record's key is made of")
    return (
        '"""The bundled record, parsed and validated when this wheel was built (hatch_build.py):\n'
        'used by azma.cache.shipped only while KEY holds. Generated: do not edit."""\n\n'
        f"KEY = {key!r}\n"
        f"CHECKSUM = {zlib.crc32(frames)}\n"
        f"FRAMES = {frames!r}\n"
    )
