import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest  # noqa: E402

HOSTILE_NAME = "<script>alert(1)</script> <img src=x onerror=alert(3)> {{ 7*7 }} *tebal* [tautan](javascript:alert(2))"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full `mkdocs build` of the fixture region (plus a hostile programme), shared by the site tests."""
    from fixtures import make_project, mkdocs_build, programme, region

    files = region()
    files["program/society.yml"]["program"].append(programme("society", 3, nama=HOSTILE_NAME))
    project = make_project(tmp_path_factory.mktemp("salatiga"), files)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, result
