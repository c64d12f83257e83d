"""The build's speed work that must not change what it finds or makes.

- fontconfig asked in the process (validate/fontconfig.py) answers with the very text ``fc-match -f`` and
  ``fc-list -f`` print, and printchars falls back to the commands when the library is not there;
- the print fonts are read once (books/typesetting.py ``print_fonts``) and give the same PDF as Typst's own
  reading of the font folders;
- Pagefind's copy of a page (site/search.py) keeps the title and the article, without the phone pass's attributes.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from masterplan.site import search
from masterplan.validate import fontconfig, printchars

FAMILIES = [*printchars.FONT_FAMILIES, *(s.family for s in printchars.REGIONAL_SCRIPTS), "Tidak Ada Fon Ini"]
needs_fontconfig = pytest.mark.skipif(
    shutil.which("fc-match") is None or fontconfig.match("serif", "%{file}") is None,
    reason="fontconfig (commands and library) is not installed",
)


def _command(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


@needs_fontconfig
@pytest.mark.parametrize("family", FAMILIES)
def test_in_process_answers_are_the_commands_text(family):
    assert fontconfig.match(family, "%{family}\t%{file}") == _command("fc-match", "-f", "%{family}\t%{file}", family)
    assert fontconfig.listing(family, "%{file}\n") == _command("fc-list", "-f", "%{file}\n", family)


@needs_fontconfig
def test_every_font_and_its_characters_as_fc_list_prints_them():
    assert fontconfig.listing("", "%{file}\t%{charset}\n") == _command("fc-list", "-f", "%{file}\t%{charset}\n")


@needs_fontconfig
def test_printchars_finds_the_same_without_the_library(monkeypatch):
    """Where the library cannot be loaded the commands are run, with the same findings."""
    asked = (printchars.font_dirs(), printchars.regional_font_files(), printchars.drawable())
    for cached in (printchars.font_dirs, printchars.regional_font_files, printchars.drawable):
        cached.cache_clear()
    monkeypatch.setattr(fontconfig, "match", lambda pattern, fmt: None)
    monkeypatch.setattr(fontconfig, "listing", lambda pattern, fmt: None)
    try:
        assert (printchars.font_dirs(), printchars.regional_font_files(), printchars.drawable()) == asked
    finally:
        for cached in (printchars.font_dirs, printchars.regional_font_files, printchars.drawable):
            cached.cache_clear()


@needs_fontconfig
def test_fonts_read_once_typeset_as_the_folders_do():
    typst = pytest.importorskip("typst")
    from masterplan.books import typesetting

    source = '#set text(font: "TeX Gyre Bonum")\nLampiran ᬅᬓ᭄ᬱᬭ 2024–2033 · “kutip”\n'.encode()
    by_folders = typst.compile(source, font_paths=printchars.font_dirs(), ignore_system_fonts=True, format="pdf")
    read_once = typst.compile(source, font_paths=typesetting.print_fonts(), ignore_system_fonts=True, format="pdf")
    assert read_once == by_folders


def test_pagefind_copy_is_title_and_article_without_phone_attributes():
    page = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Program - Situs</title>'
        '<script id="__config">{"a": 1}</script></head><body dir="ltr"><nav>Menu</nav>'
        '<article class="md-content__inner md-typeset"><h1 id="p">Program</h1>'
        '<table role="table" data-ponsel="kartu"><tbody role="rowgroup"><tr role="row">'
        '<td role="cell" data-judul>GOV-01</td><td role="cell" data-label="Nama &amp; OPD">Satu data</td>'
        '<td role="cell" data-kosong></td></tr></tbody></table>'
        '<p>Teks role="cell" data-label="x" tetap.</p></article><footer>Kaki</footer></body></html>'
    )
    marked = search.annotate(page, {})
    assert marked is not None
    assert marked.startswith(
        '<!doctype html><html lang="id"><head><title>Program - Situs</title></head><body dir="ltr">'
    )
    assert "<table><tbody><tr><td>GOV-01</td> <td>Satu data</td> <td></td> </tr></tbody></table>" in marked
    assert '<p>Teks role="cell" data-label="x" tetap.</p>' in marked  # text is not touched, only table tags
    assert "Menu" not in marked and "Kaki" not in marked and "__config" not in marked


@needs_fontconfig
def test_drawable_is_every_code_point_of_the_print_folders_fonts():
    """The merged ranges give the set that adding each font's ranges one by one gives."""
    from pathlib import Path

    folders = [Path(d) for d in printchars.font_dirs()]
    points: set[int] = set()
    for row in _command("fc-list", "-f", "%{file}\t%{charset}\n").splitlines():
        file, _, charset = row.partition("\t")
        if any(folder in Path(file).parents for folder in folders):
            for part in charset.split():
                low, _, high = part.partition("-")
                points.update(range(int(low, 16), int(high or low, 16) + 1))
    assert printchars.drawable() == frozenset(points)


def test_word_document_saved_once_is_the_document_saved_and_zipped_again(tmp_path):
    """wordfile.save deflates each part once; the bytes are those of python-docx's save re-zipped with fixed dates."""
    import datetime as dt
    import io
    import zipfile

    pytest.importorskip("docx")
    from masterplan.books import wordfile

    doc = wordfile.new_document("Lampiran", "Pemerintah Kabupaten", dt.datetime(2024, 1, 2))
    wordfile.chapter_heading(doc, "BAB I", "Pendahuluan", first=True)
    wordfile.add_runs(doc.add_paragraph(), [("Teks ", {}), ("tebal", {"bold": True}), ("\nbaris ᬅᬓ᭄ᬱᬭ", {})])
    table = wordfile.new_table(doc, [40, 60])
    wordfile.add_runs(table.add_row().cells[0].paragraphs[0], [("sel", {})])
    wordfile.save(doc, tmp_path / "sekali.docx")

    raw, again = io.BytesIO(), io.BytesIO()
    doc.save(raw)
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(again, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, wordfile.ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    assert (tmp_path / "sekali.docx").read_bytes() == again.getvalue()
    assert b'w:tblStyle w:val="TableGrid"' in zipfile.ZipFile(again).read("word/document.xml")
