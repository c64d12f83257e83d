"""`mkdocs serve` renders again only the pages that read changed data (render/pagecache.py); the pages it
keeps are the very pages a fresh render makes."""

from __future__ import annotations

import pytest

from fixtures import make_project


@pytest.fixture
def cache():
    from masterplan.render import pagecache

    kept = pagecache.CACHE
    pagecache.CACHE = None
    yield pagecache.enable()
    pagecache.CACHE = kept


def render(project):
    from masterplan.render import stages

    return stages.run(stages.Sources.at(project)).pages


def fresh(project):
    from masterplan.render import pagecache

    kept, pagecache.CACHE = pagecache.CACHE, None
    try:
        return render(project)
    finally:
        pagecache.CACHE = kept


def edit(project, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_programme_renders_its_pages_again_and_keeps_the_others(tmp_path, cache):
    project = make_project(tmp_path / "proyek")
    first = render(project)
    assert set(cache.outcome.values()) <= {"dirender", "selalu dirender"}
    cache.reset_counts()
    assert render(project) == first
    kept = [page for page, outcome in cache.outcome.items() if outcome == "dipakai ulang"]
    assert len(kept) >= len(first) - 3, cache.outcome  # nothing changed: (nearly) every page kept

    edit(
        project,
        "data/program/governance.yml",
        "deskripsi: Program contoh",
        "deskripsi: Kalimat baru uji cache. Program",
    )
    cache.reset_counts()
    pages = render(project)
    changed = {page for page in pages if pages[page] != first[page]}
    assert any(page.startswith("program/gov-") for page in changed), changed
    for page in changed:  # every page that shows the edit was rendered again, none was kept
        assert cache.outcome[page] in ("dirender", "selalu dirender"), page
    assert cache.outcome["program/eco-01.md"] == "dipakai ulang"  # reads no governance programme
    assert sum(outcome == "dipakai ulang" for outcome in cache.outcome.values()) > len(pages) // 2
    assert pages == fresh(project)


EDITS = [
    # a programme's text, shown on its page only
    ("data/program/governance.yml", "deskripsi: Program contoh", "deskripsi: Kalimat pertama uji cache. Program"),
    # an agency's name: its page, its programmes' pages, the tables that name it
    ("data/opd.yml", "nama: Dinas Komunikasi dan Informatika", "nama: Dinas Komunikasi Uji Cache"),
    # a budget: the programme, its dimension's and agency's sums, the summaries
    ("data/program/governance.yml", "anggaran: 500000000", "anggaran: 750000000"),
    # a horizon: the roadmap, the quick wins, the counts
    ("data/program/governance.yml", "horizon: quick-win", "horizon: menengah"),
    # a realised figure of an indicator: the programme, the monitoring pages
    ("data/program/governance.yml", "    realisasi:\n      2025: 30", "    realisasi:\n      2025: 35"),
    # back again: pages rendered from older data must not be kept by mistake
    ("data/program/governance.yml", "anggaran: 750000000", "anggaran: 500000000"),
]


@pytest.mark.parametrize("count", [len(EDITS)])
def test_after_several_edits_every_page_is_what_a_fresh_render_makes(tmp_path, cache, count):
    project = make_project(tmp_path / "proyek")
    before = render(project)
    for rel, old, new in EDITS[:count]:
        edit(project, rel, old, new)
        cache.reset_counts()
        pages = render(project)
        expected = fresh(project)
        assert expected != before, (rel, new)  # the edit shows somewhere
        assert pages == expected, [page for page in expected if pages.get(page) != expected[page]]
        assert "dipakai ulang" in cache.outcome.values()
        before = pages


def test_a_template_whose_reads_cannot_be_named_is_rendered_every_time(tmp_path, cache):
    project = make_project(tmp_path / "proyek")
    (project / "docs" / "uji-cache.md").write_text(
        '# Uji\n\n{{ ", ".join(mp.programmes | map(attribute="model.nama")) }}\n', encoding="utf-8"
    )
    render(project)
    assert cache.outcome["uji-cache.md"] == "selalu dirender"
    edit(project, "data/program/governance.yml", "nama: Program Tata Kelola Pemerintahan 1", "nama: Aku Daring")
    cache.reset_counts()
    pages = render(project)
    assert cache.outcome["uji-cache.md"] == "selalu dirender"
    assert "Aku Daring" in pages["uji-cache.md"]
    assert pages == fresh(project)


def test_mkdocs_build_keeps_no_page(tmp_path):
    from masterplan.render import pagecache, sandbox

    pagecache.disable()
    project = make_project(tmp_path / "proyek")
    render(project)
    assert pagecache.CACHE is None and sandbox.RECORDER is None
