"""The `azma` command through CliRunner, on the fixture dataset, at a fixed width (COLUMNS=100)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
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
    if fmt == "table":  # every record is in the table, its id (a trade row: its year) whole
        rows = _json_rows(cli, command)
        assert rows
        for row in rows:
            key = str(row.get("period") or row["year"]) if command == "trade" else str(row["id"])
            assert re.search(rf"(?<![\w.-]){re.escape(key)}(?![\w-])", result.stdout), key
    elif fmt == "json":
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
        "cards": "",
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


def test_global_options_are_accepted_before_and_after_the_command(cli: Run, tmp_path: Path) -> None:
    """(Colour itself is tested at a real terminal in tests/test_terminal.py.)"""
    notes = FIXTURES / "user" / "notes.toml"
    before = ok(cli("--data", str(notes), "--no-color", "timeline", "--format", "json")).stdout
    after = ok(cli("timeline", "--format", "json", "--data", str(notes), "--no-color")).stdout
    assert before == after
    assert {r["id"] for r in json.loads(after)} - {
        r["id"] for r in _json_rows(cli, "timeline")
    }  # the file's records


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
        (
            ["show", "first-visti"],
            1,
            ["no record has the id, name or title 'first-visti'", "did you mean 'first-visit'"],
        ),
        (["show", "nothing-like-it-at-all"], 1, ["no record has the id, name or title"]),
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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--limit", "abc"], "azma: Invalid value for '--limit': 'abc' is not a valid int. (see 'azma timeline --help')"),
        (["timeline", "--sinse", "2019"], "azma: No such option: --sinse (Possible options: --kind, --since, --wide) (see 'azma timeline --help')"),
        (["show"], "azma: show: give an id, a name or the first words of a title (e.g. azma show Bourita)"),
        (["timelin"], "azma: No such command 'timelin'. Did you mean 'timeline'? (see 'azma --help')"),
        (["timeline", "extra"], "azma: Got unexpected extra argument(s) (extra) (see 'azma timeline --help')"),
        # a date typed without quotes: the shell made it three arguments
        (["timeline", "--since", "5", "March", "2018", "--field", "culture"], "azma: Got unexpected extra argument(s) (March 2018) (a date with spaces is one argument: quote it, --since '5 March 2018')"),
        (["agreements", "--until=March", "2018"], "azma: Got unexpected extra argument(s) (2018) (a date with spaces is one argument: quote it, --until 'March 2018')"),
        (["timeline", "--since", "2018", "extra"], "azma: Got unexpected extra argument(s) (extra) (see 'azma timeline --help')"),
    ],
)  # fmt: skip
def test_click_usage_errors_are_one_azma_line(cli: Run, args: list[str], message: str) -> None:
    """Click's own errors in azma's form: one line on stderr, the suggestion in it, exit 2."""
    result = cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--no-color", "timeline", "--format", "table"], ["timeline", "--no-color", "--format", "table"]),
        (["--data", str(NOTES), "timeline", "--format", "json"], ["timeline", "--data", str(NOTES), "--format", "json"]),
        (["--data", str(NOTES), "show", "my-briefing-2025"], ["show", "my-briefing-2025", "--data", str(NOTES)]),
        (["--data", str(NOTES), "validate"], ["validate", "--data", str(NOTES)]),
        (["--data", str(NOTES), "search", "briefing"], ["search", "--data", str(NOTES), "briefing"]),
    ],
)  # fmt: skip
def test_global_options_after_the_command(cli: Run, before: list[str], after: list[str]) -> None:
    first, then = cli(*before), cli(*after)
    assert (then.exit_code, then.stdout, then.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert first.exit_code == 0
    if "--data" in before and "validate" not in before:
        assert "my-briefing-2025" in then.stdout


_LISTS_WITH_SEPARATORS = """[[source]]
id = "list-source"
title = "Lists"
publisher = "me"
kind = "notes"

