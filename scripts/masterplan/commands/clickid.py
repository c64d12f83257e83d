"""Click's own words in Indonesian: help, prompts and errors of the `masterplan` command.

Click translates its messages with ``gettext`` (each module binds ``_`` and ``ngettext`` at import)
and ships no Indonesian catalogue. Rather than a compiled ``.mo`` file, :func:`install` gives
those modules a lookup in :data:`WORDS`; a message not listed stays as Click wrote it, so a new
Click release can only leave a message in English, never break one. The placeholders
(``{name}``) are Click's own and are kept as they are.
"""

from __future__ import annotations

import importlib

WORDS = {
    "Show this message and exit.": "Tampilkan pesan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Aborted!": "Dibatalkan.",
    "Usage:": "Cara pakai:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Lihat '{command} {option}' untuk bantuan.",
    "Missing command.": "Perintah belum disebut.",
    "Missing argument": "Argumen belum diisi",
    "Missing option": "Opsi belum diisi",
    "Missing parameter": "Parameter belum diisi",
    "Missing parameter: {param_name}": "Parameter belum diisi: {param_name}",
    "Missing {param_type}": "{param_type} belum diisi",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "unknown error": "galat yang tidak dikenal",
    "default: {default}": "baku: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tindakan tanpa bertanya.",
    "Press any key to continue...": "Tekan sembarang tombol untuk melanjutkan...",
    "Repeat for confirmation": "Ulangi untuk memastikan",
    "Error: The two entered values do not match.": "Galat: kedua isian tidak sama.",
    "Error: invalid input": "Galat: isian tidak sah",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "{value} is not in the range {range}.": "{value} tidak di dalam rentang {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} bukan nilai ya/tidak yang sah. Nilai yang dikenal: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} menerima {nargs} nilai.",
}
# ngettext's (singular, plural) -> the one Indonesian form (Indonesian does not inflect for number).
PLURALS = {
    (
        "Got unexpected extra argument ({args})",
        "Got unexpected extra arguments ({args})",
    ): "Ada argumen yang tidak dikenal ({args})",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): None,  # two placeholders: chosen below
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): None,
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): None,
}
_PLURAL_FORMS = {
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "Did you mean {possibility}?": "Maksudnya {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Maksudnya salah satu dari: {possibilities}?)",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
}
MODULES = ("core", "exceptions", "formatting", "decorators", "termui", "types", "parser")


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    fixed = PLURALS.get((singular, plural))
    if fixed:
        return fixed
    chosen = singular if n == 1 else plural
    return _PLURAL_FORMS.get(chosen, chosen)


def install() -> None:
    """Give Click's modules the Indonesian lookup (once, before any command runs)."""
    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            setattr(module, "_", gettext)  # noqa: B010  (click's modules bind these names at import)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010


# Click's placeholders in "Cara pakai" and the option list, by the parameter type's name.
METAVARS = {
    "text": "TEKS",
    "path": "JALUR",
    "integer": "ANGKA",
    "integer range": "ANGKA",
    "float": "ANGKA",
    "float range": "ANGKA",
    "filename": "BERKAS",
    "directory": "FOLDER",
}


def localise(command) -> None:
    """ "[OPSI]", "PERINTAH [ARGUMEN]..." and TEKS/JALUR/ANGKA for every command of the group, recursively."""
    import click

    command.options_metavar = "[OPSI]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "PERINTAH [ARGUMEN]..."
        for sub in command.commands.values():
            localise(sub)
    for param in command.params:
        if (
            isinstance(param, click.Option)
            and param.metavar is None
            and not param.is_flag
            and not isinstance(param.type, click.Choice)
        ):
            param.metavar = METAVARS.get(param.type.name)
