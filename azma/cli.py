"""The `azma` command line, declared once with Typer: options -> azma.commands -> exit codes.

This module only declares commands and options and turns errors into exit codes; what each
command does lives in `azma.commands`. The fast path (`azma.fastpath`) derives its parser
from this declaration, so the command line is defined here and nowhere else.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NamedTuple, Optional, TypeVar, get_args

import typer
import typer.core
import typer.models
from typer._click import exceptions as click_errors  # typer 0.28 carries its own copy of Click

from azma import commands
from azma._version import __version__
from azma.commands import State
from azma.errors import AzmaError, ExitCode
from azma.errors import UsageError as AzmaUsageError
from azma.files import report
from azma.formats import names as format_names
from azma.l10n import LANGS
from azma.query.answers import GROUPS
from azma.query.filters import FilterOptions
from azma.query.stats import BY_CHOICES, PER_CHOICES

F = TypeVar("F", bound=Callable[..., Any])


class _Group(typer.core.TyperGroup):
    """Click's own usage errors (a bad --limit, an unknown option) in azma's one-line form."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click_errors.NoArgsIsHelpError as exc:
            exc.show()  # `azma` alone: the help, as before
            sys.exit(exc.exit_code)
        except click_errors.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "azma"
            message = exc.format_message().replace("\n", " ")
            given = args[0] if args else kwargs.get("args")  # as Click's main takes them
            argv = list(given) if given is not None else sys.argv[1:]
            spaced = _unquoted_date(exc, argv) if "extra argument" in message else None
            hint = (
                f"a date with spaces is one argument: quote it, {spaced}"
                if spaced
                else f"see '{where} --help'"
            )
            sys.exit(report(AzmaUsageError(message, hint)))
        except click_errors.ClickException as exc:
            sys.exit(report(AzmaUsageError(exc.format_message())))
        except typer.Abort:
            sys.exit(ExitCode.INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)


def _unquoted_date(exc: click_errors.UsageError, argv: list[str]) -> str | None:
    """`--since '5 March 2018'` when the words after a date option (one whose metavar is DATE)
    make a date but were typed unquoted (`--since 5 March 2018`), so the shell split them."""
    if exc.ctx is None:
        return None
    dated = {name for param in exc.ctx.command.params if param.metavar == "DATE" for name in param.opts}
    for index, word in enumerate(argv):
        name, equals, value = word.partition("=")
        if name not in dated:
            continue
        words = [value] if equals else argv[index + 1 : index + 2]
        for more in argv[index + 1 + (not equals) :]:
            if more.startswith("-"):
                break
            words.append(more)
        if len(words) > 1 and _is_date(" ".join(words)):
            from azma.safe import for_terminal

            return for_terminal(f"{name} '{' '.join(words)}'")
    return None


def _is_date(text: str) -> bool:
    from azma.dates import parse_user_date

    try:
        parse_user_date(text)
    except AzmaError:
        return False
    return True


