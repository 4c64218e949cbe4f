"""Adding a record to the user's own files: `azma add event|agreement|source|actor|place|trade`.

Each value is checked as it is given (the same one-line errors and suggestions as a query's
options), the record is rendered as TOML by tomlkit and appended to the end of the target file,
so everything already in it (comments, layout, the order of tables) stays byte for byte. The
file as it would be is then validated with every other file azma reads, and only a valid file is
written, atomically, while the file's lock is held (`azma.locking`): the file is read again under
the lock and the record's id and duplicates are worked out from that text, so adds at once each
keep their record. A record that repeats one already there (same title and date, or name) is
refused, naming it. Nothing here prompts: `azma.prompt` asks for missing values at a terminal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

from azma.errors import AzmaError, ExitCode, OutputError, UsageError, did_you_mean
from azma.model import Dataset, Vocabulary

RecordType = Literal["event", "agreement", "source", "actor", "place", "trade"]
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
    "actor": (
        Key("name", "--name", "text", required=True, label="name"),
        Key("type", "--type", "actor_type", required=True, label="type (person or institution)"),
        Key("country", "--country", "country", ask=True, label="country (empty if none)"),
        Key("roles", "--role", "text", many=True),
        Key("aliases", "--alias", "text", many=True),
        Key(
            "sources", "--source", "source", required=True, many=True, label="sources (ids, comma-separated)"
        ),
        Key("note", "--note", "text"),
    ),
    "place": (
        Key("name", "--name", "text", required=True, label="name"),
        Key("country", "--country", "country", required=True, label="country"),
        Key("aliases", "--alias", "text", many=True),
    ),
    "trade": (
        Key("year", "--year", "year", required=True, label="year"),
        Key("period", "--period", "date"),
        Key(
            "reporter",
            "--reporter",
            "country",
            required=True,
            label="reporter (whose statistics; or unknown)",
        ),
        Key("partner", "--partner", "country", required=True, label="partner"),
        Key("imports", "--imports", "number", ask=True, label="imports (the reporter's; empty if not given)"),
        Key("exports", "--exports", "number", ask=True, label="exports (the reporter's; empty if not given)"),
        Key("turnover", "--turnover", "number", required=True, label="turnover"),
        Key("unit", "--unit", "unit", required=True, label="unit (e.g. thousand USD)"),
        Key(
            "sources", "--source", "source", required=True, many=True, label="sources (ids, comma-separated)"
        ),
        Key("caveats", "--caveat", "text", many=True),
        Key("printed", "--printed", "text"),
        Key("qualifier", "--qualifier", "qualifier"),
    ),
}
ACTOR_TYPES = (("person", "a person"), ("institution", "a ministry, parliament, company, agency…"))


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
        if key.check in ("country", "unit"):
            if not text:
                raise UsageError(f"{key.option}: an empty value", "give some text")
            # a known spelling, whatever its case, is written as the data already writes it
            return next((v for v, _ in self.choices(key) if v.casefold() == text.casefold()), text)
        if key.check == "actor_type":
            if text.lower() not in ("person", "institution"):
                hint = did_you_mean(text.lower(), ("person", "institution")) or "person or institution"
                raise UsageError(f"--type: unknown actor type '{text}'", hint)
            return text.lower()
        if key.check == "qualifier":
            from azma.model import TRADE_QUALIFIERS

            if text.lower() not in TRADE_QUALIFIERS:
                hint = did_you_mean(text.lower(), TRADE_QUALIFIERS) or "one of " + ", ".join(TRADE_QUALIFIERS)
                raise UsageError(f"{key.option}: unknown qualifier '{text}'", hint)
            return text.lower()
        if key.check == "number":
            return number(text, key.option)
        if key.check == "year":
            return year(text, key.option)
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
        if key.check == "actor_type":
            return list(ACTOR_TYPES)
        if key.check == "qualifier":
            from azma.model import TRADE_QUALIFIERS

            return list(TRADE_QUALIFIERS.items())
        if key.check == "country":
            known = [*self.dataset.info.countries, *(p.country for p in self.dataset.places)]
            if key.name in ("reporter", "partner"):
                known += [t.reporter for t in self.dataset.trade] + [t.partner for t in self.dataset.trade]
            return [(c, "") for c in dict.fromkeys(known)]
        if key.check == "unit":
            return [(u, "") for u in dict.fromkeys(t.unit for t in self.dataset.trade)]
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


def number(text: str, option: str) -> float | int:
    """A figure as typed ('4587.13', '2400'): finite, not negative; no thousands separators."""
    import math

    cleaned = text.replace("_", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise UsageError(
            f"{option}: '{text}' is not a number",
            "e.g. 4587.13 (a point for decimals, no thousands separators)",
        ) from None
    if not math.isfinite(value) or value < 0:
        raise UsageError(f"{option}: must be a finite number of 0 or more, not '{text}'")
    return int(cleaned) if cleaned.isdigit() else value


def year(text: str, option: str) -> int:
    if not (len(text) == 4 and text.isdigit() and text.isascii()) or text.startswith("0"):
        raise UsageError(f"{option}: '{text}' is not a four-digit year", "e.g. 2024")
    return int(text)


# what a date may be typed as: the hint of a bad date and the answer to `?` at the date question
DATE_FORMS = (
    "2025-03-12, 2025-03, 2025, March 2025, 12 March 2025, a span 2025-03-12/2025-03-14, uncertain 2025?"
)
# what `?` says at a question that has no list of values
FORMS = {"date": f"a date: {DATE_FORMS}", "number": "a number: 4587.13, 2400", "year": "a year: 2024"}


def edtf_text(text: str, option: str) -> str:
    """A date as the record stores it: EDTF as typed, or a plain date in words made EDTF
    ('5 March 2018' -> '2018-03-05'); UsageError naming the option otherwise."""
    from azma.dates import DateError, parse_edtf

    if not text:
        raise UsageError(f"{option}: an empty date", f"e.g. {DATE_FORMS}")
    try:
        return parse_edtf(text).text
    except DateError as exc:
        edtf_problem = str(exc)
    from azma.dates import parse_user_date

    try:
        span = parse_user_date(text, option)
    except UsageError:
        raise UsageError(f"{option}: {edtf_problem}", f"e.g. {DATE_FORMS}") from None
    start, end = span.start, span.end
    if start == end:
        return start.isoformat()
    if (start.year, start.month) == (end.year, end.month) and start.day == 1:
        return start.isoformat()[:7]
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year)
    return f"{start.isoformat()}/{end.isoformat()}"


def derive(record_type: RecordType, values: dict[str, Any], dataset: Dataset) -> None:
    """Fill in what follows from values already given: a trade row's year from its period, its
    turnover from imports and exports, its partner from the record's pair of countries; an
    agreement's parties from the record's countries."""
    countries = dataset.info.countries
    if record_type == "agreement" and "parties" not in values and countries:
        values["parties"] = list(countries)
    if record_type != "trade":
        return
    period = values.get("period")
    if period and "year" not in values and period[:4].isdigit():
        values["year"] = int(period[:4])
    if values.get("imports") is not None and values.get("exports") is not None and "turnover" not in values:
        total = round(values["imports"] + values["exports"], 6)
        values["turnover"] = int(total) if total == int(total) else total
    reporter = values.get("reporter")
    if "partner" not in values and len(countries) == 2 and reporter in countries:
        values["partner"] = countries[1] if reporter == countries[0] else countries[0]


def values_of(dataset: Dataset, record_type: RecordType, record_id: str) -> dict[str, Any]:
    """The values of an existing record (`add … --from ID`), as `azma add` takes them: a copy
    to start a record of one's own from (disputes, posts and copies are not carried over)."""
    from azma.dates import EDTFDate

    records: Sequence[Any] = {
        "event": dataset.events, "agreement": dataset.agreements, "source": dataset.sources,
        "actor": dataset.actors, "place": dataset.places, "trade": dataset.trade,
    }[record_type]  # fmt: skip
    found = next((r for r in records if r.id == record_id), None)
    if found is None:
        raise UsageError(
            f"--from: unknown {record_type} '{record_id}'",
            did_you_mean(record_id, [r.id for r in records]) or f"give the id of a {record_type}",
        )

    def plain(value: Any) -> Any:
        if isinstance(value, EDTFDate):
            return value.text
        if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a milestone
            return {k: plain(v) for k, v in value._asdict().items() if v not in (None, ())}
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        return value

    out: dict[str, Any] = {}
    for key in KEYS[record_type]:
        value = getattr(found, key.name, None)
        if value is not None and value != () and value is not False:
            out[key.name] = plain(value)
    return out


