"""Which data files a run reads, and the Dataset built from them (through the parse cache).

Choosing the files is on every run's start-up, so this module uses plain string paths and the
standard library's `os` only (no pathlib, no re). Parsing and validating the TOML, the cold
part, lives in `azma.load.build` and is imported only when the parse cache has no answer.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import NamedTuple

    from azma.model import Dataset

    StrPath = str | os.PathLike[str]
else:
    from azma._named import NamedTuple


def bundled_data_dir() -> str:
    """The bundled data: inside the installed package, or the checkout's top-level data/."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(package, "data")
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.realpath(package)), "data")


def bundled_files() -> list[str]:
    return toml_files_in(bundled_data_dir())


def user_data_home(environ: Mapping[str, str] | None = None) -> str:
    """The folder of the user's own records: AZMA_DATA_HOME, else $XDG_DATA_HOME/azma, else
    ~/.local/share/azma (a relative XDG_DATA_HOME is ignored, as the XDG spec says)."""
    env = os.environ if environ is None else environ
    own = env.get("AZMA_DATA_HOME", "").strip()
    if own:
        return os.path.expanduser(own)
    xdg = env.get("XDG_DATA_HOME", "").strip()
    base = xdg if xdg and os.path.isabs(xdg) else os.path.expanduser("~/.local/share")
    return os.path.join(base, "azma")


def user_home_files(environ: Mapping[str, str] | None = None) -> list[str]:
    """Every *.toml in the user's folder, by name (none when the folder does not exist)."""
    return toml_files_in(user_data_home(environ))


SETTINGS_FILE = "azma.toml"  # a folder's settings (written by `azma init`), never read as records


def toml_files_in(folder: StrPath) -> list[str]:
    """The *.toml files of `folder` (not hidden ones, not its azma.toml settings), by name;
    none when it cannot be listed.

    Only regular files (or links to them): a FIFO, device or socket named `*.toml` in a folder
    is no data file, and opening a FIFO would wait for a writer forever."""
    try:
        with os.scandir(folder) as entries:
            return sorted(
                e.path
                for e in entries
                if e.name.endswith(".toml")
                and not e.name.startswith(".")
                and e.name != SETTINGS_FILE
                and _is_file(e)
            )
    except OSError:
        return []


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()  # from the folder listing itself, no stat, for all but links
    except OSError:
        return False


MAX_FILE_BYTES = 1 << 30  # a data file read whole (1,000,000 generated events are 285 MB)
MAX_STREAM_BYTES = 256 * 1024 * 1024  # read from a pipe (`--data <(...)`) before giving up


class NotAFile(OSError):
    """The path names something azma does not read: a device, a socket, a FIFO where a file is
    needed, or a file or pipe larger than azma reads. The message says which and what to do."""


def read_data_file(path: StrPath, *, pipes: bool = True) -> bytes:
    """The bytes of a data file: every data file azma reads is opened here, and only here.

    A device or socket is refused before it is opened (`/dev/null` reads as empty); the file is
    opened without blocking and checked with fstat, so opening never waits: a FIFO is refused
    where `pipes` is False (`add --to`), else it was named on purpose (`--data <(...)`; folders
    list none) and is read as a stream up to MAX_STREAM_BYTES. A regular file larger than
    MAX_FILE_BYTES is refused before any byte is read. OSError (FileNotFoundError,
    IsADirectoryError, NotAFile) otherwise.
    """
    import stat

    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        import errno

        raise IsADirectoryError(errno.EISDIR, "is a folder", os.fspath(path))
    if stat.S_ISCHR(mode) and os.path.realpath(path) == os.devnull:
        return b""  # `--data /dev/null`: an empty file
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise NotAFile("is a device or socket, not a file; give a .toml file")
    if stat.S_ISFIFO(mode) and not pipes:
        raise NotAFile("is a pipe (FIFO), not a file; give a .toml file")
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    fd = os.open(path, flags)  # never waits: a FIFO with no writer opens at once
    try:
        info = os.fstat(fd)  # what was opened, which may not be what was looked at
        if stat.S_ISREG(info.st_mode):
            if info.st_size > MAX_FILE_BYTES:
                raise NotAFile(
                    f"is {info.st_size / (1 << 20):,.0f} MiB, larger than the {MAX_FILE_BYTES >> 20:,} MiB "
                    "azma reads; split it into several files"
                )
            limit, what = MAX_FILE_BYTES, "a file that grew past"
        elif stat.S_ISFIFO(info.st_mode) and pipes:
            limit, what = MAX_STREAM_BYTES, "a pipe that gave more than"
        elif stat.S_ISFIFO(info.st_mode):
            raise NotAFile("is a pipe (FIFO), not a file; give a .toml file")
        else:
            raise NotAFile("is a device or socket, not a file; give a .toml file")
        if stat.S_ISFIFO(info.st_mode):  # named on purpose (`--data <(...)`): wait for its writer,
            import select  # as `cat` would (at once, a read would find no writer yet and stop)

            if not select.select([fd], [], [], 1.0)[0]:  # at a terminal, say what it waits for
                from azma.files import note
                from azma.safe import for_terminal

                note(
                    f"waiting for something to write to the pipe {for_terminal(os.fspath(path))} (Ctrl-C stops)"
                )
                select.select([fd], [], [])
            os.set_blocking(fd, True)
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise NotAFile(f"is {what} {limit >> 20:,} MiB; save the data to a file and give that")
        return b"".join(chunks)
    finally:
        os.close(fd)


