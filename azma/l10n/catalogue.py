"""The record's translations (`data/l10n/<lang>/*.toml`): read, checked, and applied to a Dataset.

A catalogue is `{table: {id: entry}}`, tables being the record types (event, agreement, actor,
place, trade), the vocabularies (field, event_kind, …) and `dataset`. `localize` returns the
Dataset with the language's text in the same fields (ids, vocabulary ids and dates unchanged);
`problems` says what a language lacks, for the completeness test and `python -m azma.l10n check`.
The parsed catalogue is kept in azma's cache folder, keyed by its files, so a run in another
language reads it without parsing TOML.
"""

from __future__ import annotations

import os

from azma.l10n import LANGS
from azma.schema import VOCABULARY_TABLES as SCHEMA_VOCABULARIES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

    from azma.model import Dataset, Dispute

    Catalogue = dict[str, dict[str, dict[str, Any]]]

RECORD_TABLES = ("event", "agreement", "actor", "place", "trade")
_VOCAB_ATTRS = SCHEMA_VOCABULARIES  # a vocabulary's table name -> the Dataset attribute it fills
VOCABULARY_TABLES = tuple(_VOCAB_ATTRS)
KEYS = {
    "event": ("en", "title", "summary", "dispute"),
    "agreement": ("en", "title", "summary", "dispute"),
    "actor": ("en", "name", "roles"),
    "place": ("en", "name"),
    "trade": ("en", "caveats"),
    "dataset": ("title", "description", "countries"),
    **{v: ("en", "label", "description") for v in VOCABULARY_TABLES},
}
DISPUTE_KEYS = ("question", "reason", "readings")


def l10n_dir() -> str:
    from azma.load import bundled_data_dir

    return os.path.join(bundled_data_dir(), "l10n")


def catalogue_files(lang: str) -> list[str]:
    from azma.load import toml_files_in

    return toml_files_in(os.path.join(l10n_dir(), lang))


# ----------------------------------------------------------------------------- reading


def read_files(files: Iterable[str]) -> tuple[Catalogue, list[str]]:
    """The catalogue of `files` and the problems of its shape (unknown tables or keys, an id
    given twice), each as 'file: message'."""
    import tomli

    merged: Catalogue = {}
    problems: list[str] = []
    for path in files:
        name = os.path.basename(path)
        try:
            with open(path, "rb") as handle:
                document = tomli.load(handle)
        except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
            problems.append(f"{name}: cannot be read: {exc}")
            continue
        for table, entries in document.items():
            if table not in KEYS:
                problems.append(f"{name}: unknown table [{table}] (one of {', '.join(KEYS)})")
                continue
            if table == "dataset":
                entries = {"dataset": entries}
            for record_id, entry in entries.items():
                where = f"{name}: [{table}.{record_id}]"
                if not isinstance(entry, dict):
                    problems.append(f"{where}: not a table")
                    continue
                unknown = sorted(set(entry) - set(KEYS[table]))
                if unknown:
                    problems.append(
                        f"{where}: unknown key {', '.join(unknown)} (keys: {', '.join(KEYS[table])})"
                    )
                if record_id in merged.get(table, {}):
                    problems.append(f"{where}: given twice")
                merged.setdefault(table, {})[record_id] = entry
    return merged, problems


_LOADED: dict[str, Catalogue] = {}


def load(lang: str) -> Catalogue:
    """The bundled catalogue of `lang` (empty for English), through azma's cache folder; read
    once a run."""
    if lang == "en":
        return {}
    found = _LOADED.get(lang)
    if found is None:
        found = _LOADED[lang] = _load(lang)
    return found


def _load(lang: str) -> Catalogue:
    files = catalogue_files(lang)
    from azma.cache import KEEP, cache_key
    from azma.cache.store import cache_dir, entry_path, read_entry, write_entry
    from azma.l10n import ui_path

    ui = ui_path(lang)
    inputs = [*files, *([ui] if os.path.exists(ui) else []), __file__]
    folder = cache_dir()
    key = cache_key(inputs) if folder is not None else None
    if folder is None or key is None:
        return _read_all(files, ui)
    path = entry_path(folder, "l10n", key)
    found: Catalogue | None = read_entry(path, key)
    if isinstance(found, dict):
        return found
    catalogue = _read_all(files, ui)
    write_entry(path, key, catalogue, keep=KEEP)  # failures only cost speed
    return catalogue


