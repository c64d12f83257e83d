import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import os  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# CI (CI=true) runs the property tests on a fixed set of examples, so a landing is judged on the same
# inputs every time; on a developer's machine they explore new examples each run, and a failure found
# there is kept in .hypothesis/ and replayed until it is fixed.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

HOSTILE_NAME = "<script>alert(1)</script> {{ 7*7 }} *tebal* [tautan](javascript:alert(2))"
# Markup in a table cell of the same programme (indicator name): must stay text in the page and in search results.
HOSTILE_INDICATOR = "<img src=x onerror=alert(3)> Cakupan"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full `mkdocs build` of the fixture region (plus a hostile programme), shared by the site tests."""
    from fixtures import make_project, mkdocs_build, programme, region

    files = region()
    hostile = programme("society", 3, nama=HOSTILE_NAME)
    hostile["indikator"][0]["nama"] = HOSTILE_INDICATOR
    files["program/society.yml"]["program"].append(hostile)
    project = make_project(tmp_path_factory.mktemp("salatiga"), files)
    result = mkdocs_build(project)
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
