"""`azma` and `python -m azma`: the fast path first, the Typer application otherwise.

`run` is the console script: `main`, then the process ends without tearing the interpreter
down (freeing every object of a run that is over costs as much as a tenth of a short answer).
`main` itself ends with SystemExit, as Python code calling it expects.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    # A run is short and builds many objects that all live to the end: the cyclic garbage
    # collector would only re-scan them (a third of the time of a large query).
    gc.disable()
    from azma.errors import ExitCode

    if sys.stderr is None:  # started with stderr closed (2>&-): messages go nowhere, codes stay
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives to the end)
    if sys.stdout is None:  # started with stdout closed (`azma timeline >&-`)
        sys.stderr.write("azma: stdout is closed; nothing was written\n")
        sys.exit(ExitCode.OUTPUT)
    try:
        from azma import fastpath

        code = fastpath.run(sys.argv[1:])
        if code is not None:
            sys.stdout.flush()
            sys.exit(code)
        from azma import cli

        try:
            cli.main()
        finally:
            fastpath.remember(cli.app)
            sys.stdout.flush()  # help or usage text Typer printed may still be buffered
    except OSError as exc:  # writing help or usage text failed (a full disk, a closed pipe)
        from azma.errors import BrokenPipe, OutputError
        from azma.files import report, silence_stdout

        silence_stdout()
        failure = (
            BrokenPipe("")
            if isinstance(exc, BrokenPipeError)
            else OutputError(f"cannot write the output: {exc.strerror or exc}")
        )
        sys.exit(report(failure))


def run() -> None:
    """`main`, then leave at once with its exit code (stdout and stderr flushed, no teardown)."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # a message, as sys.exit("...") gives: printed, and the run failed
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
