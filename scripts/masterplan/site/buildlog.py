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
import re
from collections.abc import Callable

from ..errors import Problem

MKDOCS_BUILD_LOGGER = "mkdocs.commands.build"
PROGRESS = ("Cleaning site directory", "Building documentation to directory:")


class ProgressAsDebug(logging.Filter):
    """MkDocs' progress lines, logged at INFO, become DEBUG lines (shown only with ``--verbose``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not record.getMessage().startswith(PROGRESS):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)


# MkDocs' own findings about a page, as it words them (mkdocs/structure/pages.py, 1.6).
_MISSING_PAGE = re.compile(
    r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']*)', but the target (?:'(?P<target>[^']+)' )?is not found among documentation files\."
)
_MISSING_ANCHOR = re.compile(
    r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']*)', but the doc '(?P<doc>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'\."
)
PAGE_LOGGERS = ("mkdocs.structure.pages",)


def link_problem(message: str, locate: Callable[[str, str], tuple[str, int]]) -> Problem | None:
    """MkDocs' warning about a link of a page, as a problem at the file and line the link was written."""
    found = _MISSING_PAGE.fullmatch(message)
    if found:
        file, line = locate(found["page"], found["link"])
        return Problem(
            file,
            line,
            f"tautan `{found['link']}` menuju halaman `{found['target'] or found['link']}` yang tidak ada di situs; "
            "perbaiki alamatnya (relatif terhadap bab ini) atau tambahkan halamannya.",
        )
    found = _MISSING_ANCHOR.fullmatch(message)
    if found:
        file, line = locate(found["page"], found["link"])
        return Problem(
            file,
            line,
            f"tautan `{found['link']}` menuju bagian `{found['anchor']}` yang tidak ada di `{found['doc']}`; "
            "periksa judul bagian yang dituju.",
        )
    return None


class PageFindings(logging.Filter):
    """MkDocs' warnings about a page's links are shown as problems at ``file:line``, in Indonesian; the
    problem rides on the record (``record.problem``), so ``masterplan check`` reports the very same one."""

    def __init__(self, locate: Callable[[str, str], tuple[str, int]]) -> None:
        super().__init__()
        self.locate = locate

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            problem = link_problem(record.getMessage(), self.locate)
            if problem is not None:
                record.msg, record.args, record.problem = str(problem), None, problem
        return True


def as_problem(record: logging.LogRecord) -> Problem:
    """Any warning or error of a build as a problem: the one :class:`PageFindings` placed, else MkDocs' words at mkdocs.yml."""
    return getattr(record, "problem", None) or Problem("mkdocs.yml", 1, f"MkDocs: {record.getMessage()}")


class WarningCount(logging.Handler):
    """Counts the warnings and errors MkDocs and the plugins log during one build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class BuildLog:
    """Installed for one ``mkdocs build``; removed again when it ends, however it ends."""

    def __init__(self, locate: Callable[[str, str], tuple[str, int]] = lambda page, link: (f"docs/{page}", 1)) -> None:
        self.progress = ProgressAsDebug()
        self.warnings = WarningCount()
        self.pages = PageFindings(locate)

    def install(self) -> None:
        logging.getLogger(MKDOCS_BUILD_LOGGER).addFilter(self.progress)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        for name in PAGE_LOGGERS:
            logging.getLogger(name).addFilter(self.pages)

    def remove(self) -> None:
        logging.getLogger(MKDOCS_BUILD_LOGGER).removeFilter(self.progress)
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        for name in PAGE_LOGGERS:
            logging.getLogger(name).removeFilter(self.pages)


def summary(
    site: str, pages: int, pdf_pages: list[int], data_warnings: int, build_warnings: int, setup_warnings: int = 0
) -> str:
    """The closing line: "Situs baru dipasang di site: 141 halaman, 4 PDF (52 halaman), tanpa peringatan".

    Setup warnings: something a site needs is not set up (the editor's sign-in, site/editor.py).
    """
    pdfs = f"{len(pdf_pages)} PDF ({sum(pdf_pages)} halaman)" if pdf_pages else "tanpa PDF"
    counts = [
        f"{n} peringatan {what}"
        for n, what in ((data_warnings, "data"), (build_warnings, "build"), (setup_warnings, "penyiapan"))
        if n
    ]
    return f"Situs baru dipasang di {site}: {pages} halaman, {pdfs}, {', '.join(counts) or 'tanpa peringatan'}"
