"""The record a wheel ships (azma/_shipped_record.py, written by hatch_build.py): used instead of
parsing only for exactly the bundled files, only while its key holds, never to fail.

The record is never in the checkout: in-process tests stand one in (`shipped`), made by the
function a wheel build calls; a damaged one is written into a folder on azma's package path.
Subprocesses get the session's record (tests/conftest.py) unless they run as an editable install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import azma
import azma.load
import azma.load.build
from azma.cache import shipped as shipped_record
from azma.model import Dataset
from tests.conftest import REAL_BUNDLED_DATA_DIR, as_an_editable_install

REPO = Path(__file__).resolve().parent.parent
BUILD_DATASET = azma.load.build.build_dataset  # the parser, before any test wraps it


@pytest.fixture(scope="module")
def record_text() -> str:
    """azma/_shipped_record.py as a wheel build of this checkout writes it (data/, not the fixtures)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(azma.load, "bundled_data_dir", REAL_BUNDLED_DATA_DIR)
        return shipped_record.record_module()


@pytest.fixture(scope="module")
def parsed() -> Dataset:
    """data/ parsed and validated, as an editable install loads it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(azma.load, "bundled_data_dir", REAL_BUNDLED_DATA_DIR)
        return azma.load.build.build_dataset(azma.load.bundled_files())


def shipped(monkeypatch: pytest.MonkeyPatch, text: str) -> types.ModuleType:
    """Stand in for the azma/_shipped_record.py a wheel build writes."""
    module = types.ModuleType("azma._shipped_record")
    exec(compile(text, "_shipped_record.py", "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, "azma._shipped_record", module)
    return module


class Parses:
    """Counts the parses (build_dataset calls) of the loader."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, allowed: bool = True) -> None:
        self.count = 0

        def build_dataset(*args: object, **kwargs: object) -> Dataset:
            self.count += 1
            if not allowed:
                raise AssertionError("the bundled TOML was parsed")
            return BUILD_DATASET(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(azma.load.build, "build_dataset", build_dataset)


@pytest.fixture
def real(real_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """data/ as the bundled data, the cache off; yields the bundled files."""
    monkeypatch.setenv("AZMA_NO_CACHE", "1")
    yield azma.load.bundled_files()


def test_a_record_whose_key_holds_is_decoded_and_the_toml_never_parsed(
    real: list[str], record_text: str, parsed: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped(monkeypatch, record_text)
    Parses(monkeypatch, allowed=False)
    assert azma.load.load_files(real) == parsed
    assert azma.load.load_files(real, use_cache=False) == parsed  # the API's cache=False too
    assert azma.load.load_dataset() == parsed


def test_with_the_cache_on_the_record_is_written_as_an_ordinary_entry(
    real: list[str], record_text: str, parsed: Dataset, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("AZMA_NO_CACHE")
    monkeypatch.setenv("AZMA_CACHE_DIR", str(tmp_path))
    shipped(monkeypatch, record_text)
    Parses(monkeypatch, allowed=False)

    def encode(dataset: Dataset) -> object:
        raise AssertionError("the record's frames are stored as they are, not encoded again")

    monkeypatch.setattr(shipped_record, "encode", encode)
    assert azma.load.load_files(real) == parsed
    (entry,) = (tmp_path / "azma-cache").glob("data-*.marshal")
    # the next run is an ordinary warm run: the entry alone answers, with no record at all
    monkeypatch.setitem(sys.modules, "azma._shipped_record", None)
    assert azma.load.load_files(real) == parsed
    assert list((tmp_path / "azma-cache").glob("data-*.marshal")) == [entry]


def test_without_a_record_the_bundled_files_are_parsed(
    real: list[str], parsed: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "azma._shipped_record", None)  # an editable install: none shipped
    parses = Parses(monkeypatch)
    assert azma.load.load_files(real) == parsed
    assert parses.count == 1


def test_with_user_files_the_record_is_not_used(
    real: list[str], record_text: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[source]]\nid = "note"\ntitle = "A note"\npublisher = "me"\nkind = "notes"\n\n'
        '[[event]]\nid = "mine"\ndate = "2024-05-01"\ntitle = "Mine"\nfields = ["culture"]\nsources = ["note"]\n',
        encoding="utf-8",
    )
    shipped(monkeypatch, record_text)
    parses = Parses(monkeypatch)
    loaded = azma.load.load_files([*real, str(mine)])
    assert parses.count == 1
    assert "mine" in {e.id for e in loaded.events}
    assert loaded.files[-1] == str(mine)


def copy_of_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(REAL_BUNDLED_DATA_DIR(), folder, ignore=shutil.ignore_patterns("l10n"))
    return folder


def test_a_bundled_file_changed_by_one_byte_is_parsed(
    real_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = copy_of_data(tmp_path)
    monkeypatch.setattr(azma.load, "bundled_data_dir", lambda: str(folder))
    text = shipped_record.record_module()  # made of the copy, as a wheel of it would be
    shipped(monkeypatch, text)
    files = azma.load.bundled_files()
    Parses(monkeypatch, allowed=False)
    before = azma.load.load_files(files, use_cache=False)
    target = folder / "2024.toml"
    data = target.read_bytes()
    at = data.index(b'\ntitle = "', data.index(b"[[event]]")) + len(b'\ntitle = "')
    assert data[at : at + 1].isalpha()
    target.write_bytes(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :])  # a letter's case: still valid
    title = data[at : data.index(b'"', at)].decode("utf-8")
    changed = title[0].swapcase() + title[1:]
    parses = Parses(monkeypatch)
    after = azma.load.load_files(files, use_cache=False)
    assert parses.count == 1
    titles_before, titles_after = {e.title for e in before.events}, {e.title for e in after.events}
    assert (title in titles_before, changed in titles_before) == (True, False)
    assert (title in titles_after, changed in titles_after) == (False, True)


def test_a_changed_code_file_makes_the_record_unused(
    real: list[str], record_text: str, parsed: Dataset, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The key reads the code files from the installed package (here a copy, one file changed)."""
    package = tmp_path / "azma"
    shutil.copytree(Path(azma.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    shipped(monkeypatch, record_text)
    monkeypatch.setattr(shipped_record, "__file__", str(package / "cache" / "shipped.py"))
    assert shipped_record.record_key(real) == sys.modules["azma._shipped_record"].KEY  # the copy holds
    with (package / "model.py").open("a", encoding="utf-8") as model:
        model.write("\n")
    assert shipped_record.record_key(real) != sys.modules["azma._shipped_record"].KEY
    parses = Parses(monkeypatch)
    assert azma.load.load_files(real) == parsed
    assert parses.count == 1


def frames_of(text: str) -> bytes:
    namespace: dict[str, object] = {}
    exec(compile(text, "_shipped_record.py", "exec"), namespace)
    frames = namespace["FRAMES"]
    assert isinstance(frames, bytes)
    return frames


@pytest.mark.parametrize(
    "damage",
    ["truncated frames", "a flipped byte", "truncated, checksum to match", "no frames", "another key"],
)
def test_a_damaged_record_is_ignored_and_the_files_parsed(
    damage: str, real: list[str], record_text: str, parsed: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zlib

    frames = frames_of(record_text)
    module = shipped(monkeypatch, record_text)
    if damage == "truncated frames":
        module.FRAMES = frames[: len(frames) // 2]
    elif damage == "a flipped byte":
        at = frames.index(parsed.events[0].title.encode("utf-8"))
        module.FRAMES = frames[:at] + bytes([frames[at] ^ 0x01]) + frames[at + 1 :]
    elif damage == "truncated, checksum to match":  # marshal itself then finds it short
        module.FRAMES = frames[:-7]
        module.CHECKSUM = zlib.crc32(module.FRAMES)
    elif damage == "no frames":
        del module.FRAMES
    else:
        module.KEY = module.KEY.replace("'2024.toml'", "'2023.toml'")
    parses = Parses(monkeypatch)
    assert azma.load.load_files(real) == parsed
    assert parses.count == 1


@pytest.mark.parametrize("cut", [0.5, 0.999])
def test_a_truncated_record_file_is_ignored(
    cut: float,
    real: list[str],
    record_text: str,
    parsed: Dataset,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """A damaged azma/_shipped_record.py on disk (a cut copy): importing it fails; azma parses."""
    (tmp_path / "_shipped_record.py").write_text(record_text[: int(len(record_text) * cut)], encoding="utf-8")
    monkeypatch.delitem(sys.modules, "azma._shipped_record", raising=False)
    monkeypatch.setattr(azma, "__path__", [*azma.__path__, str(tmp_path)])
    parses = Parses(monkeypatch)
    assert azma.load.load_files(real) == parsed
    assert parses.count == 1
    assert "azma._shipped_record" not in sys.modules


# ----------------------------------------------------------------------------- real processes


def azma_output(*args: str, editable: bool) -> tuple[int, bytes, str, bool]:
    """(exit code, stdout, stderr, whether the parser (azma.load.build) was imported) of
    `python -m azma ARGS` on data/, cache off, as the suite's azma runs (with the session's
    shipped record) or as an editable install."""
    env = {**os.environ, "AZMA_NO_CACHE": "1", "COLUMNS": "100"}
    env.pop("AZMA_DATA", None)
    if editable:
        env = as_an_editable_install(env)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "azma", *args], env=env, capture_output=True, check=False
    )
    lines = done.stderr.decode().splitlines(keepends=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import time:")}
    stderr = "".join(line for line in lines if not line.startswith("import time:"))
    return done.returncode, done.stdout, stderr, "azma.load.build" in imported


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--format", "json"],
        ["timeline", "--format", "json", "--lang", "fr"],
        ["trade", "--format", "csv"],
        ["sources", "--format", "jsonl"],
        ["show", "no-such-record"],
    ],
    ids=["json", "fr", "trade", "sources", "exit-1"],
)
def test_the_answer_is_the_same_byte_for_byte_with_and_without_the_record(args: list[str]) -> None:
    with_record = azma_output(*args, editable=False)
    parsing = azma_output(*args, editable=True)
    assert (with_record[3], parsing[3]) == (False, True)  # the record answered; the other parsed
    assert with_record[:3] == parsing[:3]
    assert with_record[1] if args[0] != "show" else (with_record[0], with_record[1]) == (1, b"")


def test_validate_parses_the_files_as_they_are() -> None:
    """`azma validate` reports on the files themselves, as it ignores the parse cache."""
    env = {**os.environ, "AZMA_NO_CACHE": "1"}
    env.pop("AZMA_DATA", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "azma", "validate"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "tomli" in {line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import time:")}
    assert f"valid: {len(azma.load.toml_files_in(REAL_BUNDLED_DATA_DIR()))} bundled files" in done.stderr


# ----------------------------------------------------------------------------- the wheel build

# hatch_build.py takes only `root` from hatchling's interface; the real hatchling runs it when
# .ci/run builds and installs a wheel. Here a stand-in lets the hook run on a copy of the project.
HOOK = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, os.getcwd())
    from hatch_build import ShippedHook
    hook = ShippedHook(os.getcwd())
    build_data = {"force_include": {}}
    hook.initialize("standard", build_data)
    written = {target: open(path, encoding="utf-8").read() for path, target in build_data["force_include"].items()}
    hook.finalize("standard", build_data, "")
    left = [path for path in build_data["force_include"] if os.path.exists(path)]
    print(json.dumps({"written": written, "left": left}))
    """
)
INTERFACE = "class BuildHookInterface:\n    def __init__(self, root):\n        self.root = root\n"


def project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "azma", root / "azma", ignore=shutil.ignore_patterns("__pycache__"))
    copy_of_data(root)
    shutil.copy(REPO / "hatch_build.py", root)
    interface = tmp_path / "stand-in" / "hatchling" / "builders" / "hooks" / "plugin"
    interface.mkdir(parents=True)
    (interface / "interface.py").write_text(INTERFACE, encoding="utf-8")
    return root


def run_hook(root: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZMA_")}
    env["PYTHONPATH"] = str(root.parent / "stand-in")  # not the session's record: a build has none
    return subprocess.run(
        [sys.executable, "-c", HOOK], cwd=root, env=env, capture_output=True, text=True, check=False
    )


def test_a_wheel_build_ships_the_record_of_its_bundled_data(
    tmp_path: Path, record_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    done = run_hook(project_copy(tmp_path))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert sorted(report["written"]) == ["azma/_shipped_record.py", "azma/_shipped_spec.py"]
    assert report["left"] == []  # its temporary files removed once the wheel is made
    record = report["written"]["azma/_shipped_record.py"]
    assert record == record_text  # the same bytes: nothing of where it was built


def test_a_wheel_build_refuses_bundled_data_that_does_not_validate(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    with (root / "data" / "2024.toml").open("a", encoding="utf-8") as data:
        data.write('\n[[event]]\nid = "broken"\ndate = "2024-02-30"\ntitle = "No such day"\n')
    done = run_hook(root)
    assert done.returncode != 0
    assert "the bundled data does not validate, so no wheel is built" in done.stderr
    assert "data/2024.toml" in done.stderr and "broken" in done.stderr
