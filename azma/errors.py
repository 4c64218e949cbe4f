"""Typed errors of the azma core: each carries a message, a hint and the exit code the CLI uses."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


class ExitCode:
    """Exit statuses of the `azma` command (documented in the README); plain ints (an IntEnum
    would put `enum` on every run's start-up)."""

    OK = 0
    DATA = 1  # invalid data, unknown record id, failed validation
    USAGE = 2  # bad option value, unknown command, conflicting options
    OUTPUT = 3  # the output could not be written (full disk, unencodable text)
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # stdout was closed early (e.g. `| head`): 128 + SIGPIPE, nothing on stderr


class AzmaError(Exception):
    """Base of every error azma reports to a user: one line of message, an optional hint."""

    exit_code: int = ExitCode.DATA

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(AzmaError):
    """A value typed by the user is not acceptable (exit 2)."""

    exit_code = ExitCode.USAGE


class NotFoundError(AzmaError):
    """A record id the user asked for does not exist (exit 1)."""

    exit_code = ExitCode.DATA


class OutputError(AzmaError):
    """Writing the answer failed (exit 3)."""

    exit_code = ExitCode.OUTPUT


class Cancelled(AzmaError):
    """The user stopped a question (Ctrl-C, Ctrl-D): nothing was done (exit 130)."""

    exit_code = ExitCode.INTERRUPTED


class BrokenPipe(AzmaError):
    """The reader of stdout went away (e.g. `| head`): end quietly with exit 141."""

    exit_code = ExitCode.BROKEN_PIPE


class DataError(AzmaError):
    """The dataset or a user file is invalid; carries every problem found (exit 1)."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the data (listed above); nothing was loaded",
            "'azma validate FILE' checks a file without running a query",
        )


class RecordClash(AzmaError):
    """User files that are a record of their own, read with the bundled one (exit 1)."""

    exit_code = ExitCode.DATA


class Problem:
    """One validation problem: where (file, line, record id), what is wrong, what would be valid."""

    __slots__ = ("file", "line", "record", "message")

    def __init__(self, file: str, message: str, record: str | None = None, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.record = record
        self.message = message

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        who = f" [{self.record}]" if self.record else ""
        return f"{where}{who}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates closest to `word`, best first, for 'did you mean' hints."""
    pool = list(candidates)
    lowered = word.lower()
    prefixed = [c for c in pool if c.lower().startswith(lowered)] if len(lowered) >= 2 else []
    import difflib  # only when there is a mistake to explain: keeps it off start-up

    matches = difflib.get_close_matches(lowered, pool, n=n, cutoff=0.6)
    return list(dict.fromkeys(prefixed[:n] + matches))[:n]


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidates, or None when nothing is close."""
    near = closest(word, candidates)
    if not near:
        return None
    return "did you mean " + " or ".join(f"'{c}'" for c in near) + "?"
