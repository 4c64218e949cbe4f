"""The timeline page (`azma export html`) in a real browser, on the bundled data.

Debian's chromium, driven by selenium through /usr/bin/chromedriver (apt-get install chromium
chromium-driver; pip install selenium). Without them these tests skip locally and FAIL when
CI=true. The page is checked at 1280×900 and 390×844 against what the CLI answers for the same
questions; screenshots go to tests/artifacts/ (.ci/run prints them and copies them to
$CI_ARTIFACTS when set), where a person
looks at them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import REAL_BUNDLED_DATA_DIR

import azma
import azma.load
from azma.formats.html import export_html
from azma.formats.listing import ExportOptions
from azma.query import select_for_export

TESTS = Path(__file__).resolve().parent
ARTIFACTS = TESTS / "artifacts"
EXPORTED = date(2026, 3, 1)


def _missing_browser(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must run the browser test (apt-get install chromium chromium-driver)")
    pytest.skip(f"{reason}; install chromium and chromium-driver (apt) and selenium (pip) to run it")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian chromium through /usr/bin/chromedriver (selenium never downloads one)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        _missing_browser("chromium or chromedriver is not installed")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing_browser("selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    profile = tempfile.mkdtemp(prefix="azma-chromium-")
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900",
        "--hide-scrollbars",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(chromedriver)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of the whole bundled dataset, exported once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(azma.load, "bundled_data_dir", REAL_BUNDLED_DATA_DIR)
        dataset = azma.load.load_dataset(use_cache=False)
    target = tmp_path_factory.mktemp("page") / "azma.html"
    target.write_text(
        export_html(select_for_export(dataset), ExportOptions(today=EXPORTED)), encoding="utf-8"
    )
    return target


# What a test can see of the page and change: the DOM (classes, attributes, hidden, the SVG the
# script draws, the details panel), every form control's value, the window's size, the scroll,
# the focus, the URL and the emulated media; a hash of them. Left out: the text of the hidden
# element the script measures labels with (opacity 0, aria-hidden), the last label it measured.
STATE = """
var measure = document.querySelector('#tl > text[opacity="0"][aria-hidden="true"]');
var h = 2166136261, s = document.documentElement.outerHTML.replace(measure.outerHTML, '') + JSON.stringify([
  Array.from(document.querySelectorAll('input, select, textarea')).map(c => [c.value, c.checked]),
  innerWidth, innerHeight, scrollX, scrollY, document.activeElement.outerHTML.slice(0, 300), location.href,
  matchMedia('print').matches, matchMedia('(prefers-color-scheme: dark)').matches]);
