"""Citable sources: CSL-JSON (Zotero, pandoc's citeproc), BibTeX, and references in plain text.

Each takes the Source records to cite. What a source carries goes where the format expects it:
title, publisher (also as the container of a news article), date at its real precision, URL,
language and an access note saying how the date was worked out, where the copy read is kept
and where else the text is published. Every string from the data is untrusted: BibTeX values
have every character TeX or BibTeX acts on escaped, URLs are written only when they are http(s)
URLs, and plain text has its control characters made visible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from azma.formats.listing import date_label
from azma.safe import dump_json, for_terminal, is_web_url

if TYPE_CHECKING:
    from azma.dates import EDTFDate
    from azma.model import Source
    from azma.terminal import Terminal

# source kind -> (CSL type, BibTeX entry type); a kind not listed is a generic document
_TYPES = {
    "newspaper": ("article-newspaper", "article"),
    "news-agency": ("article-newspaper", "article"),
    "aggregator": ("webpage", "misc"),
    "official": ("webpage", "misc"),
    "encyclopedia": ("entry-encyclopedia", "misc"),
    "forum": ("post", "misc"),
    "notes": ("document", "misc"),
}


def _one_line(text: str) -> str:
    return for_terminal(" ".join(text.split()))


def _public(text: str) -> str:
    """A title as a reader outside the project can take it: no name of azma's own source pack."""
    return re.sub(r"\s+from the (?:source )?pack\b", "", text).replace("the seed copy", "the copy read")


class Publisher(NamedTuple):
    """A source's `publisher` text taken apart: who published it, the bylines it names, and
    what it says about the text (whose report it carries, whom it cites)."""

    name: str
    authors: tuple[str, ...]
    remark: str


# What describes the text rather than names its publisher starts with a lower-case word
# ("citing Trend", "carrying a MAP dispatch", "article by …") or names a byline; a domain
# ("thevoice.ma"), an edition ("English edition") or an acronym's expansion is part of the name.
_NAME = r"((?:[A-Z]\.\s*|[A-Z][\w'’-]+\s+)+[A-Z][\w'’-]+)\b"
_BYLINE = re.compile(r"\bby\s+" + _NAME)
_CORRESPONDENT = re.compile(r"(?:\b[\w-]+\s+)?\bcorrespondent\s+" + _NAME)


# A parenthesis holding only a person's name, "AzerNews (Akbar Novruz)", is a byline too: two or
# three capitalised words of letters, none of them a word a publication's name is made of.
_NOT_A_PERSON = {"news", "agency", "press", "service", "edition", "media", "radio", "tv", "online", "daily",
                 "le", "la", "les", "the", "el", "al", "der", "die", "das", "de", "national", "info"}  # fmt: skip


def _bare_name(part: str) -> bool:
    words = part.split()
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper() and w.replace("-", "").isalpha() and w.lower() not in _NOT_A_PERSON for w in words
    )


def _describes(part: str) -> bool:
    part = part.strip()
    domain = "." in part and " " not in part
    return (
        bool(part)
        and not domain
        and (
            part[0].islower()
            or bool(_BYLINE.search(part))
            or bool(_CORRESPONDENT.search(part))
            or _bare_name(part)
        )
    )


