"""Open data of a draft amendment's comparison: one row per changed field or passage, CSV and JSON.

Written beside the programme list (``opendata.py``) when the draft amends an enacted
regulation. Something that did not exist on one side is ``null`` in JSON and
"tidak ada" in CSV: it is absent, not a value nobody set.
"""

from __future__ import annotations

import csv
import io
import json

from ..derive.compare import Comparison
from ..derive.compare_rows import Segment
from ..formats import spreadsheet_safe

COLUMNS = ["no", "bagian_dokumen", "kode", "judul", "perubahan", "unsur", "semula", "menjadi", "keterangan"]
ABSENT = "tidak ada"
OPS = {"=": "sama", "-": "dihapus", "+": "ditambah"}


def _detail(segments: list[Segment] | None) -> list[dict] | None:
    return None if segments is None else [{"jenis": OPS[s.op], "teks": s.text} for s in segments]


def rows(comparison: Comparison) -> list[dict]:
    out = []
    for n, (item, row) in enumerate(comparison.rows, 1):
        out.append(
            {
                "no": n,
                "bagian_dokumen": item.section_label,
                "kode": item.key,
                "judul": item.title,
                "perubahan": item.kind,
                "unsur": row.bagian,
                "semula": row.semula_text if row.semula is not None else None,
                "menjadi": row.menjadi_text if row.menjadi is not None else None,
                "keterangan": row.keterangan,
                "semula_rinci": _detail(row.semula),
                "menjadi_rinci": _detail(row.menjadi),
            }
        )
    return out


def to_csv(comparison: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(
        {k: spreadsheet_safe(ABSENT if v is None else v) for k, v in row.items()} for row in rows(comparison)
    )
    return buffer.getvalue()


def to_json(comparison: Comparison) -> str:
    return (
        json.dumps(
            {
                "mengubah": comparison.amended,
                "tag": comparison.tag,
                "jumlah_perubahan": comparison.count,
                "tidak_berubah": comparison.unchanged,
                "kolom": COLUMNS + ["semula_rinci", "menjadi_rinci"],
                "keterangan": "null = tidak ada pada versi itu; *_rinci memisahkan kata yang sama, dihapus dan ditambah",
                "perubahan": rows(comparison),
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


def files(comparison: Comparison | None) -> dict[str, str]:
    """The comparison's open data files under ``docs/``; none for a draft that amends nothing."""
    if comparison is None:
        return {}
    return {"unduh/perubahan.csv": to_csv(comparison), "unduh/perubahan.json": to_json(comparison)}
