"""What a coding file holds: codings, memos, and the coder's new codes (frozen records).

What a coding is (segment × code × coder, and its optional span) is told in
:mod:`qualkit.codings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from qualkit.codebook import Code
from qualkit.suggestion_records import SuggestionRecord

__all__ = ["Coding", "Codings", "Memo", "utc_now"]


@dataclass(frozen=True)
class Coding:
    """``coder`` applied ``code`` to turn ``turn`` (1-based) of session ``session_id``.

    ``created`` is an ISO 8601 UTC timestamp (text); ``memo`` an optional note on this coding;
    ``start``/``end`` the span of the turn it covers (``None``: the whole turn).
    """

    session_id: str
    turn: int
    code: str
    coder: str
    memo: str = ""
    created: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def key(self) -> tuple:
        """Identity: ``(session_id, turn, code, coder)``, then ``start, end`` for a span.

        Memo and time are not part of it. A whole-turn key sorts before its turn's spans.
        """
        span = () if self.start is None else (self.start, self.end)
        return (self.session_id, self.turn, self.code, self.coder, *span)

    @property
    def unit(self) -> tuple[str, int]:
        """The segment coded: ``(session_id, turn)``."""
        return (self.session_id, self.turn)


@dataclass(frozen=True)
class Memo:
    """A coder's note on a segment (analytic memo), independent of any code."""

    session_id: str
    turn: int
    coder: str
    text: str
    created: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def unit(self) -> tuple[str, int]:
        return (self.session_id, self.turn)


@dataclass(frozen=True)
class Codings:
    """The content of one coding file: codings, memos and the coder's new (inductive) codes."""

    codings: tuple[Coding, ...] = ()
    memos: tuple[Memo, ...] = ()
    added_codes: tuple[Code, ...] = ()
    # What the coder did with machine suggestions (qualkit.suggestion_records; version 2).
    suggestions: tuple[SuggestionRecord, ...] = ()

    def __len__(self) -> int:
        return len(self.codings)

    def __iter__(self):
        return iter(self.codings)

    @property
    def coders(self) -> tuple[str, ...]:
        """Coders in order of first appearance."""
        return tuple(dict.fromkeys(coding.coder for coding in self.codings))

    def by_coder(self, coder: str) -> Codings:
        """Only this coder's codings and memos."""
        return Codings(
            tuple(c for c in self.codings if c.coder == coder),
            tuple(m for m in self.memos if m.coder == coder),
            self.added_codes,
            tuple(r for r in self.suggestions if r.coder == coder),
        )

    def __add__(self, other: Codings) -> Codings:
        """Both files' content, e.g. to compare two coders' files."""
        codes = {code.label: code for code in (*self.added_codes, *other.added_codes)}
        return Codings(
            self.codings + other.codings,
            self.memos + other.memos,
            tuple(codes.values()),
            self.suggestions + other.suggestions,
        )


def utc_now() -> str:
    """The current time as ISO 8601 UTC text, to the second (``2026-11-21T17:02:03Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
