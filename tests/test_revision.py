"""Revising an enacted masterplan: the enacted text is a Git tag, a draft amendment is compared with it.

The sample is copied into a temporary Git repository and tagged as the enacted
Perbup 27/2024; the draft then adds a programme, removes one, changes one target
and one word of the vision. Everything the comparison shows must be exactly those
four changes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from fixtures import REPO, copy_sample, mkdocs_build, region, write_region
from masterplan.derive import pipeline
from masterplan.errors import MasterplanError

TAG = "perbup-27-2024"
MM = 72 / 25.4
NEW_PROGRAMME = """
- id: ENV-10
  nama: Pemantauan Kualitas Udara Terpadu
  elemen: proteksi-lingkungan
  arah_kebijakan: [AK8]
  opd: dlh
  horizon: menengah
  sumber_dana: [APBD]
  tahun_mulai: 2026
  tahun_selesai: 2030
  anggaran: 1500000000
  indikator:
  - nama: Stasiun pemantau kualitas udara yang aktif
    satuan: unit
    baseline: 0
    target: {2026: 2, 2030: 6}
"""
ENACTED = """
ditetapkan:
- tag: perbup-27-2024
  nomor: "27"
  tahun: 2024
  tanggal: 2024-06-03
  tentang: Master Plan Smart City Kabupaten Buleleng Tahun 2024-2033
