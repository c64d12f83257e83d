"""Material's navigation sidebar rendered once per folder for the pages outside the nav.

Material renders the whole navigation (``partials/nav.html``) into every page. A page
that is not in the nav (programmes, elements, agencies: reached from tables and links)
marks no entry as active and has no table of contents inside the nav, so its sidebar
differs from that of another such page only by the relative links, which depend on the
page's folder. The sidebar rendered for the first such page of a folder is given to the
others; pages in the nav are rendered as before. tests/test_fastpaths.py builds a site
with and without this and compares every page.
"""

from __future__ import annotations

import posixpath

import jinja2

NAV_TEMPLATE = "partials/nav.html"


def install(env: jinja2.Environment, nav) -> None:
    """Wrap the theme's compiled nav template in ``env`` so it is rendered once per folder."""
    if nav is None:
        return
    try:
        template = env.get_template(NAV_TEMPLATE)
    except jinja2.TemplateNotFound:
        return
    render = template.root_render_func
    in_nav = {id(page) for page in nav.pages}
    kept: dict[tuple, str] = {}

    def render_once_per_folder(context):
        page = context.get("page")
        if page is None or id(page) in in_nav or getattr(page, "parent", None) is not None:
            yield from render(context)
            return
        key = (folder_key(page.url), context.get("base_url"))
        html = kept.get(key)
        if html is None:
            html = kept[key] = "".join(render(context))
        yield html

    template.root_render_func = render_once_per_folder


def folder_key(url: str) -> str:
    """The folder MkDocs makes a page's relative links from (``mkdocs.utils.get_relative_url``)."""
    head, tail = posixpath.split(url)
    return head if "." in tail else url
