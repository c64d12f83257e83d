"""The words every output uses for the schema's fixed choices, and the Roman numerals of books and chapters.

Shared by the views (derive), the comparison matrix, the templates and the books, so a
horizon or a status reads the same on every page, in the matrix and in print.
"""

from __future__ import annotations

from . import schema

HORIZON_LABELS: dict[schema.Horizon, str] = {
    "quick-win": "Quick win",
    "pendek": "Jangka pendek (1 tahun)",
    "menengah": "Jangka menengah (5 tahun)",
    "panjang": "Jangka panjang (10 tahun)",
}
HORIZON_SHORT: dict[schema.Horizon, str] = {
    "quick-win": "Quick win",
    "pendek": "Pendek",
    "menengah": "Menengah",
    "panjang": "Panjang",
}
STATUS_LABELS: dict[schema.Status, str] = {
    "belum-mulai": "Belum mulai",
    "berjalan": "Berjalan",
    "selesai": "Selesai",
    "terlambat": "Terlambat",
}
ROMAN: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def roman(n: int) -> str:
    """``3`` -> ``"III"``; a number beyond the table (or below 1) in digits."""
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)
