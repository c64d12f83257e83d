"""The books' one HTML tree model (books/htmltree.py) and the Word fast path checked against python-docx.

Print (htmltypst) and Word (htmldocx) read tables through the same model; these tests pin what
the model says (header rows, sections, spans, shares, links, unbreakable words) and that the two
converters split a table the same way. The Word fast path (``Writer.row_xml``) claims to write
the row python-docx would make: here both are built for the same rows and their XML compared.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from xml.etree import ElementTree

import pytest
from docx.oxml import OxmlElement, parse_xml

from fixtures import OFFICE_TEXT, REPO
from masterplan.books import htmldocx, htmltree, htmltypst, wordfile
from masterplan.validate.htmlrule import MAX_SPAN

BOOKS = REPO / "scripts" / "masterplan" / "books"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TOGGLES = {"b", "i", "strike", "cantSplit", "tblHeader", "caps", "vanish"}  # on/off properties: absent w:val is "true"


def table_of(html: str) -> htmltree.Table:
    root, _ = htmltree.parse(html)
    node = root.first("table")
    assert node is not None
    return htmltree.Table.read(node)


# ------------------------------------------------------------------ the model


def test_header_rows_are_those_of_thead_or_the_leading_rows_of_only_th():
    with_thead = table_of(
        "<table><tr><td>x</td></tr><thead><tr><th>A</th></tr></thead><tbody><tr><th>B</th></tr></tbody></table>"
    )
    assert [r.text for r in with_thead.head] == ["A"]
    assert [r.text for r in with_thead.body] == ["x", "B"]
    leading = table_of(
        "<table><tr><th>A</th><th>B</th></tr><tr><th>C</th><th>D</th></tr><tr><td>1</td><td>2</td></tr>"
        "<tr><th>E</th><th>F</th></tr></table>"
    )
    assert [r.text for r in leading.head] == ["AB", "CD"]
    assert [r.text for r in leading.body] == ["12", "EF"]  # a <th> row after data is no header row
    assert leading.rows == leading.head + leading.body


def test_a_label_row_starts_a_section_a_closing_total_row_does_not():
    table = table_of(
        "<table><thead><tr><th>Kode</th><th>Nama</th></tr></thead><tbody>"
        "<tr><td>1</td><td>a</td></tr><tr><th>Peluang</th><th>Ancaman</th></tr><tr><td>2</td><td>b</td></tr>"
        "<tr><th>Seluruh</th><th>program</th></tr></tbody></table>"
    )
    sections = table.sections()
    assert [[r.text for r in s.header] for s in sections] == [["KodeNama"], ["PeluangAncaman"]]
    assert [[r.text for r in s.rows] for s in sections] == [["1a"], ["2b", "Seluruhprogram"]]
    # A label row right after the header has no rows of data before it in its section: no new section.
    first = table_of("<table><thead><tr><th>K</th></tr></thead><tr><th>L</th></tr><tr><td>1</td></tr></table>")
    assert len(first.sections()) == 1


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("2", 2),
        ("1", 1),
        ("0", 1),
        ("-3", 1),
        ("²", 1),
        ("x", 1),
        ("", 1),
        (str(MAX_SPAN), MAX_SPAN),
        ("100000", MAX_SPAN),
    ],
)
def test_spans_are_ascii_numbers_bounded_by_the_html_rule(value, span):
    cell = htmltree.Node("td", {"colspan": value, "rowspan": value})
    assert htmltree.colspan(cell) == span
    assert htmltree.rowspan(cell) == span


def test_cells_are_placed_by_their_spans_and_the_table_is_as_wide_as_its_widest_row():
    table = table_of(
        '<table><tr><td colspan="2">a</td><td>b</td></tr><tr><td>c</td><td colspan="3">d</td></tr></table>'
    )
    assert table.columns == 4
    assert [(col, span, c.text) for col, span, c in htmltree.placed(table.rows[1])] == [(0, 1, "c"), (1, 3, "d")]


def test_column_shares_follow_the_template_else_the_text():
    assert table_of(
        '<table><colgroup><col style="width:30%"><col style="width: 70%"></colgroup>'
        "<tr><td>a</td><td>b</td></tr></table>"
    ).shares() == [30.0, 70.0]
    # A colgroup that does not name every column's width is not used.
    assert table_of(
        '<table><colgroup><col style="width:30%"><col></colgroup><tr><td>abcdefgh</td><td>b</td></tr></table>'
    ).shares() == [8.0, 4.0]
    # Rows that do not fill every column separately (a spanning cell) tell nothing about the shares.
    assert table_of(
        '<table><tr><td colspan="2">' + "x" * 50 + "</td></tr><tr><td>abcdef</td><td>" + "y" * 99 + "</td></tr></table>"
    ).shares() == [6.0, 60.0]


@pytest.mark.parametrize(
    ("href", "text", "address"),
    [
        ("https://example.org/", "example.org", None),
        ("https://example.org/a", "https://example.org/a", None),
        ("https://example.org/a", "situs", "https://example.org/a"),
        ("mailto:a@b.id", "a@b.id", None),
        ("mailto:a@b.id", "surat", "a@b.id"),
    ],
)
def test_a_link_shows_its_address_unless_its_text_is_the_address(href, text, address):
    node = htmltree.parse(f'<a href="{href}">{text}</a>')[0].elements()[0]
    assert htmltree.outside_link(node) == htmltree.Link(href, address)


def test_a_local_link_is_no_outside_link():
    node = htmltree.parse('<a href="/buku-1/">lokal</a>')[0].elements()[0]
    assert htmltree.outside_link(node) is None


def test_unbreakable_words_keep_codes_and_ranges_whole_and_cut_addresses():
    assert htmltree.unbreakable("GOV-01 2024–2028 lintas-sektor/OPD", "-–—/") == [
        "GOV-01",
        "2024–2028",
        "lintas-",
        "sektor/",
        "OPD",
    ]
    assert htmltree.unbreakable("www.contoh.go.id/layanan", "-–—/") == ["www.", "contoh.", "go.", "id/", "layanan"]
    assert htmltree.unbreakable("www.contoh.go.id/layanan", "-/–", addresses=False) == ["www.contoh.go.id/", "layanan"]
    assert htmltree.unbreakable("a – b", "-/–") == ["a", "–", "b"]
    assert htmltree.unbreakable("a – b", "-/–", lone_marks=False) == ["a", "b"]


def test_print_and_word_split_a_table_into_the_same_sections(tmp_path):
    html = (
        "<table><thead><tr><th>Kode</th><th>Nama</th></tr></thead><tbody><tr><td>1</td><td>a</td></tr>"
        "<tr><th>Peluang</th><th>Ancaman</th></tr><tr><td>2</td><td>b</td></tr><tr><th>L2</th><th>x</th></tr>"
        "<tr><td>3</td><td>c</td></tr></tbody></table>"
    )
    code = htmltypst.Converter(set(), "TeX Gyre Pagella", tmp_path).chapter(html)
    doc = wordfile.new_document("T", "A", dt.datetime(2024, 1, 1))
    htmldocx.Writer(160, tmp_path, None).chapter(doc, html)
    assert code.count("tabel(") == len(doc.tables) == 3
    assert [len(t.rows) for t in doc.tables] == [2, 2, 2]
    assert code.count("table.header(") == sum(
        1 for t in doc.tables for r in t.rows if r._tr.trPr is not None and r._tr.trPr.find(f"{W}tblHeader") is not None
    )


# ------------------------------------------------------------------ the Word fast path against python-docx


def canonical(tr) -> bytes:
    """A row's XML with what WordprocessingML leaves open made one way: a run per piece of content
    (text, line break), each with its run's properties, no empty text and no run without content
    (``<w:r><w:t>a</w:t><w:br/></w:r>`` and ``<w:r><w:t>a</w:t></w:r><w:r><w:br/></w:r>`` are the
    same text); ``xml:space="preserve"`` only where the text has outer white space; an on/off
    property's ``w:val="true"`` as its absence. Everything else (texts, properties, cells, spans,
    widths, styles) is compared as written."""
    tr = parse_xml(tr.xml)
    for run in list(tr.iter(f"{W}r")):
        props = run.find(f"{W}rPr")
        content = [c for c in run if c.tag != f"{W}rPr" and not (c.tag == f"{W}t" and not c.text)]
        parent, at = run.getparent(), run.getparent().index(run)
        parent.remove(run)
        for offset, item in enumerate(content):
            piece = OxmlElement("w:r")
            parent.insert(at + offset, piece)
            if props is not None:
                piece.append(copy.deepcopy(props))
            piece.append(item)
    for t in tr.iter(f"{W}t"):
        text = t.text or ""
        if text == text.strip(" \t\r\n"):
            t.attrib.pop(XML_SPACE, None)
        else:
            t.set(XML_SPACE, "preserve")
    for element in tr.iter():
        toggle = isinstance(element.tag, str) and element.tag.startswith(W) and element.tag[len(W) :] in TOGGLES
        if toggle and element.get(f"{W}val") in ("true", "1", "on"):
            del element.attrib[f"{W}val"]
    return ElementTree.canonicalize(tr.xml).encode()


LONG = " ".join(["teks panjang"] * 140)  # over TALL_ROW_CHARS: a row that may break across pages
TABLES = {
    "header rows and spans": '<table><thead><tr><th colspan="2">Program</th><th>Anggaran</th></tr><tr><th>Kode</th><th>Nama</th>'
    '<th>Rp</th></tr></thead><tbody><tr><td>GOV-01</td><td>Satu Data</td><td class="mp-angka">1.500</td></tr>'
    '<tr><td colspan="3">Seluruh program</td></tr><tr><td colspan="2">a</td><td>b</td></tr></tbody></table>',
    "empty and short rows": "<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td></td><td> </td><td>x</td></tr>"
    "<tr><td>only one</td></tr><tr></tr><tr><td>y</td><td></td></tr></table>",
    "office text": f"<table><tr><th>{OFFICE_TEXT}</th><th>Nilai</th></tr><tr><td>{OFFICE_TEXT}</td>"
    '<td class="mp-angka"><span class="mp-rp">Rp\u00a01.500.000</span> <span class="mp-ilustratif">ilustratif</span></td></tr>'
    "<tr><td>ᬩᬸᬮᬾᬮᬾᬂ</td><td>ꦧꦸꦊꦊꦁ ᮘᮥᮜᮨᮜᮨᮀ</td></tr></table>",
    "formatting": "<table><tr><td><strong>tebal</strong> <em>miring</em> <code>kode  x</code> <sup>2</sup> <u>garis</u> <del>hapus</del> "
    '<ins>sisip</ins> <span class="mp-kosong">belum ditetapkan</span> <span class="mp-sumber">sumber</span></td>'
    '<td>baris<br>baru <a href="https://example.org/a">tautan</a> <a href="mailto:a@b.id">a@b.id</a> '
    '<img src="x.png" alt="gambar"> &lt;b&gt; &amp; "kutip"</td></tr></table>',
    "tall row and label sections": f"<table><thead><tr><th>K</th><th>T</th></tr></thead><tbody><tr><td>1</td><td>{LONG}</td></tr>"
    "<tr><th>Peluang</th><th>Ancaman</th></tr><tr><td>2</td><td>b</td></tr></tbody></table>",
    "control characters": "<table><tr><td>a\x01b\x0bc</td><td>\ufffe</td></tr></table>",
}


@pytest.mark.parametrize("name", list(TABLES))
def test_the_fast_path_writes_the_row_python_docx_makes(name, tmp_path):
    doc = wordfile.new_document("T", "A", dt.datetime(2024, 1, 1))
    writer = htmldocx.Writer(160, tmp_path, None)
    writer.styles(doc)
    table = table_of(TABLES[name])
    widths, scale = htmldocx.column_widths(table, writer.width)
    rows = [(tr, True) for tr in table.head] + [(tr, False) for tr in table.body]
    assert all(writer.row_is_text(tr) for tr, _ in rows), "every row of these tables takes the fast path"
    by_docx, by_xml = wordfile.new_table(doc, widths), wordfile.new_table(doc, widths)
    for tr, head in rows:
        writer.row_docx(by_docx, tr, head)
        by_xml._tbl.append(writer.row_xml(by_xml, tr, head))
    assert len(by_docx.rows) == len(by_xml.rows) == len(rows)
    for docx_row, xml_row in zip(by_docx.rows, by_xml.rows, strict=True):
        assert canonical(xml_row._tr).decode() == canonical(docx_row._tr).decode()
    assert scale <= 1.0


def test_the_comparison_sees_a_difference():
    """The canonical form is no blanket: a different text, property or span still differs."""
    doc = wordfile.new_document("T", "A", dt.datetime(2024, 1, 1))
    writer = htmldocx.Writer(160, Path("."), None)
    writer.styles(doc)
    table = table_of("<table><tr><td>a</td><td>b</td></tr></table>")
    widths, _ = htmldocx.column_widths(table, writer.width)
    by_docx, by_xml = wordfile.new_table(doc, widths), wordfile.new_table(doc, widths)
    writer.row_docx(by_docx, table.rows[0], False)
    other = table_of("<table><tr><td><strong>a</strong></td><td>b</td></tr></table>")
    by_xml._tbl.append(writer.row_xml(by_xml, other.rows[0], False))
    assert canonical(by_xml.rows[0]._tr) != canonical(by_docx.rows[0]._tr)
    head = wordfile.new_table(doc, widths)
    head._tbl.append(writer.row_xml(head, table.rows[0], True))
    assert canonical(head.rows[0]._tr) != canonical(by_docx.rows[0]._tr)
