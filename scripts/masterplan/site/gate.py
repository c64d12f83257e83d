"""``masterplan check``: the build minus writing.

The check runs ``mkdocs build`` itself, in this process, with the project's own
``mkdocs.yml``: every stage the build runs (load, validate, derive, render, books,
site) runs here in the same order on the same input, into a scratch folder that is
removed afterwards. The site is never replaced and no PDF is added to the cache. So
a problem the build can meet, the check meets, at the same ``file:line``, by
construction and not by keeping two lists of checks in step.

A folder without ``mkdocs.yml`` (a region's data alone) gets the stages that need no
site configuration: load -> validate -> derive -> render (:mod:`masterplan.render.stages`).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..derive import views
from ..errors import MasterplanError, Problem
from ..render import stages
from . import buildlog

CONFIG = "mkdocs.yml"


@dataclass
class Outcome:
    """What the check found: the view when the data is valid, every problem (warnings included)."""

    view: views.View | None
    problems: list[Problem] = field(default_factory=list)


def check(root: Path, data_dir: Path, docs_dir: Path) -> Outcome:
    """Every problem the build of ``root`` would meet, with nothing written."""
    root = Path(root)
    if not (root / CONFIG).is_file():
        return _stages_only(stages.Sources(root, Path(data_dir), Path(docs_dir), root / "macros"))
    return _build_without_writing(root, Path(data_dir), Path(docs_dir))


def _stages_only(sources: stages.Sources) -> Outcome:
    try:
        rendered = stages.run(sources)
    except MasterplanError as exc:
        return Outcome(None, exc.problems)
    return Outcome(rendered.view, rendered.warnings)


class _Records(logging.Handler):
    """Keeps the build's warnings and errors instead of printing them; the check reports them as problems."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _build_without_writing(root: Path, data_dir: Path, docs_dir: Path) -> Outcome:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    scratch = Path(tempfile.mkdtemp(prefix=".masterplan-periksa-"))
    mkdocs_log = logging.getLogger("mkdocs")
    records, propagate = _Records(), mkdocs_log.propagate
    mkdocs_log.addHandler(records)
    mkdocs_log.propagate = False  # the check prints its own report, not MkDocs' lines
    plugin = None
    try:
        try:
            config = load_config(
                config_file=str(root / CONFIG), site_dir=str(scratch / "site"), docs_dir=str(docs_dir.resolve())
            )
        except (ConfigurationError, Abort) as exc:
            return Outcome(None, [Problem(CONFIG, 1, f"konfigurasi situs tidak sah: {exc}")])
        plugin = config.plugins.get("masterplan")
        if plugin is None:
            return Outcome(
                None,
                [
                    Problem(
                        CONFIG,
                        1,
                        "plugin `masterplan` tidak ada di `plugins:`; tambahkan `- masterplan` agar situs dibangun dari data.",
                    )
                ],
            )
        plugin.config.data_dir = str(data_dir.resolve().relative_to(root.resolve()))
        plugin.check_only = True
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except (Abort, Exception) as exc:
            unexplained = _unexplained(exc, plugin, records)
        else:
            unexplained = []
        finally:
            config.plugins.on_shutdown()
    finally:
        mkdocs_log.removeHandler(records)
        mkdocs_log.propagate = propagate
        shutil.rmtree(scratch, ignore_errors=True)
    found = list(plugin.failure) + [buildlog.as_problem(r) for r in records.records if not _echo_of_failure(r, plugin)]
    return Outcome(
        getattr(plugin, "view", None) if not plugin.failure else None,
        sorted(set(found + unexplained + list(plugin.data_warning_problems) + list(plugin.setup_warnings))),
    )


def _echo_of_failure(record: logging.LogRecord, plugin) -> bool:
    """MkDocs logs the text of the error that stopped the build; the check already has it as problems."""
    return bool(plugin.failure) and record.levelno >= logging.ERROR and record.name == "mkdocs.commands.build"


def _unexplained(exc: BaseException, plugin, records: _Records) -> list[Problem]:
    """A failure that is neither a known problem nor a logged warning (a strict abort is explained by its warnings)."""
    if plugin.failure or any(r.levelno >= logging.WARNING for r in records.records):
        return []
    return [Problem(CONFIG, 1, f"build berhenti: {exc.__class__.__name__}: {str(exc)[:500]}")]
