"""Boundary: what a chapter author writes becomes HTML on the site's origin.

The one rule judges the HTML a chapter becomes (expressions included); macros that exist to emit
HTML are the only exemption (render/chapterhtml.py); a chapter includes nothing but the macro
library; it takes no id of the theme or the site's scripts; a chapter has a size limit; no table
is wider than Word allows. Each payload is refused at its line, or the page holds nothing active.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from fixtures import REPO, render_test_chapter, write_region
from masterplan.derive import pipeline
from masterplan.render import chapterhtml, filters, templates
from masterplan.validate import assets, htmlrule


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    root = tmp_path_factory.mktemp("bab")
    return pipeline.prepare(write_region(root), root)


def render_chapter(tmp_path, view, source: str):
    """(problems as (file, line, message), the page's HTML when the chapter rendered)."""
    import markdown

    problems, page = render_test_chapter(tmp_path, view, source)
    return problems, None if page is None else markdown.Markdown(extensions=htmlrule.EXTENSIONS).convert(page)


ACTIVE_ELEMENTS = {
    "script",
    "meta",
    "iframe",
    "object",
    "embed",
    "style",
    "link",
    "base",
    "form",
    "svg",
    "math",
    "frame",
}


def active_parts(html_text: str) -> list[str]:
    """What a browser could run or be sent away by, in the chapter's own part of the page."""
    found = []
    for tag in BeautifulSoup(html_text, "html.parser").find_all(True):
        if tag.name in ACTIVE_ELEMENTS:
            found.append(tag.name)
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if tag.name == "col" and name == "style" and re.fullmatch(r"width:\d+%", text):
                continue  # a macro table's column widths
            if (
                name.startswith("on")
                or name in ("style", "srcdoc", "formaction")
                or re.match(r"\s*(javascript|data|vbscript):", text, re.I)
            ):
                found.append(f"{tag.name}[{name}]")
            if name == "id" and htmlrule.reserved_id(text):
                found.append(f"#{text}")
    return found


# Variants of each way an expression printed markup past the old rule (not the issue's own inputs).
EXPRESSION_PAYLOADS = [
    "{{ '<META HTTP-EQUIV=Refresh CONTENT=\"0;URL=https://contoh.invalid\">'|safe }}",
    "{{ ('<scr' ~ 'ipt>alert(1)</scr' ~ 'ipt>')|safe }}",
    "{{ ['<ifr', 'ame src=https://contoh.invalid>']|join|safe }}",
    "{{ '<p %s>x</p>'|format('onclick=alert(1)')|safe }}",
    "{{ '<b>x</b>'|replace('b>', 'style>')|safe }}",
    '{{ \'<div class="a" style="position:fixed;inset:0">x</div>\'|safe|trim }}',
    '{% set x %}<script src="assets/a.js"></script>{% endset %}{{ x }}',
    "{{ '<svg><script>alert(1)</script></svg>'|safe|upper }}",
    "{{ '<a href=\"jav&#x09;ascript:alert(1)\">x</a>'|safe }}",
    "{{ '<img src=\"https://contoh.invalid/x.png\">'|safe }}",
    "{% call uraian_daerah('Judul') %}<iframe src=\"https://contoh.invalid\"></iframe>{% endcall %}",
    "{{ kalimat_cakupan(mp.completeness_facts if false else {'complete': true}, '<script>x</script>'|safe) }}",
    "{{ tabel_program(dimensi='<script>alert(1)</script>'|safe) }}",
    "{{ daftar(['<img src=x onerror=alert(1)>'|safe]) }}",
    "{{ (tabel_status()|string)|replace('<table', '<table onmouseover=\"alert(1)\"')|safe }}",
    "{{ tabel_status() ~ ('<script>alert(1)</script>'|safe) }}",
    '<span title="{{ \'a" onmouseover="alert(1)\'|kode }}">x</span>',
    "<span title='{{ \"a' onmouseover='alert(1)\"|md }}'>x</span>",
    '<span title="{{ \'a" style="position:fixed\'|md }}">x</span>',
    "<span title=\"{{ {'a': 'b\" onclick=\"x'}|tojson }}\">x</span>",
    '<a title="{{ tabel_status() }}">x</a>',
    "<{{ tabel_status() }}>",
]


@pytest.mark.parametrize("payload", EXPRESSION_PAYLOADS)
def test_expression_output_is_judged_as_html(tmp_path, view, payload):
    problems, html_text = render_chapter(tmp_path, view, f"# Uji\n\nSebuah paragraf.\n{payload}\n")
    if problems:
        assert {(f, line) for f, line, _ in problems} == {("docs/uji.md", 4)}, problems
        assert all(("Traceback" not in m and m[:1].islower()) or m[:1] == "`" for _, _, m in problems)
    else:
        assert active_parts(html_text) == [], html_text


# A macro's HTML has line breaks: on an indented (code) line, they end the code block in the page, and what
# follows it on the macro's last line becomes Markdown. The judged text must break there too, and what the
# page becomes is checked once more.
AFTER_A_MACRO_ON_A_CODE_LINE = [
    "    <script>kode</script> {{ tabel_status() }} [a [b] c](javascript:alert(1))",
    '    kode {{ tabel_status() }} <a href="javascript:alert(1)">x</a>',
    "    kode {{ tabel_program() }} <img src=x onerror=alert(1)>",
    "- {{ tabel_status() }} [x](javascript:alert(1))",
    "    “kode” – {{ daftar(['a', 'b']) }} <iframe src=\"https://contoh.invalid\"></iframe>",
    # Markdown's HTML reader takes a tag after a block's end as HTML even inside backticks: the page's own
    # HTML is checked for anything active as well (htmlrule.active_findings).
    "{{ tabel_status() }} `<script>`",
]


@pytest.mark.parametrize("payload", AFTER_A_MACRO_ON_A_CODE_LINE)
def test_what_follows_a_macros_html_is_judged_where_the_page_puts_it(tmp_path, view, payload):
    problems, html_text = render_chapter(tmp_path, view, f"# Uji\n\n{payload}\n")
    assert problems, active_parts(html_text or "")
    assert {(f, line) for f, line, _ in problems} == {("docs/uji.md", 3)}, problems


def test_the_sample_chapters_still_render_with_their_macros(tmp_path, view):
    problems, html_text = render_chapter(
        tmp_path,
        view,
        "# Uji\n\n{{ tabel_program() }}\n\n{{ gantt() }}\n\n{{ swot('governance') }}\n"
        "{% call uraian_daerah('Judul') %}Teks **daerah** dengan [tautan](https://contoh.id).{% endcall %}\n",
    )
    assert problems == []
    assert "<strong>daerah</strong>" in html_text and "mp-tabel" in html_text


def test_a_call_blocks_text_is_the_chapters_and_judged(tmp_path, view):
    problems, _ = render_chapter(
        tmp_path,
        view,
        "# Uji\n\n{% call uraian_daerah('Judul') %}\nbaris\n<object data=\"x\"></object>\n{% endcall %}\n",
    )
    assert [(f, line) for f, line, _ in problems] == [("docs/uji.md", 5)]


def test_kode_md_and_tojson_escape_quotes():
    assert '"' not in str(filters.inline_code('a" onclick="x `b"c`'))
    assert "'" not in str(filters.inline_code("a' x"))
    shown = str(filters.markdown_field('Kata "kutip" dan \'tunggal\', kode `a"b`.'))
    assert shown == 'Kata &#34;kutip&#34; dan &#39;tunggal&#39;, kode `a"b`.'
    env = templates._base_env(REPO / "macros")
    assert '"' not in env.from_string("{{ x|tojson }}").render(x={"a": 'b"c'})


@pytest.mark.parametrize(
    "line",
    [
        '{% include "sunting/index.html" %}',
        "{% include 'theme/main.html' ignore missing %}",
        '{% import "pages/program.md.j2" as halaman %}',
        '{% from "print/buku.typ.j2" import x %}',
        '{% include ["sunting/index.html", "masterplan.j2"] %}',
        "{% include nama_berkas %}",
        '{% extends "masterplan.j2" %}',
    ],
)
def test_including_anything_but_the_macro_library_is_refused(tmp_path, view, line):
    problems, _ = render_chapter(tmp_path, view, f"# Uji\n\nbaris\n{line}\n")
    assert [(f, ln) for f, ln, _ in problems] == [("docs/uji.md", 4)]
    assert "tidak diizinkan di bab" in problems[0][2]


def test_importing_the_macro_library_is_allowed(tmp_path, view):
    problems, html_text = render_chapter(
        tmp_path, view, '# Uji\n\n{% from "masterplan.j2" import nama_wilayah %}{{ nama_wilayah() }}\n'
    )
    assert problems == [] and html_text


def test_every_library_macro_is_listed_once():
    names = set(re.findall(r"\{%-? macro (\w+)", (REPO / "macros/masterplan.j2").read_text(encoding="utf-8")))
    assert names == chapterhtml.HTML_MACROS | chapterhtml.TEXT_MACROS
    assert not chapterhtml.HTML_MACROS & chapterhtml.TEXT_MACROS


@pytest.mark.parametrize(
    "snippet",
    [
        '<div id="__config">{"search": "assets/x.js"}</div>',
        "Paragraf\n{: #__search }",
        "## __config",
        "## MD-1 Sasaran",
        '<span id="md-content">x</span>',
        '<p id="MD-Header">x</p>',
        '<p id="mp-cari-hasil">x</p>',
        "{{ '<b id=\"__drawer\">x</b>'|safe }}",
    ],
)
def test_ids_of_the_theme_and_the_site_scripts_are_refused(tmp_path, view, snippet):
    problems, _ = render_chapter(tmp_path, view, f"# Uji\n\nbaris\n{snippet}\n")
    assert problems and all(line in (4, 5) for _, line, _ in problems), problems
    assert any("dipakai oleh tema atau skrip situs" in m for _, _, m in problems)


def test_the_themes_configuration_comes_before_any_page_content(built):
    project, _ = built
    for page in ["index.html", "buku-1/bab-1-pendahuluan.html", "program/index.html"]:
        soup = BeautifulSoup((project / "site" / page).read_text(encoding="utf-8"), "html.parser")
        configs = soup.select("#__config")
        assert len(configs) == 1 and configs[0].find_parent("head") is not None, page
        assert soup.select_one("[id]") is configs[0] or soup.head.find(id="__config") is configs[0]


def table(columns: int) -> str:
    return (
        "| "
        + " | ".join(f"k{i}" for i in range(columns))
        + " |\n|"
        + "---|" * columns
        + "\n| "
        + " | ".join("1" for _ in range(columns))
        + " |\n"
    )


def test_a_table_wider_than_word_allows_is_refused(tmp_path, view):
    problems, _ = render_chapter(tmp_path, view, "# Uji\n\nbaris\n\n" + table(64))
    assert [(f, line) for f, line, _ in problems] == [("docs/uji.md", 5)]
    assert "63 kolom" in problems[0][2]
    assert render_chapter(tmp_path, view, "# Uji\n\n" + table(63))[0] == []


def test_a_merged_cell_counts_its_columns(tmp_path, view):
    wide = "<table><tr>" + '<td colspan="40">a</td><td colspan="30">b</td>' + "</tr></table>"
    problems, _ = render_chapter(tmp_path, view, f"# Uji\n\n{wide}\n")
    assert [line for _, line, _ in problems] == [3]


def test_an_oversized_chapter_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from pathlib import Path

    from masterplan.load import inputs

    docs = tmp_path / "docs"
    docs.mkdir()
    big = docs / "besar.md"
    big.write_text("# Besar\n\n" + "kata " * (inputs.MAX_CHAPTER_BYTES // 5 + 10), encoding="utf-8")
    (docs / "kecil.md").write_text("# Kecil\n", encoding="utf-8")
    read = []
    original = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: read.append(self.name) or original(self, *a, **k))
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or b"")
    _files, problems = assets.sources(docs, tmp_path / "macros", tmp_path)
    assert [(p.file, p.line) for p in problems] == [("docs/besar.md", 1)]
    assert "lebih dari batas 512 KB per bab" in problems[0].message
    assert "besar.md" not in read