"""


def git(root: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Tim Penyusun",
        GIT_AUTHOR_EMAIL="tim@example.org",
        GIT_COMMITTER_NAME="Tim Penyusun",
        GIT_COMMITTER_EMAIL="tim@example.org",
        GIT_AUTHOR_DATE="2024-06-03T10:00:00+08:00",
        GIT_COMMITTER_DATE="2024-06-03T10:00:00+08:00",
    )
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def enacted_sample(root: Path) -> Path:
    """The sample as a Git repository whose first commit is tagged as the enacted Perbup 27/2024."""
    copy_sample(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Teks Perbup 27/2024 yang ditetapkan")
    git(root, "tag", TAG)
    return root


def start_amendment(root: Path) -> None:
    """What the guide tells the office to do: the regulation becomes a draft that amends the tagged one."""
    path = root / "data" / "wilayah.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'  nomor: "27"\n  tahun: 2024\n  tanggal: 2024-06-03\n  tentang: .*\n', f"  mengubah: {TAG}\n", text)
    assert f"mengubah: {TAG}" in text
    path.write_text(text + ENACTED, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def draft_four_changes(root: Path) -> None:
    data = root / "data"
    edit(
        data / "visi-misi.yml",
        "teks: Terwujudnya Buleleng Cerdas yang Melayani,",
        "teks: Terwujudnya Buleleng Cerdas yang Inovatif,",
    )
    edit(
        data / "program" / "society.yml",
        "target: {2024: 380, 2025: 450, 2026: 520,",
        "target: {2024: 380, 2025: 450, 2026: 530,",
    )
    env = data / "program" / "environment.yml"
    text = env.read_text(encoding="utf-8")
    text = text[: text.index("- id: ENV-09")].rstrip() + "\n" + NEW_PROGRAMME
    env.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def amended(tmp_path_factory):
    root = enacted_sample(tmp_path_factory.mktemp("revisi") / "masterplan")
    start_amendment(root)
    draft_four_changes(root)
    return root


@pytest.fixture(scope="module")
def built(amended):
    result = mkdocs_build(amended)
    assert result.returncode == 0, result.stderr
    return amended / "site"


# ------------------------------------------------------------------ data model and check


def test_check_passes_with_the_tag_and_fails_without_it(amended, tmp_path):
    plan, problems = pipeline.check(amended / "data", amended)
    assert plan is not None, [str(p) for p in problems]
    git(amended, "tag", "-d", TAG)
    try:
        plan, problems = pipeline.check(amended / "data", amended)
    finally:
        git(amended, "tag", TAG, "HEAD")  # the tag back on the enacted commit (the only commit)
    assert plan is None
    errors = [str(p) for p in problems if not p.is_warning]
    line = next(
        i
        for i, t in enumerate((amended / "data/wilayah.yml").read_text().splitlines(), 1)
        if t.strip() == f"- tag: {TAG}"
    )
    assert errors == [
        f"data/wilayah.yml:{line}: tag Git `{TAG}` tidak ada di repositori ini; buat pada commit teks yang ditetapkan "
        f"(`git tag {TAG} <commit>`), atau ambil tag dari GitHub dengan `git fetch --tags`."
    ]


def test_mengubah_must_name_an_enacted_regulation(tmp_path):
    files = region()
    files["wilayah.yml"]["regulasi"] = {"mengubah": "perwali-12-2025"}
    plan, problems = pipeline.check(write_region(tmp_path, files), tmp_path)
    assert plan is None
    messages = [p.message for p in problems]
    assert any(
        m.startswith("`mengubah: perwali-12-2025` tidak ada di daftar `ditetapkan` (yang ada: belum ada)")
        for m in messages
    ), messages


def test_an_amendment_may_not_reuse_the_amended_number(tmp_path):
    files = region()
    files["wilayah.yml"]["ditetapkan"] = [{"tag": "perwali-12-2025", "nomor": "12", "tahun": 2025}]
    files["wilayah.yml"]["regulasi"]["mengubah"] = "perwali-12-2025"
    plan, problems = pipeline.check(write_region(tmp_path, files), tmp_path)
    assert plan is None
    assert any(
        "kosongkan `nomor`, `tahun` dan `tanggal`" in p.message and p.file == "data/wilayah.yml" for p in problems
    )


def test_outside_git_the_tag_cannot_be_checked(tmp_path):
    files = region()
    files["wilayah.yml"]["ditetapkan"] = [{"tag": "perwali-12-2025", "nomor": "12", "tahun": 2025}]
    plan, problems = pipeline.check(write_region(tmp_path, files), tmp_path)
    assert plan is None
    assert any("bukan repositori Git" in p.message for p in problems)


# ------------------------------------------------------------------ the comparison


def prepared(root: Path):
    """What every build does: derive (the data's comparison), then render (the chapters' comparison, as read)."""
    from masterplan.render import templates

    view = pipeline.prepare(root / "data", root)
    templates.render_all(view, root / "docs", root / "macros", None, root)
    return view


@pytest.mark.slow  # a Git history compared
def test_the_comparison_lists_exactly_the_four_changes(amended):
    view = prepared(amended)
    c = view.comparison
    assert c is not None and c.tag == TAG
    summary = sorted(
        (i.section, i.key, i.kind, [(r.bagian, r.semula_text, r.menjadi_text) for r in i.rows]) for i in c.items
    )
    assert [(s, k, kind) for s, k, kind, _ in summary] == [
        ("program", "ENV-09", "dihapus"),
        ("program", "ENV-10", "ditambah"),
        ("program", "SOC-01", "diubah"),
        ("visi", "visi", "diubah"),
    ]
    soc = next(rows for s, k, _, rows in summary if k == "SOC-01")
    assert soc == [
        (
            "Indikator “Titik wifi gratis yang aktif di desa, kelurahan dan ruang publik”: target tahun 2026",
            "520 titik",
            "530 titik",
        )
    ]
    vision = next(rows for s, k, _, rows in summary if k == "visi")
    assert len(vision) == 1 and vision[0][0] == "Rumusan visi"
    item = next(i for i in c.items if i.key == "visi")
    assert (
        next(s for s in item.rows[0].semula if s.op == "-").text == "Melayani"
    )  # the comma is a token of its own, unchanged
    assert next(s for s in item.rows[0].menjadi if s.op == "+").text == "Inovatif"
    assert c.unchanged["program"] == 54 - 1 - 1  # 54 enacted, one removed, one changed
    assert c.unchanged["bab"] > 10 and c.unchanged["misi"] == 5


@pytest.mark.slow  # a Git history compared
def test_a_chapter_sentence_is_compared_word_by_word(amended, tmp_path):
    work = tmp_path / "salinan"
    shutil.copytree(amended, work, ignore=shutil.ignore_patterns("site", ".cache"))
    chapter = work / "docs" / "buku-2" / "bab-1-pendahuluan.md"
    text = chapter.read_text(encoding="utf-8")
    sentence = re.search(r"\n([A-Z][^\n{}#|]{40,}?\.)\s", text).group(1)
    first, rest = sentence.split(" ", 1)
    chapter.write_text(text.replace(sentence, f"{first} juga {rest}", 1), encoding="utf-8")
    c = prepared(work).comparison
    items = [i for i in c.items if i.section == "bab"]
    assert len(items) == 1 and len(items[0].rows) == 1
    row = items[0].rows[0]
    assert items[0].title.startswith("Buku II BAB I ")
    assert [s.text.strip() for s in row.menjadi if s.op == "+"] == ["juga"]
    assert not [s for s in row.semula if s.op == "-"]


@pytest.mark.slow  # a Git history compared
def test_a_chapter_is_compared_as_its_reader_reads_it(amended, tmp_path):
    """A sentence holding a macro is shown as rendered, numbered as a reader counts the chapter's sentences
    (headings and list items apart), with words and punctuation diffed apart."""
    work = tmp_path / "dibaca"
    shutil.copytree(amended, work, ignore=shutil.ignore_patterns("site", ".cache"))
    chapter = work / "docs" / "buku-2" / "bab-1-pendahuluan.md"
    edit(
        chapter,
        "{{ nama_wilayah() }} {% if mp.analysis_written %}disusun",
        "{{ nama_wilayah() }} {% if mp.analysis_written %}kini disusun",
    )
    edit(chapter, "pemangku kepentingan dan masyarakat", "pemangku kepentingan, perguruan tinggi dan masyarakat")
    c = prepared(work).comparison
    rows = [r for i in c.items if i.section == "bab" for r in i.rows]
    assert [r.bagian for r in rows] == [
        "Buku II BAB I Pendahuluan, kalimat ke-3",
        "Buku II BAB I Pendahuluan, kalimat ke-6",
    ]
    for r in rows:
        assert "{" not in r.semula_text + r.menjadi_text and "%" not in r.semula_text + r.menjadi_text
    assert rows[0].semula_text.startswith("Rencana induk Kabupaten Buleleng disusun berdasarkan")
    assert [s.text.strip() for s in rows[0].menjadi if s.op == "+"] == ["kini"]
    assert [s.text for s in rows[1].menjadi if s.op == "+"] == [", perguruan tinggi"]
    assert not [
        s for s in rows[1].semula if s.op == "-"
    ]  # "kepentingan" is not struck: only the words added are marked


def test_an_invalid_enacted_text_is_reported_with_its_tag(amended, tmp_path):
    work = tmp_path / "rusak"
    shutil.copytree(amended, work, ignore=shutil.ignore_patterns("site", ".cache"))
    git(work, "stash", "-q")  # back to the enacted text, the draft put aside
    edit(work / "data" / "opd.yml", "- id: bappeda\n", "- id: Bappeda Buleleng\n")
    git(work, "commit", "-q", "-am", "rusak")
    git(work, "tag", "-f", TAG)
    git(work, "stash", "pop", "-q")
    edit(work / "data" / "opd.yml", "- id: Bappeda Buleleng\n", "- id: bappeda\n")  # the draft itself is sound
    with pytest.raises(MasterplanError) as caught:
        pipeline.prepare(work / "data", work)
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith(f"{TAG}:data/opd.yml:") for s in shown), shown
    assert any("tidak lolos pemeriksaan data" in s and s.startswith("data/wilayah.yml:") for s in shown), shown


# ------------------------------------------------------------------ what the build publishes

CODES = re.compile(r"\b(?:GOV|BRD|ECO|LIV|SOC|ENV)-\d\d\b")


def test_the_comparison_page_shows_the_four_changes(built):
    soup = BeautifulSoup((built / "perubahan.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article.select_one("#jumlah-perubahan").get_text() == "4"
    titles = [tr["data-kode"] for tr in article.select("tr.mp-matriks-judul")]
    assert sorted(titles) == ["ENV-09", "ENV-10", "SOC-01", "visi"]
    rows = article.select("tr[data-perubahan]")
    assert sorted(r["data-perubahan"] for r in rows) == ["dihapus", "ditambah", "diubah", "diubah"]
    assert sorted(d.get_text() for d in article.select("td del")) == ["520", "Melayani"]
    assert sorted(i.get_text() for i in article.select("td ins")) == ["530", "Inovatif"]
    assert "52 program" in article.get_text()
    assert set(CODES.findall(article.get_text())) == {"ENV-09", "ENV-10", "SOC-01"}
    link = article.select_one("tr.mp-matriks-judul[data-kode='ENV-10'] a")
    assert link["href"] == "program/env-10.html" and (built / "program" / "env-10.html").exists()


def test_the_open_data_lists_the_four_changes(built):
    rows = list(csv.DictReader(io.StringIO((built / "unduh" / "perubahan.csv").read_text(encoding="utf-8"))))
    assert sorted((r["kode"], r["perubahan"]) for r in rows) == [
        ("ENV-09", "dihapus"),
        ("ENV-10", "ditambah"),
        ("SOC-01", "diubah"),
        ("visi", "diubah"),
    ]
    soc = next(r for r in rows if r["kode"] == "SOC-01")
    assert (soc["semula"], soc["menjadi"]) == ("520 titik", "530 titik")
    added = next(r for r in rows if r["kode"] == "ENV-10")
    assert added["semula"] == "tidak ada" and "Pemantauan Kualitas Udara Terpadu" in added["menjadi"]
    data = json.loads((built / "unduh" / "perubahan.json").read_text(encoding="utf-8"))
    assert data["tag"] == TAG and data["jumlah_perubahan"] == 4 and data["tidak_berubah"]["program"] == 52
    assert (
        data["mengubah"]
        == "Peraturan Bupati Buleleng Nomor 27 Tahun 2024 tentang Master Plan Smart City Kabupaten Buleleng Tahun 2024-2033"
    )
    vision = next(r for r in data["perubahan"] if r["kode"] == "visi")
    assert {"jenis": "dihapus", "teks": "Melayani"} in vision["semula_rinci"]
    assert next(r for r in data["perubahan"] if r["kode"] == "ENV-09")["menjadi"] is None


def pdf_text(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(path).pages]


def test_the_matrix_pdf_lists_the_four_changes_on_f4(built):
    path = built / "unduh" / "matriks-perubahan-perbup.pdf"
    reader = PdfReader(path)
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) - 330 * MM) < 0.5 and abs(float(page.mediabox.height) - 215 * MM) < 0.5
    text = " ".join(pdf_text(path))
    assert text.startswith(
        "MATRIKS PERUBAHAN RANCANGAN PERATURAN BUPATI BULELENG TENTANG PERUBAHAN ATAS PERATURAN BUPATI BULELENG NOMOR 27 TAHUN 2024"
    )
    assert set(CODES.findall(text)) == {"ENV-09", "ENV-10", "SOC-01"}
    for words in (
        "Semula Menjadi Keterangan",
        "Melayani",
        "Inovatif",
        "520 titik",
        "530 titik",
        "Jumlah perubahan: 4.",
    ):
        assert words in text, words
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "TeXGyreBonum" in fonts


def test_the_annex_is_titled_and_signed_as_an_amendment(built):
    pages = pdf_text(built / "unduh" / "lampiran-perbup.pdf")
    title = "PERUBAHAN ATAS PERATURAN BUPATI BULELENG NOMOR 27 TAHUN 2024 TENTANG MASTER PLAN SMART CITY KABUPATEN BULELENG TAHUN 2024-2033"
    assert (
        pages[0]
        .strip()
        .startswith(f"LAMPIRAN RANCANGAN PERATURAN BUPATI BULELENG NOMOR … TAHUN … TENTANG {title} {title} BAB I")
    )
    assert pages[-1].rstrip().endswith("BUPATI BULELENG, KETUT LIHADNYANA")


# ------------------------------------------------------------------ the annex in Word


def docx_text(document) -> list[str]:
    """Every text of a Word document: paragraphs, table cells (nested too) and pictures' alternative text."""
    texts = [p.text for p in document.paragraphs]

    def tables(items):
        for table in items:
            for row in table.rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)

    tables(document.tables)
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    texts.extend(el.get("descr", "") for el in document.element.body.iter(ns))
    return texts


