"""Shared fixtures: the fixture dataset, a CLI runner and golden files.

Every test runs on the small dataset in tests/fixtures/bundled (its own vocabulary and records),
never on data/, which other people edit: a session-wide patch points the loader's bundled-data
folder there. Only tests that ask for the `real_data` fixture (tests/test_data_integrity.py) see
the bundled data. The parse cache is off (AZMA_NO_CACHE=1), AZMA_DATA and AZMA_NO_BUNDLED are
unset and AZMA_DATA_HOME is an empty temporary folder, so no test reads or writes ~/.cache or
picks up a user's files (~/.local/share/azma).

Golden files (tests/golden/) are refreshed with: python -m pytest --update-goldens

Property tests try a tenth of their examples by default, so `python -m pytest` stays quick;
CI runs them in full with HYPOTHESIS_PROFILE=full (set by .ci/run). A property test states
its full count as `@settings(max_examples=examples(N))`; a size that only slows a test down,
`scaled(N)`.
"""

from __future__ import annotations

import compileall
import os
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
import typer.testing
from hypothesis import settings
from typer._click import Command  # typer 0.28 carries its own copy of Click
from typer.testing import CliRunner, Result

import azma
import azma.load
from azma.cli import app
from azma.model import Dataset

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
FIXTURE_BUNDLED = FIXTURES / "bundled"
GOLDEN = TESTS / "golden"
REAL_BUNDLED_DATA_DIR = azma.load.bundled_data_dir  # kept before the session patch replaces it

# Bytecode caches (__pycache__/, ignored by git) are written even under PYTHONDONTWRITEBYTECODE
# (this machine sets it): else each pytest worker rewrites the assertions of every test module
# again (~3 s), and every azma started in a subprocess compiles azma/ again (~0.15 s of its
# ~0.2 s). Python still reads them only when they match the source.
sys.dont_write_bytecode = False

# What every CLI run sees: a fixed width (Rich and the plain renderer read COLUMNS when stdout is
# not a terminal), no cache, no user files from the environment.
CLI_ENV: dict[str, str | None] = {
    "COLUMNS": "100", "AZMA_NO_CACHE": "1", "AZMA_DATA": None, "AZMA_NO_BUNDLED": None, "NO_COLOR": None,
}  # fmt: skip

Run = Callable[..., Result]

# Hypothesis: "fast" by default, "full" in CI (HYPOTHESIS_PROFILE=full in .ci/run).
FULL = os.environ.get("HYPOTHESIS_PROFILE", "fast") == "full"
settings.register_profile("full", deadline=None)
settings.register_profile("fast", max_examples=10, deadline=None)
settings.load_profile("full" if FULL else "fast")


def examples(full: int) -> int:
    """How many examples a property test tries: `full` in the full profile, else a tenth (at
    least 10)."""
    return full if FULL else max(10, full // 10)


def scaled(full: int) -> int:
    """A size that only makes a test slower beyond what it proves: `full` in the full profile,
    else a tenth."""
    return full if FULL else full // 10


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output instead of comparing with it",
    )


def _command_of(build: Callable[[typer.Typer], Command]) -> Callable[..., Command]:
    """typer.testing.CliRunner turns the app into Click commands on every invoke (~0.1 s of
    reading signatures, most of an in-process run); azma's app is built once a session. Its
    callbacks look up azma.commands when called, so a test that patches a command still sees
    its patch; any other app is built as before."""
    built: list[Command] = []

    def command_of(typer_app: typer.Typer) -> Command:
        if typer_app is not app:
            return build(typer_app)
        if not built:
            built.append(build(app))
        return built[0]

    return command_of


def pytest_configure(config: pytest.Config) -> None:
    """--update-goldens runs in one process: several tests rewrite the same README, which
    workers at once would overwrite. (pytest-xdist, configured after this, then stays off.)"""
    if config.getoption("--update-goldens") and getattr(config.option, "numprocesses", None):
        config.option.numprocesses = 0
        config.option.dist = "no"
        config.option.tx = []


