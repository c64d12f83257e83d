"""The SVG text fast path draws the same text at the same place as WeasyPrint's per-letter drawing."""

from __future__ import annotations

import json
import subprocess
import sys

from fixtures import REPO

SVG_PAGE = """<html lang="id"><body style="margin:0"><svg xmlns="http://www.w3.org/2000/svg" width="400" height="120" viewBox="0 0 400 120">
<text x="10" y="20" font-family="TeX Gyre Heros" font-size="11" fill="#222"><tspan font-weight="bold">GOV-001</tspan> Program layanan digital</text>
<text x="200" y="50" text-anchor="middle" font-family="TeX Gyre Heros" font-size="11" font-weight="bold">2025</text>
<text x="390" y="80" text-anchor="end" font-family="TeX Gyre Heros" font-size="10">Rp 1,5 miliar</text>
<text x="10 20 30" y="110" font-family="TeX Gyre Heros" font-size="10">ABC</text>
</svg></body></html>"""

SCRIPT = """
import json, sys
from pypdf import PdfReader
if sys.argv[1] == "fast":
    from masterplan import svgtext
    assert svgtext.install()
from weasyprint import HTML
HTML(string=sys.argv[2]).write_pdf(sys.argv[3])
runs = []
def visit(text, cm, tm, font, size):
    if text.strip():
        runs.append([text, cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]])
PdfReader(sys.argv[3]).pages[0].extract_text(visitor_text=visit)
print(json.dumps(runs))
"""


def draw(mode: str, tmp_path) -> list:
    out = tmp_path / f"{mode}.pdf"
    result = subprocess.run([sys.executable, "-c", SCRIPT, mode, SVG_PAGE, str(out)], capture_output=True, text=True,
                            env={"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin"}, check=True)
    return json.loads(result.stdout)


def text_operators(path) -> int:
    """How many text-showing operators the page and its form XObjects hold: one per letter when drawn letter by letter."""
    from pypdf import PdfReader

    page = PdfReader(path).pages[0]
    streams = [page.get_contents().get_data()]
    streams += [x.get_object().get_data() for x in page["/Resources"].get("/XObject", {}).values()]
    return sum(s.count(b"TJ") + s.count(b"Tj") for s in streams)


def test_fast_path_keeps_text_and_positions(tmp_path):
    slow, fast = draw("slow", tmp_path), draw("fast", tmp_path)
    assert [r[0].strip() for r in slow] == [r[0].strip() for r in fast]  # the same text, in the same order
    for (text, x1, y1), (_, x2, y2) in zip(slow, fast):
        assert abs(y1 - y2) < 0.5, text
        assert abs(x1 - x2) < 3.5, (text, x1, x2)  # at most a leading space apart (drawn as a glyph or as an advance)
    assert text_operators(tmp_path / "fast.pdf") * 3 < text_operators(tmp_path / "slow.pdf")
