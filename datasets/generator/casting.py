"""Cast a practice group: give every role of its exchanges a woman whose life fits.

The exchanges come from choosing.py (one warmup, middle exchanges one a topic first, one
closing). Five to ten women are cast, eight or fewer in most groups: each exchange's roles
(A…E) go to different women, and in every group, the shared ones too, a topic's exchanges to
women who spoke in no other of them (one woman, one life: else she tells how she joined, say,
twice and two ways; so a group with a topic twice is larger); a
woman's roles across exchanges must agree on the facts they state (lives.py), and the rest of
her fact sheet is drawn to fit them (sheets.py). A casting is kept only if nothing she says
contradicts her sheet, so another seed gives other exchanges, another order, other speakers and
another key, always consistent.
"""

from __future__ import annotations

import functools
import random
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.choosing import choose_exchanges
from generator.facts import FactSheet, supporter_problem
from generator.lives import assessment_problems, declaration_problems, facts_agree, merged
from generator.markup import Placeholder, placeholders, render
from generator.population import PSEUDONYMS
from generator.sheets import draw_sheet
from generator.talk import FACILITATOR, Exchange, ModelTalk
from generator.timeline import Calendar, calendar_contradictions, sheet_problems, turn_problems

ATTEMPTS = 400


@dataclass(frozen=True)
class Casting:
    """The chosen exchanges in order, the women, and who plays each role in each exchange."""

    exchanges: tuple[Exchange, ...]
    women: tuple[FactSheet, ...]
    roles: tuple[Mapping[str, int], ...]  # per exchange: role -> index into women


def _facts_agree(have: Mapping, new: Mapping) -> bool:
    """Two roles' facts can be one woman's: no fact differs (lives.facts_agree), and a
    pregnancy now comes well after her youngest child (sheet_problems holds the drawn rest)."""
    if facts_agree(have, new) is not None:
        return False
    both = merged(have, new)
    children = both.get("children") or ()
    weeks = both.get("pregnant")
    return not (weeks and children and min(c.months for c in children) < weeks * 12 / 52 + 3)


Seat = tuple[int, str]  # (exchange's place in the group, role)
Frozen = tuple[tuple[str, object], ...]  # facts as sorted (key, value) pairs


class _Parts:
    """What the roles a woman takes add up to. Her *part* is the run of roles she has taken so
    far, numbered as first met (0: none yet). Casting tries thousands of seatings but meets the
    same parts again and again (and every group of a pool the same combinations of its roles'
    facts), so each part's merged facts and each agreement are worked out once."""

    def __init__(self, exchanges: tuple[Exchange, ...]) -> None:
        self.facts: list[Mapping[str, object]] = [{}]  # part -> what its roles declare of her
        self.children: list[int] = [0]  # part -> children its lines name: she has as many
        self._frozen: list[Frozen] = [()]
        self._declared = {(k, role): facts for k, exchange in enumerate(exchanges)
                          for role, facts in exchange.roles.items()}  # fmt: skip
        self._named = {  # the children a role's lines name (child1, child2, ...)
            (k, role): max((int(p.field[5:]) for line in exchange.turns
                            for p in placeholders(line.pieces)
                            if p.who == role and p.field.startswith("child")), default=0)
            for k, exchange in enumerate(exchanges) for role in exchange.roles
        }  # fmt: skip
        self._then: dict[tuple[int, Seat], int] = {}
        self._agrees: dict[tuple[int, Seat], bool] = {}

    def agrees(self, part: int, seat: Seat) -> bool:
        """The woman who played ``part`` can take ``seat`` too (_facts_agree)."""
        if (part, seat) not in self._agrees:
            declared = tuple(sorted(self._declared[seat].items()))
            self._agrees[part, seat] = _agree(self._frozen[part], declared)
        return self._agrees[part, seat]

    def then(self, part: int, seat: Seat) -> int:
        """The part of a woman who played ``part`` and takes ``seat`` (lives.merged)."""
        if (part, seat) not in self._then:
            self._then[part, seat] = len(self.facts)
            facts = merged(self.facts[part], self._declared[seat])
            self.facts.append(facts)
            self._frozen.append(tuple(sorted(facts.items())))
            self.children.append(max(self.children[part], self._named[seat]))
        return self._then[part, seat]


