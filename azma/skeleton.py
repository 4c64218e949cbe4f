"""`azma init DIR`: a minimal, valid record of one's own, for another pair of countries.

The skeleton holds a [dataset] table (title and countries: every title and caption azma prints
comes from it), the bundled vocabulary to start from, one source, one example event and a README
of the schema generated from the loader's own table of keys, so it never disagrees with it.
`azma --no-bundled --data DIR timeline` reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from azma.errors import OutputError, UsageError

PLACEHOLDER_COUNTRIES = ("Country A", "Country B")
FILES = ("dataset.toml", "vocabulary.toml", "sources.toml", "records.toml", "README.md")


def write_skeleton(
    folder: Path, *, title: str | None = None, countries: Sequence[str] = (), force: bool = False
) -> list[Path]:
    """Write the skeleton's files into `folder` (made if needed); UsageError if one exists."""
    from azma.files import write_atomic
    from azma.safe import for_terminal

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{for_terminal(str(folder))} is a file", "give a folder (it is made if needed)")
    if not force:
        for name in FILES:
            if (folder / name).exists():
                raise UsageError(
                    f"{for_terminal(str(folder / name))} exists; not overwriting it",
                    "add --force to replace it",
                )
    names = [c.strip() for c in countries if c.strip()] or list(PLACEHOLDER_COUNTRIES)
    texts = {
        "dataset.toml": dataset_toml(title or f"{'–'.join(names)} relations", names),
        "vocabulary.toml": vocabulary_toml(),
        "sources.toml": SOURCES,
        "records.toml": records_toml(date.today()),
        "README.md": readme(folder),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {for_terminal(str(folder))}: {exc.strerror or exc}") from None
    written = []
    for name, text in texts.items():
        write_atomic(folder / name, text.encode("utf-8"), force=True)
        written.append(folder / name)
    return written


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
# Events and agreements. Add more with 'azma add event' and 'azma add agreement' (give
# --to this file, or make this folder your own with AZMA_DATA_HOME), or by hand.

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
    """The schema, from the loader's own table of keys (required keys marked)."""
    from azma.load.build import _SCHEMAS

    where = str(folder)
    lines = [
        "# A record for azma",
        "",
        "Made by `azma init`. Every `*.toml` file in this folder is read; any file may hold any table.",
        "",
        f"    azma --no-bundled --data {where} validate     # check it",
        f"    azma --no-bundled --data {where} timeline",
        f"    AZMA_DATA_HOME={where} AZMA_NO_BUNDLED=1 azma add event   # add to records.toml here",
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
        "milestone": "agreement milestones (inline tables)",
        "trade": "[[trade]]",
        "dispute": "[[event.dispute]], [[agreement.dispute]], [[trade.dispute]]",
        "reading": "[[….dispute.reading]]",
        "term": "[[field]], [[event_kind]], [[agreement_kind]], [[milestone_kind]], [[status]], "
        "[[source_kind]], [[dispute_topic]]",
    }
    for schema, header in tables.items():
        keys = ", ".join(f"`{k}`{'*' if required else ''}" for k, (_, required) in _SCHEMAS[schema].items())
        lines += [f"- {header}: {keys}"]
    lines += [
        "",
        "Fields and kinds name terms of `vocabulary.toml` (by id or alias); sources, actors, places,",
        "agreements and events are named by id. `azma validate` lists every problem at once.",
        "",
    ]
    return "\n".join(lines)
