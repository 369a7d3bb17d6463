"""A machine coder: codes suggested for a turn from the codebook and from turns already coded.

It embeds text with ``wordllama`` (MIT), a static word-embedding model whose wheel carries its
256-dimension weights, so nothing is downloaded and nothing leaves the machine: participants'
words are never sent to an outside service. Two sources of evidence, each kept so a student can
see why a code was suggested:

- the **codebook**: each code's definition (brief, full, when to use) and its example; a code's
  codebook similarity is the cosine of the turn with the closest of the two;
- the **coded turns** (optional): turns a coder has already coded, e.g. her own codings; the
  ``neighbors`` most similar coded turns vote, each for the codes it carries, weighted by its
  similarity; a code's vote share is its weight over the neighbors' total.

A code's **score** is its vote share when other coded turns are given (the codebook similarity
breaks ties and is reported as evidence), else its codebook similarity. :meth:`MachineCoder.suggest`
ranks the codes; :meth:`MachineCoder.decide` applies the codes whose vote share reaches
:data:`VOTE_SHARE` (2 of 5 equal neighbors), or without coded turns the best code when its
codebook similarity reaches :data:`CODEBOOK_SIMILARITY`. Everything is deterministic: the same
inputs give the same suggestions, in the same order, on any machine.

Expect little: similarity of words is not reading. Negation, talk about someone else's
experience, a code that lives across turns, sarcasm and reported speech all defeat it (lesson 08;
its agreement with the key is in ``datasets/MACHINE_CODER.md``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from qualkit.codebook import Code, Codebook
from qualkit.codings import Coding
from qualkit.transcripts import Transcript, Turn, Unit

__all__ = [
    "CODEBOOK_SIMILARITY",
    "NEIGHBORS",
    "VOTE_SHARE",
    "Evidence",
    "MachineCoder",
    "Suggestion",
    "embed",
    "load_model",
]

NEIGHBORS = 5
VOTE_SHARE = 0.4  # 2 of 5 equally similar neighbors
CODEBOOK_SIMILARITY = 0.3  # about the median best similarity of a participant turn
EvidenceKind = Literal["definition", "example", "coded turn"]


@dataclass(frozen=True)
class Evidence:
    """One text a suggestion rests on: a code's definition or example, or a coded turn
    (``unit`` names it), with its cosine similarity to the text being coded."""

    kind: EvidenceKind
    code: str
    text: str
    similarity: float
    unit: Unit | None = None


@dataclass(frozen=True)
class Suggestion:
    """A code suggested for a turn (or a span of it, ``start``/``end`` as in a Coding)."""

    session_id: str
    turn: int
    code: str
    score: float
    evidence: tuple[Evidence, ...]
    start: int | None = None
    end: int | None = None

    @property
    def unit(self) -> Unit:
        return (self.session_id, self.turn)


@functools.cache
def load_model():
    """The wordllama model, loaded from the files inside the installed package only.

    ``WordLlama.load()`` alone looks for its tokenizer under ``tokenizer/`` while the wheel
    ships ``tokenizers/``, and then tries the model hub; pointing ``cache_dir`` at the package
    and ``disable_download`` finds both files and never opens a connection.
    """
    import wordllama  # lazy: a 2 s import that only the machine coder needs

    return wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True
    )


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (float64, so sums do not depend on batching).

    A text's row does not depend on the texts embedded with it, so each is embedded once per
    process: lesson 08 builds two coders on the same study turns (and the grader one for each
    submission)."""
    if not texts:
        return np.zeros((0, 256))
    missing = list(dict.fromkeys(t for t in texts if t not in _EMBEDDED))
    if missing:
        vectors = np.asarray(load_model().embed(missing, norm=True), dtype=np.float64)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        if len(_EMBEDDED) + len(missing) > EMBEDDED_LIMIT:
            _EMBEDDED.clear()
        for text, row in zip(missing, vectors / np.where(norms == 0, 1, norms), strict=True):
            row.setflags(write=False)
            _EMBEDDED[text] = row
    return np.vstack([_EMBEDDED[t] for t in texts])


EMBEDDED_LIMIT = 10_000  # texts remembered (2 kB each); the corpus's study has under 2,000 turns
_EMBEDDED: dict[str, np.ndarray] = {}


def _definition(code: Code) -> str:
    return " ".join(part for part in (code.brief, code.full, code.when_to_use) if part)


