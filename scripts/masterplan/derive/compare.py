"""Stage 3, derive: what a draft amendment changes against the enacted text (the *matriks perubahan*).

Computed from the two revisions' validated data and their hand-written chapters,
never from a hand-kept list. Each changed thing is an :class:`Item` (a programme,
the vision, a mission, a policy direction, a dimension, a chapter) with one
:class:`Row` per changed field or passage: Semula | Menjadi | Keterangan, text
differences marked word by word. Unchanged things are counted, not listed.

What is compared is the regulation's content. Monitoring figures that change every
year without amending anything (a programme's ``status``, ``progres``,
``realisasi``, ``sumber``, the ``ilustratif`` flag) are left out on purpose.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import schema
from ..formats import NOT_SET, and_list, number, rupiah
from ..labels import HORIZON_LABELS, roman
from ..validate.plan import Masterplan
from .missing import missing, missing_of
from .readertext import WRAP, Unit, reader_units

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
UNCHANGED_LABELS = {
    "visi": "visi",
    "misi": "misi",
    "arah_kebijakan": "arah kebijakan",
    "dimensi": "dimensi",
    "program": "program",
    "bab": "bab",
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


@dataclass
class Comparison:
    tag: str  # the enacted revision's Git tag
    amended: str  # "Peraturan Bupati Buleleng Nomor 27 Tahun 2024 tentang ..."
    items: list[Item]
    unchanged: dict[str, int]  # section -> how many things of it did not change
    # The enacted revision's validated data and chapter sources: the render stage renders those chapters with
    # that data and hands both sides' reader text to :func:`add_chapters` (the chapters are compared as read).
    enacted_plan: Masterplan | None = None
    enacted_chapters: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def rows(self) -> list[tuple[Item, Row]]:
        return [(item, row) for item in self.items for row in item.rows]

    def by_section(self) -> list[tuple[str, list[Item]]]:
        return [
            (label, [i for i in self.items if i.section == key])
            for key, label in SECTIONS.items()
            if any(i.section == key for i in self.items)
        ]

    @property
    def unchanged_text(self) -> str:
        """ "31 program, 5 misi ... tidak berubah": what is the same, counted."""
        parts = [f"{n} {UNCHANGED_LABELS[k]}" for k, n in self.unchanged.items() if n]
        return and_list(parts) if parts else ""


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


def _plain(text: str) -> list[Segment]:
    return [Segment("=", text)]


def value_row(bagian: str, old: str, new: str) -> Row:
    """A field that changed: both texts, words marked when they share some."""
    before, after = word_diff(old, new)
    return Row(bagian, before, after, KIND_LABELS[CHANGED])


def _fields(pairs: list[tuple[str, str, str]]) -> list[Row]:
    """Rows for the (label, enacted, draft) texts that differ."""
    return [value_row(label, old, new) for label, old, new in pairs if old != new]


def _text(value) -> str:
    return NOT_SET if value in (None, "", []) else str(value)


def _field(model, name: str, value) -> str:
    """A field's text, or the kind of missing its entry declares ("tidak diketahui"), as every other output words it."""
    return missing_of(model, name) if value in (None, "", []) else str(value)


# ------------------------------------------------------------------ the comparison


class _Names:
    """How a plan names what its codes refer to (agency, element, dimension), for readable values."""

    def __init__(self, plan: Masterplan):
        self.agencies = {o.id: o.singkatan or o.nama for o in plan.opd.opd}
        self.elements = {e.id: e.nama for d in plan.dimensi.dimensi for e in d.elemen}
        self.dimensions = {d.id: d.nama for d in plan.dimensi.dimensi} | {"tanpa-dimensi": "tanpa dimensi"}

    def element(self, code: str | None) -> str | None:
        return self.elements.get(code, code) if code else None

    def agency(self, code: str | None, model=None) -> str:
        return _field(model, "opd", self.agencies.get(code, code) if code else None)


