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