def pythonpath(first: Path) -> str:
    """PYTHONPATH for an azma process that must find azma in `first` (the checkout), keeping
    the session's own entries (the shipped spec, below) after it."""
    return os.pathsep.join(filter(None, [str(first), os.environ.get("PYTHONPATH")]))


def as_an_editable_install(environ: dict[str, str]) -> dict[str, str]:
    """`environ` for an azma process without what a wheel ships (PYTHONPATH without the folder
    _as_a_wheel_ships made): it derives the fast path's spec and parses the bundled data
    itself, as an editable install does."""
    paths = environ.get("PYTHONPATH", "").split(os.pathsep)
    kept = [p for p in paths if p and not os.path.exists(os.path.join(p, "_azma_shipped_spec.py"))]
    return {**environ, "PYTHONPATH": os.pathsep.join(kept)}


_SHIPPED_RECORD: list[types.ModuleType] = []  # the session's records, for loads in this process


def _as_a_wheel_ships(folder: Path) -> Path:
    """A folder whose sitecustomize.py gives every azma started from a test what a wheel ships
    (written by hatch_build.py, never in the checkout): the fast path's spec
    (azma/_shipped_spec.py) and the bundled record (azma/_shipped_record.py). Without them,
    each of the suite's ~450 azma processes would derive the spec again from the Typer
    declaration, importing Typer (~0.2 s of CPU each), and parse its bundled data again: the
    parse cache, where both would be kept, is off. Both are made by the wheel's own functions
    from this checkout's azma/, and checked by azma as a wheel's are: a test on its own files,
    or one that changes a bundled file, parses. tests/test_fastpath.py and
    tests/test_shipped_record.py cover the shipped, derived and cached paths on their own.

    A process's bundled folder is the fixtures' (most tests) or data/ (`real_data`, the README's
    examples): the record is made for each, and the process gets the one of the folder it reads
    (as a wheel built with that folder as its data would ship it): a process on the fixtures
    decodes them instead of importing tomli and the checks (~45 M of its ~110 M instructions)."""
    import py_compile

    from azma import fastpath
    from azma.cache import shipped
    from azma.errors import DataError

    (folder / "_azma_shipped_spec.py").write_text(
        fastpath.shipped_module(app, typer.__version__), encoding="utf-8"
    )
    shipping = ["_azma_shipped_spec"]
    records = {}
    for name, bundled in (
        ("_azma_record_data", REAL_BUNDLED_DATA_DIR),
        ("_azma_record_fixtures", lambda: FIXTURE_BUNDLED),
    ):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(azma.load, "bundled_data_dir", bundled)
            try:
                (folder / f"{name}.py").write_text(shipped.record_module(), encoding="utf-8")
            except DataError:  # a folder that does not validate (a wheel build would refuse it):
                continue  # its tests say what is wrong, and azma parses it, as without a record
        records[name] = os.path.realpath(bundled())
    if records:
        (folder / "_azma_shipped_record.py").write_text(
            '"""The record a wheel built with this process\'s bundled folder as its data would ship."""\n\n'
            "import os\n\n"
            f"_RECORDS = {records!r}\n\n\n"
            "def __getattr__(name):\n"
            "    from azma.load import bundled_data_dir  # as the process has it (a test may point it elsewhere)\n\n"
            "    folder = os.path.realpath(bundled_data_dir())\n"
            "    for module, made_of in _RECORDS.items():\n"
            "        if made_of == folder:\n"
            "            return getattr(__import__(module), name)\n"
            "    raise AttributeError(name)\n",
            encoding="utf-8",
        )
        shipping.append("_azma_shipped_record")
    (folder / "sitecustomize.py").write_text(
        "# tests/conftest.py: azma started from a test has what a wheel ships\n"
        "import sys\n\n"
        + "".join(f"import {name}\n" for name in shipping)
        + "\n"
        + "".join(f'sys.modules["azma.{name[5:]}"] = {name}\n' for name in shipping),
        encoding="utf-8",
    )
    for name in (*shipping, *records, "sitecustomize"):
        py_compile.compile(str(folder / f"{name}.py"), doraise=True)
    if records:  # the same for loads in the session's own process
        sys.path.insert(0, str(folder))
        try:
            _SHIPPED_RECORD.append(__import__("_azma_shipped_record"))
        finally:
            sys.path.remove(str(folder))
    return folder


