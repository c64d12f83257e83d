"""Sums and averages over the programmes where a value is set, with what they cover and why the rest are empty.

A total over partial data never reads as complete: :class:`Partial` carries how many items it
counts, of how many, and the kinds of missing of the others ("25 program belum").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from . import missing as kinds


@dataclass
class Partial:
    """A sum or average over the items where the value is set, how many that is, and why the others are empty."""

    value: float | None  # None when no item has the value
    counted: int
    of: int
    missing: Counter = field(default_factory=Counter)  # kind of missing -> items without the value

    @property
    def complete(self) -> bool:
        return self.counted == self.of

    @property
    def declared(self) -> bool:
        """Some item says why it is empty (not published, unknown): the sum says so."""
        return any(k != kinds.NOT_SET for k in self.missing)

    @property
    def empty_words(self) -> str:
        """For a sum no item has: "belum ditetapkan", or "tidak dipublikasikan untuk 37 dari 37 program"."""
        return kinds.coverage_note(self.missing, self.of) if self.declared else kinds.WORDS[kinds.NOT_SET]

    @property
    def rest_words(self) -> str:
        """The items left out of a partial sum: "25 program belum" or "20 program tidak dipublikasikan, 5 program belum"."""
        if not self.declared:
            return f"{self.of - self.counted} program belum"
        words = {**kinds.WORDS, kinds.NOT_SET: "belum"}
        return ", ".join(f"{self.missing[k]} program {words[k]}" for k in kinds.ORDER if self.missing.get(k))

    @staticmethod
    def total(values: list) -> Partial:
        known = [v for v in values if v is not None]
        return Partial(
            sum(known) if known else None, len(known), len(values), Counter({kinds.NOT_SET: len(values) - len(known)})
        )

    @staticmethod
    def average(values: list) -> Partial:
        known = [v for v in values if v is not None]
        return Partial(
            mean(known) if known else None, len(known), len(values), Counter({kinds.NOT_SET: len(values) - len(known)})
        )

    @staticmethod
    def over(programmes: list, name: str, average: bool = False) -> Partial:
        """The sum (or average) of a programme field, with the kinds of missing of the programmes without it."""
        part = (Partial.average if average else Partial.total)([getattr(p.model, name) for p in programmes])
        part.missing = kinds.kinds_of([(p.model, getattr(p.model, name)) for p in programmes], name)
        return part
