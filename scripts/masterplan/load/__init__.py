"""Stage 1, load: data in.

Which files the build may read at all (``inputs``: regular files inside the repository,
nothing else), ``data/**/*.yml`` read safely with the line of every key and item and the
text of every typed number (``yamlfiles``), YAML slips said in plain Indonesian
(``yamlerrors``), and the change history of ``data/`` from Git (``history``).

May import: the shared helpers only.
"""
