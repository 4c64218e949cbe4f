"""The `azma` command: Typer options -> Query -> query -> renderer; errors -> exit codes.

No filtering or formatting happens here: commands build a Query, call the engine in
`azma.query`, and hand a Listing to a renderer from `azma.render`.
"""

from __future__ import annotations

import functools
import gc
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from azma import __version__
from azma.errors import AzmaError, DataError, ExitCode, OutputError, UsageError, did_you_mean
from azma.model import Dataset
from azma.render import FORMATS, MACHINE_FORMATS, Listing, Options

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="azma",
    help="Azerbaijan–Morocco relations: a sourced timeline of events, agreements and trade.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


# ----------------------------------------------------------------------------- state


@dataclass
class State:
    """What the global options chose; the dataset is loaded on first use only."""

    data_files: list[Path] = field(default_factory=list)
    color: bool = True
    _dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            from azma.load import load_dataset, user_files_from_env

            self._dataset = load_dataset([*user_files_from_env(), *self.data_files])
        return self._dataset


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


# ----------------------------------------------------------------------------- errors and output


def _print_error(message: str) -> None:
    sys.stderr.write(f"azma: {message}\n")
    sys.stderr.flush()


@contextmanager
def _handled() -> Iterator[None]:
    """Turn azma's errors into one line on stderr and the documented exit code."""
    try:
        yield
    except DataError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        _print_error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except AzmaError as exc:
        _print_error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        raise typer.Exit(ExitCode.INTERRUPTED) from None


