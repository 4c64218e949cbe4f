"""Records found by what people type (issue 20): `show` takes an id, a unique beginning of one,
a name or alias of an actor or place, or a title's first words, and names the candidates when
several match; `search` takes several words unquoted; completion offers ids and names.

Expectations are worked out from tests/fixtures/bundled/records.toml.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import Run


def shown_id(cli: Run, *typed: str) -> str:
    """The id of the record `azma show TYPED` prints (its first line: 'TYPE ID')."""
    result = cli("show", *typed, "--format", "text")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0].split()[-1]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (["commission-2023"], "commission-2023"),  # the id
        (["commission"], "commission-2023"),  # a unique beginning of an id
        (["defence-agreement.si"], "defence-agreement.signed"),  # a milestone's, too
        (["Marrakech"], "marrakesh"),  # a place's alias
        (["rabat"], "rabat"),  # a name, case ignored
        (["Exampleova"], "anna-example"),  # whole words of an actor's name
        (["gence"], "ganja"),  # accents ignored: Gəncə
        (["Joint", "commission", "meets"], "commission-2023"),  # a title's first words, unquoted
        (["Joint commission meets for the sec…"], "commission-2023"),  # a table's cut title
        (["Signed: Agreement on military"], "defence-agreement.signed"),  # a timeline row's title
    ],
)
def test_show_finds_a_record_by_what_a_row_shows(cli: Run, typed: list[str], expected: str) -> None:
    assert shown_id(cli, *typed) == expected


def test_show_names_the_candidates_when_several_match(cli: Run) -> None:
    result = cli("show", "defence")
    assert result.exit_code == 1 and result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("azma: 'defence' matches ")
    for candidate in ("defence-statement (event: Statement on defence cooperation)", "defence-agreement ("):
        assert candidate in message
    assert message.endswith("give more of it, or an id)")
    assert len(message.splitlines()) == 1


def test_show_of_nothing_suggests_the_closest_ids(cli: Run) -> None:
    result = cli("show", "comission-2023")
    assert result.exit_code == 1
    assert "no record has the id, name or title 'comission-2023'" in result.stderr
    assert "did you mean 'commission-2023'" in result.stderr
    empty = cli("show")
    assert empty.exit_code == 2 and "show: give an id, a name or the first words of a title" in empty.stderr


def test_cite_takes_a_name_too(cli: Run) -> None:
    assert (
        cli("show", "Joint", "commission", "--cite").stdout == cli("show", "commission-2023", "--cite").stdout
    )


def test_search_takes_several_words_unquoted(cli: Run) -> None:
    words = cli("search", "joint", "commission", "--format", "json")
    quoted = cli("search", "joint commission", "--format", "json")
    assert words.exit_code == 0 and words.stdout == quoted.stdout
    assert '"commission-2023"' in words.stdout
    empty = cli("search")
    assert empty.exit_code == 2 and "search: give some text to look for" in empty.stderr


def complete(words: str, shell: str = "bash") -> list[str]:
    env = {**os.environ, "_AZMA_COMPLETE": f"complete_{shell}", "COMP_WORDS": words, "_TYPER_COMPLETE_ARGS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)), "AZMA_NO_CACHE": "1",
           "_TYPER_COMPLETE_FISH_ACTION": "get-args"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "azma"], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def test_completion_offers_ids_for_show_and_names_for_actor_and_place() -> None:
    assert "military-cooperation-agreement" in complete("azma show military-co")
    assert "nasser-bourita" in complete("azma timeline --actor nasser")  # bash: ids (a name would split)
    assert "marrakesh" in complete("azma timeline --place marr")
    zsh = "\n".join(complete("azma timeline --actor Nasser", "zsh"))
    assert '"Nasser Bourita"' in zsh  # zsh and fish: the names themselves
    fish = complete("azma timeline --place Marr", "fish")
    assert {"Marrakech\tmarrakesh", "Marrakesh\tmarrakesh"} <= set(fish)