[[actor]]
id = "many-terms"
name = "Someone, with a comma"
type = "person"
roles = ["President of Azerbaijan (2018; 2023; 2025)", "a, b", 'says "hi"', "two\\nlines", "-1"]
aliases = ["[x]", "; y"]
sources = ["list-source"]
"""


def test_list_cells_round_trip_through_csv_and_duckdb(cli: Run, tmp_path: Path) -> None:
    """A list is one cell holding JSON: items with ';', ',', quotes or newlines come back whole
    through Python's csv module and through DuckDB's read_csv + from_json."""
    import duckdb

    user = tmp_path / "lists.toml"
    user.write_text(_LISTS_WITH_SEPARATORS, encoding="utf-8")
    expected = {
        r["id"]: r for r in json.loads(ok(cli("--data", str(user), "actors", "--format", "json")).stdout)
    }
    roles = expected["many-terms"]["roles"]
    assert roles == ["President of Azerbaijan (2018; 2023; 2025)", "a, b", 'says "hi"', "two\nlines", "-1"]
    path = tmp_path / "actors.csv"
    path.write_text(ok(cli("--data", str(user), "actors", "--format", "csv")).stdout, encoding="utf-8")
    with open(path, newline="", encoding="utf-8") as handle:
        read = {row["id"]: row for row in csv.DictReader(handle)}
    for key in ("roles", "aliases", "sources"):
        assert json.loads(read["many-terms"][key]) == expected["many-terms"][key]
    assert read["many-terms"]["name"] == "Someone, with a comma"
    found = duckdb.sql(
        "SELECT id, name, from_json(roles, '[\"VARCHAR\"]') AS roles, from_json(aliases, '[\"VARCHAR\"]') AS aliases "
        f"FROM read_csv('{path}', header = true, all_varchar = true) ORDER BY id"
    ).fetchall()
    assert {row[0]: (row[1], row[2], row[3]) for row in found} == {
        key: (row["name"], row["roles"], row["aliases"]) for key, row in expected.items()
    }


def test_numbers_stay_numbers_in_duckdb(cli: Run, tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "trade.csv"
    path.write_text(ok(cli("trade", "--format", "csv")).stdout, encoding="utf-8")
    rows = json.loads(ok(cli("trade", "--format", "json")).stdout)
    described = duckdb.sql(f"DESCRIBE SELECT * FROM read_csv('{path}', header = true)").fetchall()
    types = {row[0]: row[1] for row in described}
    assert (types["year"], types["turnover"], types["turnover_change_pct"]) == ("BIGINT", "DOUBLE", "DOUBLE")
    found = duckdb.sql(
        f"SELECT year, reporter, turnover, balance FROM read_csv('{path}', header = true)"
    ).fetchall()
    assert sorted(found, key=str) == sorted(
        ((r["year"], r["reporter"], r["turnover"], r["balance"]) for r in rows), key=str
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--field", "defence", "--kind", "visit"],
         "azma: no events matched --field and --kind together; try fewer filters\n"),
        (["timeline", "--text", "zzzqqq"], "azma: no events matched --text; try another --text\n"),
        (["timeline", "--since", "2099"], "azma: no events matched --since/--until; try a wider --since/--until\n"),
        (["timeline", "--until", "1900", "--field", "culture"],
         "azma: no events matched --since/--until and --field together; try a wider --since/--until or fewer filters\n"),
        (["agreements", "--kind", "protocol", "--field", "trade"],
         "azma: no agreements matched --field and --kind together; try fewer filters\n"),
        (["trade", "--since", "2099"],
         "azma: no trade figures matched --since/--until; try a wider --since/--until\n"),
    ],
)  # fmt: skip
def test_an_empty_answer_says_what_to_loosen(
    cli: Run, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    """Only a date window given is a reason to suggest a wider --since/--until."""
    from azma.terminal import Terminal

    at_terminal = Terminal(is_tty=True, width=100, stderr_tty=True)
    monkeypatch.setattr(Terminal, "detect", classmethod(lambda cls, *a, **k: at_terminal))
    result = ok(cli(*args))
    assert (result.stdout, result.stderr) == ("", message)


def test_validate_counts_the_files_it_read(cli: Run) -> None:
    bundled = len(list((FIXTURES / "bundled").glob("*.toml")))
    assert ok(cli("validate", str(NOTES))).stderr.startswith(
        f"azma: valid: {bundled} bundled files and 1 user file read;"
    )
    assert ok(cli("validate", str(NOTES), "--data", str(NOTES))).stderr.startswith(
        f"azma: valid: {bundled} bundled files and 1 user file read;"
    )
    assert ok(cli("validate")).stderr.startswith(f"azma: valid: {bundled} bundled files read;")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_file_is_refused_everywhere_a_file_is_named(cli: Run, device: str) -> None:
    expected = f"{device}: is a device or socket, not a file; give a .toml file\n"
    for args, env in (
        (["--data", device, "timeline"], {}),
        (["timeline", "--data", device], {}),
        (["timeline"], {"AZMA_DATA": device}),
        (["validate", device], {}),
    ):
        result = cli(*args, env=env)
        assert result.exit_code == 1
        assert result.stdout in ("", expected)  # validate lists problems on stdout
        assert expected in result.stdout + result.stderr


def test_thousands_of_problems_are_counted_not_all_printed(cli: Run, tmp_path: Path) -> None:
    from azma.formats.problems import MAX_PROBLEMS_SHOWN

    path = tmp_path / "bad.toml"
    path.write_text(
        "".join(
            f'[[event]]\nid = "e-{i}"\ntitle = "t"\nfields = ["culture"]\nsources = ["src-news"]\ncolour = "red"\n'
            for i in range(MAX_PROBLEMS_SHOWN + 50)
        ),
        encoding="utf-8",
    )
    listed = cli("validate", str(path))
    lines = listed.stdout.splitlines()
    assert len(lines) == MAX_PROBLEMS_SHOWN + 1
    assert lines[-1] == "… and 50 more problems (azma validate --format json lists every one)"
    assert listed.stderr.startswith(f"azma: {MAX_PROBLEMS_SHOWN + 50} problems in the data")
    assert len(json.loads(cli("validate", str(path), "--format", "json").stdout)) == MAX_PROBLEMS_SHOWN + 50
    query = cli("--data", str(path), "timeline")
    shown = query.stderr.splitlines()
    assert (query.exit_code, query.stdout, len(shown)) == (1, "", MAX_PROBLEMS_SHOWN + 2)
    assert shown[:-1] == lines  # the same list as validate's, above the one-line error


def test_an_unreadable_file_is_the_same_error_on_a_cold_and_a_warm_cache(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any file, so a file with no read permission is made unreadable by a stand-in
    for the read; chmod itself is real, so the cache sees what a user's chmod would change."""
    import azma.load.read

    real_read = azma.load.read.read_data_file

    def read(path: Path) -> bytes:
        if not os.stat(path).st_mode & 0o444:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(azma.load.read, "read_data_file", read)
    path = tmp_path / "mine.toml"
    path.write_bytes(NOTES.read_bytes())
    cached = {"AZMA_NO_CACHE": None, "AZMA_CACHE_DIR": str(tmp_path / "cache")}
    refused = f"{path}: cannot be read: Permission denied\n"
    outcomes = []
    for mode in (0o000, 0o000, 0o644, 0o644, 0o000, 0o000):
        os.chmod(path, mode)
        result = cli("--data", str(path), "timeline", "--format", "jsonl", env=cached)
        outcomes.append((result.exit_code, result.stderr.startswith(refused)))
    assert outcomes == [(1, True), (1, True), (0, False), (0, False), (1, True), (1, True)]
    assert any((tmp_path / "cache").rglob("*")), "the readable runs used the cache"


