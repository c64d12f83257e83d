"""The single definition of the data files: pydantic models with Indonesian keys.

This module is the source for validation (``masterplan check``), for the JSON
Schema that gives editors completion in VS Code (``masterplan schema``) and for
the field reference in the editors' guide. Every optional field has a default,
so templates never have to guess whether a value exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# ---------------------------------------------------------------- shared types

DimensiId = Literal["governance", "branding", "economy", "living", "society", "environment"]
DIMENSION_ORDER: tuple[str, ...] = DimensiId.__args__  # the canonical order of the six dimensions

Horizon = Literal["quick-win", "pendek", "menengah", "panjang"]
Status = Literal["belum-mulai", "berjalan", "selesai", "terlambat"]
SumberDana = Literal["APBD", "APBN", "APBDes", "CSR", "KPBU", "Swasta"]
Tingkat = Literal["rendah", "sedang", "tinggi"]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
KodeProgram = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{1,5}-[0-9]{2,3}$")]
Teks = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Judul = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Tahun = Annotated[int, Field(ge=1945, le=2100)]
Persen = Annotated[float, Field(ge=0, le=100)]
Skor = Annotated[float, Field(ge=0, le=4)]
Tautan = Annotated[str, StringConstraints(pattern=r"^(https?://|mailto:)\S+$", max_length=500)]


class Model(BaseModel):
    """Base: unknown keys are errors, numbers are accepted where text is expected."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)


# ---------------------------------------------------------------- wilayah.yml

class Pejabat(Model):
    jabatan: Judul = Field(description="Jabatan, misalnya `Bupati` atau `BUPATI BULELENG` untuk blok tanda tangan.")
    nama: Judul = Field(description="Nama lengkap tanpa gelar, sebagaimana dicetak di bawah tanda tangan.")


class Wilayah(Model):
    nama: Judul = Field(description="Nama daerah tanpa jenisnya, misalnya `Buleleng`.")
    jenis: Literal["kabupaten", "kota"] = Field(description="`kabupaten` atau `kota`.")
    provinsi: Judul = Field(description="Nama provinsi, misalnya `Bali`.")
    ibu_kota: Judul = Field("", description="Ibu kota kabupaten (kosongkan untuk kota).")
    kepala_daerah: Pejabat = Field(description="Kepala daerah yang menetapkan rencana induk.")
    situs: Tautan | None = Field(None, description="Alamat situs resmi pemerintah daerah (http/https).")


class Periode(Model):
    mulai: Tahun = Field(description="Tahun pertama rencana induk, misalnya `2024`.")
    selesai: Tahun = Field(description="Tahun terakhir rencana induk, misalnya `2033`.")

    @model_validator(mode="after")
    def _urut(self) -> "Periode":
        if self.selesai < self.mulai:
            raise ValueError("tahun `selesai` tidak boleh lebih awal dari tahun `mulai`")
        if self.selesai - self.mulai > 20:
            raise ValueError("periode rencana induk paling lama 20 tahun")
        return self


class Regulasi(Model):
    jenis: Judul = Field(description="Jenis peraturan yang menetapkan, misalnya `Peraturan Bupati`.")
    singkatan: Judul = Field(description="Singkatan jenis peraturan, misalnya `Perbup`.")
    nomor: Judul = Field(description="Nomor peraturan, misalnya `27`.")
    tahun: Tahun = Field(description="Tahun peraturan.")
    tanggal: dt.date | None = Field(None, description="Tanggal penetapan (YYYY-MM-DD).")
    tentang: Judul = Field(description="Judul peraturan setelah kata TENTANG.")
    lampiran: Judul = Field("LAMPIRAN", description="Label lampiran: `LAMPIRAN`, atau `LAMPIRAN I` bila ada beberapa.")
    penandatangan: Pejabat = Field(description="Jabatan dan nama untuk blok tanda tangan di halaman terakhir lampiran.")
    ilustratif: bool = Field(False, description="`true` bila tanggal atau rincian peraturan belum dari sumber resmi.")


