"""Stage 5, books: the chapters of each book as Typst source, typeset by Typst.

The same rendered Markdown that the site shows is converted here with
Python-Markdown to HTML and then to Typst code (:mod:`htmltypst`), into one
print document per book (cover, table of contents, chapters BAB I..., running
header, outline) and one for the Perbup annex in the legal format
(``macros/print/*.typ.j2``). Each PDF is made in a process of its own, beside the
site build.
Typst was chosen over WeasyPrint for speed: see README, "Performance".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import markdown

from .. import templatecache
from ..derive.views import View
from ..errors import Problem
from ..labels import ROMAN
from ..render import rawhtml, templateerrors
from ..validate import htmlrule
from ..validate.printchars import font_dirs
from . import htmltypst

if TYPE_CHECKING:
    import typst

log = logging.getLogger("mkdocs.plugins.masterplan.books")

CACHE_VERSION = "3"  # bump when typesetting changes in a way the Typst source does not show
# As mkdocs.yml, and the fast path for the templates' HTML blocks that the plugin adds (same output).
MARKDOWN_EXTENSIONS = [
    *htmlrule.EXTENSIONS,
    rawhtml.EXTENSION,
]  # the site's, and the fast path for the templates' HTML blocks
# The body font, which the charts' SVG text ("inherit" in a browser) is drawn in.
SVG_FONT = {"book": "TeX Gyre Pagella", "annex": "TeX Gyre Bonum", "matrix": "TeX Gyre Bonum"}
TEMPLATES = {"book": "buku.typ.j2", "annex": "lampiran.typ.j2", "matrix": "matriks.typ.j2"}


@dataclass(frozen=True)
class BookSpec:
    """One PDF to make: which chapters, in which layout."""

    id: str  # folder under docs/, e.g. "buku-2"
    number: str  # "II"
    title: str  # "Masterplan Smart City"
    file: str  # file name under site/unduh/
    layout: str = "book"  # "book", "annex" or "matrix" (the amendment's comparison, made from data only)

    @property
    def full_title(self) -> str:
        return {"annex": "Lampiran Peraturan", "matrix": "Matriks Perubahan"}.get(
            self.layout, f"Buku {self.number} · {self.title}"
        )


@dataclass
class Chapter:
    label: str  # "BAB I"
    title: str  # "Pendahuluan"
    html: str
    folder: str = ""  # the chapter file's folder under docs/, for relative image addresses


@dataclass
class BookResult:
    spec: BookSpec
    path: Path
    pages: int
    size: int
    seconds: float


def chapter_files(docs_dir: Path, book_id: str) -> list[str]:
    """``docs/<book>/bab-N-*.md`` in chapter order (by N, not alphabetically)."""

    def number(path: Path) -> int:
        found = re.match(r"bab-(\d+)", path.name)
        return int(found.group(1)) if found else 999

    files = sorted((docs_dir / book_id).glob("bab-*.md"), key=lambda p: (number(p), p.name))
    return [p.relative_to(docs_dir).as_posix() for p in files]


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def to_chapter(markdown_text: str, index: int, folder: str = "") -> Chapter:
    """Markdown of one chapter -> print HTML; its H1 becomes the BAB heading.

    Links to other site pages and anchors need no work here: the converter prints a link's
    text and keeps only links to outside addresses.
    """
    html = markdown.markdown(markdown_text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    found = _H1.search(html)
    title = re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else f"Bab {index + 1}"
    if found:
        html = html[: found.start()] + html[found.end() :]
    label = f"BAB {ROMAN[index]}" if index < len(ROMAN) else f"BAB {index + 1}"
    return Chapter(label, title, html, folder)


def pdf_date(view: View) -> dt.datetime:
    """The document date: SOURCE_DATE_EPOCH when set, else the publication date in the data."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit() and not os.environ.get("MASTERPLAN_EPOCH_SET_BY_PLUGIN"):
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    if view.plan.wilayah.tanggal_terbit is not None:
        return dt.datetime.combine(view.plan.wilayah.tanggal_terbit, dt.time(0, 0), dt.UTC)
    if epoch and epoch.isdigit():  # no publication date in the data: the commit time the plugin set
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime(view.years[0], 1, 1, tzinfo=dt.UTC)


@dataclass
class PrintDocument:
    """A book as Typst source, with what it needs to be compiled."""

    source: str
    root: str  # the folder images are read from (docs/); Typst reads nothing outside it
    refused: list[str]  # outside addresses the chapters asked for
    images: list[Path]  # the image files it reads

    def cache_key(self) -> str:
        """What the PDF depends on: the source, the images it reads, the engine and the fonts."""
        digest = hashlib.sha256(f"{CACHE_VERSION}\n{metadata.version('typst')}\n{font_dirs()}\n{self.source}".encode())
        for image in self.images:
            digest.update(image.read_bytes())
        return digest.hexdigest()


