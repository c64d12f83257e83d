"""What ``mkdocs build`` prints: the build's real messages and a short summary, nothing else at INFO.

A clean build prints one line per PDF (pages, seconds), the search index, and one closing line
with the site's folder, its pages, its PDFs and the warnings of this build. MkDocs' own progress
lines ("Cleaning site directory", "Building documentation to directory: .site.baru-...", the
folder being the temporary one the site is built in before the swap) become debug lines: ``mkdocs
build --verbose`` still shows them. The generated pages outside the nav are declared in
``mkdocs.yml`` (``not_in_nav``), so MkDocs no longer lists them.
"""

from __future__ import annotations

import logging

MKDOCS_BUILD_LOGGER = "mkdocs.commands.build"
PROGRESS = ("Cleaning site directory", "Building documentation to directory:")


class ProgressAsDebug(logging.Filter):
    """MkDocs' progress lines, logged at INFO, become DEBUG lines (shown only with ``--verbose``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not record.getMessage().startswith(PROGRESS):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)


class WarningCount(logging.Handler):
    """Counts the warnings and errors MkDocs and the plugins log during one build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class BuildLog:
    """Installed for one ``mkdocs build``; removed again when it ends, however it ends."""

    def __init__(self) -> None:
        self.progress = ProgressAsDebug()
        self.warnings = WarningCount()

    def install(self) -> None:
        logging.getLogger(MKDOCS_BUILD_LOGGER).addFilter(self.progress)
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def remove(self) -> None:
        logging.getLogger(MKDOCS_BUILD_LOGGER).removeFilter(self.progress)
        logging.getLogger("mkdocs").removeHandler(self.warnings)


def summary(site: str, pages: int, pdf_pages: list[int], data_warnings: int, build_warnings: int, setup_warnings: int = 0) -> str:
    """The closing line: "Situs baru dipasang di site: 141 halaman, 4 PDF (52 halaman), tanpa peringatan".

    Setup warnings: something a site needs is not set up (the editor's sign-in, site/editor.py).
    """
    pdfs = f"{len(pdf_pages)} PDF ({sum(pdf_pages)} halaman)" if pdf_pages else "tanpa PDF"
    counts = [f"{n} peringatan {what}" for n, what in ((data_warnings, "data"), (build_warnings, "build"), (setup_warnings, "penyiapan")) if n]
    return f"Situs baru dipasang di {site}: {pages} halaman, {pdfs}, {', '.join(counts) or 'tanpa peringatan'}"
