"""The national framework of the Smart City programme: six dimensions, three elements each,
and the two kinds of region (kabupaten, kota) with the words each uses.

A new region starts from these (``masterplan baru wilayah``); its own
``data/dimensi.yml`` may then rename or describe them. Programme ids carry the
dimension's prefix (``GOV-01``).
"""

from __future__ import annotations

from typing import NamedTuple

# id, name, Indonesian name, programme id prefix, elements (id, name)
DIMENSIONS: list[tuple[str, str, str, str, list[tuple[str, str]]]] = [
    (
        "governance",
        "Smart Governance",
        "Tata Kelola Pemerintahan",
        "GOV",
        [
            ("layanan-publik", "Pelayanan Publik"),
            ("manajemen-birokrasi", "Manajemen Birokrasi yang Efisien"),
            ("efisiensi-kebijakan", "Efisiensi Kebijakan Publik"),
        ],
    ),
    (
        "branding",
        "Smart Branding",
        "Branding Daerah",
        "BRD",
        [
            ("branding-pariwisata", "Branding Pariwisata"),
            ("ekosistem-bisnis", "Ekosistem Bisnis Daerah"),
            ("wajah-kota", "Penataan Wajah Kota"),
        ],
    ),
    (
        "economy",
        "Smart Economy",
        "Ekonomi",
        "ECO",
        [
            ("industri", "Industri"),
            ("kesejahteraan-rakyat", "Kesejahteraan Rakyat"),
            ("transaksi-keuangan", "Ekosistem Transaksi Keuangan"),
        ],
    ),
    (
        "living",
        "Smart Living",
        "Lingkungan Hidup Layak",
        "LIV",
        [
            ("harmonisasi-tata-ruang", "Harmonisasi Tata Ruang"),
            ("transportasi", "Transportasi"),
            ("kesehatan", "Kesehatan"),
        ],
    ),
    (
        "society",
        "Smart Society",
        "Masyarakat",
        "SOC",
        [
            ("interaksi-masyarakat", "Interaksi Masyarakat"),
            ("ekosistem-belajar", "Ekosistem Belajar"),
            ("keamanan", "Keamanan"),
        ],
    ),
    (
        "environment",
        "Smart Environment",
        "Lingkungan",
        "ENV",
        [
            ("proteksi-lingkungan", "Proteksi Lingkungan"),
            ("pengelolaan-sampah", "Pengelolaan Sampah"),
            ("pengelolaan-energi", "Pengelolaan Energi"),
        ],
    ),
]
PREFIXES = {d[0]: d[3] for d in DIMENSIONS}

# A programme whose source gives no dimension is filed as such, never under a made-up one:
# `data/program/tanpa-dimensi.yml` with `dimensi: tanpa-dimensi`, ids PRG-01, PRG-02, ...
NO_DIMENSION = "tanpa-dimensi"
NO_DIMENSION_NAME = "Dimensi belum diketahui"
NO_DIMENSION_PREFIX = "PRG"


def dimensions_data() -> dict:
    """``data/dimensi.yml`` of the national framework, with nothing region-specific."""
    return {
        "dimensi": [
            {
                "id": did,
                "nama": name,
                "nama_id": name_id,
                "elemen": [{"id": eid, "nama": ename} for eid, ename in elements],
            }
            for did, name, name_id, _, elements in DIMENSIONS
        ]
    }


VILLAGE_FUND = "APBDes"  # the budget of a desa: a funding source only where the region has desa


class Kind(NamedTuple):
    Jenis: str
    kepala_daerah: str
    peraturan: str
    singkatan_peraturan: str
    singkatan_pemerintah: str  # without the region's name
    satuan_wilayah: str
    dana_desa: str | None  # a kota has kelurahan, funded by the APBD: no village fund


KINDS = {
    "kabupaten": Kind("Kabupaten", "Bupati", "Peraturan Bupati", "Perbup", "Pemkab", "desa", VILLAGE_FUND),
    "kota": Kind("Kota", "Wali Kota", "Peraturan Wali Kota", "Perwali", "Pemkot", "kelurahan", None),
}


def closed_choices(dana_desa: str | None) -> frozenset[str]:
    """Choices of the schema a region cannot make (``Vocabulary.dana_desa`` None: no village fund)."""
    return frozenset() if dana_desa else frozenset({VILLAGE_FUND})
