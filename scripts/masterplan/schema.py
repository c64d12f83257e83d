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
"""

from __future__ import annotations

import datetime as dt
import string
import typing
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

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

# ---------------------------------------------------------------- wilayah.yml


class Pejabat(Model):
    jabatan: Judul | None = Field(
        None,
        description="Jabatan bila berbeda dari sebutan baku `${kepala_daerah}`, misalnya `Pj. ${kepala_daerah}` untuk penjabat. Kosongkan untuk memakai sebutan baku.",
    )
    nama: Judul | None = Field(None, description="Nama lengkap tanpa gelar, sebagaimana dicetak di bawah tanda tangan.")


class Wilayah(Model):
    nama: Judul = Field(description="Nama daerah tanpa jenisnya, misalnya `${nama}`.")
    jenis: Literal["kabupaten", "kota"] = Field(
        description="`kabupaten` atau `kota`. Menentukan sebutan kepala daerah, jenis peraturan, nama pemerintah daerah dan satuan wilayah terkecil di semua keluaran."
    )
    provinsi: Judul = Field(description="Nama provinsi.")
    ibu_kota: Judul | None = Field(None, description="Ibu kota daerah, bila ada.")
    kepala_daerah: Pejabat = Field(default_factory=Pejabat, description="Kepala daerah yang menetapkan rencana induk.")
    situs: Tautan | None = Field(None, description="Alamat situs resmi pemerintah daerah (http/https).")


class Periode(Model):
    mulai: Tahun = Field(description="Tahun pertama rencana induk, misalnya `2024`.")
    selesai: Tahun = Field(description="Tahun terakhir rencana induk, misalnya `2033`.")

    @model_validator(mode="after")
    def _urut(self) -> Periode:
        if self.selesai < self.mulai:
            raise ValueError("tahun `selesai` tidak boleh lebih awal dari tahun `mulai`")
        if self.selesai - self.mulai > 20:
            raise ValueError("periode rencana induk paling lama 20 tahun")
        return self


# A Git tag name, kept simple: letters, digits, `.`, `_`, `-` (no spaces, nothing Git reads as an option).
TagGit = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]


class PeraturanDitetapkan(WhyEmpty):
    """A regulation already enacted, and the Git tag of the commit that holds its enacted text.

    Its date or title may be unknown to the drafters or never published: `tidak_diketahui: [tentang]`
    says so (the title is then printed dotted, as drafts do, never guessed)."""

    tag: TagGit = Field(
        description="Tag Git pada commit yang memuat teks yang ditetapkan, misalnya `penetapan-2024`. Buat dengan `git tag penetapan-2024 <commit>`; `masterplan check` memeriksa bahwa tag itu ada."
    )
    nomor: Judul = Field(description="Nomor peraturan yang ditetapkan.")
    tahun: Tahun = Field(description="Tahun peraturan yang ditetapkan.")
    tanggal: dt.date | None = Field(None, description="Tanggal penetapan (YYYY-MM-DD).")
    tentang: Judul | None = Field(
        None, description="Judul peraturan itu setelah kata TENTANG, persis seperti diundangkan."
    )


class Regulasi(WhyEmpty):
    jenis: Literal["peraturan-kepala-daerah", "peraturan-daerah"] = Field(
        "peraturan-kepala-daerah",
        description="`peraturan-kepala-daerah` (${peraturan}) atau `peraturan-daerah` (Perda).",
    )
    nomor: Judul | None = Field(
        None,
        description="Nomor peraturan. Kosong selama peraturan belum ditetapkan: lampiran dicetak sebagai rancangan.",
    )
    tahun: Tahun | None = Field(None, description="Tahun peraturan.")
    tanggal: dt.date | None = Field(None, description="Tanggal penetapan (YYYY-MM-DD).")
    tentang: Judul | None = Field(None, description="Judul peraturan setelah kata TENTANG, persis seperti diundangkan.")
    lampiran: Judul = Field("LAMPIRAN", description="Label lampiran: `LAMPIRAN`, atau `LAMPIRAN I` bila ada beberapa.")
    penandatangan: Pejabat = Field(
        default_factory=Pejabat,
        description="Jabatan (bila bukan sebutan baku, misalnya penjabat) dan nama untuk blok tanda tangan di halaman terakhir lampiran.",
    )
    ilustratif: bool = Field(
        False,
        description="`true` bila tanggal atau rincian peraturan belum dari sumber resmi; setelah salinan resmi tersedia, perbaiki rinciannya lalu ubah menjadi `false`.",
    )
    mengubah: TagGit | None = Field(
        None,
        description='Tag peraturan di `ditetapkan` yang diubah oleh rancangan ini, misalnya `penetapan-2024`. Bila diisi, lampiran berjudul "Perubahan atas ..." dan situs menampilkan matriks perubahan terhadap teks yang ditetapkan. Kosongkan `nomor`, `tahun` dan `tanggal` peraturan perubahan sampai ditetapkan.',
    )


# Open licences a region may publish its data under: SPDX id -> (name, URL). The catalogue and
# the data package name the licence by its URL, which a portal's harvester recognises.
LICENCES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": ("Creative Commons Atribusi 4.0 Internasional", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": (
        "Creative Commons Atribusi-BerbagiSerupa 4.0 Internasional",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero 1.0 Universal (domain publik)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODC-By-1.0": ("Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": (
        "Open Data Commons Public Domain Dedication and License 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
}
Lisensi = Literal["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "ODC-By-1.0", "ODbL-1.0", "PDDL-1.0"]
assert typing.get_args(Lisensi) == tuple(LICENCES)
Surel = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=200)]


class DataTerbuka(WhyEmpty):
    """Keterangan data terbuka untuk portal Satu Data: lisensi, walidata (kontak) dan kata kunci katalog."""

    lisensi: Lisensi | None = Field(
        None,
        description="Lisensi data terbuka (kode SPDX): `CC-BY-4.0`, `CC-BY-SA-4.0`, `CC0-1.0`, `ODC-By-1.0`, `ODbL-1.0` atau `PDDL-1.0`. Tercantum di katalog DCAT dan paket data; kosong: katalog menyebut lisensi belum ditetapkan.",
    )
    walidata: Id | None = Field(
        None,
        description="Kode OPD walidata yang menjadi kontak data terbuka (lihat `data/opd.yml`), biasanya dinas komunikasi dan informatika.",
    )
    surel: Surel | None = Field(None, description="Alamat surel kontak data terbuka, misalnya `satudata@contoh.go.id`.")
    kata_kunci: list[Judul] = Field(
        default_factory=list,
        description="Kata kunci tambahan untuk katalog data, misalnya `[satu data, SPBE]`; nama daerah dan `kota cerdas` selalu dicantumkan.",
    )

    @property
    def licence_name(self) -> str | None:
        return LICENCES[self.lisensi][0] if self.lisensi else None

    @property
    def licence_url(self) -> str | None:
        return LICENCES[self.lisensi][1] if self.lisensi else None


class WilayahFile(Model):
    """Berkas `data/wilayah.yml`: identitas daerah, periode dan peraturan penetapan; dipakai di sampul ketiga buku, blok LAMPIRAN, blok tanda tangan lampiran dan Bab Pendahuluan Buku II."""

    wilayah: Wilayah
    periode: Periode
    regulasi: Regulasi = Field(
        default_factory=Regulasi,
        description="Peraturan yang menetapkan rencana induk; kosongkan bagian yang belum ditetapkan.",
    )
    dasar_hukum: list[Teks] = Field(
        default_factory=list, description="Daftar dasar hukum untuk Bab Pendahuluan Buku II."
    )
    ditetapkan: list[PeraturanDitetapkan] = Field(
        default_factory=list,
        description="Peraturan yang sudah ditetapkan untuk rencana induk ini, masing-masing dengan tag Git teksnya; dirujuk `regulasi.mengubah` saat rencana induk direvisi.",
    )
    penerbit: Judul | None = Field(
        None, description="Penerbit dokumen bila bukan pemerintah daerah itu sendiri (baku: ${pemerintah})."
    )
    tanggal_terbit: dt.date | None = Field(
        None,
        description="Tanggal terbit dokumen; dipakai sebagai tanggal PDF agar hasil cetak selalu sama (bila kosong: waktu commit terakhir).",
    )
    data_terbuka: DataTerbuka = Field(
        default_factory=DataTerbuka,
        description="Keterangan data terbuka untuk portal Satu Data: lisensi, walidata (kontak) dan kata kunci katalog.",
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


# ---------------------------------------------------------------- monev.yml

Unsur = Id | Literal["quick_win"]
CakupanPeringkat = Literal["nasional", "provinsi"]
StatusTindakLanjut = Literal["belum", "berjalan", "selesai"]


class Subindikator(Model):
    """One row of the report's table Indikator / Subindikator / Nilai under an element."""

    indikator: Judul | None = Field(
        None, description="Kolom Indikator pada tabel laporan, bila ada, misalnya `Masterplan`."
    )
    nama: Judul | None = Field(
        None,
        description="Subindikator persis seperti tertulis di laporan, misalnya `Masterplan yang memiliki dasar hukum`; kosongkan bila laporan mencetak nilainya tanpa nama.",
    )
    nilai: Skor | None = Field(
        None,
        description="Nilai subindikator (0-4) persis seperti dicetak, misalnya `2.75`; kosongkan bila tidak dicetak.",
    )


