"""For translators: `python -m azma.l10n check [LANG...]`, `skeleton LANG DATA_FILE`,
`fingerprint ID...` (see data/l10n/README.md)."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from azma.l10n import LANGS
    from azma.l10n.catalogue import (
        english_texts,
        fingerprint,
        records_of,
    )
    from azma.l10n.catalogue import skeleton as make_skeleton
    from azma.l10n.check import everything
    from azma.load import load_dataset

    usage = "usage: python -m azma.l10n check [LANG...] | skeleton LANG DATA_FILE | fingerprint ID... | stamp FILE..."
    if not argv or argv[0] not in ("check", "skeleton", "fingerprint", "stamp"):
        print(usage, file=sys.stderr)
        return 2
    dataset = load_dataset(use_cache=False)
    if argv[0] == "check":
        found = 0
        for lang in argv[1:] or [lang for lang in LANGS if lang != "en"]:
            lines = everything(dataset, lang)
            found += len(lines)
            print("\n".join(lines) if lines else f"{lang}: complete", flush=True)
        return 1 if found else 0
    if argv[0] == "skeleton":
        if len(argv) != 3 or argv[1] not in LANGS[1:]:
            print(usage, file=sys.stderr)
            return 2
        sys.stdout.write(make_skeleton(dataset, argv[1], argv[2]))
        return 0
    if argv[0] == "stamp":
        prints = {
            (table, record.id): fingerprint(english_texts(table, record))
            for table, record in records_of(dataset)
        }
        for path in argv[1:]:
            stamp(path, prints)
        return 0
    wanted = set(argv[1:])
    for table, record in records_of(dataset):
        if record.id in wanted:
            print(f'[{table}.{record.id}] en = "{fingerprint(english_texts(table, record))}"')
    return 0


def stamp(path: str, prints: dict[tuple[str, str], str]) -> None:
    """Write each entry's current fingerprint into its `en` key (after the translator has re-read
    it against the English): the line after its [table.id] header."""
    import re

    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    out: list[str] = []
    header = re.compile(r"^\[([a-z_]+)\.([a-z0-9-]+)\]\s*$")
    stamped = False
    for line in lines:
        if stamped and line.startswith("en = "):
            stamped = False
            continue  # the old fingerprint, replaced by the one just written
        stamped = False
        out.append(line)
        found = header.match(line)
        if found and (found[1], found[2]) in prints:
            out.append(f'en = "{prints[found[1], found[2]]}"')
            stamped = True
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
