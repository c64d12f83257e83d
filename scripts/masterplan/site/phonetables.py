"""Tables readable on a phone: one build-time pass over each page's article HTML.

Below a phone's width (``docs/assets/masterplan.css``) a table of three or more
columns turns into one card per row: the row's name as the card's title, every other
cell as "label: value" in the table's column order. CSS cannot read a column's header
from a cell, so this pass writes it into each body cell as ``data-label``; no script
rewrites tables in the browser, and print and the PDFs (made from the Markdown, not
from this HTML) are untouched.

What the pass marks, on a table it can label (a header row of three or more columns,
no ``rowspan``):

- ``data-ponsel="kartu"`` on the table (``"kartu angka"`` when every cell but the title
  is a figure: such a row reads as a short line of "label: value" pairs, ``"kartu angka
  sebaris"`` when the titles are short enough to share that line);
- ``data-label`` on each body cell under a labelled column, ``data-judul`` on the cell
  that titles the card (the first column whose cells link to a page, else the first
  column unless it holds figures), ``data-kosong`` on empty cells (not drawn on cards);
- ARIA table roles on the table, its row groups, rows and cells: a screen reader keeps
  the table even where a browser drops table semantics for ``display: block`` (Safari).

Everything else of the HTML is copied byte for byte; a start tag the pass marks keeps its
text and gets the new attributes (escaped) before its end.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

MIN_COLUMNS = 3  # two columns fit a phone's width as a table (cells wrap); three may not
SHORT_TITLE = 12  # characters: a title this short ("2024", "Baseline") stands on the line of its figures


@dataclass(slots=True)
class _Tag:
    """A start tag of the source: where it is and what it says."""

    start: int
    end: int
    name: str
    attrs: list[tuple[str, str | None]]
    added: tuple[tuple[str, str], ...] = ()  # what this pass writes into the tag

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)


@dataclass(slots=True)
class _Cell:
    tag: _Tag
    column: int
    span: int
    text: list[str] = field(default_factory=list)
    has_link: bool = False
    has_content: bool = False
    numeric: bool = False  # class mp-angka: a figure
    raw: str | None = None  # the cell's HTML, when read by the fast path (its text is worked out on demand)

    def plain(self) -> str:
        return "".join(self.text) if self.raw is None else html.unescape(_ANY_TAG.sub("", self.raw))


@dataclass(slots=True)
class _Row:
    tag: _Tag
    group: str  # thead, tbody, tfoot, or "" for a row directly in the table
    cells: list[_Cell] = field(default_factory=list)


@dataclass(slots=True)
class _Table:
    tag: _Tag
    groups: list[_Tag] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)
    has_rowspan: bool = False


class _Scanner(HTMLParser):
    """Finds every table's rows and cells with their place in the source text."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.tables: list[_Table] = []
        self.stack: list[_Table] = []
        self.group = ""
        self.cell: _Cell | None = None

    def _tag(self, name: str, attrs) -> _Tag:
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        return _Tag(start, start + len(self.get_starttag_text() or ""), name, list(attrs))

    def handle_starttag(self, name, attrs):
        table = self.stack[-1] if self.stack else None
        if name == "table":
            if self.cell is not None:  # a table inside a cell: the cell is not empty
                self.cell.has_content = True
            self.stack.append(_Table(self._tag(name, attrs)))
            self.tables.append(self.stack[-1])
            self.cell = None
        elif table is None:
            return
        elif name in ("thead", "tbody", "tfoot"):
            self.group = name
            table.groups.append(self._tag(name, attrs))
        elif name == "tr":
            table.rows.append(_Row(self._tag(name, attrs), self.group))
        elif name in ("td", "th") and table.rows:
            tag = self._tag(name, attrs)
            row = table.rows[-1]
            column = sum(c.span for c in row.cells)
            self.cell = _Cell(
                tag, column, _span(tag.get("colspan")), numeric="mp-angka" in (tag.get("class") or "").split()
            )
            row.cells.append(self.cell)
            table.has_rowspan |= tag.get("rowspan") not in (None, "", "1")
        elif self.cell is not None:
            self.cell.has_content = True
            self.cell.has_link |= name == "a" and tag_has_href(attrs)

    def handle_startendtag(self, name, attrs):
        if self.cell is not None and name in ("img", "svg", "input"):
            self.cell.has_content = True
        if name != "table":  # a self-closed table is no table
            self.handle_starttag(name, attrs)
            if name in ("td", "th"):
                self.cell = None

    def handle_endtag(self, name):
        if name == "table" and self.stack:
            self.stack.pop()
            self.group, self.cell = "", None
        elif name in ("td", "th", "tr"):
            self.cell = None
        elif name in ("thead", "tbody", "tfoot"):
            self.group = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.text.append(data)
            self.cell.has_content |= bool(data.strip())


