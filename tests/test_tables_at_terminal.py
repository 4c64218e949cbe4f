"""Every listing at a real pseudo-terminal of 60, 80, 100, 120 and 200 columns (issue 20).

At each width a listing is a table of one line a record: no line is wider than the terminal,
and a number, a date or an id is shown whole or not at all (a title may end in '…'). Colour is
there at a terminal and never with NO_COLOR. The runs read the bundled data/ (its long ids and
titles are what the layout must cope with); each table is checked against the same command's
JSON, so the checks hold whatever the data says.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

import azma.load
from azma.cli import app
from tests.conftest import REAL_BUNDLED_DATA_DIR
from tests.test_terminal import SCRIPT, at_a_terminal

DATA = Path(REAL_BUNDLED_DATA_DIR())
LISTINGS = {
    "timeline": ["timeline"],
    "timeline-since": ["timeline", "--since", "2018"],
    "agreements": ["agreements"],
    "trade": ["trade"],
    "search": ["search", "Rabat"],
    "sources": ["sources"],
    "fields": ["fields"],
    "actors": ["actors"],
    "disputes": ["disputes"],
    "stats": ["stats", "--by", "field"],
    "network": ["network"],
    "on-this-day": ["on-this-day", "11-14"],
    "anniversaries": ["anniversaries", "--year", "2028"],
}
WIDTHS = [60, 80, 100, 120, 200]
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One parse cache for the module's runs (the data is the same in each)."""
    return str(tmp_path_factory.mktemp("cache"))


def as_json(args: list[str]) -> list[dict[str, object]]:
    """The rows of `azma ARGS --format json` (a fresh copy; each listing runs once, not once a width)."""
    return copy.deepcopy(_as_json(tuple(args)))


