"""azma's cache folder and its entries: marshal files written atomically, read defensively.

Light on purpose (standard library only): the parse cache, the fast path's spec and the answer
cache all keep their entries here, and the answer cache is read before anything else loads.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

FORMAT = 3


def cache_dir(environ: os._Environ[str] | dict[str, str] = os.environ) -> Path | None:
    """$AZMA_CACHE_DIR, else $XDG_CACHE_HOME/azma, else ~/.cache/azma; None when disabled."""
    if environ.get("AZMA_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    if environ.get("AZMA_CACHE_DIR"):
        return Path(environ["AZMA_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "azma"


def entry_path(folder: Path, kind: str, key: str) -> Path:
    """Where the entry for `key` lives: a short checksum names it, the full key is inside."""
    data = key.encode()
    return folder / f"{kind}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.marshal"


def read_entry(path: Path, key: str) -> Any:
    """The payload stored under exactly `key`, or None (missing, corrupt, or another key)."""
    try:
        with open(path, "rb") as handle:
            blob = handle.read()  # marshal.loads(bytes) is far faster than marshal.load(file)
        magic, stored_key, payload = marshal.loads(blob)
    except Exception:  # a corrupt, unreadable or foreign file is never fatal
        return None
    return payload if magic == FORMAT and stored_key == key else None


def write_entry(path: Path, key: str, payload: Any) -> None:
    """Store `payload` atomically (temporary file, then rename); failures only cost speed."""
    import tempfile  # only when writing: keeps it off the start-up of cached runs

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        blob = marshal.dumps((FORMAT, key, payload))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


def prune(folder: Path, kind: str, keep: int) -> None:
    """Keep the `keep` newest entries of `kind`."""
    try:
        entries = sorted(folder.glob(f"{kind}-*.marshal"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-keep]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
