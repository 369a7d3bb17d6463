"""The fact checker and the name rule, run over assembled sessions: every problem named with
the talk file and line it comes from.

A turn is held to its speaker's fact sheet (facts.py: who she is, her words for her baby;
timeline.py: when things happened, her children by name, child welfare); a woman's turns and
practice exchanges to each other (lives.py: one withdrawal assessment per baby across all her
sessions; what her exchanges' roles declare agrees with her sheet and with her other
exchanges); a session's claims about today to its calendar (cast.yaml ``sessions:``); and names
to one rule: a pseudonym names one woman across the corpus (the same woman in a focus group and
an interview keeps hers), a supporter's name one supporter (across the corpus and a student's
three groups), and in a session no supporter's, partner's or child's name is a participant's,
and no two children or supporters share a name; no participant bears a study partner's name, and
no two children of a student's three groups share one.

``python -m generator.checker [seeds]`` prints every problem of the study sessions and of the
practice groups of seeds 0…N-1 (default 200), and exits 1 if there are any.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping

from generator.assemble import Session, Turn, assemble, practice_sessions
from generator.lives import assessment_problems, declaration_problems
from generator.names import partner_names
from generator.talk import ModelTalk, load_talk
from generator.timeline import Calendar, calendar_contradictions, sheet_problems, turn_problems


def where(session: Session, turn: Turn) -> str:
    """The talk file and line of a turn: 'talk/pss/fg2.yaml line 41' or, for a practice
    exchange, 'talk/pss/practice.yaml line 118 (exchange p07)'."""
    parts = turn.source.split(":")
    place = f"talk/{session.model}/{parts[0]} line {parts[-1]}"
    return place + (f" (exchange {parts[1]})" if len(parts) == 3 else "")


NO_CALENDAR = Calendar()  # a session whose season and weekday nobody declared


def session_problems(session: Session, calendar: Calendar = NO_CALENDAR) -> list[str]:
    """Every contradiction of a session: turns against sheets, sheets against time, claims
    about today against the calendar and each other."""
    found = []
    for number, turn in enumerate(session.turns, 1):
        if turn.woman is not None:
            found += [f"{where(session, turn)}: {session.session_id} turn {number}, "
                      f"{turn.speaker}: {p}" for p in turn_problems(turn.woman, turn.text)]  # fmt: skip
    for sheet in session.women:
        found += [f"{session.session_id}: {sheet.name}'s fact sheet: {p}"
                  for p in sheet_problems(sheet, session.model)]  # fmt: skip
    texts = [t.text if t.woman is not None else "" for t in session.turns]
    for index, problem in calendar_contradictions(calendar, texts):
        turn = session.turns[index]
        found.append(f"{where(session, turn)}: {session.session_id} turn {index + 1}: {problem}")
    return found


def _people(session: Session) -> Iterable[tuple[str, str, str]]:
    """(name, kind, who) for everyone a session's fact sheets name."""
    for sheet in session.women:
        yield sheet.name, "participant", sheet.name
        yield sheet.supporter.name, "supporter", f"{sheet.name}'s {sheet.supporter.role}"
        for child in sheet.children:
            yield (
                child.name,
                "child",
                f"{sheet.name}'s {'son' if child.sex == 'boy' else 'daughter'}",
            )
        for partner in partner_names(sheet):
            yield partner, "partner", f"{sheet.name}'s partner"


def _supporter_of(session: Session, sheet) -> tuple[str, ...]:
    """Who a supporter is: in the study, one person per model and role (women of a model may
    share her); in a practice group, each woman's own."""
    if session.split == "study":
        return (session.model, sheet.supporter.role.lower())
    return (session.session_id, sheet.id)


def supporter_name_problems(sessions: Iterable[Session]) -> list[str]:
    """A supporter's name that names two supporters anywhere in these sessions (a peer in one
    model and a doula in another, or two practice women's different supporters)."""
    who: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for session in sessions:
        for sheet in session.women:
            who[sheet.supporter.name].add(_supporter_of(session, sheet))
    return [f"the supporter's name '{name}' names {len(ids)} different supporters: "
            + ", ".join(" ".join(i) for i in sorted(ids))
            for name, ids in sorted(who.items()) if len(ids) > 1]  # fmt: skip


def assessments_of_women(sessions: Iterable[Session]) -> list[str]:
    """One withdrawal assessment per woman's baby, across every session she speaks in."""
    said: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for session in sessions:
        for number, turn in enumerate(session.turns, 1):
            if turn.woman is not None:
                key = (session.model if session.split == "study" else session.session_id,
                       turn.woman.id)  # fmt: skip
                place = (
                    f"{where(session, turn)}: {session.session_id} turn {number}, {turn.speaker}"
                )
                said[key].append((place, turn.text))
    return [p for key in sorted(said) for p in assessment_problems(said[key])]


def declared_problems(session: Session, model_talk: ModelTalk) -> list[str]:
    """What a practice group's exchanges declare of each woman, held to her sheet and to her
    other exchanges (lives.declaration_problems)."""
    exchanges = {e.id: e for e in model_talk.exchanges}
    declared, done = [], set()
    for turn in session.turns:
        ident = turn.source.split(":")[1]
        if ident in done:
            continue
        done.add(ident)
        exchange = exchanges[ident]
        place = f"talk/{session.model}/practice.yaml line {exchange.line} (exchange {ident})"
        declared += [(f"{place} role {role}", turn.people[role], facts)
                     for role, facts in exchange.roles.items()]  # fmt: skip
    return [f"seed group {session.session_id}: {p}" for p in declaration_problems(declared)]