def words(texts) -> set[str]:
    return set(re.findall(r"\w+", " ".join(texts).lower()))


def pdf_words(path: Path) -> set[str]:
    # The running page numbers ("- 2 -") are a field in Word, not text.
    texts = [re.sub(r"(?m)^\s*- \d+ -\s*$", "", p.extract_text() or "") for p in PdfReader(path).pages]
    return words(texts)


@pytest.mark.parametrize("name", ["lampiran-perbup", "matriks-perubahan-perbup"])
def test_the_word_documents_hold_every_word_of_their_pdf(built, name):
    from docx import Document

    document = Document(str(built / "unduh" / f"{name}.docx"))
    missing = pdf_words(built / "unduh" / f"{name}.pdf") - words(docx_text(document))
    assert not missing, sorted(missing)[:40]


def test_the_word_annex_is_f4_with_real_headings_tables_and_page_numbers(built):
    from docx import Document
    from docx.shared import Mm

    document = Document(str(built / "unduh" / "lampiran-perbup.docx"))
    section = document.sections[0]
    assert abs(section.page_width - Mm(215)) < Mm(0.1) and abs(section.page_height - Mm(330)) < Mm(0.1)
    assert [p.text for p in document.paragraphs[:5]] == [
        "LAMPIRAN",
        "RANCANGAN PERATURAN BUPATI BULELENG",
        "NOMOR … TAHUN …",
        "TENTANG",
        "PERUBAHAN ATAS PERATURAN BUPATI BULELENG NOMOR 27 TAHUN 2024 TENTANG MASTER PLAN SMART CITY KABUPATEN BULELENG TAHUN 2024-2033",
    ]
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert chapters[:2] == ["BAB I\nPENDAHULUAN", "BAB II\nVISI, MISI DAN ARAH KEBIJAKAN"] and len(chapters) == 6
    assert any(p.style.name == "Heading 2" for p in document.paragraphs)
    assert len(document.tables) > 10 and any(
        "ENV-10" in c.text for t in document.tables for r in t.rows for c in r.cells
    )
    header_rows = [
        t
        for t in document.tables
        if t.rows[0]._tr.trPr is not None
        and t.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        is not None
    ]
    assert len(header_rows) > 10  # header rows repeat on every page a table runs over
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header = section.header.paragraphs[0]._p.xml
    assert (
        "PAGE" in header
        and section.header.paragraphs[0].text.startswith("- ")
        and section.header.paragraphs[0].text.endswith(" -")
    )
    assert document.styles["Normal"].font.name == "Bookman Old Style"
    assert [p.text for p in document.paragraphs if p.text][-2:] == ["BUPATI BULELENG,", "KETUT LIHADNYANA"]
    assert document.core_properties.created.year == 2024 and document.core_properties.language == "id-ID"


