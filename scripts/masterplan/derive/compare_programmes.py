"""Stage 3, derive: what a draft amendment changes in the programmes, field by field and indicator by indicator.

Only the fields that are the regulation's content are compared (:data:`COMPARED_FIELDS`; see :mod:`compare`).
"""

from __future__ import annotations

from .. import schema
from ..formats import NOT_SET, and_list, rupiah
from ..labels import HORIZON_LABELS
from ..validate.plan import Masterplan
from .compare_rows import (
    ADDED,
    CHANGED,
    REMOVED,
    Item,
    Row,
    as_text,
    changed_rows,
    draft_order,
    field_text,
    figure,
    keyed_rows,
    unmarked,
)
from .missing import missing, missing_of


class _Names:
    """How a plan names what its codes refer to (agency, element, dimension), for readable values."""

    def __init__(self, plan: Masterplan):
        self.agencies = {o.id: o.singkatan or o.nama for o in plan.opd.opd}
        self.elements = {e.id: e.nama for d in plan.dimensi.dimensi for e in d.elemen}
        self.dimensions = {d.id: d.nama for d in plan.dimensi.dimensi} | {"tanpa-dimensi": "tanpa dimensi"}

    def element(self, code: str | None) -> str | None:
        return self.elements.get(code, code) if code else None

    def agency(self, code: str | None, model=None) -> str:
        return field_text(model, "opd", self.agencies.get(code, code) if code else None)


def _programme_index(plan: Masterplan) -> dict[str, tuple[str, schema.Program]]:
    return {p.id: (pf.dimensi, p) for _, pf in sorted(plan.program_files.items()) for p in pf.program}


def programmes(old: Masterplan, new: Masterplan) -> tuple[list[Item], int]:
    before, after = _programme_index(old), _programme_index(new)
    names_old, names_new = _Names(old), _Names(new)
    items, same = [], 0
    for key in draft_order(before, after):
        if key not in before:
            dim, p = after[key]
            items.append(
                Item(
                    "program",
                    key,
                    f"Program {key} {p.nama}",
                    ADDED,
                    [Row(f"Program {key}", None, unmarked(_programme_summary(dim, p, names_new)), "Program baru")],
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
                    [Row(f"Program {key}", unmarked(_programme_summary(dim, p, names_old)), None, "Program dihapus")],
                )
            )
        else:
            rows = _programme_rows(before[key], after[key], names_old, names_new)
            if rows:
                items.append(Item("program", key, f"Program {key} {after[key][1].nama}", CHANGED, rows))
            else:
                same += 1
    return items, same


# The programme fields that are the regulation's content (see the docstring of :mod:`compare`).
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
        (
            "Elemen",
            field_text(a, "elemen", names_old.element(a.elemen)),
            field_text(b, "elemen", names_new.element(b.elemen)),
        ),
        ("Uraian", field_text(a, "deskripsi", a.deskripsi), field_text(b, "deskripsi", b.deskripsi)),
        ("OPD penanggung jawab", names_old.agency(a.opd, a), names_new.agency(b.opd, b)),
        (
            "OPD mitra",
            field_text(a, "mitra", ", ".join(names_old.agency(m) for m in a.mitra)),
            field_text(b, "mitra", ", ".join(names_new.agency(m) for m in b.mitra)),
        ),
        (
            "Mitra lain",
            field_text(a, "mitra_lain", "; ".join(a.mitra_lain)),
            field_text(b, "mitra_lain", "; ".join(b.mitra_lain)),
        ),
        ("Misi", field_text(a, "misi", ", ".join(a.misi)), field_text(b, "misi", ", ".join(b.misi))),
        (
            "Arah kebijakan",
            field_text(a, "arah_kebijakan", ", ".join(a.arah_kebijakan)),
            field_text(b, "arah_kebijakan", ", ".join(b.arah_kebijakan)),
        ),
        (
            "Horizon",
            field_text(a, "horizon", HORIZON_LABELS[a.horizon] if a.horizon else None),
            field_text(b, "horizon", HORIZON_LABELS[b.horizon] if b.horizon else None),
        ),
        ("Tahun mulai", field_text(a, "tahun_mulai", a.tahun_mulai), field_text(b, "tahun_mulai", b.tahun_mulai)),
        (
            "Tahun selesai",
            field_text(a, "tahun_selesai", a.tahun_selesai),
            field_text(b, "tahun_selesai", b.tahun_selesai),
        ),
        ("Tahun quick win", _years(a.tahun_quick_win), _years(b.tahun_quick_win)),
        (
            "Sumber dana",
            field_text(a, "sumber_dana", ", ".join(a.sumber_dana)),
            field_text(b, "sumber_dana", ", ".join(b.sumber_dana)),
        ),
        ("Anggaran", _budget(a), _budget(b)),
        ("Keterkaitan RPJMD/Renstra", field_text(a, "rujukan", a.rujukan), field_text(b, "rujukan", b.rujukan)),
    ]
    return changed_rows(pairs) + _indicator_rows(a.indikator, b.indikator)


def _indicator_rows(old: list[schema.Indikator], new: list[schema.Indikator]) -> list[Row]:
    return keyed_rows(old, new, lambda i: i.nama, "Indikator", _indicator_summary, _indicator_pairs)


def _indicator_pairs(label: str, a: schema.Indikator, b: schema.Indikator) -> list[tuple]:
    pairs = [
        (f"{label}: satuan", as_text(a.satuan), as_text(b.satuan)),
        (f"{label}: baseline", figure(a.baseline, a.satuan), figure(b.baseline, b.satuan)),
    ]
    for year in sorted(set(a.target) | set(b.target)):
        pairs.append(
            (
                f"{label}: target tahun {year}",
                figure(a.target.get(year), a.satuan),
                figure(b.target.get(year), b.satuan),
            )
        )
    return pairs


def _indicator_summary(i: schema.Indikator) -> str:
    targets = "; ".join(f"{year}: {figure(v, i.satuan)}" for year, v in sorted(i.target.items()))
    return f"{i.nama} (baseline {figure(i.baseline, i.satuan)}; target {targets or NOT_SET})"


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
