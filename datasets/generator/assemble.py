"""Assemble sessions from the talk: study sessions from their files, practice groups by seed.

Per model: four study focus groups (``fg1``–``fg4``), three interviews (``int1``–``int3``)
and one practice focus group (``FG5``), cast from ``practice.yaml`` by seed. Collection order
interleaves the models group by group, then the interviews, then the practice groups.
Participants are numbered P001… in order of first appearance; a woman who sits in a group and
an interview of her model keeps one id. Double-coded sample (coders ana and ben): each
model's third focus group and second interview. (The raw transcripts of the
de-identification exercise are pilot sessions: see pilot.py.)

``practice_group(model, seed)`` is pure: the same model and seed always give the same
transcript and key, so one practice group per student can be made later.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from generator.casting import cast_practice, person_fill
from generator.facts import FactSheet
from generator.markup import Coded, Placeholder, render
from generator.names import partner_names
from generator.talk import FACILITATOR, Line, ModelTalk, load_talk
from qualkit.corpus import MODELS
from qualkit.transcripts import format_transcript, parse_transcript

ID_PREFIX = {"pss": "PSS", "doula": "DOULA", "home_visiting": "HV"}
MODEL_NAME = {"pss": "Peer support", "doula": "Doula", "home_visiting": "Home visiting"}
MODEL_LABEL = {
    "pss": "peer support specialists",
    "doula": "doulas",
    "home_visiting": "home visiting",
}
PRACTICE_INDEX = 5
DOUBLE_CODED = ("fg3", "int2")
PRACTICE_SETTING = {
    "pss": "private room in an outpatient clinic for pregnant and postpartum women in treatment",
    "doula": "private room at a community doula program",
    "home_visiting": "meeting room at a family resource center that runs home visiting programs",
}
SIMULATED = "SIMULATED DATA — fictional, written for qualkit; not real participants."
CONTENT_NOTE = "Content note: overdose, child removal, intimate partner violence (IPV), trauma."


@dataclass(frozen=True)
class Turn:
    """One turn: released ``text`` (identifiers as [TAGS]) and its coded spans in that text."""

    speaker: str
    woman: FactSheet | None
    line: Line
    text: str
    coded: tuple[Coded, ...]
    source: str  # where it was written: "fg2.yaml:41" or "practice.yaml:p07:118"
    people: Mapping[str, FactSheet]  # who a person placeholder names: cast id or role → sheet

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.code for c in self.coded))


def facilitator_of(kind: str) -> str:
    """Who asks the questions in a session of this kind, as transcripts name her."""
    return "Facilitator" if kind == "focus_group" else "Interviewer"


@dataclass(frozen=True)
class Session:
    session_id: str
    model: str
    kind: str
    split: str
    index: int
    title: str
    setting: str
    women: tuple[FactSheet, ...]
    turns: tuple[Turn, ...]
    double_coded: bool = False

    @property
    def facilitator(self) -> str:
        return facilitator_of(self.kind)


def released(people: Mapping[str, FactSheet], placeholder: Placeholder) -> str:
    """A placeholder in the released transcript: a person's name, or an identifier's tag."""
    if placeholder.who is None:
        return f"[{placeholder.field}]"
    return person_fill(people[placeholder.who], placeholder)


def _turn(line: Line, facilitator: str, people: Mapping[str, FactSheet], source: str) -> Turn:
    woman = None if line.speaker == FACILITATOR else people[line.speaker]
    text, coded = render(line.pieces, partial(released, people))
    speaker = facilitator if woman is None else woman.name
    return Turn(speaker, woman, line, text, tuple(coded), source, people)


def _session_id(model: str, name: str) -> str:
    kind = "FG" if name.startswith("fg") else "INT"
    return f"{ID_PREFIX[model]}-{kind}{name.lstrip('fgint')}"


def study_session(talk: ModelTalk, name: str) -> Session:
    """One study session as written, person placeholders filled from the cast."""
    written = talk.sessions[name]
    facilitator = facilitator_of(written.kind)
    turns = tuple(
        _turn(line, facilitator, talk.cast, f"{written.source.name}:{line.line}")
        for line in written.turns
    )
    index = int(name.lstrip("fgint"))
    title = f"{MODEL_NAME[talk.model]} {'focus group' if written.kind == 'focus_group' else 'interview'} {index}"
    session_id = _session_id(talk.model, name)
    return Session(
        session_id,
        talk.model,
        written.kind,
        "study",
        index,
        title,
        written.setting,
        tuple(talk.cast[w] for w in written.cast),
        turns,
        double_coded=name in DOUBLE_CODED,
    )


@dataclass(frozen=True)
class PracticeGroup:
    """A practice group: the session, its released transcript text and its key codings."""

    session: Session
    transcript: str
    key: tuple[
        tuple[str, int, str, int, int, bool], ...
    ]  # session, turn, code, start, end, boundary
    exchanges: tuple[str, ...]


def practice_sessions(
    seed: int, talk: Mapping[str, ModelTalk], whole_pool: bool = False, upto: str = MODELS[-1]
) -> tuple[Session, ...]:
    """The practice groups of a seed, one a model in ``MODELS`` order up to ``upto``: the
    corpus's shared groups, or with ``whole_pool`` a student's own, drawn from every exchange
    of the pool. Each is cast knowing the names the groups before it gave."""
    # No practice woman shares a first name with anyone of the study casts (women, children,
    # supporters), so a name never points at the wrong life.
    taken = {
        name
        for t in talk.values()
        for sheet in t.cast.values()
        for name in (sheet.name, sheet.supporter.name, *(c.name for c in sheet.children))
    }
    # In a student's groups no woman bears a study partner's name (the shared groups, quoted by
    # the lessons, already do not).
    if whole_pool:
        taken |= {name for t in talk.values() for sheet in t.cast.values()
                  for name in partner_names(sheet)}  # fmt: skip
    sessions: list[Session] = []
    for model in MODELS[: MODELS.index(upto) + 1]:
        try:
            sessions.append(_practice_session(model, seed, talk, whole_pool, taken, sessions))
        except ValueError as error:  # the seed replays it: practice_sessions(seed, talk, ...)
            raise ValueError(f"{error} (seed {seed}, whole_pool={whole_pool})") from error
    return tuple(sessions)


def practice_session(
    model: str, seed: int, talk: Mapping[str, ModelTalk], whole_pool: bool = False
) -> Session:
    """The practice group of a model for a seed (see practice_sessions, which makes a seed's
    three at the cost of one chain)."""
    return practice_sessions(seed, talk, whole_pool, upto=model)[-1]


def _practice_session(
    model: str,
    seed: int,
    talk: Mapping[str, ModelTalk],
    whole_pool: bool,
    taken: set[str],
    earlier: list[Session],
) -> Session:
    """One model's practice group; ``earlier``: the seed's groups of the models before it."""
    rng = random.Random(f"{seed}:practice:{model}")
    fresh = random.Random(f"{seed}:pool:{model}") if whole_pool else None
    # A student's three groups never give one pseudonym to two women: each model's group
    # leaves out the names the groups of the models before it (same seed) gave, its women's
    # and their supporters'; nor a child's name one of those groups gave.
    taken = taken | {name for s in earlier for w in s.women for name in (w.name, w.supporter.name)}
    children = frozenset(c.name for s in earlier for w in s.women for c in w.children)
    casting = cast_practice(rng, talk[model], taken, fresh, children)
    turns = []
    for exchange, roles in zip(casting.exchanges, casting.roles, strict=True):
        people = {role: casting.women[index] for role, index in roles.items()}
        for line in exchange.turns:
            source = f"practice.yaml:{exchange.id}:{line.line}"
            turns.append(_turn(line, "Facilitator", people, source))
    return Session(
        f"{ID_PREFIX[model]}-FG{PRACTICE_INDEX}",
        model,
        "focus_group",
        "practice",
        PRACTICE_INDEX,
        f"{MODEL_NAME[model]} practice focus group",
        PRACTICE_SETTING[model],
        casting.women,
        tuple(turns),
    )


def header(session: Session) -> list[str]:
    """The ``# `` header lines of a transcript."""
    kind = "focus group" if session.kind == "focus_group" else "individual interview"
    speakers = (
        f"Facilitator and {len(session.women)} participants"
        if session.kind == "focus_group"
        else "Interviewer and 1 participant"
    )
    return [
        SIMULATED,
        CONTENT_NOTE,
        f"{session.session_id}: {session.title} — {MODEL_LABEL[session.model]}, {kind}, "
        f"{session.split} session.",
        f"Setting: {session.setting}.",
        f"Speakers: {speakers}, named by pseudonym.",
        "De-identified: places, clinics, agencies, dates, phone numbers and third persons' "
        "names are replaced by bracketed category tags.",
    ]


