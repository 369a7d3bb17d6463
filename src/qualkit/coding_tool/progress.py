"""How far a coder has got: turns coded of all turns to code, codings, memos, codes used."""

from __future__ import annotations

from dataclasses import dataclass

from qualkit.wording import plural

__all__ = ["Progress"]


@dataclass(frozen=True)
class Progress:
    """How far the coder has got in the tool's turns.

    ``coded`` and ``total`` count only turns of non-context speakers (a turn is coded when any
    of its spans carries a code); ``codings`` and ``memos`` count everything on the tool's
    turns; ``codes_used`` pairs each code used with how many turns carry it, in codebook order.
    """

    coded: int
    total: int
    codings: int
    memos: int
    codes_used: tuple[tuple[str, int], ...]

    @property
    def fraction(self) -> float:
        """``coded / total`` (0.0 when there is nothing to code)."""
        return self.coded / self.total if self.total else 0.0

    @property
    def counts(self) -> str:
        """``"3 codings · 2 codes used · 0 memos"``: what the coder has made so far."""
        return (
            f"{plural(self.codings, 'coding')} · "
            f"{plural(len(self.codes_used), 'code')} used · {plural(self.memos, 'memo')}"
        )

    def __str__(self) -> str:
        return f"{self.coded} of {plural(self.total, 'turn')} coded · {self.counts}"
