"""``masterplan baru``: add a programme or an agency with the next free id, keeping comments.

ruamel.yaml's round-trip mode keeps the editor's comments, order and quoting; the
new entry is validated with the rest of the data before the file is kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import pipeline
from .errors import MasterplanError, Problem, shown_path

PREFIXES = {"governance": "GOV", "branding": "BRD", "economy": "ECO", "living": "LIV", "society": "SOC", "environment": "ENV"}


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def next_programme_id(ids: list[str], dimension: str) -> str:
    numbers: dict[str, list[int]] = {}
    for pid in ids:
        found = re.match(r"^([A-Z][A-Z0-9]*)-(\d+)$", str(pid))
        if found:
            numbers.setdefault(found.group(1), []).append(int(found.group(2)))
    prefix = max(numbers, key=lambda k: len(numbers[k])) if numbers else PREFIXES[dimension]
    return f"{prefix}-{max(numbers.get(prefix, [0])) + 1:02d}"


def _write_checked(path: Path, data, data_dir: Path, root: Path) -> None:
    """Write, validate everything, and put the old text back if the new entry is wrong."""
    original = path.read_text(encoding="utf-8") if path.exists() else None
    with path.open("w", encoding="utf-8") as handle:
        _yaml().dump(data, handle)
    _, problems = pipeline.check(data_dir, root)
    if problems:
        if original is None:
            path.unlink()
        else:
            path.write_text(original, encoding="utf-8")
        raise MasterplanError(problems)


def add_programme(data_dir: Path, dimension: str, fields: dict, root: Path | None = None) -> str:
    root = root or data_dir.parent
    path = data_dir / "program" / f"{dimension}.yml"
    if path.exists():
        data = _yaml().load(path.read_text(encoding="utf-8"))
    else:
        data = CommentedMap(dimensi=dimension, program=CommentedSeq())
    if data.get("program") is None:
        data["program"] = CommentedSeq()
    pid = next_programme_id([p.get("id") for p in data["program"]], dimension)
    entry = CommentedMap(id=pid)
    entry.update({k: v for k, v in fields.items() if v not in (None, "", [], ())})
    entry.setdefault("status", "belum-mulai")
    entry.setdefault("progres", 0)
    entry.setdefault("ilustratif", True)
    data["program"].append(entry)
    _write_checked(path, data, data_dir, root)
    return pid


def add_agency(data_dir: Path, fields: dict, root: Path | None = None) -> str:
    root = root or data_dir.parent
    path = data_dir / "opd.yml"
    data = _yaml().load(path.read_text(encoding="utf-8"))
    ids = {str(o.get("id")) for o in data["opd"]}
    if fields["id"] in ids:
        line = next(i for i, o in enumerate(data["opd"]) if o.get("id") == fields["id"])
        raise MasterplanError([Problem(shown_path(path, root), data["opd"][line].lc.line + 1, f"kode OPD `{fields['id']}` sudah ada; pilih kode lain.")])
    data["opd"].append(CommentedMap((k, v) for k, v in fields.items() if v))
    _write_checked(path, data, data_dir, root)
    return fields["id"]
