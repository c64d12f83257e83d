"""Stage 4, render: the derived view as plain Markdown pages and open data files.

Jinja in a data-only sandbox (``templates``, ``sandbox``) turns ``macros/`` and the chapters
of ``docs/`` into Markdown, independent of MkDocs; SVG charts (``charts``), the field
reference (``fieldref``), the open data as CSV and JSON (``opendata``, ``opendata_monev``,
``changedata``), and the Markdown extension that sets the templates' HTML blocks aside
(``rawhtml``), used by the site and the books alike.

May import: the shared helpers, ``load``, ``validate`` and ``derive``.
"""
