"""The site on a phone without a connection: web manifest, service worker, offline page.

After one visit a reader keeps the pages of the nav (the dashboard and the download page among
them), their assets and the offline page; each other page (a programme) is kept once opened;
a PDF once downloaded. The worker (``macros/luring/sw.js``) fetches pages from the network
first, so official text is never stale while online, and names its cache after the build:
the build identifier is a hash of every file the worker may answer for, so a new build
replaces the cache as a whole and two builds of one commit write the same worker.

``mkdocs serve`` gets the manifest but no worker (see ``mp-luring.js``). Weight figures for
the build summary: what the home page transfers on a first visit (gzip, as GitHub Pages
sends it) and what the worker keeps on install.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

OFFLINE_PAGE = "luring.md"
WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
ICONS = {"assets/images/ikon-192.png": "192x192", "assets/images/ikon-512.png": "512x512"}
# Parts of the site the worker leaves to the network: the form editor and the search index.
NOT_HANDLED = {"sunting", "pagefind", WORKER}
HOME_LIMIT = 100 * 1024  # first visit of the home page, gzip
KEEP_LIMIT = 5 * 1024 * 1024  # what the worker keeps on install

_ASSET_RE = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"#?:]+)"', re.I)
_CSS_URL_RE = re.compile(r"""url\(\s*["']?([^"'#?:()\s]+)["']?\s*\)""", re.I)


@dataclass
class Weight:
    build: str
    kept_files: int
    kept_bytes: int
    home_bytes: int  # gzip

    def report(self) -> str:
        return (
            f"Luring: {self.kept_files} berkas disimpan pada kunjungan pertama, {_kb(self.kept_bytes)} "
            f"({_limit(self.kept_bytes, KEEP_LIMIT)}); beranda pada kunjungan pertama {_kb(self.home_bytes)} terkompresi "
            f"({_limit(self.home_bytes, HOME_LIMIT)}); build {self.build}"
        )

    @property
    def within_limits(self) -> bool:
        return self.kept_bytes <= KEEP_LIMIT and self.home_bytes <= HOME_LIMIT


def _limit(size: int, limit: int) -> str:
    return f"batas {_kb(limit)}" if size <= limit else f"melebihi batas {_kb(limit)}"


def _kb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{round(size / 1024)} KB"


def offline_markdown(nav: list) -> str:
    """The offline page: what happened, and links to the pages every visitor keeps (the nav)."""
    links = "\n".join(f"- [{title}]({path}){extra}" for title, path, extra in _nav_links(nav))
    return (
        "---\ntitle: Halaman belum tersimpan\n---\n\n"
        "# Halaman ini belum tersimpan di perangkat Anda\n\n"
        "Perangkat Anda sedang tidak terhubung ke internet, dan halaman yang Anda buka belum pernah "
        "dibuka di perangkat ini. Halaman berikut tersimpan sejak kunjungan pertama Anda dan dapat dibuka "
        "tanpa koneksi:\n\n"
        f"{links}\n\n"
        "Halaman program yang pernah Anda buka juga tersimpan, begitu pula dokumen PDF yang pernah Anda "
        "unduh. Halaman lain dan pencarian memerlukan koneksi internet.\n"
    )


def _nav_links(nav: list) -> list[tuple[str, str, str]]:
    """(title, path, note) for each nav entry; a section of untitled chapters is linked by its first page."""
    links = []
    for item in nav or []:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(target, list) and all(isinstance(i, dict) for i in target):
            links += _nav_links(target)
        elif isinstance(target, list):
            first = _first_page(target)
            if first:
                links.append((title or first, first, " (beserta bab-babnya)" if len(target) > 1 else ""))
        elif isinstance(target, str) and target.endswith(".md") and "://" not in target:
            links.append((title or target, target, ""))
    return links


def _first_page(items: list) -> str | None:
    for item in items:
        target = next(iter(item.values())) if isinstance(item, dict) else item
        found = (
            target
            if isinstance(target, str) and target.endswith(".md")
            else _first_page(target)
            if isinstance(target, list)
            else None
        )
        if found:
            return found
    return None


def write_manifest(site_dir: Path, name: str, short_name: str, description: str) -> None:
    """The web manifest: the region's name on the phone's home screen."""
    manifest = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": "id",
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#123a6b",
        "icons": [{"src": src, "sizes": size, "type": "image/png", "purpose": "any"} for src, size in ICONS.items()],
    }
    (site_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_worker(site_dir: Path, source: str, pages: list[str]) -> Weight:
    """Write sw.js for this build: the pages to keep (with their assets) and the build identifier."""
    keep = kept_files(site_dir, pages + [OFFLINE_PAGE.replace(".md", ".html"), MANIFEST, *ICONS])
    top = sorted({p.name for p in site_dir.iterdir()} - NOT_HANDLED)
    build = build_id(site_dir, top)
    script = (
        source.replace("__BUILD__", build)
        .replace("__KEEP__", json.dumps(keep, ensure_ascii=False))
        .replace("__TOP__", json.dumps(top, ensure_ascii=False))
    )
    (site_dir / WORKER).write_text(script, encoding="utf-8")
    kept_bytes = sum((site_dir / p).stat().st_size for p in keep)
    return Weight(build, len(keep), kept_bytes, first_visit_bytes(site_dir, "index.html"))


def kept_files(site_dir: Path, pages: list[str], style_urls: bool = True) -> list[str]:
    """The pages, and every file of the site their HTML loads (styles, scripts, images, and the fonts
    and images the site's own style sheets load), once each."""
    found: dict[str, None] = {}
    for page in pages:
        found[page] = None
        if page.endswith(".html"):
            found.update(dict.fromkeys(_assets_of(site_dir, page, _ASSET_RE)))
    for sheet in [p for p in found if style_urls and p.endswith(".css")]:
        found.update(dict.fromkeys(_assets_of(site_dir, sheet, _CSS_URL_RE)))
    return [p for p in found if (site_dir / p).is_file()]


def _assets_of(site_dir: Path, source: str, pattern: re.Pattern) -> list[str]:
    text = (site_dir / source).read_text(encoding="utf-8")
    folder = posixpath.dirname(source)
    assets = []
    for ref in pattern.findall(text):
        path = posixpath.normpath(posixpath.join(folder, ref))
        if not path.startswith("../") and not path.endswith(".html") and (site_dir / path).is_file():
            assets.append(path)
    return assets


# The tag each engine writes into a page: MkDocs and ProperDocs build the same site apart from it
# (tests/test_engines.py), so the worker's build id leaves it out and is the same for both.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*"\s*/?>')


def build_id(site_dir: Path, top: list[str]) -> str:
    """A hash of every file the worker may answer for, by path and content (the same for two builds of one commit,
    and for the same site built by another engine of the MkDocs family)."""
    digest = hashlib.sha256()
    for entry in top:
        base = site_dir / entry
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            content = path.read_bytes()
            if path.suffix == ".html":
                content = GENERATOR_TAG.sub(b"", content)
            digest.update(path.relative_to(site_dir).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()[:16]


def first_visit_bytes(site_dir: Path, page: str) -> int:
    """What a first visit of ``page`` transfers: the page and what its HTML loads, each gzip-compressed.

    Fonts a style sheet names are left out: a browser fetches one only for a page that shows its script.
    """
    files = kept_files(site_dir, [page], style_urls=False)
    return sum(len(gzip.compress((site_dir / p).read_bytes(), compresslevel=6, mtime=0)) for p in files)
