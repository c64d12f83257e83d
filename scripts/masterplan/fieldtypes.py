"""What a field of the schema holds, read from its pydantic annotation: the one place that inspects types.

``Annotated[...]`` and ``X | None`` are peeled off with the constraints met on the way; what is
left is one :class:`Spec` (text, number, yes/no, date, a choice, a list, a map, a nested model).
The checks (an upper bound, text or number), pydantic's errors said in Indonesian, the field
reference, the form editor and the questions of ``masterplan baru`` all read fields through it.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

SCALARS: dict[Any, str] = {str: "str", int: "int", float: "float", bool: "bool", dt.date: "date"}


def is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def peel(annotation: Any) -> tuple[Any, list[Any]]:
    """`Annotated[X, ...]` -> X and `X | None` -> X, with the constraints met on the way (`Le(le=4)`)."""
    found: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            for item in extra:
                found.extend(getattr(item, "metadata", None) or [item])
        elif is_union(annotation):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, found
            annotation = args[0]
        else:
            return annotation, found


def unwrap(annotation: Any) -> Any:
    """`Annotated[X, ...]` -> X; `X | None` -> X."""
    return peel(annotation)[0]


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``list[X]`` or ``X | None`` (None when there is none)."""
    if is_model(annotation):
        return typing.cast(type[BaseModel], annotation)
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def choices(annotation: Any) -> tuple[Any, ...]:
    """The values of a ``Literal`` (``DimensiId`` -> the six dimension ids)."""
    return typing.get_args(unwrap(annotation))


def declared(model: type[BaseModel], path: tuple[Any, ...]) -> tuple[Any, list[Any]] | None:
    """The annotation of the value at ``path`` inside ``model``, with its field's constraints (None when unknown)."""
    current: Any = model
    metadata: list[Any] = []
    for part in path:
        current = unwrap(current)
        if is_model(current):
            info = current.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return None
            current, metadata = info.annotation, list(info.metadata)
        elif typing.get_origin(current) in (list, tuple, set):
            current, metadata = (typing.get_args(current) or (None,))[0], []
        elif typing.get_origin(current) is dict:
            current, metadata = (typing.get_args(current) or (None, None))[-1], []
        else:
            return None
    return current, metadata


def field_type(model: type[BaseModel], path: tuple[Any, ...]) -> Any:
    """The bare annotation of the value at ``path`` inside ``model`` (None when unknown)."""
    found = declared(model, path)
    return unwrap(found[0]) if found else None


def upper_bound(model: type[BaseModel], path: tuple[Any, ...]) -> float | None:
    """The declared maximum (`le`) of the number at ``path`` inside ``model``, or None."""
    found = declared(model, path)
    if found is None:
        return None
    annotation, metadata = found
    bounds = [m.le for m in metadata + peel(annotation)[1] if getattr(m, "le", None) is not None]
    return min(bounds) if bounds else None


def is_text(annotation: Any) -> bool:
    """Text, or a choice among texts."""
    return annotation is str or typing.get_origin(annotation) is typing.Literal


def raw_default(info: FieldInfo) -> Any:
    """A field's default as the model gives it (its factory called); ``PydanticUndefined`` when it has none."""
    factory = typing.cast(typing.Callable[[], Any] | None, info.default_factory)
    return factory() if factory is not None else info.default


def keys_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model that holds the key at ``loc`` (list indexes skipped)."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = inner_model(info.annotation) if info else None
    return list(current.model_fields) if current is not None else []


# ------------------------------------------------------------------ the whole shape of a field


@dataclass
class Spec:
    """A field's type with the wrappers removed and the constraints collected."""

    kind: str  # str, int, float, bool, date, choice, list, map, model; "other" for a type none of these
    nullable: bool = False
    limits: dict[str, Any] = field(default_factory=dict)  # pattern, min_length, max_length, ge, le
    choices: tuple[Any, ...] = ()
    item: Spec | None = None  # list items, map values
    key: Spec | None = None  # map keys
    model: type[BaseModel] | None = None
    options: tuple[Spec, ...] = ()  # the alternatives of `A | B` (e.g. Id | Literal["quick_win"]); kind is then "str"
    annotation: Any = None  # the bare type, for a kind "other"

    def unknown(self) -> Any:
        """The first type inside this one that is none of the known kinds (None when all are known)."""
        if self.kind == "other":
            return self.annotation
        for inner in (self.item, self.key, *self.options):
            found = inner.unknown() if inner is not None else None
            if found is not None:
                return found
        return None


# annotated-types constraint -> (its attribute, our limit name); strict bounds are shown as inclusive
_LIMITS = {
    at.Ge: ("ge", "ge"),
    at.Le: ("le", "le"),
    at.Gt: ("gt", "ge"),
    at.Lt: ("lt", "le"),
    at.MinLen: ("min_length", "min_length"),
    at.MaxLen: ("max_length", "max_length"),
}


def collect_limits(meta: typing.Iterable[Any], limits: dict[str, Any]) -> None:
    for m in meta:
        if isinstance(m, FieldInfo):
            collect_limits(m.metadata, limits)
        elif type(m) in _LIMITS:
            attr, name = _LIMITS[type(m)]
            limits[name] = getattr(m, attr)
        else:
            for name in ("pattern", "min_length", "max_length"):
                if getattr(m, name, None) is not None:
                    limits[name] = getattr(m, name)


def spec_of(annotation: Any, meta: tuple[Any, ...] = ()) -> Spec:
    """The :class:`Spec` of an annotation; ``meta`` the field's own constraints (``FieldInfo.metadata``)."""
    limits: dict[str, Any] = {}
    collect_limits(meta, limits)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return spec_of(args[0], tuple(args[1:]) + tuple(meta))
    if is_union(annotation):
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            inner = spec_of(rest[0], meta)
            inner.nullable = inner.nullable or len(rest) < len(args)
            return inner
        specs = tuple(spec_of(a) for a in rest)
        found = tuple(c for s in specs for c in s.choices)
        pattern = next((s.limits["pattern"] for s in specs if "pattern" in s.limits), None)
        return Spec("str", len(rest) < len(args), {"pattern": pattern} if pattern else {}, found, options=specs)
    if origin is typing.Literal:
        return Spec("choice", limits=limits, choices=args)
    if origin is list:
        return Spec("list", limits=limits, item=spec_of(args[0]))
    if origin is dict:
        return Spec("map", limits=limits, key=spec_of(args[0]), item=spec_of(args[1]))
    if is_model(annotation):
        return Spec("model", limits=limits, model=annotation)
    return Spec(SCALARS.get(annotation, "other"), limits=limits, annotation=annotation)


def field_spec(info: FieldInfo) -> Spec:
    return spec_of(info.annotation, tuple(info.metadata))
