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

    usage = "usage: python -m azma.l10n check [LANG...] | skeleton LANG DATA_FILE | fingerprint ID..."
    if not argv or argv[0] not in ("check", "skeleton", "fingerprint"):
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
    wanted = set(argv[1:])
    for table, record in records_of(dataset):
        if record.id in wanted:
            print(f'[{table}.{record.id}] en = "{fingerprint(english_texts(table, record))}"')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
