"""The raw-HTML fast path (rawhtml.py): every page must come out exactly as Python-Markdown alone makes it."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _RawHTMLPreprocessor

from fixtures import REPO, make_project, mkdocs_build, region, write_region
from masterplan.derive import pipeline
from masterplan.render import rawhtml, templates
from masterplan.validate import htmlrule

EXTENSIONS: list[str] = list(htmlrule.EXTENSIONS)  # the site's Markdown extensions (the plugin installs them)
CONFIGS: dict[str, dict] = {}


def convert(text: str, fast: bool) -> tuple[str, set]:
    """The HTML and the anchor ids MkDocs collects, with or without the fast path."""
    md = markdown.Markdown(extensions=EXTENSIONS + ([rawhtml.EXTENSION] if fast else []), extension_configs=CONFIGS)
    ids = _RawHTMLPreprocessor()
    ids._register(md)  # as MkDocs' Page.render does
    return md.convert(text), ids.present_anchor_ids


def assert_same(text: str) -> int:
    """Same HTML and ids both ways; returns how many blocks the fast path set aside."""
    slow_html, slow_ids = convert(text, fast=False)
    fast_html, fast_ids = convert(text, fast=True)
    assert fast_html == slow_html
    assert fast_ids == slow_ids
    return len(scanned(text))


def share_of_tags_set_aside(pages: dict[str, str]) -> float:
    inside = sum(block.count("<") for text in pages.values() for _, _, block in scanned(text))
    return inside / sum(text.count("<") for text in pages.values())


def scanned(text: str) -> list:
    """The blocks the scanner sets aside in ``text`` (after Markdown's whitespace normalisation)."""
    md = markdown.Markdown()
    normal = "\n".join(md.preprocessors["normalize_whitespace"].run(text.split("\n")))
    return rawhtml.raw_blocks(normal, md.is_block_level)


def rendered_pages(root, files=None) -> dict[str, str]:
    view = pipeline.prepare(write_region(root, files), root)
    return templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(), root)


@pytest.mark.slow  # every page of two projects converted twice
@pytest.mark.parametrize("source", ["sample", "fixture"])
def test_every_page_converts_identically(source, tmp_path):
    if source == "sample":
        view = pipeline.prepare(REPO / "data", REPO)
        pages = templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(), REPO)
    else:
        pages = rendered_pages(tmp_path, region())
    set_aside = {path: assert_same(text) for path, text in pages.items()}
    # Not vacuous: the tables of programme pages, explorers and chapters are set aside.
    programme = next(p for p in pages if p.startswith("program/") and p != "program/index.md")
    assert set_aside[programme] >= 3
    assert set_aside["peta-jalan.md"] >= 3  # the Gantt figure (SVG with <title>) and the tables
    assert share_of_tags_set_aside(pages) > 0.9


def test_blocks_are_set_aside_whole_and_followed_by_a_blank_line():
    text = (
        '# T\n\n<div class="mp-tabel"><table>\n<tr><td>a &amp; b</td></tr>\n</table></div>\n\nSesudah <span>x</span>.\n'
    )
    ((start, end, stored),) = scanned(text)
    assert text[start:end] == stored[:-1] and stored.endswith("</div>\n")
    assert assert_same(text) == 1


def test_anchor_ids_inside_set_aside_blocks_reach_mkdocs():
    text = '<ol class="mp-misi">\n<li id="misi-m1">Satu</li>\n<li><a name="jangkar">dua</a> <span id="a&amp;b">x</span></li>\n</ol>\n\nTeks.\n'
    assert len(scanned(text)) == 1
    _, ids = convert(text, fast=True)
    assert {"misi-m1", "jangkar", "a&b"} <= ids
    assert_same(text)


