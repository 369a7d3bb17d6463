"""The generated corpus in memory, before it is written to files."""

from __future__ import annotations

from dataclasses import dataclass

from generator.design import Design, SessionSpec
from generator.planting import CorpusPlan
from generator.second_coders import SecondCoding
from generator.talk import TurnRecord


@dataclass(frozen=True)
class SessionOutput:
    """One session's turns (text with identifier tags) in order; turn n is ``turns[n - 1]``."""

    spec: SessionSpec
    turns: tuple[TurnRecord, ...]


@dataclass(frozen=True)
class Generated:
    """Everything one seed produces."""

    seed: int
    design: Design
    plan: CorpusPlan
    sessions: tuple[SessionOutput, ...]
    second: SecondCoding
    notes: tuple[str, ...]

    def session(self, session_id: str) -> SessionOutput:
        for output in self.sessions:
            if output.spec.session_id == session_id:
                return output
        raise KeyError(session_id)