@functools.lru_cache(maxsize=8)
def print_env(templates_dir: Path) -> jinja2.Environment:
    """One environment per folder of print templates, so a template is compiled once per process: the build
    compiles the books' templates before forking them (:meth:`BookJobs.start`), and every book inherits them."""
    loader = jinja2.FileSystemLoader(str(templates_dir))
    env = templatecache.keep_compiled(jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined))
    env.filters["t"] = lambda value: htmltypst.string(str(value))
    return env


def print_document(
    spec: BookSpec, chapters: list[Chapter], view: View, templates_dir: Path, docs_dir: Path
) -> PrintDocument:
    """The cover, contents and chapters of one book (or the annex) as Typst source."""
    prelude = (templates_dir / "umum.typ").read_text(encoding="utf-8")
    converter = htmltypst.Converter(htmltypst.prelude_styles(prelude), SVG_FONT[spec.layout], docs_dir)
    coded = [dict(label=c.label, title=c.title, code=converter.chapter(c.html, c.folder)) for c in chapters]
    template = print_env(templates_dir).get_template(TEMPLATES[spec.layout])
    source = prelude + "\n" + template.render(book=spec, chapters=coded, mp=view, date=pdf_date(view))
    return PrintDocument(source, str(docs_dir), sorted(set(converter.refused)), sorted(converter.images))


@functools.lru_cache(maxsize=1)
def print_fonts() -> typst.Fonts:
    """The print fonts (:func:`font_dirs`, no system fonts), read once before the book processes fork: every Typst
    run (each PDF, the Word charts) uses them instead of reading the folders again (340 faces, ~25 ms a run)."""
    import typst

    return typst.Fonts(include_system_fonts=False, font_paths=font_dirs())


def typeset(document: PrintDocument, out_path: str) -> tuple[int, int, float]:
    """Runs in a worker process: Typst source -> PDF/A-3b file; returns (pages, bytes, seconds)."""
    import typst

    started = time.perf_counter()
    if document.refused:
        raise OutsideReference(outside_message(document.refused))
    # The source is given as bytes, so Typst's root can be docs/: images are read from there and
    # nothing outside it can be read at all.
    # The stub ties the root's type to the input's (bytes here); the binding takes a str path.
    pdf, warnings = typst.compile_with_warnings(
        document.source.encode("utf-8"),
        root=document.root,  # type: ignore[call-overload]
        font_paths=print_fonts(),
        ignore_system_fonts=True,
        pdf_standards=["a-3b"],
        format="pdf",
    )
    missing = [w.message for w in warnings if "unknown font family" in w.message]
    if missing:
        raise BookError(
            f"fon tidak terpasang: {'; '.join(sorted(set(missing)))}. Jalankan scripts/setup.sh --build (paket fonts-texgyre, fonts-dejavu-core, fonts-noto-core)."
        )
    Path(out_path).write_bytes(pdf)
    return page_count(pdf), len(pdf), time.perf_counter() - started


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def page_count(pdf: bytes) -> int:
    # Typst writes page objects uncompressed (no object streams), so they can be counted in the bytes.
    return len(_PAGE.findall(pdf))


class OutsideReference(Exception):
    """The print document asked for something outside the build's own files (raised in a worker: args are one string)."""


def outside_message(urls: list[str]) -> str:
    shown = ", ".join(u if len(u) <= 80 else u[:77] + "..." for u in urls[:5])
    return f"alamat di luar berkas proyek ditolak (tidak diambil): {shown}. Pakai gambar dari docs/assets/ dengan alamat relatif."


@dataclass
class BookInput:
    """What one book's process needs; it is inherited through fork, never copied or pickled."""

    spec: BookSpec
    chapters: list[tuple[str, str]]  # (file under docs/, rendered Markdown), in chapter order
    view: View
    docs_dir: Path
    templates_dir: Path
    out: Path
    cache_dir: Path | None
    cache_write: bool = True  # False for `masterplan check`: a cached PDF is used, none is added

    @property
    def size(self) -> int:
        return sum(len(text) for _, text in self.chapters)


