"""Open data: one row per programme as CSV and JSON, with stable columns.

A value nobody has set is ``null`` in JSON and "belum ditetapkan" in CSV (the
wording of every other output), never 0 or an empty string that reads as "none".
"""

from __future__ import annotations

import csv
import io
import json

from ..derive.missing import missing_of
from ..derive.views import View
from ..formats import NOT_SET, spreadsheet_safe
from . import changedata, opendata_monev

COLUMNS = [
    "id", "nama", "dimensi", "elemen", "opd", "mitra", "horizon", "tahun_mulai", "tahun_selesai", "tahun_quick_win",
    "sumber_dana", "anggaran", "status", "progres", "misi", "arah_kebijakan", "rujukan", "ilustratif", "deskripsi",
    "tidak_dipublikasikan", "tidak_diketahui",  # empty fields the data says are not published / not known
]


def _joined(values: list) -> str | None:
    return ";".join(str(v) for v in values) if values else None


def rows(view: View) -> list[dict]:
    out = []
    for p in view.programmes:
        m = p.model
        out.append({
            "id": m.id, "nama": m.nama, "dimensi": p.dimension.id, "elemen": m.elemen, "opd": m.opd,
            "mitra": _joined(m.mitra), "horizon": m.horizon, "tahun_mulai": m.tahun_mulai, "tahun_selesai": m.tahun_selesai,
            "tahun_quick_win": _joined(p.quick_win_years) if p.is_quick_win else "", "sumber_dana": _joined(m.sumber_dana),
            "anggaran": m.anggaran, "status": m.status, "progres": m.progres, "misi": _joined(m.misi),
            "arah_kebijakan": _joined(m.arah_kebijakan), "rujukan": m.rujukan, "ilustratif": "ya" if p.illustrative else "tidak",
            "deskripsi": m.deskripsi, "tidak_dipublikasikan": _joined(m.tidak_dipublikasikan) or "", "tidak_diketahui": _joined(m.tidak_diketahui) or "",
        })
    return out


def to_csv(view: View) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p, row in zip(view.programmes, rows(view)):
        writer.writerow({k: spreadsheet_safe(_empty_word(p.model, k) if v is None else v) for k, v in row.items()})
    return buffer.getvalue()


def _empty_word(model, column: str) -> str:
    """An empty cell says which kind of missing it is, as every page does."""
    return missing_of(model, column) if column in type(model).model_fields else NOT_SET


def to_json(view: View) -> str:
    return json.dumps({"kolom": COLUMNS, "keterangan": f"null = {NOT_SET}, kecuali isian yang disebut di kolom tidak_dipublikasikan atau tidak_diketahui", "program": rows(view)}, ensure_ascii=False, indent=1) + "\n"


def files(view: View) -> dict[str, str]:
    """The open data files of the site, keyed by their path under ``docs/``."""
    return {"unduh/program.csv": to_csv(view), "unduh/program.json": to_json(view), **opendata_monev.files(view.evaluations),
            **changedata.files(view.comparison)}
