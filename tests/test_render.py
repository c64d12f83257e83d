"""The render stage: golden Markdown for the fixture region, escaping, sandbox, template errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixtures import REPO, programme, region, write_region
from masterplan.derive import pipeline, views
from masterplan.errors import MasterplanError
from masterplan.render import filters, templates
from masterplan.render.sandbox import DataOnlySandbox

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = [
    "program/gov-01.md",
    "dimensi/governance.md",
    "elemen/transportasi.md",
    "opd/bappeda.md",
    "quick-win.md",
    "monev.md",
]


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    root = tmp_path_factory.mktemp("render")
    return pipeline.prepare(write_region(root), root)


def render_generated(view, path):
    renderer = templates.Renderer(REPO / "macros", view, templates.default_options())
    page = next(p for p in templates.generated_pages(view) if p.path == path)
    return renderer.render_generated(page)


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_generated_markdown_matches_golden(view, path):
    """Refresh with UPDATE_GOLDEN=1 after an intended change, then review the diff."""
    text = render_generated(view, path)
    golden = GOLDEN / path
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_escape_value_neutralises_html_and_markdown():
    out = filters.escape_value("<b>x</b> *y* [z](javascript:1) {{ 7*7 }} | # - 1. ok")
    assert "<" not in out and "*" not in out and "[" not in out and "|" not in out and "{" not in out
    assert filters.escape_value("- butir").startswith("&#45;")
    assert filters.escape_value("1. nomor").startswith("&#49;")


def test_escape_value_writes_each_character_once_and_each_line_break_as_one_space():
    assert filters.escape_value("&#39; 'a' \\`*_{}[]#|~$^\t<>\"") == (
        "&amp;&#35;39; &#39;a&#39; &#92;&#96;&#42;&#95;&#123;&#125;&#91;&#93;&#35;&#124;&#126;&#36;&#94;&#9;&lt;&gt;&quot;"
    )
    assert filters.escape_value("a\r\nb\r\r\nc\n\u2028\x1cd") == "a b  c   d"
    assert filters.escape_value("  12) x\n- y") == "  &#49;&#50;) x - y"  # only the value's start is a line start
    assert filters.escape_value("\n= judul") == " &#61; judul" and filters.escape_value(None) == "None"
    assert filters.escape_value(2.5) == "&#50;.5" and filters.escape_value("12 x") == "12 x"


def sandbox_page(tmp_path, view, source):
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "uji.md").write_text(source, encoding="utf-8")
    return templates.render_all(view, docs, REPO / "macros", templates.default_options(), tmp_path)


def test_sandbox_never_allows_what_jinja_refuses():
    """The sandbox remembers its verdict per type and name; it is never laxer than Jinja's own, asked again or not."""
    import sys

    from jinja2.sandbox import SandboxedEnvironment

    class Plain:
        mro = "data"
        nama = "x"

    class Disguised:  # reports another class than its type: judged every time
        __class__ = type(lambda: None)

    def function():
        yield 1

    objects = [Plain(), Plain, function, function(), Plain().__init__, sys._getframe(), "teks", {"a": 1}, Disguised()]
    names = [
        "nama",
        "mro",
        "__globals__",
        "__code__",
        "gi_frame",
        "gi_code",
        "__func__",
        "__self__",
        "f_globals",
        "_pribadi",
        "__class__",
        "upper",
        "items",
        "__subclasses__",
    ]
    jinja, ours = SandboxedEnvironment(), DataOnlySandbox()
    for _ in range(2):
        for obj in objects:
            for name in names:
                if not jinja.is_safe_attribute(obj, name, None):
                    assert not ours.is_safe_attribute(obj, name, None), (obj, name)
    assert not ours.is_safe_attribute(Disguised(), "__globals__", None)
    assert ours.is_safe_attribute("teks", "upper", None) and ours.is_safe_attribute({"a": 1}, "items", None)
    assert not ours.is_safe_attribute(Plain(), "nama", None), "a foreign object exposes nothing"


