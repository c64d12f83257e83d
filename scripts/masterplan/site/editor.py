"""The form editor at ``/sunting/``: a Decap CMS configuration generated from the schema.

Every form comes from the pydantic models in :mod:`schema` at run time; how one field becomes a
widget (labels, help text, choices, constraints, pick-lists of the ids in the current data) is
:mod:`.editorfields`. Here: the editor's options, its collections (one entry per data file) and
``config.yml``, and who refers to each code. Nothing here lists a data field by hand; which names
are references is ``schema.REFERENCES``.

``write_site`` puts the page, the generated ``config.yml`` and the editor's scripts
(Decap CMS and the ``yaml`` library, copied from ``node_modules``) into the built site.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel

from .. import schema
from ..derive import references
from . import csp
from .editorfields import EditorError, choice_label, model_fields, refs_for

FORMAT = "masterplan-yml"  # registered in macros/sunting/sunting.js


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


# ------------------------------------------------------------------ collections and config

# The site page that shows each single data file (under docs/): "Lihat pratinjau" opens it in the
# draft's preview instead of the home page. Programme files open their dimension's page.
PREVIEW_PAGES = {
    "wilayah.yml": "index.md",
    "visi-misi.yml": "index.md",
    "dimensi.yml": "dimensi/index.md",
    "opd.yml": "opd/index.md",
    "peta-jalan.yml": "peta-jalan.md",
    "analisis.yml": "buku-1/index.md",
    "monev.yml": "monev.md",
}


def preview_path(page: str) -> str:
    """A page under docs/ as its address in the built site (``use_directory_urls: false``)."""
    return re.sub(r"\.md$", ".html", page)


def file_title(model: type[BaseModel]) -> str:
    """ "Berkas `data/opd.yml`: daftar OPD" -> "Daftar OPD"."""
    doc = (model.__doc__ or model.__name__).strip().split("\n")[0]
    text = doc.split(":", 1)[-1].strip().rstrip(".")
    return text[:1].upper() + text[1:]


def programme_files(plan, data_dir: str, words: dict) -> list[dict]:
    names = {d.id: f"{d.nama} ({d.nama_id})" for d in plan.dimensi.dimensi}
    order = {d: i for i, d in enumerate(schema.DIMENSION_ORDER)}
    files = sorted(plan.program_files.items(), key=lambda kv: order.get(kv[1].dimensi, 99))
    return [
        {
            "name": Path(rel).stem,
            "label": f"Program {names.get(pf.dimensi) or choice_label(pf.dimensi).lower()}",
            "file": f"{data_dir}/{rel}",
            "preview_path": preview_path(f"dimensi/{pf.dimensi}.md") if pf.dimensi in names else "program/index.html",
            "fields": model_fields(schema.ProgramFile, refs_for(plan, pf.dimensi, words)),
        }
        for rel, pf in files
    ]


def single_files(plan, data_dir: str, words: dict) -> list[dict]:
    refs = refs_for(plan, None, words)
    return [
        {
            "name": Path(rel).stem,
            "label": file_title(model),
            "file": f"{data_dir}/{rel}",
            **({"preview_path": preview_path(PREVIEW_PAGES[rel])} if rel in PREVIEW_PAGES else {}),
            "fields": model_fields(model, refs),
        }
        for rel, model in schema.SINGLE_FILES.items()
    ]


def decap_config(plan, options: Options, words: dict | None = None, data_dir: str = "data") -> dict:
    words = words or {}
    # "Ubah {{path}} lewat editor formulir" is replaced in the browser by what the save changed
    # ("Program ECO-03 Pasar Digital: progres, realisasi 2026", macros/sunting/ringkasan.js).
    # squash_merges: "Terbitkan" lands one commit on the branch, not the draft's intermediate ones.
    backend = {
        "name": "github",
        "repo": options.repo,
        "branch": options.branch,
        "squash_merges": True,
        "commit_messages": {
            "create": "Tambah {{collection}} “{{slug}}” lewat editor formulir",
            "update": "Ubah {{path}} lewat editor formulir",
            "delete": "Hapus {{path}} lewat editor formulir",
        },
    }
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
            {
                "name": "program",
                "label": "Program",
                "label_singular": "Berkas program",
                "delete": False,
                "create": False,
                "description": "Program dan inovasi per dimensi: status, progres, indikator dengan target dan realisasi per tahun.",
                "files": programme_files(plan, data_dir, words),
                **common,
            },
            {
                "name": "data",
                "label": "Data masterplan",
                "label_singular": "Berkas data",
                "delete": False,
                "create": False,
                "description": "Wilayah, visi dan misi, dimensi, OPD, peta jalan, analisis dan hasil evaluasi (monev).",
                "files": single_files(plan, data_dir, words),
                **common,
            },
        ],
    }
    if options.site_url:
        config["site_url"] = config["display_url"] = options.site_url
    return config


# The form editor's entries ("collection/file") that hold each kind of code; a programme's entry is its file's.
CODE_ENTRIES = {
    "opd": "data/opd",
    "misi": "data/visi-misi",
    "arah_kebijakan": "data/visi-misi",
    "elemen": "data/dimensi",
}


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
    key = json.dumps(config, ensure_ascii=False, default=repr)  # `mkdocs serve`: the same config is not dumped again
    if _LAST_CONFIG[0] != key:
        header = "# Dibuat otomatis dari scripts/masterplan/schema.py saat build; jangan disunting.\n"
        text = header + yaml.dump(config, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)
        _LAST_CONFIG[:] = [key, text]
    return _LAST_CONFIG[1]


_LAST_CONFIG = ["", ""]  # (the config as JSON, its YAML)


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Shared pick-lists are written out each time: the config stays readable without anchors. LibYAML's
    emitter when PyYAML has it (some five times faster; the same text for the sample's and the bench's configs)."""

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


def write_site(site_dir: Path, root: Path, page_dir: Path, view, options: Options, copy=shutil.copyfile) -> Path:
    """Write ``sunting/`` into the built site; returns the folder. ``copy(source, target)`` copies one file
    (``mkdocs serve`` passes one that leaves an unchanged copy as it is)."""
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
            copy(src, out / src.name)
    yaml_dist = modules / "yaml" / "browser" / "dist"
    made: set[Path] = set()  # each folder made once, not once per file in it
    for src in sorted(yaml_dist.rglob("*")):
        if src.is_file():
            target = out / "yaml" / src.relative_to(yaml_dist)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            copy(src, target)
    copy(modules / "yaml" / "LICENSE", out / "yaml" / "LICENSE")
    for src in sorted(page_dir.iterdir()):
        if src.suffix in (".js", ".css"):
            copy(src, out / src.name)
    page = (page_dir / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{ csp }}", page_policy(options))
    (out / "index.html").write_text(page, encoding="utf-8")
    config = decap_config(view.plan, options, dataclasses.asdict(view.words))
    (out / "config.yml").write_text(config_yaml(config), encoding="utf-8")
    (out / "rujukan.json").write_text(
        json.dumps(references_by_entry(view.plan), ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
    return out
