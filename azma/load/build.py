"""Build the bundled TOML dataset and user files into a validated, immutable Dataset.

`build_dataset` is the only way data files are loaded (the parse cache in `azma.cache` stores
what it builds): `azma.load.read` reads each file into a parsed document, `azma.load.checks`
checks each value against the public schema (`azma.schema`), and the builder here turns the
documents into records, resolving vocabularies and references across files. Every problem in
every file is collected and reported at once; bad data never loads half-way.
"""

from __future__ import annotations

import os
from datetime import date

from azma.dates import DateError, EDTFDate, parse_edtf
from azma.errors import DataError, Problem, did_you_mean
from azma.load import bundled_files, unique_files
from azma.load.checks import _REFERENCES, _REQUIRED, _SCHEMAS, _Invalid, _type_name, _who
from azma.load.read import _Document, _label, _read
from azma.model import (
    TRADE_QUALIFIERS,
    Actor,
    Agreement,
    Dataset,
    DatasetInfo,
    Dispute,
    Event,
    Milestone,
    Place,
    Post,
    Reading,
    Source,
    SourceCopy,
    Term,
    TradeRow,
    Vocabularies,
    Vocabulary,
    normalise_term,
)
from azma.schema import RECORD_TABLES, VOCABULARY_TABLES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
    from typing import Any

    from azma.load import StrPath

_VOCAB_NAMES = {
    "fields": "field",
    "event_kinds": "event kind",
    "agreement_kinds": "agreement kind",
    "milestone_kinds": "milestone kind",
    "statuses": "status",
    "source_kinds": "source kind",
    "dispute_topics": "dispute topic",
}


def build_dataset(files: Sequence[StrPath], *, texts: Mapping[StrPath, str] | None = None) -> Dataset:
    """Parse and validate `files` (bundled ones first); raise DataError on any problem.

    `texts` gives the contents to use instead of what is on disk for some files (azma add checks
    a file as it would be after the append, before writing it)."""
    bundled = set(bundled_files())
    files = unique_files(files)
    given_texts = {os.fspath(path): text for path, text in (texts or {}).items()}
    documents: list[_Document] = []
    problems: list[Problem] = []
    if not files:  # a usage mistake, not bad data: one line, exit 2
        from azma.errors import UsageError

        raise UsageError(
            "no data files to read: the bundled data is left out (--no-bundled, AZMA_NO_BUNDLED)",
            "give your own with --data FILE or FOLDER, or put them in AZMA_DATA_HOME",
        )
    for path in files:
        doc = _read(path, bundled=path in bundled, problems=problems, text=given_texts.get(path))
        if doc is not None:
            documents.append(doc)
    _refuse_two_records(documents)
    builder = _Builder(problems)
    dataset = builder.build(documents)
    if problems:
        order = {_label(path, path in bundled): n for n, path in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line or 0))  # as they are in the files
        raise DataError(problems)
    return dataset


def _refuse_two_records(documents: Sequence[_Document]) -> None:
    """A user file with a [dataset] table of its own, read beside the bundled record, is another
    record (a forgotten --no-bundled): one line saying so, not a problem for each clashing term."""
    theirs = next((d for d in documents if d.bundled and isinstance(d.tables.get("dataset"), dict)), None)
    mine = next((d for d in documents if not d.bundled and isinstance(d.tables.get("dataset"), dict)), None)
    if theirs is None or mine is None:
        return
    from azma.errors import RecordClash

    title = mine.tables["dataset"].get("title")
    named = f" ('{title}')" if isinstance(title, str) else ""
    folder = os.path.dirname(mine.label) or "."
    raise RecordClash(
        f"{mine.label} is a record of its own{named}, read here with the bundled one",
        f"read it alone: azma --no-bundled --data {folder} …; or put 'bundled = false' in {os.path.join(folder, 'azma.toml')}",
    )


