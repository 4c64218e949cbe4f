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
from datetime import date
from pathlib import Path
from typing import Any, Literal

from azma.errors import DataError, ExitCode, UsageError, did_you_mean
from azma.model import Dataset
from azma.output import (
    choose_format,
    emit,
    note,
    print_error,
    render_options,
    stdout_is_tty,
    write_out,
)
from azma.streams import write_bytes


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


def check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")


def _filtered(
    state: State, scope: Literal["timeline", "agreements"], format: str | None, **filters: Any
) -> None:
    """timeline and agreements: build the Query, select, draw."""
    from azma.query import make_query, select_agreements, select_timeline
    from azma.render import listings

    choose_format(format)
    dataset = state.dataset()
    query = make_query(dataset, kind_scope=scope, **filters)
    if scope == "timeline":
        listing = listings.timeline(select_timeline(dataset, query))
    else:
        listing = listings.agreements(select_agreements(dataset, query))
    emit(listing, format, color_allowed=state.color)


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
    _filtered(state, "timeline", format, since=since, until=until, fields=field or (), kinds=kind or (),
              actor=actor, place=place, text=text, limit=limit, reverse=reverse)  # fmt: skip


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
    _filtered(state, "agreements", format, since=since, until=until, fields=field or (), kinds=kind or (),
              actor=actor, place=place, text=text, limit=limit, reverse=reverse)  # fmt: skip


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
    wrap = render_options(state.color).width if stdout_is_tty() else None  # a pipe gets whole lines
    write_out(record.render_record(state.dataset(), record_id, fmt, wrap))


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
    check_limit(limit)
    dataset = state.dataset()
    emit(listings.actors(dataset, select_actors(dataset, text, limit)), format, color_allowed=state.color)


def validate(state: State, files: Sequence[Path] | None = None, format: str | None = None) -> int:
    """Check bundled and user data; print every problem; return 0 (valid) or 1."""
    from azma.load import build_dataset, bundled_files, unique_files, user_files_from_env

    fmt = choose_format(format or "text", ("text", "json"))
    paths = unique_files([*bundled_files(), *user_files_from_env(), *state.data_files, *(files or [])])
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
        print_error(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the data ({len(paths)} files read)"
        )
        return ExitCode.DATA
    counts = (f"{len(dataset.events)} events, {len(dataset.agreements)} agreements, "
              f"{len(dataset.trade)} trade rows, {len(dataset.actors)} actors, {len(dataset.sources)} sources")  # fmt: skip
    sys.stderr.write(f"azma: valid: {len(paths)} files read, {counts}\n")
    return ExitCode.OK


def export_formats() -> list[str]:
    from azma.export import EXPORTERS  # a light module: the exporters load on use

    return list(EXPORTERS)


def export(
    state: State,
    format: str,
    since: str | None = None,
    until: str | None = None,
    field: Sequence[str] | None = None,
    kind: Sequence[str] | None = None,
    actor: str | None = None,
    place: str | None = None,
    text: str | None = None,
    output: Path | None = None,
    force: bool = False,
    include_imprecise: bool = False,
) -> None:
    """Select with the timeline filters, render one document, write it to stdout or a file."""
    from azma.export import ExportOptions, exporter, select_for_export
    from azma.export.output import refuse_existing, write_atomic

    name = format.strip().lower()
    formats = export_formats()
    if name not in formats:
        raise UsageError(
            f"unknown export format '{format}'",
            did_you_mean(name, formats) or "choose one of " + ", ".join(formats),
        )
    if include_imprecise and name != "ics":
        raise UsageError(
            "--include-imprecise applies to ics only",
            "the other formats show every record with its precision",
        )
    target = output if output is not None and str(output) != "-" else None
    if target is not None:
        refuse_existing(target, force)  # before any work
    dataset = state.dataset()
    selection = select_for_export(
        dataset,
        since=since,
        until=until,
        fields=field or (),
        kinds=kind or (),
        actor=actor,
        place=place,
        text=text,
    )
    if not selection.entries:
        note("no timeline records matched; the export has none")
    data = exporter(name)(selection, ExportOptions(include_imprecise=include_imprecise)).encode("utf-8")
    if target is None:
        write_bytes(data)
        return
    write_atomic(target, data, force=force)
    note(f"wrote {target}")


def on_this_day(
    state: State,
    day: str | None = None,
    field: Sequence[str] | None = None,
    limit: int | None = None,
    format: str | None = None,
    today: date | None = None,
) -> None:
    """Records on a day of the year (today by default), with how many years ago."""
    from azma.anniversaries import on_this_day as find_on_day
    from azma.anniversaries import parse_day_of_year
    from azma.query import make_query, select_timeline
    from azma.render import listings

    choose_format(format)
    check_limit(limit)
    asked = parse_day_of_year(day, today or date.today())
    dataset = state.dataset()
    found = find_on_day(select_timeline(dataset, make_query(dataset, fields=field or ())), asked)
    listing = listings.on_this_day(found[:limit] if limit is not None else found, asked)
    emit(listing, format, color_allowed=state.color)


def anniversaries(
    state: State,
    year: int | None = None,
    every: int = 5,
    field: Sequence[str] | None = None,
    limit: int | None = None,
    format: str | None = None,
) -> None:
    """Round anniversaries (multiples of `every` years) falling in `year` (default: this year)."""
    from azma.anniversaries import anniversaries as find_anniversaries
    from azma.query import make_query, select_timeline
    from azma.render import listings

    choose_format(format)
    check_limit(limit)
    target = date.today().year if year is None else year
    if not 1 <= target <= 9999:
        raise UsageError(f"--year must be between 1 and 9999, not {target}")
    dataset = state.dataset()
    found = find_anniversaries(
        select_timeline(dataset, make_query(dataset, fields=field or ())), target, every
    )
    listing = listings.anniversaries(found[:limit] if limit is not None else found, target, every)
    emit(listing, format, color_allowed=state.color)