@pytest.fixture(scope="session", autouse=True)
def _fixture_data_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point the loader at tests/fixtures/bundled; keep the cache, AZMA_DATA and the user's own
    folder out (AZMA_DATA_HOME is an empty folder of the session; tests that add records set
    their own); build azma's Click commands once for every CliRunner run."""
    compileall.compile_dir(Path(azma.__file__).parent, quiet=1)  # for the subprocesses (above)
    wheel_like = _as_a_wheel_ships(tmp_path_factory.mktemp("wheel-spec"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(
            "PYTHONPATH", os.pathsep.join(filter(None, [str(wheel_like), os.environ.get("PYTHONPATH")]))
        )
        patch.setattr(azma.load, "bundled_data_dir", lambda: FIXTURE_BUNDLED)
        if _SHIPPED_RECORD:
            patch.setitem(sys.modules, "azma._shipped_record", _SHIPPED_RECORD[0])
        patch.setattr(typer.testing, "_get_command", _command_of(typer.testing._get_command))
        patch.setenv("AZMA_NO_CACHE", "1")
        patch.setenv("AZMA_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
        # LINES and COLUMNS too: a test sets the size it means. GNU readline, which pytest
        # imports, writes LINES=24 and COLUMNS=80 into the process's environment behind
        # os.environ's back: subprocesses (pytest-xdist's workers among them) inherit them, and
        # azma given LINES=24 at a pseudo-terminal pages its answer through less, which waits.
        for name in ("AZMA_CACHE_DIR", "AZMA_DATA", "AZMA_NO_BUNDLED", "XDG_DATA_HOME", "LINES", "COLUMNS"):
            patch.delenv(name, raising=False)
            os.unsetenv(name)
        yield


@pytest.fixture
def real_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Use the bundled data/ for this test, with the record a wheel ships (as every azma a test
    starts has it: a load of data/ in the test's own process decodes it instead of parsing);
    returns its folder."""
    monkeypatch.setattr(azma.load, "bundled_data_dir", REAL_BUNDLED_DATA_DIR)
    return Path(REAL_BUNDLED_DATA_DIR())


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The fixture dataset (tests/fixtures/bundled), loaded once."""
    return azma.load.load_dataset(use_cache=False)


@pytest.fixture
def load() -> Callable[..., Dataset]:
    """Load the fixture dataset plus user files, without the cache."""

    def run(*user_files: Path) -> Dataset:
        return azma.load.load_dataset(list(user_files), use_cache=False)

    return run


@pytest.fixture
def cli() -> Run:
    """Run `azma ARGS...` in-process; result.stdout, .stderr, .output and .exit_code.

    typer 0.28's CliRunner always keeps stderr apart (it has no mix_stderr). A run that ends in
    an exception other than SystemExit is a crash: it fails the test with the original error.
    """
    runner = CliRunner()

    def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
        result = runner.invoke(app, list(args), env={**CLI_ENV, **(env or {})})
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"azma {' '.join(args)} crashed: {result.exception!r}") from result.exception
        assert "Traceback" not in result.output
        return result

    return run


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite the file under --update-goldens."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8"))
            return
        assert path.is_file(), f"no golden file {path}; create it with: python -m pytest --update-goldens"
        expected = path.read_bytes().decode("utf-8")
        assert actual == expected, f"output differs from {path}; if intended, run: pytest --update-goldens"

    return check
