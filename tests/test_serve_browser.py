"""The web pages in a real headless Chromium (Debian's /usr/bin/chromium through Playwright;
Playwright's own browser download is never used), against a real server on 127.0.0.1.

Screenshots go to tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, Server

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = ROOT / "tests" / "artifacts"
TOKEN = "browser-token"

if CHROMIUM is None and os.environ.get("CI"):  # in CI the browser tests must run: .ci/run installs it
    raise RuntimeError("no chromium in CI: .ci/run installs Debian's chromium package when run as root")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium: install Debian's package "
                                "(apt-get install chromium; .ci/run does it in CI)")


@pytest.fixture(scope="module")
def server(example_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "served.duckdb"
    shutil.copy(example_store, path)
    srv = Server(path, token=TOKEN).wait()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def page(server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.url)
        # the pages must work offline: any request off 127.0.0.1 fails the test
        outside: list[str] = []
        context.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(server.url)
                                             else (outside.append(route.request.url), route.abort())))
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda err: errors.append(str(err)))
        yield tab
        browser.close()
        assert not outside, f"pages asked for outside resources: {outside}"
        assert not errors, f"JavaScript errors: {errors}"


def test_serve_browser_filter_events_and_open_one_with_highlights(page):
    page.goto("/events")
    assert page.locator("table.events tbody tr").count() == 50
    page.fill("input[name=actor]", "IRN")
    page.select_option("select[name=quad]", "4")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/events?*actor=IRN*")
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() < 50
    for text in rows.all_inner_texts():
        assert "IRN" in text and "material conflict" in text
    page.locator("[data-drawn=true]").first.wait_for()  # the months chart
    page.screenshot(path=str(ARTIFACTS / "events.png"), full_page=True)
    page.locator("table.events td.evidence a").first.click()
    page.wait_for_url("**/events/*")
    trigger = page.locator("mark.hl.trigger").first
    assert trigger.inner_text()
    assert page.locator("mark.hl.source").count() >= 1 and page.locator("mark.hl.target").count() >= 1
    assert page.locator("ul.outlets li").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)


def test_serve_browser_pair_page_draws_its_chart(page):
    page.goto("/pairs/FRA/KAZ")
    chart = page.locator("#timeline[data-drawn=true]")
    chart.wait_for()
    assert chart.locator("svg path, svg rect").count() > 3  # bars and the Goldstein line
    assert page.locator("table.events tbody tr").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "pair.png"), full_page=True)


def test_serve_browser_actor_network_and_map(page):
    page.goto("/actors")
    page.locator("#network[data-drawn=true]").wait_for()
    assert page.locator("#network svg text").count() >= 5
    page.screenshot(path=str(ARTIFACTS / "actors.png"), full_page=True)
    page.goto("/map")
    page.locator("#map[data-drawn=true]").wait_for()
    page.wait_for_function("document.querySelectorAll('#map svg path').length > 100")  # country outlines
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)


def test_serve_browser_paste_an_article_and_see_its_events(page):
    page.goto("/paste")
    page.fill("textarea[name=text]", "Indian Prime Minister Narendra Modi visited Egypt on Saturday. "
                                     "Modi praised Egypt for its support.")
    page.fill("input[name=published]", "2023-06-24")
    page.fill("input[name=publisher]", "browser test")
    page.fill("input[name=token]", TOKEN)
    page.click("form.paste button[type=submit]")
    result = page.locator("#result")
    result.wait_for(timeout=120_000)
    assert "IND" in result.inner_text() and "EGY" in result.inner_text()
    page.screenshot(path=str(ARTIFACTS / "paste.png"), full_page=True)
    page.goto("/events?dyad=IND-EGY")
    assert page.locator("table.events tbody tr td.evidence a").count() >= 1


def test_serve_browser_explain_page(page):
    page.goto("/explain")
    page.fill("textarea[name=text]", "Kazakhstan refused to recognise Russia's annexation.")
    page.click("form.paste button[type=submit]")
    page.locator("#explanation").wait_for(timeout=120_000)
    assert "KAZ" in page.locator("#explanation").inner_text()


def test_serve_browser_api_docs_work_offline(page):
    page.goto("/docs")
    page.locator(".swagger-ui .opblock-summary-path", has_text="/api/events").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() >= 10
