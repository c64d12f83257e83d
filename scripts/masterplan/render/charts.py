"""SVG charts drawn at build time: no JavaScript, no outside request, vector in print.

Each chart gets a ``<title>`` and ``<desc>`` as its text alternative; the
macros put the same numbers in a table beside it.
"""

from __future__ import annotations

import html
from itertools import count

from markupsafe import Markup

from .. import formats
from ..derive import views

# One colour per dimension, dark enough for white text and 3:1 against white (WCAG 1.4.11).
PALETTE = {
    "governance": "#1f4e9c",
    "branding": "#9c2a6b",
    "economy": "#8a5a00",
    "living": "#1d7a45",
    "society": "#6b3fa0",
    "environment": "#2f6f73",
    "tanpa-dimensi": "#5a5f66",  # programmes whose dimension the source does not give
}
FONT = 'font-family="inherit" font-size="11"'
# Widest chart that keeps its 11-unit text at least 11 px in a 390 px phone's column (358 px).
CHART_WIDTH = 340
GANTT_LABEL_WIDTH = 250  # the programme names' column; the site keeps it in view on a phone (site/phonecharts.py)
GANTT_ROWS = 55  # 55 rows at 18 px still fit the printable height of an A4 page at full width


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _svg(width: int, height: int, title: str, desc: str, body: list[str], uid: str) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mp-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{_e(title)}</title><desc id="{uid}-d">{_e(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


class Charts:
    """Chart factory bound to one derived view; ids are numbered per page for stable output."""

    def __init__(self, view: views.View):
        self.view = view
        self._ids = count(1)

    def _uid(self, kind: str) -> str:
        return f"mp-{kind}-{next(self._ids)}"

    def gantt(self, programmes: list | None = None, title: str = "Peta jalan program") -> Markup:
        """The roadmap, in parts of at most GANTT_ROWS rows: a part must fit on one printed page.

        Every programme given needs both years; by default the ones that have them.
        """
        rows = programmes if programmes is not None else self.view.scheduled
        parts = max(1, -(-len(rows) // GANTT_ROWS))
        size = -(-len(rows) // parts) if rows else 0
        chunks = [rows[i : i + size] for i in range(0, len(rows), size)] if rows else [[]]
        label = (lambda i: title) if len(chunks) == 1 else (lambda i: f"{title} (bagian {i + 1} dari {len(chunks)})")
        return Markup("".join(self._gantt_part(chunk, label(i)) for i, chunk in enumerate(chunks)))

    def _gantt_part(self, rows: list, title: str) -> Markup:
        years = self.view.years
        label_w, col_w, row_h, top = GANTT_LABEL_WIDTH, 44, 18, 28
        width = label_w + col_w * len(years) + 8
        body: list[str] = []
        for i, year in enumerate(years):
            x = label_w + i * col_w
            shade = "#f2f4f7" if i % 2 == 0 else "#ffffff"
            body.append(
                f'<rect x="{x}" y="{top - 4}" width="{col_w}" height="{row_h * len(rows) + 8}" fill="{shade}"/>'
            )
            body.append(
                f'<text x="{x + col_w / 2}" y="{top - 10}" text-anchor="middle" {FONT} font-weight="bold" fill="#222">{year}</text>'
            )
        for r, p in enumerate(rows):
            y = top + r * row_h
            # Labels are cut by characters in a proportional font: 30 keeps the widest names clear of the first bar.
            name = p.model.nama if len(p.model.nama) <= 30 else p.model.nama[:29].rstrip() + "…"
            body.append(
                f'<text x="4" y="{y + 12}" {FONT} fill="#222"><tspan font-weight="bold">{_e(p.id)}</tspan> {_e(name)}</text>'
            )
            x0 = label_w + (p.model.tahun_mulai - years[0]) * col_w + 3
            bar_w = (p.model.tahun_selesai - p.model.tahun_mulai + 1) * col_w - 6
            colour = PALETTE[p.dimension.id]
            body.append(
                f'<rect x="{x0}" y="{y + 3}" width="{bar_w}" height="{row_h - 6}" rx="3" fill="{colour}"><title>{_e(p.id)}: {p.model.tahun_mulai}–{p.model.tahun_selesai}</title></rect>'
            )
            if p.is_quick_win:
                body.append(
                    f'<text x="{x0 + bar_w / 2}" y="{y + 12.5}" text-anchor="middle" font-size="11" fill="#fff" font-weight="bold">QW</text>'
                )
        height = top + row_h * len(rows) + 8
        desc = (
            f"Diagram Gantt {len(rows)} program pada tahun {years[0]}–{years[-1]}; rinciannya ada pada tabel di bawah."
        )
        return _svg(width, height, title, desc, body, self._uid("gantt"))

    def bars(
        self,
        items: list[tuple[str, float]],
        maximum: float,
        title: str,
        unit: str = "",
        colours: list[str] | None = None,
    ) -> Markup:
        """Horizontal bars: one ``(label, value)`` per row, scaled to ``maximum``.

        Each label stands on its own line above its bar, so the chart is narrow enough
        (CHART_WIDTH wide) to keep 11 px text on a 390 px phone; a label may take the full width.
        """
        value_w, row_h = 70, 34
        width = CHART_WIDTH
        bar_max = width - value_w
        body: list[str] = []
        for i, (label, value) in enumerate(items):
            y = 4 + i * row_h
            colour = (colours or [])[i] if colours and i < len(colours) else "#1f4e9c"
            w = 0 if maximum <= 0 else max(1.0, bar_max * float(value) / maximum)
            body.append(f'<text x="0" y="{y + 11}" {FONT} fill="#222">{_e(label)}</text>')
            body.append(f'<rect x="0" y="{y + 15}" width="{bar_max}" height="{row_h - 21}" fill="#eef0f3"/>')
            body.append(f'<rect x="0" y="{y + 15}" width="{w:.1f}" height="{row_h - 21}" fill="{colour}"/>')
            body.append(
                f'<text x="{bar_max + 6}" y="{y + 25}" {FONT} fill="#222">{_e(formats.number(value))}{_e(unit)}</text>'
            )
        height = 8 + row_h * len(items)
        desc = "; ".join(f"{label}: {formats.number(value)}{unit}" for label, value in items)
        return _svg(width, height, title, desc, body, self._uid("bar"))

    def official_trend(self, slots: list[tuple[str, float | None, float | None]], maximum: float, title: str) -> Markup:
        """Official totals (solid line, filled dots) against the region's targets (dashed, open squares),
        one slot per evaluation or target year. A slot without an official total has no dot."""
        # Narrow (CHART_WIDTH) for 11 px text on a phone; axis labels in two lines ("2024" over "II").
        width, height, pad, top, inset = CHART_WIDTH, 220, 26, 30, 30
        body: list[str] = []
        if not slots:
            return _svg(width, height, title, "Belum ada data.", body, self._uid("trend"))
        span = max(1, len(slots) - 1)

        def x(index: int) -> float:  # the first and last slot stand clear of the axis labels
            return pad + inset + index * (width - 2 * pad - 2 * inset) / span if len(slots) > 1 else width / 2

        def y(value: float) -> float:
            return height - pad - value * (height - pad - top) / maximum

        for tick in range(int(maximum) + 1):
            body.append(f'<line x1="{pad}" x2="{width - pad}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d0d4da"/>')
            body.append(f'<text x="{pad - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" {FONT} fill="#222">{tick}</text>')
        for i, (label, _, _) in enumerate(slots):
            year, _, stage = label.partition(" ")
            second = f'<tspan x="{x(i):.1f}" dy="13">{_e(stage)}</tspan>' if stage else ""
            body.append(
                f'<text x="{x(i):.1f}" y="{height - pad + 4}" text-anchor="middle" {FONT} fill="#222">{_e(year)}{second}</text>'
            )
        targets = [(i, t) for i, (_, _, t) in enumerate(slots) if t is not None]
        officials = [(i, v) for i, (_, v, _) in enumerate(slots) if v is not None]
        if len(targets) > 1:
            coords = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in targets)
            body.append(
                f'<polyline points="{coords}" fill="none" stroke="#a04000" stroke-width="1.5" stroke-dasharray="5 4"/>'
            )
        for i, v in targets:
            body.append(
                f'<rect x="{x(i) - 4:.1f}" y="{y(v) - 4:.1f}" width="8" height="8" fill="#fff" stroke="#a04000" stroke-width="1.5"/>'
            )
            official = slots[i][1]
            above = official is None or v >= official  # the two labels of a slot go to opposite sides
            body.append(
                f'<text x="{x(i) + 7:.1f}" y="{y(v) + (-7 if above else 15):.1f}" {FONT} fill="#a04000">{_e(formats.number(v))}</text>'
            )
        if len(officials) > 1:
            coords = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in officials)
            body.append(f'<polyline points="{coords}" fill="none" stroke="#1f4e9c" stroke-width="2.5"/>')
        for i, v in officials:
            body.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4.5" fill="#1f4e9c"/>')
            target = slots[i][2]
            below = target is not None and target >= v
            body.append(
                f'<text x="{x(i) - 7:.1f}" y="{y(v) + (16 if below else -8):.1f}" text-anchor="end" {FONT} font-weight="bold" fill="#222">{_e(formats.number(v))}</text>'
            )
        legend = width - pad - 190  # top right, above the highest tick (190 units hold both entries)
        body.append(
            f'<circle cx="{legend + 5}" cy="10" r="4.5" fill="#1f4e9c"/><text x="{legend + 14}" y="14" {FONT} fill="#222">nilai resmi</text>'
        )
        if targets:
            body.append(
                f'<rect x="{legend + 96}" y="6" width="8" height="8" fill="#fff" stroke="#a04000" stroke-width="1.5"/><text x="{legend + 109}" y="14" {FONT} fill="#222">target daerah</text>'
            )
        desc = "; ".join(
            f"{label}: "
            + ", ".join(
                part
                for part in (
                    f"nilai resmi {formats.number(v)}" if v is not None else "tanpa nilai resmi",
                    f"target {formats.number(t)}" if t is not None else "",
                )
                if part
            )
            for label, v, t in slots
        )
        return _svg(width, height, title, desc, body, self._uid("trend"))
