"""`azma validate`'s report of problems in the data, as text or JSON (formats of kind "problems")."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from azma.errors import Problem
    from azma.terminal import Terminal


MAX_PROBLEMS_SHOWN = 200  # as text; the rest are counted (`azma validate --format json` lists every one)


def render_problems_text(
    problems: Sequence[Problem], terminal: Terminal | None = None, most: int = MAX_PROBLEMS_SHOWN
) -> str:
    """One problem a line (file:line [record]: message), the first `most` of them and how many
    more there are: what `validate` prints, what every command prints above a DataError, and
    what `edit` shows of a file that no longer validates."""
    from azma.safe import for_terminal

    shown = "".join(f"{for_terminal(str(p))}\n" for p in problems[:most])
    rest = len(problems) - most
    if rest > 0:
        shown += f"… and {rest} more problem{'s' if rest != 1 else ''} (azma validate --format json lists every one)\n"
    return shown


def render_problems_json(problems: Sequence[Problem], terminal: Terminal) -> str:
    """Every problem as a JSON object with its file, line, record and message."""
    from azma.safe import dump_json

    rows = [{"file": p.file, "line": p.line, "record": p.record, "message": p.message} for p in problems]
    return dump_json(rows) + "\n"
