"""`mkdocs serve`'s live reload, as the site needs it: the injected script allowed by the page's
content security policy, and edits noticed within a tenth of a second."""

from __future__ import annotations

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
