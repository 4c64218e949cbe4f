"""Generate a large user data file for the scale benchmarks: N synthetic events, valid TOML."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIELDS = ["diplomacy", "economy", "trade", "energy", "culture", "education", "defence", "tourism"]
KINDS = ["visit", "meeting", "statement", "conference", "cultural-event", "event"]
PLACES = ["baku", "rabat", "casablanca", "ganja", "marrakesh"]


def event_toml(i: int, rng: random.Random, sources: int = 1) -> str:
    year = rng.randint(1992, 2026)
    precision = rng.random()
    if precision < 0.6:
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    elif precision < 0.85:
        date = f"{year}-{rng.randint(1, 12):02d}"
    else:
        date = str(year)
    fields = rng.sample(FIELDS, rng.randint(1, 3))
    return (
        "[[event]]\n"
        f'id = "bench-{i}"\n'
        f'date = "{date}"\n'
        f'title = "Synthetic event number {i} for the scale benchmark"\n'
        f'summary = "Generated record {i}: a {rng.choice(KINDS)} about {fields[0]} in {rng.choice(PLACES)}."\n'
        f'kind = "{rng.choice(KINDS)}"\n'
        f"fields = {fields!r}\n".replace("'", '"')
        + f'places = ["{rng.choice(PLACES)}"]\n'
        + (
            f'sources = ["bench-source-{i % sources}"]\n\n'
            if sources > 1
            else 'sources = ["bench-source"]\n\n'
        )
    )


def write(path: Path, count: int, seed: int = 1, sources: int = 1) -> Path:
    """`count` events citing one source, or each citing one of `sources` sources."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(sources):
            name = "bench-source" if sources == 1 else f"bench-source-{n}"
            out.write(
                f'[[source]]\nid = "{name}"\ntitle = "Benchmark {n}"\npublisher = "azma"\nkind = "notes"\n\n'
            )
        for i in range(count):
            out.write(event_toml(i, rng, sources))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    write(args.output, args.count)
    print(f"wrote {args.count} events to {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
