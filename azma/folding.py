"""Folding: the case-, accent- and romanisation-insensitive form every search compares.

The CLI's --text and search, and the HTML page's search (which gets `FOLD_TABLE` and
`alias_groups` at export time), use these same functions and tables.
"""

from __future__ import annotations

TYPE_CHECKING = False


if TYPE_CHECKING:
    from azma.model import Actor, Dataset, Place

# letters that decomposition does not take to ASCII, after case folding
FOLD_TABLE = {"ə": "a", "ı": "i", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "’": "'", "‘": "'", "ʼ": "'"}
_FOLD = str.maketrans(FOLD_TABLE)
_SCHWA_E = str.maketrans({"ə": "e"})


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Gəncə' -> 'ganca', 'Łódź' and 'łódź' -> 'lodz'."""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    import unicodedata  # only for text beyond ASCII: a search, not every run's start-up

    decomposed = unicodedata.normalize("NFKD", lowered.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_all(text: str) -> str:
    """What a search looks in: the folded text, and where it has ə, also its 'e' romanisation,
    so both 'ganja' and 'gence' find Gəncə."""
    folded = fold(text)
    lowered = text.casefold()
    if "ə" not in lowered:
        return folded
    return folded + "\n" + fold(lowered.translate(_SCHWA_E))


def names_of(record: Actor | Place) -> list[str]:
    return [record.name, record.id, *record.aliases]


def alias_groups(dataset: Dataset) -> list[list[str]]:
    """Groups of names that mean the same thing: actors, places, agreements, vocabulary terms."""
    groups: list[list[str]] = [names_of(a) for a in dataset.actors] + [names_of(p) for p in dataset.places]
    groups += [[a.title, *a.aliases] for a in dataset.agreements]
    vocab = dataset.vocabularies
    for v in (vocab.fields, vocab.event_kinds, vocab.agreement_kinds, vocab.milestone_kinds):
        groups += [[t.id, *t.aliases] for t in v.terms]
    return groups
