"""What each command does, as plain functions: options in, an answer on stdout.

The Typer declaration in `azma.cli` is the one place the command line is defined; it calls
these functions through `call`, and so does the fast path (`azma.fastpath`). Each function only
wires: the options become one Filters value (`azma.query.make_filters`), a query returns view
models, `azma.formats` draws them, `azma.files` writes the result. Errors are AzmaError.
"""

from __future__ import annotations

import os

from azma.dates import date  # tests fix today by replacing commands.date
from azma.errors import DataError, ExitCode, UsageError
from azma.files import note, write_bytes, write_err, write_out, write_paged
from azma.l10n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

if TYPE_CHECKING:
    from azma.add import RecordType
    from azma.formats import Format, Kind
    from azma.formats.listing import Listing
    from azma.load import DataFiles
    from azma.model import Dataset
    from azma.query.filters import FilterOptions
    from azma.terminal import Terminal


class State:
    """What the global options chose; the terminal and the dataset are found on first use."""

    def __init__(
        self,
        data_files: Sequence[Path] = (),
        color: bool = True,
        no_bundled: bool = False,
        lang: str | None = None,
        wide: bool = False,
        pager: bool = True,
    ) -> None:
        self.data_files = list(data_files)
        self.color = color
        self.no_bundled = no_bundled
        self.lang = lang  # --lang as given (None: AZMA_LANG, else English); see azma.l10n.choose
        self.wide = wide  # tables: every column, text wrapped whole
        self.pager = pager  # answers taller than the screen go through the pager (at a terminal)
        self._terminal: Terminal | None = None
        self._dataset: Dataset | None = None
        self._english: Dataset | None = None

    @property
    def terminal(self) -> Terminal:
        if self._terminal is None:
            from azma.terminal import Terminal

            self._terminal = Terminal.detect(self.color)
        return self._terminal

    def files(self, extra: Sequence[str | os.PathLike[str]] = ()) -> DataFiles:
        """The files this run reads: bundled (unless left out), the user's folder, AZMA_DATA, --data."""
        from azma.load import choose_files

        return choose_files([*self.data_files, *extra], no_bundled=self.no_bundled)

    def english(self) -> Dataset:
        """The record as its files give it, in English (`dataset` is in the run's language)."""
        if self._english is None:
            from azma.load import load_files

            self._english = load_files(self.files().all)  # the files as chosen: not listed again
        return self._english

    def dataset(self) -> Dataset:
        if self._dataset is None:
            dataset = self.english()
            from azma import l10n

            if l10n.current() != "en":  # the record's text in the language asked for
                from azma.l10n.catalogue import load, localize

                dataset, untranslated = localize(dataset, load(l10n.current()))
                l10n.set_fallback(untranslated)
            self._dataset = dataset
        return self._dataset


def start(
    state: State | None = None,
    *,
    data: Sequence[Path] | None = None,
    no_color: bool = False,
    no_bundled: bool = False,
    lang: str | None = None,
    wide: bool = False,
    no_pager: bool = False,
) -> State:
    """The run's state from the global options (its keyword parameters are their names, as
    azma.cli.GLOBAL_OPTIONS declares them): the group's callback and the fast path call it
    before a command runs; `call` calls it again with the global options given after the
    command, which add to the state."""
    state = State() if state is None else state
    if data:
        state.data_files += list(data)
    if no_color:
        state.color = False
    if no_bundled:
        state.no_bundled = True
    if lang is not None:
        state.lang = lang
    if wide:
        state.wide = True
    if no_pager:
        state.pager = False
    return state


