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


def test_unchanged_site_files_are_kept_and_the_folder_still_matches_a_full_rebuild(serving, monkeypatch):
    """servewrites.py: a rebuild writes only the files whose bytes changed; a page no longer built, a docs file
    changed or a site file deleted by hand come out as a rebuild into an empty folder makes them."""
    project, tmp = serving
    site = tmp / "site"
    serve_build(project, site)
    extra = project / "docs" / "catatan-sementara.md"
    extra.write_text("# Catatan sementara\n\nIsi sementara.\n", encoding="utf-8")
    editor_extra = project / "macros/sunting/tambahan.js"  # a file the form editor copies in, then no longer
    editor_extra.write_text("// sementara\n", encoding="utf-8")
    serve_build(project, site)
    assert (site / "catatan-sementara.html").is_file()
    assert (site / "sunting/tambahan.js").is_file()
    index_inode = (site / "index.html").stat().st_ino
    decap_written = (site / "sunting/decap-cms.js").stat().st_mtime_ns
    extra.unlink()
    editor_extra.unlink()
    edit_description(project, "Suntingan untuk berkas yang dipertahankan.")
    script = project / "docs/assets/cari.js"
    script.write_text(script.read_text(encoding="utf-8") + "\n// diubah\n", encoding="utf-8")
    (site / "404.html").unlink()
    writes = plugin_of(serve_build(project, site)).serve_cache.writes
    assert writes.kept > 200 and 0 < writes.rewritten < 20 and writes.removed == 2, writes.report()
    assert not (site / "catatan-sementara.html").exists()
    assert not (site / "sunting/tambahan.js").exists()
    assert (site / "index.html").stat().st_ino == index_inode  # not written again
    assert (site / "sunting/decap-cms.js").stat().st_mtime_ns == decap_written  # nor copied again
    assert (site / "assets/cari.js").read_bytes() == script.read_bytes()
    incremental = {k: v for k, v in tree_digest(site).items() if not k.startswith("pagefind/")}
    monkeypatch.setenv("MASTERPLAN_SERVE_FULL", "1")
    serve_build(project, site)
    full = {k: v for k, v in tree_digest(site).items() if not k.startswith("pagefind/")}
    assert incremental == full, sorted(set(incremental) ^ set(full)) + sorted(
        k for k in full if incremental.get(k) != full[k]
    )


def test_mkdocs_helpers_are_mkdocs_own_again_after_serve(serving):
    from mkdocs import utils

    project, tmp = serving
    originals = (utils.clean_directory, utils.write_file, utils.copy_file)
    config = serve_build(project, tmp / "site")
    assert utils.write_file != originals[1]  # serving: MkDocs' writes go through servewrites
    config.plugins.on_shutdown()
    assert (utils.clean_directory, utils.write_file, utils.copy_file) == originals


def test_serve_builds_soon_after_an_edit_and_sets_the_first_build_aside(tmp_path):
    """MkDocs waits 0.1 s for further edits before building; the plugin waits 0.05 s. After the first build the
    heap is frozen so that the garbage collector's full scans in later rebuilds skip it."""
    import gc

    from mkdocs.livereload import LiveReloadServer

    from masterplan.site import liveserve

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert server.build_delay == 0.1
    liveserve.build_sooner(server)
    assert server.build_delay == liveserve.SERVE_BUILD_DELAY == 0.05
    server.server_close()
    try:
        liveserve.set_heap_aside()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
