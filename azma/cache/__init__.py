"""A parse cache: the validated Dataset stored with marshal, so a repeated run skips TOML.

A Dataset read back decodes each of its tables when it is first used: `azma timeline` reads
events and agreements, never the 150 sources or the actors (17 M of a cached json run's 122 M
instructions).

An entry is keyed by the azma version, the Python version, the code that shapes the records
and the path, size, inode, mtime and ctime of every input file, so any edit to any of them
misses. `azma.cache.store` writes it atomically with a checksum, in a folder azma owns, and
keeps a bounded number of entries; any unreadable, corrupt or unwritable cache is ignored: the
data is then parsed as if there were no cache. On a miss, the bundled record a wheel ships
(`azma.cache.shipped`) serves instead of a parse when it holds for the files, and is stored as is.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys

from azma._version import __version__
from azma.cache.store import cache_dir, entry_path, read_frames, write_frames
from azma.dates import EDTFDate, date
from azma.model import (
    Actor,
    Agreement,
    Dataset,
    DatasetInfo,
    Dispute,
    Event,
    Milestone,
    Place,
    Post,
    Reading,
    Source,
    SourceCopy,
    Term,
    TradeRow,
    Vocabularies,
    Vocabulary,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import Any

KEEP = {"data": 16, "cli-spec": 4, "l10n": 10, "cldr": 10}  # entries of each kind kept, newest first
FRAME_ROWS = 20_000  # records a frame of the cache holds at most
_CODE = (
    "cache/__init__.py", "load/__init__.py", "load/read.py", "load/checks.py", "load/build.py", "schema.py",
    "model.py", "dates.py",
)  # fmt: skip
_VOCABS = (
    "fields",
    "event_kinds",
    "agreement_kinds",
    "milestone_kinds",
    "statuses",
    "source_kinds",
    "dispute_topics",
)
_RECORDS: tuple[tuple[str, type], ...] = (
    ("sources", Source),
    ("actors", Actor),
    ("places", Place),
    ("events", Event),
    ("agreements", Agreement),
    ("trade", TradeRow),
)


def cache_key(files: Sequence[str | os.PathLike[str]]) -> str | None:
    """Everything that decides the loaded data, as text; None if a file cannot be stat'ed."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the azma package
    parts: list[object] = [__version__, sys.version, sys.implementation.cache_tag]
    try:
        for path in [*(os.path.join(here, name) for name in _CODE), *(os.fspath(f) for f in files)]:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):  # a pipe's content is not told by its stat
                return None
            # device and inode say which file it is (realpath would cost a syscall per folder)
            identity = (os.path.abspath(path), st.st_dev, st.st_ino)
            parts.append((*identity, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    except OSError:
        return None
    return repr(parts)


def cached(files: Sequence[str | os.PathLike[str]], build: Callable[[], Dataset]) -> Dataset:
    """Return the cached Dataset for `files`, or build it, store it and return it."""
    folder = cache_dir()
    key = cache_key(files) if folder is not None else None
    if folder is None or key is None:
        from azma.cache.shipped import shipped_or_built

        return shipped_or_built(files, build)[0]
    path = entry_path(folder, "data", key)
    try:
        return decode(read_frames(path, key), build)
    except Exception:  # Unusable (missing or corrupt), or frames of an unexpected shape: rebuild
        pass
    from azma.cache.shipped import shipped_or_built  # the record a wheel ships, else `build`

    dataset, frames = shipped_or_built(files, build)  # DataError for bad data: nothing is cached then
    write_frames(path, key, frames, keep=KEEP)
    return dataset


# ----------------------------------------------------------------------------- codec
#
# Records are named tuples, so a record is stored as the plain tuple of its fields and rebuilt
# with tuple.__new__ (no __init__ runs: the values were validated before they were cached).
# A date is stored as the tuple of its fields with its days as ordinals, and rebuilt once per
# distinct text; nested records (milestones, disputes, readings, copies, posts) likewise.

_DATES = frozenset({"date", "period", "accessed"})  # fields holding an EDTFDate
# fields holding a tuple of nested records, and the class of those records
_NESTED: dict[str, type] = {
    "milestones": Milestone,
    "disputes": Dispute,
    "readings": Reading,
    "copies": SourceCopy,
    "terms": Post,
}
if TYPE_CHECKING:
    _Codec = Callable[[Any], Any]


def _encode_date(d: EDTFDate | None) -> tuple[Any, ...] | None:
    if d is None:
        return None
    inner = (
        None if d.latest_start is None else d.latest_start.toordinal(),
        None if d.earliest_end is None else d.earliest_end.toordinal(),
    )
    return (d.text, d.start.toordinal(), d.end.toordinal(), *d[3:-2], *inner)


def _coders(cls: type, decoded_dates: dict[tuple[Any, ...], EDTFDate]) -> tuple[_Codec, _Codec]:
    """(encode, decode) of one record class: its tuple with dates and nested records converted."""
    names: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    dates = [i for i, name in enumerate(names) if name in _DATES]
    nested = [(i, _coders(_NESTED[name], decoded_dates)) for i, name in enumerate(names) if name in _NESTED]
    new = tuple.__new__

    def date_of(stored: tuple[Any, ...] | None) -> EDTFDate | None:
        if stored is None:
            return None
        found = decoded_dates.get(stored)
        if found is None:
            text, start, end, *rest, latest_start, earliest_end = stored
            inner = (
                None if latest_start is None else date.fromordinal(latest_start),
                None if earliest_end is None else date.fromordinal(earliest_end),
            )
            found = decoded_dates[stored] = new(
                EDTFDate, (text, date.fromordinal(start), date.fromordinal(end), *rest, *inner)
            )
        return found

    def encode_one(record: Any) -> tuple[Any, ...]:
        values = list(record)
        for i in dates:
            values[i] = _encode_date(values[i])
        for i, (encode_nested, _) in nested:
            values[i] = tuple(map(encode_nested, values[i]))
        return tuple(values)

    nested_decoders = [(i, decode_nested) for i, (_, decode_nested) in nested]

    def decode_one(values: Any) -> Any:
        values = list(values)
        for i in dates:
            if values[i] is not None:
                values[i] = date_of(values[i])
        for i, decode_nested in nested_decoders:
            if values[i]:  # most are empty: () stays as it is
                values[i] = tuple(map(decode_nested, values[i]))
        return new(cls, values)

    if not (dates or nested):

        def decode_one(values: Any) -> Any:  # a record of plain values: the tuple as it is
            return new(cls, values)

    return encode_one, decode_one


def encode(dataset: Dataset) -> Iterator[tuple[Any, ...]]:
    """The Dataset as frames of nested tuples of str, int, float, bool and None (marshal-able):
    first its vocabularies, files and description, then its records, a table at a time in
    frames of at most FRAME_ROWS, each frame's rows marshalled on their own (so a table is
    unmarshalled only when it is used, and a large one a frame at a time)."""
    vocabs = tuple(
        (vocab.name, tuple(map(tuple, vocab.terms)), vocab.lookup)
        for vocab in (getattr(dataset.vocabularies, attr) for attr in _VOCABS)
    )  # each with its lookup, which decoding would otherwise derive again for every term
    info = dataset.info
    yield (vocabs, dataset.files, (info.title, info.countries, info.description, info.origin))
    for table, (attr, cls) in enumerate(_RECORDS):
        encode_one = _coders(cls, {})[0]
        rows = getattr(dataset, attr)
        for start in range(0, len(rows), FRAME_ROWS):
            yield (table, marshal.dumps(tuple(map(encode_one, rows[start : start + FRAME_ROWS])), 4))


def decode(frames: Iterable[tuple[Any, ...]], build: Callable[[], Dataset] | None = None) -> Dataset:
    """The Dataset of `encode`'s frames. The head is decoded at once, and each table of one frame
    when the Dataset's attribute for it is first read (`_Table`); `build` makes the Dataset
    afresh should such a table's frame not decode (it was checked when read: only a fault in
    azma itself gets there)."""
    stream = iter(frames)
    vocabs, files, info = next(stream)
    new = tuple.__new__
    vocabularies = Vocabularies(
        *(Vocabulary(name, tuple(new(Term, t) for t in terms), lookup) for name, terms, lookup in vocabs)
    )
    shared: dict[tuple[Any, ...], EDTFDate] = {}
    decoders = [_coders(cls, shared)[1] for _, cls in _RECORDS]
    waiting: list[bytes | None] = [None for _ in _RECORDS]  # the one frame of a table not yet read
    decoded: list[list[Any] | None] = [None for _ in _RECORDS]
    for table, rows in stream:
        done = decoded[table]
        if done is None and waiting[table] is None:
            waiting[table] = rows
            continue
        # A table of more than one frame (over FRAME_ROWS records) is decoded as it is read, a
        # frame at a time: kept undecoded, its bytes would stay in the process's memory (a
        # quarter more at a million events) for a saving that is small beside its decoding.
        if done is None:
            done = decoded[table] = list(map(decoders[table], marshal.loads(waiting[table])))
            waiting[table] = None
        done += map(decoders[table], marshal.loads(rows))
    tables = [
        _Table(waiting[i], decoders[i], attr, build) if done is None else tuple(done)
        for i, ((attr, _), done) in enumerate(zip(_RECORDS, decoded, strict=True))
    ]
    return new(_CachedDataset, (vocabularies, *tables, files, DatasetInfo(*info)))


class _Table:
    """One table of a cached Dataset, kept as its marshalled frame (None: no records) until first read."""

    __slots__ = ("_frame", "_decode", "_attr", "_build", "_rows")

    def __init__(
        self, frame: bytes | None, decode_one: _Codec, attr: str, build: Callable[[], Dataset] | None
    ):
        self._frame, self._decode, self._attr, self._build = frame, decode_one, attr, build
        self._rows: tuple[Any, ...] | None = None

    def rows(self) -> tuple[Any, ...]:
        if self._rows is None:
            try:
                frame, self._frame = self._frame, None
                self._rows = () if frame is None else tuple(map(self._decode, marshal.loads(frame)))
            except Exception:
                if self._build is None:
                    raise
                self._rows = getattr(self._build(), self._attr)
        return self._rows


if TYPE_CHECKING:
    _CachedDataset = Dataset
else:

    class _CachedDataset(Dataset):
        """A Dataset read from the cache, whose tables decode when first read. To everything but
        its type it is the Dataset it stands for: a tuple's methods see every table decoded, and
        it is copied and pickled as a plain Dataset."""

        __slots__ = ()

        def __getitem__(self, index):
            if isinstance(index, slice):
                return tuple(self)[index]
            value = tuple.__getitem__(self, index)
            return value.rows() if type(value) is _Table else value

        def __iter__(self):
            return map(self.__getitem__, range(len(self)))

        def __reduce__(self):
            return Dataset, tuple(self)

        def __repr__(self):
            return repr(Dataset._make(self))

        def _replace(self, **changes):  # the tables not replaced stay as they are, undecoded
            values = [changes.pop(field, tuple.__getitem__(self, i)) for i, field in enumerate(self._fields)]
            if changes:
                raise ValueError(f"Got unexpected field names: {list(changes)!r}")
            return tuple.__new__(_CachedDataset, values)

    def _field(index):
        return property(
            lambda self: _CachedDataset.__getitem__(self, index), doc=f"Alias for field number {index}"
        )

    def _whole(method):  # a tuple's method, on this Dataset and any other given, each decoded
        return lambda self, *args: method(
            tuple(self), *(tuple(a) if type(a) is _CachedDataset else a for a in args)
        )

    for _index, (_attr, _) in enumerate(_RECORDS, 1):
        setattr(_CachedDataset, _attr, _field(_index))
    for _name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__", "__contains__", "__add__", "__mul__", "__rmul__", "count", "index"):  # fmt: skip
        setattr(_CachedDataset, _name, _whole(getattr(tuple, _name)))
