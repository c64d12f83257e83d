"""The region's own text in the chapters: which sections are written, and a new region's empty ones.

A chapter marks each statement of the region's own analysis, policy, priorities
and conclusions with a call block::

    {% call uraian_daerah("Kebijakan pendanaan") %}
    Pendanaan tidak hanya bersandar pada APBD. ...
    {% endcall %}

Generic text of the national framework (what a dimension or a readiness aspect
is) stays outside such blocks. A new region's chapters are the sample's with
every block emptied (:func:`emptied`), so a fork never publishes another
region's claims; an empty block shows as "belum ditulis" (macro
``uraian_daerah``) and ``masterplan check --final`` names it (:func:`sections`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, shown_path

BLOCK = re.compile(
    r"(?P<open>\{%-?\s*call\s+uraian_daerah\(\s*(?P<q>[\"'])(?P<title>.*?)(?P=q)\s*\)\s*-?%\}\n?)"
    r"(?P<body>.*?)"
    r"(?P<close>\{%-?\s*endcall\s*-?%\})",
    re.DOTALL,
)
# The chapters of the three books and the home page; the editors' guide is the project's, not the region's.
CHAPTER_GLOBS = ("index.md", "buku-*/**/*.md")


@dataclass(frozen=True)
class Section:
    file: str
    line: int
    title: str
    written: bool


def chapter_files(docs_dir: Path) -> list[Path]:
    found = {p for pattern in CHAPTER_GLOBS for p in Path(docs_dir).glob(pattern) if p.is_file()}
    return sorted(found)


def sections(docs_dir: Path, root: Path) -> list[Section]:
    """Every region's-own section of the chapters, in file and line order."""
    out = []
    for path in chapter_files(docs_dir):
        text = path.read_text(encoding="utf-8", errors="replace")
        for block in BLOCK.finditer(text):
            line = text.count("\n", 0, block.start()) + 1
            out.append(Section(shown_path(path, root), line, block["title"], bool(block["body"].strip())))
    return out


def as_problems(found: list[Section]) -> list[Problem]:
    """For ``check --final``: each section not written yet is an error at its file and line."""
    return [
        Problem(
            s.file,
            s.line,
            f'bagian "{s.title}" belum ditulis; tulis uraian daerah di antara `{{% call uraian_daerah(...) %}}` dan `{{% endcall %}}` sebelum peraturan ditetapkan.',
        )
        for s in found
        if not s.written
    ]


def emptied(text: str) -> str:
    """A chapter with the region's own text taken out of every block: the chapter a new region starts with."""
    return BLOCK.sub(lambda m: m["open"].rstrip("\n") + "\n" + m["close"], text)