class WilayahFile(Model):
    """Berkas `data/wilayah.yml`: identitas daerah, periode dan peraturan penetapan."""

    wilayah: Wilayah
    periode: Periode
    regulasi: Regulasi
    dasar_hukum: list[Teks] = Field(default_factory=list, description="Daftar dasar hukum untuk Bab Pendahuluan Buku II.")
    penerbit: Judul = Field(description="Penerbit dokumen, misalnya `Pemerintah Kabupaten Buleleng`.")
    tanggal_terbit: dt.date = Field(description="Tanggal terbit dokumen; dipakai sebagai tanggal PDF agar hasil cetak selalu sama.")


# ---------------------------------------------------------------- visi-misi.yml

class Visi(Model):
    teks: Teks = Field(description="Rumusan visi rencana induk.")
    penjelasan: str = Field("", description="Penjelasan makna visi (Markdown).")


class Misi(Model):
    id: Annotated[str, StringConstraints(pattern=r"^M[0-9]{1,2}$")] = Field(description="Kode misi: `M1`, `M2`, ...")
    teks: Teks = Field(description="Rumusan misi.")


class ArahKebijakan(Model):
    id: Annotated[str, StringConstraints(pattern=r"^AK[0-9]{1,2}$")] = Field(description="Kode arah kebijakan: `AK1`, `AK2`, ...")
    teks: Teks = Field(description="Rumusan arah kebijakan.")
    misi: list[str] = Field(min_length=1, description="Kode misi yang didukung, misalnya `[M1, M3]`.")


class VisiMisiFile(Model):
    """Berkas `data/visi-misi.yml`: visi, misi dan arah kebijakan."""

    visi: Visi
    misi: list[Misi] = Field(min_length=1)
    arah_kebijakan: list[ArahKebijakan] = Field(min_length=1)


# ---------------------------------------------------------------- dimensi.yml

class Elemen(Model):
    id: Id = Field(description="Kode elemen (huruf kecil dan tanda hubung), misalnya `layanan-publik`.")
    nama: Judul = Field(description="Nama elemen, misalnya `Pelayanan Publik`.")
    deskripsi: str = Field("", description="Uraian singkat elemen.")


class Sasaran(Model):
    indikator: Judul = Field(description="Indikator sasaran dimensi.")
    satuan: Judul = Field(description="Satuan indikator, misalnya `%` atau `unit`.")
    baseline: float | None = Field(None, description="Nilai awal (tahun pertama periode).")
    target: float = Field(description="Target pada akhir periode.")
    ilustratif: bool = Field(True, description="`true` bila angka belum dari sumber resmi.")


class Dimensi(Model):
    id: DimensiId = Field(description="Kode dimensi: governance, branding, economy, living, society, environment.")
    nama: Judul = Field(description="Nama resmi, misalnya `Smart Governance`.")
    nama_id: Judul = Field(description="Nama dalam bahasa Indonesia, misalnya `Tata Kelola Pemerintahan`.")
    deskripsi: Teks = Field(description="Uraian dimensi.")
    tujuan: list[Teks] = Field(min_length=1, description="Tujuan dimensi.")
    strategi: list[Teks] = Field(default_factory=list, description="Strategi pembangunan dimensi.")
    sasaran: list[Sasaran] = Field(default_factory=list, description="Sasaran terukur dimensi.")
    elemen: list[Elemen] = Field(min_length=3, max_length=3, description="Tepat tiga elemen.")


class DimensiFile(Model):
    """Berkas `data/dimensi.yml`: enam dimensi kota cerdas dan elemennya."""

    dimensi: list[Dimensi] = Field(min_length=6, max_length=6)


# ---------------------------------------------------------------- opd.yml

class Opd(Model):
    id: Id = Field(description="Kode OPD (huruf kecil), dirujuk oleh program, misalnya `diskominfosanti`.")
    nama: Judul = Field(description="Nama lengkap perangkat daerah.")
    singkatan: Judul = Field(description="Singkatan resmi, misalnya `Diskominfosanti`.")
    situs: Tautan | None = Field(None, description="Alamat situs OPD (http/https).")


class OpdFile(Model):
    """Berkas `data/opd.yml`: daftar Organisasi Perangkat Daerah (OPD)."""

    opd: list[Opd] = Field(min_length=1)


