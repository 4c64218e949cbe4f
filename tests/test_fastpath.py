"""The fast path answers exactly as the Typer application does, or hands over to it.

Both paths run in this process on generated command lines, with stdout and stderr captured as
bytes; wherever the fast path answers, its output, messages and exit code must equal Typer's.
"""

from __future__ import annotations

import enum
import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Optional

import pytest
import typer
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azma import cli, commands, fastpath
from azma.cli import app

VALUES: dict[str, list[str]] = {
    "--since": ["2018", "2019-06", "March 2011", "5 March 2018", "03/04/2018", "2031", "soon", ""],
    "--until": ["2012", "2018-03-05", "1990", "March", "2019-02-30"],
    "--field": ["culture", "defense", "trade", "nope", "CULTURE"],
    "--kind": ["visit", "signed", "protocol", "treaty", "xx"],
    "--actor": ["Bourita", "aliyev", "zzz"],
    "--place": ["Rabat", "Marrakech", "nowhere"],
    "--text": ["Marrakesh", "gəncə", "culture", ""],
    "--limit": ["0", "2", "-1", "abc", "+3", " 4"],
    "--format": ["json", "jsonl", "csv", "tsv", "plain", "markdown", "table", "xml", "JSON", "text"],
    "-f": ["json", "plain", "bogus"],
    "--year": ["2028", "0", "x"],
    "--every": ["5", "10", "0", "-5"],
}
POSITIONAL = [
    "Marrakech",
    "gence",
    "visit-rabat-2008",
    "nope",
    "-",
    "2018",
    "ics",
    "markdown",
    "timelinejs",
    "03-05",
    "5 March",
]
WRITES_FILES = {"init"}  # generated lines must not write into the checkout (tests/test_user.py runs it)
STRAY = ["--bogus", "-x", "--", "extra", "--since=2018", "--reverse=1", "-h", "--help"]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return fastpath.derive_spec(app)


def capture(run: Callable[[], int | None]) -> tuple[int | None, bytes, bytes]:
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        code = run()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        stdout.flush()
        stderr.flush()
        sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def both(
    argv: list[str], spec: dict[str, Any]
) -> tuple[tuple[int | None, bytes, bytes], tuple[int | None, bytes, bytes]]:
    fast = capture(lambda: fastpath.run(argv, spec))
    slow = capture(lambda: app(args=argv, prog_name="azma"))
    return fast, slow


@pytest.fixture(autouse=True)
def _fixed_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


def command_lines(spec: dict[str, Any]) -> st.SearchStrategy[list[str]]:
    @st.composite
    def build(draw: st.DrawFn) -> list[str]:
        argv: list[str] = []
        if draw(st.booleans()):
            argv.append("--no-color")
        name = draw(st.sampled_from(sorted(set(spec["commands"]) - WRITES_FILES)))
        argv.append(name)
        command = spec["commands"][name]
        options = [o for o in command["options"] if o in VALUES or command["options"][o][1] == "flag"]
        for _ in range(draw(st.integers(0, 4))):
            option = draw(st.sampled_from(options))
            if command["options"][option][1] == "flag":
                argv.append(option)
            elif draw(st.integers(0, 9)) == 0:
                argv.append(f"{option}={draw(st.sampled_from(VALUES[option]))}")
            else:
                argv += [option, draw(st.sampled_from(VALUES[option]))]
        for _ in range(len(command["arguments"]) + draw(st.integers(-1, 1))):
            argv.append(draw(st.sampled_from(POSITIONAL)))
        if draw(st.integers(0, 7)) == 0:
            argv.insert(draw(st.integers(0, len(argv))), draw(st.sampled_from(STRAY)))
        return argv

    return build()


