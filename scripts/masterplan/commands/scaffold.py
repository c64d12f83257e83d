"""``masterplan baru``: add a programme or an agency with the next free id, keeping comments.

ruamel.yaml's round-trip mode keeps the editor's comments, order and quoting. The new
entry is written like its neighbours (their key order, flow or block lists, folded long
text, blank lines between entries) and validated with the rest of the data before the
file is kept; when it adds a problem the file is put back and the error carries the
entry as ready-to-paste YAML, so no answer is lost.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from .. import framework
from ..derive import pipeline
from ..errors import MasterplanError, Problem, shown_path

PREFIXES = {**framework.PREFIXES, framework.NO_DIMENSION: framework.NO_DIMENSION_PREFIX}
FOLD_WIDTH = 76


class ScaffoldError(MasterplanError):
    """The new entry was refused; ``entry_text`` holds it as YAML to paste after fixing.

    ``file`` and ``entry_line`` say where the entry stood in the file that was tried, so
    problems inside it can be shown at their line in the saved answers instead.
    """

    def __init__(self, problems: list[Problem], entry_text: str, file: str = "", entry_line: int = 0):
        super().__init__(problems)
        self.entry_text = entry_text
        self.file = file
        self.entry_line = entry_line

    def moved_to(self, saved: str) -> ScaffoldError:
        """The same problems, those inside the entry pointing at ``saved`` (which holds only the entry)."""
        inside = lambda p: p.file == self.file and self.entry_line and p.line >= self.entry_line  # noqa: E731
        problems = [Problem(saved, p.line - self.entry_line + 1, p.message) if inside(p) else p for p in self.problems]
        return ScaffoldError(problems, self.entry_text)


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def next_programme_id(ids: Iterable[object], dimension: str) -> str:
    numbers: dict[str, list[int]] = {}
    for pid in ids:
        found = re.match(r"^([A-Z][A-Z0-9]*)-(\d+)$", str(pid))
        if found:
            numbers.setdefault(found.group(1), []).append(int(found.group(2)))
    prefix = max(numbers, key=lambda k: len(numbers[k])) if numbers else PREFIXES[dimension]
    return f"{prefix}-{max(numbers.get(prefix, [0])) + 1:02d}"


# ---------------------------------------------------------------- an entry like its neighbours


def _key_order(neighbours: list) -> list[str]:
    order: list[str] = []
    for entry in neighbours:
        for key in entry if isinstance(entry, dict) else ():
            if key not in order:
                order.append(key)
    return order


def _list_style(key: str, neighbours: list, values: list) -> bool:
    """Flow style (`[a, b]`) when the neighbours write this key so, or for short codes."""
    for entry in reversed(neighbours):
        seq = entry.get(key) if isinstance(entry, dict) else None
        if isinstance(seq, CommentedSeq) and len(seq) and seq.fa.flow_style() is not None:
            return bool(seq.fa.flow_style())
    return all(isinstance(v, (int, float)) or (isinstance(v, str) and " " not in v) for v in values)


def _folded(text: str) -> FoldedScalarString:
    folded = FoldedScalarString(text)
    positions, line_start = [], 0
    for found in re.finditer(" ", text):
        nxt = text.find(" ", found.start() + 1)
        end = len(text) if nxt < 0 else nxt
        if end - line_start > FOLD_WIDTH:
            positions.append(found.start())
            line_start = found.start() + 1
    folded.fold_pos = positions
    return folded


def _styled(key: str, value, neighbours: list):
    if isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style() if _list_style(key, neighbours, value) else seq.fa.set_block_style()
        return seq
    if (
        isinstance(value, str)
        and len(value) > FOLD_WIDTH
        and "\n" not in value
        and any(isinstance(e, dict) and isinstance(e.get(key), FoldedScalarString) for e in neighbours)
    ):
        return _folded(value)
    return value


def build_entry(first: dict, fields: dict, neighbours: list, model_order: list[str]) -> CommentedMap:
    """``first`` (the id) then ``fields`` in the neighbours' key order; unknown keys in model order."""
    order = _key_order(neighbours)
    values = {**first, **{k: v for k, v in fields.items() if v is not None}}

    def rank(key: str) -> tuple[int, int]:
        if key in order:
            return (0, order.index(key))
        return (1, model_order.index(key) if key in model_order else len(model_order))

    return CommentedMap((k, _styled(k, values[k], neighbours)) for k in sorted(values, key=rank))


