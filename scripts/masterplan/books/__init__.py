"""Stage 5, books: the rendered chapters typeset as the three books and the annex.

Chapters -> HTML -> one tree model (``htmltree``: rows, header rows, sections, spans,
column shares, shown links, unbreakable words) -> Typst code, every text of the data a
string literal (``htmltypst``);
each book a PDF/A typeset by Typst in a process of its own, cached by its source
(``typesetting``); the annex and a draft amendment's comparison matrix also in Word
(``worddocs``; ``htmldocx`` walks the same tree, ``wordfile`` makes the document's parts).

May import: the shared helpers, ``load``, ``validate``, ``derive`` and ``render``.
"""
