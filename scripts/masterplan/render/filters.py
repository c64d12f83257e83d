"""Stage 4, render: how a data value shows in a page, and links relative to the page being rendered.

The sandbox's ``finalize`` (every printed value escaped for HTML and Markdown alike, see
:func:`escape_value`), its filters (`md`, `kode`, numbers that show an unset value as unset), the wording
of missing values, and the link globals (`href`, `md_href`). :mod:`templates` sets them on the environment.
"""

from __future__ import annotations

import contextvars
import functools
import html
import posixpath
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from .. import formats
from ..derive import missing
from ..validate import htmlrule, rules
from . import bounds, chapterhtml

CURRENT_PAGE: contextvars.ContextVar[str] = contextvars.ContextVar("current_page", default="index.md")

# Characters that Markdown would read as markup; as numeric entities they show literally
# in Markdown text, in Markdown tables and in raw HTML alike. A tab too: Markdown would expand it to spaces.
_MD_ENTITIES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#|~$^\t"}
# At the start of a line these begin a list, quote, heading or rule.
_LINE_START_RE = re.compile(r"^(\s*)([-+=:>]|\d+(?=[.)]))")


# Everything a reader (Python-Markdown, a browser, str.splitlines) may take for a line break:
# a value stays on its line, so it cannot start a heading, a list or a code block.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # and "\r\n" as one
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPES = {**_MD_ENTITIES, **_HTML_ENTITIES}
# The escapes and the line breaks (each a space; "\r\n" is made one space first) as one table for
# str.translate: every character looked at once, as one pass of regular expressions did, in C.
_ONE_PASS = str.maketrans({**_ESCAPES, **dict.fromkeys(_LINE_BREAKS, " ")})


def escape_value(value: Any) -> str:
    """HTML-escape and neutralise Markdown punctuation in one pass, so data shows literally.

    One pass matters: escaping `'` to `&#39;` first and `#` afterwards would show `&#39;` as text.
    """
    text = str(value)
    if "\r\n" in text:
        text = text.replace("\r\n", " ")
    text = text.translate(_ONE_PASS)
    start = _LINE_START_RE.match(text)
    if start is None:
        return text
    return start.group(1) + "".join(f"&#{ord(c)};" for c in start.group(2)) + text[start.end() :]


# A value nobody has set or published: one wording and one style on every page and in print.
NOT_SET_HTML = Markup(f'<span class="mp-kosong">{formats.NOT_SET}</span>')


def missing_html(model: Any, *names: str) -> Markup:
    """The wording for an empty field, as the derive stage decides it (`kosong_untuk(p.model, "anggaran")`;
    a cell of two fields names both: `kosong_untuk(p.model, "tahun_mulai", "tahun_selesai")`)."""
    return words_html(missing.missing(model, *names).words)


def words_html(words: str) -> Markup:
    """Words for a missing value, in the one style of missing values (`kosong_kata(part.empty_words)`)."""
    return Markup(f'<span class="mp-kosong">{html.escape(words)}</span>')


def finalize(value: Any) -> Any:
    if isinstance(value, Markup):  # output of a macro or a safe helper: already presentation
        return chapterhtml.shown(value)  # while a chapter renders, an HTML macro's output is set aside
    if value is None:
        return NOT_SET_HTML
    return Markup(escape_value(value))


def or_not_set(format_value: Callable) -> Callable:
    """A number filter that shows an unset value as "belum ditetapkan", never as 0 or Rp 0."""

    def filter_(value: Any, *args: Any) -> Any:
        return NOT_SET_HTML if value is None else format_value(value, *args)

    return filter_


def markdown_field(text: str) -> Markup:
    """A field documented as Markdown: keep its Markdown, remove raw HTML.

    Validation already refuses what reaches outside (see :mod:`rules`); this is the
    second line: images only from the project's own files, links only to http(s),
    mailto or own files, reference definitions likewise.
    """
    if text is None:
        return NOT_SET_HTML
    bounds.check_size(len(str(text)), "teks Markdown untuk `md`/`markdown()`", bounds.MAX_MARKDOWN)
    without_html = re.sub(r"<[^>]*>", "", str(text)).replace("<", "&lt;")
    safe = rules.MARKDOWN_LINK.sub(_safe_link, without_html)
    safe = rules.MARKDOWN_REF_IMAGE.sub(lambda m: m.group(0)[1:], safe)  # a referenced image becomes a link
    safe = rules.MARKDOWN_REF_DEF.sub(lambda m: m.group(0) if rules.is_reader_link(m.group(1)) else "", safe)
    if htmlrule.markdown_findings(safe, field=True):  # what the patterns miss (nested brackets): shown as typed
        return Markup(escape_value(text))
    return Markup(_quotes_outside_code(safe))


_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


def _quotes_outside_code(text: str) -> str:
    """`"` and `'` as character references (outside code spans, where they would show as typed), so
    Markdown made safe here cannot end an attribute it is printed into (`title="{{ x|md }}"`)."""
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        parts += [text[last : span.start()].replace('"', "&#34;").replace("'", "&#39;"), span.group(0)]
        last = span.end()
    parts.append(text[last:].replace('"', "&#34;").replace("'", "&#39;"))
    return "".join(parts)


def _safe_link(match: re.Match) -> str:
    image, label, target = match.groups()
    if image:
        return match.group(0) if rules.is_own_file(target) else label
    return match.group(0) if rules.is_reader_link(target) else f"[{label}]()"


def inline_code(text: str) -> Markup:
    """Plain text whose `backticked` words become <code>; for schema descriptions inside HTML tables."""
    escaped = html.escape(str(text), quote=True)  # quotes too: printed into an attribute it stays inside
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))


def html_page(target: str) -> str:
    return target[:-3] + ".html" if target.endswith(".md") else target


def href(target: str) -> str:
    """URL of a docs page (``program/gov-01.md``) relative to the page being rendered."""
    return html_page(_relative(target, posixpath.dirname(CURRENT_PAGE.get()) or "."))


def md_href(target: str) -> str:
    """Relative link for Markdown link syntax (MkDocs checks and converts these)."""
    return _relative(target, posixpath.dirname(CURRENT_PAGE.get()) or ".")


@functools.lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    # Tables link every programme from many pages of one folder: each path is worked out once.
    return posixpath.relpath(target, folder)