# ----------------------------------------------------------------------------- ids and duplicates


def slug(text: str, words: int = 6) -> str:
    """An id-shaped slug of a title: folded to ASCII, lower case, at most `words` words."""
    from azma.folding import fold

    parts = [p for p in re.split(r"[^a-z0-9]+", fold(text)) if p]
    return "-".join(parts[:words])


def trade_id(values: Mapping[str, Any]) -> str:
    """A trade row's id, as `azma show` takes it: made from its period (or year) and reporter."""
    period = values.get("period")
    when = str(values.get("year")) if not period else str(period).replace("/", "-to-")
    return f"trade-{when}-{str(values.get('reporter', '')).lower()}"


def new_id(dataset: Dataset, record_type: RecordType, values: Mapping[str, Any]) -> str:
    """An unused id from the title or name (and the year of the date): 'embassy-briefing-2025'.

    When another record has that id, the whole date is added ('talks-2024-03-05'); when that
    is taken too, the user is asked for an id: never a silent 'talks-2024-2'."""
    if record_type == "trade":
        return trade_id(values)
    used = set(all_ids(dataset))
    base = slug(str(values.get("title") or values.get("name") or "")) or "record"
    date = values.get("date") if record_type != "agreement" else _agreement_date(values)
    candidates = [base]
    if date and re.fullmatch(r"\d{4}", date[:4]):
        year_base = base if base.endswith(date[:4]) else f"{base}-{date[:4]}"
        candidates = [year_base]
        whole = slug(date, words=12)
        if len(whole) > 4:
            candidates.append(f"{base}-{whole}")
    for candidate in candidates:
        if candidate not in used:
            return candidate
    raise UsageError(
        f"add {record_type}: the id made from its {'title' if 'title' in values else 'name'}, "
        f"'{candidates[0]}', is already another record's",
        "give this one an id with --id",
    )


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


