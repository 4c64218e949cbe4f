"""Hostile input, round two (issue 25): resources bounded by the records, FIFOs and devices
refused before they are opened, caps on what is read, one escaping rule for every JSON and
every terminal. Each test failed before its fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
