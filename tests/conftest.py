import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fcntl  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

import fixtures  # noqa: E402

# CI (CI=true) runs the property tests on a fixed set of examples, so a landing is judged on the same
# inputs every time; on a developer's machine they explore new examples each run, and a failure found
# there is kept in .hypothesis/ and replayed until it is fixed. No test sets `derandomize` itself.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

HOSTILE_NAME = "<script>alert(1)</script> {{ 7*7 }} *tebal* [tautan](javascript:alert(2))"
# Markup in a table cell of the same programme (indicator name): must stay text in the page and in search results.
HOSTILE_INDICATOR = "<img src=x onerror=alert(3)> Cakupan"

# ------------------------------------------------------------------ tiers
# The markers are registered in pyproject.toml. A test is in the fast tier (`-m fast`, what
# `bash scripts/test.sh --fast` runs) unless it is marked build, browser, slow or bench. Tests that use
# a fixture below are marked for their module's author; a test that builds or starts a browser
# without a mark fails in the fast tier and says which mark it needs (fixtures.mkdocs_build and
# chromium.launch ask `fixtures.tier_guard`).
SLOW_MARKS = ("build", "browser", "slow", "bench")
# Fixtures (here and in the test modules) that make a full build or start an editing session.
BUILD_FIXTURES = {
    "built",
    "sample_site",
    "pdfs",
    "malang_site",
    "second_site",
    "office_site",
    "fork",
    "hostile_site",
    "kota",
    "built_project",
    "local_git",
    "session",
}
BROWSER_FIXTURES = {"chromium_browser", "browser"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups into the node ids
def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if not any(item.get_closest_marker(mark) for mark in SLOW_MARKS):
            item.add_marker(pytest.mark.fast)
        if not item.get_closest_marker("xdist_group"):
            # The full suite hands out work by group (--dist loadgroup): a module is one group, so its
            # module-scoped build and browser are made once; a long test may name a group of its own.
            item.add_marker(pytest.mark.xdist_group(item.module.__name__ if item.module else item.nodeid))
    if getattr(config.option, "loadgroup", False):  # xdist sets it for --dist loadgroup
        items[:] = heaviest_groups_first(items)


# Seconds each group took in a full run (tests/durations.json, written by `bash scripts/test.sh
# --store-durations`): the workers are handed the longest groups first, so that no long group is left
# to run alone at the end (xdist's own order, by number of tests, is off: scripts/test.sh). A group the
# file does not know yet counts a rough cost per test by its marks.
DURATIONS = Path(__file__).with_name("durations.json")
MARK_COST = {"slow": 5.0, "browser": 4.0, "build": 2.0}


def xdist_group_of(item) -> str:
    mark = item.get_closest_marker("xdist_group")
    return mark.kwargs.get("name") or mark.args[0]


def heaviest_groups_first(items: list) -> list:
    known = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.exists() else {}
    guessed: dict[str, float] = {}
    for item in items:
        marks = [mark for mark in MARK_COST if item.get_closest_marker(mark)]
        guessed[xdist_group_of(item)] = guessed.get(xdist_group_of(item), 0.0) + sum(MARK_COST[m] for m in marks) + 0.05
    cost = {name: known.get(name, guess) for name, guess in guessed.items()}
    first_seen = {name: n for n, name in reversed(list(enumerate(xdist_group_of(item) for item in items)))}
    return sorted(items, key=lambda item: (-cost[xdist_group_of(item)], first_seen[xdist_group_of(item)]))


def pytest_addoption(parser):
    parser.addoption(
        "--store-durations", action="store_true", help="write each group's seconds to tests/durations.json"
    )


class GroupDurations:
    """Sums, in the controller, the seconds of each xdist group's tests (their node ids end in @group)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def pytest_runtest_logreport(self, report) -> None:
        if "@" in report.nodeid:
            name = report.nodeid.rsplit("@", 1)[1]
            self.seconds[name] = self.seconds.get(name, 0.0) + report.duration

    def pytest_sessionfinish(self, session) -> None:
        if self.seconds and not os.environ.get("PYTEST_XDIST_WORKER"):
            known = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.exists() else {}
            known.update(
                {name: round(seconds, 1) for name, seconds in self.seconds.items()}
            )  # a part run keeps the rest
            DURATIONS.write_text(json.dumps(dict(sorted(known.items())), indent=1) + "\n", encoding="utf-8")


TEMPLATE_CACHE = "MASTERPLAN_TEMPLATE_CACHE"


def pytest_configure(config):
    if config.getoption("store_durations") and not os.environ.get("PYTEST_XDIST_WORKER"):
        config.pluginmanager.register(GroupDurations(), "masterplan-group-durations")
    if TEMPLATE_CACHE not in os.environ:
        # The builds keep compiled templates as an editor's do, but in a folder of this run (the workers inherit
        # it): the tests' projects are temporary folders, whose entries must not pile up in the user's cache.
        config.masterplan_template_cache = tempfile.mkdtemp(prefix="masterplan-templat-")
        os.environ[TEMPLATE_CACHE] = config.masterplan_template_cache


def pytest_unconfigure(config):
    made = getattr(config, "masterplan_template_cache", None)
    if made:
        shutil.rmtree(made, ignore_errors=True)
        os.environ.pop(TEMPLATE_CACHE, None)


def pytest_runtest_setup(item):
    fixtures.tier_guard.fast_test = item.nodeid if item.get_closest_marker("fast") else None


def pytest_runtest_teardown(item):
    fixtures.tier_guard.fast_test = None


# ------------------------------------------------------------------ builds shared by the tests that only read them
def shared_build(tmp_path_factory, name: str, make) -> tuple[Path, subprocess.CompletedProcess]:
    """Build the project ``make(folder)`` writes, once per test run (also across pytest-xdist's workers).

    For tests that only read the built project: a test that changes a project builds its own.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the folder all workers of this run share
    folder, done = base / f"shared-{name}", base / f"shared-{name}.json"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker builds, the others wait and read
        if not done.exists():
            project = make(folder)
            result = fixtures.mkdocs_build(project)
            done.write_text(
                json.dumps(
                    {
                        "project": str(project),
                        "returncode": result.returncode,
                        "stdout": result.stdout,
                        "stderr": result.stderr,
                    }
                ),
                encoding="utf-8",
            )
    saved = json.loads(done.read_text(encoding="utf-8"))
    result = subprocess.CompletedProcess(["mkdocs", "build"], saved["returncode"], saved["stdout"], saved["stderr"])
    return Path(saved["project"]), result


def _hostile_region(folder: Path) -> Path:
    files = fixtures.region()
    hostile = fixtures.programme("society", 3, nama=HOSTILE_NAME)
    hostile["indikator"][0]["nama"] = HOSTILE_INDICATOR
    files["program/society.yml"]["program"].append(hostile)
    return fixtures.make_project(folder, files)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full `mkdocs build` of the fixture region (plus a hostile programme), shared by the site tests."""
    project, result = shared_build(tmp_path_factory, "salatiga", _hostile_region)
    assert result.returncode == 0, result.stderr
    return project, result


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """One full `mkdocs build` of the repository's own sample (Buleleng), shared by the tests that read it."""
    project, result = shared_build(tmp_path_factory, "buleleng", fixtures.copy_sample)
    assert result.returncode == 0, result.stderr
    return project, result


@pytest.fixture(scope="module")
def chromium_browser():
    """A headless browser for one test module, found as tests/chromium.py says (MASTERPLAN_CHROMIUM).

    Module scope: Playwright's sync API allows one running instance at a time, and other
    modules start their own.
    """
    from playwright.sync_api import sync_playwright

    from chromium import launch

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()
