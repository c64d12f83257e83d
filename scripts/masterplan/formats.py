"""How numbers, dates and unset values are written on every page, book, annex and open data file."""

from __future__ import annotations

import datetime as dt
import re

NOT_SET = "belum ditetapkan"  # a value nobody has set yet (the default meaning of an empty field)
NOT_PUBLISHED = "tidak dipublikasikan"  # the value exists, but its source did not make it public
UNKNOWN = "tidak diketahui"  # the source does not say, and the drafting team does not know
NOT_ANNOUNCED = "tidak diumumkan"  # a figure others publish (a rank, a score, a target) that was not announced

# The reason an empty field gives for being empty (schema: `tidak_dipublikasikan`, `tidak_diketahui`) -> its wording.
MISSING_WORDS = {"belum-ditetapkan": NOT_SET, "tidak-dipublikasikan": NOT_PUBLISHED, "tidak-diketahui": UNKNOWN}


class Published(float):
    """A figure as the region wrote it: the number, and how many decimals it was written with.

    The validate stage gives every number typed in the data this type, so 3,197 is
    printed 3,197 and 1,40 stays 1,40. Arithmetic on it gives a plain float: a
    computed figure is rounded for display, a published one never is.
    """

    __slots__ = ("decimals",)
    decimals: int

    def __new__(cls, value: float, decimals: int | None = None) -> Published:
        if decimals is None:  # made by a computation (statistics.mean converts its result so): a plain float
            return float(value)  # type: ignore[return-value]  # float's constructor protocol: a plain float is right here
        figure = super().__new__(cls, value)
        figure.decimals = decimals
        return figure

    def __reduce__(self):  # picklable, for the book processes
        return (Published, (float(self), self.decimals))


def written_decimals(text: str) -> int | None:
    """Decimals of a number as typed (`3.197` -> 3, `2,50` -> 2, `40` -> 0); None when it is no plain number."""
    found = re.fullmatch(r"\s*[+-]?\d+(?:[.,](\d+))?\s*", str(text))
    if found is None:
        return None
    return len(found.group(1) or "")


def _grouped(text: str) -> str:
    """`1,234.5` (Python's style) -> `1.234,5` (Indonesian)."""
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def rupiah(amount: float | None) -> str:
    """Rp 1.250.000.000 in the Indonesian grouping style."""
    if amount is None:
        return NOT_SET
    return "Rp " + f"{round(amount):,}".replace(",", ".")


def number(value: float | None, digits: int = 2) -> str:
    """Indonesian decimal comma. A published figure keeps the decimals it was written with
    (3,197; 1,40); a computed one is rounded to ``digits`` and loses trailing zeros (3,06)."""
    if value is None:
        return NOT_SET
    if isinstance(value, Published):
        return _grouped(f"{value:,.{value.decimals}f}")
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return _grouped(f"{value:,.{digits}f}".rstrip("0").rstrip("."))


def and_list(items) -> str:
    """2024, 2025 dan 2026: a list as Indonesian prose."""
    words = [str(i) for i in items]
    return " dan ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " dan " + words[-1]


BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def tanggal(day: dt.date) -> str:
    """A date as Indonesian text: 6 Desember 2022."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def spreadsheet_safe(value):
    """A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading `'`."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
