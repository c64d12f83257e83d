"""The sample site on a phone (Chromium at 390x844, touch): tables that fit, and reading offline after one visit.

Built once from the repository's own sample (data, chapters, macros) in a temporary folder and served
over HTTP on loopback, where a service worker may run. The last tests rebuild it with a programme renamed.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import threading

import pytest
from playwright.sync_api import expect

from fixtures import REPO, mkdocs_build

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
AXE = REPO / "node_modules/axe-core/axe.min.js"
# A page the reader never opened; and the programme the rebuild renames.
UNVISITED, RENAMED = "program/env-03.html", "program/gov-04.html"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the base class reads this class-level table (typeshed: an instance variable)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def sample(sample_site, tmp_path_factory):
    """The sample as built once for the run, copied with its site: two tests here edit and rebuild it."""
    built, result = sample_site
    project = tmp_path_factory.mktemp("buleleng") / "proyek"
    shutil.copytree(built, project, symlinks=True)
    return project, result


@pytest.fixture(scope="module")
def server(sample):
    project, _ = sample
    handler = functools.partial(_Quiet, directory=str(project / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def _pages(project) -> list[str]:
    site = project / "site"
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in ("sunting", "pagefind")
    )


WIDE_TABLES = """() => {
  const room = document.querySelector('article').clientWidth, screen = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('article table')].filter(t => {
    const r = t.getBoundingClientRect();
    return r.width > room + 0.5 || r.right > screen + 0.5;
  }).map(t => t.className || t.closest('.mp-tabel, .md-typeset__scrollwrap, article').previousElementSibling?.textContent);
  return [document.documentElement.scrollWidth, wide];
}"""


def test_no_table_wider_than_the_screen_on_any_page(chromium_browser, server, sample):
    context = chromium_browser.new_context(**PHONE)
    page = context.new_page()
    problems = {}
    pages = _pages(sample[0])
    for path in pages:
        page.goto(server + path)
        width, wide = page.evaluate(WIDE_TABLES)
        if width > 390 or wide:
            problems[path] = (width, wide)
    context.close()
    assert len(pages) > 100
    assert problems == {}


def test_a_programme_row_reads_as_a_card_in_column_order(chromium_browser, server):
    context = chromium_browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + "program/index.html")
    # As seen: the cells from top to bottom, each with the label the style puts before it.
    lines = page.evaluate("""[...document.querySelector('article table.mp-program tbody tr').cells]
      .map(c => [c.getBoundingClientRect().top, getComputedStyle(c, '::before').content, c.innerText.trim()])
      .sort((a, b) => a[0] - b[0]).map(([, label, text]) => (label === 'none' ? '' : label) + ' ' + text)""")
    header_hidden = page.evaluate(
        "document.querySelector('article table.mp-program thead').getBoundingClientRect().height <= 1"
    )
    context.close()
    assert lines[0] == " Aku Online (Layanan Administrasi Kependudukan Daring)"  # the row's name is the card's title
    assert [line.split(":")[0] for line in lines[1:]] == ['"Kode', '"OPD', '"Horizon', '"Tahun', '"Anggaran']
    assert lines[-1].startswith('"Anggaran: " / "" Rp 650.000.000')  # the figure is on the card, whole
    assert header_hidden


def test_the_official_total_and_download_links_show_whole(chromium_browser, server):
    context = chromium_browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + "monev.html")
    total = page.locator("table.mp-evaluasi td", has_text="3,06")
    expect(total).to_be_visible()
    box = total.bounding_box()
    page.goto(server + "unduh.html")
    links = page.locator("table.mp-unduhan a")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    context.close()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert boxes and all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)


def test_screen_readers_still_get_a_table_on_a_phone(chromium_browser, server):
    context = chromium_browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + "program/index.html")
    session = context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
    headers = [n.get("name", {}).get("value") for n in nodes if n.get("role", {}).get("value") == "columnheader"]
    context.close()
    assert roles.count("table") == 6
    assert headers[:6] == ["Kode", "Program", "OPD", "Horizon", "Tahun", "Anggaran"]
    assert roles.count("cell") >= 54 * 6


@pytest.mark.parametrize(
    "path", ["program/index.html", "monev.html", "unduh.html", "luring.html", "peta-jalan.html", "program/gov-02.html"]
)
def test_no_serious_accessibility_violation_on_a_phone(chromium_browser, server, path):
    context = chromium_browser.new_context(bypass_csp=True, **PHONE)
    page = context.new_page()
    page.goto(server + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert serious == []


CHART_TEXT = """() => [...document.querySelectorAll('article svg.mp-chart')].filter(svg => svg.getBoundingClientRect().width > 0).map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const boxes = [...svg.querySelectorAll('text')].map(t => [t.getBoundingClientRect(), parseFloat(getComputedStyle(t).fontSize) * scale, t.textContent]);
  const overlaps = [];
  boxes.forEach(([a, , ta], i) => boxes.slice(i + 1).forEach(([b, , tb]) => {
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(ta + ' / ' + tb);
  }));
  return {title: svg.querySelector('title').textContent, alt: svg.getAttribute('role') + ':' + svg.querySelector('desc').textContent.length,
          smallest: Math.min(...boxes.map(b => b[1])), overlaps};
})"""


@pytest.mark.parametrize(
    "path", ["monev.html", "peta-jalan.html", "dimensi/governance.html", "buku-2/bab-4-peta-jalan.html"]
)
def test_charts_read_on_a_phone(chromium_browser, server, path):
    context = chromium_browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + path)
    found = page.evaluate(CHART_TEXT)
    context.close()
    assert found, "no chart on the page"
    for chart in found:
        assert chart["smallest"] >= 10.99, chart
        assert chart["overlaps"] == [], chart
        assert chart["alt"].startswith("img:") and not chart["alt"].endswith(":0"), chart  # the text alternative stays


def test_the_roadmap_scrolls_in_its_frame_with_names_in_view(chromium_browser, server):
    context = chromium_browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + "peta-jalan.html")
    frame = page.locator(".mp-gantt-geser").first
    frame.evaluate("f => { f.scrollLeft = f.scrollWidth; }")
    name = page.locator(".mp-gantt-nama text").first
    expect(name).to_contain_text("GOV-01")
    box, frame_box = name.bounding_box(), frame.bounding_box()
    sizes = frame.evaluate("f => [f.scrollWidth, f.clientWidth, f.scrollLeft, document.documentElement.scrollWidth]")
    hidden = page.locator(".mp-gantt-nama").get_attribute("aria-hidden")
    context.close()
    assert sizes[0] > sizes[1] and sizes[2] > 0 and sizes[3] <= 390  # the chart scrolls, the page does not
    assert frame_box["x"] <= box["x"] < frame_box["x"] + 40  # scrolled to its end, the names are still at the left
    assert hidden == "true"  # a copy for the eye; the chart's own title and description stay the text alternative


def test_desktop_keeps_its_tables(chromium_browser, server):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "program/index.html")
    shown = page.evaluate(
        "[...document.querySelectorAll('article table')].map(t => getComputedStyle(t).display + '/' + getComputedStyle(t.tHead).position)"
    )
    context.close()
    assert set(shown) == {"table/static"}


def test_first_visit_of_the_home_page_is_light(chromium_browser, server, sample):
    """Counted as a web server sends it with gzip (GitHub Pages does), before the search is used.

    The worker's own download of the pages it keeps happens after the page has loaded; the build
    reports it beside this figure.
    """
    context = chromium_browser.new_context(**PHONE)
    page = context.new_page()
    bodies = []
    page.on("response", lambda r: bodies.append(r.body()))
    page.goto(server + "index.html", wait_until="load")
    context.close()
    compressed = sum(len(gzip.compress(b, compresslevel=6, mtime=0)) for b in bodies)
    print(f"home page: {len(bodies)} responses, {compressed / 1024:.0f} KB gzip")
    assert 0 < compressed <= 100 * 1024, compressed
    report = re.search(r"Luring: (\d+) berkas disimpan pada kunjungan pertama, ([\d.]+) (KB|MB)", sample[1].stderr)
    assert report, sample[1].stderr
    assert float(report.group(2)) * (1024 if report.group(3) == "MB" else 1) <= 5 * 1024


def _watch(page, problems: list) -> None:
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))


def _heading(page) -> str:
    return page.locator("article h1").first.inner_text()


@pytest.fixture(scope="module")
def phone(chromium_browser):
    """One phone for the offline story: the worker and its cache live as long as this context."""
    context = chromium_browser.new_context(**PHONE)
    # A CSP violation is also reported to the page as an event; record it where the test can read it.
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    yield context
    context.close()


def test_one_visit_keeps_the_site_for_offline_reading(phone, server):
    problems: list = []
    page = phone.new_page()
    _watch(page, problems)
    page.goto(server + "index.html")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.goto(server + "program/gov-01.html")  # a programme page, kept once opened
    expect(page.locator("article h1")).to_have_text("Aku Online (Layanan Administrasi Kependudukan Daring)")
    phone.set_offline(True)
    try:
        seen = {}
        for path in (
            "index.html",
            "monev.html",
            "program/gov-01.html",
            "unduh.html",
            "peta-jalan.html",
            "program/index.html",
        ):
            page.goto(server + path)
            seen[path] = _heading(page)
        page.goto(server + UNVISITED)
        offline_heading = _heading(page)
        offline_links = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
        page.locator("article a", has_text="Dasbor monev").click()
        expect(page.locator("article h1")).to_have_text("Dasbor monitoring dan evaluasi")
        page.locator("label.md-header__button[for='__search']").click()
        page.locator("[data-mp-cari-input]").fill("layanan")
        expect(page.locator("[data-mp-cari-status]")).to_contain_text("memerlukan koneksi internet")
    finally:
        phone.set_offline(False)
    page.close()
    assert seen == {
        "index.html": seen["index.html"],
        "monev.html": "Dasbor monitoring dan evaluasi",
        "program/gov-01.html": "Aku Online (Layanan Administrasi Kependudukan Daring)",
        "unduh.html": "Unduhan",
        "peta-jalan.html": "Peta jalan 2024–2033",
        "program/index.html": "Semua program",
    }
    assert seen["index.html"]
    assert offline_heading == "Halaman ini belum tersimpan di perangkat Anda"
    assert server + "monev.html" in offline_links and server + "unduh.html" in offline_links
    assert problems == []


def test_the_worker_leaves_previews_and_the_editor_to_the_network(phone, server, sample):
    project, _ = sample
    preview = project / "site" / "pr-7"
    preview.mkdir()
    (preview / "index.html").write_text("<!doctype html><title>pratinjau</title><h1>Pratinjau</h1>", encoding="utf-8")
    page = phone.new_page()
    page.goto(server + "index.html")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.goto(server + "pr-7/index.html")
    expect(page.locator("h1")).to_have_text("Pratinjau")
    page.goto(server + "index.html")
    kept = page.evaluate(
        "async () => { const out = []; for (const n of await caches.keys()) for (const r of await (await caches.open(n)).keys()) out.push(r.url); return out; }"
    )
    page.close()
    shutil.rmtree(preview)
    assert any(url.endswith("/monev.html") for url in kept)
    assert not [
        url for url in kept if "/pr-7/" in url or "/sunting/" in url or "/pagefind/" in url or url.endswith(".pdf")
    ]


def test_a_pdf_is_kept_once_downloaded(phone, server):
    page = phone.new_page()
    page.goto(server + "unduh.html")
    # The worker keeps what passes through it once it controls the page (it claims the pages it finds).
    page.evaluate(
        "async () => { await navigator.serviceWorker.ready; if (!navigator.serviceWorker.controller)"
        " await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, {once: true})); }"
    )
    pdf = page.locator("table.mp-unduhan a[href$='.pdf']").first.get_attribute("href")
    count = "async (name) => { let n = 0; for (const c of await caches.keys()) for (const r of await (await caches.open(c)).keys()) n += r.url.endsWith(name); return n; }"
    before = page.evaluate(count, pdf)
    size = page.evaluate("async (href) => (await (await fetch(href)).arrayBuffer()).byteLength", pdf)
    after = page.evaluate(count, pdf)
    phone.set_offline(True)
    try:
        offline_size = page.evaluate("async (href) => (await (await fetch(href)).arrayBuffer()).byteLength", pdf)
    finally:
        phone.set_offline(False)
    page.close()
    assert (before, after) == (0, 1)
    assert offline_size == size > 1000


def test_a_rebuild_shows_its_new_text_on_the_first_load(phone, server, sample):
    project, _ = sample
    page = phone.new_page()
    page.goto(server + RENAMED)
    old_name = _heading(page)
    old_worker = (project / "site" / "sw.js").read_text(encoding="utf-8")
    data = project / "data" / "program" / "governance.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(old_name, "Pusat Komando Buleleng Terpadu"), encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    problems: list = []
    _watch(page, problems)
    page.goto(server + RENAMED)
    first_load = _heading(page)
    page.close()
    new_worker = (project / "site" / "sw.js").read_text(encoding="utf-8")
    build = re.compile(r'const BUILD = "([0-9a-f]+)"')
    assert old_name != "Pusat Komando Buleleng Terpadu"
    assert first_load == "Pusat Komando Buleleng Terpadu"
    assert build.search(old_worker).group(1) != build.search(new_worker).group(1)
    assert problems == []


def test_mkdocs_serve_runs_no_worker_and_removes_one_left_by_a_built_site(chromium_browser, sample):
    """An editor who opened the built site on the address `mkdocs serve` uses later sees the pages being edited."""
    import os
    import signal
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from fixtures import free_port

    project, _ = sample
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    built = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(_Quiet, directory=str(project / "site"))
    )
    threading.Thread(target=built.serve_forever, daemon=True).start()
    context = chromium_browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "index.html")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    built.shutdown()
    built.server_close()
    (project / "docs" / "index.md").write_text(
        (project / "docs" / "index.md").read_text(encoding="utf-8") + "\n\nKalimat yang sedang disunting.\n",
        encoding="utf-8",
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "index.html", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        problems: list = []
        _watch(page, problems)
        page.goto(base + "index.html")
        edited = "Kalimat yang sedang disunting." in page.inner_text("article")
        # the page's script unregisters the old worker; the count is asked anew at each poll
        page.wait_for_function(
            """() => {
          navigator.serviceWorker.getRegistrations().then(r => { globalThis.mpRegistrations = r.length; });
          return globalThis.mpRegistrations === 0; }""",
            timeout=5_000,
        )
        registrations = page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "sw.js", timeout=5)
        manifest = urllib.request.urlopen(base + "manifest.webmanifest", timeout=5).status
        problems = list(problems)  # before stopping the server, which cuts the live-reload request
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=30)
        context.close()
    assert edited
    assert registrations == 0
    assert manifest == 200
    assert problems == []
