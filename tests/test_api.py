"""The Python API (`import azma`): one function per command, reading what the command line reads.

Each high-level function is compared with the command it mirrors (same ids, same order), so the
API and the CLI cannot drift apart; `azma.load` is checked to stay callable, typed and aware of
AZMA_DATA_HOME and AZMA_NO_BUNDLED.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

import azma
import azma.api
from azma.query.filters import FilterOptions

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    from azma import l10n

    l10n.use("en")  # CliRunner runs in this process: leave the next test in English


TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
NOTES = FIXTURES / "user" / "notes.toml"


def cli_ids(cli: Run, *args: str, key: str = "id") -> list[object]:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [row[key] for row in json.loads(result.stdout)]


def test_load_can_be_called_again_after_its_package_is_imported() -> None:
    """`azma.load` is the package azma.load and the API's function: importing the package (as
    any query does) no longer turns the function into a module that cannot be called."""
    code = (
        "import azma, azma.load.build\n"
        "first = azma.load(cache=False)\n"
        "from azma import load\n"
        "second = load(cache=False)\n"
        "import azma.load\n"
        "third = azma.load(cache=False)\n"
        "print(len(first.events), len(second.events), len(third.events), callable(azma.load),\n"
        "      azma.load.load_dataset is not None)\n"
    )
    env = {**os.environ, "AZMA_NO_CACHE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    counts = out.stdout.split()
    assert counts[0] == counts[1] == counts[2] and int(counts[0]) > 0
    assert counts[3:] == ["True", "True"]


def test_load_reads_the_files_the_command_line_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Your folder (AZMA_DATA_HOME), AZMA_DATA and AZMA_NO_BUNDLED count for azma.load() as for azma."""
    from azma.skeleton import write_skeleton

    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.toml").write_bytes(NOTES.read_bytes())
    monkeypatch.setenv("AZMA_DATA_HOME", str(home))
    with_notes = azma.load(cache=False)
    bundled_only = azma.load.load_dataset(use_cache=False)
    assert len(with_notes.events) > len(bundled_only.events)
    own = tmp_path / "own"
    write_skeleton(own, title="Two other countries", countries=["Kazakhstan", "Turkey"], force=False)
    monkeypatch.setenv("AZMA_DATA_HOME", str(own))
    monkeypatch.setenv("AZMA_NO_BUNDLED", "1")
    alone = azma.load(cache=False)
    assert alone.info.countries == ("Kazakhstan", "Turkey")
    assert not {e.id for e in alone.events} & {e.id for e in bundled_only.events}
    monkeypatch.setenv("AZMA_DATA", str(NOTES))
    monkeypatch.setenv("AZMA_DATA_HOME", str(tmp_path / "nothing here"))
    both = azma.load(cache=False, bundled=True)  # bundled=True wins over AZMA_NO_BUNDLED
    assert {e.id for e in both.events} == {e.id for e in with_notes.events}


def test_load_names_files_and_folders_as_data_does(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.toml").write_bytes(NOTES.read_bytes())
    by_file = azma.load(str(NOTES), cache=False)
    by_folder = azma.load(str(folder), cache=False)
    assert [e.id for e in by_file.events] == [e.id for e in by_folder.events]


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (lambda: azma.timeline(), ["timeline"]),
        (lambda: azma.timeline(since="2019", reverse=True), ["timeline", "--since", "2019", "--reverse"]),
        (lambda: azma.timeline(field="defense"), ["timeline", "--field", "defense"]),  # an alias
        (lambda: azma.timeline(field=["culture", "economic"], limit=2),
         ["timeline", "--field", "culture", "--field", "economic", "--limit", "2"]),
        (lambda: azma.timeline(place="Morocco"), ["timeline", "--place", "Morocco"]),
        (lambda: azma.timeline(actor="Ana Ekzampl"), ["timeline", "--actor", "Ana Ekzampl"]),
        (lambda: azma.agreements(), ["agreements"]),
        (lambda: azma.agreements(kind="protocol"), ["agreements", "--kind", "protocol"]),
        (lambda: azma.search("Rabat"), ["search", "Rabat"]),
        (lambda: azma.actors(text="minist"), ["actors", "--text", "minist"]),
        (lambda: azma.sources(), ["sources"]),
        (lambda: azma.fields(), ["fields"]),
    ],
)  # fmt: skip
def test_each_function_answers_as_its_command(
    cli: Run, call: Callable[[], list[object]], args: list[str]
) -> None:
    got = call()
    assert got  # every case here answers with something
    ids = []
    for item in got:
        record = getattr(item, "record", item)
        ids.append(record.id)
    assert ids == cli_ids(cli, *args)