# ---------------------------------------------------------------- program/<dimensi>.yml

class Indikator(Model):
    nama: Judul = Field(description="Nama indikator kinerja program.")
    satuan: Judul = Field(description="Satuan, misalnya `%`, `desa`, `aplikasi`.")
    baseline: float = Field(description="Nilai awal sebelum program berjalan.")
    target: dict[Tahun, float] = Field(min_length=1, description="Target per tahun, misalnya `{2025: 40, 2026: 60}`.")
    realisasi: dict[Tahun, float] = Field(default_factory=dict, description="Capaian per tahun yang sudah diukur.")


class Program(Model):
    id: KodeProgram = Field(description="Kode unik program, misalnya `GOV-01`.")
    nama: Judul = Field(description="Nama program atau inovasi.")
    deskripsi: Teks = Field(description="Uraian program (teks biasa).")
    elemen: Id = Field(description="Kode elemen dimensi (lihat `data/dimensi.yml`).")
    misi: list[str] = Field(min_length=1, description="Kode misi yang didukung, misalnya `[M1]`.")
    arah_kebijakan: list[str] = Field(default_factory=list, description="Kode arah kebijakan, misalnya `[AK2]`.")
    opd: Id = Field(description="Kode OPD penanggung jawab (lihat `data/opd.yml`).")
    mitra: list[Id] = Field(default_factory=list, description="Kode OPD mitra.")
    mitra_lain: list[Judul] = Field(default_factory=list, description="Mitra di luar pemerintah daerah: akademisi, swasta, komunitas, media.")
    horizon: Horizon = Field(description="`quick-win`, `pendek` (1 tahun), `menengah` (5 tahun) atau `panjang` (10 tahun).")
    tahun_mulai: Tahun = Field(description="Tahun mulai, di dalam periode rencana induk.")
    tahun_selesai: Tahun = Field(description="Tahun selesai, tidak lebih awal dari `tahun_mulai`.")
    sumber_dana: list[SumberDana] = Field(min_length=1, description="APBD, APBN, APBDes, CSR, KPBU, Swasta.")
    anggaran: int | None = Field(None, ge=0, description="Perkiraan anggaran seluruh periode, dalam rupiah.")
    indikator: list[Indikator] = Field(default_factory=list, description="Indikator kinerja dengan target per tahun.")
    rujukan: str = Field("", description="Keterkaitan dengan RPJMD/Renstra, misalnya `RPJMD 2024-2026 Misi 1`.")
    status: Status = Field("belum-mulai", description="`belum-mulai`, `berjalan`, `selesai` atau `terlambat`.")
    progres: Persen = Field(0, description="Realisasi program dalam persen (0-100).")
    ilustratif: bool = Field(True, description="`true` bila angka (target, anggaran, progres) belum dari sumber resmi.")
    sumber: str = Field("", description="Sumber fakta nyata program, misalnya berita atau dokumen resmi.")


class ProgramFile(Model):
    """Berkas `data/program/<dimensi>.yml`: program satu dimensi."""

    dimensi: DimensiId = Field(description="Kode dimensi semua program di berkas ini.")
    program: list[Program] = Field(default_factory=list)


# ---------------------------------------------------------------- peta-jalan.yml

class Fase(Model):
    nama: Judul = Field(description="Nama fase, misalnya `Fondasi`.")
    tahun_mulai: Tahun
    tahun_selesai: Tahun
    fokus: Teks = Field(description="Fokus pembangunan pada fase ini.")


class Tonggak(Model):
    tahun: Tahun = Field(description="Tahun tonggak capaian.")
    uraian: Teks = Field(description="Capaian yang ditargetkan.")
    dimensi: DimensiId | None = Field(None, description="Dimensi terkait (kosongkan bila lintas dimensi).")


class PetaJalanFile(Model):
    """Berkas `data/peta-jalan.yml`: fase dan tonggak capaian per tahun."""

    fase: list[Fase] = Field(min_length=1)
    tonggak: list[Tonggak] = Field(default_factory=list)


# ---------------------------------------------------------------- analisis.yml

