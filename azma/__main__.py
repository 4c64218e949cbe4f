"""`azma` and `python -m azma`: the fast path first, the Typer application otherwise."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    # A run is short and builds many objects that all live to the end: the cyclic garbage
    # collector would only re-scan them (a third of the time of a large query).
    gc.disable()
    from azma import fastpath

    code = fastpath.run(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from azma import cli

    try:
        cli.main()
    finally:
        fastpath.remember(cli.app)


if __name__ == "__main__":
    main()
