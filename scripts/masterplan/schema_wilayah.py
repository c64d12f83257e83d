"""The models of ``data/wilayah.yml``: the region, the plan period, its regulations and its open-data licence.

Part of the single definition of the data files (``schema.py`` keeps the registry of files and
names these models as ``schema.X``, as every stage does).
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .datatypes import Id, Judul, Model, Tahun, Tautan, Teks, WhyEmpty

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
