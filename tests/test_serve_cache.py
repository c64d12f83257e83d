"""`mkdocs serve` rebuilds only the pages whose inputs changed, and serves the same bytes as a full rebuild."""

from __future__ import annotations

import os
import shutil

import pytest

from fixtures import make_project, tree_digest

pytestmark = pytest.mark.build  # serve rebuilds of a built project

SERVE_URL = "http://127.0.0.1:8000/"


def serve_build(project, site):
    """One rebuild as `mkdocs serve` does it: a fresh config, the plugin instances kept."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)
    return config


def plugin_of(config):
    return config.plugins["masterplan"]


def edit_description(project, text: str) -> None:
    path = project / "data/program/governance.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("deskripsi: ", f"deskripsi: {text} ", 1), encoding="utf-8")


@pytest.fixture
def serving(tmp_path, monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("MASTERPLAN_SERVE_FULL", raising=False)
    project = make_project(tmp_path / "proyek")
    monkeypatch.chdir(project)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    yield project, tmp_path
    config.plugins.on_shutdown()


def test_rebuild_after_a_data_edit_converts_only_the_changed_pages_and_matches_a_full_rebuild(serving, monkeypatch):
    project, tmp = serving
    site = tmp / "site"
    first = plugin_of(serve_build(project, site)).serve_cache.stats
    assert first.reused_html == 0 and first.converted > 20
    first_index = {k: v for k, v in tree_digest(site).items() if k.startswith("pagefind/")}
    assert "pagefind/pagefind.js" in first_index

    edit_description(project, "Kalimat suntingan uji serve.")
    config = serve_build(project, site)
    stats = plugin_of(config).serve_cache.stats
    pages = first.converted
    assert 1 <= stats.converted <= 5, stats
    assert stats.reused_html == pages - stats.converted
    assert stats.reused_output >= pages - 5
    programme_page = next(site.glob("program/gov-*1.html"))
    assert "Kalimat suntingan uji serve." in programme_page.read_text(encoding="utf-8")
    incremental = tree_digest(site)
    assert {
        k: v for k, v in incremental.items() if k.startswith("pagefind/")
    } == first_index  # no page added or removed: index reused
    shutil.copytree(site, tmp / "incremental")

    monkeypatch.setenv("MASTERPLAN_SERVE_FULL", "1")
    full_config = serve_build(project, site)
    assert plugin_of(full_config).serve_cache is None
    full = tree_digest(site)
    assert "pagefind/pagefind.js" in full
    pages = {k: v for k, v in full.items() if not k.startswith("pagefind/")}
    assert {k: v for k, v in incremental.items() if not k.startswith("pagefind/")} == pages  # same pages, byte for byte


def test_after_several_data_edits_the_served_site_is_a_full_rebuild_of_the_same_data(serving, monkeypatch):
    """Pages kept by the page cache (render/pagecache.py) across several kinds of edits: the same bytes as a rebuild
    that keeps nothing."""
    from masterplan.render import pagecache

    project, tmp = serving
    site = tmp / "site"
    serve_build(project, site)
    edits = [
        ("data/program/governance.yml", "deskripsi: Program contoh", "deskripsi: Suntingan pertama. Program contoh"),
        ("data/opd.yml", "nama: Dinas Komunikasi dan Informatika", "nama: Dinas Komunikasi Uji Serve"),
        ("data/program/governance.yml", "anggaran: 500000000", "anggaran: 725000000"),
        ("data/program/governance.yml", "horizon: quick-win", "horizon: menengah"),
    ]
    for rel, old, new in edits:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        serve_build(project, site)
        assert pagecache.CACHE is not None and pagecache.CACHE.reused > 0, rel  # pages were kept
    incremental = {k: v for k, v in tree_digest(site).items() if not k.startswith("pagefind/")}
    monkeypatch.setenv("MASTERPLAN_SERVE_FULL", "1")
    serve_build(project, site)
    assert pagecache.CACHE is None  # the full rebuild renders every page
    full = {k: v for k, v in tree_digest(site).items() if not k.startswith("pagefind/")}
    assert incremental == full, sorted(k for k in full if incremental.get(k) != full[k])


def test_a_title_change_in_the_navigation_rebuilds_every_page_template(serving):
    project, tmp = serving
    site = tmp / "site"
    serve_build(project, site)
    chapter = project / "docs/buku-1/bab-1-pendahuluan.md"
    text = chapter.read_text(encoding="utf-8")
    first_line, rest = text.split("\n", 1)
    chapter.write_text(first_line + " Baru\n" + rest, encoding="utf-8")
    stats = plugin_of(serve_build(project, site)).serve_cache.stats
    assert stats.reused_output == 0  # every page shows the navigation, so every page is templated again
    assert stats.converted <= 3
    assert "Baru" in (site / "index.html").read_text(encoding="utf-8")


def test_adding_a_page_indexes_the_site_again(serving):
    project, tmp = serving
    site = tmp / "site"
    serve_build(project, site)
    first_index = {k: v for k, v in tree_digest(site).items() if k.startswith("pagefind/")}
    (project / "docs" / "catatan-baru.md").write_text(
        "# Catatan baru\n\nKata unik zamrudkhatulistiwa.\n", encoding="utf-8"
    )
    serve_build(project, site)
    index = {k: v for k, v in tree_digest(site).items() if k.startswith("pagefind/")}
    assert index != first_index


def test_plain_build_has_no_serve_cache(tmp_path):
    from fixtures import mkdocs_build

    project = make_project(tmp_path / "proyek")
    result = mkdocs_build(project, "-v")
    assert result.returncode == 0, result.stderr
    assert "serve:" not in result.stderr
    assert os.path.exists(project / "site" / "index.html")


def test_serve_notices_an_edit_within_a_tenth_of_a_second(tmp_path):
    """MkDocs polls for edits every 0.5 s; the plugin makes its watchers poll every 0.1 s."""
    from mkdocs.livereload import LiveReloadServer

    from masterplan.site import liveserve

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    assert {e.timeout for e in server.observer.emitters} == {0.5}
    liveserve.poll_faster(server)
    assert {e.timeout for e in server.observer.emitters} == {liveserve.SERVE_POLL_SECONDS}
    server.server_close()
