"""Open data of the national evaluations: one row per official total, per element and per sub-indicator.

Figures are written as published: the CSV keeps the decimals the report printed
(`1.40`, with a decimal point for spreadsheets in any locale); a recomputed total is
not open data (it is derived, anyone can compute it from these rows). A value the
report did not print is ``null`` in JSON and "belum ditetapkan" in CSV, as in the
programme files.
"""

from __future__ import annotations

import csv
import io
import json

from ..derive.monev import EvaluationView
from ..formats import NOT_SET, Published, spreadsheet_safe

COLUMNS = ["tahun", "tahap", "tingkat", "unsur", "indikator", "subindikator", "bobot", "skor", "sumber", "ilustratif"]
LEVELS = {"total": "nilai-resmi", "element": "unsur", "sub": "subindikator"}


def evaluation_rows(ev: EvaluationView) -> list[dict]:
    m = ev.model
    common = {"tahun": m.tahun, "tahap": m.tahap, "sumber": m.sumber}
    # Illustrative flags the element scores and indices, never the official total (see schema.Evaluasi).
    flagged = "ya" if ev.illustrative else "tidak"
    out = []
    if m.nilai_resmi is not None:
        out.append(common | {"tingkat": LEVELS["total"], "unsur": None, "indikator": None, "subindikator": None,
                             "bobot": None, "skor": m.nilai_resmi, "ilustratif": "tidak"})
    for e in ev.elements:
        out.append(common | {"tingkat": LEVELS["element"], "unsur": e.key, "indikator": None, "subindikator": None,
                             "bobot": e.weight, "skor": e.score, "ilustratif": flagged})
        for s in e.subindicators:
            out.append(common | {"tingkat": LEVELS["sub"], "unsur": e.key, "indikator": s.indikator, "subindikator": s.nama,
                                 "bobot": None, "skor": s.nilai, "ilustratif": flagged})
    return [{k: row[k] for k in COLUMNS} for row in out]


def rows(evaluations: list[EvaluationView]) -> list[dict]:
    return [row for ev in evaluations for row in evaluation_rows(ev)]


def _cell(value):
    if value is None:
        return NOT_SET
    if isinstance(value, Published):
        return f"{value:.{value.decimals}f}"  # 1.40 as printed, not 1.4
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def to_csv(evaluations: list[EvaluationView]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(_cell(v)) for k, v in row.items()} for row in rows(evaluations))
    return buffer.getvalue()


def to_json(evaluations: list[EvaluationView]) -> str:
    doc = {
        "kolom": COLUMNS,
        "keterangan": f"null = {NOT_SET}; tingkat: nilai-resmi (nilai total seperti diumumkan), unsur, subindikator; bobot dalam persen, skor 0-4",
        "evaluasi": [{k: (float(v) if isinstance(v, float) else v) for k, v in row.items()} for row in rows(evaluations)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def files(evaluations: list[EvaluationView]) -> dict[str, str]:
    return {"unduh/evaluasi.csv": to_csv(evaluations), "unduh/evaluasi.json": to_json(evaluations)}