def test_the_word_matrix_marks_deleted_and_inserted_words(built):
    from docx import Document
    from docx.shared import Mm

    document = Document(str(built / "unduh" / "matriks-perubahan-perbup.docx"))
    assert abs(document.sections[0].page_width - Mm(330)) < Mm(0.1)
    runs = [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert sorted({r.text for r in runs if r.font.strike}) == ["520", "Melayani"]
    assert sorted({r.text for r in runs if r.font.underline}) == ["530", "Inovatif"]


def test_two_builds_give_the_same_word_bytes(built, amended):
    first = {
        name: (built / "unduh" / name).read_bytes()
        for name in ("lampiran-perbup.docx", "matriks-perubahan-perbup.docx")
    }
    result = mkdocs_build(amended, env={"MASTERPLAN_NO_CACHE": "1"})
    assert result.returncode == 0, result.stderr
    for name, data in first.items():
        assert (amended / "site" / "unduh" / name).read_bytes() == data, name


def test_the_guide_explains_how_a_revision_starts():
    import yaml

    from masterplan import schema

    guide = (REPO / "docs" / "panduan" / "index.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Memulai revisi rencana induk") :]
    section = section[: section.index("\n## ", 5)]
    example = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))
    regulation = schema.Regulasi.model_validate(example["regulasi"])
    enacted = [schema.PeraturanDitetapkan.model_validate(e) for e in example["ditetapkan"]]
    assert regulation.mengubah == enacted[0].tag and regulation.nomor is None
    assert "git tag penetapan-2024" in section and "Matriks perubahan" in section


