"""Masterplan Smart City: YAML data -> MkDocs site, book PDFs and the Perbup annex.

The pipeline reads as named stages, one module each:
load -> validate -> derive -> render -> site (plugin) -> books.
"""

__version__ = "0.1.0"
