"""Stage 2, validate: characters the books' fonts cannot draw, found before the build.

The PDFs are PDF/A, where every character must come from an embedded font; Typst is given
only the print fonts (TeX Gyre, DejaVu: :func:`font_dirs` here), and a character none of
them has (an emoji, CJK, Aksara Bali, an invisible line separator) made the book fail with
a message about ``macros/print/umum.typ``. *Decision:* no extra fallback font is shipped
(a font covering Aksara Bali and CJK adds tens of megabytes to every build machine); instead
``masterplan check`` and the build name the data file and line, or the chapter and line,
and the character. The web pages would show such characters, but the three books and the
annex are the same text, so one rule holds for both.

The set of drawable characters comes from fontconfig (``fc-list``), which the build needs
anyway; without fontconfig or fonts nothing can be said, and nothing is reported.
"""

from __future__ import annotations

import functools
import subprocess
import unicodedata
from pathlib import Path
from typing import Any, Iterable

from ..errors import Problem

# Characters that are layout, not glyphs: line breaks and tabs in text are typeset as spaces.
_LAYOUT = {0x09, 0x0A, 0x0D}
_SEPARATORS = {0x2028: "pemisah baris U+2028", 0x2029: "pemisah paragraf U+2029", 0x85: "baris baru U+0085 (NEL)"}


FONT_FAMILIES = ("TeX Gyre Pagella", "TeX Gyre Heros", "TeX Gyre Bonum", "DejaVu Sans Mono")


@functools.lru_cache(maxsize=1)
def font_dirs() -> list[str]:
    """The folders of the print fonts, found through fontconfig.

    Typst is given only these (not every system font), which keeps its start fast and
    the output the same on every machine that has the same font packages.
    """
    found = set()
    for family in FONT_FAMILIES:
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        if out:
            found.add(str(Path(out).parent))
    return sorted(found)


@functools.lru_cache(maxsize=1)
def drawable() -> frozenset[int] | None:
    """Code points that some print font has; None when fontconfig or the fonts are missing."""
    folders = [Path(d) for d in font_dirs()]
    if not folders:
        return None
    try:
        listing = subprocess.run(["fc-list", "-f", "%{file}\t%{charset}\n"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    points: set[int] = set()
    for row in listing.splitlines():
        file, _, charset = row.partition("\t")
        if any(folder in Path(file).parents for folder in folders):
            points.update(_ranges(charset))
    return frozenset(points) or None


def _ranges(charset: str) -> Iterable[int]:
    for part in charset.split():
        low, _, high = part.partition("-")
        yield from range(int(low, 16), int(high or low, 16) + 1)


def undrawable(text: str, fonts: frozenset[int]) -> list[str]:
    """The distinct characters of ``text`` that no print font has, in order of appearance."""
    if text.isascii() and text.isprintable():
        return []
    seen: dict[str, None] = {}
    for char in text:
        point = ord(char)
        if point not in _LAYOUT and (point not in fonts or point in _SEPARATORS):
            seen.setdefault(char)
    return list(seen)


def describe(chars: list[str]) -> str:
    shown = []
    for char in chars[:5]:
        point = ord(char)
        name = _SEPARATORS.get(point) or unicodedata.name(char, "").lower() or "karakter kendali"
        visible = f"`{char}` " if unicodedata.category(char)[0] not in "CZ" else ""
        shown.append(f"{visible}({name}, U+{point:04X})")
    more = f" dan {len(chars) - 5} lainnya" if len(chars) > 5 else ""
    return ", ".join(shown) + more


def message(chars: list[str]) -> str:
    return (f"teks memuat karakter yang tidak bisa dicetak oleh fon PDF: {describe(chars)}; hapus atau ganti karakter itu "
            "(emoji, aksara selain Latin, pemisah baris tak terlihat), misalnya tulis dengan huruf Latin.")


def document_problems(documents: dict[str, Any]) -> list[Problem]:
    """Every text value of the data holding an undrawable character, at its file and line."""
    fonts = drawable()
    if fonts is None:
        return []
    problems: list[Problem] = []
    for doc in documents.values():
        if doc.value is None:
            continue
        for path, text in _texts(doc.value, ()):
            chars = undrawable(text, fonts)
            if chars:
                problems.append(Problem(doc.file, doc.line_of(path), message(chars)))
    return problems


def _texts(value: Any, path: tuple) -> Iterable[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, path + (i,))


def text_problems(text: str, shown: str) -> list[Problem]:
    """Undrawable characters in a chapter's text, one problem per line."""
    fonts = drawable()
    if fonts is None or (text.isascii() and text.isprintable()):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        chars = undrawable(line, fonts)
        if chars:
            problems.append(Problem(shown, number, message(chars)))
    return problems
