"""The one sequence of engine-neutral stages: load -> validate -> derive -> render.

Every caller runs this one function: the MkDocs plugin (``mkdocs build`` and ``serve``,
and through it ``masterplan check``, the editing session's previews and ``masterplan
bench``) and ``masterplan render``. A problem any of them can meet here, all of them meet
at the same ``file:line``.

1. load and validate ``data/`` (and the tags it names);
2. derive the views, and compare a draft amendment with the enacted revision it amends;
3. read the change history from Git;
4. render every generated page and every chapter of ``docs/`` in the sandbox.

The books (stage 5) and the site (stage 6) take the rendered pages from here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..derive import pipeline, versioncache, views
from ..errors import Problem, shown_path
from ..load import history
from . import templates


@dataclass(frozen=True)
class Sources:
    """Where the stages read from; every path inside ``root``."""

    root: Path
    data_dir: Path
    docs_dir: Path
    macros_dir: Path
    edit_url: str = ""
    site_url: str = ""  # the site's address (mkdocs.yml): the open data's catalogue gives absolute URLs under it
    versions: versioncache.VersionStore = versioncache.NO_STORE  # enacted versions' open data kept between builds

    @classmethod
    def at(
        cls,
        root: Path,
        data: str | Path = "data",
        docs: str | Path = "docs",
        macros: str | Path = "macros",
        edit_url: str = "",
    ) -> Sources:
        root = Path(root)
        return cls(root, root / data, root / docs, root / macros, edit_url)


@dataclass
class Rendered:
    """What the engine-neutral stages produced: the view, every page as Markdown, the data warnings."""

    view: views.View
    pages: dict[str, str]
    options: dict  # what templates read from ``opsi`` (the downloads page is rendered again with the books)
    warnings: list[Problem] = field(default_factory=list)


def run(sources: Sources, timings: dict | None = None) -> Rendered:
    """load -> validate -> derive -> render; raises :class:`MasterplanError` with every problem found.

    ``timings``, when given, receives each stage's seconds (``masterplan bench``, the build's timings file).
    """
    clock = _Clock(timings)
    warnings: list[Problem] = []
    plan = clock("validate_s", pipeline.validated, sources.data_dir, sources.root, warnings)
    view = clock("derive_s", pipeline.derived, plan, sources.root, sources.data_dir, sources.docs_dir, sources.versions)
    words = view.words
    changes = clock(
        "history_s",
        history.read_history,
        sources.root,
        shown_path(sources.data_dir, sources.root),
        region=(words.jenis, words.nama),
    )
    options = templates.default_options(edit_url=sources.edit_url, site_url=sources.site_url, history=changes)
    pages = {}
    if sources.macros_dir.is_dir():  # a folder of data alone (a new region's first check) has nothing to render
        pages = clock(
            "render_s", templates.render_all, view, sources.docs_dir, sources.macros_dir, options, sources.root
        )
    return Rendered(view, pages, options, warnings)


class _Clock:
    def __init__(self, timings: dict | None):
        self.timings = timings

    def __call__(self, name: str, stage, *args, **kwargs):
        began = time.perf_counter()
        try:
            return stage(*args, **kwargs)
        finally:
            if self.timings is not None:
                self.timings[name] = time.perf_counter() - began
