"""Compiled Jinja templates kept between runs, as Python keeps compiled modules in ``__pycache__``.

Compiling templates is about a tenth of a build's CPU: the theme's (Material's ``base.html`` and
its partials), the region's macros (``macros/masterplan.j2`` alone takes about 0.1 s) and the
print templates, again in every ``mkdocs build``, ``masterplan check`` and ``mkdocs serve``. Jinja
can keep what it compiled (its ``FileSystemBytecodeCache``); this module gives it a safe place and
a key that says everything the compiled code depends on.

What is kept is code that the next run executes, so:

- it lives in this user's own cache folder (``$XDG_CACHE_HOME/masterplan/templates``, else
  ``~/.cache/...``), never in the repository: an editor's commit or a restored CI cache cannot put
  code there. The folder is made private (``0700``) and is not used at all when it is a link,
  belongs to another user or others may write in it;
- an entry is used only for the same template file with the same text (Jinja compares the source's
  checksum) compiled the same way: its key holds the environment's class, every option and filter
  that changes the generated code, and the versions of Python, Jinja and this package's own code.
  The sandbox's compiled code differs from a plain environment's, so the two never share an entry;
- a damaged or unreadable entry is compiled again; a folder that cannot be written leaves
  compiling as it was. Nothing here can fail a build.

Only templates read from files are kept; a chapter of ``docs/`` is compiled in the render stage
with its own limits (``render/templates.py``) and is not. ``MASTERPLAN_TEMPLATE_CACHE=off`` turns
keeping off; a path there puts the entries in that folder instead (the tests use their own).
Entries not written for :data:`KEEP_DAYS` days are removed, at most once a day.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from .owncode import code_digest

log = logging.getLogger("mkdocs.plugins.masterplan")

SETTING = "MASTERPLAN_TEMPLATE_CACHE"
KEEP_DAYS = 30
_PRUNED = ".dibersihkan"  # its time says when old entries were last removed
_PATTERN = "%s.jinja"


class KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, keyed by what the compiled code depends on (see the module's docstring)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), _PATTERN)

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        what = json.dumps([compiled_by(environment, name), name, filename or ""], sort_keys=True)
        bucket = Bucket(environment, hashlib.sha256(what.encode("utf-8")).hexdigest(), self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:  # a full disk or a folder made read-only: compiling works as before
            log.debug("Templat terkompilasi tidak disimpan: %s", exc)


def compiled_by(env: jinja2.Environment, name: str | None) -> dict[str, Any]:
    """Everything of ``env`` that changes the code Jinja generates for template ``name``, as plain data."""

    def named(value: Any) -> str:
        if value is None or isinstance(value, bool | str | int):
            return repr(value)
        function = getattr(value, "__wrapped__", value)
        return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', type(value).__qualname__)}"

    def passes(functions: dict[str, Any]) -> list[list[str]]:
        # The compiler reads whether a filter or test takes the context, and refuses unknown names.
        return sorted([name, str(getattr(f, "jinja_pass_arg", ""))] for name, f in functions.items())

    options = [
        "block_start_string",
        "block_end_string",
        "variable_start_string",
        "variable_end_string",
        "comment_start_string",
        "comment_end_string",
        "line_statement_prefix",
        "line_comment_prefix",
        "trim_blocks",
        "lstrip_blocks",
        "newline_sequence",
        "keep_trailing_newline",
        "optimized",
        "is_async",
        "sandboxed",
        "newstyle_gettext",
    ]
    return {
        "versions": [sys.version, jinja2.__version__, code_digest()],
        "class": named(type(env)),
        "generator": named(env.code_generator_class),
        "context": named(env.context_class),
        "options": {option: repr(getattr(env, option, None)) for option in options},
        # A function deciding by the template's name is asked when compiling, as Jinja's compiler does.
        "autoescape": repr(env.autoescape(name) if callable(env.autoescape) else env.autoescape),
        "policies": sorted(
            [key, repr(value)] for key, value in env.policies.items() if key.startswith(("compiler.", "ext."))
        ),
        "finalize": [named(env.finalize), str(getattr(env.finalize, "jinja_pass_arg", ""))],
        "extensions": sorted(env.extensions),
        "filters": passes(env.filters),
        "tests": passes(env.tests),
        "intercepted": sorted(getattr(env, "intercepted_binops", ())) + sorted(getattr(env, "intercepted_unops", ())),
        "chapter": bool(getattr(env, "compiling_chapter", False)),
    }


def _default_folder() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "masterplan" / "templates"


def _private(folder: Path) -> bool:
    """``folder`` exists (made if not), is a real folder of this user, and nobody else may write in it."""
    if not hasattr(os, "getuid"):
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        found = os.lstat(folder)
        if stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and found.st_mode & 0o077:
            os.chmod(folder, 0o700)
            found = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and not found.st_mode & 0o077


def _prune(folder: Path) -> None:
    """Remove entries not written for :data:`KEEP_DAYS` days, at most once a day."""
    marker = folder / _PRUNED
    now = time.time()
    try:
        if now - marker.stat().st_mtime < 86400:
            return
    except FileNotFoundError:
        pass
    try:
        marker.touch()
        for entry in os.scandir(folder):
            if entry.name.endswith(".jinja") and now - entry.stat().st_mtime > KEEP_DAYS * 86400:
                os.unlink(entry.path)
    except OSError as exc:
        log.debug("Templat terkompilasi lama tidak dihapus: %s", exc)


@functools.cache
def _kept_in(setting: str) -> KeptTemplates | None:
    if setting.strip().lower() in ("off", "0", "tidak", "no"):
        return None
    folder = Path(setting).expanduser() if setting.strip() else _default_folder()
    if not _private(folder):
        log.debug(
            "Folder templat terkompilasi %s tidak aman atau tidak bisa dibuat; templat dikompilasi ulang.", folder
        )
        return None
    _prune(folder)
    return KeptTemplates(folder)


def kept() -> KeptTemplates | None:
    """Where this run's environments keep compiled templates, or None when keeping is off or unsafe here."""
    return _kept_in(os.environ.get(SETTING, ""))


def keep_compiled(env: jinja2.Environment) -> jinja2.Environment:
    """``env``, now keeping its compiled templates (:func:`kept`)."""
    env.bytecode_cache = kept()
    return env
