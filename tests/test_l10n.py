"""--lang and AZMA_LANG: the record's text, the program's words, dates and numbers in a language;
ids, keys and vocabulary ids unchanged; search in every language (fixture catalogue:
tests/fixtures/bundled/l10n/fr/records.toml)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from azma import l10n


@pytest.fixture(autouse=True)
def english_after() -> Any:
    yield
    l10n.use("en")  # CliRunner runs in this process: leave the next test in English


def test_json_carries_the_language_s_text_in_the_same_keys(cli: Any) -> None:
    english = json.loads(cli("timeline", "--format", "json").stdout)
    french = json.loads(cli("--lang", "fr", "timeline", "--format", "json").stdout)
    assert [list(r) for r in french] == [list(r) for r in english]  # same keys, same order
    assert [r["id"] for r in french] == [r["id"] for r in english]
    by_id = {r["id"]: r for r in french}
    assert by_id["commission-2023"]["title"] == "La commission mixte se réunit pour la deuxième fois"
    assert by_id["commission-2023"]["summary"] == "La commission a passé en revue des projets économiques."
    assert by_id["commission-2023"]["lang"] == "fr"
    assert by_id["first-visit"]["kind"] == "visit"  # vocabulary ids never change
    assert by_id["first-visit"]["fields"] == ["diplomacy"]
    assert by_id["culture-days"]["lang"] == "en"  # no French text: shown in English, and says so
    assert {r["lang"] for r in english} == {"en"}


def test_the_option_after_the_command_and_the_environment_variable(cli: Any) -> None:
    after = json.loads(cli("timeline", "--lang", "fr", "--format", "json").stdout)
    env = json.loads(cli("timeline", "--format", "json", env={"AZMA_LANG": "fr"}).stdout)
    assert after == env
    assert {r["title"] for r in env} >= {"Première visite officielle"}
    given = json.loads(cli("timeline", "--lang", "en", "--format", "json", env={"AZMA_LANG": "fr"}).stdout)
    assert "Première visite officielle" not in {r["title"] for r in given}  # --lang wins


@pytest.mark.parametrize("args, env", [(["--lang", "de"], {}), ([], {"AZMA_LANG": "klingon"})])
def test_an_unknown_language_is_a_usage_error_listing_the_codes(
    cli: Any, args: list[str], env: dict[str, str]
) -> None:
    result = cli(*args, "timeline", env=env)
    assert result.exit_code == 2
    assert result.stdout == ""
    line = result.stderr.strip()
    assert line.count("\n") == 0 and "unknown language" in line
    for code in ("en", "fr", "ar", "az", "ru"):
        assert f"{code} (" in line


def test_region_codes_name_their_language(cli: Any) -> None:
    result = cli("--lang", "fr_MA", "timeline", "--format", "json")
    assert result.exit_code == 0 and '"lang": "fr"' in result.stdout


def test_people_read_headers_labels_names_and_dates_in_the_language(cli: Any) -> None:
    out = cli("--lang", "fr", "--wide", "timeline", "--format", "table").stdout  # fields: wide tables
    assert "Titre" in out and "Domaines" in out and "Title" not in out
    assert "diplomatie" in out and "visite" in out
    plain = cli("--lang", "fr", "actors").stdout
    assert "Ministère des Affaires étrangères" in plain
    card = cli("--lang", "fr", "show", "marrakesh").stdout
    assert "Marrakech" in card


def test_dates_in_words_and_numbers_come_from_cldr() -> None:
    from azma.l10n.cldr import format_number, gloss

    l10n.use("fr")
    assert gloss("2006-09/..") == "depuis septembre 2006, fin ouverte"
    assert gloss("2019-21") == "printemps 2019"
    assert gloss("201X") == "années 2010"
    assert gloss("../2023-11-14") == "14 novembre 2023 ou avant"
    assert gloss("2018-03-05") is None  # a plain day reads as it is
    assert gloss("[..2024-03-10]") == "10 mars 2024 au plus tard"  # one of a set
    assert gloss("[2024-03..]") == "mars 2024 au plus tôt"
    assert gloss("[2019-03..2019-05]") == "un mois entre mars 2019 et mai 2019"
    assert gloss("[2024-01-01..2024-02-06]") is not None
    assert format_number(4640.71, ",.2f") == "4\u202f640,71"
    l10n.use("ar")  # CLDR's Arabic minus carries U+200E, which azma would show escaped
    assert format_number(-17.2, ",.2f") == "-17.20"
    assert format_number(4826.4, "+,.1f") == "+4,826.4"
    l10n.use("ru")  # a month standing alone is in the nominative, in a day in the genitive
    assert "сентябрь 2006" in str(gloss("2006-09/.."))
    assert "14 ноября 2023" in str(gloss("../2023-11-14"))


def test_search_finds_records_in_any_language_whatever_the_language(cli: Any) -> None:
    for args in ([], ["--lang", "fr"]):
        found = json.loads(cli(*args, "search", "commission mixte", "--format", "json").stdout)
        assert "commission-2023" in {r["id"] for r in found}
    english = json.loads(cli("--lang", "fr", "search", "Joint commission meets", "--format", "json").stdout)
    assert [r["id"] for r in english] == ["commission-2023"]
    assert "title (en)" in english[0]["matched_in"]
    french = json.loads(cli("search", "deuxième fois", "--format", "json").stdout)
    assert [r["id"] for r in french] == ["commission-2023"] and french[0]["matched_in"] == ["title (fr)"]


def test_the_glossary_makes_a_term_s_forms_one(cli: Any) -> None:
    """'birgə komissiya' (the Azerbaijani form in the glossary) finds the joint commission."""
    found = json.loads(cli("search", "birgə komissiya", "--format", "json").stdout)
    assert "commission-2023" in {r["id"] for r in found}


def test_validate_notes_a_user_record_in_one_language(cli: Any, tmp_path: Any) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[event]]\nid = "my-own-2025"\ndate = "2025-03-12"\ntitle = "My briefing"\n'
        'fields = ["diplomacy"]\nsources = ["src-news"]\n',
        encoding="utf-8",
    )
    result = cli("validate", str(mine))
    assert result.exit_code == 0
    assert "note: event 'my-own-2025' is in one language" in result.stderr
    assert "fixture" not in result.stderr and "commission-2023" not in result.stderr


@pytest.mark.parametrize(
    "lang, root",
    [("en", '<html lang="en">'), ("fr", '<html lang="fr">'), ("ar", '<html lang="ar" dir="rtl">')],
)
def test_the_page_says_its_language_and_direction(cli: Any, lang: str, root: str) -> None:
    page = cli("--lang", lang, "export", "html").stdout
    assert root in page
    if lang == "fr":
        assert "La commission mixte se réunit pour la deuxième fois" in page
        assert ">Chronologie</a>" in page and ">Timeline</a>" not in page
        assert '"the_start":"le début"' in page  # the script's words too


def test_the_page_runs_right_to_left_in_arabic() -> None:
    """The rules that mirror the picture exist only for dir=rtl pages, and the script mirrors
    pointer positions and drags to match."""
    from azma.formats.html import SCRIPT, STYLE

    assert (
        "[dir=rtl] svg.tl, [dir=rtl] svg.tl-overview, [dir=rtl] svg.chart { transform: scaleX(-1); }" in STYLE
    )
    assert 'var rtl = document.documentElement.dir === "rtl"' in SCRIPT


def test_the_report_in_french(cli: Any) -> None:
    report = cli("--lang", "fr", "export", "markdown").stdout
    assert "## Vue d'ensemble" in report and "## Overview" not in report
    assert "Première visite officielle" in report
    assert "(visite; diplomatie; Rabat)" in report  # kind and field labels


def test_english_start_up_reads_no_catalogue_and_imports_no_babel() -> None:
    import subprocess
    import sys

    code = (
        "import sys, azma.__main__ as m; sys.argv = ['azma', 'timeline', '--format', 'json']; "
        "import io, contextlib; out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try: m.main()\n"
        "    except SystemExit: pass\n"
        "print(sorted(n for n in sys.modules if n.startswith(('babel', 'azma.l10n.'))))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip().splitlines()[-1] == "[]"
