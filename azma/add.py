"""Adding a record to the user's own files: `azma add event|agreement|source`.

Each value is checked as it is given (the same one-line errors and suggestions as a query's
options), the record is rendered as TOML by tomlkit and appended to the end of the target file,
so everything already in it (comments, layout, the order of tables) stays byte for byte. The
file as it would be is then validated with every other file azma reads, and only a valid file is
written, atomically. Nothing here prompts: `azma.prompt` asks for missing values at a terminal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

from azma.errors import OutputError, UsageError, did_you_mean
from azma.model import Dataset, Vocabulary

RecordType = Literal["event", "agreement", "source"]
RECORDS_FILE = "records.toml"  # in the user's folder, unless --to names another file
NEW_FILE_HEADER = (
    "# Your own records, added with 'azma add'. azma reads every *.toml in this folder after the\n"
    "# bundled data; edit it by hand as you like ('azma validate' checks it).\n\n"
)
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class Key(NamedTuple):
    """One key of a record as `azma add` takes it: its option, whether required, how checked."""

    name: str  # the TOML key
    option: str  # the command-line option
    check: str  # text, date, id, a vocabulary (fields, event_kinds…), or a record type (source…)
    required: bool = False
    many: bool = False
    ask: bool = False  # asked for at a terminal when missing (required keys always are)
    label: str = ""

    @property
    def asked(self) -> bool:
        return self.required or self.ask


KEYS: dict[RecordType, tuple[Key, ...]] = {
    "event": (
        Key("title", "--title", "text", required=True, label="title"),
        Key("date", "--date", "date", ask=True, label="date (2025-03-12, 2025-03, 2025; empty if unknown)"),
        Key("kind", "--kind", "event_kinds", ask=True, label="kind (empty: event)"),
        Key("fields", "--field", "fields", required=True, many=True, label="fields (comma-separated)"),
        Key(
            "sources", "--source", "source", required=True, many=True, label="sources (ids, comma-separated)"
        ),
        Key("summary", "--summary", "text"),
        Key("places", "--place", "place", many=True),
        Key("actors", "--actor", "actor", many=True),
        Key("agreements", "--agreement", "agreement", many=True),
        Key("part_of", "--part-of", "event"),
        Key("note", "--note", "text"),
    ),
    "agreement": (
        Key("title", "--title", "text", required=True, label="title"),
        Key("kind", "--kind", "agreement_kinds", required=True, label="kind"),
        Key("status", "--status", "statuses", required=True, label="status"),
        Key("fields", "--field", "fields", required=True, many=True, label="fields (comma-separated)"),
        Key(
            "sources", "--source", "source", required=True, many=True, label="sources (ids, comma-separated)"
        ),
        Key("parties", "--party", "text", required=True, many=True, label="parties (comma-separated)"),
        Key("official_title", "--official-title", "flag"),
        Key("aliases", "--alias", "text", many=True),
        Key("signatories", "--signatory", "actor", many=True),
        Key("places", "--place", "place", many=True),
        Key("milestones", "--milestone", "milestone", many=True),
        Key("summary", "--summary", "text"),
        Key("note", "--note", "text"),
    ),
    "source": (
        Key("title", "--title", "text", required=True, label="title"),
        Key("publisher", "--publisher", "text", required=True, label="publisher"),
        Key("kind", "--kind", "source_kinds", required=True, label="kind"),
        Key("date", "--date", "date", ask=True, label="date (2025-03-12, 2025-03, 2025; empty if unknown)"),
        Key("printed_date", "--printed-date", "text"),
        Key("date_note", "--date-note", "text"),
        Key("url", "--url", "text"),
        Key("title_en", "--title-en", "text"),
        Key("language", "--language", "text"),
        Key("file", "--file", "text"),
        Key("note", "--note", "text"),
    ),
}


# ----------------------------------------------------------------------------- checking values


class Checker:
    """Checks values typed for one record type against a dataset; UsageError names the option."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def check(self, key: Key, raw: str) -> Any:
        """One typed value (for a `many` key: one item) -> what the TOML file stores."""
        text = raw.strip()
        if key.check == "text":
            if not text:
                raise UsageError(f"{key.option}: an empty value", "give some text")
            return text
        if key.check == "date":
            return edtf_text(text, key.option)
        if key.check == "milestone":
            return self.milestone(text, key.option)
        if key.check in ("source", "actor", "place", "agreement", "event"):
            return self.record_id(key.check, text, key.option)
        return self.term(getattr(self.dataset.vocabularies, key.check), text, key.option)

    def choices(self, key: Key) -> list[tuple[str, str]]:
        """(value, description) a key accepts, for listing and completion; [] for free text."""
        vocabularies = self.dataset.vocabularies
        if key.check == "milestone":
            vocabulary: Vocabulary | None = vocabularies.milestone_kinds
        else:
            vocabulary = getattr(vocabularies, key.check, None)
        if isinstance(vocabulary, Vocabulary):
            return [(t.id, t.description) for t in vocabulary.terms]
        if key.check in ("source", "actor", "place", "agreement", "event"):
            return [
                (r.id, str(getattr(r, "title", None) or getattr(r, "name", "")))
                for r in self.records(key.check)
            ]
        if key.name == "parties":
            return [(c, "") for c in self.dataset.info.countries]
        return []

    def records(self, kind: str) -> Sequence[Any]:
        return {
            "source": self.dataset.sources,
            "actor": self.dataset.actors,
            "place": self.dataset.places,
            "agreement": self.dataset.agreements,
            "event": self.dataset.events,
        }[kind]

    @staticmethod
    def term(vocabulary: Vocabulary, word: str, option: str) -> str:
        from azma.query.filters import resolve_terms

        if not word:
            raise UsageError(f"{option}: an empty {vocabulary.name}", "valid: " + ", ".join(vocabulary.ids))
        return resolve_terms([word], (vocabulary,), option)[0]

    def record_id(self, kind: str, typed: str, option: str) -> str:
        """An existing record's id; an actor or place may also be named, if only one matches."""
        records = self.records(kind)
        ids = [r.id for r in records]
        if typed in ids:
            return typed
        if kind in ("actor", "place") and typed:
            from azma.folding import fold, names_of

            needle = fold(typed)
            found: list[str] = [r.id for r in records if any(needle in fold(n) for n in names_of(r))]
            if len(found) == 1:
                return found[0]
            if found:
                shown = ", ".join(found[:10]) + (f" and {len(found) - 10} more" if len(found) > 10 else "")
                raise UsageError(f"{option}: '{typed}' matches {len(found)} {kind}s: {shown}", "give the id")
        listing = {"source": "sources", "actor": "actors", "place": "search", "agreement": "agreements",
                   "event": "timeline"}[kind]  # fmt: skip
        hint = did_you_mean(typed, ids) or (
            f"no {kind}s yet; add one with 'azma add source'"
            if kind == "source" and not ids
            else f"see 'azma {listing}'" + ("; add one with 'azma add source'" if kind == "source" else "")
        )
        raise UsageError(f"{option}: unknown {kind} '{typed}'", hint)

    def milestone(self, text: str, option: str) -> dict[str, str]:
        """KIND or KIND=DATE -> {what, date}: a milestone's kind from the vocabulary, its EDTF date."""
        what, equals, when = text.partition("=")
        kind = self.term(self.dataset.vocabularies.milestone_kinds, what.strip(), option)
        if not equals:
            return {"what": kind}
        return {"what": kind, "date": edtf_text(when.strip(), f"{option} {kind}")}


