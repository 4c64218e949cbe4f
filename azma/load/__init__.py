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


def toml_files_in(folder: StrPath) -> list[str]:
    """The *.toml entries of `folder` (not hidden ones), by name; none when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(e.path for e in entries if e.name.endswith(".toml") and not e.name.startswith("."))
    except OSError:
        return []


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
    user = expand_folders([*user_home_files(environ), *user_files_from_env(environ), *named])
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
    the parse cache unless `use_cache` is False; DataError listing every problem."""

    def build() -> Dataset:
        from azma.load.build import build_dataset

        return build_dataset(files)

    if use_cache:
        from azma import cache

        return cache.cached(files, build)
    return build()
