"""Indonesian site search (Pagefind + Sastrawi roots), used as a citizen does: in Chromium, on a phone.

Affixed words that appear nowhere on the site must find the pages holding their root; the
exact word ranks first; nonsense finds nothing; markup in the data is shown as text.
"""

from __future__ import annotations

import contextlib
import json
import re
import types

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from conftest import HOSTILE_INDICATOR, HOSTILE_NAME
from fixtures import make_project, mkdocs_build, tree_digest
from masterplan.site import search, stemming
from test_browser import AXE, browser, server  # noqa: F401  (shared fixtures)

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}


def site_words(project) -> dict[str, set[str]]:
    """Every word a visitor can read on each page (HTML text, lower case), search bundle excluded."""
    words = {}
    for html in (project / "site").rglob("*.html"):
        rel = html.relative_to(project / "site").as_posix()
        if rel.startswith("pagefind/"):
            continue
        text = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        words[rel] = set(re.findall(r"[a-z]+", text.lower()))
    return words


def wait_for_results(page) -> str:
    """The search's status line once it has answered: a count of pages, none, or the index failing."""
    status = page.locator("[data-mp-cari-status]")
    expect(status).to_have_text(re.compile("cocok|tidak dapat"), use_inner_text=True, timeout=15_000)
    return status.inner_text()


def run_search(page, server_url, query, *, phone=True, all_pages=False):
    """Open the search from the header as a visitor would, type, wait for the result count.

    With ``all_pages`` the "more results" button is pressed until every result is listed."""
    page.goto(server_url + "program/gov-01.html")
    if phone:
        page.click('label.md-header__button[for="__search"]')
    else:
        page.click("[data-mp-cari-input]")
    # One input event, as a phone's keyboard suggestion gives: typed key by key on a busy machine, a
    # prefix's answer ("Tidak ada halaman yang cocok") could be read as the query's.
    page.keyboard.insert_text(query)
    status = wait_for_results(page)
    while all_pages and page.query_selector(".mp-cari-lagi button"):
        shown = page.eval_on_selector_all(".md-search-result__item a", "as => as.length")
        page.click(".mp-cari-lagi button")
        page.locator(".md-search-result__item a").nth(shown).wait_for(timeout=15_000)  # one more than before
        status = page.inner_text("[data-mp-cari-status]")
    hits = page.eval_on_selector_all(
        ".md-search-result__item a",
        "as => as.map(a => [a.getAttribute('href'), a.querySelector('h1').textContent, a.querySelector('p').textContent])",
    )
    return status, [(href.lstrip("/"), title, text) for href, title, text in hits]


@pytest.fixture()
def phone(browser):  # noqa: F811
    context = browser.new_context(**PHONE)
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.dialogs, page.errors = dialogs, errors
    yield page
    context.close()


# query -> (forms of its root that the site holds, a page that must be found)
AFFIXED = {
    "dilayani": ({"layanan", "pelayanan", "melayani"}, "elemen/layanan-publik.html"),
    "direncanakan": ({"rencana", "perencanaan"}, "opd/bappeda.html"),
    "pengelolaannya": ({"pengelolaan", "kelola", "pengelola"}, "elemen/pengelolaan-sampah.html"),
}


@pytest.mark.parametrize("query", sorted(AFFIXED))
def test_affixed_word_absent_from_the_site_finds_pages_with_its_root(built, server, phone, query):  # noqa: F811
    project, _ = built
    words = site_words(project)
    forms, must = AFFIXED[query]
    assert not any(query in w for w in words.values()), (
        f"'{query}' occurs on the site: the test would not prove stemming"
    )
    holders = {rel for rel, w in words.items() if w & forms}
    assert must in holders
    status, hits = run_search(phone, server, query, all_pages=True)
    found = {href for href, _, _ in hits}
    assert status == f"{len(found)} halaman cocok"
    assert must in found, (status, hits)
    assert found <= holders, found - holders  # every result really holds a form of the root
    assert all(text for _, _, text in hits)  # each result shows a snippet under its title
    assert phone.errors == []