def call(name: str, state: State, options: dict[str, Any]) -> int:
    """Run the command `name` with its options (global ones given after the command included).

    For a command that takes `filters`, the filter options among `options` (by the names of
    `FilterOptions`) become that one typed value."""
    given = start.__code__  # the global options are start's keyword parameters
    names = given.co_varnames[given.co_argcount : given.co_argcount + given.co_kwonlyargcount]
    start(state, **{option: options.pop(option) for option in names if option in options})
    from azma import l10n

    l10n.use(l10n.choose(state.lang))  # --lang, else AZMA_LANG, else English; exit 2 if unknown
    for option, value in options.items():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, str) and not item.isascii():
                refuse_undecodable(option, item)
    impl = globals()[name]
    code = impl.__code__
    if "filters" in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]:
        options["filters"] = filter_options(options)
    return int(impl(state, **options) or 0)


def filter_options(options: dict[str, Any]) -> FilterOptions:
    """Take the filter options out of a command's options, as one FilterOptions value (an
    option not given keeps its default; a repeatable one's list becomes a tuple)."""
    from azma.query.filters import FilterOptions

    defaults = FilterOptions._field_defaults
    typed: dict[str, Any] = {}
    for name in FilterOptions._fields:
        if name in options:
            value = options.pop(name)
            typed[name] = (
                defaults[name] if value is None else tuple(value) if isinstance(value, list) else value
            )
    return FilterOptions(**typed)


def refuse_undecodable(option: str, value: str) -> None:
    """A UsageError for an argument holding bytes that are not UTF-8 (Python keeps them as lone
    surrogates): it could be neither matched nor written to a TOML file."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = ord(value[exc.start])
        byte = f"byte 0x{char - 0xDC00:02x}" if 0xDC80 <= char <= 0xDCFF else f"U+{char:04X}"
        from azma.errors import Param

        raise UsageError(
            "{option}: not UTF-8 text ({byte} at character {at})",
            "type it in UTF-8; a UTF-8 locale such as LANG=C.UTF-8 does",
            option=Param(option), byte=byte, at=exc.start + 1,
        ) from None  # fmt: skip


# ----------------------------------------------------------------------------- output


def choose_format(state: State, requested: str | None, also: Kind | None = None) -> Format:
    """The listing format asked for (or one of kind `also`, where a command draws one), else a
    table at a terminal and plain text in a pipe."""
    from azma import formats

    if requested is None:
        requested = "table" if state.terminal.is_tty else "plain"
    return formats.find(requested, ("listing", also) if also else "listing")


def emit(state: State, listing: Listing, fmt: Format) -> None:
    """Draw a listing and write it; notes and charts for people go to stderr, never into data."""
    terminal = state.terminal
    from azma import l10n
    from azma.formats import MACHINE

    if l10n.current() != "en" and fmt.name not in MACHINE:
        from azma.l10n.render import localize_listing

        listing = localize_listing(listing)
    if not listing.rows:
        note(listing.empty_message, terminal)
        if fmt.name in ("table", "plain", "cards"):
            return
    if fmt.name == "table" and state.wide:
        from azma.formats.table import render_wide

        write_paged(render_wide(listing, terminal), terminal, state.pager)
    else:
        write_paged(fmt.load()(listing, terminal), terminal, state.pager)
    if fmt.name == "plain" and listing.notes:
        from azma.safe import for_terminal

        write_err("".join(f"note: {for_terminal(n)}\n" for n in listing.notes))
    if listing.chart and fmt.name != "table" and listing.rows:
        from azma.formats.text import render_chart

        write_err(render_chart(listing, terminal))


# ----------------------------------------------------------------------------- listings


def timeline(state: State, filters: FilterOptions, format: str | None = None) -> None:
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format)
    entries, chosen = answers.timeline(state, filters)
    listing = views.timeline(entries)
    emit(state, listing._replace(empty_message=views.nothing_matched(t("events"), chosen)), fmt)


def agreements(state: State, filters: FilterOptions, format: str | None = None) -> None:
    from azma.formats import views
    from azma.query import answers
    from azma.query.timeline import agreement_uncertain

    fmt = choose_format(state, format)
    records, chosen = answers.agreements(state, filters)
    uncertain = {a.id for a in records if agreement_uncertain(a, chosen)}
    listing = views.agreements(records, uncertain)
    emit(state, listing._replace(empty_message=views.nothing_matched(t("agreements"), chosen)), fmt)


def disputes(
    state: State, filters: FilterOptions, about: Sequence[str] | None = None, format: str | None = None
) -> None:
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format)
    found, chosen = answers.disputes(state, filters, about)
    listing = views.disputes(found)
    if chosen != type(chosen)():  # with --about alone, the view's own message says it
        listing = listing._replace(empty_message=views.nothing_matched(t("disagreements"), chosen))
    emit(state, listing, fmt)


def trade(state: State, filters: FilterOptions, chart: bool = False, format: str | None = None) -> None:
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format)
    figures, chosen = answers.trade(state, filters)
    listing = views.trade(figures, chart=chart, countries=state.dataset().info.countries)
    emit(state, listing._replace(empty_message=views.nothing_matched(t("trade figures"), chosen)), fmt)
    if fmt.name not in ("table", "plain"):  # those show the marks and the notes; data gets a warning
        from azma.query.timeline import bound_words
        from azma.safe import for_terminal

        write_err("".join(
            f"note: {for_terminal(bound_words(f.row))}: its \"qualifier\" is {f.row.qualifier}; "
            "leave it out of sums, maxima and changes\n"
            for f in figures if f.row.bound
        ))  # fmt: skip


def stats(
    state: State,
    filters: FilterOptions,
    by: str | None = None,
    per: str | None = None,
    format: str | None = None,
) -> None:
    """Counts of the timeline's records by period and by a dimension."""
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format)
    emit(state, views.stats(answers.stats(state, filters, by, per)), fmt)


