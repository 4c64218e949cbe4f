"""A hostile user file through every command and every listing format (issue 11).

tests/fixtures/hostile/records.toml is valid data written to attack whoever reads it: terminal
escapes (clear screen, OSC 0 window title, OSC 8 links, OSC 52 clipboard, bell, 8-bit CSI),
direction overrides, HTML, `javascript:` and breaking-out URLs, spreadsheet formulas, figures
at the edge of a float, 9999-12-31 and open-start dates. invalid.toml carries escapes into
validation messages and dates in non-ASCII digits. Whatever the command and format:

- what reaches a terminal (stdout and stderr, at a terminal and in a pipe) holds no control
  character but newline and tab, no 8-bit control and no direction override;
- JSON parses with a strict parser (no NaN, no Infinity) and keeps the strings exactly;
- CSV and TSV cells never start a formula; Markdown holds no raw `<`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from azma.terminal import Terminal

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
RECORDS = HOSTILE / "records.toml"
INVALID = HOSTILE / "invalid.toml"

Run = Callable[..., Result]

LISTINGS = {
    "timeline": ["timeline"],
    "agreements": ["agreements"],
    "disputes": ["disputes"],
    "trade": ["trade", "--chart"],
    "search": ["search", "onerror"],
    "sources": ["sources"],
    "fields": ["fields"],
    "actors": ["actors"],
    "on-this-day": ["on-this-day", "2026-03-05"],
    "anniversaries": ["anniversaries", "--year", "2029"],
}
FORMATS = ["table", "plain", "json", "jsonl", "csv", "tsv", "markdown"]
SHOWN = ["hostile-source", "hostile-link", "hostile-actor", "hostile-place", "hostile-far-future",
         "hostile-day", "hostile-open-start", "hostile-agreement", "hostile-agreement.signed",
         "trade-2031-azerbaijan"]  # fmt: skip

# what a terminal acts on: C0 but newline and tab, DEL, C1, and the direction controls
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
STYLE = re.compile("\x1b\\[[0-9;]*m")  # the only escape azma writes itself: colour at a terminal
FORMULA = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@pytest.fixture(params=["pipe", "terminal"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run in a pipe (as CliRunner is) or at an injected terminal with colour."""
    if request.param == "terminal":
        at_terminal = Terminal(is_tty=True, width=100, color=True, encoding="utf-8", stderr_tty=True)
        monkeypatch.setattr(Terminal, "detect", classmethod(lambda cls, *a, **k: at_terminal))
    yield request.param


def assert_safe_for_a_terminal(text: str, colour: bool = False) -> None:
    shown = STYLE.sub("", text) if colour else text
    found = UNSAFE.search(shown)
    assert found is None, f"raw {found[0]!r} in {shown[max(0, found.start() - 60) : found.end() + 20]!r}"


def strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def assert_no_formula(cells: list[str]) -> None:
    for cell in cells:
        assert not cell.startswith(FORMULA) or NUMBER.fullmatch(cell), cell


def run(cli: Run, *args: str) -> Result:
    return cli("--data", str(RECORDS), *args)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", list(LISTINGS))
def test_every_listing_in_every_format(cli: Run, where: str, command: str, fmt: str) -> None:
    result = run(cli, *LISTINGS[command], "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert_safe_for_a_terminal(out, colour=where == "terminal" and fmt == "table")
    assert_safe_for_a_terminal(result.stderr)
    if fmt == "json":
        rows = strict_json(out)
    elif fmt == "jsonl":
        rows = [strict_json(line) for line in out.splitlines()]
    else:
        rows = None
    if rows is not None:
        assert rows, "the hostile records are in every listing"
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(out)))
        assert len(lines) > 1
        assert_no_formula([cell for line in lines[1:] for cell in line])
    if fmt == "tsv":
        assert_no_formula([cell for line in out.splitlines()[1:] for cell in line.split("\t")])
    if fmt == "markdown":
        assert "<" not in out
        assert not re.search(r"(?<!\\)\]\(javascript:", out)  # an escaped `\]` makes no link


def test_the_hostile_strings_are_kept_not_dropped(cli: Run) -> None:
    """Escaping shows the attack as text: the words stay, JSON keeps every character."""
    rows = strict_json(run(cli, "timeline", "--format", "json").stdout)
    event = next(r for r in rows if r["id"] == "hostile-far-future")
    assert event["title"] == "\x1b[31mRed\x1b[0m <img src=x onerror=alert(1)> | cell | \x07"
    plain = run(cli, "timeline", "--format", "plain").stdout
    assert "\\x1b[31mRed\\x1b[0m <img src=x onerror=alert(1)> | cell | \\x07" in plain
    markdown = run(cli, "timeline", "--format", "markdown").stdout
    assert "&lt;img src=x onerror=alert(1)&gt; \\| cell \\|" in markdown
    assert "\\[x\\](javascript:alert(1))" in markdown  # not a link
    cells = {row[0]: row for row in csv.reader(io.StringIO(run(cli, "timeline", "--format", "csv").stdout))}
    assert "'=cmd|'/c calc'!A0" in cells["hostile-until-the-end"]


