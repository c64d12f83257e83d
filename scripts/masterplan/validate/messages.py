"""Pydantic's validation errors, said in Indonesian for editors.

One template per error type; the ``ctx`` of the error fills the template.
Unknown keys get a "did you mean" suggestion from the model's own fields.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .. import fieldtypes
from .rules import number_advice

TEMPLATES: dict[str, str] = {
    "missing": "kolom wajib `{field}` belum diisi; tambahkan `{field}:` beserta nilainya.",
    "string_type": "`{field}` harus berupa teks.",
    "string_too_short": "`{field}` tidak boleh kosong.",
    "string_too_long": "`{field}` terlalu panjang (paling banyak {max_length} karakter); persingkat.",
    "string_pattern_mismatch": "`{field}` bernilai {value} yang tidak sesuai format. {pattern_hint}",
    "int_type": "`{field}` harus berupa bilangan bulat, bukan {value}.",
    "int_parsing": "`{field}` harus berupa bilangan bulat, bukan {value}.",
    "int_from_float": "`{field}` harus berupa bilangan bulat tanpa koma, bukan {value}.",
    "float_type": "`{field}` harus berupa angka, bukan {value}.",
    "float_parsing": "`{field}` harus berupa angka (pakai titik untuk desimal), bukan {value}.",
    "bool_type": "`{field}` harus `true` atau `false`, bukan {value}.",
    "bool_parsing": "`{field}` harus `true` atau `false`, bukan {value}.",
    "literal_error": "`{field}` bernilai {value}, padahal pilihan yang sah: {expected}.",
    "greater_than_equal": "`{field}` bernilai {value}, padahal paling kecil {ge}.",
    "less_than_equal": "`{field}` bernilai {value}, padahal paling besar {le}.",
    "greater_than": "`{field}` harus lebih besar dari {gt}.",
    "less_than": "`{field}` harus lebih kecil dari {lt}.",
    "too_short": "`{field}` harus berisi paling sedikit {min_length} butir (sekarang {actual_length}).",
    "too_long": "`{field}` harus berisi paling banyak {max_length} butir (sekarang {actual_length}).",
    "list_type": "`{field}` harus berupa daftar (setiap butir diawali `- `).",
    "dict_type": "`{field}` harus berupa peta `kunci: nilai`.",
    "model_type": "`{field}` harus berupa peta `kunci: nilai`, bukan {value}.",
    "model_attributes_type": "`{field}` harus berupa peta `kunci: nilai`, bukan {value}.",
    "date_type": "`{field}` harus berupa tanggal berformat YYYY-MM-DD.",
    "date_parsing": "`{field}` harus berupa tanggal berformat YYYY-MM-DD, bukan {value}.",
    "date_from_datetime_parsing": "`{field}` harus berupa tanggal berformat YYYY-MM-DD, bukan {value}.",
    "date_from_datetime_inexact": "`{field}` harus berupa tanggal tanpa jam (YYYY-MM-DD).",
    "value_error": "`{field}`: {error}.",
    "assertion_error": "`{field}`: {error}.",
    "finite_number": "`{field}` bernilai tak hingga atau bukan angka (`.inf`, `.nan`); tulis angka biasa, misalnya `40` atau `12.5`.",
}

PATTERN_HINTS = {
    r"^[a-z0-9][a-z0-9-]{0,39}$": "Pakai huruf kecil, angka dan tanda hubung saja, misalnya `layanan-publik`.",
    r"^[A-Z][A-Z0-9]{1,5}-[0-9]{2,3}$": "Kode program ditulis seperti `GOV-01`: huruf besar, tanda hubung, dua atau tiga angka.",
    r"^M[0-9]{1,2}$": "Kode misi ditulis seperti `M1`.",
    r"^AK[0-9]{1,2}$": "Kode arah kebijakan ditulis seperti `AK1`.",
    r"^(https?://|mailto:)\S+$": "Tautan harus diawali `https://`, `http://` atau `mailto:`.",
}


def show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def field_name(loc: tuple) -> str:
    """The last named key of a location; list indexes are shown as `nama[3]`."""
    names = [str(p) for p in loc if not isinstance(p, int)]
    return names[-1] if names else "berkas"


def translate(error: Mapping[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    ctx: dict[str, Any] = {
        k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in (error.get("ctx") or {}).items()
    }  # 100, not 100.0
    if kind == "extra_forbidden":
        return unknown_key(loc, model)
    special = typed_as_indonesian(kind, loc, error.get("input"))
    if special:
        return special
    if kind in ("literal_error", "enum"):
        ctx["expected"] = ctx.get("expected", "").replace("'", "`").replace(" or ", ", ")
    if "error" in ctx:
        ctx["error"] = str(ctx["error"]).removeprefix("Value error, ")
    ctx["pattern_hint"] = PATTERN_HINTS.get(str(ctx.get("pattern", "")), "")
    template = TEMPLATES.get(kind)
    if template is None:
        return f"`{field_name(loc)}` tidak sah: {error['msg']}."
    if kind == "less_than_equal":
        template += decimal_hint(error.get("input"), ctx.get("le"))
    try:
        return template.format(field=field_name(loc), value=show(error.get("input")), **ctx)
    except (KeyError, IndexError):
        return f"`{field_name(loc)}` tidak sah: {error['msg']}."


def decimal_hint(value: Any, bound: Any) -> str:
    """`3197` in a score of at most 4 was meant as 3,197: say how to write that (it is accepted)."""
    if not isinstance(value, int) or isinstance(value, bool) or not isinstance(bound, (int, float)) or value < 1000:
        return ""
    meant = value / 1000
    if meant > bound:
        return ""
    return f" Bila maksudnya {str(meant).replace('.', ',')}, tulis `{meant}` (titik sebagai tanda desimal)."


def allowed_keys(loc: tuple, model: type[BaseModel]) -> list[str]:
    """The field names of the model that holds the key at ``loc``."""
    return fieldtypes.keys_at(model, loc)


def closest_key(loc: tuple, model: type[BaseModel]) -> str | None:
    close = difflib.get_close_matches(str(loc[-1]), allowed_keys(loc, model), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_key(loc: tuple, model: type[BaseModel]) -> str:
    key = str(loc[-1])
    keys = allowed_keys(loc, model)
    close = closest_key(loc, model)
    hint = f" Mungkin maksud Anda `{close}`?" if close else ""
    listed = ", ".join(f"`{k}`" for k in keys)
    return f"kunci `{key}` tidak dikenal.{hint} Kunci yang sah di sini: {listed}."


NUMBER_ERRORS = {"int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"}


def typed_as_indonesian(kind: str, loc: tuple, value: Any) -> str | None:
    """Slips editors make often: `Rp 1.500.000`, `2,5` or `40%` for a number; `a: b` for a text."""
    field = field_name(loc)
    if kind in NUMBER_ERRORS and isinstance(value, str):
        advice = number_advice(value)
        if advice:
            return f"`{field}` ditulis `{value}`; {advice}."
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        return (
            f"`{field}` harus berupa teks, tetapi `{key}: {inner}` terbaca sebagai `kunci: nilai` karena memuat `: `; "
            f'beri tanda kutip di sekitar seluruh teksnya, misalnya `"{key}: {inner}"`.'
        )
    return None
