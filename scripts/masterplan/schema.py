"""The single definition of the data files: pydantic models with Indonesian keys.

This module is the source for validation (``masterplan check``), for the JSON
Schema that gives editors completion in VS Code (``masterplan schema``) and for
the field reference in the editors' guide. Every optional field has a default,
so templates never have to guess whether a value exists.

The rule for what is required: only what identifies a thing (an id, a name,
the region's kind and the plan period) or without which nothing can be drawn
(a programme's dimension, a dimension's three elements). Everything a real
publication may lack is optional and ``None`` (or an empty list) when not set;
the outputs show it as "belum ditetapkan", never as a default that reads as
fact. How complete the data is, is measured (``derive/completeness.py``), not
enforced.

The models of the two largest files live beside this module, ``schema_wilayah.py``
(``data/wilayah.yml``) and ``schema_monev.py`` (``data/monev.yml``); this module names them
(``schema.WilayahFile``, ``schema.Evaluasi``, ...) and keeps the registry of files.
"""

from __future__ import annotations

import string
from typing import Annotated

from pydantic import Field, StringConstraints

from .datatypes import (  # noqa: F401  (re-exported: the model's types are named schema.X everywhere)
    DIMENSION_ORDER,
    MAX_RUPIAH,
    MAX_TEXT,
    DimensiId,
    Horizon,
    Id,
    Judul,
    KodeProgram,
    Model,
    Persen,
    ProgramDimensi,
    Skor,
    Status,
    SumberDana,
    Tahun,
    Tautan,
    Teks,
    Tingkat,
    WhyEmpty,
    is_set,
)
from .schema_monev import (  # noqa: F401  (re-exported: the stages name the models schema.X)
    Evaluasi,
    MonevFile,
    Rekomendasi,
    Subindikator,
)
from .schema_wilayah import (  # noqa: F401  (re-exported: the stages name the models schema.X)
    LICENCES,
    PeraturanDitetapkan,
    Regulasi,
    WilayahFile,
)

# ---------------------------------------------------------------- visi-misi.yml


class Visi(WhyEmpty):
    teks: Teks | None = Field(None, description="Rumusan visi rencana induk.")
    penjelasan: str = Field("", description="Penjelasan makna visi (Markdown).")


class Misi(Model):
    id: Annotated[str, StringConstraints(pattern=r"^M[0-9]{1,2}$")] = Field(
        description="Kode misi: `M1`, `M2`, ... Jangan mengganti kode yang sudah dirujuk program; tambahkan kode baru."
    )
    teks: Teks = Field(description="Rumusan misi.")


class ArahKebijakan(Model):
    id: Annotated[str, StringConstraints(pattern=r"^AK[0-9]{1,2}$")] = Field(
        description="Kode arah kebijakan: `AK1`, `AK2`, ... Jangan mengganti kode yang sudah dirujuk program; tambahkan kode baru."
    )
    teks: Teks = Field(description="Rumusan arah kebijakan.")
    misi: list[str] = Field(default_factory=list, description="Kode misi yang didukung, misalnya `[M1, M3]`.")


class VisiMisiFile(Model):
    """Berkas `data/visi-misi.yml`: visi, misi dan arah kebijakan."""

    visi: Visi = Field(default_factory=Visi)
    misi: list[Misi] = Field(default_factory=list)
    arah_kebijakan: list[ArahKebijakan] = Field(default_factory=list)


# ---------------------------------------------------------------- dimensi.yml


class Elemen(Model):
    id: Id = Field(
        description="Kode elemen (huruf kecil dan tanda hubung), misalnya `layanan-publik`; unik di seluruh dimensi dan dirujuk kolom `elemen` program."
    )
    nama: Judul = Field(description="Nama elemen, misalnya `Pelayanan Publik`.")
    deskripsi: str = Field("", description="Uraian singkat elemen.")


class Sasaran(Model):
    indikator: Judul = Field(description="Indikator sasaran dimensi.")
    satuan: Judul | None = Field(None, description="Satuan indikator, misalnya `%` atau `unit`.")
    baseline: float | None = Field(None, description="Nilai awal (tahun pertama periode).")
    target: float | None = Field(None, description="Target pada akhir periode.")
    ilustratif: bool = Field(
        False,
        description="`true` bila angka baseline dan target adalah contoh, belum dari sumber resmi. Kosong: bukan contoh.",
    )


class Dimensi(WhyEmpty):
    id: DimensiId = Field(description="Kode dimensi: governance, branding, economy, living, society, environment.")
    nama: Judul = Field(description="Nama resmi, misalnya `Smart Governance`.")
    nama_id: Judul = Field(description="Nama dalam bahasa Indonesia, misalnya `Tata Kelola Pemerintahan`.")
    deskripsi: Teks | None = Field(None, description="Uraian dimensi.")
    tujuan: list[Teks] = Field(default_factory=list, description="Tujuan dimensi.")
    strategi: list[Teks] = Field(default_factory=list, description="Strategi pembangunan dimensi.")
    sasaran: list[Sasaran] = Field(default_factory=list, description="Sasaran terukur dimensi.")
    elemen: list[Elemen] = Field(min_length=3, max_length=3, description="Tepat tiga elemen.")


