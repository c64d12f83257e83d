"""The test tiers themselves: the fast tier refuses a full build or a browser, and says which mark to add."""

from __future__ import annotations

import pytest

import fixtures


def test_a_build_in_the_fast_tier_names_the_mark_it_needs(tmp_path, monkeypatch):
    monkeypatch.setattr(fixtures.tier_guard, "fast_test", "tests/test_x.py::test_y")
    with pytest.raises(
        AssertionError,
        match=r"tests/test_x.py::test_y runs a full mkdocs build in the fast tier: mark it @pytest.mark.build",
    ):
        fixtures.mkdocs_build(tmp_path)
    assert not (tmp_path / "site").exists()


def test_this_module_is_in_the_fast_tier(request):
    assert request.node.get_closest_marker("fast") is not None
    assert fixtures.tier_guard.fast_test == request.node.nodeid


def test_each_test_file_is_one_group_and_the_longest_groups_go_first(request, monkeypatch, tmp_path):
    import conftest

    assert conftest.xdist_group_of(request.node) == "test_tiers"

    class Item:
        def __init__(self, name: str, group: str, marks: tuple[str, ...] = ()):
            self.name, self.marks = name, {m: pytest.mark.slow.mark for m in marks}
            self.marks["xdist_group"] = pytest.mark.xdist_group(group).mark

        def get_closest_marker(self, name):
            return self.marks.get(name)

    items = [Item("a1", "a"), Item("b1", "b", ("browser",)), Item("a2", "a"), Item("c1", "c"), Item("b2", "b")]
    durations = tmp_path / "durations.json"
    monkeypatch.setattr(conftest, "DURATIONS", durations)
    # Not measured yet: a browser test counts more than two plain ones; a group's tests stay in order.
    assert [i.name for i in conftest.heaviest_groups_first(items)] == ["b1", "b2", "a1", "a2", "c1"]
    durations.write_text('{"c": 90.0, "a": 1.0}', encoding="utf-8")
    assert [i.name for i in conftest.heaviest_groups_first(items)] == ["c1", "b1", "b2", "a1", "a2"]