def test_root_across_the_per_prefix_finds_both_forms(built, server, phone):  # noqa: F811
    """Pagefind's own stemmer reads "perencanaan" as per- + "encana"; the Sastrawi roots join it to "rencana"."""
    project, _ = built
    words = site_words(project)
    _status, hits = run_search(phone, server, "perencanaan", all_pages=True)
    found = [href for href, _, _ in hits]
    assert found and "perencanaan" in words[found[0]]  # the exact word ranks first
    only_root = {rel for rel, w in words.items() if "rencana" in w and "perencanaan" not in w}
    assert only_root & set(found), "pages with only 'rencana' are missing"
    exact_ranks = [i for i, href in enumerate(found) if "perencanaan" in words[href]]
    assert exact_ranks == list(range(len(exact_ranks)))  # every exact match before every root-only match


def test_nonsense_finds_nothing(server, phone):  # noqa: F811
    # Pagefind alone answers "xqzvw" with pages holding the one-letter word "x" (longest known prefix).
    status, hits = run_search(phone, server, "xqzvw")
    assert hits == [] and status == "Tidak ada halaman yang cocok"


def test_markup_in_the_data_is_shown_as_text(server, phone):  # noqa: F811
    _status, hits = run_search(phone, server, "onerror")
    shown = {href: (title, text) for href, title, text in hits}
    title, text = shown["program/soc-03.html"]
    assert title == HOSTILE_NAME  # <script>alert(1)</script> in the title, as text
    assert HOSTILE_INDICATOR.split(" Cakupan")[0] in text  # <img src=x onerror=alert(3)> in the snippet, as text
    assert (
        phone.eval_on_selector_all(".md-search-result__list img, .md-search-result__list script", "els => els.length")
        == 0
    )
    phone.wait_for_timeout(300)  # not a wait for a state: the window in which a payload's alert would have shown
    assert phone.dialogs == []  # neither alert(1) nor the onerror alert(3) ran
    assert phone.errors == []


def test_search_by_keyboard(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + "index.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('[data-mp-cari-input]')")
    page.keyboard.type("dilayani")
    wait_for_results(page)
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and first.endswith(".html")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(first)
    page.keyboard.press("s")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    context.close()