class DimensiFile(Model):
    """Berkas `data/dimensi.yml`: enam dimensi kota cerdas dan elemennya."""

    dimensi: list[Dimensi] = Field(min_length=6, max_length=6)


# ---------------------------------------------------------------- opd.yml


class Opd(Model):
    id: Id = Field(
        description="Kode OPD (huruf kecil), dirujuk oleh program, misalnya `diskominfo`. Jangan mengganti kode yang sudah dirujuk program; tambahkan kode baru."
    )
    nama: Judul = Field(description="Nama lengkap perangkat daerah.")
    singkatan: Judul | None = Field(
        None, description="Singkatan resmi, misalnya `Diskominfo`; bila kosong, nama lengkap yang dipakai."
    )
    situs: Tautan | None = Field(None, description="Alamat situs OPD (http/https).")


class OpdFile(Model):
    """Berkas `data/opd.yml`: daftar Organisasi Perangkat Daerah (OPD)."""

    opd: list[Opd] = Field(default_factory=list)


# ---------------------------------------------------------------- program/<dimensi>.yml


# A programme indicator, with the indicator metadata of Peraturan BPS Nomor 5 Tahun 2020 (MS-Ind).
# The metadata fields are optional: a region fills them as its walidata describes the indicator, or
# declares them `tidak_dipublikasikan` / `tidak_diketahui`; every output shows the value or that kind
# of missing (derive/indicators.py). The docstring is the JSON Schema's description: Indonesian.
class Indikator(WhyEmpty):
    """Indikator kinerja program dengan target dan realisasi per tahun, dan metadata indikatornya (MS-Ind, Peraturan BPS Nomor 5 Tahun 2020)."""

    nama: Judul = Field(description="Nama indikator kinerja program.")
    satuan: Judul | None = Field(None, description="Satuan, misalnya `%`, `unit`, `aplikasi`.")
    baseline: float | None = Field(None, description="Nilai awal sebelum program berjalan.")
    target: dict[Tahun, float] = Field(
        default_factory=dict, description="Target per tahun, misalnya `{2025: 40, 2026: 60}`."
    )
    realisasi: dict[Tahun, float] = Field(default_factory=dict, description="Capaian per tahun yang sudah diukur.")
    konsep: Teks | None = Field(
        None,
        description="Metadata indikator (MS-Ind): konsep, yaitu gagasan umum yang diukur indikator ini, misalnya `Layanan publik yang dapat diakses secara daring`.",
    )
    definisi: Teks | None = Field(
        None,
        description="Metadata indikator (MS-Ind): definisi operasional, yaitu apa persisnya yang dihitung, misalnya `Persentase jenis layanan perizinan yang permohonannya dapat diajukan melalui aplikasi`.",
    )
    interpretasi: Teks | None = Field(
        None,
        description="Metadata indikator (MS-Ind): cara membaca nilainya, misalnya `Makin tinggi nilainya, makin banyak layanan yang dapat diakses tanpa datang ke kantor`.",
    )
    metode: Teks | None = Field(
        None,
        description="Metadata indikator (MS-Ind): metode atau rumus perhitungan, misalnya `jumlah layanan daring / jumlah seluruh layanan × 100%`.",
    )
    ukuran: Judul | None = Field(
        None,
        description="Metadata indikator (MS-Ind): ukuran, misalnya `persentase`, `jumlah`, `rasio` atau `indeks`; satuannya ditulis di `satuan`.",
    )
    klasifikasi: Teks | None = Field(
        None,
        description="Metadata indikator (MS-Ind): klasifikasi penyajian, misalnya `menurut kecamatan`, `menurut jenis layanan`, atau `seluruh daerah` bila nilainya tidak dirinci.",
    )
    periodisitas: Judul | None = Field(
        None,
        description="Metadata indikator (MS-Ind): seberapa sering nilainya diukur, misalnya `tahunan` atau `semesteran`.",
    )
    produsen: Id | None = Field(
        None,
        description="Metadata indikator (MS-Ind): kode OPD produsen data (lihat `data/opd.yml`) bila bukan OPD penanggung jawab program.",
    )
    sumber: str | None = Field(
        None, description="Sumber data indikator, misalnya laporan atau aplikasi tempat nilainya dicatat."
    )