class Duplicate(AzmaError):
    """The record is one the data already holds (same title and date, or name): exit 1."""

    exit_code = ExitCode.DATA


def _same_words(text: object) -> str:
    from azma.folding import fold

    return " ".join(re.split(r"[^\w]+", fold(str(text or "")))).strip()


def _agreement_date(values: Mapping[str, Any]) -> str | None:
    """The date an agreement is known by: its signing, else its first dated milestone."""
    milestones = [m for m in values.get("milestones", ()) if m.get("date")]
    signed = [m["date"] for m in milestones if m["what"] == "signed"]
    return signed[0] if signed else (milestones[0]["date"] if milestones else None)


def find_duplicate(
    dataset: Dataset, record_type: RecordType, values: Mapping[str, Any]
) -> tuple[str, str] | None:
    """(id, what matched) of a record of the same type that this one repeats, else None.

    Events, sources and agreements match on title and date (an agreement also on its aliases,
    a source also on its URL), actors on a name or alias, places on a name or alias in the same
    country, trade rows on their year (or period) and reporter."""
    if record_type == "trade":
        wanted = trade_id(values)
        found = next((t.id for t in dataset.trade if t.id == wanted), None)
        return (found, "a row for the same year and reporter") if found else None
    if record_type in ("actor", "place"):
        name = _same_words(values.get("name"))
        for record in dataset.actors if record_type == "actor" else dataset.places:
            names = {_same_words(n) for n in (record.name, *record.aliases)}
            if name in names and (
                record_type == "actor" or _same_words(record.country) == _same_words(values.get("country"))
            ):
                return record.id, "the same name" + (" in the same country" if record_type == "place" else "")
        return None
    title = _same_words(values.get("title"))
    if record_type == "agreement":
        date = _agreement_date(values)
        for agreement in dataset.agreements:
            titles = {_same_words(t) for t in (agreement.title, *agreement.aliases)}
            own = agreement.date.text if agreement.date else None
            if title in titles and own == date:
                return agreement.id, "the same title and date" if date else "the same title, undated"
        return None
    date = values.get("date")
    url = values.get("url")
    records: Sequence[Any] = dataset.events if record_type == "event" else dataset.sources
    for record in records:
        own = record.date.text if record.date else None
        if _same_words(record.title) == title and own == date:
            return record.id, "the same title and date" if date else "the same title, undated"
        if url and getattr(record, "url", None) == url:
            return record.id, "the same URL"
    return None


