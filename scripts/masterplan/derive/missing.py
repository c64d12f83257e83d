"""How a missing value is written: one decision, made here, for every output.

A field of an entry that holds no value is missing for a reason the data may
declare (`tidak_dipublikasikan`, `tidak_diketahui` on the entry). Without a
declaration the reason depends on who sets the field: what the region decides
itself (an agency, a horizon, a budget) is *belum ditetapkan*; what others
announce and the region only copies (a rank, an element score, a weight) is
*tidak diumumkan*, never "not yet decided". Every table, summary, chart
caption, matrix cell, Word cell and CSV/JSON column asks :func:`missing` (or
:func:`missing_of`) for its wording; a sum or count over such values says
how many of which kind it covers (:func:`coverage_note`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import formats, schema

NOT_SET, NOT_PUBLISHED, UNKNOWN, NOT_ANNOUNCED = (
    "belum-ditetapkan",
    "tidak-dipublikasikan",
    "tidak-diketahui",
    "tidak-diumumkan",
)
WORDS = {**formats.MISSING_WORDS, NOT_ANNOUNCED: formats.NOT_ANNOUNCED}
ORDER = (NOT_PUBLISHED, UNKNOWN, NOT_ANNOUNCED, NOT_SET)  # how a note lists the kinds

# Fields the region does not set itself but copies from what others announce: empty means not announced.
ANNOUNCED: dict[type, set[str]] = {
    schema.Evaluasi: {
        "nilai_resmi",
        "peringkat",
        "cakupan_peringkat",
        "peringkat_lain",
        "bobot",
        "skor",
        "indeks_dimensi",
        "rincian_unsur",
        "nilai_lain",
    },
    schema.Subindikator: {"nilai"},
    schema.MonevFile: {
        "target_skor"
    },  # the region's score targets are published in its RPJMD, not decided in the masterplan
}


@dataclass(frozen=True)
class Missing:
    """The kind of an empty value and its words ("tidak dipublikasikan")."""

    kind: str

    @property
    def words(self) -> str:
        return WORDS[self.kind]

    @property
    def declared(self) -> bool:
        """The data says why it is empty (or the field is one the region does not set)."""
        return self.kind != NOT_SET

    def __str__(self) -> str:
        return self.words


def missing(model: object, *names: str) -> Missing:
    """The kind of missing of the field(s) ``names`` of an entry (a cell of two fields, such as the
    years, takes the first declared kind). An entry that cannot declare gets the field's default."""
    for name in names:
        if isinstance(model, schema.WhyEmpty):
            kind = model.why_empty(name)
            if kind != NOT_SET:
                return Missing(kind)
    return Missing(default_kind(type(model), names[0]) if names else NOT_SET)


def default_kind(model_type: type, name: str) -> str:
    """Without a declaration: not announced for what others publish, not set for the region's own fields."""
    if name in ANNOUNCED.get(model_type, set()):
        return NOT_ANNOUNCED
    return NOT_SET


def announced() -> Missing:
    """A figure others publish (a rank, a target) that has no entry to declare anything."""
    return Missing(NOT_ANNOUNCED)


def missing_of(model: object, name: str) -> str:
    """The words for an empty field: for CSV cells and plain-text outputs."""
    return missing(model, name).words


def kinds_of(entries: list[tuple[object, object]], name: str) -> Counter:
    """How many of ``entries`` ((model, value) pairs) lack the value, by kind of missing."""
    return Counter(missing(model, name).kind for model, value in entries if value in (None, "", [], {}))


def coverage_note(kinds: Counter, of: int, unit: str = "program") -> str:
    """ "tidak dipublikasikan untuk 37 dari 37 program", or with several kinds
    "tidak dipublikasikan untuk 20, belum ditetapkan untuk 3 dari 37 program"."""
    parts = [f"{WORDS[k]} untuk {kinds[k]}" for k in ORDER if kinds.get(k)]
    return ", ".join(parts) + f" dari {of} {unit}" if parts else ""


def kinds_words(found: Counter, unit: str = "program") -> str:
    """One kind: its words ("tidak dipublikasikan"); several: each with its count
    ("tidak dipublikasikan (2 program) atau belum ditetapkan (1 program)")."""
    present = [k for k in ORDER if found.get(k)]
    if len(present) == 1:
        return WORDS[present[0]]
    return either([f"{WORDS[k]} ({found[k]} {unit})" for k in present])


def either(words: list[str]) -> str:
    """ "a, b atau c": alternatives as Indonesian prose."""
    return " atau ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " atau " + words[-1]
