"""Stage 2, validate: the one rule for what editors' Markdown may make into HTML.

It applies to the Markdown fields of the data (``ringkasan``, ``penjelasan``, ...) and to
the text of the chapters under ``docs/`` (what the editor wrote, not what a macro prints:
the macros are the project's code and escape every data value). It is checked on the HTML
that Python-Markdown makes of the text, with the site's own Markdown extensions, so nested
brackets, attribute lists (``{: ...}``), reference links and raw HTML are judged as the
browser will see them, not guessed from the source with a regular expression.

The rule:

- **Elements**: text structure only (paragraphs, headings, lists, tables, links, images,
  emphasis, code, quotes, figures, ``div``/``span``; see :data:`ELEMENTS`). No ``script``,
  ``style``, ``meta``, ``iframe``, ``form``, ``svg``, ... A Markdown field may hold no raw
  HTML at all (:mod:`rules`) and no level-1 heading (the chapter holding it has one).
- **Attributes**, written as raw HTML or through an attribute list ``{: ...}``: ``class``,
  ``id``, ``title``, ``lang`` on any element, plus ``href`` on links, ``src``/``alt`` on
  images, ``colspan``/``rowspan`` (1 to :data:`MAX_SPAN`) and ``scope`` on table cells, and
  the cell alignment the tables extension writes. No event handlers, no ``style``.
- **Links** go to ``http://``, ``https://``, ``mailto:``, ``#section`` or a relative path of
  the site; **images** come only from the site's own files (a relative path).
- **Ids** the theme or the site's scripts use are not a chapter's: ``__config``, ``__search``,
  any id starting with ``__`` or ``md-`` (Material's), and :data:`SCRIPT_IDS` (a heading's
  generated id counts too).

For a chapter, the rule reads the HTML the chapter *becomes* (rendered, expressions included;
see :mod:`..render.chapterhtml`), not its source.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

# The Markdown extensions of the site, the books and this rule: the one list. The plugin adds to the
# site's configuration those a project's mkdocs.yml does not name (``site/plugin.py``, ``on_config``),
# the books convert chapters with them (``books/typesetting.py``).
EXTENSIONS = ["tables", "attr_list", "admonition", "def_list", "footnotes", "toc"]


def add_extensions(listed: list[str], more: list[str] | None = None) -> None:
    """Append to a site's Markdown extensions (those its mkdocs.yml names, validated by MkDocs) the ones of
    :data:`EXTENSIONS` and ``more`` it does not name yet, in that order."""
    for name in [*EXTENSIONS, *(more or [])]:
        if name not in listed:
            listed.append(name)


MAX_SPAN = 50
# Word holds at most 63 columns in a table; a wider table could not be in the Word annex.
MAX_TABLE_COLUMNS = 63
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
ELEMENTS = frozenset(
    [
        *HEADINGS,
        "p",
        "br",
        "hr",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "small",
        "sub",
        "sup",
        "mark",
        "abbr",
        "kbd",
        "code",
        "pre",
        "blockquote",
        "q",
        "cite",
        "span",
        "div",
        "a",
        "img",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "colgroup",
        "col",
        "details",
        "summary",
        "section",
        "article",
        "aside",
        "time",
    ]
)
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang"})
ELEMENT_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start"},
    "li": {"value"},
    "col": {"span"},
    "time": {"datetime"},
    "details": {"open"},
}
_CELL_ALIGN = re.compile(r"text-align: (left|right|center);?")  # what the tables extension writes
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
H1 = "# "  # needle of a level-1 heading; found by _H1_LINE, not by text search
_H1_LINE = re.compile(r"^ {0,3}#(?!#)|^=+[ \t]*$", re.M)
# Ids read by the site's own scripts (docs/assets/cari.js, macros/theme/): besides Material's `__*` and `md-*`.
SCRIPT_IDS = frozenset({"mp-cari-hasil"})
RESERVED_ID_PREFIXES = ("__", "md-")
# What the render puts where an HTML macro's output was (render/chapterhtml.py): text between elements only.
MACRO_PLACEHOLDER = "keluaranmakro"
LINK_RULE = "tautan hanya boleh ke `https://`, `http://`, `mailto:`, `#bagian` atau berkas di dalam situs"


@dataclass(frozen=True)
class Finding:
    needle: str  # text to look for in the source, to find the line
    message: str
    also: str = ""  # another text to look for, when the needle is not in the source


def reserved_id(value: str) -> bool:
    target = _INVISIBLE.sub("", value).lower()
    return target.startswith(RESERVED_ID_PREFIXES) or target in SCRIPT_IDS


def link_allowed(url: str) -> bool:
    target = _INVISIBLE.sub("", url)
    scheme = _SCHEME.match(target)
    if scheme:
        return scheme.group(1).lower() in ("http", "https", "mailto")
    return not target.startswith(("//", "\\", "/\\"))


def image_allowed(url: str) -> bool:
    target = _INVISIBLE.sub("", url)
    return bool(target) and not _SCHEME.match(target) and not target.startswith(("/", "\\"))


class _Judge(HTMLParser):
    def __init__(self, field: bool):
        super().__init__(convert_charrefs=True)
        self.field = field
        self.findings: list[Finding] = []
        self.ids: set[str] = set()
        self.footnote_links: list[str] = []  # targets of footnote links (#fn:1, #fnref:1)
        self.row_columns: list[int] = []  # columns of the open rows (a table may hold a table)
        self.wide_table = False

    def refuse(self, needle: str, message: str, also: str = "") -> None:
        self.findings.append(Finding(needle, message, also))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if MACRO_PLACEHOLDER in tag:
            self.refuse(
                MACRO_PLACEHOLDER,
                "keluaran makro tidak boleh menjadi bagian dari sebuah tag HTML; tulis pemanggilan makro di barisnya sendiri.",
            )
            return
        if tag not in ELEMENTS:
            self.refuse(
                f"<{tag}",
                f"elemen HTML `<{tag}>` tidak diizinkan; tulis dengan Markdown biasa (paragraf, judul, daftar, tabel, tautan, gambar).",
            )
            return
        if self.field and tag == "h1":
            self.refuse(
                H1,
                "judul tingkat 1 (`# ...`) tidak diizinkan di kolom Markdown karena bab yang memuatnya sudah punya judul; pakai `###` atau `####`.",
            )
        self.count_columns(tag, attrs)
        allowed = GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, set())
        for name, given in attrs:
            value = given or ""
            if MACRO_PLACEHOLDER in value or MACRO_PLACEHOLDER in name:
                self.refuse(
                    MACRO_PLACEHOLDER,
                    f"keluaran makro tidak boleh berada di dalam atribut `{name[:30]}`; tulis pemanggilan makro di luar tag HTML.",
                )
                continue
            if name == "id":
                self.ids.add(value)
                if reserved_id(value):
                    self.refuse(
                        value,
                        f"id `{value[:40]}` dipakai oleh tema atau skrip situs (id yang diawali `__` atau `md-`, dan {', '.join(sorted(SCRIPT_IDS))}); "
                        "pakai id lain, misalnya yang diawali `bab-` (untuk judul bagian: tulis `{: #bab-nama }` di ujung judulnya).",
                    )
            elif tag == "a" and name == "href" and value.startswith(("#fn:", "#fnref:")):
                self.footnote_links.append(value[1:])
            if name not in allowed or (name == "style" and not _CELL_ALIGN.fullmatch(value)):
                self.refuse(
                    name,
                    f"atribut `{name}` pada `<{tag}>` tidak diizinkan (juga lewat `{{: ...}}`); yang boleh hanya `class`, `id`, `title` dan `lang`, "
                    "serta `href` pada tautan, `src`/`alt` pada gambar, `colspan`/`rowspan` pada sel tabel.",
                )
            elif tag == "a" and name == "href" and not link_allowed(value):
                self.refuse(value, f"tautan ke `{value[:80]}` tidak diizinkan; {LINK_RULE}.")
            elif tag == "img" and name == "src" and not image_allowed(value):
                self.refuse(
                    value,
                    f"gambar `{value[:80]}` tidak diizinkan; gambar hanya boleh dari berkas situs sendiri: simpan di `docs/assets/` lalu tulis `![teks](assets/nama-berkas.png)`.",
                )
            elif name in ("colspan", "rowspan", "span") and not (
                value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_SPAN
            ):
                self.refuse(value, f'`{name}="{value[:20]}"` tidak sah; tulis bilangan bulat 1 sampai {MAX_SPAN}.')

    def count_columns(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.row_columns.append(0)
        elif tag in ("td", "th") and self.row_columns:
            span = dict(attrs).get("colspan") or "1"
            self.row_columns[-1] += int(span) if span.isascii() and span.isdigit() and int(span) <= MAX_SPAN else 1
            if self.row_columns[-1] > MAX_TABLE_COLUMNS and not self.wide_table:
                self.wide_table = True
                self.refuse(
                    "|",
                    f"tabel lebih dari {MAX_TABLE_COLUMNS} kolom, batas tabel di Word (lampiran .docx); "
                    "pecah menjadi beberapa tabel yang lebih sempit, atau putar tabelnya (kolom menjadi baris).",
                    also="<table",
                )

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self.row_columns:
            self.row_columns.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl: str) -> None:
        self.refuse("<!", f"deklarasi `<!{decl[:30]}>` tidak diizinkan.")

    def handle_pi(self, data: str) -> None:
        self.refuse("<?", f"instruksi `<?{data[:30]}>` tidak diizinkan.")


def html_findings(html_text: str, field: bool = False) -> list[Finding]:
    judge = _Judge(field)
    judge.feed(html_text)
    judge.close()
    for target in judge.footnote_links:
        if target not in judge.ids and target.startswith("fnref:"):
            # A footnote nobody refers to: its way back leads nowhere (and a strict build stops on it).
            label = target.split(":", 1)[1]
            judge.refuse(
                f"[^{label}]:",
                f"catatan kaki `[^{label}]` tidak dirujuk di teks; tulis `[^{label}]` pada kalimat yang dirujuknya, atau hapus catatannya.",
            )
    return judge.findings


def markdown_findings(text: str, field: bool = False) -> list[Finding]:
    """What the rule refuses in the HTML that ``text`` (Markdown) becomes."""
    return list(_markdown_findings(text, field))


@functools.lru_cache(maxsize=2048)  # `mkdocs serve` judges the same chapters and fields again on every edit
def _markdown_findings(text: str, field: bool) -> tuple[Finding, ...]:
    html_text = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    return tuple(html_findings(html_text, field))


# The last check of a chapter's page, macros' HTML included (render/templates.py): what a browser could run or be
# sent away by. The project's macros never write any of it, so whatever is found came from the chapter, however the
# page's Markdown was parsed around a macro's HTML.
ACTIVE_ELEMENTS = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "base",
        "meta",
        "link",
        "portal",
        "noscript",
        "foreignobject",
        "animate",
        "set",
        "animatemotion",
        "animatetransform",
    ]
)
_URL_ATTRIBUTES = frozenset(
    ["href", "src", "xlink:href", "action", "formaction", "data", "poster", "background", "srcset", "ping"]
)
_MACRO_STYLE = re.compile(r"(width:\s*\d+%|text-align:\s*(left|right|center));?")


class _Active(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_ELEMENTS:
            self.findings.append(Finding(f"<{tag}", f"elemen HTML `<{tag}>` tidak diizinkan di halaman bab."))
        for name, given in attrs:
            value = _INVISIBLE.sub("", given or "")
            scheme = _SCHEME.match(value)
            if (
                name.startswith("on")
                or name == "srcdoc"
                or (name == "style" and not _MACRO_STYLE.fullmatch(value.strip()))
                or (name in _URL_ATTRIBUTES and scheme and scheme.group(1).lower() not in ("http", "https", "mailto"))
            ):
                self.findings.append(
                    Finding(
                        given or name, f"atribut `{name}` pada `<{tag}>` tidak diizinkan di halaman bab.", also=name
                    )
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def active_findings(page: str) -> list[Finding]:
    """What could run in the HTML that ``page`` (a chapter's Markdown, macros' HTML in place) becomes."""
    judge = _Active()
    judge.feed(markdown.Markdown(extensions=EXTENSIONS).convert(page))
    judge.close()
    return judge.findings


def offset_in(text: str, needle: str) -> int:
    """Where ``needle`` first appears in ``text`` (0 when it does not)."""
    if needle == H1:
        found = _H1_LINE.search(text)
        return found.start() if found else 0
    at = text.find(needle) if needle else -1
    if at < 0 and needle:
        at = text.lower().find(needle.lower())
    if at < 0 and re.fullmatch(r"[\w-]+", needle or ""):  # a heading's generated id: its words, as written
        words = re.search(r"[\W_]+".join(map(re.escape, filter(None, re.split(r"[-_]+", needle)))), text, re.I)
        at = words.start() if words else -1
    return max(at, 0)


def line_in(text: str, needle: str, start_line: int = 1) -> int:
    """The line of the first place ``needle`` appears in ``text`` (the first line when it does not)."""
    return start_line + text[: offset_in(text, needle)].count("\n")


def chapter_text(source: str) -> str | None:
    """What the editor wrote in a chapter: its Jinja tags blanked out, each expression a placeholder word, lines kept.

    None when the chapter is no valid template (rendering reports that, at its line).
    """
    import jinja2

    parts: list[str] = []
    try:
        for _line, token, value in jinja2.Environment().lexer.tokeniter(source, "bab"):
            if token == "variable_begin":
                # An expression prints something: a word keeps its place, so "{{ x }}     <script>" is judged
                # as the inline HTML it becomes, not as an indented code block.
                parts.append("x")
            parts.append(value if token == "data" else "\n" * str(value).count("\n"))
    except jinja2.TemplateSyntaxError:
        return None
    return "".join(parts)


def rendered_findings(rendered: str, source: str, printed_line) -> list[tuple[int, str]]:
    """(line, message) for everything the rule refuses in ``rendered``, what a chapter became (see :func:`located`)."""
    return located(markdown_findings(rendered), source, printed_line)


def located(findings: Iterable[Finding], source: str, printed_line) -> list[tuple[int, str]]:
    """(line, message) of each finding in a chapter whose text is ``source``.

    A finding's line is where its text is written in ``source``, else where the expression that
    printed it is (``printed_line(needle)``, from the render), else the chapter's first line.
    """
    text = chapter_text(source) or source
    lowered = text.lower()
    found = set()
    for finding in findings:
        needle = finding.needle
        if finding.also and needle.lower() not in lowered:
            needle = finding.also
        if needle and (needle.lower() in lowered or offset_in(text, needle)):
            line = line_in(text, needle)
        else:
            line = printed_line(needle) or line_in(text, needle)
        found.add((line, finding.message))
    return sorted(found)


def chapter_problems(files: list, root) -> list:
    """Problems (file:line) of the book chapters among ``files`` that only the printed book has: characters
    no print font draws. (The one rule judges each chapter as rendered, in the render stage.)"""
    from ..errors import shown_path
    from . import printchars

    problems = []
    for path in files:
        if path.suffix == ".md":
            shown = shown_path(path, root)
            if shown.split("/")[-2:-1] and shown.split("/")[-2].startswith("buku-"):  # a book's chapter is printed too
                problems += printchars.text_problems(path.read_text(encoding="utf-8", errors="replace"), shown)
    return problems
