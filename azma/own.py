"""Changing and removing records of one's own: `azma edit ID` and `azma remove ID`.

A record is found in the user's files by its id (a trade row by the id `azma show` gives it),
at the line of its `[[table]]` header. `edit` opens the user's editor there and validates what
was saved; `remove` takes the record's lines out of its file, leaving every other byte as it
was, once the data without it still validates (so a record that others point at stays) and
while the file's lock is held. Bundled data is never changed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from azma.errors import AzmaError, ExitCode
from azma.model import Dataset

TABLES = ("source", "actor", "place", "event", "agreement", "trade")


class Location(NamedTuple):
    """Where a record of one's own is written: its file, table, position among that file's tables
    of its kind, and its lines (1-based, `end` exclusive; the header line is `start`)."""

    file: str
    table: str
    position: int  # among the file's tables of its kind
    start: int
    end: int
    text: str  # the whole file, as read

    @property
    def line(self) -> int:
        return self.start


class Refused(AzmaError):
    """The record cannot be changed here (bundled data, others point at it): exit 1."""

    exit_code = ExitCode.DATA


def entry_id(table: str, entry: Any) -> str | None:
    """The id of one parsed table entry (a trade row's as the model makes it)."""
    if not isinstance(entry, dict):
        return None
    if table != "trade":
        value = entry.get("id")
        return value if isinstance(value, str) else None
    from azma.add import trade_id

    return trade_id(entry) if isinstance(entry.get("reporter"), str) else None


def locate(files: Sequence[str], record_id: str, loose: bool = False) -> Location | None:
    """The record with this id in one of `files` (user files), or None. With `loose`, a file
    that is not valid TOML (an edit left half done) is searched for an `id = "ID"` line."""
    from azma._toml import TOMLDecodeError, loads
    from azma.load import read_data_file

    for path in files:
        try:
            text = read_data_file(path, pipes=False).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # a file that cannot be read holds nothing to find (validate says why)
        try:
            tables = loads(text)
        except TOMLDecodeError:
            if loose:
                pattern = re.compile(rf"""^[ \t]*id[ \t]*=[ \t]*["']{re.escape(record_id)}["']""")
                for number, line in enumerate(text.splitlines(), 1):
                    if pattern.match(line):
                        return Location(path, "", 0, number, number + 1, text)
            continue
        for table in TABLES:
            entries = tables.get(table)
            if not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                if entry_id(table, entry) == record_id:
                    start, end = _lines_of(text, table, index)
                    return Location(path, table, index, start, end, text)
    return None


_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([A-Za-z0-9_.\"' -]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$")


def _lines_of(text: str, table: str, index: int) -> tuple[int, int]:
    """The lines of the index-th `[[table]]`: from its header to its last key or sub-table line
    (comments and blank lines before the next header belong to what follows). (1, 1) when it
    has no header of its own (an inline array)."""
    lines = text.splitlines()
    headers = [
        (number, match[1].replace(" ", ""))
        for number, line in enumerate(lines)
        if (match := _HEADER.match(line)) and line.lstrip().startswith("[")
    ]
    own = [number for number, name in headers if name == table and lines[number].lstrip().startswith("[[")]
    if index >= len(own):
        return 1, 1
    start = own[index]
    after = [n for n, name in headers if n > start and not name.startswith(f"{table}.")]
    stop = after[0] if after else len(lines)
    last = start
    for number in range(start, stop):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            last = number
    return start + 1, last + 2


def without(location: Location) -> str:
    """The file's text with the record's lines (and the blank lines after them) taken out; every
    other byte as it was."""
    lines = location.text.splitlines(keepends=True)
    end = location.end - 1
    while end < len(lines) and not lines[end].strip():
        end += 1
    start = location.start - 1
    if end >= len(lines):  # the last record: drop the blank lines before it instead
        while start > 0 and not lines[start - 1].strip():
            start -= 1
    return "".join(lines[:start] + lines[end:])


def check_removal(location: Location, new: str) -> None:
    """The new text must read as the old one less exactly this record (else nothing is written)."""
    from azma._toml import TOMLDecodeError, loads
    from azma.safe import for_terminal

    try:
        before, after = loads(location.text), loads(new)
    except TOMLDecodeError:
        after = None
        before = {}
    expected = dict(before)
    if location.table in expected:
        kept = list(expected[location.table])
        del kept[location.position]
        expected[location.table] = kept
        if not kept:
            del expected[location.table]
    if after is None or {k: v for k, v in after.items() if v != []} != expected:
        raise Refused(
            f"cannot take '{location.table}' out of {for_terminal(location.file)} cleanly; nothing was written",
            f"remove it by hand: it starts at line {location.line} ('azma edit ID' opens the file there)",
        )


def references_to(problems: Sequence[Any], record_id: str) -> list[str]:
    """The records that name `record_id`, from the problems of the data without it."""
    marker = f"'{record_id}' in '"
    return list(
        dict.fromkeys(p.record or p.file for p in problems if "unknown" in p.message and marker in p.message)
    )


def refuse_unknown(dataset: Dataset, record_id: str, verb: str) -> None:
    """Not in the user's files: bundled (never changed), a milestone (part of its agreement), or
    no such record (NotFoundError with the closest ids)."""
    from azma.query.records import find_record

    kind, found = find_record(dataset, record_id)
    if kind == "milestone":
        agreement = record_id.rsplit(".", 1)[0]
        raise Refused(
            f"{verb}: '{record_id}' is a milestone of '{agreement}'",
            f"{verb} the agreement: azma {verb} {agreement}",
        )
    copy = f"azma add {kind} --from {record_id}" + ("" if kind == "trade" else " --id NEW-ID")
    if verb == "edit":
        hint = f"copy it into your own file and change the copy: {copy}"
    else:
        hint = "it can only be left out with the whole bundled record (--no-bundled)"
    raise Refused(f"{verb}: '{record_id}' is bundled data, which azma never changes", hint)


def ask_yes(question: str, default: bool = False) -> bool:
    """A yes/no question at the terminal (stderr): an empty answer is `default`; Ctrl-D or
    Ctrl-C cancels (Cancelled)."""
    import sys

    from azma.errors import Cancelled
    from azma.prompt import read_line

    try:
        answer = read_line(question, ("yes", "no"))
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        raise Cancelled("cancelled; nothing was changed") from None
    answer = answer.strip().lower()
    return default if not answer else answer in ("y", "yes")


def editor_command(editor: str, path: str, line: int) -> list[str]:
    """The editor's command line opening `path` at `line`: `+LINE FILE` for vi, vim, nano, emacs
    and most terminal editors, `--goto FILE:LINE` (and --wait) for VS Code-style editors,
    `FILE:LINE` for Sublime Text; an editor azma does not know gets the file alone."""
    import shlex

    try:
        words = shlex.split(editor)
    except ValueError:
        words = editor.split()
    if not words:
        words = ["vi"]
    name = os.path.basename(words[0]).lower().removesuffix(".exe")
    if name in ("code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"):
        return [*words, *([] if {"--wait", "-w"} & set(words) else ["--wait"]), "--goto", f"{path}:{line}"]
    if name in ("subl", "sublime_text"):
        return [*words, *([] if {"--wait", "-w"} & set(words) else ["--wait"]), f"{path}:{line}"]
    plus = ("vi", "vim", "nvim", "gvim", "view", "nano", "pico", "emacs", "emacsclient", "micro", "kak",
            "joe", "jed", "ne", "mg", "mcedit", "vis", "nvi")  # fmt: skip
    if name in plus:
        return [*words, f"+{line}", path]
    return [*words, path]
