"""The questions of ``masterplan baru``, generated from the pydantic models at run time.

Every simple field of a model (text, number, yes/no, a choice, or a list of those)
becomes one :class:`Question`; nested fields (indicators, year maps) are left for the
file itself. Required fields must be answered; optional ones may be skipped, and a
skipped field is not written at all. Choices match in any case. References to elements,
agencies, missions and policy directions offer the ids found in the data, so a wrong
code is caught when it is typed, not after all the other answers.

Printing and prompting belong to the CLI: :func:`ask_all` takes them as callables.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .. import fieldtypes, framework, schema
from ..validate import messages

SIMPLE: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}  # Spec.kind -> the answer's type
YES = {"ya", "y", "true", "benar", "1"}
NO = {"tidak", "t", "n", "false", "salah", "0"}


@dataclass
class Question:
    name: str
    required: bool
    description: str
    kind: type  # str, int, float or bool
    many: bool
    adapter: TypeAdapter
    model: type[BaseModel]
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label); empty = free answer

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


def _shape(annotation: Any) -> tuple[type, bool, list[str]] | None:
    """(scalar type, is a list, literal choices) of a simple field, or None for nested ones."""
    spec = fieldtypes.spec_of(annotation)
    many = spec.kind == "list" and spec.item is not None
    if many:
        assert spec.item is not None
        spec = spec.item
    if spec.kind == "choice":
        return str, many, [str(v) for v in spec.choices]
    if spec.kind in SIMPLE and not spec.options:
        return SIMPLE[spec.kind], many, []
    return None


def questions_for(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[Question]:
    """One question per simple field of ``model``, in the model's order."""
    found, kinds_of_missing = [], []
    for name, info in model.model_fields.items():
        shape = _shape(info.annotation)
        if name in skip or shape is None:
            continue
        kind, many, literal = shape
        annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        question = Question(
            name,
            info.is_required(),
            schema.describe(info.description),
            kind,
            many,
            TypeAdapter(annotation),
            model,
            [(v, "") for v in literal],
        )
        if name in schema.WhyEmpty.model_fields:
            # The kinds of missing name the entry's other fields: asked last, offering those fields, so an
            # editor who skipped a field can say it was not published or is not known.
            question.choices = [(f, "") for f in typing.cast(type[schema.WhyEmpty], model).declarable()]
            kinds_of_missing.append(question)
        else:
            found.append(question)
    return found + kinds_of_missing


def nested_fields(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[str]:
    """Fields no question covers (indicators, year maps): the editor fills them in the file."""
    return [n for n, info in model.model_fields.items() if n not in skip and _shape(info.annotation) is None]


# ---------------------------------------------------------------- choices from the data


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}


def _items(document: Any, key: str) -> list[dict]:
    items = document.get(key) if isinstance(document, dict) else None
    return [i for i in items if isinstance(i, dict) and i.get("id") is not None] if isinstance(items, list) else []


