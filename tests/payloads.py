"""Breakout payloads in every free-text field of every data file, found from the pydantic models.

A field is free text when the model types it as ``str`` without a pattern (ids, codes and links
have patterns). Fields that are references to other entries (``misi: list[str]``) are free text
to the model but not to validation; they are found by validating and put back, so the result
is a valid region whose every other text field holds the payload.
"""

from __future__ import annotations

import copy
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fixtures import dump, region, write_region
from masterplan import fieldtypes, schema
from masterplan.derive import pipeline
from masterplan.load import yamlfiles

# Each part tries another way out: the <title>, a <textarea>, an attribute, a tag with an event
# handler, a `javascript:` link, a template expression. All of them set window.__pwned or the title.
PAYLOAD = (
    '</title><script>window.__pwned=1;document.title="DIBOBOL"</script>'
    '</textarea><img src=x onerror="window.__pwned=2;alert(2)">'
    "\"><svg onload=window.__pwned=3>' onfocus='window.__pwned=4' autofocus x='"
    " [klik](javascript:window.__pwned=5) {{ 7*7 }}"
)
# For link fields (pattern `https?://...\S+`): no space, so it passes the pattern, yet tries to leave the href.
LINK_PAYLOAD = 'https://contoh.test/"><script>window.__pwned=6</script><img/src=x/onerror=window.__pwned=7>'
MISSING = object()


_unwrap = fieldtypes.peel  # (inner type, constraints met on the way)


def _is_free_text(annotation: Any, meta: list) -> bool:
    inner, more = _unwrap(annotation)
    return inner is str and not any(getattr(m, "pattern", None) for m in meta + more)


def _is_link(annotation: Any, meta: list) -> bool:
    inner, more = _unwrap(annotation)
    return inner is str and any("https?" in (getattr(m, "pattern", None) or "") for m in meta + more)


def _model(annotation: Any) -> type[BaseModel] | None:
    inner, _ = _unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def inject(data: dict, model: type[BaseModel] | None, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Put PAYLOAD in every free-text field of ``data`` (in place); returns (path, old value) of each."""
    assert model is not None, f"no model for {path or 'this file'}"
    changed = []
    for name, field in model.model_fields.items():
        value = data.get(name, MISSING)
        annotation, meta = field.annotation, list(field.metadata)
        inner, _ = _unwrap(annotation)
        origin, args = typing.get_origin(inner), typing.get_args(inner)
        if _is_free_text(annotation, meta):
            changed.append((path + (name,), value))
            data[name] = PAYLOAD
        elif _is_link(annotation, meta):
            changed.append((path + (name,), value))
            data[name] = LINK_PAYLOAD
        elif origin is list and args and _is_free_text(args[0], []):
            changed.append(
                (path + (name,), value if value is MISSING else copy.deepcopy(value))
            )  # an absent list stays absent when put back
            data[name] = [PAYLOAD] * max(1, len(value) if isinstance(value, list) else 0)
        elif _model(annotation) and isinstance(value, dict):
            changed += inject(value, _model(annotation), path + (name,))
        elif origin is list and args and _model(args[0]) and isinstance(value, list):
            for i, item in enumerate(value):
                changed += inject(item, _model(args[0]), path + (name, i))
        elif origin is dict and args and _model(args[-1]) and isinstance(value, dict):
            for key, item in value.items():
                changed += inject(item, _model(args[-1]), path + (name, key))
    return changed


def _put_back(data: dict, path: tuple, old: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    if old is MISSING:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = old


def hostile_region(root: Path, rounds: int = 6) -> tuple[Path, int]:
    """Write the fixture region with the payload everywhere validation allows; returns (data dir, fields)."""
    files = region()
    changed = {rel: inject(content, schema.model_for(rel)) for rel, content in files.items()}
    for _ in range(rounds):
        data_dir = write_region(root, files)
        _, problems = pipeline.check(data_dir, root)
        errors = [p for p in problems if not p.is_warning]
        if not errors:
            return data_dir, sum(len(c) for c in changed.values())
        for rel, content in files.items():
            doc, _ = yamlfiles.load_text(dump(content), f"data/{rel}")
            bad_lines = {p.line for p in errors if p.file == f"data/{rel}"}
            keep = []
            for path, old in changed[rel]:
                lines = {line for sub, line in doc.lines.items() if sub[: len(path)] == path} or {doc.line_of(path)}
                if lines & bad_lines:
                    _put_back(content, path, old)  # a reference field: it must name a real entry
                else:
                    keep.append((path, old))
            changed[rel] = keep
    raise AssertionError(f"payload region still invalid: {errors[:5]}")
