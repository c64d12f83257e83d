"""The build's speed fixes keep their outputs: the change history read in batches, the benchmark's revision ratio."""

from __future__ import annotations

import subprocess

from fixtures import dump, region, write_region
from masterplan.load import gitread, history


def _git(root, *args):
    subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "Uji",
            "GIT_AUTHOR_EMAIL": "uji@example.org",
            "GIT_COMMITTER_NAME": "Uji",
            "GIT_COMMITTER_EMAIL": "uji@example.org",
            "PATH": "/usr/bin:/bin",
            "HOME": str(root),
        },
    )


def _per_commit(root, commits) -> dict[str, dict[str, str]]:
    """The programmes at each commit as the history read them before: one ``ls-tree -r -l`` per commit."""
    found = {}
    for sha in {s for c in commits for s in (c.sha, *c.parents[:1])}:
        entries = [
            e for e in gitread.tree(root, sha, "data/program/") if e.regular_file and e.path.endswith((".yml", ".yaml"))
        ]
        programmes: dict[str, str] = {}
        for raw in gitread.blobs(root, [e.sha for e in entries]):
            programmes.update(history._programmes(raw))
        found[sha] = programmes
    return found


def test_history_read_in_batches_matches_one_listing_per_commit(tmp_path, monkeypatch):
    data_dir = write_region(tmp_path)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "awal")
    files = region()
    governance = files["program/governance.yml"]
    for n in range(6):  # six commits, one programme's progress each; a subfolder and a symlink on the way
        governance["program"][0]["progres"] = 10 + n
        (data_dir / "program/governance.yml").write_text(dump(governance), encoding="utf-8")
        if n == 2:
            (data_dir / "program/lain").mkdir()
            moved = {"program": [governance["program"].pop(1)]}
            (data_dir / "program/lain/pindahan.yml").write_text(dump(moved), encoding="utf-8")
            (data_dir / "program/tautan.yml").symlink_to("governance.yml")
        _git(tmp_path, "add", "-A")
        _git(tmp_path, "commit", "-q", "-m", f"ubah {n}")
    calls = []
    real_run = gitread.run
    monkeypatch.setattr(gitread, "run", lambda root, *args, **kw: calls.append(args[0]) or real_run(root, *args, **kw))
    found = history.read_history(tmp_path)
    assert len(found.changes) == 7
    assert calls.count("ls-tree") == 0 and len(calls) <= 8  # not one or three per commit: 7 commits read together
    snapshots = history._Snapshots(tmp_path, "data")
    commits = gitread.log(tmp_path, "data/")
    snapshots.load([c.sha for c in commits])
    expected = _per_commit(tmp_path, commits)
    assert {sha: snapshots.at(sha) for sha in expected} == expected
    assert any("GOV-02" in p for p in expected.values()) and all(len(p) == 12 for p in expected.values())
    moved = next(c for c in found.changes if c.message == "ubah 2")
    assert moved.changed == ["GOV-01"] and moved.added == moved.removed == []  # moved to a subfolder: no change


def test_an_earlier_revision_runs_its_own_plugin(tmp_path):
    """`bench --banding`: the earlier revision's build finds its own plugin entry point, first on the path."""
    import importlib.metadata
    import os

    from masterplan.commands import banding

    tree = tmp_path / "lama"
    tree.mkdir()
    (tree / "pyproject.toml").write_text(
        '[project.entry-points."mkdocs.plugins"]\nmasterplan = "masterplan.plugin:MasterplanPlugin"\n', encoding="utf-8"
    )
    env = banding.own_code(tree, tmp_path / "paket")
    assert env["PYTHONPATH"].split(os.pathsep) == [str(tmp_path / "paket"), str(tree / "scripts")]
    found = [
        ep for dist in importlib.metadata.distributions(path=[str(tmp_path / "paket")]) for ep in dist.entry_points
    ]
    assert [(ep.group, ep.name, ep.value) for ep in found] == [
        ("mkdocs.plugins", "masterplan", "masterplan.plugin:MasterplanPlugin")
    ]


def test_the_revision_ratio_is_judged_on_cpu():
    from masterplan.commands import banding, benchreport

    found = {
        "revision": "1a0c9d8",
        "runs": 3,
        "current": {"cpu_s": 4.4, "wall_s": 6.0},
        "earlier": {"cpu_s": 4.0, "wall_s": 3.0},
        "cpu_ratio": 1.1,
        "wall_ratio": 2.0,
    }
    assert benchreport.banding_line(found).endswith(
        "target CPU <= 1.10x: tercapai"
    )  # the wall time doubled under load: not judged
    assert "MELESET 1.2x" in benchreport.banding_line({**found, "cpu_ratio": 1.32})
    cold = {**found, "current_cold": {"cpu_s": 4.8, "wall_s": 6.2}, "cold_cpu_ratio": 1.2}
    assert benchreport.banding_line(cold).endswith(
        "target CPU <= 1.10x: tercapai; build pertama setelah pemasangan (templat belum terkompilasi): CPU 4.80 s = 1.20x"
    )
    assert banding.median([3.0, 1.0, 2.0]) == 2.0 and banding.median([4.0, 1.0, 2.0, 3.0]) == 2.5
