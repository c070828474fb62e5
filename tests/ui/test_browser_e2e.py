"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Starts ``streamlit run app.py`` on a free port of 127.0.0.1 with an empty temporary store (the
app fills it with the sample registers), opens a deep link, waits for the graph's <canvas>,
reads the owners table, searches, downloads the case report, and logs every request the
browser makes: all must go to 127.0.0.1 / localhost. Screenshots go to test-artifacts/.
A second test opens the graph page itself and checks that no drawn box (a node with its
label, an edge label) intersects another.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bo_graph.viz.network_html import external_resources, network_html
from bo_graph.viz.subject import SubjectAnalysis
from tests.conftest import REPO
from tests.ui.test_graph_layout import wide_view

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
# The flags known to work on this kind of machine (no sandbox as root; no background traffic).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about", "file", "chrome-error"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not answer on {url}:\n{log.read_text()}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = {**os.environ, "BO_GRAPH_STORE": str(tmp_path / "store" / "graph.sqlite")}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(f"{base}/_stcore/health", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


def test_investigator_journey_in_chromium(server: str) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup.sh test (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1500, "height": 1300}, accept_downloads=True
        )
        context.on("request", lambda r: requests.append(r.url))
        page = context.new_page()
        page.on("websocket", lambda ws: requests.append(ws.url))
        try:
            journey(page, server)
        finally:
            page.screenshot(path=str(ARTIFACTS / "e2e-last.png"))
            context.close()
            browser.close()
    assert requests, "the browser made requests"
    outside = sorted({u for u in requests if not is_local(u)})
    assert not outside, f"requests left the machine: {outside}"


def journey(page: object, base: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{base}/?entity=ent-lakeshore-civil", wait_until="domcontentloaded")
    graph = page.frame_locator("iframe").first
    graph.locator("canvas").first.wait_for(state="visible", timeout=120_000)
    expect(page.get_by_role("heading", name="Lakeshore Civil Engineering Ltd")).to_be_visible()
    page.wait_for_timeout(1500)  # let vis-network finish drawing before the screenshot
    page.screenshot(path=str(ARTIFACTS / "e2e-graph.png"))

    owners = page.get_by_test_id("stDataFrame").first
    owners.scroll_into_view_if_needed()
    for name in ("Malcolm James Ashdown", "Graham Robert Ashdown"):
        expect(owners).to_contain_text(name, timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "e2e-owners.png"))

    page.get_by_role("tab", name="Export").click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Case report (HTML, print to PDF)").click()
    report = ARTIFACTS / "e2e-case-report.html"
    download.value.save_as(report)
    text = report.read_text()
    assert "Malcolm James Ashdown" in text and "<svg" in text
    assert external_resources(text) == []

    page.get_by_text("Search", exact=True).first.click()
    page.get_by_label("Search a company or person").fill("castellane rowena")
    page.get_by_label("Search a company or person").press("Enter")
    results = page.get_by_test_id("stDataFrame").first
    expect(results).to_contain_text("Rowena Elizabeth Castellane", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "e2e-search.png"))
    page.get_by_role("button", name="Open subject").click()
    expect(page.get_by_role("heading", name="Rowena Elizabeth Castellane")).to_be_visible(
        timeout=60_000
    )
    graph.locator("canvas").first.wait_for(state="visible", timeout=60_000)

    # the browser's Back and Forward buttons go between the subjects opened (once the address
    # bar names the subject: the app writes it when the page is complete)
    page.wait_for_url("**entity=per-rowena-castellane**", timeout=60_000)
    page.go_back()
    expect(page.get_by_role("heading", name="Lakeshore Civil Engineering Ltd")).to_be_visible(
        timeout=60_000
    )
    page.go_forward()
    expect(page.get_by_role("heading", name="Rowena Elizabeth Castellane")).to_be_visible(
        timeout=60_000
    )

    page.goto(report.as_uri())
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "e2e-case-report.png"), full_page=True)


DRAWN_BOXES_JS = """() => {
  const out = [];
  for (const id of network.body.nodeIndices) {
    const b = network.getBoundingBox(id);
    out.push([String(id), b.left, b.top, b.right, b.bottom]);
  }
  for (const id of network.body.edgeIndices) {
    const edge = network.body.edges[id];
    const s = edge.labelModule.size;
    if (edge.options.label) {
      out.push([String(id), s.left, s.top, s.left + s.width, s.top + s.height]);
    }
  }
  return out;
}"""


def test_no_node_or_edge_label_overlaps_in_chromium(
    lakeshore: SubjectAnalysis, tmp_path: Path
) -> None:
    """vis-network's own boxes (a node with its label; an edge label with its background),
    as drawn in Chromium, for the sample subject and a wide level of long names."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup.sh test (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    pages = {"lakeshore": lakeshore.view, "wide-level": wide_view()}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 900})
        try:
            for name, view in pages.items():
                html = tmp_path / f"{name}.html"
                html.write_text(network_html(view, height_px=760))
                page.goto(html.as_uri())
                page.wait_for_function("typeof network !== 'undefined'")
                page.wait_for_timeout(300)
                boxes = page.evaluate(DRAWN_BOXES_JS)
                assert len(boxes) >= len(view.nodes)
                clashes = [
                    (a[0], b[0])
                    for i, a in enumerate(boxes)
                    for b in boxes[i + 1 :]
                    if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
                ]
                assert clashes == [], name
        finally:
            browser.close()