class Program(WhyEmpty):
    id: KodeProgram = Field(description="Kode unik program: awalan dimensi, tanda hubung, nomor; misalnya `GOV-01`.")
    nama: Judul = Field(description="Nama program atau inovasi, sebagaimana dipublikasikan.")
    deskripsi: Teks | None = Field(None, description="Uraian program (teks biasa).")
    elemen: Id | None = Field(None, description="Kode elemen dimensi (lihat `data/dimensi.yml`).")
    misi: list[str] = Field(default_factory=list, description="Kode misi yang didukung, misalnya `[M1]`.")
    arah_kebijakan: list[str] = Field(default_factory=list, description="Kode arah kebijakan, misalnya `[AK2]`.")
    opd: Id | None = Field(None, description="Kode OPD penanggung jawab (lihat `data/opd.yml`).")
    mitra: list[Id] = Field(default_factory=list, description="Kode OPD mitra.")
    mitra_lain: list[Judul] = Field(
        default_factory=list, description="Mitra di luar pemerintah daerah: akademisi, swasta, komunitas, media."
    )
    horizon: Horizon | None = Field(
        None, description="`quick-win`, `pendek` (1 tahun), `menengah` (5 tahun) atau `panjang` (10 tahun)."
    )
    tahun_mulai: Tahun | None = Field(None, description="Tahun mulai, di dalam periode rencana induk.")
    tahun_selesai: Tahun | None = Field(None, description="Tahun selesai, tidak lebih awal dari `tahun_mulai`.")
    tahun_quick_win: list[Tahun] = Field(
        default_factory=list,
        description="Tahun-tahun ketika program ini menjadi quick win, misalnya `[2024, 2025]`; satu program dapat menjadi quick win beberapa tahun.",
    )
    sumber_dana: list[SumberDana] = Field(
        default_factory=list, description="Sumber dana program, satu atau lebih dari pilihan pada kolom Jenis."
    )
    anggaran: int | None = Field(
        None,
        ge=0,
        le=MAX_RUPIAH,
        description="Perkiraan anggaran seluruh periode, dalam rupiah, tanpa titik: `2500000000`.",
    )
    indikator: list[Indikator] = Field(default_factory=list, description="Indikator kinerja dengan target per tahun.")
    rujukan: str | None = Field(
        None, description="Keterkaitan dengan RPJMD/Renstra, misalnya `RPJMD 2025-2029 Misi 1`."
    )
    status: Status | None = Field(
        None,
        description="`belum-mulai`, `berjalan`, `selesai` atau `terlambat`, posisi pada akhir tahun pelaporan terakhir; kosong bila belum dilaporkan.",
    )
    progres: Persen | None = Field(
        None,
        description="Realisasi program dalam persen (0-100), posisi pada akhir tahun pelaporan terakhir; kosong bila belum dilaporkan.",
    )
    ilustratif: bool = Field(
        False,
        description="`true` bila angka program (target, anggaran, progres) adalah contoh, belum dari sumber resmi. Kosong: angka program adalah angka daerah sendiri.",
    )
    sumber: str | None = Field(None, description="Sumber fakta nyata program, misalnya berita atau dokumen resmi.")


class ProgramFile(Model):
    """Berkas `data/program/<dimensi>.yml`: program satu dimensi."""

    dimensi: ProgramDimensi = Field(
        description="Kode dimensi semua program di berkas ini; `tanpa-dimensi` (berkas `program/tanpa-dimensi.yml`, kode `PRG-01`, ...) untuk program yang dimensinya tidak disebut sumbernya."
    )
    program: list[Program] = Field(default_factory=list)


# ---------------------------------------------------------------- peta-jalan.yml


class Fase(Model):
    nama: Judul = Field(description="Nama fase, misalnya `Fondasi`.")
    tahun_mulai: Tahun
    tahun_selesai: Tahun
    fokus: Teks | None = Field(None, description="Fokus pembangunan pada fase ini.")


class Tonggak(Model):
    tahun: Tahun = Field(description="Tahun tonggak capaian.")
    uraian: Teks = Field(description="Capaian yang ditargetkan.")
    dimensi: DimensiId | None = Field(None, description="Dimensi terkait (kosongkan bila lintas dimensi).")


class PetaJalanFile(Model):
    """Berkas `data/peta-jalan.yml`: fase dan tonggak capaian per tahun. Diagram Gantt dibuat dari tahun setiap program, bukan dari berkas ini."""

    fase: list[Fase] = Field(default_factory=list)
    tonggak: list[Tonggak] = Field(default_factory=list)


# ---------------------------------------------------------------- analisis.yml


class Statistik(Model):
    label: Judul = Field(description="Nama data, misalnya `Luas wilayah`.")
    nilai: Judul = Field(description="Nilai yang ditampilkan, misalnya `1.365,88`.")
    satuan: str = Field("", description="Satuan, misalnya `km²`.")
    tahun: Tahun | None = Field(None, description="Tahun data.")
    sumber: str = Field("", description="Sumber data.")
    ilustratif: bool = Field(
        False,
        description="`true` bila nilai adalah contoh, belum dari sumber resmi. Kosong: nilai diambil dari `sumber`.",
    )


