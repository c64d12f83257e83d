"""Stage 2, validate: the files under ``docs/`` that the site publishes as they are, and the chapters beside them.

A file the browser opens directly runs on the site's own origin, where the form editor keeps
its GitHub token, and GitHub Pages cannot send a Content-Security-Policy header with it. So
no asset may carry active content:

- Only the file types of :data:`PUBLISHED_TYPES` are published, each listed with the MIME type
  GitHub Pages gives it (none of them is a document a browser runs: no HTML, no XML, no
  XSLT, no XML schema, whose `<script>` would run on the site's origin). Anything else is
  refused at its path, with what to do. (Names starting with ``.`` are not published.)
- HTML and XML documents (``.html``, ``.xhtml``, ``.xml``, ``.xsl``, ``.svgz``, ...) are refused:
  a page is written as a Markdown chapter.
- An SVG image is read with a strict XML parser and refused when it holds script
  (``<script>``, an ``on...`` event handler, ``<foreignObject>``, ``<iframe>``/``<embed>``/
  ``<object>``, a processing instruction or an entity declaration), or a link or a
  stylesheet address that is not inside the image (``#id``), another file of the site (a
  relative path) or a raster image in a ``data:`` address: no ``javascript:``, and no
  ``http(s):`` either, since the site fetches nothing from outside.

Each problem names the file and the line. :func:`sources` gathers every problem of ``docs/``
and ``macros/`` (files that are not regular, active assets, the chapters' own Markdown) for
``masterplan check`` and the render stage.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from ..errors import Problem, shown_path
from ..load.inputs import chapter_too_large, oversized_chapters, regular_files
from .htmlrule import chapter_problems

# The file types published from docs/, with the Content-Type GitHub Pages sends for them.
PUBLISHED_TYPES = {
    ".md": "text/markdown",  # a chapter: built into a page, not published as it is
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",  # an SVG only when passive (svg_problems)
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".csv": "text/csv",
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".txt": "text/plain",
    ".zip": "application/zip",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    # Maintainers' files (README, threat model): a script runs only where mkdocs.yml or a macro includes it.
    ".css": "text/css",
    ".js": "application/javascript",
}
PUBLISHED_NAMES = {"CNAME"}  # GitHub Pages' custom domain file
KINDS_ADVICE = (
    "yang boleh hanya gambar (PNG, JPEG, GIF, WebP, AVIF, SVG tanpa skrip), PDF, dokumen kantor (DOCX, XLSX, PPTX, ODT, ...), "
    "data (CSV, JSON, GeoJSON, TXT, ZIP) dan fon. Simpan ulang berkasnya sebagai salah satu jenis itu (misalnya PDF), "
    "atau hapus dari docs/."
)
REFUSED_SUFFIXES = {
    ".html",
    ".htm",
    ".xhtml",
    ".xht",
    ".shtml",
    ".xml",
    ".xsl",
    ".xslt",
    ".svgz",
    ".mht",
    ".mhtml",
    ".hta",
}
ACTIVE_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
    "frame",
    "frameset",
    "applet",
    "base",
    "meta",
}
LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "data"}
# Animation elements can set any attribute at view time, a link's target included.
ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "discard"}
_URL_IN_CSS = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import", re.IGNORECASE | re.DOTALL)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_RASTER_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")
ADVICE = (
    "gambar di docs/ dibuka langsung oleh browser di alamat situs, jadi tidak boleh berisi skrip atau memuat apa pun dari luar. "
    'Simpan ulang gambarnya tanpa bagian itu (misalnya ekspor sebagai "Plain SVG" yang dioptimalkan, atau sebagai PNG).'
)


def is_inside_link(value: str) -> bool:
    """`#id`, a relative path of the site, or a raster `data:` image."""
    target = _INVISIBLE.sub("", value)
    return not _SCHEME.match(target) or bool(_RASTER_DATA.match(target))


def asset_problems(files: list[Path], root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for path in files:
        suffix = path.suffix.lower()
        if path.name.startswith("."):
            continue  # not published (MkDocs leaves hidden files out)
        if suffix in REFUSED_SUFFIXES:
            shown = shown_path(path, root)
            problems.append(
                Problem(
                    shown,
                    1,
                    f"berkas `{shown}` adalah dokumen {suffix[1:].upper()}, yang dijalankan browser di alamat situs; "
                    "dokumen seperti ini tidak boleh ada di docs/. Tulis isinya sebagai bab Markdown, atau lampirkan sebagai PDF.",
                )
            )
        elif suffix not in PUBLISHED_TYPES and path.name not in PUBLISHED_NAMES:
            shown = shown_path(path, root)
            kind = f"jenis berkas `{suffix}`" if suffix else "berkas tanpa akhiran jenis"
            problems.append(
                Problem(
                    shown,
                    1,
                    f"berkas `{shown}` tidak diterbitkan: {kind} tidak ada dalam daftar yang boleh "
                    f"(peramban bisa menjalankannya di alamat situs); {KINDS_ADVICE}",
                )
            )
        elif suffix == ".svg":
            problems.extend(svg_problems(path.read_bytes(), shown_path(path, root)))
    return problems


def svg_problems(data: bytes, shown: str) -> list[Problem]:
    """What makes an SVG image active or leave the site, each at its line."""
    found: list[Problem] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(what: str) -> None:
        found.append(Problem(shown, parser.CurrentLineNumber, f"SVG memuat {what}; {ADVICE}"))

    in_style = [0]  # depth of open <style> elements: their text is CSS

    def start(name: str, attributes: dict) -> None:
        local = name.rsplit(" ", 1)[-1].lower()
        in_style[0] += local == "style"
        if local in ACTIVE_ELEMENTS:
            refuse(f"elemen `<{local}>`")
        for key, value in attributes.items():
            attr = key.rsplit(" ", 1)[-1].lower()
            if attr.startswith("on"):
                refuse(f"penangan peristiwa `{attr}`")
            elif attr in LINK_ATTRIBUTES and not is_inside_link(value):
                refuse(f"tautan `{attr}` ke `{value[:60]}` di luar gambar")
            elif attr == "style":
                css(value)
            elif (
                local in ANIMATIONS and attr == "attributename" and value.rsplit(":", 1)[-1].lower() in LINK_ATTRIBUTES
            ):
                refuse(f'animasi yang mengubah tautan (`<{local} attributeName="{value}">`)')
            elif "javascript:" in _INVISIBLE.sub("", value).lower():
                refuse(f"`javascript:` pada atribut `{attr}`")

    def css(text: str) -> None:
        for match in _URL_IN_CSS.finditer(text):
            if match.group(0).lower() == "@import":
                refuse("`@import` pada gaya (CSS)")
            elif not is_inside_link(match.group(2)):
                refuse(f"alamat `{match.group(2)[:60]}` pada gaya (CSS) di luar gambar")

    def end(name: str) -> None:
        in_style[0] -= name.rsplit(" ", 1)[-1].lower() == "style"

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = lambda text: css(text) if in_style[0] else None
    parser.ProcessingInstructionHandler = lambda target, _data: refuse(f"instruksi pemrosesan `<?{target} ...?>`")
    parser.EntityDeclHandler = lambda name, *_rest: refuse(f"deklarasi entitas `{name}`")

    def external_entity(*_args: object) -> int:
        refuse("rujukan entitas luar")
        return 1

    parser.ExternalEntityRefHandler = external_entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return found + [
            Problem(
                shown,
                exc.lineno,
                f"SVG bukan XML yang sah (kolom {exc.offset + 1}); "
                "simpan ulang gambarnya dari program gambar, atau ekspor sebagai PNG.",
            )
        ]
    return found


def sources(docs_dir: Path, macros_dir: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """The files of ``docs/`` (chapters and assets), and every problem of ``docs/`` and ``macros/``:
    entries that are not regular files, assets with active content (above), and what the
    chapters' own text makes into HTML against the one rule (:mod:`htmlrule`)."""
    docs_files, problems = regular_files(Path(docs_dir), root)
    problems += regular_files(Path(macros_dir), root)[1]
    if problems:  # read nothing more while a link or a FIFO is among the files
        return docs_files, problems
    oversized = oversized_chapters(docs_files, root)  # named by their size, never read
    readable = [path for path in docs_files if not chapter_too_large(path)]
    return docs_files, oversized + asset_problems(docs_files, root) + chapter_problems(readable, root)
