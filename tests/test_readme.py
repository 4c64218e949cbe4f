"""The README's examples are real: each `$ azma …` line in a ```console block is run through
the shell (with `azma` being this checkout's `python -m azma` and the bundled data) and its
output must be exactly what the README shows; each ```python block followed by an ```output
block is run with this Python and must print that output. After a change to the data or the
output, refresh the README with: python -m pytest tests/test_readme.py --update-goldens"""

from __future__ import annotations

import atexit
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
PYTHON = re.compile(r"```python\n(.*?)```\n+```output\n(.*?)```", re.S)


def parse(block: str) -> list[tuple[str, str]]:
    """(command line, expected output) for every `$ ` line of a console block."""
    found: list[tuple[str, str]] = []
    command, output = None, []
    for line in block.splitlines():
        if line.startswith("$ "):
            if command is not None:
                found.append((command, "\n".join(output)))
            command, output = line[2:], []
        else:
            output.append(line)
    if command is not None:
        found.append((command, "\n".join(output)))
    return found


def examples() -> list[tuple[str, str]]:
    return [pair for block in BLOCK.findall(README.read_text(encoding="utf-8")) for pair in parse(block)]


# The examples' own folders (/tmp/azma-pair…) are made in a folder of this run, so that two test
# runs at once (several people on one machine) never remove each other's.
SCRATCH = Path(tempfile.mkdtemp(prefix="azma-readme-"))
atexit.register(shutil.rmtree, SCRATCH, True)
# One parse cache for the examples of this run (each worker has its own SCRATCH), as a reader's
# runs share ~/.cache: only the first example parses data/ and derives the fast path's spec.
CACHE = SCRATCH / "cache"


def run(command: str, folder: Path) -> str:
    command = command.replace("/tmp/azma-", f"{SCRATCH}/azma-")
    azma = f"{shlex.quote(sys.executable)} -m azma"
    # `azma` at the start, after a pipe or `&&`, or after environment assignments (`X=1 azma …`)
    shell_command = re.sub(r"(^|\| |&& |=\S* )azma ", lambda m: f"{m.group(1)}{azma} ", command)
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell_command], capture_output=True, text=True,
                            env=_environment(folder, CACHE), cwd=folder, check=False)  # fmt: skip
    assert result.returncode in (0, 141), result.stderr
    return result.stdout.rstrip("\n").replace(f"{SCRATCH}/azma-", "/tmp/azma-")


def _environment(folder: Path, cache: Path | None = None) -> dict[str, str]:
    """What an example runs with in `folder`: its own data home, and `cache` (else `folder`) as
    the parse cache."""
    env = {**os.environ, "COLUMNS": "80", "AZMA_CACHE_DIR": str(cache or folder), "PYTHONIOENCODING": "utf-8",
           "AZMA_DATA_HOME": str(folder / "data-home")}  # fmt: skip
    for key in ("AZMA_DATA", "NO_COLOR", "AZMA_NO_CACHE", "AZMA_NO_BUNDLED", "XDG_DATA_HOME"):
        env.pop(key, None)
    return env


@pytest.mark.parametrize(("code", "expected"), PYTHON.findall(README.read_text(encoding="utf-8")))
def test_readme_python_example(
    code: str, expected: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The "Use from Python" examples run as they are written (the API is part of the README)."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=_environment(tmp_path), cwd=tmp_path, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    if request.config.getoption("--update-goldens"):
        text = README.read_text(encoding="utf-8")
        old = f"```python\n{code}```\n\n```output\n{expected}```"
        assert old in text, "cannot find the Python example to refresh"
        README.write_text(
            text.replace(old, f"```python\n{code}```\n\n```output\n{result.stdout}```", 1), encoding="utf-8"
        )
        return
    assert result.stdout == expected


def test_the_readme_has_examples() -> None:
    commands = [c for c, _ in examples()]
    assert any(c.startswith("azma timeline") for c in commands)
    assert any("--format json" in c for c in commands)


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[c for c, _ in examples()])
def test_readme_example(command: str, expected: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    actual = run(command, tmp_path)
    if request.config.getoption("--update-goldens"):
        text = README.read_text(encoding="utf-8")
        old = f"$ {command}\n{expected}\n" if expected else f"$ {command}\n"
        new = f"$ {command}\n{actual}\n" if actual else f"$ {command}\n"
        assert old in text, f"cannot find the example {command!r} to refresh"
        README.write_text(text.replace(old, new, 1), encoding="utf-8")
        return
    assert actual == expected.rstrip("\n")