def test_open_search_has_no_serious_accessibility_violation_and_no_outside_request(server, browser):  # noqa: F811
    context = browser.new_context(**PHONE, bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    _status, hits = run_search(page, server, "dilayani")
    assert hits
    # The phone dialog slides in: while it moves the page is briefly wider; measure once settled (if it
    # stays wider, the assertion below says by how much).
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("() => document.documentElement.scrollWidth <= 390", timeout=3_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    outside = [u for u in requests if not (u.startswith((server, "data:", "blob:")))]
    page.add_script_tag(path=str(AXE))
    # Scoped to the header and its search dialog: the page behind is covered by test_browser.py.
    result = page.evaluate(
        "async () => await axe.run('.md-header', {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    context.close()
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert outside == []
    assert width <= 390
    assert any("/pagefind/" in u for u in requests)


def test_index_covers_generated_pages_and_chapters(built):
    project, _ = built
    bundle = project / "site/pagefind"
    assert (bundle / "pagefind.js").is_file() and list(bundle.glob("wasm.id.pagefind"))  # Indonesian, stemmed
    assert not (bundle / "pagefind-ui.js").exists()  # Pagefind's own interfaces are not shipped
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(lang["page_count"] for lang in entry["languages"].values())
    # 404 and the offline page (luring.html, shown by the service worker) are not content to find
    html = [
        p
        for p in (project / "site").rglob("*.html")
        if not {"pagefind", "sunting"} & set(p.parts) and p.name not in ("404.html", "luring.html")
    ]
    assert pages == len(html)
    roots = set(json.loads((bundle / search.ROOTS_FILE).read_text(encoding="utf-8")))
    assert {"layan", "rencana", "kelola"} <= roots
    assert not (project / "site/search/search_index.json").exists()  # Material's lunr search is gone


def test_annotated_copy_carries_roots_and_keeps_table_cells_apart():
    page = (
        '<html lang="id"><body><nav>Menu</nav><article class="md-content__inner md-typeset"><h1>Pelayanan</h1>'
        "<table><tr><th>Kode</th><th>Program</th></tr></table><p>Perencanaan daerah, <code>kabupaten</code>.</p></article></body></html>"
    )
    words = set(search.page_words(page))
    marked = search.annotate(page, search.roots(words))
    assert 'data-pagefind-body data-pagefind-meta="akar:layan rencana"' in marked
    assert "<th>Kode</th> <th>Program</th>" in marked
    assert "menu" not in words and "kabupaten" not in words  # navigation and code are not indexed
    assert search.annotate("<html><body><h1>404</h1></body></html>", {}) is None


def test_page_words_are_those_of_the_first_article_up_to_its_end():
    article = '<article class="md-content__inner md-typeset">'
    assert search.page_words(f"<p>Luar</p>{article}<p>Satu &amp; Dua</p></article><p>Sesudah</p>") == ["satu", "dua"]
    assert search.page_words(f"</article>{article}Tiga{article}Empat</article>Lima</article>") == ["tiga", "empat"]
    assert search.page_words(f"{article}<p>Tanpa akhir</p>") == []
    assert search.page_words("<article>Lain</article>") == []
    marked = search.annotate(f"{article}<ul><li>a</li><li>b</li></ul><dl><dt>c</dt><dd>d</dd></dl></article>", {})
    assert marked is not None and "<li>a</li> <li>b</li> </ul><dl><dt>c</dt> <dd>d</dd> </dl>" in marked


def test_prefix_rules_skipped_by_a_words_start_give_the_same_roots(monkeypatch):
    stemmer = stemming.stemmer()
    words = sorted(stemmer.delegatedStemmer.dictionary.words)[::30]  # some 1,000 of Sastrawi's roots
    affixes = [("me", "kan"), ("mem", "i"), ("meng", "an"), ("meny", ""), ("pe", "an"), ("peng", "nya"), ("ber", "")]
    affixes += [("ter", "lah"), ("di", "kan"), ("ke", "an"), ("se", ""), ("per", "i"), ("memper", "kan"), ("be", "")]
    test = {f"{pre}{w}{suf}" for i, w in enumerate(words) for pre, suf in affixes[i % 7 :: 7]} | set(words)
    fast = search.roots(test)
    for rules in stemmer.delegatedStemmer.visitor_provider.get_prefix_visitors():
        monkeypatch.setattr(rules, "starts", [None] * len(rules.rules))  # every rule visited, as before
        monkeypatch.setattr(rules, "outcomes", {})
    assert search.roots(test) == fast
    assert sum(root != word for word, root in fast.items()) > len(test) // 3  # the affixed words were stemmed


def test_a_prefix_rules_starts_are_never_fewer_than_its_patterns_allow():
    class Optional:
        def disambiguate(self, word):
            """Rule: ber?a"""
            return "a" if re.match(r"^ber?a", word) else None

    class Either:
        def disambiguate(self, word):
            return "b" if re.match(r"^me|pe", word) else None

    class Named:
        def disambiguate(self, word):
            return "ajar" if word == "belajar" else None

    def rule(*disambiguators):
        return types.SimpleNamespace(disambiguators=list(disambiguators))

    assert stemming.word_starts(rule(Optional())) == ("a", "be")  # "bea" as well as "bera"
    assert stemming.word_starts(rule(Named(), Optional())) == ("a", "ajar", "be", "belajar")
    assert stemming.word_starts(rule(Either())) == ("", "b")  # an alternative: any start
    assert stemming.word_starts(types.SimpleNamespace()) is None  # not a disambiguating rule: always visited


def test_pages_handed_over_in_any_order_index_like_the_files_on_disk(built, tmp_path):
    """The build hands pages to Pagefind as it writes them; the index holds the same pages, words and roots."""
    import shutil

    project, _ = built
    early, late = tmp_path / "satu-satu", tmp_path / "dari-berkas"
    for site in (early, late):
        shutil.copytree(project / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    indexer = search.Indexer()
    pages = sorted(p for p in early.rglob("*.html") if p.parent.name != "sunting")
    for html in reversed(pages):  # not the order of the files on disk
        indexer.add(html.relative_to(early).as_posix(), html.read_text(encoding="utf-8"))
    handed, read = indexer.write(early), search.build_index(late)
    assert (handed.pages, handed.words, handed.roots) == (read.pages, read.words, read.roots) and handed.pages > 20
    assert tree_digest(early / "pagefind/fragment") == tree_digest(
        late / "pagefind/fragment"
    )  # one fragment per page, same bytes
    assert (early / "pagefind" / search.ROOTS_FILE).read_bytes() == (late / "pagefind" / search.ROOTS_FILE).read_bytes()
    entry = [json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8")) for site in (early, late)]
    assert entry[0]["languages"]["id"]["page_count"] == entry[1]["languages"]["id"]["page_count"] == handed.pages


def test_a_cut_off_entry_file_is_indexed_again_and_twice_fails(built, tmp_path, monkeypatch):
    """An empty pagefind-entry.json (seen once in some thirty builds) would break the search: index again, once."""
    import shutil

    project, _ = built
    site = tmp_path / "situs"
    shutil.copytree(project / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    real, seen = search.entry_json, []

    def first_looks_cut_off(output):
        seen.append(output)
        return None if len(seen) == 1 else real(output)

    monkeypatch.setattr(search, "wait_for_entry_json", lambda output, seconds=5.0: None)
    monkeypatch.setattr(search, "entry_json", first_looks_cut_off)
    stats = search.Indexer().write(site)
    assert len(seen) == 2 and stats.pages > 20
    assert (
        json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["id"]["page_count"]
        == stats.pages
    )
    monkeypatch.setattr(search, "entry_json", lambda output: None)
    with pytest.raises(search.SearchError, match=r"pagefind-entry\.json"):
        search.Indexer().write(site)


def test_closing_an_unfinished_index_stops_pagefind(built):
    project, _ = built
    indexer = search.Indexer()
    indexer.add("index.html", (project / "site/index.html").read_text(encoding="utf-8"))
    assert indexer.process is not None and indexer.process.poll() is None
    indexer.close()
    assert indexer.process.poll() is not None


@pytest.mark.build
def test_failed_index_fails_the_build_and_keeps_the_old_site(tmp_path):
    project = make_project(tmp_path / "p")
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project / "site")
    result = mkdocs_build(project, env={"PAGEFIND_BINARY_PATH": "/bin/false"})
    assert result.returncode != 0
    assert "indeks pencarian gagal dibuat oleh Pagefind" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.*"))


@pytest.fixture(scope="module")
def sample_server(sample_site):
    """The Buleleng sample of this repository, built as shipped (once for the run), served over HTTP."""
    import functools
    import http.server
    import threading

    from test_browser import QuietHandler

    project, _ = sample_site
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(project / "site"))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield project, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize(
    "query, root_forms, topic, titled",
    [
        (
            "dilayani",
            {"layanan", "pelayanan", "melayani"},
            re.compile(r"layanan", re.I),
            3,
        ),  # services: most titles say so
        (
            "direncanakan",
            {"rencana", "perencanaan", "berencana"},
            re.compile(r"rencana", re.I),
            0,
        ),  # plans: in the text
    ],
)
def test_done_when_sample_on_a_phone_lists_services_and_plans(sample_server, phone, query, root_forms, topic, titled):
    """Issue 15, done when: on a phone, "dilayani" / "direncanakan" on the sample list the pages about services and plans."""
    project, url = sample_server
    words = site_words(project)
    assert not any(query in w for w in words.values())
    status, hits = run_search(phone, url, query)
    assert len(hits) == 10 and status.endswith("10 teratas ditampilkan")
    assert all(words[href] & root_forms for href, _, _ in hits)  # every listed page holds the root
    assert sum(bool(topic.search(title)) for _, title, _ in hits[:5]) >= titled
    assert all(topic.search(text) for _, _, text in hits)  # each snippet shows the matched form


def test_the_index_is_closed_only_once_no_file_grows(tmp_path):
    """Pagefind's WriteFiles answer can come before its writes are flushed (a worker file was cut off at 32,768
    bytes once): closing its input waits until no file of the index has grown for a few polls."""
    import threading
    import time

    output = tmp_path / "pagefind"
    output.mkdir()
    worker = output / "pagefind-worker.js"
    worker.write_bytes(b"x" * 32768)

    def finish_late():
        time.sleep(0.08)  # shorter than the settled window: the wait must not end before this
        with worker.open("ab") as out:
            out.write(b"y" * 8487)

    writer = threading.Thread(target=finish_late)
    writer.start()
    search.wait_until_written(output)
    writer.join()
    assert worker.stat().st_size == 41255
    assert search.written_sizes(output) == {"pagefind-worker.js": 41255}
