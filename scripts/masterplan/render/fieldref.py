"""The field reference of the data files, generated from the schema (never written by hand)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .. import fieldtypes, framework, schema


@dataclass
class FieldRow:
    path: str  # e.g. "program[].indikator[].target"
    type: str
    required: bool
    default: str
    description: str


@dataclass
class FileRef:
    file: str
    title: str
    rows: list[FieldRow]


SCALAR_WORDS = {"str": "teks", "int": "bilangan bulat", "float": "angka", "bool": "`true`/`false`", "date": "date"}


def type_name(annotation: Any, closed: frozenset[str] = frozenset()) -> str:
    """The type in editors' words, without the ``closed`` choices (those the region cannot make)."""
    return spec_words(fieldtypes.spec_of(annotation), closed)


def spec_words(spec: fieldtypes.Spec, closed: frozenset[str] = frozenset()) -> str:
    if spec.options:
        words = " atau ".join(spec_words(o, closed) for o in spec.options)
    elif spec.kind == "choice":
        words = "pilihan: " + ", ".join(f"`{a}`" for a in spec.choices if a not in closed)
    elif spec.kind == "list" and spec.item is not None:
        words = f"daftar {spec_words(spec.item, closed)}"
    elif spec.kind == "map" and spec.key is not None and spec.item is not None:
        words = f"peta {spec_words(spec.key, closed)} → {spec_words(spec.item, closed)}"
    elif spec.kind == "model":
        words = "peta"
    else:
        words = SCALAR_WORDS.get(spec.kind) or str(getattr(spec.annotation, "__name__", spec.annotation))
    return words + (" (boleh kosong)" if spec.nullable else "")


def rows_of(model: type[BaseModel], prefix: str = "", words: dict | None = None) -> list[FieldRow]:
    rows = []
    closed = framework.closed_choices(words.get("dana_desa")) if words else frozenset()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        default = "" if info.is_required() else _default(info)
        spec = fieldtypes.field_spec(info)
        rows.append(
            FieldRow(
                path, spec_words(spec, closed), info.is_required(), default, schema.describe(info.description, words)
            )
        )
        child = fieldtypes.inner_model(info.annotation)
        if child is not None:
            rows += rows_of(child, f"{path}{'[]' if spec.kind == 'list' else ''}.", words)
    return rows


def _default(info) -> str:
    value = fieldtypes.raw_default(info)
    if value is PydanticUndefined:
        return ""
    if isinstance(value, BaseModel):
        return "lihat kolom di dalamnya"
    if value in (None, "", [], {}):
        return "kosong (belum ditetapkan)"
    return str(value).lower() if isinstance(value, bool) else str(value)


def reference(words: dict | None = None) -> list[FileRef]:
    """The reference of every data file; ``words`` (the region's vocabulary) fills the descriptions."""
    files = [
        FileRef(f"data/{rel}", (model.__doc__ or "").strip(), rows_of(model, "", words))
        for rel, model in schema.SINGLE_FILES.items()
    ]
    files.append(
        FileRef(
            "data/program/<dimensi>.yml",
            (schema.ProgramFile.__doc__ or "").strip(),
            rows_of(schema.ProgramFile, "", words),
        )
    )
    return files
