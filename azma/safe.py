"""Escaping for untrusted text: data files are shared, so their strings are never trusted.

Each medium gets the escaping it needs before any string from a data file reaches it:
- a terminal: C0 and C1 control characters (ESC, OSC, BEL, CR, …), bidirectional-override
  characters and the line and paragraph separators (U+2028, U+2029) are shown as visible
  escapes (`\\x1b`), so a title cannot clear the screen, set the window title, write the
  clipboard (OSC 52), hide text or start a line of its own;
- Markdown: every character Markdown or HTML would act on is backslash-escaped or written as an
  entity, so text stays text when a report is rendered;
- links: only http(s) URLs become links; anything else is shown as text;
- spreadsheets: a CSV/TSV cell that a spreadsheet would run as a formula gets a leading `'`.
"""

from __future__ import annotations

_TERMINAL: dict[int, str] | None = None
_TERMINAL_LINES: dict[int, str] | None = None


def _terminal_table(keep_newlines: bool) -> dict[int, str]:
    global _TERMINAL, _TERMINAL_LINES
    if _TERMINAL is None or _TERMINAL_LINES is None:
        controls = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
        bidi = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
        separators = [0x2028, 0x2029]  # LINE and PARAGRAPH SEPARATOR: a new line to some terminals
        table = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in [*controls, *bidi, *separators]}
        table[0x09] = " "  # a tab is only white space
        # lone surrogates cannot be encoded: a file name's undecodable byte (surrogateescape,
        # U+DC80-U+DCFF) is shown as that byte, any other as its code point
        table.update({c: f"\\x{c - 0xDC00:02x}" for c in range(0xDC80, 0xDD00)})
        table.update({c: f"\\u{c:04x}" for c in [*range(0xD800, 0xDC80), *range(0xDD00, 0xE000)]})
        _TERMINAL = table
        _TERMINAL_LINES = {k: v for k, v in table.items() if k != 0x0A}
    return _TERMINAL_LINES if keep_newlines else _TERMINAL


def for_terminal(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control character made visible (newlines kept only if asked)."""
    if text.isprintable():  # False for every control and format character: most text stops here
        return text
    return text.translate(_terminal_table(keep_newlines))


_JSON_UNSAFE = "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"


def for_json(document: str) -> str:
    """JSON text with the characters json.dumps leaves raw that a terminal acts on (DEL, C1
    controls, direction overrides, line and paragraph separators) or no encoder can write (lone
    surrogates: a file name's undecodable bytes) written as \\u escapes.

    Lossless: a JSON parser reads the same strings. (json.dumps already escapes C0 controls.)
    """
    if document.isascii() and "\x7f" not in document:
        return document
    import re

    unsafe = re.compile(_JSON_UNSAFE)  # cached by re
    if unsafe.search(document) is None:  # the common case: a search costs half a substitution
        return document
    return unsafe.sub(lambda m: f"\\u{ord(m[0]):04x}", document)


def dump_json(value: object, *, indent: int | None = 2, ascii_only: bool = False) -> str:
    """`value` as strict JSON (no NaN or Infinity) under the one rule every JSON azma writes
    follows: C0 and C1 controls, DEL, direction overrides and U+2028/U+2029 as \\u escapes
    (see for_json); compact when `indent` is None. Ends without a newline."""
    import json

    separators = (",", ":") if indent is None else None
    return for_json(
        json.dumps(value, ensure_ascii=ascii_only, indent=indent, separators=separators, allow_nan=False)
    )


_MARKDOWN: dict[int, str] | None = None


def for_markdown(text: str, line_start: bool = True) -> str:
    """Text that renders as itself in CommonMark/GFM and never as HTML: one line, escaped.

    Inline syntax (`*_[]|~` and backquotes) is backslash-escaped, `<`, `>` and `&` become
    entities, and a leading character that would start a block (heading, list, quote) is
    escaped; dots and dashes inside text are left readable.
    """
    global _MARKDOWN
    if _MARKDOWN is None:
        table = {ord(c): "\\" + c for c in "\\`*_[]|~"}
        table.update({ord("<"): "&lt;", ord(">"): "&gt;", ord("&"): "&amp;"})
        _MARKDOWN = table
    escaped = for_terminal(" ".join(text.split())).translate(_MARKDOWN)
    if not line_start:
        return escaped
    if escaped[:1] in ("#", "+", "-", "="):
        return "\\" + escaped
    digits = len(escaped) - len(escaped.lstrip("0123456789"))
    if 0 < digits <= 9 and escaped[digits : digits + 1] in (".", ")"):  # an ordered list item
        return escaped[:digits] + "\\" + escaped[digits:]
    return escaped


def is_web_url(url: str | None) -> bool:
    """True for an http(s) URL with a host and no characters that could break out of a link."""
    if not url:
        return False
    lowered = url.strip().lower()
    if not (lowered.startswith("https://") or lowered.startswith("http://")):
        return False
    host = url.split("//", 1)[1]
    return (
        bool(host) and not host.startswith("/") and all(c.isprintable() and c not in " <>\"'`\\" for c in url)
    )


def markdown_link(url: str | None) -> str:
    """An autolink `<url>` for an http(s) URL; anything else as escaped text."""
    if url and is_web_url(url):
        return f"<{url}>"
    return for_markdown(url or "")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_spreadsheet(cell: str) -> str:
    """A CSV/TSV cell that a spreadsheet would not run: formula-like text gets a leading `'`.

    Numbers stay numbers: a cell that is a plain number ("-12.5", "+3") is left alone.
    """
    if cell.startswith(_FORMULA_START) and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(text: str) -> bool:
    """A plain decimal number ('-12.5', '+3', '1e6'): what a spreadsheet reads as a number."""
    import re

    return re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", text) is not None


def for_dot(text: str) -> str:
    """A Graphviz DOT quoted string ("…") holding `text` as text: one line, control characters
    made visible, backslashes and quotes escaped (so neither an escape such as \\N nor a quote
    can act)."""
    clean = for_terminal(" ".join(text.split()))
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'


_XML: dict[int, str] | None = None


def for_xml(text: str) -> str:
    """Text for XML 1.0 content and quoted attributes: one line, control characters made visible,
    characters XML forbids (surrogates, U+FFFE, U+FFFF) written as visible escapes, and
    `& < > " '` as entities."""
    global _XML
    if _XML is None:
        _XML = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&apos;"}
    clean = for_terminal(" ".join(text.split()))
    if not clean.isascii():
        clean = "".join(
            f"\\u{ord(c):04x}" if 0xD800 <= ord(c) <= 0xDFFF or ord(c) in (0xFFFE, 0xFFFF) else c
            for c in clean
        )
    return clean.translate(_XML)