# The same arguments to the command and to the function (both call azma.query.answers): the same
# records, in the same order. The searches are in other languages than the answer's: a French
# title, the glossary's Arabic, Russian and Azerbaijani forms of "joint commission".
SAME_ANSWERS = [
    (lambda: azma.search("deuxième fois"), ["search", "deuxième", "fois"]),
    (lambda: azma.search("اللجنة المشتركة"), ["search", "اللجنة المشتركة"]),
    (lambda: azma.search(["межправительственная", "комиссия"]), ["search", "межправительственная комиссия"]),
    (lambda: azma.search("birgə komissiya", since="2020"), ["search", "birgə komissiya", "--since", "2020"]),
    (lambda: azma.search("Marrakech"), ["search", "Marrakech"]),  # a place's French name
    (lambda: azma.actors(text=["minist", "embassy"], limit=1),
     ["actors", "--text", "minist", "--text", "embassy", "--limit", "1"]),
    (lambda: azma.on_this_day("03-05"), ["on-this-day", "03-05"]),
    (lambda: azma.on_this_day("14 November 2025", field="diplomacy"),
     ["on-this-day", "14 November 2025", "--field", "diplomacy"]),
    (lambda: azma.timeline(text=["forum", "talks"], since="2018", window="possible", reverse=True),
     ["timeline", "--text", "forum", "--text", "talks", "--since", "2018", "--window", "possible", "--reverse"]),
    (lambda: azma.anniversaries(2028, every=10), ["anniversaries", "--year", "2028", "--every", "10"]),
]  # fmt: skip


def _ids(items: list[object]) -> list[object]:
    ids = []
    for item in items:
        record = getattr(item, "record", None) or getattr(item, "entry", item)
        ids.append(record.id)
    return ids


@pytest.mark.parametrize(("call", "args"), SAME_ANSWERS)
def test_the_function_and_the_command_give_the_same_records(
    cli: Run, call: Callable[[], list[object]], args: list[str]
) -> None:
    got = _ids(call())
    assert got  # each case finds something: an empty answer would prove nothing
    assert got == cli_ids(cli, *args)


def test_search_finds_in_every_language_as_the_command_does(cli: Run) -> None:
    """The review's case: the API searched only the English text; now the translations' titles
    and the glossary's forms count for both (the French title is only in the catalogue)."""
    hit = azma.search("deuxième fois")[0]
    assert (hit.record.id, hit.matched_in) == ("commission-2023", ("title (fr)",))
    assert cli_ids(cli, "search", "deuxième fois", key="matched_in") == [["title (fr)"]]


@pytest.mark.parametrize("words", ["Бурита", "بوريطة", "Bayramov Burita"])
def test_search_in_russian_and_arabic_names_finds_on_the_record_as_the_command_does(
    cli: Run, real_data: Path, words: str
) -> None:
    """On the bundled record: Bourita as the Russian and Arabic catalogues write his name."""
    found = [hit.record.id for hit in azma.search(words.split())]
    assert len(found) >= (5 if " " not in words else 1)
    assert found == cli_ids(cli, "search", *words.split())