def compare(
    old: Masterplan,
    new: Masterplan,
    old_chapters: dict[str, str] | None,
    new_chapters: dict[str, str] | None,
    tag: str,
    amended: str,
) -> Comparison:
    """Everything the draft changes against the enacted revision.

    ``old_chapters`` / ``new_chapters``: each chapter (``buku-2/bab-1-pendahuluan.md``) as its reader reads it,
    i.e. the Markdown the render stage made of it, macros run. None leaves the chapters to :func:`add_chapters`.
    """
    items: list[Item] = []
    unchanged: dict[str, int] = {}
    steps: list[Callable[[], tuple[list[Item], int]]] = [
        lambda: _vision(old, new),
        lambda: _keyed("misi", old.visi_misi.misi, new.visi_misi.misi, "Misi", _mission_fields, _mission_summary),
        lambda: _keyed(
            "arah_kebijakan",
            old.visi_misi.arah_kebijakan,
            new.visi_misi.arah_kebijakan,
            "Arah kebijakan",
            _policy_fields,
            _policy_summary,
        ),
        lambda: _dimensions(old, new),
        lambda: _programmes(old, new),
        lambda: _chapters(old_chapters or {}, new_chapters or {}),
    ]
    for section, step in zip(SECTIONS, steps, strict=True):
        found, same = step()
        items.extend(found)
        unchanged[section] = same
    return Comparison(tag, amended, items, unchanged, old)


def add_chapters(comparison: Comparison, old_chapters: dict[str, str], new_chapters: dict[str, str]) -> None:
    """The chapters' rows, from both sides' rendered chapters (the render stage calls this; chapters come last)."""
    found, same = _chapters(old_chapters, new_chapters)
    comparison.items = [i for i in comparison.items if i.section != "bab"] + found
    comparison.unchanged["bab"] = same


def _vision(old: Masterplan, new: Masterplan) -> tuple[list[Item], int]:
    a, b = old.visi_misi.visi, new.visi_misi.visi
    rows = _fields(
        [
            ("Rumusan visi", _text(a.teks), _text(b.teks)),
            ("Penjelasan visi", _text(a.penjelasan.strip()), _text(b.penjelasan.strip())),
        ]
    )
    if not rows:
        return [], 1
    return [Item("visi", "visi", "Visi", CHANGED, rows)], 0


def _keyed(
    section: str, old_items: list, new_items: list, noun: str, fields: Callable, summary: Callable
) -> tuple[list[Item], int]:
    """Things with an id (missions, policy directions): added, removed, or changed field by field."""
    before = {x.id: x for x in old_items}
    after = {x.id: x for x in new_items}
    items, same = [], 0
    for key in _ordered(before, after):
        a, b = before.get(key), after.get(key)
        if a is None:
            items.append(
                Item(
                    section,
                    key,
                    f"{noun} {key}",
                    ADDED,
                    [Row(f"{noun} {key}", None, _plain(summary(b)), KIND_LABELS[ADDED])],
                )
            )
        elif b is None:
            items.append(
                Item(
                    section,
                    key,
                    f"{noun} {key}",
                    REMOVED,
                    [Row(f"{noun} {key}", _plain(summary(a)), None, KIND_LABELS[REMOVED])],
                )
            )
        else:
            rows = _fields(fields(a, b))
            if rows:
                items.append(Item(section, key, f"{noun} {key}", CHANGED, rows))
            else:
                same += 1
    return items, same


def _ordered(before: dict, after: dict) -> list:
    """The draft's order, then what only the enacted text had, in its order."""
    return list(after) + [k for k in before if k not in after]


def _mission_fields(a: schema.Misi, b: schema.Misi) -> list[tuple[str, str, str]]:
    return [("Rumusan misi", a.teks, b.teks)]


def _mission_summary(m: schema.Misi) -> str:
    return m.teks


def _policy_fields(a: schema.ArahKebijakan, b: schema.ArahKebijakan) -> list[tuple[str, str, str]]:
    return [
        ("Rumusan arah kebijakan", a.teks, b.teks),
        ("Misi yang didukung", _text(", ".join(a.misi)), _text(", ".join(b.misi))),
    ]


def _policy_summary(p: schema.ArahKebijakan) -> str:
    return p.teks + (f" (misi {', '.join(p.misi)})" if p.misi else "")


