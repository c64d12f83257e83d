"""Stage 4, render: the one rule judges the HTML a chapter *becomes*, expressions included.

A chapter is rendered once. While it renders, the output of each call of a macro that exists
to emit HTML (:data:`HTML_MACROS`, the only exemption, listed here and nowhere else) is set
aside behind a marker no chapter can guess (a random nonce per render). Then:

- the page keeps the macro's HTML in place of each marker;
- the rule (:mod:`..validate.htmlrule`) judges the rest: what the editor wrote *and* what every
  other expression printed (``|safe``, ``|md``, a text macro, a ``{% call %}`` block's content),
  with a placeholder word where each macro's HTML was (a placeholder inside an attribute or a
  tag is refused: a macro's HTML belongs between elements).

So that an exempt macro cannot carry a chapter's markup out of the judgment, a chapter's
arguments to it lose their "safe" mark (``|safe`` text becomes plain text, which the macro
escapes), except another exempt macro's output. Each finding is reported at the chapter's line
where its text was written, or where the expression that printed it is.

``{% include %}``/``{% import %}`` of anything but the chapter macro library, and
``{% extends %}``, are refused at their line (:func:`load_problems`): the editor's page, its
scripts and its policy are not a chapter's to include.
"""

from __future__ import annotations

import contextvars
import html
import re
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, cast

from jinja2 import nodes
from jinja2.runtime import Macro
from markupsafe import Markup

from .sandbox import TemplateList

# Macros of macros/masterplan.j2 that exist to emit HTML (tables, charts, lists, cards): their
# output is the project's code and is not judged. Every other macro's output is judged with the
# chapter (tests/test_boundary_chapters.py checks each macro of the library is in one list).
HTML_MACROS = frozenset(
    [
        "tanda_ilustratif",
        "sebagian",
        "anggaran_program",
        "catatan_ilustratif",
        "program_tanpa_dimensi",
        "visi",
        "daftar_misi",
        "tabel_arah_kebijakan",
        "dasar_hukum",
        "tautan_program",
        "tabel_program",
        "kartu_dimensi",
        "daftar_elemen",
        "tabel_sasaran",
        "daftar",
        "swot",
        "isu_strategis",
        "statistik_profil",
        "tabel_kesiapan",
        "komponen_kesiapan",
        "strategi",
        "gantt",
        "tabel_fase",
        "tabel_tonggak",
        "tabel_quick_win",
        "tabel_pendanaan",
        "nilai_total_kosong",
        "nilai_resmi",
        "tabel_monev",
        "tabel_subindikator",
        "rincian_subindikator",
        "peringkat_evaluasi",
        "nilai_lain_evaluasi",
        "rekomendasi_evaluasi",
        "temuan_evaluasi",
        "evaluasi_lengkap",
        "tabel_evaluasi",
        "target_skor",
        "ringkasan_monev",
        "tindak_lanjut_rekomendasi",
        "nilai_terakhir",
        "grafik_realisasi_dimensi",
        "tabel_status",
        "ringkasan_profil",
        "penjelasan_visi",
        "tabel_ringkas_dimensi",
        "rincian_quick_win",
        "grafik_skor_unsur",
        "grafik_tren",
        "tabel_capaian_indikator",
    ]
)
# Macros whose output is text a chapter may shape (its own words in a call block, a sentence): judged.
TEXT_MACROS = frozenset(
    [
        "uraian_daerah",
        "kalimat_cakupan",
        "nama_wilayah",
        "periode",
        "nama_dimensi",
        "regulasi",
        "penetapan",
        "gambar_panduan",
    ]
)
# What a chapter may include or import: the macro library, and nothing else under macros/.
CHAPTER_LIBRARY = frozenset({"masterplan.j2"})
PLACEHOLDER = "keluaranmakro"
# How much of the chapter's own rendered text (everything but the exempt HTML) the rule reads.
MAX_JUDGED = 2_000_000
_RECORDED_LIMIT = 1_000_000  # characters of printed values kept to find a finding's line


