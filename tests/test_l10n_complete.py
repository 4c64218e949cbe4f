"""Every record, actor, place, vocabulary term and message of azma exists in every language.

INCOMPLETE is the one place that lists the languages whose translation is still being written.
Every other language must be whole, and a failure names exactly what is missing (file, id, key;
`python -m azma.l10n check LANG` prints the same list). A language in INCOMPLETE must still lack
something: once its translation is whole, the test says to take it out of the list.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from azma.l10n import LANGS, check
from azma.l10n.check import everything, msgids

INCOMPLETE: frozenset[str] = frozenset()  # translations still being written (none now)


@pytest.fixture(scope="module", autouse=True)
def _one_message_scan() -> Iterator[None]:
    """The languages' checks share one scan of azma's source for its messages (msgids parses
    every module, ~0.4 s); the source does not change during the run. The scan's own test
    below calls msgids itself."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(check, "msgids", functools.cache(check.msgids))
        yield


@pytest.fixture
def real_dataset(real_data: Path) -> object:
    from azma.load import load_dataset

    return load_dataset(use_cache=False)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_the_language_is_complete(real_dataset: object, lang: str) -> None:
    found = everything(real_dataset, lang)  # type: ignore[arg-type]
    if lang in INCOMPLETE:
        assert found, f"{lang} is complete now: take it out of INCOMPLETE in {__file__}"
    else:
        assert not found, f"{lang}: {len(found)} missing or out of date:\n" + "\n".join(found)


def test_incomplete_lists_only_languages_of_azma() -> None:
    assert INCOMPLETE <= set(LANGS) - {"en"}


def test_the_message_scan_finds_the_program_s_words() -> None:
    """The scan the completeness test relies on finds headers, templates and marked constants."""
    found = msgids()
    assert {"Date", "Title", "from {date}, open end", "spring {year}", "no agreements matched"} <= set(found)
