"""The fast path: answer well-formed command lines without importing Typer, or decline.

Typer (and the Click it carries) costs more to import and set up than a whole answer does.
The Typer declaration in `azma.cli` stays the one definition of the command line: after a
normal run, `remember` derives a spec from the Click command Typer builds and stores it in
azma's cache, keyed by the declaring modules and azma's version. Later runs parse argv against
that spec and call the same `azma.commands` function Typer would.

It fails closed, per parameter, per command and for the group. A parameter is taken only when
the spec can reproduce Click exactly: options and arguments of type str, int or Path (with
Click's Path checks repeated), flags, repeatable options (the first value given replaces the
default, as in Click), optional and variadic arguments, constant defaults. Any other feature
Click offers — an environment variable, a callback, a required option, a prompt, a count, a flag
value, nargs, a custom or choice type, a default computed by a function — makes the command (or
the group, for global options) decline entirely, because Click would act on it even when it is
not typed. So does a command that is deprecated, takes no options after its arguments, has a
context setting that changes parsing or a class that parses differently; a command with
`no_args_is_help` is declined when given nothing. The group is served only when its callback is
azma's (`azma.cli.starts(azma.commands.start)`), which the fast path then calls with every
global option, as Typer does; a result callback, running without a command, a parsing context
setting or class make it decline. Help, --version, completion, `--`, an unknown or malformed
option, a missing value or a value Click would convert differently also decline. Declining
hands the whole command line to Typer. tests/test_fastpath.py checks both paths give the same
output for generated command lines and that throwaway apps using each unsupported feature, of a
parameter, a command or the group, are declined.

A wheel also ships the spec, derived when it is built (`hatch_build.py` writes
`azma/_shipped_spec.py` with `shipped_module`), so even the first run after installing needs no
Typer. It is used only while its key still holds: the same spec format and azma version, the
same bytes in the declaring modules, and the same Typer version installed; else the spec cached
by `remember`, else Typer.
"""

from __future__ import annotations

import os

from azma._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SPEC_FORMAT = 4
_DECLARING = ("cli.py", "commands.py", "fastpath.py")
_TYPES = {"IntParamType": "int", "StringParamType": "str", "Path": "path", "TyperPath": "path"}

# spec layout (plain types, marshal-able):
# {"global": {option: (param, kind, multiple)} | None, "global_defaults": {param: default},
#  "commands": {name: {"impl": str, "options": {...}, "arguments": [(param, kind)], "defaults": {...}}}}
# A command (or "global") that must decline is left out (None for global).
# kind: "flag" (True), "no-flag" (False), "str", "int", "path:FDRW" (Click's Path checks:
# file_okay, dir_okay, readable, writable as 0/1), or "bail" (declines when typed); an
# argument's kind ends in "?" when it may be left out and "*" when it takes many values.


class _Declined(Exception):
    """A parameter uses a feature the fast path does not reproduce exactly."""


def _spec_entry() -> tuple[str, str] | None:
    """Where the spec is cached and the key it must carry: the declaring modules' stats."""
    import sys

    from azma.cache.store import cache_dir, entry_path

    folder = cache_dir()
    if folder is None:
        return None
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        stats = [os.stat(os.path.join(here, name)) for name in _DECLARING]
    except OSError:
        return None
    key = repr((SPEC_FORMAT, __version__, sys.version, [(s.st_size, s.st_mtime_ns, s.st_ino) for s in stats]))
    return entry_path(folder, "cli-spec", key), key


def _load_spec() -> dict[str, Any] | None:
    spec = _shipped_spec()
    if spec is None:
        from azma.cache.store import read_entry

        entry = _spec_entry()
        spec = read_entry(*entry) if entry is not None else None
    return spec if isinstance(spec, dict) and spec.get("format") == SPEC_FORMAT else None


def shipped_key(typer_version: str | None) -> str | None:
    """The key a shipped spec must carry: spec format, azma's version, a checksum of each
    declaring module's bytes and the Typer version; None when a module cannot be read."""
    import zlib

    here = os.path.dirname(os.path.abspath(__file__))
    sums = []
    try:
        for name in _DECLARING:
            with open(os.path.join(here, name), "rb") as handle:
                sums.append(zlib.crc32(handle.read()))
    except OSError:
        return None
    return repr((SPEC_FORMAT, __version__, sums, typer_version))


def installed_typer_version() -> str | None:
    """The version of the Typer that `import typer` would load, read from its __init__.py
    without importing it (None when it is not found as a plain package on sys.path)."""
    import sys

    for folder in sys.path:
        try:
            with open(os.path.join(folder or ".", "typer", "__init__.py"), encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, ValueError):
            continue
        for line in text.splitlines():
            name, _, value = line.partition("=")
            if name.strip() == "__version__":
                return value.strip().strip("\"'") or None
        return None
    return None


def shipped_module(app: Any, typer_version: str) -> str:
    """The text of azma/_shipped_spec.py for a wheel: the spec of `app` and the key it holds for."""
    return (
        '"""The fast path\'s spec, derived from azma.cli when this wheel was built (see azma.fastpath)."""\n\n'
        f"KEY = {shipped_key(typer_version)!r}\n"
        f"SPEC = {derive_spec(app)!r}\n"
    )