def entry_text(entry: CommentedMap) -> str:
    """The entry as a YAML list item, ready to paste under the file's list."""
    out = io.StringIO()
    _yaml().dump(CommentedSeq([entry]), out)
    return out.getvalue()


def _blank_line_between(text: str) -> bool:
    """Do the file's entries (`- id:` at the start of a line) stand apart by a blank line?"""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("- id:")]
    return len(starts) > 1 and all(lines[i - 1].strip() == "" for i in starts[1:])


def _dump(data, entry_id: str, spaced: bool) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    text = out.getvalue()
    if spaced:
        text = re.sub(rf"(?m)(?<=[^\n]\n)(- id: {re.escape(entry_id)}\n)", r"\n\1", text)
    return text


def _write_checked(path: Path, text: str, data_dir: Path, root: Path, entry: CommentedMap, entry_id: str) -> None:
    """Write, validate everything, and put the old text back if the new entry added a problem."""
    original = path.read_text(encoding="utf-8") if path.exists() else None
    _, before = pipeline.check(data_dir, root)
    path.write_text(text, encoding="utf-8")
    _, after = pipeline.check(data_dir, root)
    added = sorted(p for p in set(after) - set(before) if not p.is_warning)  # warnings do not undo an edit
    if added:
        if original is None:
            path.unlink()
        else:
            path.write_text(original, encoding="utf-8")
        start = text.splitlines().index(f"- id: {entry_id}") + 1
        raise ScaffoldError(added, entry_text(entry), shown_path(path, root), start)


def _load(path: Path, empty: CommentedMap):
    data = _yaml().load(path.read_text(encoding="utf-8")) if path.exists() else None
    return data if isinstance(data, CommentedMap) else empty


def add_programme(
    data_dir: Path, dimension: str, fields: dict, root: Path | None = None, model_order: list[str] | None = None
) -> str:
    root = root or data_dir.parent
    path = data_dir / "program" / f"{dimension}.yml"
    data = _load(path, CommentedMap(dimensi=dimension, program=CommentedSeq()))
    if not isinstance(data.get("program"), CommentedSeq):
        data["program"] = CommentedSeq()
    programmes = data["program"]
    pid = next_programme_id([p.get("id") for p in programmes if isinstance(p, dict)], dimension)
    entry = build_entry({"id": pid}, fields, list(programmes), model_order or list(fields))
    spaced = path.exists() and _blank_line_between(path.read_text(encoding="utf-8"))
    programmes.append(entry)
    _write_checked(path, _dump(data, pid, spaced), data_dir, root, entry, pid)
    return pid


def add_agency(data_dir: Path, fields: dict, root: Path | None = None, model_order: list[str] | None = None) -> str:
    root = root or data_dir.parent
    path = data_dir / "opd.yml"
    # A new region has no opd.yml yet (`masterplan baru wilayah` writes none): the first agency starts it.
    data = _load(path, CommentedMap(opd=CommentedSeq()))
    if not isinstance(data.get("opd"), CommentedSeq):
        data["opd"] = CommentedSeq()
    agencies = data["opd"]
    entry = build_entry({"id": fields["id"]}, fields, list(agencies), model_order or list(fields))
    for existing in agencies:
        if existing.get("id") == fields["id"]:
            where = Problem(
                shown_path(path, root), existing.lc.line + 1, f"kode OPD `{fields['id']}` sudah ada; pilih kode lain."
            )
            raise ScaffoldError([where], entry_text(entry))
    spaced = path.exists() and _blank_line_between(path.read_text(encoding="utf-8"))
    agencies.append(entry)
    _write_checked(path, _dump(data, fields["id"], spaced), data_dir, root, entry, fields["id"])
    return fields["id"]


def existing_agency(data_dir: Path, agency_id: str) -> str | None:
    """The name of the agency that already uses ``agency_id``, if any (read leniently)."""
    from .questions import data_choices

    return next((label or agency_id for value, label in data_choices(data_dir)["opd"] if value == agency_id), None)


def save_answers(root: Path, stem: str, text: str) -> Path:
    """Keep refused answers in ``jawaban-<stem>.yml`` (numbered when that file exists already)."""
    target = root / f"jawaban-{stem}.yml"
    n = 2
    while target.exists():
        target = root / f"jawaban-{stem}-{n}.yml"
        n += 1
    target.write_text(text, encoding="utf-8")
    return target
