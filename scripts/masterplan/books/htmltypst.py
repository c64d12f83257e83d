"""The chapters' print HTML as Typst code, for the books stage.

Every text of the data reaches Typst as a string literal, never as markup, so no
character in a programme name can change the document (hostile input stays text).
The converter maps structure only: headings, paragraphs, lists, tables, figures.
How things look is in ``macros/print/umum.typ``: an element whose class names a
function defined there (``mp-kosong``, ``mp-rp``, ...) is wrapped in that function.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..validate.htmlrule import MAX_SPAN

VOID = {"br", "col", "img", "hr", "meta", "input", "wbr", "source", "link"}
BLOCK = {"p", "div", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "figure", "figcaption",
         "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "hr", "section", "nav", "colgroup", "pre", "mp-svg"}
SKIP = {"script", "style", "title", "desc", "colgroup", "head"}
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_SPACE = re.compile(r"[ \t\r\n\f]+")
# Texts that print on one line (see umum.typ): a table column is made at least as wide as they are.
NOWRAP = {"mp-rp", "mp-ilustratif", "mp-lencana"}
# Typst may break a word after these (a number range such as 2024–2025 is kept whole: see _RANGE).
_BREAK_AFTER = re.compile(r"(?<=[-–—/])(?!\d)")
_RANGE = re.compile(r"\d+[–-]\d+")
_URL_BREAK = re.compile(r"(?<=[./?&=#_-])")  # Typst breaks an address after these
CHARS_PER_LINE = 95  # about this many characters of table text fit across the full text width
TALL_ROW_LINES = 30  # a row estimated longer than this may be taller than a page: it may break
SHORT_TABLE_ROWS = 5  # a table of at most this many rows is kept on one page (more would strand a heading over a third of a blank page)
CANDIDATES = 5  # per column, the longest texts measured by Typst for its width
_WIDTH = re.compile(r"width:\s*([\d.]+)%")


def template_widths(table: Node, count: int) -> list[float] | None:
    """The widths a template gave the columns (``<col style="width:N%">``), or None (print and Word alike)."""
    group = next((c for c in table.children if isinstance(c, Node) and c.tag == "colgroup"), None)
    if group is None:
        return None
    widths = [_WIDTH.search(c.attrs.get("style", "")) for c in group.children if isinstance(c, Node) and c.tag == "col"]
    return [float(w.group(1)) for w in widths] if len(widths) == count and all(widths) else None
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # no meaning in print; Typst would refuse some


def _looks_like_url(word: str) -> bool:
    return "://" in word or word.startswith("www.")


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Node or str

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @functools.cached_property
    def text(self) -> str:
        """The node's text as printed (read several times per table cell: kept once made)."""
        if self.tag in SKIP:
            return ""
        return "".join(c if isinstance(c, str) else c.text for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag is ignored, as browsers do.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> tuple[Node, list[str]]:
    """HTML -> tree; each inline ``<svg>`` is taken out whole (Typst reads SVG itself) as an ``mp-svg`` node."""
    svgs: list[str] = []

    def keep(match: re.Match) -> str:
        svgs.append(match.group(0))
        return f'<mp-svg data-i="{len(svgs) - 1}"></mp-svg>'

    builder = _TreeBuilder()
    builder.feed(_SVG.sub(keep, html))
    builder.close()
    return builder.root, svgs


def string(text: str) -> str:
    """A Typst string literal holding ``text`` exactly."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return '"' + _CONTROL.sub("", escaped) + '"'


def is_table(code: str) -> bool:
    """Whether block code is a table (or a table printed in sections, see Converter.sections)."""
    return code.startswith(("tabel(", "(tabel("))


def join(parts: list[str]) -> str:
    """Typst code for the content of ``parts`` in sequence."""
    if not parts:
        return "none"
    if len(parts) == 1:
        return parts[0]
    return "(" + ", ".join(parts) + ").join()"


class Converter:
    """One book's chapters -> Typst code. ``styles`` are the class functions the prelude defines."""

    def __init__(self, styles: set[str], font: str, images_root: Path):
        self.styles = styles
        self.svg_font = font
        self.images_root = images_root.resolve()
        self.refused: list[str] = []
        self.images: set[Path] = set()  # the files read, for the cache key
        self.svgs: list[str] = []
        self.folder = ""

    # -- entry point -----------------------------------------------------------------

    def chapter(self, html: str, folder: str = "") -> str:
        """``folder``: the chapter file's folder under docs/, which its relative image addresses start from."""
        root, self.svgs = parse(html)
        self.folder = folder
        return self.blocks(root.children)

    # -- blocks ------------------------------------------------------------------------

    def blocks(self, children: list) -> str:
        """Block-level content: runs of inline content become paragraphs, separated by paragraph breaks."""
        out: list[str] = []
        run: list = []

        def flush():
            inline = self.inline(run)
            if inline != "none":
                out.append(inline)
            run.clear()

        for child in children:
            if isinstance(child, Node) and child.tag in BLOCK:
                flush()
                code = self.block(child)
                if code != "none":
                    out.append(code)
            else:
                run.append(child)
        flush()
        out = self.keep_with_tables(out)
        if len(out) > 1:
            out = [part for code in out for part in ("parbreak()", code)][1:]
        return join(out)

    @staticmethod
    def keep_with_tables(blocks: list[str]) -> list[str]:
        """A paragraph that introduces a table goes to the page where the table starts.

        (A heading already keeps with the paragraph after it, so heading, paragraph and
        table move together.)
        """
        def introduces_table(i: int) -> bool:
            return i + 1 < len(blocks) and is_table(blocks[i + 1]) and not is_table(blocks[i]) and not blocks[i].startswith("heading(")

        return [f"lekat({code})" if introduces_table(i) else code for i, code in enumerate(blocks)]

    def block(self, node: Node) -> str:
        tag = node.tag
        if tag in SKIP:
            return "none"
        if tag == "p":
            # No par(...) around it: Typst drops a block (an image, a table) inside an explicit par.
            # Paragraph breaks between blocks make the paragraphs.
            code = self.inline(node.children)
            return "none" if code == "none" else self.styled(node, code)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(int(tag[1]), 4)
            minor = ", outlined: false, bookmarked: false" if level >= 3 else ""
            return f"heading(level: {level}{minor}, {self.inline(node.children)})"
        if tag in ("ul", "ol"):
            return self.list(node)
        if tag == "table":
            return self.table(node)
        if tag == "figure":
            caption = next((c for c in node.children if isinstance(c, Node) and c.tag == "figcaption"), None)
            body = self.blocks([c for c in node.children if c is not caption])
            cap = self.inline(caption.children) if caption else "none"
            return f"figur({body}, {cap})"
        if tag == "mp-svg":
            return self.svg(self.svgs[int(node.attrs["data-i"])])
        if tag == "blockquote":
            return f"mp-kutipan({self.blocks(node.children)})"
        if tag == "hr":
            return "mp-garis()"
        if tag == "dl":
            return self.terms(node)
        if tag == "pre":
            return f"raw(block: true, {string(node.text)})"
        if tag == "div" and "admonition" in node.classes:
            title = next((c for c in node.children if isinstance(c, Node) and "admonition-title" in c.classes), None)
            body = self.blocks([c for c in node.children if c is not title])
            return f"mp-catatan({self.inline(title.children) if title else 'none'}, {body})"
        if tag == "div" and "footnote" in node.classes:
            return f"mp-catatan-kaki({self.blocks(node.children)})"
        return self.styled(node, self.blocks(node.children))  # div, section, li, td ... : their content

    def styled(self, node: Node, code: str) -> str:
        """Wraps ``code`` in the prelude function named by the node's first styled class, if any."""
        for name in node.classes:
            if name in self.styles:
                return f"{name}({code})"
        return code

    def list(self, node: Node) -> str:
        items = [self.blocks(li.children) for li in node.children if isinstance(li, Node) and li.tag == "li"]
        if not items:
            return "none"
        if node.tag == "ol":
            start = node.attrs.get("start", "1")
            start = start if start.isdigit() else "1"
            return self.styled(node, f"enum(start: {start}, {', '.join(items)})")
        return self.styled(node, f"list({', '.join(items)})")

    def terms(self, node: Node) -> str:
        items, term = [], "none"
        for child in node.children:
            if isinstance(child, Node) and child.tag == "dt":
                term = self.inline(child.children)
            elif isinstance(child, Node) and child.tag == "dd":
                items.append(f"terms.item({term}, {self.blocks(child.children)})")
        return f"terms({', '.join(items)})" if items else "none"

    def table(self, node: Node) -> str:
        head_rows, body_rows = self.rows(node)
        all_rows = head_rows + body_rows
        count = max((self.width(r) for r in all_rows), default=0)
        if count == 0:
            return "none"
        shares = self.shares(node, all_rows, count)
        longest, widest = self.longest(all_rows, count), self.widest(all_rows, count)
        sizing = f"columns: ({', '.join(f'{x:g}' for x in shares)},), longest: {self.texts_code(longest)}, widest: {self.texts_code(widest)}"
        parts = []
        sections = self.sections(head_rows, body_rows)
        for i, (header, rows) in enumerate(sections):
            head = [self.cell(c) for r in header for c in self.cells(r)]
            tall = [self.is_tall(r, shares) for r in rows]
            body = [self.cell(c, breakable=t) for r, t in zip(rows, tall) for c in self.cells(r)]
            cells = ([f"table.header({', '.join(head)})"] if head else []) + body
            joins = f"after: {'true' if i else 'false'}, before: {'true' if i + 1 < len(sections) else 'false'}"
            # A short table moves whole to the next page rather than leave a row or two behind.
            whole = len(rows) <= SHORT_TABLE_ROWS and not any(tall)
            parts.append(f"tabel({sizing}, {joins}, whole: {'true' if whole else 'false'}, {', '.join(cells)})")
        return parts[0] if len(parts) == 1 else join(parts)

    @staticmethod
    def texts_code(columns: list[tuple[list[str], list[str]]]) -> str:
        """((header texts), (body texts)) per column, as Typst arrays."""
        def array(texts: list[str]) -> str:
            return "(" + "".join(f"{string(t)}, " for t in texts) + ")"
        return "(" + "".join(f"({array(head)}, {array(body)}), " for head, body in columns) + ")"

    def sections(self, head_rows: list[Node], body_rows: list[Node]) -> list[tuple[list[Node], list[Node]]]:
        """A row of only <th> inside the body (SWOT's "Peluang | Ancaman") labels the rows after it:
        the table is printed as one table per label, joined, so each label repeats over its own
        rows on a new page and never stays behind alone."""
        def only_th(row: Node) -> bool:
            return all(c.tag == "th" for c in self.cells(row))

        sections = [(head_rows, [])]
        for i, row in enumerate(body_rows):
            # A label has rows of data after it; a total row ("Seluruh program") at the end does not.
            labels = sections[-1][1] and only_th(row) and i + 1 < len(body_rows) and not only_th(body_rows[i + 1])
            if labels:
                sections.append(([row], []))
            else:
                sections[-1][1].append(row)
        return sections

    def rows(self, table: Node) -> tuple[list[Node], list[Node]]:
        """(header rows, body rows). Header rows repeat on every page: those of a <thead>, or, in a
        table without one, the leading rows made only of <th>."""
        head, body = [], []
        has_thead = any(isinstance(c, Node) and c.tag == "thead" for c in table.children)

        def collect(parent: Node, in_thead: bool):
            for child in parent.children:
                if not isinstance(child, Node):
                    continue
                if child.tag in ("thead", "tbody", "tfoot"):
                    collect(child, child.tag == "thead")
                elif child.tag == "tr":
                    leading_th = not has_thead and not body and all(c.tag == "th" for c in self.cells(child))
                    (head if in_thead or leading_th else body).append(child)

        collect(table, False)
        return head, body

    @staticmethod
    def cells(row: Node) -> list[Node]:
        return [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]

    def width(self, row: Node) -> int:
        return sum(self.span(c) for c in self.cells(row))

    @staticmethod
    def span(cell: Node) -> int:
        # ASCII digits only ("²" is a digit to Python but no number to int()), and bounded: a span
        # of a million columns would make Typst build a million cells. Editors' spans are checked
        # against the same bound (htmlrule.MAX_SPAN); this is the second line.
        value = cell.attrs.get("colspan", "1")
        return min(int(value), MAX_SPAN) if value.isascii() and value.isdigit() and int(value) > 0 else 1

    def shares(self, table: Node, rows: list[Node], count: int) -> list[float]:
        """Each column's share of the width: the template's <col style="width:N%">, else by content length."""
        widths = template_widths(table, count)
        if widths is not None:
            return widths
        lengths = [4] * count
        for row in rows[:200]:  # the first rows tell the shape; a long table need not be read twice
            cells = self.cells(row)
            if len(cells) == count:
                for i, c in enumerate(cells):
                    lengths[i] = max(lengths[i], min(len(c.text), 60))
        return [float(n) for n in lengths]

    def longest(self, rows: list[Node], count: int) -> list[tuple[list[str], list[str]]]:
        """Each column's longest texts that cannot wrap (words, or whole amounts or badges), as
        (in header cells, in body cells): header cells are bold, so they are measured apart.
        The few longest by letters are all measured, since digits are wider than most letters."""
        return self._per_column(rows, count, self.units, keep=CANDIDATES)

    def widest(self, rows: list[Node], count: int) -> list[tuple[list[str], list[str]]]:
        """Each column's longest cell texts, as if on one line: no column need be wider."""
        return self._per_column(rows, count, lambda c: [" ".join(c.text.split())], keep=CANDIDATES)

    def _per_column(self, rows: list[Node], count: int, texts, keep: int) -> list[tuple[list[str], list[str]]]:
        found = [[set(), set()] for _ in range(count)]
        for row in rows:
            column = 0
            for c in self.cells(row):
                if self.span(c) == 1 and column < count:
                    slot = found[column][0 if c.tag == "th" else 1]
                    slot.update(texts(c))
                    if len(slot) > 4 * keep:  # keep the set small on long tables
                        slot.intersection_update(sorted(slot, key=lambda t: (-len(t), t))[:keep])
                column += self.span(c)
        return [tuple(sorted(slot, key=lambda t: (-len(t), t))[:keep] for slot in pair) for pair in found]

    def units(self, node) -> list[str]:
        if isinstance(node, str):
            return [piece for word in node.split() for piece in (_URL_BREAK if _looks_like_url(word) else _BREAK_AFTER).split(word) if piece]
        if node.tag in SKIP:
            return []
        if set(node.classes) & NOWRAP:
            return [" ".join(node.text.split())]
        return [u for child in node.children for u in self.units(child)]

    def is_tall(self, row: Node, shares: list[float]) -> bool:
        """Whether a row may be taller than a page (estimated from its text and list items): it may then break."""
        total = sum(shares) or 1
        lines, column = 0.0, 0
        for c in self.cells(row):
            share = sum(shares[column:column + self.span(c)]) / total
            items = sum(1 for _ in self.descendants(c, "li"))
            lines = max(lines, len(c.text) / max(1.0, share * CHARS_PER_LINE) + items)
            column += self.span(c)
        return lines > TALL_ROW_LINES

    def descendants(self, node: Node, tag: str):
        for child in node.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    yield child
                yield from self.descendants(child, tag)

    def cell(self, node: Node, breakable: bool = False) -> str:
        options = []
        if self.span(node) > 1:
            options.append(f"colspan: {self.span(node)}")
        if "mp-angka" in node.classes:
            options.append("align: right")
        if breakable:
            options.append("breakable: true")
        body = self.blocks(node.children)  # inline-only content comes back as one paragraph
        body = body if body != "none" else "[]"
        if node.tag == "th":
            return f"sel-kepala({', '.join([body, *options])})"
        if options:
            return f"table.cell({', '.join(options)}, {body})"
        return body

    def svg(self, source: str) -> str:
        # "inherit" means the body font in a browser; Typst's SVG reader needs a family it knows.
        source = source.replace('font-family="inherit"', f'font-family="{self.svg_font}"')
        if 'font-family="' not in source.split(">", 1)[0]:
            source = source.replace("<svg ", f'<svg font-family="{self.svg_font}" ', 1)
        return f"mp-svg(bytes({string(source)}))"

    # -- inline ------------------------------------------------------------------------

    def inline(self, children: list) -> str:
        parts: list[str] = []
        self._inline(children, parts)
        return join(self._trim(parts))

    def _inline(self, children: list, parts: list[str]) -> None:
        for child in children:
            if isinstance(child, str):
                parts.extend(self.text_parts(_SPACE.sub(" ", child)))
                continue
            code = self.inline_node(child)
            if code:
                parts.append(code)

    @staticmethod
    def text_parts(text: str) -> list[str]:
        """A text as string literals; a number range (2024–2025, 0–4) in a box, so it is never split at its dash."""
        parts, start = [], 0
        for found in _RANGE.finditer(text):
            if found.start() > start:
                parts.append(string(text[start:found.start()]))
            parts.append(f"box({string(found.group(0))})")
            start = found.end()
        if start < len(text):
            parts.append(string(text[start:]))
        return parts

    def inline_node(self, node: Node) -> str | None:
        tag = node.tag
        if tag in SKIP:
            return None
        if tag == "br":
            return "linebreak()"
        if tag == "img":
            return self.image(node)
        if tag in BLOCK:  # a block inside inline content (mp-svg among them) (e.g. a list in a cell next to text)
            return self.block(node)
        if "footnote-backref" in node.classes:
            return None
        inner = self.inline(node.children)
        if inner == "none":
            return None
        if tag == "a" and node.attrs.get("href", "").startswith(("https://", "http://", "mailto:")):
            href = node.attrs["href"]
            shown = " ".join(node.text.split())
            same = shown in (href, href.removeprefix("mailto:"), href.split("://", 1)[-1].rstrip("/"))
            return self.styled(node, f"tautan({string(href)}, {inner}, alamat: {'none' if same else string(href.removeprefix('mailto:'))})")
        wrap = {"strong": "strong", "b": "strong", "em": "emph", "i": "emph", "sup": "super", "sub": "sub", "u": "underline"}.get(tag)
        if tag == "code":
            inner = f"raw({string(_SPACE.sub(' ', node.text))})"
        elif wrap:
            inner = f"{wrap}({inner})"
        return self.styled(node, inner)

    def image(self, node: Node) -> str | None:
        src = node.attrs.get("src", "")
        path = self.local_file(src)
        if path is None:
            self.refused.append(src)
            return None
        self.images.add(path)
        return f"mp-gambar({string('/' + path.relative_to(self.images_root).as_posix())}, {string(node.attrs.get('alt', ''))})"

    def local_file(self, src: str) -> Path | None:
        """The project file an image address names (from the chapter's folder, as on the site, or from docs/), else None."""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        relative = unquote(parts.path)
        starts = [self.images_root] if relative.startswith("/") else [self.images_root / self.folder, self.images_root]
        for start in starts:
            path = (start / relative.lstrip("/")).resolve()
            if (self.images_root == path or self.images_root in path.parents) and path.is_file():
                return path
        return None

    @staticmethod
    def _trim(parts: list[str]) -> list[str]:
        """Drops the space a block starts or ends with, as HTML does."""
        def edit(index: int, strip):
            literal = parts[index]
            if literal.startswith('"'):
                inner = strip(literal[1:-1])
                if inner:
                    parts[index] = f'"{inner}"'
                else:
                    del parts[index]
                    return True
            return False

        while parts and edit(0, str.lstrip):
            pass
        while parts and edit(len(parts) - 1, str.rstrip):
            pass
        return parts


def prelude_styles(prelude: str) -> set[str]:
    """The class functions a prelude defines: ``#let mp-kosong(body) = ...`` -> ``mp-kosong``."""
    return set(re.findall(r"^#let\s+(mp-[a-z0-9-]+)\s*\(", prelude, re.M))