def network(
    state: State,
    filters: FilterOptions,
    format: str | None = None,
    top: int | None = None,
    all: bool = False,
    neighbour_ties: bool = False,
) -> None:
    """Who appears with whom: the pairs as a listing, or the graph as DOT, GraphML, JSON; the
    most connected actors only (--top, --all), an actor's ego network with --actor."""
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format, also="graph")
    found = answers.network(state, filters, top, all, neighbour_ties)
    if len(found.nodes) < found.actors:
        note(
            f"network: the {len(found.nodes)} most connected of {found.actors} actors "
            "(--top N for more or fewer, --all for every one)",
            state.terminal,
        )
    if fmt.kind == "graph":
        if not found.nodes:
            note("no actors in the records matched; the graph is empty", state.terminal)
        write_out(fmt.load()(found, state.terminal), state.terminal.encoding)
        return
    emit(state, views.network_pairs(found), fmt)


def search(
    state: State, query: str | Sequence[str] | None, filters: FilterOptions, format: str | None = None
) -> None:
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format)
    emit(state, views.search(answers.search(state, query, filters)), fmt)


def show(
    state: State, record_id: str | Sequence[str] | None, format: str | None = None, cite: bool = False
) -> None:
    """One record in full, found by what people type: an id, a unique beginning of one, a name
    or a title's first words (several words are one text, as `search` takes them)."""
    from azma import formats
    from azma.query import answers

    if cite:
        return cite_record(state, record_id, format)
    fmt = formats.find(format or "text", "record")
    view = answers.show(state, record_id)
    write_paged(fmt.load()(view, state.terminal), state.terminal, state.pager)


def cite_record(state: State, record_id: str | Sequence[str] | None, format: str | None = None) -> None:
    """`show ID --cite`: the sources a record cites (a source: itself) as references."""
    from azma import formats
    from azma.query import answers

    fmt = formats.find(format or "text", ("references", "citation"))
    view = answers.show(state, record_id)
    cited = [view.record] if view.type == "source" else list(view.sources)
    write_paged(fmt.load()(cited, state.terminal), state.terminal, state.pager)