def _dimensions(old: Masterplan, new: Masterplan) -> tuple[list[Item], int]:
    before = {d.id: d for d in old.dimensi.dimensi}
    items, same = [], 0
    for b in new.dimensi.dimensi:
        a = before.get(b.id)
        if a is None:  # the six dimensions are fixed: one can only be missing in a broken revision
            continue
        rows = _fields(
            [
                ("Nama", a.nama, b.nama),
                ("Nama (Indonesia)", a.nama_id, b.nama_id),
                ("Uraian", _text(a.deskripsi), _text(b.deskripsi)),
            ]
        )
        rows += _list_rows("Tujuan", a.tujuan, b.tujuan)
        rows += _list_rows("Strategi", a.strategi, b.strategi)
        rows += _targets(a.sasaran, b.sasaran)
        rows += _fields(
            [
                (f"Elemen ke-{i + 1}", f"{x.nama} ({x.id})", f"{y.nama} ({y.id})")
                for i, (x, y) in enumerate(zip(a.elemen, b.elemen, strict=False))
            ]
        )
        if rows:
            items.append(Item("dimensi", b.id, f"Dimensi {b.nama}", CHANGED, rows))
        else:
            same += 1
    return items, same


def _list_rows(label: str, old: list[str], new: list[str]) -> list[Row]:
    """A list of sentences (strategies, goals): aligned, so one edited sentence is one row."""
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = list(
            zip(range(i1, i2), range(j1, j2), strict=False)
        )  # the shorter run pairs up; the rest is added or removed
        for i, j in pairs:
            rows.append(value_row(f"{label} ke-{j + 1}", old[i], new[j]))
        for i in range(i1 + len(pairs), i2):
            rows.append(Row(f"{label} ke-{i + 1}", _plain(old[i]), None, KIND_LABELS[REMOVED]))
        for j in range(j1 + len(pairs), j2):
            rows.append(Row(f"{label} ke-{j + 1}", None, _plain(new[j]), KIND_LABELS[ADDED]))
    return rows


def _figure(value, unit: str | None) -> str:
    if value is None:
        return NOT_SET
    return f"{number(value)} {unit}".strip() if unit and unit != "%" else f"{number(value)}{unit or ''}"


def _keyed_rows(old: list, new: list, key, noun: str, summary, pairs) -> list[Row]:
    """Items matched by ``key``: an added or removed one in a row of its own (``summary``), a kept one field by field (``pairs``)."""
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    rows = []
    for k in _ordered(before, after):
        a, b = before.get(k), after.get(k)
        label = f"{noun} “{k}”"
        if a is None:
            rows.append(Row(label, None, _plain(summary(b)), KIND_LABELS[ADDED]))
        elif b is None:
            rows.append(Row(label, _plain(summary(a)), None, KIND_LABELS[REMOVED]))
        else:
            rows += _fields(pairs(label, a, b))
    return rows


def _targets(old: list[schema.Sasaran], new: list[schema.Sasaran]) -> list[Row]:
    return _keyed_rows(
        old,
        new,
        lambda s: s.indikator,
        "Sasaran",
        lambda s: f"baseline {_figure(s.baseline, s.satuan)}, target {_figure(s.target, s.satuan)}",
        lambda label, a, b: [
            (f"{label}: satuan", _text(a.satuan), _text(b.satuan)),
            (f"{label}: baseline", _figure(a.baseline, a.satuan), _figure(b.baseline, b.satuan)),
            (f"{label}: target", _figure(a.target, a.satuan), _figure(b.target, b.satuan)),
        ],
    )


# ------------------------------------------------------------------ programmes


def _programme_index(plan: Masterplan) -> dict[str, tuple[str, schema.Program]]:
    return {p.id: (pf.dimensi, p) for _, pf in sorted(plan.program_files.items()) for p in pf.program}


