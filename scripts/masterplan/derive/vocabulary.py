"""The region's words: every term that differs between a kabupaten and a kota.

One derived vocabulary feeds the templates, the chapters, the annex, its file
name, the guide, the field reference and the messages, so no output of a kota
speaks of a Bupati, a Perbup or desa. Attribute names are Indonesian because
editors use them in chapters: ``{{ sebutan.kepala_daerah }}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import schema
from ..framework import KINDS

REGIONAL_LAW = ("Peraturan Daerah", "Perda")
UNSET_TITLE = "…"  # what a draft prints where the regulation's title is not decided yet


@dataclass(frozen=True)
class Vocabulary:
    jenis: str  # "kota"
    Jenis: str  # "Kota"
    nama: str  # "Salatiga"
    daerah: str  # "Kota Salatiga"
    kepala_daerah: str  # "Wali Kota"
    kepala: str  # "Wali Kota Salatiga"
    peraturan: str  # "Peraturan Wali Kota"
    singkatan_peraturan: str  # "Perwali"
    pemerintah: str  # "Pemerintah Kota Salatiga"
    singkatan_pemerintah: str  # "Pemkot Salatiga"
    satuan_wilayah: str  # "desa" or "kelurahan": the smallest unit of the region
    dana_desa: str | None  # "APBDes" for a kabupaten; a kota has none
    ditetapkan: bool  # the regulation has its number and year
    judul_peraturan: str  # "Peraturan Wali Kota Salatiga Nomor 12 Tahun 2025" or "Rancangan Peraturan ..."
    judul_rencana: str  # "Masterplan Smart City Kota Salatiga Tahun 2025-2029"
    tentang: str | None  # the regulation's subject as enacted; None until the data holds it (never guessed)
    penerbit: str
    jabatan_penandatangan: str  # "WALI KOTA SALATIGA"
    nama_penandatangan: str | None
    # An amendment ("Perubahan atas ..."): the regulation it amends, by its full title, and its Git tag.
    mengubah: str | None = None  # "Peraturan Bupati Buleleng Nomor 27 Tahun 2024 tentang Master Plan ..."
    tag_mengubah: str | None = None  # "perbup-27-2024"

    @property
    def perubahan(self) -> bool:
        return self.mengubah is not None

    @property
    def tentang_cetak(self) -> str:
        """The subject as printed: an unset title is written with dots, as Indonesian drafts do."""
        return self.tentang or UNSET_TITLE

    @property
    def judul_lengkap(self) -> str:
        """ "Peraturan Wali Kota Kediri Nomor 12 Tahun 2025 tentang …": every place that names the regulation."""
        return f"{self.judul_peraturan} tentang {self.tentang_cetak}"

    @property
    def judul_lampiran(self) -> str:
        return f"Lampiran {self.judul_peraturan}"

    @property
    def berkas_lampiran(self) -> str:
        """File name of the annex PDF: lampiran-perwali.pdf."""
        return f"lampiran-{self.singkatan_peraturan.lower()}.pdf"

    @property
    def berkas_lampiran_word(self) -> str:
        """The annex in Word, beside its PDF: lampiran-perwali.docx."""
        return f"lampiran-{self.singkatan_peraturan.lower()}.docx"

    @property
    def berkas_matriks(self) -> str:
        """The amendment's comparison matrix: matriks-perubahan-perwali.pdf."""
        return f"matriks-perubahan-{self.singkatan_peraturan.lower()}.pdf"

    @property
    def berkas_matriks_word(self) -> str:
        return f"matriks-perubahan-{self.singkatan_peraturan.lower()}.docx"


def vocabulary(wil: schema.WilayahFile) -> Vocabulary:
    kind, head, regulation, abbr, gov_abbr, village, fund = KINDS[wil.wilayah.jenis]
    name = wil.wilayah.nama
    reg = wil.regulasi
    if reg.jenis == "peraturan-daerah":
        regulation, abbr = REGIONAL_LAW
    enacted = reg.nomor is not None and reg.tahun is not None
    title = f"{regulation} {name} Nomor {reg.nomor} Tahun {reg.tahun}" if enacted else f"Rancangan {regulation} {name}"
    plan_title = f"Masterplan Smart City {kind} {name} Tahun {wil.periode.mulai}-{wil.periode.selesai}"
    signer = reg.penandatangan
    amendment = amendment_words(wil, regulation, name)
    return Vocabulary(
        jenis=wil.wilayah.jenis,
        Jenis=kind,
        nama=name,
        daerah=f"{kind} {name}",
        kepala_daerah=wil.wilayah.kepala_daerah.jabatan or head,
        kepala=f"{wil.wilayah.kepala_daerah.jabatan or head} {name}",
        peraturan=regulation,
        singkatan_peraturan=abbr,
        pemerintah=f"Pemerintah {kind} {name}",
        singkatan_pemerintah=f"{gov_abbr} {name}",
        satuan_wilayah=village,
        dana_desa=fund,
        ditetapkan=enacted,
        judul_peraturan=title,
        judul_rencana=plan_title,
        tentang=amendment.pop("tentang", reg.tentang),
        penerbit=wil.penerbit or f"Pemerintah {kind} {name}",
        jabatan_penandatangan=f"{signer.jabatan or head} {name}".upper(),
        nama_penandatangan=signer.nama or wil.wilayah.kepala_daerah.nama,
        **amendment,
    )


def amended_regulation(wil: schema.WilayahFile) -> schema.PeraturanDitetapkan | None:
    """The enacted regulation this draft amends (``regulasi.mengubah``), when it names one in ``ditetapkan``."""
    tag = wil.regulasi.mengubah
    return next((r for r in wil.ditetapkan if r.tag == tag), None) if tag else None


def amendment_words(wil: schema.WilayahFile, regulation: str, name: str) -> dict:
    """An amendment's subject follows the drafting form: "Perubahan atas Peraturan Bupati X Nomor N Tahun T tentang ...".

    Written from the amended regulation's own data, so nothing is guessed: an unset title of
    that regulation stays dotted. A subject the editors wrote in ``regulasi.tentang`` wins.
    """
    amended = amended_regulation(wil)
    if amended is None:
        return {}
    full = f"{regulation} {name} Nomor {amended.nomor} Tahun {amended.tahun} tentang {amended.tentang or UNSET_TITLE}"
    words = {"mengubah": full, "tag_mengubah": amended.tag}
    if wil.regulasi.tentang is None:
        words["tentang"] = f"Perubahan atas {full}"
    return words
