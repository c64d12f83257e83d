"""Stage 5, books: the annex's chapters as Word paragraphs, lists and tables, for the legal bureau.

The legal bureau and the provincial harmonisation mark drafts up in Word. The annex's
Word document is made from the very chapter HTML the PDF is made from: this module
walks the same tree (:mod:`htmltree`: rows, header rows, sections, spans, column shares,
shown links, unbreakable words) into real Word headings, paragraphs and tables
(editable, header rows repeated) in the document :mod:`wordfile` makes. Charts become
pictures (typeset by Typst from their SVG), their text kept as the picture's
alternative text. python-docx is pure Python (with lxml): see README.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..validate.htmlrule import HEADINGS
from .htmltree import SKIP, SVG_TAG, Node, Table, cells, outside_link, parse, placed, unbreakable
from .wordfile import (
    HEADER_FILL,
    SMALLEST_TEXT,
    TABLE_TEXT,
    TABLE_TEXT_SMALL,
    Container,
    Format,
    Piece,
    add_runs,
    fresh_paragraph,
    is_cell,
    keep_row_whole,
    new_table,
    repeat_as_header,
    runs_xml,
    shade,
    spacer,
)

_SPACE = re.compile(r"[ \t\r\n\f]+")
TALL_ROW_CHARS = 1500  # a row with more text may be taller than a page: Word may break it
CHAR_MM = 2.25  # about the width of a lower-case letter or digit of 10 pt Bookman, with a little room
CELL_PADDING_MM = 4.2
BREAK_MARKS = "-/–"  # a line may break after these in Word, unless a digit follows (GOV-01 and 2024–2028 stay whole)
WIDTH_ROWS = 400  # the rows read for the columns' narrowest widths
BLOCKS = {*HEADINGS, "p", "div", "ul", "ol", "table", "figure", "blockquote", "dl", "hr", "pre", SVG_TAG, "section"}
ChartPictures = Callable[[list[str]], list[bytes]]  # [SVG source] -> [PNG bytes]


class Writer:
    """Walks a chapter's HTML tree (:func:`htmltree.parse`) into Word paragraphs, lists and tables."""

    def __init__(self, text_width_mm: float, images_root: Path, chart_png: ChartPictures | None):
        self.width = text_width_mm
        self.images_root = images_root.resolve()
        self.chart_png = chart_png  # None when charts are left out
        self.svgs: list[str] = []
        self.folder = ""
        self.pending: list[tuple[Run, str, str]] = []  # (run, SVG source, its words): charts waiting for their pictures
        self.headings: dict[int, str] = {}
        self.cell_style = self.small_cell_style = ""
        self.styled: object = None  # the document part whose styles these are

    def chapter(self, doc: DocumentObject, html: str, folder: str = "") -> None:
        self.styles(doc)
        root, self.svgs = parse(html)
        self.folder = folder
        self.blocks(doc, root.children)

    def styles(self, doc: DocumentObject) -> None:
        """Styles looked up once a document: python-docx finds a style by name in a linear search on every use."""
        if self.styled is doc.part:
            return
        self.headings = {level: doc.styles[f"Heading {level}"].style_id for level in range(1, 5)}
        self.cell_style = doc.styles[TABLE_TEXT].style_id
        self.small_cell_style = doc.styles[TABLE_TEXT_SMALL].style_id
        self.styled = doc.part

    # -- blocks
    def blocks(self, container: Container, children: Sequence[Node | str], indent: float = 0.0) -> None:
        run: list[Node | str] = []
        for child in children:
            if isinstance(child, Node) and child.tag in BLOCKS:
                self.paragraph(container, run, indent)
                run = []
                self.block(container, child, indent)
            else:
                run.append(child)
        self.paragraph(container, run, indent)

    def paragraph(
        self,
        container: Container,
        inline: Sequence[Node | str],
        indent: float = 0.0,
        prefix: str = "",
        fmt: Format | None = None,
    ) -> Paragraph | None:
        pieces = self.pieces(inline, fmt or {})
        if not any(t.strip() for t, _ in pieces) and not prefix:
            return None
        p = fresh_paragraph(container, self.cell_style if is_cell(container) else None)
        if indent or prefix:
            p.paragraph_format.left_indent = Mm(indent + (7 if prefix else 0))
            if prefix:
                p.paragraph_format.first_line_indent = Mm(-7)
        if prefix:
            p.add_run(prefix + "\t")
            p.paragraph_format.tab_stops.add_tab_stop(Mm(indent + 7))
        add_runs(p, pieces)
        return p

    def block(self, container: Container, node: Node, indent: float) -> None:
        tag = node.tag
        if tag in SKIP or "mp-terbuka" in node.classes or tag == "hr":
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(int(tag[1]), 4)
            heading = fresh_paragraph(container, self.cell_style if is_cell(container) else self.headings[level])
            add_runs(heading, self.pieces(node.children, {"bold": True}))
        elif tag == "p":
            p = self.paragraph(container, node.children, indent)
            if p is not None and not is_cell(container):
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif tag in ("ul", "ol"):
            self.list_items(container, node, indent)
        elif tag == "table":
            self.table(container, node, indent)
        elif tag == SVG_TAG:
            self.chart(container, self.svgs[int(node.attrs["data-i"])])
        elif tag == "blockquote":
            self.blocks(container, node.children, indent + 10)
        elif tag == "pre":
            self.paragraph(container, [node.text], indent, fmt={"mono": True})
        elif tag == "dl":
            for child in node.elements("dt", "dd"):
                if child.tag == "dt":
                    self.paragraph(container, child.children, indent, fmt={"bold": True})
                else:
                    self.blocks(container, child.children, indent + 7)
        elif tag == "div" and "admonition" in node.classes:
            title = node.first_of_class("admonition-title")
            if title is not None:
                self.paragraph(container, title.children, indent + 5, fmt={"bold": True})
            self.blocks(container, [c for c in node.children if c is not title], indent + 5)
        else:  # div, section, figure: their content
            self.blocks(container, node.children, indent)

    def list_items(self, container: Container, node: Node, indent: float) -> None:
        start = node.attrs.get("start", "1")
        number = int(start) if start.isdigit() else 1
        for li in node.elements("li"):
            prefix = f"{number}." if node.tag == "ol" else "•"
            number += 1
            inline = [c for c in li.children if not (isinstance(c, Node) and c.tag in BLOCKS)]
            nested = [c for c in li.elements() if c.tag in BLOCKS]
            only_blocks = not any(isinstance(c, Node) or c.strip() for c in inline)
            first_block = nested[0] if nested and only_blocks and nested[0].tag == "p" else None
            self.paragraph(container, first_block.children if first_block else inline, indent, prefix=prefix)
            for child in nested:
                if child is not first_block:
                    self.block(container, child, indent + 7)

    def table(self, container: Container, node: Node, indent: float) -> None:
        table = Table.read(node)
        if table.columns == 0:
            return
        widths, scale = column_widths(table, self.width - indent)
        normal_style = self.cell_style
        if scale < 0.999:
            self.cell_style = self.small_cell_style  # this table's cells, and only these
        for k, section in enumerate(table.sections()):
            if k:  # Word joins two tables that touch: a hairline paragraph keeps each section its own header
                spacer(container, 1)
            word_table = new_table(container, widths)
            for tr in section.header:
                self.row(word_table, tr, True)
            for tr in section.rows:
                self.row(word_table, tr, False)
        self.cell_style = normal_style
        # The room print leaves after a table; it also keeps the next table apart (and a cell ends with a paragraph).
        spacer(container, 6)

    def row(self, table: WordTable, tr: Node, is_head: bool) -> None:
        """A row: text-only cells by the fast path (:meth:`row_xml`), others by python-docx (:meth:`row_docx`)."""
        if self.row_is_text(tr):
            table._tbl.append(self.row_xml(table, tr, is_head))
        else:
            self.row_docx(table, tr, is_head)

    @staticmethod
    def row_is_text(tr: Node) -> bool:
        """Whether every cell of a row holds only text (inline content), as the fast path needs."""
        return not any(c.tag in BLOCKS for cell in cells(tr) for c in cell.elements())

    def row_docx(self, table: WordTable, tr: Node, is_head: bool) -> None:
        """A row made by python-docx, whatever its cells hold."""
        row = table.add_row()
        if is_head:
            repeat_as_header(row)
        elif len(tr.text) < TALL_ROW_CHARS:
            keep_row_whole(row)  # as in print; a row that may be taller than a page may break
        word_cells = row.cells  # python-docx walks the row on every `row.cells`: once per row
        filled = 0
        for column, span, cell_node in placed(tr):
            cell = word_cells[column] if span == 1 else word_cells[column].merge(word_cells[column + span - 1])
            filled = column + span
            if cell_node.tag == "th":
                shade(cell)
            self.cell(cell, cell_node, bold=cell_node.tag == "th")
        for cell in word_cells[filled:]:  # a short row's empty cells keep the table's size too
            cell.paragraphs[0]._p.style = self.cell_style

    def row_xml(self, table: WordTable, tr: Node, is_head: bool) -> object:
        """A row whose cells hold only text, written as WordprocessingML directly: the same row
        python-docx makes (:meth:`row_docx`; tests/test_tablemodel.py compares the two), at a
        fraction of the cost for long tables."""
        widths = [int(col.w or 0) for col in table._tbl.tblGrid.gridCol_lst]
        keep = "<w:tblHeader/>" if is_head else "<w:cantSplit/>" if len(tr.text) < TALL_ROW_CHARS else ""
        parts, filled = [], 0
        for column, span, node in placed(tr):
            width = sum(widths[column : column + span]) // 635  # EMU -> twentieths of a point
            filled = column + span
            props = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            if node.tag == "th":
                props += f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
            align = '<w:jc w:val="right"/>' if "mp-angka" in node.classes else ""
            runs = runs_xml(self.pieces(node.children, {"bold": True} if node.tag == "th" else {}))
            parts.append(
                f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{self.cell_style}"/>{align}</w:pPr>{runs}</w:p></w:tc>'
            )
        for column in range(filled, len(widths)):  # a short row is filled up, as python-docx's rows always are
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[column] // 635}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{self.cell_style}"/></w:pPr></w:p></w:tc>'
            )
        return parse_xml(
            f"<w:tr {nsdecls('w')}>" + (f"<w:trPr>{keep}</w:trPr>" if keep else "") + "".join(parts) + "</w:tr>"
        )

    def cell(self, cell: _Cell, node: Node, bold: bool) -> None:
        if any(c.tag in BLOCKS for c in node.elements()):
            self.blocks(cell, node.children)
        else:
            p = self.paragraph(cell, node.children, fmt={"bold": bold})
            if p is not None and "mp-angka" in node.classes:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraphs = cell.paragraphs
        if len(paragraphs) == 1 and paragraphs[0]._p.style != self.cell_style:
            paragraphs[0]._p.style = self.cell_style  # an empty cell keeps the table's size too

    def chart(self, container: Container, svg: str) -> None:
        """A chart as a picture; its words are the picture's alternative text (the PDF prints them as text).

        The pictures are made all at once in :meth:`finish` (one Typst run for every chart)."""
        words = " ".join(" ".join(t.split()) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S))
        words = html.unescape(re.sub(r"<[^>]+>", "", words))
        p = fresh_paragraph(container, None)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.chart_png is None:
            add_runs(p, [(words, {"italic": True})])
            return
        self.pending.append((p.add_run(), svg, words))

    def finish(self) -> None:
        """Puts the charts' pictures in place."""
        if not self.pending or self.chart_png is None:
            return
        pictures = self.chart_png([svg for _, svg, _ in self.pending])
        for (run, _, words), png in zip(self.pending, pictures, strict=True):
            shape = run.add_picture(io.BytesIO(png), width=Mm(self.width))
            shape._inline.docPr.set("descr", words)
        self.pending = []

    # -- inline
    def pieces(self, children: Sequence[Node | str], fmt: Format) -> list[Piece]:
        out: list[Piece] = []
        self._inline(children, fmt, out)
        return _trimmed(out)

    def _inline(self, children: Sequence[Node | str], fmt: Format, out: list[Piece]) -> None:
        for child in children:
            if isinstance(child, str):
                out.append((_SPACE.sub(" ", child), fmt))
            elif child.tag in SKIP or "mp-terbuka" in child.classes or "footnote-backref" in child.classes:
                continue
            elif child.tag == "br":
                out.append(("\n", fmt))
            elif child.tag == "img":
                out.append((child.attrs.get("alt", ""), {**fmt, "italic": True}))
            else:
                self._inline(child.children, _format(child, fmt), out)
                link = outside_link(child)
                if link is not None and link.address is not None:
                    out.append((f" ({link.address})", {**fmt, "small": True}))


