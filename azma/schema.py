"""The data's schema, public: every table of a data file, its keys, their types and which are required.

This is the one definition. From it come the loader's checks (`azma.load.build`), the JSON
Schema editors validate and complete data files with (`data/schema.json`, named by taplo's
`#:schema` directive at the top of the bundled files and of the files `azma init` writes; see
`json_schema`), and the key tables of `data/README.md` (`key_table`; a test keeps the README
and data/schema.json in step: `python -m pytest --update-goldens` rewrites both).

A key's `type` says how the loader reads its value:

    id        a record id: lower-case letters, digits and '-'
    string    text
    strings   a list of texts (or of ids, or of vocabulary terms)
    date      an EDTF date (levels 0 and 1, and level 2's "one of a set")
    year      a whole year
    number    a number
    boolean   true or false
    tables    an array of tables of the table named by `table` ([[event.dispute]])

`required` keys must be in every file, bundled or your own (the bundled data also gives every
source its `url` and `language`, which tests/test_data_integrity.py checks). `vocabulary` names the vocabulary a value comes from (its id or an
alias), `refers` the record type an id names.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal, NamedTuple

    KeyType = Literal["id", "string", "strings", "date", "year", "number", "boolean", "tables"]
else:
    from azma._named import NamedTuple


class Key(NamedTuple):
    """One key of a table: its name, how it is read, whether it is required, what it means."""

    name: str
    type: KeyType
    required: bool = False
    meaning: str = ""
    vocabulary: str | None = None  # a vocabulary's table name: "field", "event_kind"…
    refers: str | None = None  # the record type an id (or a list of ids) names
    table: str | None = None  # for "tables": the table each item is


def _k(
    name: str,
    type: KeyType,
    required: bool = False,
    meaning: str = "",
    *,
    vocabulary: str | None = None,
    refers: str | None = None,
    table: str | None = None,
) -> Key:
    return Key(name, type, required, meaning, vocabulary, refers, table)


_DISPUTE = _k("dispute", "tables", False, "where sources disagree: see *Disputes*", table="dispute")

# table -> its keys, in the order the README lists them
TABLES: dict[str, tuple[Key, ...]] = {
    "source": (
        _k("id", "id", True, "publisher-date-topic, e.g. `trend-2023-11-14`"),
        _k("title", "string", True, "the headline as printed, in its language (a descriptive title in English, "
           "said to be one, when the page has none)"),
        _k("title_en", "string", False, "an English rendering of a headline in another language"),
        _k("publisher", "string", True, "who published it, and whose text it carries "
           "(`MENAFN, carrying a Trend News Agency report`)"),
        _k("kind", "string", True, "how to weigh it: `official`, `news-agency`, `newspaper`, `aggregator`, "
           "`encyclopedia`, `forum`, `notes`", vocabulary="source_kind"),
        _k("language", "string", False, "ISO 639-1: `en`, `fr`, `ar`, `ru`, `az`, `de`, `it` (every bundled "
           "source gives it)"),
        _k("url", "string", False, "where it can be read (every bundled source gives it)"),
        _k("printed_date", "string", False, "the date exactly as the page prints or stamps it "
           "(free text, `\"16-го февраля\"`)"),
        _k("date", "date", False, "the publication date as worked out (the bundled data gives it or `date_note`)"),
        _k("date_note", "string", False, "how the date was worked out whenever it is not simply printed"),
        _k("file", "string", False, "a local copy's file name"),
        _k("note", "string", False, "what else a reader must know (whose text an aggregator carries, "
           "a broken-off excerpt)"),
        _k("accessed", "date", False, "the day the text at `url` was read (a day: `2026-11-30`); citations "
           "give it as the access date (CSL `accessed`, BibTeX `urldate`). In the bundled record it is the day "
           "the record was last checked against every source (see *How the record was built*)"),
        _k("copy", "tables", False, "republications of the same text elsewhere: see `[[source.copy]]`",
           table="copy"),
    ),
    "copy": (
        _k("url", "string", True, "where the copy can be read"),
        _k("publisher", "string", True, "who republished it"),
        _k("file", "string", False, "a local copy's file name"),
        _k("date", "date", False, "when it was republished"),
        _k("language", "string", False, "ISO 639-1"),
        _k("note", "string", False, ""),
    ),
    "actor": (
        _k("id", "id", True, "e.g. `nasser-bourita`"),
        _k("name", "string", True, "the name as the sources spell it"),
        _k("type", "string", True, "`person` or `institution`"),
        _k("country", "string", False, "`Azerbaijan`, `Morocco`, or `international`"),
        _k("roles", "strings", False, "roles the sources give, each with the year a source ties it to"),
        _k("terms", "tables", False, "posts held, with dates: see `[[actor.terms]]`", table="post"),
        _k("aliases", "strings", False, "other spellings and short names, in any script"),
        _k("sources", "strings", True, "", refers="source"),
        _k("note", "string", False, ""),
    ),
    "post": (
        _k("role", "string", True, "the post (`Ambassador of Morocco to Azerbaijan`)"),
        _k("date", "date", False, "when it was held, as far as sources show (`2016-11/`: the end is unknown)"),
        _k("sources", "strings", True, "", refers="source"),
        _k("note", "string", False, ""),
    ),
    "place": (
        _k("id", "id", True, "e.g. `marrakesh`"),
        _k("name", "string", True, ""),
        _k("country", "string", True, ""),
        _k("aliases", "strings", False, "spellings (`Marrakech`, `Gəncə`)"),
    ),
    "event": (
        _k("id", "id", True, ""),
        _k("date", "date", False, "omitted when no source dates it or bounds it"),
        _k("title", "string", True, "one line, our words, no claim a source disputes"),
        _k("summary", "string", False, "one to three sentences, only what the sources say"),
        _k("kind", "string", False, "default `event` (generic)", vocabulary="event_kind"),
        _k("fields", "strings", True, "at least one", vocabulary="field"),
        _k("places", "strings", False, "", refers="place"),
        _k("actors", "strings", False, "", refers="actor"),
        _k("sources", "strings", True, "every source that reports it", refers="source"),
        _k("agreements", "strings", False, "agreements signed or discussed at it", refers="agreement"),
        _k("part_of", "string", False, "the larger event it belongs to (a visit, a commission session)",
           refers="event"),
        _k("note", "string", False, "how the date was worked out, what is uncertain"),
        _DISPUTE,
    ),
    "agreement": (
        _k("id", "id", True, ""),
        _k("title", "string", True, "the official title where a source gives one, else a description"),
        _k("official_title", "boolean", False, "`true` when `title` is the official title as a source gives it"),
        _k("summary", "string", False, "a sentence or two on what it covers, our words"),
        _k("aliases", "strings", False, "other names (a French or Arabic title)"),
        _k("kind", "string", True, "", vocabulary="agreement_kind"),
        _k("parties", "strings", True, "who is bound (states, ministries, agencies)"),
        _k("signatories", "strings", False, "", refers="actor"),
        _k("places", "strings", False, "where it was signed", refers="place"),
        _k("fields", "strings", True, "", vocabulary="field"),
        _k("status", "string", True, "the furthest step reached", vocabulary="status"),
        _k("milestones", "tables", False, "each step with its own sources: see `[[agreement.milestones]]`",
           table="milestone"),
        _k("sources", "strings", True, "", refers="source"),
        _k("note", "string", False, ""),
        _DISPUTE,
    ),
    "milestone": (
        _k("what", "string", True, "one of the milestone kinds", vocabulary="milestone_kind"),
        _k("date", "date", False, "omitted when unknown"),
        _k("event", "string", False, "the event at which it happened: the timeline shows it with that event",
           refers="event"),
        _k("sources", "strings", False, "defaults to the agreement's", refers="source"),
        _k("note", "string", False, ""),
    ),
    "trade": (
        _k("year", "year", True, ""),
        _k("period", "date", False, "only for a figure covering part of a year (`2017-01/2017-06`); the row "
           "is then that period's figure, not the year's"),
        _k("reporter", "string", True, "whose statistics (`Azerbaijan`, `Morocco`, or `unknown` when the "
           "source does not say)"),
        _k("partner", "string", True, "the other country"),
        _k("imports", "number", False, "the reporter's imports from the partner"),
        _k("exports", "number", False, "the reporter's exports to the partner"),
        _k("turnover", "number", True, "as reported; equals imports + exports (to 0.01) when both are given"),
        _k("unit", "string", True, "always `thousand USD` ($1.74 million is written 1740.0)"),
        _k("printed", "string", False, "the figures exactly as the source prints them "
           "(`\"1.74 million dollars\"`)"),
        _k("sources", "strings", True, "", refers="source"),
        _k("caveats", "strings", False, "what a reader must know about the row; `azma trade` shows caveats "
           "shared by every row once"),
        _k("qualifier", "string", False, "what the figures are: `exact` (the default), `approximate` "
           "(\"about\"), `at-most` (a ceiling: \"did not exceed\"), `at-least` (a floor: \"more than\"); a "
           "bound is never summed, compared or used for a change"),
        _DISPUTE,
    ),
    "dispute": (
        _k("about", "string", True, "what is disputed", vocabulary="dispute_topic"),
        _k("question", "string", False, "the question the readings answer"),
        _k("reason", "string", True, "why the lead reading leads, weighing the sources by kind"),
        _k("milestone", "string", False, "for an agreement's date dispute: the milestone whose date is disputed",
           vocabulary="milestone_kind"),
        _k("reading", "tables", True, "two or more readings: see `[[….dispute.reading]]`", table="reading"),
    ),
    "reading": (
        _k("value", "string", True, "the reading: EDTF for dates, free text otherwise"),
        _k("sources", "strings", True, "the sources that say it (at least one)", refers="source"),
        _k("lead", "boolean", False, "`true` on exactly one reading"),
        _k("note", "string", False, "how the sources put it"),
    ),
    "dataset": (
        _k("title", "string", True, "what the record is: the reports' and the web page's title"),
        _k("countries", "strings", False, "the countries it is about"),
        _k("description", "string", False, ""),
    ),
    "term": (
        _k("id", "id", True, "the canonical id"),
        _k("description", "string", True, ""),
        _k("aliases", "strings", False, "other words for it (`defense`, `military` for `defence`)"),
    ),
}  # fmt: skip

# The tables a data file holds at its top level: records (arrays of tables), vocabularies
# (arrays of `term` tables, by the name of the vocabulary they fill) and [dataset].
RECORD_TABLES = ("source", "actor", "place", "event", "agreement", "trade")
VOCABULARY_TABLES = {
    "field": "fields",
    "event_kind": "event_kinds",
    "agreement_kind": "agreement_kinds",
    "milestone_kind": "milestone_kinds",
    "status": "statuses",
    "source_kind": "source_kinds",
    "dispute_topic": "dispute_topics",
}
ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"
SCHEMA_FILE = "schema.json"  # in data/, and in each folder `azma init` writes
SCHEMA_DIRECTIVE = f"#:schema ./{SCHEMA_FILE}"


def references() -> dict[str, tuple[tuple[str, str], ...]]:
    """Record table -> (key, record type) for every key naming other records by id."""
    return {
        table: tuple((k.name, k.refers) for k in TABLES[table] if k.refers is not None)
        for table in RECORD_TABLES
    }


# ----------------------------------------------------------------------------- JSON Schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file, for editors (taplo, Even Better TOML).

    Keys, types and required keys as the loader checks them. Vocabulary values are any text
    (a file may add terms), as are dates (EDTF is checked by `azma validate`).
    """
    defs = {name: _table_schema(name) for name in TABLES}
    properties: dict[str, Any] = {
        table: {"type": "array", "items": {"$ref": f"#/$defs/{table}"}} for table in RECORD_TABLES
    }
    for table, vocabulary in VOCABULARY_TABLES.items():
        properties[table] = {
            "type": "array",
            "description": f"terms of the {vocabulary.replace('_', ' ')} vocabulary",
            "items": {"$ref": "#/$defs/term"},
        }
    properties["dataset"] = {"$ref": "#/$defs/dataset"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "azma data file",
        "description": "A TOML file of azma records (bundled data or your own); see data/README.md.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs,
    }