app = typer.Typer(
    name="azma",
    cls=_Group,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def state_of(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


class _Take(NamedTuple):
    """A placeholder in a declaration: the shared options it stands for, by name, each with its
    declaration (an Annotated type) and default."""

    options: tuple[tuple[str, Any, Any], ...]


def take_filters(*names: str, **own: Any) -> Any:
    """The filter options a command takes, as `FILTER_OPTIONS` declares them (or, named in
    `own`, by a declaration of the command's own), in the order given. Used as the default of a
    `filters: FilterOptions` parameter, which `runs` replaces by these options; the command's
    function in azma.commands receives them as one FilterOptions value."""
    taken = []
    for name in names:
        declared = own.get(name, FILTER_OPTIONS[name])
        taken.append((name, declared, False if get_args(declared)[0] is bool else None))
    return _Take(tuple(taken))


def runs(impl: Callable[..., Any]) -> Callable[[F], F]:
    """Make a declared command run `impl(state, **options)` from azma.commands.

    The decorated function only declares the options (its signature and docstring are what
    Typer reads); its body is never run. `runs` adds the global options (declared once, in
    GLOBAL_OPTIONS) before the command's own options, and puts the options a `take_filters`
    placeholder stands for in its place. A non-zero int returned by `impl` is the exit code.
    """

    def decorate(declaration: F) -> F:
        @functools.wraps(declaration)
        def command(ctx: typer.Context, **options: Any) -> None:
            try:
                code = commands.call(impl.__name__, state_of(ctx), options)
            except AzmaError as exc:
                raise typer.Exit(report(exc)) from None
            except KeyboardInterrupt:
                raise typer.Exit(ExitCode.INTERRUPTED) from None
            if code:
                raise typer.Exit(code)

        command.__signature__ = _signature(declaration)  # type: ignore[attr-defined]
        command.__azma_impl__ = impl.__name__  # type: ignore[attr-defined]
        return command  # type: ignore[return-value]

    return decorate


def starts(impl: Callable[..., State]) -> Callable[[F], F]:
    """Make the group's callback set the run's state to `impl(**global options)`
    (azma.commands.start), as `runs` does for a command: the declared function only declares
    options (the global ones in GLOBAL_OPTIONS are added), its body is never run, and the fast
    path calls the same `impl`."""

    def decorate(declaration: F) -> F:
        signature = _signature(declaration)
        unexposed = {  # Click passes no value for these (--version), Typer passes its default
            name
            for name, param in signature.parameters.items()
            if any(
                getattr(info, "expose_value", True) is False
                for info in getattr(param.annotation, "__metadata__", ())
            )
        }

        @functools.wraps(declaration)
        def callback(ctx: typer.Context, **options: Any) -> None:
            ctx.obj = impl(**{name: value for name, value in options.items() if name not in unexposed})

        callback.__signature__ = signature  # type: ignore[attr-defined]
        callback.__azma_impl__ = impl.__name__  # type: ignore[attr-defined]
        return callback  # type: ignore[return-value]

    return decorate


def _signature(declaration: Callable[..., Any]) -> inspect.Signature:
    """The declaration's parameters with the global options after its leading arguments and the
    options of each `take_filters` placeholder in its place."""
    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params: list[inspect.Parameter] = []
    shared = [inspect.Parameter(n, keyword, annotation=a, default=d) for n, (a, d) in GLOBAL_OPTIONS.items()]
    for param in inspect.signature(declaration, eval_str=True).parameters.values():
        if shared and param.name != "ctx" and not _is_argument(param.annotation):
            params += shared
            shared = []
        if isinstance(param.default, _Take):
            params += [
                inspect.Parameter(n, keyword, annotation=a, default=d) for n, a, d in param.default.options
            ]
        else:
            params.append(param)
    return inspect.Signature(params + shared)


def _is_argument(annotation: Any) -> bool:
    return any(
        isinstance(info, typer.models.ArgumentInfo) for info in getattr(annotation, "__metadata__", ())
    )


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
    return [name for name in format_names("listing") if name.startswith(incomplete)]


def _complete_kind(incomplete: str) -> list[tuple[str, str]]:
    return _complete("event_kinds")(incomplete) + _complete("milestone_kinds")(incomplete)


# Options that set one value are declared as lists so that a second value is refused (exit 2)
# by make_filters, not silently put in place of the first (see FilterOptions).
Since = Annotated[
    Optional[list[str]],
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only records whose known dates reach DATE or later (2018, 2018-03, 'March 2018', "
        "'5 March 2018'); an open end reaches nothing (see --window). Once only.",
    ),
]
Until = Annotated[
    Optional[list[str]],
    typer.Option(
        "--until",
        metavar="DATE",
        help="Only records whose known dates reach the end of DATE or earlier (--until 2018 covers "
        "all of 2018). Once only.",
    ),
]
WindowOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--window",
        metavar="RULE",
        help="How --since/--until take a record: known (default: its known dates reach the window), "
        "certain (only what certainly falls in it) or possible (everything that might). "
        "A record whose date the sources dispute matches by any reading (certain: by all).",
    ),
]
FieldOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--field",
        metavar="FIELD",
        help="Only records in FIELD (repeatable: any of them). See 'azma fields'.",
        autocompletion=_complete("fields"),
    ),
]


def _complete_records(incomplete: str) -> list[tuple[str, str]]:
    """Ids for `show`, each with its title (zsh and fish show it)."""
    try:
        from azma.load import load_dataset
        from azma.query.records import all_records, title_text

        records = all_records(load_dataset())
    except Exception:
        return []
    return [(str(r.id), title_text(r)[:60]) for _, r in records if str(r.id).startswith(incomplete)]


