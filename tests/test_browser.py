"""Pages as citizens see them, in headless Chromium (Debian's package, driven by Playwright).

Accessibility (axe-core, WCAG 2.1 AA), phone layout at 390 px, keyboard use, no request
leaving the site, page weight, and the dashboard's figures against the data.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from playwright.sync_api import sync_playwright

from chromium import CHROMIUM_ARGS, launch  # noqa: F401  (CHROMIUM_ARGS kept importable from here)
from fixtures import REPO

AXE = REPO / "node_modules/axe-core/axe.min.js"
PAGE_KINDS = [
    "index.html",
    "program/gov-01.html",
    "program/index.html",
    "dimensi/governance.html",
    "elemen/transportasi.html",
    "opd/bappeda.html",
    "peta-jalan.html",
    "quick-win.html",
    "monev.html",
    "unduh.html",
    "buku-2/bab-3-strategi-program.html",
    "buku-1/bab-4-analisis-dimensi.html",
    "makro.html",
    "panduan/index.html",
    "panduan/referensi-data.html",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built):
    project, _ = built
    handler = functools.partial(QuietHandler, directory=str(project / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_serious_accessibility_violation(browser, server, path):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(server + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert serious == []
    assert result["passes"], "axe ran no rule"


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_phone_width_does_not_overflow(browser, server, path):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(server + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    context.close()
    assert width <= 390
    assert font >= 14


def test_wide_tables_become_cards_on_a_phone(browser, server):
    """A table of six columns reads as cards at 390 px (tests/test_phone.py checks every page of the sample)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "program/index.html")
    box = page.evaluate(
        "(() => { const d = document.querySelector('.mp-tabel'); return [d.scrollWidth, d.clientWidth, getComputedStyle(d.querySelector('tr')).display]; })()"
    )
    context.close()
    assert box[0] <= box[1] and box[2] == "flex"


def test_tap_targets_are_large_enough(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + "index.html")
    sizes = page.evaluate(
        "[...document.querySelectorAll('a.mp-kartu, a.mp-buku, .md-header button, .md-header label.md-header__button')].filter(e => e.offsetParent && !e.closest('.md-search')).map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    context.close()
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes


def test_keyboard_reaches_content(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "index.html")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    focused_names = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focused_names.append(
            page.evaluate("document.activeElement.tagName + ':' + (document.activeElement.className || '')")
        )
    context.close()
    assert first == "Lewati ke isi"  # Material's skip link, in Indonesian
    assert any("mp-kartu" in name for name in focused_names)


def test_no_request_leaves_the_site_and_home_is_light(browser, server):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "index.html", wait_until="networkidle")
    page.goto(server + "monev.html", wait_until="networkidle")
    context.close()
    outside = [u for u in requests if not (u.startswith((server, "data:", "blob:")))]
    assert outside == []
    assert requests


def test_home_transfers_under_300_kb(browser, server):
    """Counted as sent by a web server with gzip (as GitHub Pages does); the raw size is printed."""
    import gzip

    context = browser.new_context()
    page = context.new_page()
    bodies = []
    page.on("response", lambda r: bodies.append(r.body()))
    page.goto(server + "index.html", wait_until="networkidle")
    context.close()
    raw = sum(len(b) for b in bodies)
    compressed = sum(len(gzip.compress(b, compresslevel=6, mtime=0)) for b in bodies)
    print(f"home page: {len(bodies)} responses, {raw / 1024:.0f} KB raw, {compressed / 1024:.0f} KB gzip")
    assert 0 < compressed <= 300 * 1024, compressed


def test_dashboard_figures_match_the_data(browser, server, built):
    from masterplan.derive import pipeline
    from masterplan.formats import number

    project, _ = built
    view = pipeline.prepare(project / "data", project)
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "monev.html")
    total = page.inner_text("#nilai-2025-tahap-i")
    rows = page.eval_on_selector_all(
        "tr.mp-dimensi-total", "rows => rows.map(r => [r.dataset.dimensi, r.cells[3].innerText])"
    )
    svg_titles = page.eval_on_selector_all("svg.mp-chart title", "ts => ts.map(t => t.textContent)")
    context.close()
    assert total == "2,7" == f"{view.evaluations[0].headline:g}".replace(".", ",")
    expected = {d.id: number(d.realisation.value, 1) + "%" for d in view.dimensions}
    assert dict(rows) == expected
    assert "Skor per unsur Evaluasi 2025 Tahap I" in svg_titles and "Tren nilai resmi evaluasi" in svg_titles
