"""The form editor at ``/sunting/``: a Decap CMS configuration generated from the schema.

Every form comes from the pydantic models in :mod:`schema` at run time: labels from the
field names, help text from the field descriptions, choices from ``Literal`` types,
required/pattern/min/max from the types' constraints, and the references (elements,
agencies, missions, policy directions) as pick-lists of the ids in the current data.
Nothing here lists a data field by hand; which names are references is ``schema.REFERENCES``.

``write_site`` puts the page, the generated ``config.yml`` and the editor's scripts
(Decap CMS and the ``yaml`` library, copied from ``node_modules``) into the built site.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .. import fieldtypes, framework, schema
from ..derive import references
from . import csp

FORMAT = "masterplan-yml"  # registered in macros/sunting/sunting.js
LABELS = {"id": "Kode", "opd": "OPD", "nama_id": "Nama (bahasa Indonesia)", "url": "URL"}
PATTERN_MESSAGE = "Format belum sesuai; lihat petunjuk di bawah nama kolom."
# Fields the form offers as a choice of existing codes beyond schema.REFERENCES (which `check`
# validates as references): a recommendation's follow-up programmes, picked by code and name.
FORM_REFERENCES = {"program_tindak_lanjut": "program"}
SUMMARY_KEYS = ("id", "nama", "teks", "label", "indikator", "tahun", "tahap", "uraian", "dimensi")


class EditorError(Exception):
    """The editor cannot be built (e.g. Decap CMS is not installed); message in Indonesian."""


# ------------------------------------------------------------------ options

@dataclass
class Options:
    repo: str  # "owner/name" on GitHub
    branch: str
    auth_url: str = ""  # base_url of an OAuth relay; empty: Decap's default (Netlify)
    local_backend: str = "http://localhost:8081/api/v1"
    site_url: str = ""


def options_from(edit_url: str, auth_url: str, local_backend: str, site_url: str = "") -> Options:
    """Repository and branch from the plugin's ``edit_url`` (``https://github.com/O/R/edit/BRANCH/``)."""
    match = re.match(r"^https://github\.com/([^/]+/[^/]+)/(?:edit|blob)/([^/]+)/?", edit_url or "")
    if not match:
        raise EditorError(
            "mkdocs.yml: editor formulir butuh `edit_url` berbentuk https://github.com/PEMILIK/REPO/edit/CABANG/ "
            f"(sekarang: `{edit_url or 'kosong'}`); isi alamat repositori Anda, atau matikan editor dengan `editor: false`."
        )
    if auth_url and not re.match(r"^https://[^/\s]+/?$", auth_url):
        raise EditorError(
            f"mkdocs.yml: `editor_auth_url` harus alamat https relai masuk tanpa jalur, misalnya "
            f"https://masterplan-masuk.AKUN.workers.dev (sekarang: `{auth_url}`); lihat README, bagian Signing in."
        )
    # Decap compares the pop-up's origin with base_url exactly: no trailing slash.
    return Options(match.group(1), match.group(2), auth_url.rstrip("/"), local_backend, site_url)


# ------------------------------------------------------------------ type analysis

Spec = fieldtypes.Spec  # a field's type with the wrappers removed and the constraints collected


def spec_of(annotation, meta=()) -> Spec:
    """:func:`fieldtypes.spec_of`, refusing a type the form has no widget for."""
    spec = fieldtypes.spec_of(annotation, tuple(meta))
    unknown = spec.unknown()
    if unknown is not None:
        raise EditorError(f"scripts/masterplan/schema.py: tipe `{unknown}` belum dikenal editor formulir (scripts/masterplan/site/editor.py).")
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
        "elemen": [{"value": e.id, "label": e.nama} for d in plan.dimensi.dimensi if dimension in (None, d.id) for e in d.elemen],
        "misi": [_opt(m.id, _short(m.teks)) for m in plan.visi_misi.misi],
        "arah_kebijakan": [_opt(a.id, _short(a.teks)) for a in plan.visi_misi.arah_kebijakan],
    }
    lists["program"] = sorted((_opt(p.id, _short(p.nama)) for pf in plan.program_files.values() for p in pf.program), key=lambda o: o["value"])
    labels = {d.id: f"{d.nama_id} ({d.nama})" for d in plan.dimensi.dimensi}
    return Refs({name: lists[target] for name, target in {**schema.REFERENCES, **FORM_REFERENCES}.items()}, words or {}, labels)


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
    if default is not None and not out["widget"] == "list":
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
    out = {"widget": "text" if long_text else "string"}
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
        shown = ([k for k in present if item.model.model_fields[k].is_required()] or present)[:2]  # never "label · " with nothing after
        if shown:
            out["summary"] = " · ".join("{{fields.%s}}" % k for k in shown)
    else:
        out["field"] = {"name": "isi", "label": "Isi", **widget("isi", item, refs)}
        out["collapsed"] = False
    return out


