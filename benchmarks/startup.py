"""Start-up benchmark: azma's common commands against `python -c pass`, run alternately.

Installs azma from a freshly built wheel into a temporary venv (so bytecode is compiled as a
wheel install has it), then alternates the commands N times and prints medians and the ratio
of each to `python -c pass`. It asserts nothing: it prints figures.

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
BUDGETS = {"json": 7.0, "plain (pipe)": 7.0, "table (tty)": 10.0}
for _name in list(BUDGETS):
    BUDGETS[f"{_name}, computed"] = BUDGETS[_name]


def install(workdir: Path) -> Path:
    """Build a wheel of this checkout and install it in a fresh venv; return its python."""
    dist = workdir / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    venv = workdir / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    return python


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
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
        env = {**os.environ, "AZMA_CACHE_DIR": str(work / "cache"), "COLUMNS": "100"}
        env.pop("AZMA_DATA", None)
        script = shutil.which("script")
        commands: dict[str, list[str]] = {
            "python -c pass": [str(python), "-c", "pass"],
            "json": [azma, "timeline", "--since", "2018", "--format", "json"],
            "plain (pipe)": [azma, "timeline", "--since", "2018"],
        }
        if script:
            commands["table (tty)"] = [script, "-qc", f"{azma} timeline --since 2018", "/dev/null"]
            commands["script -qc 'python -c pass'"] = [script, "-qc", f"{python} -c pass", "/dev/null"]
        # the same commands with the answer cache off: every answer computed (parse cache still on)
        computed = {f"{name}, computed": argv for name, argv in commands.items() if name in BUDGETS}
        commands.update(computed)
        computed_env = {**env, "AZMA_ANSWERS": "0"}

        def env_of(name: str) -> dict[str, str]:
            return computed_env if name.endswith(", computed") else env

        for _ in range(2):  # warm the page cache, azma's parse cache, spec and answers
            for name, argv in commands.items():
                timed(argv, env_of(name))
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                samples[name].append(timed(argv, env_of(name)))

    base = statistics.median(samples["python -c pass"])
    print(f"{'command':<40} {'median ms':>10} {'ratio':>7} {'budget':>7}")
    for name, values in samples.items():
        median = statistics.median(values)
        budget = BUDGETS.get(name)
        verdict = "" if budget is None else f"{budget:>5.0f}x {'ok' if median / base <= budget else 'OVER'}"
        print(f"{name:<40} {median * 1000:>10.1f} {median / base:>6.2f}x {verdict}")
    print(f"({args.runs} alternating rounds; python {sys.version.split()[0]}; {os.cpu_count()} cores;")
    print(" plain names: repeated command lines, answered from the answer cache; 'computed': AZMA_ANSWERS=0)")


if __name__ == "__main__":
    main()