def _shipped_spec() -> dict[str, Any] | None:
    """The spec shipped in the wheel, if there is one and its key still holds."""
    try:
        shipped = __import__("azma._shipped_spec", fromlist=["SPEC"])  # written only into wheels
    except ImportError:
        return None
    if getattr(shipped, "KEY", None) != shipped_key(installed_typer_version()):
        return None
    spec = getattr(shipped, "SPEC", None)
    return spec if isinstance(spec, dict) else None


# Callbacks known to do nothing unless their option is typed: Typer's completion options, and
# azma's own callbacks that say so. Any other callback makes the command decline.
_INERT_CALLBACKS = {("typer.completion", "install_callback"), ("typer.completion", "show_callback")}


def _inert(callback: Any) -> bool:
    if getattr(callback, "__azma_inert_unless_given__", False):
        return True
    return (getattr(callback, "__module__", ""), getattr(callback, "__qualname__", "")) in _INERT_CALLBACKS


def _type_kind(param: Any) -> str:
    kind = _TYPES.get(type(param.type).__name__)
    if kind is None:
        raise _Declined(f"type {type(param.type).__name__}")
    if kind == "path":
        t = param.type
        path_type = getattr(t, "type", None)
        repeated = not (t.exists or t.resolve_path or getattr(t, "executable", False) or t.allow_dash)
        if not repeated or (path_type is not None and getattr(path_type, "__name__", "") != "Path"):
            raise _Declined("a Path check or conversion the fast path does not repeat")
        flags = "".join("1" if v else "0" for v in (t.file_okay, t.dir_okay, t.readable, t.writable))
        kind = f"path:{flags}"
    return kind


def _describe(command: Any) -> tuple[dict[str, tuple[str, str, bool]], list[tuple[str, str]], dict[str, Any]]:
    """Options, arguments and defaults of a Click command; _Declined for anything not exact."""
    options: dict[str, tuple[str, str, bool]] = {}
    arguments: list[tuple[str, str]] = []
    defaults: dict[str, Any] = {}
    for param in command.params:
        if getattr(param, "envvar", None):
            raise _Declined("envvar")
        if callable(param.default):
            raise _Declined("a default computed by a function")
        if getattr(param, "deprecated", False):
            raise _Declined("deprecated")
        if param.callback is not None and not _inert(param.callback):
            raise _Declined("callback")
        if param.param_type_name == "argument":
            kind = _type_kind(param)
            if param.nargs == -1:
                kind = f"{kind}*"
            elif param.nargs != 1:
                raise _Declined("nargs")
            elif not param.required:
                kind = f"{kind}?"
            arguments.append((param.name, kind))
            defaults[param.name] = param.default
            continue
        if param.param_type_name != "option":
            raise _Declined(param.param_type_name)
        if param.required or param.prompt or getattr(param, "count", False) or param.nargs != 1:
            raise _Declined("required, prompt, count or nargs")
        if not param.expose_value or param.is_eager or param.callback is not None:
            for opt in (*param.opts, *param.secondary_opts):  # inert unless typed: decline when typed
                options[opt] = (param.name, "bail", False)
            continue
        if param.is_flag:
            flag_value = getattr(param, "flag_value", getattr(param, "_depr_flag_value", None))
            if flag_value is not True or param.multiple or not getattr(param, "is_bool_flag", False):
                raise _Declined("a flag value other than True")
            for opt in param.opts:
                options[opt] = (param.name, "flag", False)
            for opt in param.secondary_opts:
                options[opt] = (param.name, "no-flag", False)
        else:
            kind = _type_kind(param)
            for opt in param.opts:
                options[opt] = (param.name, kind, bool(param.multiple))
        defaults[param.name] = param.default
    return options, arguments, defaults


# Context settings that change nothing the fast path does: which options mean help (any option
# it does not know hands the line to Typer) and how wide help is. Any other setting (Click's
# allow_interspersed_args, ignore_unknown_options, allow_extra_args, token_normalize_func,
# default_map, auto_envvar_prefix, show_default…) makes the command, or the whole group, decline.
_INERT_SETTINGS = {"help_option_names", "max_content_width", "terminal_width"}
# Methods a group or command class may not override: those that parse or dispatch. (azma's group
# overrides only `main`, to print Click's usage errors in azma's form, which the tests compare.)
_PARSING = ("parse_args", "make_context", "invoke", "resolve_command", "get_command", "make_parser",
            "parse_known_args", "collect_usage_pieces")  # fmt: skip


def _plain(obj: Any, base: type) -> bool:
    """Whether `obj`'s class parses and dispatches as `base` does (no parsing method overridden)."""
    return all(getattr(type(obj), name, None) is getattr(base, name, None) for name in _PARSING)


