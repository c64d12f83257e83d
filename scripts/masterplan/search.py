"""Site search: a Pagefind index of the built site, taught Indonesian roots by Sastrawi.

Pagefind (static search, WebAssembly in the browser) stems Indonesian with the
Snowball algorithm when pages carry ``lang="id"``. That algorithm misses many
roots (``kelola``/``pengelolaan``, ``rencana``/``perencanaan``, ``manfaat``/
``pemanfaatan``), so every page is also given, as searchable Pagefind metadata
``akar``, the Sastrawi roots (Nazief-Adriani with a dictionary) of the affixed
words it contains. The browser finds the root of a query word with the same
roots list (``pagefind/akar.json``) and searches for both the word as typed and
its root (``docs/assets/cari.js``).

The served pages are not changed: the index reads annotated copies in a
temporary folder. A failed index raises :class:`SearchError`, which fails the
build before the new site is swapped in.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

OUTPUT = "pagefind"
ROOTS_FILE = "akar.json"
# The page body that is indexed: Material's article (navigation, header and footer are left out).
_ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'
_ARTICLE_RE = re.compile(re.escape(_ARTICLE_OPEN) + "(.*?)</article>", re.S)
_TAG_RE = re.compile(r"<[^>]*>")
_CODE_RE = re.compile(r"<code[^>]*>.*?</code>", re.S)
# Pagefind joins the text of adjacent table cells ("KodeProgram"); a space keeps the words apart.
_CELL_END_RE = re.compile(r"(</(?:td|th|li|dt|dd|caption)>)")
_WORD_RE = re.compile(r"[a-z]+")
# Pagefind ships four ready-made interfaces; the site uses its own (cari.js) on pagefind.js.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Theme parts inside the article that are not content, and code (field names, data values, commands
# in the editors' guide): not what citizens search for, and a kota's `kabupaten` value stays code.
_EXCLUDE = ".headerlink, .md-content__button, .md-source-file, code"


class SearchError(Exception):
    """The search index could not be built; the message is for the editor, in Indonesian."""


# What the search needs in the pages' Content-Security-Policy (see csp.py): Pagefind
# compiles its WebAssembly ('wasm-unsafe-eval'), starts pagefind-worker.js and fetches
# its index and pagefind/akar.json from the site itself.
CSP_SOURCES = {"script-src": ["'wasm-unsafe-eval'"], "worker-src": ["'self'"], "connect-src": ["'self'"]}


@dataclass(frozen=True)
class IndexStats:
    pages: int
    words: int
    roots: int
    bytes: int


@lru_cache(maxsize=1)

def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    # Sastrawi keeps its 30,000-word dictionary in a list; a set makes it ~400x faster.
    dictionary = stemmer.delegatedStemmer.dictionary
    dictionary.words = frozenset(dictionary.words)
    return stemmer


def page_words(page_html: str) -> list[str]:
    """Lower-case words of the indexed part of a page (its article)."""
    match = _ARTICLE_RE.search(page_html)
    if match is None:
        return []
    text = html.unescape(_TAG_RE.sub(" ", _CODE_RE.sub(" ", match.group(1)))).lower()
    return _WORD_RE.findall(text)


def roots(words: set[str]) -> dict[str, str]:
    """Sastrawi root of each word (the word itself when it has no known root)."""
    stemmer = _stemmer()
    return {w: stemmer.stem(w) or w for w in sorted(words)}


def annotate(page_html: str, root_of: dict[str, str], words: list[str] | None = None) -> str | None:
    """What Pagefind reads of a page, marked: index only the article, with its words' roots as metadata.

    The copy keeps the head (language, title) and the article; menus, header and footer are
    left out, as Pagefind ignores them anyway once the article is marked as the body
    (tests/test_search.py checks the index is the same as from whole pages).
    None for a page without an article (404): it is not indexed.
    """
    start = page_html.find(_ARTICLE_OPEN)
    if start < 0:
        return None
    words = page_words(page_html) if words is None else words
    extra = sorted({root_of[w] for w in set(words) if root_of.get(w, w) != w})
    attrs = ' data-pagefind-body'
    if extra:
        attrs += f' data-pagefind-meta="akar:{" ".join(extra)}"'
    marked = _article_only(page_html, start).replace(_ARTICLE_OPEN, f'{_ARTICLE_OPEN[:-1]}{attrs}>', 1)
    return _CELL_END_RE.sub(r"\1 ", marked)


def _article_only(page_html: str, start: int) -> str:
    body = page_html.find("<body")
    end = page_html.find("</article>", start)
    if not 0 <= body < start or end < 0:
        return page_html  # not the theme's page layout: the whole page
    return page_html[:page_html.index(">", body) + 1] + page_html[start:end + len("</article>")] + "\n</body>\n</html>\n"


def build_index(site_dir: Path) -> IndexStats:
    """Write ``site_dir/pagefind/`` (index, pagefind.js, roots list); raise SearchError on failure."""
    root_of: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="masterplan-cari-", dir=_scratch_dir()) as tmp:
        count = _write_copies(site_dir, Path(tmp), root_of)
        if not count:
            raise SearchError("indeks pencarian: tidak ada halaman dengan isi artikel di situs; periksa templat tema (macros/theme/)")
        _run_pagefind(Path(tmp), site_dir / OUTPUT)
    for name in _UNUSED:
        (site_dir / OUTPUT / name).unlink(missing_ok=True)
    lexicon = sorted(set(root_of.values()))
    (site_dir / OUTPUT / ROOTS_FILE).write_text(json.dumps(lexicon, separators=(",", ":")), encoding="utf-8")
    size = sum(f.stat().st_size for f in (site_dir / OUTPUT).rglob("*") if f.is_file())
    return IndexStats(pages=count, words=len(root_of), roots=len(lexicon), bytes=size)


def _write_copies(site_dir: Path, target: Path, root_of: dict[str, str]) -> int:
    """The marked copy of every page under ``target``, one page at a time; fills ``root_of``. Returns how many."""
    stemmer = _stemmer()
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if _skipped(rel):
            continue
        text = page.read_text(encoding="utf-8")
        words = page_words(text)
        for word in set(words).difference(root_of):  # each word stemmed once for the whole site
            root_of[word] = stemmer.stem(word) or word
        marked = annotate(text, root_of, words)
        if marked is None:
            continue
        copy = target / rel
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(marked, encoding="utf-8")
        count += 1
    return count


def _scratch_dir() -> str | None:
    """A memory-backed folder for the throw-away copies when there is one (Linux): creating a
    thousand files costs far more on some disks than writing them."""
    shm = "/nonexistent"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def _skipped(rel: str) -> bool:
    return rel == "404.html" or rel.startswith(OUTPUT + "/")


def _run_pagefind(source: Path, output: Path) -> None:
    try:
        from pagefind_bin import get_executable

        # PAGEFIND_BINARY_PATH: the same override as Pagefind's own Python API.
        binary = os.environ.get("PAGEFIND_BINARY_PATH") or str(get_executable())
    except (ImportError, FileNotFoundError):
        raise SearchError("indeks pencarian: program Pagefind tidak ditemukan; jalankan `bash scripts/setup.sh` "
                          "(memasang paket `pagefind-bin`)") from None
    if output.exists():
        shutil.rmtree(output)
    command = [binary, "--site", str(source), "--output-path", str(output), "--keep-index-url",
               "--exclude-selectors", _EXCLUDE, "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError as exc:
        raise SearchError(f"indeks pencarian: Pagefind tidak dapat dijalankan ({binary}: {exc.strerror})") from None
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchError("indeks pencarian gagal dibuat oleh Pagefind (kode keluar "
                          f"{result.returncode}): " + " / ".join(detail or ["tanpa pesan"]))
