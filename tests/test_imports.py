"""Start-up: the json and plain paths never import Rich; a real process never shows a traceback.

Each test runs a fresh Python process (sys.modules must start empty), on the fixture dataset.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import as_an_editable_install

FIXTURE_BUNDLED = Path(__file__).resolve().parent / "fixtures" / "bundled"

# Runs ENTRY (module:function) with sys.argv set, then reports what was imported as the last
# line of stderr, so the command's own stdout and stderr stay as they are.
SCRIPT = """
import importlib, json, sys
from pathlib import Path
import azma.load
azma.load.bundled_data_dir = lambda: Path({bundled!r})
module, function = {entry!r}.split(":")
sys.argv = ["azma", *{args!r}]
try:
    getattr(importlib.import_module(module), function)()
    code = 0
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
sys.stdout.flush()
rich = sorted(m for m in sys.modules if m == "rich" or m.startswith("rich."))
report = {{"exit": code, "rich": bool(rich), "typer": "typer" in sys.modules}}
sys.stderr.write("\\n" + json.dumps(report) + "\\n")
"""


class Process(NamedTuple):
    exit_code: int
    imported_rich: bool
    imported_typer: bool
    stdout: str
    stderr: str


def run_azma(
    entry: str, args: list[str], cache: Path | None = None, columns: int = 100, editable: bool = False
) -> Process:
    """Run azma in a new process; the cache (data, fast-path spec) is off unless `cache` is
    given; with the spec a wheel ships, unless `editable`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AZMA_")}
    if editable:
        environ = as_an_editable_install(environ)
    environ.update({"COLUMNS": str(columns), "PYTHONIOENCODING": "utf-8"})
    environ.update({"AZMA_CACHE_DIR": str(cache)} if cache else {"AZMA_NO_CACHE": "1"})
    code = SCRIPT.format(bundled=str(FIXTURE_BUNDLED), entry=entry, args=args)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    *stderr_lines, last = done.stderr.rstrip("\n").split("\n")
    report = json.loads(last)
    return Process(report["exit"], report["rich"], report["typer"], done.stdout, "\n".join(stderr_lines))


@pytest.mark.parametrize("fmt", ["json", "plain"])
def test_json_and_plain_do_not_import_rich(fmt: str) -> None:
    run = run_azma("azma.cli:main", ["timeline", "--format", fmt])
    assert run.exit_code == 0
    assert run.stdout.strip()  # it did answer
    assert not run.imported_rich


def test_the_table_does_import_rich() -> None:
    # the control: the check above would see Rich if it were imported
    run = run_azma("azma.cli:main", ["timeline", "--format", "table"])
    assert run.exit_code == 0
    assert run.imported_rich
    assert "\n────" in run.stdout  # the header's rule


@pytest.mark.parametrize(("columns", "rich"), [(40, False), (160, True)])
def test_cards_on_a_narrow_terminal_do_not_import_rich(columns: int, rich: bool) -> None:
    """Below the width a table needs, records come as cards, drawn without Rich; wide, a table."""
    run = run_azma("azma.cli:main", ["agreements", "--format", "table"], columns=columns)
    assert run.exit_code == 0
    assert ("\n────" in run.stdout, "Title: " in run.stdout) == (rich, not rich)
    assert run.imported_rich == rich


