"""The chapters' print HTML as a tree, read the same way for print (:mod:`htmltypst`) and Word (:mod:`htmldocx`).

What both converters must agree on lives here, once: the parse (inline ``<svg>`` taken out
whole), a table's rows and which of them are header rows, its sections, its cells and their
spans, its columns' shares of the width, where a line may break inside a word, and when a
link's address is printed beside its text. Each converter keeps only what it writes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..validate.htmlrule import MAX_SPAN

VOID = {"br", "col", "img", "hr", "meta", "input", "wbr", "source", "link"}
SKIP = {"script", "style", "title", "desc", "colgroup", "head"}  # elements whose text is not printed
SVG_TAG = "mp-svg"  # an inline <svg>, taken out whole: ``data-i`` is its index in the list parse() returns
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_WIDTH = re.compile(r"width:\s*([\d.]+)%")
SHAPE_ROWS = 200  # the first rows tell a table's shape; a long table need not be read twice
LONGEST_TEXT = 60  # a cell's text counts up to this many characters in its column's share


@dataclass(eq=False)
class Node:
    """An element: its tag, attributes and children (elements or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @functools.cached_property
    def text(self) -> str:
        """The node's text as printed (read several times per table cell: kept once made)."""
        if self.tag in SKIP:
            return ""
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def elements(self, *tags: str) -> list[Node]:
        """The child elements, or those of the given tags."""
        return [c for c in self.children if isinstance(c, Node) and (not tags or c.tag in tags)]

    def first(self, tag: str) -> Node | None:
        return next(iter(self.elements(tag)), None)

    def first_of_class(self, name: str) -> Node | None:
        """The first child element of that class (an admonition's title)."""
        return next((c for c in self.elements() if name in c.classes), None)

    def descendants(self, tag: str) -> Iterator[Node]:
        for child in self.elements():
            if child.tag == tag:
                yield child
            yield from child.descendants(tag)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element; a stray end tag is ignored, as browsers do.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> tuple[Node, list[str]]:
    """HTML -> tree; each inline ``<svg>`` is taken out whole (Typst reads SVG itself) as an ``mp-svg`` node.

    A chapter is parsed once per process: the annex's book process parses it for print, and its Word
    document, made in a process forked from that one, reads the same tree (neither converter changes it)."""
    root, svgs = _parsed(html)
    return root, list(svgs)


@functools.lru_cache(maxsize=16)
def _parsed(html: str) -> tuple[Node, tuple[str, ...]]:
    svgs: list[str] = []

    def keep(match: re.Match[str]) -> str:
        svgs.append(match.group(0))
        return f'<{SVG_TAG} data-i="{len(svgs) - 1}"></{SVG_TAG}>'

    builder = _TreeBuilder()
    builder.feed(_SVG.sub(keep, html))
    builder.close()
    return builder.root, tuple(svgs)


def svg_in_font(source: str, font: str) -> str:
    """An inline SVG drawn in ``font``: "inherit" means the body font in a browser, and Typst's SVG
    reader (the PDF, the Word document's chart pictures) needs a family it knows."""
    source = source.replace('font-family="inherit"', f'font-family="{font}"')
    if 'font-family="' not in source.split(">", 1)[0]:
        source = source.replace("<svg ", f'<svg font-family="{font}" ', 1)
    return source


# ------------------------------------------------------------------ cells and spans


def cells(row: Node) -> list[Node]:
    """A row's cells (``<td>`` and ``<th>``)."""
    return row.elements("td", "th")


def _span(cell: Node, name: str) -> int:
    # ASCII digits only ("²" is a digit to Python but no number to int()), and bounded: a span
    # of a million columns would make Typst build a million cells. Editors' spans are checked
    # against the same bound (htmlrule.MAX_SPAN); this is the second line.
    value = cell.attrs.get(name, "1")
    return min(int(value), MAX_SPAN) if value.isascii() and value.isdigit() and int(value) > 0 else 1


def colspan(cell: Node) -> int:
    """How many columns a cell spans (1 to MAX_SPAN; anything else is 1)."""
    return _span(cell, "colspan")


def rowspan(cell: Node) -> int:
    """How many rows a cell spans, read as ``colspan``. Neither converter merges rows yet: a
    cell spanning rows prints in its own row only (the site's phone tables leave such tables alone too)."""
    return _span(cell, "rowspan")


def placed(row: Node) -> Iterator[tuple[int, int, Node]]:
    """(first column, columns spanned, cell) for each cell of a row, left to right."""
    column = 0
    for cell in cells(row):
        span = colspan(cell)
        yield column, span, cell
        column += span


def width(row: Node) -> int:
    """How many columns a row fills."""
    return sum(colspan(c) for c in cells(row))


def only_th(row: Node) -> bool:
    """A row made only of header cells."""
    return all(c.tag == "th" for c in cells(row))


# ------------------------------------------------------------------ tables


@dataclass
class Section:
    """Part of a table printed as a table of its own: its header rows repeat over its rows on every page."""

    header: list[Node]
    rows: list[Node]


@dataclass
class Table:
    """A ``<table>``: header rows (those of a ``<thead>``, or in a table without one the leading rows
    made only of ``<th>``) and body rows (``<tbody>``, ``<tfoot>`` and bare rows, in order)."""

    node: Node
    head: list[Node]
    body: list[Node]

    @classmethod
    def read(cls, table: Node) -> Table:
        head: list[Node] = []
        body: list[Node] = []
        has_thead = table.first("thead") is not None

        def collect(parent: Node, in_thead: bool) -> None:
            for child in parent.elements():
                if child.tag in ("thead", "tbody", "tfoot"):
                    collect(child, child.tag == "thead")
                elif child.tag == "tr":
                    leading_th = not has_thead and not body and only_th(child)
                    (head if in_thead or leading_th else body).append(child)

        collect(table, False)
        return cls(table, head, body)

    @property
    def rows(self) -> list[Node]:
        """Header rows, then body rows."""
        return self.head + self.body

    @functools.cached_property
    def columns(self) -> int:
        """How many columns: as many as the widest row fills (0 for a table without cells)."""
        return max((width(r) for r in self.rows), default=0)

    def sections(self) -> list[Section]:
        """A row of only <th> inside the body (SWOT's "Peluang | Ancaman") labels the rows after it:
        the table is printed as one table per label, joined, so each label repeats over its own
        rows on a new page and never stays behind alone."""
        sections = [Section(self.head, [])]
        for i, row in enumerate(self.body):
            # A label has rows of data after it; a total row ("Seluruh program") at the end does not.
            if sections[-1].rows and only_th(row) and i + 1 < len(self.body) and not only_th(self.body[i + 1]):
                sections.append(Section([row], []))
            else:
                sections[-1].rows.append(row)
        return sections

    def template_widths(self) -> list[float] | None:
        """The widths a template gave the columns (``<col style="width:N%">``), or None."""
        group = self.node.first("colgroup")
        if group is None:
            return None
        widths = [_WIDTH.search(c.attrs.get("style", "")) for c in group.elements("col")]
        found = [float(w.group(1)) for w in widths if w]
        return found if len(widths) == self.columns and len(found) == len(widths) else None

    def shares(self) -> list[float]:
        """Each column's share of the width: the template's <col style="width:N%">, else by content length."""
        widths = self.template_widths()
        if widths is not None:
            return widths
        lengths = [4] * self.columns
        for row in self.rows[:SHAPE_ROWS]:
            row_cells = cells(row)
            if len(row_cells) == self.columns:
                for i, c in enumerate(row_cells):
                    lengths[i] = max(lengths[i], min(len(c.text), LONGEST_TEXT))
        return [float(n) for n in lengths]


# ------------------------------------------------------------------ words and links

_URL_BREAK = re.compile(r"(?<=[./?&=#_-])")  # print breaks an address after these


@functools.cache
def _breaks_after(marks: str) -> re.Pattern[str]:
    return re.compile(f"(?<=[{re.escape(marks)}])(?!\\d)")


def looks_like_url(word: str) -> bool:
    return "://" in word or word.startswith("www.")


def unbreakable(text: str, marks: str, addresses: bool = True, lone_marks: bool = True) -> list[str]:
    """The pieces of ``text`` a line cannot break inside: its words, cut after any of ``marks``
    unless a digit follows (GOV-01 and a range 2024–2028 stay whole). ``addresses``: a web
    address (``https://…``, ``www.…``) is cut after its dots, slashes and other separators
    instead. ``lone_marks``: keep the pieces that are only marks (a lone dash)."""
    pattern = _breaks_after(marks)
    pieces = [
        piece
        for word in text.split()
        for piece in (_URL_BREAK.split(word) if addresses and looks_like_url(word) else pattern.split(word))
    ]
    return [p for p in pieces if p and (lone_marks or p.strip(marks))]


@dataclass(frozen=True)
class Link:
    href: str
    address: str | None  # printed after the link's text, or None when the text already shows it


def outside_link(node: Node) -> Link | None:
    """An ``<a>`` to an outside address (web or mail); print and Word show the address after the
    text unless the text already is the address."""
    href = node.attrs.get("href", "") if node.tag == "a" else ""
    if not href.startswith(("https://", "http://", "mailto:")):
        return None
    shown = " ".join(node.text.split())
    same = shown in (href, href.removeprefix("mailto:"), href.split("://", 1)[-1].rstrip("/"))
    return Link(href, None if same else href.removeprefix("mailto:"))
