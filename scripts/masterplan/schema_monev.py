"""The models of ``data/monev.yml``: the national evaluation's published results and the region's targets.

Part of the single definition of the data files (``schema.py`` keeps the registry of files and
names these models as ``schema.X``, as every stage does).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .datatypes import DimensiId, Id, Judul, KodeProgram, Model, Skor, Tahun, Teks, WhyEmpty

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
