"""A faster way for WeasyPrint to draw plain SVG ``<text>``: one text layout per run, not one per letter.

WeasyPrint 70 lays out and draws every letter of an SVG text separately, so that
per-letter ``x``/``dx``/``rotate`` lists can be honoured. The roadmap (Gantt) has a
label of about 40 letters on every row, so at 1,000 programmes this made drawing the
charts the largest single cost of Book II and the annex (5.5 s of 17.7 s in the profile).
Our charts never position single letters, so a text whose position is one point and
that asks for no spacing, length or rotation is laid out once, as a whole (with
kerning, as HTML text is). Anything else goes to WeasyPrint's own function.

The replacement is installed only inside the worker processes that typeset the books,
and only for the pinned WeasyPrint version it was written against.
"""

from __future__ import annotations

from math import inf

PER_LETTER = ("dx", "dy", "rotate", "letter-spacing", "textLength")
WRITTEN_FOR = "70.0"


def install() -> bool:
    """Replace WeasyPrint's SVG text drawing with the fast path; False if the version differs."""
    import importlib

    import weasyprint

    svg_package = importlib.import_module("weasyprint.svg")
    text_module = importlib.import_module("weasyprint.svg.text")  # the package re-exports a function of that name

    if weasyprint.__version__ != WRITTEN_FOR:
        return False
    original = text_module.text
    if getattr(original, "masterplan_fast", False):
        return True

    def text(svg, node, font_size):
        if _simple(node):
            _draw_run(svg, node, font_size)
        else:
            original(svg, node, font_size)

    text.masterplan_fast = True
    for tag, function in list(svg_package.TAGS.items()):
        if function is original:
            svg_package.TAGS[tag] = text
    text_module.text = text
    svg_package.text = text
    return True


def _simple(node) -> bool:
    if not node.text or any(name in node.attrib for name in PER_LETTER):
        return False
    return all(len(node.attrib.get(name, "0").split()) == 1 for name in ("x", "y"))


def _style(svg, node, font_size):
    """The text style, built exactly as WeasyPrint's own ``svg.text.text`` builds it."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.svg.text import Style

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    weight = node.get("font-weight", 400)
    weight = {"normal": 400, "bold": 700}.get(weight, weight)
    try:
        style["font_weight"] = int(weight)
    except ValueError:
        style["font_weight"] = 400
    return style


def _baseline_shift(node, font_size: float, height: float) -> float:
    """Vertical alignment, with WeasyPrint's own rules (and its fixed ascent/descent)."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    anchor = node.get("display-anchor")
    if anchor in ("middle", "top", "bottom"):
        return {"middle": -height / 2, "top": 0, "bottom": -height}[anchor]
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def _draw_run(svg, node, font_size) -> None:
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import TextBox
    from weasyprint.svg.utils import size
    from weasyprint.text.line_break import split_first_line

    style = _style(svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    x, y = svg.cursor_position
    if "x" in node.attrib:
        x = size(node.attrib["x"].strip(), font_size, svg.inner_width)
        svg.cursor_d_position[0] = 0
    if "y" in node.attrib:
        y = size(node.attrib["y"].strip(), font_size, svg.inner_height)
        svg.cursor_d_position[1] = 0
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + _baseline_shift(node, font_size, height)
    svg.cursor_position = x + width, y
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box, ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)))

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(d=-1, e=x_position, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)
