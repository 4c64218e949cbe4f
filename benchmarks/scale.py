"""Scale benchmark: a generated user file of N events, queried through the real command line.

For each size it prints: a bare tomli parse of the file, azma's first (uncached) run, its
repeated (cached) run and their ratio, the in-process query time, and peak memory per event.
It asserts nothing: it prints figures.

    python benchmarks/scale.py                   # 10k, 100k and 1M events
    python benchmarks/scale.py --sizes 10000 100000 --runs 5
    python benchmarks/scale.py --exports --sizes 1000 10000   # each export against the timeline,
                                                 # N events each citing its own of N sources
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write  # noqa: E402

QUERY = ["timeline", "--since", "2018", "--format", "json"]
BUDGET_RATIO, BUDGET_KIB = 0.3, 1.2  # a cached run against a bare tomli parse; peak KiB per event (issue 10)

# Runs azma's entry point and reports the process's peak memory (ru_maxrss, KiB) on stderr.
DRIVER = """
import resource, sys
sys.argv = ["azma", *sys.argv[1:]]
from azma.__main__ import main
try:
    main()
finally:
    sys.stderr.write("maxrss=%d\\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", DRIVER, *argv], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=True)  # fmt: skip
    elapsed = time.perf_counter() - start
    rss = int(done.stderr.rsplit("maxrss=", 1)[1])
    return elapsed, rss


def tomli_parse(path: Path) -> float:
    code = "import sys, tomli; tomli.loads(open(sys.argv[1], encoding='utf-8').read())"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    return time.perf_counter() - start


def query_time(path: Path, env: dict[str, str]) -> float:
    code = (
        "import sys, time, gc; gc.disable()\n"
        "from pathlib import Path\n"
        "from azma.load import load_dataset\n"
        "from azma.query import FilterOptions, make_filters, select_timeline\n"
        "ds = load_dataset([Path(sys.argv[1])])\n"
        "ds.events, ds.agreements  # a cached Dataset decodes a table when first read: not the query's time\n"
        "t = time.perf_counter(); q = make_filters(ds, FilterOptions(since='2018')); select_timeline(ds, q)\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout)


EXPORTS = {
    "timeline json": ["timeline", "--format", "json"],
    "export ics": ["export", "ics", "--include-imprecise"],
    "export timelinejs": ["export", "timelinejs"],
    "export markdown": ["export", "markdown"],
    "export html": ["export", "html"],
}


def exports(sizes: list[int], runs: int) -> None:
    """Each export's cached run against `timeline --format json` on the same data: N events
    citing N sources, so a lookup that scans the sources per event shows as N x N."""
    print(f"{'events':>9} " + " ".join(f"{name:>18}" for name in EXPORTS))
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = write(Path(tmp) / "big.toml", size, sources=size)
            env = {**os.environ, "AZMA_CACHE_DIR": str(Path(tmp) / "cache")}
            env.pop("AZMA_NO_CACHE", None)
            run(["--data", str(path), "validate"], env)  # fills the parse cache
            times = [
                statistics.median(run(["--data", str(path), *argv], env)[0] for _ in range(runs))
                for argv in EXPORTS.values()
            ]
            print(f"{size:>9} " + " ".join(f"{t:>16.2f} s" for t in times))
    print(f"(cached runs, median of {runs}; python {sys.version.split()[0]}; {os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="repeated (cached) runs per size")
    parser.add_argument(
        "--exports", action="store_true", help="time each export instead (N events, N sources)"
    )
    args = parser.parse_args()
    if args.exports:
        exports(args.sizes, args.runs)
        return

    print(f"{'events':>9} {'MB':>6} {'tomli s':>8} {'first s':>8} {'cached s':>9} {'cached/tomli':>13}"
          f" {'query s':>8} {'µs/event':>9} {'KiB/event':>10}")  # fmt: skip
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = write(Path(tmp) / "big.toml", size)
            env = {**os.environ, "AZMA_CACHE_DIR": str(Path(tmp) / "cache")}  # the parse cache on
            env.pop("AZMA_NO_CACHE", None)
            argv = ["--data", str(path), *QUERY]
            parse = tomli_parse(path)
            first, _ = run(argv, env)
            cached = [run(argv, env) for _ in range(args.runs)]
            cached_time = statistics.median(t for t, _ in cached)
            peak_kib = max(r for _, r in cached)
            query = query_time(path, env)
            print(f"{size:>9} {path.stat().st_size / 1e6:>6.1f} {parse:>8.2f} {first:>8.2f} {cached_time:>9.2f}"
                  f" {cached_time / parse:>12.2f}x {query:>8.3f} {query / size * 1e6:>9.2f} {peak_kib / size:>10.2f}")  # fmt: skip
    print(
        f"(query: timeline --since 2018 --format json; python {sys.version.split()[0]}; {os.cpu_count()} cores;"
        f" budget at 1M: cached/tomli <= {BUDGET_RATIO}x, <= {BUDGET_KIB} KiB/event, linear in size)"
    )


if __name__ == "__main__":
    main()
