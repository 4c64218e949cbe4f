"""Start-up benchmark: azma's common commands against `python -c pass`, in paired runs.

Installs azma from a freshly built wheel into a temporary venv (so bytecode is compiled as a
wheel install has it), then for each round runs `python -c pass` and each command right after
it, and prints the median of the per-round ratios next to the budget. It asserts nothing: it
prints figures (tests never time anything).

    python benchmarks/startup.py            # 30 rounds
    python benchmarks/startup.py --runs 50 --python /path/to/venv/bin/python   # an existing install
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIRST = "timeline --since 2018 --format json, first run (empty cache)"  # the wheel's record decoded
# path -> budget, as a ratio to `python -c pass` in the same round (issue 10; json, plain and
# the first run tightened by issue 21: below hledger's `print -O json`, 1.7-2.2x)
BUDGETS = {
    "timeline --since 2018 --format json (warm cache)": 2.0,
    "timeline --since 2018, plain in a pipe": 2.0,
    "agreements --format table at a terminal": 6.0,
    FIRST: 6.0,
}
FLOOR = "python -c 'import rich.console, rich.table' at a terminal"
# issue 20: a one-line table at 80 columns costs at most Rich's own import plus this much
# (paired per round, in `python -c pass` units)
TABLES = {
    "agreements --field defence, a table at 80 columns": 2.0,
    "timeline --since 2018, a table at 80 columns": 3.0,
}
# the same first run with no usable bundled record (an editable install, or a bundled file
# changed since the wheel was built): it parses and validates the TOML; no budget, shown so the
# first run's figure hides nothing
PARSING = "  the same, parsing the TOML (the wheel's record hidden)"
FRENCH = "timeline --since 2018 --lang fr --format json (warm cache)"
FRENCH_BUDGET = 0.5  # issue 22: at most this much more than English, in `python -c pass` units


def install(workdir: Path) -> Path:
    """Build a wheel of this checkout and install it in a fresh venv; return its python."""
    dist = workdir / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    venv = workdir / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # as the README's set-up does: pip 25 and newer write a launcher that does not import re
    # (older ones cost every run ~5 ms for it)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    wheel = next(dist.glob("*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    return python


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def timed_at_terminal(argv: list[str], env: dict[str, str]) -> float:
    """The run with stdin, stdout and stderr on a new pseudo-terminal (what a user's terminal
    gives azma), its output read as it comes. No `script` or shell in between: their own
    start-up (~1x of python -c pass) is not azma's."""
    master, slave = os.openpty()
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    try:
        while True:
            try:
                if not os.read(master, 1 << 16):
                    break
            except OSError:  # EIO: the child has closed the terminal
                break
        child.wait()
    finally:
        os.close(master)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--python", type=Path, help="python of an existing azma install (skips the build)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        python = args.python or install(work)
        azma = str(Path(python).parent / "azma")
        cache = work / "cache"
        env = {**os.environ, "AZMA_CACHE_DIR": str(cache), "COLUMNS": "100"}
        for name in ("AZMA_DATA", "AZMA_NO_CACHE", "NO_COLOR"):
            env.pop(name, None)
        json_argv = [azma, "timeline", "--since", "2018", "--format", "json"]
        commands: dict[str, list[str]] = {
            "timeline --since 2018 --format json (warm cache)": json_argv,
            "timeline --since 2018, plain in a pipe": [azma, "timeline", "--since", "2018"],
            "agreements --format table at a terminal": [azma, "agreements", "--format", "table"],
            FLOOR: [str(python), "-c", "import rich.console, rich.table, rich.text"],
            "agreements --field defence, a table at 80 columns": [azma, "agreements", "--field", "defence"],
            "timeline --since 2018, a table at 80 columns": [azma, "timeline", "--since", "2018"],
            FRENCH: [*json_argv, "--lang", "fr"],
        }
        at_terminal = {"agreements --format table at a terminal", FLOOR}
        # the terminal's size is not set (so no pager runs): COLUMNS gives its width
        wide = {**env, "COLUMNS": "120"}
        eighty = {**env, "COLUMNS": "80", "AZMA_PAGER": "cat"}

        def measure(name: str) -> float:
            if name in TABLES:
                return timed_at_terminal(commands[name], eighty)
            if name in at_terminal:
                return timed_at_terminal(commands[name], wide)
            return timed(commands[name], env)

        for name in commands:  # warm the page cache, the parse cache and the fast path's spec
            for _ in range(2):
                measure(name)
        baseline = [str(python), "-c", "pass"]
        # a sitecustomize that hides azma/_shipped_record.py, as an editable install has none
        hidden = work / "no-record"
        hidden.mkdir()
        (hidden / "sitecustomize.py").write_text('import sys\nsys.modules["azma._shipped_record"] = None\n')
        parsing = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(hidden), env.get("PYTHONPATH")]))}
        ratios: dict[str, list[float]] = {name: [] for name in [*BUDGETS, FLOOR, FRENCH, *TABLES, PARSING]}
        bases: list[float] = []
        for _ in range(args.runs):
            for name in commands:
                base = timed(baseline, env)
                bases.append(base)
                ratios[name].append(measure(name) / base)
            shutil.rmtree(cache, ignore_errors=True)  # the first run: nothing cached at all
            base = timed(baseline, env)
            ratios[FIRST].append(timed(json_argv, env) / base)
            shutil.rmtree(cache, ignore_errors=True)
            base = timed(baseline, parsing)  # the same sitecustomize on both sides
            ratios[PARSING].append(timed(json_argv, parsing) / base)
            timed(json_argv, env)  # leave the cache warm for the next round
            timed(commands[FRENCH], env)  # the French catalogue's entry too
        print(f"python -c pass: median {statistics.median(bases) * 1000:.1f} ms over {len(bases)} runs")
        print(f"{'path':<62} {'ratio':>7} {'budget':>7}")
        for name, budget in BUDGETS.items():
            ratio = statistics.median(ratios[name])
            verdict = "within" if ratio <= budget else "OVER"
            print(f"{name:<62} {ratio:>6.2f}x {budget:>6.1f}x  {verdict}")
            if name == FIRST:
                print(f"{PARSING:<62} {statistics.median(ratios[PARSING]):>6.2f}x")
        print(
            f"{FLOOR:<62} {statistics.median(ratios[FLOOR]):>6.2f}x  (Rich's own import: the table's floor)"
        )
        for name, budget in TABLES.items():  # each round's table against the same round's Rich import
            over = statistics.median(t - f for t, f in zip(ratios[name], ratios[FLOOR], strict=True))
            verdict = "within" if over <= budget else "OVER"
            print(f"{name:<62} {statistics.median(ratios[name]):>6.2f}x")
            label = "  the same minus Rich's import (paired, per round)"
            print(f"{label:<62} {over:>+6.2f}x {budget:>+6.1f}x  {verdict}")
        english = ratios["timeline --since 2018 --format json (warm cache)"]
        extra = statistics.median(f - e for f, e in zip(ratios[FRENCH], english, strict=True))
        verdict = "within" if extra <= FRENCH_BUDGET else "OVER"
        print(f"{FRENCH:<62} {statistics.median(ratios[FRENCH]):>6.2f}x")
        print(
            f"{'  the same minus English (paired, per round)':<62} {extra:>+6.2f}x {FRENCH_BUDGET:>+6.1f}x  {verdict}"
        )


if __name__ == "__main__":
    main()