# The fast reading of a table (most tables): only its structural tags are matched, and each cell's
# content is read with a few regular expressions; the parser above is the fallback for a table
# holding a nested table, a comment or a script, where tag-like text may not be a tag.
_STRUCTURE = re.compile(r"<(/?)(table|thead|tbody|tfoot|tr|td|th)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
# Comments, scripts, and a ">" inside a quoted attribute value: the full parser reads those.
_OPAQUE = re.compile(r"""<!|<\?|<script|<style|<[a-zA-Z][^>]*=\s*"[^"]*>|<[a-zA-Z][^>]*=\s*'[^']*>""", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"""<a\b(?:[^>"']|"[^"]*"|'[^']*')*?\bhref\s*=\s*(?:"[^"]|'[^']|[^\s>"'])""", re.I)


def _fast_tables(source: str) -> list[_Table] | None:
    """The one table of ``source`` read without a full HTML parser; None when it needs one."""
    if len(_TABLE_TAG.findall(source)) != 2 or _OPAQUE.search(source):
        return None
    table, group, cell, content_start = None, "", None, 0
    for match in _STRUCTURE.finditer(source):
        if cell is not None:
            _fill(cell, source[content_start : match.start()])
            cell = None
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            group = "" if name in ("thead", "tbody", "tfoot") else group
            continue
        raw = match.group(3)
        tag = _Tag(match.start(), match.end(), name, _attrs(raw) if raw.strip() else [])
        if name == "table":
            table = _Table(tag)
        elif table is None:
            return None
        elif name in ("thead", "tbody", "tfoot"):
            group = name
            table.groups.append(tag)
        elif name == "tr":
            table.rows.append(_Row(tag, group))
        elif table.rows:
            row = table.rows[-1]
            span = _span(tag.get("colspan")) if "colspan" in raw else 1
            cell = _Cell(
                tag, row.cells[-1].column + row.cells[-1].span if row.cells else 0, span, numeric="mp-angka" in raw
            )
            row.cells.append(cell)
            table.has_rowspan |= "rowspan" in raw and tag.get("rowspan") not in (None, "", "1")
            content_start = match.end()
    return [table] if table is not None else None


def _attrs(text: str) -> list[tuple[str, str | None]]:
    found = []
    for match in _ATTR.finditer(text):
        value = next((v for v in match.group(2, 3, 4) if v is not None), None)
        found.append((match.group(1).lower(), None if value is None else html.unescape(value)))
    return found


def _fill(cell: _Cell, content: str) -> None:
    cell.raw = content
    cell.has_content = bool(content.strip())
    cell.has_link = "<a" in content and bool(_LINK.search(content))


def tag_has_href(attrs) -> bool:
    return any(key == "href" and value for key, value in attrs)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _header(table: _Table) -> tuple[_Row | None, list[str]]:
    """The header row and one label per column (a spanning header labels each column it covers)."""
    first = next((r for r in table.rows if r.group == "thead"), None)
    if first is None and table.rows and table.rows[0].cells and all(c.tag.name == "th" for c in table.rows[0].cells):
        first = table.rows[0]
    if first is None:
        return None, []
    labels: list[str] = []
    for cell in first.cells:
        labels += [" ".join(cell.plain().split())] * cell.span
    return first, labels


def _title_column(body: list[_Row]) -> int | None:
    """The column that names each row: the first whose cells link to a page, else the first one unless it holds figures."""
    cells = [c for r in body for c in r.cells if c.span == 1]
    linked = sorted({c.column for c in cells if c.has_link})
    if linked:
        return linked[0]
    first = [c for c in cells if c.column == 0]
    if first and not any(c.numeric for c in first):
        return 0
    return None


def _edits(table: _Table) -> dict[int, _Tag]:
    """The start tags to write again, by their position, with the attributes this pass adds."""
    header, labels = _header(table)
    if header is None or len(labels) < MIN_COLUMNS or table.has_rowspan:
        return {}
    body = [r for r in table.rows if r is not header and r.group != "thead"]
    title = _title_column(body)
    others = [c for r in body for c in r.cells if c.column != title and c.has_content]
    numeric = bool(others) and all(c.numeric for c in others)
    edits: dict[int, _Tag] = {}
    titles = [c.plain().strip() for r in body for c in r.cells if c.column == title] if numeric else []
    short = numeric and all(len(t) <= SHORT_TITLE for t in titles)  # a year: the title shares the figures' line
    layout = "kartu angka sebaris" if short else "kartu angka" if numeric else "kartu"
    edits[table.tag.start] = _with(table.tag, ("role", "table"), ("data-ponsel", layout))
    for group in table.groups:
        edits[group.start] = _with(group, ("role", "rowgroup"))
    for row in table.rows:
        edits[row.tag.start] = _with(row.tag, ("role", "row"))
        for cell in row.cells:
            edits[cell.tag.start] = _cell_tag(cell, row is header or row.group == "thead", labels, title)
    return edits


def _cell_tag(cell: _Cell, in_header: bool, labels: list[str], title: int | None) -> _Tag:
    if in_header:
        return _with(cell.tag, ("role", "columnheader"))
    role = "rowheader" if cell.tag.name == "th" and cell.tag.get("scope") == "row" else "cell"
    added: list[tuple[str, str]] = [("role", role)]
    if not cell.has_content:
        added.append(("data-kosong", ""))
    elif cell.column == title and cell.span == 1:
        added.append(("data-judul", ""))
    elif cell.span == 1 and cell.column < len(labels) and labels[cell.column]:
        added.append(("data-label", labels[cell.column]))
    return _with(cell.tag, *added)


def _with(tag: _Tag, *added: tuple[str, str]) -> _Tag:
    """The tag with attributes to add; one the source already has is left as written."""
    if tag.attrs:
        present = {name for name, _ in tag.attrs}
        added = tuple(a for a in added if a[0] not in present)
    return _Tag(tag.start, tag.end, tag.name, tag.attrs, added)


@functools.lru_cache(maxsize=4096)
def _escape(value: str) -> str:
    return html.escape(value, quote=True)


def _start_tag(source: str, tag: _Tag) -> str:
    """The start tag as written, with the added attributes before its end."""
    text = source[tag.start : tag.end]
    extra = "".join(f' {name}="{_escape(value)}"' for name, value in tag.added)
    cut = -2 if text.endswith("/>") else -1
    return text[:cut] + extra + text[cut:]


def label_tables(source: str) -> str:
    """The page's HTML with every table of three or more labelled columns marked for phone cards.

    Only the tables are parsed (most of a page is prose): each outermost ``<table>`` ...
    ``</table>`` span is read on its own, and the text between them is copied as it is.
    """
    if "<table" not in source:
        return source
    out, position = [], 0
    for start, end in _table_spans(source):
        out += [source[position:start], _label_span(source[start:end])]
        position = end
    out.append(source[position:])
    return "".join(out)


_TABLE_TAG = re.compile(r"<(/?)table\b", re.I)


def _table_spans(source: str):
    """(start, end) of each outermost table, nested tables inside it."""
    depth, start = 0, 0
    for match in _TABLE_TAG.finditer(source):
        if not match.group(1):
            start = match.start() if depth == 0 else start
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                close = source.find(">", match.end())
                yield start, len(source) if close < 0 else close + 1
    if depth:
        yield start, len(source)


_FIRST_ROW_CELL = re.compile(r"<t[hd]\b[^>]*?(?:colspan=\"?(\d+))?[^>]*>", re.I)


def _too_narrow(source: str) -> bool:
    """A first row of fewer than MIN_COLUMNS columns: no need to parse the table (a programme's summary)."""
    end = source.find("</tr>")
    first = source[:end] if end >= 0 else source
    return sum(int(span or 1) for span in _FIRST_ROW_CELL.findall(first)) < MIN_COLUMNS


def _label_span(source: str) -> str:
    if _too_narrow(source):
        return source
    tables = _fast_tables(source)
    if tables is None:
        scanner = _Scanner(source)
        scanner.feed(source)
        scanner.close()
        tables = scanner.tables
    edits: dict[int, _Tag] = {}
    for table in tables:
        edits.update(_edits(table))
    if not edits:
        return source
    out, position = [], 0
    for start in sorted(edits):
        tag = edits[start]
        out += [source[position:start], _start_tag(source, tag)]
        position = tag.end
    out.append(source[position:])
    return "".join(out)