TEMPLATE_ERRORS = [
    ("sandbox", "# Uji\n\nbaris dua\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", 4, "dilarang"),
    ("unknown-macro", "# Uji\n\n{{ tabel_progam() }}\n", 3, "tabel_progam"),
    ("syntax", "# Uji\n\n\n{{ tabel_program( }}\n", 4, "sintaks templat"),
]


@pytest.mark.parametrize(
    "source, line, fragment", [c[1:] for c in TEMPLATE_ERRORS], ids=[c[0] for c in TEMPLATE_ERRORS]
)
def test_template_errors_name_file_and_line(tmp_path, view, source, line, fragment):
    with pytest.raises(MasterplanError) as exc:
        sandbox_page(tmp_path, view, source)
    problem = exc.value.problems[0]
    assert (problem.file, problem.line) == ("docs/uji.md", line)
    assert fragment in problem.message


def test_markdown_field_loses_raw_html_and_bad_links():
    out = str(filters.markdown_field("Teks <script>x</script> [a](javascript:alert(1)) [b](https://ok.id)"))
    assert "<script>" not in out and "javascript:" not in out and "https://ok.id" in out


def test_other_region_needs_only_its_data(tmp_path):
    files = region()
    files["program/economy.yml"]["program"].append(programme("economy", 5, nama="Pasar Digital Salatiga"))
    root = tmp_path
    view = pipeline.prepare(write_region(root, files), root)
    pages = templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(), REPO)
    assert "program/eco-05.md" in pages
    assert "Pasar Digital Salatiga" in pages["program/eco-05.md"]
    assert "Buleleng" not in "".join(text for path, text in pages.items() if path != "panduan/referensi-data.md")


def test_every_macro_is_documented(view):
    import re

    library = (REPO / "macros/masterplan.j2").read_text(encoding="utf-8")
    names = re.findall(r"{%-? macro (\w+)\(", library)
    page = render_generated(view, "makro.md")
    assert len(names) > 30
    for name in names:
        assert f"`{name}(" in page, name


def _illustrative_region(tmp_path: Path, illustrative_dimensions: tuple[str, ...], **others: bool) -> views.View:
    """The fixture region with only the programmes of ``illustrative_dimensions`` marked illustrative; ``others``
    sets the mark of the readiness scores, the evaluation and the statistics (all off unless given)."""
    files = region()
    for rel, data in files.items():
        if rel.startswith("program/"):
            for p in data["program"]:
                p["ilustratif"] = data["dimensi"] in illustrative_dimensions
    for aspect in files["analisis.yml"]["kesiapan"].values():
        aspect["ilustratif"] = others.get("readiness", False)
    files["monev.yml"]["evaluasi"][0]["ilustratif"] = others.get("evaluation", False)
    files["analisis.yml"]["profil"]["statistik"][0]["ilustratif"] = others.get("statistic", False)
    return pipeline.prepare(write_region(tmp_path, files), tmp_path)


def test_a_dimensions_budget_is_marked_illustrative_only_by_the_figures_it_sums(tmp_path):
    view = _illustrative_region(tmp_path, ("governance",))
    governance, economy = view.dimension("governance"), view.dimension("economy")
    assert governance.budget_illustrative and not economy.budget_illustrative
    assert view.budget_illustrative and view.any_illustrative  # the total sums the governance budgets too
    page = render_generated(view, "dimensi/index.md").splitlines()
    rows = {d.id: next(line for line in page if f">{d.model.nama}</a>" in line) for d in (governance, economy)}
    assert 'class="mp-ilustratif"' in rows["governance"]
    assert 'class="mp-ilustratif"' not in rows["economy"]


@pytest.mark.parametrize("other", ["readiness", "evaluation", "statistic", None])
def test_any_illustrative_looks_at_every_figure_that_can_be_marked(tmp_path, other):
    view = _illustrative_region(tmp_path, (), **({other: True} if other else {}))
    assert not view.budget_illustrative and not any(d.budget_illustrative for d in view.dimensions)
    assert view.any_illustrative is (other is not None)
    assert (
        'class="mp-ilustratif"'
        not in render_generated(view, "program/index.md").split("Total perkiraan anggaran")[1].split("\n")[0]
    )
