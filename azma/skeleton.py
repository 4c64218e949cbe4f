"""`azma init DIR`: a minimal, valid record of one's own, for another pair of countries.

The skeleton holds a [dataset] table (title and countries: every title and caption azma prints
comes from it), the bundled vocabulary to start from, one source, one example event and a README
of the schema generated from the public schema (azma.schema), so it never disagrees with the
loader, and that schema as JSON (schema.json), which each data file names on its first line
(taplo's `#:schema` directive) so that editors validate and complete it.
`azma --data DIR timeline` reads it, without the bundled record (its azma.toml says so).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from azma.errors import OutputError, UsageError

PLACEHOLDER_COUNTRIES = ("Country A", "Country B")
CONFIG = "azma.toml"  # the folder's settings: not data (azma.load never reads it as records)
FILES = (
    "dataset.toml",
    "vocabulary.toml",
    "sources.toml",
    "records.toml",
    "README.md",
    CONFIG,
    "schema.json",
)


def write_skeleton(
    folder: Path, *, title: str | None = None, countries: Sequence[str] = (), force: bool = False
) -> list[Path]:
    """Write the skeleton's files into `folder` (made if needed): all of them or none.

    UsageError (before anything is written) if one exists (without `force`), or if a name is a
    symbolic link: a link planted in the folder is never followed, with or without `force`.
    Every file is first written in full beside its name, then all take their names; a failure
    at any step removes what this run made and leaves what was there as it was.
    """
    from azma.safe import for_terminal

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{for_terminal(str(folder))} is a file", "give a folder (it is made if needed)")
    for name in FILES:
        path = folder / name
        if path.is_symlink():
            raise UsageError(
                f"{for_terminal(str(path))} is a symbolic link (to {for_terminal(os.readlink(path))}); "
                "azma init never writes through one",
                "remove it, or give another folder",
            )
        if not force and os.path.lexists(path):
            raise UsageError(
                f"{for_terminal(str(path))} exists; not overwriting it", "add --force to replace it"
            )
    names = [c.strip() for c in countries if c.strip()] or list(PLACEHOLDER_COUNTRIES)
    import json

    from azma.schema import SCHEMA_DIRECTIVE, json_schema

    texts = {
        "dataset.toml": dataset_toml(title or f"{'–'.join(names)} relations", names),
        "vocabulary.toml": vocabulary_toml(),
        "sources.toml": SOURCES,
        "records.toml": records_toml(date.today()),
        "README.md": readme(folder),
        CONFIG: CONFIG_TEXT,
        "schema.json": json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n",
    }
    for name in texts:  # each data file names the schema (azma.toml holds settings, not data)
        if name.endswith(".toml") and name != CONFIG:
            texts[name] = f"{SCHEMA_DIRECTIVE}\n{texts[name].removeprefix(SCHEMA_DIRECTIVE + chr(10))}"
    contents = {name: text.encode("utf-8") for name, text in texts.items()}
    made_folders = _make_folder(folder)
    try:
        _write_all(folder, contents, force)
    except BaseException:
        for made in reversed(made_folders):
            try:
                made.rmdir()
            except OSError:
                pass
        raise
    return [folder / name for name in texts]


def _make_folder(folder: Path) -> list[Path]:
    """Make `folder` and any missing parents; the ones made, outermost first."""
    from azma.safe import for_terminal

    missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)][::-1]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {for_terminal(str(folder))}: {exc.strerror or exc}") from None
    return missing


def _write_all(folder: Path, contents: dict[str, bytes], force: bool) -> None:
    """Every file to a temporary name (flushed to disk), then each renamed into place; any
    failure undoes the renames done (restoring a replaced file from its hard-linked copy)."""
    import tempfile

    from azma.files import mode_for
    from azma.safe import for_terminal

    temporary: dict[str, str] = {}
    kept: dict[str, str] = {}  # name -> a hard link to the file it replaces (with --force)
    placed: list[str] = []
    try:
        for name, data in contents.items():
            handle, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            temporary[name] = path
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(path, mode_for(folder / name))  # a replaced file's, else the umask's
        for name, path in temporary.items():
            target = os.path.join(folder, name)
            if force and os.path.lexists(target):
                if os.path.islink(target):  # appeared since the check: never written through
                    raise FileExistsError(f"{target} became a symbolic link")
                backup = f"{path}.old"
                os.link(target, backup)
                kept[name] = backup
                os.replace(path, target)  # replaces the name itself, never a link's target
            else:
                os.link(path, target)  # fails if the name exists, a dangling link included
            placed.append(name)
    except OSError as exc:
        for name in placed:
            target = os.path.join(folder, name)
            try:
                if name in kept:
                    os.replace(kept.pop(name), target)
                else:
                    os.unlink(target)
            except OSError:
                pass
        if isinstance(exc, FileExistsError):
            raise UsageError(
                f"{for_terminal(str(folder))}: a file appeared while init was writing; nothing was written",
                "run it again",
            ) from None
        raise OutputError(
            f"cannot write into {for_terminal(str(folder))}: {exc.strerror or exc}; nothing was written"
        ) from None
    finally:
        for path in [*temporary.values(), *kept.values()]:
            try:
                os.unlink(path)
            except OSError:
                pass


CONFIG_TEXT = """\
# This folder's settings, written by 'azma init' (this file holds no records).
# bundled = false: this folder is a record of its own, read without azma's bundled record, so
# 'azma --data THIS-FOLDER timeline' needs no --no-bundled. Set it to true to read both.

