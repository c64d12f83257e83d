"""Stage 5, books: the Word documents beside the PDFs: the annex, and a draft amendment's comparison matrix.

The layout of each follows its Typst frame (``macros/print/lampiran.typ.j2`` and
``matriks.typ.j2``): the same LAMPIRAN block, title, chapters and signature, the
same matrix columns. :mod:`wordfile` holds the Word mechanics, :mod:`htmldocx` walks the chapters.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ..derive.compare import Comparison
from ..derive.views import View
from . import htmldocx, htmltypst, typesetting, wordfile
from .htmltree import svg_in_font

ANNEX_TEXT_WIDTH = 215 - 30 - 25  # mm, as lampiran.typ.j2
MATRIX_TEXT_WIDTH = 330 - 25 - 20
MATRIX_COLUMNS = ("No", "Bagian", "Semula", "Menjadi", "Keterangan")
CHART_PPI = 110  # sharp on screen, where the legal bureau reads the Word document; the PDF keeps the vector chart
UNSIGNED = "…………………………"


def annex_block(view: View) -> list[str]:
    """The LAMPIRAN block's lines, as the PDF prints them (a draft: "RANCANGAN", dotted number and year)."""
    w, reg = view.words, view.plan.wilayah.regulasi
    return [
        reg.lampiran.upper(),
        ("RANCANGAN " if not w.ditetapkan else "") + f"{w.peraturan.upper()} {w.nama.upper()}",
        f"NOMOR {(reg.nomor or '…').upper()} TAHUN {reg.tahun or '…'}",
        "TENTANG",
        w.tentang_cetak.upper(),
    ]


def chart_png(font: str):
    """SVGs -> PNGs by Typst (already loaded in the book's process), in the annex's font.

    One Typst run for all charts, a page each: Typst loads its fonts once."""

    def render(svgs: list[str]) -> list[bytes]:
        import typst

        pages = "\n#pagebreak()\n".join(
            f'#align(center, image(bytes({htmltypst.string(svg_in_font(svg, font))}), format: "svg"))' for svg in svgs
        )
        document = f"#set page(width: {ANNEX_TEXT_WIDTH}mm, height: auto, margin: 0pt)\n{pages}\n"
        png = typst.compile(
            document.encode("utf-8"),
            format="png",
            ppi=CHART_PPI,
            font_paths=typesetting.print_fonts(),
            ignore_system_fonts=True,
        )
        return png if isinstance(png, list) else [png]

    return render


def annex(chapters: list, view: View, docs_dir: Path, out: Path, date: dt.datetime, charts: bool = True) -> None:
    """The annex: LAMPIRAN block, title, chapters BAB I..., signature; each chapter from its print HTML."""
    w = view.words
    doc = wordfile.new_document(f"{view.plan.wilayah.regulasi.lampiran.title()} {w.judul_lengkap}", w.penerbit, date)
    wordfile.right_block(doc, annex_block(view), ANNEX_TEXT_WIDTH * 0.5)
    if w.tentang:
        wordfile.centred_title(doc, w.tentang.upper())
    writer = htmldocx.Writer(ANNEX_TEXT_WIDTH, docs_dir, chart_png("TeX Gyre Bonum") if charts else None)
    for i, chapter in enumerate(chapters):
        wordfile.chapter_heading(doc, chapter.label, chapter.title, first=i == 0)
        writer.chapter(doc, chapter.html, chapter.folder)
    writer.finish()
    signature = [f"{w.jabatan_penandatangan},", "", "", "", (w.nama_penandatangan or UNSIGNED).upper()]
    first = doc.add_paragraph()
    first.paragraph_format.space_before = Pt(36)
    first.paragraph_format.keep_with_next = True
    for i, line in enumerate(signature):
        p = first if i == 0 else doc.add_paragraph()
        p.paragraph_format.left_indent = Mm(ANNEX_TEXT_WIDTH * 0.55)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = i < len(signature) - 1
        run = p.add_run(line)
        run.bold = i == len(signature) - 1
    wordfile.save(doc, out)


def matrix(view: View, out: Path, date: dt.datetime) -> None:
    """The comparison matrix: Semula | Menjadi | Keterangan, deleted words struck, inserted words underlined."""
    c, w = view.comparison, view.words
    assert isinstance(c, Comparison), "a comparison matrix is made only for a draft amendment"
    doc = wordfile.new_document(
        f"Matriks Perubahan {w.judul_lengkap}", w.penerbit, date, landscape=True, margins=(22, 20, 20, 25)
    )
    title = (
        ("RANCANGAN " if not w.ditetapkan else "")
        + w.judul_peraturan.replace("Rancangan ", "")
        + " tentang "
        + w.tentang_cetak
    )
    for text in ("MATRIKS PERUBAHAN", title.upper()):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        p.add_run(text).bold = True
    intro = f"Dibandingkan dengan teks {c.amended} (versi {c.tag}). Jumlah perubahan: {c.count}."
    if c.unchanged_text:
        intro += f" Tidak berubah: {c.unchanged_text}."
    intro += " Kata yang dihapus dicoret; kata yang ditambahkan bergaris bawah dan tebal."
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(18)
    p.add_run(intro).font.size = Pt(10)
    rest = MATRIX_TEXT_WIDTH - 10 - 55 - 38
    for label, items in c.by_section():
        doc.add_heading(label.upper(), level=2)
        table = wordfile.new_table(doc, [10, 55, rest / 2, rest / 2, 38])
        head = table.add_row()
        wordfile.repeat_as_header(head)
        for cell, text in zip(head.cells, MATRIX_COLUMNS, strict=True):
            wordfile.shade(cell)
            _cell_text(cell, [(text, {"bold": True})])
        number = 0
        for item in items:
            row = table.add_row()
            cell = row.cells[0].merge(row.cells[4])
            wordfile.shade(cell, "F3F4F6")
            _cell_text(cell, [(f"{item.title} ({item.kind_label.lower()})", {"bold": True})])
            for r in item.rows:
                number += 1
                row = table.add_row()
                values = [
                    [(str(number), {})],
                    [(r.bagian, {})],
                    _marked(r.semula, "tidak ada"),
                    _marked(r.menjadi, "dihapus"),
                    [(r.keterangan, {})],
                ]
                for cell, pieces in zip(row.cells, values, strict=True):
                    _cell_text(cell, pieces)
    if not c.items:
        doc.add_paragraph("Tidak ada perubahan: data dan bab rancangan ini sama dengan teks yang ditetapkan.")
    wordfile.save(doc, out)


def _marked(segments, absent: str) -> list[tuple[str, dict]]:
    if segments is None:
        return [(absent, {"italic": True})]
    styles = {"=": {}, "-": {"strike": True}, "+": {"underline": True, "bold": True}}
    return [(s.text, styles[s.op]) for s in segments]


def _cell_text(cell, pieces: list[tuple[str, dict]]) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.line_spacing = 1.0
    wordfile.add_runs(p, pieces)
    for run in p.runs:
        run.font.size = Pt(10)
