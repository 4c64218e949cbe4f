"""Reading data files: each file's bytes, checked and parsed as TOML into a `_Document` that can
say the line of any table or key (for problems). Every problem is appended, never raised."""

from __future__ import annotations

import os
import re

from azma.errors import Problem
from azma.load import NotAFile, read_data_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_TOML_LINE = r"line ([0-9]+)"


class _Document:
    """One parsed TOML file and what is needed to point at its lines."""

    __slots__ = ("label", "text", "tables", "bundled", "_headers", "_lines", "_keys")

    def __init__(self, label: str, text: str, tables: dict[str, Any], bundled: bool) -> None:
        self.label = label
        self.text = text
        self.tables = tables
        self.bundled = bundled
        self._headers: dict[str, list[int]] | None = None
        self._lines: list[str] | None = None  # split once: a file with many problems is not re-split for each
        self._keys: dict[int, dict[str, int]] = {}  # header line -> each key's line in that table

    def line_of(self, table: str, index: int, key: str | None = None) -> int | None:
        """The line of `key` in the index-th `[[table]]`, else of its header (found on demand).

        A table's lines are read once, whatever the number of its keys that have problems: a
        record with 20,000 unknown keys is reported in time linear in its size."""
        header = self._header_line(table, index)
        if header is None or key is None:
            return header
        keys = self._keys.get(header)
        if keys is None:
            if self._lines is None:
                self._lines = self.text.splitlines()
            lines = self._lines
            keys = self._keys[header] = {}
            pattern = re.compile(r"[ \t]*([\"']?)([^=]*?)\1[ \t]*=")
            for number in range(header, len(lines)):  # the lines after the header, until the next table
                if lines[number].lstrip().startswith("["):
                    break
                found = pattern.match(lines[number])
                if found:
                    keys.setdefault(found[2], number + 1)
        return keys.get(key, header)

    def _header_line(self, table: str, index: int) -> int | None:
        if self._headers is None:
            self._headers = {}
            pattern = re.compile(r"^[ \t]*\[\[?[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\]?", re.M)
            line, counted = 1, 0
            for match in pattern.finditer(self.text):
                line += self.text.count("\n", counted, match.start())  # from the last header on
                counted = match.start()
                self._headers.setdefault(match[1], []).append(line)
        lines = self._headers.get(table, [])
        return lines[index] if index < len(lines) else None


def _label(path: str, bundled: bool) -> str:
    return f"data/{os.path.basename(path)}" if bundled else path


def _read(path: str, *, bundled: bool, problems: list[Problem], text: str | None = None) -> _Document | None:
    try:
        return _read_document(path, bundled=bundled, problems=problems, text=text)
    except MemoryError:  # a file under MAX_FILE_BYTES can still be more than this machine holds
        size = os.stat(path).st_size if text is None else len(text)
        problems.append(
            Problem(
                _label(path, bundled), f"is too large ({size / (1 << 20):,.0f} MiB) for the memory available"
            )
        )
        return None


def _read_document(
    path: str, *, bundled: bool, problems: list[Problem], text: str | None = None
) -> _Document | None:
    label = _label(path, bundled)
    try:
        raw = read_data_file(path) if text is None else text.encode("utf-8")
    except NotAFile as exc:
        problems.append(Problem(label, str(exc)))
        return None
    except FileNotFoundError:
        problems.append(Problem(label, "no such file"))
        return None
    except IsADirectoryError:
        problems.append(
            Problem(label, "is a folder with no .toml files; give a .toml file or a folder of them")
        )
        return None
    except OSError as exc:
        problems.append(Problem(label, f"cannot be read: {exc.strerror or exc}"))
        return None
    if b"\x00" in raw:  # text files never hold NUL bytes; say so before any decoding error
        problems.append(Problem(label, "is a binary file, not TOML text"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(label, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})")
        )
        return None
    from azma._toml import TOMLDecodeError, loads

    try:
        tables = loads(text)
    except ValueError as exc:  # TOMLDecodeError, or an integer over Python's 4300-digit limit
        if not isinstance(exc, TOMLDecodeError):
            long_number = re.search(r"[0-9_]{4300,}", text)
            line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
            problems.append(Problem(label, "a number has more than 4300 digits; write it shorter", line=line))
            return None
        message = str(exc)
        found = re.search(_TOML_LINE, message)
        problems.append(Problem(label, f"TOML syntax: {message}", line=int(found[1]) if found else None))
        return None
    except RecursionError:
        problems.append(Problem(label, "TOML syntax: values are nested too deeply"))
        return None
    return _Document(label, text, tables, bundled)
