"""Open data of the national evaluations: every figure and finding the dashboard shows, one row each.

The column ``tingkat`` says what a row is: the official total (``nilai-resmi``), another
published figure for the same result (``nilai-lain``, e.g. 3.200 in a press release beside
3.197 in the report), a recomputation as the dashboard shows it (``hasil-hitung``: the total
from the published weights and scores, or an element's average of its sub-indicators; never an
official figure), an element (``unsur``) or sub-indicator (``subindikator``) score, a dimension index (``indeks-dimensi``), a rank in one scope
(``peringkat``), the region's own score target for a year (``target-daerah``), a strength
or weakness (``kekuatan``, ``kelemahan``) and a recommendation with the region's follow-up
(``rekomendasi``).

Figures are written as published: the CSV keeps the decimals the report printed (`1.40`,
with a decimal point for spreadsheets in any locale). A column that does not apply to a
row's kind is empty (CSV) or ``null`` (JSON). A value that applies but was not published
is written with its kind of missing (``belum ditetapkan``, ``tidak diketahui``, ``tidak
dipublikasikan``) in CSV and ``null`` in JSON; the columns ``tidak_dipublikasikan`` and
``tidak_diketahui`` name the evaluation's fields the data declares so.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..derive.missing import missing_of
from ..derive.monev import EvaluationView, MonitoringView
from ..formats import Published, spreadsheet_safe
from . import opendata_json

COLUMNS = [
    "tahun",
    "tahap",
    "tingkat",
    "unsur",
    "indikator",
    "subindikator",
    "dimensi",
    "cakupan",
    "wilayah_cakupan",
    "jumlah_daerah",
    "bobot",
    "skor",
    "peringkat",
    "teks",
    "penilai",
    "tindak_lanjut",
    "catatan_tindak_lanjut",
    "tanggal_tindak_lanjut",
    "program_tindak_lanjut",
    "keterangan",
    "sumber",
    "ilustratif",
    "tidak_dipublikasikan",
    "tidak_diketahui",
]
LEVELS = [
    "nilai-resmi",
    "nilai-lain",
    "hasil-hitung",
    "unsur",
    "subindikator",
    "indeks-dimensi",
    "peringkat",
    "target-daerah",
    "kekuatan",
    "kelemahan",
    "rekomendasi",
]


def _row(**values) -> tuple[dict, dict]:
    words = values.pop("_words", {})
    return {k: values.get(k) for k in COLUMNS}, words


def evaluation_rows(ev: EvaluationView) -> list[tuple[dict, dict]]:
    """(row, word for each applicable empty value) for one evaluation, in the dashboard's order."""
    m = ev.model
    why = {name: missing_of(m, name) for name in ("nilai_resmi", "bobot", "skor", "peringkat", "sumber")}
    common: dict[str, Any] = {
        "tahun": m.tahun,
        "tahap": m.tahap,
        "sumber": m.sumber,
        "tidak_dipublikasikan": ";".join(m.tidak_dipublikasikan),
        "tidak_diketahui": ";".join(m.tidak_diketahui),
        "_words": {"sumber": why["sumber"]},
    }
    flagged = (
        "ya" if ev.illustrative else "tidak"
    )  # flags element scores and indices, never the official total (schema.Evaluasi)
    out = []
    if m.nilai_resmi is not None or ev.total_missing_declared:
        out.append(
            _row(
                **common
                | {
                    "tingkat": "nilai-resmi",
                    "skor": m.nilai_resmi,
                    "ilustratif": "tidak",
                    "_words": common["_words"] | {"skor": why["nilai_resmi"]},
                }
            )
        )
    for other in m.nilai_lain:
        out.append(
            _row(
                **common
                | {
                    "tingkat": "nilai-lain",
                    "skor": other.nilai,
                    "sumber": other.sumber,
                    "keterangan": other.keterangan,
                    "ilustratif": "tidak",
                }
            )
        )
    if ev.check is not None:
        out.append(
            _row(
                **common
                | {
                    "tingkat": "hasil-hitung",
                    "skor": round(ev.check.total, 6),
                    "ilustratif": flagged,
                    "keterangan": f"dihitung dari bobot dan skor unsur yang diumumkan, bukan angka resmi: {ev.check.formula}",
                }
            )
        )
    for e in ev.elements:
        out.append(
            _row(
                **common
                | {
                    "tingkat": "unsur",
                    "unsur": e.key,
                    "bobot": e.weight,
                    "skor": e.score,
                    "ilustratif": flagged,
                    "_words": common["_words"] | {"bobot": why["bobot"], "skor": why["skor"]},
                }
            )
        )
        for s in e.subindicators:
            out.append(
                _row(
                    **common
                    | {
                        "tingkat": "subindikator",
                        "unsur": e.key,
                        "indikator": s.indikator,
                        "subindikator": s.nama,
                        "skor": s.nilai,
                        "ilustratif": flagged,
                        "_words": common["_words"] | {"skor": missing_of(s, "nilai")},
                    }
                )
            )
        if e.check is not None:
            out.append(
                _row(
                    **common
                    | {
                        "tingkat": "hasil-hitung",
                        "unsur": e.key,
                        "skor": round(e.check.mean, 6),
                        "ilustratif": flagged,
                        "keterangan": f"rata-rata {e.check.count} nilai subindikator yang diumumkan, bukan angka resmi: {e.check.formula}",
                    }
                )
            )
    for dim, index in m.indeks_dimensi.items():
        out.append(_row(**common | {"tingkat": "indeks-dimensi", "dimensi": dim, "skor": index, "ilustratif": flagged}))
    for r in ev.ranks:
        out.append(
            _row(
                **common
                | {
                    "tingkat": "peringkat",
                    "cakupan": r.scope,
                    "wilayah_cakupan": r.region,
                    "jumlah_daerah": r.of,
                    "peringkat": r.rank,
                    "sumber": r.source or m.sumber,
                    "ilustratif": "tidak",
                }
            )
        )
    if not ev.ranks and m.peringkat is None and "peringkat" in [*m.tidak_dipublikasikan, *m.tidak_diketahui]:
        out.append(
            _row(
                **common
                | {
                    "tingkat": "peringkat",
                    "ilustratif": "tidak",
                    "_words": common["_words"] | {"peringkat": why["peringkat"]},
                }
            )
        )
    for kind, texts in (("kekuatan", m.kekuatan), ("kelemahan", m.kelemahan)):
        out.extend(_row(**common | {"tingkat": kind, "teks": text, "ilustratif": "tidak"}) for text in texts)
    for rec in m.rekomendasi:
        out.append(
            _row(
                **common
                | {
                    "tingkat": "rekomendasi",
                    "teks": rec.teks,
                    "penilai": rec.penilai,
                    "tindak_lanjut": rec.tindak_lanjut,
                    "catatan_tindak_lanjut": rec.catatan_tindak_lanjut,
                    "tanggal_tindak_lanjut": rec.tanggal_tindak_lanjut.isoformat()
                    if rec.tanggal_tindak_lanjut
                    else None,
                    "program_tindak_lanjut": ";".join(rec.program_tindak_lanjut) or None,
                    "ilustratif": "tidak",
                    "_words": common["_words"] | {"tindak_lanjut": "belum dilaporkan"},
                }
            )
        )
    return out


