"""The form editor's fields: each schema field read as a Decap CMS widget.

A field's type is read with its wrappers removed and its constraints collected (:func:`spec_of`),
then shown as a widget: labels from the field names, help text from the field descriptions,
choices from ``Literal`` types, required/pattern/min/max from the constraints, and the references
(elements, agencies, missions, policy directions, programmes) as pick-lists of the ids in the
current data (:class:`Refs`). :mod:`.editor` puts these fields into the editor's configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .. import fieldtypes, framework, schema

LABELS = {"id": "Kode", "opd": "OPD", "nama_id": "Nama (bahasa Indonesia)", "url": "URL"}
PATTERN_MESSAGE = "Format belum sesuai; lihat petunjuk di bawah nama kolom."
# Fields the form offers as a choice of existing codes beyond schema.REFERENCES (which `check`
# validates as references): a recommendation's follow-up programmes, picked by code and name.
FORM_REFERENCES = {"program_tindak_lanjut": "program"}
SUMMARY_KEYS = ("id", "nama", "teks", "label", "indikator", "tahun", "tahap", "uraian", "dimensi")


class EditorError(Exception):
    """The editor cannot be built (e.g. Decap CMS is not installed); message in Indonesian."""


# ------------------------------------------------------------------ type analysis

Spec = fieldtypes.Spec  # a field's type with the wrappers removed and the constraints collected


def spec_of(annotation, meta=()) -> Spec:
    """:func:`fieldtypes.spec_of`, refusing a type the form has no widget for."""
    spec = fieldtypes.spec_of(annotation, tuple(meta))
    unknown = spec.unknown()
    if unknown is not None:
        raise EditorError(
            f"scripts/masterplan/schema.py: tipe `{unknown}` belum dikenal editor formulir (scripts/masterplan/site/editorfields.py)."
        )
    return spec


# ------------------------------------------------------------------ references to other data


@dataclass
class Refs:
    """Pick-lists of the ids in the current data, by the field name that refers to them,
    and the region's words (``${kepala_daerah}`` in descriptions; no APBDes for a kota)."""

    by_name: dict[str, list[dict]]
    words: dict = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # choice value -> name shown (dimensions)

    def choices(self, values) -> list[str]:
        out = [str(v) for v in values]
        if self.words:
            closed = framework.closed_choices(self.words.get("dana_desa"))  # e.g. no APBDes for a kota
            out = [v for v in out if v not in closed]
        return out

    def labelled(self, values) -> list[dict]:
        """Choices by name: `economy` is shown as "Ekonomi (Smart Economy)", `belum-mulai` as "Belum mulai"."""
        return [{"value": v, "label": self.labels.get(v) or choice_label(v)} for v in self.choices(values)]

    def options(self, name: str, spec: Spec) -> list[dict] | None:
        target = spec.item if spec.kind == "list" else spec
        if target is None or target.kind != "str":
            return None
        return self.by_name.get(name)


def _opt(value: str, label: str) -> dict:
    return {"value": value, "label": f"{value} · {label}"}


def _agency(o) -> dict:
    """Agencies by full name, the abbreviation after it: "Dinas Komunikasi dan Informatika (Diskominfo)"."""
    return {"value": o.id, "label": f"{o.nama} ({o.singkatan})" if o.singkatan and o.singkatan != o.nama else o.nama}


def refs_for(plan, dimension: str | None = None, words: dict | None = None) -> Refs:
    """Elements of one dimension (for its programme file) or all of them."""
    lists = {
        "opd": [_agency(o) for o in plan.opd.opd],
        "elemen": [
            {"value": e.id, "label": e.nama}
            for d in plan.dimensi.dimensi
            if dimension in (None, d.id)
            for e in d.elemen
        ],
        "misi": [_opt(m.id, _short(m.teks)) for m in plan.visi_misi.misi],
        "arah_kebijakan": [_opt(a.id, _short(a.teks)) for a in plan.visi_misi.arah_kebijakan],
    }
    lists["program"] = sorted(
        (_opt(p.id, _short(p.nama)) for pf in plan.program_files.values() for p in pf.program), key=lambda o: o["value"]
    )
    labels = {d.id: f"{d.nama_id} ({d.nama})" for d in plan.dimensi.dimensi}
    return Refs(
        {name: lists[target] for name, target in {**schema.REFERENCES, **FORM_REFERENCES}.items()}, words or {}, labels
    )


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


