"""Open data: one row per programme as CSV and JSON, with stable columns."""

from __future__ import annotations

import csv
import io
import json

from .derive import View

COLUMNS = [
    "id", "nama", "dimensi", "elemen", "opd", "mitra", "horizon", "tahun_mulai", "tahun_selesai",
    "sumber_dana", "anggaran", "status", "progres", "misi", "arah_kebijakan", "rujukan", "ilustratif", "deskripsi",
]


def rows(view: View) -> list[dict]:
    out = []
    for p in view.programmes:
        m = p.model
        out.append({
            "id": m.id, "nama": m.nama, "dimensi": p.dimension.id, "elemen": p.element.id, "opd": p.lead.id,
            "mitra": ";".join(m.mitra), "horizon": m.horizon, "tahun_mulai": m.tahun_mulai, "tahun_selesai": m.tahun_selesai,
            "sumber_dana": ";".join(m.sumber_dana), "anggaran": m.anggaran if m.anggaran is not None else "",
            "status": m.status, "progres": m.progres, "misi": ";".join(m.misi), "arah_kebijakan": ";".join(m.arah_kebijakan),
            "rujukan": m.rujukan, "ilustratif": "ya" if m.ilustratif else "tidak", "deskripsi": m.deskripsi,
        })
    return out


def to_csv(view: View) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(view))
    return buffer.getvalue()


def to_json(view: View) -> str:
    return json.dumps({"kolom": COLUMNS, "program": rows(view)}, ensure_ascii=False, indent=1) + "\n"
