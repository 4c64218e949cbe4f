"""What a language lacks: records, messages and glossary terms (for the completeness test and
`python -m azma.l10n check`). Reads azma's own source to find its messages: never on a run's path."""

from __future__ import annotations

import os

from azma.l10n import ui_path
from azma.l10n.catalogue import catalogue_files, l10n_dir, problems, read_files, records_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from azma.model import Dataset

AZMA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def msgids() -> dict[str, str]:
    """Every message of the program: each t("…") or n_("…") literal, each Column header and
    each literal empty_message, with the file it is in."""
    import ast

    found: dict[str, str] = {}
    for folder, _, names in sorted(os.walk(AZMA)):
        for name in sorted(n for n in names if n.endswith(".py")):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as handle:
                tree = ast.parse(handle.read())
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                called = getattr(node.func, "id", getattr(node.func, "attr", None))
                texts: list[ast.expr] = []
                if called == "Words" and node.args and isinstance(node.args[0], ast.Dict):
                    texts += [v for v in node.args[0].values if v is not None]
                if called in ("t", "n_") and node.args:
                    first = node.args[0]
                    texts = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
                elif called == "Column" and len(node.args) > 1:
                    texts = [node.args[1]]
                if called == "tp" and len(node.args) == 2:
                    words = [
                        a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                    ]
                    if len(words) == 2:
                        found.setdefault("|".join(words), os.path.relpath(path, os.path.dirname(AZMA)))
                texts += [kw.value for kw in node.keywords if kw.arg == "empty_message"]
                for text in texts:
                    if isinstance(text, ast.Constant) and isinstance(text.value, str) and text.value:
                        found.setdefault(text.value, os.path.relpath(path, os.path.dirname(AZMA)))
    return found


def placeholders(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def message_problems(lang: str) -> list[str]:
    import tomli

    try:
        with open(ui_path(lang), "rb") as handle:
            catalogue = tomli.load(handle).get("messages", {})
    except FileNotFoundError:
        return [f"{lang}: azma/l10n/{lang}.toml does not exist"]
    out = []
    for msgid, where in msgids().items():
        text = catalogue.get(msgid)
        if not isinstance(text, str) or not text:
            out.append(f"{lang}: message {msgid!r} ({where}) is not in azma/l10n/{lang}.toml")
        elif placeholders(text) != placeholders(msgid):
            out.append(
                f"{lang}: message {msgid!r}: placeholders {sorted(placeholders(text))}, "
                f"not {sorted(placeholders(msgid))}"
            )
    return out


def glossary_problems(dataset: Dataset, lang: str) -> list[str]:
    """The glossary gives the language's form of every term, and a translated title or summary
    whose English holds a term holds the term's `check` stem."""
    import re

    import tomli

    from azma.folding import fold

    with open(os.path.join(l10n_dir(), "glossary.toml"), "rb") as handle:
        glossary = tomli.load(handle)["term"]
    out = [
        f"{lang}: glossary term {term['en']!r} has no {lang} form" for term in glossary if not term.get(lang)
    ]
    catalogue = read_files(catalogue_files(lang))[0]
    for table, record in records_of(dataset):
        if table not in ("event", "agreement"):
            continue
        entry = catalogue.get(table, {}).get(record.id, {})
        for key in ("title", "summary"):
            english, text = getattr(record, key) or "", entry.get(key) or ""
            for term in glossary:
                stem = term.get("check", {}).get(lang)  # a stem, or a list of stems (any will do)
                stems = stem if isinstance(stem, list) else [stem]
                if not (stem and text) or any(fold(one) in fold(text) for one in stems):
                    continue
                if re.search(rf"\b{re.escape(term['en'])}", english, re.IGNORECASE):
                    out.append(
                        f"{lang}: [{table}.{record.id}] {key}: {term['en']!r} is not rendered with {stem!r}"
                    )
    return out


def everything(dataset: Dataset, lang: str) -> list[str]:
    """Every problem of `lang`: the catalogue's shape, its records, messages and glossary."""
    catalogue, shape = read_files(catalogue_files(lang))
    return [
        *shape,
        *problems(dataset, lang, catalogue),
        *message_problems(lang),
        *glossary_problems(dataset, lang),
    ]
