"""Stage 3, derive: the computed views that templates show.

Templates hold presentation only; every count, sum, grouping, score and
percentage that a page shows is computed here, once, from the validated data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import mean

from . import schema
from .validate import Masterplan

HORIZON_LABELS = {"quick-win": "Quick win", "pendek": "Jangka pendek (1 tahun)", "menengah": "Jangka menengah (5 tahun)", "panjang": "Jangka panjang (10 tahun)"}
HORIZON_SHORT = {"quick-win": "Quick win", "pendek": "Pendek", "menengah": "Menengah", "panjang": "Panjang"}
STATUS_LABELS = {"belum-mulai": "Belum mulai", "berjalan": "Berjalan", "selesai": "Selesai", "terlambat": "Terlambat"}
TINGKAT_LABELS = {"rendah": "Rendah", "sedang": "Sedang", "tinggi": "Tinggi"}
UNSUR_LABELS = {"baseline": "Baseline", "output": "Output", "outcome": "Outcome", "impact": "Impact", "quick_win": "Quick win", "kolaborasi": "Kolaborasi"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def rupiah(amount: float | None) -> str:
    """Rp 1.250.000.000 in the Indonesian grouping style."""
    if amount is None:
        return "-"
    return "Rp " + f"{round(amount):,}".replace(",", ".")


def number(value: float | None, digits: int = 2) -> str:
    """Indonesian decimal comma: 3,06; whole numbers without decimals."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


@dataclass
class IndicatorView:
    model: schema.Indikator
    years: list[int]
    latest_year: int | None
    latest_value: float | None
    latest_target: float | None
    achievement: float | None  # realisation / target of the latest measured year, in %


@dataclass
class ProgramView:
    model: schema.Program
    dimension: "DimensionView"
    element: schema.Elemen
    lead: schema.Opd
    partners: list[schema.Opd]
    missions: list[schema.Misi]
    policies: list[schema.ArahKebijakan]
    source_file: str  # data/program/<dim>.yml
    source_line: int
    indicators: list[IndicatorView]

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def page(self) -> str:
        return f"program/{self.model.id.lower()}.md"

    @property
    def years(self) -> range:
        return range(self.model.tahun_mulai, self.model.tahun_selesai + 1)

    @property
    def horizon_label(self) -> str:
        return HORIZON_LABELS[self.model.horizon]

    @property
    def horizon_short(self) -> str:
        return HORIZON_SHORT[self.model.horizon]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.model.status]


@dataclass
class ElementView:
    model: schema.Elemen
    dimension: "DimensionView"
    programmes: list[ProgramView] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"elemen/{self.model.id}.md"

    @property
    def realisation(self) -> float | None:
        return mean(p.model.progres for p in self.programmes) if self.programmes else None


@dataclass
class DimensionView:
    model: schema.Dimensi
    analysis: schema.AnalisisDimensi
    elements: list[ElementView] = field(default_factory=list)
    programmes: list[ProgramView] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def page(self) -> str:
        return f"dimensi/{self.model.id}.md"

    @property
    def budget(self) -> int:
        return sum(p.model.anggaran or 0 for p in self.programmes)

    @property
    def quick_wins(self) -> list[ProgramView]:
        return [p for p in self.programmes if p.model.horizon == "quick-win"]

    @property
    def realisation(self) -> float | None:
        return mean(p.model.progres for p in self.programmes) if self.programmes else None


@dataclass
class AgencyView:
    model: schema.Opd
    leads: list[ProgramView] = field(default_factory=list)
    partners_in: list[ProgramView] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"opd/{self.model.id}.md"

    @property
    def budget(self) -> int:
        return sum(p.model.anggaran or 0 for p in self.leads)


@dataclass
class ScoreRow:
    key: str
    label: str
    weight: float
    score: float
    weighted: float


@dataclass
class EvaluationView:
    model: schema.Evaluasi
    rows: list[ScoreRow]
    total: float
    formula: str


@dataclass
class FundingRow:
    source: str
    count: int
    budget: int  # budget of programmes that name this source (a programme may name several)


@dataclass
class View:
    """Everything the templates show, computed once."""

    plan: Masterplan
    region_name: str  # "Kabupaten Buleleng"
    regulation_title: str  # "Peraturan Bupati Buleleng Nomor 27 Tahun 2024"
    years: list[int]
    dimensions: list[DimensionView]
    programmes: list[ProgramView]
    agencies: list[AgencyView]
    evaluations: list[EvaluationView]
    funding: list[FundingRow]
    status_counts: dict[str, int]
    horizon_counts: dict[str, int]
    total_budget: int
    quick_wins_by_year: dict[int, list[ProgramView]]
    roman: list[str] = field(default_factory=lambda: list(ROMAN))

    @property
    def any_illustrative(self) -> bool:
        return any(p.model.ilustratif for p in self.programmes)

    def programme(self, pid: str) -> ProgramView:
        return next(p for p in self.programmes if p.id == pid)

    def dimension(self, did: str) -> DimensionView:
        return next(d for d in self.dimensions if d.id == did)