def split_publisher(text: str) -> Publisher:
    """`Caliber.Az (article by Aghakazim Guliyev, reviewing an analysis …)` -> name `Caliber.Az`,
    author `Aghakazim Guliyev`, remark `reviewing an analysis …`."""
    text = " ".join(text.split())
    name, remarks = text, []
    depth = 0
    for at, char in enumerate(text):
        if char == "(":
            if depth == 0:
                close = text.find(")", at)
                inside = text[at + 1 : close if close > 0 else len(text)]
                if _describes(inside.split(", ")[0].split("; ")[0]):
                    name, remarks = text[:at].rstrip(), [inside, text[close + 1 :] if close > 0 else ""]
                    break
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif text.startswith((", ", "; "), at) and _describes(text[at + 2 :].split(" (")[0].split(", ")[0]):
            if depth == 0:
                name, remarks = text[:at], [text[at + 2 :]]
            else:  # "1news.az (Russian service, citing …)": the edition stays with the name
                close = text.find(")", at)
                name = text[:at] + ")"
                remarks = [
                    text[at + 2 : close if close > 0 else len(text)],
                    text[close + 1 :] if close > 0 else "",
                ]
            break
    remark = ", ".join(r.strip(" ,") for r in remarks if r.strip(" ,"))
    if _bare_name(remark):
        return Publisher(name.strip(), (remark,), "")
    authors = tuple(m.group(1).strip() for m in (*_CORRESPONDENT.finditer(remark), *_BYLINE.finditer(remark)))
    if authors:
        remark = _BYLINE.sub("", _CORRESPONDENT.sub("", remark))
        remark = re.sub(
            r"^(?:an? )?(?:article|report)\b", "", re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", remark))
        )
        remark = remark.strip(" ,;")
    return Publisher(name.strip(), authors, _public(remark))


def access_note(source: Source, remark: str) -> str:
    """What a reader needs beside the fields: an English title, how an unprinted date was worked
    out, whose text the publisher carries (`remark`, from split_publisher), other addresses of
    the same text."""
    parts = []
    if source.title_en:
        parts.append(f"English title: {_public(source.title_en)}")
    if source.date is not None and source.printed_date != source.date.text:
        if source.printed_date:
            parts.append(f"Date printed as '{source.printed_date}', read as {_when(source.date)}")
        else:
            parts.append(f"Date not printed; worked out as {_when(source.date)}")
    if remark:
        parts.append(remark[0].upper() + remark[1:])
    elsewhere = [c.url for c in source.copies if c.url and c.url != source.url]
    if elsewhere:
        parts.append("Also published at " + ", ".join(elsewhere))
    return ". ".join(_one_line(p).rstrip(".") for p in parts) + ("." if parts else "")


def _when(d: EDTFDate) -> str:
    """A source's date in words: an open end says the publication came on or after its start."""
    from azma.dates import gloss

    left, slash, right = d.text.partition("/")
    if slash and right == ".." and left not in ("", ".."):
        return f"on or after {date_label(left)}"
    return gloss(d) or date_label(d.text)


def _ends(d: EDTFDate) -> list[str]:
    """The known ends of a date as EDTF texts: one for a plain date, up to two for an interval
    (`A/B`) or one of a set (`[A..B]`); an open or unknown end is left out."""
    if d.one_of_set:
        left, _, right = d.text[1:-1].partition("..")
    elif d.interval:
        left, _, right = d.text.partition("/")
    else:
        return [d.text]
    return [end for end in (left, right) if end not in ("", "..")]


def _csl_name(name: str) -> dict[str, str]:
    """A byline as CSL's family and given names (the last word is the family name)."""
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": name}


# ----------------------------------------------------------------------------- CSL-JSON


