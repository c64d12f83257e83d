"""The building blocks of the data model: constrained value types, the base model, and kinds of missing.

Every data file's model (``schema``) is made of these. ``schema`` re-exports them, so a module
names them ``schema.Tahun``, ``schema.WhyEmpty`` like the rest of the model.
"""

from __future__ import annotations

import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

DimensiId = Literal["governance", "branding", "economy", "living", "society", "environment"]
DIMENSION_ORDER: tuple[str, ...] = typing.get_args(DimensiId)  # the canonical order of the six dimensions
# The dimension of a programme file: one of the six, or `tanpa-dimensi` for programmes whose source gives none.
ProgramDimensi = Literal["governance", "branding", "economy", "living", "society", "environment", "tanpa-dimensi"]
assert typing.get_args(ProgramDimensi) == (*DIMENSION_ORDER, "tanpa-dimensi")

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


MAX_TEXT = 4000  # characters of any text field without a tighter limit of its own
MAX_RUPIAH = 10**16  # Rp 10 billiar: far above any budget (the national budget is about Rp 3.5 × 10^15)


class Model(BaseModel):
    """Base: unknown keys are errors, numbers are accepted where text is expected.

    Limits that hold for every field, present and future: no text longer than ``MAX_TEXT``
    (long text made Markdown and the PDF stage slow), no infinite or not-a-number figure
    (`.inf`, `.nan` in YAML).
    """

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        str_strip_whitespace=True,
        str_max_length=MAX_TEXT,
        allow_inf_nan=False,
    )


class WhyEmpty(Model):
    """Kinds of missing: an empty field may exist but be unpublished, or be unknown to the drafters.

    Without either list, an empty field is "belum ditetapkan" (not decided yet). The
    outputs word each kind differently; completeness counts a field so declared as
    answered, since the region said what it knows. That each name is an empty field of
    the same entry is checked by ``rules.check_why_empty`` (at the line of the name).
    """

    @classmethod
    def declarable(cls) -> list[str]:
        """The fields an entry may declare empty: its own, not the lists themselves."""
        return [n for n in cls.model_fields if n not in WhyEmpty.model_fields and n not in ("id", "nama")]

    tidak_dipublikasikan: list[str] = Field(
        default_factory=list,
        description='Nama isian yang ada tetapi tidak dipublikasikan oleh sumbernya (biarkan isiannya kosong), misalnya `[teks]` atau `[nilai_resmi]`. Tampil sebagai "tidak dipublikasikan", bukan "belum ditetapkan".',
    )
    tidak_diketahui: list[str] = Field(
        default_factory=list,
        description='Nama isian yang tidak disebut sumbernya dan tidak diketahui tim penyusun (biarkan isiannya kosong). Tampil sebagai "tidak diketahui".',
    )

    def why_empty(self, name: str) -> str:
        """ "tidak-dipublikasikan", "tidak-diketahui" or "belum-ditetapkan" for an empty field."""
        if name in self.tidak_dipublikasikan:
            return "tidak-dipublikasikan"
        if name in self.tidak_diketahui:
            return "tidak-diketahui"
        return "belum-ditetapkan"


def is_set(value: Any) -> bool:
    """A field holds a value: not None, not an empty list, map or text."""
    return value is not None and value != [] and value != {} and value != ""
