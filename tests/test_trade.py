"""Trade figures: balance and the year-on-year change of turnover."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from azma.model import Dataset, TradeRow
from azma.query import FilterOptions, Filters, TradeFigure, make_filters, trade_series


def _expected_change(rows: tuple[TradeRow, ...], row: TradeRow) -> float | None:
    previous = next((r for r in rows if r.reporter == row.reporter and r.year == row.year - 1), None)
    if previous is None or previous.turnover == 0:
        return None
    return round((row.turnover - previous.turnover) / previous.turnover * 100, 1)


def _by_key(figures: list[TradeFigure]) -> dict[tuple[str, int], float | None]:
    return {(f.row.reporter, f.row.year): f.turnover_change_pct for f in figures}


def test_balance_is_exports_minus_imports(dataset: Dataset) -> None:
    assert dataset.trade
    for row in dataset.trade:
        assert row.balance == round(row.exports - row.imports, 2)
    balances = {(r.reporter, r.year): r.balance for r in dataset.trade}
    assert balances[("Azerbaijan", 2016)] == -59.5  # 0.25 - 59.75
    assert balances[("Morocco", 2015)] == 1.75  # 12.25 - 10.5


def test_change_of_turnover(dataset: Dataset) -> None:
    figures = trade_series(dataset, Filters())
    # every row once, ordered by period across reporters
    assert sorted(f.row.id for f in figures) == sorted(r.id for r in dataset.trade)
    assert [(f.row.year, f.row.reporter) for f in figures] == sorted(
        (r.year, r.reporter) for r in dataset.trade
    )
    for figure in figures:
        assert figure.turnover_change_pct == _expected_change(dataset.trade, figure.row)
    assert _by_key(figures) == {
        ("Azerbaijan", 2014): None,  # the first year
        ("Azerbaijan", 2015): 50.0,  # 80 -> 120
        ("Azerbaijan", 2016): -50.0,  # 120 -> 60
        ("Azerbaijan", 2018): None,  # no 2017 to compare with
        ("Morocco", 2015): None,  # the first year of another reporter
    }


def test_a_window_does_not_reset_the_change(dataset: Dataset) -> None:
    figures = trade_series(dataset, make_filters(dataset, FilterOptions(since="2016", until="2016")))
    assert _by_key(figures) == {("Azerbaijan", 2016): -50.0}


def test_reverse_and_limit(dataset: Dataset) -> None:
    everything = trade_series(dataset, Filters())
    assert trade_series(dataset, make_filters(dataset, FilterOptions(reverse=True))) == everything[::-1]
    assert trade_series(dataset, make_filters(dataset, FilterOptions(limit=2))) == everything[:2]


def test_a_zero_turnover_year_gives_no_percentage(load: Callable[..., Dataset], tmp_path: Path) -> None:
    path = tmp_path / "zero.toml"
    path.write_text(
        "[[trade]]\nyear = 2013\nreporter = 'Azerbaijan'\npartner = 'Morocco'\nimports = 0\nexports = 0\n"
        "turnover = 0\nunit = 'thousand USD'\nsources = ['src-news']\n",
        encoding="utf-8",
    )
    figures = _by_key(trade_series(load(path), Filters()))
    assert figures[("Azerbaijan", 2013)] is None
    assert figures[("Azerbaijan", 2014)] is None  # no division by zero


@pytest.mark.parametrize("turnover", ["15.004", "14.996"])
def test_turnover_may_differ_from_the_sum_by_rounding_only(
    load: Callable[..., Dataset], tmp_path: Path, turnover: str
) -> None:
    path = tmp_path / "rounded.toml"
    path.write_text(
        "[[trade]]\nyear = 2020\nreporter = 'Azerbaijan'\npartner = 'Morocco'\nimports = 10.0\n"
        f"exports = 5.0\nturnover = {turnover}\nunit = 'thousand USD'\nsources = ['src-news']\n",
        encoding="utf-8",
    )
    row = next(r for r in load(path).trade if r.year == 2020)
    assert row.turnover == float(turnover)
