"""Dates in words and numbers in this run's language: month names and number symbols from the
CLDR data through Babel, the sentence around them ("from {date}, open end") from the program's
catalogue. Imported only for a language other than English; Babel only when a date or a number
is first written, and its few values are then kept in azma's cache folder, so later runs do not
import it.
"""

from __future__ import annotations

from azma.l10n import current, n_, t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from azma.dates import _Point

_DATA: dict[str, dict[str, Any]] = {}


def cldr(lang: str | None = None) -> dict[str, Any]:
    """What azma needs of CLDR for `lang`: month names (in a date, and standing alone), the
    long date pattern's order, decimal and group symbols, plus and minus signs."""
    lang = lang or current()
    found = _DATA.get(lang)
    if found is None:
        found = _DATA[lang] = _cached(lang)
    return found


def _cached(lang: str) -> dict[str, Any]:
    from azma.cache import KEEP
    from azma.cache.store import cache_dir, entry_path, read_entry, write_entry

    folder = cache_dir()
    key = f"cldr 2 {lang} {_babel_version()}"  # 2: signs without bidi marks
    if folder is None or key.endswith(" None"):
        return _from_babel(lang)
    path = entry_path(folder, "cldr", key)
    found: dict[str, Any] | None = read_entry(path, key)
    if isinstance(found, dict):
        return found
    data = _from_babel(lang)
    write_entry(path, key, data, keep=KEEP)  # failures only cost speed
    return data


