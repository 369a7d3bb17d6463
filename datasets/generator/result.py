"""The generated corpus in memory, before it is written to files."""

from __future__ import annotations

from dataclasses import dataclass

from generator.assemble import Session
from generator.facts import FactSheet
from generator.second_coders import SecondCoding


@dataclass(frozen=True)
class Person:
    """A participant: her fact sheet, her model and the sessions she sat in."""

    participant_id: str
    model: str
    sheet: FactSheet
    session_ids: tuple[str, ...]


@dataclass(frozen=True)
class Generated:
    """Everything one seed produces: sessions in collection order, people, second codings."""

    seed: int
    sessions: tuple[Session, ...]
    people: tuple[Person, ...]
    second: SecondCoding

    def session(self, session_id: str) -> Session:
        for session in self.sessions:
            if session.session_id == session_id:
                return session
        raise KeyError(session_id)

    def participant_id(self, session: Session, sheet: FactSheet) -> str:
        for person in self.people:
            if person.sheet is sheet and session.session_id in person.session_ids:
                return person.participant_id
        raise KeyError((session.session_id, sheet.name))
