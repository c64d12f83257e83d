"""Stage 3, derive: the rows of the change matrix (*matriks perubahan*) and how texts are compared.

A changed thing is an :class:`Item` with one :class:`Row` per changed field or passage:
Semula | Menjadi | Keterangan, text differences marked word by word (:func:`word_diff`).
The helpers below make rows from pairs of texts; :mod:`compare` and its companions
(:mod:`compare_programmes`, :mod:`compare_chapters`) decide what is compared.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..formats import NOT_SET, number
from .missing import missing_of
from .readertext import WRAP

ADDED, REMOVED, CHANGED = "ditambah", "dihapus", "diubah"
KIND_LABELS = {ADDED: "Ditambah", REMOVED: "Dihapus", CHANGED: "Diubah"}
# The sections of the matrix, in the order of the masterplan's text.
SECTIONS = {
    "visi": "Visi",
    "misi": "Misi",
    "arah_kebijakan": "Arah kebijakan",
    "dimensi": "Dimensi",
    "program": "Program",
    "bab": "Teks bab",
}


@dataclass(frozen=True)
class Segment:
    op: str  # "=" the same in both, "-" only in the enacted text (deleted), "+" only in the draft (inserted)
    text: str


@dataclass
class Row:
    bagian: str  # which part changed: "Target indikator “Cakupan layanan” tahun 2026"
    semula: list[Segment] | None  # None: it did not exist in the enacted text
    menjadi: list[Segment] | None  # None: the draft removes it
    keterangan: str

    @property
    def semula_text(self) -> str:
        return "".join(s.text for s in self.semula) if self.semula is not None else ""

    @property
    def menjadi_text(self) -> str:
        return "".join(s.text for s in self.menjadi) if self.menjadi is not None else ""


@dataclass
class Item:
    section: str  # a key of SECTIONS
    key: str  # "GOV-03", "M2", "governance", "buku-2/bab-2-visi-misi.md", "visi"
    title: str  # as the matrix names it: "Program GOV-03 Aku Online"
    kind: str  # ADDED, REMOVED or CHANGED
    rows: list[Row] = field(default_factory=list)

    @property
    def section_label(self) -> str:
        return SECTIONS[self.section]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


# ------------------------------------------------------------------ text differences

# Words, punctuation, runs of line-wrapping white space (shown as one space) and tabs. A word and its
# punctuation are tokens of their own ("kepentingan," differs from "kepentingan" by the comma only); a
# no-break space, a soft hyphen or a zero-width space belongs to its word, as typed (Python's `\s` would
# take a no-break space for a break).
_WORD_CHAR = "[\\w\u00a0\u00ad\u200b-\u200d\u2060\ufeff]"
_TOKEN = re.compile(rf"[ \n\r\f\v]+|\t+|{_WORD_CHAR}+(?:[-’'.]{_WORD_CHAR}+)*|[^\w \t\n\r\f\v]")


def _words(text: str) -> list[str]:
    return [" " if WRAP.fullmatch(t) else t for t in _TOKEN.findall(WRAP.sub(" ", text).strip(" "))]


def _merged(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for s in segments:
        if out and out[-1].op == s.op:
            out[-1] = Segment(s.op, out[-1].text + s.text)
        elif s.text:
            out.append(s)
    return out


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """(enacted text with deleted words marked, draft text with inserted words marked)."""
    a, b = _words(old), _words(new)
    before: list[Segment] = []
    after: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            before.append(Segment("=", "".join(a[i1:i2])))
            after.append(Segment("=", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            before.append(Segment("-", "".join(a[i1:i2])))
        if j2 > j1:
            after.append(Segment("+", "".join(b[j1:j2])))
    return _merged(before), _merged(after)


def unmarked(text: str) -> list[Segment]:
    return [Segment("=", text)]


def value_row(bagian: str, old: str, new: str) -> Row:
    """A field that changed: both texts, words marked when they share some."""
    before, after = word_diff(old, new)
    return Row(bagian, before, after, KIND_LABELS[CHANGED])


def changed_rows(pairs: list[tuple[str, str, str]]) -> list[Row]:
    """Rows for the (label, enacted, draft) texts that differ."""
    return [value_row(label, old, new) for label, old, new in pairs if old != new]


def as_text(value) -> str:
    return NOT_SET if value in (None, "", []) else str(value)


def field_text(model, name: str, value) -> str:
    """A field's text, or the kind of missing its entry declares ("tidak diketahui"), as every other output words it."""
    return missing_of(model, name) if value in (None, "", []) else str(value)


def draft_order(before: dict, after: dict) -> list:
    """The draft's order, then what only the enacted text had, in its order."""
    return list(after) + [k for k in before if k not in after]


def figure(value, unit: str | None) -> str:
    if value is None:
        return NOT_SET
    return f"{number(value)} {unit}".strip() if unit and unit != "%" else f"{number(value)}{unit or ''}"


def keyed_rows(old: list, new: list, key, noun: str, summary, pairs) -> list[Row]:
    """Items matched by ``key``: an added or removed one in a row of its own (``summary``), a kept one field by field (``pairs``)."""
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    rows = []
    for k in draft_order(before, after):
        a, b = before.get(k), after.get(k)
        label = f"{noun} “{k}”"
        if a is None:
            rows.append(Row(label, None, unmarked(summary(b)), KIND_LABELS[ADDED]))
        elif b is None:
            rows.append(Row(label, unmarked(summary(a)), None, KIND_LABELS[REMOVED]))
        else:
            rows += changed_rows(pairs(label, a, b))
    return rows
