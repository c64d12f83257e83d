"""Raw HTML blocks set aside before Python-Markdown's HTML parser (a Markdown extension).

Our templates emit finished HTML blocks: tables, figures, lists. Python-Markdown finds
them by running the pure-Python ``html.parser`` over every page, and MkDocs runs it a
second time to collect anchor ids; on a masterplan of 1,000 programmes that was most of
the build. This extension finds the same blocks with regular expressions first and
stores them as Python-Markdown's ``HtmlBlockPreprocessor`` would: the same text around
the placeholder and the same stored HTML, so the page comes out byte for byte the same
(tests/test_rawhtml.py compares both ways, also on generated documents).

The scanner follows the parser's state only on markup it fully understands: tags on one
line with double-quoted attribute values, and entities written out with ``;``. At the
first thing it does not (a comment, ``<script>``, a single-quoted attribute, a tag over
several lines, ...) it stops, and the rest of the page goes the usual way.

MkDocs is told the anchor ids inside the set-aside blocks, so links to them still check.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

# One line, double-quoted values without markup characters; anything else ends the scan.
_NAME = r"[a-zA-Z][a-zA-Z0-9]*"
_ATTR = r"[ ]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<>`\n]*\")?"
_TAG = re.compile(rf"<(?:({_NAME})((?:{_ATTR})*)[ ]*(/?)>|/({_NAME})[ ]*>)|<")
_ATTR_RE = re.compile(r"[ ]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"]*)\")?")
# A character reference the parser would rewrite (no `;`), or stop at when no `;` follows.
_ODD_CHARREF = re.compile(r"&#(?!(?:[0-9]+|[xX][0-9a-fA-F]+);)")
# Elements whose content the parser reads as text (or may, in other Python versions).
_TEXT_CONTENT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})
# Read as text by newer Pythons' html.parser only: fine when that text holds no markup (SVG titles).
_PLAIN_TEXT_CONTENT = frozenset({"title", "textarea"})
_BLANK_LINE = re.compile(r"(?:[ ]*\n){2}")  # markdown.htmlparser.blank_line_re, matched at a position
_EMPTY_TAGS = frozenset({"hr"})  # HTMLExtractor.empty_tags

EXTENSION = "masterplan.render.rawhtml"  # the name MkDocs' `markdown_extensions` takes
MKDOCS_RAW_HTML = "mkdocs_raw_html"  # MkDocs' preprocessor that collects anchor ids from raw HTML


def raw_blocks(text: str, is_block_level) -> list[tuple[int, int, str]]:
    """(start, end, stored HTML) of each raw HTML block, as ``HTMLExtractor`` would store it.

    ``text`` is the page after Python-Markdown's whitespace normalisation. Only blocks
    before the first markup the scanner does not understand are returned.
    """
    odd = _ODD_CHARREF.search(text)
    limit = odd.start() if odd else len(text)
    blocks: list[tuple[int, int, str]] = []
    stack: list[str] = []
    start = -1
    for m in _TAG.finditer(text, 0, limit):
        opened, _attrs, closed_here, closed = m.groups()
        if opened is None and closed is None:  # a "<" that starts no tag we know
            following = text[m.end() : m.end() + 1]
            if not following or following in "/!?" or (following.isascii() and following.isalpha()):
                break
            continue  # "< 5": the parser keeps it as text
        if closed is not None:
            if not stack:
                continue  # an end tag outside a block: inline, no state
            tag = closed.lower()
            if tag in stack:
                while stack.pop() != tag:
                    pass
            if stack:
                continue
            end = m.end()
            if _BLANK_LINE.match(text, end):
                blocks.append((start, end, text[start:end] + "\n"))
            elif _rest_of_line_has_markup(text, end):
                break  # the parser would join what follows on this line to the block
            else:
                blocks.append((start, end, text[start:end]))
            continue
        tag = opened.lower()
        if tag in _TEXT_CONTENT or (tag in _PLAIN_TEXT_CONTENT and not _plain_text_until_end(text, m.end(), tag)):
            break
        if stack:  # inside a block: the parser keeps every tag as it is
            if not closed_here and tag not in _EMPTY_TAGS:
                stack.append(tag)
            continue
        if not (_at_line_start(text, m.start()) and is_block_level(tag)):
            continue  # inline HTML: Markdown handles it later
        if closed_here or tag in _EMPTY_TAGS:
            # A one-tag block (<hr>): left to Python-Markdown. Without a blank line after it the parser
            # goes on in its "tail" state, which opens the next block differently: the scan stops there.
            if not _BLANK_LINE.match(text, m.end()):
                break
            continue
        start = m.start()
        stack.append(tag)
    return blocks


def _at_line_start(text: str, pos: int) -> bool:
    """``HTMLExtractor.at_line_start``: up to three spaces before the tag on its line."""
    line = text.rfind("\n", 0, pos) + 1
    offset = pos - line
    return offset == 0 or (offset <= 3 and text[line:pos].strip() == "")


def _plain_text_until_end(text: str, pos: int, tag: str) -> bool:
    """No markup and no entity between ``pos`` and the element's own end tag."""
    close = text.find("<", pos)
    return (
        close >= 0
        and "&" not in text[pos:close]
        and re.match(rf"</{tag}[ ]*>", text[close : close + len(tag) + 12], re.I) is not None
    )