@dataclass
class ChapterRender:
    """What one chapter's render sets aside (exempt HTML) and records (printed values, with lines)."""

    filename: str
    line_of: Callable[[int], int]
    nonce: str = field(default_factory=lambda: secrets.token_hex(12))
    exempt: dict[int, tuple[Any, int]] = field(default_factory=dict)  # id -> (object, its index)
    printed: list[tuple[str, int]] = field(default_factory=list)
    recorded: int = 0

    def marker(self, index: int) -> str:
        return f"mpm{self.nonce}x{index}z"

    def register(self, value: Any) -> None:
        if isinstance(value, Markup) and id(value) not in self.exempt:
            self.exempt[id(value)] = (value, len(self.exempt))

    def shown(self, value: Markup) -> Markup:
        """The marker of an exempt macro output; any other markup is recorded with the line that printed it."""
        kept = self.exempt.get(id(value))
        if kept is not None and kept[0] is value:
            if len(self.printed) < 10_000:  # where the macro was called, should its output land inside a tag
                self.printed.append((PLACEHOLDER, self.current_line()))
            return Markup(self.marker(kept[1]))
        if self.recorded < _RECORDED_LIMIT:
            self.recorded += len(value)
            self.printed.append((str(value), self.current_line()))
        return value

    def current_line(self) -> int:
        frame: FrameType | None = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                return self.line_of(frame.f_lineno)
            frame = frame.f_back
        return 1

    def resolve(self, text: str) -> tuple[str, str]:
        """(the page with each macro's HTML in place, the text the rule judges).

        In the judged text a macro's HTML becomes a placeholder word on each of its lines (an empty line
        where it has one): its line breaks end an indented code block or a paragraph in the page, so they
        must in the judged text too. A single word there once let a chapter's `javascript:` link, written
        after a macro on an indented line, be judged as code while the page made it a link.
        """
        pattern = re.compile(f"mpm{self.nonce}x(\\d+)z")
        by_index = [value for value, _index in sorted(self.exempt.values(), key=lambda kept: kept[1])]

        def once(values: list[str]) -> tuple[list[str], bool]:
            nested = [pattern.subn(lambda m: values[int(m.group(1))], value) for value in values]
            return [value for value, _count in nested], any(count for _value, count in nested)

        for _depth in range(32):  # a macro's output may hold another's marker (a call block's content)
            by_index, more = once(by_index)
            if not more:
                break

        def placeholder(found: re.Match[str]) -> str:
            lines = by_index[int(found.group(1))].split("\n")
            return "\n".join(PLACEHOLDER if line.strip() else "" for line in lines)

        return pattern.sub(lambda m: by_index[int(m.group(1))], text), pattern.sub(placeholder, text)

    def line_of_needle(self, needle: str) -> int | None:
        """The line of the first printed value that holds ``needle`` (as written or as the browser reads
        its character references); else of the first printed markup; else None."""
        lowered = needle.lower()
        for value, line in self.printed:
            if needle and (
                lowered in value.lower()
                or lowered in html.unescape(value).lower()
                or (value == PLACEHOLDER and value in lowered)
            ):
                return line
        return next((line for value, line in self.printed if "<" in value or "&" in value), None)


CURRENT: contextvars.ContextVar[ChapterRender | None] = contextvars.ContextVar(
    "masterplan_chapter_render", default=None
)


def shown(value: Markup) -> Markup:
    """For the render's finalize: an exempt macro output becomes its marker while a chapter renders."""
    state = CURRENT.get()
    return value if state is None else state.shown(value)


def _plain(value: Any, state: ChapterRender) -> Any:
    """A chapter's argument to an exempt macro, without its "safe" mark (unless it is exempt output)."""
    if isinstance(value, Markup):
        kept = state.exempt.get(id(value))
        return value if kept is not None and kept[0] is value else str(value)
    if type(value) in (list, tuple) or isinstance(value, TemplateList):
        return type(value)(_plain(v, state) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v, state) for k, v in value.items()}
    if isinstance(value, Macro):
        return _PlainCaller(value, state)  # a `{% call %}` block's content
    return value


class _PlainCaller:
    def __init__(self, caller: Any, state: ChapterRender):
        self._caller = caller
        self._state = state

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _plain(self._caller(*args, **kwargs), self._state)


class HtmlMacro:
    """A macro of :data:`HTML_MACROS` as chapters see it: its output is set aside while a chapter renders."""

    def __init__(self, macro: Any):
        self._macro = macro

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        state = CURRENT.get()
        if state is None:  # a generated page (macros/pages/): the project's own templates
            return self._macro(*args, **kwargs)
        result = self._macro(*(_plain(a, state) for a in args), **{k: _plain(v, state) for k, v in kwargs.items()})
        state.register(result)
        return result


def library_globals(library: Any) -> dict[str, Any]:
    """The macro library's names for the environment's globals, the HTML macros wrapped."""
    names = [name for name in dir(library) if not name.startswith("_")]
    return {
        name: HtmlMacro(getattr(library, name)) if name in HTML_MACROS else getattr(library, name) for name in names
    }


def load_problems(tree: nodes.Template) -> list[tuple[int, str]]:
    """(line, message) for each include, import or extends a chapter may not make."""
    found = []
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        target = cast(nodes.Include, node).template  # Import, FromImport and Extends name theirs the same way
        name = target.value if isinstance(target, nodes.Const) and isinstance(target.value, str) else None
        if isinstance(node, nodes.Extends) or name not in CHAPTER_LIBRARY:
            tag = {
                nodes.Include: "include",
                nodes.Import: "import",
                nodes.FromImport: "from ... import",
                nodes.Extends: "extends",
            }[type(node)]
            shown_name = f"`{name}`" if name else "templat yang namanya dihitung"
            found.append(
                (
                    node.lineno,
                    f"`{{% {tag} %}}` {shown_name} tidak diizinkan di bab: bab hanya boleh memanggil makro dari "
                    "pustaka makro (misalnya `{{ tabel_program() }}`); hapus baris ini.",
                )
            )
    return found