def csl_item(source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item (CSL 1.0.2 variables): bylines as `author`, the publisher
    once (the container of an article or page, else `publisher`), `issued` as date-parts,
    `accessed` (the day the text at its URL was read)."""
    csl_type = _TYPES.get(source.kind, ("document", "misc"))[0]
    publisher = split_publisher(source.publisher)
    item: dict[str, Any] = {"id": source.id, "type": csl_type, "title": _public(source.title)}
    if publisher.authors:
        item["author"] = [_csl_name(a) for a in publisher.authors]
    if csl_type in ("article-newspaper", "entry-encyclopedia", "webpage", "post"):
        item["container-title"] = publisher.name
    else:
        item["publisher"] = publisher.name
    if source.date is not None:
        item["issued"] = csl_date(source.date)
    if source.url and is_web_url(source.url):
        item["URL"] = source.url
        if source.accessed is not None:
            item["accessed"] = {"date-parts": [_parts(source.accessed)]}
    if source.language:
        item["language"] = source.language
    note = access_note(source, publisher.remark)
    if note:
        item["note"] = note
    return item


def csl_date(d: EDTFDate) -> dict[str, Any]:
    """A CSL date: date-parts at the date's precision, a pair for a closed interval; an open or
    unknown end leaves what is known (`2019/..` is 2019; the note says "on or after"); `circa`
    when uncertain or approximate, `season` for a season; `literal` only where date-parts cannot
    say it (a decade or century)."""
    from azma.dates import parse_edtf

    points = _ends(d)
    parts: list[list[int]] = []
    out: dict[str, Any] = {}
    for text in points:
        point = parse_edtf(text)
        if point.precision in ("decade", "century"):
            return {"literal": _when(d)}
        if point.precision == "season":
            out["season"] = (point.start.month - 3) // 3 % 4 + 1  # spring 1 … winter 4
        parts.append(_parts(point))
        if point.uncertain or point.approximate:
            out["circa"] = True
    if not parts:
        return {"literal": _when(d)}
    out["date-parts"] = parts
    return out


def _parts(point: EDTFDate) -> list[int]:
    day = point.start
    if point.precision == "day":
        return [day.year, day.month, day.day]
    if point.precision == "month":
        return [day.year, day.month]
    return [point.start_year if point.start_year is not None else day.year]


def render_csl_json(sources: Sequence[Source], terminal: Terminal) -> str:
    items = [csl_item(s) for s in sources]
    return dump_json(items, ascii_only=terminal.ascii_only) + "\n"


# ----------------------------------------------------------------------------- BibTeX

_BIBTEX = {
    ord("\\"): r"\textbackslash{}",
    ord("{"): r"\{",
    ord("}"): r"\}",
    ord("%"): r"\%",
    ord("&"): r"\&",
    ord("#"): r"\#",
    ord("_"): r"\_",
    ord("$"): r"\$",
    ord("^"): r"\textasciicircum{}",
    ord("~"): r"\textasciitilde{}",
}


def bibtex_text(text: str) -> str:
    """A BibTeX field value (inside braces) that TeX typesets as `text`: one line, control
    characters made visible, `\\ { } % & # _ $ ^ ~` escaped."""
    return _one_line(text).translate(_BIBTEX)


def bibtex_key(source_id: str, taken: set[str]) -> str:
    """A citation key from a source id: characters BibTeX keys cannot hold become '-', and a key
    already taken gets a numbered suffix."""
    key = "".join(c if c.isascii() and (c.isalnum() or c in "-_:.") else "-" for c in source_id) or "source"
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _bibtex_url(url: str | None) -> str | None:
    if not url or not is_web_url(url):
        return None
    return url.replace("{", "%7B").replace("}", "%7D")


def render_bibtex(sources: Sequence[Source], terminal: Terminal) -> str:
    """BibTeX/biblatex entries: @article for news reports (journal: the publisher), @misc for the
    rest (howpublished: the publisher), bylines as `author`; `date` is the ISO date or range
    (biblatex), `year` for classic BibTeX styles, `urldate` the day the URL was read."""
    taken: set[str] = set()
    entries = []
    for source in sources:
        entry_type = _TYPES.get(source.kind, ("document", "misc"))[1]
        publisher = split_publisher(source.publisher)
        fields: list[tuple[str, str]] = []
        if publisher.authors:
            names = (_family_first(a) for a in publisher.authors)
            fields.append(("author", " and ".join(bibtex_text(n) for n in names)))
        fields.append(("title", bibtex_text(_public(source.title))))
        fields.append(("journal" if entry_type == "article" else "howpublished", bibtex_text(publisher.name)))
        if source.date is not None:
            anchor = _anchor_point(source.date)
            if anchor is not None:
                fields.append(("year", str(anchor.start_year or anchor.start.year)))
                date = _biblatex_date(source.date)
                if date:
                    fields.append(("date", date))
        url = _bibtex_url(source.url)
        if url:
            fields.append(("url", url))
            if source.accessed is not None:
                fields.append(("urldate", source.accessed.start.isoformat()))
        if source.language:
            fields.append(("language", bibtex_text(source.language)))
        note = access_note(source, publisher.remark)
        if note:
            fields.append(("note", bibtex_text(note)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{entry_type}{{{bibtex_key(source.id, taken)},\n{body}\n}}\n")
    return "\n".join(entries)


def _family_first(name: str) -> str:
    """A byline as BibTeX's 'Family, Given' (the last word is the family name, as in _csl_name)."""
    given, _, family = name.rpartition(" ")
    return f"{family}, {given}" if given else family


def _biblatex_date(d: EDTFDate) -> str | None:
    """biblatex's `date`: a day or month, a closed range `A/B`, or an open one `A/` (its known
    start); None for what it cannot hold (a year alone is `year`, a season, a decade)."""
    from azma.dates import parse_edtf

    def iso(point: EDTFDate) -> str | None:
        if point.precision == "day":
            return point.start.isoformat()
        if point.precision == "month":
            return point.start.isoformat()[:7]
        if point.precision == "year" and point.start_year is not None and 1 <= point.start_year <= 9999:
            return f"{point.start_year:04d}"
        return None

    if not d.interval and not d.one_of_set:
        return iso(d) if d.precision in ("day", "month") else None
    ends = [iso(parse_edtf(end)) for end in _ends(d)]
    if len(ends) == 2 and ends[0] and ends[1]:
        return f"{ends[0]}/{ends[1]}"
    if d.interval and d.text.endswith("/..") and ends[0]:
        return f"{ends[0]}/"
    return None


def _anchor_point(d: EDTFDate) -> EDTFDate | None:
    """The date itself, or its first known end (its last when the first is open)."""
    from azma.dates import parse_edtf

    if not d.interval and not d.one_of_set:
        return d if d.precision not in ("decade", "century") else None
    ends = _ends(d)
    return parse_edtf(ends[0]) if ends else None


# ----------------------------------------------------------------------------- plain text


def reference(source: Source) -> str:
    """One source as a reference people read: bylines, title, publisher, date, language, URL
    with the day it was read, note."""
    publisher = split_publisher(source.publisher)
    title = _one_line(_public(source.title))
    quoted = f"“{title}”" if title.endswith((".", "?", "!")) else f"“{title}.”"
    when = _when(source.date) if source.date is not None else (source.printed_date or "undated")
    parts = [_one_line(", ".join(publisher.authors)) + "."] if publisher.authors else []
    parts += [quoted, _one_line(publisher.name).rstrip(".") + ",", _one_line(when) + "."]
    if source.language:
        parts.append(f"Language: {_one_line(source.language)}.")
    if source.url:
        if is_web_url(source.url):
            read = f" (read {source.accessed.text})" if source.accessed is not None else ""
            parts.append(_one_line(source.url) + read + ".")
        else:
            parts.append(f"[address: {_one_line(source.url)}]")
    note = access_note(source, publisher.remark)
    return " ".join(parts) + (f" [{note}]" if note else "")


def render_references_text(sources: Sequence[Source], terminal: Terminal) -> str:
    """`show --cite`'s text: wrapped at a terminal, whole lines in a pipe."""
    return render_references(sources, terminal.width if terminal.is_tty else None)


def render_references(sources: Sequence[Source], wrap: int | None = None) -> str:
    """Numbered references, one a line (wrapped to `wrap` columns at a terminal)."""
    import textwrap

    out = []
    for n, source in enumerate(sources, start=1):
        text = f"[{n}] {reference(source)}"
        if wrap is not None and wrap > 30:
            indent = " " * len(f"[{n}] ")
            text = "\n".join(textwrap.wrap(text, wrap, subsequent_indent=indent, break_long_words=False,
                                            break_on_hyphens=False))  # fmt: skip
        out.append(text + "\n")
    return "".join(out)
