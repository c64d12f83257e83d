"""Masterplan Smart City: YAML data -> MkDocs site, book PDFs and the Perbup annex.

The package reads as its pipeline, one folder per stage, in this order (``STAGES``):

    load      data in: which files may be read; YAML with the line of every value; Git history
    validate  the model checked: every file against the schema, the rules across files, chapters and assets
    derive    everything computed: views, the region's words, evaluations, completeness, amendments
    render    Jinja in a data-only sandbox -> Markdown pages; charts; the open data files
    books     the rendered chapters -> Typst -> PDF books and the annex (and Word documents)
    site      the MkDocs plugin that runs the stages inside ``mkdocs build``; search; the form editor
    commands  the ``masterplan`` command and what only it uses (new region, scaffold, editing session, bench)

A module imports from its own stage, from earlier stages and from the shared helpers
beside this file, which import no stage: ``schema`` (the data files' models, built from
``datatypes``; those of ``wilayah.yml`` and ``monev.yml`` in ``schema_wilayah`` and
``schema_monev``), ``fieldtypes`` (what a field's annotation holds, the one place that reads
types), ``labels`` (the words for the schema's choices, Roman numerals), ``framework``,
``formats``, ``errors``, ``owncode`` (this package's source as one digest) and ``templatecache``
(compiled Jinja templates kept between runs); never from a later stage (``tests/test_stages.py``). ``derive/pipeline.py`` runs
load -> validate -> derive in one call for the plugin and the commands.
"""

__version__ = "0.1.0"

STAGES = ("load", "validate", "derive", "render", "books", "site", "commands")
