"""A rendered chapter as its reader reads it: markup gone, counted in headings, list items and sentences.

The comparison matrix names a changed passage where a reader finds it ("kalimat ke-6"), so the
chapters are compared in these units (:func:`reader_units`), not in lines of Markdown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

WRAP = re.compile(r"[ \n\r\f\v]+")  # runs of line-wrapping white space; not a no-break space
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \n\r\f\v]+")  # not a no-break space: "Rp.\u00a0500" stays one sentence
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$")
_HTML_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"\{\s*[:.#][^}]*\}")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
# Blocks the macros write as HTML (tables, charts, lists of data, the vision's box) show data the matrix
# already compares field by field; a chapter's own text is its Markdown paragraphs, headings and lists.
_DATA_BLOCK = re.compile(r"^\s*(<(?!/?(?:strong|em|b|i|span|a|code|abbr|sup|sub|br)\b)|!!!|```|\|)")


@dataclass(frozen=True)
class Unit:
    """What a reader counts in a chapter: a heading, a list item or a sentence, with its number there."""

    kind: str  # "judul", "butir" or "kalimat"
    number: int
    text: str

    @property
    def where(self) -> str:
        return {"judul": "judul", "butir": "butir daftar", "kalimat": "kalimat"}[self.kind] + f" ke-{self.number}"


def reader_text(line: str) -> str:
    """A line of rendered Markdown as read: markup, tags and attribute lists gone, entities decoded."""
    text = _ATTRIBUTES.sub("", _LINK.sub(r"\1", line))
    text = _HTML_TAG.sub("", text)
    previous = None
    while previous != text:  # nested emphasis (***a*** or **a *b***)
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    text = text.replace("`", "")
    return WRAP.sub(" ", html.unescape(text)).strip(" ")  # a no-break space stays in its word


def reader_units(markdown: str) -> list[Unit]:
    """A rendered chapter as its reader counts it: headings, list items and the sentences of paragraphs,
    each numbered apart within the chapter ("kalimat ke-6" is the sixth sentence a reader finds)."""
    units: list[Unit] = []
    counts = {"judul": 0, "butir": 0, "kalimat": 0}

    def add(kind: str, text: str) -> None:
        if text:
            counts[kind] += 1
            units.append(Unit(kind, counts[kind], text))

    for block in re.split(r"\n\s*\n", markdown):
        if _DATA_BLOCK.match(block):
            continue
        paragraph: list[str] = []
        item: list[str] | None = None
        for line in block.splitlines():
            heading, listed = _HEADING.match(line), _LIST_ITEM.match(line)
            if heading or listed:
                for sentence in _SENTENCE_END.split(reader_text(" ".join(paragraph))):
                    add("kalimat", sentence)
                paragraph = []
                if item is not None:
                    add("butir", reader_text(" ".join(item)))
                item = None
            if heading:
                add("judul", reader_text(heading.group(2)))
            elif listed:
                item = [listed.group(1)]
            elif item is not None:
                item.append(line)
            else:
                paragraph.append(line)
        if item is not None:
            add("butir", reader_text(" ".join(item)))
        for sentence in _SENTENCE_END.split(reader_text(" ".join(paragraph))):
            add("kalimat", sentence)
    return units


def sentences(markdown: str) -> list[str]:
    """A rendered chapter's text as read, unit by unit (headings, list items, sentences)."""
    return [u.text for u in reader_units(markdown)]
