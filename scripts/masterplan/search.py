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
_ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
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
    """The page marked for Pagefind: index only the article, with its words' roots as metadata.

    None for a page without an article (404): it is not indexed.
    """
    if "<article class=\"md-content__inner md-typeset\">" not in page_html:
        return None
    words = page_words(page_html) if words is None else words
    extra = sorted({root_of[w] for w in set(words) if root_of.get(w, w) != w})
    attrs = ' data-pagefind-body'
    if extra:
        attrs += f' data-pagefind-meta="akar:{" ".join(extra)}"'
    marked = page_html.replace('<article class="md-content__inner md-typeset">', f'<article class="md-content__inner md-typeset"{attrs}>', 1)
    return _CELL_END_RE.sub(r"\1 ", marked)


def build_index(site_dir: Path) -> IndexStats:
    """Write ``site_dir/pagefind/`` (index, pagefind.js, roots list); raise SearchError on failure."""
    pages = {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(site_dir.rglob("*.html")) if not _skipped(p.relative_to(site_dir).as_posix())}
    words = {rel: page_words(text) for rel, text in pages.items()}
    root_of = roots(set().union(*words.values()) if words else set())
    with tempfile.TemporaryDirectory(prefix="masterplan-cari-") as tmp:
        count = 0
        for rel, text in pages.items():
            marked = annotate(text, root_of, words[rel])
            if marked is None:
                continue
            target = Path(tmp, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(marked, encoding="utf-8")
            count += 1
        if not count:
            raise SearchError("indeks pencarian: tidak ada halaman dengan isi artikel di situs; periksa templat tema (macros/theme/)")
        _run_pagefind(Path(tmp), site_dir / OUTPUT)
    for name in _UNUSED:
        (site_dir / OUTPUT / name).unlink(missing_ok=True)
    lexicon = sorted(set(root_of.values()))
    (site_dir / OUTPUT / ROOTS_FILE).write_text(json.dumps(lexicon, separators=(",", ":")), encoding="utf-8")
    size = sum(f.stat().st_size for f in (site_dir / OUTPUT).rglob("*") if f.is_file())
    return IndexStats(pages=count, words=len(root_of), roots=len(lexicon), bytes=size)


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
