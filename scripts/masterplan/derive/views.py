"""Stage 3, derive: the computed views that templates show.

Templates hold presentation only; every count, sum, grouping, score and
percentage that a page shows is computed here, once, from the validated data.
A value that is not set stays ``None`` here; templates show it as "belum
ditetapkan". Sums over partial data carry what they cover (:class:`Partial`).
The view of one programme is in ``programmes.py``; this module builds them all.
"""

from __future__ import annotations

import typing
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .. import framework, schema
from ..labels import HORIZON_LABELS, STATUS_LABELS
from ..validate.plan import Masterplan
from . import indicators
from . import missing as kinds
from .compare import Comparison
from .completeness import Completeness, measure
from .missing import missing
from .monev import EvaluationView, MonitoringView, monitoring_view
from .partial import Partial
from .programmes import (
    ProgramView,
    Scheduling,
    budget_illustrative,
    indicator_view,
    quick_win_years,
)
from .versions import OpenDataVersions
from .vocabulary import Vocabulary, vocabulary

DIMENSION_RANK = {
    d: i for i, d in enumerate(schema.DIMENSION_ORDER)
}  # sort key: the six dimensions in their fixed order


@dataclass
class ElementView:
    model: schema.Elemen
    dimension: DimensionView
    programmes: list[ProgramView] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"elemen/{self.model.id}.md"

    @property
    def realisation(self) -> Partial:
        return Partial.over(self.programmes, "progres", average=True)


@dataclass
class DimensionView(Scheduling):
    model: schema.Dimensi
    analysis: schema.AnalisisDimensi
    analysed: bool  # False when analisis.yml has no entry for this dimension yet
    elements: list[ElementView] = field(default_factory=list)
    programmes: list[ProgramView] = field(default_factory=list)
    unassigned: list[ProgramView] = field(default_factory=list)  # programmes whose element is not set

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def known(self) -> bool:
        """False for the stand-in that holds programmes whose dimension the source does not give."""
        return self.model.id != framework.NO_DIMENSION

    @property
    def page(self) -> str:
        return f"dimensi/{self.model.id}.md" if self.known else "program/index.md#dimensi-belum-diketahui"

    @property
    def budget(self) -> Partial:
        return Partial.over(self.programmes, "anggaran")

    @property
    def budget_illustrative(self) -> bool:
        """The mark of :attr:`budget`: from the budgets it sums, not from the rest of the plan."""
        return budget_illustrative(self.programmes)

    @property
    def quick_wins(self) -> list[ProgramView]:
        return [p for p in self.programmes if p.is_quick_win]

    @property
    def unassigned_words(self) -> str:
        """Why the programmes without an element have none, by kind."""
        return kinds.kinds_words(Counter(missing(p.model, "elemen").kind for p in self.unassigned))

    @property
    def realisation(self) -> Partial:
        return Partial.over(self.programmes, "progres", average=True)


@dataclass
class AgencyView:
    model: schema.Opd
    leads: list[ProgramView] = field(default_factory=list)
    partners_in: list[ProgramView] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"opd/{self.model.id}.md"

    @property
    def budget(self) -> Partial:
        return Partial.over(self.leads, "anggaran")

    @property
    def budget_illustrative(self) -> bool:
        return budget_illustrative(self.leads)


@dataclass
class FundingRow:
    source: str
    count: int
    budget: Partial  # budget of programmes that name this source (a programme may name several)


