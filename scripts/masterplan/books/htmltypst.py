"""The chapters' print HTML as Typst code, for the books stage.

Every text of the data reaches Typst as a string literal, never as markup, so no
character in a programme name can change the document (hostile input stays text).
The converter maps structure only: headings, paragraphs, lists, tables, figures.
How things look is in ``macros/print/umum.typ``: an element whose class names a
function defined there (``mp-kosong``, ``mp-rp``, ...) is wrapped in that function.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..validate.htmlrule import HEADINGS
from .htmltree import (
    SKIP,
    SVG_TAG,
    Node,
    Table,
    colspan,
    outside_link,
    parse,
    placed,
    svg_in_font,
    unbreakable,
)

__all__ = ["SKIP", "Converter", "Node", "is_table", "join", "parse", "prelude_styles", "string"]

BLOCK = {
    *HEADINGS,
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "hr",
    "section",
    "nav",
    "colgroup",
    "pre",
    SVG_TAG,
}
_SPACE = re.compile(r"[ \t\r\n\f]+")
# Texts that print on one line (see umum.typ): a table column is made at least as wide as they are.
NOWRAP = {"mp-rp", "mp-ilustratif", "mp-lencana"}
BREAK_MARKS = "-–—/"  # Typst may break a word after these (a number range such as 2024–2025 is kept whole: see _RANGE)
_RANGE = re.compile(r"\d+[–-]\d+")
CHARS_PER_LINE = 95  # about this many characters of table text fit across the full text width
TALL_ROW_LINES = 30  # a row estimated longer than this may be taller than a page: it may break
SHORT_TABLE_ROWS = 5  # a table of at most this many rows is kept on one page (more would strand a heading over a third of a blank page)
CANDIDATES = 5  # per column, the longest texts measured by Typst for its width
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # no meaning in print; Typst would refuse some
Texts = tuple[list[str], list[str]]  # a column's texts in header cells, in body cells


def string(text: str) -> str:
    """A Typst string literal holding ``text`` exactly."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
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
            return (
                i + 1 < len(blocks)
                and is_table(blocks[i + 1])
                and not is_table(blocks[i])
                and not blocks[i].startswith("heading(")
            )

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
            return self.list_block(node)
        if tag == "table":
            return self.table(node)
        if tag == "figure":
            caption = node.first("figcaption")
            body = self.blocks([c for c in node.children if c is not caption])
            cap = self.inline(caption.children) if caption else "none"
            return f"figur({body}, {cap})"
        if tag == SVG_TAG:
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
            title = node.first_of_class("admonition-title")
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

    def list_block(self, node: Node) -> str:
        items = [self.blocks(li.children) for li in node.elements("li")]
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
        table = Table.read(node)
        count = table.columns
        if count == 0:
            return "none"
        shares = table.shares()
        longest, widest = self.longest(table.rows, count), self.widest(table.rows, count)
        sizing = f"columns: ({', '.join(f'{x:g}' for x in shares)},), longest: {self.texts_code(longest)}, widest: {self.texts_code(widest)}"
        parts = []
        sections = table.sections()
        for i, section in enumerate(sections):
            head = [self.cell(c) for r in section.header for _, _, c in placed(r)]
            tall = [self.is_tall(r, shares) for r in section.rows]
            body = [self.cell(c, breakable=t) for r, t in zip(section.rows, tall, strict=True) for _, _, c in placed(r)]
            cells = ([f"table.header({', '.join(head)})"] if head else []) + body
            joins = f"after: {'true' if i else 'false'}, before: {'true' if i + 1 < len(sections) else 'false'}"
            # A short table moves whole to the next page rather than leave a row or two behind.
            whole = len(section.rows) <= SHORT_TABLE_ROWS and not any(tall)
            parts.append(f"tabel({sizing}, {joins}, whole: {'true' if whole else 'false'}, {', '.join(cells)})")
        return parts[0] if len(parts) == 1 else join(parts)

    @staticmethod
    def texts_code(columns: list[Texts]) -> str:
        """((header texts), (body texts)) per column, as Typst arrays."""

        def array(texts: list[str]) -> str:
            return "(" + "".join(f"{string(t)}, " for t in texts) + ")"

        return "(" + "".join(f"({array(head)}, {array(body)}), " for head, body in columns) + ")"

    def longest(self, rows: list[Node], count: int) -> list[Texts]:
        """Each column's longest texts that cannot wrap (words, or whole amounts or badges), as
        (in header cells, in body cells): header cells are bold, so they are measured apart.
        The few longest by letters are all measured, since digits are wider than most letters."""
        return self._per_column(rows, count, self.units, keep=CANDIDATES)

    def widest(self, rows: list[Node], count: int) -> list[Texts]:
        """Each column's longest cell texts, as if on one line: no column need be wider."""
        return self._per_column(rows, count, lambda c: [" ".join(c.text.split())], keep=CANDIDATES)

    @staticmethod
    def _per_column(rows: list[Node], count: int, texts: Callable[[Node], list[str]], keep: int) -> list[Texts]:
        found: list[tuple[set[str], set[str]]] = [(set(), set()) for _ in range(count)]
        for row in rows:
            for column, span, c in placed(row):
                if span == 1 and column < count:
                    slot = found[column][0 if c.tag == "th" else 1]
                    slot.update(texts(c))
                    if len(slot) > 4 * keep:  # keep the set small on long tables
                        slot.intersection_update(sorted(slot, key=lambda t: (-len(t), t))[:keep])
        return [
            (sorted(head, key=lambda t: (-len(t), t))[:keep], sorted(body, key=lambda t: (-len(t), t))[:keep])
            for head, body in found
        ]

    def units(self, node: Node | str) -> list[str]:
        if isinstance(node, str):
            return unbreakable(node, BREAK_MARKS)
        if node.tag in SKIP:
            return []
        if set(node.classes) & NOWRAP:
            return [" ".join(node.text.split())]
        return [u for child in node.children for u in self.units(child)]

    @staticmethod
    def is_tall(row: Node, shares: list[float]) -> bool:
        """Whether a row may be taller than a page (estimated from its text and list items): it may then break."""
        total = sum(shares) or 1
        lines = 0.0
        for column, span, c in placed(row):
            share = sum(shares[column : column + span]) / total
            items = sum(1 for _ in c.descendants("li"))
            lines = max(lines, len(c.text) / max(1.0, share * CHARS_PER_LINE) + items)
        return lines > TALL_ROW_LINES

    def cell(self, node: Node, breakable: bool = False) -> str:
        options = []
        if colspan(node) > 1:
            options.append(f"colspan: {colspan(node)}")
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
        return f"mp-svg(bytes({string(svg_in_font(source, self.svg_font))}))"

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
                parts.append(string(text[start : found.start()]))
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
        link = outside_link(node)
        if link is not None:
            return self.styled(
                node,
                f"tautan({string(link.href)}, {inner}, alamat: {'none' if link.address is None else string(link.address)})",
            )
        wrap = {
            "strong": "strong",
            "b": "strong",
            "em": "emph",
            "i": "emph",
            "sup": "super",
            "sub": "sub",
            "u": "underline",
        }.get(tag)
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
