"""azma stats, azma network and citable sources (issue 12, parts 1, 2 and 4).

Expectations are worked out from tests/fixtures/bundled/records.toml and from the hostile user
file written below (names holding quotes, newlines, `<`, `&`, control characters, and BibTeX's
special characters).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from azma.dates import parse_edtf
from azma.query.stats import period_of

HOSTILE_NAME = 'Ali "The <Boss>" & Co\n\x1b[31mred\\N'
HOSTILE_TITLE = "50% of {braces} & #tags_under \\emph{x} $5 ^ ~ }unbalanced{"

USER = f"""
[[source]]
id = "hostile-source"
title = {json.dumps(HOSTILE_TITLE)}
publisher = "Press & Co_ {{}}"
kind = "newspaper"
date = "2024-05-06"
url = "https://example.org/a?b=1&c=%20{{x}}"
language = "fr"

[[actor]]
id = "hostile-actor"
name = {json.dumps(HOSTILE_NAME)}
type = "person"
country = "Morocco"
sources = ["hostile-source"]

[[actor]]
id = "plain-actor"
name = "Plain Person"
type = "person"
country = "Azerbaijan"
sources = ["hostile-source"]

[[event]]
id = "trio-2024"
date = "2024-05-06"
title = "Three meet"
fields = ["culture"]
actors = ["hostile-actor", "plain-actor", "anna-example"]
sources = ["hostile-source"]

[[event]]
id = "pair-2021"
date = "2021-02"
title = "Two meet"
fields = ["diplomacy"]
actors = ["hostile-actor", "plain-actor"]
sources = ["hostile-source"]
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(USER, encoding="utf-8")
    return path


def ok(result):  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return result


# ----------------------------------------------------------------------------- stats


def test_stats_by_year_lists_every_year_zeros_included(cli) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(ok(cli("stats", "--format", "json")).stdout)
    years = [r["period"] for r in rows if r["period"] is not None]
    assert years == [str(y) for y in range(1994, 2026)]  # 1995–2007 hold nothing and are listed
    by_year = {r["period"]: r["count"] for r in rows}
    assert by_year["1995"] == 0 and by_year["1994"] == 2 and by_year["2018"] == 2
    # undated-exchange and an undated milestone fall in no single year
    assert by_year[None] == 2
    assert set(rows[0]) == {"period", "start", "end", "per", "by", "value", "label", "count", "records"}
    assert rows[0]["start"] == "1994-01-01" and rows[0]["end"] == "1994-12-31"


def test_stats_by_kind_counts_agreement_milestones(cli) -> None:  # type: ignore[no-untyped-def]
    out = ok(cli("stats", "--by", "kind", "--per", "year", "--since", "2023", "--format", "csv")).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    cell = {(r["period"], r["value"]): (int(r["count"]), int(r["records"])) for r in rows}
    # the 2023 commission meeting holds a signing: one record, counted as a meeting and a signing
    assert cell[("2023", "meeting")] == (1, 1)
    assert cell[("2023", "signed")] == (1, 1)
    assert cell[("2025", "approved")] == (1, 2)
    # every kind of every year is a row, zeros included
    kinds = {r["value"] for r in rows}
    assert {"signed", "approved", "in-force", "visit"} <= kinds
    assert len(rows) == len(kinds) * 3


def test_stats_by_field_counts_a_record_once_per_field_and_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(ok(cli("stats", "--by", "field", "--format", "json")).stdout)
    total = sum(r["count"] for r in rows)
    records = rows[0]["records"]
    assert total > records  # commission-2023 has two fields
    table = ok(cli("stats", "--by", "field", "--format", "table")).stdout
    assert f"{records} records, counted {total} times" in table
    assert "once under each of its fields" in table


def test_stats_filter_on_the_counted_dimension_keeps_its_values(cli) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(ok(cli("stats", "--by", "field", "--field", "culture", "--format", "json")).stdout)
    assert {r["value"] for r in rows} == {"culture"}