def _read_all(files: list[str], ui: str) -> Catalogue:
    """The record's translations and, under "_messages", the program's words (azma/l10n/<lang>.toml)."""
    import tomli

    catalogue = read_files(files)[0]
    try:
        with open(ui, "rb") as handle:
            messages = tomli.load(handle).get("messages", {})
    except (OSError, tomli.TOMLDecodeError):
        messages = {}
    catalogue["_messages"] = {"messages": {k: v for k, v in messages.items() if isinstance(v, str) and v}}
    return catalogue


def messages(lang: str) -> dict[str, str]:
    """The program's words in `lang` (msgid -> text), from the cached catalogue."""
    found = load(lang).get("_messages", {}).get("messages", {})
    return found if isinstance(found, dict) else {}


_LABELS: dict[str, dict[str, dict[str, str]]] = {}
_INDEXES: dict[type, dict[str, int]] = {}  # a record class's field positions


def country_names(lang: str) -> dict[str, str]:
    """The record's countries in `lang`: its [dataset] table's `countries` (English -> name)."""
    found = load(lang).get("dataset", {}).get("dataset", {}).get("countries", {})
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def labels(lang: str) -> dict[str, dict[str, str]]:
    """{vocabulary: {term id: label}} of `lang`."""
    found = _LABELS.get(lang)
    if found is None:
        catalogue = load(lang)
        found = _LABELS[lang] = {
            v: {tid: str(e["label"]) for tid, e in catalogue.get(v, {}).items() if e.get("label")}
            for v in VOCABULARY_TABLES
        }
    return found


# ----------------------------------------------------------------------------- fingerprints


def english_texts(table: str, record: Any) -> list[str]:
    """The English a translation of `record` renders (what its fingerprint is made from)."""
    if table in ("event", "agreement"):
        texts = [record.title, record.summary or ""]
        for dispute in record.disputes:
            texts += [dispute.question or "", dispute.reason, *text_readings(dispute)]
        return texts
    if table == "actor":
        return [record.name, *record.roles]
    if table == "place":
        return [record.name]
    if table == "trade":
        return list(record.caveats)
    return [record.id, record.description]  # a vocabulary term


def text_readings(dispute: Dispute) -> list[str]:
    """The readings a translation renders: their values, unless the dispute is about a date."""
    return [] if dispute.about == "date" else [r.value for r in dispute.readings]


def fingerprint(texts: list[str]) -> str:
    import hashlib

    return hashlib.sha1("\x1f".join(texts).encode()).hexdigest()[:8]


def records_of(dataset: Dataset) -> Iterator[tuple[str, Any]]:
    """(table, record) for everything a catalogue translates, in the dataset's order."""
    for table, attr in (
        ("event", "events"),
        ("agreement", "agreements"),
        ("actor", "actors"),
        ("place", "places"),
    ):
        for record in getattr(dataset, attr):
            yield table, record
    for row in dataset.trade:
        if row.caveats:
            yield "trade", row
    for table, attr in _VOCAB_ATTRS.items():
        for term in getattr(dataset.vocabularies, attr).terms:
            yield table, term


# ----------------------------------------------------------------------------- applying


