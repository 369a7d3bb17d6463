"""The chart's cases as the corpus has them, and the turns a cell may rest on.

A case is a participant: her sessions, her support model and her fact sheet (the rest of
``participants.csv``). The turns a cell of case × theme may rest on are her turns (she is the
speaker, in one of her sessions) that the given codings code with one of the theme's codes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qualkit.charting.chart import TurnRef
from qualkit.codings import Codings
from qualkit.corpus import Corpus
from qualkit.errors import InputError
from qualkit.themes import Theme
from qualkit.transcripts import Turn

__all__ = ["Candidates", "Case", "case_turns", "cases_of", "coded_turns"]


@dataclass(frozen=True)
class Case:
    """A participant as a row of the chart, with her fact sheet at hand."""

    id: str
    name: str  # her pseudonym
    model: str
    model_label: str
    session_ids: tuple[str, ...]
    facts: tuple[tuple[str, str], ...] = ()  # (field, value), blanks left out

    @property
    def label(self) -> str:
        """``"Brandi (P001)"``: pseudonyms repeat across sessions, ids do not."""
        return f"{self.name} ({self.id})"


def cases_of(corpus: Corpus, participant_ids: Iterable[str] | None = None) -> tuple[Case, ...]:
    """The cases for ``participant_ids`` (default: every participant), grouped by support model
    in the corpus's model order, each group in the order given."""
    if participant_ids is None:
        ids = tuple(p.participant_id for p in corpus.participants)
    elif isinstance(participant_ids, str):
        raise InputError("chart", "argument 'cases'", "a list of participant ids", participant_ids)
    else:
        ids = tuple(dict.fromkeys(participant_ids))
    cases = []
    for index, participant_id in enumerate(ids):
        try:
            participant = corpus.participant(participant_id)
        except KeyError:
            raise InputError(
                "chart", f"cases[{index}]", "a participant id of the corpus", participant_id
            ) from None
        facts = tuple((k, v) for k, v in participant.attributes.items() if v)
        cases.append(
            Case(
                participant.participant_id,
                participant.pseudonym,
                participant.model,
                corpus.model_label(participant.model),
                participant.session_ids,
                facts,
            )
        )
    order = {model: index for index, model in enumerate(corpus.models)}
    return tuple(sorted(cases, key=lambda case: order.get(case.model, len(order))))


def case_turns(corpus: Corpus, case: Case) -> tuple[Turn, ...]:
    """Every turn the participant speaks, in her sessions' order."""
    return tuple(
        turn
        for session_id in case.session_ids
        for turn in corpus.transcript(session_id).turns
        if turn.speaker == case.name
    )


@dataclass(frozen=True)
class Candidates:
    """Which codes the codings put on each turn: ``codes[(session_id, turn)]``."""

    codes: Mapping[tuple[str, int], tuple[str, ...]]

    @classmethod
    def of(cls, codings: Codings) -> Candidates:
        found: dict[tuple[str, int], dict[str, None]] = defaultdict(dict)
        for coding in codings.codings:
            found[coding.session_id, coding.turn][coding.code] = None
        return cls({unit: tuple(codes) for unit, codes in found.items()})

    def for_cell(
        self, turns: Iterable[Turn], theme: Theme
    ) -> tuple[tuple[Turn, tuple[str, ...]], ...]:
        """The turns coded with one of the theme's codes, each with those codes."""
        wanted = set(theme.codes)
        out = []
        for turn in turns:
            codes = tuple(c for c in self.codes.get(turn.unit, ()) if c in wanted)
            if codes:
                out.append((turn, codes))
        return tuple(out)


def coded_turns(corpus: Corpus, codings: Codings, case: Case, theme: Theme) -> tuple[TurnRef, ...]:
    """The turns a cell of ``case`` × ``theme`` may rest on (see the module's docstring)."""
    found = Candidates.of(codings).for_cell(case_turns(corpus, case), theme)
    return tuple(TurnRef(turn.session_id, turn.turn) for turn, _ in found)
