"""Stage 2, validate: fontconfig's answers in this process, as ``fc-match -f`` and ``fc-list -f`` print them.

:mod:`printchars` asks fontconfig for the print fonts' folders, the regional scripts' font files and
every font's characters: some seventeen questions a build. Each ``fc-match`` or ``fc-list`` run loads
fontconfig's configuration and caches again (about 8 ms of CPU); here the library is loaded once and
asked the same questions the same way: :func:`match` does what ``fc-match`` does, :func:`listing` what
``fc-list`` does, and both format each font with fontconfig's own ``FcPatternFormat``, so the text is
the very text the commands print. Without the library (not installed, not loadable) both return None,
and the caller runs the command instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
from collections.abc import Callable, Iterator
from typing import Any

_MATCH_PATTERN = 0  # FcMatchPattern


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@functools.lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    try:
        lib = ctypes.CDLL("libfontconfig.so.1")  # its soname on Linux; find_library runs `ldconfig -p`
    except OSError:
        name = ctypes.util.find_library("fontconfig")
        if name is None:
            return None
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            return None
    try:
        pointer = ctypes.c_void_p
        lib.FcNameParse.argtypes, lib.FcNameParse.restype = [ctypes.c_char_p], pointer
        lib.FcConfigSubstitute.argtypes, lib.FcConfigSubstitute.restype = [pointer, pointer, ctypes.c_int], ctypes.c_int
        lib.FcDefaultSubstitute.argtypes, lib.FcDefaultSubstitute.restype = [pointer], None
        lib.FcFontMatch.argtypes, lib.FcFontMatch.restype = [pointer, pointer, ctypes.POINTER(ctypes.c_int)], pointer
        lib.FcFontList.argtypes, lib.FcFontList.restype = [pointer, pointer, pointer], ctypes.POINTER(_FontSet)
        lib.FcPatternFormat.argtypes, lib.FcPatternFormat.restype = [pointer, ctypes.c_char_p], pointer
        lib.FcPatternDestroy.argtypes, lib.FcPatternDestroy.restype = [pointer], None
        lib.FcFontSetDestroy.argtypes, lib.FcFontSetDestroy.restype = [ctypes.POINTER(_FontSet)], None
        lib.FcStrFree.argtypes, lib.FcStrFree.restype = [pointer], None
        if not lib.FcInit():
            return None
    except (OSError, AttributeError):
        return None
    return lib


def _formatted(lib: ctypes.CDLL, font: int | None, fmt: str) -> str:
    text = lib.FcPatternFormat(font, fmt.encode("utf-8"))
    if not text:
        return ""
    try:
        return ctypes.string_at(text).decode("utf-8", "replace")
    finally:
        lib.FcStrFree(text)


@contextlib.contextmanager
def _parsed(lib: ctypes.CDLL, pattern: str) -> Iterator[int | None]:
    """The pattern as fontconfig parses it (None when it cannot), destroyed after use."""
    pat = lib.FcNameParse(pattern.encode("utf-8"))
    try:
        yield pat
    finally:
        if pat:
            lib.FcPatternDestroy(pat)


def _answer(pattern: str, ask: Callable, read: Callable, free: Callable) -> str | None:
    """``read`` of what ``ask`` finds for the parsed pattern, ``free``d after; "" when nothing is found or the
    pattern does not parse, None when fontconfig cannot be loaded."""
    lib = _library()
    if lib is None:
        return None
    with _parsed(lib, pattern) as pat:
        found = ask(lib, pat) if pat else None
    if not found:
        return ""
    try:
        return read(lib, found)
    finally:
        free(lib, found)


def match(pattern: str, fmt: str) -> str | None:
    """What ``fc-match -f FMT PATTERN`` prints; None when fontconfig cannot be loaded."""

    def best(lib: ctypes.CDLL, pat: int) -> Any:
        lib.FcConfigSubstitute(None, pat, _MATCH_PATTERN)
        lib.FcDefaultSubstitute(pat)
        return lib.FcFontMatch(None, pat, ctypes.byref(ctypes.c_int()))

    return _answer(
        pattern, best, lambda lib, font: _formatted(lib, font, fmt), lambda lib, font: lib.FcPatternDestroy(font)
    )


def listing(pattern: str, fmt: str) -> str | None:
    """What ``fc-list -f FMT PATTERN`` prints (every font with ``pattern=""``); None when fontconfig cannot be loaded."""

    def each(lib: ctypes.CDLL, fonts: Any) -> str:
        found = fonts.contents
        return "".join(_formatted(lib, found.fonts[i], fmt) for i in range(found.nfont))

    return _answer(
        pattern, lambda lib, pat: lib.FcFontList(None, pat, None), each, lambda lib, fonts: lib.FcFontSetDestroy(fonts)
    )
