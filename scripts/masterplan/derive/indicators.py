"""Programme indicators as statistics: a code for each, and its MS-Ind metadata.

Peraturan BPS Nomor 5 Tahun 2020 describes an indicator by its metadata set MS-Ind:
name, concept, definition, interpretation, method or formula, measure, unit,
classification, periodicity and data producer. Each field here holds the region's
value or, when empty, the kind of missing the data declares for it (``WhyEmpty``);
the producer is the programme's OPD unless the indicator names another, so an
indicator whose programme has no OPD inherits the programme's kind of missing.
The programme page, ``metadata-indikator.csv`` and the catalogue all read these.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import schema
from .missing import WORDS, missing

# (field of schema.Indikator, label on the page and in the data dictionary), in the order of MS-Ind.
MSIND_FIELDS: list[tuple[str, str]] = [
    ("nama", "Nama indikator"),
    ("konsep", "Konsep"),
    ("definisi", "Definisi"),
    ("interpretasi", "Interpretasi"),
    ("metode", "Metode/rumus perhitungan"),
    ("ukuran", "Ukuran"),
    ("satuan", "Satuan"),
    ("klasifikasi", "Klasifikasi penyajian"),
    ("periodisitas", "Periodisitas"),
    ("produsen", "Produsen data"),
]


@dataclass(frozen=True)
class MetaField:
    key: str
    label: str
    value: str | None
    missing: str | None  # "belum-ditetapkan", "tidak-dipublikasikan" or "tidak-diketahui" when value is None

    @property
    def missing_word(self) -> str | None:
        """The kind of missing as every output words it ("tidak dipublikasikan")."""
        return WORDS[self.missing] if self.missing else None


def indicator_code(programme_id: str, index: int) -> str:
    """ "GOV-01.1": the programme's code and the indicator's place in it (from 1)."""
    return f"{programme_id}.{index}"


def producer(
    ind: schema.Indikator, programme: schema.Program, agencies: dict[str, schema.Opd]
) -> tuple[schema.Opd | None, str | None]:
    """The producing agency, or the kind of missing: the indicator's own declaration first, then the programme's OPD."""
    code = ind.produsen or programme.opd
    if code is not None:
        return agencies[code], None
    declared = ind.tidak_dipublikasikan + ind.tidak_diketahui
    return None, missing(ind, "produsen").kind if "produsen" in declared else missing(programme, "opd").kind


def metadata(ind: schema.Indikator, programme: schema.Program, agencies: dict[str, schema.Opd]) -> list[MetaField]:
    fields = []
    for key, label in MSIND_FIELDS:
        if key == "produsen":
            agency, kind = producer(ind, programme, agencies)
            fields.append(MetaField(key, label, agency.nama if agency else None, kind))
            continue
        value = getattr(ind, key)
        fields.append(MetaField(key, label, value, None if value is not None else missing(ind, key).kind))
    return fields


def describe(programme, agencies: dict[str, schema.Opd]) -> None:
    """Give each indicator view of a programme view its code and metadata."""
    for k, view in enumerate(programme.indicators, 1):
        view.code = indicator_code(programme.model.id, k)
        view.metadata = metadata(view.model, programme.model, agencies)