def test_show_finds_a_record_by_what_people_type_as_the_command_does(cli: Run) -> None:
    """Before, the API's show took an exact id only; now a name or a title's first words too."""
    for typed, expected in ((["Marrakech"], "marrakesh"), (["Joint", "commission"], "commission-2023")):
        assert azma.show(typed).record.id == expected
        assert json.loads(cli("show", *typed, "--format", "json").stdout)["id"] == expected
    assert azma.show("Joint commission").record.id == "commission-2023"


def test_network_checks_are_the_command_s(cli: Run) -> None:
    graph = azma.network(top=2)
    cli_graph = json.loads(cli("network", "--top", "2", "--format", "json").stdout)
    assert json.loads(azma.render(azma.views.network_pairs(graph), "json")) == cli_graph
    for kwargs, args in (({"top": 0}, ["--top", "0"]), ({"neighbour_ties": True}, ["--neighbour-ties"]),
                         ({"top": 3, "all": True}, ["--top", "3", "--all"])):  # fmt: skip
        with pytest.raises(azma.UsageError):
            azma.network(**kwargs)  # type: ignore[arg-type]
        assert cli("network", *args).exit_code == 2


def test_export_refuses_an_empty_calendar_as_the_command_does(cli: Run) -> None:
    with pytest.raises(azma.NotFoundError, match="no record to export"):
        azma.export("ics", since="2099")
    assert cli("export", "ics", "--since", "2099").exit_code == 1
    grouped = azma.export("timelinejs", group="field")
    assert grouped == cli("export", "timelinejs", "--group", "field").stdout
    with pytest.raises(azma.UsageError, match="timelinejs only"):
        azma.export("markdown", group="field")


def test_trade_disputes_and_anniversaries_answer_as_their_commands(cli: Run) -> None:
    assert [f.row.year for f in azma.trade(since="2020")] == cli_ids(
        cli, "trade", "--since", "2020", key="year"
    )
    assert [d.record.id for d in azma.disputes()] == cli_ids(cli, "disputes")
    assert [a.entry.id for a in azma.anniversaries(2028)] == cli_ids(cli, "anniversaries", "--year", "2028")


def test_stats_and_network_return_their_view_models(cli: Run) -> None:
    counted = azma.stats(by="field")
    rendered = json.loads(azma.render(azma.views.stats(counted), "json"))
    assert rendered == json.loads(cli("stats", "--by", "field", "--format", "json").stdout)
    graph = azma.network()
    pairs = json.loads(azma.render(azma.views.network_pairs(graph), "json"))
    assert pairs == json.loads(cli("network", "--format", "json").stdout)


def test_show_returns_what_show_prints(cli: Run) -> None:
    view = azma.show("commission-2023")
    assert view.record.id == "commission-2023"
    shown = json.loads(cli("show", "commission-2023", "--format", "json").stdout)
    assert shown["id"] == view.record.id


def test_export_writes_what_the_command_writes(cli: Run) -> None:
    for fmt in ("markdown", "timelinejs"):
        assert azma.export(fmt, field="culture") == cli("export", fmt, "--field", "culture").stdout
    with pytest.raises(azma.UsageError, match="unknown export format"):
        azma.export("pdf")
    with pytest.raises(azma.UsageError, match="ics only"):
        azma.export("markdown", include_imprecise=True)


def test_bad_values_raise_usage_errors_naming_them() -> None:
    with pytest.raises(azma.UsageError, match="unknown field 'defens'") as caught:
        azma.timeline(field="defens")
    assert "defence" in (caught.value.hint or "")
    with pytest.raises(azma.UsageError, match="^since=: .not a date. has no four-digit year"):
        azma.agreements(since="not a date")


# ----------------------------------------------------------------------------- errors, types, lang

