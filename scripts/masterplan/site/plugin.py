"""Stage 6, site: the MkDocs plugin that runs the pipeline inside ``mkdocs build``.

on_config   load -> validate -> derive -> render (fails the build with file:line problems)
on_files    adds the generated pages; starts the book PDFs in worker processes
on_page_markdown  hands MkDocs the rendered Markdown of each page
on_page_content   labels each table's cells and frames the roadmap for phones (phonetables.py, phonecharts.py)
on_post_page      hands each built page to the search indexer (Pagefind, beside the build)
on_post_build     writes open data and PDFs, finishes the search index, writes the offline service worker
                  and web manifest (offline.py), then swaps the new site into place
on_env            renders the sidebar of pages outside the nav once per folder (navcache.py)
on_pre_page, on_nav, on_env, on_post_page  `mkdocs serve` only: reuse the pages whose
                  inputs did not change since the last rebuild (see servecache.py)

``mkdocs build`` writes into a temporary folder beside ``site_dir`` and only
replaces the old site when everything, PDFs included, succeeded.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..books import typesetting
from ..derive import versioncache
from ..errors import MasterplanError, shown_path
from ..load import repository
from ..render import opendata, pagecache, rawhtml, stages, templates
from ..validate import htmlrule
from . import (
    bookrun,
    buildlog,
    csp,
    editor,
    liveserve,
    navcache,
    offline,
    phonecharts,
    phonetables,
    scriptfonts,
    search,
    servecache,
    settings,
    sitefolders,
    staging,
    themefiles,
)

log = logging.getLogger("mkdocs.plugins.masterplan")


class MasterplanPlugin(BasePlugin[settings.MasterplanConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.pages: dict[str, str] = {}
        self.generated: set[str] = set()
        self.books: bookrun.BookRun | None = None  # the PDFs being made beside the site (bookrun.py)
        self.staging: staging.Staging | None = None  # the new site's folder until it is swapped in
        self.problems: list = []  # `mkdocs serve` with invalid data: shown in the browser instead of the site
        self.serve_cache: servecache.ServeCache | None = None
        self.frozen_heap = False
        self.serve_nav = None
        self.indexer: search.Indexer | None = None
        self.build_log: buildlog.BuildLog | None = None  # `mkdocs build` prints a summary, not MkDocs' progress
        self.data_warnings = 0
        self.setup_warnings: list = []  # setup not finished (edit_url naming another repository): said, without failing a strict build
        self.page_count = 0
        # `masterplan check` (site/gate.py): the same build into a scratch folder, never swapped in, no cache written.
        self.check_only = False
        self.failure: list = []  # the problems that stopped the build, as values (check reports them)
        self.data_warning_problems: list = []

    # ------------------------------------------------------------ lifecycle
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if command != "serve":
            # What is loaded by now (MkDocs, the theme, this package) lasts the whole build: out of the collector's
            # full passes, here and in the forked book processes; given back at shutdown (serve: liveserve.py).
            self.frozen_heap = gc.get_freeze_count() == 0
            if self.frozen_heap:
                gc.freeze()
            sitefolders.cleanup_on_sigterm(self._on_kill)  # `kill` removes the temporary folders too
            self.build_log = buildlog.BuildLog(self._locate_link)
            self.build_log.install()

    def _on_config(self, config):
        if self.command == "build":
            try:
                sitefolders.recover(Path(config.site_dir))  # a build killed before or during its swap
            except OSError as exc:
                raise PluginError(
                    sitefolders.os_message(exc, Path(config.site_dir).parent.resolve(), folder=True)
                ) from None
        self.started = time.perf_counter()
        self.timings: dict = {}
        self.root = Path(config.config_file_path).parent
        self.docs_dir = Path(config.docs_dir)
        self.macros_dir = self.root / self.config.macros_dir
        # Search (Pagefind) compiles WebAssembly and starts a worker from the site's own files.
        config.extra["masterplan_csp"] = csp.policy(search.CSP_SOURCES)
        # The one list of Markdown extensions (htmlrule.EXTENSIONS: the rule and the books use it too), and the
        # templates' finished HTML blocks skipping Python-Markdown's slow HTML parser; same output (rawhtml.py).
        htmlrule.add_extensions(config.markdown_extensions, [rawhtml.EXTENSION])
        try:
            versions = versioncache.VersionStore(
                sitefolders.local_cache(self.root, "masterplan-data"), write=not self.check_only
            )
            sources = stages.Sources(
                self.root,
                self.root / self.config.data_dir,
                self.docs_dir,
                self.macros_dir,
                self.config.edit_url,
                config.site_url or "",
                versions,
            )
            rendered = stages.run(sources, self.timings)
        except MasterplanError as exc:
            self.failure = exc.problems
            if self.command != "serve":
                raise PluginError("Data atau templat masterplan tidak valid:\n" + exc.report()) from None
            return self._serve_problems(config, exc)
        self.view, self.pages, self.renderer_options, warnings = (
            rendered.view,
            rendered.pages,
            rendered.options,
            rendered.warnings,
        )
        self.data_warning_problems = warnings
        self.problems = []
        # Setup that is not finished: edit_url (the "Sunting" links, the form editor) names another repository.
        self.setup_warnings = repository.mismatch(Path(config.config_file_path), self.root)
        for warning in warnings + self.setup_warnings:  # info, not warning: a strict build must not fail on them
            log.info("%s", warning)
        self.data_warnings = len(warnings)
        self.generated = {p.path for p in templates.generated_pages(self.view)}
        settings.fix_build_date(self.root, self.view)
        settings.name_site(config, self.view)  # the site's identity comes from data/
        if self.command == "build":
            themefiles.skip_hidden_folders(config.theme)  # the theme's 14,000 icons are not listed to be refused
            themefiles.keep_compiled_templates(config.theme)
            self._stage_site(config)
            self.indexer = search.Indexer()  # Pagefind reads each page as it is written (search.py)
        else:
            self._serve_cache_begin(config)
        return config

    def _serve_problems(self, config, exc: MasterplanError):
        """`mkdocs serve` keeps serving: every page becomes the list of problems until they are fixed."""
        self.problems = exc.problems
        # info, not error: a strict serve build would abort on an error and leave the browser waiting
        log.info("Data atau templat masterplan tidak valid; browser menampilkan daftar masalahnya:\n%s", exc.report())
        self.generated |= set(templates.EXPLORER_PAGES)  # keep every URL of the last good build (and the nav) alive
        self.pages = {}
        self._serve_cache_begin(config)
        return config

    @property
    def build_books(self) -> bool:
        return bool(self.config.books) and (self.command != "serve" or self.config.books_on_serve)

    def on_files(self, files: Files, *, config) -> Files:
        if self.problems:
            for path in sorted(self.generated):
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content=""))
            return files
        for path in sorted(self.generated):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=self.pages[path]))
        for path, content in opendata.files(self.view, config.site_url or "").items():
            files.append(File.generated(config, path, content=content))
        fonts = scriptfonts.files(self.pages)  # Aksara Bali, Jawa, Sunda ... from the site itself
        for path, font in fonts.items():
            files.append(File.generated(config, path, content=font))
        if fonts and scriptfonts.CSS not in config.extra_css:
            config.extra_css.append(scriptfonts.CSS)
        offline_page = File.generated(config, offline.OFFLINE_PAGE, content=offline.offline_markdown(config.nav))
        offline_page.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(offline_page)
        if self.build_books:
            self._start_books()
        self.page_count = len(files.documentation_pages())
        return files

    def _start_books(self) -> None:
        self.books = bookrun.BookRun(self.root, self.check_only)
        try:
            self.books.start(
                bookrun.specs(self.config.books, self.view),
                self.pages,
                self.view,
                self.docs_dir,
                self.macros_dir / "print",
            )
        except typesetting.BookError as exc:
            raise self._book_failure(exc) from None

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        path = page.file.src_uri
        if self.problems:
            return servecache.problems_page(self.problems)
        if path == "unduh.md" and self.books is not None:
            return self._downloads_page()
        return self.pages.get(path, markdown)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Each table's column labels on its cells, for the phone's cards; the roadmap's names kept in view."""
        if self.serve_cache is not None:  # `mkdocs serve`: a page whose HTML did not change keeps its marked HTML
            return self.serve_cache.phone_html(page, html, _mark_for_phones)
        return _mark_for_phones(html)

    def _downloads_page(self) -> str:
        assert self.books is not None
        try:
            self.results = self.books.collect()
        except typesetting.BookError as exc:
            raise self._book_failure(exc) from None
        self.renderer_options["books"] = [
            row for r in self.results for row in typesetting.download_rows(r, self.view.words)
        ]
        renderer = templates.Renderer(self.macros_dir, self.view, self.renderer_options, self.root)
        page = next(p for p in templates.generated_pages(self.view) if p.path == "unduh.md")
        return renderer.render_generated(page)

    def on_post_build(self, *, config) -> None:
        writes = self.serve_cache.writes if self.serve_cache is not None else None
        if writes is not None:
            writes.finish()  # MkDocs wrote everything: a page it no longer writes goes
        if self.config.editor and not self.problems:
            self._write_editor(config, writes.copy_extra if writes is not None else shutil.copyfile)
        if writes is not None:
            writes.finish_extra()  # and so do the editor's files it no longer copies
        if self.problems:
            return
        downloads = Path(config.site_dir) / "unduh"
        if self.books is not None:
            try:
                self.results = self.books.collect()  # collected already unless the downloads page was not built
            except typesetting.BookError as exc:
                raise self._book_failure(exc) from None
            self.books.copy_into(downloads)
        self._serve_search_index(Path(config.site_dir))
        self._write_offline(config)
        # MkDocs aborts a strict build with warnings only after on_post_build: look first.
        strict_failed = config.strict and self.build_log is not None and self.build_log.warnings.count > 0
        if self.staging is not None and not strict_failed and not self.check_only:
            self._swap_in()
        if self.serve_cache is not None:
            log.info(self.serve_cache.report())
            if pagecache.CACHE is not None:
                log.info("serve: templat halaman: %s", pagecache.CACHE.report())
        self._write_timings()

    def on_pre_build(self, *, config) -> None:
        # The theme registers the offline service worker only on a built site (mp-luring.js).
        config.extra["masterplan_luring"] = self.command == "build"

    def _write_offline(self, config) -> None:
        """The web manifest; on a build also the service worker and its weight figures (offline.py)."""
        site_dir, words, years = Path(config.site_dir), self.view.words, self.view.years
        offline.write_manifest(
            site_dir,
            f"Masterplan Smart City {words.daerah} {years[0]}–{years[-1]}",
            f"Smart City {words.nama}",
            f"Rencana Induk Smart City {words.daerah}",
        )
        if self.command != "build" or self.serve_nav is None:
            return
        source = (self.macros_dir / "luring" / offline.WORKER).read_text(encoding="utf-8")
        weight = offline.write_worker(site_dir, source, [p.file.dest_uri for p in self.serve_nav.pages])
        self.timings["offline"] = {
            "kept_files": weight.kept_files,
            "kept_bytes": weight.kept_bytes,
            "home_gzip_bytes": weight.home_bytes,
        }
        log.info(
            weight.report()
        )  # info even over a limit: the limits are targets for the sample, not a reason to fail a strict build

    def _index_search(self, site_dir: Path) -> None:
        began = time.perf_counter()
        indexer, self.indexer = self.indexer, None  # one index per build
        try:
            stats = indexer.write(site_dir) if indexer is not None else search.build_index(site_dir)
        except search.SearchError as exc:
            raise PluginError(str(exc)) from None
        self.timings["search_index_s"] = time.perf_counter() - began
        self.timings["search_index_bytes"] = stats.bytes
        log.info(
            "Indeks pencarian: %d halaman, %d kata, %d akar kata (%.1f s)",
            stats.pages,
            stats.words,
            stats.roots,
            self.timings["search_index_s"],
        )

    def _book_failure(self, exc: typesetting.BookError) -> PluginError:
        """A book that could not be made stops the build with its problems at file:line, as check reports them."""
        self.failure = exc.problems
        return PluginError("Buku PDF tidak dapat dibuat:\n" + MasterplanError(exc.problems).report())

    def _locate_link(self, page: str, link: str) -> tuple[str, int]:
        """Where a page's link was written: the chapter's line, or the generated page's template."""
        generated = {p.path: p.template for p in templates.generated_pages(self.view)} if page in self.generated else {}
        source = self.macros_dir / generated[page] if page in generated else self.docs_dir / page
        return shown_path(source, self.root), _line_holding(source, link.split("#")[0] or link)

    def _write_editor(self, config, copy) -> None:
        try:
            # `masterplan sunting` names the port its decap-server listens on (editsession.py).
            local_backend = os.environ.get("MASTERPLAN_EDITOR_LOCAL_BACKEND") or self.config.editor_local_backend
            options = editor.options_from(
                self.config.edit_url, self.config.editor_auth_url, local_backend, config.site_url or ""
            )
            editor.write_site(Path(config.site_dir), self.root, self.macros_dir / "sunting", self.view, options, copy)
        except editor.EditorError as exc:
            raise PluginError(str(exc)) from None

    def _write_timings(self) -> None:
        """For the benchmark: stage times of this build as JSON, when asked for."""
        target = os.environ.get("MASTERPLAN_TIMINGS")
        if not target:
            return
        self.timings["build_s"] = time.perf_counter() - self.started
        self.timings["programmes"] = len(self.view.programmes)
        self.timings["pages"] = len(self.pages)
        self.timings["pdfs"] = [
            {"file": r.spec.file, "pages": r.pages, "seconds": r.seconds, "bytes": r.size}
            for r in getattr(self, "results", [])
        ]
        Path(target).write_text(json.dumps(self.timings, indent=1), encoding="utf-8")

    def _stage_site(self, config) -> None:
        # Build into a sibling folder; the old site stays until the new one is complete.
        try:
            self.staging = staging.Staging(Path(config.site_dir))
        except OSError as exc:  # a read-only or full parent folder
            raise PluginError(
                sitefolders.os_message(exc, Path(config.site_dir).parent.resolve(), folder=True)
            ) from None
        config.site_dir = str(self.staging.folder)

    def _swap_in(self) -> None:
        assert self.staging is not None
        final = self.staging.final
        try:
            self.staging.swap_in()
        except OSError as exc:
            raise PluginError(sitefolders.os_message(exc, final.parent.resolve(), folder=True)) from None
        self.staging = None
        build_warnings = self.build_log.warnings.count if self.build_log else 0
        pdf_pages = [r.pages for r in getattr(self, "results", [])]
        log.info(
            buildlog.summary(
                str(final), self.page_count, pdf_pages, self.data_warnings, build_warnings, len(self.setup_warnings)
            )
        )

    def on_build_error(self, *, error: Exception) -> None:
        if self.books is not None:
            self.books.close()
        self._close_indexer()
        self._discard_staging()
        self._discard_pdf_dir()

    def on_shutdown(self) -> None:
        self._discard_staging()  # strict-mode abort or interruption: the old site stays
        self._discard_pdf_dir()
        if self.build_log is not None:
            self.build_log.remove()
            self.build_log = None
        self._close_indexer()
        if self.serve_cache is not None:
            self.serve_cache.close()
            pagecache.disable()
        sitefolders.restore_sigterm()
        if self.frozen_heap:
            gc.unfreeze()
            self.frozen_heap = False

    def _on_kill(self) -> None:
        """SIGTERM: nothing that waits (the signal may have come while a lock was held)."""
        if self.books is not None:
            self.books.kill()
        self._discard_staging()
        self._discard_pdf_dir()

    def _discard_pdf_dir(self) -> None:
        if self.books is not None:
            self.books.discard()

    def _close_indexer(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None

    def _discard_staging(self) -> None:
        if self.staging is not None:
            self.staging.discard()
            self.staging = None

    # ------------------------------------------------------------ serve: rebuild only what changed
    @event_priority(100)  # before other plugins make theme environments in their on_config
    def _serve_theme_cache(self, config):
        """The one place the serve cache is made or dropped, before ``_on_config`` on every build."""
        if self.command != "serve" or os.environ.get("MASTERPLAN_SERVE_FULL"):
            if self.serve_cache is not None:
                self.serve_cache.close()
            self.serve_cache = None  # MkDocs keeps plugin instances per process: a build never reuses a serve's cache
            pagecache.disable()
            return config
        if self.serve_cache is None:
            self.serve_cache = servecache.ServeCache()
        pagecache.enable().reset_counts()  # pages whose data did not change are not rendered again (pagecache.py)
        self.serve_cache.share_compiled_templates(config.theme)
        return config

    on_config = CombinedEvent(_on_config, _serve_theme_cache)

    def _serve_cache_begin(self, config) -> None:
        if self.serve_cache is not None:
            self.serve_cache.begin(config)

    def on_pre_page(self, page, *, config, files):
        if self.serve_cache is not None:
            self.serve_cache.wrap_render(page)
        return page

    def on_nav(self, nav, *, config, files):
        self.serve_nav = nav
        return nav

    def on_env(self, env, *, config, files):
        if self.serve_cache is not None:
            env = self.serve_cache.prepare_outputs(env, self.serve_nav, files)
            search = next((p for name, p in config.plugins.items() if name in ("search", "material/search")), None)
            if getattr(search, "search_index", None) is not None:
                self.serve_cache.wrap_search(search.search_index)
        navcache.install(env, self.serve_nav)  # the sidebar of pages outside the nav, once per folder
        return env

    def _serve_search_index(self, site_dir: Path) -> None:
        """`mkdocs serve` reuses the last search index while no page was added or removed (see servecache)."""
        if self.serve_cache is None:
            self._index_search(site_dir)
        elif self.serve_cache.search_index(site_dir, self._index_search, search.OUTPUT):
            log.info(
                "Indeks pencarian dipakai ulang dari rebuild sebelumnya (mkdocs serve): teks yang baru disunting "
                "masuk pencarian saat halaman ditambah atau dihapus, atau saat serve dimulai ulang."
            )

    @event_priority(100)  # see the template's output before any other plugin changes it
    def _keep_serve_output(self, output, *, page, config):
        if self.serve_cache is not None:
            self.serve_cache.keep_output(page, output)
        return output

    @event_priority(-100)  # the page as it is written, after every other plugin
    def _index_page(self, output, *, page, config):
        if self.indexer is not None and output.strip():
            self.indexer.add(page.file.dest_uri, output)
        return output

    on_post_page = CombinedEvent(_keep_serve_output, _index_page)

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.root / self.config.data_dir))
        server.watch(str(self.macros_dir))
        liveserve.allow_livereload(server)
        liveserve.poll_faster(server)
        liveserve.build_sooner(server)
        liveserve.set_heap_aside()  # called once, after the first build (serve.py runs on_serve after it)
        return server


def _mark_for_phones(html: str) -> str:
    return phonecharts.sticky_gantt_names(phonetables.label_tables(html))


def _line_holding(source: Path, text: str) -> int:
    """The first line of ``source`` that holds ``text`` (1 when none does, or the file cannot be read)."""
    try:
        lines = source.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, 1) if text in line), 1)
