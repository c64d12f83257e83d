"""How numbers and unset values are written on every page, book and annex."""

from __future__ import annotations

NOT_SET = "belum ditetapkan"  # the one wording for a value nobody has set or published


def rupiah(amount: float | None) -> str:
    """Rp 1.250.000.000 in the Indonesian grouping style."""
    if amount is None:
        return NOT_SET
    return "Rp " + f"{round(amount):,}".replace(",", ".")


def number(value: float | None, digits: int = 2) -> str:
    """Indonesian decimal comma: 3,06; whole numbers without decimals."""
    if value is None:
        return NOT_SET
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def and_list(items) -> str:
    """2024, 2025 dan 2026: a list as Indonesian prose."""
    words = [str(i) for i in items]
    return " dan ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " dan " + words[-1]
