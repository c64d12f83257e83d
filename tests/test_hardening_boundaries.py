"""Third hardening round: the trust boundaries of chapters, files, Markdown fields and the build.

Each case is a payload that must fail with its Indonesian message at file:line, or be rendered
harmless; the case numbers are those of the attack report the round answers.
"""

from __future__ import annotations

import time

import pytest

from fixtures import REPO, write_region
from masterplan import pipeline, render
from masterplan.errors import MasterplanError


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    root = tmp_path_factory.mktemp("grenzen")
    return pipeline.prepare(write_region(root), root)


def chapter_problems(tmp_path, view, source: str) -> list[tuple[str, int, str]]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "uji.md").write_text(source, encoding="utf-8")
    try:
        render.render_all(view, docs, REPO / "macros", render.default_options(), tmp_path)
    except MasterplanError as exc:
        return [(p.file, p.line, p.message) for p in exc.problems]
    return []


# --- 1: no model methods reachable from a chapter ---------------------------------------------

MODEL_METHODS = [
    'mp.plan.wilayah.wilayah.kepala_daerah.parse_file("docs/assets/d.bin", proto="pickle", allow_pickle=True)',
    'mp.plan.wilayah.wilayah.kepala_daerah.parse_raw("x")',
    "mp.plan.wilayah.model_dump()",
    "mp.plan.wilayah.model_validate_json('{}')",
    "mp.plan.wilayah.copy()",
    "mp.plan.wilayah.json()",
    "mp.programmes[0].model.model_copy()",
    "mp.programmes[0].model.model_fields",
    "mp.programmes[0].model.__class__",
    "opsi.history",
]


@pytest.mark.parametrize("expression", MODEL_METHODS)
def test_case1_chapters_reach_no_model_method(tmp_path, view, expression):
    name = expression.split("(")[0].rsplit(".", 1)[-1]
    found = chapter_problems(tmp_path, view, f"# Uji\n\nbaris\n{{% set x = {expression} %}}\n")
    if name == "history":  # a plain dict key, not an attribute: data, allowed
        assert found == []
        return
    assert len(found) == 1
    file, line, message = found[0]
    assert (file, line) == ("docs/uji.md", 4)
    assert message.startswith(f"templat hanya boleh membaca data: `{name}` pada `"), message
    assert "dilarang" in message and "hapus ekspresi tersebut" in message


def test_case1_pickle_payload_runs_nothing(tmp_path, view):
    """The reported exploit, end to end: a pickle whose __reduce__ would create a file."""
    import pickle

    marker = tmp_path / "dibobol"

    class Bomb:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "docs" / "assets" / "d.bin").write_bytes(pickle.dumps(Bomb()))
    expression = 'mp.plan.wilayah.wilayah.kepala_daerah.parse_file("docs/assets/d.bin", proto="pickle", allow_pickle=True)'
    found = chapter_problems(tmp_path, view, f"{{% set x = {expression} %}}\n")
    assert found and found[0][:2] == ("docs/uji.md", 1)
    assert not marker.exists()


def test_case1_declared_data_and_view_helpers_stay_readable(tmp_path, view):
    source = ("{{ mp.plan.wilayah.wilayah.nama }} {{ mp.programme('GOV-01').model.nama }} {{ mp.dimension('governance').page }} "
              "{{ sebutan.kepala_daerah }} {{ mp.programmes | map(attribute='model.id') | first }} {{ mp.status_counts.items() | list | length }}\n")
    assert chapter_problems(tmp_path, view, source) == []


# --- 9: no mutation of the data ----------------------------------------------------------------

MUTATIONS = ["mp.programmes.clear()", "mp.programmes.append(1)", "mp.status_counts.update({})", "mp.plan.program_files.clear()",
             "mp.programmes[0].model.indikator.pop()", "mp.dimensions.sort()", "mp.plan.program_files.setdefault(1, 2)"]


@pytest.mark.parametrize("expression", MUTATIONS)
def test_case9_chapters_cannot_change_the_data(tmp_path, view, expression):
    before = len(view.programmes)
    found = chapter_problems(tmp_path, view, f"# Uji\n\n{{% do {expression} %}}\n")
    name = expression.split("(")[0].rsplit(".", 1)[-1]
    assert [(f, line) for f, line, _ in found] == [("docs/uji.md", 3)]
    assert f"`{name}` pada `" in found[0][2] and "dilarang" in found[0][2]
    assert len(view.programmes) == before


def test_case9_a_template_may_fill_its_own_list(tmp_path, view):
    source = "{% set items = [] %}{% do items.append(1) %}{% set more = items + [2] %}{% do more.append(3) %}{{ more | join(',') }}\n"
    assert chapter_problems(tmp_path, view, source) == []


# --- 6: bounded loops and sizes ----------------------------------------------------------------

HUGE = [
    ("{% for i in range(10**10) %}{% endfor %}", "`range` lebih dari 100.000 butir"),
    ("{{ 'a' * 4 * 10**9 }}", "perkalian teks atau daftar terlalu besar"),
    ("{{ [1] * 10**9 }}", "perkalian teks atau daftar terlalu besar"),
    ("{{ 2 ** 100000 }}", "pangkat terlalu besar"),
    ("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "hasil ekspresi terlalu besar"),
    ("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}", "hasil ekspresi terlalu besar"),
    ("{{ 'x' | center(10**9) }}", "argumen ukuran filter `center` terlalu besar"),
    ("{{ 'x' | indent(10**9) }}", "argumen ukuran filter `indent` terlalu besar"),
]


@pytest.mark.parametrize("source, fragment", HUGE, ids=[h[1][:20] + str(i) for i, h in enumerate(HUGE)])
def test_case6_loops_and_sizes_are_bounded(tmp_path, view, source, fragment):
    started = time.monotonic()
    found = chapter_problems(tmp_path, view, f"# Uji\n\n{source}\n")
    assert time.monotonic() - started < 20
    assert [(f, line) for f, line, _ in found] == [("docs/uji.md", 3)], found
    assert fragment in found[0][2], found[0][2]
