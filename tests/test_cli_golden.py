"""Golden files: what people read (table and plain) for the fixture dataset at 100 columns.

The expected output is in tests/golden/COMMAND.FORMAT.txt. After an intended change to the
output, refresh every golden file with:  python -m pytest --update-goldens
and review the diff (git diff tests/golden) before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

Run = Callable[..., Result]


@pytest.mark.parametrize("fmt", ["table", "plain"])
@pytest.mark.parametrize("command", ["timeline", "agreements", "trade"])
def test_golden(cli: Run, golden: Callable[[str, str], None], command: str, fmt: str) -> None:
    result = cli(command, "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(f"{command}.{fmt}.txt", result.stdout)


def test_golden_trade_chart(cli: Run, golden: Callable[[str, str], None]) -> None:
    result = cli("trade", "--chart", "--format", "table")
    assert result.exit_code == 0, result.output
    golden("trade-chart.table.txt", result.stdout)