EDGE_CASES = {
    "heading right before a table": "### Judul\n<div><table><tr><td>1</td></tr></table></div>\n### Lagi\n<div>b</div>\n",
    "text after the end tag on its line": "<div>a</div> sesudah\n\nteks\n",
    "markup after the end tag on its line": "<div>a</div><span>b</span>\n\n<p>c</p>\n",
    "entity after the end tag on its line": "<div>a</div>&amp; b\n\n<p>c</p>\n",
    "indented one to three spaces": "  <div>a</div>\n\n   <p>b</p>\n\n",
    "indented four spaces (code)": "teks\n\n    <div>a</div>\n\n<p>b</p>\n",
    "blank lines inside a block": "<div>\n\n<p>a</p>\n\n</div>\n\nteks\n",
    "unclosed block": "<div><p>a</p>\n\nteks\n\n<p>b</p>\n",
    "stray end tags": "</div>\n\n<div>a</span></p></div>\n\n</p>teks\n",
    "void elements pushed on the stack": '<div><br><img src="a.png"><col style="w"></div>\n\n<table><colgroup><col><col></colgroup><tr><td>x<br></td></tr></table>\n\nz\n',
    "hr then a block on the next line": '<hr>\n<div class="mp-tabel" tabindex="0"><table></table></div>',  # found by Hypothesis
    "self-closing and hr": "<hr>\n<hr/>\n\n<div><hr><br/></div>\n\n<hr> teks <b>x</b>\n\n<p>z</p>\n",
    "comment first": "<!-- catatan -->\n\n<div>a</div>\n\n",
    "comment inside": "<div><!-- x --></div>\n\n<div>b</div>\n",
    "script in a code span": "Teks `<script>` di kode.\n\n<div>a</div>\n\n",
    "style block": "<style>p{}</style>\n\n<div>a</div>\n",
    "svg title": '<figure><svg><title id="t">Judul</title><rect width="1"/></svg></figure>\n\nteks\n',
    "svg title with markup": "<figure><svg><title>a <b>x</b></title></svg></figure>\n\n<div>b</div>\n",
    "textarea with entity": "<div><textarea>a &amp; b</textarea></div>\n\n<div>b</div>\n",
    "character references": "<div>&#39; &#x27; &#X27; &amp; &copy;</div>\n\n<div>&#39x; &#;</div>\n\n<p>b</p>\n",
    "character reference without semicolon before": "a &#39 b\n\n<div>a</div>\n\n",
    "single-quoted attribute": "<div class='x'>a</div>\n\n<div>b</div>\n",
    "bare attribute value": "<div class=x>a</div>\n\n<div>b</div>\n",
    "boolean attribute and spaces": '<div hidden  data-x="1" >a</div >\n\n<details open><summary>s</summary>t</details>\n\n',
    "tag over two lines": '<div\n class="x">a</div>\n\n<div>b</div>\n',
    "angle brackets as text": "a < b dan 3<4 <\n\n<div>x < y</div>\n\n</ teks </> <!x> <?php ?>\n\n<div>c</div>\n",
    "upper-case tags": '<DIV CLASS="x"><P>a</P></DIV>\n\n<Table><TR><TD>1</TD></TR></Table>\n',
    "inline tags at line start": '<span>a</span> teks\n<a href="x">b</a>\n\n<strong>c</strong>\n',
    "block tag mid-line": "teks <div>a</div> teks\n\n<div>b</div>\n",
    "list item then block": "- butir\n<div>a</div>\n\n1. satu\n\n   <div>b</div>\n\n",
    "admonition with raw HTML": '!!! note "Catatan"\n    Angka <span class="x">ilustratif</span>.\n    <div>dalam</div>\n\n<div>luar</div>\n',
    "definition list after a block": "<div>a</div>\n\n: definisi\n\nIstilah\n: arti\n",
    "table after a block": "<p>a</p>\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>x</div>\n",
    "footnote near blocks": "Teks[^1].\n\n<div>a</div>\n\n[^1]: Catatan <span>x</span>\n\n<div>b</div>\n",
    "attribute list": '<div>a</div>\n{: .kelas }\n\n## Judul {: #anchor }\n\n<p id="p1">b</p>\n',
    "tabs and trailing spaces": "<div>\ta</div>   \n   \n<p>b</p>\t\n\n",
    "whitespace-only lines inside": "<div>\n   \n<p>a</p>\n</div>\n\nz\n",
    "carriage returns": "<div>a</div>\r\n\r\n<p>b</p>\r\n",
    "placeholder look-alike": "wzxhzdk:0 <div>a</div>\n\n<div>wzxhzdk:1</div>\n\n",
    "block at the very end": "teks\n\n<div>a</div>",
    "nested same tags": "<div><div><div>a</div></div>b</div>\n\n<ul><li>a<ul><li>b</li></ul></li></ul>\n",
    "code block fence": "```\n<div>a</div>\n```\n\n<div>b</div>\n",
    "heading tags": '<h2 id="judul">Judul</h2>\n\n<a name="x"></a>\n\n<p><a name="y">y</a></p>\n',
    "empty id values": '<p id="">a</p>\n\n<p id>b</p>\n',
    "hostile data escaped": "<div><td>&lt;script&gt;alert(1)&lt;/script&gt; &#123;&#123; 7*7 &#125;&#125; &#42;tebal&#42;</td></div>\n\n",
}


@pytest.mark.parametrize("text", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_cases_convert_identically(text):
    assert_same(text)


FRAGMENTS = [
    '<div class="mp-tabel" tabindex="0"><table>',
    "</table></div>",
    "<tr><td>",
    "</td></tr>",
    "<p>",
    "</p>",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    '<span class="x">',
    "</span>",
    "<br>",
    "<hr>",
    "<br/>",
    '<col style="width:5%">',
    "<figure><svg>",
    "<title>",
    "</title>",
    "</svg></figure>",
    '<a href="x.html">',
    '<a name="n">',
    "</a>",
    '<li id="i1">',
    "&amp;",
    "&#39;",
    "&#39",
    "&",
    "<",
    " < ",
    "<!-- c -->",
    "<script>",
    "</script>",
    "</>",
    "teks",
    "kata *miring*",
    "`<div>`",
    "# Judul",
    "## Sub",
    "- butir",
    "1. satu",
    "!!! note",
    "    ",
    "  ",
    " ",
    "\t",
    "| a | b |",
    "|---|---|",
    ": definisi",
    "[^1]",
    "[^1]: catatan",
    "{: .k }",
    "<DIV>",
    "</DIV>",
    "<details open>",
    "</details>",
    "<p class='q'>",
    '<div\nclass="x">',
    "</div >",
    "\r",
]


@pytest.mark.slow  # 600 examples
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(["", "", " ", "\n", "\n", "\n\n", "\n   \n"])),
        max_size=30,
    )
)
def test_generated_documents_convert_identically(parts):
    assert_same("".join(fragment + separator for fragment, separator in parts))


@pytest.mark.build
def test_strict_build_checks_links_to_anchors_inside_set_aside_blocks(tmp_path):
    """A chapter may link to an id in a template's block: MkDocs must still find it, and still miss a wrong one."""
    project = make_project(tmp_path / "proyek", region())
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"\n      books:\n(?:        .*\n)+", "\n      books: []\n", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    chapter = project / "docs/buku-1/bab-1-pendahuluan.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n\nLihat [misi pertama](../buku-2/bab-2-visi-misi.md#misi-m1) "
        "dan [yang tidak ada](../buku-2/bab-2-visi-misi.md#misi-m9).\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert "#misi-m9" in result.stderr
    assert "#misi-m1" not in result.stderr