def _table_schema(table: str) -> dict[str, Any]:
    properties = {key.name: _key_schema(key) for key in TABLES[table]}
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": properties}
    required = [key.name for key in TABLES[table] if key.required is True]
    if required:
        schema["required"] = required
    return schema


def _key_schema(key: Key) -> dict[str, Any]:
    string: dict[str, Any] = {"type": "string"}
    by_type: dict[str, dict[str, Any]] = {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "string": string,
        "strings": {"type": "array", "items": string},
        "date": {"type": "string", "description": "EDTF"},
        "year": {"type": "integer"},
        "number": {"type": "number"},
        "boolean": {"type": "boolean"},
        "tables": {"type": "array", "items": {"$ref": f"#/$defs/{key.table}"}},
    }
    schema = dict(by_type[key.type])
    described = [text for text in (key.meaning, _type_label(key)) if text]
    schema["description"] = "; ".join(described)
    return schema


# ----------------------------------------------------------------------------- README tables


def _type_label(key: Key) -> str:
    """How the README names a key's type: `list of source ids`, `event kind`, `EDTF string`…"""
    if key.vocabulary is not None:
        word = key.vocabulary.replace("_", " ")
        return f"list of {word}s" if key.type == "strings" else word
    if key.refers is not None:
        return f"list of {key.refers} ids" if key.type == "strings" else f"{key.refers} id"
    return {
        "id": "string",
        "string": "string",
        "strings": "list of strings",
        "date": "EDTF string",
        "year": "integer",
        "number": "number",
        "boolean": "boolean",
        "tables": "list of tables",
    }[key.type]


def key_table(table: str) -> str:
    """The Markdown table of a table's keys, as data/README.md shows it."""
    rows = ["| key | type | required | meaning |", "| --- | --- | --- | --- |"]
    for key in TABLES[table]:
        required = "yes" if key.required else "no"
        rows.append(f"| `{key.name}` | {_type_label(key)} | {required} | {key.meaning} |")
    return "\n".join(rows) + "\n"