def _group_declines(group: Any) -> bool:
    """A group-level feature the fast path does not reproduce: a callback other than azma's
    `start`, a result callback, chaining, running without a command, a context setting that
    changes parsing, a class that parses differently."""
    import typer.core

    callback = group.callback
    return (
        getattr(callback, "__azma_impl__", None) != "start"
        or getattr(group, "_result_callback", None) is not None
        or bool(getattr(group, "invoke_without_command", False))
        or bool(getattr(group, "chain", False))
        or not set(group.context_settings or {}) <= _INERT_SETTINGS
        or not _plain(group, typer.core.TyperGroup)
        or getattr(group, "deprecated", False) is not False
    )


def _command_declines(command: Any) -> bool:
    """A command-level feature the fast path does not reproduce: deprecated (Click warns),
    options not allowed after arguments, a context setting that changes parsing, a class that
    parses differently. (`no_args_is_help` is reproduced: the spec says so.)"""
    import typer.core

    return (
        getattr(command, "deprecated", False) is not False
        or not getattr(command, "allow_interspersed_args", True)
        or not set(command.context_settings or {}) <= _INERT_SETTINGS
        or not _plain(command, typer.core.TyperCommand)
    )


def derive_spec(app: Any) -> dict[str, Any]:
    """The spec of a Typer app, read from the Click command Typer builds from it."""
    import typer.main

    group = typer.main.get_command(app)
    declined: dict[str, Any] = {"format": SPEC_FORMAT, "global": None, "global_defaults": {}, "commands": {}}
    if _group_declines(group):
        return declined
    try:
        global_options, global_arguments, global_defaults = _describe(group)
    except _Declined:
        return declined
    if global_arguments:
        return declined
    names = {
        (info.name or typer.main.get_command_name(info.callback.__name__)): info.callback
        for info in app.registered_commands
        if info.callback is not None
    }
    spec_commands: dict[str, Any] = {}
    for name, command in getattr(group, "commands", {}).items():
        impl = getattr(names.get(name), "__azma_impl__", None)
        if (
            impl is None
            or getattr(command.callback, "__azma_impl__", None) != impl
            or _command_declines(command)
        ):
            continue  # not served by azma.commands, or a feature not reproduced: always through Typer
        try:
            options, arguments, defaults = _describe(command)
        except _Declined:
            continue
        spec_commands[name] = {
            "impl": impl,
            "options": options,
            "arguments": arguments,
            "defaults": defaults,
            "no_args_is_help": bool(getattr(command, "no_args_is_help", False)),
        }
    return {
        "format": SPEC_FORMAT,
        "global": global_options,
        "global_defaults": global_defaults,
        "commands": spec_commands,
    }


def remember(app: Any) -> None:
    """Store the spec of `app` for later fast runs, unless it is already stored."""
    from azma.cache import KEEP
    from azma.cache.store import read_entry, write_entry

    entry = _spec_entry()
    if entry is None or _shipped_spec() is not None or read_entry(*entry) is not None:
        return  # no cache, a wheel's spec that holds, or stored already
    try:
        spec = derive_spec(app)
    except Exception:  # no spec only means no fast path; never fail a run for it
        return
    write_entry(entry[0], entry[1], spec, keep=KEEP)


_BAIL = object()


def _convert(kind: str, value: str) -> Any:
    if kind == "int":
        text = value.strip()  # Click's int() accepts what Python's does: only plain digits here
        digits = text[1:] if text[:1] in "+-" else text
        return int(text) if digits.isascii() and digits.isdigit() and text == value else _BAIL
    if kind.startswith("path:"):
        return _path(kind, value)
    if kind == "str":
        return value
    return _BAIL


def _path(kind: str, value: str) -> Any:
    """Click's Path checks for a path that exists (it accepts any path that does not)."""
    import stat
    from pathlib import Path

    file_okay, dir_okay, readable, writable = (flag == "1" for flag in kind[5:])
    try:
        mode = os.stat(value).st_mode
    except (OSError, ValueError):
        return Path(value)
    if (not file_okay and stat.S_ISREG(mode)) or (not dir_okay and stat.S_ISDIR(mode)):
        return _BAIL
    if (readable and not os.access(value, os.R_OK)) or (writable and not os.access(value, os.W_OK)):
        return _BAIL
    return Path(value)


def parse(argv: list[str], spec: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """(impl name, global values, command values) for a well-formed argv, else None."""
    if spec.get("global") is None:
        return None
    global_values = dict(spec["global_defaults"])
    given: set[str] = set()
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
            previous = values.get(param) if param in given else None
            values[param] = [*(previous or ()), value]
        else:
            values[param] = value
        given.add(param)
        return True

    while i < len(argv) and argv[i].startswith("-"):
        if not take(spec["global"], global_values):
            return None
    if i >= len(argv) or argv[i] not in spec["commands"]:
        return None
    command = spec["commands"][argv[i]]
    i += 1
    if command.get("no_args_is_help") and i >= len(argv):
        return None  # Click shows the command's help
    values = dict(command["defaults"])
    given.clear()  # a repeatable option's first value replaces its default, as in Click
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
        if value is _BAIL:
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
    from azma.errors import AzmaError, ExitCode
    from azma.files import report

    try:
        state = commands.start(**global_values)  # what the group's callback does
        return commands.call(impl_name, state, values)
    except AzmaError as exc:
        return report(exc)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