class RincianUnsur(Model):
    """The region's own result for one element, as the report tabulates it."""

    unsur: Unsur = Field(
        description="Kode unsur yang dirinci, sama dengan kunci di `skor`, misalnya `baseline` atau `quick_win`."
    )
    subindikator: list[Subindikator] = Field(
        default_factory=list,
        description="Subindikator unsur ini dengan nilainya; skor unsur yang diumumkan adalah rata-ratanya.",
    )
    sebagian: bool = Field(
        False,
        description='`true` bila laporan hanya mencetak sebagian subindikator unsur ini (misalnya "baris terpilih"): skor unsur lalu tidak dibandingkan dengan rata-rata baris yang tercetak.',
    )


class Peringkat(Model):
    """A rank of the same result in one scope."""

    cakupan: CakupanPeringkat = Field(description="`nasional` atau `provinsi`.")
    peringkat: int = Field(ge=1, le=1000, description="Peringkat ke-N seperti diumumkan.")
    wilayah: Judul | None = Field(None, description="Wilayah cakupan peringkat, misalnya nama provinsi.")
    dari: int | None = Field(
        None, ge=1, le=1000, description="Jumlah daerah yang dinilai dalam cakupan ini, bila diumumkan."
    )
    sumber: str | None = Field(None, description="Sumber peringkat ini bila berbeda dari sumber evaluasi.")