@dataclass
class View(Scheduling):
    """Everything the templates show, computed once."""

    plan: Masterplan
    words: Vocabulary  # the region's words: head of region, regulation, government, village unit
    years: list[int]
    dimensions: list[DimensionView]
    programmes: list[ProgramView]
    agencies: list[AgencyView]
    funding: list[FundingRow]
    funding_unknown: int  # programmes whose funding source is not set
    status_counts: dict[str | None, int]  # None: programmes without a status
    horizon_counts: dict[str | None, int]
    total_budget: Partial
    quick_wins_by_year: dict[int, list[ProgramView]]
    quick_wins_without_year: list[ProgramView]
    completeness: Completeness
    monev: MonitoringView  # the evaluations, with the region's targets
    # Programmes whose source gives no dimension, under a stand-in "dimension" that is none of the six.
    no_dimension: DimensionView | None = None
    comparison: Comparison | None = None  # when the draft amends an enacted regulation (set by pipeline.derived)
    open_data: OpenDataVersions | None = (
        None  # the current text's version and every enacted one (set by pipeline.derived)
    )

    @property
    def evaluations(self) -> list[EvaluationView]:
        return self.monev.evaluations

    @property
    def region_name(self) -> str:
        return self.words.daerah

    @property
    def regulation_title(self) -> str:
        return self.words.judul_peraturan

    @property
    def budget_illustrative(self) -> bool:
        """The mark of :attr:`total_budget`: some budget it sums is an example."""
        return budget_illustrative(self.programmes)

    @property
    def any_illustrative(self) -> bool:
        """Some figure of the plan is an example: a programme's figures, a dimension's targets, a statistic,
        a readiness score or an evaluation's scores (every figure the data can mark ``ilustratif``)."""
        k = self.plan.analisis.kesiapan
        return (
            any(p.illustrative for p in self.programmes)
            or any(
                s.ilustratif and (s.baseline is not None or s.target is not None)
                for d in self.dimensions
                for s in d.model.sasaran
            )
            or self.statistics_illustrative
            or any(a.ilustratif and a.skor is not None for a in (k.struktur, k.infrastruktur, k.suprastruktur))
            or any(e.illustrative for e in self.evaluations)
        )

    @property
    def realisation(self) -> Partial:
        return Partial.over(self.programmes, "progres", average=True)

    # What the neutral chapters may say about the data: a sentence describing it appears only when it holds.
    @property
    def has_horizons(self) -> bool:
        """Some programme has a horizon: "Programnya dibagi menurut horizon waktu" is true."""
        return any(p.model.horizon for p in self.programmes)

    @property
    def readiness_assessed(self) -> bool:
        """Book I's readiness analysis holds a level, a score or an explanation for some aspect."""
        k = self.plan.analisis.kesiapan
        return any(
            a.tingkat or a.skor is not None or a.uraian or a.komponen
            for a in (k.struktur, k.infrastruktur, k.suprastruktur)
        )

    @property
    def dimensions_analysed(self) -> bool:
        """Some dimension has a SWOT or strategic issues in `analisis.yml`."""
        return any(
            d.analysis.kekuatan
            or d.analysis.kelemahan
            or d.analysis.peluang
            or d.analysis.ancaman
            or d.analysis.isu_strategis
            for d in self.dimensions
        )

    @property
    def analysis_written(self) -> bool:
        """Book I holds some analysis the other books can say they rest on."""
        return self.readiness_assessed or self.dimensions_analysed

    @property
    def statistics_illustrative(self) -> bool:
        return any(s.ilustratif for s in self.plan.analisis.profil.statistik)

    @property
    def status_missing_words(self) -> str:
        """Why the programmes without a status have none, by kind (the status table's column)."""
        return kinds.kinds_words(kinds.kinds_of([(p.model, p.model.status) for p in self.programmes], "status"))

    @property
    def funding_unknown_words(self) -> str:
        """The row of programmes without a funding source: by the kind of missing they declare."""
        return kinds.kinds_words(
            kinds.kinds_of([(p.model, p.model.sumber_dana) for p in self.programmes], "sumber_dana")
        )

    @property
    def quick_win_count(self) -> int:
        return sum(1 for p in self.programmes if p.is_quick_win)

    def programme(self, pid: str) -> ProgramView:
        return next(p for p in self.programmes if p.id == pid)

    def dimension(self, did: str) -> DimensionView:
        return next(d for d in self.dimensions if d.id == did)

    def coverage(self, *fields: str) -> Coverage:
        """How many programmes have each of ``fields`` set: a chapter states a fact about every
        programme only when it holds (`kalimat_cakupan`)."""
        counts = [
            (COVERAGE_LABELS[f], sum(1 for p in self.programmes if schema.is_set(getattr(p.model, f)))) for f in fields
        ]
        found = sum(
            (kinds.kinds_of([(p.model, getattr(p.model, f)) for p in self.programmes], f) for f in fields), Counter()
        )
        return Coverage(
            len(self.programmes), counts, kinds.either([kinds.WORDS[k] for k in kinds.ORDER if found.get(k)])
        )


# Programme fields a chapter may state a fact about, with the words the sentence uses.
COVERAGE_LABELS = {
    "opd": "perangkat daerah penanggung jawab",
    "horizon": "horizon waktu",
    "sumber_dana": "sumber dana",
    "anggaran": "perkiraan anggaran",
    "indikator": "indikator",
    "elemen": "elemen",
    "arah_kebijakan": "arah kebijakan",
    "misi": "misi",
}


@dataclass
class Coverage:
    total: int  # programmes
    counts: list[tuple[str, int]]  # (label, programmes that have it)
    missing_words: str = ""  # how the empty ones read: "belum ditetapkan", "tidak dipublikasikan atau belum ditetapkan"

    @property
    def complete(self) -> bool:
        return self.total > 0 and all(n == self.total for _, n in self.counts)


def dimension_views(plan: Masterplan) -> list[DimensionView]:
    analysis = {a.dimensi: a for a in plan.analisis.analisis_dimensi}
    dims = []
    for d in sorted(plan.dimensi.dimensi, key=lambda d: DIMENSION_RANK[d.id]):
        view = DimensionView(d, analysis.get(d.id) or schema.AnalisisDimensi(dimensi=d.id), d.id in analysis)
        view.elements = [ElementView(e, view) for e in d.elemen]
        dims.append(view)
    return dims


