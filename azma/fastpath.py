"""The fast path: answer well-formed command lines without importing Typer.

Typer (and the Click it carries) costs more to import and set up than a whole answer does.
The Typer declaration in `azma.cli` stays the one definition of the command line: after a
normal run, `remember` derives a spec from it (commands, options, flags, types, defaults) and
stores it in azma's cache directory, keyed by the declaring modules and azma's version. Later
runs parse argv against that spec and call the same `azma.commands` function Typer would.

Anything the spec does not cover exactly — help, --version, completion, an unknown or
malformed option, a missing value, a value Click would have to convert or reject — returns
None, and the caller hands the command line to Typer, so errors and usage messages always
come from Typer itself. tests/test_fastpath.py checks both paths give the same output,
errors and exit codes for generated command lines.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from azma import __version__

SPEC_FORMAT = 2
_INT = re.compile(r"-?[0-9]+")
_DECLARING = ("cli.py", "commands.py", "fastpath.py")

# spec layout (plain types, marshal-able):
# {"global": {option: (param, kind, multiple)}, "global_defaults": {param: default},
#  "commands": {name: {"impl": str, "options": {option: (param, kind, multiple)},
#                      "arguments": [(param, kind)], "defaults": {param: default}}}}
# kind: "flag" (True), "no-flag" (False), "str", "int", "path"; "bail" hands over to Typer;
# an argument's kind ends in "?" when it may be left out and "*" when it takes many values.


def _spec_entry() -> tuple[str, str] | None:
    """Where the spec is cached and the key it must carry: the declaring modules' stats."""
    import sys

    from azma.store import cache_dir, entry_path

    folder = cache_dir()
    if folder is None:
        return None
    here = Path(__file__).resolve().parent
    try:
        stats = [os.stat(here / name) for name in _DECLARING]
    except OSError:
        return None
    key = repr((SPEC_FORMAT, __version__, sys.version, [(s.st_size, s.st_mtime_ns, s.st_ino) for s in stats]))
    return entry_path(folder, "cli-spec", key), key


def _load_spec() -> dict[str, Any] | None:
    from azma.store import read_entry

    entry = _spec_entry()
    spec = read_entry(*entry) if entry is not None else None
    return spec if isinstance(spec, dict) else None


def derive_spec(app: Any) -> dict[str, Any]:
    """The spec of a Typer app, read from the Click command Typer builds from it."""
    import typer.main

    group = typer.main.get_command(app)

    def describe(
        command: Any,
    ) -> tuple[dict[str, tuple[str, str, bool]], list[tuple[str, str]], dict[str, Any]]:
        options: dict[str, tuple[str, str, bool]] = {}
        arguments: list[tuple[str, str]] = []
        defaults: dict[str, Any] = {}
        for param in command.params:
            type_name = type(param.type).__name__
            kind = {"IntParamType": "int", "StringParamType": "str", "Path": "path", "TyperPath": "path"}.get(
                type_name, "bail"
            )
            if kind == "path" and getattr(param.type, "exists", False):
                kind = "bail"  # Click would check the file: let it
            if param.param_type_name == "argument":
                if param.nargs == -1:
                    kind = f"{kind}*"  # any number of values
                elif param.nargs != 1:
                    kind = "bail"
                elif not param.required:
                    kind = f"{kind}?"  # may be left out: its default stays
                arguments.append((param.name, kind))
                defaults[param.name] = param.default
                continue
            if param.is_eager or not param.expose_value or param.callback is not None:
                for opt in (*param.opts, *param.secondary_opts):
                    options[opt] = (param.name, "bail", False)
                continue
            if param.is_flag:
                for opt in param.opts:
                    options[opt] = (param.name, "flag", False)
                for opt in param.secondary_opts:
                    options[opt] = (param.name, "no-flag", False)
            else:
                for opt in param.opts:
                    options[opt] = (param.name, kind, bool(param.multiple))
            defaults[param.name] = param.default
        return options, arguments, defaults

    global_options, _, global_defaults = describe(group)
    names = {
        (info.name or typer.main.get_command_name(info.callback.__name__)): info.callback
        for info in app.registered_commands
        if info.callback is not None
    }
    spec_commands: dict[str, Any] = {}
    for name, command in getattr(group, "commands", {}).items():
        impl = getattr(names.get(name), "__azma_impl__", None)
        if impl is None:
            continue  # not served by azma.commands: always through Typer
        options, arguments, defaults = describe(command)
        spec_commands[name] = {"impl": impl, "options": options, "arguments": arguments, "defaults": defaults}
    return {
        "format": SPEC_FORMAT,
        "global": global_options,
        "global_defaults": global_defaults,
        "commands": spec_commands,
    }


