"""Stage 3, derive: everything a page shows that is computed, computed once.

The views of the validated data (``views``, with sums over partial data in ``partial``), the region's words (``vocabulary``), official
evaluations beside their recomputation (``monev``), how complete the data is
(``completeness``), the enacted text read from Git and a draft amendment's comparison with
it (``revisions``, ``compare``, chapters counted as read in ``readertext``). ``pipeline`` runs load -> validate -> derive in one call.

May import: the shared helpers, ``load`` and ``validate``.
"""