def make_book(book: BookInput) -> tuple[int, int, float]:
    """In the book's own process: chapters -> Typst source -> PDF, or the cached PDF of the same source.

    The annex and the comparison matrix also get their Word document beside the PDF (:mod:`worddocs`).
    """
    started = time.perf_counter()
    chapters = [to_chapter(text, i, Path(name).parent.as_posix()) for i, (name, text) in enumerate(book.chapters)]
    document = print_document(book.spec, chapters, book.view, book.templates_dir, book.docs_dir)
    make_word(book, chapters)
    key = document.cache_key()
    cached = from_cache(book.cache_dir, key, book.out)
    if cached is not None:
        return cached, book.out.stat().st_size, time.perf_counter() - started
    pages, size, _ = typeset(document, str(book.out))
    if book.cache_write:
        to_cache(book.cache_dir, key, book.out, pages, book.spec.file)
    return pages, size, time.perf_counter() - started


def make_word(book: BookInput, chapters: list[Chapter]) -> None:
    """The Word document of the annex or the matrix, as ``<file>.docx`` beside the PDF.

    Made in a child process of its own (the book's process is a daemon, so a plain fork): what
    python-docx and the charts' Typst run hold is returned before the book is typeset, so the
    two never add up (at 1,000 programmes about 140 MB)."""
    if book.spec.layout not in ("annex", "matrix"):
        return
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write the document, report a failure through the pipe, never return
        os.close(read)
        status = 0
        try:
            _write_word(book, chapters)
        except BaseException as exc:
            os.write(write, describe(exc).encode("utf-8", "replace")[:4000])
            status = 1
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        failure = pipe.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise BookError(
            f"dokumen Word {book.out.with_suffix('.docx').name} gagal dibuat: {failure or 'proses berhenti'}"
        )


def _write_word(book: BookInput, chapters: list[Chapter]) -> None:
    from . import worddocs  # python-docx is loaded only where a Word document is made

    out = book.out.with_suffix(".docx")
    if book.spec.layout == "annex":
        worddocs.annex(chapters, book.view, book.docs_dir, out, pdf_date(book.view))
    else:
        worddocs.matrix(book.view, out, pdf_date(book.view))


def from_cache(cache_dir: Path | None, key: str, out: Path) -> int | None:
    """Copies the cached PDF of this source to ``out``; returns its page count, or None when there is none."""
    if cache_dir is None:
        return None
    pdf, meta = cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"
    if not (pdf.exists() and meta.exists()):
        return None
    shutil.copyfile(pdf, out)
    return json.loads(meta.read_text())["pages"]


def to_cache(cache_dir: Path | None, key: str, out: Path, pages: int, file: str) -> None:
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out, cache_dir / f"{key}.pdf")
    (cache_dir / f"{key}.json").write_text(json.dumps({"pages": pages, "file": file}))


class BookJob:
    """One book made in a process of its own, forked from the build.

    The conversion to Typst and the typesetting both run there, beside the site build.
    Typst keeps its caches for the life of a process (some 170 MB for a book of 1,000
    programmes), so a fresh process per book returns that memory when the book is done.
    ``slots`` lets only so many books be made at once.
    """

    def __init__(self, book: BookInput, slots):
        self.out = book.out
        context = multiprocessing.get_context("fork")  # the child inherits the loaded modules and the book's input
        self._receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_make_in_turn, args=(send, slots, book), daemon=True)
        self.process.start()
        send.close()

    def result(self) -> tuple[int, int, float]:
        try:
            kind, value = self._receive.recv()
        except EOFError:
            kind, value = "error", "proses pencetak berhenti tanpa hasil (kehabisan memori?)"
        finally:
            self._receive.close()
            self.process.join()
        if kind == "error":
            raise BookError(value)
        return value


def _make_in_turn(send, slots, book: BookInput) -> None:
    with slots:
        try:
            send.send(("ok", make_book(book)))
        except BaseException as exc:
            send.send(("error", describe(exc)))
    send.close()


def describe(exc: BaseException) -> str:
    """A failure in one line or a few: Typst's own diagnostics are long (they quote the source)."""
    if isinstance(exc, jinja2.TemplateError):
        line, filename = templateerrors.line_from_traceback(exc, getattr(exc, "filename", None))
        line = getattr(exc, "lineno", None) or line or 1
        shown = f"macros/print/{Path(filename).name}" if filename else "macros/print"
        return f"{shown}:{line}: templat cetak gagal: {templateerrors.explain(exc)}"
    message = getattr(exc, "message", None) or str(exc)
    if exc.__class__.__name__ == "TypstError":
        return f"Typst menolak dokumen cetak: {message[:500]}. Periksa perubahan di macros/print/umum.typ dan macros/print/*.typ.j2."
    return f"{exc.__class__.__name__}: {message[:500]}"