class MachineCoder:
    """Suggests codes from ``codebook`` and, optionally, from ``codings`` of ``transcripts``.

    ``codings`` are read at the turn level: a coded turn carries every code any of its codings
    applies (a span counts for its whole turn). Turns without a coding are not used: a coder
    leaves most turns uncoded, so an uncoded turn is not evidence that no code applies.
    """

    def __init__(
        self,
        codebook: Codebook,
        codings: Iterable[Coding] = (),
        transcripts: Iterable[Transcript] = (),
        neighbors: int = NEIGHBORS,
    ) -> None:
        self.codebook = codebook
        self.neighbors = neighbors
        self._prototypes: list[tuple[EvidenceKind, str, str]] = []
        for code in codebook.codes:
            self._prototypes.append(("definition", code.label, _definition(code)))
            if code.example:
                self._prototypes.append(("example", code.label, code.example))
        self._prototype_vectors = embed([text for _, _, text in self._prototypes])
        carried: dict[Unit, set[str]] = {}
        for coding in codings:
            carried.setdefault(coding.unit, set()).add(coding.code)
        turns = {t.unit: t for transcript in transcripts for t in transcript.turns}
        self._coded = [
            (unit, turns[unit].text, frozenset(carried[unit]))
            for unit in sorted(carried)
            if unit in turns
        ]
        self._coded_vectors = embed([text for _, text, _ in self._coded])

    def _scores(
        self, vector: np.ndarray, exclude: Unit | None
    ) -> dict[str, tuple[float, list[Evidence]]]:
        by_code: dict[str, tuple[float, list[Evidence]]] = {}
        similarity = self._prototype_vectors @ vector
        best: dict[str, Evidence] = {}
        for (kind, label, text), value in zip(self._prototypes, similarity, strict=True):
            if label not in best or value > best[label].similarity:
                best[label] = Evidence(kind, label, text, round(float(value), 4))
        for label, evidence in best.items():
            by_code[label] = (evidence.similarity, [evidence])
        if not self._coded:
            return by_code
        similarity = self._coded_vectors @ vector
        # Highest similarity first; ties broken by unit, so the order never depends on sorting.
        order = sorted(
            (i for i in range(len(self._coded)) if self._coded[i][0] != exclude),
            key=lambda i: (-similarity[i], self._coded[i][0]),
        )[: self.neighbors]
        if not order:  # the only coded turn is this one: the codebook is all there is
            return by_code
        weights = {i: max(float(similarity[i]), 0.0) for i in order}
        total = sum(weights.values()) or 1.0
        votes: dict[str, float] = {}
        for i in order:
            unit, text, codes = self._coded[i]
            for label in codes:
                votes[label] = votes.get(label, 0.0) + weights[i] / total
                evidence = Evidence("coded turn", label, text, round(float(similarity[i]), 4), unit)
                by_code.setdefault(label, (0.0, []))[1].append(evidence)
        return {
            label: (round(votes.get(label, 0.0), 4), evidence)
            for label, (_, evidence) in by_code.items()
        }

    def _rank(self, unit: Unit, vector: np.ndarray, codes: Iterable[str] | None, span=(None, None)):
        allowed = set(self.codebook.names if codes is None else codes)
        scores = self._scores(vector, exclude=unit)
        codebook_similarity = {
            label: next((e.similarity for e in ev if e.kind != "coded turn"), 0.0)
            for label, (_, ev) in scores.items()
        }
        ranked = sorted(
            (label for label in scores if label in allowed),
            key=lambda label: (-scores[label][0], -codebook_similarity[label], label),
        )
        return [
            Suggestion(unit[0], unit[1], label, scores[label][0], tuple(scores[label][1]), *span)
            for label in ranked
        ]

    def suggest(
        self,
        turn: Turn,
        codes: Iterable[str] | None = None,
        limit: int = 3,
        start: int | None = None,
        end: int | None = None,
    ) -> tuple[Suggestion, ...]:
        """The ``limit`` best codes for ``turn`` (or its span ``start:end``, offsets into the
        transcript's text as in a Coding), best first; ``codes`` narrows the candidates.

        The turn itself is never its own neighbor, so a coded turn is judged by the others.
        """
        text = turn.text
        if start is not None and end is not None:
            text = turn.text[start - turn.start : end - turn.start]
        vector = embed([text])[0]
        return tuple(self._rank(turn.unit, vector, codes, (start, end))[:limit])

    def decide(
        self, turns: Sequence[Turn], codes: Iterable[str] | None = None
    ) -> list[frozenset[str]]:
        """The codes the machine would apply to each turn (see the module docstring)."""
        codes = None if codes is None else tuple(codes)
        vectors = embed([t.text for t in turns])
        decided = []
        for turn, vector in zip(turns, vectors, strict=True):
            ranked = self._rank(turn.unit, vector, codes)
            if any(e.kind == "coded turn" for s in ranked for e in s.evidence):
                decided.append(frozenset(s.code for s in ranked if s.score >= VOTE_SHARE))
            else:
                top = ranked[:1]
                decided.append(frozenset(s.code for s in top if s.score >= CODEBOOK_SIMILARITY))
        return decided

    def codings(
        self, turns: Sequence[Turn], codes: Iterable[str] | None = None, coder: str = "machine"
    ) -> tuple[Coding, ...]:
        """:meth:`decide` as whole-turn codings by ``coder``, for the agreement functions."""
        return tuple(
            Coding(turn.session_id, turn.turn, code, coder)
            for turn, found in zip(turns, self.decide(turns, codes), strict=True)
            for code in sorted(found)
        )