@functools.lru_cache(maxsize=1 << 16)
def _agree(have: Frozen, new: Frozen) -> bool:
    """_facts_agree of two declarations by content."""
    return _facts_agree(dict(have), dict(new))


def person_fill(sheet: FactSheet, placeholder: Placeholder) -> str:
    """A person placeholder's value from her fact sheet."""
    if placeholder.field == "name":
        return sheet.name
    if placeholder.field == "supporter":
        return sheet.supporter.name
    return sheet.children[int(placeholder.field[5:]) - 1].name


Problem = tuple[Exchange, int, str]  # (exchange, YAML line, problem)
Said = tuple[Exchange, int, FactSheet, str]  # (exchange, YAML line, speaker, text)


def problems(casting: Casting, model: str) -> list[Problem]:
    """(exchange, YAML line, problem) for every turn, sheet or calendar claim that does not
    hold in this casting (empty when it is consistent)."""
    said = _said(casting)
    return [*_topics(casting), *_turns(said), *_declarations(casting),
            *_assessments(casting, said), *_sheets(casting, model), *_calendar(said)]  # fmt: skip


def consistent(casting: Casting, model: str) -> bool:
    """``not problems(casting, model)``, the quick way: the cheap checks first (most rejected
    castings fail on a drawn sheet), stopping at the first problem."""
    said = _said(casting)
    checks = (_topics(casting), _sheets(casting, model), _declarations(casting), _calendar(said),
              _assessments(casting, said), _turns(said))  # fmt: skip
    return not any(next(check, None) for check in checks)


def _said(casting: Casting) -> list[Said]:
    """Every woman's turn as she says it in this casting, in order."""
    said = []
    for exchange, roles in zip(casting.exchanges, casting.roles, strict=True):
        for line in exchange.turns:
            if line.speaker == FACILITATOR:
                continue

            def fill(p: Placeholder, roles=roles) -> str:
                return (
                    f"[{p.field}]" if p.who is None else person_fill(casting.women[roles[p.who]], p)
                )

            sheet = casting.women[roles[line.speaker]]
            said.append((exchange, line.line, sheet, render(line.pieces, fill)[0]))
    return said


def _topics(casting: Casting) -> Iterator[Problem]:
    """One woman, one life: a woman speaks in at most one exchange of a topic, or she tells
    two stories of one thing (how she joined, when her doula came) one after the other."""
    first: dict[tuple[str, int], Exchange] = {}  # (topic, woman) -> her first exchange of it
    for exchange, roles in zip(casting.exchanges, casting.roles, strict=True):
        for woman in sorted(set(roles.values())):
            earlier = first.setdefault((exchange.topic, woman), exchange)
            if earlier is not exchange:
                name, topic = casting.women[woman].name, exchange.topic
                problem = f"{name} speaks in two exchanges of topic {topic}: {earlier.id} and "
                yield exchange, exchange.line, problem + exchange.id


def _turns(said: list[Said]) -> Iterator[Problem]:
    """What a turn says that her sheet does not allow (timeline.turn_problems)."""
    for exchange, line, sheet, text in said:
        for p in turn_problems(sheet, text):
            yield exchange, line, f"{sheet.name}: {p}"


def _declarations(casting: Casting) -> Iterator[Problem]:
    """What the roles declare, against her sheet and her other roles (lives.py)."""
    declared = [(f"{exchange.id}:{exchange.line}", casting.women[roles[role]], facts)
                for exchange, roles in zip(casting.exchanges, casting.roles, strict=True)
                for role, facts in exchange.roles.items()]  # fmt: skip
    for problem in declaration_problems(declared):
        yield _placed(casting, problem)


def _assessments(casting: Casting, said: list[Said]) -> Iterator[Problem]:
    """One withdrawal assessment per baby."""
    for sheet in casting.women:
        mine = [(f"{ex.id}:{line}", text) for ex, line, who, text in said if who is sheet]
        for problem in assessment_problems(mine):
            yield _placed(casting, problem)


def _placed(casting: Casting, problem: str) -> Problem:
    """A problem that begins with its place, 'p07:118: ...', on its exchange and line."""
    ident, line = problem.split(":", 2)[:2]
    return next(e for e in casting.exchanges if e.id == ident), int(line), problem


def _sheets(casting: Casting, model: str) -> Iterator[Problem]:
    """A drawn sheet that breaks a rule of her model or her time (timeline.sheet_problems)."""
    for sheet in casting.women:
        problem = supporter_problem(model, sheet)
        for p in ([problem] if problem else []) + sheet_problems(sheet, model):
            yield casting.exchanges[0], 0, f"{sheet.name}'s sheet: {p}"