def _programmes(old: Masterplan, new: Masterplan) -> tuple[list[Item], int]:
    before, after = _programme_index(old), _programme_index(new)
    names_old, names_new = _Names(old), _Names(new)
    items, same = [], 0
    for key in _ordered(before, after):
        if key not in before:
            dim, p = after[key]
            items.append(
                Item(
                    "program",
                    key,
                    f"Program {key} {p.nama}",
                    ADDED,
                    [Row(f"Program {key}", None, _plain(_programme_summary(dim, p, names_new)), "Program baru")],
                )
            )
        elif key not in after:
            dim, p = before[key]
            items.append(
                Item(
                    "program",
                    key,
                    f"Program {key} {p.nama}",
                    REMOVED,
                    [Row(f"Program {key}", _plain(_programme_summary(dim, p, names_old)), None, "Program dihapus")],
                )
            )
        else:
            rows = _programme_rows(before[key], after[key], names_old, names_new)
            if rows:
                items.append(Item("program", key, f"Program {key} {after[key][1].nama}", CHANGED, rows))
            else:
                same += 1
    return items, same


# The programme fields that are the regulation's content (see the module's docstring).
COMPARED_FIELDS = {
    "nama",
    "deskripsi",
    "elemen",
    "misi",
    "arah_kebijakan",
    "opd",
    "mitra",
    "mitra_lain",
    "horizon",
    "tahun_mulai",
    "tahun_selesai",
    "tahun_quick_win",
    "sumber_dana",
    "anggaran",
    "indikator",
    "rujukan",
}


def _content(dim: str, p: schema.Program) -> tuple:
    """What is compared, as one value: equal programmes are skipped at once (a thousand of them cost little)."""
    indicators = tuple((i.nama, i.satuan, i.baseline, tuple(sorted(i.target.items()))) for i in p.indikator)
    return (dim,) + tuple(getattr(p, f) if f != "indikator" else indicators for f in sorted(COMPARED_FIELDS))


def _years(values: list[int]) -> str:
    return and_list(values) if values else NOT_SET


def _programme_rows(
    old: tuple[str, schema.Program], new: tuple[str, schema.Program], names_old: _Names, names_new: _Names
) -> list[Row]:
    (dim_a, a), (dim_b, b) = old, new
    if _content(dim_a, a) == _content(dim_b, b):
        return []
    pairs = [
        ("Nama program", a.nama, b.nama),
        ("Dimensi", names_old.dimensions.get(dim_a, dim_a), names_new.dimensions.get(dim_b, dim_b)),
        ("Elemen", _field(a, "elemen", names_old.element(a.elemen)), _field(b, "elemen", names_new.element(b.elemen))),
        ("Uraian", _field(a, "deskripsi", a.deskripsi), _field(b, "deskripsi", b.deskripsi)),
        ("OPD penanggung jawab", names_old.agency(a.opd, a), names_new.agency(b.opd, b)),
        (
            "OPD mitra",
            _field(a, "mitra", ", ".join(names_old.agency(m) for m in a.mitra)),
            _field(b, "mitra", ", ".join(names_new.agency(m) for m in b.mitra)),
        ),
        (
            "Mitra lain",
            _field(a, "mitra_lain", "; ".join(a.mitra_lain)),
            _field(b, "mitra_lain", "; ".join(b.mitra_lain)),
        ),
        ("Misi", _field(a, "misi", ", ".join(a.misi)), _field(b, "misi", ", ".join(b.misi))),
        (
            "Arah kebijakan",
            _field(a, "arah_kebijakan", ", ".join(a.arah_kebijakan)),
            _field(b, "arah_kebijakan", ", ".join(b.arah_kebijakan)),
        ),
        (
            "Horizon",
            _field(a, "horizon", HORIZON_LABELS[a.horizon] if a.horizon else None),
            _field(b, "horizon", HORIZON_LABELS[b.horizon] if b.horizon else None),
        ),
        ("Tahun mulai", _field(a, "tahun_mulai", a.tahun_mulai), _field(b, "tahun_mulai", b.tahun_mulai)),
        ("Tahun selesai", _field(a, "tahun_selesai", a.tahun_selesai), _field(b, "tahun_selesai", b.tahun_selesai)),
        ("Tahun quick win", _years(a.tahun_quick_win), _years(b.tahun_quick_win)),
        (
            "Sumber dana",
            _field(a, "sumber_dana", ", ".join(a.sumber_dana)),
            _field(b, "sumber_dana", ", ".join(b.sumber_dana)),
        ),
        ("Anggaran", _budget(a), _budget(b)),
        ("Keterkaitan RPJMD/Renstra", _field(a, "rujukan", a.rujukan), _field(b, "rujukan", b.rujukan)),
    ]
    return _fields(pairs) + _indicator_rows(a.indikator, b.indikator)


