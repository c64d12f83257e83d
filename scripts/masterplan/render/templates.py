"""Stage 4, render: Jinja turns the derived view into plain Markdown pages.

Two kinds of pages come out: generated pages (one per programme, dimension,
element, agency, plus explorers) from ``macros/pages/``, and the hand-written
chapters of ``docs/`` whose macro calls are expanded. The output is plain
Markdown keyed by its path under ``docs/``, independent of MkDocs, so
``masterplan render --out DIR`` can hand it to any engine.

Safety: Jinja runs in a sandbox that gives templates data only (see :mod:`sandbox`),
undefined names are errors, and every data value is escaped for both HTML and
Markdown (see :mod:`filters`, which holds how values show and the link helpers;
:mod:`templateerrors` words a template's errors).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from markupsafe import Markup

from .. import formats, labels, templatecache
from ..derive import compare, completeness, views
from ..errors import MasterplanError, Problem, shown_path
from ..load import history, inputs
from ..validate import assets, htmlrule
from . import bounds, chapterhtml, charts, fieldref, pagecache, sandbox
from .filters import (
    CURRENT_PAGE,
    NOT_SET_HTML,
    finalize,
    href,
    inline_code,
    markdown_field,
    md_href,
    missing_html,
    or_not_set,
    words_html,
)
from .sandbox import DataOnlySandbox, time_limit
from .templateerrors import explain, line_from_traceback


def default_options(**given) -> dict:
    """What templates may read from ``opsi``; every key present so StrictUndefined never trips."""
    from .opendata import COLUMNS
    from .opendata_monev import COLUMNS as EVALUATION_COLUMNS

    options = {
        "books": [],
        "columns": COLUMNS,
        "evaluation_columns": EVALUATION_COLUMNS,
        "edit_url": "",
        "history": None,
        "gambar_panduan": [],
        "site_url": "",
    }
    options.update(given)
    return options


_ENVIRONMENTS: dict[str, DataOnlySandbox] = {}
# Compiled chapter code by (environment, path, file): (the text it was compiled from, code).
# One entry per chapter, so `mkdocs serve` does not keep every edited version.
_COMPILED_CHAPTERS: dict[tuple, tuple[str, CodeType]] = {}


def _base_env(macros_dir: Path) -> DataOnlySandbox:
    """One environment per macros folder, kept across `mkdocs serve` rebuilds.

    Jinja then compiles each template once (it re-checks the file's mtime on
    every use, so an edited macro is still picked up); only globals change per build.
    """
    key = str(Path(macros_dir).resolve())
    if key not in _ENVIRONMENTS:
        env = DataOnlySandbox(
            loader=jinja2.FileSystemLoader(str(macros_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            finalize=finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.do"],
            bytecode_cache=templatecache.kept(),
        )
        env.filters.update(
            rupiah=or_not_set(formats.rupiah),
            angka=or_not_set(formats.number),
            md=markdown_field,
            kode=inline_code,
            daftar_tahun=formats.and_list,
            tojson=_json_in_attribute(env.filters["tojson"]),
        )
        env.bound_filters()
        _ENVIRONMENTS[key] = env
    return _ENVIRONMENTS[key]


def _json_in_attribute(tojson: Callable) -> Callable:
    """Jinja's `tojson` escapes `<>&'` but not `"`: as a reference, a printed value stays inside any attribute."""

    @functools.wraps(tojson)
    def quoted(*args: Any, **kwargs: Any) -> Markup:
        return Markup(str(tojson(*args, **kwargs)).replace('"', "&#34;"))

    return quoted


def make_env(macros_dir: Path, view: views.View, options: dict | None = None) -> DataOnlySandbox:
    options = options if options is not None else default_options()
    env = _base_env(macros_dir)
    env.globals.clear()
    env.globals.update(env.default_globals())
    env.globals.update(
        mp=view,
        sebutan=view.words,
        href=href,
        md_href=md_href,
        markdown=markdown_field,
        kosong=NOT_SET_HTML,
        kosong_untuk=missing_html,
        kosong_kata=words_html,
        rupiah=or_not_set(formats.rupiah),
        angka=or_not_set(formats.number),
        charts=charts.Charts(view),
        opsi=options,
        riwayat=options.get("history") or history.History(False, "Riwayat tidak dibaca pada render ini."),
        charts_palette=charts.PALETTE,
        status_labels=labels.STATUS_LABELS,
        horizon_labels=labels.HORIZON_LABELS,
        fieldref=fieldref.reference(dataclasses.asdict(view.words)),
        completeness_fields=list(completeness.PROGRAMME_FIELDS.values()),
        katalog_jsonld=functools.partial(_catalogue_script, view, options.get("site_url") or ""),
    )
    # A fresh module each build, so the macros see this build's globals.
    library = env.get_template("masterplan.j2").make_module()
    env.globals.update(chapterhtml.library_globals(library))
    return env


