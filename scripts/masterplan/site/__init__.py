"""Stage 6, site: the MkDocs plugin that runs every earlier stage inside ``mkdocs build``.

The plugin (``plugin``) adds the rendered pages, starts the books beside the site and swaps
the finished site in (``sitefolders``); the pages' Content-Security-Policy (``csp``); the
Pagefind search index with Indonesian roots (``search``); the form editor's configuration
(``editor``); and, during ``mkdocs serve``, rebuilding only what changed (``servecache``,
``navcache``).

May import: the shared helpers and every earlier stage (``load`` ... ``books``).
"""
