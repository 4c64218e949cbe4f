"""The Python API that reads like the command line: one function per command, view models out.

    import azma

    for entry in azma.timeline(since="2018", field="defence"):
        print(entry.date, entry.title)
    print(azma.render(azma.views.agreements(azma.agreements(kind="protocol")), "csv"))
    page = azma.export("html", since="2024", lang="fr")

Each function takes the filters its command takes, by the command line's names (`since`,
`until`, `window`, `field`, `kind`, `actor`, `place`, `text`, `limit`, `reverse`; ids or
aliases, a single value or a list), `lang` (en, fr, ar, az, ru: English unless given; AZMA_LANG
is the command line's and is not read here) and an optional `data` (a Dataset from
`azma.load`; by default the files the command line reads: the bundled record, your folder and
AZMA_DATA, as AZMA_DATA_HOME and AZMA_NO_BUNDLED say). Each checks and selects through the same
function as its command (`azma.query.answers`). At the entry (`_entry`): an argument of the wrong
type raises TypeError naming the keyword and the type it takes; a bad value raises
`azma.UsageError`, worded with the keyword (`since=`, where the command line says `--since`);
bad data raises `azma.DataError`. The lower-level pieces (`make_filters`, `select_timeline`…)
stay beside these.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from functools import wraps
from typing import TYPE_CHECKING, TypedDict

from azma.query.filters import FilterOptions

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, ParamSpec, TypeVar

    from typing_extensions import Unpack

    from azma import l10n
    from azma.formats.listing import Listing
    from azma.model import Agreement, Dataset
    from azma.query.anniversaries import Anniversary, Recalled
    from azma.query.network import Network
    from azma.query.records import Counted, DisputeItem, RecordView, SearchHit
    from azma.query.stats import Stats
    from azma.query.timeline import TimelineEntry, TradeFigure

    P = ParamSpec("P")
    R = TypeVar("R")


class Filtering(TypedDict, total=False):
    """The filter keywords, as `FilterOptions` has them (a test keeps the two in step); `field`
    and `kind` also take one value alone."""

    since: str | Sequence[str] | None
    until: str | Sequence[str] | None
    window: str | Sequence[str] | None
    field: str | Sequence[str]
    kind: str | Sequence[str]
    actor: str | Sequence[str] | None
    place: str | Sequence[str] | None
    text: str | Sequence[str] | None
    limit: int | Sequence[int] | None
    reverse: bool


# ----------------------------------------------------------------------------- the entry


def _texts(value: object) -> bool:
    return value is None or isinstance(value, str) or _sequence_of(value, str)


def _ints(value: object) -> bool:
    return value is None or _int(value) or _sequence_of(value, int)


def _int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sequence_of(value: object, kind: type) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, (str, bytes))
        and all(isinstance(v, kind) and not isinstance(v, bool) for v in value)
    )


def _dataset(value: object) -> bool:
    from azma.model import Dataset

    return value is None or isinstance(value, Dataset)


def _listing(value: object) -> bool:
    from azma.formats.listing import Listing

    return isinstance(value, Listing)


_TEXTS = ("a str or a list of str", _texts)
_INTS = ("an int or a list of int", _ints)
_BOOL = ("True or False", lambda v: isinstance(v, bool))
_TEXT_OR_NONE = ("a str or None", lambda v: v is None or isinstance(v, str))
_INT_OR_NONE = ("an int or None", lambda v: v is None or _int(v))

# Every keyword of the API, with the types it takes: one table, so a keyword takes the same types
# in every function (the filters take what FilterOptions does).
_TAKES: dict[str, tuple[str, Callable[[object], bool]]] = {
    "since": _TEXTS, "until": _TEXTS, "window": _TEXTS, "field": _TEXTS, "kind": _TEXTS,
    "actor": _TEXTS, "place": _TEXTS, "text": _TEXTS, "limit": _INTS, "reverse": _BOOL,
    "about": _TEXTS, "query": _TEXTS, "record_id": _TEXTS, "by": _TEXT_OR_NONE, "per": _TEXT_OR_NONE,
    "day": _TEXT_OR_NONE, "group": _TEXT_OR_NONE, "top": _INT_OR_NONE, "year": _INT_OR_NONE,
    "every": ("an int", _int), "width": ("an int", _int), "all": _BOOL, "neighbour_ties": _BOOL,
    "include_imprecise": _BOOL, "color": _BOOL, "cache": _BOOL,
    "bundled": ("True, False or None", lambda v: v is None or isinstance(v, bool)),
    "format": ("a str", lambda v: isinstance(v, str)), "lang": ("a str", lambda v: isinstance(v, str)),
    "today": ("a datetime.date or None", lambda v: v is None or isinstance(v, date)),
    "data": ("a Dataset (from azma.load()) or None", _dataset),
    "listing": ("a Listing (from azma.views)", _listing),
    "files": ("a list of paths (str or os.PathLike)", lambda v: isinstance(v, tuple) and all(isinstance(f, (str, os.PathLike)) for f in v)),
}  # fmt: skip


def _check(function: str, name: str, value: object) -> None:
    """TypeError naming the keyword and the types it takes, for a value of another type."""
    takes, accepts = _TAKES[name]
    if accepts(value):
        return
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    raise TypeError(f"{function}: {name}= takes {takes}, not {type(value).__name__} ({shown})")


def _entry(function: Callable[P, R]) -> Callable[P, R]:
    """An API function's way in: each argument's type checked (TypeError naming its keyword),
    `lang=` spoken for the call and the language before restored after it, and a UsageError
    worded as Python is called (`since=`, not `--since`)."""
    import inspect

    signature = inspect.signature(function)
    called = f"azma.{function.__name__}()"

    @wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        from azma.errors import AzmaError, as_keyword

        bound = signature.bind(*args, **kwargs)  # TypeError for a missing or extra argument
        for name, value in bound.arguments.items():
            if name == "options":
                for key, given in value.items():
                    if key not in Filtering.__annotations__:
                        from azma.errors import did_you_mean

                        near = did_you_mean(key, list(Filtering.__annotations__))
                        raise TypeError(
                            f"{called} got an unexpected keyword argument '{key}'"
                            + (f" ({near})" if near else "")
                        )
                    _check(called, key, given)
            else:
                _check(called, name, value)
        try:
            with _speaking(bound.arguments.get("lang", "en")):
                return function(*args, **kwargs)
        except AzmaError as exc:
            raise exc.worded(as_keyword).with_traceback(exc.__traceback__) from None

    return call


def _speaking(lang: str) -> l10n.speaking:
    """The language `lang=` names (as --lang takes it: fr, fr_MA; AZMA_LANG is not read), spoken
    inside a `with` block; the records found with no translation in it shown as English."""
    from azma import l10n

    code = l10n.choose(lang)
    return l10n.speaking(code, _UNTRANSLATED.get(code, frozenset()))


def _untranslated() -> None:
    """Before drawing a listing in a language no call has read the record in yet: which of the
    record's own records have no translation in it (their rows say `"lang": "en"`)."""
    from azma import l10n

    if l10n.current() != "en" and l10n.current() not in _UNTRANSLATED:
        _localize(load(), l10n.current())


