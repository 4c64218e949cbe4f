"""azma's cache folder and its entries: marshal files written atomically, read defensively.

Standard library only, with plain string paths (no pathlib): the parse cache, the fast path's
spec and the answer cache keep their entries here, and answers are read before anything else
of azma loads.
"""

from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Mapping
from typing import Any

FORMAT = 3


def cache_dir(environ: Mapping[str, str] = os.environ) -> str | None:
    """$AZMA_CACHE_DIR, else $XDG_CACHE_HOME/azma, else ~/.cache/azma; None when disabled."""
    if environ.get("AZMA_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    if environ.get("AZMA_CACHE_DIR"):
        return environ["AZMA_CACHE_DIR"]
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "azma")


def entry_path(folder: str, kind: str, key: str) -> str:
    """Where the entry for `key` lives: a short checksum names it, the full key is inside."""
    data = key.encode()
    return os.path.join(folder, f"{kind}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.marshal")


def read_entry(path: str, key: str) -> Any:
    """The payload stored under exactly `key`, or None (missing, corrupt, or another key)."""
    try:
        with open(path, "rb") as handle:
            blob = handle.read()  # marshal.loads(bytes) is far faster than marshal.load(file)
        magic, stored_key, payload = marshal.loads(blob)
    except Exception:  # a corrupt, unreadable or foreign file is never fatal
        return None
    return payload if magic == FORMAT and stored_key == key else None


def write_entry(path: str, key: str, payload: Any) -> None:
    """Store `payload` atomically (temporary file, then rename); failures only cost speed."""
    import tempfile  # only when writing: keeps it off the start-up of cached runs

    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        blob = marshal.dumps((FORMAT, key, payload))
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


def prune(folder: str, keep: dict[str, int]) -> None:
    """Keep the newest `keep[kind]` entries of each kind; remove files of other (older) kinds."""
    try:
        names = [n for n in os.listdir(folder) if n.endswith(".marshal") and not n.startswith(".")]
        by_kind: dict[str, list[str]] = {}
        for name in names:
            kind = name.rsplit("-", 1)[0] if "-" in name else ""
            by_kind.setdefault(kind, []).append(os.path.join(folder, name))
        for kind, paths in by_kind.items():
            paths.sort(key=lambda p: os.stat(p).st_mtime_ns)
            for old in paths[: -keep[kind]] if kind in keep else paths:
                os.unlink(old)
    except OSError:
        pass