def _complete_names(kind: str) -> Callable[[str], list[tuple[str, str]]]:
    """Names and aliases of actors or places for --actor and --place (case and accents
    ignored); bash, which would split a name at its spaces, gets the ids they also match."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        import os

        try:
            from azma.folding import fold
            from azma.load import load_dataset

            records = getattr(load_dataset(), kind)
        except Exception:
            return []
        typed = fold(incomplete)
        if os.environ.get("_AZMA_COMPLETE", "").endswith("bash"):
            return [(r.id, r.name) for r in records if r.id.startswith(typed)]
        names = {n: r.id for r in records for n in (r.name, *r.aliases) if fold(n).startswith(typed)}
        return sorted(names.items())

    return complete


ActorOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--actor",
        metavar="NAME",
        help="Only records involving an actor whose name contains NAME (repeatable: any of them).",
        autocompletion=_complete_names("actors"),
    ),
]
PlaceOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--place",
        metavar="NAME",
        help="Only records at a place whose name contains NAME (repeatable: any of them).",
        autocompletion=_complete_names("places"),
    ),
]
TextOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--text",
        metavar="TEXT",
        help="Only records whose text contains TEXT (case and accents ignored; repeatable: any of them).",
    ),
]


def _limit_option(help: str) -> Any:
    return typer.Option("--limit", metavar="N", help=help)


def _kind_option(help: str, complete: Callable[[str], list[Any]]) -> Any:
    return typer.Option("--kind", metavar="KIND", help=help, autocompletion=complete)


def _format_option(help: str, complete: Callable[[str], list[str]] | None = _complete_format) -> Any:
    return typer.Option("--format", "-f", metavar="FORMAT", help=help, autocompletion=complete)


LimitOpt = Annotated[Optional[list[int]], _limit_option("Show at most N records.")]
ReverseOpt = Annotated[bool, typer.Option("--reverse", help="Newest first.")]
TimelineKindOpt = Annotated[
    Optional[list[str]],
    _kind_option(
        "Only events of KIND or milestones of KIND (visit, statement, signed, in-force…; repeatable).",
        _complete_kind,
    ),
]
FormatOpt = Annotated[
    Optional[str],
    _format_option(
        f"Output format: {', '.join(format_names('listing'))}. Default: table at a terminal, plain in a pipe."
    ),
]

# The filter options, one declaration each, by the names of azma.query.filters.FilterOptions
# (a test keeps the two in step). A command takes the ones it names with `take_filters`.
FILTER_OPTIONS: dict[str, Any] = {
    "since": Since, "until": Until, "window": WindowOpt, "field": FieldOpt, "kind": TimelineKindOpt, "actor": ActorOpt,
    "place": PlaceOpt, "text": TextOpt, "limit": LimitOpt, "reverse": ReverseOpt,
}  # fmt: skip
ALL_FILTERS = tuple(FILTER_OPTIONS)


DataOpt = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--data",
        "-d",
        metavar="FILE",
        help="Add the records of a user TOML file, or of every *.toml in a folder (repeatable; also "
        "AZMA_DATA=file1:dir2). Your folder (AZMA_DATA_HOME, default ~/.local/share/azma) is always read.",
        dir_okay=True,
    ),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour (also NO_COLOR=1).")]
NoBundledOpt = Annotated[
    bool,
    typer.Option(
        "--no-bundled",
        help="Leave out the bundled Azerbaijan–Morocco record: only your own files (also AZMA_NO_BUNDLED=1).",
    ),
]
LangOpt = Annotated[
    Optional[str],
    typer.Option(
        "--lang",
        metavar="LANG",
        help="The language of the record's text and of azma's words: en (default), fr, ar, az or ru "
        "(also AZMA_LANG). JSON and CSV keep ids and keys, and say the language in 'lang'.",
        autocompletion=lambda incomplete: [c for c in LANGS if c.startswith(incomplete)],
    ),
]
WideOpt = Annotated[
    bool,
    typer.Option(
        "--wide", help="Tables show every column and whole texts, wrapped (a record may take several lines)."
    ),
]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager", help="Never page output taller than the screen (AZMA_PAGER, PAGER, 'less -FRX')."
    ),
]
# Global options: taken before the command (by the group) and after it (by every command).
GLOBAL_OPTIONS: dict[str, tuple[Any, Any]] = {
    "data": (DataOpt, None), "no_color": (NoColorOpt, False), "no_bundled": (NoBundledOpt, False),
    "lang": (LangOpt, None),
    "wide": (WideOpt, False), "no_pager": (NoPagerOpt, False),
}  # fmt: skip


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"azma {__version__}\n")
        raise typer.Exit()


_version.__azma_inert_unless_given__ = True  # type: ignore[attr-defined]  # the fast path may skip it


@app.callback()
@starts(commands.start)
def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the version and exit.",
            callback=_version,
            is_eager=True,
            expose_value=False,
        ),
    ] = False,
) -> None:
    """Azerbaijan–Morocco relations: a sourced timeline of events, agreements and trade.

    \b
    Examples:
      azma timeline --since 2018
      azma agreements --field defence
      azma trade
      azma timeline --field culture --format json | jq '.[].title'
    """


# ----------------------------------------------------------------------------- commands


@app.command()
@runs(commands.timeline)
def timeline(
    ctx: typer.Context,
    filters: FilterOptions = take_filters(*ALL_FILTERS),
    format: FormatOpt = None,
) -> None:
    """Every dated happening in date order, agreement milestones included; undated ones last.

    \b
    Examples:
      azma timeline --since 2018
      azma timeline --field culture --until 2012
      azma timeline --kind signed --format json | jq '.[].title'
    """


@app.command()
@runs(commands.agreements)
def agreements(
    ctx: typer.Context,
    filters: FilterOptions = take_filters(
        *ALL_FILTERS,
        kind=Annotated[
            Optional[list[str]],
            _kind_option(
                "Only agreements of KIND (convention, protocol, memorandum…; repeatable).",
                _complete("agreement_kinds"),
            ),
        ],
    ),
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


@app.command()
@runs(commands.disputes)
def disputes(
    ctx: typer.Context,
    about: Annotated[
        Optional[list[str]],
        typer.Option(
            "--about",
            metavar="TOPIC",
            help="Only disagreements about TOPIC: date, place, count, participants, what, figure (repeatable).",
            autocompletion=_complete("dispute_topics"),
        ),
    ] = None,
    filters: FilterOptions = take_filters(*ALL_FILTERS),
    format: FormatOpt = None,
) -> None:
    """Every point the sources disagree on: a date, a place, a count, who took part, what was agreed.

    Each row names the record, what is disputed, every reading with its sources (the record's
    own reading first) and why the record leads with it. Filters are those of 'timeline';
    'azma show ID' shows one record's readings.

    \b
    Examples:
      azma disputes
      azma disputes --about date
      azma disputes --since 2023 --format json | jq '.[] | {id, about, lead}'
    """


@app.command()
@runs(commands.trade)
def trade(
    ctx: typer.Context,
    filters: FilterOptions = take_filters("since", "until", "window", "limit", "reverse"),
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


def _complete_choices(choices: tuple[str, ...]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete)]

    return complete


@app.command()
@runs(commands.stats)
def stats(
    ctx: typer.Context,
    by: Annotated[
        Optional[str],
        typer.Option(
            "--by",
            metavar="WHAT",
            help="Count by year (default), month, field, kind, actor, place or source.",
            autocompletion=_complete_choices(BY_CHOICES),
        ),
    ] = None,
    per: Annotated[
        Optional[str],
        typer.Option(
            "--per",
            metavar="PERIOD",
            help="With --by field|kind|actor|place|source: a count for each year or month.",
            autocompletion=_complete_choices(PER_CHOICES),
        ),
    ] = None,
    filters: FilterOptions = take_filters(
        *ALL_FILTERS,
        limit=Annotated[
            Optional[list[int]],
            _limit_option("Only the N values counted most (with --by year|month: N periods)."),
        ],
    ),
    format: FormatOpt = None,
) -> None:
    """How many records, by period and by field, kind, actor, place or source.

    Records are those 'timeline' lists with the same filters. Under --by kind an event also
    counts once under each agreement milestone held at it (signed, approved, in-force…), so
    agreements are counted by how far they moved forward; under field, actor, place and
    source a record counts once under each of its values (the title gives both totals). A
    record is placed in the year or month holding its whole date; undated ones, and those known
    too coarsely, get a row of their own. In a pipe every cell is printed, zeros included.

    \b
    Examples:
      azma stats
      azma stats --by kind --per year --kind signed --kind in-force
      azma stats --by field --since 2023
      azma stats --by actor --limit 10
      azma stats --by field --per year --format csv > fields.csv
    """


def _complete_network_format(incomplete: str) -> list[str]:
    return [name for name in format_names("listing", "graph") if name.startswith(incomplete)]


@app.command()
@runs(commands.network)
def network(
    ctx: typer.Context,
    filters: FilterOptions = take_filters(
        *ALL_FILTERS[:-1],
        actor=Annotated[
            Optional[list[str]],
            typer.Option(
                "--actor",
                metavar="NAME",
                help="The ego network of the actors whose name contains NAME (repeatable: any of them): "
                "they, their neighbours and only the ties to them.",
            ),
        ],
        limit=Annotated[Optional[list[int]], _limit_option("Only the N strongest pairs.")],
    ),
    neighbour_ties: Annotated[
        bool, typer.Option("--neighbour-ties", help="With --actor: the ties among the neighbours too.")
    ] = False,
    top: Annotated[
        Optional[int],
        typer.Option("--top", metavar="N", help="Keep the N most connected actors (default 30)."),
    ] = None,
    all: Annotated[bool, typer.Option("--all", help="Keep every actor (no --top cut).")] = False,
    format: Annotated[
        Optional[str],
        _format_option(
            "The pairs as "
            + ", ".join(format_names("listing"))
            + "; the whole graph as dot (Graphviz), graphml (Gephi, yEd, networkx) or node-link "
            "(JSON: nodes and links). Default: table at a terminal, plain in a pipe.",
            _complete_network_format,
        ),
    ] = None,
) -> None:
    """Who appears with whom: people and institutions named by the same records.

    Each actor named by a record 'timeline' lists with the same filters is a node; two actors
    named by the same record are a pair, as strong as the number of records they share, with
    the first and last of their dates and the records' ids. Only the 30 most connected actors
    are kept (--top N, --all); --actor gives one actor's ego network. The table lists the
    pairs, strongest first; dot, graphml and node-link hold the graph.

    \b
    Examples:
      azma network --limit 10
      azma network --since 2023 --field defence
      azma network --actor bourita --format dot | neato -Tsvg > bourita.svg
      azma network --format dot | neato -Tsvg > network.svg
      azma network --format graphml > network.graphml
      azma network --format json | jq '.[0]'
    """


@app.command()
@runs(commands.search)
def search(
    ctx: typer.Context,
    query: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="WORDS...",
            help="What to look for: records holding every word (case and accents ignored; aliases apply).",
            show_default=False,
        ),
    ] = None,
    filters: FilterOptions = take_filters("since", "until", "window", "field", "limit", "reverse"),
    format: FormatOpt = None,
) -> None:
    """Search every kind of record: events, agreements, actors, places, sources, trade.

    \b
    Examples:
      azma search Marrakech
      azma search joint commission --since 2020
      azma search gəncə --format json
    """


@app.command()
@runs(commands.show)
def show(
    ctx: typer.Context,
    record_id: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="ID|NAME...",
            help="Any record (event, agreement, actor, place, source): its id, a unique beginning of it, "
            "an actor's or place's name or alias, or a title's first words.",
            autocompletion=lambda incomplete: _complete_records(incomplete),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        Optional[str],
        _format_option(
            "text (default) or json; with --cite: text, csl-json or bibtex.",
            lambda incomplete: [
                n
                for n in dict.fromkeys(format_names("record", "references", "citation"))
                if n.startswith(incomplete)
            ],
        ),
    ] = None,
    cite: Annotated[
        bool,
        typer.Option("--cite", help="Only the record's sources, as references to cite (a source: itself)."),
    ] = False,
) -> None:
    """One record in full: every key, its sources, and the records linked to it.

    \b
    Examples:
      azma show military-cooperation-agreement
      azma show Bourita --format json
      azma show Fourth round of political consultations
      azma show military-cooperation-agreement --cite
      azma show military-cooperation-agreement --cite --format bibtex >> refs.bib
    """


@app.command()
@runs(commands.sources)
def sources(
    ctx: typer.Context,
    format: Annotated[
        Optional[str],
        _format_option(
            f"Output format: {', '.join(format_names('listing'))}; to cite them, csl-json "
            "(Zotero, pandoc --citeproc) or bibtex. Default: table at a terminal, plain in a pipe.",
            lambda incomplete: [n for n in format_names("listing", "citation") if n.startswith(incomplete)],
        ),
    ] = None,
) -> None:
    """The source documents the dataset is built from, with how often each is cited.

    csl-json and bibtex carry each source's title, publisher, date at its precision, URL,
    language and a note saying how its date was worked out and where copies are.

    \b
    Examples:
      azma sources
      azma sources --format json | jq '.[] | {id, date}'
      azma sources --format csl-json > azma-sources.json
      azma sources --format bibtex > azma-sources.bib
    """


@app.command()
@runs(commands.fields)
def fields(
    ctx: typer.Context,
    format: FormatOpt = None,
) -> None:
    """The field vocabulary: each field with its aliases and how many records use it.

    \b
    Examples:
      azma fields
      azma fields --format csv
    """


@app.command()
@runs(commands.actors)
def actors(
    ctx: typer.Context,
    filters: FilterOptions = take_filters("text", "limit"),
    format: FormatOpt = None,
) -> None:
    """People and institutions in the record, with roles, country and aliases.

    \b
    Examples:
      azma actors
      azma actors --text minister --format json
    """


@app.command()
@runs(commands.validate)
def validate(
    ctx: typer.Context,
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="[FILE]...", help="User TOML files to check with the bundled data."),
    ] = None,
    format: Annotated[Optional[str], _format_option("text (default) or json.", None)] = None,
) -> None:
    """Check the bundled data and user files; exit 0 when valid, 1 listing every problem.

    \b
    Examples:
      azma validate
      azma validate my-notes.toml
    """


# ----------------------------------------------------------------------------- exports, on this day


def _complete_export_format(incomplete: str) -> list[str]:
    return [name for name in format_names("export") if name.startswith(incomplete)]


@app.command()
@runs(commands.export)
def export(
    ctx: typer.Context,
    format: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help=f"One of: {', '.join(format_names('export'))}.",
            autocompletion=_complete_export_format,
        ),
    ],
    filters: FilterOptions = take_filters(*ALL_FILTERS[:-2]),
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of stdout ('-' is stdout). An existing FILE is kept unless --force.",
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    include_imprecise: Annotated[
        bool,
        typer.Option(
            "--include-imprecise",
            help="ics only: also records known only to the month, season, year or decade, or with an "
            "open or unknown end, on their first known day with the date in words in the title.",
        ),
    ] = False,
    group: Annotated[
        Optional[str],
        typer.Option(
            "--group",
            metavar="BY",
            help="timelinejs only: rows grouped by field, kind or none (default: none, so the "
            "timeline's strip is all markers, not group labels).",
            autocompletion=lambda incomplete: [g for g in GROUPS if g.startswith(incomplete)],
        ),
    ] = None,
) -> None:
    """Export the timeline as a calendar, a TimelineJS file, a Markdown report or one web page.

    Filters are those of 'timeline'. ics: all-day events for records known to the day (Google
    Calendar, Outlook, Thunderbird); re-importing updates them. timelinejs: the JSON of
    TimelineJS3. markdown: a report with numbered source citations. html: one self-contained
    page with a visual timeline, filters and search for every section, agreements, a trade
    chart and sources. ics and timelinejs say on stderr what they leave out, and exit 1 when
    nothing is left. Agreements
    follow every filter but --kind; trade rows follow the dates and --text, and having no
    fields, kinds, actors or places, are left out by those filters.

    \b
    Examples:
      azma export ics -o azma.ics
      azma export ics --field culture --include-imprecise -o culture.ics
      azma export markdown --since 2018 > report.md
      azma export html -o azma.html --force
      azma export timelinejs --field defence -o defence.json
      azma export timelinejs --group kind -o by-kind.json
    """


@app.command("on-this-day")
@runs(commands.on_this_day)
def on_this_day(
    ctx: typer.Context,
    day: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[DATE]",
            help="A day: 2018-03-05 or '5 March 2018', or with no year 03-05 (month first) or '5 March'. "
            "Default: today.",
        ),
    ] = None,
    filters: FilterOptions = take_filters("field", "limit"),
    format: FormatOpt = None,
) -> None:
    """What happened on this day of the year, in any year, and how many years ago.

    Only records dated to the day count; an interval counts on each of its days, and a record
    of 29 February shows on 28 February in common years. With a year in DATE, years ago count
    from that year and later records are left out; with no year, from this year.

    \b
    Examples:
      azma on-this-day
      azma on-this-day 03-05
      azma on-this-day '14 November 2033' --format json | jq '.[] | {years_ago, title}'
    """


@app.command()
@runs(commands.anniversaries)
def anniversaries(
    ctx: typer.Context,
    year: Annotated[
        Optional[int], typer.Option("--year", metavar="YEAR", help="The year to look at. Default: this year.")
    ] = None,
    every: Annotated[
        int, typer.Option("--every", metavar="N", help="Round means a multiple of N years.")
    ] = 5,
    filters: FilterOptions = take_filters("field", "limit"),
    format: FormatOpt = None,
) -> None:
    """Round anniversaries (5, 10, 15… years) falling in a year, in date order.

    Only records dated to the day count; an interval counts from its first day.

    \b
    Examples:
      azma anniversaries
      azma anniversaries --year 2028
      azma anniversaries --year 2033 --every 10 --format json
    """


# ----------------------------------------------------------------------------- your own records

add_app = typer.Typer(name="add", no_args_is_help=True, rich_markup_mode=None)


@add_app.callback()
def add_options() -> None:
    """Add a record to your own files: records.toml in your folder, or --to FILE.

    Values are checked as a query's are; at a terminal, missing ones are asked for ('?' lists
    the valid values, Tab completes them). The record is checked with all the data before
    anything is written, then appended, leaving what the file holds as it was. The new id is
    printed.

    \b
    Examples:
      azma add source --title "Notes from the embassy briefing" --publisher me --kind notes
      azma add event --title "Embassy briefing" --date 2025-03-12 --field culture --source my-notes
      azma add agreement --dry-run
    """


app.add_typer(add_app)


def _complete_ids(kind: str) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        try:
            from azma.load import choose_files, load_files

            dataset = load_files(choose_files().all)
        except Exception:
            return []
        records = getattr(dataset, kind)
        return [r.id for r in records if r.id.startswith(incomplete)]

    return complete


IdOpt = Annotated[
    Optional[str],
    typer.Option("--id", metavar="ID", help="The new record's id (default: made from the title and year)."),
]
ToOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--to",
        metavar="FILE",
        help="Append to FILE instead of records.toml in your folder (AZMA_DATA_HOME, ~/.local/share/azma).",
        dir_okay=False,
    ),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print the TOML that would be appended; write nothing.")
]
AliasOpt = Annotated[
    Optional[list[str]], typer.Option("--alias", metavar="TEXT", help="Another name it goes by (repeatable).")
]
FromOpt = Annotated[
    Optional[str],
    typer.Option(
        "--from",
        metavar="ID",
        help="Start from a copy of record ID's values (a bundled one too); options change them.",
    ),
]
TitleOpt = Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="Title (required).")]
DateOpt = Annotated[
    Optional[str],
    typer.Option(
        "--date", metavar="DATE", help="EDTF date: 2025-03-12, 2025-03, 2025, 2025-03-12/2025-03-14, 2025?."
    ),
]
SummaryOpt = Annotated[Optional[str], typer.Option("--summary", metavar="TEXT", help="One or two sentences.")]
NoteOpt = Annotated[
    Optional[str], typer.Option("--note", metavar="TEXT", help="How you know, or what is unsure.")
]
AddFieldOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--field", metavar="FIELD", help="A field (repeatable; required). See 'azma fields'.",
        autocompletion=_complete("fields"),
    ),
]  # fmt: skip
SourceIdOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--source", metavar="ID", help="A source id (repeatable; required). See 'azma sources'.",
        autocompletion=_complete_ids("sources"),
    ),
]  # fmt: skip
PlaceIdOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--place",
        metavar="PLACE",
        help="A place id or name (repeatable).",
        autocompletion=_complete_ids("places"),
    ),
]
ActorIdOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--actor",
        metavar="ACTOR",
        help="An actor id or name (repeatable).",
        autocompletion=_complete_ids("actors"),
    ),
]


@add_app.command("event")
@runs(commands.add_event)
def add_event(
    ctx: typer.Context,
    id: IdOpt = None,
    from_: FromOpt = None,
    title: TitleOpt = None,
    date: DateOpt = None,
    kind: Annotated[
        Optional[str], _kind_option("Event kind (default: event).", _complete("event_kinds"))
    ] = None,
    field: AddFieldOpt = None,
    source: SourceIdOpt = None,
    summary: SummaryOpt = None,
    place: PlaceIdOpt = None,
    actor: ActorIdOpt = None,
    agreement: Annotated[
        Optional[list[str]],
        typer.Option(
            "--agreement",
            metavar="ID",
            help="An agreement it concerns (repeatable).",
            autocompletion=_complete_ids("agreements"),
        ),
    ] = None,
    part_of: Annotated[
        Optional[str],
        typer.Option(
            "--part-of", metavar="ID", help="The event it is part of.", autocompletion=_complete_ids("events")
        ),
    ] = None,
    note: NoteOpt = None,
    to: ToOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Add an event: a dated happening with its fields and sources.

    \b
    Examples:
      azma add event --title "Embassy briefing on culture" --date 2025-03-12 --field culture --source my-notes
      azma add event          # at a terminal: asks for the title, date, kind, fields and sources
    """  # fmt: skip