for (var i = 0; i < s.length; i++) { h = Math.imul(h ^ s.charCodeAt(i), 16777619); }
return h >>> 0;
"""


@pytest.fixture(scope="module")
def _as_loaded() -> list[int]:
    """The STATE of the page as a fresh load shows it (empty until the first load)."""
    return []


@pytest.fixture
def page(browser: Any, page_file: Path, _as_loaded: list[int]) -> Any:
    """The page as a fresh load shows it at 1280x900. A load costs the browser ~0.5 s of CPU:
    the page the test before left is used again when it is in exactly a fresh load's STATE at
    that size, with the focus and the scroll put back (and, if need be, the filters reset);
    else it is loaded."""
    browser.set_window_size(1280, 900)
    if _as_loaded:
        browser.execute_script("document.activeElement.blur(); scrollTo(0, 0)")
        settle(browser)
        if browser.execute_script(STATE) == _as_loaded[0]:
            return browser
        reset(browser)
        settle(browser)
        if browser.execute_script(STATE) == _as_loaded[0]:
            return browser
    browser.get(page_file.as_uri())
    settle(browser)
    _as_loaded[:] = [browser.execute_script(STATE)]
    return browser


def cli_ids(cli: Any, command: str, *args: str) -> list[str]:
    result = cli(command, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def shown(browser: Any, selector: str, key: str = "data-id") -> list[str]:
    script = (
        f"return Array.from(document.querySelectorAll({json.dumps(selector)}))"
        f".filter(e => !e.closest('[hidden], [display=none]')).map(e => e.getAttribute({json.dumps(key)}))"
    )
    found: list[str] = browser.execute_script(script)
    return found


def set_field(browser: Any, element_id: str, value: str, event: str = "change") -> None:
    browser.execute_script(
        "var c = document.getElementById(arguments[0]); c.value = arguments[1];"
        "c.dispatchEvent(new Event(arguments[2]));",
        element_id,
        value,
        event,
    )


def reset(browser: Any) -> None:
    browser.execute_script("document.getElementById('filters').reset()")
    browser.execute_script("return new Promise(r => setTimeout(r, 20))")


def save(browser: Any, name: str, at: str | None = None, height: int = 2400) -> Path:
    """A screenshot in tests/artifacts/: `height` px of the page from the
    top, or from the element `at` (a CSS selector)."""
    ARTIFACTS.mkdir(exist_ok=True)
    width = browser.execute_script("return window.innerWidth")
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500},
    )
    try:
        browser.execute_script(
            "if (arguments[0]) { document.querySelector(arguments[0]).scrollIntoView(); } else { scrollTo(0, 0); }",
            at,
        )
        target = ARTIFACTS / f"{name}.png"
        browser.save_screenshot(str(target))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print(f"screenshot: {target}")
    return target


# ----------------------------------------------------------------------------- the picture


def test_one_marker_per_dated_record(page: Any, cli: Any, real_data: Path) -> None:
    rows = json.loads(cli("timeline", "--format", "json").stdout)
    dated = [row["id"] for row in rows if row["date"] is not None]
    markers = shown(page, "#tl a.marker")
    assert sorted(markers) == sorted(dated) and len(markers) == len(set(markers))
    disputed = {row["id"] for row in rows if row.get("disputed") and row["date"]}
    ringed = set(
        page.execute_script(
            "return Array.from(document.querySelectorAll('#tl a.marker')).filter(a => a.querySelector('.ring')).map(a => a.dataset.id)"
        )
    )
    assert ringed == disputed and disputed, "a ring marks exactly the disputed records"
    spans = set(
        page.execute_script(
            "return Array.from(document.querySelectorAll('#tl a.marker')).filter(a => a.querySelector('rect.span')).map(a => a.dataset.id)"
        )
    )
    intervals = {
        row["id"] for row in rows if row["date"] and "/" in row["date"] and row["start"] and row["end"]
    }
    assert spans == intervals, "a bar for each interval with both ends known, and only those"
    shapes = page.execute_script(
        "var out = {}; document.querySelectorAll('#tl a.marker').forEach(a => {"
        "out[a.dataset.id] = a.querySelector('svg > circle.mark') ? 'day' : a.querySelector('svg > path.mark') ? 'month' : 'year'; });"
        "return out;"
    )
    for row in rows:
        if row["date"] and row["precision"] in ("day", "month", "year"):
            assert shapes[row["id"]] == row["precision"], row["id"]


def test_markers_never_overlap_their_lane_label_and_sit_inside_the_drawing(page: Any) -> None:
    for width in (1280, 390):
        page.set_window_size(width, 844)
        page.execute_script(
            "window.dispatchEvent(new Event('resize')); return new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)))"
        )
        box = page.execute_script("return document.getElementById('tl').getBoundingClientRect().toJSON()")
        marks = page.execute_script(
            "return Array.from(document.querySelectorAll('#tl a.marker .mark')).map(m => m.getBoundingClientRect().toJSON())"
        )
        assert marks and all(
            box["left"] - 1 <= m["left"] and m["right"] <= box["right"] + 1 for m in marks
        ), width
        assert all(box["top"] <= m["top"] and m["bottom"] <= box["bottom"] for m in marks), width


def test_lane_switch_regroups_the_markers_by_kind(page: Any, cli: Any, real_data: Path) -> None:
    def lanes() -> list[str]:
        names: list[str] = page.execute_script(
            "return Array.from(document.querySelectorAll('#tl-lanes .lane-name')).map(t => t.textContent)"
        )
        return names

    rows = [r for r in json.loads(cli("timeline", "--format", "json").stdout) if r["date"]]
    by_field = lanes()
    assert by_field[0].startswith("diplomacy (")
    page.find_element("id", "lanes-kind").click()
    by_kind = lanes()
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    top = max(kinds, key=lambda k: (kinds[k], k))
    assert by_kind[0] == f"{top} ({kinds[top]})" and by_kind != by_field
    assert by_kind[-1].startswith("other: ") and len(by_kind) == 8
    assert len(shown(page, "#tl a.marker")) == len(rows), "every marker still drawn"
    lane_of = page.execute_script(
        "return Array.from(document.querySelectorAll('#tl a.marker')).map(a => [a.dataset.id, +a.dataset.laneKind, a.getAttribute('transform')])"
    )
    meeting = [t for i, lane, t in lane_of if lane == 0]
    assert len(meeting) == kinds[top]
    page.find_element("id", "lanes-field").click()
    assert lanes() == by_field


def test_a_marker_opens_its_record_with_sources_readings_and_agreements(
    page: Any, cli: Any, real_data: Path
) -> None:
    from selenium.webdriver.common.by import By

    rows = json.loads(cli("timeline", "--format", "json").stdout)
    disputed = next(r for r in rows if r.get("disputed") and r["date"] and r["agreements"])
    page.execute_script(
        "document.querySelector('#tl a.marker[data-id=\"' + arguments[0] + '\"]').dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))",
        disputed["id"],
    )
    detail = page.find_element(By.ID, "detail")
    assert detail.is_displayed() and page.current_url.endswith(".html"), (
        "the click opens the panel, no navigation"
    )
    assert detail.find_element(By.CSS_SELECTOR, ".title").text == disputed["title"]
    assert detail.find_elements(By.CSS_SELECTOR, ".readings li"), "every reading is listed"
    assert len(detail.find_elements(By.CSS_SELECTOR, ".readings li")) >= 2
    links = [
        a.get_attribute("href") for a in detail.find_elements(By.CSS_SELECTOR, "ol.cited a[href^='http']")
    ]
    assert links and all(re.match(r"https?://", h) for h in links), "sources with working links"
    agreement_links = [
        a.get_attribute("href").split("#")[1]
        for a in detail.find_elements(By.CSS_SELECTOR, "a[href^='#a-'], a[href*='#a-']")
    ]
    assert {f"a-{a}" for a in disputed["agreements"]} & set(agreement_links)
    for target in agreement_links:
        assert page.find_elements(By.ID, target), "a linked agreement is on the page"
    marker = page.find_element(By.CSS_SELECTOR, f'#tl a.marker[data-id="{disputed["id"]}"]')
    assert "current" in marker.get_attribute("class")
    save(page, "export-html-detail-1280", at="#glance", height=1400)
    page.find_element(By.ID, "detail-close").click()
    assert not detail.is_displayed()


# ----------------------------------------------------------------------------- one set of filters


@pytest.mark.parametrize("text", ["Marrakech", "gence", "defense", "Bourita Baku"])
def test_search_finds_what_the_cli_finds(page: Any, cli: Any, real_data: Path, text: str) -> None:
    set_field(page, "text-filter", text, "input")
    assert sorted(shown(page, "li.record")) == sorted(cli_ids(cli, "timeline", "--text", text))
    assert sorted(shown(page, "tr.agreement", "id")) == sorted(
        f"a-{i}" for i in cli_ids(cli, "agreements", "--text", text)
    )
    dated = {
        row["id"]
        for row in json.loads(cli("timeline", "--text", text, "--format", "json").stdout)
        if row["date"]
    }
    assert set(shown(page, "#tl a.marker")) == dated, "the markers follow the filters too"


def test_marrakech_finds_the_alias_marrakesh(page: Any, cli: Any, real_data: Path) -> None:
    set_field(page, "text-filter", "Marrakech", "input")
    found = shown(page, "li.record")
    assert len(found) == len(cli_ids(cli, "timeline", "--text", "Marrakech")) > 1
    status = page.find_element("id", "filter-status").text
    assert status.startswith(f"{len(found)} of ") and "Marrakech" in status


def test_field_filter_applies_to_agreements_and_trade(page: Any, cli: Any, real_data: Path) -> None:
    set_field(page, "field-filter", "defence")
    assert sorted(shown(page, "li.record")) == sorted(cli_ids(cli, "timeline", "--field", "defence"))
    assert sorted(shown(page, "tr.agreement", "id")) == sorted(
        f"a-{i}" for i in cli_ids(cli, "agreements", "--field", "defence")
    )
    assert shown(page, "tr[data-trade]") == [] and page.find_element("id", "no-trade").is_displayed()
    reset(page)
    assert len(shown(page, "tr[data-trade]")) == len(cli_ids(cli, "trade"))


def test_period_from_the_date_inputs_matches_since_and_until(page: Any, cli: Any, real_data: Path) -> None:
    set_field(page, "from-filter", "2018-01-01")
    set_field(page, "to-filter", "2019-12-31")
    window = ("--since", "2018-01-01", "--until", "2019-12-31")
    assert sorted(shown(page, "li.record")) == sorted(cli_ids(cli, "timeline", *window))
    assert sorted(shown(page, "tr.agreement", "id")) == sorted(
        f"a-{i}" for i in cli_ids(cli, "agreements", *window)
    )
    assert sorted(shown(page, "tr[data-trade]", "data-trade")) == sorted(cli_ids(cli, "trade", *window))
    band = page.find_element("id", "tl-sel")
    assert band.is_displayed() and float(band.get_attribute("width").rstrip("%")) > 0


def test_the_brush_zooms_and_the_view_becomes_the_period(page: Any, cli: Any, real_data: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    strip = page.find_element("id", "tl-overview")
    width = strip.rect["width"]
    # drawn across the overview from 60% to 85%: the picture shows that part only
    ActionChains(page).move_to_element_with_offset(
        strip, int(width * 0.10), 0
    ).click_and_hold().move_by_offset(int(width * 0.25), 0).release().perform()
    settle(page)
    brush = page.find_element("id", "tl-brush")
    assert 20 < float(brush.get_attribute("width").rstrip("%")) < 30
    shown_range = page.find_element("id", "tl-range").text
    assert re.fullmatch(r"Showing \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}", shown_range)
    page.find_element("id", "use-period").click()
    since = page.find_element("id", "from-filter").get_attribute("value")
    until = page.find_element("id", "to-filter").get_attribute("value")
    assert shown_range == f"Showing {since} to {until}" and since < until
    assert sorted(shown(page, "li.record")) == sorted(
        cli_ids(cli, "timeline", "--since", since, "--until", until)
    )
    assert len(shown(page, "li.record")) < len(cli_ids(cli, "timeline"))
    save(page, "export-html-period-1280", at="#glance", height=1400)


def test_the_trade_chart_draws_each_figure_as_what_it_is(page: Any, cli: Any, real_data: Path) -> None:
    rows = json.loads(cli("trade", "--format", "json").stdout)
    kinds = page.execute_script(
        "var out = {}; document.querySelectorAll('svg.chart g[data-trade]').forEach(g => out[g.dataset.trade] = g.dataset.kind); return out;"
    )
    for row in rows:
        expected = row["qualifier"] if row["qualifier"] != "exact" else "part" if row["period"] else "total"
        assert kinds[row["id"]] == expected, row["id"]
    legend = page.execute_script(
        "return Array.from(document.querySelectorAll('.chart-legend li')).map(li => li.textContent.trim())"
    )
    from azma.formats.html import PAGE_TEXT

    # the legend names each kind drawn, and only those (which kinds the data holds changes)
    assert sorted(legend) == sorted(PAGE_TEXT["chart_" + kind] for kind in set(kinds.values()))
    save(page, "export-html-trade-1280", at="#trade", height=900)


def settle(browser: Any) -> None:
    browser.execute_script(
        "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 20))))"
    )


def labels(browser: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = browser.execute_script(
        "return Array.from(document.querySelectorAll('#tl-labels text.label')).map(t => {"
        "var r = t.getBoundingClientRect(); return {id: t.dataset.for, text: t.textContent, left: r.left,"
        " right: r.right, top: r.top, bottom: r.bottom}; })"
    )
    return found


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    ]


def test_important_records_are_named_on_the_picture_without_overlap(
    page: Any, cli: Any, real_data: Path
) -> None:
    settle(page)
    whole = labels(page)
    ranks = page.execute_script(
        "var out = {}; document.querySelectorAll('#tl a.marker').forEach(a => out[a.dataset.id] = +a.dataset.rank); return out;"
    )
    assert len(whole) >= 8 and _overlaps(whole) == []
    assert all(ranks[label["id"]] >= 1 for label in whole), (
        "at the whole period only important records are named"
    )
    rows = {row["id"]: row for row in json.loads(cli("timeline", "--format", "json").stdout)}
    named = {label["id"] for label in whole}
    assert any(rows[i]["kind"] == "commission-session" for i in named)
    assert any(rows[i]["kind"] == "visit" for i in named)
    box = page.execute_script("return document.getElementById('tl').getBoundingClientRect().toJSON()")
    assert all(box["left"] - 1 <= label["left"] and label["right"] <= box["right"] + 1 for label in whole)
    for _ in range(3):  # zoomed in, more records are named, still without overlap
        page.find_element("id", "zoom-in").click()
    settle(page)
    zoomed = labels(page)
    assert _overlaps(zoomed) == [] and any(ranks[label["id"]] == 0 for label in zoomed)
    page.find_element("id", "zoom-reset").click()
    set_field(page, "text-filter", "Marrakech", "input")  # what the user filters to is named first
    settle(page)
    found = set(cli_ids(cli, "timeline", "--text", "Marrakech"))
    named = {label["id"] for label in labels(page)}
    assert named and named <= found and _overlaps(labels(page)) == []
    save(page, "export-html-labels-filtered-1280", at="#glance", height=1000)


def test_zoom_and_pan_by_wheel_buttons_and_keys(page: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains, ScrollOrigin
    from selenium.webdriver.common.keys import Keys

    settle(page)
    whole = page.find_element("id", "tl-range").text
    svg = page.find_element("id", "tl")
    ActionChains(page).scroll_from_origin(ScrollOrigin.from_element(svg, 0, 0), 0, -600).perform()
    settle(page)
    zoomed = page.find_element("id", "tl-range").text
    assert zoomed != whole
    page.find_element("id", "pan-right").click()
    settle(page)
    assert page.find_element("id", "tl-range").text not in (whole, zoomed)
    page.find_element("id", "zoom-reset").click()
    settle(page)
    assert page.find_element("id", "tl-range").text == whole
    first = page.execute_script(
        "var m = Array.from(document.querySelectorAll('#tl a.marker')).sort((a, b) => a.dataset.u0 - b.dataset.u0);"
        "m[0].focus(); return [m[0].dataset.id, m[1].dataset.id];"
    )
    page.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert page.switch_to.active_element.get_attribute("data-id") == first[1]
    page.switch_to.active_element.send_keys("+")
    settle(page)
    assert page.find_element("id", "tl-range").text != whole
    page.switch_to.active_element.send_keys(Keys.ENTER)
    assert page.find_element("id", "detail").is_displayed()


def test_the_axis_gives_room_to_years_with_records(page: Any, cli: Any, real_data: Path) -> None:
    rows = [r for r in json.loads(cli("timeline", "--format", "json").stdout) if r["start"]]
    years = {int(r["start"][:4]) for r in rows if r["date"] and not r["date"].startswith("..")}
    first, last = min(years), max(years)
    empty = [y for y in range(first, last + 1) if y not in years]
    assert len(empty) >= 5, "the record has empty years (else this test shows nothing)"
    ticks = page.execute_script("return JSON.parse(document.getElementById('tl').dataset.ticks)")
    gaps = page.execute_script("return JSON.parse(document.getElementById('tl').dataset.gaps)")
    room_empty = sum(u1 - u0 for y, u0, u1, _ in ticks if y in empty) + sum(u1 - u0 for u0, u1, _ in gaps)
    assert room_empty < 0.1, "empty years take less than a tenth of the axis"
    assert gaps, "a run of empty years is folded into a break"


def test_uncertain_dates_are_drawn_as_such(page: Any, cli: Any, real_data: Path) -> None:
    rows = json.loads(cli("timeline", "--format", "json").stdout)
    unsure = {r["id"] for r in rows if r["date"] and re.search(r"[?~%]$", r["date"].split("/")[0])}
    drawn = set(
        page.execute_script(
            "return Array.from(document.querySelectorAll('#tl a.marker')).filter(a => a.querySelector('svg > .mark.unsure')).map(a => a.dataset.id)"
        )
    )
    assert unsure and unsure <= drawn
    sets = {r["id"] for r in rows if r["date"] and r["date"].startswith("[")}
    dotted = set(
        page.execute_script(
            "return Array.from(document.querySelectorAll('#tl a.marker')).filter(a => a.querySelector('.maybe')).map(a => a.dataset.id)"
        )
    )
    assert sets <= dotted
    listed = set(shown(page, "li.record.unsure"))  # the vertical timeline marks them too
    assert unsure | sets <= listed


# ----------------------------------------------------------------------------- sizes, requests, errors, paper


def _offscreen(browser: Any) -> list[str]:
    """Visible elements that reach past the right edge of the window."""
    found: list[str] = browser.execute_script(
        "var w = document.documentElement.clientWidth, out = [];"
        "document.querySelectorAll('body *').forEach(el => { var r = el.getBoundingClientRect();"
        "if (r.width > 0 && r.height > 0 && (r.right > w + 0.5 || r.left < -0.5) && !el.closest('.skip'))"
        "out.push(el.tagName + '.' + el.className + '#' + el.id); }); return out;"
    )
    return found


def test_on_a_phone_nothing_hides_off_screen_and_tables_are_cards(page: Any) -> None:
    page.set_window_size(390, 844)
    assert page.execute_script("return window.innerWidth") == 390
    assert page.execute_script("return document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    assert _offscreen(page) == []
    assert (
        page.execute_script("return getComputedStyle(document.querySelector('table.cards thead')).display")
        == "none"
    )
    assert (
        page.execute_script("return getComputedStyle(document.querySelector('table.cards td')).display")
        == "block"
    )
    label = page.execute_script(
        "return getComputedStyle(document.querySelector('tr.agreement td'), '::before').content"
    )
    assert label == '"Date: "'
    widths = page.execute_script(
        "return Array.from(document.querySelectorAll('caption, .record, tr')).filter(e => e.offsetParent).map(e => e.getBoundingClientRect().width)"
    )
    assert widths and min(widths) > 300, "captions, records and cards use the width of the screen"
    assert (
        page.execute_script("return getComputedStyle(document.querySelector('#glance .tl-figure')).display")
        == "none"
    )
    assert page.find_element("id", "timeline").location["y"] < 900, "the vertical timeline comes first"
    assert page.execute_script("return document.getElementById('filter-box').open") is False
    first = page.find_element("css selector", "li.record.key")
    meta = first.find_element("css selector", ".meta")
    assert not meta.is_displayed()
    first.find_element("css selector", "button.more").click()
    assert meta.is_displayed()
    first.find_element("css selector", "button.more").click()
    save(page, "export-html-390")
    save(page, "export-html-390-agreements", at="#agreements", height=1800)
    save(page, "export-html-390-trade", at="#trade", height=1800)
    page.set_window_size(1280, 900)
    assert (
        page.execute_script("return getComputedStyle(document.querySelector('table.cards thead')).display")
        != "none"
    )
    assert _offscreen(page) == []
    save(page, "export-html-1280")


def test_no_request_and_no_console_error(page: Any) -> None:
    page.find_element("id", "lanes-kind").click()
    set_field(page, "text-filter", "Baku", "input")
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert page.execute_script("return document.getElementById('filters').hidden") is False, "the script ran"
    errors = [entry for entry in page.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == [], "console errors (a Content-Security-Policy violation would show here)"


def _luminance(css: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def _contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_is_readable_in_light_and_dark_mode(page: Any, scheme: str) -> None:
    page.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )
    try:
        background = page.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert (_luminance(background) < 0.1) == (scheme == "dark")
        for selector in ("body", ".when", ".meta", "a", "figcaption", "#tl .lane-name"):
            prop = "fill" if selector.startswith("#tl") else "color"
            color = page.execute_script(
                f"return getComputedStyle(document.querySelector('{selector}')).{prop}"
            )
            assert _contrast(color, background) >= 4.5, (scheme, selector)
        if scheme == "dark":
            save(page, "export-html-dark-1280", height=1600)
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_on_paper_the_controls_are_left_out(page: Any) -> None:
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in ("nav", "#filters", "#detail"):
            assert (
                page.execute_script(f"return getComputedStyle(document.querySelector('{selector}')).display")
                == "none"
            )
        assert (
            page.execute_script("return getComputedStyle(document.getElementById('tl')).display") == "block"
        )
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_page_says_its_filters_version_export_date_and_how_to_cite(page: Any) -> None:
    about = page.find_element("css selector", "dl.about").text
    assert (
        "none (the whole dataset)" in about and f"azma {azma.__version__}" in about and "data as of" in about
    )
    assert "Exported\n2026-03-01" in about and "How to cite" in about
