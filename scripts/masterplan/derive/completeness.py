"""How complete the masterplan is: measured for the drafting team, never enforced.

A real region's publications often give a programme only its name and its
dimension. Each field that a complete masterplan would have is counted as set
or open, per programme, per dimension and for the region, so the editors see
what is still to be decided. ``masterplan check`` prints the summary line;
``masterplan check --final`` turns every open field into an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import formats, schema

# Programme fields a complete masterplan sets, with the label editors see.
PROGRAMME_FIELDS = {
    "deskripsi": "deskripsi",
    "elemen": "elemen",
    "opd": "OPD penanggung jawab",
    "misi": "misi",
    "horizon": "horizon",
    "tahun_mulai": "tahun mulai",
    "tahun_selesai": "tahun selesai",
    "sumber_dana": "sumber dana",
    "anggaran": "anggaran",
    "indikator": "indikator",
    "status": "status",
    "progres": "progres",
}
DIMENSION_FIELDS = {"deskripsi": "uraian", "tujuan": "tujuan", "strategi": "strategi", "sasaran": "sasaran"}


def _percent(filled: int, total: int) -> float:
    """Share of the fields set; nothing to fill counts as complete."""
    return 100.0 * filled / total if total else 100.0


@dataclass
class Item:
    """One thing that can be complete: a programme, a dimension, the region."""

    key: str  # "GOV-01", "governance", "wilayah"
    label: str
    filled: int
    total: int
    open_fields: list[str]
    file: str
    line: int
    page: str | None = None  # the site page that shows it, under docs/ (None for the region)
    # Empty fields the data says are not published or not known: answered, so counted as filled, but listed.
    declared: dict[str, str] = field(default_factory=dict)  # label -> "tidak-dipublikasikan" / "tidak-diketahui"

    @property
    def percent(self) -> float:
        return _percent(self.filled, self.total)


@dataclass
class DimensionCompleteness:
    dimension: Item
    programmes: list[Item] = field(default_factory=list)

    @property
    def filled(self) -> int:
        return self.dimension.filled + sum(p.filled for p in self.programmes)

    @property
    def total(self) -> int:
        return self.dimension.total + sum(p.total for p in self.programmes)

    @property
    def percent(self) -> float:
        return _percent(self.filled, self.total)

    @property
    def complete_programmes(self) -> int:
        return sum(1 for p in self.programmes if not p.open_fields)


@dataclass
class Completeness:
    region: Item
    dimensions: list[DimensionCompleteness]

    @property
    def items(self) -> list[Item]:
        return [self.region] + [i for d in self.dimensions for i in [d.dimension, *d.programmes]]

    @property
    def filled(self) -> int:
        return sum(i.filled for i in self.items)

    @property
    def total(self) -> int:
        return sum(i.total for i in self.items)

    @property
    def percent(self) -> float:
        return _percent(self.filled, self.total)

    @property
    def programmes(self) -> list[Item]:
        return [p for d in self.dimensions for p in d.programmes]

    def summary(self) -> str:
        done = sum(d.complete_programmes for d in self.dimensions)
        kinds = [kind for i in self.items for kind in i.declared.values()]
        declared = [
            f"{kinds.count(k)} {formats.MISSING_WORDS[k]}"
            for k in ("tidak-dipublikasikan", "tidak-diketahui")
            if k in kinds
        ]
        return (
            f"Kelengkapan data {self.percent:.0f}% ({self.filled} dari {self.total} isian"
            + (f", di antaranya {' dan '.join(declared)}" if declared else "")
            + f"); "
            f"{done} dari {len(self.programmes)} program lengkap."
        )


def _item(
    key: str,
    label: str,
    checks: dict[str, object],
    file: str,
    line: int,
    page: str | None = None,
    why: dict[str, str] | None = None,
) -> Item:
    """``why``: label -> the kind of missing the data declares for that field ("belum-ditetapkan" when none)."""
    empty = [name for name, value in checks.items() if not schema.is_set(value)]
    kinds = why or {}
    declared = {name: kinds[name] for name in empty if kinds.get(name, "belum-ditetapkan") != "belum-ditetapkan"}
    open_fields = [name for name in empty if name not in declared]
    return Item(key, label, len(checks) - len(open_fields), len(checks), open_fields, file, line, page, declared)


def _why(model: schema.WhyEmpty, fields: dict[str, str]) -> dict[str, str]:
    """label -> kind of missing, for the model's fields named in ``fields`` (name -> label)."""
    return {label: model.why_empty(name) for name, label in fields.items()}


