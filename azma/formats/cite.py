"""Citable sources: CSL-JSON (Zotero, pandoc's citeproc), BibTeX, and references in plain text.

Each takes the Source records to cite. What a source carries goes where the format expects it:
title, publisher (also as the container of a news article), date at its real precision, URL,
language and an access note saying how the date was worked out, where the copy read is kept
and where else the text is published. Every string from the data is untrusted: BibTeX values
have every character TeX or BibTeX acts on escaped, URLs are written only when they are http(s)
URLs, and plain text has its control characters made visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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


def access_note(source: Source) -> str:
    """How the source was read: its date when not printed as given, the copy kept, other copies."""
    parts = []
    if source.title_en:
        parts.append(f"English title: {source.title_en}")
    if source.date is not None and source.printed_date != source.date.text:
        if source.printed_date:
            parts.append(f"Date printed as '{source.printed_date}', read as {_when(source.date)}")
        else:
            parts.append(f"Date not printed; worked out as {_when(source.date)}")
    if source.file:
        parts.append(f"Copy read: {source.file} in the azma source pack")
    elsewhere = [c.url for c in source.copies if c.url and c.url != source.url]
    if elsewhere:
        parts.append("Also published at " + ", ".join(elsewhere))
    return ". ".join(_one_line(p) for p in parts) + ("." if parts else "")


def _when(d: EDTFDate) -> str:
    from azma.dates import gloss

    return gloss(d) or date_label(d.text)


# ----------------------------------------------------------------------------- CSL-JSON


def csl_item(source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item (CSL 1.0.2 variables)."""
    csl_type = _TYPES.get(source.kind, ("document", "misc"))[0]
    item: dict[str, Any] = {"id": source.id, "type": csl_type, "title": source.title}
    if csl_type in ("article-newspaper", "entry-encyclopedia", "webpage", "post"):
        item["container-title"] = source.publisher
    item["publisher"] = source.publisher
    if source.date is not None:
        item["issued"] = csl_date(source.date)
    if source.url and is_web_url(source.url):
        item["URL"] = source.url
    if source.language:
        item["language"] = source.language
    note = access_note(source)
    if note:
        item["note"] = note
    return item


def csl_date(d: EDTFDate) -> dict[str, Any]:
    """A CSL date: date-parts at the date's precision (two for a closed interval), `circa` when
    uncertain or approximate, `season` for a season; `literal` where date-parts cannot say it
    (an open or unknown end, a decade)."""
    from azma.dates import parse_edtf

    left, slash, right = d.text.partition("/")
    points = [left, right] if slash else [left]
    parts: list[list[int]] = []
    out: dict[str, Any] = {}
    for text in points:
        if text in ("", ".."):
            continue
        point = parse_edtf(text)
        if point.precision in ("decade", "century"):
            continue
        if point.precision == "season":
            out["season"] = (point.start.month - 3) // 3 % 4 + 1  # spring 1 … winter 4
        parts.append(_parts(point))
        if point.uncertain or point.approximate:
            out["circa"] = True
    if not parts or len(parts) != len(points):
        out["literal"] = _when(d)
    if parts:
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
    rest; `date` is the ISO date (biblatex), `year` for classic BibTeX styles."""
    taken: set[str] = set()
    entries = []
    for source in sources:
        entry_type = _TYPES.get(source.kind, ("document", "misc"))[1]
        fields: list[tuple[str, str]] = [("title", bibtex_text(source.title))]
        if entry_type == "article":
            fields.append(("journal", bibtex_text(source.publisher)))
        else:
            fields.append(("howpublished", bibtex_text(source.publisher)))
        fields.append(("publisher", bibtex_text(source.publisher)))
        if source.date is not None:
            anchor = _anchor_point(source.date)
            if anchor is not None:
                fields.append(("year", str(anchor.start_year or anchor.start.year)))
                if anchor.precision in ("day", "month") and not source.date.interval:
                    fields.append(
                        ("date", anchor.start.isoformat()[: 10 if anchor.precision == "day" else 7])
                    )
        url = _bibtex_url(source.url)
        if url:
            fields.append(("url", url))
        if source.language:
            fields.append(("language", bibtex_text(source.language)))
        note = access_note(source)
        if note:
            fields.append(("note", bibtex_text(note)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{entry_type}{{{bibtex_key(source.id, taken)},\n{body}\n}}\n")
    return "\n".join(entries)


def _anchor_point(d: EDTFDate) -> EDTFDate | None:
    """The date itself, or an interval's first known end (its last when the first is open)."""
    if not d.interval:
        return d if d.precision not in ("decade", "century") else None
    from azma.dates import parse_edtf

    left, _, right = d.text.partition("/")
    side = left if left not in ("", "..") else right
    return parse_edtf(side) if side not in ("", "..") else None


# ----------------------------------------------------------------------------- plain text


def reference(source: Source) -> str:
    """One source as a reference people read: publisher, title, date, language, URL, note."""
    title = _one_line(source.title)
    quoted = f"“{title}”" if title.endswith((".", "?", "!")) else f"“{title}.”"
    when = _when(source.date) if source.date is not None else (source.printed_date or "undated")
    parts = [_one_line(source.publisher).rstrip(".") + ".", quoted, _one_line(when) + "."]
    if source.language:
        parts.append(f"Language: {_one_line(source.language)}.")
    if source.url:
        parts.append(
            _one_line(source.url) if is_web_url(source.url) else f"[address: {_one_line(source.url)}]"
        )
    note = access_note(source)
    return " ".join(parts) + (f" [{note}]" if note else "")


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
