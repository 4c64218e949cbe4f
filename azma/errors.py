"""Typed errors of the azma core: each carries a message, a hint and the exit code the CLI uses."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from enum import IntEnum
    from typing import TypeVar

    E = TypeVar("E", bound="AzmaError")
else:
    from azma._named import IntEnum  # enum.IntEnum's behaviour without `enum` on start-up


class ExitCode(IntEnum):
    """Exit statuses of the `azma` command (documented in the README)."""

    OK = 0
    DATA = 1  # invalid data, unknown record id, failed validation
    USAGE = 2  # bad option value, unknown command, conflicting options
    OUTPUT = 3  # the output could not be written (full disk, unencodable text)
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # stdout was closed early (e.g. `| head`): 128 + SIGPIPE, nothing on stderr


class Param:
    """A parameter a message names, spelled by the front end that reports it: the command line
    writes an option (`--since`, `--neighbour-ties`; an argument as its metavar, `WORDS`), the
    Python API a keyword (`since=`); with the value given, `--since 2018` and `since='2018'`."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: object = None) -> None:
        self.name = name  # the parameter's name in Python: since, neighbour_ties, query
        self.value = value

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.value!r})"


class Call:
    """A command with some of its parameters, as a hint shows it: `azma network --actor NAME
    --neighbour-ties` on the command line, `azma.network(actor='NAME', neighbour_ties=True)` in
    Python."""

    __slots__ = ("command", "params")

    def __init__(self, command: str, *params: Param) -> None:
        self.command = command  # its Python name: on_this_day
        self.params = params

    def __repr__(self) -> str:
        return f"Call({self.command!r}, *{self.params!r})"


if TYPE_CHECKING:
    Spelling = Callable[[Param | Call], str]

# The command line's arguments (the rest of its parameters are --options), by their Python name.
ARGUMENTS = {"query": "WORDS", "record_id": "ID", "day": "DATE"}


def as_option(piece: Param | Call) -> str:
    """A parameter as the command line spells it: `--since`, `--since 2018`, `DATE`, a flag
    given as `--all`; a call as `azma network --actor NAME --neighbour-ties`."""
    if isinstance(piece, Call):
        return " ".join(["azma", piece.command.replace("_", "-"), *map(as_option, piece.params)])
    if piece.name in ARGUMENTS:
        return ARGUMENTS[piece.name] if piece.value is None else str(piece.value)
    name = "--" + piece.name.rstrip("_").replace("_", "-")
    return name if piece.value is None or piece.value is True else f"{name} {piece.value}"


def as_keyword(piece: Param | Call) -> str:
    """A parameter as the Python API spells it: `since=`, `since='2018'`; a call as
    `azma.network(actor='NAME', neighbour_ties=True)`."""
    if isinstance(piece, Call):
        given = (f"{p.name}=..." if p.value is None else as_keyword(p) for p in piece.params)
        return f"azma.{piece.command}({', '.join(given)})"
    return f"{piece.name}=" if piece.value is None else f"{piece.name}={piece.value!r}"


class AzmaError(Exception):
    """Base of every error azma reports to a user: one line of message, an optional hint.

    A message that names parameters is a template: `{since}` with `since=Param("since")` among
    `values` (each other value is put in as it is, so a typed text's braces stay text). `message`
    and `hint` are spelled as the command line spells parameters; `worded(as_keyword)` gives the
    same error as the Python API words it. `params` names the parameters the message is about."""

    exit_code: int = ExitCode.DATA

    def __init__(self, message: str, hint: str | None = None, /, **values: object) -> None:
        self._wording = (message, hint, values)
        self.params = tuple(v.name for v in values.values() if isinstance(v, Param))
        self.message, self.hint = self._spelled(as_option)
        super().__init__(self.message)

    def _spelled(self, spell: Spelling) -> tuple[str, str | None]:
        message, hint, values = self._wording
        if not values:
            return message, hint
        filled = {k: spell(v) if isinstance(v, (Param, Call)) else v for k, v in values.items()}
        return message.format(**filled), None if hint is None else hint.format(**filled)

    def worded(self: E, spell: Spelling) -> E:
        """This error as another front end words its parameters (`as_keyword`: the Python API);
        itself when its message names none."""
        if not self._wording[2]:
            return self
        other = type(self).__new__(type(self))
        other.__dict__.update(self.__dict__)
        other.message, other.hint = self._spelled(spell)
        other.args = (other.message,)
        return other

    def with_hint(self: E, hint: str | None) -> E:
        """This error with another hint (a template, as the message is)."""
        message, _, values = self._wording
        return type(self)(message, hint, **values)

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
