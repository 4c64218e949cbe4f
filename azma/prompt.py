"""Asking for a value at a terminal, for `azma add`: one question a key, checked as typed.

A wrong answer gets the same message (and suggestion) as a wrong option, and the question again;
`?` lists the valid values, Tab completes them (when Python has readline); an empty answer skips
a key that is not required. Ctrl-C or Ctrl-D stops: nothing is written. Questions go to stderr
when stdout is not a terminal, so `azma add event > id.txt` still asks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

from azma.add import FORMS, Checker, Key
from azma.errors import Cancelled, UsageError


def interactive(stdin: IO[str] | None = None) -> bool:
    """True when a person can answer: stdin is a terminal."""
    stream = sys.stdin if stdin is None else stdin
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


class Prompter:
    """Asks for values; `read(prompt, words)` returns one line (injected by tests)."""

    def __init__(
        self,
        read: Callable[[str, Sequence[str]], str] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.read = read or read_line
        self.say = say or _say

    def ask(self, key: Key, checker: Checker) -> Any:
        """The checked value for `key`, or None when an optional one is left empty."""
        choices = checker.choices(key)
        words = [value for value, _ in choices]
        label = key.label or key.name.replace("_", " ")
        prompt = f"{label}{' [? lists them]' if choices else ''}: "
        while True:
            try:
                text = self.read(prompt, words).strip()
            except (EOFError, KeyboardInterrupt):
                self.say("")
                raise Cancelled("cancelled; nothing was written") from None
            if text == "?" and choices:
                self.say(_listing(choices))
                continue
            if text == "?" and key.check in FORMS:  # a date, a number, a year: what may be typed
                self.say(f"  {FORMS[key.check]}")
                continue
            if not text:
                if key.required:
                    self.say(
                        f"  {label.split(' (')[0]} is required"
                        + (" (? lists the valid values)" if choices else "")
                    )
                    continue
                return None
            try:
                if key.many:
                    return [checker.check(key, item) for item in text.split(",") if item.strip()]
                return checker.check(key, text)
            except UsageError as exc:  # its hints quote words from data files: escaped
                from azma.safe import for_terminal

                self.say(f"  {for_terminal(str(exc))}")


def _listing(choices: Sequence[tuple[str, str]], columns: int | None = None) -> str:
    """One value a line with its description, cut with … to the terminal's width (stderr's)."""
    import shutil

    from azma.safe import for_terminal

    if columns is None:
        columns = shutil.get_terminal_size((80, 24)).columns
    width = max(len(value) for value, _ in choices)
    room = max(columns - width - 5, 10)  # two spaces before, two between, one for the cursor

    def cut(text: str) -> str:
        return text if len(text) <= room else text[: room - 1].rstrip() + "…"

    return "\n".join(
        f"  {for_terminal(value):<{width}}  {cut(for_terminal(description))}".rstrip()
        for value, description in choices
    )


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def read_line(prompt: str, words: Sequence[str]) -> str:
    """One line from the terminal; with readline (stdin and stdout terminals), Tab completes `words`."""
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line
    try:
        import readline
    except ImportError:  # Windows without pyreadline: no completion
        return input(prompt)
    previous = readline.get_completer(), readline.get_completer_delims()

    def complete(text: str, state: int) -> str | None:
        found = [w for w in words if w.startswith(text)]
        return found[state] if state < len(found) else None

    readline.set_completer(complete)
    readline.set_completer_delims(", \t\n")
    if "libedit" in (readline.__doc__ or ""):  # macOS's readline is libedit
        readline.parse_and_bind("bind ^I rl_complete")
    else:
        readline.parse_and_bind("tab: complete")
    try:
        return input(prompt)
    finally:
        readline.set_completer(previous[0])
        readline.set_completer_delims(previous[1])
