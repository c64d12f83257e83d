"""Open data of the programme indicators: values in long format, and MS-Ind metadata per indicator.

``indikator.csv`` has one row per indicator and year (baseline, target, realisation),
so a spreadsheet or a statistics tool reads it without reshaping; an indicator with
no year yet has one row whose year is missing. ``metadata-indikator.csv`` has one row
per indicator with its metadata following Peraturan BPS Nomor 5 Tahun 2020 (MS-Ind),
and ``indikator.json`` both in one document. An empty value is the kind of missing
the data declares for it (``belum ditetapkan``, ``tidak diketahui``, ``tidak
dipublikasikan``) in CSV and ``null`` in JSON, with the field names in the
``tidak_dipublikasikan`` / ``tidak_diketahui`` columns.
"""

from __future__ import annotations

import csv
import io

from ..derive.indicators import MSIND_FIELDS
from ..derive.missing import missing_of
from ..formats import spreadsheet_safe
from . import opendata_json
from .opendata_monev import cell

VALUE_COLUMNS = [
    "kode_indikator",
    "kode_program",
    "indikator",
    "satuan",
    "tahun",
    "baseline",
    "target",
    "realisasi",
    "sumber",
    "ilustratif",
    "tidak_dipublikasikan",
    "tidak_diketahui",
]
TARGET_COLUMNS = [
    "kode_sasaran",
    "dimensi",
    "indikator",
    "satuan",
    "tahun_baseline",
    "baseline",
    "tahun_target",
    "target",
    "ilustratif",
]
METADATA_COLUMNS = [
    "kode_indikator",
    "kode_program",
    "program",
    *[k for k, _ in MSIND_FIELDS],
    "kode_produsen",
    "sumber",
    "tidak_dipublikasikan",
    "tidak_diketahui",
]


def _word(model, name: str) -> str:
    return missing_of(model, name)


def _source(p, ind):
    # The indicator's own data source; the programme's `sumber` says where the programme is reported, not where the figures are measured.
    return ind.model.sumber


def value_rows(view) -> list[tuple[dict, dict]]:
    """(row with None for empty values, the word each empty value is written with in CSV)."""
    out = []
    for p in view.programmes:
        for ind in p.indicators:
            m = ind.model
            common = {
                "kode_indikator": ind.code,
                "kode_program": p.id,
                "indikator": m.nama,
                "satuan": m.satuan,
                "baseline": m.baseline,
                "sumber": _source(p, ind),
                "ilustratif": "ya" if p.illustrative else "tidak",
                "tidak_dipublikasikan": ";".join(m.tidak_dipublikasikan),
                "tidak_diketahui": ";".join(m.tidak_diketahui),
            }
            words = {
                "satuan": _word(m, "satuan"),
                "baseline": _word(m, "baseline"),
                "target": _word(m, "target"),
                "realisasi": _word(m, "realisasi"),
                "tahun": _word(m, "target"),
                "sumber": _word(m, "sumber"),
            }
            for year in ind.years or [None]:
                row = common | {"tahun": year, "target": m.target.get(year), "realisasi": m.realisasi.get(year)}
                out.append(({k: row[k] for k in VALUE_COLUMNS}, words))
    return out


def metadata_rows(view) -> list[tuple[dict, dict]]:
    out = []
    for p in view.programmes:
        for ind in p.indicators:
            m = ind.model
            meta = {f.key: f.value for f in ind.metadata}
            words = {f.key: f.missing_word for f in ind.metadata if f.value is None}
            producer = m.produsen or p.model.opd
            if producer is None:
                words["kode_produsen"] = words["produsen"]
            if _source(p, ind) is None:
                words["sumber"] = _word(m, "sumber")
            row = {
                "kode_indikator": ind.code,
                "kode_program": p.id,
                "program": p.model.nama,
                **meta,
                "kode_produsen": producer,
                "sumber": _source(p, ind),
                "tidak_dipublikasikan": ";".join(m.tidak_dipublikasikan),
                "tidak_diketahui": ";".join(m.tidak_diketahui),
            }
            out.append(({k: row[k] for k in METADATA_COLUMNS}, words))
    return out


def target_rows(view) -> list[tuple[dict, dict]]:
    """The dimensions' measurable targets (``sasaran``): baseline in the plan's first year, target in its last."""
    out = []
    first, last = view.years[0], view.years[-1]
    for d in view.dimensions:
        for k, t in enumerate(d.model.sasaran, 1):
            row = {
                "kode_sasaran": f"{d.id}.{k}",
                "dimensi": d.id,
                "indikator": t.indikator,
                "satuan": t.satuan,
                "tahun_baseline": first,
                "baseline": t.baseline,
                "tahun_target": last,
                "target": t.target,
                "ilustratif": "ya" if t.ilustratif else "tidak",
            }
            out.append((row, {k: missing_of(t, k) for k in ("satuan", "baseline", "target")}))
    return out


def targets_csv(view) -> str:
    return _csv(TARGET_COLUMNS, target_rows(view))


def _csv(columns: list[str], rows: list[tuple[dict, dict]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row, words in rows:
        writer.writerow({k: spreadsheet_safe(words.get(k, "") if v is None else cell(v)) for k, v in row.items()})
    return buffer.getvalue()


def values_csv(view) -> str:
    return _csv(VALUE_COLUMNS, value_rows(view))


def metadata_csv(view) -> str:
    return _csv(METADATA_COLUMNS, metadata_rows(view))


def _number(value):
    return float(value) if isinstance(value, float) else value


def to_json(view, version: dict) -> str:
    indicators = []
    for p in view.programmes:
        for ind in p.indicators:
            m = ind.model
            indicators.append(
                {
                    "kode_indikator": ind.code,
                    "kode_program": p.id,
                    "metadata": {f.key: f.value for f in ind.metadata},
                    "metadata_kosong": {
                        f.key: f.missing_word for f in ind.metadata if f.value is None
                    },  # why each null is null
                    "kode_produsen": m.produsen or p.model.opd,
                    "sumber": _source(p, ind),
                    "baseline": _number(m.baseline),
                    "nilai": [
                        {"tahun": y, "target": _number(m.target.get(y)), "realisasi": _number(m.realisasi.get(y))}
                        for y in ind.years
                    ],
                    "ilustratif": p.illustrative,
                    "tidak_dipublikasikan": m.tidak_dipublikasikan,
                    "tidak_diketahui": m.tidak_diketahui,
                }
            )
    return opendata_json.document(
        {
            "versi": version,
            "keterangan": "Indikator program dengan metadata MS-Ind (Peraturan BPS Nomor 5 Tahun 2020); metadata_kosong menyebut jenis "
            "kekosongan setiap metadata yang null. Nilai lain yang null: belum ditetapkan, kecuali isian yang disebut di "
            "tidak_dipublikasikan atau tidak_diketahui. Produsen data adalah OPD penanggung jawab program kecuali disebut lain.",
            "indikator": indicators,
        },
        "indikator",
    )
