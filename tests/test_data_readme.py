"""data/README.md documents every term of the bundled vocabularies."""

from __future__ import annotations

import re
from pathlib import Path

from azma.load import bundled_files
from azma.load.build import build_dataset


def test_every_vocabulary_term_is_documented(real_data: Path) -> None:
    readme = (real_data / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z-]+)`", readme))
    vocabularies = build_dataset(bundled_files()).vocabularies
    for vocabulary in (vocabularies.fields, vocabularies.event_kinds, vocabularies.agreement_kinds,
                       vocabularies.milestone_kinds, vocabularies.statuses, vocabularies.source_kinds,
                       vocabularies.dispute_topics):  # fmt: skip
        missing = [term for term in vocabulary.ids if term not in documented]
        assert not missing, f"{vocabulary.name}s missing from data/README.md: {missing}"