@pytest.mark.parametrize("fmt", ["json", "plain"])
def test_the_console_entry_point_does_not_import_rich(fmt: str, tmp_path: Path) -> None:
    # azma.__main__:main is the console script; installed editable (no shipped spec), with a
    # cache folder, its first run stores the fast path's spec and the second takes the fast
    # path, so both paths are covered
    first = run_azma("azma.__main__:main", ["timeline", "--format", fmt], cache=tmp_path, editable=True)
    second = run_azma("azma.__main__:main", ["timeline", "--format", fmt], cache=tmp_path, editable=True)
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert first.stdout.strip() and second.stdout == first.stdout
    assert not first.imported_rich and not second.imported_rich
    assert (first.imported_typer, second.imported_typer) == (True, False)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["timeline", "--since", "2019-02-30"], 2),
        (["timeline", "--since", "March 2018 12:00 ZZ"], 2),
        (["--data", "/no/such/file.toml", "timeline"], 1),
        (["show", "no-such-record"], 1),
        (["timeline", "--limit", "x"], 2),
    ],
)
def test_no_traceback_in_a_real_process(args: list[str], code: int) -> None:
    run = run_azma("azma.__main__:main", args)
    assert run.exit_code == code
    assert "Traceback" not in run.stderr
    assert "Warning" not in run.stderr
    assert run.stdout == ""
    assert run.stderr.strip()


# What the warm json and plain paths must not import: each costs more start-up than the answer
# (pathlib pulls in re, urllib.parse and ipaddress; json pulls in re; collections, enum and
# typing are only ever needed for annotations or by those).
WARM_PATH_NEVER = (
    "re",
    "pathlib",
    "json",
    "collections",
    "enum",
    "typing",
    "importlib.util",
    "typer",
    "rich",
)

IMPORTS_SCRIPT = """
import sys
import azma.load
azma.load.bundled_data_dir = lambda: {bundled!r}
sys.argv = ["azma", *{args!r}]
try:
    from azma.__main__ import main
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\n" + " ".join(sorted(sys.modules)) + "\\n")
"""


@pytest.mark.parametrize(
    "args", [["timeline", "--since", "2018", "--format", "json"], ["timeline", "--since", "2018"]]
)
def test_the_warm_path_imports_none_of_the_costly_modules(args: list[str], tmp_path: Path) -> None:
    environ = as_an_editable_install({k: v for k, v in os.environ.items() if not k.startswith("AZMA_")})
    environ["AZMA_CACHE_DIR"] = str(tmp_path)
    code = IMPORTS_SCRIPT.format(bundled=str(FIXTURE_BUNDLED), args=args)
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ, check=True)
        for _ in range(2)  # the first fills the cache and stores the fast path's spec
    ]
    first, second = ({*run.stderr.rstrip("\n").rsplit("\n", 1)[-1].split()} for run in runs)
    assert runs[1].stdout == runs[0].stdout and runs[1].stdout.strip()
    assert "typer" in first  # the control: the first run went through Typer, which imports them
    assert {"re", "typing"} <= first
    assert sorted(m for m in WARM_PATH_NEVER if m in second) == []


def test_a_first_run_writes_the_cache_without_tempfile(tmp_path: Path) -> None:
    """The parse cache's entry is written without tempfile (its shutil, random, bz2 and lzma cost
    a first run ~5 ms): a run on the fast path with no data cached writes the entry, and neither
    tempfile nor shutil is imported."""
    environ = as_an_editable_install({k: v for k, v in os.environ.items() if not k.startswith("AZMA_")})
    environ["AZMA_CACHE_DIR"] = str(tmp_path)
    code = IMPORTS_SCRIPT.format(bundled=str(FIXTURE_BUNDLED), args=["timeline", "--format", "json"])

    def run() -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=environ, check=True
        )
        assert done.stdout.strip()
        return {*done.stderr.rstrip("\n").rsplit("\n", 1)[-1].split()}

    run()  # stores the fast path's spec (through Typer) and the data
    entries = list((tmp_path / "azma-cache").glob("data-*.marshal"))
    assert len(entries) == 1
    entries[0].unlink()
    modules = run()
    assert "typer" not in modules and "azma.load.build" in modules  # the fast path, parsing the data
    assert sorted(m for m in ("tempfile", "shutil") if m in modules) == []
    assert len(list((tmp_path / "azma-cache").glob("data-*.marshal"))) == 1
    assert list((tmp_path / "azma-cache").glob(".tmp-*")) == []