class Profil(Model):
    ringkasan: Teks | None = Field(None, description="Gambaran umum daerah (Markdown).")
    statistik: list[Statistik] = Field(default_factory=list)


class Komponen(Model):
    nama: Judul = Field(description="Komponen yang dinilai, misalnya `Sumber daya manusia`.")
    tingkat: Tingkat | None = Field(None, description="`rendah`, `sedang` atau `tinggi`.")
    uraian: Teks | None = None


class Aspek(Model):
    tingkat: Tingkat | None = Field(None, description="Tingkat kesiapan: `rendah`, `sedang` atau `tinggi`.")
    skor: Skor | None = Field(None, description="Skor opsional 0-4.")
    uraian: Teks | None = Field(None, description="Penjelasan kesiapan.")
    komponen: list[Komponen] = Field(default_factory=list)
    ilustratif: bool = Field(
        False,
        description="`true` bila penilaian adalah contoh, belum dari sumber resmi. Kosong: penilaian daerah sendiri.",
    )


class Kesiapan(Model):
    struktur: Aspek = Field(default_factory=Aspek, description="SDM, anggaran, tata kelola/organisasi.")
    infrastruktur: Aspek = Field(default_factory=Aspek, description="Infrastruktur fisik, digital dan sosial.")
    suprastruktur: Aspek = Field(default_factory=Aspek, description="Kebijakan, kelembagaan dan prosedur.")


class AnalisisDimensi(Model):
    dimensi: DimensiId
    kekuatan: list[Teks] = Field(default_factory=list)
    kelemahan: list[Teks] = Field(default_factory=list)
    peluang: list[Teks] = Field(default_factory=list)
    ancaman: list[Teks] = Field(default_factory=list)
    isu_strategis: list[Teks] = Field(default_factory=list)


class AnalisisFile(Model):
    """Berkas `data/analisis.yml`: bahan Buku I (profil, kesiapan, analisis per dimensi)."""

    profil: Profil = Field(default_factory=Profil)
    kesiapan: Kesiapan = Field(default_factory=Kesiapan)
    analisis_dimensi: list[AnalisisDimensi] = Field(
        default_factory=list,
        description="Analisis per dimensi; dimensi yang belum dianalisis ditampilkan sebagai belum ditetapkan.",
    )


# ---------------------------------------------------------------- registry of files

# Files a region must have; the others may be missing and count as empty (not yet written).
REQUIRED_FILES: tuple[str, ...] = ("wilayah.yml", "dimensi.yml")
SINGLE_FILES: dict[str, type[Model]] = {
    "wilayah.yml": WilayahFile,
    "visi-misi.yml": VisiMisiFile,
    "dimensi.yml": DimensiFile,
    "opd.yml": OpdFile,
    "peta-jalan.yml": PetaJalanFile,
    "analisis.yml": AnalisisFile,
    "monev.yml": MonevFile,
}
PROGRAM_DIR = "program"

# Fields that hold ids of other data -> the list they refer to; the form editor and `masterplan baru`
# offer those ids as choices.
REFERENCES = {
    "opd": "opd",
    "mitra": "opd",
    "produsen": "opd",
    "walidata": "opd",
    "elemen": "elemen",
    "misi": "misi",
    "arah_kebijakan": "arah_kebijakan",
}
# Number fields that hold rupiah: the form reads `Rp 2.400.000.000` and `2,4 miliar` in them,
# and `check` warns when one is implausibly small for an amount of money.
RUPIAH_FIELDS = frozenset({"anggaran"})


# Descriptions name the region's words through placeholders (${peraturan}); the field
# reference fills them from the region's vocabulary, the JSON Schema with these neutral words.
NEUTRAL_WORDS = {
    "nama": "Sukamaju",
    "peraturan": "Peraturan Bupati atau Peraturan Wali Kota, menurut jenis daerah",
    "pemerintah": "Pemerintah Kabupaten/Kota menurut jenis daerah",
    "kepala_daerah": "Bupati/Wali Kota",
}


def describe(text: str | None, words: dict | None = None) -> str:
    """A field description with the region's words filled in (neutral words when none are given)."""
    return string.Template(text or "").safe_substitute({**NEUTRAL_WORDS, **(words or {})})


def model_for(rel_path: str) -> type[Model] | None:
    """The model of a data file, by its path relative to ``data/``."""
    if rel_path in SINGLE_FILES:
        return SINGLE_FILES[rel_path]
    if rel_path.startswith(PROGRAM_DIR + "/") and rel_path.count("/") == 1:
        return ProgramFile
    return None