class Statistik(Model):
    label: Judul = Field(description="Nama data, misalnya `Luas wilayah`.")
    nilai: Judul = Field(description="Nilai yang ditampilkan, misalnya `1.365,88`.")
    satuan: str = Field("", description="Satuan, misalnya `km²`.")
    tahun: Tahun | None = Field(None, description="Tahun data.")
    sumber: str = Field("", description="Sumber data.")
    ilustratif: bool = Field(True, description="`true` bila nilai belum dari sumber resmi.")


class Profil(Model):
    ringkasan: Teks = Field(description="Gambaran umum daerah (Markdown).")
    statistik: list[Statistik] = Field(default_factory=list)


class Komponen(Model):
    nama: Judul = Field(description="Komponen yang dinilai, misalnya `Sumber daya manusia`.")
    tingkat: Tingkat = Field(description="`rendah`, `sedang` atau `tinggi`.")
    uraian: Teks


class Aspek(Model):
    tingkat: Tingkat = Field(description="Tingkat kesiapan: `rendah`, `sedang` atau `tinggi`.")
    skor: Skor | None = Field(None, description="Skor opsional 0-4.")
    uraian: Teks = Field(description="Penjelasan kesiapan.")
    komponen: list[Komponen] = Field(default_factory=list)
    ilustratif: bool = Field(True, description="`true` bila penilaian belum dari sumber resmi.")


class Kesiapan(Model):
    struktur: Aspek = Field(description="SDM, anggaran, tata kelola/organisasi.")
    infrastruktur: Aspek = Field(description="Infrastruktur fisik, digital dan sosial.")
    suprastruktur: Aspek = Field(description="Kebijakan, kelembagaan dan prosedur.")


class AnalisisDimensi(Model):
    dimensi: DimensiId
    kekuatan: list[Teks] = Field(min_length=1)
    kelemahan: list[Teks] = Field(min_length=1)
    peluang: list[Teks] = Field(min_length=1)
    ancaman: list[Teks] = Field(min_length=1)
    isu_strategis: list[Teks] = Field(min_length=1)


class AnalisisFile(Model):
    """Berkas `data/analisis.yml`: bahan Buku I (profil, kesiapan, analisis per dimensi)."""

    profil: Profil
    kesiapan: Kesiapan
    analisis_dimensi: list[AnalisisDimensi] = Field(min_length=6, max_length=6)


# ---------------------------------------------------------------- monev.yml

BOBOT_BAKU = {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick_win": 20}


class Evaluasi(Model):
    tahun: Tahun = Field(description="Tahun evaluasi.")
    tahap: Judul = Field(description="Tahap evaluasi, misalnya `Tahap II`.")
    penyelenggara: str = Field("", description="Penyelenggara evaluasi.")
    bobot: dict[Id | Literal["quick_win"], Annotated[float, Field(ge=0, le=100)]] = Field(
        default_factory=lambda: dict(BOBOT_BAKU),
        description="Bobot tiap unsur dalam persen, jumlahnya 100. Baku: baseline 10, output 20, outcome 30, impact 20, quick_win 20.",
    )
    skor: dict[Id | Literal["quick_win"], Skor] = Field(description="Skor tiap unsur (0-4); kuncinya sama dengan `bobot`.")
    nilai_resmi: Skor | None = Field(None, description="Nilai total yang diumumkan; harus sama dengan hasil hitung.")
    peringkat: int | None = Field(None, ge=1, description="Peringkat nasional, bila diumumkan.")
    ilustratif: bool = Field(True, description="`true` bila skor unsur belum dari sumber resmi.")
    sumber: str = Field("", description="Sumber hasil evaluasi.")


class MonevFile(Model):
    """Berkas `data/monev.yml`: hasil evaluasi implementasi per tahun."""

    evaluasi: list[Evaluasi] = Field(default_factory=list)


# ---------------------------------------------------------------- registry of files

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


def model_for(rel_path: str) -> type[Model] | None:
    """The model of a data file, by its path relative to ``data/``."""
    if rel_path in SINGLE_FILES:
        return SINGLE_FILES[rel_path]
    if rel_path.startswith(PROGRAM_DIR + "/") and rel_path.count("/") == 1:
        return ProgramFile
    return None