def _format(node: Node, fmt: Format) -> Format:
    tag, classes = node.tag, set(node.classes)
    new = dict(fmt)
    if tag in ("strong", "b"):
        new["bold"] = True
    if tag in ("em", "i") or "mp-kosong" in classes:
        new["italic"] = True
    if "mp-kosong" in classes or "mp-sumber" in classes or "mp-kecil" in classes:
        new["grey"] = True
    if tag == "code":
        new["mono"] = True
    if tag == "sup":
        new["super"] = True
    if tag in ("u", "ins"):
        new["underline"] = True
    if tag in ("del", "s"):
        new["strike"] = True
    if "mp-ilustratif" in classes:
        new.update(italic=True, small=True, paren=True)
    return new


def _trimmed(pieces: list[Piece]) -> list[Piece]:
    """Collapses spaces across pieces and drops the space a paragraph starts or ends with, as HTML does."""
    out: list[Piece] = []
    previous_space = True
    for piece, piece_fmt in pieces:
        text, fmt = piece, piece_fmt
        if fmt.get("paren"):
            text = f"({text.strip()})"
            fmt = {k: v for k, v in fmt.items() if k != "paren"}
        if previous_space:
            text = text.lstrip(" ")
        if not text:
            continue
        previous_space = text.endswith((" ", "\n"))
        out.append((text, fmt))
    while out and out[-1][0].endswith(" "):
        text, fmt = out.pop()
        if text.rstrip(" "):
            out.append((text.rstrip(" "), fmt))
            break
    return out