def remember(app: Any) -> None:
    """Store the spec of `app` for later fast runs, unless it is already stored."""
    from azma.store import read_entry, write_entry

    entry = _spec_entry()
    if entry is None or read_entry(*entry) is not None:
        return
    try:
        spec = derive_spec(app)
    except Exception:  # no spec only means no fast path; never fail a run for it
        return
    write_entry(entry[0], entry[1], spec)


def _convert(kind: str, value: str) -> Any:
    if kind == "int":
        return int(value) if _INT.fullmatch(value) else _BAIL
    if kind == "path":
        return Path(value)
    return value


_BAIL = object()


def parse(argv: list[str], spec: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """(impl name, global values, command values) for a well-formed argv, else None."""
    global_values = dict(spec["global_defaults"])
    i = 0

    def take(options: dict[str, tuple[str, str, bool]], values: dict[str, Any]) -> bool:
        nonlocal i
        token = argv[i]
        name, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        entry = options.get(name)
        if entry is None:
            return False
        param, kind, multiple = entry
        if kind == "bail":
            return False
        if kind in ("flag", "no-flag"):
            if eq:
                return False
            values[param] = kind == "flag"
            i += 1
            return True
        if eq:
            raw = inline
            i += 1
        else:
            if i + 1 >= len(argv):
                return False
            raw = argv[i + 1]
            i += 2
        value = _convert(kind, raw)
        if value is _BAIL:
            return False
        if multiple:
            previous = values.get(param)
            values[param] = [*(previous or ()), value]
        else:
            values[param] = value
        return True

    while i < len(argv) and argv[i].startswith("-"):
        if not take(spec["global"], global_values):
            return None
    if i >= len(argv) or argv[i] not in spec["commands"]:
        return None
    command = spec["commands"][argv[i]]
    i += 1
    values = dict(command["defaults"])
    positional: list[str] = []
    while i < len(argv):
        token = argv[i]
        if token == "--":
            return None
        if token.startswith("-") and token != "-":
            if not take(command["options"], values):
                return None
        else:
            positional.append(token)
            i += 1
    arguments = command["arguments"]
    for index, (param, kind) in enumerate(arguments):
        if kind.endswith("*"):
            converted = [_convert(kind[:-1], p) for p in positional[index:]]
            if any(c is _BAIL for c in converted):
                return None
            values[param] = converted or None
            positional = positional[:index]
            break
        if index >= len(positional):
            if kind.endswith("?"):
                continue
            return None  # a missing argument: Typer says so
        value = _convert(kind.rstrip("?"), positional[index])
        if value is _BAIL or kind == "bail":
            return None
        values[param] = value
    else:
        if len(positional) > len(arguments):
            return None
    return command["impl"], global_values, values


def run(argv: list[str], spec: dict[str, Any] | None = None) -> int | None:
    """Answer `argv` and return the exit code, or None to let Typer handle it."""
    if any(key.startswith("_AZMA_COMPLETE") for key in os.environ):
        return None
    spec = spec if spec is not None else _load_spec()
    if spec is None:
        return None
    parsed = parse(argv, spec)
    if parsed is None:
        return None
    impl_name, global_values, values = parsed
    from azma import commands
    from azma.answers import READ_ONLY, recording
    from azma.errors import AzmaError, ExitCode
    from azma.output import report

    state = commands.State(
        data_files=list(global_values.get("data") or []), color=not global_values.get("no_color")
    )
    writes_a_file = values.get("output") not in (None, Path("-"))
    with recording(argv if impl_name in READ_ONLY and not writes_a_file else None) as status:
        try:
            code = int(getattr(commands, impl_name)(state, **values) or 0)
        except AzmaError as exc:
            return report(exc)
        except KeyboardInterrupt:
            return ExitCode.INTERRUPTED
        status.append(code)
    return code