class _Builder:
    """Turns parsed documents into a Dataset, appending every problem it finds."""

    SUGGESTIONS = 200  # distinct words given a "did you mean" by comparing with every candidate

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.suggestions_left = self.SUGGESTIONS
        self.hints: dict[tuple[str, str], str | None] = {}  # (what, word) -> hint: a word is looked up once
        self.near_ids: dict[str, dict[str, list[str]]] = {}  # kind -> one-deletion index of its ids

    def suggest(self, what: str, word: str, candidates: Callable[[], Iterable[str]]) -> str | None:
        """did_you_mean, once per distinct word and for at most SUGGESTIONS of them: a file wrong
        in thousands of places is then reported in time linear in its size."""
        key = (what, word)
        if key not in self.hints:
            hint = None
            if self.suggestions_left > 0:
                self.suggestions_left -= 1
                hint = did_you_mean(word, candidates())
            self.hints[key] = hint
        return self.hints[key]

    def suggest_id(self, kind: str, word: str, ids: set[str]) -> str | None:
        """'did you mean' for an unknown id among thousands: ids one typo away (a letter left
        out, added, changed or two swapped), found through an index of each id with one letter
        deleted; when there are none and there are few ids, the closest by difflib."""
        index = self.near_ids.get(kind)
        if index is None:
            index = self.near_ids[kind] = {}
            for known in sorted(ids):
                for variant in {known, *(known[:i] + known[i + 1 :] for i in range(len(known)))}:
                    index.setdefault(variant, []).append(known)
        found: list[str] = []
        for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
            found += index.get(variant, ())
        near = sorted(set(found) - {word})[:3]
        if near:
            return "did you mean " + " or ".join(f"'{c}'" for c in near) + "?"
        return self.suggest(kind, word, lambda: ids) if len(ids) <= 2000 else None

    def problem(
        self, doc: _Document, table: str, index: int, record: str | None, message: str, key: str | None = None
    ) -> None:
        self.problems.append(Problem(doc.label, message, record, doc.line_of(table, index, key)))

    # -- one table entry -> dict of checked values

    def checked(
        self,
        doc: _Document,
        table: str,
        index: int,
        entry: Any,
        schema: str | None = None,
        record: str | None = None,
    ) -> dict[str, Any] | None:
        name = schema or table
        spec = _SCHEMAS[name]
        if not isinstance(entry, dict):
            self.problem(
                doc, table, index, record, f"each [[{table}]] must be a table, not {_type_name(entry)}"
            )
            return None
        try:  # nearly every table is fine: its values are checked in one pass, problems not sought
            values = {key: spec[key][0](value) for key, value in entry.items()}
        except (KeyError, _Invalid):  # an unknown key or a bad value: found and reported below
            pass
        else:
            if all(map(entry.__contains__, _REQUIRED[name])):
                return values
        return self.entry_problems(doc, table, index, entry, name, record)

    def entry_problems(
        self, doc: _Document, table: str, index: int, entry: dict[str, Any], name: str, record: str | None
    ) -> dict[str, Any] | None:
        """`checked` for a table with a problem: every problem reported (None), key by key."""
        spec = _SCHEMAS[name]
        if record is None:
            record = _who(entry)
        ok = True
        values: dict[str, Any] = {}
        for key, value in entry.items():
            if key not in spec:
                hint = self.suggest(f"key of {name}", key, lambda: spec)
                allowed = hint or "valid keys: " + ", ".join(spec)
                self.problem(doc, table, index, record, f"unknown key '{key}' ({allowed})", key)
                ok = False
                continue
            try:
                values[key] = spec[key][0](value)
            except _Invalid as exc:
                self.problem(doc, table, index, record, f"'{key}' {exc}", key)
                ok = False
        for key in _REQUIRED[name]:
            if key not in entry:
                where = f" in [[{table}]] #{index + 1}" if record is None else ""
                self.problem(doc, table, index, record, f"missing required key '{key}'{where}")
                ok = False
        return values if ok else None

    def vocab_term(
        self,
        doc: _Document,
        table: str,
        index: int,
        record: str | None,
        vocab: Vocabulary,
        key: str,
        word: str,
    ) -> str | None:
        resolved = vocab.resolve(word)
        if resolved is None:
            hint = self.suggest(
                vocab.name, word, lambda: [*vocab.ids, *(a for t in vocab.terms for a in t.aliases)]
            )
            valid = hint or "valid: " + ", ".join(vocab.ids)
            self.problem(
                doc, table, index, record, f"unknown {vocab.name} '{word}' in '{key}' ({valid})", key
            )
        return resolved

    def vocab_terms(
        self,
        doc: _Document,
        table: str,
        index: int,
        record: str,
        vocab: Vocabulary,
        key: str,
        words: Iterable[str],
    ) -> tuple[str, ...] | None:
        resolved = [self.vocab_term(doc, table, index, record, vocab, key, w) for w in words]
        if any(r is None for r in resolved):
            return None
        unique = tuple(dict.fromkeys(r for r in resolved if r is not None))
        if not unique:
            self.problem(doc, table, index, record, f"'{key}' needs at least one {vocab.name}")
            return None
        return unique

    def nested(
        self, doc: _Document, table: str, index: int, rid: str, items: list[Any], schema: str
    ) -> list[dict[str, Any]] | None:
        """Check each table of a nested list ([[source.copy]], terms, readings); None if any is bad."""
        out: list[dict[str, Any]] = []
        ok = True
        for number, item in enumerate(items, 1):
            if not isinstance(item, dict):
                self.problem(
                    doc, table, index, rid, f"{schema} #{number} must be a table, not {_type_name(item)}"
                )
                ok = False
                continue
            checked = self.checked(doc, table, index, item, schema, record=rid)
            if checked is None:
                ok = False
            else:
                out.append(checked)
        return out if ok else None

    def disputes(
        self, doc: _Document, table: str, index: int, rid: str, items: list[Any], vocab: Vocabularies
    ) -> tuple[Dispute, ...] | None:
        """[[x.dispute]] tables with their readings: two or more, sourced, exactly one lead."""
        checked = self.nested(doc, table, index, rid, items, "dispute")
        if checked is None:
            return None
        disputes: list[Dispute] = []
        for number, values in enumerate(checked, 1):
            about = self.vocab_term(doc, table, index, rid, vocab.dispute_topics, "about", values["about"])
            readings = self.nested(doc, table, index, rid, values.pop("reading"), "reading")
            if about is None or readings is None:
                return None
            where = f"dispute #{number} ({about})"
            if values.get("milestone") is not None and table != "agreement":
                self.problem(doc, table, index, rid, f"{where}: 'milestone' applies to agreements only")
                return None
            if len(readings) < 2:
                self.problem(
                    doc, table, index, rid, f"{where} needs at least two readings, each with its sources"
                )
                return None
            leads = sum(1 for r in readings if r.get("lead"))
            if leads != 1:
                self.problem(
                    doc, table, index, rid,
                    f"{where} has {leads} readings with lead = true; exactly one must lead",
                )  # fmt: skip
                return None
            built: list[Reading] = []
            for reading in readings:
                if not reading["sources"]:
                    self.problem(
                        doc, table, index, rid, f"{where}: reading '{reading['value']}' has no sources"
                    )
                    return None
                parsed = None
                if about == "date":
                    try:
                        parsed = parse_edtf(reading["value"])
                    except DateError as exc:
                        self.problem(doc, table, index, rid, f"{where}: {exc}")
                        return None
                built.append(Reading(**reading, date=parsed))
            values["about"] = about  # the term its alias names
            disputes.append(Dispute(**values, readings=tuple(built)))
        return tuple(disputes)

    @staticmethod
    def _lead_mismatch(dispute: Dispute, own: EDTFDate | None) -> str:
        what = f"milestone '{dispute.milestone}'" if dispute.milestone else "record"
        return (
            f"the lead reading of the date dispute is {dispute.lead.value}, "
            f"but the {what} is dated {own.text if own else 'nothing'}: they must be the same"
        )

    # -- the whole build

    def build(self, documents: list[_Document]) -> Dataset:
        info = self.dataset_info(documents)  # first: a second [dataset] says why the rest clashes
        vocabularies = self.vocabularies(documents)
        records: dict[str, list[Any]] = {t: [] for t in RECORD_TABLES}
        origins: dict[str, tuple[_Document, str, int]] = {}  # id -> where it was defined
        invalid: list[tuple[_Document, str, int, dict[str, Any]]] = []  # entries that did not build
        for doc in documents:
            for table, entries in doc.tables.items():
                if table in VOCABULARY_TABLES or table == "dataset":
                    continue
                if table not in RECORD_TABLES:
                    hint = did_you_mean(table, RECORD_TABLES) or "valid tables: " + ", ".join(
                        f"[[{t}]]" for t in RECORD_TABLES
                    )
                    self.problems.append(Problem(doc.label, f"unknown table '{table}' ({hint})"))
                    continue
                if not isinstance(entries, list):
                    self.problems.append(
                        Problem(doc.label, f"'{table}' must be an array of tables: write [[{table}]]")
                    )
                    continue
                for index, entry in enumerate(entries):
                    built = self.record(doc, table, index, entry, vocabularies)
                    # a record with other problems still claims its id: a duplicate is reported now
                    raw_id = entry.get("id") if isinstance(entry, dict) else None
                    key = built.id if built is not None else raw_id if isinstance(raw_id, str) else None
                    if key is not None:
                        if key in origins:
                            first_doc, first_table, first_index = origins[key]
                            line = first_doc.line_of(first_table, first_index)
                            at = f"{first_doc.label}:{line}" if line else first_doc.label
                            self.problem(
                                doc, table, index, key, f"duplicate id '{key}' (first defined in {at})"
                            )
                            continue
                        origins[key] = (doc, table, index)
                    if built is None:
                        if isinstance(entry, dict):
                            invalid.append((doc, table, index, entry))
                        continue
                    records[table].append((built, doc, index))
        self.cross_check(records, vocabularies, invalid)
        return Dataset(
            vocabularies=vocabularies,
            sources=tuple(r for r, _, _ in records["source"]),
            actors=tuple(r for r, _, _ in records["actor"]),
            places=tuple(r for r, _, _ in records["place"]),
            events=tuple(r for r, _, _ in records["event"]),
            agreements=tuple(r for r, _, _ in records["agreement"]),
            trade=tuple(sorted((r for r, _, _ in records["trade"]), key=lambda t: (t.reporter, t.year))),
            files=tuple(d.label for d in documents),
            info=info,
        )

    def vocabularies(self, documents: list[_Document]) -> Vocabularies:
        """Every file's vocabulary tables, in load order; a term or alias met twice is a problem."""
        found: dict[str, list[Term]] = {name: [] for name in VOCABULARY_TABLES.values()}
        # each vocabulary's normalised words -> (id, word, where it is defined: file, table, index)
        words: dict[str, dict[str, tuple[str, str, _Document, str, int]]] = {name: {} for name in found}
        for doc in documents:
            for table, attr in VOCABULARY_TABLES.items():
                entries = doc.tables.get(table, [])
                if not isinstance(entries, list):
                    self.problems.append(
                        Problem(doc.label, f"'{table}' must be an array of tables: write [[{table}]]")
                    )
                    continue
                for index, entry in enumerate(entries):
                    values = self.checked(doc, table, index, entry, "term")
                    if values is None:
                        continue
                    term = Term(values["id"], values["description"], values.get("aliases", ()), doc.label)
                    if self._clashes(doc, table, index, term, _VOCAB_NAMES[attr], words[attr]):
                        continue
                    for word in (term.id, *term.aliases):
                        words[attr].setdefault(normalise_term(word), (term.id, word, doc, table, index))
                    found[attr].append(term)
        if documents:
            for attr, terms in found.items():
                if not terms:
                    table = _VOCAB_NAMES[attr].replace(" ", "_")
                    self.problems.append(
                        Problem(
                            "data/vocabulary.toml"
                            if any(d.bundled for d in documents)
                            else documents[0].label,
                            f"no [[{table}]] entries in the files read "
                            "(a record without the bundled data needs its own vocabulary: see 'azma init')",
                        )
                    )
        return Vocabularies(
            **{attr: Vocabulary.build(_VOCAB_NAMES[attr], tuple(terms)) for attr, terms in found.items()}
        )

    def _clashes(
        self,
        doc: _Document,
        table: str,
        index: int,
        term: Term,
        name: str,
        known: dict[str, tuple[str, str, _Document, str, int]],
    ) -> bool:
        """True (and a problem) when the term's id or an alias is already a term or alias."""
        for word in (term.id, *term.aliases):
            earlier = known.get(normalise_term(word))
            if earlier is None:
                continue
            other_id, other_word, other_doc, other_table, other_index = earlier
            line = other_doc.line_of(other_table, other_index)
            where = f"{other_doc.label}:{line}" if line else other_doc.label
            if word == term.id == other_id:
                message = (f"{name} '{word}' is defined twice (first in {where}; define each term once, "
                           "or leave the bundled data out with --no-bundled)")  # fmt: skip
            else:
                what = f"the {name} '{other_id}'" + (
                    f" (as its alias '{other_word}')" if other_word != other_id else ""
                )
                message = f"{name} '{word}' is already {what}, defined in {where} (use '{other_id}' as it is, or choose another word)"
            self.problem(doc, table, index, term.id, message, "id" if word == term.id else "aliases")
            return True
        return False

    def dataset_info(self, documents: list[_Document]) -> DatasetInfo:
        """The one [dataset] table of the files read: the record's title and countries."""
        info: DatasetInfo | None = None
        for doc in documents:
            table = doc.tables.get("dataset")
            if table is None:
                continue
            if not isinstance(table, dict):
                self.problems.append(Problem(doc.label, "'dataset' must be a table: write [dataset]"))
                continue
            if info is not None:
                hint = "a record has one; your own record without the bundled one: azma --no-bundled"
                self.problem(
                    doc,
                    "dataset",
                    0,
                    None,
                    f"a second [dataset] table (the first is in {info.origin}; {hint})",
                )
                continue
            values = self.checked(doc, "dataset", 0, table, "dataset", record="dataset")
            if values is not None:
                info = DatasetInfo(
                    values["title"], values.get("countries", ()), values.get("description"), doc.label
                )
        return info or DatasetInfo()

    def record(self, doc: _Document, table: str, index: int, entry: Any, vocab: Vocabularies) -> Any:
        values = self.checked(doc, table, index, entry)
        if values is None:
            self.terms_of_invalid(doc, table, index, entry, vocab)
            return None
        rid = values.get("id") or f"year {values.get('year')}"
        if "fields" in values:
            values["fields"] = self.vocab_terms(
                doc, table, index, rid, vocab.fields, "fields", values["fields"]
            )
        if "sources" in values and not values["sources"]:
            self.problem(doc, table, index, rid, "'sources' needs at least one source id")
            return None
        if table == "source":
            kind = self.vocab_term(doc, table, index, rid, vocab.source_kinds, "kind", values["kind"])
            copies = self.nested(doc, table, index, rid, values.pop("copy", []), "copy")
            if kind is None or copies is None:
                return None
            accessed = values.get("accessed")
            if accessed is not None and (accessed.precision != "day" or accessed.kind != "date"):
                self.problem(
                    doc, table, index, rid, f"'accessed' must be a day (2026-11-30), not '{accessed.text}'"
                )
                return None
            values["kind"] = kind
            return Source(**values, copies=tuple(SourceCopy(**c) for c in copies), origin=doc.label)
        if "dispute" in values:
            disputes = self.disputes(doc, table, index, rid, values.pop("dispute"), vocab)
            if disputes is None:
                return None
            values["disputes"] = disputes
        if table == "actor":
            if values["type"] not in ("person", "institution"):
                self.problem(
                    doc,
                    table,
                    index,
                    rid,
                    f"'type' must be 'person' or 'institution', not '{values['type']}'",
                )
                return None
            posts = self.nested(doc, table, index, rid, values.pop("terms", []), "post")
            if posts is None:
                return None
            return Actor(**values, terms=tuple(Post(**p) for p in posts))
        if table == "place":
            return Place(**values)
        if table == "event":
            kind = self.vocab_term(
                doc, table, index, rid, vocab.event_kinds, "kind", values.get("kind", "event")
            )
            if kind is None or values["fields"] is None:
                return None
            values["kind"] = kind
            event = Event(**values)
            for dispute in event.disputes:
                if dispute.about == "date" and (event.date is None or dispute.lead.value != event.date.text):
                    self.problem(doc, table, index, rid, self._lead_mismatch(dispute, event.date), "date")
                    return None
            return event
        if table == "agreement":
            return self.agreement(doc, index, rid, values, vocab)
        return self.trade(doc, index, rid, values)

    def terms_of_invalid(
        self, doc: _Document, table: str, index: int, entry: Any, vocab: Vocabularies
    ) -> None:
        """Vocabulary problems of a record that has other problems, so that one fix is not
        followed by another round: a bad date must not hide an unknown field."""
        if not isinstance(entry, dict):
            return
        rid = _who(entry)
        words = entry.get("fields")
        if "fields" in _SCHEMAS[table] and isinstance(words, list) and all(isinstance(w, str) for w in words):
            for word in words:
                self.vocab_term(doc, table, index, rid, vocab.fields, "fields", word)
        kinds = {"event": vocab.event_kinds, "agreement": vocab.agreement_kinds, "source": vocab.source_kinds}
        for key, terms in (
            ("kind", kinds.get(table)),
            ("status", vocab.statuses if table == "agreement" else None),
        ):
            if terms is not None and isinstance(entry.get(key), str) and entry[key].strip():
                self.vocab_term(doc, table, index, rid, terms, key, entry[key])

    def agreement(
        self, doc: _Document, index: int, rid: str, values: dict[str, Any], vocab: Vocabularies
    ) -> Agreement | None:
        kind = self.vocab_term(doc, "agreement", index, rid, vocab.agreement_kinds, "kind", values["kind"])
        status = self.vocab_term(doc, "agreement", index, rid, vocab.statuses, "status", values["status"])
        raw = values.get("milestones", [])
        milestones: list[Milestone] = []
        ok = kind is not None and status is not None and values["fields"] is not None
        if not isinstance(raw, list):
            self.problem(doc, "agreement", index, rid, "'milestones' must be a list of inline tables")
            return None
        for m_index, item in enumerate(raw):
            if not isinstance(item, dict):
                self.problem(
                    doc,
                    "agreement",
                    index,
                    rid,
                    f'milestone #{m_index + 1} must be a table like {{ what = "signed", date = "2018-03-05" }}',
                )
                ok = False
                continue
            checked = self.checked(doc, "agreement", index, item, "milestone", record=rid)
            if checked is None:
                ok = False
                continue
            what = self.vocab_term(
                doc, "agreement", index, rid, vocab.milestone_kinds, "milestones", checked["what"]
            )
            if what is None:
                ok = False
                continue
            checked["what"] = what
            milestones.append(Milestone(**checked))
        if not ok:
            return None
        milestones.sort(key=lambda m: m.date.start if m.date else date.max)  # stable: undated last
        values.update(kind=kind, status=status, milestones=tuple(milestones))
        agreement = Agreement(**values)
        for dispute in agreement.disputes:
            if dispute.about != "date":
                continue
            if dispute.milestone is None:
                self.problem(
                    doc, "agreement", index, rid,
                    "a dispute about an agreement's date must name its milestone (milestone = \"signed\")",
                )  # fmt: skip
                return None
            found = [m for m in agreement.milestones if m.what == dispute.milestone]
            if not found:
                have = ", ".join(m.what for m in agreement.milestones) or "none"
                self.problem(
                    doc, "agreement", index, rid,
                    f"dispute names milestone '{dispute.milestone}', which the agreement does not have (it has: {have})",
                )  # fmt: skip
                return None
            if not any(m.date is not None and m.date.text == dispute.lead.value for m in found):
                self.problem(doc, "agreement", index, rid, self._lead_mismatch(dispute, found[0].date))
                return None
        return agreement

    def trade(self, doc: _Document, index: int, rid: str, values: dict[str, Any]) -> TradeRow | None:
        qualifier = values.get("qualifier")
        if qualifier is not None and qualifier not in TRADE_QUALIFIERS:
            hint = self.suggest("qualifier", qualifier, lambda: TRADE_QUALIFIERS)
            self.problem(
                doc, "trade", index, rid,
                f"'qualifier' is '{qualifier}', not one of {', '.join(TRADE_QUALIFIERS)}"
                + (f" ({hint})" if hint else ""), "qualifier",
            )  # fmt: skip
            return None
        period = values.get("period")
        if period is not None and period.one_of_set:
            self.problem(
                doc, "trade", index, rid,
                f"'period' {period} is one of a set; a part of the year is a duration (2017-01/2017-06)", "period",
            )  # fmt: skip
            return None
        if period is not None and not (period.start.year == period.end.year == values["year"]):
            self.problem(
                doc, "trade", index, rid,
                f"'period' {period} must lie within the row's year {values['year']}", "period",
            )  # fmt: skip
            return None
        if "imports" not in values or "exports" not in values:
            return TradeRow(**values)
        total = values["imports"] + values["exports"]
        if abs(total - values["turnover"]) > 0.0051:
            self.problem(
                doc,
                "trade",
                index,
                rid,
                f"turnover {values['turnover']:g} is not imports + exports "
                f"({values['imports']:g} + {values['exports']:g} = {round(total, 4):g})",
            )
            return None
        return TradeRow(**values)

    # -- references between records

    def cross_check(
        self,
        records: dict[str, list[Any]],
        vocab: Vocabularies,
        invalid: list[tuple[_Document, str, int, dict[str, Any]]],
    ) -> None:
        ids = {kind: {r.id for r, _, _ in rows} for kind, rows in records.items() if kind != "trade"}
        events = {r.id: r for r, _, _ in records["event"]}
        # A record with another problem still names its references: report bad ones now rather
        # than after the first fix, and let other records cite it without an 'unknown' problem.
        for _, table, _, entry in invalid:
            if table in ids and isinstance(entry.get("id"), str):
                ids[table].add(entry["id"])

        def refs(
            doc: _Document,
            table: str,
            index: int,
            rid: str | None,
            key: str,
            values: Collection[str],
            kind: str,
        ) -> None:
            if ids[kind].issuperset(values):  # nearly always: every id named is known
                return
            for value in values:
                if value not in ids[kind]:
                    hint = (
                        self.suggest_id(kind, value, ids[kind])
                        or f"define it as [[{kind}]] or use an existing {kind} id"
                    )
                    message = f"unknown {kind} '{value}' in '{key}' ({hint})"
                    self.problem(doc, table, index, rid, message, key.split()[0])

        for doc, table, index, entry in invalid:
            rid = _who(entry)
            for key, kind in _REFERENCES.get(table, ()):
                value = entry.get(key)
                named = [value] if isinstance(value, str) and key == "part_of" else value
                if isinstance(named, list):
                    refs(doc, table, index, rid, key, [v for v in named if isinstance(v, str)], kind)
        for table, rows in records.items():
            for record, doc, index in rows:
                rid = getattr(record, "id", "")
                refs(doc, table, index, rid, "sources", getattr(record, "sources", ()), "source")
                for dispute in getattr(record, "disputes", ()):
                    refs(
                        doc,
                        table,
                        index,
                        rid,
                        f"dispute ({dispute.about}) sources",
                        dispute.sources,
                        "source",
                    )
                if isinstance(record, Actor):
                    for post in record.terms:
                        refs(doc, table, index, rid, f"terms ({post.role}) sources", post.sources, "source")
                if isinstance(record, Event):
                    refs(doc, table, index, rid, "actors", record.actors, "actor")
                    refs(doc, table, index, rid, "places", record.places, "place")
                    refs(doc, table, index, rid, "agreements", record.agreements, "agreement")
                    if record.part_of is not None:
                        refs(doc, table, index, rid, "part_of", [record.part_of], "event")
                        if record.part_of == rid:
                            self.problem(doc, table, index, rid, "'part_of' names the event itself")
                elif isinstance(record, Agreement):
                    refs(doc, table, index, rid, "signatories", record.signatories, "actor")
                    refs(doc, table, index, rid, "places", record.places, "place")
                    for m in record.milestones:
                        refs(doc, table, index, rid, f"milestones ({m.what}) sources", m.sources, "source")
                        if m.event is None:
                            continue
                        refs(doc, table, index, rid, f"milestones ({m.what}) event", [m.event], "event")
                        event = events.get(m.event)
                        if (
                            event
                            and event.date
                            and m.date
                            and not m.date.span.overlaps(event.date.start, event.date.end)
                        ):
                            self.problem(
                                doc,
                                table,
                                index,
                                rid,
                                f"milestone '{m.what}' is dated {m.date} but its event '{m.event}' is dated {event.date}",
                            )
        self.part_of_cycles(records["event"])

    def part_of_cycles(self, rows: list[Any]) -> None:
        """Events that are part of each other (a -> b -> a, or longer): one problem per cycle, at
        its first event in load order; each event is walked once."""
        parent = {event.id: event.part_of for event, _, _ in rows}
        where = {event.id: (doc, index) for event, doc, index in rows}
        done: set[str] = set()
        for event, _, _ in rows:
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = event.id
            while current is not None and current not in done and current not in on_path:
                path.append(current)
                on_path.add(current)
                current = parent.get(current)
            if current is not None and current in on_path and parent.get(current) != current:
                cycle = path[path.index(current) :]
                first = min(cycle, key=lambda i: (where[i][0].label, where[i][1]))
                at = cycle.index(first)
                ordered = [*cycle[at:], *cycle[:at], first]
                doc, index = where[first]
                self.problem(
                    doc, "event", index, first,
                    "'part_of' goes round in a circle: " + " -> ".join(f"'{i}'" for i in ordered)
                    + " (an event cannot be part of an event that is part of it)",
                    "part_of",
                )  # fmt: skip
            done.update(path)
