"""`azma` and `python -m azma`: the fast path first, the Typer application otherwise."""

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


if __name__ == "__main__":
    main()
