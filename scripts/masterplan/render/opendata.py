"""Open data: one row per programme as CSV and JSON, with stable columns.

A value nobody has set is ``null`` in JSON and "belum ditetapkan" in CSV (the
wording of every other output), never 0 or an empty string that reads as "none".
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io

from .. import schema
from ..derive.missing import missing_of
from ..derive.versions import of as versions_of
from ..derive.views import View
from ..formats import NOT_SET, spreadsheet_safe
from . import catalogue, changedata, datapackage, opendata_indicators, opendata_json, opendata_monev

COLUMNS = [
    "id",
    "nama",
    "dimensi",
    "elemen",
    "opd",
    "mitra",
    "horizon",
    "tahun_mulai",
    "tahun_selesai",
    "tahun_quick_win",
    "sumber_dana",
    "anggaran",
    "status",
    "progres",
    "misi",
    "arah_kebijakan",
    "rujukan",
    "ilustratif",
    "deskripsi",
    "tidak_dipublikasikan",
    "tidak_diketahui",  # empty fields the data says are not published / not known
]


def _joined(values: list) -> str | None:
    return ";".join(str(v) for v in values) if values else None


def rows(view: View) -> list[dict]:
    out = []
    for p in view.programmes:
        m = p.model
        out.append(
            {
                "id": m.id,
                "nama": m.nama,
                "dimensi": p.dimension.id,
                "elemen": m.elemen,
                "opd": m.opd,
                "mitra": _joined(m.mitra),
                "horizon": m.horizon,
                "tahun_mulai": m.tahun_mulai,
                "tahun_selesai": m.tahun_selesai,
                "tahun_quick_win": _joined(p.quick_win_years) if p.is_quick_win else "",
                "sumber_dana": _joined(m.sumber_dana),
                "anggaran": m.anggaran,
                "status": m.status,
                "progres": m.progres,
                "misi": _joined(m.misi),
                "arah_kebijakan": _joined(m.arah_kebijakan),
                "rujukan": m.rujukan,
                "ilustratif": "ya" if p.illustrative else "tidak",
                "deskripsi": m.deskripsi,
                "tidak_dipublikasikan": _joined(m.tidak_dipublikasikan) or "",
                "tidak_diketahui": _joined(m.tidak_diketahui) or "",
            }
        )
    return out


def to_csv(view: View) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p, row in zip(view.programmes, rows(view), strict=False):
        writer.writerow({k: spreadsheet_safe(_empty_word(p.model, k) if v is None else v) for k, v in row.items()})
    return buffer.getvalue()


def _empty_word(model, column: str) -> str:
    """An empty cell says which kind of missing it is, as every page does."""
    return missing_of(model, column) if column in type(model).model_fields else NOT_SET


def to_json(view: View, version: dict | None = None) -> str:
    return opendata_json.document(
        {
            "versi": version,
            "kolom": COLUMNS,
            "keterangan": f"null = {NOT_SET}, kecuali isian yang disebut di kolom tidak_dipublikasikan atau tidak_diketahui",
            "program": rows(view),
        },
        "program",
    )


def version_note(version) -> dict:
    """Which text the files are: written into every JSON file and the data package."""
    return {
        "label": version.label,
        "rancangan": version.draft,
        "tag": None if version.key == "terkini" else version.key,
        "keterangan": "rancangan, belum ditetapkan; data dapat berubah" if version.draft else "teks yang ditetapkan",
    }


def _made_and_kept(enacted) -> dict[str, str]:
    """An enacted version's files made from its view, and handed to the store for the next build."""
    view, version = enacted.view, enacted.version
    made = version_files(view, version)
    made[f"{version.folder}/datapackage.json"] = datapackage.package(TABLE_NAMES, package_meta(view, version), view)
    enacted.keep(made)
    return made


def version_files(view: View, version) -> dict[str, str]:
    """The programme, indicator and evaluation files of one version, under its folder."""
    note, folder = version_note(version), version.folder
    return {
        f"{folder}/program.csv": to_csv(view),
        f"{folder}/program.json": to_json(view, note),
        f"{folder}/indikator.csv": opendata_indicators.values_csv(view),
        f"{folder}/metadata-indikator.csv": opendata_indicators.metadata_csv(view),
        f"{folder}/indikator.json": opendata_indicators.to_json(view, note),
        f"{folder}/sasaran-dimensi.csv": opendata_indicators.targets_csv(view),
        **opendata_monev.files(view.monev, folder, note),
    }


def package_meta(view: View, version) -> dict:
    words, wil = view.words, view.plan.wilayah
    licence = schema.LICENCES.get(wil.data_terbuka.lisensi) if wil.data_terbuka.lisensi else None
    meta = {
        "name": f"{catalogue.slug(words.daerah)}-masterplan-{catalogue.slug(version.key)}",
        "title": f"Data terbuka {words.judul_rencana}"
        + (" (rancangan, belum ditetapkan)" if version.draft else f" ({version.label})"),
        "description": f"Program, indikator dan hasil evaluasi rencana induk kota cerdas {words.daerah}. Nilai kosong ditulis dengan jenis "
        "kekosongannya (belum ditetapkan, tidak diketahui, tidak dipublikasikan) dan terbaca sebagai nilai hilang.",
        "version": "rancangan" if version.draft else version.label,
        "versi": version_note(version),
        "keywords": ["kota cerdas", "smart city", "rencana induk", words.daerah, *wil.data_terbuka.kata_kunci],
        "contributors": [{"title": words.pemerintah, "role": "publisher"}],
        "temporal": {"start": f"{wil.periode.mulai}-01-01", "end": f"{wil.periode.selesai}-12-31"},
    }
    if licence:
        meta["licenses"] = [{"name": wil.data_terbuka.lisensi, "path": licence[1], "title": licence[0]}]
    if version.modified:
        meta["created"] = version.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    return meta


TABLE_NAMES = ["program", "indikator", "metadata-indikator", "sasaran-dimensi", "evaluasi"]


@contextlib.contextmanager
def _no_cycle_collection():
    """Writing the files makes many short-lived objects and no reference cycles; with a large masterplan in
    memory, the collector's full passes over it took about 40 % of this stage at 1,000 programmes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def files(view: View, site_url: str = "") -> dict[str, str]:
    """The open data files of the site, keyed by their path under ``docs/``: the current version's in ``unduh/``,
    each enacted version's in ``unduh/versi/<tag>/``, a data package in each folder and the DCAT catalogue."""
    with _no_cycle_collection():
        return _files(view, site_url)


def _files(view: View, site_url: str) -> dict[str, str]:
    versions = versions_of(view)
    out = {**version_files(view, versions.current), **changedata.files(view.comparison)}
    tables = TABLE_NAMES + (["perubahan"] if view.comparison is not None else [])
    out["unduh/datapackage.json"] = datapackage.package(tables, package_meta(view, versions.current), view)
    for enacted in versions.enacted:
        out.update(enacted.files if enacted.files is not None else _made_and_kept(enacted))
    nodes = catalogue.build(view, site_url, "unduh")
    out["unduh/katalog.jsonld"] = catalogue.jsonld_text(nodes)
    out["unduh/katalog.ttl"] = catalogue.turtle_text(nodes)
    return out