class BookJobs:
    """Starts every book at once; results are collected later.

    A book whose Typst source is unchanged since the last build is copied from the
    cache instead of typeset again (the output is deterministic, so this is safe).
    """

    def __init__(self, workers: int | None = None, cache_dir: Path | None = None, cache_write: bool = True):
        # One book at a time by default: the site build keeps the other core busy, a book of
        # 1,000 programmes takes about a second, and each book made at once holds ~170 MB.
        self.workers = workers or 1
        self.cache_dir = cache_dir
        self.cache_write = cache_write
        self.jobs: dict[BookSpec, BookJob] = {}

    def start(
        self,
        specs: list[BookSpec],
        pages: dict[str, str],
        view: View,
        docs_dir: Path,
        templates_dir: Path,
        out_dir: Path,
    ) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        inputs = [
            BookInput(
                spec,
                self._chapters(spec, pages, docs_dir),
                view,
                docs_dir,
                templates_dir,
                out_dir / spec.file,
                self.cache_dir,
                self.cache_write,
            )
            for spec in specs
        ]
        import typst  # noqa: F401 - loaded once here, inherited by every forked book process

        print_fonts()  # found and read once, before forking
        for spec in specs:  # compiled once, before forking: every book process inherits them
            # A broken template: the book's own process meets it again and reports it at its line.
            with contextlib.suppress(jinja2.TemplateError):
                print_env(templates_dir).get_template(TEMPLATES[spec.layout])
        slots = multiprocessing.get_context("fork").Semaphore(self.workers)
        # Longest first: a short book then fills in beside a long one when there are more slots.
        for book in sorted(inputs, key=lambda b: -b.size):
            self.jobs[book.spec] = BookJob(book, slots)
        self.jobs = {spec: self.jobs[spec] for spec in specs}  # results in the configured order

    @staticmethod
    def _chapters(spec: BookSpec, pages: dict[str, str], docs_dir: Path) -> list[tuple[str, str]]:
        if spec.layout == "matrix":
            return []  # made from the comparison alone
        files = chapter_files(docs_dir, spec.id)
        if not files:
            raise BookError(f"buku `{spec.id}` tidak punya bab: tambahkan berkas docs/{spec.id}/bab-1-....md")
        return [(name, pages[name]) for name in files]

    def results(self) -> list[BookResult]:
        results = []
        failures = []
        for spec, job in self.jobs.items():
            try:
                pages, size, seconds = job.result()
                results.append(BookResult(spec, job.out, pages, size, seconds))
                log.info("PDF %s: %d halaman, %.2f s", spec.file, pages, seconds)
            except Exception as exc:
                failures.append(
                    f"PDF `{spec.file}` gagal dibuat: {exc if isinstance(exc, BookError) else describe(exc)}"
                )
        self.jobs = {}
        if failures:
            raise BookError("\n".join(failures), [failure_problem(f) for f in failures])
        return results

    def close(self) -> None:
        """Stops books still being made (the build failed elsewhere)."""
        for job in self.jobs.values():
            if job.process.is_alive():
                job.process.terminate()
                job.process.join()
        self.jobs = {}


class BookError(Exception):
    """A book could not be made; ``problems`` say where, as every stage's problems do."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or [failure_problem(message)]


_AT = re.compile(r"(?P<file>(?:macros|docs|data)/[^\s:]+):(?P<line>\d+): (?P<rest>.*)", re.S)


def failure_problem(message: str) -> Problem:
    """A book's failure as a problem: at the template or chapter line it names, else at the books in mkdocs.yml."""
    head, sep, detail = message.partition(": ")
    found = _AT.match(detail) if sep else None
    if found:
        return Problem(found["file"], int(found["line"]), f"{head}: {found['rest']}")
    return Problem("mkdocs.yml", 1, message)  # the books are configured there


def download_rows(result: BookResult, words) -> list[dict]:
    """The downloads page's rows for one result: the PDF, and its Word document when one was made beside it."""
    title = {"book": result.spec.full_title, "annex": words.judul_lampiran, "matrix": "Matriks perubahan"}[
        result.spec.layout
    ]
    rows = [{"file": result.spec.file, "title": title, "pages": result.pages, "size": human_size(result.size)}]
    word = result.path.with_suffix(".docx")
    if word.exists():
        rows.append(
            {
                "file": word.name,
                "title": f"{title} (Word, untuk disunting)",
                "pages": "–",
                "size": human_size(word.stat().st_size),
            }
        )
    return rows


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
