"""The Content-Security-Policy of every page: the one place where it is built.

No script may run unless it is a file of the site itself: the theme's inline
scripts are moved to files (``macros/theme/assets/javascripts/``), so
``script-src`` needs neither ``'unsafe-inline'`` nor hashes. Styles keep
``'unsafe-inline'`` (Material sets inline styles; styles cannot run script).

To extend it, pass ``extra`` to :func:`policy`, e.g. a search engine compiled to
WebAssembly needs ``{"script-src": ["'wasm-unsafe-eval'"]}``; a page with its own
needs (a form editor) builds its own string with :func:`policy` and puts it in its
template. The MkDocs plugin hands the site's policy to the theme as
``config.extra.masterplan_csp``; ``macros/theme/main.html`` writes it as the first
element of ``<head>``.
"""

from __future__ import annotations

import base64
import hashlib
import re

POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
}


def policy(extra: dict[str, list[str]] | None = None) -> str:
    """The policy as the value of a CSP header or meta tag, with ``extra`` sources added."""
    merged = {name: list(sources) for name, sources in POLICY.items()}
    for name, sources in (extra or {}).items():
        merged.setdefault(name, [])
        merged[name] += [s for s in sources if s not in merged[name]]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in merged.items())


def script_hash(source: str | bytes) -> str:
    """The CSP source expression that allows one inline script with exactly this text."""
    raw = source.encode("utf-8") if isinstance(source, str) else source
    return "'sha256-" + base64.b64encode(hashlib.sha256(raw).digest()).decode("ascii") + "'"


_META_SCRIPT_SRC = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src [^";]*)')


def allow_last_inline_script(html: bytes) -> bytes:
    """Add the hash of the page's last inline script to its policy.

    Only for `mkdocs serve`: its live-reload script is injected into each page as it is
    served, after the build; the built site itself has no inline script.
    """
    start = html.rfind(b"<script>")
    end = html.find(b"</script>", start)
    if start < 0 or end < 0:
        return html
    digest = script_hash(html[start + len(b"<script>") : end]).encode("ascii")
    return _META_SCRIPT_SRC.sub(lambda m: m.group(1) + b" " + digest, html, count=1)
