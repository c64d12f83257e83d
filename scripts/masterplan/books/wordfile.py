"""Stage 5, books: the Word document's parts: page format, styles, runs and the blocks the annex and the matrix share.

F4 paper, Bookman Old Style 12 pt (TeX Gyre Bonum, its free metric clone, declared as
the alternative), page numbers "- 2 -" from page two; runs of formatted text, a regional
script's runs in a Noto font that has it. Saved with fixed dates and zip times, so the same
commit gives the same bytes. :mod:`htmldocx` walks the chapters' HTML into these parts.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import weakref
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..validate import printchars

TABLE_TEXT = "Teks Tabel"  # the paragraph style of table cells: 10 pt, tight
TABLE_TEXT_SMALL = "Teks Tabel Rapat"  # 8.5 pt, for a table whose words do not fit side by side at 10 pt
SMALLEST_TEXT = 0.85  # a table's text may shrink to 8.5 pt so its words fit side by side
FONT = "Bookman Old Style"  # the font of regulation annexes in the offices' Word
FONT_ALTERNATIVE = "TeX Gyre Bonum"  # its free metric clone, what the PDF is set in
MONO = "DejaVu Sans Mono"
GREY = RGBColor(0x44, 0x44, 0x44)
HEADER_FILL = "E8ECF2"
F4 = (Mm(215), Mm(330))
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time

Format = dict[str, Any]  # a run's formatting: bold, italic, grey, small, mono, script (a font family) ...
Piece = tuple[str, Format]  # a text and its formatting
Container = DocumentObject | _Cell  # what paragraphs and tables are added to
_FILLED: weakref.WeakSet[_Cell] = weakref.WeakSet()  # cells whose first, empty paragraph is taken


# ------------------------------------------------------------------ the document


def new_document(
    title: str,
    author: str,
    date: dt.datetime,
    landscape: bool = False,
    margins: tuple[float, float, float, float] = (25, 25, 25, 30),
) -> DocumentObject:
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
    text = NOT_XML.sub("", " ".join(str(text).split()))
    return text if len(text) <= 255 else text[:254] + "…"


def _drop_thumbnail(doc: DocumentObject) -> None:
    """python-docx's template carries a thumbnail of its own; the document is not that picture."""
    rels = doc.part.package.rels
    for key in [k for k, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(key)


def _page_number(paragraph: Paragraph) -> None:
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


def set_font(rpr_owner: Any, name: str) -> None:
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


def _styles(doc: DocumentObject) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(12)
    set_font(normal.element, FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "id-ID")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level in range(1, 5):
        style = styles[f"Heading {level}"]
        set_font(style.element, FONT)
        style.font.size = Pt(12)
        style.font.bold = True
        style.font.italic = level == 3
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if level > 1 else 0)
        style.paragraph_format.space_after = Pt(6)
        if level == 1:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.space_after = Pt(18)
    set_font(styles["Table Grid"].element, FONT)
    cell_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell_text.base_style = normal
    cell_text.font.size = Pt(10)
    cell_text.paragraph_format.space_after = Pt(2)
    cell_text.paragraph_format.line_spacing = 1.0
    small = styles.add_style(TABLE_TEXT_SMALL, WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = cell_text
    small.font.size = Pt(10 * SMALLEST_TEXT)


def _font_table(doc: DocumentObject) -> None:
    """Declares TeX Gyre Bonum as the alternative of Bookman Old Style (what LibreOffice and the PDF use)."""
    part = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    entry = (
        f'<w:font w:name="{FONT}"><w:altName w:val="{FONT_ALTERNATIVE}"/><w:panose1 w:val="02050604050505020204"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    part._blob = part.blob.replace(b"</w:fonts>", entry.encode() + b"</w:fonts>")


def save(doc: DocumentObject, path: Path) -> None:
    """Writes the document with every zip entry dated 1980-01-01, in a fixed order: same input, same bytes.

    What ``doc.save`` writes, part by part in its order (python-docx's package writer), but each part is
    deflated once, straight into the saved zip with its fixed date (``doc.save`` dates the entries with the
    build's time, so its zip was read back and every part deflated a second time)."""
    package = doc.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        writer: Any = _DatedZipWriter(target)  # what the package writer asks of its PhysPkgWriter
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    Path(path).write_bytes(out.getvalue())


class _DatedZipWriter:
    """The zip python-docx's package writer writes the parts to (its ``PhysPkgWriter``'s ``write``), dated 1980-01-01."""

    def __init__(self, target: zipfile.ZipFile):
        self.target = target

    def write(self, pack_uri: Any, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        self.target.writestr(entry, blob)


# ------------------------------------------------------------------ blocks the annex and the matrix share


def right_block(doc: DocumentObject, lines: list[str], indent_mm: float, space_after: float = 14) -> None:
    """The LAMPIRAN block (and the signature): left-aligned lines in the right half of the page."""
    for i, line in enumerate(lines):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Mm(indent_mm)
        p.paragraph_format.space_after = Pt(space_after if i == len(lines) - 1 else 0)
        p.paragraph_format.line_spacing = 1.0
        p.add_run(line)


def centred_title(doc: DocumentObject, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(24)
    p.add_run(text).bold = True


def chapter_heading(doc: DocumentObject, label: str, title: str, first: bool) -> None:
    """ "BAB I" over the title in capitals, a real Heading 1 (Word's navigation pane lists it)."""
    heading = doc.add_paragraph()  # what add_heading(level=1) makes, its style looked up once
    heading._p.style = style_id(doc.part, "Heading 1", WD_STYLE_TYPE.PARAGRAPH)
    heading.paragraph_format.page_break_before = not first
    heading.add_run(label).add_break()
    heading.add_run(title.upper())


def shade(cell: _Cell, fill: str = HEADER_FILL) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def repeat_as_header(row: _Row) -> None:
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def keep_row_whole(row: _Row) -> None:
    mark = OxmlElement("w:cantSplit")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def new_table(container: Container, widths_mm: Sequence[float]) -> Table:
    table = container.add_table(rows=0, cols=len(widths_mm))
    table._tbl.tblStyle_val = style_id(container.part, "Table Grid", WD_STYLE_TYPE.TABLE)  # as `table.style = ...`
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def by_script(pieces: list[Piece]) -> list[Piece]:
    """Each piece cut where a regional script begins or ends; such a run names its Noto font, so Word
    draws Aksara Bali, Jawa or Sunda with a font that has it (Word's own fonts do not)."""
    out: list[Piece] = []
    for text, fmt in pieces:
        for part, family in printchars.script_runs(text):
            out.append((part, {**fmt, "script": family} if family else fmt))
    return out


def add_runs(paragraph: Paragraph, pieces: list[Piece]) -> None:
    """The pieces as runs of the paragraph (a line break for each newline)."""
    for text, fmt in by_script(pieces):
        parts = NOT_XML.sub("", text).split("\n")  # characters XML cannot hold have no meaning in print either
        for i, part in enumerate(parts):
            run = paragraph.add_run(part)
            if i < len(parts) - 1:
                run.add_break(WD_BREAK.LINE)
            _apply(run, fmt)


_XML_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def runs_xml(pieces: list[Piece]) -> str:
    """The runs :func:`add_runs` makes, as XML text (properties in the schema's order)."""
    out: list[str] = []
    for text, fmt in by_script(pieces):
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
        parts = NOT_XML.sub("", text).translate(_XML_ESCAPE).split("\n")
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{part}</w:t>' for part in parts)
        out.append(f"<w:r>{rpr}{body}</w:r>")
    return "".join(out)


def _apply(run: Run, fmt: Format) -> None:
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
        set_font(run._r, fmt["script"])


# Style ids by document part and (name, type): python-docx finds a style by an XPath search over every style
# (compiled anew) on each `x.style = name`; a document's styles are all made before the first lookup.
_STYLE_IDS: weakref.WeakKeyDictionary[Any, dict[tuple[str, WD_STYLE_TYPE], str | None]] = weakref.WeakKeyDictionary()


def style_id(part: Any, name: str, kind: WD_STYLE_TYPE) -> str | None:
    """What setting a paragraph's or table's style to ``name`` writes (``part.get_style_id``), found once."""
    known = _STYLE_IDS.setdefault(part, {})
    if (name, kind) not in known:
        known[(name, kind)] = part.get_style_id(name, kind)
    return known[(name, kind)]


def fresh_paragraph(container: Container, style_id: str | None) -> Paragraph:
    """A new paragraph of that style (by id: python-docx's lookup by name or object scans every style
    each time); in a table cell the empty one Word puts in every cell is used first."""
    if isinstance(container, _Cell):
        paragraphs = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].runs and container not in _FILLED:
            _FILLED.add(container)
            paragraphs[0]._p.style = style_id
            return paragraphs[0]
    paragraph = container.add_paragraph()
    if style_id is not None:
        paragraph._p.style = style_id
    return paragraph


def spacer(container: Container, points: float) -> None:
    gap = container.add_paragraph()
    gap.paragraph_format.space_after = Pt(0)
    gap.paragraph_format.space_before = Pt(0)
    gap.paragraph_format.line_spacing = Pt(points)


def is_cell(container: Container) -> bool:
    return isinstance(container, _Cell)