@pytest.mark.parametrize("text", ["gence", "GƏNCƏ", "ganca", "Gəncə"])
def test_search_finds_ganja_by_either_romanisation(cli: Run, text: str) -> None:
    rows = json.loads(ok(cli("search", text, "--format", "json")).stdout)
    assert "ganja" in {r["id"] for r in rows}


def test_every_command_takes_the_global_options_after_it() -> None:
    """--data, --no-color and --no-bundled work before the command and after it, on every command."""
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        commands = (
            command.commands.values() if hasattr(command, "commands") else [command]
        )  # `add` has subcommands
        for each in commands:
            options = {opt for param in each.params for opt in param.opts}
            assert {"--data", "--no-color", "--no-bundled"} <= options, (name, each.name)


def test_show_finds_a_milestone_held_at_an_event(cli: Run) -> None:
    """`agreement-id.signed` names the signing even when the timeline lists it under its event."""
    agreements = _json_rows(cli, "agreements")
    held = [(a["id"], m["what"]) for a in agreements for m in a["milestones"] if m["event"]]
    assert held
    for agreement, what in held:
        shown = ok(cli("show", f"{agreement}.{what}", "--format", "json")).stdout
        assert json.loads(shown)["record_type"] == "milestone"


# ----------------------------------------------------------------------------- one declaration