# ------------------------------------------------------------------ fields


def label_of(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def default_of(info: FieldInfo):
    value = fieldtypes.raw_default(info)
    if value is PydanticUndefined or isinstance(value, BaseModel) or value in (None, "", [], {}):
        return None  # a nested model's own fields carry their defaults
    return value


def choice_label(value) -> str:
    """`belum-mulai` -> "Belum mulai": a choice as a person reads it (the code stays the value)."""
    text = str(value).replace("-", " ").replace("_", " ")
    return text[:1].upper() + text[1:]


# The form shows no YAML and no file names: what the descriptions say for people who edit the
# files (`{2025: 40}`, `[M1]`, `true`, "lihat data/opd.yml") is reworded for the form.
_FORM_REWRITES = [
    (re.compile(r"\s*\(lihat `[^`]*`\)"), ""),
    (re.compile(r"\s*\(Markdown\)"), ""),
    (re.compile(r"\s*\(YYYY-MM-DD\)"), ", misalnya 31 Maret 2025 atau 31-03-2025"),
    (re.compile(r",? misalnya `[\[{][^`]*`(?: atau `[\[{][^`]*`)*"), ""),
    (re.compile(r"\s*\([^)]*\.yml[^)]*\)"), ""),
    (re.compile(r", tanpa titik: `\d+`"), "; boleh ditulis Rp 2.500.000.000 atau 2,5 miliar"),
    (re.compile(r"`true` bila"), "Nyalakan bila"),
    (re.compile(r"ubah menjadi `false`"), "matikan"),
    (re.compile(r"\. Kosong: "), ". Bila mati: "),
    (re.compile(r"kuncinya sama dengan"), "unsurnya sama dengan"),
]


def form_hint(description: str, model: type[BaseModel] | None = None, words: dict | None = None, choices=()) -> str:
    """A field description as the form shows it: the region's words filled in, no code."""
    text = schema.describe(description, words)
    for pattern, replacement in _FORM_REWRITES:
        text = pattern.sub(replacement, text)
    fields = model.model_fields if model is not None else {}

    def word(match: re.Match) -> str:
        code = match.group(1)
        if code in fields:
            return f"“{label_of(code)}”"
        if code in choices:
            return f"“{choice_label(code)}”"
        return f"“{code}”"

    return re.sub(r"`([^`]*)`", word, text)


def decap_field(name: str, info: FieldInfo, refs: Refs, model: type[BaseModel] | None = None) -> dict:
    spec = spec_of(info.annotation, tuple(info.metadata))
    out = {"name": name, "label": label_of(name), **widget(name, spec, refs)}
    if model is not None and issubclass(model, schema.WhyEmpty) and name in schema.WhyEmpty.model_fields:
        # which fields are empty for a reason: chosen by their labels, not typed as field names
        out.update(_select([{"value": n, "label": label_of(n)} for n in model.declarable()], True, spec.limits))
        out.pop("field", None)
        out.pop("collapsed", None)
    out["required"] = info.is_required() and not spec.nullable
    if out["widget"] == "text" and "(Markdown)" in (info.description or ""):
        out["widget"] = "teks-format"  # formatted on the site: the form shows how (macros/sunting/isian-teks.js)
    if info.description:
        choices = spec.choices or (spec.item.choices if spec.item is not None else ())
        out["hint"] = form_hint(info.description, model, refs.words, tuple(str(c) for c in choices))
    default = default_of(info)
    if default is not None and out["widget"] != "list":
        out["default"] = default
    return out


def widget(name: str, spec: Spec, refs: Refs) -> dict:
    options = refs.options(name, spec)
    if options is not None:
        return _select(options, spec.kind == "list", spec.limits)
    builder = WIDGETS[spec.kind]
    return builder(name, spec, refs)


def _select(options, multiple: bool, limits: dict) -> dict:
    out = {"widget": "select", "options": list(options), "multiple": multiple}
    if multiple:
        out.update(_counts(limits))
    return out


def _counts(limits: dict) -> dict:
    out = {}
    if "min_length" in limits:
        out["min"] = limits["min_length"]
    if "max_length" in limits:
        out["max"] = limits["max_length"]
    return out


def _string(name, spec, refs) -> dict:
    limits = spec.limits
    long_text = "pattern" not in limits and limits.get("max_length", 10**6) > 300
    out: dict = {"widget": "text" if long_text else "string"}
    if "pattern" in limits:
        out["pattern"] = [limits["pattern"], PATTERN_MESSAGE]
    return out


def number_kind(name: str, spec: Spec) -> str:
    """How a number is written in the form (macros/sunting/angka.js): rupiah, skor, persen, tahun, bulat or umum.

    A score or percentage field cannot hold thousands, so there `3.197` is read as 3,197.
    """
    top = spec.limits.get("le")
    if name in schema.RUPIAH_FIELDS:
        return "rupiah"
    if spec.kind == "int":
        return "tahun" if spec.limits.get("ge") == 1945 else "bulat"
    if top is not None and top <= 4:
        return "skor"
    if top is not None and top <= 100:
        return "persen"
    return "umum"


def _number(name, spec, refs) -> dict:
    out = {"widget": "angka", "value_type": "int" if spec.kind == "int" else "float", "jenis": number_kind(name, spec)}
    if "ge" in spec.limits:
        out["min"] = spec.limits["ge"]
    if "le" in spec.limits:
        out["max"] = spec.limits["le"]
    return out


def _date(name, spec, refs) -> dict:
    """Dates as Indonesians write them ("31 Maret 2025", "31-03-2025"), saved as YYYY-MM-DD (macros/sunting/isian-tanggal.js)."""
    return {"widget": "tanggal"}


def _choice(name, spec, refs) -> dict:
    return _select(refs.labelled(spec.choices), False, {})


def _list(name, spec, refs) -> dict:
    item = spec.item
    if item.kind == "choice":
        return _select(refs.labelled(item.choices), True, spec.limits)
    out = {"widget": "list", "collapsed": True, **_counts(spec.limits)}
    if item.kind == "model":
        out["fields"] = model_fields(item.model, refs)
        present = [k for k in SUMMARY_KEYS if k in item.model.model_fields]
        shown = ([k for k in present if item.model.model_fields[k].is_required()] or present)[
            :2
        ]  # never "label · " with nothing after
        if shown:
            out["summary"] = " · ".join("{{fields." + k + "}}" for k in shown)
    else:
        out["field"] = {"name": "isi", "label": "Isi", **widget("isi", item, refs)}
        out["collapsed"] = False
    return out


def _map(name, spec, refs) -> dict:
    """A map with free keys (years, or scoring elements): the custom widget in sunting.js."""
    key, value = spec.key, spec.item
    out: dict = {
        "widget": "peta",
        "value_type": "int" if value.kind == "int" else "float",
        "key_type": "tahun" if key.kind == "int" else "teks",
        "jenis": number_kind(name, value),
    }
    for side, s in (("key", key), ("value", value)):
        if "ge" in s.limits:
            out[f"{side}_min"] = s.limits["ge"]
        if "le" in s.limits:
            out[f"{side}_max"] = s.limits["le"]
    if key.kind == "str" and key.limits.get("pattern"):
        out["key_pattern"] = key.limits["pattern"]
    if key.choices:
        out["key_options"] = refs.choices(key.choices)
        out["key_labels"] = {o["value"]: o["label"] for o in refs.labelled(key.choices)}
    if spec.limits.get("min_length"):
        out["min"] = spec.limits["min_length"]
    return out


def _model(name, spec, refs) -> dict:
    return {"widget": "object", "collapsed": False, "fields": model_fields(spec.model, refs)}


def _bool(name, spec, refs) -> dict:
    return {"widget": "boolean"}


WIDGETS = {
    "str": _string,
    "int": _number,
    "float": _number,
    "bool": _bool,
    "date": _date,
    "choice": _choice,
    "list": _list,
    "map": _map,
    "model": _model,
}


def form_order(model: type[BaseModel]) -> list[str]:
    """The model's fields as the form shows them: the kinds-of-missing lists after the fields
    they name, so that a new programme starts with Kode (and is written in that order)."""
    names = list(model.model_fields)
    if issubclass(model, schema.WhyEmpty):
        last = [n for n in names if n in schema.WhyEmpty.model_fields]
        names = [n for n in names if n not in last] + last
    return names


def model_fields(model: type[BaseModel], refs: Refs) -> list[dict]:
    return [decap_field(name, model.model_fields[name], refs, model) for name in form_order(model)]
