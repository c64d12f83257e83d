"""The build's books: every PDF (and the Word document beside the annex and the matrix) made in
processes of their own while MkDocs builds the site (books/typesetting.py). They start once the
pages are known (``on_files``); the downloads page waits for them, since it lists their page counts
and sizes; the files are copied into the site at the end, and their scratch folder removed."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path

from ..books import typesetting
from ..derive.views import View
from . import sitefolders


def specs(books: list, view: View) -> list[typesetting.BookSpec]:
    """The books configured in mkdocs.yml, titled and named from the region's words; a draft amendment's
    comparison matrix beside them."""
    words = view.words
    found = []
    for b in books:
        annex = b.layout == "annex"
        title = b.title or (words.judul_lampiran if annex else "")
        file = b.file or (words.berkas_lampiran if annex else f"{b.id}.pdf")
        found.append(typesetting.BookSpec(b.id, b.number, title, file, b.layout))
    if view.comparison is not None and found:
        found.append(
            typesetting.BookSpec(
                "perubahan", "", f"Matriks perubahan {words.judul_lengkap}", words.berkas_matriks, "matrix"
            )
        )
    return found


class BookRun:
    """One build's book processes, their scratch folder and, once collected, their results."""

    def __init__(self, root: Path, check_only: bool):
        cache = sitefolders.local_cache(root, "masterplan-pdf")
        # `masterplan check` uses a cached PDF but adds none.
        self.jobs = typesetting.BookJobs(cache_dir=cache, cache_write=not check_only)
        self.pdf_dir: Path | None = None
        self.results: list[typesetting.BookResult] | None = None

    def start(
        self, books: list[typesetting.BookSpec], pages: dict[str, str], view: View, docs_dir: Path, templates_dir: Path
    ) -> None:
        """Starts every book; :class:`typesetting.BookError` (nothing left running) when one cannot start."""
        sitefolders.remove_stale_pdf_dirs()  # left by a build that was killed
        self.pdf_dir = Path(tempfile.mkdtemp(prefix=sitefolders.pdf_prefix()))
        try:
            self.jobs.start(books, pages, view, docs_dir, templates_dir, self.pdf_dir)
        except typesetting.BookError:
            self.jobs.close()
            raise

    def collect(self) -> list[typesetting.BookResult]:
        """Waits for every book (once); :class:`typesetting.BookError` with every failure."""
        if self.results is None:
            self.results = self.jobs.results()
        return self.results

    def copy_into(self, downloads: Path) -> None:
        """The PDFs, and the Word documents made beside them, into the site's downloads folder."""
        for result in self.collect():
            shutil.copyfile(result.path, downloads / result.spec.file)
            word = result.path.with_suffix(".docx")
            if word.exists():
                shutil.copyfile(word, downloads / word.name)
        self.discard()

    def close(self) -> None:
        """Stops the books still being made (the build failed elsewhere)."""
        self.jobs.close()

    def kill(self) -> None:
        """SIGTERM: nothing that waits (the signal may have come while a lock was held)."""
        for job in list(self.jobs.jobs.values()):
            if job.process.pid is not None and job.process.exitcode is None:
                os.kill(job.process.pid, signal.SIGTERM)  # the book processes die of it (no cleanup of their own)

    def discard(self) -> None:
        if self.pdf_dir is not None:
            shutil.rmtree(self.pdf_dir, ignore_errors=True)
            self.pdf_dir = None