# The same mistake through the command line and through Python: one error, worded by each front
# end (the command line's message is unchanged: goldens and the tests of each option check it).
SAME_MISTAKES = [
    (lambda: azma.timeline(since=["2018", "2019"]), ["timeline", "--since", "2018", "--since", "2019"],
     "--since was given 2 times ('2018', '2019'); it takes one value "
     "(give --since once; a window is one --since and one --until)",
     "since= was given 2 times ('2018', '2019'); it takes one value "
     "(give since= once; a window is one since= and one until=)"),
    (lambda: azma.timeline(since="2020", until="2019"), ["timeline", "--since", "2020", "--until", "2019"],
     "--since 2020 is after --until 2019 (swap them, or widen the window)",
     "since='2020' is after until='2019' (swap them, or widen the window)"),
    (lambda: azma.network(neighbour_ties=True), ["network", "--neighbour-ties"],
     "--neighbour-ties needs --actor (azma network --actor NAME --neighbour-ties)",
     "neighbour_ties= needs actor= (azma.network(actor='NAME', neighbour_ties=True))"),
    (lambda: azma.network(top=0), ["network", "--top", "0"],
     "--top must be 1 or more, not 0 (--all keeps every actor)", "top= must be 1 or more, not 0 (all= keeps every actor)"),
    (lambda: azma.stats(by="month", per="year"), ["stats", "--by", "month", "--per", "year"],
     "--by month cannot be counted --per year (use --by year, or --by field|kind|actor|place|source --per year)",
     "by='month' cannot be counted per='year' "
     "(use by='year', or by='field|kind|actor|place|source' per='year')"),
    (lambda: azma.on_this_day("2018"), ["on-this-day", "2018"],
     "DATE: '2018' is a year, not a day", "day=: '2018' is a year, not a day"),
    (lambda: azma.anniversaries(0), ["anniversaries", "--year", "0"],
     "--year must be between 1 and 9999, not 0", "year= must be between 1 and 9999, not 0"),
    (lambda: azma.export("markdown", group="field"), ["export", "markdown", "--group", "field"],
     "--group applies to timelinejs only", "group= applies to timelinejs only"),
    (lambda: azma.timeline(window="sure"), ["timeline", "--window", "sure"],
     "--window: unknown rule 'sure'", "window=: unknown rule 'sure'"),
    (lambda: azma.timeline(lang="de"), ["--lang", "de", "timeline"],
     "--lang: unknown language 'de'", "lang=: unknown language 'de'"),
    (lambda: azma.timeline(actor="{nobody}"), ["timeline", "--actor", "{nobody}"],
     "--actor: no actor matches '{nobody}' (see 'azma actors')",
     "actor=: no actor matches '{nobody}' (see 'azma.actors()')"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "args", "on_the_command_line", "in_python"), SAME_MISTAKES)
def test_an_error_names_the_option_on_the_command_line_and_the_keyword_in_python(
    cli: Run, call: Callable[[], object], args: list[str], on_the_command_line: str, in_python: str
) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"azma: {on_the_command_line}")
    with pytest.raises(azma.UsageError) as caught:
        call()
    assert str(caught.value).startswith(in_python)
    assert "--" not in caught.value.message


def test_the_error_carries_the_parameters_it_names() -> None:
    with pytest.raises(azma.UsageError) as caught:
        azma.agreements(until=["2019", "2020"])
    assert caught.value.params[0] == "until"
    assert caught.value.hint is not None and "until=" in caught.value.hint


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: azma.timeline(limit="3"), "azma.timeline(): limit= takes an int or a list of int, not str ('3')"),
        (lambda: azma.search(["a", "b", 3]), "azma.search(): query= takes a str or a list of str, not list"),
        (lambda: azma.search(b"Rabat"), "azma.search(): query= takes a str or a list of str, not bytes"),
        (lambda: azma.timeline(limit=True), "limit= takes an int or a list of int, not bool"),
        (lambda: azma.timeline(reverse="yes"), "reverse= takes True or False, not str"),
        (lambda: azma.timeline("2018"), "data= takes a Dataset (from azma.load()) or None, not str"),
        (lambda: azma.network(top="5"), "top= takes an int or None, not str"),
        (lambda: azma.on_this_day(today="2024-03-05"), "today= takes a datetime.date or None, not str"),
        (lambda: azma.render([], "json"), "listing= takes a Listing (from azma.views), not list"),
        (lambda: azma.timeline(lang=None), "lang= takes a str, not NoneType"),
        (lambda: azma.timeline(sinse="2018"), "got an unexpected keyword argument 'sinse' (did you mean 'since'?)"),
    ],
)  # fmt: skip
def test_a_wrong_type_is_a_type_error_naming_the_keyword(call: Callable[[], object], words: str) -> None:
    """Checked at the entry, before any data is read: not a bare TypeError from deep inside."""
    with pytest.raises(TypeError) as caught:
        call()
    assert words in str(caught.value)
    assert not isinstance(caught.value, azma.AzmaError)


