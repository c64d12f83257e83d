"""The stages in order. ``prepare`` runs load -> validate -> derive (no MkDocs).

The MkDocs plugin and the CLI both start here, so ``masterplan check`` and
``mkdocs build`` report the very same problems.
"""

from __future__ import annotations

from pathlib import Path

from . import derive, load, printchars, validate
from .errors import MasterplanError, Problem, shown_path


def check(data_dir: Path, root: Path | None = None) -> tuple[validate.Masterplan | None, list[Problem]]:
    """Load and validate; return the masterplan (None when there is an error) and every problem.

    The problems include warnings (``Problem.is_warning``) when the data is valid.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    if data_dir.is_symlink():  # named, never followed (inputs.py)
        return None, load.inputs.regular_files(data_dir, root)[1]
    if not data_dir.is_dir():
        shown = shown_path(data_dir, root)
        return None, [Problem(shown, 1, f"folder data `{shown}` tidak ditemukan; jalankan perintah dari folder proyek atau pakai --data.")]
    documents, problems = load.load_dir(data_dir, root)
    problems += printchars.document_problems(documents)  # before the books fail on them
    plan, more = validate.validate(documents, shown_path(data_dir, root))
    if any(not p.is_warning for p in problems):
        plan = None
    return plan, problems + more


def prepare(data_dir: Path, root: Path | None = None, warnings: list[Problem] | None = None) -> derive.View:
    """load -> validate -> derive; raises :class:`MasterplanError` with all problems.

    Warnings do not stop the build; ``masterplan check`` prints them, and they are
    appended to ``warnings`` when a list is given (the MkDocs plugin logs them).
    """
    plan, problems = check(data_dir, root)
    if plan is None:
        raise MasterplanError(problems)
    if warnings is not None:
        warnings.extend(p for p in problems if p.is_warning)
    return derive.derive(plan)


def open_fields_as_problems(completeness) -> list[Problem]:
    """For ``check --final``: every field still open becomes an error at its file and line."""
    return [
        Problem(item.file, item.line, f"{item.key} ({item.label}): belum ditetapkan: {', '.join(item.open_fields)}; lengkapi sebelum peraturan ditetapkan.")
        for item in completeness.items if item.open_fields
    ]

