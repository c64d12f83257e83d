"""Text as offices paste it (Word, phones, web pages) goes through every stage as typed.

Curly quotes and apostrophes, dashes, an ellipsis, a no-break space, a soft hyphen, a
zero-width space, a tab, diacritics and Aksara Bali, Jawa and Sunda: in Git's history
(bytes, NUL-separated records), on the site, in the annex PDF and in the Word annex.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from fixtures import OFFICE_PIECES, OFFICE_TEXT, dump, git, make_project, mkdocs_build, region, write_region
from masterplan.load import gitread, history

ENV = dict(
    os.environ,
    GIT_AUTHOR_NAME="Pèrsé Dharma’putra",
    GIT_AUTHOR_EMAIL="tim@example.org",
    GIT_COMMITTER_NAME="Tim",
    GIT_COMMITTER_EMAIL="tim@example.org",
)
ALPHABET = sorted(set("".join(OFFICE_PIECES)) | set("\u2028\u2029\x1c\x1d\x1e\x85|"))
EXAMPLES: list[str] = []
OFFICE = st.lists(
    st.sampled_from(OFFICE_PIECES) | st.text(alphabet=ALPHABET, min_size=1, max_size=8), min_size=1, max_size=6
).map(" ".join)


def commit(root: Path, message: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "commit", "-q", "-a", "--allow-empty", "--cleanup=verbatim", "-m", message],
        check=True,
        env=ENV,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    root = tmp_path_factory.mktemp("riwayat")
    write_region(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    commit(root, "Data awal")
    return root


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OFFICE, OFFICE)
def test_a_description_change_is_one_change_and_the_subject_one_row(repository, description, subject):
    files = region()
    EXAMPLES.append(description)
    files["program/governance.yml"]["program"][0]["deskripsi"] = (
        f"{description} ({len(EXAMPLES)})"  # a change every time
    )
    (repository / "data/program/governance.yml").write_text(dump(files["program/governance.yml"]), encoding="utf-8")
    subject = subject.strip() or "kosong"
    commit(repository, subject)
    latest = gitread.log(repository, limit=1)[0]
    assert latest.subject == subject  # as typed: U+2028, \x1c-\x1e and tabs stay inside the one field
    found = history.read_history(repository, limit=2)
    change = found.changes[0]
    assert change.message == subject
    assert (change.added, change.changed, change.removed) == ([], ["GOV-01"], [])


def test_git_records_are_split_on_nul_not_on_line_breaks(repository):
    commit(repository, "satu\u2028dua\x1ctiga\x1d\x1e empat\t| 2020-01-01 | palsu")
    commits = gitread.log(repository, limit=1)
    assert len(commits) == 1 and commits[0].subject == "satu\u2028dua\x1ctiga\x1d\x1e empat\t| 2020-01-01 | palsu"


def test_a_blob_over_the_bound_is_not_read(repository, monkeypatch):
    """Sizes come from the listing before any blob is read: a huge file in a commit is skipped unread."""
    big = repository / "data/program/zz-besar.yml"
    big.write_bytes(b"program: []\n" + b"# " + b"x" * 6_000_000 + b"\n")
    git(repository, "add", "-A")
    commit(repository, "Berkas besar")
    asked: list[list[str]] = []
    real = gitread.blobs
    monkeypatch.setattr(gitread, "blobs", lambda root, shas: asked.append(list(shas)) or real(root, shas))
    found = history.read_history(repository, limit=1)
    assert found.available and found.changes[0].message == "Berkas besar"
    big_sha = next(e.sha for e in gitread.tree(repository, "HEAD", "data/program/") if e.path.endswith("zz-besar.yml"))
    assert all(big_sha not in shas for shas in asked)
    big.unlink()
    commit(repository, "Berkas besar dihapus")


# ------------------------------------------------------------------ the site, the annex PDF and the Word annex


@pytest.fixture(scope="module")
def office_site(tmp_path_factory):
    files = region()
    files["program/governance.yml"]["program"][0]["nama"] = OFFICE_TEXT
    files["program/governance.yml"]["program"][0]["deskripsi"] = OFFICE_TEXT
    files["visi-misi.yml"]["visi"]["teks"] = "ᬩᬸᬮᬾᬮᬾᬂ " + files["visi-misi.yml"]["visi"]["teks"]
    project = make_project(tmp_path_factory.mktemp("kantor"), files)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    yield project


def test_office_text_on_the_site_as_typed(office_site):
    page = BeautifulSoup((office_site / "site/program/gov-01.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    assert article.h1.get_text() == OFFICE_TEXT
    assert OFFICE_TEXT in article.get_text()


def test_office_text_in_the_word_annex_as_typed(office_site):
    with zipfile.ZipFile(next((office_site / "site/unduh").glob("lampiran-*.docx"))) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    import docx as python_docx

    document = python_docx.Document(next((office_site / "site/unduh").glob("lampiran-*.docx")))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any(OFFICE_TEXT.replace("\t", " ") in c.replace("\t", " ") for c in cells), (
        "the programme's name in its table"
    )
    for family in ("Noto Sans Balinese", "Noto Sans Javanese", "Noto Sans Sundanese"):
        assert f'w:ascii="{family}"' in xml  # Word is told a font that has the script


def test_office_text_in_the_annex_pdf(office_site):
    pdf = next((office_site / "site/unduh").glob("lampiran-*.pdf"))
    # Compared without white space: a table cell wraps the name, and Aksara Jawa wraps between syllables.
    text = "".join("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    # The Latin pieces as typed; Aksara Bali, Jawa and Sunda are shaped (vowel signs reordered, stacked), so their
    # extracted text is not the typed sequence: that they are drawn with their own fonts is asserted below.
    for piece in ("“Satu Data”", "‘Bule Kepo’", "cepat…", "Pèrsé", "Dharma’putra", "–", "—"):
        assert "".join(piece.split()) in text, piece
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for font in ("NotoSansBalinese", "NotoSansJavanese", "NotoSansSundanese"):
        assert font in fonts  # drawn, not replaced by a box


# ------------------------------------------------------------------ the comparison matrix of an amendment


def test_office_text_in_the_change_matrix_as_typed(tmp_path):
    """An amendment that rewrites a description in office text: the matrix (data, CSV, Word) shows it as typed."""
    import csv
    import io
    import re

    import docx as python_docx

    from masterplan.books import typesetting, worddocs
    from masterplan.derive import pipeline
    from masterplan.render import opendata

    project = make_project(tmp_path / "proyek")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    commit(project, "Teks yang ditetapkan")
    git(project, "tag", "perwali-12-2025")
    files = region()
    files["program/governance.yml"]["program"][0]["deskripsi"] = OFFICE_TEXT
    wilayah = dump(files["wilayah.yml"])
    wilayah = re.sub(r"\nregulasi:\n(?:  .*\n)+", "\nregulasi:\n  mengubah: perwali-12-2025\n", wilayah, count=1)
    wilayah += "ditetapkan:\n- tag: perwali-12-2025\n  nomor: '12'\n  tahun: 2025\n  tanggal: 2025-03-03\n"
    write_region(project, {k: v for k, v in files.items() if k != "wilayah.yml"}, {"wilayah.yml": wilayah})
    view = pipeline.prepare(project / "data", project)
    rows = [r for item in view.comparison.items if item.key == "GOV-01" for r in item.rows]
    assert [r.menjadi_text for r in rows if OFFICE_TEXT in r.menjadi_text], [r.menjadi_text for r in rows]
    matrix_csv = opendata.files(view)["unduh/perubahan.csv"]
    assert any(OFFICE_TEXT in row["menjadi"] for row in csv.DictReader(io.StringIO(matrix_csv)))
    worddocs.matrix(view, tmp_path / "matriks.docx", typesetting.pdf_date(view))
    cells = [
        c.text for t in python_docx.Document(tmp_path / "matriks.docx").tables for row in t.rows for c in row.cells
    ]
    assert any(OFFICE_TEXT in "".join(c.split("\n")) or OFFICE_TEXT in c for c in cells), cells[:6]