def standalone_folder(folders: Sequence[StrPath]) -> str | None:
    """The settings file of the first folder that is a record of its own (`bundled = false` in
    its azma.toml, as `azma init` writes it), else None; UsageError for settings azma cannot read."""
    for folder in folders:
        path = os.path.join(folder, SETTINGS_FILE)
        if not os.path.isfile(path):
            continue
        from azma._toml import TOMLDecodeError, loads
        from azma.errors import UsageError
        from azma.safe import for_terminal

        try:
            settings = loads(read_data_file(path, pipes=False).decode("utf-8"))
        except (OSError, UnicodeDecodeError, TOMLDecodeError) as exc:
            raise UsageError(f"{for_terminal(path)}: cannot read the folder's settings ({for_terminal(str(exc))})",
                             "it holds one line, bundled = false (or true)") from None  # fmt: skip
        unknown = sorted(set(settings) - {"bundled"})
        if unknown or not isinstance(settings.get("bundled", True), bool):
            what = f"unknown setting '{unknown[0]}'" if unknown else "'bundled' must be true or false"
            raise UsageError(
                f"{for_terminal(path)}: {for_terminal(what)}", "it holds one line, bundled = false (or true)"
            )
        if settings.get("bundled") is False:
            return path
    return None


def user_files_from_env(environ: Mapping[str, str] | None = None) -> list[str]:
    """User files named by AZMA_DATA, a path list separated like PATH (':' on POSIX)."""
    value = (os.environ if environ is None else environ).get("AZMA_DATA", "")
    return [os.path.expanduser(p) for p in value.split(os.pathsep) if p.strip()]


def no_bundled_from_env(environ: Mapping[str, str] | None = None) -> bool:
    """AZMA_NO_BUNDLED=1 (any value but empty, 0, false or no) leaves the bundled data out."""
    value = (os.environ if environ is None else environ).get("AZMA_NO_BUNDLED", "").strip().lower()
    return value not in ("", "0", "false", "no")


def expand_folders(paths: Sequence[StrPath]) -> list[str]:
    """Each folder named becomes every *.toml in it; a folder with none stays (and is reported)."""
    out: list[str] = []
    for path in paths:
        found = toml_files_in(path) if os.path.isdir(path) else []
        out += found or [os.fspath(path)]
    return out


class DataFiles(NamedTuple):
    """The files a run reads, in load order: the bundled data, then the user's files."""

    bundled: list[str]
    user: list[str]  # the user's folder, then AZMA_DATA, then --data (folders expanded)

    @property
    def all(self) -> list[str]:
        return unique_files([*self.bundled, *self.user])


def choose_files(
    named: Sequence[StrPath] = (), *, no_bundled: bool = False, environ: Mapping[str, str] | None = None
) -> DataFiles:
    """What to read: bundled data (unless left out), the user's folder, AZMA_DATA, then `named`."""
    leave_out = no_bundled or no_bundled_from_env(environ)
    home = user_data_home(environ)
    given = [home, *user_files_from_env(environ), *named]
    user = expand_folders([*toml_files_in(home), *given[1:]])
    if not leave_out:  # a folder made by `azma init` is read without the bundled record
        leave_out = standalone_folder([f for f in given if os.path.isdir(f)]) is not None
    return DataFiles([] if leave_out else bundled_files(), unique_files(user))


def unique_files(files: Sequence[StrPath]) -> list[str]:
    """The files in order, each once: the same file named twice (AZMA_DATA and --data) loads once."""
    seen: set[object] = set()
    unique = []
    for path in files:
        expanded = os.path.expanduser(path)
        try:  # the file itself, however it is named (one stat, where realpath costs one a folder)
            info = os.stat(expanded)
            key: object = (info.st_dev, info.st_ino)
        except (OSError, ValueError):  # not there (reported when it is read): by its normalized path
            key = os.path.realpath(expanded)
        if key not in seen:
            seen.add(key)
            unique.append(os.fspath(path))
    return unique


def load_dataset(
    user_files: Sequence[StrPath] = (), *, use_cache: bool = True, bundled: bool = True
) -> Dataset:
    """Load the bundled data (unless `bundled` is False) plus `user_files`; raise DataError
    listing every problem."""
    return load_files(unique_files([*(bundled_files() if bundled else []), *user_files]), use_cache=use_cache)


def load_files(files: Sequence[str], *, use_cache: bool = True) -> Dataset:
    """The Dataset of files already chosen (`DataFiles.all`: in load order, each once), through
    the parse cache unless `use_cache` is False; DataError listing every problem. Where it
    would parse, the bundled files alone are decoded from the record a wheel ships, while its
    key holds (azma.cache.shipped), cache or no cache."""

    def build() -> Dataset:
        from azma.load.build import build_dataset

        return build_dataset(files)

    if use_cache:
        from azma import cache

        return cache.cached(files, build)
    from azma.cache.shipped import shipped_or_built

    return shipped_or_built(files, build)[0]


class _CallableModule(type(os)):  # type: ignore[misc]  # os's type is the module type
    """`azma.load` is this package and also the API's `load()`: importing the package (which any
    query does) sets the attribute `azma.load` to it, so the package itself is what is called."""

    def __call__(self, *files: StrPath, cache: bool = True, bundled: bool | None = None) -> Dataset:
        from azma.api import load

        return load(*files, cache=cache, bundled=bundled)


__import__("sys").modules[__name__].__class__ = _CallableModule
