"""`mkdocs serve`'s live reload, as the site needs it: the injected script allowed by the page's
content security policy, edits noticed within a tenth of a second and built 0.05 s later, and the
heap of the first build set aside so that rebuilds do not pay for scanning it."""

from __future__ import annotations

import gc
import logging

from . import csp

log = logging.getLogger("mkdocs.plugins.masterplan")


def allow_livereload(server) -> None:
    """`mkdocs serve` injects an inline live-reload script into each page; allow that one script by its hash."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        log.info("Live reload tidak dikenali; halaman mungkin tidak dimuat ulang otomatis.")
        return
    server._inject_js_into_html = lambda content, epoch: csp.allow_last_inline_script(inject(content, epoch))


SERVE_POLL_SECONDS = 0.1


def poll_faster(server) -> None:
    """Look for edited files every 0.1 s instead of MkDocs' 0.5 s.

    A rebuild after a one-line data edit takes about 0.3 s; waiting up to half a second
    before noticing the edit was most of what an editor waited for. Checking the few
    hundred watched files ten times a second costs a few milliseconds each time. Only
    watchdog's polling emitters are changed; anything else is left as MkDocs made it.
    """
    observer = getattr(server, "observer", None)
    for emitter in getattr(observer, "emitters", ()):
        if hasattr(emitter, "_timeout") and type(emitter).__name__ == "PollingEmitter":
            emitter._timeout = SERVE_POLL_SECONDS


SERVE_BUILD_DELAY = 0.05


def build_sooner(server) -> None:
    """Start a rebuild 0.05 s after the last change seen instead of MkDocs' 0.1 s.

    MkDocs waits until no further change arrives for ``build_delay`` seconds, so that a save touching
    several files is built once. An editor's save (write, or write and rename) lands well within
    0.05 s; a longer burst (a ``git checkout``) may start a rebuild early, and the files changed
    after it start one more, which shows the final state.
    """
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = min(server.build_delay, SERVE_BUILD_DELAY)


def set_heap_aside() -> None:
    """After the first build of ``mkdocs serve``: collect once, then move what is alive out of the collector's view.

    Python's cyclic garbage collector scans every container object of its oldest generation when
    that generation has grown by a quarter; a serve process holds the theme, the caches of
    servecache.py and pagecache.py and the first build's pages, so that scan took 0.05-0.07 s and
    fell into every second or third rebuild (the rebuild's CPU varied by as much). Frozen objects
    are still freed when their last reference goes; only cycles among them are not looked for,
    which leaves at most the first build's own cycles in memory, once. Later rebuilds' objects are
    collected as before.
    """
    gc.collect()
    gc.freeze()