def sources(state: State, format: str | None = None) -> None:
    from azma.formats import views
    from azma.query import sources_in_use

    fmt = choose_format(state, format, also="citation")
    counted = sources_in_use(state.dataset())
    if fmt.kind == "citation":
        write_out(fmt.load()([c.record for c in counted], state.terminal), state.terminal.encoding)
        return
    emit(state, views.sources(counted), fmt)
    note_files_read(state)


def note_files_read(state: State, extra: Sequence[Path] = ()) -> None:
    """At a terminal, say on stderr which user files were read (and whether the bundled data was)."""
    if not state.terminal.stderr_tty:
        return
    from azma.safe import for_terminal

    files = state.files(extra)
    if not files.bundled:
        note("the bundled data was left out (--no-bundled)", state.terminal)
    for path in files.user:
        note(f"read {for_terminal(str(path))}", state.terminal)


def fields(state: State, format: str | None = None) -> None:
    from azma.formats import views
    from azma.query import fields_in_use

    fmt = choose_format(state, format)
    emit(state, views.fields(fields_in_use(state.dataset())), fmt)


def actors(state: State, filters: FilterOptions, format: str | None = None) -> None:
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format)
    emit(state, views.actors(answers.actors(state, filters)), fmt)


def validate(state: State, files: Sequence[Path] | None = None, format: str | None = None) -> int:
    """Check bundled and user data; print every problem; return 0 (valid) or 1."""
    from azma import formats
    from azma.files import print_error
    from azma.load.build import build_dataset

    fmt = formats.find(format or "text", "problems")
    chosen = state.files(files or ())
    paths = chosen.all
    try:
        dataset = build_dataset(paths)
    except DataError as exc:
        problems = exc.problems
    else:
        problems = []
    read = _files_read(len(chosen.bundled), len(paths) - len(chosen.bundled))
    write_out(fmt.load()(problems, state.terminal))
    note_files_read(state, files or ())
    if problems:
        print_error(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the data ({read})")
        return ExitCode.DATA
    counts = ", ".join(
        f"{n} {what}{'s' if n != 1 else ''}"
        for n, what in ((len(dataset.events), "event"), (len(dataset.agreements), "agreement"),
                        (len(dataset.trade), "trade row"), (len(dataset.actors), "actor"),
                        (len(dataset.sources), "source"))
    )  # fmt: skip
    print_error(f"valid: {read}; {counts}")
    _note_one_language(state, dataset, chosen.bundled)
    return ExitCode.OK


def _note_one_language(state: State, dataset: Dataset, bundled: Sequence[str]) -> None:
    """A note (not a problem) for each record of the user's files read beside the bundled record:
    it is in its writer's language only, so `--lang` shows it as written (data/l10n holds the
    bundled record's translations)."""
    from azma.l10n import LANGS
    from azma.load import load_files
    from azma.safe import for_terminal

    def records(data: Dataset) -> list[tuple[str, str]]:
        return [
            (kind, str(r.id))
            for kind, table in (("event", data.events), ("agreement", data.agreements),
                                ("actor", data.actors), ("place", data.places))
            for r in table
        ]  # fmt: skip

    if not bundled:  # a record of one's own alone: nothing beside it is translated either
        return
    own = set(records(load_files(bundled)))
    theirs = [f"{kind} '{rid}'" for kind, rid in records(dataset) if (kind, rid) not in own]
    others = ", ".join(lang for lang in LANGS if lang != "en")
    for line in theirs[:10]:
        write_err(f"note: {for_terminal(line)} is in one language: --lang {others} show it as written\n")
    if len(theirs) > 10:
        write_err(f"note: … and {len(theirs) - 10} more records of your own files in one language\n")


def _files_read(bundled: int, user: int) -> str:
    parts = [f"{bundled} bundled file{'s' if bundled != 1 else ''}"] if bundled or not user else []
    if user:
        parts.append(f"{user} user file{'s' if user != 1 else ''}")
    return " and ".join(parts) + " read"


# ----------------------------------------------------------------------------- exports, on this day


def export(
    state: State,
    format: str,
    filters: FilterOptions,
    output: Path | None = None,
    force: bool = False,
    include_imprecise: bool = False,
    group: str | None = None,
) -> int:
    """Select with the timeline filters, render one document, write it to stdout or a file."""
    from azma.files import refuse_existing, write_atomic
    from azma.query import answers

    fmt, how = answers.export_format(format, include_imprecise, group)
    target = output if output is not None and str(output) != "-" else None
    if target is not None:
        refuse_existing(target, force)  # before any work
    text, left_out, chosen_any = answers.export(state, fmt, filters, how)
    data = text.encode("utf-8")
    if target is None:
        write_bytes(data)
    else:
        write_atomic(target, data, force=force)
    # said once the document is written: a closed pipe stays silent, a failed write says only that
    if left_out:
        from azma.files import print_error

        print_error(left_out)
    elif fmt.coverage is None and not chosen_any:
        note("no timeline records matched; the export has none", state.terminal)
    if target is not None:
        from azma.safe import for_terminal

        note(f"wrote {for_terminal(str(target))}", state.terminal)
    return ExitCode.OK


def on_this_day(
    state: State,
    filters: FilterOptions,
    day: str | None = None,
    format: str | None = None,
    today: date | None = None,
) -> None:
    """Records on a day of the year (today by default), with how many years ago."""
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format)
    found, asked = answers.on_this_day(state, filters, day, today or date.today())
    emit(state, views.on_this_day(found, asked), fmt)