def _catalogue_script(view: views.View, site_url: str) -> Markup:
    """The DCAT catalogue as the body of the download page's ``<script type="application/ld+json">`` (escaped JSON)."""
    from .catalogue import page_script

    return Markup(page_script(view, site_url))


@dataclass
class GeneratedPage:
    path: str  # under docs/, e.g. "program/gov-01.md"
    template: str  # under macros/pages/
    context: dict


EXPLORER_PAGES = {
    "program/index.md": "pages/program-index.md.j2",
    "dimensi/index.md": "pages/dimensi-index.md.j2",
    "opd/index.md": "pages/opd-index.md.j2",
    "peta-jalan.md": "pages/peta-jalan.md.j2",
    "quick-win.md": "pages/quick-win.md.j2",
    "monev.md": "pages/monev.md.j2",
    "unduh.md": "pages/unduh.md.j2",
    "makro.md": "pages/makro.md.j2",
    "panduan/referensi-data.md": "pages/referensi-data.md.j2",
    "panduan/riwayat.md": "pages/riwayat.md.j2",
    "panduan/kelengkapan.md": "pages/kelengkapan.md.j2",
    "perubahan.md": "pages/perubahan.md.j2",
}


def generated_pages(view: views.View) -> list[GeneratedPage]:
    pages = [GeneratedPage(p.page, "pages/program.md.j2", {"p": p}) for p in view.programmes]
    pages += [GeneratedPage(d.page, "pages/dimensi.md.j2", {"d": d}) for d in view.dimensions]
    pages += [GeneratedPage(e.page, "pages/elemen.md.j2", {"e": e}) for d in view.dimensions for e in d.elements]
    pages += [GeneratedPage(a.page, "pages/opd.md.j2", {"a": a}) for a in view.agencies]
    pages += [GeneratedPage(path, template, {}) for path, template in EXPLORER_PAGES.items()]
    return pages