# ----------------------------------------------------------------------------- the data


@_entry
def load(*files: str | os.PathLike[str], cache: bool = True, bundled: bool | None = None) -> Dataset:
    """The record the command line reads, plus the TOML files (or folders) named: the bundled
    data (unless `bundled=False` or AZMA_NO_BUNDLED), every *.toml in your folder
    (AZMA_DATA_HOME, default ~/.local/share/azma), AZMA_DATA, then `files`; validated, through
    the parse cache unless `cache=False` (the bundled record a wheel ships, checked against the
    bundled files' bytes, serves either way). Raises `azma.DataError` listing every problem. The
    record is in English; the functions' `lang=` gives it in another language."""
    from azma.load import bundled_files, choose_files, load_files

    chosen = choose_files(files, no_bundled=bundled is False)
    if bundled and not chosen.bundled:  # bundled=True wins over AZMA_NO_BUNDLED
        chosen = chosen._replace(bundled=bundled_files())
    return load_files(chosen.all, use_cache=cache)


# The records without a translation, by language, as the calls in it found them: render(lang=)
# says those rows are in English ("lang": "en"), as the call that selected them did.
_UNTRANSLATED: dict[str, frozenset[str]] = {}


def _localize(english: Dataset, lang: str) -> Dataset:
    """The record in `lang` (the language spoken), as the command line's --lang gives it."""
    from azma import l10n
    from azma.l10n.catalogue import load as catalogue
    from azma.l10n.catalogue import localize

    dataset, untranslated = localize(english, catalogue(lang))
    _UNTRANSLATED[lang] = _UNTRANSLATED.get(lang, frozenset()) | untranslated
    if l10n.current() == lang:
        l10n.set_fallback(untranslated)
    return dataset