def localize(dataset: Dataset, catalogue: Catalogue) -> tuple[Dataset, frozenset[str]]:
    """The Dataset with the catalogue's text in place of the English, and the ids of records it
    has no text for (shown in English). Names keep their English spelling as an alias, so a
    search or --actor in either finds them."""
    if not catalogue:
        return dataset, frozenset()
    untranslated: set[str] = set()

    def text_of(table: str, record_id: str) -> dict[str, Any]:
        entry = catalogue.get(table, {}).get(record_id)
        if entry is None:
            untranslated.add(record_id)
            return {}
        return entry

    def disputes(english: tuple[Dispute, ...], given: list[dict[str, Any]]) -> tuple[Dispute, ...]:
        out = []
        for i, dispute in enumerate(english):
            entry = given[i] if i < len(given) and isinstance(given[i], dict) else {}
            readings = entry.get("readings") or []
            if dispute.about != "date" and len(readings) == len(dispute.readings):
                new_readings = tuple(
                    r._replace(value=v) for r, v in zip(dispute.readings, readings, strict=True)
                )
            else:
                new_readings = dispute.readings
            out.append(
                dispute._replace(
                    question=entry.get("question") or dispute.question,
                    reason=entry.get("reason") or dispute.reason,
                    readings=new_readings,
                )
            )
        return tuple(out)

    def texts(table: str, record: Any) -> Any:
        entry = text_of(table, record.id)
        if not entry:
            return record
        values = list(record)
        cls = type(record)
        at = _INDEXES.get(cls) or _INDEXES.setdefault(cls, {n: i for i, n in enumerate(cls._fields)})
        values[at["title"]] = entry.get("title") or record.title
        values[at["summary"]] = entry.get("summary") or record.summary
        if record.disputes:
            values[at["disputes"]] = disputes(record.disputes, entry.get("dispute") or [])
        return tuple.__new__(cls, values)

    def named(table: str, record: Any) -> Any:
        entry = text_of(table, record.id)
        name = entry.get("name")
        if not name:
            return record
        changes: dict[str, Any] = {"name": name}
        if name != record.name:
            changes["aliases"] = (*record.aliases, record.name)
        roles = entry.get("roles")
        if table == "actor" and isinstance(roles, list) and len(roles) == len(record.roles):
            changes["roles"] = tuple(roles)
        return record._replace(**changes)

    from azma.model import Vocabularies, Vocabulary

    vocabularies = []
    for table, attr in _VOCAB_ATTRS.items():
        vocab = getattr(dataset.vocabularies, attr)
        given = catalogue.get(table, {})
        terms = tuple(
            t._replace(description=given[t.id].get("description") or t.description) if t.id in given else t
            for t in vocab.terms
        )
        vocabularies.append(Vocabulary(vocab.name, terms, vocab.lookup))
    trade = []
    for row in dataset.trade:
        caveats = catalogue.get("trade", {}).get(row.id, {}).get("caveats")
        ok = isinstance(caveats, list) and len(caveats) == len(row.caveats)
        trade.append(row._replace(caveats=tuple(caveats)) if ok else row)  # type: ignore[arg-type]
    info = dataset.info
    about = catalogue.get("dataset", {}).get("dataset", {})
    if about and info.origin.endswith("dataset.toml"):  # the bundled [dataset], not a user's own
        info = info._replace(
            title=about.get("title") or info.title, description=about.get("description") or info.description
        )
    localized = dataset._replace(
        vocabularies=Vocabularies(*vocabularies),
        events=tuple(texts("event", e) for e in dataset.events),
        agreements=tuple(texts("agreement", a) for a in dataset.agreements),
        actors=tuple(named("actor", a) for a in dataset.actors),
        places=tuple(named("place", p) for p in dataset.places),
        trade=tuple(trade),
        info=info,
    )
    return localized, frozenset(untranslated)


# ----------------------------------------------------------------------------- checking


def problems(dataset: Dataset, lang: str, catalogue: Catalogue | None = None) -> list[str]:
    """Everything `lang`'s catalogue lacks for `dataset`, one line each: missing, stale (the
    English changed since), unknown ids, wrong counts of disputes or readings."""
    if catalogue is None:
        catalogue, out = read_files(catalogue_files(lang))
    else:
        out = []
    seen: set[tuple[str, str]] = set()
    for table, record in records_of(dataset):
        seen.add((table, record.id))
        where = f"{lang}: [{table}.{record.id}]"
        entry = catalogue.get(table, {}).get(record.id)
        if entry is None:
            out.append(f"{where}: missing")
            continue
        print_ = fingerprint(english_texts(table, record))
        if entry.get("en") != print_:
            out.append(f'{where}: stale: its English changed (en = "{entry.get("en")}", now "{print_}")')
        out += [f"{where}: {m}" for m in _entry_problems(table, record, entry)]
    info = dataset.info
    if info.origin.endswith("dataset.toml"):
        seen.add(("dataset", "dataset"))
        about = catalogue.get("dataset", {}).get("dataset", {})
        for key in ("title", "description"):
            if getattr(info, key) and not about.get(key):
                out.append(f"{lang}: [dataset]: no {key}")
    for table, entries in catalogue.items():
        if table.startswith("_"):
            continue
        for record_id in entries:
            if (table, record_id) not in seen and not (table == "trade"):
                out.append(f"{lang}: [{table}.{record_id}]: no such {table} in the record")
    return out


def _entry_problems(table: str, record: Any, entry: dict[str, Any]) -> list[str]:
    out = []

    def need(key: str, english: object) -> None:
        if english and not (isinstance(entry.get(key), str) and entry[key].strip()):
            out.append(f"no {key}")

    if table in ("event", "agreement"):
        need("title", record.title)
        need("summary", record.summary)
        given = entry.get("dispute") or []
        if len(given) != len(record.disputes):
            out.append(f"{len(given)} dispute tables for {len(record.disputes)} disputes")
        for i, (dispute, text) in enumerate(zip(record.disputes, given, strict=False), 1):
            if not isinstance(text, dict):
                continue
            if dispute.question and not text.get("question"):
                out.append(f"dispute {i}: no question")
            if not text.get("reason"):
                out.append(f"dispute {i}: no reason")
            readings = text_readings(dispute)
            if readings and len(text.get("readings") or []) != len(readings):
                out.append(f"dispute {i}: {len(text.get('readings') or [])} readings for {len(readings)}")
    elif table in ("actor", "place"):
        need("name", record.name)
        roles = entry.get("roles")
        if roles is not None and len(roles) != len(record.roles):
            out.append(f"{len(roles)} roles for {len(record.roles)}")
    elif table == "trade":
        if len(entry.get("caveats") or []) != len(record.caveats):
            out.append(f"{len(entry.get('caveats') or [])} caveats for {len(record.caveats)}")
    else:
        need("label", record.id)
        need("description", record.description)
    return out