def _short(text: Any, width: int = 70) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def data_choices(data_dir: Path, dimension: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """Ids an answer may refer to, read leniently from the data (a broken file gives no list)."""
    dims = _items(_read(data_dir / "dimensi.yml"), "dimensi")
    vision = _read(data_dir / "visi-misi.yml")
    lists = {
        "opd": [(str(o["id"]), _short(o.get("nama"))) for o in _items(_read(data_dir / "opd.yml"), "opd")],
        "elemen": [
            (str(e["id"]), _short(e.get("nama"))) for d in dims if d.get("id") == dimension for e in _items(d, "elemen")
        ],
        "misi": [(str(m["id"]), _short(m.get("teks"))) for m in _items(vision, "misi")],
        "arah_kebijakan": [(str(a["id"]), _short(a.get("teks"))) for a in _items(vision, "arah_kebijakan")],
    }
    references = {name: lists[target] for name, target in schema.REFERENCES.items()}
    dimensions = [(str(d["id"]), _short(f"{d.get('nama', '')} ({d.get('nama_id', '')})")) for d in dims]
    return {"dimensi": [*dimensions, (framework.NO_DIMENSION, framework.NO_DIMENSION_NAME)], **references}


def with_choices(questions: list[Question], choices: dict[str, list[tuple[str, str]]]) -> list[Question]:
    """Choices from the data: ids for references, labels for the model's own fixed choices."""
    for q in questions:
        found = choices.get(q.name)
        if not found:
            continue
        if q.choices:  # a fixed choice of the model: keep its values, take the data's labels
            labels = dict(found)
            q.choices = [(value, labels.get(value, "")) for value, _ in q.choices]
        else:
            q.choices = found
    return questions


# ---------------------------------------------------------------- one answer


def parse(q: Question, text: str) -> tuple[Any, str | None]:
    """The value of an answer, or an Indonesian message saying what is wrong with it."""
    text = text.strip()
    if not text:
        return None, None if not q.required else f"`{q.name}` wajib diisi."
    parts: list = [p.strip() for p in re.split(r"[,;]", text) if p.strip()] if q.many else [text]
    if q.choices:
        canonical = {value.lower(): value for value, _ in q.choices}
        wrong = [p for p in parts if p.lower() not in canonical]
        if wrong:
            listed = ", ".join(value for value, _ in q.choices)
            return None, f"`{wrong[0]}` bukan pilihan yang sah untuk `{q.name}`. Pilih salah satu: {listed}."
        parts = list(dict.fromkeys(canonical[p.lower()] for p in parts))
    if q.kind is bool:
        word = parts[0].lower()
        if word not in YES | NO:
            return None, f"`{q.name}` dijawab `ya` atau `tidak`, bukan '{parts[0]}'."
        parts = [word in YES]
    try:
        return q.adapter.validate_python(parts if q.many else parts[0]), None
    except ValidationError as exc:
        error = exc.errors()[0]
        error["loc"] = (q.name, *error["loc"])
        return None, messages.translate(dict(error), q.model)


# ---------------------------------------------------------------- a whole session


def describe(q: Question, same_as: str | None = None) -> list[str]:
    """The lines shown before a question: what the field means and what may be chosen."""
    lines = ["", f"{q.name}: {q.description}" if q.description else q.name]
    if same_as:
        lines.append(f"  Pilihan: sama dengan `{same_as}` di atas.")
    elif q.choices and any(label for _, label in q.choices):
        width = max(len(value) for value, _ in q.choices)
        lines.append("  Pilihan:")
        lines += [f"    {value.ljust(width)}  {label}".rstrip() for value, label in q.choices]
    elif q.choices:
        lines.append("  Pilihan: " + ", ".join(value for value, _ in q.choices))
    if q.many:
        lines.append("  Boleh lebih dari satu, dipisah koma.")
    return lines


def prompt_text(q: Question) -> str:
    return q.name if q.required else f"{q.name} (Enter untuk melewati)"


def ask_one(q: Question, prompt: Callable[[str], str], echo: Callable[[str], None], same_as: str | None = None) -> Any:
    """Ask until the answer is valid; None means skipped (optional fields only)."""
    for line in describe(q, same_as):
        echo(line)
    while True:
        value, problem = parse(q, prompt(prompt_text(q)))
        if problem is None:
            return value
        echo(f"  Belum benar: {problem} Coba lagi.")


def ask_all(
    questions: list[Question],
    answers: dict,
    prompt: Callable[[str], str],
    echo: Callable[[str], None],
    optional: bool = True,
    check: Callable[[str, Any], str | None] | None = None,
) -> dict:
    """Fill ``answers`` (kept up to date, so nothing is lost on interruption) for each unanswered question."""
    shown: dict[tuple, str] = {}  # a long list of choices is printed once
    for q in questions:
        if q.name in answers or (not q.required and not optional):
            continue
        key = tuple(q.choices)
        same_as = shown.get(key) if len(key) > 8 else None
        shown.setdefault(key, q.name)
        while True:
            value = ask_one(q, prompt, echo, same_as)
            problem = check(q.name, value) if check and value is not None else None
            if problem is None:
                break
            echo(f"  Belum benar: {problem} Coba lagi.")
        if value is not None:
            answers[q.name] = value
    return answers


def declared_empty_check(answers: dict) -> Callable[[str, Any], str | None]:
    """For the kinds of missing: a field named there must have been left empty in this session."""

    def check(name: str, value: Any) -> str | None:
        if name not in schema.WhyEmpty.model_fields:
            return None
        filled = [f for f in value if answers.get(f) not in (None, [], "")]
        if filled:
            return f"`{filled[0]}` sudah Anda isi, jadi tidak bisa disebut kosong; sebut hanya isian yang dilewati."
        return None

    return check