def test_lang_gives_the_record_in_a_language_as_the_command_does(cli: Run) -> None:
    french = azma.timeline(lang="fr")
    assert [e.title for e in french] == cli_ids(cli, "--lang", "fr", "timeline", key="title")
    assert "Première visite officielle" in {e.title for e in french}
    assert "First official visit" in {e.title for e in azma.timeline()}  # English unless lang= is given
    assert azma.timeline(lang="fr_MA") == french  # a region, as --lang takes it
    assert [h.record.id for h in azma.search("Joint commission", lang="fr")] == ["commission-2023"]


def test_lang_does_not_follow_azma_lang_and_leaves_no_language_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from azma import l10n

    monkeypatch.setenv("AZMA_LANG", "fr")
    l10n.use("ru")  # as a command line run in this process leaves it
    assert "First official visit" in {e.title for e in azma.timeline()}  # neither is read
    azma.timeline(lang="fr")
    assert l10n.current() == "ru"  # the call's language was the call's only


@pytest.mark.parametrize("fmt", ["json", "plain", "markdown"])
def test_render_and_views_in_a_language_draw_what_the_command_prints(cli: Run, fmt: str) -> None:
    for command, select in (("fields", azma.fields), ("timeline", azma.timeline)):
        listing = getattr(azma.views, command)(select(lang="fr"), lang="fr")
        drawn = azma.render(listing, fmt, lang="fr", width=100)
        assert drawn == cli("--lang", "fr", command, "--format", fmt).stdout, command
    english = azma.render(azma.views.fields(azma.fields()), "json")
    assert '"label": "diplomacy"' in english and '"label": "diplomatie"' not in english


def test_export_in_a_language_is_the_command_s(cli: Run) -> None:
    assert azma.export("markdown", lang="ar") == cli("--lang", "ar", "export", "markdown").stdout
    page = azma.export("html", lang="ar", today=None)
    assert '<html lang="ar" dir="rtl">' in page


def test_the_functions_take_every_filter_their_command_takes() -> None:
    """The filter keywords are those of FilterOptions, one list: adding a filter reaches the API."""
    assert tuple(azma.Filtering.__annotations__) == FilterOptions._fields
    for name in ("timeline", "agreements", "disputes", "trade", "search", "stats", "network", "export"):
        kinds = {p.kind for p in inspect.signature(getattr(azma, name)).parameters.values()}
        assert inspect.Parameter.VAR_KEYWORD in kinds, name


def test_the_data_given_is_the_data_read(load: Callable[..., azma.Dataset]) -> None:
    data = load(NOTES)
    assert {e.id for e in azma.timeline(data)} > {e.id for e in azma.timeline()}


def test_the_package_is_typed() -> None:
    assert (Path(azma.__file__).parent / "py.typed").is_file()
    hints = inspect.signature(azma.render).parameters["listing"].annotation
    assert hints == "Listing"


def test_every_public_name_resolves() -> None:
    for name in azma.__all__:
        assert getattr(azma, name) is not None, name