@functools.cache
def _as_json(args: tuple[str, ...]) -> list[dict[str, object]]:
    """What a table is checked against, run in this process (CliRunner, on the same data): the
    terminal is what is tested here, and tests/test_fastpath.py that both roads give the same JSON."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(azma.load, "bundled_data_dir", lambda: DATA)
        found = CliRunner().invoke(app, [*args, "--format", "json"], env={"AZMA_NO_CACHE": "1"})
    assert found.exit_code == 0, found.stderr
    rows = json.loads(found.stdout)
    assert isinstance(rows, list)
    return rows


def table_parts(shown: str) -> tuple[str, list[str], list[str]]:
    """(header, body lines, the lines after them) of a one-line table."""
    lines = shown.splitlines()
    lines = [line for line in lines if not line.startswith("azma: ")]  # messages on stderr
    rule = next(i for i, line in enumerate(lines) if line and set(line) <= {"─", "-", " "})
    end = next(
        (i for i in range(rule + 1, len(lines)) if not lines[i].strip() or lines[i].startswith("note: ")),
        len(lines),
    )
    return lines[rule - 1], lines[rule + 1 : end], lines[end:]


def whole(word: str, line: str) -> bool:
    """`word` stands whole in `line`: not cut, nor a piece of a longer word or number."""
    return re.search(rf"(?<![\w.,/-]){re.escape(word)}(?![\w,/-]|\.\d|…)", line) is not None


def expected_whole(name: str, row: dict[str, object], header: str) -> list[str]:
    """The values of a row that its line must hold whole, of the columns the header shows."""
    shown = set(header.split())
    wanted = [("Date", row.get("date")), ("ID", row.get("id"))]
    if name == "trade":
        turnover = row["turnover"]
        wanted = [("Year", row["period"] or row["year"]),
                  ("Turnover", None if turnover is None else format(turnover, ",.2f"))]  # fmt: skip
    elif name == "network":
        wanted = [("Shared", row["weight"])]
    elif name == "stats":
        wanted = [("Count", row["count"])]
    elif name in ("fields", "actors"):
        wanted = [("Events", row["events"]), ("Field", row["id"]), ("ID", row["id"])]
    elif name == "anniversaries":
        wanted += [("Anniversary", row["anniversary"]), ("Years", row["years"])]
    elif name == "on-this-day":
        wanted += [("Years", row["years_ago"])]
    return [str(value) for column, value in wanted if column in shown and value is not None]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(LISTINGS))
def test_one_line_a_record_and_nothing_cut(name: str, width: int, cache: str) -> None:
    args = LISTINGS[name]
    rows = as_json(args)
    assert rows, f"{name}: the bundled data gives rows"
    code, shown = at_a_terminal(*args, columns=width, lines=1000, bundled=DATA,
                                env={"AZMA_NO_CACHE": "", "AZMA_CACHE_DIR": cache})  # fmt: skip
    assert code == 0
    assert "\x1b[" in shown  # colour at a terminal
    plain = ESCAPE.sub("", shown)
    assert "\x1b" not in plain  # colour is the only escape azma writes
    for line in plain.splitlines():  # messages on stderr ('azma: …') are one line, wrapped by the terminal
        assert cell_len(line) <= width or line.startswith("azma: "), (width, line)
    header, body, _ = table_parts(plain)
    assert len(body) == len(rows), f"{name} at {width}: {len(body)} lines for {len(rows)} records"
    for row, line in zip(rows, body, strict=True):
        for word in expected_whole(name, row, header):
            assert whole(word, line), (width, word, line)


@pytest.mark.parametrize("name", list(LISTINGS))
def test_no_colour_with_no_color(name: str, cache: str) -> None:
    code, shown = at_a_terminal(*LISTINGS[name], columns=80, lines=1000, bundled=DATA,
                                env={"NO_COLOR": "1", "AZMA_NO_CACHE": "", "AZMA_CACHE_DIR": cache})  # fmt: skip
    assert code == 0
    assert "\x1b" not in shown
    assert table_parts(shown)[1]  # still a table


def test_the_id_shows_where_it_fits(cache: str) -> None:
    """A listing's ids show once the terminal has room for them beside a readable title, and
    a note says how to reach a record where they do not."""
    _, narrow = at_a_terminal("timeline", "--since", "2025", columns=80, lines=1000, bundled=DATA,
                              env={"NO_COLOR": "1", "AZMA_NO_CACHE": "", "AZMA_CACHE_DIR": cache})  # fmt: skip
    _, wide = at_a_terminal("timeline", "--since", "2025", columns=200, lines=1000, bundled=DATA,
                            env={"NO_COLOR": "1", "AZMA_NO_CACHE": "", "AZMA_CACHE_DIR": cache})  # fmt: skip
    assert "ID" not in table_parts(narrow)[0].split()
    assert "note: --wide shows ids" in narrow
    header, body, after = table_parts(wide)
    assert header.split()[-1] == "ID" and not any("--wide shows ids" in line for line in after)
    ids = {str(r["id"]) for r in as_json(["timeline", "--since", "2025"])}
    assert {line.split()[-1] for line in body} == ids


# ----------------------------------------------------------------------------- the pager

PAGER = f"{sys.executable} -c " + shlex.quote(
    "import sys; text = sys.stdin.read(); print('paged', len(text.splitlines()), 'lines')"
)


def paged(*args: str, lines: int, env: dict[str, str] | None = None) -> str:
    """What a terminal of 100 x `lines` shows for `azma ARGS` (fixture data), colour off."""
    environ = {"NO_COLOR": "1", "AZMA_PAGER": PAGER, **(env or {})}
    code, shown = at_a_terminal(*args, columns=100, lines=lines, env=environ)
    assert code == 0
    return shown


def test_output_taller_than_the_screen_goes_through_the_pager() -> None:
    table = paged("timeline", lines=1000)  # fits: written as it is
    assert table.startswith("Date ") and "paged" not in table
    height = len(table.splitlines())
    assert paged("timeline", lines=height + 1).startswith("Date ")  # one line to spare: no pager
    assert paged("timeline", lines=height).strip() == f"paged {height} lines"
    assert paged("show", "commission-2023", lines=5).strip().startswith("paged ")  # show too


def test_the_pager_is_chosen_as_gh_and_git_do() -> None:
    assert paged("timeline", lines=5, env={"AZMA_PAGER": "", "PAGER": PAGER}).startswith("Date ")  # none
    assert paged("timeline", lines=5, env={"AZMA_PAGER": "cat"}).startswith("Date ")
    assert paged("--no-pager", "timeline", lines=5).startswith("Date ")
    assert paged("timeline", "--no-pager", lines=5).startswith("Date ")
    missing = paged("timeline", lines=5, env={"AZMA_PAGER": "no-such-pager-here -x"})
    assert missing.startswith("azma: cannot run the pager 'no-such-pager-here'") and "\nDate " in missing


def test_the_pager_reads_pager_when_azma_pager_is_unset() -> None:
    code, shown = at_a_terminal("timeline", columns=100, lines=5, env={"NO_COLOR": "1", "PAGER": PAGER})
    assert code == 0 and shown.strip().startswith("paged ")


def test_never_a_pager_in_a_pipe() -> None:
    environ = {"AZMA_PAGER": PAGER, "LINES": "3", "AZMA_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    found = subprocess.run([sys.executable, "-c", SCRIPT, "timeline", "--format", "table"], env=environ,
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert found.stdout.startswith("Date ") and "paged" not in found.stdout


def test_wide_shows_every_column_and_whole_titles(cache: str) -> None:
    environ = {"NO_COLOR": "1", "AZMA_NO_CACHE": "", "AZMA_CACHE_DIR": cache}
    code, shown = at_a_terminal("--wide", "timeline", "--since", "2026", columns=160, lines=1000,
                                bundled=DATA, env=environ)  # fmt: skip
    assert code == 0 and "…" not in shown
    assert "┃ Title / ID" in shown and "Kind / Fields" in shown  # ids under titles, fields under kinds
    rows = as_json(["timeline", "--since", "2026"])
    for row in rows:
        assert all(word in shown for word in str(row["title"]).split()), row["id"]
        assert re.search(rf"│ {re.escape(str(row['id']))} +│", shown), row["id"]
    _, cards = at_a_terminal("agreements", "--wide", columns=80, lines=1000, bundled=DATA, env=environ)
    assert "Milestones: " in cards and "ID: military-cooperation-agreement" in cards  # cannot fit: cards
