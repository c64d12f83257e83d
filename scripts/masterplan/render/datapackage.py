"""``datapackage.json``: a Frictionless Data Package describing every CSV of the open data.

Each CSV gets a Table Schema: field names and types, Indonesian titles and descriptions,
units where a field has one, primary and foreign keys, and the written forms of the
kinds of missing as ``missingValues``, so a tool reads "tidak dipublikasikan" as a
missing value, not as text. The descriptions here are the data dictionary the download
page and the README point to; ``tests/test_opendata.py`` validates the package and
every file with the ``frictionless`` library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, get_args

from .. import framework, schema
from ..derive import missing
from . import changedata, opendata_indicators, opendata_monev

MISSING_VALUES = ["", *missing.WORDS.values()]  # every kind of missing, as derive/missing.py words it
PROFILE = "tabular-data-package"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date
    title: str
    description: str
    unit: str | None = None
    enum: tuple[str, ...] | None = None

    def field(self) -> dict:
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": self.description,
        }
        if self.type == "boolean":
            out |= {"trueValues": ["ya"], "falseValues": ["tidak"]}
        if self.unit:
            out["satuan"] = self.unit  # Table Schema allows extra properties; the unit in words
        if self.enum:
            out["constraints"] = {"enum": list(self.enum)}
        return out


def _c(name, type_, title, description, unit=None, enum=None) -> Column:
    return Column(name, type_, title, description, unit, enum)


FLAG = _c(
    "ilustratif",
    "boolean",
    "Ilustratif",
    "`ya` bila angka baris ini adalah contoh, belum dari sumber resmi; `tidak` bila angka daerah sendiri atau angka resmi.",
)
DECLARED = [
    _c(
        "tidak_dipublikasikan",
        "string",
        "Tidak dipublikasikan",
        "Nama isian yang ada tetapi tidak dipublikasikan sumbernya, dipisah titik koma; isian itu ditulis `tidak dipublikasikan`.",
    ),
    _c(
        "tidak_diketahui",
        "string",
        "Tidak diketahui",
        "Nama isian yang tidak disebut sumbernya dan tidak diketahui tim penyusun, dipisah titik koma; isian itu ditulis `tidak diketahui`.",
    ),
]

PROGRAMME = [
    _c("id", "string", "Kode program", "Kode unik program: awalan dimensi, tanda hubung, nomor (misalnya GOV-01)."),
    _c("nama", "string", "Nama program", "Nama program atau inovasi sebagaimana dipublikasikan."),
    _c("dimensi", "string", "Dimensi", "Kode dimensi kota cerdas.", enum=(*schema.DIMENSION_ORDER, "tanpa-dimensi")),
    _c("elemen", "string", "Elemen", "Kode elemen dimensi."),
    _c(
        "opd",
        "string",
        "OPD penanggung jawab",
        "Kode perangkat daerah penanggung jawab; juga produsen data indikator program.",
    ),
    _c("mitra", "string", "OPD mitra", "Kode OPD mitra, dipisah titik koma."),
    _c(
        "horizon",
        "string",
        "Horizon",
        "quick-win, pendek (1 tahun), menengah (5 tahun) atau panjang (10 tahun).",
        enum=get_args(schema.Horizon),
    ),
    _c("tahun_mulai", "integer", "Tahun mulai", "Tahun mulai pelaksanaan.", "tahun"),
    _c("tahun_selesai", "integer", "Tahun selesai", "Tahun selesai pelaksanaan.", "tahun"),
    _c(
        "tahun_quick_win",
        "string",
        "Tahun quick win",
        "Tahun-tahun ketika program menjadi quick win, dipisah titik koma; kosong bila bukan quick win.",
    ),
    _c("sumber_dana", "string", "Sumber dana", "Sumber dana, dipisah titik koma ({sumber_dana})."),
    _c("anggaran", "integer", "Perkiraan anggaran", "Perkiraan anggaran seluruh periode.", "rupiah"),
    _c("status", "string", "Status", "Posisi pada akhir tahun pelaporan terakhir.", enum=get_args(schema.Status)),
    _c("progres", "number", "Progres", "Realisasi program pada akhir tahun pelaporan terakhir.", "persen"),
    _c("misi", "string", "Misi", "Kode misi yang didukung, dipisah titik koma."),
    _c("arah_kebijakan", "string", "Arah kebijakan", "Kode arah kebijakan, dipisah titik koma."),
    _c("rujukan", "string", "Keterkaitan RPJMD/Renstra", "Rujukan ke dokumen perencanaan daerah."),
    FLAG,
    _c("deskripsi", "string", "Deskripsi", "Uraian program."),
    *DECLARED,
]

INDICATOR_VALUES = [
    _c(
        "kode_indikator",
        "string",
        "Kode indikator",
        "Kode program dan urutan indikatornya (misalnya GOV-01.1); rinciannya di metadata-indikator.csv.",
    ),
    _c("kode_program", "string", "Kode program", "Program pemilik indikator (program.csv)."),
    _c("indikator", "string", "Nama indikator", "Nama indikator kinerja."),
    _c("satuan", "string", "Satuan", "Satuan nilai baseline, target dan realisasi."),
    _c(
        "tahun",
        "integer",
        "Tahun",
        "Tahun target atau realisasi; kosong (dengan jenis kekosongan) bila indikator belum mempunyai tahun.",
        "tahun",
    ),
    _c(
        "baseline",
        "number",
        "Baseline",
        "Nilai awal sebelum program berjalan, dalam satuan indikator (sama di setiap baris indikator itu).",
    ),
    _c("target", "number", "Target", "Target tahun itu, dalam satuan indikator."),
    _c("realisasi", "number", "Realisasi", "Capaian yang diukur tahun itu, dalam satuan indikator."),
    _c("sumber", "string", "Sumber data", "Sumber data indikator: laporan atau aplikasi tempat nilainya dicatat."),
    FLAG,
    *DECLARED,
]

_MSIND_DESCRIPTIONS = {
    "nama": "Nama indikator (MS-Ind: nama indikator).",
    "konsep": "Gagasan umum yang diukur (MS-Ind: konsep).",
    "definisi": "Apa persisnya yang dihitung (MS-Ind: definisi).",
    "interpretasi": "Cara membaca nilainya (MS-Ind: interpretasi).",
    "metode": "Metode atau rumus perhitungan (MS-Ind: metode/rumus perhitungan).",
    "ukuran": "Ukuran, misalnya persentase, jumlah, rasio (MS-Ind: ukuran).",
    "satuan": "Satuan nilai (MS-Ind: satuan).",
    "klasifikasi": "Klasifikasi penyajian (MS-Ind: klasifikasi).",
    "periodisitas": "Seberapa sering diukur (MS-Ind: periodisitas).",
    "produsen": "Nama OPD produsen data (MS-Ind: produsen data): OPD penanggung jawab program kecuali disebut lain.",
}
INDICATOR_METADATA = [
    _c("kode_indikator", "string", "Kode indikator", "Kode program dan urutan indikatornya (misalnya GOV-01.1)."),
    _c("kode_program", "string", "Kode program", "Program pemilik indikator (program.csv)."),
    _c("program", "string", "Nama program", "Nama program pemilik indikator."),
    *[_c(key, "string", label, _MSIND_DESCRIPTIONS[key]) for key, label in opendata_indicators.MSIND_FIELDS],
    _c("kode_produsen", "string", "Kode OPD produsen", "Kode OPD produsen data (data/opd.yml)."),
    _c("sumber", "string", "Sumber data", "Sumber data indikator: laporan atau aplikasi tempat nilainya dicatat."),
    *DECLARED,
]

DIMENSION_TARGETS = [
    _c("kode_sasaran", "string", "Kode sasaran", "Kode dimensi dan urutan sasarannya (misalnya governance.1)."),
    _c("dimensi", "string", "Dimensi", "Kode dimensi kota cerdas.", enum=schema.DIMENSION_ORDER),
    _c("indikator", "string", "Indikator sasaran", "Indikator sasaran dimensi."),
    _c("satuan", "string", "Satuan", "Satuan baseline dan target."),
    _c("tahun_baseline", "integer", "Tahun baseline", "Tahun pertama periode rencana induk.", "tahun"),
    _c("baseline", "number", "Baseline", "Nilai awal pada tahun pertama periode, dalam satuan indikator."),
    _c("tahun_target", "integer", "Tahun target", "Tahun terakhir periode rencana induk.", "tahun"),
    _c("target", "number", "Target", "Target pada akhir periode, dalam satuan indikator."),
    FLAG,
]

EVALUATION = [
    _c("tahun", "integer", "Tahun", "Tahun evaluasi, atau tahun target daerah.", "tahun"),
    _c("tahap", "string", "Tahap", "Tahap evaluasi bila satu tahun mempunyai beberapa tahap."),
    _c(
        "tingkat",
        "string",
        "Jenis baris",
        "Apa isi baris ini: " + ", ".join(opendata_monev.LEVELS) + ".",
        enum=tuple(opendata_monev.LEVELS),
    ),
    _c("unsur", "string", "Unsur", "Kode unsur penilaian (baseline, output, outcome, impact, quick_win, ...)."),
    _c("indikator", "string", "Indikator laporan", "Kolom Indikator pada tabel laporan."),
    _c("subindikator", "string", "Subindikator", "Subindikator persis seperti tertulis di laporan."),
    _c("dimensi", "string", "Dimensi", "Kode dimensi dari indeks dimensi.", enum=schema.DIMENSION_ORDER),
    _c("cakupan", "string", "Cakupan peringkat", "nasional atau provinsi.", enum=("nasional", "provinsi")),
    _c("wilayah_cakupan", "string", "Wilayah cakupan", "Wilayah cakupan peringkat, misalnya nama provinsi."),
    _c(
        "jumlah_daerah",
        "integer",
        "Jumlah daerah dinilai",
        "Jumlah daerah dalam cakupan peringkat, bila diumumkan.",
        "daerah",
    ),
    _c("bobot", "number", "Bobot", "Bobot unsur seperti diumumkan.", "persen"),
    _c(
        "skor",
        "number",
        "Skor",
        "Nilai pada skala 0-4 dengan desimal seperti dicetak (nilai resmi, nilai lain, hasil hitung, unsur, subindikator, indeks dimensi, target daerah).",
        "skor 0-4",
    ),
    _c("peringkat", "integer", "Peringkat", "Peringkat ke-N seperti diumumkan.", "peringkat"),
    _c("teks", "string", "Teks", "Kekuatan, kelemahan atau rekomendasi persis seperti di laporan."),
    _c("penilai", "string", "Penilai", "Penilai yang memberi rekomendasi."),
    _c(
        "tindak_lanjut",
        "string",
        "Status tindak lanjut",
        "belum, berjalan atau selesai; `belum dilaporkan` bila daerah belum melaporkannya.",
        enum=("belum", "berjalan", "selesai"),
    ),
    _c("catatan_tindak_lanjut", "string", "Catatan tindak lanjut", "Apa yang dilakukan daerah atas rekomendasi."),
    _c("tanggal_tindak_lanjut", "date", "Tanggal tindak lanjut", "Tanggal tindak lanjut (YYYY-MM-DD)."),
    _c(
        "program_tindak_lanjut",
        "string",
        "Program tindak lanjut",
        "Kode program yang menindaklanjuti rekomendasi, dipisah titik koma.",
    ),
    _c("keterangan", "string", "Keterangan", "Penjelasan baris: pembulatan angka lain, atau rumus hasil hitung."),
    _c("sumber", "string", "Sumber", "Surat, laporan atau berita resmi asal angka."),
    FLAG,
    *DECLARED,
]

CHANGES = [
    _c("no", "integer", "Nomor", "Nomor urut perubahan."),
    _c("bagian_dokumen", "string", "Bagian dokumen", "Bagian rencana induk yang berubah."),
    _c("kode", "string", "Kode", "Kode butir yang berubah (program, misi, bab, ...)."),
    _c("judul", "string", "Judul", "Nama butir yang berubah."),
    _c("perubahan", "string", "Jenis perubahan", "diubah, ditambah atau dihapus."),
    _c("unsur", "string", "Unsur", "Isian atau kalimat yang berubah."),
    _c("semula", "string", "Semula", "Isi pada teks yang ditetapkan; `tidak ada` bila belum ada."),
    _c("menjadi", "string", "Menjadi", "Isi pada rancangan; `tidak ada` bila dihapus."),
    _c("keterangan", "string", "Keterangan", "Penjelasan perubahan."),
]


@dataclass(frozen=True)
class Table:
    name: str  # resource name
    path: str  # file name inside the package's folder
    title: str
    description: str
    columns: list[Column]
    primary_key: list[str] | None = None
    foreign_keys: tuple = ()  # (fields, resource, its fields)
    extra_missing: tuple[str, ...] = ()


TABLES = {
    "program": Table(
        "program", "program.csv", "Daftar program", "Satu baris per program rencana induk.", PROGRAMME, ["id"]
    ),
    "indikator": Table(
        "indikator",
        "indikator.csv",
        "Indikator program: nilai per tahun",
        "Satu baris per indikator dan tahun: baseline, target dan realisasi.",
        INDICATOR_VALUES,
        None,
        ((["kode_program"], "program", ["id"]), (["kode_indikator"], "metadata-indikator", ["kode_indikator"])),
    ),
    "metadata-indikator": Table(
        "metadata-indikator",
        "metadata-indikator.csv",
        "Metadata indikator (MS-Ind)",
        "Satu baris per indikator dengan metadata menurut Peraturan BPS Nomor 5 Tahun 2020.",
        INDICATOR_METADATA,
        ["kode_indikator"],
        ((["kode_program"], "program", ["id"]),),
    ),
    "sasaran-dimensi": Table(
        "sasaran-dimensi",
        "sasaran-dimensi.csv",
        "Sasaran terukur dimensi",
        "Satu baris per sasaran terukur dimensi: baseline awal periode dan target akhir periode.",
        DIMENSION_TARGETS,
        ["kode_sasaran"],
    ),
    "evaluasi": Table(
        "evaluasi",
        "evaluasi.csv",
        "Hasil evaluasi smart city",
        "Setiap angka dan temuan evaluasi nasional yang ditampilkan dasbor monev, satu baris masing-masing.",
        EVALUATION,
        extra_missing=("belum dilaporkan",),
    ),
    "perubahan": Table(
        "perubahan",
        "perubahan.csv",
        "Perubahan terhadap teks yang ditetapkan",
        "Satu baris per bagian yang berubah, seperti matriks perubahan.",
        CHANGES,
        ["no"],
        extra_missing=(changedata.ABSENT,),
    ),
}


def table_schema(table: Table, words: dict) -> dict:
    fields = [c.field() | {"description": c.description.format(**words)} for c in table.columns]
    out = {"fields": fields, "missingValues": [*MISSING_VALUES, *table.extra_missing]}
    if table.primary_key:
        out["primaryKey"] = table.primary_key
    if table.foreign_keys:
        out["foreignKeys"] = [
            {"fields": f, "reference": {"resource": r, "fields": rf}} for f, r, rf in table.foreign_keys
        ]
    return out


def resource(table: Table, words: dict) -> dict:
    return {
        "name": table.name,
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
        "schema": table_schema(table, words),
    }


def region_words(view) -> dict:
    """What a description says differently per region: a kota has no village fund (APBDes) among its funding sources."""
    sources = [s for s in get_args(schema.SumberDana) if s != framework.VILLAGE_FUND or view.words.dana_desa]
    return {"sumber_dana": ", ".join(sources)}


def package(names: list[str], meta: dict, view) -> str:
    """The package of the tables ``names`` (the CSVs in one folder); ``meta`` from the version (name, title, licence, version)."""
    words = region_words(view)
    doc = {"profile": PROFILE, **meta, "resources": [resource(TABLES[n], words) for n in names]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