def _map(name, spec, refs) -> dict:
    """A map with free keys (years, or scoring elements): the custom widget in sunting.js."""
    key, value = spec.key, spec.item
    out = {"widget": "peta", "value_type": "int" if value.kind == "int" else "float", "key_type": "tahun" if key.kind == "int" else "teks",
           "jenis": number_kind(name, value)}
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


WIDGETS = {"str": _string, "int": _number, "float": _number, "bool": _bool, "date": _date,
           "choice": _choice, "list": _list, "map": _map, "model": _model}


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


# ------------------------------------------------------------------ collections and config

# The site page that shows each single data file (under docs/): "Lihat pratinjau" opens it in the
# draft's preview instead of the home page. Programme files open their dimension's page.
PREVIEW_PAGES = {"wilayah.yml": "index.md", "visi-misi.yml": "index.md", "dimensi.yml": "dimensi/index.md", "opd.yml": "opd/index.md",
                 "peta-jalan.yml": "peta-jalan.md", "analisis.yml": "buku-1/index.md", "monev.yml": "monev.md"}


def preview_path(page: str) -> str:
    """A page under docs/ as its address in the built site (``use_directory_urls: false``)."""
    return re.sub(r"\.md$", ".html", page)


def file_title(model: type[BaseModel]) -> str:
    """"Berkas `data/opd.yml`: daftar OPD" -> "Daftar OPD"."""
    doc = (model.__doc__ or model.__name__).strip().split("\n")[0]
    text = doc.split(":", 1)[-1].strip().rstrip(".")
    return text[:1].upper() + text[1:]


def programme_files(plan, data_dir: str, words: dict) -> list[dict]:
    names = {d.id: f"{d.nama} ({d.nama_id})" for d in plan.dimensi.dimensi}
    order = {d: i for i, d in enumerate(schema.DIMENSION_ORDER)}
    files = sorted(plan.program_files.items(), key=lambda kv: order.get(kv[1].dimensi, 99))
    return [
        {"name": Path(rel).stem, "label": f"Program {names.get(pf.dimensi) or choice_label(pf.dimensi).lower()}", "file": f"{data_dir}/{rel}",
         "preview_path": preview_path(f"dimensi/{pf.dimensi}.md") if pf.dimensi in names else "program/index.html",
         "fields": model_fields(schema.ProgramFile, refs_for(plan, pf.dimensi, words))}
        for rel, pf in files
    ]


def single_files(plan, data_dir: str, words: dict) -> list[dict]:
    refs = refs_for(plan, None, words)
    return [
        {"name": Path(rel).stem, "label": file_title(model), "file": f"{data_dir}/{rel}",
         **({"preview_path": preview_path(PREVIEW_PAGES[rel])} if rel in PREVIEW_PAGES else {}), "fields": model_fields(model, refs)}
        for rel, model in schema.SINGLE_FILES.items()
    ]


def decap_config(plan, options: Options, words: dict | None = None, data_dir: str = "data") -> dict:
    words = words or {}
    # "Ubah {{path}} lewat editor formulir" is replaced in the browser by what the save changed
    # ("Program ECO-03 Pasar Digital: progres, realisasi 2026", macros/sunting/ringkasan.js).
    # squash_merges: "Terbitkan" lands one commit on the branch, not the draft's intermediate ones.
    backend = {"name": "github", "repo": options.repo, "branch": options.branch, "squash_merges": True,
               "commit_messages": {"create": "Tambah {{collection}} “{{slug}}” lewat editor formulir",
                                   "update": "Ubah {{path}} lewat editor formulir",
                                   "delete": "Hapus {{path}} lewat editor formulir"}}
    if options.auth_url:
        backend["base_url"] = options.auth_url
    common = {"format": FORMAT, "extension": "yml", "editor": {"preview": False}}
    config = {
        "backend": backend,
        "local_backend": {"url": options.local_backend, "allowed_hosts": ["localhost", "127.0.0.1"]},
        "publish_mode": "editorial_workflow",
        "locale": "id",
        "media_folder": "docs/assets/unggahan",
        "public_folder": "/assets/unggahan",
        "collections": [
            {"name": "program", "label": "Program", "label_singular": "Berkas program", "delete": False, "create": False,
             "description": "Program dan inovasi per dimensi: status, progres, indikator dengan target dan realisasi per tahun.",
             "files": programme_files(plan, data_dir, words), **common},
            {"name": "data", "label": "Data masterplan", "label_singular": "Berkas data", "delete": False, "create": False,
             "description": "Wilayah, visi dan misi, dimensi, OPD, peta jalan, analisis dan hasil evaluasi (monev).",
             "files": single_files(plan, data_dir, words), **common},
        ],
    }
    if options.site_url:
        config["site_url"] = config["display_url"] = options.site_url
    return config


