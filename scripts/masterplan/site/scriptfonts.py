"""Regional scripts on the site: the Noto fonts the books use, served by the site itself.

A vision or a programme name in Aksara Bali, Jawa or Sunda (Pergub Bali 80/2018 asks
offices to write their names in Aksara Bali) must be readable on every reader's device,
and many phones and office computers have no font for it. The build copies the font
files of the scripts its pages use (the same files Typst prints the books with:
:data:`printchars.REGIONAL_SCRIPTS`) into ``assets/aksara/`` and declares them with a
``unicode-range``, so a browser downloads a font only for a page that holds its script,
and Latin text keeps the theme's system fonts. Nothing is fetched from outside the site.
"""

from __future__ import annotations

from ..validate import printchars

FAMILY = "Aksara Masterplan"  # one CSS family, one face per script and weight
CSS = "assets/aksara.css"


def used_scripts(pages: dict[str, str]) -> list[printchars.RegionalScript]:
    """The regional scripts that some page holds, in the order of REGIONAL_SCRIPTS."""
    points: set[int] = set()
    for page in pages.values():
        if not page.isascii():
            points.update(map(ord, set(page)))
    points = {p for p in points if p > 0x7F}  # the few characters outside ASCII, looked up once each
    return [s for s in printchars.REGIONAL_SCRIPTS if any(low <= p <= high for p in points for low, high in s.ranges)]


def files(pages: dict[str, str]) -> dict[str, str | bytes]:
    """``assets/aksara.css`` and the font files it names, for the scripts the pages use; nothing when none is used."""
    installed = printchars.regional_font_files()
    faces: list[str] = []
    out: dict[str, str | bytes] = {}
    for script in used_scripts(pages):
        ranges = ", ".join(f"U+{low:04X}-{high:04X}" for low, high in script.ranges)
        for path in installed.get(script.family, []):
            target = f"assets/aksara/{path.name}"
            out[target] = path.read_bytes()
            weight = 700 if "Bold" in path.stem else 400
            faces.append(
                f'@font-face {{ font-family: "{FAMILY}"; src: url("aksara/{path.name}") format("truetype"); '
                f"font-weight: {weight}; font-display: swap; unicode-range: {ranges}; }}"
            )
    if not faces:
        return {}
    # Material's text stack is `var(--md-text-font, _), -apple-system, ...`: the regional faces come first and,
    # limited by unicode-range, draw only their script; every other character falls through to the system fonts.
    out[CSS] = "\n".join(
        [
            "/* Aksara daerah: fon Noto dari situs ini sendiri (dibuat oleh build). */",
            *faces,
            f':root {{ --md-text-font: "{FAMILY}"; }}',
            "",
        ]
    )
    return out