class _Read:
    """The data an API call reads (a `Reader` of `azma.query.answers`): the Dataset given, else
    what `load()` reads, loaded on first use (a bad option is refused before any file is read);
    in the call's language."""

    def __init__(self, data: Dataset | None) -> None:
        self._english = data
        self._dataset: Dataset | None = None

    def english(self) -> Dataset:
        if self._english is None:
            self._english = load()
        return self._english

    def dataset(self) -> Dataset:
        if self._dataset is None:
            from azma import l10n

            english = self.english()
            self._dataset = english if l10n.current() == "en" else _localize(english, l10n.current())
        return self._dataset


def _options(options: Filtering) -> FilterOptions:
    return FilterOptions(**options)


# ----------------------------------------------------------------------------- one function a command


@_entry
def timeline(
    data: Dataset | None = None, *, lang: str = "en", **options: Unpack[Filtering]
) -> list[TimelineEntry]:
    """What `azma timeline` lists: dated happenings in date order, milestones included."""
    from azma.query import answers

    return answers.timeline(_Read(data), _options(options))[0]


@_entry
def agreements(
    data: Dataset | None = None, *, lang: str = "en", **options: Unpack[Filtering]
) -> list[Agreement]:
    """What `azma agreements` lists (`kind` means an agreement kind here)."""
    from azma.query import answers

    return answers.agreements(_Read(data), _options(options))[0]


@_entry
def disputes(
    data: Dataset | None = None,
    *,
    about: str | Sequence[str] = (),
    lang: str = "en",
    **options: Unpack[Filtering],
) -> list[DisputeItem]:
    """What `azma disputes` lists: every point the sources disagree on (about TOPIC, if given)."""
    from azma.query import answers

    return answers.disputes(_Read(data), _options(options), about)[0]


@_entry
def trade(
    data: Dataset | None = None, *, lang: str = "en", **options: Unpack[Filtering]
) -> list[TradeFigure]:
    """What `azma trade` lists: the trade figures by year (dates, limit and reverse apply)."""
    from azma.query import answers

    return answers.trade(_Read(data), _options(options))[0]


@_entry
def search(
    query: str | Sequence[str], data: Dataset | None = None, *, lang: str = "en", **options: Unpack[Filtering]
) -> list[SearchHit]:
    """What `azma search WORDS` finds among every kind of record (case and accents ignored),
    in any language whatever `lang` is: every language's titles, summaries and names and the
    glossary's forms of a term are searched (`azma.search("Бурита")`,
    `azma.search("commission mixte")`). Several words (a list) are one text, as on the command line."""
    from azma.query import answers

    return answers.search(_Read(data), query, _options(options))


@_entry
def stats(
    data: Dataset | None = None,
    *,
    by: str | None = None,
    per: str | None = None,
    lang: str = "en",
    **options: Unpack[Filtering],
) -> Stats:
    """What `azma stats` counts: the timeline's records by period and by field, kind, actor…"""
    from azma.query import answers

    return answers.stats(_Read(data), _options(options), by, per)


@_entry
def network(
    data: Dataset | None = None,
    *,
    top: int | None = None,
    all: bool = False,
    neighbour_ties: bool = False,
    lang: str = "en",
    **options: Unpack[Filtering],
) -> Network:
    """What `azma network` draws: who appears with whom, the 30 most connected actors (`top=N`
    for N, `all=True` for every one); with `actor`, the ego network of the actors it matches."""
    from azma.query import answers

    return answers.network(_Read(data), _options(options), top, all, neighbour_ties)


@_entry
def show(record_id: str | Sequence[str], data: Dataset | None = None, *, lang: str = "en") -> RecordView:
    """What `azma show ID` prints: the record an id, a unique beginning of one, a name or a
    title's first words name, with its sources and linked records."""
    from azma.query import answers

    return answers.show(_Read(data), record_id)


@_entry
def sources(data: Dataset | None = None, *, lang: str = "en") -> list[Counted]:
    """What `azma sources` lists: each source with how often it is cited."""
    from azma.query.records import sources_in_use

    return sources_in_use(_Read(data).dataset())