bundled = false
"""


def dataset_toml(title: str, countries: Sequence[str]) -> str:
    import tomlkit

    table = tomlkit.table()
    table.add("title", title)
    table.add("countries", list(countries))
    table.add("description", f"A sourced record of {' and '.join(countries)}: events, agreements and trade.")
    document = tomlkit.document()
    document.add(tomlkit.comment("What this record is about: azma takes every title and caption from here."))
    document.add(tomlkit.nl())
    document.add("dataset", table)
    return tomlkit.dumps(document)


def vocabulary_toml() -> str:
    from azma.load import bundled_data_dir

    try:
        bundled = Path(bundled_data_dir(), "vocabulary.toml").read_text(encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot read the bundled vocabulary: {exc.strerror or exc}") from None
    return (
        "# Copied from azma's bundled vocabulary by 'azma init'. It is yours now: add, change or remove\n"
        "# terms; every record must use terms defined here.\n\n" + bundled
    )


SOURCES = """\
# Where the records come from. Every event, agreement and trade row cites sources by id.
# Add more with: azma add source --title ... --publisher ... --kind ...

[[source]]
id = "example-source"
title = "Example source: replace it with the document your first records come from"
publisher = "me"
kind = "notes"
"""


def records_toml(today: date) -> str:
    return f"""\
# Events, agreements, actors, places and trade rows. Add more with 'azma add event --data
# THIS-FOLDER' (and agreement, actor, place, trade), or by hand; 'azma edit ID' opens a record.

[[event]]
id = "example-event"
date = "{today.isoformat()}"
title = "Example event: the record is started"
summary = "An example of the shape of an event; replace it with a real one."
kind = "event"
fields = ["diplomacy"]
sources = ["example-source"]
"""


def readme(folder: Path) -> str:
    """The schema, from the public schema the loader checks with (required keys marked)."""
    from azma.schema import TABLES

    where = str(folder).encode("utf-8", "backslashreplace").decode("utf-8")  # any bytes in its name
    lines = [
        "# A record for azma",
        "",
        "Made by `azma init`. Every `*.toml` file in this folder is read; any file may hold any table.",
        "",
        f"    azma --data {where} validate              # check it",
        f"    azma --data {where} timeline",
        f"    azma add actor --data {where}             # asks for each value; adds to records.toml here",
        f"    azma edit ID --data {where}               # opens your editor at the record",
        "",
        "`azma.toml` holds this folder's settings (`bundled = false`: it is read without azma's",
        "bundled record, so no `--no-bundled` is needed); it holds no records.",
        "",
        "- `dataset.toml`: `[dataset]` with `title`, `countries` and `description`; every title and",
        "  caption azma prints (reports, the web page, the trade table) comes from it.",
        "- `vocabulary.toml`: the fields and kinds records may use (a copy of azma's, yours to change).",
        "- `sources.toml`: `[[source]]` records; `records.toml`: `[[event]]`, `[[agreement]]` and others.",
        "",
        "## Tables and keys",
        "",
        "Required keys are marked with *. Dates are EDTF: `2025-03-12`, `2025-03`, `2025`, `2025?`,",
        "`2025-03-12/2025-03-14`, `../2025` (on or before). Ids are lower-case letters, digits and `-`.",
        "",
    ]
    tables = {
        "dataset": "[dataset]",
        "source": "[[source]]",
        "copy": "[[source.copy]]",
        "actor": "[[actor]]",
        "post": "[[actor.terms]]",
        "place": "[[place]]",
        "event": "[[event]]",
        "agreement": "[[agreement]]",
        "milestone": "[[agreement.milestones]]",
        "trade": "[[trade]]",
        "dispute": "[[event.dispute]], [[agreement.dispute]], [[trade.dispute]]",
        "reading": "[[….dispute.reading]]",
        "term": "[[field]], [[event_kind]], [[agreement_kind]], [[milestone_kind]], [[status]], "
        "[[source_kind]], [[dispute_topic]]",
    }
    for table, header in tables.items():
        keys = ", ".join(f"`{k.name}`{'*' if k.required else ''}" for k in TABLES[table])
        lines += [f"- {header}: {keys}"]
    lines += [
        "",
        "Fields and kinds name terms of `vocabulary.toml` (by id or alias); sources, actors, places,",
        "agreements and events are named by id. `azma validate` lists every problem at once.",
        "",
    ]
    return "\n".join(lines)
