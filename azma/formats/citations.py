"""Numbered citations for the reports: [1], [2]… in the order sources are first cited."""

from __future__ import annotations

from azma.formats.listing import date_label
from azma.model import Source
from azma.query.selection import Selection

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


class Citations:
    """Source numbers for one report: timeline entries first, then agreements, then trade."""

    def __init__(self, selection: Selection) -> None:
        cited: dict[str, None] = {}  # in the order first cited, each once (a list's `in` is quadratic)
        groups: list[Iterable[str]] = [e.sources for e in selection.entries]
        groups += [a.sources for a in selection.agreements]
        groups += [f.row.sources for f in selection.trade]
        for ids in groups:
            cited.update(dict.fromkeys(ids))
        self.sources: list[Source] = selection.sources_of(list(cited))
        self._numbers = {s.id: n for n, s in enumerate(self.sources, start=1)}

    def numbers(self, source_ids: Iterable[str]) -> list[int]:
        """The numbers of these sources, ascending, each once."""
        return sorted({self._numbers[i] for i in source_ids if i in self._numbers})

    def numbered(self) -> list[tuple[int, Source]]:
        return list(enumerate(self.sources, start=1))


def source_text(source: Source) -> str:
    """One source as a citation line: title, publisher, date, kind (URL kept separate)."""
    when = date_label(source.date.text) if source.date else (source.printed_date or "undated")
    return f"{source.title}. {source.publisher}, {when} ({source.kind})."