@add_app.command("agreement")
@runs(commands.add_agreement)
def add_agreement(
    ctx: typer.Context,
    id: IdOpt = None,
    from_: FromOpt = None,
    title: TitleOpt = None,
    official_title: Annotated[
        bool, typer.Option("--official-title", help="The title is the document's own.")
    ] = False,
    kind: Annotated[
        Optional[str],
        _kind_option(
            "Agreement kind (required): agreement, memorandum, protocol…", _complete("agreement_kinds")
        ),
    ] = None,
    status: Annotated[
        Optional[str],
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Status (required): signed, in-force…",
            autocompletion=_complete("statuses"),
        ),
    ] = None,
    field: AddFieldOpt = None,
    source: SourceIdOpt = None,
    party: Annotated[
        Optional[list[str]],
        typer.Option(
            "--party", metavar="NAME", help="A party (repeatable; default: the record's countries)."
        ),
    ] = None,
    signatory: Annotated[
        Optional[list[str]],
        typer.Option(
            "--signatory",
            metavar="ACTOR",
            help="An actor who signed (repeatable).",
            autocompletion=_complete_ids("actors"),
        ),
    ] = None,
    place: PlaceIdOpt = None,
    alias: AliasOpt = None,
    milestone: Annotated[
        Optional[list[str]],
        typer.Option(
            "--milestone",
            metavar="KIND[=DATE]",
            help="A step: signed=2024-10-30, ratified=2025-01 (repeatable).",
            autocompletion=_complete("milestone_kinds"),
        ),
    ] = None,
    signed: Annotated[
        Optional[str], typer.Option("--signed", metavar="DATE", help="Short for --milestone signed=DATE.")
    ] = None,
    in_force: Annotated[
        Optional[str], typer.Option("--in-force", metavar="DATE", help="Short for --milestone in-force=DATE.")
    ] = None,
    summary: SummaryOpt = None,
    note: NoteOpt = None,
    to: ToOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Add an agreement with its kind, status, milestones, fields and sources.

    \b
    Examples:
      azma add agreement --title "Memorandum on tourism" --kind memorandum --status signed \\
        --signed 2025-05-20 --field tourism --source my-notes
    """  # fmt: skip


@add_app.command("source")
@runs(commands.add_source)
def add_source(
    ctx: typer.Context,
    id: IdOpt = None,
    from_: FromOpt = None,
    title: TitleOpt = None,
    publisher: Annotated[
        Optional[str], typer.Option("--publisher", metavar="TEXT", help="Who published it (required).")
    ] = None,
    kind: Annotated[
        Optional[str],
        _kind_option("Source kind (required): official, newspaper, notes…", _complete("source_kinds")),
    ] = None,
    date: DateOpt = None,
    printed_date: Annotated[
        Optional[str], typer.Option("--printed-date", metavar="TEXT", help="The date as printed.")
    ] = None,
    date_note: Annotated[
        Optional[str], typer.Option("--date-note", metavar="TEXT", help="How the date was worked out.")
    ] = None,
    url: Annotated[Optional[str], typer.Option("--url", metavar="URL", help="Where it can be read.")] = None,
    title_en: Annotated[
        Optional[str], typer.Option("--title-en", metavar="TEXT", help="The title in English.")
    ] = None,
    language: Annotated[
        Optional[str], typer.Option("--language", metavar="CODE", help="Its language: en, fr, az…")
    ] = None,
    file: Annotated[
        Optional[str], typer.Option("--file", metavar="NAME", help="A local copy's file name.")
    ] = None,
    note: NoteOpt = None,
    to: ToOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Add a source: a document records cite.

    \b
    Examples:
      azma add source --title "Notes from the embassy briefing" --publisher me --kind notes --date 2025-03
    """  # fmt: skip


