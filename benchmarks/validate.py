"""Validation benchmark: `azma validate` on a user file where every record has problems.

Each generated event has an unknown key, an unknown `part_of` (an id close to real ones, so
a "did you mean" is looked for), an unknown field and a bad date; a share of them repeat an
earlier id. It prints, for each size, the wall time of `azma validate FILE` (a real process,
no cache), how many problems it found and how many lines it printed. It asserts nothing.

    python benchmarks/validate.py                     # 2k, 4k, 8k and 10k records
    python benchmarks/validate.py --sizes 10000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write(path: Path, count: int) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        out.write('[[source]]\nid = "bench-source"\ntitle = "Bench"\npublisher = "me"\nkind = "notes"\n\n')
        for i in range(count):
            record_id = f"bad-{i // 10}" if i % 10 == 9 else f"bad-{i}"  # every tenth repeats an id
            out.write(
                "[[event]]\n"
                f'id = "{record_id}"\n'
                f'date = "2019-13-{i % 28 + 1:02d}"\n'
                f'title = "Bad record {i}"\n'
                'fields = ["cultur"]\n'
                'sources = ["bench-source"]\n'
                f'part_of = "bad-{i}x"\n'
                f'colour = "red"\n\n'
            )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "AZMA_NO_CACHE": "1"}
    env.pop("AZMA_DATA", None)
    print("| records | problems | lines printed | validate (median) | json (median) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = write(Path(folder) / f"bad-{size}.toml", size)
            times, json_times = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                text = subprocess.run([sys.executable, "-m", "azma", "validate", str(path)], env=env,
                                      capture_output=True, text=True, check=False)  # fmt: skip
                times.append(time.perf_counter() - start)
                start = time.perf_counter()
                as_json = subprocess.run([sys.executable, "-m", "azma", "validate", "--format", "json", str(path)],
                                         env=env, capture_output=True, text=True, check=False)  # fmt: skip
                json_times.append(time.perf_counter() - start)
            problems = len(json.loads(as_json.stdout))
            print(f"| {size:,} | {problems:,} | {len(text.stdout.splitlines())} | "
                  f"{statistics.median(times):.2f} s | {statistics.median(json_times):.2f} s |")  # fmt: skip


if __name__ == "__main__":
    main()
