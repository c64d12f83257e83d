"""Stage 2, validate: characters the books' fonts cannot draw, found before the build.

The PDFs are PDF/A, where every character must come from an embedded font; Typst is given
only the print fonts (TeX Gyre, DejaVu: :func:`font_dirs` here), and a character none of
them has (an emoji, CJK, an invisible line separator) made the book fail with a message
about ``macros/print/umum.typ``; so ``masterplan check`` and the build name the data file
and line, or the chapter and line, and the character. The web pages would show such
characters, but the three books and the annex are the same text, so one rule holds for both.

The scripts of Indonesia that Debian's Noto fonts carry (Aksara Bali, Jawa, Sunda,
Lontara, Batak, Rejang: :data:`REGIONAL_SCRIPTS`) are printed: Pergub Bali 80/2018 asks
offices to write their names in Aksara Bali above the Latin. Their fonts' folder is given
to Typst, which falls back to them for those characters; the Word annex names the font
on each run of such text (:func:`script_runs`), and the site serves the same files with a
``unicode-range``, so a reader's browser fetches one only for a page that uses the script.

The set of drawable characters comes from fontconfig (``fc-list``), which the build needs
anyway; without fontconfig or fonts nothing can be said, and nothing is reported.
"""

from __future__ import annotations

import functools
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from . import fontconfig

# Characters that are layout, not glyphs: line breaks and tabs in text are typeset as spaces.
_LAYOUT = {0x09, 0x0A, 0x0D}
_SEPARATORS = {0x2028: "pemisah baris U+2028", 0x2029: "pemisah paragraf U+2029", 0x85: "baris baru U+0085 (NEL)"}


FONT_FAMILIES = ("TeX Gyre Pagella", "TeX Gyre Heros", "TeX Gyre Bonum", "DejaVu Sans Mono")


@dataclass(frozen=True)
class RegionalScript:
    name: str  # as Indonesians call it
    family: str  # the Noto family that draws it (Debian: fonts-noto-core)
    ranges: tuple[tuple[int, int], ...]  # its Unicode blocks


REGIONAL_SCRIPTS = (
    RegionalScript("Aksara Bali", "Noto Sans Balinese", ((0x1B00, 0x1B7F),)),
    RegionalScript("Aksara Jawa", "Noto Sans Javanese", ((0xA980, 0xA9DF),)),
    RegionalScript("Aksara Sunda", "Noto Sans Sundanese", ((0x1B80, 0x1BBF), (0x1CC0, 0x1CCF))),
    RegionalScript("Aksara Lontara", "Noto Sans Buginese", ((0x1A00, 0x1A1F),)),
    RegionalScript("Aksara Batak", "Noto Sans Batak", ((0x1BC0, 0x1BFF),)),
    RegionalScript("Aksara Rejang", "Noto Sans Rejang", ((0xA930, 0xA95F),)),
)


def regional_family(char: str) -> str | None:
    """The Noto family of a character of a regional script, None for any other character."""
    point = ord(char)
    for script in REGIONAL_SCRIPTS:
        if any(low <= point <= high for low, high in script.ranges):
            return script.family
    return None


def script_runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut where a regional script begins or ends: (piece, its Noto family or None).

    A space between two words of one script stays with it, so a name in Aksara Bali is one
    run in Word, as typed; punctuation goes with the Latin text, whose font has it."""
    if text.isascii():
        return [(text, None)]
    runs: list[tuple[str, str | None]] = []
    for char in text:
        family = regional_family(char)
        if family is None and runs and runs[-1][1] is not None and char.isspace():
            family = runs[-1][1]  # a space inside a run of the script
        if runs and runs[-1][1] == family:
            runs[-1] = (runs[-1][0] + char, family)
        else:
            runs.append((char, family))
    return runs


def _fontconfig(command: str, fmt: str, pattern: str = "") -> str | None:
    """What ``command -f fmt pattern`` prints (``fc-match`` or ``fc-list``), asked in this process when the
    fontconfig library loads (:mod:`fontconfig`, the same text), else by running the command; None when neither can."""
    asked = (fontconfig.match if command == "fc-match" else fontconfig.listing)(pattern, fmt)
    if asked is not None:
        return asked
    try:
        return subprocess.run(
            [command, "-f", fmt, *([pattern] if pattern else [])], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


@functools.lru_cache(maxsize=1)
def font_dirs() -> list[str]:
    """The folders of the print fonts, found through fontconfig.

    Typst is given only these (not every system font), which keeps its start fast and
    the output the same on every machine that has the same font packages.
    """
    found = set()
    for family in FONT_FAMILIES + tuple(s.family for s in REGIONAL_SCRIPTS):
        out = _fontconfig("fc-match", "%{family}\t%{file}", family)
        if out is None:
            continue
        names, _, file = out.partition("\t")
        if file and family in names.split(","):  # fc-match answers with another font when the family is missing
            found.add(str(Path(file).parent))
    return sorted(found)


@functools.lru_cache(maxsize=1)
def regional_font_files() -> dict[str, list[Path]]:
    """The font files of each regional script's family that is installed (for the site's @font-face)."""
    found: dict[str, list[Path]] = {}
    for script in REGIONAL_SCRIPTS:
        out = _fontconfig("fc-list", "%{file}\n", script.family)
        if out is None:
            continue
        files = sorted(Path(f) for f in out.split("\n") if f.endswith((".ttf", ".otf")))
        if files:
            found[script.family] = files
    return found


@functools.lru_cache(maxsize=1)
def drawable() -> frozenset[int] | None:
    """Code points that some print font has; None when fontconfig or the fonts are missing."""
    folders = tuple(str(Path(d)).rstrip("/") + "/" for d in font_dirs())  # a file in one: its path starts so
    if not folders:
        return None
    listing = _fontconfig("fc-list", "%{file}\t%{charset}\n")
    if listing is None:
        return None
    spans: list[tuple[int, int]] = []
    for row in listing.splitlines():
        file, _, charset = row.partition("\t")
        if file.startswith(folders):
            spans += _spans(charset)
    # The fonts' ranges overlap (every font has Latin): each code point is added once.
    points: set[int] = set()
    reach = -1
    for low, high in sorted(spans):
        if high > reach:
            points.update(range(max(low, reach + 1), high + 1))
            reach = high
    return frozenset(points) or None


def _spans(charset: str) -> Iterable[tuple[int, int]]:
    for part in charset.split():
        low, _, high = part.partition("-")
        yield int(low, 16), int(high or low, 16)


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
    return (
        f"teks memuat karakter yang tidak bisa dicetak oleh fon PDF: {describe(chars)}; hapus atau ganti karakter itu "
        "(emoji, pemisah baris tak terlihat, aksara yang fonnya tidak terpasang). Aksara Bali, Jawa, Sunda, Lontara, Batak "
        "dan Rejang dicetak bila paket fonts-noto-core terpasang (`bash scripts/setup.sh --build`)."
    )


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