# ----------------------------------------------------------------------------- skeletons


def skeleton(dataset: Dataset, lang: str, data_file: str, catalogue: Catalogue | None = None) -> str:
    """A catalogue file for the records of `data_file` not yet translated in `lang` (every one
    when `catalogue` is empty), the English beside each key as comments, fingerprints filled in."""
    import tomli

    if catalogue is None:
        catalogue = read_files(catalogue_files(lang))[0]
    with open(data_file, "rb") as handle:
        document = tomli.load(handle)
    ids = {
        str(r.get("id")) for table in (*RECORD_TABLES, *VOCABULARY_TABLES) for r in document.get(table, [])
    }
    if document.get("trade"):
        ids |= {row.id for row in dataset.trade}
    lines = [f"# {lang}: the translation of data/{os.path.basename(data_file)} (see data/l10n/README.md)", ""]
    for table, record in records_of(dataset):
        if record.id not in ids or record.id in catalogue.get(table, {}):
            continue
        lines += _skeleton_entry(table, record)
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _skeleton_entry(table: str, record: Any) -> list[str]:
    out = [f"[{table}.{record.id}]", f'en = "{fingerprint(english_texts(table, record))}"']
    if table in ("event", "agreement"):
        out += [_comment(record.title), 'title = ""']
        if record.summary:
            out += [_comment(record.summary), 'summary = ""']
        for dispute in record.disputes:
            out.append(f"[[{table}.{record.id}.dispute]]")
            if dispute.question:
                out += [_comment(dispute.question), 'question = ""']
            out += [_comment(dispute.reason), 'reason = ""']
            readings = text_readings(dispute)
            if readings:
                out += [
                    _comment(" | ".join(readings)),
                    "readings = [" + ", ".join('""' for _ in readings) + "]",
                ]
    elif table in ("actor", "place"):
        out += [_comment(record.name), "name = " + _quote(record.name)]
        if table == "actor" and record.roles:
            out += [
                _comment(" | ".join(record.roles)),
                "roles = [" + ", ".join('""' for _ in record.roles) + "]",
            ]
    elif table == "trade":
        out += [
            _comment(" | ".join(record.caveats)),
            "caveats = [" + ", ".join('""' for _ in record.caveats) + "]",
        ]
    else:
        out += [_comment(record.description), "label = " + _quote(record.id), 'description = ""']
    return [*out, ""]


__all__ = ["LANGS", "localize", "load", "problems", "read_files", "skeleton"]


# ----------------------------------------------------------------------------- search in every language


def texts_in_other_languages(english: Dataset, lang: str) -> dict[str, dict[str, str]]:
    """By record id, what a search looks in beside this run's text: the English (when the run is
    in another language) and every other language's title, summary or name ('title (fr)')."""
    out: dict[str, dict[str, str]] = {}
    if lang != "en":
        for table, record in records_of(english):
            if table in ("event", "agreement"):
                out.setdefault(record.id, {}).update(
                    {"title (en)": record.title, "summary (en)": record.summary or ""}
                )
            elif table in ("actor", "place"):
                out.setdefault(record.id, {})["name (en)"] = record.name
    for other in LANGS:
        if other in ("en", lang):
            continue
        for table in ("event", "agreement", "actor", "place"):
            for record_id, entry in load(other).get(table, {}).items():
                texts = out.setdefault(record_id, {})
                for key in ("title", "summary", "name"):
                    if isinstance(entry.get(key), str):
                        texts[f"{key} ({other})"] = entry[key]
    return out


def glossary_groups() -> list[list[str]]:
    """Each glossary term's forms in every language (a search for one finds the others)."""
    import tomli

    try:
        with open(os.path.join(l10n_dir(), "glossary.toml"), "rb") as handle:
            terms = tomli.load(handle).get("term", [])
    except (OSError, tomli.TOMLDecodeError):
        return []
    return [[str(term[lang]) for lang in LANGS if isinstance(term.get(lang), str)] for term in terms]