def handled(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _handled():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _encoding() -> str:
    return getattr(sys.stdout, "encoding", None) or "utf-8"


def _can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def write_out(text: str) -> None:
    """Write the whole answer to stdout at once; a closed pipe ends quietly (exit 141)."""
    encoding = _encoding()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise OutputError(
            f"the output encoding '{encoding}' cannot show {bad!r}; nothing was printed",
            "set PYTHONIOENCODING=utf-8, or use --format json (which escapes it)",
        ) from None
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is not None:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(ExitCode.BROKEN_PIPE) from None
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """After a write failed, point stdout at /dev/null so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _stdout_is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _note(message: str) -> None:
    """A message for a person at a terminal; scripts never see it on stdout."""
    try:
        if sys.stderr.isatty():
            sys.stderr.write(f"azma: {message}\n")
    except (AttributeError, ValueError):
        pass


def choose_format(requested: str | None) -> str:
    if requested is None:
        return "table" if _stdout_is_tty() else "plain"
    name = requested.strip().lower()
    if name not in FORMATS:
        raise UsageError(
            f"--format: unknown format '{requested}'",
            did_you_mean(name, FORMATS) or "choose one of " + ", ".join(FORMATS),
        )
    return name


def render_options(ctx: typer.Context, fmt: str, chart: bool = False) -> Options:
    tty = _stdout_is_tty()
    if tty:
        width = shutil.get_terminal_size((100, 24)).columns
    else:
        try:
            width = int(os.environ.get("COLUMNS", "100"))
        except ValueError:
            width = 100
    color = tty and _state(ctx).color and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    return Options(
        width=max(20, width),
        color=color,
        ascii_only=not _can_encode("əç█–", _encoding()),
        chart=chart,
    )


def emit(ctx: typer.Context, listing: Listing, requested: str | None, chart: bool = False) -> None:
    """Render a listing in the chosen format and write it; notes go to stderr."""
    from azma.render import renderer

    fmt = choose_format(requested)
    options = render_options(ctx, fmt, chart)
    if not listing.rows:
        _note(listing.empty_message)
        if fmt in ("table", "plain"):
            return
    write_out(renderer(fmt)(listing, options))
    if fmt == "plain" and listing.notes:
        for note in listing.notes:
            sys.stderr.write(f"note: {note}\n")


# ----------------------------------------------------------------------------- shared options


def _complete(vocab: str) -> Callable[[str], list[tuple[str, str]]]:
    def complete(incomplete: str) -> list[tuple[str, str]]:
        try:
            from azma.load import load_dataset

            terms = getattr(load_dataset().vocabularies, vocab).terms
        except Exception:
            return []
        return [(t.id, t.description) for t in terms if t.id.startswith(incomplete)]

    return complete


def _complete_format(incomplete: str) -> list[str]:
    return [name for name in FORMATS if name.startswith(incomplete)]


def _complete_kind(incomplete: str) -> list[tuple[str, str]]:
    return _complete("event_kinds")(incomplete) + _complete("milestone_kinds")(incomplete)


Since = Annotated[
    Optional[str],
    typer.Option("--since", metavar="DATE", help="Only records that end on or after DATE (2018, 2018-03, 'March 2018', '5 March 2018')."),
]
Until = Annotated[
    Optional[str],
    typer.Option("--until", metavar="DATE", help="Only records that start on or before the end of DATE (--until 2018 covers all of 2018)."),
]
FieldOpt = Annotated[
    Optional[list[str]],
    typer.Option("--field", metavar="FIELD", help="Only records in FIELD (repeatable: any of them). See 'azma fields'.", autocompletion=_complete("fields")),
]
ActorOpt = Annotated[Optional[str], typer.Option("--actor", metavar="NAME", help="Only records involving an actor whose name contains NAME.")]
PlaceOpt = Annotated[Optional[str], typer.Option("--place", metavar="NAME", help="Only records at a place whose name contains NAME.")]
TextOpt = Annotated[Optional[str], typer.Option("--text", metavar="TEXT", help="Only records whose text contains TEXT (case and accents ignored).")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", metavar="N", help="Show at most N records.")]
ReverseOpt = Annotated[bool, typer.Option("--reverse", help="Newest first.")]
FormatOpt = Annotated[
    Optional[str],
    typer.Option("--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(FORMATS)}. Default: table at a terminal, plain in a pipe.", autocompletion=_complete_format),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"azma {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Optional[list[Path]],
        typer.Option("--data", "-d", metavar="FILE", help="Add the records of a user TOML file (repeatable; also AZMA_DATA=file1:file2).", dir_okay=True),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour (also NO_COLOR=1).")] = False,
    version: Annotated[bool, typer.Option("--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True)] = False,
) -> None:
    """Azerbaijan–Morocco relations: a sourced timeline of events, agreements and trade.

    \b
    Examples:
      azma timeline --since 2018
      azma agreements --field defence
      azma trade
      azma timeline --field culture --format json | jq '.[].title'
    """
    ctx.obj = State(data_files=list(data or []), color=not no_color)


# ----------------------------------------------------------------------------- commands


@app.command()
@handled
def timeline(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    field: FieldOpt = None,
    kind: Annotated[
        Optional[list[str]],
        typer.Option("--kind", metavar="KIND", help="Only events of KIND or milestones of KIND (visit, statement, signed, in-force…; repeatable).", autocompletion=_complete_kind),
    ] = None,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    text: TextOpt = None,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    format: FormatOpt = None,
) -> None:
    """Every dated happening in date order, agreement milestones included; undated ones last.

    \b
    Examples:
      azma timeline --since 2018
      azma timeline --field culture --until 2012
      azma timeline --kind signed --format json | jq '.[].title'
    """
    from azma.query import make_query, select_timeline
    from azma.render import listings

    choose_format(format)
    dataset = _state(ctx).dataset()
    query = make_query(dataset, since=since, until=until, fields=field or (), kinds=kind or (),
                       kind_scope="timeline", actor=actor, place=place, text=text, limit=limit, reverse=reverse)  # fmt: skip
    emit(ctx, listings.timeline(select_timeline(dataset, query)), format)


@app.command()
@handled
def agreements(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    field: FieldOpt = None,
    kind: Annotated[
        Optional[list[str]],
        typer.Option("--kind", metavar="KIND", help="Only agreements of KIND (convention, protocol, memorandum…; repeatable).", autocompletion=_complete("agreement_kinds")),
    ] = None,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    text: TextOpt = None,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    format: FormatOpt = None,
) -> None:
    """Agreements, conventions, protocols and memoranda with their status and milestones.

    A date window keeps an agreement when any of its dated milestones falls in it.

    \b
    Examples:
      azma agreements --field defence
      azma agreements --since 2025
      azma agreements --kind protocol --format csv
    """
    from azma.query import make_query, select_agreements
    from azma.render import listings

    choose_format(format)
    dataset = _state(ctx).dataset()
    query = make_query(dataset, since=since, until=until, fields=field or (), kinds=kind or (),
                       kind_scope="agreements", actor=actor, place=place, text=text, limit=limit, reverse=reverse)  # fmt: skip
    emit(ctx, listings.agreements(select_agreements(dataset, query)), format)


@app.command()
@handled
def trade(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    chart: Annotated[bool, typer.Option("--chart", help="Also draw turnover as bars.")] = False,
    format: FormatOpt = None,
) -> None:
    """Trade by year: imports, exports, turnover, balance and change of turnover, with caveats.

    \b
    Examples:
      azma trade
      azma trade --chart
      azma trade --format json | jq '.[] | {year, turnover}'
    """
    from azma.query import make_query, trade_series
    from azma.render import listings

    choose_format(format)
    dataset = _state(ctx).dataset()
    query = make_query(dataset, since=since, until=until, limit=limit, reverse=reverse)
    emit(ctx, listings.trade(trade_series(dataset, query)), format, chart=chart)


@app.command()
@handled
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What to look for (case and accents ignored; aliases apply).")],
    since: Since = None,
    until: Until = None,
    field: FieldOpt = None,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    format: FormatOpt = None,
) -> None:
    """Search every kind of record: events, agreements, actors, places, sources, trade.

    \b
    Examples:
      azma search Marrakech
      azma search "Bourita" --since 2020
      azma search gəncə --format json
    """
    from azma.query import make_query
    from azma.query import search as run_search
    from azma.render import listings

    choose_format(format)
    dataset = _state(ctx).dataset()
    query = make_query(dataset, since=since, until=until, fields=field or (), limit=limit, reverse=reverse)
    emit(ctx, listings.search(run_search(dataset, text, query), dataset), format)


@app.command()
@handled
def show(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The id of any record (event, agreement, actor, place, source).")],
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="text (default) or json.")] = None,
) -> None:
    """One record in full: every key, its sources, and the records linked to it.

    \b
    Examples:
      azma show military-cooperation-agreement-2024
      azma show nasser-bourita --format json
    """
    from azma.render import record

    fmt = (format or "text").strip().lower()
    if fmt not in ("text", "plain", "json"):
        raise UsageError(f"--format: unknown format '{format}' for show", "use text or json")
    dataset = _state(ctx).dataset()
    write_out(record.render_record(dataset, record_id, fmt))


@app.command()
@handled
def sources(ctx: typer.Context, format: FormatOpt = None) -> None:
    """The source documents the dataset is built from, with how often each is cited.

    \b
    Examples:
      azma sources
      azma sources --format json | jq '.[] | {id, date}'
    """
    from azma.render import listings

    choose_format(format)
    emit(ctx, listings.sources(_state(ctx).dataset()), format)


@app.command()
@handled
def fields(ctx: typer.Context, format: FormatOpt = None) -> None:
    """The field vocabulary: each field with its aliases and how many records use it.

    \b
    Examples:
      azma fields
      azma fields --format csv
    """
    from azma.render import listings

    choose_format(format)
    emit(ctx, listings.fields(_state(ctx).dataset()), format)


@app.command()
@handled
def actors(
    ctx: typer.Context,
    text: TextOpt = None,
    limit: LimitOpt = None,
    format: FormatOpt = None,
) -> None:
    """People and institutions in the record, with roles, country and aliases.

    \b
    Examples:
      azma actors
      azma actors --text minister --format json
    """
    from azma.query import fold, match_actors
    from azma.render import listings

    choose_format(format)
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    dataset = _state(ctx).dataset()
    chosen = list(dataset.actors)
    if text:
        needle = fold(text)
        ids = match_actors(dataset, text) if any(needle in fold(a.name) for a in chosen) else frozenset()
        chosen = [a for a in chosen if a.id in ids or any(needle in fold(r) for r in a.roles)]
    emit(ctx, listings.actors(dataset, chosen[:limit] if limit is not None else chosen), format)


@app.command()
def validate(
    ctx: typer.Context,
    files: Annotated[Optional[list[Path]], typer.Argument(metavar="[FILE]...", help="User TOML files to check with the bundled data.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="text (default) or json.")] = None,
) -> None:
    """Check the bundled data and user files; exit 0 when valid, 1 listing every problem.

    \b
    Examples:
      azma validate
      azma validate my-notes.toml
    """
    with _handled():
        from azma.load import build_dataset, bundled_files, user_files_from_env

        fmt = (format or "text").strip().lower()
        if fmt not in ("text", "json"):
            raise UsageError(f"--format: unknown format '{format}' for validate", "use text or json")
        state = _state(ctx)
        paths = [*bundled_files(), *user_files_from_env(), *state.data_files, *(files or [])]
        try:
            dataset = build_dataset(paths)
        except DataError as exc:
            problems = exc.problems
        else:
            problems = []
        if fmt == "json":
            import json

            rows = [{"file": p.file, "line": p.line, "record": p.record, "message": p.message} for p in problems]
            write_out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            write_out("".join(f"{p}\n" for p in problems))
        if problems:
            _print_error(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(paths)} files")
            raise typer.Exit(ExitCode.DATA)
        counts = (f"{len(dataset.events)} events, {len(dataset.agreements)} agreements, "
                  f"{len(dataset.trade)} trade rows, {len(dataset.actors)} actors, {len(dataset.sources)} sources")  # fmt: skip
        sys.stderr.write(f"azma: valid: {len(paths)} files, {counts}\n")


def main() -> None:
    """Entry point of the console script and of `python -m azma`."""
    # A run is short and builds many objects that all live to the end: the cyclic garbage
    # collector would only re-scan them (a third of the time of a large query).
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