class Renderer:
    """Renders pages one at a time; template errors become problems with file:line."""

    def __init__(self, macros_dir: Path, view: views.View, options: dict | None = None, root: Path | None = None):
        self.root = Path(root) if root else Path(macros_dir).parent
        self.macros_dir = Path(macros_dir)
        try:
            self.env = make_env(self.macros_dir, view, options)
        except jinja2.TemplateError as exc:
            raise MasterplanError([self._problem(exc, self.macros_dir / "masterplan.j2", None)]) from None
        self.view = view
        self.chapter_seconds_left = float(sandbox.ALL_CHAPTERS_SECONDS)  # shared by every chapter this renderer renders

    def _problem(self, exc: Exception, fallback: Path, source: str | None) -> Problem:
        filename = getattr(exc, "filename", None)
        lineno = getattr(exc, "lineno", None)
        if lineno is None:
            lineno, filename = line_from_traceback(exc, filename)
        if filename and filename != "<template>":
            shown = shown_path(filename, self.root)
        else:
            shown = shown_path(fallback, self.root)
        what = explain(exc)
        return Problem(shown, lineno or 1, what)

    def _render(self, page_path: str, run: Callable[[], str], fallback: Path) -> str:
        token = CURRENT_PAGE.set(page_path)
        try:
            with bounds.output_budget():
                return run()
        except MemoryError as exc:
            line = line_from_traceback(exc, None)[0] or 1
            raise MasterplanError(
                [
                    Problem(
                        shown_path(fallback, self.root),
                        line,
                        "templat memakai memori lebih dari batas "
                        f"({bounds.CHAPTER_MEMORY // 2**20} MB); perkecil daftar atau teks yang dibuatnya.",
                    )
                ]
            ) from None
        except (
            jinja2.TemplateError,
            jinja2.exceptions.SecurityError,
            TypeError,
            ValueError,
            AttributeError,
            KeyError,
            ZeroDivisionError,
            OverflowError,
            RecursionError,
        ) as exc:
            raise MasterplanError([self._problem(exc, fallback, None)]) from None
        finally:
            CURRENT_PAGE.reset(token)

    def render_generated(self, page: GeneratedPage) -> str:
        template_path = self.macros_dir / page.template
        return self._render(
            page.path,
            lambda: pagecache.render(  # `mkdocs serve`: the last output while nothing the page read changed
                page.path,
                page.template,
                "",
                self.env,
                page.context,
                lambda: self.env.get_template(page.template).render(page.context),
            ),
            template_path,
        )

    def render_source(self, page_path: str, source: str, source_file: Path) -> str:
        """Expand the macro calls of a hand-written chapter."""
        shown = shown_path(source_file, self.root)

        def run() -> str:
            too_deep = bounds.nesting_problem(source, self.env)
            if too_deep:
                raise MasterplanError([Problem(shown, *too_deep)])
            started = time.monotonic()
            seconds = max(min(sandbox.CHAPTER_SECONDS, self.chapter_seconds_left), 1)
            try:
                # The time and memory limits hold from parsing on: nothing of the chapter runs outside them.
                with time_limit(seconds), bounds.memory_ceiling():
                    template = self._chapter_template(page_path, source, source_file, shown)
                    state = chapterhtml.ChapterRender(str(source_file), template.get_corresponding_lineno)
                    token = chapterhtml.CURRENT.set(state)
                    try:
                        text = template.render()
                    finally:
                        chapterhtml.CURRENT.reset(token)
            finally:
                self.chapter_seconds_left -= time.monotonic() - started
            page, judged = state.resolve(text)
            refused = self._judge(judged, page, source, state, shown)
            if refused:
                raise MasterplanError(refused)
            return page

        return self._render(
            page_path, lambda: pagecache.render(page_path, str(source_file), source, self.env, {}, run), source_file
        )

    def _chapter_template(self, page_path: str, source: str, source_file: Path, shown: str) -> jinja2.Template:
        # Compiled with the real file name so errors point at the chapter's own line;
        # kept across `mkdocs serve` rebuilds while the chapter's text is the same.
        key = (id(self.env), page_path, str(source_file))
        compiled = _COMPILED_CHAPTERS.get(key)
        if compiled is not None and compiled[0] == source:
            code = compiled[1]
        else:
            tree = self.env.parse(source, name=page_path, filename=str(source_file))
            refused = chapterhtml.load_problems(tree)
            if refused:
                raise MasterplanError([Problem(shown, line, message) for line, message in refused])
            code = self.env.compile_chapter(tree, name=page_path, filename=str(source_file))
            _COMPILED_CHAPTERS[key] = (source, code)
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None))

    @staticmethod
    def _judge(judged: str, page: str, source: str, state: chapterhtml.ChapterRender, shown: str) -> list[Problem]:
        """The one rule on what the chapter became (see :mod:`chapterhtml`), each finding at its line; and,
        where macros' HTML is in the page, nothing active in the page as it is published, whatever Markdown
        made of the chapter's text around that HTML."""
        if len(judged) > chapterhtml.MAX_JUDGED:
            return [
                Problem(
                    shown,
                    1,
                    f"teks bab setelah dirender lebih dari {chapterhtml.MAX_JUDGED:,} karakter; "
                    "pecah bab menjadi beberapa berkas atau kurangi perulangannya.",
                )
            ]
        found = htmlrule.rendered_findings(judged, source, state.line_of_needle)
        if not found and state.exempt:  # the rule's own words where it finds something; else the page's check
            found = htmlrule.located(htmlrule.active_findings(page), source, state.line_of_needle)
        return [Problem(shown, line, message) for line, message in found]


