"""Problems as values: each carries the file and line it is about.

Stages collect problems instead of raising on the first one, so an editor sees
every mistake of a change at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


WARNING = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the input, in Indonesian, at ``file:line``.

    A warning (``severity=WARNING``) is shown but does not stop the build: it marks
    something an editor should look at, such as an official figure that differs from
    its recomputation by more than rounding explains.
    """

    file: str
    line: int
    message: str
    severity: str = "galat"

    def __post_init__(self) -> None:
        # One problem, one line: editors and GitHub annotations read messages line by line.
        object.__setattr__(self, "message", " ".join(str(self.message).split()))

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        prefix = "peringatan: " if self.is_warning else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"

    def as_github(self) -> str:
        # GitHub Actions workflow command; newlines must be escaped as %0A.
        text = self.message.replace("%", "%25").replace("\r", "").replace("\n", "%0A")
        kind = "warning" if self.is_warning else "error"
        return f"::{kind} file={self.file},line={self.line}::{text}"


def warning(file: str, line: int, message: str) -> Problem:
    return Problem(file, line, message, WARNING)


def split(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings)"""
    return [p for p in problems if not p.is_warning], [p for p in problems if p.is_warning]


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
        errors, warnings = split(self.problems)
        tail = f" dan {len(warnings)} peringatan" if warnings else ""
        lines.append(f"{len(errors)} masalah{tail} ditemukan. Perbaiki lalu jalankan lagi `masterplan check`.")
        return "\n".join(lines)