def no_dimension_view() -> DimensionView:
    """The stand-in dimension of programmes filed in `program/tanpa-dimensi.yml`; not one of the six."""
    name = framework.NO_DIMENSION_NAME
    stand_in = typing.cast(
        schema.DimensiId, framework.NO_DIMENSION
    )  # built without validation: none of the six on purpose
    model = schema.Dimensi.model_construct(
        id=stand_in,
        nama=name,
        nama_id=name,
        deskripsi=None,
        tujuan=[],
        strategi=[],
        sasaran=[],
        elemen=[],
        tidak_dipublikasikan=[],
        tidak_diketahui=[],
    )
    return DimensionView(
        model,
        schema.AnalisisDimensi.model_construct(
            dimensi=stand_in, kekuatan=[], kelemahan=[], peluang=[], ancaman=[], isu_strategis=[]
        ),
        False,
    )


def programme_views(plan: Masterplan, dims: list[DimensionView], agencies: dict[str, AgencyView]) -> list[ProgramView]:
    by_dim = {d.id: d for d in dims}
    elements = {e.model.id: e.model for d in dims for e in d.elements}
    missions = {m.id: m for m in plan.visi_misi.misi}
    policies = {a.id: a for a in plan.visi_misi.arah_kebijakan}
    opd_models = {code: a.model for code, a in agencies.items()}
    programmes: list[ProgramView] = []
    for rel, pf in plan.program_files.items():
        doc = plan.documents[rel]
        for i, p in enumerate(pf.program):
            programmes.append(
                ProgramView(
                    p,
                    by_dim[pf.dimensi],
                    elements.get(p.elemen) if p.elemen else None,
                    agencies[p.opd].model if p.opd else None,
                    [agencies[m].model for m in p.mitra],
                    [missions[m] for m in p.misi],
                    [policies[a] for a in p.arah_kebijakan],
                    doc.file,
                    doc.line_of(("program", i)),
                    [indicator_view(ind) for ind in p.indikator],
                    quick_win_years(p),
                )
            )
            indicators.describe(programmes[-1], opd_models)
    programmes.sort(key=lambda p: (DIMENSION_RANK.get(p.dimension.id, len(DIMENSION_RANK)), p.id))
    return programmes


def attach(programmes: list[ProgramView], dims: list[DimensionView], agencies: dict[str, AgencyView]) -> None:
    """Hang each programme under its dimension, element and agencies."""
    elements = {e.model.id: e for d in dims for e in d.elements}
    for pv in programmes:
        pv.dimension.programmes.append(pv)
        if pv.element is not None:
            elements[pv.element.id].programmes.append(pv)
        else:
            pv.dimension.unassigned.append(pv)
        if pv.lead is not None:
            agencies[pv.lead.id].leads.append(pv)
        for partner in pv.partners:
            agencies[partner.id].partners_in.append(pv)


def quick_wins(programmes: list[ProgramView]) -> tuple[dict[int, list[ProgramView]], list[ProgramView]]:
    by_year: dict[int, list[ProgramView]] = defaultdict(list)
    without_year = []
    for p in programmes:
        for year in p.quick_win_years:
            by_year[year].append(p)
        if p.is_quick_win and not p.quick_win_years:
            without_year.append(p)
    return dict(sorted(by_year.items())), without_year


def derive(plan: Masterplan) -> View:
    wil = plan.wilayah
    dims = dimension_views(plan)
    unknown = no_dimension_view()
    agencies = {o.id: AgencyView(o) for o in plan.opd.opd}
    programmes = programme_views(plan, [*dims, unknown], agencies)
    attach(programmes, [*dims, unknown], agencies)
    no_dimension = unknown if unknown.programmes else None
    words = vocabulary(wil)
    closed = framework.closed_choices(words.dana_desa)
    funding = []
    for source in typing.get_args(schema.SumberDana):
        using = [p for p in programmes if source in p.model.sumber_dana]
        if using or source not in closed:
            funding.append(FundingRow(source, len(using), Partial.over(using, "anggaran")))
    by_year, without_year = quick_wins(programmes)
    status = Counter(p.model.status for p in programmes)
    horizon = Counter(p.model.horizon for p in programmes)
    completeness = measure(plan, dims, no_dimension)
    monitoring = monitoring_view(plan.monev)
    return View(
        plan=plan,
        words=words,
        years=list(range(wil.periode.mulai, wil.periode.selesai + 1)),
        dimensions=dims,
        programmes=programmes,
        agencies=sorted(agencies.values(), key=lambda a: a.model.nama),
        funding=funding,
        funding_unknown=sum(1 for p in programmes if not p.model.sumber_dana),
        status_counts={**{k: status.get(k, 0) for k in STATUS_LABELS}, None: status.get(None, 0)},
        horizon_counts={**{k: horizon.get(k, 0) for k in HORIZON_LABELS}, None: horizon.get(None, 0)},
        total_budget=Partial.over(programmes, "anggaran"),
        quick_wins_by_year=by_year,
        quick_wins_without_year=without_year,
        completeness=completeness,
        monev=monitoring,
        no_dimension=no_dimension,
    )
