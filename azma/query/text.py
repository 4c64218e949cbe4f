"""What --text and search look for: a phrase or its words, each with its aliases (folded)."""

from __future__ import annotations

from azma.errors import UsageError
from azma.folding import alias_groups, fold, fold_all

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from azma._named import NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

    from azma.model import Dataset

MAX_WORDS = 64  # distinct words a search looks for: more is a mistake, and each costs a pass


class TextQuery(NamedTuple):
    """What --text and search look for: the phrase, or else every one of its words.

    Each part carries the aliases of a name or vocabulary term it equals (folded), so
    'Marrakech' also finds 'Marrakesh' and 'defense' finds 'defence'.
    """

    phrase: tuple[str, ...]
    words: tuple[tuple[str, ...], ...] = ()

    def hits(self, haystack: str) -> bool:
        """True when the phrase or any single word occurs (for 'matched_in')."""
        return any(n in haystack for n in self.phrase) or any(n in haystack for w in self.words for n in w)

    def matches(self, haystack: str) -> bool:
        """True when the phrase occurs, or every word does."""
        if any(n in haystack for n in self.phrase):
            return True
        return bool(self.words) and all(any(n in haystack for n in w) for w in self.words)


def text_query(dataset: Dataset, text: str, more_groups: Sequence[Sequence[str]] = ()) -> TextQuery:
    """The TextQuery for what a user typed, aliases expanded (and `more_groups`: a term's forms in
    each language); each distinct word counted once."""
    folded_groups = [[fold(g) for g in group] for group in [*alias_groups(dataset), *more_groups]]

    def expand(needle: str) -> tuple[str, ...]:
        needles = [needle]
        for folded in folded_groups:
            if needle in folded:
                needles += [f for f in folded if f not in needles]
        return tuple(needles)

    phrase = " ".join(fold(text).split())
    words = list(dict.fromkeys(phrase.split()))
    if len(words) > MAX_WORDS:
        raise UsageError(
            f"the text to look for has {len(words)} different words; at most {MAX_WORDS} are looked for",
            "search for a phrase or a few words",
        )
    if len(words) == 1:  # 'rabat rabat rabat' looks for rabat, not for the repetition
        phrase = words[0]
    return TextQuery(expand(phrase), tuple(expand(w) for w in words) if len(words) > 1 else ())


class AnyText(NamedTuple):
    """Several --text values: a record matches when any of them does."""

    queries: tuple[TextQuery, ...]

    def matches(self, haystack: str) -> bool:
        return any(q.matches(haystack) for q in self.queries)


def texts_query(dataset: Dataset, texts: str | tuple[str, ...]) -> TextQuery | AnyText:
    """The query for one --text value, or for several (any of them)."""
    if isinstance(texts, str):
        return text_query(dataset, texts)
    return AnyText(tuple(text_query(dataset, t) for t in texts))


def join_text(*parts: object) -> str:
    """Parts (strings, lists, None) as one folded haystack."""
    words: list[str] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, (tuple, list)):
            words.extend(str(p) for p in part)
        else:
            words.append(str(part))
    return fold_all(" \n ".join(words))
