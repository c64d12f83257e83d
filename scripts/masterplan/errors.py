"""Problems as values: each carries the file and line it is about.

Stages collect problems instead of raising on the first one, so an editor sees
every mistake of a change at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

WARNING = "peringatan"
# Control characters, line and paragraph separators (C0, DEL, C1 with U+0085, U+2028, U+2029) and
# the bidirectional controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069), which reorder the
# rest of a line on screen: shown escaped (`\u202e`) in every report, in file names and messages.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# In a message, tabs and runs of spaces are layout: they become one space.
_MESSAGE_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str, pattern: re.Pattern = _CONTROL) -> str:
    """``text`` with each control and bidirectional character written as its escape (``\\u202e``)."""
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


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
        # One problem, one line: editors and GitHub annotations read messages line by line. A line
        # break or a control inside the message (a quoted file name or value) is shown escaped, not dropped.
        object.__setattr__(
            self, "message", " ".join(escape_controls(str(self.message).strip(), _MESSAGE_CONTROL).split())
        )
        # A file name may hold any character but `/`: its line breaks, control and bidirectional
        # characters are shown escaped, so it cannot start a new line of the report (or forge an
        # annotation), nor make the line read reversed.
        object.__setattr__(self, "file", escape_controls(self.file))

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        prefix = "peringatan: " if self.is_warning else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command (annotation), escaped by GitHub's rules, so a file name
        holding a newline, `::` or `,` cannot end the command or forge another one."""
        kind = "warning" if self.is_warning else "error"
        return f"::{kind} file={github_property(self.file)},line={self.line}::{github_data(self.message)}"


def github_data(text: str) -> str:
    """Escape the message part of a workflow command (as `@actions/core` does)."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a property value of a workflow command: the message rules plus `:` and `,`."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def warning(file: str, line: int, message: str) -> Problem:
    return Problem(file, line, message, WARNING)


def split(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings)"""
    return [p for p in problems if not p.is_warning], [p for p in problems if p.is_warning]


def shown_path(path: Path | str, root: Path | str) -> str:
    """A path as editors see it in messages: relative to the project root when inside it."""
    # Only the folder is resolved: a symlink is shown where it is, not where it points (nor
    # followed at all, so a link loop cannot raise here).
    path = Path(path)
    try:
        return (path.parent.resolve() / path.name).relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


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