def target_rows(monev: MonitoringView) -> list[tuple[dict, dict]]:
    """The region's own score targets (RPJMD), one row per year."""
    return [
        _row(
            tahun=year,
            tingkat="target-daerah",
            skor=target,
            sumber=monev.target_source,
            ilustratif="tidak",
            _words={"sumber": missing_of(monev, "sumber_target")},
        )
        for year, target in monev.targets
    ]


def rows(monev: MonitoringView) -> list[tuple[dict, dict]]:
    return [row for ev in monev.evaluations for row in evaluation_rows(ev)] + target_rows(monev)


def cell(value):
    """A figure as published (1.40, not 1.4; 3 not 3.0); anything else as it is."""
    if isinstance(value, Published):
        return f"{value:.{value.decimals}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def to_csv(monev: MonitoringView) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row, words in rows(monev):
        writer.writerow({k: spreadsheet_safe(words.get(k, "") if v is None else cell(v)) for k, v in row.items()})
    return buffer.getvalue()


def to_json(monev: MonitoringView, version: dict | None = None) -> str:
    doc = {
        "versi": version,
        "kolom": COLUMNS,
        "keterangan": "tingkat: "
        + ", ".join(LEVELS)
        + ". Kolom yang tidak berlaku untuk tingkat itu bernilai null; nilai yang tidak diumumkan "
        "juga null, dengan nama isiannya di tidak_dipublikasikan atau tidak_diketahui bila data menyebutnya. "
        "Bobot dalam persen, skor 0-4 seperti dicetak; hasil-hitung bukan angka resmi.",
        "evaluasi": [{k: (float(v) if isinstance(v, float) else v) for k, v in row.items()} for row, _ in rows(monev)],
    }
    return opendata_json.document(doc, "evaluasi")


def files(monev: MonitoringView, prefix: str = "unduh", version: dict | None = None) -> dict[str, str]:
    return {f"{prefix}/evaluasi.csv": to_csv(monev), f"{prefix}/evaluasi.json": to_json(monev, version)}