def transcript_text(session: Session) -> str:
    return format_transcript(((t.speaker, t.text) for t in session.turns), header(session))


def key_spans(
    session: Session, text: str | None = None
) -> list[tuple[str, int, str, int, int, bool]]:
    """Every coded span as (session, turn, code, start, end, boundary), offsets into the file."""
    text = transcript_text(session) if text is None else text
    parsed = parse_transcript(text, session.session_id)
    spans = []
    for number, (turn, placed) in enumerate(zip(session.turns, parsed.turns, strict=True), 1):
        for c in turn.coded:
            start, end = placed.start + c.start, placed.start + c.end
            spans.append((session.session_id, number, c.code, start, end, c.boundary))
    return spans


def practice_group(
    model: str, seed: int, talk: Mapping[str, ModelTalk] | None = None
) -> PracticeGroup:
    """The practice group of ``model`` for ``seed``: same arguments, same group, byte for byte.

    Participants keep their pseudonyms; a caller that needs participant ids assigns them.
    """
    session = practice_session(model, seed, talk if talk is not None else load_talk())
    text = transcript_text(session)
    exchanges = tuple(dict.fromkeys(t.source.split(":")[1] for t in session.turns))
    return PracticeGroup(session, text, tuple(key_spans(session, text)), exchanges)


def assemble(seed: int, talk: Mapping[str, ModelTalk]) -> tuple[Session, ...]:
    """Every session in collection order."""
    order = [(m, f"fg{g}") for g in range(1, 5) for m in MODELS]
    order += [(m, f"int{i}") for i in range(1, 4) for m in MODELS]
    sessions = [study_session(talk[m], name) for m, name in order]
    return (*sessions, *practice_sessions(seed, talk))
