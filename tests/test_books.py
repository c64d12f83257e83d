"""The PDFs: text, geometry, outline and metadata read back with pypdf."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from fixtures import make_project, mkdocs_build

pytestmark = pytest.mark.build  # the books of full builds

MM = 72 / 25.4


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("buku"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site" / "unduh"


def placed(pdf_page):
    """(text, x, y) of each text run on a page, in PDF points from the bottom left."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text.strip(), cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    pdf_page.extract_text(visitor_text=visit)
    return runs


def texts(reader):
    return [p.extract_text() or "" for p in reader.pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_annex_is_f4_paper(pdfs):
    reader = PdfReader(pdfs / "lampiran-perwali.pdf")
    for p in reader.pages:
        assert abs(float(p.mediabox.width) - 215 * MM) < 0.5
        assert abs(float(p.mediabox.height) - 330 * MM) < 0.5


def test_annex_first_page_block_and_numbers(pdfs):
    pages = texts(PdfReader(pdfs / "lampiran-perwali.pdf"))
    first = squash(pages[0])
    assert first.startswith(
        "LAMPIRAN PERATURAN WALI KOTA SALATIGA NOMOR 12 TAHUN 2025 TENTANG RENCANA INDUK KOTA CERDAS KOTA SALATIGA TAHUN 2025-2029"
    )
    assert "- 1 -" not in first
    assert "BAB I" in first
    reader = PdfReader(pdfs / "lampiran-perwali.pdf")
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert not [t for t in placed(reader.pages[0]) if re.fullmatch(r"- \d+ -", t[0])]
    for number, pdf_page in enumerate(reader.pages[1:], start=2):
        marks = [(x, y) for text, x, y in placed(pdf_page) if text == f"- {number} -"]
        assert len(marks) == 1, number
        x, y = marks[0]
        assert y > height - 25 * MM and abs(x - width / 2) < 15 * MM, (number, x, y)


def test_annex_block_is_at_top_right(pdfs):
    reader = PdfReader(pdfs / "lampiran-perwali.pdf")
    found = [(x, y) for text, x, y in placed(reader.pages[0]) if text == "LAMPIRAN"]
    x, y = found[0]
    width = float(reader.pages[0].mediabox.width)
    height = float(reader.pages[0].mediabox.height)
    assert x > width / 2 and y > height * 0.85


def test_annex_signature_on_last_page(pdfs):
    reader = PdfReader(pdfs / "lampiran-perwali.pdf")
    width = float(reader.pages[0].mediabox.width)
    runs = placed(reader.pages[-1])
    title = [(x, y) for text, x, y in runs if text == "WALI KOTA SALATIGA,"]
    name = [(x, y) for text, x, y in runs if text == "CONTOH WALI KOTA"]
    assert len(title) == 1 and len(name) == 1
    assert title[0][0] > width / 2 and name[0][0] > width / 2  # right-hand side
    assert title[0][1] - name[0][1] > 20 * MM  # room for the signature between them
    assert not any("CONTOH WALI KOTA" in t for t in texts(reader)[:-1])


def chapter_titles(reader):
    return [o.title for o in reader.outline if not isinstance(o, list)]


@pytest.mark.parametrize(
    "name",
    ["buku-1-analisis-strategis.pdf", "buku-2-masterplan-smart-city.pdf", "buku-3-ringkasan-eksekutif-quick-win.pdf"],
)
def test_toc_numbers_point_at_the_chapter_pages(pdfs, name):
    reader = PdfReader(pdfs / name)
    pages = [squash(t) for t in texts(reader)]
    toc = pages[1]
    assert "Daftar Isi" in toc
    toc = toc[toc.index("Daftar Isi") :]  # after the running header
    outline = [o for o in reader.outline if not isinstance(o, list)]
    assert len(outline) >= 3
    for item in outline:
        label_words = item.title.split(" ")
        assert label_words[0] == "BAB"
        found = re.search(re.escape(item.title).replace(r"\ ", r"\s+") + r"\s*\.+\s*(\d+)", toc)
        assert found, item.title
        number = int(found.group(1))
        assert reader.get_destination_page_number(item) + 1 == number, item.title
        title = " ".join(label_words[2:])
        assert pages[number - 1].startswith(item.title.split(" ")[0]) or title in pages[number - 1]
        assert title in pages[number - 1], (item.title, number)


def test_books_have_metadata_and_cover(pdfs):
    reader = PdfReader(pdfs / "buku-2-masterplan-smart-city.pdf")
    meta = reader.metadata
    assert "Buku II" in meta.title and "Kota Salatiga" in meta.title
    assert meta.author == "Pemerintah Kota Salatiga"
    assert "Masterplan Smart City" in meta.subject
    assert reader.trailer["/Root"].get("/Lang") == "id"
    cover = squash(texts(reader)[0])
    for expected in (
        "PEMERINTAH KOTA SALATIGA",
        "BUKU II",
        "Masterplan Smart City",
        "2025–2029",
        "Peraturan Wali Kota Salatiga Nomor 12 Tahun 2025",
    ):
        assert expected in cover


def test_no_site_chrome_in_books(pdfs):
    for pdf in pdfs.glob("buku-*.pdf"):
        text = " ".join(texts(PdfReader(pdf)))
        for chrome in ("Lompat ke isi", "Cari", "Skip to content", "Beranda"):
            assert chrome not in text, (pdf.name, chrome)


def test_all_fonts_embedded(pdfs):
    for pdf in pdfs.glob("*.pdf"):
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert out and all(line.split()[-5] == "yes" for line in out), out


def test_rebuild_is_byte_identical(pdfs, tmp_path):
    project = make_project(tmp_path / "again")
    assert mkdocs_build(project).returncode == 0
    for pdf in pdfs.glob("*.pdf"):
        assert (project / "site/unduh" / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def test_pdfs_pass_qpdf_structural_check(pdfs):
    for pdf in sorted(pdfs.glob("*.pdf")):
        result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, (pdf.name, result.stdout[-500:], result.stderr[-500:])
        assert "No syntax or stream encoding errors found" in result.stdout


def test_pdfs_declare_pdf_a(pdfs):
    for pdf in sorted(pdfs.glob("*.pdf")):
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfaid:part(>|=\")3", xmp) and re.search(r"pdfaid:conformance(>|=\")B", xmp), pdf.name
        intents = root["/OutputIntents"]
        assert any(i.get_object()["/S"] == "/GTS_PDFA1" for i in intents), pdf.name


def test_outline_lists_every_chapter_in_order(pdfs):
    reader = PdfReader(next(pdfs.glob("lampiran-*.pdf")))
    titles = chapter_titles(reader)
    assert len(titles) >= 3
    assert [t.split()[:2] for t in titles[:3]] == [["BAB", "I"], ["BAB", "II"], ["BAB", "III"]]  # label and title apart
    pages = [reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)]
    assert pages == sorted(pages)


def long_table_pdf(tmp_path, rows: int):
    """A chapter with one long programme-style table, typeset with the real print templates."""
    from fixtures import REPO, region, write_region
    from masterplan.books import typesetting
    from masterplan.derive import pipeline

    write_region(tmp_path, region())
    view = pipeline.prepare(tmp_path / "data", tmp_path)
    body = "".join(
        f"<tr><td>GOV-{i:03d}</td><td>Program nomor {i} dengan nama yang cukup panjang</td><td>Dinas</td><td>5 th</td><td>2025–2029</td><td>Rp 1,5 miliar</td></tr>"
        for i in range(rows)
    )
    table = (
        '<table class="mp-program"><thead><tr><th>Kode</th><th>Program</th><th>OPD</th><th>Horizon</th><th>Tahun</th><th>Anggaran</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
    spec = typesetting.BookSpec("buku-2", "II", "Uji", "uji.pdf")
    document = typesetting.print_document(
        spec, [typesetting.Chapter("BAB I", "Tabel panjang", table)], view, REPO / "macros" / "print", tmp_path
    )
    out = tmp_path / "uji.pdf"
    pages, _, _ = typesetting.typeset(document, str(out))
    return PdfReader(out), pages


def test_table_headers_repeat_on_every_page_a_table_runs_over(tmp_path):
    reader, _pages = long_table_pdf(tmp_path, 140)
    table_pages = [squash(t) for t in texts(reader) if "GOV-" in t]
    assert len(table_pages) >= 3
    for number, text in enumerate(table_pages):
        assert re.search(r"Kode\s*Program\s*OPD\s*Horizon\s*Tahun\s*Anggaran", text), number
        assert text.index("Kode") < text.index("GOV-"), number  # the header comes before the rows on every page
    rows = re.findall(r"GOV-(\d{3})", " ".join(table_pages))
    assert rows == [f"{i:03d}" for i in range(140)]  # every row once, in order, none lost at a page break


TYPST_SYNTAX = [
    'Nama "]) #panic("x") //',
    "*tebal* _miring_ $x^2$ <label> @ref",
    "#set page(width: 1cm) \\ /* komentar",
    "= Judul palsu ~ `kode`",
]


def test_typst_syntax_in_data_is_printed_as_text(tmp_path):
    """Text from the data reaches Typst as string literals: markup characters print as typed and change nothing."""
    from fixtures import programme, region

    files = region()
    names = files["program/governance.yml"]["program"]
    for i, text in enumerate(TYPST_SYNTAX):
        names.append(programme("governance", 10 + i, nama=text, deskripsi=text))
    project = make_project(tmp_path / "typst", files)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    reader = PdfReader(project / "site/unduh/buku-2-masterplan-smart-city.pdf")
    text = squash(" ".join(texts(reader)))
    for typed in TYPST_SYNTAX:
        assert squash(typed) in text, typed
    assert all(
        abs(float(p.mediabox.width) - 210 * MM) < 0.5 for p in reader.pages
    )  # `#set page(width: 1cm)` did nothing


def tiny_png(red: int) -> bytes:
    """A 2x2 PNG of one colour, written by hand (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes([red, 0, 0]) * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_chapter_image_as_on_the_site_is_printed_and_a_changed_image_is_typeset_again(tmp_path):
    """`../assets/x.png` from docs/buku-1/ works on the site and in the book; the PDF cache notices a new image."""
    project = make_project(tmp_path / "gambar")
    (project / "docs/assets/peta.png").write_bytes(tiny_png(200))
    chapter = project / "docs/buku-1/bab-1-pendahuluan.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n\n![Peta wilayah](../assets/peta.png)\n", encoding="utf-8"
    )
    assert (result := mkdocs_build(project)).returncode == 0, result.stderr[-2000:]
    pdf = project / "site/unduh/buku-1-analisis-strategis.pdf"
    first = pdf.read_bytes()
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^\s*\d+\s+\d+\s+image\s+2\s+2\s", listed, re.M), listed  # the 2x2 picture is in the book
    assert 'src="../assets/peta.png"' in (project / "site/buku-1/bab-1-pendahuluan.html").read_text(encoding="utf-8")
    (project / "docs/assets/peta.png").write_bytes(tiny_png(10))  # same name, new picture
    assert mkdocs_build(project).returncode == 0
    assert pdf.read_bytes() != first


def test_every_word_of_the_chapters_is_in_the_book(pdfs):
    """Nothing is lost between the chapters' HTML and the PDF (Typst drops a block put inside an explicit paragraph, for one)."""
    from masterplan.books import htmltypst, typesetting
    from masterplan.derive import pipeline
    from masterplan.render import templates

    project = pdfs.parent.parent
    view = pipeline.prepare(project / "data", project)
    pages = templates.render_all(view, project / "docs", project / "macros", templates.default_options(), project)

    def words(node) -> list[str]:
        if isinstance(node, str):
            return re.findall(r"\w+", node)
        if node.tag in htmltypst.SKIP or "mp-terbuka" in node.classes:  # not printed on purpose
            return []
        return [w for child in node.children for w in words(child)]

    for book, pdf in (("buku-1", "buku-1-analisis-strategis.pdf"), ("buku-2", "buku-2-masterplan-smart-city.pdf")):
        expected = set()
        for i, name in enumerate(typesetting.chapter_files(project / "docs", book)):
            root, svgs = htmltypst.parse(typesetting.to_chapter(pages[name], i).html)
            expected.update(words(root))
            for svg in svgs:
                expected.update(re.findall(r"\w+", re.sub(r"<title.*?</title>|<desc.*?</desc>|<[^>]+>", " ", svg)))
        printed = set(re.findall(r"\w+", " ".join(texts(PdfReader(pdfs / pdf)))))
        assert len(expected) > 200 and not expected - printed, sorted(expected - printed)[:20]


def word_boxes(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word's box (xMin, yMin, xMax, yMax, text), as poppler's pdftotext reads it."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page .*?</page>", out, re.S):
        pages.append(
            [
                (float(a), float(b), float(c), float(d), html.unescape(w))
                for a, b, c, d, w in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page
                )
            ]
        )
    return pages


def overprinted(pdf: Path) -> list[str]:
    """Words drawn over each other on the same line: text that ran out of its table cell."""
    found = []
    for number, words in enumerate(word_boxes(pdf), start=1):
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                same_line = abs(a[1] - b[1]) < 1 and abs(a[3] - b[3]) < 1
                if same_line and min(a[2], b[2]) - max(a[0], b[0]) > 1.5:
                    found.append(f"p{number}: {a[4]!r} / {b[4]!r}")
    return found


def test_no_text_runs_over_a_table_cell(tmp_path):
    """Long unbreakable words (an agency's abbreviation, a code, an amount) widen their column instead of overprinting the next."""
    from fixtures import region

    files = region()
    files["opd.yml"]["opd"][0]["singkatan"] = "Diskominfostandisandikabupaten"
    files["program/governance.yml"]["program"][0]["anggaran"] = 123_456_789_000_000
    project = make_project(tmp_path / "lebar", files)
    assert (result := mkdocs_build(project)).returncode == 0, result.stderr[-2000:]
    for pdf in sorted((project / "site/unduh").glob("*.pdf")):
        assert not overprinted(pdf), (pdf.name, overprinted(pdf)[:10])
    assert "Diskominfostandisandikabupaten" in " ".join(texts(PdfReader(project / "site/unduh/lampiran-perwali.pdf")))


def test_a_table_row_taller_than_a_page_is_printed_whole_under_its_own_label(tmp_path):
    """A row that cannot fit on one page breaks across pages instead of running off the page, and the
    SWOT label row ("Peluang | Ancaman") heads its own rows on every page, never "Kekuatan | Kelemahan"."""
    from fixtures import region

    files = region()
    swot = files["analisis.yml"]["analisis_dimensi"][0]
    swot["kekuatan"] = [
        f"Kekuatan nomor {i} yang ditulis panjang agar baris tabel ini melampaui satu halaman cetak" for i in range(90)
    ]
    swot["peluang"] = [
        f"Kesempatan nomor {i} yang juga ditulis panjang agar baris ini melampaui satu halaman cetak" for i in range(90)
    ]
    project = make_project(tmp_path / "tinggi", files)
    assert (result := mkdocs_build(project)).returncode == 0, result.stderr[-2000:]
    pages = [squash(t) for t in texts(PdfReader(project / "site/unduh/buku-1-analisis-strategis.pdf"))]
    text = " ".join(pages)
    assert [n for n in range(90) if f"Kekuatan nomor {n} yang" not in text] == []
    assert [n for n in range(90) if f"Kesempatan nomor {n} yang" not in text] == []
    opportunity_pages = [p for p in pages if "Kesempatan nomor" in p]
    assert len(opportunity_pages) >= 2
    for page in opportunity_pages:
        first = page.index("Kesempatan nomor")
        assert "Peluang Ancaman" in page[:first], page[:200]
        assert "Kekuatan nomor" not in page[page.rindex("Peluang Ancaman", 0, first) : first]
    height = 297 * MM
    for number, words in enumerate(word_boxes(project / "site/unduh/buku-1-analisis-strategis.pdf"), start=1):
        low = [w[4] for w in words if w[3] > height - 15 * MM and not w[4].isdigit()]  # only the page number sits there
        assert low == [], (number, low[:5])


def test_the_word_annex_of_an_enacted_perwali_holds_every_word_of_its_pdf(pdfs):
    """The Word annex beside every annex PDF (not only an amendment's): same words, same LAMPIRAN block."""
    from docx import Document

    from test_revision import docx_text, pdf_words, words

    document = Document(str(pdfs / "lampiran-perwali.docx"))
    assert [p.text for p in document.paragraphs[:5]] == [
        "LAMPIRAN",
        "PERATURAN WALI KOTA SALATIGA",
        "NOMOR 12 TAHUN 2025",
        "TENTANG",
        "RENCANA INDUK KOTA CERDAS KOTA SALATIGA TAHUN 2025-2029",
    ]
    missing = pdf_words(pdfs / "lampiran-perwali.pdf") - words(docx_text(document))
    assert not missing, sorted(missing)[:40]