def _rest_of_line_has_markup(text: str, pos: int) -> bool:
    eol = text.find("\n", pos)
    rest = text[pos : eol if eol >= 0 else len(text)]
    return "<" in rest or "&" in rest


def anchor_ids(block: str) -> set:
    """Ids MkDocs' own raw-HTML pass would collect from ``block`` (``id``, and ``name`` of ``<a>``)."""
    ids: set = set()
    if " id" not in block and " name" not in block:
        return ids
    for m in _TAG.finditer(block):
        opened, attrs = m.group(1), m.group(2)
        if not opened or not attrs:
            continue
        tag = opened.lower()
        for name, value in _attributes(attrs):
            if name == "id" or (name == "name" and tag == "a"):
                ids.add(html.unescape(value) if value else value)
    return ids


def _attributes(attrs: str):
    for m in _ATTR_RE.finditer(attrs):
        yield m.group(1).lower(), m.group(2)


class RawBlockPreprocessor(Preprocessor):
    """Stores the raw HTML blocks it understands before ``html_block`` parses the page."""

    def __init__(self, md) -> None:
        super().__init__(md)
        self.ids: set = set()

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        self.ids = set()
        parts: list[str] = []
        last = 0
        for start, end, block in raw_blocks(text, self.md.is_block_level):
            # HTMLExtractor writes "\n", the placeholder and "\n\n" where the block was.
            parts += [text[last:start], "\n", self.md.htmlStash.store(block), "\n\n"]
            self.ids |= anchor_ids(block)
            last = end
        if not parts:
            return lines
        parts.append(text[last:])
        return "".join(parts).split("\n")


class AnchorIdPostprocessor(Postprocessor):
    """Adds the ids of the set-aside blocks to those MkDocs collected from the rest of the page."""

    def __init__(self, md, blocks: RawBlockPreprocessor) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, text: str) -> str:
        if self.blocks.ids and MKDOCS_RAW_HTML in self.md.preprocessors:
            collector: Any = self.md.preprocessors[MKDOCS_RAW_HTML]  # MkDocs' own preprocessor, with its anchor ids
            collector.present_anchor_ids = set(collector.present_anchor_ids) | self.blocks.ids
        return text


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md) -> None:
        blocks = RawBlockPreprocessor(md)
        # After whitespace normalisation (30), before MkDocs' id pass (21) and Python-Markdown's (20).
        md.preprocessors.register(blocks, "masterplan_raw_html", 25)
        md.postprocessors.register(AnchorIdPostprocessor(md, blocks), "masterplan_raw_html_ids", 0)


def makeExtension(**kwargs) -> RawHtmlExtension:
    return RawHtmlExtension(**kwargs)
