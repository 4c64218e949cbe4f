"""A parse cache: the validated Dataset stored with marshal, so a repeated run skips TOML.

An entry is keyed by the azma version, the Python version, the code that shapes the records
and the path, size, inode and times of every input file, so any edit to any of them misses.
It is written atomically (temporary file + rename) and any unreadable, corrupt or unwritable
cache is ignored: the data is then parsed as if there were no cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from azma import __version__
from azma.dates import EDTFDate
from azma.model import (
    Actor,
    Agreement,
    Dataset,
    Event,
    Milestone,
    Place,
    Source,
    Term,
    TradeRow,
    Vocabularies,
    Vocabulary,
)

FORMAT = 1
KEEP_ENTRIES = 16
_CODE = ("cache.py", "load.py", "model.py", "dates.py")
_VOCABS = ("fields", "event_kinds", "agreement_kinds", "milestone_kinds", "statuses")
_RECORDS: tuple[tuple[str, type], ...] = (
    ("sources", Source),
    ("actors", Actor),
    ("places", Place),
    ("events", Event),
    ("agreements", Agreement),
    ("trade", TradeRow),
)


def cache_dir(environ: os._Environ[str] | dict[str, str] = os.environ) -> Path | None:
    """$AZMA_CACHE_DIR, else $XDG_CACHE_HOME/azma, else ~/.cache/azma; None when disabled."""
    if environ.get("AZMA_NO_CACHE"):
        return None
    if environ.get("AZMA_CACHE_DIR"):
        return Path(environ["AZMA_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "azma"


def cache_key(files: Sequence[Path]) -> str | None:
    """A digest of everything that decides the loaded data; None if a file cannot be stat'ed."""
    here = Path(__file__).resolve().parent
    parts: list[object] = [FORMAT, __version__, sys.version, sys.implementation.cache_tag]
    try:
        for path in [*(here / name for name in _CODE), *files]:
            st = os.stat(path)
            parts.append((str(Path(path).resolve()), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    except OSError:
        return None
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def cached(files: Sequence[Path], build: Callable[[], Dataset]) -> Dataset:
    """Return the cached Dataset for `files`, or build it, store it and return it."""
    folder = cache_dir()
    key = cache_key(files) if folder is not None else None
    if folder is None or key is None:
        return build()
    path = folder / f"{key}.marshal"
    dataset = _read(path, key)
    if dataset is None:
        dataset = build()  # raises DataError for bad data: nothing is cached then
        _write(folder, path, key, dataset)
    return dataset


def _read(path: Path, key: str) -> Dataset | None:
    try:
        with open(path, "rb") as handle:
            blob = handle.read()  # marshal.loads(bytes) is far faster than marshal.load(file)
        magic, stored_key, payload = marshal.loads(blob)
        if magic != FORMAT or stored_key != key:
            return None
        return decode(payload)
    except Exception:  # a corrupt or foreign cache file is never fatal: rebuild
        return None


def _write(folder: Path, path: Path, key: str, dataset: Dataset) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        blob = marshal.dumps((FORMAT, key, encode(dataset)))
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except (OSError, ValueError):
        pass  # an unwritable cache only costs speed


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-KEEP_ENTRIES]:
        old.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- codec


def _encode_date(d: EDTFDate | None) -> tuple[Any, ...] | None:
    if d is None:
        return None
    return (d.text, d.start.toordinal(), d.end.toordinal(), d.precision, d.uncertain,
            d.approximate, d.interval, d.open_start, d.open_end)  # fmt: skip


def _decode_date(t: tuple[Any, ...] | None) -> EDTFDate | None:
    if t is None:
        return None
    return EDTFDate(t[0], date.fromordinal(t[1]), date.fromordinal(t[2]), *t[3:])


def _encode_record(record: Any) -> tuple[Any, ...]:
    out: list[Any] = []
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name == "date":
            value = _encode_date(value)
        elif f.name == "milestones":
            value = tuple(_encode_record(m) for m in value)
        out.append(value)
    return tuple(out)


def _decoder(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    names = [f.name for f in fields(cls)]
    date_at = names.index("date") if "date" in names else -1
    milestones_at = names.index("milestones") if "milestones" in names else -1
    if date_at < 0 and milestones_at < 0:
        return lambda values: cls(*values)

    def decode_one(values: tuple[Any, ...]) -> Any:
        items = list(values)
        if date_at >= 0:
            items[date_at] = _decode_date(items[date_at])
        if milestones_at >= 0:
            items[milestones_at] = tuple(_decode_milestone(m) for m in items[milestones_at])
        return cls(*items)

    return decode_one


_decode_milestone = _decoder(Milestone)


def encode(dataset: Dataset) -> tuple[Any, ...]:
    """The Dataset as nested tuples of str, int, float, bool and None (marshal-able)."""
    vocabs = tuple(
        (getattr(dataset.vocabularies, attr).name,
         tuple((t.id, t.description, t.aliases) for t in getattr(dataset.vocabularies, attr).terms))
        for attr in _VOCABS
    )  # fmt: skip
    records = tuple(tuple(_encode_record(r) for r in getattr(dataset, attr)) for attr, _ in _RECORDS)
    return (vocabs, records, dataset.files)


def decode(payload: tuple[Any, ...]) -> Dataset:
    vocabs, records, files = payload
    vocabularies = Vocabularies(
        *(Vocabulary.build(name, tuple(Term(*t) for t in terms)) for name, terms in vocabs)
    )
    built = {
        attr: tuple(map(_decoder(cls), rows)) for (attr, cls), rows in zip(_RECORDS, records)
    }
    return Dataset(vocabularies=vocabularies, files=files, **built)
