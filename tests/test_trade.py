"""Trade figures: balance and the year-on-year change of turnover."""

from __future__ import annotations

import json
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


# ----------------------------------------------------------------------------- bounds (issue 19)

BOUNDS = """
[[trade]]
year = 2020
reporter = "unknown"
partner = "Morocco"
turnover = 100.0
unit = "thousand USD"
sources = ["src-news"]

[[trade]]
year = 2021
reporter = "unknown"
partner = "Morocco"
turnover = 900.0
unit = "thousand USD"
sources = ["src-news"]
qualifier = "at-most"

[[trade]]
year = 2022
reporter = "unknown"
partner = "Morocco"
turnover = 120.0
unit = "thousand USD"
sources = ["src-news"]
qualifier = "approximate"

[[trade]]
year = 2023
reporter = "unknown"
partner = "Morocco"
imports = 50.0
exports = 60.0
turnover = 110.0
unit = "thousand USD"
sources = ["src-news"]
qualifier = "at-least"
"""


@pytest.fixture
def bounds(tmp_path: Path) -> Path:
    path = tmp_path / "bounds.toml"
    path.write_text(BOUNDS, encoding="utf-8")
    return path


def test_a_bound_is_never_a_value_in_a_change_or_a_balance(
    load: Callable[..., Dataset], bounds: Path
) -> None:
    data = load(bounds)
    figures = {f.row.year: f for f in trade_series(data, Filters()) if f.row.reporter == "unknown"}
    assert [figures[y].row.qualifier for y in (2020, 2021, 2022, 2023)] == [
        "exact",
        "at-most",
        "approximate",
        "at-least",
    ]
    # 2021 is a ceiling: no change to it, none from it; 2022 -> 2023 is to a floor
    assert figures[2021].turnover_change_pct is None and figures[2022].turnover_change_pct is None
    assert figures[2021].change_note == (
        "no change from 2020: 2021's turnover is a ceiling (at most 900.00 thousand USD), not a value"
    )
    assert figures[2022].change_note is not None and "ceiling" in figures[2022].change_note
    assert figures[2023].turnover_change_pct is None and "a floor (at least 110.00" in str(
        figures[2023].change_note
    )
    assert figures[2023].row.balance is None  # two floors give no balance


def test_bounds_are_marked_in_tables_and_plain_and_keyed_in_json(cli, bounds: Path) -> None:  # type: ignore[no-untyped-def]
    data = ("--data", str(bounds), "trade", "--since", "2020")
    plain = cli(*data, "--format", "plain")
    assert plain.exit_code == 0
    assert [line.split("\t")[3] for line in plain.stdout.splitlines()] == [
        "100.0",
        "≤ 900.0",
        "≈ 120.0",
        "≥ 110.0",
    ]
    assert plain.stdout.splitlines()[-1].split("\t")[1:3] == ["≥ 50.0", "≥ 60.0"]
    table = cli(*data, "--format", "table").stdout
    assert "≤ 900.00" in table and "≥ 110.00" in table and "≈ 120.00" in table
    assert "note: ≤ a ceiling: at most that much, the real figure is not known" in table
    result = cli(*data, "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["year"], r["qualifier"]) for r in rows] == [
        (2020, "exact"), (2021, "at-most"), (2022, "approximate"), (2023, "at-least"),
    ]  # fmt: skip
    assert result.stderr.count("note: ") == 2  # the ceiling and the floor, on stderr
    assert "2021's turnover is a ceiling (at most 900.00 thousand USD), not a value" in result.stderr
    header = cli(*data, "--format", "csv").stdout.splitlines()[0].split(",")
    assert header[5:7] == ["turnover", "qualifier"]


def test_an_unknown_qualifier_is_refused_naming_the_choices(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.toml"
    path.write_text(BOUNDS.replace('"at-most"', '"at_most"'), encoding="utf-8")
    result = cli("--data", str(path), "trade")
    assert result.exit_code == 1
    assert (
        "'qualifier' is 'at_most', not one of exact, approximate, at-most, at-least (did you mean 'at-most'?)"
        in result.stderr
    )


def test_a_part_year_period_is_a_duration_not_one_of_a_set(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "set.toml"
    path.write_text(
        BOUNDS.replace("year = 2020\n", 'year = 2020\nperiod = "[2020-01..2020-06]"\n', 1), encoding="utf-8"
    )
    result = cli("--data", str(path), "trade")
    assert result.exit_code == 1
    assert "'period' [2020-01..2020-06] is one of a set; a part of the year is a duration" in result.stderr


def test_the_terminal_chart_draws_a_ceiling_as_a_ceiling(cli, bounds: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("--data", str(bounds), "trade", "--since", "2020", "--chart", "--format", "plain")
    lines = {line.split()[0]: line for line in result.stderr.splitlines() if line[:4].isdigit()}
    assert (
        "≤ 900.00 ░" in lines["2021"] and "█" not in lines["2021"]
    )  # a light bar, the figure anywhere on it
    assert lines["2021"].endswith("▸")  # the ceiling is past the scale: cut, not the scale
    assert "≥ 110.00 █" in lines["2023"] and lines["2023"].endswith("▸")  # a floor goes on
    assert "≈ 120.00 █" in lines["2022"]
    # the scale is the largest figure that is a value (120), so it fills the width
    assert lines["2022"].count("█") > lines["2020"].count("█") > 0
