"""Stage 7, commands: the ``masterplan`` command and what only it uses.

``cli`` is the command (the only module that prints and chooses exit codes); ``newregion``
and ``scaffold`` (with ``questions``) write new data; ``editsession`` runs the form editor on
this computer; ``bench`` and ``synthetic`` measure the build.

May import: the shared helpers and every stage.
"""
