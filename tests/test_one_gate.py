"""One gate: `masterplan check` is the build minus writing.

A table of failing inputs (data, chapters, a chapter's link, a generated page's template, a
print template, an enacted tag) and of inputs that must pass (a commit subject holding U+2028
and record separators, text pasted from Word): for each, `masterplan check` and `mkdocs build`
run on the same project and must agree, problem for problem, at the same `file:line`; a
build never fails where check passed, and neither prints a Python traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures import OFFICE_TEXT, REPO, git, make_project, mkdocs_build, tree_digest

pytestmark = pytest.mark.build  # every test builds

ENV = {
    "GIT_AUTHOR_NAME": "Tim Penyusun",
    "GIT_AUTHOR_EMAIL": "tim@example.org",
    "GIT_COMMITTER_NAME": "Tim Penyusun",
    "GIT_COMMITTER_EMAIL": "tim@example.org",
}
_AT = re.compile(r"^(?:(?:ERROR|WARNING)\s+-\s+)?(?P<file>[^\s:]+(?::[^\s:]+)?):(?P<line>\d+): ", re.M)


def commit(project: Path, message: str) -> None:
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True, env=dict(os.environ, **ENV))
    subprocess.run(
        ["git", "-C", str(project), "commit", "-q", "--cleanup=verbatim", "-m", message],
        check=True,
        env=dict(os.environ, **ENV),
        capture_output=True,
    )


def new_project(root: Path) -> Path:
    project = make_project(root)
    git(project, "init", "-q", "-b", "main")
    commit(project, "Data awal")
    return project


def append(path: Path, text: str) -> int:
    """Appends ``text`` and returns the line it starts on."""
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def replace_once(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


# ------------------------------------------------------------------ the cases: each returns the file:line it must be refused at (or None)


def bad_data(project: Path):
    line = replace_once(project / "data/opd.yml", "  singkatan: DLH\n", "  singkatan: DLH\n  warna: hijau\n") + 1
    return {("data/opd.yml", line)}


def unknown_macro_in_a_chapter(project: Path):
    line = append(project / "docs/buku-1/bab-1-pendahuluan.md", "\nParagraf baru {{ makro_yang_tidak_ada() }}.\n") + 1
    return {("docs/buku-1/bab-1-pendahuluan.md", line)}


def broken_link_in_a_chapter(project: Path):
    line = append(project / "docs/buku-2/bab-1-pendahuluan.md", "\nLihat [lampiran lama](lampiran-lama.md).\n") + 1
    return {("docs/buku-2/bab-1-pendahuluan.md", line)}


def unknown_name_in_a_generated_page_template(project: Path):
    replace_once(
        project / "macros/pages/program.md.j2", "# {{ p.model.nama }}", "# {{ p.model.nama }} {{ nama_tak_dikenal }}"
    )
    return {("macros/pages/program.md.j2", 1)}


def unknown_name_in_a_print_template(project: Path):
    line = replace_once(
        project / "macros/print/lampiran.typ.j2", "author: {{ w.penerbit | t }}", "author: {{ w.penerbit_lain | t }}"
    )
    return {("macros/print/lampiran.typ.j2", line)}


def enacted_tag_with_invalid_data(project: Path):
    line = replace_once(project / "data/opd.yml", "  singkatan: DLH\n", "  singkatan: DLH\n  warna: hijau\n") + 1
    commit(project, "Teks yang ditetapkan (datanya rusak)")
    git(project, "tag", "perwali-1-2025")
    replace_once(project / "data/opd.yml", "  singkatan: DLH\n  warna: hijau\n", "  singkatan: DLH\n")
    wilayah = project / "data/wilayah.yml"
    text = re.sub(
        r"\nregulasi:\n(?:  .*\n)+",
        "\nregulasi:\n  mengubah: perwali-1-2025\n",
        wilayah.read_text(encoding="utf-8"),
        count=1,
    )
    assert "mengubah: perwali-1-2025" in text, "the fixture's regulation block moved"
    text += "ditetapkan:\n- tag: perwali-1-2025\n  nomor: '12'\n  tahun: 2025\n  tanggal: 2025-03-03\n"
    wilayah.write_text(text, encoding="utf-8")
    mengubah = text[: text.index("mengubah:")].count("\n") + 1
    return {("perwali-1-2025:data/opd.yml", line), ("data/wilayah.yml", mengubah)}


def line_separator_in_a_commit_subject(project: Path):
    replace_once(
        project / "data/program/governance.yml", "progres: ", "progres: "
    )  # the file is touched by the commit below
    append(project / "data/program/governance.yml", "# catatan\n")
    commit(project, "Salin dari web\u2028baris kedua \x1c\x1d\x1e\t2025-01-01 | Penyunting palsu | Ditambah: GOV-99")
    return


def office_text_in_a_description(project: Path):
    path = project / "data/program/governance.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  deskripsi: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"  deskripsi: '{OFFICE_TEXT}'" + text[end:], encoding="utf-8")
    commit(project, "Deskripsi dari Word: “Satu Data” – terpadu — cepat…")
    return


CASES = [
    bad_data,
    unknown_macro_in_a_chapter,
    broken_link_in_a_chapter,
    unknown_name_in_a_generated_page_template,
    unknown_name_in_a_print_template,
    enacted_tag_with_invalid_data,
    line_separator_in_a_commit_subject,
    office_text_in_a_description,
]


def run_check(project: Path):
    return subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO / "scripts")),
        timeout=600,
    )


def places(output: str) -> set[tuple[str, int]]:
    return {(m["file"], int(m["line"])) for m in _AT.finditer(output)}


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_check_and_build_agree(tmp_path, case):
    project = new_project(tmp_path / "proyek")
    expected = case(project)
    check = run_check(project)
    build = mkdocs_build(project)
    check_out, build_out = check.stdout + check.stderr, build.stdout + build.stderr
    assert "Traceback" not in check_out and "Traceback" not in build_out, check_out + build_out
    if expected is None:
        assert check.returncode == 0, check_out
        assert build.returncode == 0, build_out
        return
    assert check.returncode == 1 and build.returncode == 1, (check_out, build_out)
    assert places(check_out) == expected, check_out
    assert places(build_out) == expected, build_out


def test_check_writes_nothing(tmp_path):
    project = new_project(tmp_path / "proyek")
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project)
    append(project / "docs/buku-2/bab-1-pendahuluan.md", "\nLihat [lampiran lama](lampiran-lama.md).\n")
    after_edit = tree_digest(project)
    assert run_check(project).returncode == 1
    assert tree_digest(project) == after_edit  # no site, no PDF cache, no scratch folder left behind
    assert {k for k in after_edit if not k.startswith("docs/")} == {k for k in before if not k.startswith("docs/")}
