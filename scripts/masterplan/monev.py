"""Official evaluation results as published, and the recomputation beside them.

The national evaluation's letters print element scores rounded to two decimals
and a total computed from unrounded sub-scores. The official total is the fact:
it is never rejected or replaced. The total recomputed from the printed scores
stands beside it; a difference that the rounding of the printed figures
explains passes in silence, a larger one becomes a warning with the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import schema
from .formats import number

UNSUR_LABELS = {"baseline": "Baseline", "output": "Output", "outcome": "Outcome", "impact": "Impact", "quick_win": "Quick win", "kolaborasi": "Kolaborasi"}


def decimals(value: float) -> int:
    """Decimals as written; a published score is taken to have at least two (letters print 3,06)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(2, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


def half_unit(value: float) -> float:
    return 0.5 * 10 ** -decimals(value)


@dataclass
class ScoreRow:
    key: str
    label: str
    weight: float | None
    score: float
    weighted: float | None


@dataclass
class Recomputation:
    total: float  # sum of weight x score / 100 from the published figures
    official: float | None
    formula: str  # "10% × 3,5 + ... = 3,05"
    tolerance: float  # the most that rounding of the published figures can explain

    @property
    def difference(self) -> float | None:
        return None if self.official is None else round(self.official - self.total, 6)

    @property
    def explained_by_rounding(self) -> bool:
        return self.difference is None or abs(self.difference) <= self.tolerance + 1e-9

    @property
    def explanation(self) -> str:
        return (
            f"nilai_resmi {number(self.official)} berbeda {number(abs(self.difference), 3)} dari hasil hitung skor unsur yang diumumkan "
            f"({self.formula}); pembulatan angka yang diumumkan hanya menjelaskan selisih sampai {number(self.tolerance, 3)}. "
            "Nilai resmi tetap dipakai; periksa salinan skor dan bobot terhadap surat atau laporan resminya."
        )


def rows(ev: schema.Evaluasi) -> list[ScoreRow]:
    keys = list(ev.bobot) or list(ev.skor)
    out = []
    for k in keys:
        if k not in ev.skor:
            continue
        weight = ev.bobot.get(k)
        weighted = None if weight is None else weight * ev.skor[k] / 100
        out.append(ScoreRow(k, UNSUR_LABELS.get(k, k.replace("_", " ").title()), weight, ev.skor[k], weighted))
    return out


def recompute(ev: schema.Evaluasi) -> Recomputation | None:
    """The total from published weights and scores; None when they are not all published."""
    if not ev.bobot or not ev.skor or ev.bobot.keys() != ev.skor.keys():
        return None
    total = round(sum(ev.bobot[k] * ev.skor[k] for k in ev.bobot) / 100, 6)
    terms = " + ".join(f"{number(ev.bobot[k])}% × {number(ev.skor[k])}" for k in ev.bobot)
    tolerance = sum(ev.bobot[k] / 100 * half_unit(ev.skor[k]) for k in ev.bobot)
    if ev.nilai_resmi is not None:
        tolerance += half_unit(ev.nilai_resmi)
    return Recomputation(total, ev.nilai_resmi, f"{terms} = {number(total, 4)}", tolerance)


@dataclass
class EvaluationView:
    model: schema.Evaluasi
    rows: list[ScoreRow]
    check: Recomputation | None

    @property
    def title(self) -> str:
        return f"Evaluasi {self.model.tahun}" + (f" {self.model.tahap}" if self.model.tahap else "")

    @property
    def short_label(self) -> str:
        """For a chart axis: "2024" or "2024 II" when a year has stages."""
        stage = (self.model.tahap or "").replace("Tahap", "").strip()
        return f"{self.model.tahun} {stage}".strip()

    @property
    def anchor(self) -> str:
        stage = (self.model.tahap or "").lower().replace(" ", "-")
        return f"nilai-{self.model.tahun}" + (f"-{stage}" if stage else "")

    @property
    def headline(self) -> float | None:
        """The figure to show big: the official total; without one, the recomputation (labelled so)."""
        if self.model.nilai_resmi is not None:
            return self.model.nilai_resmi
        return self.check.total if self.check else None

    @property
    def headline_is_official(self) -> bool:
        return self.model.nilai_resmi is not None

    @property
    def rank_label(self) -> str | None:
        if self.model.peringkat is None:
            return None
        scope = f" {self.model.cakupan_peringkat}" if self.model.cakupan_peringkat else ""
        return f"peringkat ke-{self.model.peringkat}{scope}"

    @property
    def illustrative(self) -> bool:
        return self.model.scores_illustrative


def evaluation_view(ev: schema.Evaluasi) -> EvaluationView:
    return EvaluationView(ev, rows(ev), recompute(ev))
