"""The field reference of the data files, generated from the schema (never written by hand)."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .. import framework, schema
from ..validate.messages import inner_model


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


def type_name(annotation, closed: frozenset[str] = frozenset()) -> str:
    """The type in editors' words, without the ``closed`` choices (those the region cannot make)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0], closed)
    if origin is typing.Literal:
        return "pilihan: " + ", ".join(f"`{a}`" for a in args if a not in closed)
    if origin in (list,):
        return f"daftar {type_name(args[0], closed)}"
    if origin is dict:
        return f"peta {type_name(args[0], closed)} → {type_name(args[1], closed)}"
    if origin in (typing.Union, getattr(__import__('types'), "UnionType", None)):
        names = [type_name(a, closed) for a in args if a is not type(None)]
        return " atau ".join(names) + (" (boleh kosong)" if type(None) in args else "")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "peta"
    return {str: "teks", int: "bilangan bulat", float: "angka", bool: "`true`/`false`"}.get(annotation, getattr(annotation, "__name__", str(annotation)))


def rows_of(model: type[BaseModel], prefix: str = "", words: dict | None = None) -> list[FieldRow]:
    rows = []
    closed = framework.closed_choices(words.get("dana_desa")) if words else frozenset()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        default = "" if info.is_required() else _default(info)
        kind = type_name(info.annotation, closed)
        rows.append(FieldRow(path, kind, info.is_required(), default, schema.describe(info.description, words)))
        child = inner_model(info.annotation)
        if child is not None:
            is_list = typing.get_origin(info.annotation) is list or "daftar" in type_name(info.annotation)
            rows += rows_of(child, f"{path}{'[]' if is_list else ''}.", words)
    return rows


def _default(info) -> str:
    value = schema.raw_default(info)
    if value is PydanticUndefined:
        return ""
    if isinstance(value, BaseModel):
        return "lihat kolom di dalamnya"
    if value in (None, "", [], {}):
        return "kosong (belum ditetapkan)"
    return str(value).lower() if isinstance(value, bool) else str(value)


def reference(words: dict | None = None) -> list[FileRef]:
    """The reference of every data file; ``words`` (the region's vocabulary) fills the descriptions."""
    files = [FileRef(f"data/{rel}", (model.__doc__ or "").strip(), rows_of(model, "", words)) for rel, model in schema.SINGLE_FILES.items()]
    files.append(FileRef("data/program/<dimensi>.yml", (schema.ProgramFile.__doc__ or "").strip(), rows_of(schema.ProgramFile, "", words)))
    return files
