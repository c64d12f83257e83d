"""Site search: a Pagefind index of the built site, taught Indonesian roots by Sastrawi.

Pagefind (static search, WebAssembly in the browser) stems Indonesian with the
Snowball algorithm when pages carry ``lang="id"``. That algorithm misses many
roots (``kelola``/``pengelolaan``, ``rencana``/``perencanaan``, ``manfaat``/
``pemanfaatan``), so every page is also given, as searchable Pagefind metadata
``akar``, the Sastrawi roots (Nazief-Adriani with a dictionary) of the affixed
words it contains. The browser finds the root of a query word with the same
roots list (``pagefind/akar.json``) and searches for both the word as typed and
its root (``docs/assets/cari.js``).

The served pages are not changed: Pagefind is given annotated copies (head and
article) through its service mode while the site is built (:class:`Indexer`).
A failed index raises :class:`SearchError`, which fails the build before the
new site is swapped in.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
import typing
from dataclasses import dataclass
from pathlib import Path

from . import stemming

OUTPUT = "pagefind"
ROOTS_FILE = "akar.json"
# The page body that is indexed: Material's article (navigation, header and footer are left out).
_ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'
_TAG_RE = re.compile(r"<[^>]*>")
_CODE_RE = re.compile(r"<code[^>]*>.*?</code>", re.S)
# Pagefind joins the text of adjacent table cells ("KodeProgram"); a space keeps the words apart.
_CELL_ENDS = ("</td>", "</th>", "</li>", "</dt>", "</dd>", "</caption>")
_WORD_RE = re.compile(r"[a-z]+")
# Pagefind ships four ready-made interfaces; the site uses its own (cari.js) on pagefind.js.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
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


def page_words(page_html: str) -> list[str]:
    """Lower-case words of the indexed part of a page (its article)."""
    start = page_html.find(_ARTICLE_OPEN)
    end = page_html.find("</article>", start + len(_ARTICLE_OPEN)) if start >= 0 else -1
    if end < 0:
        return []
    article = page_html[start + len(_ARTICLE_OPEN) : end]  # found as text: a lazy `.*?` over the page is slow
    text = html.unescape(_TAG_RE.sub(" ", _CODE_RE.sub(" ", article))).lower()
    return _WORD_RE.findall(text)


def roots(words: set[str]) -> dict[str, str]:
    """Sastrawi root of each word (the word itself when it has no known root).

    A word of lower-case ASCII letters alone (every word :func:`page_words` finds) goes straight to Sastrawi's
    one-word stemmer: its text normalising leaves such a word as it is, and with no hyphen it is no plural, so
    ``stem`` would come to the same call; any other text goes through ``stem``.
    """
    stemmer = stemming.stemmer()
    singular = stemmer.delegatedStemmer.stem_singular_word
    return {
        w: (singular(w) if w.isascii() and w.isalpha() and w.islower() else stemmer.stem(w)) or w for w in sorted(words)
    }


def annotate(page_html: str, root_of: dict[str, str], words: list[str] | None = None) -> str | None:
    """What Pagefind reads of a page, marked: index only the article, with its words' roots as metadata.

    The copy keeps the language and the title of the head, and the article; menus, header, footer and the
    rest of the head are left out, as Pagefind ignores them anyway once the article is marked as the body
    (tests/test_search.py checks the index is the same as from whole pages), and so are the attributes the
    phone pass writes into tables (``phonetables``), which Pagefind does not read: a third less to send.
    None for a page without an article (404): it is not indexed.
    """
    start = page_html.find(_ARTICLE_OPEN)
    if start < 0:
        return None
    words = page_words(page_html) if words is None else words
    extra = sorted({root_of[w] for w in set(words) if root_of.get(w, w) != w})
    attrs = " data-pagefind-body"
    if extra:
        attrs += f' data-pagefind-meta="akar:{" ".join(extra)}"'
    marked = _article_only(page_html, start).replace(_ARTICLE_OPEN, f"{_ARTICLE_OPEN[:-1]}{attrs}>", 1)
    for cell_end in _CELL_ENDS:  # a space after each: plain text replacing, faster than one pattern
        marked = marked.replace(cell_end, cell_end + " ")
    return marked


def _article_only(page_html: str, start: int) -> str:
    """``<html>`` with the head's title only, ``<body>`` with the article only, the phone pass's attributes left out."""
    body = page_html.find("<body")
    end = page_html.find("</article>", start)
    if not 0 <= body < start or end < 0:
        return page_html  # not the theme's page layout: the whole page
    head = page_html.find("<head")
    head_end = page_html.find("</head>", head) if head >= 0 else -1
    top = page_html[: page_html.index(">", body) + 1]
    if 0 <= head < head_end < body:
        title = _TITLE_RE.search(page_html, head, head_end)
        top = f"{page_html[:head]}<head>{title.group(0) if title else ''}</head>{top[head_end + len('</head>') :]}"
    article = _TABLE_TAG_RE.sub(_without_phone_attrs, page_html[start : end + len("</article>")])
    return top + article + "\n</body>\n</html>\n"


_TITLE_RE = re.compile(r"<title>.*?</title>", re.S)
_TABLE_TAG_RE = re.compile(r"<(?:table|thead|tbody|tfoot|tr|th|td)\b[^>]*>")
# What site/phonetables.py adds to a table's tags (ARIA roles and the card labels), as it writes them.
_PHONE_ATTR_RE = re.compile(r' (?:role|data-label|data-judul|data-kosong|data-ponsel)(?:="[^"]*")?(?=[ />])')


def _without_phone_attrs(tag: re.Match[str]) -> str:
    return _PHONE_ATTR_RE.sub("", tag.group(0))


def build_index(site_dir: Path) -> IndexStats:
    """Write ``site_dir/pagefind/`` (index, pagefind.js, roots list) from the site's files; raise SearchError on failure."""
    return Indexer().write(site_dir)


