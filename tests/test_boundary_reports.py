"""Boundary: what `check` and the build report is read by people and by GitHub.

Control and bidirectional characters in a file name or a message are shown escaped (`\\u202e`):
a right-to-left override cannot make a reported line read reversed, a line break in a name is
shown, not dropped, and no name can start a new line of the report.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from fixtures import bare_env, make_project
from masterplan.errors import MasterplanError, Problem


@pytest.mark.parametrize(
    "char, shown",
    [
        ("\u202e", "\\u202e"),
        ("\u202d", "\\u202d"),
        ("\u2066", "\\u2066"),
        ("\u2067", "\\u2067"),
        ("\u2069", "\\u2069"),
        ("\u200f", "\\u200f"),
        ("\u061c", "\\u061c"),
        ("\n", "\\n"),
        ("\r", "\\r"),
        ("\x1b", "\\x1b"),
        ("\x85", "\\x85"),
        ("\u2028", "\\u2028"),
        ("\x00", "\\x00"),
    ],
)
def test_controls_are_escaped_in_names_and_messages(char, shown):
    problem = Problem(f"docs/a{char}b.md", 2, f"nama `x{char}y` tidak sah")
    line = str(problem)
    assert line == f"docs/a{shown}b.md:2: nama `x{shown}y` tidak sah"
    assert char not in line and char not in problem.as_github()
    assert "\n" not in MasterplanError([problem]).report().splitlines()[0]


def test_ordinary_text_and_regional_scripts_stay_as_typed():
    text = "Bab “Visi” — Kabupaten Buleleng ᬩᬸᬮᬾᬮᬾᬂ, café, ꦗꦮ, zero\u200dwidth joiner"
    assert Problem("docs/bab.md", 1, text).message == text


@pytest.mark.slow  # `masterplan check` in a subprocess
def test_check_reports_a_reversing_file_name_escaped(tmp_path):
    project = make_project(tmp_path / "proyek")
    (project / "docs" / "assets" / "gambar\u202egnp.exe").write_bytes(b"MZ")
    (project / "docs" / "assets" / "dua\nbaris.exe").write_bytes(b"MZ")
    result = subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env=bare_env(),
    )
    assert result.returncode == 1
    assert "\u202e" not in result.stdout
    assert (
        "docs/assets/gambar\\u202egnp.exe:1: berkas `docs/assets/gambar\\u202egnp.exe` tidak diterbitkan"
        in result.stdout
    )
    assert "docs/assets/dua\\nbaris.exe:1: berkas `docs/assets/dua\\nbaris.exe` tidak diterbitkan" in result.stdout
