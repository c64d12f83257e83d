"""Hostile and broken input never crashes; builds are atomic, reproducible and link-clean."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures import OFFICE_PIECES, REPO, dump, make_project, mkdocs_build, region, tree_digest
from masterplan.derive import pipeline
from masterplan.errors import MasterplanError
from masterplan.render import templates
from payloads import PAYLOAD

BASE_FILES = {rel: dump(content) for rel, content in region().items()}
ODD_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
OFFICE_TEXT = st.lists(st.sampled_from(OFFICE_PIECES), min_size=1, max_size=5).map(
    " ".join
)  # pasted from Word and phones
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    ODD_TEXT,
    OFFICE_TEXT,
    st.text(min_size=5000, max_size=6000, alphabet="ab "),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["id", "nama", "x"]), st.integers(), max_size=2),
)


@st.composite
def mutated_files(draw, among: tuple[str, ...] = tuple(sorted(BASE_FILES))):
    """One data file (of ``among``) broken in one of many ways; the rest stays valid."""
    rel = draw(st.sampled_from(among))
    lines = BASE_FILES[rel].splitlines(keepends=True)
    kind = draw(
        st.sampled_from(
            [
                "delete",
                "duplicate",
                "insert",
                "replace-value",
                "indent",
                "binary",
                "truncate",
                "empty",
                "structured",
                "tab",
                "conflict",
                "indonesian-number",
                "comment",
                "payload",
            ]
        )
    )
    i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "insert":
        lines.insert(i, draw(ODD_TEXT).replace("\r", "") + "\n")
    elif kind == "replace-value" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {draw(ODD_TEXT)!r}\n".replace("\r", "")
    elif kind == "indent":
        lines[i] = " " * draw(st.integers(0, 7)) + lines[i].lstrip(" ")
    elif kind == "tab":
        lines[i] = "\t" + lines[i].lstrip(" ")
    elif kind == "conflict":
        lines.insert(i, draw(st.sampled_from(["<<<<<<< HEAD", "=======", ">>>>>>> cabang"])) + "\n")
    elif kind == "indonesian-number" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {draw(st.sampled_from(['2.000', '1.500.000', 'Rp 750.000', '12,5', '40%', '3.060']))}\n"
    elif kind == "comment" and lines[i].strip():
        lines[i] = lines[i].rstrip("\n") + draw(st.sampled_from([" #1", " # catatan", "  #tagar"])) + "\n"
    elif kind == "payload" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {PAYLOAD!r}\n"
    elif kind == "truncate":
        lines = lines[:i]
    elif kind == "empty":
        lines = []
    text = "".join(lines)
    if kind == "binary":
        cut = draw(st.integers(0, len(text)))
        return rel, text[:cut].encode() + draw(st.binary(min_size=1, max_size=8)) + text[cut:].encode()
    if kind == "structured":
        return rel, _structured(draw, rel).encode()
    return rel, text.encode("utf-8")


def _structured(draw, rel):
    """Replace one value somewhere in the parsed file by a value of any type."""
    data = region()[rel]
    node, steps = data, draw(st.integers(1, 5))
    while True:
        key = (
            draw(st.sampled_from(sorted(node, key=str)))
            if isinstance(node, dict)
            else draw(st.integers(0, len(node) - 1))
        )
        child, steps = node[key], steps - 1
        if steps <= 0 or not isinstance(child, (dict, list)) or not child:
            break
        node = child
    node[key] = draw(VALUES)
    return dump(data)


PARSER_ENGLISH = re.compile(r"\b(found|expected|while scanning|while parsing|could not|mapping values|block end)\b")


def assert_clear(problems):
    for p in problems:
        assert p.file.startswith("data/") and p.line >= 1 and p.message.strip(), p
        assert re.fullmatch(r"data/\S+:\d+: [^\n]+", str(p)), str(p)
        assert not PARSER_ENGLISH.search(p.message), str(p)  # no parser text reaches the editor


# 1,500 examples in all, over three parts of the data files: each part is a test of its own, which the
# full suite's workers run side by side (tests/conftest.py gives each part its own group).
MUTATION_PARTS = 3


@pytest.mark.slow
@pytest.mark.parametrize(
    "part", [pytest.param(n, marks=pytest.mark.xdist_group(f"mutations-{n}")) for n in range(MUTATION_PARTS)]
)
def test_check_never_crashes_on_mutated_data(tmp_path_factory, part):
    among = tuple(sorted(BASE_FILES))[part::MUTATION_PARTS]

    @settings(max_examples=1500 // MUTATION_PARTS, deadline=None, suppress_health_check=list(HealthCheck))
    @given(mutated_files(among))
    def check_mutation(mutation):
        check_never_crashes(tmp_path_factory, *mutation)

    check_mutation()


def check_never_crashes(tmp_path_factory, rel: str, raw: bytes) -> None:
    root = tmp_path_factory.mktemp("mut")
    data_dir = root / "data"
    for name, text in BASE_FILES.items():  # the valid files as dumped once (dumping is a fifth of an example)
        (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / name).write_text(text, encoding="utf-8")
    (data_dir / rel).write_bytes(raw)
    _plan, problems = pipeline.check(data_dir, root)
    assert_clear(problems)
    if not [p for p in problems if not p.is_warning]:
        # Valid after all: the later stages must cope with whatever it holds.
        view = pipeline.prepare(data_dir, root)
        try:
            templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(), REPO)
        except MasterplanError as exc:
            assert_clear([p for p in exc.problems if p.file.startswith("data/")])


@pytest.mark.slow  # a project and the plugin's configuration per example
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_files())
def test_mkdocs_plugin_reports_mutations_as_plugin_errors(tmp_path_factory, mutation):
    """The same mutations through the MkDocs plugin: a PluginError with file:line, never a traceback."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    rel, raw = mutation
    root = make_project(tmp_path_factory.mktemp("plug"))
    (root / "data" / rel).write_bytes(raw)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)  # serve: no staging folder, no PDFs
    config.plugins.on_config(config)  # serve never raises on data: the problems become the page shown
    plugin = config.plugins["masterplan"]
    assert_clear([p for p in plugin.problems if p.file.startswith("data/")])
    if plugin.problems:
        page = plugin.on_page_markdown("", page=_Page("index.md"), config=config, files=None)
        assert page.startswith("# Data belum valid") and "<script" not in page
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config.plugins.on_config(config)
    except PluginError as exc:
        lines = str(exc).splitlines()[1:-1]
        assert lines and all(re.match(r"data/\S+:\d+: ", line) for line in lines), str(exc)
    finally:
        config.plugins.on_shutdown()  # the build's staging folder goes away


