"""The national framework of the Smart City programme: six dimensions, three elements each.

A new region starts from these (``masterplan baru wilayah``); its own
``data/dimensi.yml`` may then rename or describe them. Programme ids carry the
dimension's prefix (``GOV-01``).
"""

from __future__ import annotations

# id, name, Indonesian name, programme id prefix, elements (id, name)
DIMENSIONS: list[tuple[str, str, str, str, list[tuple[str, str]]]] = [
    ("governance", "Smart Governance", "Tata Kelola Pemerintahan", "GOV",
     [("layanan-publik", "Pelayanan Publik"), ("manajemen-birokrasi", "Manajemen Birokrasi yang Efisien"), ("efisiensi-kebijakan", "Efisiensi Kebijakan Publik")]),
    ("branding", "Smart Branding", "Branding Daerah", "BRD",
     [("branding-pariwisata", "Branding Pariwisata"), ("ekosistem-bisnis", "Ekosistem Bisnis Daerah"), ("wajah-kota", "Penataan Wajah Kota")]),
    ("economy", "Smart Economy", "Ekonomi", "ECO",
     [("industri", "Industri"), ("kesejahteraan-rakyat", "Kesejahteraan Rakyat"), ("transaksi-keuangan", "Ekosistem Transaksi Keuangan")]),
    ("living", "Smart Living", "Lingkungan Hidup Layak", "LIV",
     [("harmonisasi-tata-ruang", "Harmonisasi Tata Ruang"), ("transportasi", "Transportasi"), ("kesehatan", "Kesehatan")]),
    ("society", "Smart Society", "Masyarakat", "SOC",
     [("interaksi-masyarakat", "Interaksi Masyarakat"), ("ekosistem-belajar", "Ekosistem Belajar"), ("keamanan", "Keamanan")]),
    ("environment", "Smart Environment", "Lingkungan", "ENV",
     [("proteksi-lingkungan", "Proteksi Lingkungan"), ("pengelolaan-sampah", "Pengelolaan Sampah"), ("pengelolaan-energi", "Pengelolaan Energi")]),
]
PREFIXES = {d[0]: d[3] for d in DIMENSIONS}

# A programme whose source gives no dimension is filed as such, never under a made-up one:
# `data/program/tanpa-dimensi.yml` with `dimensi: tanpa-dimensi`, ids PRG-01, PRG-02, ...
NO_DIMENSION = "tanpa-dimensi"
NO_DIMENSION_NAME = "Dimensi belum diketahui"
NO_DIMENSION_PREFIX = "PRG"


def dimensions_data() -> dict:
    """``data/dimensi.yml`` of the national framework, with nothing region-specific."""
    return {"dimensi": [
        {"id": did, "nama": name, "nama_id": name_id, "elemen": [{"id": eid, "nama": ename} for eid, ename in elements]}
        for did, name, name_id, _, elements in DIMENSIONS
    ]}
