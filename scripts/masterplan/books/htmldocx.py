"""Stage 5, books: the annex (and the amendment's comparison matrix) as a Word document for the legal bureau.

The legal bureau and the provincial harmonisation mark drafts up in Word. The
annex's Word document is made from the very chapter HTML the PDF is made from
(:mod:`htmltypst` parses it; this module walks the same tree), with the same
LAMPIRAN block, title, chapters and signature: real Word headings, paragraphs and
tables (editable, header rows repeated), F4 paper, Bookman Old Style 12 pt (TeX Gyre
Bonum, its free metric clone, declared as the alternative), page numbers "- 2 -" from
page two. Charts become pictures (typeset by Typst from their SVG), their text kept as
the picture's alternative text. Saved with fixed dates and zip times, so the same
commit gives the same bytes. python-docx is pure Python (with lxml): see README.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from ..validate import printchars
from .htmltypst import SKIP, Converter, Node, parse, template_widths

TABLE_TEXT = "Teks Tabel"  # the paragraph style of table cells: 10 pt, tight
TABLE_TEXT_SMALL = "Teks Tabel Rapat"  # 8.5 pt, for a table whose words do not fit side by side at 10 pt
FONT = "Bookman Old Style"  # the font of regulation annexes in the offices' Word
FONT_ALTERNATIVE = "TeX Gyre Bonum"  # its free metric clone, what the PDF is set in
MONO = "DejaVu Sans Mono"
GREY = RGBColor(0x44, 0x44, 0x44)
HEADER_FILL = "E8ECF2"
F4 = (Mm(215), Mm(330))
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time
_SPACE = re.compile(r"[ \t\r\n\f]+")
TALL_ROW_CHARS = 1500  # a row with more text may be taller than a page: Word may break it
CHAR_MM = 2.25  # about the width of a lower-case letter or digit of 10 pt Bookman, with a little room
SMALLEST_TEXT = 0.85  # a table's text may shrink to 8.5 pt so its words fit side by side
CELL_PADDING_MM = 4.2
BLOCKS = {"p", "div", "ul", "ol", "table", "figure", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "hr", "pre", "mp-svg", "section"}


# ------------------------------------------------------------------ the document

def new_document(title: str, author: str, date: dt.datetime, landscape: bool = False, margins=(25, 25, 25, 30)) -> Document:
    """An empty document in the annex's format: F4, Bookman 12 pt, "- N -" centred at the top from page two."""
    doc = Document()
    _drop_thumbnail(doc)
    section = doc.sections[0]
    width, height = F4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (Mm(m) for m in margins)
    section.header_distance = Mm(12)
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = ""  # page one carries no number
    _page_number(section.header.paragraphs[0])
    _styles(doc)
    _font_table(doc)
    props = doc.core_properties
    # Word's core properties hold at most 255 characters (a long regulation title is cut, the page keeps it whole).
    title, author = _property(title), _property(author)
    props.title, props.author, props.last_modified_by, props.subject = title, author, author, title
    props.comments, props.keywords, props.language, props.revision = "", "", "id-ID", 1
    props.created = props.modified = date.replace(tzinfo=None)
    return doc


def _property(text: str) -> str:
    text = _NOT_XML.sub("", " ".join(str(text).split()))
    return text if len(text) <= 255 else text[:254] + "…"


