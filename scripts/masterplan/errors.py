"""Problems as values: each carries the file and line it is about.

Stages collect problems instead of raising on the first one, so an editor sees
every mistake of a change at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the input, in Indonesian, at ``file:line``."""

    file: str
    line: int
    message: str

    def __post_init__(self) -> None:
        # One problem, one line: editors and GitHub annotations read messages line by line.
        object.__setattr__(self, "message", " ".join(str(self.message).split()))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    def as_github(self) -> str:
        # GitHub Actions workflow command; newlines must be escaped as %0A.
        text = self.message.replace("%", "%25").replace("\r", "").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line}::{text}"


def shown_path(path: Path | str, root: Path | str) -> str:
    """A path as editors see it in messages: relative to the project root when inside it."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


class MasterplanError(Exception):
    """Raised by a stage when it found problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} masalah ditemukan. Perbaiki lalu jalankan lagi `masterplan check`.")
        return "\n".join(lines)
