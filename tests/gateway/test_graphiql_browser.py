"""GraphiQL in headless Chromium: the page loads from the gateway alone and runs an example query.

Simulators and gateway run on free 127.0.0.1 ports (threads); Chromium is driven through
Debian's ``chromium-driver`` with selenium. Every request the browser makes is read from
Chromium's DevTools network log, so "nothing leaves loopback" is checked on what the
browser actually fetched, not on what the HTML seems to reference.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from simulators.config import SimConfig
from tests.support.stack import Stack, running_stack

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
EMPLOYERS_TAB = "Employers"  # GraphiQL titles a tab by its operation name (core-employers.graphql)
WAIT = 30
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-untrusted", "devtools"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        message = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {message}")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    with tempfile.TemporaryDirectory(prefix="staffgraph-chromium-") as profile:
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1400,1000",
            f"--user-data-dir={profile}",
        ):
            options.add_argument(flag)
        # every request the page makes, from Chromium's DevTools network events
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        try:
            yield driver
        finally:
            driver.quit()


@pytest.fixture(scope="module")
def stack(sim_config: SimConfig) -> Iterator[Stack]:
    with running_stack(sim_config, demo=True) as stack:
        yield stack


def requested_urls(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_graphiql_runs_the_employers_example_with_nothing_leaving_loopback(
    browser: Any, stack: Stack
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, WAIT)
    browser.get(f"{stack.gateway_url}/graphql")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".graphiql-query-editor .CodeMirror")))

    tabs = browser.find_elements(By.CSS_SELECTOR, ".graphiql-tab")
    titles = [tab.text.strip() for tab in tabs]
    assert EMPLOYERS_TAB in titles, titles
    # the headers editor is open and holds alice's token (the variables editor sits hidden beside it)
    tool = browser.find_element(By.CSS_SELECTOR, ".graphiql-editor-tool")
    assert tool.get_attribute("aria-label") == "Headers"
    editors = browser.execute_script(
        "return Array.from(document.querySelectorAll('.graphiql-editor-tool .CodeMirror'),"
        " e => e.CodeMirror.getValue())"
    )
    assert any("Bearer demo-loket-alice" in text for text in editors), editors

    tabs[titles.index(EMPLOYERS_TAB)].find_element(By.CSS_SELECTOR, "button").click()
    wait.until(
        lambda driver: (
            "query Employers"
            in driver.execute_script(
                "return document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()"
            )
        )
    )
    stack.reset_calls()
    browser.find_element(By.CSS_SELECTOR, ".graphiql-execute-button").click()

    def result_text(driver: Any) -> str:
        return str(
            driver.execute_script(
                "var e = document.querySelector('.result-window .CodeMirror');"
                "return e ? e.CodeMirror.getValue() : '';"
            )
        )

    wait.until(lambda driver: "companyName" in result_text(driver))
    result = json.loads(result_text(browser))
    assert "errors" not in result, result
    assert {node["companyName"] for node in result["data"]["employers"]["nodes"]} == {
        "Stichting Voortgezet Onderwijs Rijnmond",
        "Van der Meer Logistiek B.V.",
    }
    loket = stack.calls()["loket"]
    assert loket["endpoints"] == {"GET /v2/providers/employers": 1} and loket["total"] == 1

    urls = requested_urls(browser)
    assert any(url.endswith("/graphql") for url in urls)
    assert any("/static/graphiql/graphiql.min.js" in url for url in urls)
    # Chromium's own pages (chrome://, the blank tab before navigation) never touch the network
    network = [url for url in urls if urlsplit(url).scheme not in LOCAL_SCHEMES]
    assert network and [url for url in network if not url.startswith(stack.gateway_url + "/")] == []
    problems = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert problems == []  # no CSP violation, no failed asset, no script error