def test_a_change_too_large_for_a_float_is_null_with_a_note(cli: Run) -> None:
    rows = strict_json(run(cli, "trade", "--since", "2030", "--format", "json").stdout)
    last = next(r for r in rows if r["year"] == 2031)
    assert last["turnover"] == 1.7976931348623157e308
    assert last["turnover_change_pct"] is None
    assert last["turnover_change_note"] == "the change is too large to compute"


@pytest.mark.parametrize("fmt", ["text", "plain", "json"])
@pytest.mark.parametrize("record_id", SHOWN)
def test_show_every_hostile_record(cli: Run, where: str, record_id: str, fmt: str) -> None:
    result = run(cli, "show", record_id, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_safe_for_a_terminal(result.stdout)
    assert_safe_for_a_terminal(result.stderr)
    if fmt == "json":
        assert strict_json(result.stdout)["record_type"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_validate_quotes_hostile_values_safely(cli: Run, where: str, fmt: str) -> None:
    valid = cli("validate", str(RECORDS), "--format", fmt)
    assert valid.exit_code == 0, valid.output
    result = cli("validate", str(RECORDS), str(INVALID), "--format", fmt)
    assert result.exit_code == 1
    assert_safe_for_a_terminal(result.stdout)
    assert_safe_for_a_terminal(result.stderr)
    if fmt == "json":
        messages = [p["message"] for p in strict_json(result.stdout)]
        assert "unknown key '\x1b]52;c;cm0K\x07'" in " ".join(messages)  # exact in JSON
    else:
        assert "unknown key '\\x1b]52;c;cm0K\\x07'" in result.stdout  # visible at a terminal


@pytest.mark.parametrize("date", ["٢٠١٩-٠٣-٠٥", "２０１９"])
def test_dates_in_non_ascii_digits_are_refused(cli: Run, date: str) -> None:
    result = cli("validate", str(INVALID), "--format", "json")
    messages = [p["message"] for p in strict_json(result.stdout)]
    assert any(m.startswith(f"'date' '{date}' has the digit") and "0-9" in m for m in messages), messages
    for option in ("--since", "--until"):
        refused = cli("timeline", option, date)
        assert refused.exit_code == 2
        assert f"{option}: '{date}' has the digit" in refused.stderr


def test_a_hostile_file_name_is_shown_safely(cli: Run, where: str, tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b]0;pwned\x07\u202e.toml"
    path.write_bytes(INVALID.read_bytes())
    for args in (
        ["validate", str(path)],
        ["--data", str(path), "timeline"],
        ["timeline", "--data", str(path)],
    ):
        result = cli(*args)
        assert result.exit_code == 1
        assert "evil\\x1b]0;pwned\\x07\\u202e.toml" in result.output
        assert_safe_for_a_terminal(result.stdout)
        assert_safe_for_a_terminal(result.stderr)
    missing = cli("--data", str(tmp_path / "gone\x1b[2J.toml"), "timeline")
    assert "gone\\x1b[2J.toml: no such file" in missing.stderr


@pytest.mark.parametrize("columns", ["40", "55", "100"])
def test_tables_and_cards_at_every_width(cli: Run, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    at_terminal = Terminal(is_tty=True, width=int(columns), color=False, encoding="utf-8", stderr_tty=True)
    monkeypatch.setattr(Terminal, "detect", classmethod(lambda cls, *a, **k: at_terminal))
    for args in LISTINGS.values():
        result = run(cli, *args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output  # no colour asked for: no escape at all
        assert_safe_for_a_terminal(result.output)


def _at_a_pty(*args: str) -> bytes:
    """Run the real `python -m azma ARGS` with stdout and stderr on a pseudo-terminal; what it wrote."""
    import os
    import pty
    import select
    import subprocess
    import sys

    main, secondary = pty.openpty()
    env = {**os.environ, "AZMA_NO_CACHE": "1", "COLUMNS": "100", "TERM": "xterm"}
    env.pop("AZMA_DATA", None)
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "azma", *args], stdout=secondary, stderr=secondary, env=env
    )
    os.close(secondary)
    chunks = []
    while True:
        if not select.select([main], [], [], 30)[0]:  # silent for 30 s: waiting for a key, or hung
            process.kill()
            process.wait()
            os.close(main)
            raise AssertionError(f"azma {' '.join(args)} showed nothing for 30 s and was stopped")
        try:
            chunk = os.read(main, 1 << 16)
        except OSError:  # EIO: the other side has closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert process.wait() in (0, 1)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "args",
    [["timeline", "--since", "2019"], ["show", "hostile-far-future"], ["actors", "--text", "mallory"],
     ["trade", "--since", "2030", "--chart"], ["validate", str(INVALID)]],
)  # fmt: skip
def test_at_a_real_terminal(args: list[str]) -> None:
    written = _at_a_pty("--data", str(RECORDS), *args).decode("utf-8")
    assert "\\x1b" in written  # the hostile escapes are there, shown as text
    assert_safe_for_a_terminal(written.replace("\r\n", "\n"), colour=True)