def _drop_thumbnail(doc: Document) -> None:
    """python-docx's template carries a thumbnail of its own; the document is not that picture."""
    rels = doc.part.package.rels
    for key in [k for k, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(key)


def _page_number(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph._p.append(paragraph.add_run(" -")._r)


def _set_font(rpr_owner, name: str) -> None:
    """One font for every script; theme fonts removed (Word prefers them over a named font)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _styles(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(12)
    _set_font(normal.element, FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "id-ID")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level in range(1, 5):
        style = styles[f"Heading {level}"]
        _set_font(style.element, FONT)
        style.font.size = Pt(12)
        style.font.bold = True
        style.font.italic = level == 3
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if level > 1 else 0)
        style.paragraph_format.space_after = Pt(6)
        if level == 1:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.space_after = Pt(18)
    _set_font(styles["Table Grid"].element, FONT)
    cell_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell_text.base_style = normal
    cell_text.font.size = Pt(10)
    cell_text.paragraph_format.space_after = Pt(2)
    cell_text.paragraph_format.line_spacing = 1.0
    small = styles.add_style(TABLE_TEXT_SMALL, WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = cell_text
    small.font.size = Pt(10 * SMALLEST_TEXT)


def _font_table(doc: Document) -> None:
    """Declares TeX Gyre Bonum as the alternative of Bookman Old Style (what LibreOffice and the PDF use)."""
    part = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    entry = (f'<w:font w:name="{FONT}"><w:altName w:val="{FONT_ALTERNATIVE}"/><w:panose1 w:val="02050604050505020204"/>'
             '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
    part._blob = part.blob.replace(b"</w:fonts>", entry.encode() + b"</w:fonts>")


def save(doc: Document, path: Path) -> None:
    """Writes the document with every zip entry dated 1980-01-01, in a fixed order: same input, same bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    Path(path).write_bytes(out.getvalue())


# ------------------------------------------------------------------ blocks the annex and the matrix share

def right_block(doc: Document, lines: list[str], indent_mm: float, space_after: float = 14) -> None:
    """The LAMPIRAN block (and the signature): left-aligned lines in the right half of the page."""
    for i, line in enumerate(lines):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Mm(indent_mm)
        p.paragraph_format.space_after = Pt(space_after if i == len(lines) - 1 else 0)
        p.paragraph_format.line_spacing = 1.0
        p.add_run(line)


def centred_title(doc: Document, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(24)
    p.add_run(text).bold = True


def chapter_heading(doc: Document, label: str, title: str, first: bool) -> None:
    """"BAB I" over the title in capitals, a real Heading 1 (Word's navigation pane lists it)."""
    heading = doc.add_heading(level=1)
    heading.paragraph_format.page_break_before = not first
    heading.add_run(label).add_break()
    heading.add_run(title.upper())


def shade(cell, fill: str = HEADER_FILL) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def repeat_as_header(row) -> None:
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def keep_row_whole(row) -> None:
    mark = OxmlElement("w:cantSplit")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def new_table(container, widths_mm: list[float]):
    table = container.add_table(rows=0, cols=len(widths_mm))
    table.style = _style(container, "Table Grid")
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    return table


# ------------------------------------------------------------------ chapter HTML -> Word

class Writer:
    """Walks a chapter's HTML tree (:func:`htmltypst.parse`) into Word paragraphs, lists and tables."""

    def __init__(self, text_width_mm: float, images_root: Path, chart_png):
        self.width = text_width_mm
        self.images_root = images_root.resolve()
        self.chart_png = chart_png  # [SVG source] -> [PNG bytes], or None when charts are left out
        self.svgs: list[str] = []
        self.folder = ""
        self.pending: list = []  # (run, SVG source, its words): charts waiting for their pictures

    def chapter(self, doc, html: str, folder: str = "") -> None:
        # Styles looked up once: python-docx finds a style by name in a linear search on every use.
        self.headings = {level: doc.styles[f"Heading {level}"].style_id for level in range(1, 5)}
        self.cell_style = doc.styles[TABLE_TEXT].style_id
        self.small_cell_style = doc.styles[TABLE_TEXT_SMALL].style_id
        root, self.svgs = parse(html)
        self.folder = folder
        self.blocks(doc, root.children)

    # -- blocks
    def blocks(self, container, children: list, indent: float = 0.0) -> None:
        run: list = []
        for child in children:
            if isinstance(child, Node) and child.tag in BLOCKS:
                self.paragraph(container, run, indent)
                run = []
                self.block(container, child, indent)
            else:
                run.append(child)
        self.paragraph(container, run, indent)

    def paragraph(self, container, inline: list, indent: float = 0.0, prefix: str = "", fmt: dict | None = None):
        pieces = self.pieces(inline, fmt or {})
        if not any(t.strip() for t, _ in pieces) and not prefix:
            return None
        p = _fresh_paragraph(container, self.cell_style if _is_cell(container) else None)
        if indent or prefix:
            p.paragraph_format.left_indent = Mm(indent + (7 if prefix else 0))
            if prefix:
                p.paragraph_format.first_line_indent = Mm(-7)
        if prefix:
            p.add_run(prefix + "\t")
            p.paragraph_format.tab_stops.add_tab_stop(Mm(indent + 7))
        _add_runs(p, pieces)
        return p

    def block(self, container, node: Node, indent: float) -> None:
        tag = node.tag
        if tag in SKIP or "mp-terbuka" in node.classes:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(int(tag[1]), 4)
            heading = _fresh_paragraph(container, self.cell_style if _is_cell(container) else self.headings[level])
            _add_runs(heading, self.pieces(node.children, {"bold": True}))
        elif tag == "p":
            p = self.paragraph(container, node.children, indent)
            if p is not None and not _is_cell(container):
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif tag in ("ul", "ol"):
            self.list(container, node, indent)
        elif tag == "table":
            self.table(container, node, indent)
        elif tag == "mp-svg":
            self.chart(container, self.svgs[int(node.attrs["data-i"])])
        elif tag == "blockquote":
            self.blocks(container, node.children, indent + 10)
        elif tag == "pre":
            self.paragraph(container, [node.text], indent, fmt={"mono": True})
        elif tag == "dl":
            for child in node.children:
                if isinstance(child, Node) and child.tag == "dt":
                    self.paragraph(container, child.children, indent, fmt={"bold": True})
                elif isinstance(child, Node) and child.tag == "dd":
                    self.blocks(container, child.children, indent + 7)
        elif tag == "div" and "admonition" in node.classes:
            title = next((c for c in node.children if isinstance(c, Node) and "admonition-title" in c.classes), None)
            if title is not None:
                self.paragraph(container, title.children, indent + 5, fmt={"bold": True})
            self.blocks(container, [c for c in node.children if c is not title], indent + 5)
        elif tag == "hr":
            return
        else:  # div, section, figure: their content
            self.blocks(container, node.children, indent)

    def list(self, container, node: Node, indent: float) -> None:
        start = node.attrs.get("start", "1")
        number = int(start) if start.isdigit() else 1
        for li in (c for c in node.children if isinstance(c, Node) and c.tag == "li"):
            prefix = f"{number}." if node.tag == "ol" else "•"
            number += 1
            inline = [c for c in li.children if not (isinstance(c, Node) and c.tag in BLOCKS)]
            nested = [c for c in li.children if isinstance(c, Node) and c.tag in BLOCKS]
            first_block = nested[0] if nested and not any(isinstance(c, str) and c.strip() or isinstance(c, Node) for c in inline) and nested[0].tag == "p" else None
            self.paragraph(container, first_block.children if first_block else inline, indent, prefix=prefix)
            for child in nested:
                if child is not first_block:
                    self.block(container, child, indent + 7)

    def table(self, container, node: Node, indent: float) -> None:
        rows = list(_rows(node))
        count = max((sum(_span(c) for c in _cells(r)) for r, _ in rows), default=0)
        if count == 0:
            return
        widths, scale = _widths(node, rows, count, self.width - indent)
        normal_style = self.cell_style
        if scale < 0.999:
            self.cell_style = self.small_cell_style  # this table's cells, and only these

        for k, section in enumerate(_sections(rows)):
            if k:  # Word joins two tables that touch: a hairline paragraph keeps each section its own header
                _spacer(container, 1)
            table = new_table(container, widths)
            for tr, is_head in section:
                self.row(table, tr, is_head, count)
        self.cell_style = normal_style
        # The room print leaves after a table; it also keeps the next table apart (and a cell ends with a paragraph).
        _spacer(container, 6)

    def row(self, table, tr: Node, is_head: bool, count: int) -> None:
        if not any(isinstance(c, Node) and c.tag in BLOCKS for cell in _cells(tr) for c in cell.children):
            table._tbl.append(self.row_xml(table, tr, is_head, count))  # text-only cells: the fast path
            return
        row = table.add_row()
        if is_head:
            repeat_as_header(row)
        elif len(tr.text) < TALL_ROW_CHARS:
            keep_row_whole(row)  # as in print; a row that may be taller than a page may break
        cells = row.cells  # python-docx walks the row on every `row.cells`: once per row
        column = 0
        for cell_node in _cells(tr):
            if column >= count:
                break
            span = min(_span(cell_node), count - column)
            cell = cells[column] if span == 1 else cells[column].merge(cells[column + span - 1])
            column += span
            if cell_node.tag == "th":
                shade(cell)
            self.cell(cell, cell_node, bold=cell_node.tag == "th")

    def row_xml(self, table, tr: Node, is_head: bool, count: int):
        """A row whose cells hold only text, written as WordprocessingML directly: the same row
        python-docx would make (as :meth:`cell` fills it), at a fraction of the cost for long tables."""
        widths = [int(col.w) for col in table._tbl.tblGrid.gridCol_lst]
        keep = "<w:tblHeader/>" if is_head else "<w:cantSplit/>" if len(tr.text) < TALL_ROW_CHARS else ""
        cells, column = [], 0
        for node in _cells(tr):
            if column >= count:
                break
            span = min(_span(node), count - column)
            width = sum(widths[column:column + span]) // 635  # EMU -> twentieths of a point
            column += span
            props = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            if node.tag == "th":
                props += f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
            align = '<w:jc w:val="right"/>' if "mp-angka" in node.classes else ""
            runs = _runs_xml(self.pieces(node.children, {"bold": True} if node.tag == "th" else {}))
            cells.append(f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{self.cell_style}"/>{align}</w:pPr>{runs}</w:p></w:tc>')
        while column < count:  # a short row is filled up, as python-docx's rows always are
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[column] // 635}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{self.cell_style}"/></w:pPr></w:p></w:tc>')
            column += 1
        return parse_xml(f'<w:tr {nsdecls("w")}>' + (f"<w:trPr>{keep}</w:trPr>" if keep else "") + "".join(cells) + "</w:tr>")

    def cell(self, cell, node: Node, bold: bool) -> None:
        if any(isinstance(c, Node) and c.tag in BLOCKS for c in node.children):
            self.blocks(cell, node.children)
        else:
            p = self.paragraph(cell, node.children, fmt={"bold": bold})
            if p is not None and "mp-angka" in node.classes:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraphs = cell.paragraphs
        if len(paragraphs) == 1 and paragraphs[0]._p.style != self.cell_style:
            paragraphs[0]._p.style = self.cell_style  # an empty cell keeps the table's size too

    def chart(self, container, svg: str) -> None:
        """A chart as a picture; its words are the picture's alternative text (the PDF prints them as text).

        The pictures are made all at once in :meth:`finish` (one Typst run for every chart)."""
        words = " ".join(" ".join(t.split()) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S))
        words = html.unescape(re.sub(r"<[^>]+>", "", words))
        p = _fresh_paragraph(container, None)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.chart_png is None:
            _add_runs(p, [(words, {"italic": True})])
            return
        self.pending.append((p.add_run(), svg, words))

    def finish(self) -> None:
        """Puts the charts' pictures in place."""
        if not self.pending:
            return
        pictures = self.chart_png([svg for _, svg, _ in self.pending])
        for (run, _, words), png in zip(self.pending, pictures):
            shape = run.add_picture(io.BytesIO(png), width=Mm(self.width))
            shape._inline.docPr.set("descr", words)
        self.pending = []

    # -- inline
    def pieces(self, children: list, fmt: dict) -> list[tuple[str, dict]]:
        out: list[tuple[str, dict]] = []
        self._inline(children, fmt, out)
        return _trimmed(out)

    def _inline(self, children: list, fmt: dict, out: list) -> None:
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
                href = child.attrs.get("href", "") if child.tag == "a" else ""
                if href.startswith(("https://", "http://", "mailto:")):
                    shown = " ".join(child.text.split())
                    if shown not in (href, href.removeprefix("mailto:"), href.split("://", 1)[-1].rstrip("/")):
                        out.append((f" ({href.removeprefix('mailto:')})", {**fmt, "small": True}))


def _format(node: Node, fmt: dict) -> dict:
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


def _trimmed(pieces: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """Collapses spaces across pieces and drops the space a paragraph starts or ends with, as HTML does."""
    out: list[tuple[str, dict]] = []
    previous_space = True
    for text, fmt in pieces:
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


def _by_script(pieces: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """Each piece cut where a regional script begins or ends; such a run names its Noto font, so Word
    draws Aksara Bali, Jawa or Sunda with a font that has it (Word's own fonts do not)."""
    out = []
    for text, fmt in pieces:
        for part, family in printchars.script_runs(text):
            out.append((part, {**fmt, "script": family} if family else fmt))
    return out


def _add_runs(paragraph, pieces: list[tuple[str, dict]]) -> None:
    for text, fmt in _by_script(pieces):
        parts = _NOT_XML.sub("", text).split("\n")  # characters XML cannot hold have no meaning in print either
        for i, part in enumerate(parts):
            run = paragraph.add_run(part)
            if i < len(parts) - 1:
                run.add_break(WD_BREAK.LINE)
            _apply(run, fmt)


_XML_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _runs_xml(pieces: list[tuple[str, dict]]) -> str:
    """The runs :func:`_add_runs` makes, as XML text (properties in the schema's order)."""
    out = []
    for text, fmt in _by_script(pieces):
        props = ""
        if fmt.get("script"):
            family = fmt["script"]
            props += f'<w:rFonts w:ascii="{family}" w:hAnsi="{family}" w:eastAsia="{family}" w:cs="{family}"/>'
        elif fmt.get("mono"):
            props += f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}"/>'
        props += "<w:b/>" if fmt.get("bold") else ""
        props += "<w:i/>" if fmt.get("italic") else ""
        props += "<w:strike/>" if fmt.get("strike") else ""
        props += f'<w:color w:val="{GREY}"/>' if fmt.get("grey") else ""
        props += '<w:sz w:val="20"/>' if fmt.get("mono") else '<w:sz w:val="18"/>' if fmt.get("small") else ""
        props += '<w:u w:val="single"/>' if fmt.get("underline") else ""
        props += '<w:vertAlign w:val="superscript"/>' if fmt.get("super") else ""
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        parts = _NOT_XML.sub("", text).translate(_XML_ESCAPE).split("\n")
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{part}</w:t>' for part in parts)
        out.append(f"<w:r>{rpr}{body}</w:r>")
    return "".join(out)


def _apply(run, fmt: dict) -> None:
    if not fmt:
        return
    font = run.font
    if fmt.get("bold"):
        font.bold = True
    if fmt.get("italic"):
        font.italic = True
    if fmt.get("underline"):
        font.underline = True
    if fmt.get("strike"):
        font.strike = True
    if fmt.get("super"):
        font.superscript = True
    if fmt.get("grey"):
        font.color.rgb = GREY
    if fmt.get("small"):
        font.size = Pt(9)
    if fmt.get("mono"):
        font.name = MONO
        font.size = Pt(10)
    if fmt.get("script"):
        _set_font(run._r, fmt["script"])


def _style(container, name: str):
    return container.part.document.styles[name] if hasattr(container, "part") else name


def _fresh_paragraph(container, style_id: str | None):
    """A new paragraph of that style (by id: python-docx's lookup by name or object scans every style
    each time); in a table cell the empty one Word puts in every cell is used first."""
    if _is_cell(container):
        paragraphs = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].runs and not getattr(container, "_mp_used", False):
            container._mp_used = True
            paragraphs[0]._p.style = style_id
            return paragraphs[0]
    paragraph = container.add_paragraph()
    if style_id is not None:
        paragraph._p.style = style_id
    return paragraph


def _spacer(container, points: float) -> None:
    gap = container.add_paragraph()
    gap.paragraph_format.space_after = Pt(0)
    gap.paragraph_format.space_before = Pt(0)
    gap.paragraph_format.line_spacing = Pt(points)


def _is_cell(container) -> bool:
    return container.__class__.__name__ == "_Cell"


# ------------------------------------------------------------------ table shape (as htmltypst reads it)

# What a line cannot break inside: a word, split after a dash or slash unless a digit follows
# (GOV-01 and 2024–2028 stay whole), as htmltypst measures it.
_UNBREAKABLE = re.compile(r"(?:[^\s\-/–]|[-/–](?=\d))+[-/–]?")


# The cells of a row and a cell's column span are read exactly as print reads them (bounded spans).
_cells = Converter.cells
_span = Converter.span


def _rows(table: Node):
    """(row, is a header row) in order: rows of a <thead>, or leading rows of only <th>, repeat on every page."""
    has_thead = any(isinstance(c, Node) and c.tag == "thead" for c in table.children)
    seen_body = False

    def walk(parent: Node, in_thead: bool):
        nonlocal seen_body
        for child in parent.children:
            if not isinstance(child, Node):
                continue
            if child.tag in ("thead", "tbody", "tfoot"):
                yield from walk(child, child.tag == "thead")
            elif child.tag == "tr":
                head = in_thead or (not has_thead and not seen_body and all(c.tag == "th" for c in _cells(child)))
                seen_body = seen_body or not head
                yield child, head

    yield from walk(table, False)


def _sections(rows: list) -> list[list]:
    """A row of only <th> inside the body ("Kode | Program ...") labels the rows after it: as in
    print (htmltypst), the table is split there, and the label repeats over its own rows."""
    def only_th(tr: Node) -> bool:
        return all(c.tag == "th" for c in _cells(tr))

    sections = [[]]
    for i, (tr, head) in enumerate(rows):
        has_body = any(not h for _, h in sections[-1])
        if not head and has_body and only_th(tr) and i + 1 < len(rows) and not only_th(rows[i + 1][0]):
            sections.append([(tr, True)])
        else:
            sections[-1].append((tr, head))
    return sections


def _widths(table: Node, rows: list, count: int, width: float) -> tuple[list[float], float]:
    """Column widths in mm and the text's scale: the template's shares, but no column narrower than
    its longest word; when the words cannot all fit side by side the text is made smaller (down to
    85 %, as in print: see umum.typ), and past that the columns are narrowed together."""
    shares = _shares(table, rows, count)
    total = sum(shares)
    widths = [width * s / total for s in shares]
    words = [0.0] * count
    for tr, _ in rows[:400]:
        column = 0
        for c in _cells(tr):
            if _span(c) == 1 and column < count:
                longest = max((_text_mm(w) for w in _UNBREAKABLE.findall(c.text)), default=0)
                words[column] = max(words[column], longest * (1.08 if c.tag == "th" else 1.0))
            column += _span(c)
    scale = max(SMALLEST_TEXT, min(1.0, (width - CELL_PADDING_MM * count) / max(1.0, sum(words))))
    mins = [w * scale + CELL_PADDING_MM for w in words]
    if sum(mins) >= width:
        return [m * width / sum(mins) for m in mins], scale
    short = sum(max(0.0, m - w) for m, w in zip(mins, widths))
    slack = [max(0.0, w - m) for m, w in zip(mins, widths)]
    spare = sum(slack)
    return [max(m, w) - (short * sl / spare if spare else 0) for m, w, sl in zip(mins, widths, slack)], scale


def _text_mm(word: str) -> float:
    """About how wide a word prints in 10 pt Bookman: capitals wider, punctuation narrower than a letter."""
    return sum(CHAR_MM * (1.2 if ch.isupper() else 0.5 if ch in ".,;:()" else 1.0) for ch in word)


def _shares(table: Node, rows: list, count: int) -> list[float]:
    widths = template_widths(table, count)
    if widths is not None:
        return widths
    lengths = [4.0] * count
    for row, _ in rows[:200]:
        cells = _cells(row)
        if len(cells) == count:
            for i, c in enumerate(cells):
                lengths[i] = max(lengths[i], min(len(c.text), 60))
    return lengths