def _complete_qualifier(incomplete: str) -> list[tuple[str, str]]:
    from azma.model import TRADE_QUALIFIERS

    return [(q, what) for q, what in TRADE_QUALIFIERS.items() if q.startswith(incomplete)]


NameOpt = Annotated[Optional[str], typer.Option("--name", metavar="TEXT", help="Name (required).")]
CountryOpt = Annotated[Optional[str], typer.Option("--country", metavar="NAME", help="Its country.")]


@add_app.command("actor")
@runs(commands.add_actor)
def add_actor(
    ctx: typer.Context,
    id: IdOpt = None,
    from_: FromOpt = None,
    name: NameOpt = None,
    type: Annotated[
        Optional[str], typer.Option("--type", metavar="TYPE", help="person or institution (required).")
    ] = None,
    country: CountryOpt = None,
    role: Annotated[
        Optional[list[str]],
        typer.Option(
            "--role",
            metavar="TEXT",
            help="A post held, with its years: 'Minister of Culture (2008)' (repeatable).",
        ),
    ] = None,
    alias: AliasOpt = None,
    source: SourceIdOpt = None,
    note: NoteOpt = None,
    to: ToOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Add an actor: a person or an institution that events and agreements name.

    \b
    Examples:
      azma add actor --name "Anna Pair" --type person --country Kazakhstan --source my-notes
    """  # fmt: skip


@add_app.command("place")
@runs(commands.add_place)
def add_place(
    ctx: typer.Context,
    id: IdOpt = None,
    from_: FromOpt = None,
    name: NameOpt = None,
    country: Annotated[
        Optional[str], typer.Option("--country", metavar="NAME", help="Its country (required).")
    ] = None,
    alias: AliasOpt = None,
    to: ToOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Add a place: a city or site that events and agreements name.

    \b
    Examples:
      azma add place --name Astana --country Kazakhstan --alias "Nur-Sultan"
    """  # fmt: skip


@add_app.command("trade")
@runs(commands.add_trade)
def add_trade(
    ctx: typer.Context,
    from_: FromOpt = None,
    year: Annotated[
        Optional[str], typer.Option("--year", metavar="YEAR", help="The year (required; or --period).")
    ] = None,
    period: Annotated[
        Optional[str], typer.Option("--period", metavar="DATE", help="Part of a year only: 2021-01/2021-05.")
    ] = None,
    reporter: Annotated[
        Optional[str],
        typer.Option("--reporter", metavar="NAME", help="Whose statistics (required; or unknown)."),
    ] = None,
    partner: Annotated[
        Optional[str],
        typer.Option(
            "--partner", metavar="NAME", help="The other country (default: the record's other one)."
        ),
    ] = None,
    imports: Annotated[
        Optional[str], typer.Option("--imports", metavar="N", help="The reporter's imports.")
    ] = None,
    exports: Annotated[
        Optional[str], typer.Option("--exports", metavar="N", help="The reporter's exports.")
    ] = None,
    turnover: Annotated[
        Optional[str],
        typer.Option("--turnover", metavar="N", help="Imports + exports (required unless both are given)."),
    ] = None,
    unit: Annotated[
        Optional[str], typer.Option("--unit", metavar="TEXT", help="thousand USD, million EUR… (required).")
    ] = None,
    source: SourceIdOpt = None,
    caveat: Annotated[
        Optional[list[str]],
        typer.Option("--caveat", metavar="TEXT", help="What to know before comparing (repeatable)."),
    ] = None,
    printed: Annotated[
        Optional[str], typer.Option("--printed", metavar="TEXT", help="The figures as printed.")
    ] = None,
    qualifier: Annotated[
        Optional[str],
        typer.Option(
            "--qualifier",
            metavar="WHAT",
            help="What the figures are: exact (default), approximate, at-most (a ceiling), at-least (a floor).",
            autocompletion=_complete_qualifier,
        ),
    ] = None,
    to: ToOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Add a trade row: one year's (or period's) imports, exports and turnover, as one side reports them.

    \b
    Examples:
      azma add trade --year 2024 --reporter Kazakhstan --imports 120.5 --exports 80 --unit "million USD" --source my-notes
    """  # fmt: skip


def _complete_own_ids(incomplete: str) -> list[str]:
    try:
        from azma._toml import loads
        from azma.load import choose_files, read_data_file
        from azma.own import TABLES, entry_id

        ids = []
        for path in choose_files().user:  # never a FIFO: completion must not wait
            tables = loads(read_data_file(path, pipes=False).decode("utf-8"))
            ids += [entry_id(t, e) for t in TABLES for e in tables.get(t, [])]
    except Exception:
        return []
    return [i for i in ids if i and i.startswith(incomplete)]


OwnRecordArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The id of a record of your own (a trade row's as 'azma show' takes it).",
        autocompletion=_complete_own_ids,
    ),
]


@app.command()
@runs(commands.edit)
def edit(ctx: typer.Context, record_id: OwnRecordArg) -> None:
    """Open your editor ($VISUAL, else $EDITOR, else vi) at a record of your own, then check it.

    vi, vim, nano, emacs and most terminal editors open at the record's line (+LINE); VS Code
    and its kin with --goto FILE:LINE. What was saved is validated with all the data: if it no
    longer validates, the problems are listed and, at a terminal, it is opened again; else the
    file is left as saved and azma exits 1. Bundled records are not changed: copy one into your
    own file with 'azma add KIND --from ID --id NEW-ID'.

    \b
    Examples:
      azma edit talks-in-astana-2026
      EDITOR="code" azma edit trade-2024-turkey
    """  # fmt: skip


@app.command()
@runs(commands.remove)
def remove(
    ctx: typer.Context,
    record_id: OwnRecordArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (needed outside a terminal).")] = False,
) -> None:
    """Take a record of your own out of its file, leaving the rest of the file as it was.

    At a terminal it shows the record and asks first; in a script give --yes. A record that
    other records name (an actor in an event, a source cited) is not removed: they are named.
    Bundled records are never changed.

    \b
    Examples:
      azma remove example-event
      azma remove example-source --yes
    """  # fmt: skip


@app.command()
@runs(commands.init)
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to write (made if needed).", file_okay=False)
    ],
    title: Annotated[
        Optional[str], typer.Option("--title", metavar="TEXT", help="The record's title.")
    ] = None,
    country: Annotated[
        Optional[list[str]],
        typer.Option("--country", metavar="NAME", help="A country it is about (repeatable)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the skeleton's files if they exist.")
    ] = False,
) -> None:
    """Start a record of your own (another pair of countries): a minimal, valid skeleton in DIR.

    It holds the record's title and countries (dataset.toml), a copy of the vocabulary, one source,
    one example event, a README of the schema and azma.toml, which says the folder is read without
    the bundled record. Read it with --data DIR; 'azma add … --data DIR' adds to it.

    \b
    Examples:
      azma init ~/records/kz-tr --country Kazakhstan --country Turkey
      azma --data ~/records/kz-tr timeline
    """  # fmt: skip


def main() -> None:
    """Run the Typer application (the fast path's fallback; see azma.__main__)."""
    try:  # help and usage text in any output encoding (Latin-1, ASCII): escaped, never a traceback
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    try:
        app(prog_name="azma")
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