# ----------------------------------------------------------------------------- the record as TOML


def ordered(record_type: RecordType, record_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The record's keys in the order of the schema (as the bundled files write them), empty ones
    left out."""
    from azma.schema import TABLES

    out: dict[str, Any] = {} if record_type == "trade" else {"id": record_id}  # a row's id is made
    for name in (key.name for key in TABLES[record_type]):
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
        if key != "milestones":
            table.add(key, value)
    if record.get("milestones"):  # [[agreement.milestones]] tables, after the agreement's keys
        steps = tomlkit.aot()
        for milestone in record["milestones"]:
            step = tomlkit.table()
            step.update(milestone)
            steps.append(step)
        table.add("milestones", steps)
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
    values: Mapping[str, Any],
    target: Path,
    files: Sequence[str | os.PathLike[str]],
    *,
    record_id: str | None = None,
    dry_run: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> Added:
    """Append a record with `values` to `target` once the whole dataset, with it, is valid.

    Under the target's lock (not for a dry run), the files are read again; the record is refused
    as a Duplicate of one they hold (unless `record_id` is given: a deliberate second record),
    given its id (`record_id`, else one made from its title), appended and checked with every
    file in `files` (DataError if anything is wrong), and only then written.
    """
    from contextlib import nullcontext

    from azma.locking import locked
    from azma.safe import for_terminal

    if target.is_dir():
        raise UsageError(f"--to {for_terminal(str(target))}: is a folder", "give a .toml file")
    if record_type == "trade" and record_id is not None:
        raise UsageError(
            "--id: a trade row has no id of its own",
            "its id is made from its year (or --period) and reporter",
        )
    with nullcontext() if dry_run else locked(target, on_wait):
        existing = _read_text(target)
        paths, key = _paths_with(files, target)
        current = _build(paths, {key: existing})
        if record_id is None:
            duplicate = find_duplicate(current, record_type, values)
            if duplicate is not None:
                found, why = duplicate
                raise Duplicate(
                    f"add {record_type}: '{found}' is already in the data ({why}); nothing was written",
                    f"'azma show {found}' shows it"
                    + ("" if record_type == "trade" else "; --id NEW-ID adds this one as a second record"),
                )
            record_id = new_id(current, record_type, values)
        else:
            check_id(current, record_id)
        record = ordered(record_type, record_id, values)
        fragment = render(record_type, record)
        new = appended(existing, fragment)
        check_append(target, existing, new, record_type, record)
        _build(paths, {key: new})
        if dry_run:
            return Added(record_id, fragment, None)
        from azma.files import write_atomic

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create {for_terminal(str(target.parent))}: {exc.strerror or exc}"
            ) from None
        write_atomic(target, new.encode("utf-8"), force=True)
    return Added(record_id, fragment, target)


def _paths_with(files: Sequence[str | os.PathLike[str]], target: Path) -> tuple[list[str], str]:
    """Every file read, the target among them, and the target as named there (the same file may
    be spelt differently)."""
    from azma.load import unique_files

    paths = unique_files([*files, target])
    return paths, next((p for p in paths if _same(p, target)), os.fspath(target))


def _build(paths: Sequence[str], texts: dict[str | os.PathLike[str], str]) -> Dataset:
    from azma.load.build import build_dataset

    return build_dataset(paths, texts=texts)


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
