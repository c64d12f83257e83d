"""Stage 3, derive: the view of one programme, and what the roadmaps need of a list of them.

A programme with its dimension, element, agencies, missions, policies and indicators resolved
(:class:`ProgramView`), each indicator's latest measurement against its target, the years a
programme is a quick win, and the split of a list of programmes into scheduled and unscheduled
(:class:`Scheduling`, mixed into the dimension and plan views of ``views.py``, which builds
these views).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import schema
from ..labels import HORIZON_LABELS, HORIZON_SHORT, STATUS_LABELS
from . import missing as kinds
from .missing import Missing, missing

if TYPE_CHECKING:  # views imports this module; a programme's dimension is one of its views
    from .views import DimensionView


@dataclass
class IndicatorView:
    model: schema.Indikator
    years: list[int]
    latest_year: int | None
    latest_value: float | None
    latest_target: float | None
    achievement: float | None  # realisation / target of the latest measured year, in %
    code: str = ""  # "GOV-01.1" (indicators.indicator_code)
    metadata: list = field(default_factory=list)  # indicators.MetaField per MS-Ind field, in order


@dataclass
class ProgramView:
    model: schema.Program
    dimension: DimensionView
    element: schema.Elemen | None
    lead: schema.Opd | None
    partners: list[schema.Opd]
    missions: list[schema.Misi]
    policies: list[schema.ArahKebijakan]
    source_file: str  # data/program/<dim>.yml
    source_line: int
    indicators: list[IndicatorView]
    quick_win_years: list[int] = field(default_factory=list)
    open_fields: list[str] = field(default_factory=list)  # labels of the fields not set yet

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def page(self) -> str:
        return f"program/{self.model.id.lower()}.md"

    @property
    def has_years(self) -> bool:
        return self.model.tahun_mulai is not None and self.model.tahun_selesai is not None

    @property
    def years_label(self) -> str | None:
        m = self.model
        if m.tahun_mulai is None and m.tahun_selesai is None:
            return None
        if m.tahun_mulai == m.tahun_selesai:
            return str(m.tahun_mulai)
        return f"{m.tahun_mulai or '?'}–{m.tahun_selesai or '?'}"

    @property
    def illustrative(self) -> bool:
        """Flagged, and holding a figure that can be an example: a programme with no figure carries no mark."""
        m = self.model
        has_figure = (
            m.anggaran is not None
            or m.progres is not None
            or any(i.target or i.realisasi or i.baseline is not None for i in m.indikator)
        )
        return m.ilustratif and has_figure

    @property
    def is_quick_win(self) -> bool:
        return bool(self.quick_win_years) or self.model.horizon == "quick-win"

    @property
    def horizon_label(self) -> str | None:
        return HORIZON_LABELS.get(self.model.horizon) if self.model.horizon else None

    @property
    def horizon_short(self) -> str | None:
        return HORIZON_SHORT.get(self.model.horizon) if self.model.horizon else None

    @property
    def status_label(self) -> str | None:
        return STATUS_LABELS.get(self.model.status) if self.model.status else None

    @property
    def lead_short(self) -> str | None:
        return agency_short(self.lead) if self.lead else None

    def missing(self, *names: str) -> Missing:
        """Why a field of this programme is empty (see :mod:`missing`)."""
        return missing(self.model, *names)


def budget_illustrative(programmes: list[ProgramView]) -> bool:
    """Whether a sum of budgets is an example: some programme's set budget is flagged illustrative."""
    return any(p.model.ilustratif and p.model.anggaran is not None for p in programmes)


def agency_short(opd: schema.Opd) -> str:
    return opd.singkatan or opd.nama


class Scheduling:
    """The split of ``self.programmes`` that a roadmap needs, for the whole plan and per dimension."""

    programmes: list[ProgramView]  # a field of each dataclass that mixes this in

    @property
    def scheduled(self) -> list[ProgramView]:
        """Programmes with both years: the ones a roadmap can draw."""
        return [p for p in self.programmes if p.has_years]

    @property
    def unscheduled(self) -> list[ProgramView]:
        return [p for p in self.programmes if not p.has_years]

    @property
    def unscheduled_words(self) -> str:
        """Why the unscheduled programmes have no years: "tidak dipublikasikan", or by kind when they differ
        ("tidak dipublikasikan (2 program) atau belum ditetapkan (1 program)")."""
        return kinds.kinds_words(self._unscheduled_kinds)

    @property
    def unscheduled_kinds_differ(self) -> bool:
        """The list then says each programme's kind of missing years."""
        return len(self._unscheduled_kinds) > 1

    @property
    def _unscheduled_kinds(self) -> Counter:
        return Counter(missing(p.model, "tahun_mulai", "tahun_selesai").kind for p in self.unscheduled)


def indicator_view(ind: schema.Indikator) -> IndicatorView:
    years = sorted(set(ind.target) | set(ind.realisasi))
    measured = sorted(ind.realisasi)
    latest = measured[-1] if measured else None
    value = ind.realisasi.get(latest) if latest else None
    target = ind.target.get(latest) if latest else None
    achievement = None
    if value is not None and target not in (None, 0) and ind.baseline is not None:
        # Progress from baseline towards the target, so a falling indicator (fewer drop-outs) works too.
        span = target - ind.baseline
        achievement = 100.0 if span == 0 else max(0.0, min(100.0, 100 * (value - ind.baseline) / span))
    return IndicatorView(ind, years, latest, value, target, achievement)


def quick_win_years(p: schema.Program) -> list[int]:
    """The years a programme is a quick win: listed ones, else the start of a quick-win programme."""
    if p.tahun_quick_win:
        return sorted(p.tahun_quick_win)
    if p.horizon == "quick-win" and p.tahun_mulai is not None:
        return [p.tahun_mulai]
    return []
