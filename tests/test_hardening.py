"""Hostile input, round two (issue 25): resources bounded by the records, FIFOs and devices
refused before they are opened, caps on what is read, one escaping rule for every JSON and
every terminal. Each test failed before its fix."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]

SOURCE = '[[source]]\nid = "s"\ntitle = "t"\npublisher = "p"\nkind = "notes"\n\n'


def event(rid: str, when: str, title: str = "A record", extra: str = "") -> str:
    return (
        f'[[event]]\nid = "{rid}"\ndate = "{when}"\ntitle = "{title}"\nfields = ["diplomacy"]\n'
        f'sources = ["s"]\n{extra}\n'
    )


def user_file(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- item 7


def test_a_far_date_does_not_make_the_page_draw_every_year(cli: Run, tmp_path: Path) -> None:
    """One record 100,000 years out drew 98,000 bars and 98,000 tick lines (a record at
    Y10000000 took 52 s and 8.6 GB): the page's work is bounded by the records, not the span."""
    mine = user_file(tmp_path, SOURCE + event("far", "Y100000", "Far future"))
    result = cli("--data", str(mine), "export", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    records = page.count('<a class="marker"')
    assert 0 < page.count("<rect data-year=") <= records
    assert page.count("<line ") <= 100
    assert "Far future" in page and len(page) < 500_000


# ----------------------------------------------------------------------------- item 5

BAD = "\\u009b31m\\u007f\\u202eevil\\u2028"  # CSI (8-bit), DEL, RLO, LINE SEPARATOR, as TOML escapes
HOSTILE_JSON = f"""
[[source]]
id = "bad-source"
title = "Title {BAD}"
publisher = "Publisher {BAD}"
kind = "notes"
date = "2020-01-02"
url = "https://example.org/{BAD}"

[[actor]]
id = "bad-one"
name = "One {BAD}"
type = "person"
sources = ["bad-source"]
aliases = ["Alias {BAD}"]

[[actor]]
id = "bad-two"
name = "Two {BAD}"
type = "institution"
sources = ["bad-source"]

[[place]]
id = "bad-place"
name = "Place {BAD}"
country = "Morocco"
aliases = ["Town {BAD}"]

[[event]]
id = "bad-event"
date = "2020-01-02"
title = "Event {BAD}"
summary = "Summary {BAD}"
fields = ["diplomacy"]
actors = ["bad-one", "bad-two"]
places = ["bad-place"]
sources = ["bad-source"]
"""
# what --format json writes as \u escapes: C0 but newline and tab, DEL, C1, direction controls
RAW_IN_JSON = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


@pytest.mark.parametrize(
    "args",
    [
        ["sources", "--format", "csl-json"],
        ["show", "bad-source", "--cite", "--format", "csl-json"],
        ["show", "bad-event", "--format", "json"],
        ["network", "--format", "node-link"],
        ["export", "timelinejs"],
        ["export", "html"],
    ],
)
def test_every_json_azma_writes_escapes_what_a_terminal_acts_on(
    cli: Run, tmp_path: Path, args: list[str]
) -> None:
    """CSL-JSON, node-link JSON and the page's embedded JSON wrote C1 controls, DEL and bidi
    overrides raw, where --format json writes `\\u009b`: one rule for every JSON azma writes."""
    result = cli("--data", str(user_file(tmp_path, HOSTILE_JSON)), *args)
    assert result.exit_code == 0, result.output
    if args[-1] == "html":
        found = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', result.stdout, re.S)
        assert found
        documents = found
    else:
        documents = [result.stdout]
    for text in documents:
        raw = RAW_IN_JSON.search(text)
        assert raw is None, f"raw {raw[0]!r} in {text[max(0, raw.start() - 40) : raw.end() + 20]!r}"
        assert "\\u" in text  # escaped, not dropped
        json.loads(text)
