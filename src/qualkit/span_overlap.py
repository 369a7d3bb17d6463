"""How far a coder's spans overlap the key's (or another coder's), code by code.

The kit's agreement, saturation and matrices count **turns** (a turn carries a code when any of
its spans does). Lessons about the meaning unit compare **spans** instead, with this module:

* per code, the characters both coded (``shared``) against the characters each coded, giving
  precision (how much of what you coded the key coded too), recall (how much of the key's
  coding you found) and F1;
* per code, how many of the key's spans you *found*: a span of yours with the same code covers
  at least ``min_cover`` of it (default half).

Characters are code points of the transcripts' text (as in :class:`~qualkit.codings.Coding`);
a whole-turn coding (no span) counts as the whole turn's text. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qualkit.codings import Coding
from qualkit.transcripts import Transcript

__all__ = ["SpanScore", "coded_spans", "covered", "span_agreement"]

Span = tuple[int, int]


@dataclass(frozen=True)
class SpanScore:
    """One code's overlap: characters coded by each side and by both, and key spans found."""

    code: str
    coded: int
    key: int
    shared: int
    found: int
    key_spans: int

    @property
    def precision(self) -> float:
        """``shared / coded`` (NaN when you coded nothing with this code)."""
        return self.shared / self.coded if self.coded else float("nan")

    @property
    def recall(self) -> float:
        """``shared / key`` (NaN when the key has no span of this code)."""
        return self.shared / self.key if self.key else float("nan")

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0.0 when nothing is shared)."""
        if not self.coded or not self.key:
            return float("nan")
        if not self.shared:
            return 0.0
        return 2 * self.precision * self.recall / (self.precision + self.recall)


def _merged(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _length(spans: Iterable[Span]) -> int:
    return sum(end - start for start, end in spans)


def covered(span: Span, others: Iterable[Span]) -> int:
    """How many characters of ``span`` lie inside any of ``others``.

    >>> covered((10, 20), [(0, 12), (15, 30), (16, 18)])
    7
    """
    start, end = span
    return _length(
        (max(start, a), min(end, b)) for a, b in _merged(others) if a < end and b > start
    )


def coded_spans(
    codings: Iterable[Coding], transcripts: Iterable[Transcript]
) -> dict[tuple[str, str], list[Span]]:
    """Each (session, code)'s spans, a whole-turn coding standing for its turn's text."""
    turns = {turn.unit: (turn.start, turn.end) for t in transcripts for turn in t.turns}
    found: dict[tuple[str, str], list[Span]] = {}
    for coding in codings:
        if coding.start is None:
            span = turns.get(coding.unit)
            if span is None:
                continue  # a turn this comparison was not given
        else:
            span = (coding.start, coding.end)
        found.setdefault((coding.session_id, coding.code), []).append(span)
    return found


def span_agreement(
    codings: Iterable[Coding],
    key: Iterable[Coding],
    transcripts: Iterable[Transcript] | Mapping[str, Transcript],
    *,
    min_cover: float = 0.5,
) -> dict[str, SpanScore]:
    """Per code (sorted), how a coder's spans overlap the key's over the given transcripts.

    >>> from qualkit.transcripts import parse_transcript
    >>> t = parse_transcript("A: She told me her story and I trusted her.", "S")
    >>> mine = [Coding("S", 1, "TRUST", "ana", start=29, end=42)]  # "I trusted her"
    >>> keys = [Coding("S", 1, "TRUST", "key", start=25, end=44)]  # "and I trusted her."
    >>> score = span_agreement(mine, keys, [t])["TRUST"]
    >>> score.shared, round(score.precision, 2), round(score.recall, 2), score.found
    (13, 1.0, 0.68, 1)
    """
    if isinstance(transcripts, Mapping):
        transcripts = transcripts.values()
    transcripts = tuple(transcripts)
    ours = coded_spans(codings, transcripts)
    theirs = coded_spans(key, transcripts)
    scores = {}
    for code in sorted({code for _, code in (*ours, *theirs)}):
        coded = key_total = shared = found = key_spans = 0
        for session in sorted({s for s, c in (*ours, *theirs) if c == code}):
            mine = _merged(ours.get((session, code), []))
            keys = theirs.get((session, code), [])
            coded += _length(mine)
            key_total += _length(_merged(keys))
            shared += sum(covered(span, mine) for span in _merged(keys))
            key_spans += len(keys)
            found += sum(covered(span, mine) >= min_cover * (span[1] - span[0]) for span in keys)
        scores[code] = SpanScore(code, coded, key_total, shared, found, key_spans)
    return scores