def _babel_version() -> str | None:
    """Babel's installed version, from its metadata (without importing Babel)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("babel")
    except PackageNotFoundError:
        return None


_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))


def _from_babel(lang: str) -> dict[str, Any]:
    from babel import Locale

    locale = Locale.parse(lang)
    symbols = (
        locale.number_symbols.get("latn", locale.number_symbols) if hasattr(locale, "number_symbols") else {}
    )

    def sign(name: str, default: str) -> str:
        # CLDR's Arabic signs carry a left-to-right mark (U+200E) for bidi display; a terminal or a
        # cell shows text in logical order, and azma escapes such marks as visible \u200e text
        return str(symbols.get(name, default)).translate(_BIDI_MARKS) or default

    return {
        "months": [locale.months["format"]["wide"][m] for m in range(1, 13)],
        "months_alone": [locale.months["stand-alone"]["wide"][m] for m in range(1, 13)],
        "day_month_year": _day_pattern(locale),
        "decimal": sign("decimal", "."),
        "group": sign("group", ","),
        "plus": sign("plusSign", "+"),
        "minus": sign("minusSign", "-"),
    }


def _day_pattern(locale: Any) -> str:
    """The long date pattern as a template of {day}, {month} and {year} (CLDR's order and words)."""
    pattern = str(locale.date_formats["long"].pattern)
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        j = i
        while j < len(pattern) and pattern[j] == c:
            j += 1
        run = pattern[i:j]
        if c == "'":  # a quoted literal
            end = pattern.find("'", i + 1)
            out.append(pattern[i + 1 : end] if end > i else "")
            j = end + 1 if end > i else len(pattern)
        elif c == "d":
            out.append("{day}")
        elif c in "ML":
            out.append("{month}")
        elif c in "yY":
            out.append("{year}")
        elif c.isalpha():
            out.append("")  # weekday or era: not for a bare date
        else:
            out.append(run.replace("{", "{{").replace("}", "}}"))
        i = j
    return " ".join("".join(out).split()).strip(" ,")


# ----------------------------------------------------------------------------- numbers


def format_number(value: float, spec: str) -> str:
    """`value` formatted by the Python `spec` (',.2f', '+,.1f'), with this language's symbols."""
    data = cldr()
    english = format(value, spec)
    table = {",": data["group"], ".": data["decimal"], "-": data["minus"], "+": data["plus"]}
    return "".join(table.get(c, c) for c in english)


# ----------------------------------------------------------------------------- dates in words


def gloss(text: str) -> str | None:
    """An EDTF date in words in this run's language, or None when its text reads plainly (the
    same cases as azma.dates.gloss)."""
    from azma.dates import DateError, _end_kind, _parse_point, _plain

    if text[:1] == "[" and text[-1:] == "]":
        return _set_gloss(text)
    try:
        if "/" not in text:
            point = _parse_point(text, text, alone=True)
            return None if _plain(point) else describe(point)
        left, _, right = text.partition("/")
        first = _parse_point(left, text, alone=False) if _end_kind(left) == "known" else None
        last = _parse_point(right, text, alone=False) if _end_kind(right) == "known" else None
    except DateError:
        return None
    if first is None and last is not None:
        if left == "..":
            return t("on or before {date}", date=describe(last))
        return t("until {date}, start unknown", date=describe(last))
    if last is None and first is not None:
        if right == "..":
            return t("from {date}, open end", date=describe(first))
        return t("from {date}, end unknown", date=describe(first))
    if first is None or last is None or (_plain(first) and _plain(last)):
        return None
    return t("{start} to {end}", start=describe(first), end=describe(last))


_MEMBERS = {
    "day": n_("one day between {start} and {end}"),
    "month": n_("one month between {start} and {end}"),
    "year": n_("one year between {start} and {end}"),
}


def _set_gloss(text: str) -> str | None:
    """One of a set ([A..B], [..B], [A..]) in words, as azma.dates words it in English."""
    from azma.dates import DateError, _parse_point

    left, _, right = text[1:-1].partition("..")
    try:
        first = _parse_point(left, text, alone=False) if left else None
        last = _parse_point(right, text, alone=False) if right else None
    except DateError:
        return None
    if first is None:
        return None if last is None else t("no later than {date}", date=describe(last))
    if last is None:
        return t("no earlier than {date}", date=describe(first))
    if (first.first, first.last) == (last.first, last.last):
        return describe(first)
    members = _MEMBERS.get(first.precision, _MEMBERS["year"])
    return t(members, start=describe(first), end=describe(last))


def year_words(year: int) -> str:
    number = year if year >= 1 else 1 - year  # astronomical years: 0 is 1 BCE, -1 is 2 BCE
    words = str(number) if number <= 9999 else format_number(number, ",d")
    return words if year >= 1 else t("{year} BCE", year=words)


def month_year(month: int, year: int) -> str:
    return t("{month} {year}", month=cldr()["months_alone"][month - 1], year=year_words(year))


def day_month_year(day: int, month: int, year: int) -> str:
    return str(cldr()["day_month_year"]).format(
        day=day, month=cldr()["months"][month - 1], year=year_words(year)
    )


_SEASONS = {21: n_("spring {year}"), 22: n_("summer {year}"), 23: n_("autumn {year}")}
_QUALIFIERS = {"?": n_("uncertain"), "~": n_("approximate"), "%": n_("uncertain and approximate")}


def describe(point: _Point) -> str:
    """One date (not an interval) in words: the language's twin of azma.dates._describe."""
    year = point.year
    if point.form == "long":
        words = t("the year {year}", year=year_words(year))
    elif point.form == "season":
        if point.month == 24:
            words = t("winter {year}–{next}", year=year_words(year), next=year_words(year + 1))
        else:
            words = t(_SEASONS[point.month], year=year_words(year))
    elif point.form == "unspecified":
        words = _describe_unspecified(point)
    elif point.precision == "year":
        words = year_words(year)
    elif point.precision == "month":
        words = month_year(point.month, year)
    else:
        words = day_month_year(point.day, point.month, year)
    if point.form == "datetime":
        zone = {"": t("local time"), "Z": "UTC"}.get(point.zone, f"UTC{point.zone}")
        words = t("{date} at {time} {zone}", date=words, time=point.time, zone=zone)
    if point.qualifier:
        words = t("{date} ({qualifier})", date=words, qualifier=t(_QUALIFIERS[point.qualifier]))
    return words


def _describe_unspecified(point: _Point) -> str:
    low, high = point.first[0], point.last[0]
    if point.precision == "decade":
        if low >= 1:
            return t("{decade}s", decade=low)
        return t("{start} to {end}", start=year_words(low), end=year_words(high))
    if point.precision == "century":
        if low >= 1:
            return f"{low}–{high}"
        return t("{start} to {end}", start=year_words(low), end=year_words(high))
    if point.precision == "year":
        if point.written.rstrip("?~%").endswith("-XX-XX"):
            return t("{year}, month and day unspecified", year=year_words(low))
        return t("{year}, month unspecified", year=year_words(low))
    return t("{date}, day unspecified", date=month_year(point.month, low))