def test_spec_covers_every_command_served_by_azma_commands(spec: dict[str, Any]) -> None:
    import azma.commands

    assert set(spec["commands"]) >= {
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
    for name, command in spec["commands"].items():
        assert callable(getattr(azma.commands, command["impl"])), name
    assert spec["commands"]["timeline"]["options"]["--field"] == ("field", "str", True)
    assert spec["commands"]["timeline"]["options"]["--reverse"][1] == "flag"
    assert spec["global"]["--version"][1] == "bail"  # eager options always go to Typer


@settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fast_path_matches_typer(spec: dict[str, Any], data: st.DataObject) -> None:
    argv = data.draw(command_lines(spec))
    fast, slow = both(argv, spec)
    if fast[0] is None:  # handed over: the fast path must not have printed anything
        assert fast[1:] == (b"", b""), argv
        return
    assert fast == slow, argv


def test_fast_path_answers_most_well_formed_lines(spec: dict[str, Any]) -> None:
    lines = [
        ["timeline", "--since", "2018"],
        ["timeline", "--field", "culture", "--field", "defense", "--format", "json"],
        ["--no-color", "agreements", "--kind", "protocol", "-f", "csv"],
        ["trade", "--chart", "--format=plain"],
        ["search", "Marrakech", "--limit", "2"],
        ["show", "nope"],
        ["timeline", "--since", "03/04/2018"],
        ["fields", "--format", "xml"],
        ["actors", "--text", "minister", "--format", "jsonl"],
        ["on-this-day", "03-05", "--format", "json"],
        ["anniversaries", "--year", "2028"],
        ["export", "markdown", "--field", "culture"],
    ]
    for argv in lines:
        fast, slow = both(argv, spec)
        assert fast[0] is not None, argv
        assert fast == slow, argv


def test_malformed_lines_go_to_typer(spec: dict[str, Any]) -> None:
    for argv in (["timeline", "--help"], ["--version"], ["timeline", "--limit", "abc"], ["timeline", "--since"],
                 ["timeline", "--bogus"], ["nosuchcommand"], [], ["timeline", "extra"]):  # fmt: skip
        assert fastpath.parse(argv, spec) is None, argv


def test_spec_is_remembered_and_a_corrupt_one_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AZMA_NO_CACHE", raising=False)
    monkeypatch.setenv("AZMA_CACHE_DIR", str(tmp_path))
    assert fastpath.run(["timeline"]) is None  # no spec yet: Typer answers
    fastpath.remember(app)
    stored = list((tmp_path / "azma-cache").glob("cli-spec-*.marshal"))
    assert len(stored) == 1
    code, out, _ = capture(lambda: fastpath.run(["timeline", "--format", "json"]))
    assert code == 0 and out.startswith(b"[")
    stored[0].write_bytes(b"not marshal data")
    assert fastpath.run(["timeline"]) is None


# ----------------------------------------------------------------------------- fails closed


def _throwaway(**option: Any) -> typer.Typer:
    """An app like azma's (a command served by azma.commands) whose one option uses a feature."""
    throwaway = typer.Typer()

    @throwaway.callback()
    def main() -> None:
        pass

    main.__azma_impl__ = "start"  # type: ignore[attr-defined]  # as azma.cli.starts marks its callback

    def timeline(value: Annotated[Any, typer.Option("--value", **option)] = None) -> None:
        pass

    timeline.__azma_impl__ = "timeline"  # type: ignore[attr-defined]
    throwaway.command()(timeline)
    return throwaway


class _Colour(enum.Enum):
    red = "red"
    blue = "blue"


def _bump(ctx: typer.Context, value: Any) -> Any:
    return value


def _today() -> str:
    return "2018"


@pytest.mark.parametrize(
    "feature",
    [
        {"envvar": "AZMA_TEST_VALUE"},
        {"callback": _bump},
        {"default_factory": _today},
        {"prompt": True},
        {"count": True},
        {"min": 1},  # an IntRange type
        {"case_sensitive": False},  # an Enum: a choice type
        {"parser": int},  # a custom conversion
        {"exists": True},  # a Path check the fast path does not repeat
        {"resolve_path": True},
    ],
    ids=lambda f: next(iter(f)),
)
def test_the_fast_path_declines_features_it_does_not_implement(feature: dict[str, Any]) -> None:
    name = next(iter(feature))
    annotation: Any = {
        "exists": Path,
        "resolve_path": Path,
        "count": int,
        "min": int,
        "case_sensitive": _Colour,
    }
    annotation = annotation.get(name, Optional[str])
    throwaway = _throwaway(**feature)
    callback = throwaway.registered_commands[0].callback
    callback.__annotations__["value"] = Annotated[annotation, typer.Option("--value", **feature)]  # type: ignore[union-attr]
    if name == "default_factory":
        callback.__defaults__ = None  # type: ignore[union-attr]
    spec = fastpath.derive_spec(throwaway)
    assert "timeline" not in spec["commands"], feature  # the whole command goes to Typer
    assert fastpath.parse(["timeline"], spec) is None
    assert fastpath.parse(["timeline", "--value", "1"], spec) is None


def test_the_fast_path_declines_required_options_and_nargs() -> None:
    for declared in (
        Annotated[str, typer.Option("--value")],  # required: no default
        Annotated[tuple[str, str], typer.Option("--value")],  # nargs 2
    ):
        throwaway = _throwaway()
        callback = throwaway.registered_commands[0].callback
        callback.__annotations__["value"] = declared  # type: ignore[union-attr]
        callback.__defaults__ = (("a", "b"),) if "tuple" in str(declared) else None  # type: ignore[union-attr]
        spec = fastpath.derive_spec(throwaway)
        assert "timeline" not in spec["commands"], declared


def test_a_plain_option_is_taken(spec: dict[str, Any]) -> None:
    """The control: the same throwaway app with a plain str option is served by the fast path."""
    throwaway = _throwaway()
    throwaway.registered_commands[0].callback.__annotations__["value"] = Annotated[  # type: ignore[union-attr]
        Optional[str], typer.Option("--value")
    ]
    own = fastpath.derive_spec(throwaway)
    assert own["commands"]["timeline"]["options"]["--value"] == ("value", "str", False)
    assert fastpath.parse(["timeline", "--value", "x"], own) == ("timeline", {}, {"value": "x"})


def test_the_group_declines_when_its_options_are_not_exact() -> None:
    throwaway = typer.Typer()

    @throwaway.callback()
    def main(data: Annotated[Optional[str], typer.Option("--data", envvar="AZMA_TEST_DATA")] = None) -> None:
        pass

    main.__azma_impl__ = "start"  # type: ignore[attr-defined]

    @throwaway.command()
    def timeline() -> None:
        pass

    timeline.__azma_impl__ = "timeline"  # type: ignore[attr-defined]
    spec = fastpath.derive_spec(throwaway)
    assert spec["global"] is None
    assert fastpath.parse(["timeline"], spec) is None


# ----------------------------------------------------------------------------- command and group features


def _app(
    group: dict[str, Any] | None = None, command: dict[str, Any] | None = None, marked: bool = True
) -> tuple[typer.Typer, Callable[..., None]]:
    """A throwaway app like azma's: a group whose callback is azma's `start` (unless not
    `marked`) and one command served by azma.commands, each built with the Typer settings given."""
    throwaway = typer.Typer(**(group or {}))

    @throwaway.callback()
    def main() -> None:
        pass

    if marked:
        main.__azma_impl__ = "start"  # type: ignore[attr-defined]

    def timeline(
        name: Annotated[Optional[str], typer.Argument()] = None,
        value: Annotated[Optional[str], typer.Option("--value")] = None,
    ) -> None:
        pass

    timeline.__azma_impl__ = "timeline"  # type: ignore[attr-defined]
    throwaway.command(**(command or {}))(timeline)
    return throwaway, timeline


def test_the_control_app_is_served() -> None:
    throwaway, _ = _app()
    spec = fastpath.derive_spec(throwaway)
    assert fastpath.parse(["timeline", "x", "--value", "v"], spec) == (
        "timeline",
        {},
        {"name": "x", "value": "v"},
    )


@pytest.mark.parametrize(
    ("group", "command", "marked"),
    [
        ({}, {"deprecated": True}, True),  # Click warns on stderr before running it
        ({}, {"context_settings": {"allow_interspersed_args": False}}, True),  # options after NAME are arguments
        ({}, {"context_settings": {"ignore_unknown_options": True}}, True),
        ({}, {"context_settings": {"allow_extra_args": True}}, True),
        ({}, {"context_settings": {"token_normalize_func": str.lower}}, True),
        ({}, {"context_settings": {"default_map": {"value": "v"}}}, True),
        ({}, {"cls": type("Custom", (typer.core.TyperCommand,), {"parse_args": lambda self, ctx, args: []})}, True),
        ({"context_settings": {"allow_interspersed_args": False}}, {}, True),  # inherited by every command
        ({"context_settings": {"auto_envvar_prefix": "AZMA"}}, {}, True),
        ({"invoke_without_command": True}, {}, True),
        ({"result_callback": lambda *a, **k: None}, {}, True),
        ({"deprecated": True}, {}, True),
        ({}, {}, False),  # a group callback that is not azma's start: it may do anything
    ],
    ids=["deprecated", "no-interspersed", "ignore-unknown", "extra-args", "normalize", "default-map",
         "command-class", "group-no-interspersed", "auto-envvar", "invoke-without-command",
         "result-callback", "group-deprecated", "own-group-callback"],
)  # fmt: skip
def test_command_and_group_features_not_reproduced_go_to_typer(
    group: dict[str, Any], command: dict[str, Any], marked: bool
) -> None:
    throwaway, _ = _app(group, command, marked)
    spec = fastpath.derive_spec(throwaway)
    assert fastpath.parse(["timeline", "x", "--value", "v"], spec) is None
    assert fastpath.parse(["timeline"], spec) is None


def test_no_args_is_help_is_reproduced() -> None:
    """A command with no_args_is_help shows its help when given nothing: the fast path leaves
    that to Typer, and serves the command when it is given something."""
    throwaway, _ = _app(command={"no_args_is_help": True})
    spec = fastpath.derive_spec(throwaway)
    assert fastpath.parse(["timeline"], spec) is None
    assert fastpath.parse(["timeline", "x"], spec) == ("timeline", {}, {"name": "x", "value": None})


def test_a_repeatable_option_with_a_default_is_replaced_as_click_does() -> None:
    throwaway = typer.Typer()

    @throwaway.callback()
    def main() -> None:
        pass

    main.__azma_impl__ = "start"  # type: ignore[attr-defined]

    seen: list[Any] = []

    @throwaway.command()
    def timeline(value: Annotated[list[str], typer.Option("--value")] = ["x"]) -> None:  # noqa: B006
        seen.append(value)

    timeline.__azma_impl__ = "timeline"  # type: ignore[attr-defined]
    spec = fastpath.derive_spec(throwaway)
    from typer.testing import CliRunner

    for argv in (["timeline"], ["timeline", "--value", "y"], ["timeline", "--value", "y", "--value", "z"]):
        seen.clear()
        assert CliRunner().invoke(throwaway, argv).exit_code == 0
        parsed = fastpath.parse(argv, spec)
        assert parsed is not None
        assert list(parsed[2]["value"]) == list(seen[0]), argv


def test_a_new_global_option_reaches_the_state_on_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """A global option added to the group is passed to azma.commands.start by Typer's callback
    and by the fast path alike (the fast path calls the same function; nothing is dropped)."""

    started: list[dict[str, Any]] = []
    real_start = commands.start

    def start(
        state: Any = None,
        *,
        data: Any = None,
        no_color: bool = False,
        no_bundled: bool = False,
        lang: Any = None,
        wide: bool = False,
        no_pager: bool = False,
        region: Any = None,
    ) -> Any:
        started.append({"region": region})
        return real_start(
            state,
            data=data,
            no_color=no_color,
            no_bundled=no_bundled,
            lang=lang,
            wide=wide,
            no_pager=no_pager,
        )

    monkeypatch.setattr(commands, "start", start)
    monkeypatch.setitem(
        cli.GLOBAL_OPTIONS,
        "region",
        (Annotated[Optional[str], typer.Option("--region", metavar="CODE")], None),
    )
    throwaway = typer.Typer(cls=cli._Group, rich_markup_mode=None)

    @throwaway.callback()
    @cli.starts(start)
    def main(ctx: typer.Context) -> None:
        pass

    @throwaway.command()
    @cli.runs(commands.fields)
    def fields(ctx: typer.Context, format: cli.FormatOpt = None) -> None:
        pass

    spec = fastpath.derive_spec(throwaway)
    assert "--region" in spec["global"]
    argv = ["--region", "maghreb", "fields", "--format", "json"]
    fast = capture(lambda: fastpath.run(argv, spec))
    slow = capture(lambda: throwaway(args=argv, prog_name="azma"))
    assert fast == slow and fast[0] == 0
    assert started == [{"region": "maghreb"}, {"region": None}] * 2  # the group's, then the command's


@pytest.mark.parametrize(
    "argv",
    [
        ["timeline", "--no-color", "--format", "table"],
        ["timeline", "--data", str(Path(__file__).parent / "fixtures" / "user" / "notes.toml"), "-f", "json"],
        ["--no-color", "agreements", "--no-color"],
        [
            "show",
            "my-briefing-2025",
            "--data",
            str(Path(__file__).parent / "fixtures" / "user" / "notes.toml"),
        ],
    ],
)
def test_global_options_after_the_command_on_both_paths(spec: dict[str, Any], argv: list[str]) -> None:
    fast, slow = both(argv, spec)
    assert fast[0] is not None, "the fast path answers global options after the command too"
    assert fast == slow
    assert fast[0] == 0


# ----------------------------------------------------------------------------- the spec a wheel ships


def shipped(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Stand in for the azma/_shipped_spec.py a wheel build writes (it is never in the checkout)."""
    import types

    module = types.ModuleType("azma._shipped_spec")
    exec(compile(text, "_shipped_spec.py", "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, "azma._shipped_spec", module)


def test_the_shipped_spec_is_the_derived_one_and_holds_for_this_install(
    spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert fastpath.installed_typer_version() == typer.__version__
    text = fastpath.shipped_module(app, typer.__version__)
    shipped(monkeypatch, text)
    assert fastpath._shipped_spec() == spec
    assert fastpath._load_spec() == spec
    monkeypatch.setenv("AZMA_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AZMA_NO_CACHE", raising=False)
    fastpath.remember(app)  # after a line the fast path declined: nothing to derive or store
    assert not list(tmp_path.rglob("cli-spec-*"))


@pytest.mark.parametrize(
    "changed", ["another Typer", "another azma", "an edited cli.py"], ids=["typer", "version", "cli.py"]
)
def test_a_shipped_spec_whose_key_no_longer_holds_is_not_used(
    changed: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = fastpath.shipped_module(app, typer.__version__)
    if changed == "another Typer":
        monkeypatch.setattr(fastpath, "installed_typer_version", lambda: "0.28.99")
    elif changed == "another azma":
        monkeypatch.setattr(fastpath, "__version__", "9.9.9")
    else:  # the same check the installed module's bytes go through
        monkeypatch.setattr(fastpath, "_DECLARING", ("cli.py", "commands.py", "__init__.py"))
    shipped(monkeypatch, text)
    monkeypatch.setenv("AZMA_CACHE_DIR", str(tmp_path))  # and nothing cached: Typer answers
    monkeypatch.delenv("AZMA_NO_CACHE", raising=False)
    assert fastpath._shipped_spec() is None
    assert fastpath._load_spec() is None
    assert fastpath.run(["timeline", "--format", "json"]) is None


def test_without_a_shipped_spec_the_cached_one_serves(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "azma._shipped_spec", None)  # an editable install: none shipped
    monkeypatch.setenv("AZMA_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AZMA_NO_CACHE", raising=False)
    assert fastpath._load_spec() is None
    fastpath.remember(app)
    assert fastpath._load_spec() == fastpath.derive_spec(app)
