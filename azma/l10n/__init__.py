"""The language a run speaks: English (the record's own) or one of its translations.

`use(lang)` is called once by the command line (`--lang`, `AZMA_LANG`); `t(msgid, **values)`
then gives the program's words in that language, from `azma/l10n/<lang>.toml` (the msgid is the
English text itself, so English costs a dict-free `str.format`). The record's own text in
another language comes from `data/l10n/<lang>/` through `azma.l10n.catalogue`, read only when a
language other than English is asked for; month names and number formats come from CLDR
through Babel (`azma.l10n.cldr`), imported only for those languages.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

LANGS = ("en", "fr", "ar", "az", "ru")
NAMES = {"en": "English", "fr": "français", "ar": "العربية", "az": "azərbaycanca", "ru": "русский"}
RTL = frozenset({"ar"})  # written right to left

_state: dict[str, object] = {"lang": "en", "ui": None, "fallback": frozenset()}


def current() -> str:
    """The language of this run ('en' unless `use` chose another)."""
    return _state["lang"]  # type: ignore[return-value]


def use(lang: str) -> None:
    """Speak `lang` from now on (a code of LANGS, as `choose` returns it)."""
    _state["lang"] = lang
    _state["ui"] = None
    _state["fallback"] = frozenset()


class speaking:
    """`with speaking(lang, fallback):` speaks `lang` inside the block (the records `fallback`
    names in English) and the language spoken before it after: the Python API's calls, which
    take `lang=` (the command line calls `use` once)."""

    def __init__(self, lang: str, fallback: frozenset[str] = frozenset()) -> None:
        self.lang = lang
        self.fallback = fallback
        self.before: dict[str, object] = {}

    def __enter__(self) -> None:
        self.before = dict(_state)
        use(self.lang)
        set_fallback(self.fallback)

    def __exit__(self, *exc: object) -> None:
        _state.clear()
        _state.update(self.before)


def choose(given: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language asked for: `--lang` if given, else AZMA_LANG, else English; UsageError (exit
    2) naming the codes for an unknown one."""
    import os

    env = os.environ if environ is None else environ
    from azma.errors import Param

    where: str | Param = Param("lang")
    if given is None:
        given, where = env.get("AZMA_LANG", "").strip() or "en", "AZMA_LANG"
    code = given.strip().lower().replace("_", "-").split("-")[0]  # fr-FR, fr_MA -> fr
    if code not in LANGS:
        from azma.errors import UsageError

        raise UsageError(
            "{where}: unknown language '{given}'",
            "choose one of " + ", ".join(f"{c} ({NAMES[c]})" for c in LANGS),
            where=where,
            given=given,
        )
    return code


def t(msgid: str, /, **values: object) -> str:
    """The program's words `msgid` (English, with {placeholders}) in this run's language."""
    if _state["lang"] != "en":
        ui = _state["ui"]
        if ui is None:
            ui = _state["ui"] = _ui_catalogue(current())
        msgid = ui.get(msgid, msgid)  # type: ignore[attr-defined]
    return msgid.format(**values) if values else msgid


def tp(context: str, msgid: str) -> str:
    """`t(msgid)` where one English word has two meanings (gettext's pgettext): the catalogue key
    is 'context|msgid' ("date filter|From" is "De", the origin column's "From" is "Origine")."""
    if _state["lang"] == "en":
        return msgid
    t(msgid)  # loads the catalogue
    ui: dict[str, str] = _state["ui"]  # type: ignore[assignment]
    return ui.get(f"{context}|{msgid}", msgid)


class Words(dict[str, str]):
    """The program's words kept by name (the page's texts): reading one gives it in the run's
    language, `translated()` all of them; the values are msgids, found by the catalogue check."""

    def __getitem__(self, key: str) -> str:
        return t(super().__getitem__(key))

    def translated(self) -> dict[str, str]:
        return {key: self[key] for key in self}


def n_(msgid: str) -> str:
    """Mark `msgid` as the program's words, translated where it is shown (`t(msgid)`): for texts
    kept in tables and constants (gettext's N_)."""
    return msgid


def rtl() -> bool:
    return current() in RTL


def set_fallback(ids: frozenset[str]) -> None:
    """The records this run shows in English for want of a translation (user records)."""
    _state["fallback"] = ids


def lang_of(record_id: str) -> str:
    """The language a record's text is in: this run's, or English for one with no translation."""
    lang = _state["lang"]
    if lang == "en":
        return "en"
    # a milestone (agreement-id.signed) is in its agreement's language
    return "en" if record_id.partition(".")[0] in _state["fallback"] else lang  # type: ignore[return-value, operator]


def label(vocabulary: str, term_id: str) -> str:
    """What people read for a vocabulary term (`vocabulary` as in catalogues: field, event_kind,
    agreement_kind, milestone_kind, status, source_kind, dispute_topic): its id in English, its
    label in another language (the id when it has none)."""
    if _state["lang"] == "en":
        return term_id
    from azma.l10n.catalogue import labels

    return labels(current()).get(vocabulary, {}).get(term_id, term_id)


def country(name: str) -> str:
    """A country of the record (a trade row's reporter or partner) in this run's language."""
    if _state["lang"] == "en":
        return name
    if name == "unknown":
        return tp("reporter", "unknown")
    from azma.l10n.catalogue import country_names

    return country_names(current()).get(name, name)


def term_label(vocabularies: tuple[str, ...], term_id: str) -> str:
    """A term's label from the first of `vocabularies` that has one (kinds live in several)."""
    for vocabulary in vocabularies:
        found = label(vocabulary, term_id)
        if found != term_id:
            return found
    return term_id


def ui_path(lang: str) -> str:
    import os

    return os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{lang}.toml")


def _ui_catalogue(lang: str) -> dict[str, str]:
    """`azma/l10n/<lang>.toml`'s [messages] (msgid -> text), through the cached catalogue."""
    from azma.l10n.catalogue import messages

    return messages(lang)