def render_all(
    view: views.View, docs_dir: Path, macros_dir: Path, options: dict | None = None, root: Path | None = None
) -> dict[str, str]:
    """Every page of the site as Markdown, keyed by its path under ``docs/``."""
    root = Path(root) if root else Path(macros_dir).parent
    chapters, problems = assets.sources(Path(docs_dir), Path(macros_dir), root)
    if problems:  # a symlinked chapter, asset or macro, a FIFO, an active asset: nothing is rendered
        raise MasterplanError(problems)
    options = with_guide_pictures(options, Path(docs_dir), chapters)
    renderer = Renderer(macros_dir, view, options, root)
    pages: dict[str, str] = {}
    for source in (p for p in chapters if p.suffix == ".md"):
        rel = source.relative_to(docs_dir).as_posix()
        try:
            pages[rel] = renderer.render_source(rel, source.read_text(encoding="utf-8"), source)
        except MasterplanError as exc:
            problems.extend(exc.problems)
    if view.comparison is not None and not problems:  # the matrix page shows the chapters' rows: they come first
        compare_chapters(view, pages, macros_dir, options, root, shown_path(Path(docs_dir), root))
        renderer = Renderer(macros_dir, view, options, root)  # the environment is shared: this build's globals again
    for page in generated_pages(view):
        try:
            pages[page.path] = renderer.render_generated(page)
        except MasterplanError as exc:
            problems.extend(exc.problems)
    if problems:
        raise MasterplanError(problems)
    return pages


def compare_chapters(
    view: views.View, pages: dict[str, str], macros_dir: Path, options: dict, root: Path, docs_rel: str
) -> None:
    """A draft amendment's chapters against the enacted ones, both as their readers read them: the enacted
    chapters rendered with the enacted revision's own data, in the same sandbox, with this build's macros."""
    comparison = view.comparison
    assert (
        isinstance(comparison, compare.Comparison) and comparison.enacted_plan is not None
    )  # called only for a draft amendment
    # The regulation's identity (wilayah.yml) is not compared (README, "Revising"): the enacted chapters are read
    # under the draft's, so "ditetapkan dengan ..." against "rancangan ..." is no change of the text.
    enacted = views.derive(dataclasses.replace(comparison.enacted_plan, wilayah=view.plan.wilayah))
    old_renderer = Renderer(macros_dir, enacted, options, root)
    old: dict[str, str] = {}
    for rel, source in comparison.enacted_chapters.items():
        old[rel] = old_renderer.render_source(rel, source, Path(f"{comparison.tag}:{docs_rel}/{rel}"))
    new = {rel: text for rel, text in pages.items() if _CHAPTER.match(rel)}
    compare.add_chapters(comparison, old, new)


_CHAPTER = re.compile(r"^buku-[^/]+/bab-[^/]+\.md$")  # the chapters a regulation's text is made of


GUIDE_PICTURES = "assets/panduan"


def with_guide_pictures(options: dict | None, docs_dir: Path, sources: list[Path]) -> dict:
    """The guide shows only the pictures that are there (`gambar_panduan`): a new region starts without the
    sample's screenshots (`baru wilayah` keeps them in docs.lama/) until it makes its own."""
    pictures = sorted(
        p.name for p in sources if p.suffix == ".png" and p.parent.relative_to(docs_dir).as_posix() == GUIDE_PICTURES
    )
    return {**(options if options is not None else default_options()), "gambar_panduan": pictures}


def chapter_problems(view: views.View, docs_dir: Path, macros_dir: Path, root: Path) -> list[Problem]:
    """For ``masterplan check``: the problems of rendering every chapter in the sandbox, without MkDocs."""
    try:
        renderer = Renderer(macros_dir, view, default_options(), root)
    except MasterplanError as exc:
        return exc.problems
    problems: list[Problem] = []
    for source in inputs.regular_files(Path(docs_dir), root)[0]:
        if source.suffix == ".md":
            try:
                renderer.render_source(
                    source.relative_to(docs_dir).as_posix(), source.read_text(encoding="utf-8"), source
                )
            except MasterplanError as exc:
                problems.extend(exc.problems)
    return problems


def write_sources(out: Path, pages: dict[str, str], data_files: dict[str, str], docs_dir: Path) -> int:
    """Everything the plugin gives MkDocs, as a plain folder another site engine can read.

    The rendered pages, the open data files, and every non-Markdown file of ``docs/``
    (stylesheets, scripts, images). Returns the number of files written.
    """
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for source in sorted(Path(docs_dir).rglob("*")):
        if source.is_file() and source.suffix != ".md":
            target = out / source.relative_to(docs_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            count += 1
    for rel, text in sorted({**pages, **data_files}.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1
    return count
