"""A build's heap: what is loaded at its start is kept out of the cycle collector's full passes while it runs
(site/plugin.py, on_startup), and given back when it ends, so a process that builds in itself (the check's gate,
these tests) is left as it was."""

from __future__ import annotations

import gc

from masterplan.site.plugin import MasterplanPlugin


def test_a_build_freezes_the_heap_it_starts_with_and_unfreezes_it_at_shutdown():
    if gc.get_freeze_count():  # somebody froze this process already: left alone, tested elsewhere
        gc.unfreeze()
    plugin = MasterplanPlugin()
    plugin.on_startup(command="build", dirty=False)
    try:
        assert gc.get_freeze_count() > 0
    finally:
        plugin.on_shutdown()
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_by_the_caller_stays_frozen_and_serve_freezes_nothing():
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        plugin = MasterplanPlugin()
        plugin.on_startup(command="build", dirty=False)
        plugin.on_shutdown()
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
    plugin = MasterplanPlugin()
    plugin.on_startup(command="serve", dirty=False)
    try:
        assert gc.get_freeze_count() == 0  # serve sets its heap aside after its first build (liveserve.py)
    finally:
        plugin.on_shutdown()