def column_widths(table: Table, width: float) -> tuple[list[float], float]:
    """Column widths in mm and the text's scale: the table's shares, but no column narrower than
    its longest word; when the words cannot all fit side by side the text is made smaller (down to
    85 %, as in print: see umum.typ), and past that the columns are narrowed together."""
    count = table.columns
    shares = table.shares()
    total = sum(shares)
    widths = [width * s / total for s in shares]
    words = [0.0] * count
    for tr in table.rows[:WIDTH_ROWS]:
        for column, span, c in placed(tr):
            if span == 1 and column < count:
                pieces = unbreakable(c.text, BREAK_MARKS, addresses=False, lone_marks=False)
                longest = max((_text_mm(w) for w in pieces), default=0)
                words[column] = max(words[column], longest * (1.08 if c.tag == "th" else 1.0))
    scale = max(SMALLEST_TEXT, min(1.0, (width - CELL_PADDING_MM * count) / max(1.0, sum(words))))
    mins = [w * scale + CELL_PADDING_MM for w in words]
    if sum(mins) >= width:
        return [m * width / sum(mins) for m in mins], scale
    short = sum(max(0.0, m - w) for m, w in zip(mins, widths, strict=True))
    slack = [max(0.0, w - m) for m, w in zip(mins, widths, strict=True)]
    spare = sum(slack)
    return [
        max(m, w) - (short * sl / spare if spare else 0) for m, w, sl in zip(mins, widths, slack, strict=True)
    ], scale


def _text_mm(word: str) -> float:
    """About how wide a word prints in 10 pt Bookman: capitals wider, punctuation narrower than a letter."""
    return sum(CHAR_MM * (1.2 if ch.isupper() else 0.5 if ch in ".,;:()" else 1.0) for ch in word)
