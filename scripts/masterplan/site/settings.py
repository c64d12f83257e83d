"""The plugin's settings under ``plugins: - masterplan:`` in mkdocs.yml, as MkDocs checks them, and the
settings of MkDocs' own that come from the data: the site's name, description, author, and the build date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..derive.views import View
from ..load import gitread


class BookConfig(Config):
    id = c.Type(str)
    number = c.Type(str)
    # The annex takes its title and file name from the region's words (lampiran-perwali.pdf) unless set here.
    title = c.Type(str, default="")
    file = c.Type(str, default="")
    layout = c.Choice(("book", "annex"), default="book")


class MasterplanConfig(Config):
    data_dir = c.Type(str, default="data")
    macros_dir = c.Type(str, default="macros")
    books = c.ListOfItems(c.SubConfig(BookConfig), default=[])
    books_on_serve = c.Type(bool, default=False)
    edit_url = c.Type(
        str, default=""
    )  # e.g. https://github.com/ORG/REPO/edit/main/ ; "Sunting" links on programme pages
    editor = c.Type(bool, default=True)  # the form editor at /sunting/ (repository and branch from edit_url)
    editor_auth_url = c.Type(str, default="")  # base URL of a GitHub OAuth relay for the editor's sign-in
    editor_local_backend = c.Type(
        str, default="http://localhost:8081/api/v1"
    )  # decap-server, for editing a local clone


def fix_build_date(root: Path, view: View) -> None:
    """Two builds of one commit must match byte for byte, sitemap dates included.

    MkDocs dates the sitemap from SOURCE_DATE_EPOCH; when the user has not set it,
    use the commit time of HEAD (or the publication date in the data without Git).
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    epoch = gitread.commit_time(root)
    if epoch is None:
        day = view.plan.wilayah.tanggal_terbit or dt.date(view.years[0], 1, 1)
        epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    os.environ["MASTERPLAN_EPOCH_SET_BY_PLUGIN"] = "1"


def name_site(config, view: View) -> None:
    """The site's identity comes from data/, so another region changes only its data."""
    years, words = view.years, view.words
    # Escaped here: Material writes these into the page without escaping (no autoescape).
    config.site_name = _html_text(f"Masterplan Smart City {words.daerah} {years[0]}–{years[-1]}")
    config.site_description = _html_text(
        f"Rencana Induk Smart City {words.daerah} Tahun {years[0]}-{years[-1]} ({words.judul_peraturan})"
    )
    config.site_author = _html_text(words.penerbit)
    config.copyright = _html_text(
        words.penerbit
    )  # the "ilustratif" legend is added per page (theme partials/copyright.html)


def _html_text(text: str) -> Markup:
    """Data text for theme templates that print values raw: escaped once, and `| e` keeps it so."""
    return Markup(escape(text))
