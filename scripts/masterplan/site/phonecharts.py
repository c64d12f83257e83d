"""The roadmap on a phone: the Gantt scrolls in its own frame and the programme names stay in view.

An SVG cannot keep part of itself in place while the rest scrolls, so for the site only (the
PDFs and the Word annex draw the chart from the Markdown, untouched) each Gantt chart drawn by
``render/charts.py`` gets a scrolling frame and, inside it, a copy of its name column that the
style keeps at the frame's left edge (``position: sticky``, ``docs/assets/masterplan.css``).
The copy is hidden from screen readers: the chart keeps its own title and description, and the
table below it lists every programme.
"""

from __future__ import annotations

import re

from ..render import charts

_GANTT = re.compile(r'<svg [^>]*?viewBox="0 0 (\d+) (\d+)"[^>]*?aria-labelledby="mp-gantt-[^"]*"[^>]*>.*?</svg>', re.S)
_NAME = re.compile(r'<text x="4" [^>]*>.*?</text>', re.S)
_FIGURE = '<figure class="mp-figur mp-gantt" tabindex="0">'


def sticky_gantt_names(html: str) -> str:
    """Each Gantt chart of the page in a scrolling frame, with its programme names kept in view."""
    if 'aria-labelledby="mp-gantt-' not in html:
        return html
    html = html.replace(_FIGURE, '<figure class="mp-figur mp-gantt">')  # the frame inside scrolls, not the figure
    return _GANTT.sub(_framed, html)


def _framed(match: re.Match) -> str:
    svg, height = match.group(0), match.group(2)
    width = charts.GANTT_LABEL_WIDTH
    names = (
        f'<svg class="mp-gantt-nama" aria-hidden="true" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="#fff"/>{"".join(_NAME.findall(svg))}</svg>'
    )
    return (
        f'<div class="mp-gantt-geser" tabindex="0" role="group" aria-label="Diagram peta jalan; geser ke samping untuk melihat tahun berikutnya">'
        f"{names}{svg}</div>"
    )
