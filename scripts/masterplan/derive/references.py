"""Which entries point to which: named in the form editor's delete confirmation.

Deleting a programme that a recommendation's follow-up names, an agency that leads
programmes, or a mission, policy direction or element that programmes use leaves a dangling
reference that ``check`` refuses. The editor says so *before* the delete: for every code that
others point to, the list of those others, in words ("Program GOV-01 Satu Data (OPD
penanggung jawab)"), by the kind of code (``program``, ``opd``, ``misi``, ``arah_kebijakan``,
``elemen``).
"""

from __future__ import annotations

from collections import defaultdict

from ..validate.plan import Masterplan


def _programme(p) -> str:
    return f"Program {p.id} {p.nama}"


def _evaluation(e) -> str:
    return " ".join(str(x) for x in ("Evaluasi", e.tahun, e.tahap) if x)


def referrers(plan: Masterplan) -> dict[str, dict[str, list[str]]]:
    """{kind: {code: [who points to it, in words]}}; codes nobody points to are left out."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for _, pf in sorted(plan.program_files.items()):
        for p in pf.program:
            if p.opd:
                found["opd"][p.opd].append(f"{_programme(p)} (OPD penanggung jawab)")
            for agency in p.mitra:
                found["opd"][agency].append(f"{_programme(p)} (OPD mitra)")
            for mission in p.misi:
                found["misi"][mission].append(f"{_programme(p)} (misi)")
            for direction in p.arah_kebijakan:
                found["arah_kebijakan"][direction].append(f"{_programme(p)} (arah kebijakan)")
            if p.elemen:
                found["elemen"][p.elemen].append(f"{_programme(p)} (elemen)")
    for policy in plan.visi_misi.arah_kebijakan:
        for mission in policy.misi:
            found["misi"][mission].append(f"Arah kebijakan {policy.id} (misi)")
    for evaluation in plan.monev.evaluasi:
        for i, recommendation in enumerate(evaluation.rekomendasi, 1):
            for code in recommendation.program_tindak_lanjut:
                found["program"][code].append(f"{_evaluation(evaluation)} › rekomendasi {i} (program tindak lanjut)")
    return {kind: {code: names for code, names in sorted(codes.items())} for kind, codes in sorted(found.items())}
