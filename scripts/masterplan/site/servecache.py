"""``mkdocs serve``: rebuild only the pages whose inputs changed since the last rebuild.

MkDocs rebuilds every page on every change: Markdown to HTML, the theme template,
and the search index entries. During ``serve`` the plugin instance survives rebuilds,
so it keeps, per page, what each of those three steps produced and the hash of what
went in. A page whose inputs hash the same is not converted, templated or indexed
again; its previous results are handed to MkDocs instead. Inputs of each step:

- Markdown -> HTML: the page's final Markdown, its path, the set of site files (links
  are resolved against it) and the Markdown configuration.
- template: the HTML above, the page's title, URL and metadata, the whole navigation
  (titles and URLs), the site configuration and the theme override files.
- search entries: the same as the template.

Everything is in memory and only used by ``serve``; ``mkdocs build`` never sees it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import escape

from ..render import filters
from . import servewrites, themefiles

log = logging.getLogger("mkdocs.plugins.masterplan.serve")

TEMPLATE = "masterplan-serve-cache.html"  # renders a page's kept output as it is


def _digest(*parts: object) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(str(part).encode("utf-8", "replace"))
        sha.update(b"\0")
    return sha.hexdigest()


@dataclass
class Rendered:
    """What ``Page.render`` produced for one page."""

    key: str
    content: str
    toc: object
    title: str | None
    anchors: set | None
    links: dict | None  # {target src_uri: {anchor: original link}}


@dataclass
class Stats:
    converted: int = 0
    reused_html: int = 0
    templated: int = 0
    reused_output: int = 0


@dataclass
class ServeCache:
    rendered: dict[str, Rendered] = field(default_factory=dict)
    outputs: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (key, page HTML)
    search: dict[str, tuple[str, list]] = field(default_factory=dict)  # src_uri -> (key, index entries)
    output_keys: dict[str, str] = field(default_factory=dict)  # this rebuild's template key per page
    stats: Stats = field(default_factory=Stats)
    _site: str = ""
    _files: str = ""
    _bytecode: jinja2.BytecodeCache = field(default_factory=lambda: _MemoryBytecodeCache())  # noqa: PLW0108 - the class is defined below
    _search_copy: Path | None = None  # the last search index made, copied out of the site
    _search_key: str = ""  # the set of HTML pages it was made for
    _theme_files: dict[tuple, dict[str, bool]] = field(default_factory=dict)  # filter -> {theme file: chosen}
    _theme_listings: dict[str, list[str]] = field(default_factory=dict)  # installed theme folder -> its files
    _phone: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (article HTML, marked for phones)
    writes: servewrites.KeptWrites = field(default_factory=servewrites.KeptWrites)  # unchanged site files stay

    # ------------------------------------------------------------ per rebuild
    def begin(self, config) -> None:
        """Start a rebuild: fingerprint the configuration and the theme overrides."""
        self.stats = Stats()
        self.output_keys = {}
        self._files = ""
        self.writes.install()
        self.writes.begin(config.site_dir)
        config_file = Path(config.config_file_path) if config.config_file_path else None
        theme = []
        custom = config.theme.custom_dir
        if custom and Path(custom).is_dir():
            theme = sorted((p.as_posix(), p.stat().st_mtime_ns) for p in Path(custom).rglob("*") if p.is_file())
        self._site = _digest(
            config_file.read_bytes() if config_file and config_file.exists() else b"",
            config.markdown_extensions,
            config.mdx_configs,
            config.site_name,
            config.site_description,
            config.site_author,
            config.copyright,
            config.site_url,
            theme,
        )

    def share_compiled_templates(self, theme) -> None:
        """Every theme environment made during this rebuild reuses compiled templates and the theme's file choice."""
        make_env = theme.get_env

        def get_env():
            env = make_env()
            env.bytecode_cache = self._bytecode
            env.list_templates = functools.partial(self._list_templates, env, theme)
            return env

        theme.get_env = get_env

    def _list_templates(self, env: jinja2.Environment, theme, extensions=None, filter_func=None) -> list[str]:
        """``Environment.list_templates``; the filter's answer for a name is kept between rebuilds.

        MkDocs picks the theme's static files by matching each of the theme's ~900 files against its
        patterns (``Files.add_files_from_theme``): the same answers on every rebuild. The folders are
        still listed each time, so a file added to the theme is seen; the filter is known by its code and
        the one setting it reads besides constants (the theme's ``static_templates``).
        """
        loader = env.loader
        if (
            extensions is not None
            or filter_func is None
            or not hasattr(filter_func, "__code__")
            or type(loader) is not jinja2.FileSystemLoader
        ):
            return jinja2.Environment.list_templates(env, extensions, filter_func)
        found: set[str] = set()
        for folder in loader.searchpath:
            found.update(self._theme_folder(folder, loader.followlinks, folder == theme.custom_dir))
        names = sorted(found)
        key = (filter_func.__code__, tuple(theme.static_templates))
        answers = self._theme_files.setdefault(key, {})
        for name in names:
            if name not in answers:
                answers[name] = bool(filter_func(name))
        return [name for name in names if answers[name]]

    def _files_key(self, files) -> str:
        if not self._files:
            self._files = _digest(sorted((f.src_uri, f.dest_uri) for f in files))
        return self._files

    # ------------------------------------------------------------ Markdown -> HTML
    def wrap_render(self, page) -> None:
        """Replace ``page.render`` by one that reuses the last result when the inputs match."""
        original = page.render

        def render(config, files):
            key = _digest(self._site, self._files_key(files), page.file.src_uri, page.markdown)
            kept = self.rendered.get(page.file.src_uri)
            if kept is not None and kept.key == key:
                self._restore(page, kept, files)
                self.stats.reused_html += 1
                return
            original(config, files)
            self.stats.converted += 1
            links = None
            if page.links_to_anchors is not None:
                links = {target.src_uri: dict(found) for target, found in page.links_to_anchors.items()}
            self.rendered[page.file.src_uri] = Rendered(
                key, page.content, page.toc, page._title_from_render, page.present_anchor_ids, links
            )

        page.render = render

    @staticmethod
    def _restore(page, kept: Rendered, files) -> None:
        page.content = kept.content
        page.toc = kept.toc
        page._title_from_render = kept.title
        page.present_anchor_ids = kept.anchors
        if kept.links is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): found
                for uri, found in kept.links.items()
                if files.get_file_from_path(uri)
            }

    def _theme_folder(self, folder: str, followlinks: bool, project_own: bool) -> list[str]:
        """The files of one theme folder as ``FileSystemLoader.list_templates`` names them.

        An installed theme (Material: ~14,000 files, most of them icons) is listed once per serve;
        the project's own theme folder (``custom_dir``) is listed on every rebuild.
        """
        kept = None if project_own else self._theme_listings.get(folder)
        if kept is not None:
            return kept
        names = themefiles.names_in(folder, followlinks)
        if not project_own:
            self._theme_listings[folder] = names
        return names

    def phone_html(self, page, html: str, mark) -> str:
        """``mark(html)`` (the tables and the roadmap marked for phones), reused while the page's HTML is the same."""
        kept = self._phone.get(page.file.src_uri)
        if kept is not None and kept[0] == html:
            return kept[1]
        marked = mark(html)
        self._phone[page.file.src_uri] = (html, marked)
        return marked

    # ------------------------------------------------------------ template
    def prepare_outputs(self, env: jinja2.Environment, nav, files) -> jinja2.Environment:
        """After every page is read: choose which pages reuse their last output."""
        assert env.loader is not None  # MkDocs' theme loader
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: "{{ page.masterplan_output }}"}), env.loader])
        navigation = _digest(_nav_signature(nav.items))
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            meta = {k: v for k, v in page.meta.items() if k != "template"}
            key = _digest(
                self._site,
                navigation,
                file.src_uri,
                page.url,
                page.title,
                page.content,
                repr(sorted(meta.items(), key=str)),
                getattr(page, "edit_url", None),
                getattr(page, "canonical_url", None),
            )
            self.output_keys[file.src_uri] = key
            kept = self.outputs.get(file.src_uri)
            if kept is not None and kept[0] == key and "template" not in page.meta:
                page.masterplan_output = kept[1]
                page.meta["template"] = TEMPLATE
                self.stats.reused_output += 1
        return env

    def keep_output(self, page, output: str) -> None:
        """Called with the template's output, before any other plugin changes it."""
        key = self.output_keys.get(page.file.src_uri)
        if key is None:
            return
        if page.meta.get("template") != TEMPLATE:
            self.outputs[page.file.src_uri] = (key, output)
            self.stats.templated += 1

    # ------------------------------------------------------------ search index
    def wrap_search(self, index) -> None:
        """Material's search index: reuse a page's entries when its output key is unchanged."""
        original = index.add_entry_from_context

        def add_entry_from_context(page):
            key = self.output_keys.get(page.file.src_uri)
            kept = self.search.get(page.file.src_uri)
            if key is not None and kept is not None and kept[0] == key:
                index.entries.extend(dict(entry) for entry in kept[1])
                return
            before = len(index.entries)
            original(page)
            if key is not None:
                self.search[page.file.src_uri] = (key, [dict(entry) for entry in index.entries[before:]])

        index.add_entry_from_context = add_entry_from_context

    # ------------------------------------------------------------ the site's own search index
    def search_index(self, site_dir: Path, make_index, folder: str) -> bool:
        """Put a search index into ``site_dir/folder``; True when the last one was reused.

        Indexing runs an external indexer over every page, which alone takes longer than the rest
        of a rebuild. While no page was added or removed, the index of the previous rebuild is
        copied in instead: edited text reaches the preview's search when pages are added or
        removed, or when serve starts again (``mkdocs build`` always indexes everything).
        """
        key = _digest(sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")))
        kept = self._search_copy
        if kept is not None and key == self._search_key and kept.is_dir():
            shutil.copytree(kept, site_dir / folder, dirs_exist_ok=True, copy_function=_link_or_copy)
            return True
        make_index(site_dir)
        if self._search_copy is None:
            self._search_copy = Path(tempfile.mkdtemp(prefix="masterplan-serve-cari-")) / folder
        shutil.rmtree(self._search_copy, ignore_errors=True)
        shutil.copytree(site_dir / folder, self._search_copy)
        self._search_key = key
        return False

    def close(self) -> None:
        self.writes.uninstall()
        if self._search_copy is not None:
            shutil.rmtree(self._search_copy.parent, ignore_errors=True)
            self._search_copy = None

    def report(self) -> str:
        s = self.stats
        return (
            f"serve: {s.converted} halaman dikonversi ulang, {s.reused_html} dipakai ulang; "
            f"{s.templated} halaman dirender ulang dengan tema, {s.reused_output} dipakai ulang; {self.writes.report()}"
        )


def _link_or_copy(source: str, target: str) -> None:
    """The kept search index into the site: a hard link where the file system allows one (nothing writes
    into these files afterwards; the site folder is emptied by unlinking), else a copy.

    A file already there (``mkdocs serve --dirty`` keeps the last site) is unlinked first: written
    through, it could be the kept file itself.
    """
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory (Jinja checks each template's source checksum)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


def _nav_signature(items) -> list:
    signature = []
    for item in items:
        children = _nav_signature(item.children) if getattr(item, "children", None) else []
        signature.append((type(item).__name__, item.title, getattr(item, "url", None), children))
    return signature


def problems_page(problems: list) -> str:
    """The page `mkdocs serve` shows for invalid data: every problem with its file:line, escaped."""
    items = "\n".join(
        f"<li><code>{escape(p.file)}:{p.line}</code> {filters.inline_code(p.message)}</li>" for p in sorted(problems)
    )
    return (
        "# Data belum valid\n\n"
        f"Situs belum dapat dibangun karena {len(problems)} masalah berikut. Perbaiki berkasnya dan simpan; "
        "halaman ini dimuat ulang sendiri begitu semuanya beres.\n\n"
        f'<ol class="mp-masalah">\n{items}\n</ol>\n'
    )
