"""No script from data, in real Chromium: breakout payloads in every text field, on every page.

The region is the fixture with PAYLOAD (tests/payloads.py) in each free-text field the
models define. Every built page is opened twice: with the site's Content-Security-Policy,
and with the policy bypassed (so escaping alone must hold). A payload that ran would set
window.__pwned, change document.title to DIBOBOL, or open a dialog.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from fixtures import make_project, mkdocs_build
from payloads import PAYLOAD, hostile_region
from test_browser import QuietHandler

pytest.importorskip("playwright")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    import shutil

    root = make_project(tmp_path_factory.mktemp("hostile"))
    shutil.rmtree(root / "data")
    _, fields = hostile_region(root)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert fields > 150  # the generator reached the models' text fields, not a handful
    return root / "site"


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    import functools
    import http.server
    import threading

    handler = functools.partial(QuietHandler, directory=str(hostile_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def chromium(chromium_browser):
    return chromium_browser


def _pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


class Visitor:
    """One browser context and tab that opens page after page, as a reader follows links (the context's
    cache makes every page after the first quicker to load), noting per page what a payload that ran
    would leave: a dialog, a policy violation, window.__pwned, a changed title, a script link."""

    def __init__(self, browser, bypass_csp: bool):
        # No offline worker: each page comes from the server, as built.
        self.context = browser.new_context(bypass_csp=bypass_csp, service_workers="block")
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.violations: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on(
            "console", lambda m: self.violations.append(m.text) if "Content Security Policy" in m.text else None
        )

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, url: str) -> dict:
        self.dialogs.clear()
        self.violations.clear()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(50)
        state = self.page.evaluate("""() => ({
            pwned: window.__pwned === undefined ? null : window.__pwned,
            title: document.title,
            jsLinks: [...document.querySelectorAll('a[href]')].filter(a => a.href.trim().toLowerCase().startsWith('javascript:')).length,
            handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
            text: document.body.innerText,
        })""")
        state.update(dialogs=list(self.dialogs), violations=list(self.violations))
        return state

    def close(self) -> None:
        self.context.close()


def test_no_payload_runs_on_any_page(chromium, hostile_server, hostile_site):
    """Escaping alone must hold on every page (policy bypassed)."""
    pages = _pages(hostile_site)
    assert len(pages) > 40
    ran, shown = [], 0
    visitor = Visitor(chromium, bypass_csp=True)
    for path in pages:
        state = visitor.visit(hostile_server + path)
        if (
            state["pwned"] is not None
            or state["title"] == "DIBOBOL"
            or state["dialogs"]
            or state["jsLinks"]
            or state["handlers"]
        ):
            ran.append((path, {k: state[k] for k in ("pwned", "title", "dialogs", "jsLinks", "handlers")}))
        shown += "window.__pwned=1" in state["text"]
    visitor.close()
    assert ran == []
    assert shown > 20  # the payload is on the pages, as text


def test_policy_blocks_nothing_of_the_site(chromium, hostile_server, hostile_site):
    """With the policy on, one page of each kind: no violation at all (no injected script to block,
    and the theme needs no inline script), and still nothing runs."""
    kinds = {}
    for path in _pages(hostile_site):
        kinds.setdefault(path.rsplit("/", 1)[0] if "/" in path else path, path)
    visitor = Visitor(chromium, bypass_csp=False)
    for path in sorted(kinds.values()):
        state = visitor.visit(hostile_server + path)
        assert state["violations"] == [], (path, state["violations"])
        assert state["pwned"] is None and state["dialogs"] == [], path
    visitor.close()


def test_titles_show_the_payload_as_text(chromium, hostile_server):
    visitor = Visitor(chromium, bypass_csp=False)
    state = visitor.visit(hostile_server + "program/gov-01.html")
    visitor.close()
    assert state["title"].startswith('</title><script>window.__pwned=1;document.title="DIBOBOL"</script>')
    assert "Masterplan Smart City" in state["title"]


def test_search_results_do_not_run_the_payload(chromium, hostile_server):
    """Material renders search results as HTML from the index; the index must hold escaped text."""
    context = chromium.new_context(bypass_csp=True)  # escaping alone must hold
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_server + "index.html", wait_until="networkidle")
    page.wait_for_timeout(1000)  # the search worker loads the index
    page.locator("input.md-search__input").press_sequentially("onfocus", delay=50)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(500)
    pwned = page.evaluate("window.__pwned === undefined ? null : window.__pwned")
    text = page.inner_text(".md-search-result__list")
    context.close()
    assert "onerror=" in text and pwned is None and dialogs == []


def test_open_data_keeps_text_inert(hostile_site):
    rows = list(csv.DictReader(io.StringIO((hostile_site / "unduh/program.csv").read_text(encoding="utf-8"))))
    data = json.loads((hostile_site / "unduh/program.json").read_text(encoding="utf-8"))
    assert rows and all(
        not str(v).startswith(("=", "+", "-", "@"))
        for r in rows
        for v in r.values()
        if v and not str(v).lstrip("-").replace(".", "").isdigit()
    )
    assert data["program"][0]["nama"] == PAYLOAD  # JSON keeps the text as it is (served as application/json)


def test_pdf_metadata_holds_the_text_as_written(hostile_site):
    """PDF metadata is plain text: the data arrives exactly, neither as markup nor escaped twice."""
    from pypdf import PdfReader

    meta = PdfReader(hostile_site / "unduh/buku-1-analisis-strategis.pdf").metadata
    assert meta["/Author"] == PAYLOAD
    assert "&lt;" not in meta["/Title"] and PAYLOAD in meta["/Title"]


def test_svg_text_is_escaped(hostile_site):
    soup = BeautifulSoup((hostile_site / "peta-jalan.html").read_text(encoding="utf-8"), "html.parser")
    svgs = soup.find_all("svg", class_="mp-chart")
    assert svgs
    for svg in svgs:
        assert not svg.find_all(["script", "img", "foreignobject"]), "data became SVG markup"
        assert not [a for tag in svg.find_all(True) for a in tag.attrs if a.startswith("on")]