# The form editor's entries ("collection/file") that hold each kind of code; a programme's entry is its file's.
CODE_ENTRIES = {"opd": "data/opd", "misi": "data/visi-misi", "arah_kebijakan": "data/visi-misi", "elemen": "data/dimensi"}


def references_by_entry(plan) -> dict[str, dict[str, list[str]]]:
    """Who points to each code, by the entry the code is deleted in (for macros/sunting/hapus.js):
    ``{"program/governance": {"GOV-02": ["Evaluasi 2025 Tahap I › rekomendasi 1 (program tindak lanjut)"]}}``."""
    programme_entry = {p.id: f"program/{Path(rel).stem}" for rel, pf in plan.program_files.items() for p in pf.program}
    out: dict[str, dict[str, list[str]]] = {}
    for kind, codes in references.referrers(plan).items():
        for code, names in codes.items():
            entry = programme_entry.get(code) if kind == "program" else CODE_ENTRIES[kind]
            if entry:  # a code that exists nowhere is check's problem, not a delete's
                out.setdefault(entry, {})[code] = names
    return out


def config_yaml(config: dict) -> str:
    header = "# Dibuat otomatis dari scripts/masterplan/schema.py saat build; jangan disunting.\n"
    return header + yaml.dump(config, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)


class _NoAliases(yaml.SafeDumper):
    """Shared pick-lists are written out each time: the config stays readable without anchors."""

    def ignore_aliases(self, data) -> bool:
        return True


# ------------------------------------------------------------------ the page in the site

DECAP_FILES = ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")


def find_node_modules(root: Path) -> Path | None:
    """``node_modules`` of the project, or of the repository this package is installed from."""
    for base in (root, Path(__file__).resolve().parents[3]):
        candidate = base / "node_modules"
        if (candidate / "decap-cms" / "dist" / "decap-cms.js").is_file() and (candidate / "yaml" / "browser").is_dir():
            return candidate
    return None


def page_policy(options: Options) -> str:
    """The editor page's own CSP: the site's policy plus what Decap needs, and nothing more.

    'unsafe-eval': Decap compiles its config checks with ``new Function``; ``blob:`` images are
    its previews of local files; connections go to GitHub's API and the loopback local backend.
    """
    return csp.policy({"script-src": ["'unsafe-eval'"], "img-src": ["blob:"], "connect-src": connect_sources(options)})


def connect_sources(options: Options) -> list[str]:
    local = re.match(r"^(https?://[^/]+)", options.local_backend)
    sources = ["'self'", "https://api.github.com"]
    if local:
        origin = local.group(1)
        sources += sorted({origin, origin.replace("localhost", "127.0.0.1"), origin.replace("127.0.0.1", "localhost")})
    return sources


def write_site(site_dir: Path, root: Path, page_dir: Path, view, options: Options) -> Path:
    """Write ``sunting/`` into the built site; returns the folder."""
    modules = find_node_modules(root)
    if modules is None:
        raise EditorError(
            "Editor formulir (/sunting/) tidak dapat dibangun: paket npm `decap-cms` dan `yaml` tidak ada di node_modules. "
            "Jalankan `npm ci` di folder proyek (lihat README), atau matikan editor dengan `editor: false` di mkdocs.yml."
        )
    out = site_dir / "sunting"
    out.mkdir(parents=True, exist_ok=True)
    for pattern in DECAP_FILES:
        for src in sorted((modules / "decap-cms" / "dist").glob(pattern)):
            shutil.copyfile(src, out / src.name)
    shutil.copytree(modules / "yaml" / "browser" / "dist", out / "yaml", dirs_exist_ok=True)
    shutil.copyfile(modules / "yaml" / "LICENSE", out / "yaml" / "LICENSE")
    for src in sorted(page_dir.iterdir()):
        if src.suffix in (".js", ".css"):
            shutil.copyfile(src, out / src.name)
    page = (page_dir / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{ csp }}", page_policy(options))
    (out / "index.html").write_text(page, encoding="utf-8")
    config = decap_config(view.plan, options, dataclasses.asdict(view.words))
    (out / "config.yml").write_text(config_yaml(config), encoding="utf-8")
    (out / "rujukan.json").write_text(json.dumps(references_by_entry(view.plan), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return out