def test_the_filter_options_are_declared_once_in_the_order_of_filteroptions() -> None:
    """azma.cli.FILTER_OPTIONS declares one option per field of FilterOptions, in its order, and
    each filter's and global option's name is written once in cli.py."""
    from azma import cli
    from azma.query import FilterOptions

    assert tuple(cli.FILTER_OPTIONS) == FilterOptions._fields
    start = azma.commands.start.__code__
    keywords = start.co_varnames[start.co_argcount : start.co_argcount + start.co_kwonlyargcount]
    assert tuple(cli.GLOBAL_OPTIONS) == keywords  # each global option reaches the run's state
    source = Path(cli.__file__).read_text(encoding="utf-8")
    for option in ("--since", "--until", "--text", "--reverse", "--data", "--no-color", "--no-bundled"):
        assert source.count(f'"{option}"') == 1, option
    for option in ("--format", "--limit", "--kind"):  # several helps, one declaring function
        assert source.count(f'"{option}"') == 1, option


@pytest.mark.parametrize(
    ("args", "impl", "expected"),
    [
        (["timeline", "--since", "2018", "--field", "culture", "--field", "defence", "--reverse"], "timeline",
         azma.FilterOptions(since=("2018",), field=("culture", "defence"), reverse=True)),
        (["agreements", "--kind", "protocol", "--limit", "2"], "agreements",
         azma.FilterOptions(kind=("protocol",), limit=(2,))),
        (["search", "Rabat", "--until", "2020"], "search", azma.FilterOptions(until=("2020",))),
        (["actors", "--text", "minister"], "actors", azma.FilterOptions(text=("minister",))),
        (["export", "ics", "--actor", "Bourita"], "export", azma.FilterOptions(actor=("Bourita",))),
        (["on-this-day", "03-05", "--field", "culture"], "on_this_day", azma.FilterOptions(field=("culture",))),
    ],
)  # fmt: skip
@pytest.mark.parametrize("fast", [False, True])
def test_the_filters_reach_the_command_as_one_typed_value(
    monkeypatch: pytest.MonkeyPatch, args: list[str], impl: str, expected: azma.FilterOptions, fast: bool
) -> None:
    """Typer and the fast path both hand a command its filters as one FilterOptions value."""
    from azma import commands, fastpath

    seen: list[object] = []

    def spy(state: object, *positional: object, filters: azma.FilterOptions, **options: object) -> int:
        seen.append(filters)
        return 0

    monkeypatch.setattr(commands, impl, spy)
    if fast:
        assert fastpath.run(args, fastpath.derive_spec(app)) == 0
    else:
        from typer.testing import CliRunner

        assert CliRunner().invoke(app, args).exit_code == 0
    assert seen == [expected]