class _Page:
    def __init__(self, src_uri):
        self.file = type("F", (), {"src_uri": src_uri})()


@pytest.mark.build
def test_mkdocs_build_on_broken_yaml_exits_1_with_location(tmp_path):
    project = make_project(tmp_path)
    (project / "data/opd.yml").write_bytes(b"opd:\n  - id: x\n    nama: [tidak ditutup\n")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "data/opd.yml:" in result.stderr and "Traceback" not in result.stderr + result.stdout


@pytest.mark.build
def test_interrupted_build_leaves_previous_site(tmp_path):
    project = make_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project / "site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    staged = False
    for _ in range(1200):  # kill it once it is writing the new site (a busy machine takes longer)
        time.sleep(0.05)
        if list(project.glob(".site.baru-*/*")):
            staged = True
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert staged
    assert tree_digest(project / "site") == before
    assert mkdocs_build(project).returncode == 0  # and the next build cleans up the leftovers
    assert not list(project.glob(".site.*"))


@pytest.mark.build
def test_two_builds_are_byte_identical(tmp_path):
    first = make_project(tmp_path / "a")
    second = make_project(tmp_path / "b")
    kept = tmp_path / "templat"  # compiled templates: none at the first build, all of them at the third
    env = {"SOURCE_DATE_EPOCH": "1735689600", "MASTERPLAN_TEMPLATE_CACHE": str(kept)}
    assert mkdocs_build(first, env=env).returncode == 0
    assert mkdocs_build(second, env=env).returncode == 0
    a, b = tree_digest(first / "site"), tree_digest(second / "site")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    entries = {entry: entry.stat().st_mtime_ns for entry in kept.glob("*.jinja")}
    assert len(entries) > 40  # the theme's, the macros' and the print templates
    assert mkdocs_build(first, env=env).returncode == 0
    assert tree_digest(first / "site") == a
    assert {entry: entry.stat().st_mtime_ns for entry in kept.glob("*.jinja")} == entries  # nothing compiled anew


def test_every_internal_link_and_anchor_resolves(built):
    project, _ = built
    site = project / "site"
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {str(t["id"]) for t in soup.find_all(id=True)} | {
                str(t["name"]) for t in soup.find_all("a", attrs={"name": True})
            }
        return ids[path]

    broken = []
    # 404.html is served at any depth, so MkDocs gives it root-absolute links on purpose.
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 40
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                url = urlsplit(element[attr])
                if url.scheme or url.netloc or element[attr].startswith(("mailto:", "javascript:")):
                    continue
                target = (page.parent / unquote(url.path)).resolve() if url.path else page
                if target.is_dir():
                    target = target / "index.html"
                if not target.exists() or (
                    url.fragment and target.suffix == ".html" and url.fragment not in anchors(target)
                ):
                    broken.append((page.relative_to(site).as_posix(), element[attr]))
    assert broken == []
