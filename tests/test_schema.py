"""The public schema (azma.schema) is the one definition: the loader's checks, data/schema.json
(which editors use through taplo's `#:schema` directive) and data/README.md's key tables all
come from it. `python -m pytest --update-goldens` rewrites data/schema.json and the tables."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import tomli

from azma import schema
from azma.errors import DataError
from azma.load.build import build_dataset
from azma.skeleton import write_skeleton

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BLOCK = re.compile(r"<!-- keys: (\w+) -->\n(.*?)<!-- /keys -->\n", re.S)
FIXTURE_BUNDLED = Path(__file__).resolve().parent / "fixtures" / "bundled"
TAPLO = str(Path(sys.executable).parent / "taplo")  # the taplo package's binary, beside python


def schema_text() -> str:
    return json.dumps(schema.json_schema(), indent=2, ensure_ascii=False) + "\n"


def test_schema_json_is_the_schema(request: pytest.FixtureRequest) -> None:
    path = DATA / schema.SCHEMA_FILE
    if request.config.getoption("--update-goldens"):
        path.write_text(schema_text(), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == schema_text(), "run: python -m pytest --update-goldens"


def test_data_readme_key_tables_are_the_schema(request: pytest.FixtureRequest) -> None:
    """Every table of the schema has its key table in data/README.md, as the schema makes it."""
    path = DATA / "README.md"
    text = path.read_text(encoding="utf-8")
    if request.config.getoption("--update-goldens"):
        text = BLOCK.sub(lambda m: f"<!-- keys: {m[1]} -->\n{schema.key_table(m[1])}<!-- /keys -->\n", text)
        path.write_text(text, encoding="utf-8")
    found = BLOCK.findall(text)
    assert sorted(name for name, _ in found) == sorted(schema.TABLES)
    for name, table in found:
        assert table == schema.key_table(name), f"{name}: run python -m pytest --update-goldens"


def test_bundled_files_name_the_schema_and_follow_it(real_data: Path) -> None:
    """Each bundled file starts with `#:schema ./schema.json` and its parsed TOML is valid
    against data/schema.json."""
    validator = jsonschema.Draft202012Validator(json.loads((DATA / schema.SCHEMA_FILE).read_text("utf-8")))
    files = sorted(real_data.glob("*.toml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == schema.SCHEMA_DIRECTIVE, path.name
        assert "milestones = [" not in text, f"{path.name}: milestones are [[agreement.milestones]] tables"
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(tomli.loads(text))]
        assert errors == [], path.name


def test_taplo_validates_a_file_by_its_directive(tmp_path: Path) -> None:
    """What an editor with taplo (Even Better TOML) does: a good file passes, a bad key fails."""
    write_skeleton(tmp_path / "mine", title="Two countries", countries=["A", "B"], force=False)
    good = subprocess.run(
        [TAPLO, "check", *map(str, (tmp_path / "mine").glob("*.toml"))], capture_output=True
    )
    assert good.returncode == 0, good.stderr.decode()
    bad = tmp_path / "mine" / "bad.toml"
    bad.write_text(f'{schema.SCHEMA_DIRECTIVE}\n[[event]]\nid = "x"\ntitel = "t"\n', encoding="utf-8")
    checked = subprocess.run([TAPLO, "check", str(bad)], capture_output=True, text=True)
    assert checked.returncode != 0
    assert "'titel' was unexpected" in checked.stderr and '"title" is a required property' in checked.stderr


def test_init_writes_the_schema_beside_its_files(tmp_path: Path) -> None:
    written = write_skeleton(tmp_path / "pair", title="A pair", countries=["A", "B"], force=False)
    tomls = [p for p in written if p.suffix == ".toml" and p.name != "azma.toml"]  # azma.toml: settings
    assert len(tomls) == 4
    for path in tomls:
        assert path.read_text(encoding="utf-8").splitlines()[0] == schema.SCHEMA_DIRECTIVE, path.name
    assert (tmp_path / "pair" / schema.SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()


MINIMAL = {
    "source": 'id = "s"\ntitle = "t"\npublisher = "p"\nkind = "notes"\n',
    "actor": 'id = "a"\nname = "n"\ntype = "person"\nsources = ["s"]\n',
    "place": 'id = "p"\nname = "n"\ncountry = "c"\n',
    "event": 'id = "e"\ntitle = "t"\nfields = ["culture"]\nsources = ["s"]\n',
    "agreement": 'id = "g"\ntitle = "t"\nkind = "protocol"\nparties = ["A"]\nfields = ["culture"]\n'
    'status = "signed"\nsources = ["s"]\n',
    "trade": 'year = 2020\nreporter = "A"\npartner = "B"\nturnover = 1.0\nunit = "thousand USD"\nsources = ["s"]\n',
}
SOURCE = '[[source]]\nid = "s"\ntitle = "t"\npublisher = "p"\nkind = "notes"\n'


@pytest.mark.parametrize("table", schema.RECORD_TABLES)
def test_the_loader_requires_what_the_schema_requires(tmp_path: Path, table: str) -> None:
    """A minimal record with every required key loads; without any one of them it does not,
    and the problem names the key."""
    path = tmp_path / "mine.toml"
    body = MINIMAL[table]
    source = "" if table == "source" else SOURCE
    path.write_text(f"{source}[[{table}]]\n{body}", encoding="utf-8")
    build_dataset([*sorted(map(str, FIXTURE_BUNDLED.glob("*.toml"))), str(path)])
    required = [k.name for k in schema.TABLES[table] if k.required]
    assert required
    for key in required:
        without = "".join(line + "\n" for line in body.splitlines() if not line.startswith(f"{key} ="))
        path.write_text(f"{source}[[{table}]]\n{without}", encoding="utf-8")
        with pytest.raises(DataError) as caught:
            build_dataset([*sorted(map(str, FIXTURE_BUNDLED.glob("*.toml"))), str(path)])
        assert any(f"missing required key '{key}'" in p.message for p in caught.value.problems), key


def test_every_key_the_loader_reads_is_in_the_schema_with_its_type() -> None:
    from azma.load import build

    for table, keys in schema.TABLES.items():
        assert list(build._SCHEMAS[table]) == [k.name for k in keys], table
        for key in keys:
            assert build._SCHEMAS[table][key.name][1] is key.required