class Indexer:
    """Pagefind in its service mode, indexing beside the build.

    MkDocs hands over each page as it writes it (:meth:`add`); Pagefind reads it in its own
    process, on another core, while MkDocs goes on with the next pages, and no copy of a page
    is written to disk. :meth:`write` adds the site's other HTML files and writes the index.
    Messages follow Pagefind's service protocol: base64 JSON, each ending in a comma, over
    stdin and stdout. A failure is kept and raised by :meth:`write` as :class:`SearchError`.
    """

    def __init__(self) -> None:
        self.root_of: dict[str, str] = {}
        self.pages = 0  # pages with an article, handed to Pagefind
        self._seen: set[str] = set()
        self._failure: str | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._index_id: int | None = None
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._replies: dict[int, dict] = {}
        self._arrived = threading.Condition()
        self._last_id = 0
        self._stderr: typing.IO[bytes] | None = None
        self._threads: list[threading.Thread] = []

    # ------------------------------------------------------------ pages
    def add(self, rel: str, page_html: str) -> None:
        """Hand one page (its path in the site, its HTML as written) to Pagefind; pages without an article are left out."""
        if rel in self._seen or _skipped(rel):
            return
        self._seen.add(rel)
        words = page_words(page_html)
        self.root_of.update(roots(set(words).difference(self.root_of)))  # each word stemmed once for the whole site
        marked = annotate(page_html, self.root_of, words)
        if marked is None or self._failure is not None:
            return
        if self._index_id is None and not self._start():
            return
        self._send({"type": "AddFile", "index_id": self._index_id, "file_path": rel, "file_contents": marked})
        self.pages += 1

    def write(self, site_dir: Path, retry: bool = True) -> IndexStats:
        """Add the HTML files not handed over yet, then write the index into ``site_dir/pagefind/``."""
        try:
            for page in sorted(site_dir.rglob("*.html")):
                rel = page.relative_to(site_dir).as_posix()
                if rel not in self._seen and not _skipped(rel):
                    self.add(rel, page.read_text(encoding="utf-8"))
            if self._failure is None and not self.pages:
                raise SearchError(
                    "indeks pencarian: tidak ada halaman dengan isi artikel di situs; periksa templat tema (macros/theme/)"
                )
            output = site_dir / OUTPUT
            if output.exists():
                shutil.rmtree(output)
            if self._failure is None:
                self._request({"type": "WriteFiles", "index_id": self._index_id, "output_path": str(output.resolve())})
                wait_for_entry_json(output)
                wait_until_written(output)
            self._finish()
            if self._failure is not None:
                raise SearchError(self._failure)
            if not (output / "pagefind.js").is_file():
                raise SearchError(self._exit_message())
        finally:
            self.close()
        if entry_json(output) is None:
            # Seen once in some thirty builds: an empty pagefind-entry.json, which breaks the search.
            # The pages are all on disk by now: index them again from there, once.
            if not retry:
                raise SearchError(
                    "indeks pencarian: Pagefind menulis pagefind-entry.json kosong atau rusak, juga pada percobaan kedua"
                )
            return Indexer().write(site_dir, retry=False)
        for name in _UNUSED:
            (output / name).unlink(missing_ok=True)
        lexicon = sorted(set(self.root_of.values()))
        (output / ROOTS_FILE).write_text(json.dumps(lexicon, separators=(",", ":")), encoding="utf-8")
        size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file())
        return IndexStats(pages=self.pages, words=len(self.root_of), roots=len(lexicon), bytes=size)

    def close(self) -> None:
        """Stop Pagefind if it still runs (a failed or interrupted build)."""
        process = self.process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        self._outbox.put(None)
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    # ------------------------------------------------------------ the Pagefind process
    def _start(self) -> bool:
        try:
            binary = _binary()
            self._stderr = tempfile.TemporaryFile()  # noqa: SIM115  (open while Pagefind runs; closed in close())
            self.process = subprocess.Popen(
                [binary, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr
            )
        except SearchError as exc:
            self._failure = str(exc)
            return False
        except OSError as exc:
            self._failure = (
                f"indeks pencarian: Pagefind tidak dapat dijalankan ({exc.filename or 'pagefind'}: {exc.strerror})"
            )
            return False
        self._threads = [
            threading.Thread(target=self._write_messages, daemon=True),
            threading.Thread(target=self._read_replies, daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        # The CLI's options as the service's index settings.
        reply = self._request({"type": "NewIndex", "config": {"keep_index_url": True, "exclude_selectors": [_EXCLUDE]}})
        if reply is None:
            return False
        self._index_id = reply["index_id"]
        return True

    def _pagefind(self) -> subprocess.Popen[bytes]:
        """The Pagefind process; only asked for once ``_start`` has started it."""
        assert self.process is not None
        return self.process

    def _send(self, payload: dict) -> int:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        self._outbox.put(base64.b64encode(message) + b",")
        return self._last_id

    def _request(self, payload: dict) -> dict | None:
        """Send and wait for the reply; None (and the failure kept) when Pagefind answered with an error or stopped."""
        message_id = self._send(payload)
        with self._arrived:
            while not (message_id in self._replies or self._failure is not None or self._pagefind().poll() is not None):
                self._arrived.wait(timeout=1)
            reply = self._replies.get(message_id)
        if reply is None and self._failure is None:
            self._failure = self._exit_message()
        return reply if self._failure is None else None

    def _write_messages(self) -> None:
        stdin = self._pagefind().stdin
        assert stdin is not None  # started with stdin=PIPE
        try:
            while (message := self._outbox.get()) is not None:
                stdin.write(message)
                if self._outbox.empty():
                    stdin.flush()
            stdin.close()
        except OSError:  # Pagefind stopped; its exit code tells why
            pass

    def _read_replies(self) -> None:
        buffered = b""
        stdout = typing.cast(io.BufferedReader, self._pagefind().stdout)  # started with stdout=PIPE
        while chunk := stdout.read1(1 << 16):
            *messages, buffered = (buffered + chunk).split(b",")
            for message in messages:
                try:
                    reply = json.loads(base64.b64decode(message))
                    payload = reply.get("payload") or {}
                except (ValueError, AttributeError):  # not a reply: Pagefind's exit code will say what went wrong
                    continue
                with self._arrived:
                    if payload.get("type") == "Error" and self._failure is None:
                        self._failure = (
                            f"indeks pencarian gagal dibuat oleh Pagefind: {payload.get('message', 'tanpa pesan')}"
                        )
                    self._replies[reply.get("message_id")] = payload
                    self._arrived.notify_all()
        self._pagefind().wait()
        with self._arrived:
            self._arrived.notify_all()

    def _finish(self) -> None:
        """Close Pagefind's input and wait until it has written everything and stopped."""
        self._outbox.put(None)
        if self.process is not None:
            self.process.wait()

    def _exit_message(self) -> str:
        code = self.process.wait() if self.process is not None else None
        detail: list[str] = []
        if self._stderr is not None:
            self._stderr.seek(0)
            detail = self._stderr.read().decode("utf-8", "replace").strip().splitlines()[-5:]
        return f"indeks pencarian gagal dibuat oleh Pagefind (kode keluar {code}): " + " / ".join(
            detail or ["tanpa pesan"]
        )


def entry_json(output: Path) -> dict | None:
    """Pagefind's entry file (what the browser reads first), or None when it is missing, empty or cut off."""
    try:
        return json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def wait_for_entry_json(output: Path, seconds: float = 5.0) -> None:
    """Pagefind answers WriteFiles as it writes; closing its input at once could stop it before the last file is whole."""
    deadline = time.monotonic() + seconds
    while entry_json(output) is None and time.monotonic() < deadline:
        time.sleep(0.02)


def written_sizes(output: Path) -> dict[str, int]:
    return {p.relative_to(output).as_posix(): p.stat().st_size for p in output.rglob("*") if p.is_file()}


def wait_until_written(output: Path, seconds: float = 10.0, settled_polls: int = 3, interval: float = 0.04) -> None:
    """Pagefind answers WriteFiles before its file writes are flushed, and it stops as soon as its input closes:
    a file still being written is then left cut off (seen: pagefind-worker.js at 32,768 of 41,255 bytes, which
    breaks the search). So its input is closed only once no file of the index has grown for a few polls."""
    deadline = time.monotonic() + seconds
    last, same = written_sizes(output), 0
    while same < settled_polls and time.monotonic() < deadline:
        time.sleep(interval)
        now = written_sizes(output)
        same = same + 1 if now == last else 0
        last = now


def _binary() -> str:
    try:
        from pagefind_bin import get_executable

        # PAGEFIND_BINARY_PATH: the same override as Pagefind's own Python API.
        return os.environ.get("PAGEFIND_BINARY_PATH") or str(get_executable())
    except (ImportError, FileNotFoundError):
        raise SearchError(
            "indeks pencarian: program Pagefind tidak ditemukan; jalankan `bash scripts/setup.sh` "
            "(memasang paket `pagefind-bin`)"
        ) from None


def _skipped(rel: str) -> bool:
    return rel in ("404.html", "luring.html") or rel.startswith(OUTPUT + "/")  # luring.html: the offline page