def test_the_matrix_words_a_removed_programmes_missing_fields_by_kind(tmp_path):
    """The enacted text said the agency was not known and the budget not published: so does its matrix row."""
    from fixtures import partial_kota
    from masterplan.derive import compare

    files = partial_kota()
    gov = files["program/governance.yml"]["program"]
    gov[2].update({"tidak_diketahui": ["opd"], "tidak_dipublikasikan": ["anggaran", "tahun_mulai", "tahun_selesai"]})
    old, _ = pipeline.check(write_region(tmp_path / "lama", files), tmp_path / "lama")
    del gov[2]
    new, _ = pipeline.check(write_region(tmp_path / "baru", files), tmp_path / "baru")
    c = compare.compare(old, new, {}, {}, "penetapan", "Peraturan Wali Kota Salatiga Nomor 1 Tahun 2024 tentang …")
    row = next(i for i in c.items if i.key == "GOV-03").rows[0]
    assert (
        row.semula_text
        == "Sistem Aduan Warga; dimensi Smart Governance; OPD tidak diketahui; tahun tidak dipublikasikan; anggaran tidak dipublikasikan"
    )


@pytest.mark.slow  # a Git history compared
def test_an_enacted_chapter_that_no_longer_renders_is_named_with_its_tag(amended, tmp_path):
    """The enacted chapters run in the same sandbox: a macro the draft removed is reported at `<tag>:docs/...:line`."""
    from masterplan.render import templates

    work = tmp_path / "makro"
    shutil.copytree(amended, work, ignore=shutil.ignore_patterns("site", ".cache"))
    git(work, "stash", "-q")
    chapter = work / "docs" / "buku-2" / "bab-6-penutup.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n{{ makro_lama() }}\n", encoding="utf-8")
    git(work, "commit", "-q", "-am", "makro lama")
    git(work, "tag", "-f", TAG)
    git(work, "stash", "pop", "-q")
    edit(chapter, "\n{{ makro_lama() }}\n", "\n")
    view = pipeline.prepare(work / "data", work)
    with pytest.raises(MasterplanError) as caught:
        templates.render_all(view, work / "docs", work / "macros", None, work)
    shown = [str(p) for p in caught.value.problems]
    assert (
        len(shown) == 1 and shown[0].startswith(f"{TAG}:docs/buku-2/bab-6-penutup.md:") and "makro_lama" in shown[0]
    ), shown
