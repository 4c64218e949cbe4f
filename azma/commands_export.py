"""What `export`, `on-this-day` and `anniversaries` do, as plain functions (see azma.commands).

They follow the conventions of `azma.commands` exactly (a State and the options in, the answer
on stdout, AzmaError out) and are kept in their own module only so that two people could work
on the two files at once; they can move into `azma.commands` unchanged.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from azma.commands import State
from azma.errors import BrokenPipe, OutputError, UsageError, did_you_mean
from azma.output import choose_format, emit, note, write_out


def export_formats() -> list[str]:
    from azma.export import EXPORTERS  # a light module: the exporters load on use

    return list(EXPORTERS)


def write_bytes_out(data: bytes) -> None:
    """Write a document's bytes to stdout unchanged: exports are UTF-8 whatever the locale."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        write_out(data.decode("utf-8"))
        return
    try:
        sys.stdout.flush()
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise BrokenPipe("stdout was closed") from None
    except OSError as exc:
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """After a write failed, point stdout at /dev/null so the exit flush cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


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
        write_bytes_out(data)
        return
    write_atomic(target, data, force=force)
    note(f"wrote {target}")


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")


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
    _check_limit(limit)
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
    _check_limit(limit)
    target = date.today().year if year is None else year
    if not 1 <= target <= 9999:
        raise UsageError(f"--year must be between 1 and 9999, not {target}")
    dataset = state.dataset()
    found = find_anniversaries(
        select_timeline(dataset, make_query(dataset, fields=field or ())), target, every
    )
    listing = listings.anniversaries(found[:limit] if limit is not None else found, target, every)
    emit(listing, format, color_allowed=state.color)