def indicator_view(ind: schema.Indikator) -> IndicatorView:
    years = sorted(set(ind.target) | set(ind.realisasi))
    measured = sorted(ind.realisasi)
    latest = measured[-1] if measured else None
    value = ind.realisasi.get(latest) if latest else None
    target = ind.target.get(latest) if latest else None
    achievement = None
    if value is not None and target not in (None, 0):
        # Progress from baseline towards the target, so a falling indicator (fewer drop-outs) works too.
        span = target - ind.baseline
        achievement = 100.0 if span == 0 else max(0.0, min(100.0, 100 * (value - ind.baseline) / span))
    return IndicatorView(ind, years, latest, value, target, achievement)


def evaluation_view(ev: schema.Evaluasi) -> EvaluationView:
    rows = [ScoreRow(k, UNSUR_LABELS.get(k, k.replace("_", " ").title()), w, ev.skor[k], w * ev.skor[k] / 100) for k, w in ev.bobot.items()]
    total = round(sum(r.weighted for r in rows), 4)
    terms = " + ".join(f"{number(r.weight)}% × {number(r.score)}" for r in rows)
    return EvaluationView(ev, rows, total, f"Nilai total = {terms} = {number(total)}")


def derive(plan: Masterplan) -> View:
    wil = plan.wilayah
    analysis = {a.dimensi: a for a in plan.analisis.analisis_dimensi}
    order = {d: i for i, d in enumerate(schema.DIMENSION_ORDER)}
    dims = [DimensionView(d, analysis[d.id]) for d in sorted(plan.dimensi.dimensi, key=lambda d: order[d.id])]
    for d in dims:
        d.elements = [ElementView(e, d) for e in d.model.elemen]
    by_dim = {d.id: d for d in dims}
    elements = {e.model.id: e for d in dims for e in d.elements}
    agencies = {o.id: AgencyView(o) for o in plan.opd.opd}
    missions = {m.id: m for m in plan.visi_misi.misi}
    policies = {a.id: a for a in plan.visi_misi.arah_kebijakan}

    programmes: list[ProgramView] = []
    for rel, pf in plan.program_files.items():
        doc = plan.documents[rel]
        for i, p in enumerate(pf.program):
            el = elements[p.elemen]
            pv = ProgramView(
                p, by_dim[pf.dimensi], el.model, agencies[p.opd].model, [agencies[m].model for m in p.mitra],
                [missions[m] for m in p.misi], [policies[a] for a in p.arah_kebijakan],
                doc.file, doc.line_of(("program", i)), [indicator_view(ind) for ind in p.indikator],
            )
            programmes.append(pv)
    programmes.sort(key=lambda p: (order[p.dimension.id], p.id))
    for pv in programmes:
        pv.dimension.programmes.append(pv)
        elements[pv.element.id].programmes.append(pv)
        agencies[pv.lead.id].leads.append(pv)
        for partner in pv.partners:
            agencies[partner.id].partners_in.append(pv)

    funding = []
    for source in schema.SumberDana.__args__:
        using = [p for p in programmes if source in p.model.sumber_dana]
        funding.append(FundingRow(source, len(using), sum(p.model.anggaran or 0 for p in using)))
    quick_wins: dict[int, list[ProgramView]] = defaultdict(list)
    for p in programmes:
        if p.model.horizon == "quick-win":
            quick_wins[p.model.tahun_mulai].append(p)

    status = Counter(p.model.status for p in programmes)
    horizon = Counter(p.model.horizon for p in programmes)
    region_name = f"{wil.wilayah.jenis.title()} {wil.wilayah.nama}"
    reg = wil.regulasi
    return View(
        plan=plan,
        region_name=region_name,
        regulation_title=f"{reg.jenis} {wil.wilayah.nama} Nomor {reg.nomor} Tahun {reg.tahun}",
        years=list(range(wil.periode.mulai, wil.periode.selesai + 1)),
        dimensions=dims,
        programmes=programmes,
        agencies=sorted(agencies.values(), key=lambda a: a.model.nama),
        evaluations=[evaluation_view(e) for e in sorted(plan.monev.evaluasi, key=lambda e: e.tahun)],
        funding=funding,
        status_counts={k: status.get(k, 0) for k in STATUS_LABELS},
        horizon_counts={k: horizon.get(k, 0) for k in HORIZON_LABELS},
        total_budget=sum(p.model.anggaran or 0 for p in programmes),
        quick_wins_by_year=dict(sorted(quick_wins.items())),
    )
