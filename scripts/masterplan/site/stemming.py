"""Sastrawi, the Indonesian stemmer of the site search (:mod:`search`), made fast and kept as it stems.

Sastrawi (Nazief-Adriani with a dictionary) finds the root of an affixed word. As shipped it is slow for a
whole site's words; :func:`stemmer` gives one that stems the same: its dictionary a set, its regular
expressions compiled once (:class:`SastrawiRe`), and its prefix rules run as one pass whose outcome per word
is kept (:class:`PrefixPass`), skipping the rules a word cannot start as (:func:`word_starts`).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    # Sastrawi keeps its 30,000-word dictionary in a list; a set makes it ~400x faster.
    dictionary = stemmer.delegatedStemmer.dictionary
    dictionary.words = frozenset(dictionary.words)
    # Sastrawi matches ~70 rule patterns per word through `re` and uses each found root as a pattern too:
    # thousands of one-off patterns push every compiled pattern out of `re`'s cache, its own and the rest
    # of the build's. Its modules get their own `re` that keeps the rules compiled (same matching).
    shim = SastrawiRe()
    for name, module in list(sys.modules.items()):
        if name.startswith("Sastrawi.") and getattr(module, "re", None) is re:
            module.re = shim
    # Each word goes through the ~45 prefix rules up to nine times (the confix trial, the plain order, the
    # suffix-restoring loop), often from the same word: a pass's outcome from a word is kept.
    rules = stemmer.delegatedStemmer.visitor_provider.get_prefix_visitors()
    rules[:] = [PrefixPass(list(rules))]
    return stemmer


class PrefixPass:
    """Sastrawi's prefix rules as one visitor: one pass of ``Context.accept_prefix_visitors``, its outcome kept.

    That loop visits the rules in order and stops after the first that removes a prefix, or once the word is
    in the dictionary or the process is stopped. A rule's ``visit`` reads only the word and the dictionary
    (which does not change) and at most records one removal and moves the word on; so a pass from a given
    word always ends the same way: it is run once per word, on a probe standing in for the context, and its
    removal (at most one, never changed by Sastrawi: shared) is applied to every later context at that word.
    A stopped process (a word of three letters or fewer) visits only the first rule, as the loop does.
    """

    def __init__(self, rules: list) -> None:
        self.rules = rules
        self.starts = [word_starts(rule) for rule in rules]
        self.outcomes: dict[tuple[str, bool], tuple] = {}

    def visit(self, context) -> None:
        word, stopped = context.current_word, context.process_is_stopped
        outcome = self.outcomes.get((word, stopped))
        if outcome is None:
            probe = Probe(word, context.dictionary)
            for rule, starts in zip(self.rules, self.starts, strict=True):
                if starts is None or word.startswith(starts):  # else the rule would find nothing to remove
                    rule.visit(probe)
                if stopped or probe.removals or context.dictionary.contains(probe.current_word):
                    break
            outcome = self.outcomes[(word, stopped)] = tuple(probe.removals)
        for removal in outcome:
            context.add_removal(removal)
            context.current_word = removal.result


def word_starts(rule) -> tuple[str, ...] | None:
    """What a word must start with for a prefix rule of Sastrawi to remove anything; None when not known.

    A disambiguating rule removes a prefix only through one of its disambiguators, and each of those
    returns something only when its first pattern matches at the start of the word (``re.match``), or the
    word is one it names (``belajar``). Every text in a disambiguator's code is taken as such a start, up
    to its first character that is not a plain letter (a letter a quantifier follows is left out; a text
    with an alternative, ``|``, starts with anything): more starts than needed, never fewer.
    """
    disambiguators = getattr(rule, "disambiguators", None)
    if not disambiguators:
        return None
    starts: set[str] = set()
    for disambiguator in disambiguators:
        method = getattr(type(disambiguator), "disambiguate", None)
        code = getattr(method, "__code__", None)
        if code is None:
            return None
        for text in code.co_consts:
            if isinstance(text, str) and text != method.__doc__:
                body = text.removeprefix("^")
                letters = body[: len(body) - len(body.lstrip(_LETTERS))]
                if "|" in body:
                    letters = ""
                elif body[len(letters) : len(letters) + 1] in ("?", "*", "+", "{"):
                    letters = letters[:-1]
                starts.add(letters)
    return tuple(sorted(starts)) if starts else None


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Probe:
    """What a prefix rule's ``visit`` uses of Sastrawi's context: the word, the dictionary, the removals."""

    __slots__ = ("current_word", "dictionary", "removals")

    def __init__(self, word: str, dictionary) -> None:
        self.current_word = word
        self.dictionary = dictionary
        self.removals: list = []

    def add_removal(self, removal) -> None:
        self.removals.append(removal)


class SastrawiRe:
    """``re`` for Sastrawi's modules: ``match`` and ``sub`` with the patterns compiled once.

    A pattern of letters alone (a root Sastrawi removes from a word) is literal text: replaced as text.
    """

    def __init__(self) -> None:
        self._compiled: dict[tuple[str, int], re.Pattern[str]] = {}

    def _pattern(self, pattern: str, flags: int) -> re.Pattern[str]:
        compiled = self._compiled.get((pattern, flags))
        if compiled is None:
            compiled = self._compiled[(pattern, flags)] = re.compile(pattern, flags)
        return compiled

    def match(self, pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
        return self._pattern(pattern, flags).match(string)

    def sub(self, pattern: str, repl: str, string: str, count: int = 0, flags: int = 0) -> str:
        if not flags and pattern.isascii() and pattern.isalpha() and isinstance(repl, str) and "\\" not in repl:
            return string.replace(pattern, repl, count or -1)
        return self._pattern(pattern, flags).sub(repl, string, count)

    def __getattr__(self, name: str):
        return getattr(re, name)