def _indicator_rows(old: list[schema.Indikator], new: list[schema.Indikator]) -> list[Row]:
    return _keyed_rows(old, new, lambda i: i.nama, "Indikator", _indicator_summary, _indicator_pairs)


def _indicator_pairs(label: str, a: schema.Indikator, b: schema.Indikator) -> list[tuple]:
    pairs = [
        (f"{label}: satuan", _text(a.satuan), _text(b.satuan)),
        (f"{label}: baseline", _figure(a.baseline, a.satuan), _figure(b.baseline, b.satuan)),
    ]
    for year in sorted(set(a.target) | set(b.target)):
        pairs.append(
            (
                f"{label}: target tahun {year}",
                _figure(a.target.get(year), a.satuan),
                _figure(b.target.get(year), b.satuan),
            )
        )
    return pairs


def _indicator_summary(i: schema.Indikator) -> str:
    targets = "; ".join(f"{year}: {_figure(v, i.satuan)}" for year, v in sorted(i.target.items()))
    return f"{i.nama} (baseline {_figure(i.baseline, i.satuan)}; target {targets or NOT_SET})"


def _budget(p: schema.Program) -> str:
    return rupiah(p.anggaran) if p.anggaran is not None else missing_of(p, "anggaran")


def _programme_summary(dim: str, p: schema.Program, names: _Names) -> str:
    years = (
        f"{p.tahun_mulai or '?'}–{p.tahun_selesai or '?'}"
        if p.tahun_mulai or p.tahun_selesai
        else missing(p, "tahun_mulai", "tahun_selesai").words
    )
    parts = [
        p.nama,
        f"dimensi {names.dimensions.get(dim, dim)}",
        f"OPD {names.agency(p.opd, p)}",
        f"tahun {years}",
        f"anggaran {_budget(p)}",
    ]
    if p.tahun_quick_win:
        parts.append(f"quick win {and_list(p.tahun_quick_win)}")
    return "; ".join(parts)


# ------------------------------------------------------------------ chapters

_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
_BOOK = re.compile(r"^buku-(\d+)/bab-(\d+)")


def chapter_label(path: str, source: str) -> str:
    """ "Buku II BAB II Visi, Misi dan Arah Kebijakan" from the file's place and its title line."""
    found = _BOOK.match(path)
    title = _TITLE.search(source)
    name = title.group(1) if title else path
    if not found:
        return name
    book, chapter = int(found.group(1)), int(found.group(2))
    return f"Buku {roman(book)} BAB {roman(chapter)} {name}"


def _chapters(old: dict[str, str], new: dict[str, str]) -> tuple[list[Item], int]:
    items, same = [], 0
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path), new.get(path)
        if a == b:
            same += 1
            continue
        label = chapter_label(path, b if b is not None else a or "")
        rows = _passages(reader_units(a or ""), reader_units(b or ""), label)
        kind = ADDED if a is None else REMOVED if b is None else CHANGED
        if rows:
            items.append(Item("bab", path, label, kind, rows))
        else:
            same += 1  # only line breaks or spacing changed: the text reads the same
    return items, same


def _passages(old: list[Unit], new: list[Unit], label: str) -> list[Row]:
    """One row per changed run of units, deleted and inserted words marked; named where the reader finds it."""
    rows = []
    a, b = [(u.kind, u.text) for u in old], [(u.kind, u.text) for u in new]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if j2 > j1:
            where = f"{label}, {new[j1].where}"
        elif j1 > 0:
            where = f"{label}, sesudah {new[j1 - 1].where}"
        else:
            where = f"{label}, awal bab"
        before, after = " ".join(u.text for u in old[i1:i2]), " ".join(u.text for u in new[j1:j2])
        if before and after:
            rows.append(value_row(where, before, after))
        elif before:
            rows.append(Row(where, [Segment("-", before)], None, KIND_LABELS[REMOVED]))
        else:
            rows.append(Row(where, None, [Segment("+", after)], KIND_LABELS[ADDED]))
    return rows