class NilaiLain(Model):
    """Another published figure for the same result (e.g. a rounded figure in a news release)."""

    nilai: Skor = Field(description="Angka persis seperti tertulis di sumber itu, misalnya `3.200`.")
    sumber: Teks = Field(description="Sumber angka ini (surat, laporan, berita, situs resmi).")
    keterangan: Teks | None = Field(None, description="Penjelasan singkat, misalnya `dibulatkan dalam siaran pers`.")


class Rekomendasi(Model):
    """A recommendation of the assessors, and what the region did about it."""

    teks: Teks = Field(description="Rekomendasi persis seperti tertulis di laporan.")
    penilai: Judul | None = Field(
        None, description="Penilai yang memberi rekomendasi, bila laporan merinci per penilai (misalnya `Penilai 1`)."
    )
    tindak_lanjut: StatusTindakLanjut | None = Field(
        None, description="Status tindak lanjut: `belum`, `berjalan` atau `selesai`; kosong bila belum dilaporkan."
    )
    catatan_tindak_lanjut: Teks | None = Field(
        None, description="Apa yang dilakukan daerah atas rekomendasi ini, misalnya peraturan atau program yang dibuat."
    )
    tanggal_tindak_lanjut: dt.date | None = Field(
        None, description="Tanggal tindak lanjut atau posisi catatan (YYYY-MM-DD)."
    )
    program_tindak_lanjut: list[KodeProgram] = Field(
        default_factory=list,
        description="Kode program yang menindaklanjuti rekomendasi ini, misalnya `[GOV-01]`; ditautkan ke halaman programnya.",
    )


