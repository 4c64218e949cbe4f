"""Shell completion offers commands, options and the vocabulary's values (bash protocol)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def complete(words: str) -> list[str]:
    env = {**os.environ, "_AZMA_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)), "AZMA_NO_CACHE": "1"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "azma"], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("azma tim", "timeline"),
        ("azma agr", "agreements"),
        ("azma timeline --fi", "--field"),
        ("azma timeline --field de", "defence"),
        ("azma timeline --kind si", "signed"),
        ("azma timeline --kind vis", "visit"),
        ("azma agreements --kind mem", "memorandum"),
        ("azma trade --format js", "json"),
        ("azma stats --by fi", "field"),
        ("azma stats --per mo", "month"),
        ("azma stats --by kind --kind in", "in-force"),
        ("azma network --format gr", "graphml"),
        ("azma network --format no", "node-link"),
        ("azma sources --format bib", "bibtex"),
        ("azma show x --cite --format csl", "csl-json"),
    ],
)
def test_completion(words: str, expected: str) -> None:
    assert expected in complete(words)
