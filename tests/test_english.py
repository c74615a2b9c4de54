"""Every page in English, in a real headless Chromium: no raw label key, no raw column header,
no Chinese header, no "None" in a cell.

Starts `streamlit run app.py` on a loopback port with a fresh graph folder (the pattern of
tests/test_browser.py) and walks the pages with ?lang=en, running presets, a console query and
a search. Chinese may appear in names (shown beside their English) and in the plans' own text,
never as a table header. Skipped only where no Chromium is installed; CI installs it.
"""

from __future__ import annotations

import re
import time
import urllib.parse
import urllib.request

import pytest

from ui.i18n import COLUMNS, LIST_COLUMNS, TEXT

from .browser import chromium, needs_chromium, streamlit_app

pytestmark = needs_chromium
CJK = re.compile(r"[\u4e00-\u9fff]")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # name_en, type_label, shared_tasks, page_plans
KEYS = set(TEXT) | set(COLUMNS) | set(LIST_COLUMNS)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with streamlit_app(tmp_path_factory.mktemp("englishgraph"), "--server.fileWatcherType", "none") as (url, t0):
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    pg = browser.new_page(viewport={"width": 1600, "height": 2000})
    yield pg
    pg.close()


def settle(page, timeout_s: float = 90) -> None:
    """Until Streamlit has finished the run (its status widget gone) and a moment has passed."""
    time.sleep(1.0)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not page.locator("[data-testid='stStatusWidget']").count():
            time.sleep(0.5)
            if not page.locator("[data-testid='stStatusWidget']").count():
                return
        time.sleep(0.3)


def open_page(page, url: str, name: str, extra: str = "") -> None:
    page.goto(f"{url}/?lang=en&page={name}{extra}", wait_until="domcontentloaded")
    page.get_by_text("PlanGraph · A knowledge graph").first.wait_for(timeout=180_000)
    settle(page)


# What a reader sees as prose: code blocks, the Cypher editor and form inputs are the user's own.
VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll("pre, code, textarea, input, script, style, [data-testid='stCode'], [data-testid='stDataFrame']")
      .forEach(e => e.remove());
  return body.innerText;
}"""
HEADERS = """() => [...document.querySelectorAll("[data-testid='stDataFrame'] [role='columnheader'], [data-testid='stDataFrame'] th")]
  .map(x => (x.innerText || x.textContent || '').trim()).filter(x => x)"""
CELLS = """() => [...document.querySelectorAll("[data-testid='stDataFrame'] [role='gridcell'], [data-testid='stDataFrame'] td")]
  .map(x => (x.innerText || x.textContent || '').trim())"""


def tables_drawn(page) -> int:
    """Scroll every table into view and wait until the grid has drawn its header row (its
    accessible table, which holds the header and visible cells as text, comes after the canvas)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    grids = page.locator("[data-testid='stDataFrame']")
    drawn = 0
    for i in range(grids.count()):
        grid = grids.nth(i)
        grid.scroll_into_view_if_needed()
        try:
            grid.locator("[role='columnheader'], th").first.wait_for(state="attached", timeout=15_000)
            drawn += 1
        except PlaywrightTimeout:  # an empty table has no header row
            continue
    return drawn


def problems(page) -> list[str]:
    """Everything an English reader should not meet on the page as it is now."""
    tables_drawn(page)
    found = []
    text = page.evaluate(VISIBLE_TEXT)
    for line in (x.strip() for x in text.splitlines()):
        if line in KEYS and line != line.capitalize():
            found.append(f"raw label key shown: {line!r}")
    found += [f"raw name in text: {w!r}" for w in sorted(set(SNAKE.findall(text)))]
    for h in page.evaluate(HEADERS):
        if SNAKE.fullmatch(h) or h in KEYS:
            found.append(f"raw column header: {h!r}")
        elif CJK.search(h):
            found.append(f"Chinese column header: {h!r}")
    found += [f"cell shows {c!r}" for c in set(page.evaluate(CELLS)) & {"None", "nan", "NaN", "<NA>"}]
    return found


def choose(page, label: str, option: str) -> None:
    """Pick an option in a Streamlit select box by typing it, as a user would."""
    box = page.get_by_role("combobox", name=label).first
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option).first.click()
    settle(page)


def run_button(page, name: str = "Run") -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    settle(page)


def test_workload_page_in_english(app_url, page):
    open_page(page, app_url, "workload")
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
    assert problems(page) == []


def test_explorer_page_in_english(app_url, page):
    open_page(page, app_url, "explorer", "&node=" + urllib.parse.quote("安徽省发展和改革委员会"))
    page.wait_for_function("() => document.querySelectorAll('iframe').length > 0", timeout=60_000)  # the drawing
    settle(page)
    assert problems(page) == []


def test_presets_in_english_including_technology_tasks(app_url, page):
    open_page(page, app_url, "presets")
    for title in ("Tasks involving a technology", "An agency's tasks", "Agencies ranked by tasks led and supported",
                  "The same indicator across plans and provinces"):
        choose(page, "Preset", title)
        run_button(page)
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
        body = page.inner_text("body")
        about = page.locator("[data-testid='stCaptionContainer']").first.inner_text()
        assert "Cypher that ran" in body and not CJK.match(about)  # the English description (Chinese examples inside)
        assert problems(page) == [], title
        if title == "Tasks involving a technology":
            assert "Lead agencies" in page.evaluate(HEADERS)
            assert page.locator("[data-testid='stVegaLiteChart']").count() == 0  # a list is no measure


def test_plans_page_in_english(app_url, page):
    open_page(page, app_url, "plans")
    page.get_by_text("Issuer").first.wait_for(timeout=60_000)
    body = page.inner_text("body")
    for label in ("Jurisdiction", "Source file", "Extraction warnings", "Indicators", "Text with extracted entities"):
        assert label in body
    assert problems(page) == []


def test_console_and_search_in_english(app_url, page):
    open_page(page, app_url, "console")
    run_button(page)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
    assert {"Agency", "Led"} <= set(page.evaluate(HEADERS))
    assert problems(page) == []
    editor = page.locator("textarea").first
    editor.fill("MATCH (n)\nRETRUN n")
    editor.press("Control+Enter")
    settle(page)
    run_button(page)
    error = page.locator("[data-testid='stAlertContentError']").first
    error.wait_for(timeout=30_000)
    assert error.inner_text().startswith("Syntax error at line 2, column 4") and "errMsg" not in error.inner_text(), error.inner_text()
    ask = page.get_by_placeholder(re.compile("Ask in English")).first
    ask.fill("Which tasks does the Anhui DRC lead?")
    ask.press("Enter")
    settle(page)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
    assert "Title" in page.evaluate(HEADERS)
    assert problems(page) == []


def test_add_page_in_english(app_url, page):
    open_page(page, app_url, "add")
    body = page.inner_text("body")
    assert "Plan file" in body and "Remove a plan" in body
    assert problems(page) == []