class Evaluasi(WhyEmpty):
    """One published result of the national evaluation: a year, and a stage when there were several."""

    tahun: Tahun = Field(description="Tahun evaluasi.")
    tahap: Judul | None = Field(None, description="Tahap evaluasi bila ada beberapa, misalnya `Tahap II`.")
    penyelenggara: str | None = Field(None, description="Penyelenggara evaluasi.")
    nilai_resmi: Skor | None = Field(
        None,
        description="Nilai total persis seperti diumumkan (surat atau laporan resmi). Tidak pernah dihitung ulang atau diganti; hasil hitung dari skor unsur ditampilkan di sampingnya. Kosongkan bila laporan tidak mencetak nilai total.",
    )
    nilai_lain: list[NilaiLain] = Field(
        default_factory=list,
        description="Angka lain untuk hasil yang sama di sumber resmi lain (misalnya `3.200` di berita ketika laporan mencetak `3.197`), masing-masing dengan sumbernya. `nilai_resmi` tetap angka yang dipakai daerah.",
    )
    bobot: dict[Unsur, Annotated[float, Field(ge=0, le=100)]] = Field(
        default_factory=dict,
        description="Bobot tiap unsur dalam persen seperti diumumkan untuk evaluasi ini (jumlahnya 100), misalnya `{baseline: 10, output: 20, outcome: 30, impact: 20, quick_win: 20}`. Bobot berubah menurut tahun dan angkatan, jadi selalu tulis bobot evaluasi itu sendiri.",
    )
    skor: dict[Unsur, Skor] = Field(
        default_factory=dict, description="Skor tiap unsur (0-4) bila diumumkan; kuncinya sama dengan `bobot`."
    )
    rincian_unsur: list[RincianUnsur] = Field(
        default_factory=list,
        description="Nilai subindikator tiap unsur seperti tabel laporan (Indikator / Subindikator / Nilai). Unsur tanpa rincian boleh tidak ditulis.",
    )
    indeks_dimensi: dict[DimensiId, Skor] = Field(
        default_factory=dict,
        description="Indeks per dimensi (0-4) bila diumumkan, misalnya `{governance: 2.75, economy: 3.5}`.",
    )
    peringkat: int | None = Field(None, ge=1, le=1000, description="Peringkat, bila diumumkan.")
    cakupan_peringkat: CakupanPeringkat | None = Field(
        None, description="`nasional` atau `provinsi`: peringkat ke-N di mana."
    )
    peringkat_lain: list[Peringkat] = Field(
        default_factory=list,
        description="Peringkat lain untuk hasil yang sama, misalnya di provinsi bila `peringkat` adalah peringkat nasional.",
    )
    kekuatan: list[Teks] = Field(
        default_factory=list, description="Kekuatan menurut penilai, persis seperti di laporan."
    )
    kelemahan: list[Teks] = Field(
        default_factory=list, description="Kelemahan menurut penilai, persis seperti di laporan."
    )
    rekomendasi: list[Rekomendasi] = Field(
        default_factory=list, description="Rekomendasi penilai beserta tindak lanjut daerah."
    )
    ilustratif: bool = Field(
        False,
        description="`true` bila skor unsur atau indeks dimensi adalah contoh, bukan angka yang diumumkan. Kosong: angka yang diumumkan.",
    )
    sumber: str | None = Field(None, description="Sumber hasil evaluasi: surat, laporan atau berita resmi.")

    @property
    def scores_illustrative(self) -> bool:
        return self.ilustratif


class MonevFile(Model):
    """Berkas `data/monev.yml`: hasil evaluasi implementasi per tahun."""

    target_skor: dict[Tahun, Skor] = Field(
        default_factory=dict,
        description="Target nilai total evaluasi yang ditetapkan daerah sendiri per tahun, misalnya `{2022: 3.4, 2024: 3.55}` dari RPJMD.",
    )
    sumber_target: str | None = Field(
        None, description="Dokumen yang menetapkan `target_skor`, misalnya `RPJMD 2021-2026`."
    )
    evaluasi: list[Evaluasi] = Field(default_factory=list)


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
