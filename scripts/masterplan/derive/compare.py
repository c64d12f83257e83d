"""Stage 3, derive: what a draft amendment changes against the enacted text (the *matriks perubahan*).

Computed from the two revisions' validated data and their hand-written chapters,
never from a hand-kept list. Each changed thing is an :class:`Item` (a programme,
the vision, a mission, a policy direction, a dimension, a chapter) with one
:class:`Row` per changed field or passage: Semula | Menjadi | Keterangan, text
differences marked word by word. Unchanged things are counted, not listed.

This module compares the vision, missions, policy directions and dimensions and
gathers the whole :class:`Comparison`; the rows and the word-level diff are in
:mod:`compare_rows`, the programmes in :mod:`compare_programmes`, the chapters'
text in :mod:`compare_chapters`.

What is compared is the regulation's content. Monitoring figures that change every
year without amending anything (a programme's ``status``, ``progres``,
``realisasi``, ``sumber``, the ``ilustratif`` flag) are left out on purpose.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import schema
from ..formats import and_list
from ..validate.plan import Masterplan
from .compare_chapters import chapters
from .compare_programmes import programmes
from .compare_rows import (
    ADDED,
    CHANGED,
    KIND_LABELS,
    REMOVED,
    SECTIONS,
    Item,
    Row,
    as_text,
    changed_rows,
    draft_order,
    figure,
    keyed_rows,
    unmarked,
    value_row,
)

UNCHANGED_LABELS = {
    "visi": "visi",
    "misi": "misi",
    "arah_kebijakan": "arah kebijakan",
    "dimensi": "dimensi",
    "program": "program",
    "bab": "bab",
}


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


# ------------------------------------------------------------------ the comparison


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
        lambda: programmes(old, new),
        lambda: chapters(old_chapters or {}, new_chapters or {}),
    ]
    for section, step in zip(SECTIONS, steps, strict=True):
        found, same = step()
        items.extend(found)
        unchanged[section] = same
    return Comparison(tag, amended, items, unchanged, old)


def add_chapters(comparison: Comparison, old_chapters: dict[str, str], new_chapters: dict[str, str]) -> None:
    """The chapters' rows, from both sides' rendered chapters (the render stage calls this; chapters come last)."""
    found, same = chapters(old_chapters, new_chapters)
    comparison.items = [i for i in comparison.items if i.section != "bab"] + found
    comparison.unchanged["bab"] = same


def _vision(old: Masterplan, new: Masterplan) -> tuple[list[Item], int]:
    a, b = old.visi_misi.visi, new.visi_misi.visi
    rows = changed_rows(
        [
            ("Rumusan visi", as_text(a.teks), as_text(b.teks)),
            ("Penjelasan visi", as_text(a.penjelasan.strip()), as_text(b.penjelasan.strip())),
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
    for key in draft_order(before, after):
        a, b = before.get(key), after.get(key)
        if a is None:
            items.append(
                Item(
                    section,
                    key,
                    f"{noun} {key}",
                    ADDED,
                    [Row(f"{noun} {key}", None, unmarked(summary(b)), KIND_LABELS[ADDED])],
                )
            )
        elif b is None:
            items.append(
                Item(
                    section,
                    key,
                    f"{noun} {key}",
                    REMOVED,
                    [Row(f"{noun} {key}", unmarked(summary(a)), None, KIND_LABELS[REMOVED])],
                )
            )
        else:
            rows = changed_rows(fields(a, b))
            if rows:
                items.append(Item(section, key, f"{noun} {key}", CHANGED, rows))
            else:
                same += 1
    return items, same


def _mission_fields(a: schema.Misi, b: schema.Misi) -> list[tuple[str, str, str]]:
    return [("Rumusan misi", a.teks, b.teks)]


def _mission_summary(m: schema.Misi) -> str:
    return m.teks


def _policy_fields(a: schema.ArahKebijakan, b: schema.ArahKebijakan) -> list[tuple[str, str, str]]:
    return [
        ("Rumusan arah kebijakan", a.teks, b.teks),
        ("Misi yang didukung", as_text(", ".join(a.misi)), as_text(", ".join(b.misi))),
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
        rows = changed_rows(
            [
                ("Nama", a.nama, b.nama),
                ("Nama (Indonesia)", a.nama_id, b.nama_id),
                ("Uraian", as_text(a.deskripsi), as_text(b.deskripsi)),
            ]
        )
        rows += _list_rows("Tujuan", a.tujuan, b.tujuan)
        rows += _list_rows("Strategi", a.strategi, b.strategi)
        rows += _targets(a.sasaran, b.sasaran)
        rows += changed_rows(
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
            rows.append(Row(f"{label} ke-{i + 1}", unmarked(old[i]), None, KIND_LABELS[REMOVED]))
        for j in range(j1 + len(pairs), j2):
            rows.append(Row(f"{label} ke-{j + 1}", None, unmarked(new[j]), KIND_LABELS[ADDED]))
    return rows


def _targets(old: list[schema.Sasaran], new: list[schema.Sasaran]) -> list[Row]:
    return keyed_rows(
        old,
        new,
        lambda s: s.indikator,
        "Sasaran",
        lambda s: f"baseline {figure(s.baseline, s.satuan)}, target {figure(s.target, s.satuan)}",
        lambda label, a, b: [
            (f"{label}: satuan", as_text(a.satuan), as_text(b.satuan)),
            (f"{label}: baseline", figure(a.baseline, a.satuan), figure(b.baseline, b.satuan)),
            (f"{label}: target", figure(a.target, a.satuan), figure(b.target, b.satuan)),
        ],
    )
