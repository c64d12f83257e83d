"""The theme's static files, listed without the folders MkDocs leaves out anyway.

``mkdocs build`` copies a theme's static files into the site: it lists every file of the theme
(``Environment.list_templates``) and keeps those its filter (``Files.add_files_from_theme``) lets
through. Material holds some 14,500 files, nearly all icons in its top-level ``.icons`` folder, and
the filter's first pattern, ``.*``, refuses every name that begins with a dot: all of that folder.
Listed here, a top-level folder whose name begins with a dot is not walked at all when the filter
is MkDocs's own (known by its code and that pattern); the list is the same, the walk a sixth.
Any other call is Jinja's own.
"""

from __future__ import annotations

import functools
import os
import types

import jinja2
from mkdocs.structure.files import Files

from .. import templatecache


def _mkdocs_filter() -> types.CodeType | None:
    """The code of the filter inside ``Files.add_files_from_theme``, when it refuses every name beginning with '.'."""
    for const in Files.add_files_from_theme.__code__.co_consts:
        if (
            isinstance(const, types.CodeType)
            and const.co_name == "filter"
            and any(isinstance(c, tuple) and c[:1] == (".*",) for c in const.co_consts)
        ):
            return const
    return None


_FILTER = _mkdocs_filter()


def skip_hidden_folders(theme) -> None:
    """Theme environments made from now on list their files as :func:`list_templates` does."""
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.list_templates = functools.partial(list_templates, env)
        return env

    theme.get_env = get_env


def keep_compiled_templates(theme) -> None:
    """Theme environments made from now on keep their compiled templates between builds (:mod:`templatecache`)."""
    make_env = theme.get_env
    theme.get_env = lambda: templatecache.keep_compiled(make_env())


def list_templates(env: jinja2.Environment, extensions=None, filter_func=None) -> list[str]:
    """``Environment.list_templates``; for MkDocs's filter, without the top-level folders it refuses whole."""
    loader = env.loader
    if (
        _FILTER is None
        or extensions is not None
        or getattr(filter_func, "__code__", None) is not _FILTER
        or type(loader) is not jinja2.FileSystemLoader
    ):
        return jinja2.Environment.list_templates(env, extensions, filter_func)
    found: set[str] = set()
    for searchpath in loader.searchpath:
        # Every name under a top-level dot folder begins with ".": the filter's ".*" refuses it.
        found.update(names_in(searchpath, loader.followlinks, skip_hidden_folders=True))
    return [name for name in sorted(found) if filter_func(name)]


def names_in(folder: str, followlinks: bool, skip_hidden_folders: bool = False) -> list[str]:
    """The files of one theme folder as ``FileSystemLoader.list_templates`` names them; with
    ``skip_hidden_folders``, none from a top-level folder whose name begins with a dot."""
    names = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=followlinks):
        if skip_hidden_folders and dirpath == folder:
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            name = os.path.join(dirpath, filename)[len(folder) :].strip(os.path.sep).replace(os.path.sep, "/")
            names.append(name[2:] if name[:2] == "./" else name)
    return names