def region_item(plan) -> Item:
    wil, reg, vm, an = plan.wilayah, plan.wilayah.regulasi, plan.visi_misi, plan.analisis
    checks = {
        "nomor peraturan": reg.nomor,
        "tahun peraturan": reg.tahun,
        "tanggal penetapan": reg.tanggal,
        "judul peraturan (tentang)": reg.tentang,
        "nama kepala daerah": wil.wilayah.kepala_daerah.nama or reg.penandatangan.nama,
        "visi": vm.visi.teks,
        "misi": vm.misi,
        "arah kebijakan": vm.arah_kebijakan,
        "profil daerah": an.profil.ringkasan,
        **{
            f"kesiapan {name}": getattr(an.kesiapan, name).tingkat
            for name in ("struktur", "infrastruktur", "suprastruktur")
        },
        "fase peta jalan": plan.peta_jalan.fase,
    }
    why = {
        **_why(
            reg,
            {
                "nomor": "nomor peraturan",
                "tahun": "tahun peraturan",
                "tanggal": "tanggal penetapan",
                "tentang": "judul peraturan (tentang)",
            },
        ),
        **_why(vm.visi, {"teks": "visi"}),
    }
    doc = plan.documents.get("wilayah.yml")
    return _item(
        "wilayah",
        "Wilayah, peraturan, visi-misi dan analisis",
        checks,
        doc.file if doc else "data/wilayah.yml",
        1,
        why=why,
    )


def dimension_item(plan, dim) -> Item:
    model: schema.Dimensi = dim.model
    checks = {label: getattr(model, name) for name, label in DIMENSION_FIELDS.items()}
    a = dim.analysis
    checks["analisis SWOT"] = (
        dim.analysed and all(schema.is_set(getattr(a, k)) for k in ("kekuatan", "kelemahan", "peluang", "ancaman"))
    ) or None
    checks["isu strategis"] = a.isu_strategis
    checks["program"] = dim.programmes
    why = _why(model, DIMENSION_FIELDS)
    doc = plan.documents.get("dimensi.yml")
    if doc is None:
        return _item(dim.id, model.nama, checks, "data/dimensi.yml", 1, dim.page, why)
    index = next(i for i, d in enumerate(plan.dimensi.dimensi) if d.id == dim.id)
    return _item(dim.id, model.nama, checks, doc.file, doc.line_of(("dimensi", index)), dim.page, why)


def programme_item(pv) -> Item:
    checks = {label: getattr(pv.model, name) for name, label in PROGRAMME_FIELDS.items()}
    return _item(
        pv.id, pv.model.nama, checks, pv.source_file, pv.source_line, pv.page, _why(pv.model, PROGRAMME_FIELDS)
    )


def measure(plan, dims, no_dimension=None) -> Completeness:
    """Needs the programmes hung under their dimensions (``views.attach``).

    Programmes without a dimension count with the region; their missing dimension is an open field.
    """
    result = []
    for d in dims:
        result.append(DimensionCompleteness(dimension_item(plan, d), _programme_items(d.programmes)))
    region = region_item(plan)
    if no_dimension is not None:
        items = _programme_items(no_dimension.programmes)
        for item in items:
            item.open_fields.insert(0, "dimensi")
            item.total += 1
        stand_in = Item(no_dimension.id, no_dimension.model.nama, 0, 0, [], items[0].file, 1, no_dimension.page)
        result.append(DimensionCompleteness(stand_in, items))
    return Completeness(region, result)


def _programme_items(programmes) -> list[Item]:
    items = [programme_item(p) for p in programmes]
    for p, item in zip(programmes, items, strict=True):
        p.open_fields = item.open_fields
    return items
