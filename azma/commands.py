"""What each command does, as plain functions: options in, an answer on stdout.

The Typer declaration in `azma.cli` is the one place the command line is defined; it calls
these functions, and so does the fast path (`azma.fastpath`), which answers well-formed
command lines from a spec derived from that declaration without importing Typer. Each function
builds a Query, runs the engine and hands a Listing to a renderer; errors are AzmaError.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from azma.errors import DataError, ExitCode, UsageError
from azma.model import Dataset
from azma.output import choose_format, emit, print_error, write_out


@dataclass
class State:
    """What the global options chose; the dataset is loaded on first use only."""

    data_files: list[Path] = field(default_factory=list)
    color: bool = True
    _dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            from azma.load import load_dataset, user_files_from_env

            self._dataset = load_dataset([*user_files_from_env(), *self.data_files])
        return self._dataset


def timeline(
    state: State,
    since: str | None = None,
    until: str | None = None,
    field: Sequence[str] | None = None,
    kind: Sequence[str] | None = None,
    actor: str | None = None,
    place: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    reverse: bool = False,
    format: str | None = None,
) -> None:
    from azma.query import make_query, select_timeline
    from azma.render import listings

    choose_format(format)
    dataset = state.dataset()
    query = make_query(dataset, since=since, until=until, fields=field or (), kinds=kind or (),
                       kind_scope="timeline", actor=actor, place=place, text=text, limit=limit, reverse=reverse)  # fmt: skip
    emit(listings.timeline(select_timeline(dataset, query)), format, color_allowed=state.color)


def agreements(
    state: State,
    since: str | None = None,
    until: str | None = None,
    field: Sequence[str] | None = None,
    kind: Sequence[str] | None = None,
    actor: str | None = None,
    place: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    reverse: bool = False,
    format: str | None = None,
) -> None:
    from azma.query import make_query, select_agreements
    from azma.render import listings

    choose_format(format)
    dataset = state.dataset()
    query = make_query(dataset, since=since, until=until, fields=field or (), kinds=kind or (),
                       kind_scope="agreements", actor=actor, place=place, text=text, limit=limit, reverse=reverse)  # fmt: skip
    emit(listings.agreements(select_agreements(dataset, query)), format, color_allowed=state.color)


def trade(
    state: State,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    reverse: bool = False,
    chart: bool = False,
    format: str | None = None,
) -> None:
    from azma.query import make_query, trade_series
    from azma.render import listings

    choose_format(format)
    dataset = state.dataset()
    query = make_query(dataset, since=since, until=until, limit=limit, reverse=reverse)
    emit(listings.trade(trade_series(dataset, query)), format, color_allowed=state.color, chart=chart)


def search(
    state: State,
    text: str,
    since: str | None = None,
    until: str | None = None,
    field: Sequence[str] | None = None,
    limit: int | None = None,
    reverse: bool = False,
    format: str | None = None,
) -> None:
    from azma.query import make_query
    from azma.query import search as run_search
    from azma.render import listings

    choose_format(format)
    dataset = state.dataset()
    query = make_query(dataset, since=since, until=until, fields=field or (), limit=limit, reverse=reverse)
    emit(listings.search(run_search(dataset, text, query), dataset), format, color_allowed=state.color)


def show(state: State, record_id: str, format: str | None = None) -> None:
    from azma.render import record

    fmt = choose_format(format or "text", ("text", "plain", "json"))
    write_out(record.render_record(state.dataset(), record_id, fmt))


def sources(state: State, format: str | None = None) -> None:
    from azma.render import listings

    choose_format(format)
    emit(listings.sources(state.dataset()), format, color_allowed=state.color)


def fields(state: State, format: str | None = None) -> None:
    from azma.render import listings

    choose_format(format)
    emit(listings.fields(state.dataset()), format, color_allowed=state.color)


def actors(
    state: State, text: str | None = None, limit: int | None = None, format: str | None = None
) -> None:
    from azma.query import select_actors
    from azma.render import listings

    choose_format(format)
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    dataset = state.dataset()
    emit(listings.actors(dataset, select_actors(dataset, text, limit)), format, color_allowed=state.color)


def validate(state: State, files: Sequence[Path] | None = None, format: str | None = None) -> int:
    """Check bundled and user data; print every problem; return 0 (valid) or 1."""
    from azma.load import build_dataset, bundled_files, user_files_from_env

    fmt = choose_format(format or "text", ("text", "json"))
    paths = [*bundled_files(), *user_files_from_env(), *state.data_files, *(files or [])]
    try:
        dataset = build_dataset(paths)
    except DataError as exc:
        problems = exc.problems
    else:
        problems = []
    if fmt == "json":
        import json

        rows = [{"file": p.file, "line": p.line, "record": p.record, "message": p.message} for p in problems]
        write_out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        write_out("".join(f"{p}\n" for p in problems))
    if problems:
        print_error(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(paths)} files")
        return ExitCode.DATA
    counts = (f"{len(dataset.events)} events, {len(dataset.agreements)} agreements, "
              f"{len(dataset.trade)} trade rows, {len(dataset.actors)} actors, {len(dataset.sources)} sources")  # fmt: skip
    sys.stderr.write(f"azma: valid: {len(paths)} files, {counts}\n")
    return ExitCode.OK