def test_stats_table_draws_bars_and_leaves_out_zero_cells(cli) -> None:  # type: ignore[no-untyped-def]
    table = ok(cli("stats", "--by", "kind", "--per", "year", "--since", "2023", "--format", "table")).stdout
    assert "█" in table
    assert "in-force" not in table  # a zero cell in a year with records
    plain = ok(cli("stats", "--by", "kind", "--per", "year", "--since", "2023")).stdout
    assert "2023\tin-force\t0\t1" in plain  # a pipe gets every cell
    empty_year = ok(cli("stats", "--since", "2020", "--until", "2022", "--format", "table")).stdout
    assert "2021" in empty_year  # a year with nothing stays in the table


def test_stats_per_month_puts_year_only_records_in_no_single_month(cli) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(ok(cli("stats", "--by", "month", "--since", "2019", "--format", "json")).stdout)
    unplaced = [r for r in rows if r["period"] is None]
    assert unplaced and unplaced[0]["count"] >= 1  # twinning-discussed is dated 2019 only
    assert rows[0]["period"] == "2019-01"


@pytest.mark.parametrize(
    ("text", "per", "expected"),
    [
        ("2018-03-05", "month", "2018-03"),
        ("2018", "month", None),
        ("201X", "year", None),
        ("2008-03-02/2008-03-04", "month", "2008-03"),
        ("2019/..", "year", "2019"),
        ("../2025-07-07", "month", "2025-07"),
        ("2018-12~", "year", "2018"),
        ("2019-21", "year", "2019"),
    ],
)
def test_period_of(text: str, per: str, expected: str | None) -> None:
    found = period_of(parse_edtf(text), per)  # type: ignore[arg-type]
    assert (found.label if found else None) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "feild"], "--by: unknown dimension 'feild' (did you mean 'field'?)"),
        (["--by", "colour"], "--by: unknown dimension 'colour' (choose one of year, month, field"),
        (["--per", "decade"], "--per: unknown period 'decade'"),
        (["--by", "year", "--per", "month"], "--by year cannot be counted --per month"),
    ],
)
def test_stats_bad_values(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("stats", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"azma: {message}")
    assert result.stderr.count("\n") == 1


# ----------------------------------------------------------------------------- network


def test_network_pairs(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(ok(cli("--data", str(hostile), "network", "--format", "json")).stdout)
    strongest = rows[0]
    assert (strongest["a"], strongest["b"], strongest["weight"]) == ("hostile-actor", "plain-actor", 2)
    assert (strongest["first"], strongest["last"]) == ("2021-02", "2024-05-06")
    assert strongest["records"] == ["pair-2021", "trio-2024"]
    assert strongest["a_name"] == HOSTILE_NAME  # JSON carries the data as it is
    assert len(rows) == 3  # the trio makes three pairs, one of them the pair's second record


def test_network_filters_apply(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(
        ok(cli("--data", str(hostile), "network", "--since", "2022", "--format", "json")).stdout
    )
    assert {r["weight"] for r in rows} == {1}
    rows = json.loads(
        ok(cli("--data", str(hostile), "network", "--field", "diplomacy", "--format", "json")).stdout
    )
    assert [(r["a"], r["b"]) for r in rows] == [("hostile-actor", "plain-actor")]


def test_network_actor_is_an_ego_network(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(
        ok(cli("--data", str(hostile), "network", "--actor", "anna", "--format", "json")).stdout
    )
    # anna's ties only: the hostile-plain pair they share with her is not hers
    assert sorted((r["a"], r["b"], r["weight"]) for r in rows) == [
        ("anna-example", "hostile-actor", 1),
        ("anna-example", "plain-actor", 1),
    ]
    rows = json.loads(
        ok(
            cli("--data", str(hostile), "network", "--actor", "anna", "--neighbour-ties", "--format", "json")
        ).stdout
    )
    # asked for, the ties among her neighbours come from every record, not only hers
    assert {(r["a"], r["b"]): r["weight"] for r in rows}[("hostile-actor", "plain-actor")] == 2
    table = ok(cli("--data", str(hostile), "network", "--actor", "anna", "--format", "table")).stdout
    assert "ego network of Anna Example" in table.splitlines()[0]
    bad = cli("--data", str(hostile), "network", "--neighbour-ties")
    assert (
        bad.exit_code == 2
        and bad.stderr
        == "azma: --neighbour-ties needs --actor (azma network --actor NAME --neighbour-ties)\n"
    )


def test_network_keeps_the_most_connected_actors(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    graph = json.loads(
        ok(cli("--data", str(hostile), "network", "--top", "2", "--format", "node-link")).stdout
    )
    # hostile, plain and anna have two partners each; hostile and plain share more records
    assert sorted(n["id"] for n in graph["nodes"]) == ["hostile-actor", "plain-actor"]
    assert [(link["source"], link["target"]) for link in graph["links"]] == [("hostile-actor", "plain-actor")]
    table = ok(cli("--data", str(hostile), "network", "--top", "2", "--format", "table")).stdout
    assert table.startswith("Who appears with whom: 1 pair of the 2 most connected of 4 actors")
    every = json.loads(ok(cli("--data", str(hostile), "network", "--all", "--format", "node-link")).stdout)
    assert len(every["nodes"]) == 4
    for args, message in (
        (["--top", "0"], "azma: --top must be 1 or more, not 0 (--all keeps every actor)\n"),
        (
            ["--top", "3", "--all"],
            "azma: --top and --all cannot be used together (--all keeps every actor)\n",
        ),
    ):
        bad = cli("--data", str(hostile), "network", *args)
        assert bad.exit_code == 2 and bad.stderr == message


def test_network_default_cut_is_thirty_actors(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    people = [f"person-{i:02d}" for i in range(40)]
    text = ['[[source]]\nid = "s"\ntitle = "S"\npublisher = "P"\nkind = "notes"\ndate = "2020"\n']
    for person in people:
        text.append(f'[[actor]]\nid = "{person}"\nname = "{person}"\ntype = "person"\nsources = ["s"]\n')
    for i, person in enumerate(people):  # a ring: everyone has two partners, person-00 a third
        other = people[(i + 1) % len(people)]
        text.append(f'[[event]]\nid = "e{i}"\ndate = "2020"\ntitle = "M"\nfields = ["culture"]\n'
                    f'actors = ["{person}", "{other}"]\nsources = ["s"]\n')  # fmt: skip
    text.append('[[event]]\nid = "extra"\ndate = "2020"\ntitle = "M"\nfields = ["culture"]\n'
                'actors = ["person-00", "person-20"]\nsources = ["s"]\n')  # fmt: skip
    path = tmp_path / "ring.toml"
    path.write_text("\n".join(text), encoding="utf-8")
    graph = json.loads(ok(cli("--data", str(path), "network", "--format", "node-link")).stdout)
    ids = {n["id"] for n in graph["nodes"]}
    assert len(ids) == 30 and {"person-00", "person-20"} <= ids
    assert all(link["source"] in ids and link["target"] in ids for link in graph["links"])


def test_network_graphml_reads_back_in_networkx(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    networkx = pytest.importorskip("networkx")
    text = ok(cli("--data", str(hostile), "network", "--format", "graphml")).stdout
    graph = networkx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert graph.number_of_edges() == 3
    assert graph.edges["hostile-actor", "plain-actor"]["weight"] == 2
    assert graph.edges["hostile-actor", "plain-actor"]["records"] == "pair-2021 trio-2024"
    # markup and quotes come back as text; the control character is shown, not sent
    assert graph.nodes["hostile-actor"]["label"] == 'Ali "The <Boss>" & Co \\x1b[31mred\\N'
    assert graph.nodes["hostile-actor"]["appearances"] == 2


def test_network_node_link_reads_back_in_networkx(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    networkx = pytest.importorskip("networkx")
    doc = json.loads(ok(cli("--data", str(hostile), "network", "--format", "node-link")).stdout)
    graph = networkx.node_link_graph(doc, edges="links")
    assert graph.edges["plain-actor", "hostile-actor"]["weight"] == 2
    assert graph.nodes["hostile-actor"]["name"] == HOSTILE_NAME


def test_network_dot_is_drawn_by_graphviz(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    text = ok(cli("--data", str(hostile), "network", "--format", "dot")).stdout
    assert '"hostile-actor" [label="Ali \\"The <Boss>\\" & Co \\\\x1b[31mred\\\\N"' in text
    assert "layout" not in text  # the reader's tool chooses the layout
    assert 'weight=2, label="2"' in text and 'records="pair-2021 trio-2024"' in text
    if shutil.which("dot") is None:
        if os.environ.get("CI"):
            pytest.fail("Graphviz 'dot' is not installed (CI installs it: apt-get install graphviz)")
        pytest.skip("Graphviz 'dot' is not installed")
    drawn = subprocess.run(["dot", "-Tjson"], input=text, capture_output=True, text=True, check=True)
    assert drawn.stderr == ""
    graph = json.loads(drawn.stdout)
    assert {o["name"] for o in graph["objects"]} >= {"hostile-actor", "plain-actor", "anna-example"}
    assert len(graph["edges"]) == 3
    svg = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=True).stdout
    # the label is drawn as the text it holds: quotes, markup and a backslash-N are not acted on
    assert ">Ali &quot;The &lt;Boss&gt;&quot; &amp; Co \\x1b[31mred\\N</text>" in svg


def test_network_picture_of_the_bundled_record(cli, real_data: Path) -> None:  # type: ignore[no-untyped-def]
    """The README's picture, drawn by Graphviz from our DOT into tests/artifacts/network.png
    (CI keeps it): the default graph is readable, at most 30 actors, drawn without a warning."""
    if shutil.which("neato") is None:
        if os.environ.get("CI"):
            pytest.fail("Graphviz is not installed (CI installs it: apt-get install graphviz)")
        pytest.skip("Graphviz is not installed")
    text = ok(cli("network", "--format", "dot")).stdout
    artifacts = Path(__file__).parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    drawn = subprocess.run(["neato", "-Tjson"], input=text, capture_output=True, text=True, check=True)
    assert drawn.stderr == ""
    graph = json.loads(drawn.stdout)
    assert 20 <= len(graph["objects"]) <= 30
    target = artifacts / "network.png"
    subprocess.run(["neato", "-Tpng", "-o", str(target)], input=text, text=True, check=True)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ego = ok(cli("network", "--actor", "bourita", "--format", "dot")).stdout
    subprocess.run(
        ["neato", "-Tpng", "-o", str(artifacts / "network-bourita.png")], input=ego, text=True, check=True
    )
    print(f"picture: {target}")


def test_dot_and_xml_escaping_of_hostile_ids() -> None:
    from azma.safe import for_dot, for_xml

    assert for_dot('a"b\\c\nd\x07') == '"a\\"b\\\\c d\\\\x07"'
    assert for_xml("<a & 'b'>\"\ufffe\x1b") == "&lt;a &amp; &apos;b&apos;&gt;&quot;\\ufffe\\x1b"


def test_network_bad_format_names_the_choices(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("network", "--format", "graphxml")
    assert result.exit_code == 2
    assert "did you mean 'graphml'?" in result.stderr


def test_network_table(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    table = ok(cli("--data", str(hostile), "network", "--format", "table")).stdout
    assert "\x1b" not in table and "\\x1b[31mred" in table
    assert table.startswith("Who appears with whom: 3 pairs of 4 actors")  # and foreign-ministry, alone


# ----------------------------------------------------------------------------- citations


def test_csl_json_loads_in_citeproc(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    items = json.loads(ok(cli("--data", str(hostile), "sources", "--format", "csl-json")).stdout)
    assert {i["id"] for i in items} == {"src-encyclopedia", "src-news", "hostile-source"}
    mine = next(i for i in items if i["id"] == "hostile-source")
    assert mine["issued"] == {"date-parts": [[2024, 5, 6]]}
    assert (mine["type"], mine["language"], mine["container-title"]) == (
        "article-newspaper",
        "fr",
        "Press & Co_ {}",
    )
    assert "publisher" not in mine  # the publisher once: as the article's container
    open_ended = next(i for i in items if i["id"] == "src-encyclopedia")
    assert open_ended["issued"] == {"date-parts": [[2019]]}  # what is known, no "open end" literal
    assert "on or after 2019" in open_ended["note"]
    bibliography = citeproc.CitationStylesBibliography(
        citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False),
        CiteProcJSON(items),
        citeproc.formatter.plain,
    )
    for item in items:
        bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
    rendered = "\n".join(str(entry) for entry in bibliography.bibliography())
    assert "Ministers meet" in rendered and "2023" in rendered
    assert HOSTILE_TITLE.split()[0] in rendered


BYLINES = """
[[source]]
id = "bylined"
title = "Ministers meet (descriptive title from the pack)"
publisher = "Caliber.Az (article by Aghakazim Guliyev, citing AZERTAC)"
kind = "newspaper"
date = "2024-05-06/2024-05-09"
url = "https://example.org/bylined"
accessed = "2026-11-30"
language = "en"

[[source]]
id = "open-start"
title = "Known only to be out by then"
publisher = "Report.az (Russian service, citing the foreign ministry)"
kind = "news-agency"
date = "../2010-10-27"
url = "https://example.org/open"
language = "ru"

[[event]]
id = "bylined-event"
date = "2024-05-06"
title = "Bylined"
fields = ["culture"]
sources = ["bylined", "open-start"]
"""


@pytest.fixture
def bylines(tmp_path: Path) -> Path:
    path = tmp_path / "bylines.toml"
    path.write_text(BYLINES, encoding="utf-8")
    return path


def test_references_part_authors_from_publishers(cli, bylines: Path) -> None:  # type: ignore[no-untyped-def]
    items = {
        i["id"]: i
        for i in json.loads(ok(cli("--data", str(bylines), "sources", "--format", "csl-json")).stdout)
    }
    item = items["bylined"]
    assert item["author"] == [{"family": "Guliyev", "given": "Aghakazim"}]
    assert item["container-title"] == "Caliber.Az" and "publisher" not in item
    assert item["issued"] == {"date-parts": [[2024, 5, 6], [2024, 5, 9]]}  # a range as a pair
    assert item["accessed"] == {"date-parts": [[2026, 11, 30]]}
    assert item["title"] == "Ministers meet (descriptive title)"  # no name of our own source pack
    assert item["note"] == "Date not printed; worked out as 2024-05-06 to 2024-05-09. Citing AZERTAC."
    other = items["open-start"]
    assert other["container-title"] == "Report.az (Russian service)" and "author" not in other
    assert other["issued"] == {"date-parts": [[2010, 10, 27]]} and "accessed" not in other
    assert "on or before 2010-10-27" in other["note"] and "Citing the foreign ministry" in other["note"]
    text = ok(cli("--data", str(bylines), "show", "bylined-event", "--cite")).stdout
    assert text.startswith(
        "[1] Aghakazim Guliyev. “Ministers meet (descriptive title).” Caliber.Az, 2024-05-06 to 2024-05-09. "
        "Language: en. https://example.org/bylined (read 2026-11-30)."
    )
    bib = ok(cli("--data", str(bylines), "sources", "--format", "bibtex")).stdout
    entry = bib[bib.index("@article{bylined,") :].split("\n}\n")[0]
    assert "author = {Guliyev, Aghakazim}" in entry and "journal = {Caliber.Az}" in entry
    assert "publisher" not in entry and "howpublished" not in entry
    assert "date = {2024-05-06/2024-05-09}" in entry and "urldate = {2026-11-30}" in entry


@pytest.mark.parametrize(
    ("text", "issued"),
    [
        ("2011-03-19/2011-03-31", {"date-parts": [[2011, 3, 19], [2011, 3, 31]]}),
        ("[2024-01-01..2024-02-06]", {"date-parts": [[2024, 1, 1], [2024, 2, 6]]}),
        ("2019/..", {"date-parts": [[2019]]}),
        ("../2010-10-27", {"date-parts": [[2010, 10, 27]]}),
        ("[..2010-10-27]", {"date-parts": [[2010, 10, 27]]}),
        ("[2019-05..]", {"date-parts": [[2019, 5]]}),
        ("2018-03-05?", {"date-parts": [[2018, 3, 5]], "circa": True}),
        ("2018-21", {"date-parts": [[2018]], "season": 1}),
        ("201X", {"literal": "2010s"}),
    ],
)
def test_csl_dates_say_what_is_known(text: str, issued: dict[str, object]) -> None:
    from azma.formats.cite import csl_date

    assert csl_date(parse_edtf(text)) == issued


@pytest.mark.parametrize(
    ("text", "name", "authors", "remark"),
    [
        ("Caliber.Az (article by Aghakazim Guliyev, citing AZERTAC)", "Caliber.Az", ("Aghakazim Guliyev",), "citing AZERTAC"),
        ("AzerNews (Akbar Novruz)", "AzerNews", ("Akbar Novruz",), ""),
        ("Yeni Azərbaycan (article by N. Bayramlı, citing the ministry)", "Yeni Azərbaycan", ("N. Bayramlı",), "citing the ministry"),
        ("AZERTAC (special correspondent Shikhali Aliyev)", "AZERTAC", ("Shikhali Aliyev",), ""),
        ("Report.az (Russian service, citing the Foreign Ministry)", "Report.az (Russian service)", (), "citing the Foreign Ministry"),
        ("APA News (apanews.net), citing the embassy", "APA News (apanews.net)", (), "citing the embassy"),
        ("MENAFN, carrying a Trend News Agency report", "MENAFN", (), "carrying a Trend News Agency report"),
        ("Azerbaycan24, carrying an interview by Report.az", "Azerbaycan24", (), "carrying an interview by Report.az"),
        ("Le Monde (Le Matin)", "Le Monde (Le Matin)", (), ""),
        ("X (Report News Agency)", "X (Report News Agency)", (), ""),
        ("Ministry of Foreign Affairs, African Cooperation and Moroccan Expatriates (diplomatie.ma)",
         "Ministry of Foreign Affairs, African Cooperation and Moroccan Expatriates (diplomatie.ma)", (), ""),
    ],
)  # fmt: skip
def test_a_publisher_text_is_taken_apart(text: str, name: str, authors: tuple[str, ...], remark: str) -> None:
    from azma.formats.cite import split_publisher

    assert tuple(split_publisher(text)) == (name, authors, remark)


def _pandoc_bibliography(items_json: str, tmp_path: Path) -> str:
    """The bibliography pandoc's citeproc renders in its default style (Chicago author-date)."""
    if shutil.which("pandoc") is None:
        if os.environ.get("CI"):
            pytest.fail("pandoc is not installed (CI installs it: apt-get install pandoc)")
        pytest.skip("pandoc is not installed")
    refs = tmp_path / "refs.json"
    refs.write_text(items_json, encoding="utf-8")
    document = '---\nnocite: "@*"\n---\n'
    done = subprocess.run(
        ["pandoc", "--citeproc", f"--bibliography={refs}", "-f", "markdown", "-t", "plain", "--wrap=none"],
        input=document, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stderr == ""  # no warning of any kind
    return done.stdout


def test_pandoc_citeproc_renders_the_references(cli, bylines: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = _pandoc_bibliography(
        ok(cli("--data", str(bylines), "sources", "--format", "csl-json")).stdout, tmp_path
    )
    line = next(x for x in text.splitlines() if x.startswith("Guliyev"))
    assert line.startswith(
        "Guliyev, Aghakazim. 2024. “Ministers Meet (Descriptive Title).” Caliber.Az, May 6–9, 2024."
    )
    assert line.count("Caliber.Az") == 1


def test_pandoc_citeproc_renders_every_bundled_source(cli, real_data: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every source of the bundled record, through pandoc's citeproc without a warning, and
    through bibtexparser without a failed block; no name of the project's own material."""
    items_json = ok(cli("sources", "--format", "csl-json")).stdout
    items = json.loads(items_json)
    text = _pandoc_bibliography(items_json, tmp_path)
    assert text.count("https://") + text.count("http://") >= len(items)  # one entry each
    for word in ("source pack", "seed copy", "from the pack", ".txt"):
        assert word not in items_json
    assert all("accessed" in i for i in items if "URL" in i)
    assert not any("literal" in i.get("issued", {}) and "date-parts" in i["issued"] for i in items)
    bibtexparser = pytest.importorskip("bibtexparser")
    library = bibtexparser.parse_string(ok(cli("sources", "--format", "bibtex")).stdout)
    assert library.failed_blocks == [] and len(library.entries) == len(items)
    assert all(
        list(e.fields_dict).count("publisher")
        + list(e.fields_dict).count("journal")
        + list(e.fields_dict).count("howpublished")
        == 1
        for e in library.entries
    )


def test_bibtex_parses_and_escapes(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    bibtexparser = pytest.importorskip("bibtexparser")
    text = ok(cli("--data", str(hostile), "sources", "--format", "bibtex")).stdout
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    entries = {e.key: e for e in library.entries}
    assert set(entries) == {"src-encyclopedia", "src-news", "hostile-source"}
    mine = entries["hostile-source"]
    assert mine.entry_type == "article"
    assert mine.fields_dict["title"].value == (
        r"50\% of \{braces\} \& \#tags\_under \textbackslash{}emph\{x\} \$5 \textasciicircum{} "
        r"\textasciitilde{} \}unbalanced\{"
    )
    assert mine.fields_dict["journal"].value == r"Press \& Co\_ \{\}"
    assert mine.fields_dict["url"].value == "https://example.org/a?b=1&c=%20%7Bx%7D"
    assert mine.fields_dict["date"].value == "2024-05-06"
    assert entries["src-encyclopedia"].fields_dict["year"].value == "2019"


def test_show_cite(cli, hostile: Path) -> None:  # type: ignore[no-untyped-def]
    text = ok(cli("--data", str(hostile), "show", "trio-2024", "--cite")).stdout
    assert text.startswith("[1] “50% of {braces}")
    assert ".” Press & Co_ {}, 2024-05-06. Language: fr. https://example.org/a?b=1&c=%20{x}" in text
    own = ok(cli("show", "src-encyclopedia", "--cite")).stdout
    assert own.startswith("[1] “Relations between two countries.” An encyclopedia, on or after 2019.")
    assert "[Date not printed; worked out as on or after 2019.]" in own
    items = json.loads(ok(cli("show", "commission-2023", "--cite", "--format", "csl-json")).stdout)
    assert [i["id"] for i in items] == ["src-news"]
    bad = cli("show", "commission-2023", "--cite", "--format", "bibtx")
    assert bad.exit_code == 2 and "did you mean 'bibtex'?" in bad.stderr


def test_stats_open_interval_begun_before_the_window_is_in_no_single_year(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "open.toml"
    path.write_text(
        '[[event]]\nid = "ongoing"\ndate = "2019-06/.."\ntitle = "Ongoing"\nfields = ["culture"]\n'
        'sources = ["src-news"]\n',
        encoding="utf-8",
    )
    rows = json.loads(ok(cli("--data", str(path), "stats", "--since", "2030", "--format", "json")).stdout)
    assert [(r["period"], r["count"]) for r in rows] == [("2030", 0)]  # an open end reaches nothing
    asked = ("stats", "--since", "2030", "--window", "possible", "--format", "json")
    rows = json.loads(ok(cli("--data", str(path), *asked)).stdout)
    assert [(r["period"], r["count"]) for r in rows] == [("2030", 0), (None, 1)]
    rows = json.loads(ok(cli("--data", str(path), "stats", "--since", "2019", "--format", "json")).stdout)
    assert {r["period"]: r["count"] for r in rows}["2019"] == 2  # twinning-discussed and ongoing