@_entry
def fields(data: Dataset | None = None, *, lang: str = "en") -> list[Counted]:
    """What `azma fields` lists: each field with how many records use it."""
    from azma.query.records import fields_in_use

    return fields_in_use(_Read(data).dataset())


@_entry
def actors(
    data: Dataset | None = None,
    *,
    text: str | Sequence[str] | None = None,
    limit: int | None = None,
    lang: str = "en",
) -> list[Counted]:
    """What `azma actors` lists: people and institutions (whose name, alias or role has `text`)."""
    from azma.query import answers

    return answers.actors(_Read(data), FilterOptions(text=text, limit=limit))


@_entry
def on_this_day(
    day: str | None = None,
    data: Dataset | None = None,
    *,
    today: date | None = None,
    field: str | Sequence[str] = (),
    limit: int | None = None,
    lang: str = "en",
) -> list[Recalled]:
    """What `azma on-this-day [DATE]` lists: records on that day of the year, in any year."""
    from azma.query import answers

    options = FilterOptions(field=field, limit=limit)
    return answers.on_this_day(_Read(data), options, day, today or date.today())[0]


@_entry
def anniversaries(
    year: int | None = None,
    data: Dataset | None = None,
    *,
    every: int = 5,
    field: str | Sequence[str] = (),
    limit: int | None = None,
    today: date | None = None,
    lang: str = "en",
) -> list[Anniversary]:
    """What `azma anniversaries` lists: round anniversaries (multiples of `every` years) in
    `year` (default: this year, `today`'s)."""
    from azma.query import answers

    options = FilterOptions(field=field, limit=limit)
    return answers.anniversaries(_Read(data), options, year, every, today or date.today())[0]


@_entry
def export(
    format: str,
    data: Dataset | None = None,
    *,
    include_imprecise: bool = False,
    group: str | None = None,
    today: date | None = None,
    lang: str = "en",
    **options: Unpack[Filtering],
) -> str:
    """What `azma export FORMAT` writes (ics, timelinejs, markdown, html), as text: the timeline,
    agreements and trade chosen by the filters (`limit` and `reverse` do not apply), in `lang`;
    `group` (timelinejs: field, kind or none) as `--group`. `today` is the date an html page
    states (default: the clock's). Raises `azma.NotFoundError` where the command exits 1: a
    calendar or TimelineJS with no record in it."""
    from azma.query import answers

    fmt, how = answers.export_format(format, include_imprecise, group, today)
    return answers.export(_Read(data), fmt, _options(options), how)[0]


@_entry
def render(
    listing: Listing, format: str = "json", *, width: int = 100, color: bool = False, lang: str = "en"
) -> str:
    """A listing (from `azma.views`) drawn in a listing format (json, jsonl, csv, tsv, plain,
    markdown, table), as text. With `lang`, as `--lang` draws it: headers, labels, dates in
    words and numbers in the language in people's formats (json, jsonl, csv and tsv keep their
    keys, ids and vocabulary ids in every language)."""
    from azma import formats, l10n
    from azma.terminal import Terminal

    fmt = formats.find(format, "listing")
    _untranslated()
    if l10n.current() != "en" and fmt.name not in formats.MACHINE:
        from azma.l10n.render import localize_listing

        listing = localize_listing(listing)
    drawn = fmt.load()(listing, Terminal(width=width, color=color))
    return drawn if isinstance(drawn, str) else "".join(drawn)  # json comes in chunks


class _Views:
    """`azma.views`: the listings of `azma.formats.views`, each taking `lang=` too, for what a
    listing says itself in a language (labels, captions, notes, each JSON row's `lang`):
    `azma.views.fields(azma.fields(lang="fr"), lang="fr")`."""

    def __getattr__(self, name: str) -> Any:
        from inspect import isfunction

        from azma.formats import views

        found = getattr(views, name)
        if name.startswith("_") or not isfunction(found):
            return found

        @wraps(found)
        def in_language(*args: Any, lang: str = "en", **kwargs: Any) -> Any:
            from azma.errors import AzmaError, as_keyword

            _check(f"azma.views.{name}()", "lang", lang)
            try:
                with _speaking(lang):
                    _untranslated()
                    return found(*args, **kwargs)
            except AzmaError as exc:
                raise exc.worded(as_keyword).with_traceback(exc.__traceback__) from None

        return in_language


views = _Views()
