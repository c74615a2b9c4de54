"""The app in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Starts `streamlit run app.py` on a loopback port with a fresh graph folder, then checks that
the workload page's chart and the neighbourhood drawing render with their Chinese labels.
Screenshots and the measured start-up time go to artifacts/ (git-ignored). Skipped only where
no Chromium is installed; CI installs it.
"""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request

import pytest

from .browser import ARTIFACTS, chromium, needs_chromium, streamlit_app
from .conftest import ROOT

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with streamlit_app(tmp_path_factory.mktemp("browsergraph")) as (url, t0):
        yield url, t0


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def graph_canvas_drawn(page) -> bool:
    """st-link-analysis draws with Cytoscape.js on canvases inside its iframe."""
    return any(frame.locator("#cy canvas").count() > 0 for frame in page.frames)


def test_workload_page_renders_chart_table_and_network(app_url, browser):
    url, t0 = app_url
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text("机构牵头与配合任务排名").wait_for(timeout=90_000)
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=60_000)
    cold_start = time.monotonic() - t0
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelectorAll('iframe').length > 0", timeout=30_000)
    deadline = time.monotonic() + 30
    while not graph_canvas_drawn(page) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert graph_canvas_drawn(page)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    assert chart.locator("canvas, svg").count() > 0
    assert "浙江省经济和信息化委员会" in page.content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workload.png"), full_page=True)
    (ARTIFACTS / "timings.json").write_text(json.dumps({"cold_start_to_workload_chart_s": round(cold_start, 2)}))
    page.close()


def test_neighbourhood_deep_link_draws_the_graph(app_url, browser):
    url, _ = app_url
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    t = time.monotonic()
    page.goto(f"{url}/?page=explorer&node={urllib.parse.quote('安徽省发展和改革委员会')}", wait_until="domcontentloaded")
    page.get_by_text("相邻节点").first.wait_for(timeout=90_000)
    deadline = time.monotonic() + 60
    while not graph_canvas_drawn(page) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert graph_canvas_drawn(page)
    rendered = time.monotonic() - t
    assert page.locator(".plangraph-legend").count() > 0
    assert "Anhui Provincial Development and Reform Commission" in page.content()  # the restored node
    assert "按职责分工负责" in page.inner_text("body")  # an annex row it is named in, quoted
    page.screenshot(path=str(ARTIFACTS / "explorer.png"), full_page=True)
    timings = json.loads((ARTIFACTS / "timings.json").read_text()) if (ARTIFACTS / "timings.json").exists() else {}
    timings["explorer_deep_link_render_s"] = round(rendered, 2)
    (ARTIFACTS / "timings.json").write_text(json.dumps(timings))
    page.close()


def test_export_download_returns_a_valid_zip(app_url, browser, tmp_path):
    import io
    import zipfile

    import networkx as nx

    url, _ = app_url
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.goto(f"{url}/?page=explorer&node={urllib.parse.quote('清远市经济和信息化局')}", wait_until="domcontentloaded")
    page.get_by_text("相邻节点").first.wait_for(timeout=90_000)
    page.get_by_role("button", name="生成导出文件").click()
    button = page.get_by_role("button", name="下载 zip")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "export.zip"
    info.value.save_as(str(path))
    z = zipfile.ZipFile(path)
    assert {"graph.graphml", "manifest.json", "provenance.csv", "CITATION.cff"} <= set(z.namelist())
    G = nx.read_graphml(io.BytesIO(z.read("graph.graphml")))
    assert "清远市经济和信息化局" in G
    page.close()


def test_upload_a_gbk_plan_then_remove_it(app_url, browser, tmp_path):
    url, _ = app_url
    plan = tmp_path / "upload-zj-gbk.txt"
    plan.write_bytes((ROOT / "data" / "plans" / "zhejiang-2016-informatization-key-points.txt").read_text(encoding="utf-8").encode("gb18030"))
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    try:
        page.goto(f"{url}/?page=add", wait_until="domcontentloaded")
        page.locator("input[type='file']").first.wait_for(state="attached", timeout=90_000)
        page.locator("input[type='file']").first.set_input_files(str(plan))
        page.get_by_label("辖区").fill("浙江省")
        page.get_by_label("辖区").press("Enter")
        page.get_by_role("button", name="载入").click()
        page.get_by_text("已载入 upload-zj-gbk").wait_for(timeout=60_000)
        page.get_by_text("with a lead").first.wait_for(timeout=30_000)  # the report is drawn after the message
        body = page.inner_text("body")
        assert "37 个牵头" in body
        # the extraction report says how much of the plan was read
        assert "37 with a lead" in body
        page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)
    finally:
        page.close()