def anniversaries(
    state: State,
    filters: FilterOptions,
    year: int | None = None,
    every: int = 5,
    format: str | None = None,
) -> None:
    """Round anniversaries (multiples of `every` years) falling in `year` (default: this year)."""
    from azma.formats import views
    from azma.query import answers

    fmt = choose_format(state, format)
    found, target = answers.anniversaries(state, filters, year, every, date.today())
    emit(state, views.anniversaries(found, target, every), fmt)


# ----------------------------------------------------------------------------- your own records


def add_event(state: State, **options: Any) -> int:
    return add(state, "event", **options)


def add_agreement(state: State, **options: Any) -> int:
    return add(state, "agreement", **options)


def add_source(state: State, **options: Any) -> int:
    return add(state, "source", **options)


def add_actor(state: State, **options: Any) -> int:
    return add(state, "actor", **options)


def add_place(state: State, **options: Any) -> int:
    return add(state, "place", **options)


def add_trade(state: State, **options: Any) -> int:
    return add(state, "trade", **options)


def add(
    state: State,
    record_type: RecordType,
    id: str | None = None,
    to: Path | None = None,
    dry_run: bool = False,
    signed: str | None = None,
    in_force: str | None = None,
    from_: str | None = None,
    **typed: Any,
) -> int:
    """Check the values given (asking for missing ones at a terminal), then append the record to
    the user's records.toml (or --to FILE) once the whole dataset with it is valid."""
    from azma.add import KEYS, Checker, add_record, check_id, derive, values_of
    from azma.prompt import Prompter, interactive
    from azma.safe import for_terminal

    target = own_file(state, to)
    files = state.files()
    dataset = _dataset_with(state, target)
    checker = Checker(dataset)
    record_id = check_id(dataset, id) if id is not None else None
    values: dict[str, Any] = values_of(dataset, record_type, from_) if from_ is not None else {}
    for key in KEYS[record_type]:
        raw = typed.get(key.option[2:].replace("-", "_"))
        if key.check == "flag":
            if raw:
                values[key.name] = True
        elif raw is not None and not (key.many and not raw):
            values[key.name] = [checker.check(key, r) for r in raw] if key.many else checker.check(key, raw)
    for option, what, when in (("--signed", "signed", signed), ("--in-force", "in-force", in_force)):
        if when is not None:
            values.setdefault("milestones", []).append(checker.milestone(f"{what}={when}", option))
    if "milestones" in values:  # in date order, undated last, as the loader reads them
        values["milestones"].sort(key=_milestone_order)
    if interactive():
        prompter = Prompter()
        for key in KEYS[record_type]:
            derive(record_type, values, dataset)
            if key.asked and key.name not in values:
                answer = prompter.ask(key, checker)
                if answer is not None:
                    values[key.name] = answer
    derive(record_type, values, dataset)
    needed = [k.option for k in KEYS[record_type] if k.required and k.name not in values]
    if needed:
        raise UsageError(
            f"add {record_type}: missing {' and '.join(needed)}",
            f"give them as options, or run it at a terminal to be asked; see 'azma add {record_type} --help'",
        )
    shown = for_terminal(str(target))
    added = add_record(
        record_type, values, target, files.all, record_id=record_id, dry_run=dry_run,
        on_wait=lambda: note(f"waiting for another azma writing {shown}…", state.terminal),
    )  # fmt: skip
    if added.written is None:
        write_out(added.toml)
        return ExitCode.OK
    write_out(f"{added.id}\n")
    note(f"added {record_type} '{added.id}' to {shown}", state.terminal)
    if not any(os.path.realpath(p) == os.path.realpath(target) for p in state.files().all):  # as now on disk
        note(f"{shown} is not read by default: add it with --data {shown} or AZMA_DATA", state.terminal)
    return ExitCode.OK