def edtf_text(text: str, option: str) -> str:
    """A date as the record stores it: EDTF as typed, or a plain date in words made EDTF
    ('5 March 2018' -> '2018-03-05'); UsageError naming the option otherwise."""
    from azma.dates import DateError, parse_edtf

    if not text:
        raise UsageError(f"{option}: an empty date", "e.g. 2025-03-12, 2025-03 or 2025")
    try:
        return parse_edtf(text).text
    except DateError as exc:
        edtf_problem = str(exc)
    from azma.dates import parse_user_date

    try:
        span = parse_user_date(text, option)
    except UsageError:
        raise UsageError(
            f"{option}: {edtf_problem}", "e.g. 2025-03-12, 2025-03, 2025, 2025-03-12/2025-03-14"
        ) from None
    start, end = span.start, span.end
    if start == end:
        return start.isoformat()
    if (start.year, start.month) == (end.year, end.month) and start.day == 1:
        return start.isoformat()[:7]
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year)
    return f"{start.isoformat()}/{end.isoformat()}"


# ----------------------------------------------------------------------------- ids


def slug(text: str, words: int = 6) -> str:
    """An id-shaped slug of a title: folded to ASCII, lower case, at most `words` words."""
    from azma.folding import fold

    parts = [p for p in re.split(r"[^a-z0-9]+", fold(text)) if p]
    return "-".join(parts[:words])


def new_id(dataset: Dataset, title: str, date: str | None, taken: Iterable[str] = ()) -> str:
    """An unused id from the title (and the year of the date): 'embassy-briefing-2025'."""
    used = set(all_ids(dataset)) | set(taken)
    base = slug(title) or "record"
    year = date[:4] if date and re.fullmatch(r"\d{4}", date[:4]) else None
    if year and not base.endswith(year):
        base = f"{base}-{year}"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def all_ids(dataset: Dataset) -> list[str]:
    return [r.id for group in (dataset.sources, dataset.actors, dataset.places, dataset.events,
                               dataset.agreements) for r in group]  # fmt: skip


def check_id(dataset: Dataset, typed: str) -> str:
    if not _ID.fullmatch(typed):
        suggestion = slug(typed, words=12) or "my-record"
        raise UsageError(
            f"--id: '{typed}' is not a valid id", f"lower-case letters, digits and '-', e.g. '{suggestion}'"
        )
    if typed in all_ids(dataset):
        raise UsageError(f"--id: '{typed}' is already used", "choose another id, or leave --id out")
    return typed


