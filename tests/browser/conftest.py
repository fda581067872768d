"""End-to-end tests in a real browser (issue 15 point 7): Debian's Chromium driven by
Python Playwright, against the app served over HTTP on 127.0.0.1, with axe-core
(npm package pinned in tests/browser/package.json) checking WCAG 2.1 A/AA.

No browser is downloaded: Playwright launches the system Chromium
(/usr/bin/chromium, or $CHROMIUM). On a developer machine without Chromium,
Playwright or `npm ci` run in tests/browser/, these tests skip and say why; in
CI (CI=true, or CI_REQUIRE_BROWSER set by .ci/run) a missing piece fails them.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
PACKAGE_JSON = HERE / "package.json"
#: Without the background-networking flags Chromium keeps trying to reach Google's
#: hosts, which this machine's closed network refuses, many connections at a time.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: WCAG 2.0 and 2.1, levels A and AA, plus the best-practice rule that all content is in landmarks.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_EXTRA_RULES = ["region"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def browser_required() -> bool:
    """CI must run these tests: there a missing browser, Playwright or axe-core is a failure."""
    return os.environ.get("CI", "").lower() in ("true", "1") or bool(os.environ.get("CI_REQUIRE_BROWSER"))


def _missing(reason: str):
    if browser_required():
        pytest.fail(f"browser tests required in CI, but {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.is_file():
        _missing(f"axe-core is not installed ({AXE_JS}); run `npm ci` in {HERE}")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def axe_version() -> str:
    """The exact version pinned in package.json (no range)."""
    return json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))["devDependencies"]["axe-core"]


# Package scope: Chromium and the server end with the browser tests. Chromium starts helper
# processes whenever it likes; kept for the whole session they appeared as "left behind"
# in later tests that check this process's children (tests/test_formats.py, under load).
@pytest.fixture(scope="package")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Python playwright is not installed (pip install -r requirements.txt)")
    executable = chromium_path()
    if executable is None:
        _missing("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="package")
def live_server(corpus_index):
    """The app over the corpus index, served over HTTP on 127.0.0.1 (a free port) in a thread."""
    from werkzeug.serving import make_server

    from search_app import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request in the test output
    app = create_app({"INDEX_DIR": str(corpus_index)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="browser-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class Pages:
    """Opens browser contexts (a desktop or a phone) on the live server; each page
    records the Content-Security-Policy violations and script errors it reports."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.contexts = []
        self.problems: list[str] = []

    def new(self, viewport=None, *, phone: bool = False, permissions=()):
        options = {"base_url": self.base_url, "locale": "sv-SE", "viewport": viewport or DESKTOP}
        if phone:
            options.update(viewport=viewport or PHONE, is_mobile=True, has_touch=True, device_scale_factor=3)
        context = self.browser.new_context(**options)
        if permissions:
            context.grant_permissions(list(permissions), origin=self.base_url)
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        return page

    def _console(self, message):
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
            self.problems.append(f"console: {text}")

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture()
def pages(browser, live_server):
    opened = Pages(browser, live_server)
    yield opened
    opened.close()
    assert not opened.problems, "the pages reported: " + "; ".join(opened.problems)


@pytest.fixture()
def axe(axe_source, axe_version):
    """check(page, label): axe-core on the page as it is now; fails with each violation's
    rule, impact, targets and the page. axe is evaluated through the DevTools protocol,
    so the pages keep their real Content-Security-Policy (script-src 'none' or 'self')."""

    def check(page, label: str) -> dict:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(axe_source)
        assert page.evaluate("() => axe.version") == axe_version
        result = page.evaluate(
            """([tags, rules]) => axe.run(document, {
                 runOnly: {type: 'tag', values: tags},
                 rules: Object.fromEntries(rules.map(r => [r, {enabled: true}])),
                 resultTypes: ['violations'],
               }).then(r => ({
                 passes: r.passes.length,
                 violations: r.violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map(n => n.target.join(' ')),
                 })),
               }))""",
            [AXE_TAGS, AXE_EXTRA_RULES],
        )
        where = f"{label} ({page.url})"
        lines = [f"{v['id']} [{v['impact']}] {v['help']}: {', '.join(v['nodes'][:8])}"
                 + (f" (+{len(v['nodes']) - 8} more)" if len(v["nodes"]) > 8 else "")
                 for v in result["violations"]]
        assert not lines, f"axe-core violations on {where}:\n  " + "\n  ".join(lines)
        assert result["passes"] > 10, f"axe-core checked almost nothing on {where}"
        return result

    return check
