"""The search's roots are Sastrawi's own: the kept rule outcomes and the direct one-word call change no root.

A reference Sastrawi, untouched but for its dictionary held as a set, runs in a process of its own (the
site's search patches the Sastrawi modules it loads) over the sample's words and a wide mix of text.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

from masterplan.site import search

_REFERENCE = """
import json, sys
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
stemmer = StemmerFactory().create_stemmer()
stemmer.delegatedStemmer.dictionary.words = frozenset(stemmer.delegatedStemmer.dictionary.words)
words = json.load(sys.stdin)
json.dump({w: stemmer.stem(w) or w for w in words}, sys.stdout)
"""

_PREFIXES = [
    "",
    "me",
    "mem",
    "men",
    "meng",
    "meny",
    "di",
    "ber",
    "be",
    "ter",
    "te",
    "pe",
    "pem",
    "pen",
    "peng",
    "peny",
    "per",
    "ke",
    "se",
    "memper",
    "diper",
    "keber",
    "ku",
    "kau",
]
_SUFFIXES = ["", "kan", "an", "i", "nya", "lah", "kah", "pun", "ku", "mu", "is", "isme", "isasi", "kannya"]


def _words() -> list[str]:
    rng = random.Random(34)
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    dictionary = sorted(w for w in StemmerFactory().get_words() if w)
    words = set(rng.sample(dictionary, 1500))
    for root in rng.sample(dictionary, 1500):  # affixed words, the stemmer's real work
        words.add(rng.choice(_PREFIXES) + root + rng.choice(_SUFFIXES))
    office = [
        "perencanaan",
        "pengelolaan",
        "pemanfaatan",
        "penyelenggaraan",
        "pemerintahan",
        "kabupaten",
        "kota",
        "dinas",
        "badan",
        "sekretariat",
        "kecamatan",
        "kelurahan",
        "rencana",
        "strategis",
        "diperbarui",
        "memperbaiki",
        "keterpaduan",
        "berkelanjutan",
        "pelayanan",
        "terintegrasi",
        "digitalisasi",
        "mempercepat",
        "ditetapkan",
        "menyelaraskan",
    ]
    words.update(office)
    for _ in range(800):  # names, codes and letters that are no word
        words.add("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 14))))
    # Three letters or fewer: Sastrawi stops such a word's process after the first prefix rule.
    words.update(["a", "ai", "me", "di", "ber", "pe", "kan", "an", "kua", "kau", "kuk", "kue", "dia", "sea", "kea"])
    words.update(a + b + c for a in "kdsbtmp" for b in "aeiour" for c in "aiueokn")
    # Not plain lower-case letters: they take Sastrawi's whole-text path.
    words.update(
        [
            "ᬩᬮᬶ",
            "ꦗꦮ",
            "2024",
            "sp-01",
            "kota-kota",
            "ANGKA",
            "dua puluh",
            "Rp1.000",
            "berbalas-balasan",
            "meniru-nirukan",
            "malaikat-malaikat-nya",
            "e-government",
            "kode_opd",
            "",
        ]
    )
    return sorted(words)


def test_roots_match_untouched_sastrawi():
    words = _words()
    reference = subprocess.run(
        [sys.executable, "-c", _REFERENCE], input=json.dumps(words), capture_output=True, text=True, check=True
    )
    expected = json.loads(reference.stdout)
    found = search.roots(set(words))
    assert found == expected
    # Asked again (rule outcomes now kept), in another order: the same roots.
    assert search.roots(set(reversed(words))) == expected
    assert sum(1 for w in words if expected[w] != w) > 800  # the mix does exercise the affix rules
