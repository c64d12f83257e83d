import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest  # noqa: E402

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
