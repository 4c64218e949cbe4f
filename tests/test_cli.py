"""The `azma` command through CliRunner, on the fixture dataset, at a fixed width (COLUMNS=100)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import Result

import azma
from azma.cli import app
from azma.formats import names as format_names
from azma.formats import serialize as s

Run = Callable[..., Result]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOTES = FIXTURES / "user" / "notes.toml"
BAD_FIELD = FIXTURES / "invalid" / "unknown_field.toml"

# command -> (arguments, the keys of its rows in the machine formats)
LISTINGS: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "timeline": (["timeline"], s.TIMELINE_KEYS),
    "agreements": (["agreements"], s.AGREEMENT_KEYS),
    "trade": (["trade"], s.TRADE_KEYS),
    "search": (["search", "Rabat"], s.SEARCH_KEYS),
    "sources": (["sources"], s.SOURCE_KEYS),
    "fields": (["fields"], s.FIELD_KEYS),
    "actors": (["actors"], s.ACTOR_KEYS),
}
# The documented JSON contract: keys scripts rely on (rows may carry more, never fewer).
_RECORD = {"id", "date", "start", "end", "title", "summary", "kind", "fields", "sources"}
REQUIRED = {
    "timeline": _RECORD,
    "agreements": _RECORD | {"signed", "status", "milestones"},
    "trade": {"year", "imports", "exports", "turnover", "balance", "turnover_change_pct", "unit", "reporter"}
    | {"sources"},
}
EMPTY_ARGS = {
    "timeline": ["timeline", "--since", "2030"],
    "agreements": ["agreements", "--since", "2030"],
    "trade": ["trade", "--since", "2030"],
    "search": ["search", "no record says this"],
    "actors": ["actors", "--text", "no such actor"],
}


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def _json_rows(cli: Run, command: str, *extra: str) -> list[dict[str, Any]]:
    args, _ = LISTINGS[command]
    rows = json.loads(ok(cli(*args, *extra, "--format", "json")).stdout)
    assert isinstance(rows, list)
    return rows


# ----------------------------------------------------------------------------- every command, every format


@pytest.mark.parametrize("fmt", format_names("listing"))
@pytest.mark.parametrize("command", list(LISTINGS))
def test_every_listing_in_every_format(cli: Run, command: str, fmt: str) -> None:
    args, keys = LISTINGS[command]
    result = ok(cli(*args, "--format", fmt))
    assert result.stdout.strip()
    if fmt == "json":
        rows = json.loads(result.stdout)
        assert rows and all(list(row) == list(keys) for row in rows)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert rows == json.loads(ok(cli(*args, "--format", "json")).stdout)
    elif fmt in ("csv", "tsv"):
        table = list(csv.reader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t"))
        assert table[0] == list(keys)
        assert len(table) - 1 == len(_json_rows(cli, command))
    elif fmt == "markdown":
        table = [line for line in result.stdout.splitlines() if line.startswith("|")]
        assert table[1].startswith("|---")  # header, rule, then one line a record
        assert len(table) - 2 == len(_json_rows(cli, command))
    elif fmt == "plain":
        assert "\t" in result.stdout
        assert len(result.stdout.splitlines()) == len(_json_rows(cli, command))


@pytest.mark.parametrize("command", list(LISTINGS))
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_cells_agree_with_json(cli: Run, command: str, fmt: str) -> None:
    args, keys = LISTINGS[command]
    rows = _json_rows(cli, command)
    result = ok(cli(*args, "--format", fmt))
    table = list(csv.DictReader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t"))
    assert len(table) == len(rows)
    for flat, row in zip(table, rows, strict=True):
        for key in keys:
            value, cell = row[key], flat[key]
            if value is None:
                assert cell == "", key
            elif isinstance(value, bool):
                assert cell == ("true" if value else "false"), key
            elif isinstance(value, (int, float)):
                assert float(cell) == value, key
            elif isinstance(value, str):
                assert cell == value, key
            else:  # a list or an object: the cell holds it as JSON, items whole
                assert json.loads(cell) == value, key


@pytest.mark.parametrize("command", ["timeline", "agreements", "trade"])
def test_json_contract(cli: Run, command: str) -> None:
    rows = _json_rows(cli, command)
    assert rows
    for row in rows:
        assert REQUIRED[command] <= set(row), REQUIRED[command] - set(row)
        assert isinstance(row["sources"], list) and row["sources"]
        if command != "trade":
            assert isinstance(row["fields"], list) and row["fields"]
    if command == "agreements":
        for row in rows:
            for milestone in row["milestones"]:
                assert {"what", "date", "start", "end"} <= set(milestone)


def test_json_values(cli: Run) -> None:
    timeline = {r["id"]: r for r in _json_rows(cli, "timeline")}
    visit = timeline["first-visit"]
    assert (visit["date"], visit["start"], visit["end"], visit["kind"]) == (
        "1994",
        "1994-01-01",
        "1994-12-31",
        "visit",
    )
    assert timeline["undated-exchange"]["date"] is None
    assert list(timeline)[-2:] == ["undated-exchange", "culture-protocol.discussed"]
    agreements = {r["id"]: r for r in _json_rows(cli, "agreements")}
    defence = agreements["defence-agreement"]
    assert (defence["signed"], defence["status"]) == ("2024-10-08", "ratification-pending")
    assert [(m["what"], m["date"]) for m in defence["milestones"]] == [
        ("signed", "2024-10-08"),
        ("approved", "2025-01-10"),
    ]
    trade = [r for r in _json_rows(cli, "trade") if r["reporter"] == "Azerbaijan"]
    assert [(r["year"], r["balance"], r["turnover_change_pct"]) for r in trade[:3]] == [
        (2014, -20.0, None),
        (2015, -80.0, 50.0),
        (2016, -59.5, -50.0),
    ]


@pytest.mark.parametrize("fmt", format_names("listing"))
@pytest.mark.parametrize("command", list(EMPTY_ARGS))
def test_an_empty_result_is_not_an_error(cli: Run, command: str, fmt: str) -> None:
    result = ok(cli(*EMPTY_ARGS[command], "--format", fmt))
    keys = LISTINGS[command][1]
    expected = {
        "json": "[]\n",
        "jsonl": "",
        "csv": ",".join(keys) + "\n",
        "tsv": "\t".join(keys) + "\n",
        "table": "",
        "plain": "",
    }
    if fmt == "markdown":
        assert len(result.stdout.splitlines()) == 2  # the header and its rule
    else:
        assert result.stdout == expected[fmt]


def test_filters_and_ordering_through_the_cli(cli: Run) -> None:
    def ids(*args: str) -> list[str]:
        return [json.loads(line)["id"] for line in ok(cli(*args, "--format", "jsonl")).stdout.splitlines()]

    assert ids("timeline", "--field", "defense", "--until", "2024") == ["defence-agreement.signed"]
    assert ids("timeline", "--since", "2019-06", "--limit", "1") == ["twinning-discussed"]
    assert ids("timeline", "--since", "March 2018", "--until", "5 March 2018") == ["trade-talks-2018"]
    assert ids("timeline", "--reverse", "--limit", "2") == ["defence-agreement.approved", "defence-statement"]
    assert ids("timeline", "--kind", "visit", "--kind", "approved") == [
        "first-visit",
        "defence-agreement.approved",
    ]
    assert ids("timeline", "--place", "Rabat", "--text", "culture") == ["culture-days"]
    assert ids("agreements", "--kind", "mou") == ["economic-memorandum"]
    assert ids("agreements", "--since", "2025") == ["defence-agreement"]
    assert ids("search", "MARRAKECH") == ["forum-2018", "marrakesh"]
    assert ids("actors", "--text", "minister") == ["anna-example"]  # a role
    assert ids("actors", "--text", "ekzampl") == ["anna-example"]  # an alias


def test_plain_trade_notes_go_to_stderr(cli: Run) -> None:
    result = ok(cli("trade", "--format", "plain"))
    assert "note:" not in result.stdout
    assert "note: 2014: The first year reported." in result.stderr


@pytest.mark.parametrize("fmt", ["plain", "tsv", "json", "csv"])
def test_trade_chart_never_goes_into_data(cli: Run, fmt: str) -> None:
    charted = ok(cli("trade", "--chart", "--format", fmt))
    assert charted.stdout == ok(cli("trade", "--format", fmt)).stdout  # the data, unchanged
    assert "turnover (thousand USD)" in charted.stderr  # the chart is drawn where people look


def test_trade_chart_follows_the_table(cli: Run) -> None:
    table = ok(cli("trade", "--chart", "--format", "table")).stdout
    assert table.index("Turnover") < table.index("turnover (thousand USD)")


@pytest.mark.parametrize(
    ("record_id", "record_type"),
    [
        ("commission-2023", "event"),
        ("defence-agreement", "agreement"),
        ("anna-example", "actor"),
        ("marrakesh", "place"),
        ("src-news", "source"),
        ("trade-2015-azerbaijan", "trade"),
    ],
)
def test_show_every_record_type(cli: Run, record_id: str, record_type: str) -> None:
    text = ok(cli("show", record_id)).stdout
    assert text.startswith(record_type)
    assert ok(cli("show", record_id, "--format", "plain")).stdout == text
    doc = json.loads(ok(cli("show", record_id, "--format", "json")).stdout)
    assert doc["record_type"] == record_type
    assert doc.get("id", f"trade-{doc.get('year')}-{str(doc.get('reporter')).lower()}") == record_id
    assert isinstance(doc["linked"], list) and isinstance(doc["source_details"], list)


def test_global_no_color_is_accepted(cli: Run) -> None:
    assert (
        ok(cli("--no-color", "timeline", "--format", "table")).stdout
        == ok(cli("timeline", "--format", "table")).stdout
    )


# ----------------------------------------------------------------------------- user files


def test_data_option_adds_user_records(cli: Run) -> None:
    rows = json.loads(
        ok(cli("--data", str(NOTES), "timeline", "--since", "2025-03", "--format", "json")).stdout
    )
    mine = next(r for r in rows if r["id"] == "my-briefing-2025")
    assert (mine["kind"], mine["sources"], mine["fields"]) == ("event", ["my-notes"], ["culture"])
    sources = json.loads(ok(cli("--data", str(NOTES), "sources", "--format", "json")).stdout)
    assert {"src-news", "src-encyclopedia", "my-notes"} == {r["id"] for r in sources}


def test_azma_data_env_adds_user_records(cli: Run) -> None:
    result = ok(cli("show", "my-briefing-2025", "--format", "json", env={"AZMA_DATA": str(NOTES)}))
    assert json.loads(result.stdout)["sources"] == ["my-notes"]


def test_validate(cli: Run) -> None:
    result = ok(cli("validate", str(NOTES)))
    assert result.stdout == ""
    assert "valid" in result.stderr
    assert json.loads(ok(cli("validate", "--format", "json")).stdout) == []


def test_validate_lists_every_problem(cli: Run) -> None:
    path = FIXTURES / "invalid" / "several.toml"
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 4
    assert all(line.startswith(f"{path}:") for line in result.stdout.splitlines())
    assert "4 problems" in result.stderr
    rows = json.loads(cli("validate", "--format", "json", str(path)).stdout)
    assert [set(r) for r in rows] == [{"file", "line", "record", "message"}] * 4
    assert {r["line"] for r in rows} == {11, 20, 21, 23}  # the offending key's line, else the table's


# ----------------------------------------------------------------------------- bad input: exit code, message


@pytest.mark.parametrize(
    ("args", "code", "fragments"),
    [
        (["timeline", "--since", "2019-13"], 2, ["--since", "no month 13"]),
        (["timeline", "--until", "03/04/2018"], 2, ["--until", "ambiguous", "YYYY-MM-DD"]),
        (["timeline", "--since", "5 March"], 2, ["--since", "year"]),
        (["agreements", "--since", "yesterday"], 2, ["--since"]),
        (["timeline", "--since", "2020", "--until", "2019"], 2, ["after"]),
        (["trade", "--since", "2020", "--until", "2019"], 2, ["after"]),
        (["timeline", "--field", "defens"], 2, ["unknown field 'defens'", "did you mean 'defence'"]),
        (["agreements", "--field", "cultur"], 2, ["did you mean 'culture'"]),
        (["timeline", "--kind", "mou"], 2, ["--kind", "'mou'"]),
        (["timeline", "--format", "xml"], 2, ["unknown format 'xml'"]),
        (["trade", "--format", "jsonn"], 2, ["did you mean 'json'"]),
        (["show", "rabat", "--format", "csv"], 2, ["unknown format 'csv'"]),
        (["validate", "--format", "csv"], 2, ["unknown format 'csv'"]),
        (["timeline", "--limit", "-1"], 2, ["--limit", "-1"]),
        (["actors", "--limit", "-1"], 2, ["--limit", "-1"]),
        (["timeline", "--limit", "many"], 2, ["many"]),
        (["timeline", "--bogus"], 2, ["No such option", "--bogus"]),
        (["frobnicate"], 2, ["frobnicate"]),
        (["search", " "], 2, ["give some text"]),
        (["show", "first-visti"], 1, ["no record with id 'first-visti'", "did you mean 'first-visit'"]),
        (["show", "nothing-like-it-at-all"], 1, ["no record with id"]),
        (["--data", str(BAD_FIELD), "timeline"], 1, [str(BAD_FIELD), "did you mean 'culture'", "1 problem"]),
        (["--data", "/no/such/file.toml", "agreements"], 1, ["/no/such/file.toml", "no such file"]),
        (["--data", str(FIXTURES), "trade"], 1, ["is a folder with no .toml files"]),
    ],
)
def test_bad_input(cli: Run, args: list[str], code: int, fragments: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == code, result.output
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_a_bad_user_file_from_the_environment(cli: Run) -> None:
    result = cli("timeline", env={"AZMA_DATA": str(BAD_FIELD)})
    assert result.exit_code == 1
    assert f"{BAD_FIELD}:5 [bad-field]: unknown field 'cultur'" in result.stderr
    assert result.stdout == ""


def test_bad_format_is_refused_before_the_data_is_read(cli: Run) -> None:
    result = cli("--data", str(BAD_FIELD), "timeline", "--format", "xml")
    assert result.exit_code == 2


# ----------------------------------------------------------------------------- help and version


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_commands() -> None:
    assert set(COMMANDS) >= {
        "timeline",
        "agreements",
        "trade",
        "search",
        "show",
        "sources",
        "fields",
        "actors",
        "validate",
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli: Run, command: str) -> None:
    result = ok(cli(command, "--help"))
    assert "Example" in result.stdout
    assert f"azma {command}" in result.stdout
    assert ok(cli(command, "-h")).stdout == result.stdout


def test_main_help_has_examples_and_lists_every_command(cli: Run) -> None:
    result = ok(cli("--help"))
    assert "Example" in result.stdout
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(cli: Run, flag: str) -> None:
    assert ok(cli(flag)).stdout == f"azma {azma.__version__}\n"
