"""The arithmetic of an official evaluation report: what the published scores recompute to.

The national evaluation's letters print element scores rounded to two decimals
and a total computed from unrounded sub-scores. The total recomputed from the
printed scores, and each element's score against the average of its printed
sub-indicator scores, may differ from the official figure by what the rounding
of the printed figures explains (half a unit of the last printed decimal, times
the weights). The validate stage warns when a difference is larger; the derive
stage shows the recomputation beside the official figure (:mod:`monev`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import schema
from ..formats import number

UNSUR_LABELS = {
    "baseline": "Baseline",
    "output": "Output",
    "outcome": "Outcome",
    "impact": "Impact",
    "quick_win": "Quick win",
    "kolaborasi": "Kolaborasi",
}


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
            f"nilai_resmi {number(self.official)} berbeda {number(abs(self.difference or 0), 3)} dari hasil hitung skor unsur yang diumumkan "
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
        out.append(ScoreRow(k, label_of(k), weight, ev.skor[k], weighted))
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
class ElementCheck:
    """An element's published score beside the average of its published sub-indicator scores."""

    published: float | None  # the element score as printed; None when the report printed none
    mean: float  # the average of the sub-indicator scores that were printed
    count: int
    formula: str  # "(2,00 + 1,00 + ...) / 5 = 1,4"
    tolerance: float

    @property
    def difference(self) -> float | None:
        return None if self.published is None else round(self.published - self.mean, 6)

    @property
    def explained_by_rounding(self) -> bool:
        return self.difference is None or abs(self.difference) <= self.tolerance + 1e-9


def element_check(score: float | None, subs: list[schema.Subindikator]) -> ElementCheck | None:
    """None when no sub-indicator score was printed."""
    values = [s.nilai for s in subs if s.nilai is not None]
    if not values:
        return None
    average = round(sum(values) / len(values), 6)
    formula = f"({' + '.join(number(v) for v in values)}) / {len(values)} = {number(average, 4)}"
    # The report prints each figure rounded: the average may move by the mean rounding of the
    # sub-indicators, the printed element score by half a unit of its own last decimal.
    tolerance = sum(half_unit(v) for v in values) / len(values) + (half_unit(score) if score is not None else 0)
    return ElementCheck(score, average, len(values), formula, tolerance)


def element_explanation(key: str, check: ElementCheck) -> str:
    return (
        f"skor unsur `{key}` {number(check.published)} berbeda {number(abs(check.difference or 0), 3)} dari rata-rata "
        f"{check.count} nilai subindikatornya ({check.formula}); pembulatan angka yang dicetak hanya menjelaskan selisih "
        f"sampai {number(check.tolerance, 3)}. Skor yang diumumkan tetap dipakai; periksa salinan nilai subindikator "
        "terhadap laporan resminya."
    )


@dataclass
class ElementDetail:
    """One element of an evaluation: its published score (if any) and its sub-indicators."""

    key: str
    label: str
    weight: float | None
    score: float | None
    subindicators: list[schema.Subindikator]
    check: ElementCheck | None
    partial: bool = False  # the report printed only some sub-indicators: their average is not the element's


def element_details(ev: schema.Evaluasi) -> list[ElementDetail]:
    """Every element the evaluation names (weights, scores or sub-indicators), in published order."""
    subs = {r.unsur: r.subindikator for r in ev.rincian_unsur}
    partial = {r.unsur for r in ev.rincian_unsur if r.sebagian}
    keys = list(dict.fromkeys([*ev.bobot, *ev.skor, *subs]))
    return [
        ElementDetail(
            k,
            label_of(k),
            ev.bobot.get(k),
            ev.skor.get(k),
            subs.get(k, []),
            None if k in partial else element_check(ev.skor.get(k), subs.get(k, [])),
            k in partial,
        )
        for k in keys
    ]


def label_of(key: str) -> str:
    return UNSUR_LABELS.get(key, key.replace("_", " ").replace("-", " ").capitalize())
