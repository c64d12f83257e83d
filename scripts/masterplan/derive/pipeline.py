"""The stages in order. ``prepare`` runs load -> validate -> derive (no MkDocs).

The MkDocs plugin and the CLI both start here, so ``masterplan check`` and
``mkdocs build`` report the very same problems.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import MasterplanError, Problem, shown_path
from ..load import gitread, inputs, yamlfiles
from ..validate import checker, printchars
from ..validate.plan import Masterplan
from . import compare, revisions, versioncache, versions, views


def check(data_dir: Path, root: Path | None = None) -> tuple[Masterplan | None, list[Problem]]:
    """Load and validate; return the masterplan (None when there is an error) and every problem.

    The problems include warnings (``Problem.is_warning``) when the data is valid.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    if data_dir.is_symlink():  # named, never followed (inputs.py)
        return None, inputs.regular_files(data_dir, root)[1]
    if not data_dir.is_dir():
        shown = shown_path(data_dir, root)
        return None, [
            Problem(
                shown,
                1,
                f"folder data `{shown}` tidak ditemukan; jalankan perintah dari folder proyek atau pakai --data.",
            )
        ]
    documents, problems = yamlfiles.load_dir(data_dir, root)
    problems += printchars.document_problems(documents)  # before the books fail on them
    plan, more = checker.validate(documents, shown_path(data_dir, root))
    if any(not p.is_warning for p in problems):
        plan = None
    if plan is not None:
        missing_tags = revisions.check_tags(plan, root)
        if missing_tags:
            return None, problems + more + missing_tags
    return plan, problems + more


def prepare(
    data_dir: Path, root: Path | None = None, warnings: list[Problem] | None = None, docs_dir: Path | None = None
) -> views.View:
    """load -> validate -> derive; raises :class:`MasterplanError` with all problems.

    Warnings do not stop the build; ``masterplan check`` prints them, and they are
    appended to ``warnings`` when a list is given (the MkDocs plugin logs them).
    A draft amendment also gets its comparison with the enacted text (``view.comparison``).
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    return derived(validated(data_dir, root, warnings), root, data_dir, Path(docs_dir) if docs_dir else root / "docs")


def validated(data_dir: Path, root: Path, warnings: list[Problem] | None = None) -> Masterplan:
    """load -> validate: the masterplan, or :class:`MasterplanError` with every problem."""
    plan, problems = check(data_dir, root)
    if plan is None:
        raise MasterplanError(problems)
    if warnings is not None:
        warnings.extend(p for p in problems if p.is_warning)
    return plan


def derived(
    plan: Masterplan,
    root: Path,
    data_dir: Path,
    docs_dir: Path,
    store: versioncache.VersionStore = versioncache.NO_STORE,
) -> views.View:
    """derive: the views, a draft amendment's comparison with the enacted text it amends, and every enacted
    version's open data (kept in ``store`` between builds)."""
    view = views.derive(plan)
    view.comparison = compare_enacted(view, root, data_dir, docs_dir)
    view.open_data = versions.open_data_versions(
        view, root, shown_path(data_dir, root), shown_path(docs_dir, root), store
    )
    return view


def compare_enacted(view: views.View, root: Path, data_dir: Path, docs_dir: Path) -> compare.Comparison | None:
    """The draft against the enacted revision it amends (``regulasi.mengubah``); None for a draft that amends nothing."""
    tag = revisions.amended_tag(view.plan)
    if tag is None:
        return None
    data_rel = shown_path(data_dir, root)
    docs_rel = shown_path(docs_dir, root)
    try:
        enacted = versions.read_enacted(
            root, tag, data_rel, docs_rel
        )  # read once: the open data publishes the same tag
    except gitread.GitError as exc:
        raise MasterplanError([revisions.git_problem(view.plan, tag, str(exc))]) from None
    if enacted.plan is None:
        raise MasterplanError(enacted.problems + [revisions.enacted_problem(view.plan, enacted)])
    # The chapters are compared as read, after their macros ran: the render stage does it (templates.render_all).
    comparison = compare.compare(enacted.plan, view.plan, None, None, tag, view.words.mengubah or tag)
    comparison.enacted_chapters = enacted.chapters
    return comparison


def open_fields_as_problems(completeness) -> list[Problem]:
    """For ``check --final``: every field still open becomes an error at its file and line."""
    return [
        Problem(
            item.file,
            item.line,
            f"{item.key} ({item.label}): belum ditetapkan: {', '.join(item.open_fields)}; lengkapi sebelum peraturan ditetapkan.",
        )
        for item in completeness.items
        if item.open_fields
    ]
