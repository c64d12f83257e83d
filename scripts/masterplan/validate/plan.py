"""The validated data (:class:`Masterplan`): what the validate stage hands to every later stage.

One model per data file, and the documents the files were read from (for a value's line).
Built only by ``checker.validate``, and only when no file has an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import schema
from ..load.yamlfiles import Document


@dataclass
class Masterplan:
    """The validated data: one model per file, with the documents for line look-ups."""

    wilayah: schema.WilayahFile
    visi_misi: schema.VisiMisiFile
    dimensi: schema.DimensiFile
    opd: schema.OpdFile
    peta_jalan: schema.PetaJalanFile
    analisis: schema.AnalisisFile
    monev: schema.MonevFile
    program_files: dict[str, schema.ProgramFile]
    documents: dict[str, Document] = field(default_factory=dict)
