"""Official evaluation results as published, and the recomputation beside them.

The national evaluation's letters print element scores rounded to two decimals
and a total computed from unrounded sub-scores. The official total is the fact:
it is never rejected or replaced. The total recomputed from the printed scores
stands beside it; a difference that the rounding of the printed figures
explains passes in silence, a larger one becomes a warning with the arithmetic.
The same holds one level down: an element's published score beside the average
of its published sub-indicator scores. The arithmetic is the validate stage's
(``validate/evaluation.py``, which also gives the warnings); these are the views.

A report that prints no total has none here: ``headline`` is only ever the
official figure, and templates name a recomputation as one. The rest of the
report (ranks in several scopes, findings, recommendations with the region's
follow-up, its own score targets) is gathered in :class:`MonitoringView`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import schema
from ..formats import tanggal
from ..validate.evaluation import ElementDetail, Recomputation, ScoreRow, element_details, recompute, rows


@dataclass
class Rank:
    scope: str | None
    rank: int
    region: str | None = None
    of: int | None = None
    source: str | None = None

    @property
    def label(self) -> str:
        """ "peringkat ke-4 provinsi (Jawa Timur) dari 38"."""
        text = f"peringkat ke-{self.rank}"
        if self.scope:
            text += f" {self.scope}"
        if self.region:
            text += f" ({self.region})"
        if self.of:
            text += f" dari {self.of} daerah"
        return text

    @property
    def sentence(self) -> str:
        """The label opening a sentence or list item: only its first letter capitalised (names keep theirs)."""
        return self.label[:1].upper() + self.label[1:]


def ranks(ev: schema.Evaluasi) -> list[Rank]:
    """The rank written in `peringkat` (older data) first, then those in `peringkat_lain`."""
    out = [Rank(ev.cakupan_peringkat, ev.peringkat)] if ev.peringkat is not None else []
    out += [Rank(r.cakupan, r.peringkat, r.wilayah, r.dari, r.sumber) for r in ev.peringkat_lain]
    return out


FOLLOW_UP_LABELS = {
    "belum": "belum ditindaklanjuti",
    "berjalan": "sedang ditindaklanjuti",
    "selesai": "sudah ditindaklanjuti",
}


@dataclass
class RecommendationView:
    model: schema.Rekomendasi

    @property
    def status_label(self) -> str | None:
        """None when the region has not reported a follow-up (the template says so)."""
        return FOLLOW_UP_LABELS.get(self.model.tindak_lanjut) if self.model.tindak_lanjut else None

    @property
    def date_label(self) -> str | None:
        return tanggal(self.model.tanggal_tindak_lanjut) if self.model.tanggal_tindak_lanjut else None


@dataclass
class EvaluationView:
    model: schema.Evaluasi
    rows: list[ScoreRow]
    check: Recomputation | None
    elements: list[ElementDetail]
    ranks: list[Rank]
    target: float | None = None  # the region's own target for the evaluation's year, when it set one

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
        """The figure to show big: only ever the official total. A recomputation is never a headline."""
        return self.model.nilai_resmi

    @property
    def headline_is_official(self) -> bool:
        return self.model.nilai_resmi is not None

    @property
    def total_missing_declared(self) -> bool:
        """The data says why the total is empty (not published, unknown): its wording, not ours, is shown."""
        declared = [*getattr(self.model, "tidak_dipublikasikan", []), *getattr(self.model, "tidak_diketahui", [])]
        return "nilai_resmi" in declared

    @property
    def rank_label(self) -> str | None:
        if not self.ranks:
            return None
        labels = [r.label for r in self.ranks]
        return labels[0] + "".join(f" dan {label.removeprefix('peringkat ')}" for label in labels[1:])

    @property
    def has_findings(self) -> bool:
        m = self.model
        return bool(m.kekuatan or m.kelemahan or m.rekomendasi)

    @property
    def recommendations(self) -> list[RecommendationView]:
        return [RecommendationView(r) for r in self.model.rekomendasi]

    @property
    def follow_up_summary(self) -> list[tuple[str, int]]:
        """("sudah ditindaklanjuti", 2), ... in a fixed order, only statuses that occur; unreported last."""
        counts = {k: 0 for k in ("selesai", "berjalan", "belum")} | {None: 0}  # done first
        for r in self.model.rekomendasi:
            counts[r.tindak_lanjut] += 1
        out = [(FOLLOW_UP_LABELS[k], n) for k, n in counts.items() if k and n]
        return out + ([("tindak lanjut belum dilaporkan", counts[None])] if counts[None] else [])

    @property
    def illustrative(self) -> bool:
        return self.model.scores_illustrative


def evaluation_view(ev: schema.Evaluasi, targets: dict | None = None) -> EvaluationView:
    return EvaluationView(ev, rows(ev), recompute(ev), element_details(ev), ranks(ev), (targets or {}).get(ev.tahun))


@dataclass
class MonitoringView:
    """The evaluations in order, the region's own targets, and the latest results."""

    evaluations: list[EvaluationView]
    targets: list[tuple[int, float]]  # (year, target score), by year
    target_source: str | None

    @property
    def latest(self) -> EvaluationView | None:
        return self.evaluations[-1] if self.evaluations else None

    @property
    def latest_official(self) -> EvaluationView | None:
        """The latest evaluation that has an official total (may be older than the latest)."""
        return next((e for e in reversed(self.evaluations) if e.headline_is_official), None)

    @property
    def latest_with_recommendations(self) -> EvaluationView | None:
        """The latest evaluation whose recommendations are entered: the next evaluation scores their follow-up."""
        return next((e for e in reversed(self.evaluations) if e.model.rekomendasi), None)

    @property
    def trend_slots(self) -> list[tuple[str, float | None, float | None]]:
        """(axis label, official total, target) per evaluation in order, plus a slot for each target year
        without an evaluation; a year's target is drawn at its last stage. Recomputations are not drawn."""
        targets = dict(self.targets)
        years = sorted({e.model.tahun for e in self.evaluations} | set(targets))
        slots = []
        for year in years:
            stages = [e for e in self.evaluations if e.model.tahun == year]
            for i, ev in enumerate(stages):
                slots.append(
                    (ev.short_label, ev.model.nilai_resmi, targets.get(year) if i == len(stages) - 1 else None)
                )
            if not stages:
                slots.append((str(year), None, targets[year]))
        return slots


def monitoring_view(monev: schema.MonevFile) -> MonitoringView:
    ordered = sorted(monev.evaluasi, key=lambda e: (e.tahun, e.tahap or ""))
    return MonitoringView(
        [evaluation_view(e, monev.target_skor) for e in ordered], sorted(monev.target_skor.items()), monev.sumber_target
    )
