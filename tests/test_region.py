"""A kota as real publications show it: partial data goes in as published and comes out honest.

The fixture (tests/fixtures.py: partial_kota) has programmes with only a name and a
dimension, a total-only evaluation stage, per-dimension indices, a two-year quick win,
a published total 0.01 above its recomputation, and no regulation number yet.
"""

from __future__ import annotations

import gzip
import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from fixtures import make_project, mkdocs_build, partial_kota
from masterplan.derive import pipeline

# Words of the sample region or of a kabupaten that must never reach a kota's outputs.
FOREIGN = re.compile(
    r"Buleleng|BULELENG|Singaraja|Bupati|BUPATI|Perbup|Pemkab|APBDes|Kabupaten|KABUPATEN|\bkabupaten\b|\bdesa\b|\bDesa\b"
)


@pytest.fixture(scope="module")
def kota(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("kota"), partial_kota())
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # A fork sets its own repository for the "Sunting" links.
    config = re.sub(r"edit_url: .*", "edit_url: https://github.com/pemkot-salatiga/masterplan/edit/main/", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def page(project, rel: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / rel).read_text(encoding="utf-8"), "html.parser")


def text_of(project, rel: str) -> str:
    article = page(project, rel).select_one("article")
    assert article is not None, rel
    return " ".join(article.get_text(" ").split())


def test_partial_data_passes_check_with_no_invented_value(tmp_path):
    from fixtures import write_region

    plan, problems = pipeline.check(write_region(tmp_path, partial_kota()), tmp_path)
    assert plan is not None and problems == []


def test_every_page_and_all_four_pdfs_are_built(kota):
    downloads = sorted(p.name for p in (kota / "site" / "unduh").iterdir())
    assert downloads == [
        "buku-1-analisis-strategis.pdf",
        "buku-2-masterplan-smart-city.pdf",
        "buku-3-ringkasan-eksekutif-quick-win.pdf",
        "datapackage.json",
        "evaluasi.csv",
        "evaluasi.json",
        "indikator.csv",
        "indikator.json",
        "katalog.jsonld",
        "katalog.ttl",
        "lampiran-perwali.docx",
        "lampiran-perwali.pdf",
        "metadata-indikator.csv",
        "program.csv",
        "program.json",
        "sasaran-dimensi.csv",
    ]
    for rel in (
        "program/gov-01.html",
        "program/eco-02.html",
        "opd/dinkes.html",
        "dimensi/economy.html",
        "elemen/industri.html",
        "peta-jalan.html",
        "quick-win.html",
        "monev.html",
        "panduan/kelengkapan.html",
        "buku-2/bab-4-peta-jalan.html",
    ):
        assert (kota / "site" / rel).is_file(), rel


def test_a_programme_with_only_a_name_shows_every_gap_as_not_set(kota):
    rows = {
        th.get_text(" ", strip=True): td.get_text(" ", strip=True)
        for th, td in ((tr.th, tr.td) for tr in page(kota, "program/eco-02.html").select("table.mp-ringkas tr"))
    }
    for label in (
        "Elemen",
        "OPD penanggung jawab",
        "Horizon",
        "Tahun pelaksanaan",
        "Sumber dana",
        "Perkiraan anggaran",
        "Misi",
        "Status",
        "Progres",
    ):
        assert rows[label] == "belum ditetapkan", (label, rows[label])
    article = text_of(kota, "program/eco-02.html")
    assert "ilustratif" not in article  # nothing on it is a figure, so nothing is marked illustrative
    assert "Rp 0" not in article and "0%" not in article


def test_sums_over_partial_data_say_what_they_cover(kota):
    assert (
        "Total perkiraan anggaran Rp 750.000.000 (dari 1 program yang anggarannya ditetapkan; 12 program belum)"
        in text_of(kota, "program/index.html")
    )


def test_roadmap_lists_programmes_without_years_apart(kota):
    doc = page(kota, "peta-jalan.html")
    bars = doc.select("svg.mp-chart rect[rx]")
    assert len(bars) == 1  # only GOV-02 has its years
    apart = doc.select_one(".mp-tanpa-tahun")
    assert "12 program yang tahun pelaksanaannya belum ditetapkan" in apart.get_text(" ", strip=True)


def test_a_two_year_quick_win_is_listed_in_each_year(kota):
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page(kota, "quick-win.html").select("article table tbody tr")
    ]
    assert [r[0] for r in rows if r[2] == "Salatiga Satu Data"] == ["2024", "2025"]


def test_official_totals_are_the_headline_as_published(kota):
    doc = page(kota, "monev.html")
    headlines = {s["id"]: s.get_text() for s in doc.select(".mp-skor")}
    assert headlines == {"nilai-2024-tahap-i": "2,4", "nilai-2024-tahap-ii": "2,52", "nilai-2025": "3,12"}
    article = text_of(kota, "monev.html")
    assert "peringkat ke-3 provinsi" in article and "peringkat ke-41 nasional" in article
    assert "2,51" in article and "masih dalam batas pembulatan" in article  # the recomputation beside it
    assert "Skor unsur tidak diumumkan untuk evaluasi ini." in article  # total-only stage
    indices = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in doc.select("table.mp-indeks-dimensi tbody tr")
    ]
    assert indices == [["Smart Governance", "2,75"], ["Smart Economy", "3,5"]]
    assert doc.select(".mp-ilustratif") == [] or all(s.get_text() == "ilustratif" for s in doc.select(".mp-ilustratif"))
    assert not doc.select("article .admonition")  # no page-wide illustrative banner over official scores
    assert "ilustratif" not in " ".join(s.get_text() for s in doc.select("article table"))


def test_completeness_page_lists_open_fields(kota):
    article = text_of(kota, "panduan/kelengkapan.html")
    assert "nomor peraturan" in article
    row = next(
        tr
        for tr in page(kota, "panduan/kelengkapan.html").select("table.mp-kelengkapan-program tr")
        if "ECO-02" in tr.get_text()
    )
    assert "OPD penanggung jawab" in row.get_text() and "anggaran" in row.get_text()


def test_annex_is_a_draft_perwali_signed_by_the_wali_kota(kota):
    reader = PdfReader(kota / "site" / "unduh" / "lampiran-perwali.pdf")
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.startswith("LAMPIRAN RANCANGAN PERATURAN WALI KOTA SALATIGA NOMOR … TAHUN … TENTANG … ")
    assert "WALI KOTA SALATIGA," in reader.pages[-1].extract_text()


def _texts(project):
    """Every text a reader or a machine can get from the site: pages, search index, open data, PDFs."""
    for path in sorted((project / "site").rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".pdf":
            yield path, " ".join(p.extract_text() for p in PdfReader(path).pages)
            continue
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        # The field reference and the form editor's pick-list name the data value `kabupaten` as one of the two kinds.
        # The form shows the choice by name, and its hint names both kinds.
        text = re.sub(r"- value: kabupaten\n\s+label: Kabupaten\n", "", text).replace("“Kabupaten” atau “Kota”", "")
        yield (
            path,
            text.replace("<code>kabupaten</code>", "").replace("`kabupaten`", "").replace("        - kabupaten\n", ""),
        )


def test_no_word_of_the_sample_region_or_of_a_kabupaten_anywhere(kota):
    found = []
    for path, text in _texts(kota):
        for m in FOREIGN.finditer(text):
            found.append(f"{path.relative_to(kota / 'site')}: …{text[max(0, m.start() - 60) : m.end() + 30]}…")
    assert found == []
