"""Stage 2, validate: the data checked against the model, every problem with its ``file:line``.

Every file against its pydantic model, then the rules across files (``checker``,
``rules``, ``evaluation`` for an evaluation report's arithmetic), pydantic's errors said in
Indonesian (``messages``), the one rule for editors' Markdown (``htmlrule``), characters the
print fonts cannot draw (``printchars``), the chapters' own-text blocks (``unwritten``) and
the files under ``docs/`` (``assets``). Problems are collected, never raised one by one. What
it hands on is the validated data, :class:`plan.Masterplan`.

May import: the shared helpers and ``load``.
"""
