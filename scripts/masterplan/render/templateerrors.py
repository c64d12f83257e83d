"""Stage 4, render: a template's error as a problem an editor can act on (the line, in their words)."""

from __future__ import annotations

import re

import jinja2


def line_from_traceback(exc: BaseException, filename: str | None) -> tuple[int | None, str | None]:
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    tb = exc.__traceback__
    found: tuple[int | None, str | None] = (None, filename)
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".md", ".j2", ".html")) or code.co_filename == "<template>":
            found = (tb.tb_lineno, code.co_filename)
        tb = tb.tb_next
    return found


_REFUSED_ATTRIBUTE = re.compile(r"attribute '([^']+)' of '([^']+)' object is unsafe")


def explain(exc: Exception) -> str:
    refused = _REFUSED_ATTRIBUTE.search(str(exc))
    if refused and (isinstance(exc, (jinja2.exceptions.SecurityError, jinja2.UndefinedError))):
        name, kind = refused.groups()
        return (
            f"templat hanya boleh membaca data: `{name}` pada `{kind}` dilarang (bukan isian data, "
            "atau mengubah data); hapus ekspresi tersebut."
        )
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"templat ditolak oleh sandbox: {exc}; hapus atau perkecil ekspresi tersebut."
    if isinstance(exc, OverflowError):
        return "templat meminta `range` lebih dari 100.000 butir; perkecil rentangnya."
    if isinstance(exc, jinja2.UndefinedError):
        return f"templat memakai nama yang tidak dikenal ({exc.message}); periksa ejaan nama makro atau variabel."
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"sintaks templat tidak sah: {exc.message}. Periksa pasangan {{{{ }}}} dan {{% %}}."
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"templat `{exc.name}` tidak ditemukan di folder macros/."
    return f"templat gagal dijalankan: {exc.__class__.__name__}: {exc}. Periksa argumen pemanggilan makro."