def name_problems(sessions: Iterable[Session]) -> list[str]:
    """Names that name more than one person: a pseudonym for two women anywhere in these
    sessions, or, in one session, a participant's name on a supporter or child, two children
    of one name, or one supporter's name for two different roles."""
    found = []
    women: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for session in sessions:
        for sheet in session.women:
            # Practice women are cast afresh per group: each is her own person.
            key = (
                session.model,
                sheet.id if session.split == "study" else session.session_id + sheet.id,
            )
            women[sheet.name].add(key)
        seen: dict[str, tuple[str, str]] = {}
        for name, kind, who in _people(session):
            if (
                name in seen
                and seen[name] != (kind, who)
                and not (
                    kind == "supporter" == seen[name][0]
                    and who.split("'s ")[1] == seen[name][1].split("'s ")[1]
                )
            ):  # two women may share one supporter
                found.append(f"{session.session_id}: '{name}' names {seen[name][1]} and {who}")
            seen.setdefault(name, (kind, who))
    for name, keys in sorted(women.items()):
        if len(keys) > 1:
            found.append(f"the pseudonym '{name}' names {len(keys)} different women: "
                         + ", ".join(sorted(f"{m} {i}" for m, i in keys)))  # fmt: skip
    return found + supporter_name_problems(sessions) + partner_and_child_name_problems(sessions)


def partner_and_child_name_problems(sessions: Iterable[Session]) -> list[str]:
    """A partner's name that is a participant's pseudonym anywhere in these sessions (Tamara's
    husband Devon and a woman Devon), and a child's name borne by two women's children: across
    practice groups (a student's three), and across the study sessions, where a reader meets
    every woman (two boys of twelve named Jaylen are one boy to her)."""
    sessions = list(sessions)
    partners = {name: f"{session.session_id} {sheet.name}'s partner"
                for session in sessions for sheet in session.women
                for name in partner_names(sheet)}  # fmt: skip
    found = [f"{session.session_id}: the participant '{sheet.name}' has the name of "
             f"{partners[sheet.name]}"
             for session in sessions for sheet in session.women if sheet.name in partners]  # fmt: skip
    mothers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for session in sessions:
        # A study woman is one person in her focus group and her interview.
        study = session.split == "study"
        scope = "the study sessions" if study else "practice groups"
        for sheet in session.women:
            mother = f"{session.model if study else session.session_id} {sheet.name}"
            for child in sheet.children:
                mothers[scope, child.name].add(f"{mother} ({child.sex}, {child.age})")
    found += [f"the child's name '{name}' names children of {len(who)} women in {scope}: "
              + ", ".join(sorted(who)) for (scope, name), who in sorted(mothers.items())
              if len(who) > 1]  # fmt: skip
    return found + third_person_problems(sessions)


def third_person_problems(sessions: Iterable[Session]) -> list[str]:
    """A study woman's pseudonym naming someone else in the talk of a study session she is not
    in (Charlene's home visitor "Stacy" and Stacy of the peer groups)."""
    study = [s for s in sessions if s.split == "study"]
    pseudonyms = {sheet.name: f"{s.model} {sheet.id}" for s in study for sheet in s.women}
    found = []
    for session in study:
        here = {sheet.name for sheet in session.women}
        for number, turn in enumerate(session.turns, 1):
            for name in sorted(set(re.findall(r"\b[A-Z][a-z]+\b", turn.text))):
                if name in pseudonyms and name not in here:
                    found.append(f"{where(session, turn)}: {session.session_id} turn {number} "
                                 f"names '{name}', the pseudonym of {pseudonyms[name]}")  # fmt: skip
    return found


def study_problems(talk: Mapping[str, ModelTalk], seed: int) -> list[str]:
    """Every problem of the corpus a seed builds (its study sessions and practice groups)."""
    sessions = assemble(seed, talk)
    found = []
    for session in sessions:
        name = f"{'fg' if session.kind == 'focus_group' else 'int'}{session.index}"
        calendar = (
            talk[session.model].calendar.get(name, Calendar())
            if session.split == "study"
            else Calendar()
        )
        found += session_problems(session, calendar)
        if session.split == "practice":
            found += declared_problems(session, talk[session.model])
    return found + name_problems(sessions) + assessments_of_women(sessions)


def practice_problems(talk: Mapping[str, ModelTalk], seeds: Iterable[int]) -> list[str]:
    """Every problem of the practice groups of these seeds: each seed's three groups are one
    student's, so names are held to the rule across the three and the study sessions."""
    study = [s for s in assemble(0, talk) if s.split == "study"]
    found = []
    for seed in seeds:
        groups = practice_sessions(seed, talk, whole_pool=True)
        for group in groups:
            found += [f"seed {seed}: {p}" for p in session_problems(group)]
            found += [f"seed {seed}: {p}" for p in declared_problems(group, talk[group.model])]
        found += [f"seed {seed}: {p}" for p in assessments_of_women(groups)]
        found += [f"seed {seed}: {p}" for p in name_problems([*study, *groups])]
    return found


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 200
    talk = load_talk()
    from generator.generate import DEFAULT_SEED

    found = study_problems(talk, DEFAULT_SEED) + practice_problems(talk, range(count))
    print("\n".join(found) or f"no problems in the study sessions and {count} practice groups")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