def own_file(state: State, to: Path | None) -> Path:
    """The file `azma add` writes to: --to FILE; else records.toml in the one folder --data
    names (a record made by `azma init`); else records.toml in the user's folder."""
    from pathlib import Path

    from azma.add import RECORDS_FILE
    from azma.load import user_data_home

    if to is not None:
        return to
    folders = [p for p in state.data_files if os.path.isdir(p)]
    if len(folders) == 1:
        return Path(folders[0], RECORDS_FILE)
    return Path(user_data_home(), RECORDS_FILE)


def _dataset_with(state: State, target: Path) -> Dataset:
    """The data this run reads, with `target` even where it is not read by default."""
    from azma.load import load_dataset, unique_files

    files = state.files()
    user = unique_files([*files.user, *([target] if target.is_file() else [])])
    return load_dataset(user, bundled=bool(files.bundled))


def _milestone_order(milestone: dict[str, str]) -> tuple[bool, date]:
    from azma.dates import parse_edtf

    when = milestone.get("date")
    return (when is None, parse_edtf(when).start if when else date.min)


def init(
    state: State,
    folder: Path,
    title: str | None = None,
    country: Sequence[str] | None = None,
    force: bool = False,
) -> int:
    """Write a minimal, valid record of one's own into `folder` (see azma.skeleton)."""
    from azma.skeleton import write_skeleton

    written = write_skeleton(folder, title=title, countries=list(country or ()), force=force)
    write_out("".join(f"{shown_path(path)}\n" for path in written))
    note(f"next: azma --data {shown_path(folder)} validate", state.terminal)
    return ExitCode.OK


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file name as a terminal may show it: control characters and bytes that are not UTF-8
    (kept by Python as lone surrogates) written as visible escapes."""
    from azma.safe import for_terminal

    text = for_terminal(os.fspath(path))
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _own_files(state: State) -> list[str]:
    """The user's files this run reads, and the file `azma add` writes to if it exists; never a
    file of the bundled data, however it is named."""
    from azma.load import bundled_files, unique_files

    target = own_file(state, None)
    bundled = {os.path.realpath(p) for p in bundled_files()}
    files = unique_files([*state.files().user, *([target] if target.is_file() else [])])
    return [p for p in files if os.path.realpath(p) not in bundled]


def edit(state: State, record_id: str) -> int:
    """Open the user's editor at a record of their own, then validate what was saved; at a
    terminal, offer to open it again while it does not validate."""
    import subprocess

    from azma.errors import Cancelled
    from azma.load.build import build_dataset
    from azma.own import Refused, ask_yes, editor_command, locate, refuse_unknown
    from azma.prompt import interactive

    own = _own_files(state)
    where = locate(own, record_id, loose=True)
    if where is None:
        refuse_unknown(state.dataset(), record_id, "edit")
        return ExitCode.DATA  # (refuse_unknown always raises)
    editor = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip() or "vi"
    shown, line = shown_path(where.file), where.line
    files = state.files(own).all
    while True:
        command = editor_command(editor, where.file, line)
        try:
            finished = subprocess.run(command, check=False)
        except OSError as exc:
            raise UsageError(
                f"cannot run the editor '{editor}': {exc.strerror or exc}",
                "set VISUAL or EDITOR to one that runs",
            ) from None
        if finished.returncode != 0:
            raise Refused(f"the editor exited with status {finished.returncode}; {shown} is as it left it")
        try:
            build_dataset(files)
        except DataError as exc:
            from azma.formats.problems import render_problems_text

            mine = [p for p in exc.problems if p.file == where.file] or exc.problems
            write_err(render_problems_text(mine, most=20))  # what fits above the question
            if interactive():
                try:
                    again = ask_yes(
                        f"azma: {shown} no longer validates. Open it again to mend it? [Y/n] ", True
                    )
                except Cancelled:
                    again = False
                if again:
                    line = next((p.line for p in mine if p.file == where.file and p.line), line)
                    continue
            raise Refused(
                f"{shown} no longer validates; it is left as saved for you to mend",
                f"azma edit {record_id} opens it again; 'azma validate' lists the problems",
            ) from None
        note(f"{shown}: valid", state.terminal)
        return ExitCode.OK


def remove(state: State, record_id: str, yes: bool = False) -> int:
    """Take a record of one's own out of its file (asked at a terminal unless --yes); refused when
    other records name it, and for bundled data."""
    from pathlib import Path

    from azma.files import write_atomic
    from azma.load.build import build_dataset
    from azma.locking import locked
    from azma.own import Refused, ask_yes, check_removal, locate, references_to, refuse_unknown, without
    from azma.prompt import interactive
    from azma.safe import for_terminal

    own = _own_files(state)
    where = locate(own, record_id)
    if where is None:
        refuse_unknown(state.dataset(), record_id, "remove")
        return ExitCode.DATA
    shown = shown_path(where.file)
    if not yes:
        if not interactive():
            raise UsageError(
                f"remove: give --yes to remove '{record_id}' without being asked", "(not at a terminal)"
            )
        record = "".join(where.text.splitlines(keepends=True)[where.start - 1 : where.end - 1])
        write_err(for_terminal(record, keep_newlines=True))
        if not ask_yes(f"azma: remove {where.table} '{record_id}' from {shown}:{where.line}? [y/N] "):
            write_err("azma: nothing was removed\n")
            return ExitCode.DATA
    files = state.files(own).all
    with locked(where.file):
        where = locate([where.file], record_id)  # read again under the lock
        if where is None:
            raise Refused(f"'{record_id}' is no longer in {shown}; nothing was removed")
        new = without(where)
        check_removal(where, new)
        try:
            build_dataset(files, texts={where.file: new})
        except DataError as exc:
            naming = references_to(exc.problems, record_id)
            if naming:
                listed = ", ".join(naming[:10]) + (
                    f" and {len(naming) - 10} more" if len(naming) > 10 else ""
                )
                raise Refused(
                    f"remove: '{record_id}' is named by {listed}; nothing was removed",
                    "remove those first, or change them with 'azma edit ID'",
                ) from None
            raise
        write_atomic(Path(where.file), new.encode("utf-8"), force=True)
    note(f"removed {where.table} '{record_id}' from {shown}", state.terminal)
    return ExitCode.OK
