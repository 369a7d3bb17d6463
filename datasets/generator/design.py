"""The study design: which sessions exist, in what order, and who sits in them.

Per model: four ``study`` focus groups, one ``practice`` focus group (the one students code
for grades; the team's coding never covers it) and three ``study`` interviews. Collection order
interleaves the models group by group (all first groups, then all second groups …), then the
interviews, then the practice groups. The interviewee of each model's first interview also sat
in that model's first focus group (a follow-up interview, so students can set one woman's group
talk beside her interview); every other participant takes part in exactly one session.

Double-coded sample (coders ``ana`` and ``ben``): each model's third focus group and second
interview. Raw versions with planted identifiers: PSS-FG1, DOULA-INT1 and HV-FG2.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Literal

from generator.codes import MODELS, Model
from generator.population import PSEUDONYMS, Person, draw_person, other_services

ID_PREFIX = {"pss": "PSS", "doula": "DOULA", "home_visiting": "HV"}
STUDY_GROUPS = 4
INTERVIEWS = 3
PRACTICE_GROUP = STUDY_GROUPS + 1
DOUBLE_CODED_GROUP = 3
DOUBLE_CODED_INTERVIEW = 2
DOMINANT_GROUP = 2  # the study group with an intended dominant speaker
RAW_SESSIONS = ("PSS-FG1", "DOULA-INT1", "HV-FG2")
SHARED_INTERVIEW = 1  # INT1's interviewee also sat in FG1

MODEL_NAME = {"pss": "Peer support", "doula": "Doula", "home_visiting": "Home visiting"}
GROUP_SETTING = {
    "pss": "private room in an outpatient clinic for pregnant and postpartum women in treatment "
    "for opioid use disorder",
    "doula": "private room at a community doula program serving women in treatment for opioid "
    "use disorder",
    "home_visiting": "meeting room at a family resource centre that runs home visiting programs",
}
INTERVIEW_SETTING = {
    "pss": "private office at the outpatient clinic",
    "doula": "telephone interview",
    "home_visiting": "private room at the family resource centre",
}


@dataclass(frozen=True)
class SessionSpec:
    """One session as designed. ``index`` is the group or interview number within its model."""

    session_id: str
    model: Model
    kind: Literal["focus_group", "interview"]
    split: Literal["study", "practice"]
    index: int
    order: int
    title: str
    setting: str
    participant_ids: tuple[str, ...]
    double_coded: bool
    raw: bool

    @property
    def facilitator(self) -> str:
        """The speaker label of the person asking the questions."""
        return "Facilitator" if self.kind == "focus_group" else "Interviewer"

    @property
    def is_group(self) -> bool:
        return self.kind == "focus_group"


@dataclass(frozen=True)
class Design:
    """All sessions (in collection order) and all participants."""

    sessions: tuple[SessionSpec, ...]
    people: tuple[Person, ...]

    def person(self, participant_id: str) -> Person:
        for person in self.people:
            if person.participant_id == participant_id:
                return person
        raise KeyError(participant_id)

    def session(self, session_id: str) -> SessionSpec:
        for session in self.sessions:
            if session.session_id == session_id:
                return session
        raise KeyError(session_id)


def _session_slots() -> list[tuple[Model, str, int]]:
    """(model, kind, index) in collection order."""
    slots = [(m, "focus_group", g) for g in range(1, STUDY_GROUPS + 1) for m in MODELS]
    slots += [(m, "interview", i) for i in range(1, INTERVIEWS + 1) for m in MODELS]
    slots += [(m, "focus_group", PRACTICE_GROUP) for m in MODELS]
    return slots


def _group_size(rng: random.Random, model: Model, index: int) -> int:
    # Four-person groups are realistic but leave no room for a quiet member without someone
    # else holding over a third of the talk, so groups here have five to seven.
    if index == DOMINANT_GROUP:
        return rng.choice((5, 6, 6))
    if index == DOUBLE_CODED_GROUP:
        return rng.choice((5, 5, 6))
    return rng.choice((5, 5, 6, 6, 7) if model == "home_visiting" else (5, 5, 6, 6))


def _enough_voices(
    rng: random.Random, people: list[Person], seats: dict[str, list[str]]
) -> list[Person]:
    """Every focus group has at least two women who can speak to an infant's withdrawal
    treatment and two with child-welfare history, so the codes about them can be planted in
    every group (the draws alone leave a group without any now and then)."""
    by_id = {p.participant_id: p for p in people}
    for sid, pids in seats.items():
        if "-FG" not in sid:
            continue
        members = [by_id[pid] for pid in pids]
        treated = [p for p in members if p.infant_nows_treatment == "yes"]
        untreated = [p for p in members if p.infant_nows_treatment == "no"]
        rng.shuffle(untreated)
        for person in untreated[: max(0, 2 - len(treated))]:
            by_id[person.participant_id] = replace(person, infant_nows_treatment="yes")
        involved = [p for p in members if p.child_welfare != "none"]
        uninvolved = [by_id[p.participant_id] for p in members if p.child_welfare == "none"]
        rng.shuffle(uninvolved)
        for person in uninvolved[: max(0, 2 - len(involved))]:
            by_id[person.participant_id] = replace(person, child_welfare="past")
    return [by_id[p.participant_id] for p in people]


def session_id(model: Model, kind: str, index: int) -> str:
    return f"{ID_PREFIX[model]}-{'FG' if kind == 'focus_group' else 'INT'}{index}"


def build_design(rng: random.Random) -> Design:
    """Draw the sessions and the participants who sit in them."""
    names = list(PSEUDONYMS)
    rng.shuffle(names)
    slots = _session_slots()
    # Seats first (who sits where), so that each model's other-service quota is exact.
    seats: dict[str, list[str]] = {}
    sessions_of: dict[str, list[str]] = {}
    model_of: dict[str, Model] = {}
    counter = 0

    def new_person(model: Model) -> str:
        nonlocal counter
        counter += 1
        pid = f"P{counter:03d}"
        model_of[pid] = model
        sessions_of[pid] = []
        return pid

    for model, kind, index in slots:
        sid = session_id(model, kind, index)
        if kind == "focus_group":
            pids = [new_person(model) for _ in range(_group_size(rng, model, index))]
        elif index == SHARED_INTERVIEW:
            pids = [rng.choice(seats[session_id(model, "focus_group", 1)])]
        else:
            pids = [new_person(model)]
        seats[sid] = pids
        for pid in pids:
            sessions_of[pid].append(sid)
    people = []
    for model in MODELS:
        pids = [pid for pid in sessions_of if model_of[pid] == model]
        for pid, other in zip(pids, other_services(rng, model, len(pids)), strict=True):
            people.append(draw_person(rng, pid, names.pop(), model, tuple(sessions_of[pid]), other))
    people.sort(key=lambda p: p.participant_id)
    people = _enough_voices(rng, people, seats)
    sessions = []
    for order, (model, kind, index) in enumerate(slots, start=1):
        sid = session_id(model, kind, index)
        split = "practice" if index == PRACTICE_GROUP else "study"
        if kind == "focus_group":
            title = f"{MODEL_NAME[model]} focus group {index}"
            if split == "practice":
                title = f"{MODEL_NAME[model]} practice focus group"
            setting = GROUP_SETTING[model]
        else:
            title = f"{MODEL_NAME[model]} interview {index}"
            setting = INTERVIEW_SETTING[model]
        double = (kind == "focus_group" and index == DOUBLE_CODED_GROUP) or (
            kind == "interview" and index == DOUBLE_CODED_INTERVIEW
        )
        sessions.append(
            SessionSpec(
                session_id=sid,
                model=model,
                kind=kind,
                split=split,
                index=index,
                order=order,
                title=title,
                setting=setting,
                participant_ids=tuple(seats[sid]),
                double_coded=double,
                raw=sid in RAW_SESSIONS,
            )
        )
    return Design(tuple(sessions), tuple(people))