# ----------------------------------------------------------------------------- the record as TOML


def ordered(record_type: RecordType, record_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The record's keys in the order of the schema (as the bundled files write them), empty ones
    left out."""
    from azma.load.build import _SCHEMAS

    out: dict[str, Any] = {"id": record_id}
    for name in _SCHEMAS[record_type]:
        value = values.get(name)
        if name == "id" or value is None or value == [] or value is False:
            continue
        out[name] = value
    return out


def render(record_type: RecordType, record: Mapping[str, Any]) -> str:
    """The record as one `[[type]]` table of TOML text (tomlkit does the quoting)."""
    import tomlkit

    table = tomlkit.table()
    for key, value in record.items():
        if key == "milestones":
            items = tomlkit.array()
            for milestone in value:
                inline = tomlkit.inline_table()
                inline.update(milestone)
                items.append(inline)
            table.add(key, items)
        else:
            table.add(key, value)
    document = tomlkit.document()
    tables = tomlkit.aot()
    tables.append(table)
    document.append(record_type, tables)
    return tomlkit.dumps(document)


def appended(existing: str, fragment: str) -> str:
    """The file's text with the fragment after it: what was there stays byte for byte."""
    if not existing:
        return NEW_FILE_HEADER + fragment
    separator = "\n" if existing.endswith("\n") else "\n\n"
    if existing.endswith("\n\n"):
        separator = ""
    return existing + separator + fragment


def check_append(
    path: Path, existing: str, new: str, record_type: RecordType, record: Mapping[str, Any]
) -> None:
    """The new text must read as the old one plus exactly this record (else nothing is written)."""
    from azma._toml import TOMLDecodeError, loads
    from azma.safe import for_terminal

    shown = for_terminal(str(path))
    try:
        before = loads(existing)
    except TOMLDecodeError as exc:
        raise UsageError(
            f"{shown} is not valid TOML ({exc}); nothing was written", "fix it first: azma validate"
        ) from None
    try:
        after = loads(new)
    except TOMLDecodeError:
        raise UsageError(
            f"{shown} writes '{record_type}' in a form a [[{record_type}]] table cannot follow; nothing was written",
            "add to another file with --to",
        ) from None
    kept = before.get(record_type, [])
    if after.get(record_type) != [*kept, dict(record)] or {
        k: v for k, v in after.items() if k != record_type
    } != {k: v for k, v in before.items() if k != record_type}:
        raise OutputError(f"appending to {shown} would change what it holds; nothing was written")


class Added(NamedTuple):
    """What `add_record` did: the record's id, its TOML, and the file (None for a dry run)."""

    id: str
    toml: str
    written: Path | None


def add_record(
    record_type: RecordType,
    record: Mapping[str, Any],
    target: Path,
    files: Sequence[str | os.PathLike[str]],
    *,
    dry_run: bool = False,
    validate: Callable[[Sequence[str], Mapping[str, str]], object] | None = None,
) -> Added:
    """Append `record` to `target` once the whole dataset, with it, is valid (DataError if not).

    `files` are every file the run reads (the target among them if it exists); `validate`
    builds the dataset from files and replacement texts (`azma.load.build.build_dataset` by default).
    """
    from azma.safe import for_terminal

    if target.is_dir():
        raise UsageError(f"--to {for_terminal(str(target))}: is a folder", "give a .toml file")
    existing = _read_text(target)
    fragment = render(record_type, record)
    new = appended(existing, fragment)
    check_append(target, existing, new, record_type, record)
    from azma.load import unique_files
    from azma.load.build import build_dataset

    paths = unique_files([*files, target])
    # the target as named in `files` (the same file may be spelt differently)
    key = next((p for p in paths if _same(p, target)), os.fspath(target))
    if validate is None:
        build_dataset(paths, texts={key: new})
    else:
        validate(paths, {key: new})
    if dry_run:
        return Added(str(record["id"]), fragment, None)
    if _read_text(target) != existing:
        raise OutputError(
            f"{for_terminal(str(target))} changed while the record was being checked; nothing was written",
            "run the command again",
        )
    from azma.files import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create {for_terminal(str(target.parent))}: {exc.strerror or exc}"
        ) from None
    write_atomic(target, new.encode("utf-8"), force=True)
    return Added(str(record["id"]), fragment, target)


def _read_text(path: Path) -> str:
    from azma.load import NotAFile, read_data_file
    from azma.safe import for_terminal

    try:
        return read_data_file(path, pipes=False).decode("utf-8")  # no FIFO, device, or huge file
    except FileNotFoundError:
        return ""
    except NotAFile as exc:
        raise UsageError(f"--to {for_terminal(str(path))}: {exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{for_terminal(str(path))} is not UTF-8 text; nothing was written") from None
    except OSError as exc:
        raise OutputError(f"cannot read {for_terminal(str(path))}: {exc.strerror or exc}") from None


def _same(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)