def _calendar(said: list[Said]) -> Iterator[Problem]:
    """Claims about today that disagree with each other."""
    for index, p in calendar_contradictions(Calendar(), [text for *_, text in said]):
        yield said[index][0], said[index][1], p


def cast_practice(
    rng: random.Random,
    talk: ModelTalk,
    taken_names: set[str],
    fresh: random.Random | None = None,
    kids_taken: frozenset[str] = frozenset(),
) -> Casting:
    """Choose exchanges (``fresh``: from the whole pool, see choose_exchanges) and cast 5–10
    women consistent with every role they play."""
    exchanges = choose_exchanges(rng, talk.exchanges, fresh)
    # A topic's exchanges go to different women (_topics): it needs as many as all its roles
    # (choosing keeps that to GROUP_MOST where the pool allows), and one more or two where those
    # women cannot also be who the other exchanges need (a pregnancy among postpartum roles).
    topic_roles: Counter[str] = Counter()
    for exchange in exchanges:
        topic_roles[exchange.topic] += len(exchange.roles)
    need = max(topic_roles.values())
    size, most = max(need, rng.choice((5, 6))), max(7, need + 2)
    names = [n for n in PSEUDONYMS if n not in taken_names]
    rejected: list[Casting] = []
    carrying = [any(f.get("pregnant") for f in e.roles.values()) for e in exchanges]
    parts = _Parts(exchanges)
    for attempt in range(ATTEMPTS):
        if attempt and attempt % 100 == 0 and size < most:  # roles that need more women
            size += 1
        played = [0] * size  # each woman's part so far
        order = list(range(len(exchanges)))
        if attempt >= ATTEMPTS // 2:  # late tries seat a pregnancy before the mothers' roles fill
            order.sort(key=lambda k: not carrying[k])
        seated: list[dict[str, int] | None] = [None] * len(exchanges)
        on_topic: dict[str, set[int]] = {}  # topic -> the women seated in its exchanges so far
        for k in order:
            exchange = exchanges[k]
            taken = on_topic.setdefault(exchange.topic, set())
            free = [i for i in range(size) if i not in taken] if taken else range(size)
            if len(free) < len(exchange.roles):
                break
            for _ in range(50):
                seats = rng.sample(free, len(exchange.roles))
                mapping = dict(zip(exchange.roles, seats, strict=True))
                if all(parts.agrees(played[mapping[r]], (k, r)) for r in exchange.roles):
                    break
            else:
                break
            for role in exchange.roles:
                played[mapping[role]] = parts.then(played[mapping[role]], (k, role))
            taken.update(seats)
            seated[k] = mapping
        assignment = [m for m in seated if m is not None]
        if len(assignment) < len(exchanges):
            continue
        facts = [parts.facts[p] for p in played]
        kids = [parts.children[p] for p in played]
        if any(
            facts[i].get("children") is not None and len(facts[i]["children"]) < kids[i]
            for i in range(size)
        ):
            continue
        speaking = {i for m in assignment for i in m.values()}
        if len(speaking) < size:
            continue
        chosen_names = rng.sample(names, size)
        used: set[str] = set()
        frozen = frozenset(taken_names)
        women = tuple(
            draw_sheet(rng, talk.model, i, name, facts[i], kids[i], used, frozen, kids_taken)
            for i, name in enumerate(chosen_names)
        )
        casting = Casting(exchanges, women, tuple(assignment))
        if consistent(casting, talk.model):
            return casting
        rejected.append(casting)
    seen: Counter = Counter()  # problems of rejected castings, to name the talk that caused them
    for casting in rejected:
        for exchange, line, problem in problems(casting, talk.model):
            seen[(exchange.id, line or exchange.line, problem.split(": ", 1)[-1])] += 1
    worst = ", most often " + "; ".join(
        f"talk/{talk.model}/practice.yaml line {line} (exchange {ident}): {problem}"
        for (ident, line, problem), _ in seen.most_common(2)
    ) if seen else ""  # fmt: skip
    raise ValueError(
        f"no consistent casting of a {talk.model} practice group after {ATTEMPTS} attempts: "
        f"the roles' facts in practice.yaml (or what the women say) conflict too often{worst}"
    )
