"""What `mkdocs build` prints: a short summary and the build's real messages, nothing else at INFO."""

import logging
import re

import pytest

from fixtures import make_project, mkdocs_build, region
from masterplan.site import buildlog

# The fixture uses the repository's mkdocs.yml: its editor signs in with tokens and needs no setting.
SUMMARY = re.compile(r"Situs baru dipasang di .+: (\d+) halaman, (\d+) PDF \((\d+) halaman\), tanpa peringatan$")
PDF_LINE = re.compile(r"PDF \S+\.pdf: (\d+) halaman, [\d.]+ s$")
SIGNIN = re.compile(
    r"mkdocs\.yml:\d+: peringatan: editor formulir \(/sunting/\) belum punya cara masuk: `editor_auth_url` .+ "
    r"\(lihat Panduan penyunting, bagian “Menyiapkan tombol Masuk” \(panduan/#menyiapkan-tombol-masuk\)\), .+$"
)
ALLOWED = [
    PDF_LINE,
    SIGNIN,
    re.compile(r"Indeks pencarian: \d+ halaman, \d+ kata, \d+ akar kata \([\d.]+ s\)$"),
    SUMMARY,
    re.compile(r"Documentation built in [\d.]+ seconds$"),
    # the offline worker's weight figures (site/offline.py)
    re.compile(
        r"Luring: \d+ berkas disimpan pada kunjungan pertama, [\d.]+ [KM]B \(batas 5.0 MB\); beranda pada kunjungan pertama \d+ KB terkompresi \(batas 100 KB\); build [0-9a-f]{16}$"
    ),
]


def printed_lines(result) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def test_a_clean_build_prints_a_short_summary_and_nothing_else(built):
    project, result = built
    lines = printed_lines(result)
    assert len(lines) < 20, lines
    messages = [line.split(" -  ", 1)[1] for line in lines]
    assert all(line.startswith("INFO") for line in lines), lines
    unexpected = [m for m in messages if not any(p.match(m) for p in ALLOWED)]
    assert unexpected == [], "only the summary at INFO"
    assert "not included in the" not in result.stderr  # the generated pages are declared not_in_nav
    assert [m for m in messages if SIGNIN.match(m)] == []  # the token sign-in needs no setting (masuk-token.js)
    summary = next(SUMMARY.match(m) for m in messages if SUMMARY.match(m))
    pages, pdfs, pdf_pages = (int(g) for g in summary.groups())
    built_pages = [
        p
        for p in (project / "site").rglob("*.html")
        if p.name != "404.html" and p.relative_to(project / "site").parts[0] not in ("sunting", "pagefind")
    ]
    assert pages == len(built_pages)
    pdf_lines = [int(PDF_LINE.match(m).group(1)) for m in messages if PDF_LINE.match(m)]
    assert pdfs == len(pdf_lines) == len(list((project / "site" / "unduh").glob("*.pdf"))) == 4
    assert pdf_pages == sum(pdf_lines)


@pytest.mark.build
def test_a_chapter_missing_from_the_nav_is_still_reported(tmp_path):
    project = make_project(tmp_path / "p", region())
    (project / "docs" / "catatan.md").write_text("# Catatan\n\nBab yang lupa dimasukkan ke nav.\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert 'not included in the "nav" configuration:\n  - catatan.md\n' in result.stderr
    assert "dimensi/" not in result.stderr and "program/" not in result.stderr


def _mkdocs_records(verbose: bool) -> list[logging.LogRecord]:
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record)

    mkdocs, keep, log = logging.getLogger("mkdocs"), Keep(level=logging.DEBUG), buildlog.BuildLog()
    before = mkdocs.level
    mkdocs.setLevel(logging.DEBUG if verbose else logging.INFO)
    mkdocs.addHandler(keep)
    log.install()
    try:
        build = logging.getLogger(buildlog.MKDOCS_BUILD_LOGGER)
        build.info("Cleaning site directory")
        build.info("Building documentation to directory: /x/.site.baru-abc")
        build.info("Documentation built in 1.00 seconds")
        build.warning("Doc file 'a.md' contains a link 'b.md', but the target is not found among documentation files.")
        logging.getLogger("mkdocs.plugins.masterplan").error("rusak")
    finally:
        log.remove()
        mkdocs.removeHandler(keep)
        mkdocs.setLevel(before)
    assert log.warnings.count == 2  # a warning and an error, wherever under `mkdocs` they are logged
    return seen


def test_mkdocs_progress_lines_are_debug_lines_shown_only_with_verbose():
    quiet = [(r.levelname, r.getMessage()) for r in _mkdocs_records(verbose=False)]
    assert [m for _, m in quiet if m.startswith(buildlog.PROGRESS)] == []
    assert ("INFO", "Documentation built in 1.00 seconds") in quiet
    verbose = [(r.levelname, r.getMessage()) for r in _mkdocs_records(verbose=True)]
    assert ("DEBUG", "Cleaning site directory") in verbose
    assert ("DEBUG", "Building documentation to directory: /x/.site.baru-abc") in verbose


def test_the_summary_names_pdfs_and_each_kind_of_warning():
    assert (
        buildlog.summary("site", 141, [12, 17, 6, 17], 0, 0)
        == "Situs baru dipasang di site: 141 halaman, 4 PDF (52 halaman), tanpa peringatan"
    )
    assert (
        buildlog.summary("site", 56, [], 5, 1)
        == "Situs baru dipasang di site: 56 halaman, tanpa PDF, 5 peringatan data, 1 peringatan build"
    )
    assert (
        buildlog.summary("site", 56, [], 0, 0, 1)
        == "Situs baru dipasang di site: 56 halaman, tanpa PDF, 1 peringatan penyiapan"
    )


@pytest.mark.build
def test_edit_url_of_another_repository_is_a_setup_warning_in_build_and_check(tmp_path):
    """A fork still pointing its "Sunting" links and editor at the sample's repository: said by the build
    (counted as a setup warning, the build still succeeds) and by `masterplan check`, at the same line."""
    import os
    import subprocess
    import sys

    from fixtures import REPO

    project = make_project(tmp_path / "kota")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(
        ["git", "remote", "add", "origin", "https://github.com/pemkot-salatiga/masterplan.git"], cwd=project, check=True
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    lines = printed_lines(result)
    warned = [line for line in lines if "mkdocs.yml:" in line and "pemkot-salatiga/masterplan" in line]
    assert len(warned) == 1
    assert any(line.endswith("1 peringatan penyiapan") for line in lines), lines
    check = subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO / "scripts")),
    )
    assert check.returncode == 0, check.stdout + check.stderr
    place = warned[0].split("mkdocs.yml:", 1)[1].split(":", 1)[0]
    assert f"mkdocs.yml:{place}: peringatan:" in check.stdout and "pemkot-salatiga/masterplan" in check.stdout


@pytest.mark.parametrize(
    "message",
    [
        "Doc file 'uji.md' contains a link 'tidak-ada.md', but the target is not found among documentation files.",
        "Doc file 'uji.md' contains a link '../tidak-ada.md', but the target 'tidak-ada.md' is not found among documentation files.",
    ],
)
def test_both_forms_of_mkdocs_missing_link_warning_name_the_chapter(message):
    """MkDocs leaves the target out of the warning when it is the link as written: both forms go to the chapter."""
    problem = buildlog.link_problem(message, lambda page, link: (f"docs/{page}", 3))
    assert problem is not None
    assert str(problem).startswith("docs/uji.md:3: tautan ")
    assert "`tidak-ada.md`" in str(problem)
