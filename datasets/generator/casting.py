"""Cast a practice group: pick its exchanges and give every role a woman whose life fits.

A practice group takes one warmup, five middle exchanges in guide order and one closing from
the model's pool (``practice.yaml``); where five leave the group under ``MIN_WORDS`` (about an
hour of coding, 2,500–4,000 words), a sixth or seventh middle exchange is added. Five or six women are cast: each exchange's roles
(A…E) go to different women, a woman's roles across exchanges must agree on the facts they
state, and the rest of her fact sheet is drawn (population.py's distributions). A casting is
kept only if nothing she says contradicts her sheet (facts.contradictions), so another seed
gives other exchanges, another order, other speakers and another key, always consistent.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace

from generator.codes import TOPICS
from generator.facts import Child, FactSheet, Supporter, contradictions, supporter_problem
from generator.identifiers import BOY_NAMES, GIRL_NAMES, STAFF_NAMES
from generator.markup import Placeholder, placeholders, render
from generator.population import MOUD, PSEUDONYMS, weighted
from generator.talk import FACILITATOR, Exchange, ModelTalk

MIDDLE = 5
MIN_WORDS = 2500
ATTEMPTS = 400
MOUD_HOW = {
    "methadone": "daily dosing at the OTP; take-homes earned over time",
    "buprenorphine": "a daily film from her prescriber",
    "buprenorphine-xr": "a monthly extended-release shot",
    "naltrexone": "a monthly injection",
    "none": "tapered off; no medication now",
}
SUPPORTER_ROLE = {
    "pss": "peer support specialist",
    "doula": "doula",
    "NFP": "nurse home visitor",
    "PAT": "parent educator",
    "HFA": "family support worker (home visitor)",
    "EHS": "Early Head Start home visitor",
}
PARTNERS = ("none", "her boyfriend, the baby's father", "married; her husband works nights",
            "the baby's father is not involved", "a new partner, not the baby's father")  # fmt: skip
HOUSING = ("apartment with her mother", "her own apartment", "a recovery house for mothers",
           "a rented trailer", "staying with her sister")  # fmt: skip
WORK = ("not working right now", "part-time at a grocery store", "cleans houses",
        "home with the baby", "part-time at a diner")  # fmt: skip
WELFARE = (("none", 0.6), ("past case, closed", 0.25), ("open case", 0.15))


@dataclass(frozen=True)
class Casting:
    """The chosen exchanges in order, the women, and who plays each role in each exchange."""

    exchanges: tuple[Exchange, ...]
    women: tuple[FactSheet, ...]
    roles: tuple[Mapping[str, int], ...]  # per exchange: role -> index into women


def choose_exchanges(rng: random.Random, pool: tuple[Exchange, ...]) -> tuple[Exchange, ...]:
    """One warmup, five middle exchanges on different topics where possible, one closing."""
    warmups = [e for e in pool if e.topic == "warmup"]
    closings = [e for e in pool if e.topic == "closing"]
    middle = [e for e in pool if e.topic not in ("warmup", "closing")]
    topics = sorted({e.topic for e in middle}, key=TOPICS.index)
    chosen = []
    for topic in rng.sample(topics, min(MIDDLE, len(topics))):
        chosen.append(rng.choice([e for e in middle if e.topic == topic]))
    rest = [e for e in middle if e not in chosen]
    rng.shuffle(rest)
    ends = (rng.choice(warmups), rng.choice(closings))
    while rest and (len(chosen) < MIDDLE or sum(map(exchange_words, (*ends, *chosen))) < MIN_WORDS):
        chosen.append(rest.pop())
    chosen.sort(key=lambda e: (TOPICS.index(e.topic), pool.index(e)))
    return (ends[0], *chosen, ends[1])


def exchange_words(exchange: Exchange) -> int:
    """Words of an exchange as written (a placeholder counts as one word)."""
    return sum(len(render(line.pieces, lambda p: "X")[0].split()) for line in exchange.turns)


def _facts_agree(have: dict, new: Mapping) -> bool:
    return all(have.get(key, value) == value for key, value in new.items())


def _children_needed(exchange: Exchange, role: str) -> int:
    fields = [
        int(p.field[5:])
        for line in exchange.turns
        for p in placeholders(line.pieces)
        if p.who == role and p.field.startswith("child")
    ]
    return max(fields, default=0)


def _age(months: int) -> str:
    return f"{months} months" if months < 24 else f"{months // 12} years"


def _draw_children(rng: random.Random, model: str, count: int) -> list[Child]:
    youngest = rng.randint(0, 11) if model == "doula" else rng.randint(1, 30)
    ages = [youngest]
    for _ in range(count - 1):
        ages.append(ages[-1] + rng.randint(18, 60))
    return [Child("", rng.choice(("boy", "girl")), _age(max(a, 1))) for a in reversed(ages)]


def _sheet(
    rng: random.Random, model: str, index: int, name: str, facts: dict, kids: int, used: set[str]
) -> FactSheet:
    """Her fact sheet: the roles' facts, the rest drawn; ``used`` holds the group's names so
    far (no two children or supporters in a group share a name)."""
    pregnant = facts.get("pregnant")
    if "children" in facts:
        children = list(facts["children"])
    else:
        count = max(kids, rng.choice((0, 1)) if pregnant else rng.choice((1, 1, 2, 3)))
        children = _draw_children(rng, model, count)
    named = []
    for child in children:
        pool = [n for n in (BOY_NAMES if child.sex == "boy" else GIRL_NAMES) if n not in used]
        child_name = child.name or rng.choice(pool)
        used.add(child_name)
        named.append(replace(child, name=child_name))
    moud = facts.get("moud") or weighted(rng, MOUD)
    first_time = len(named) == (0 if pregnant else 1)
    program = None
    if model == "home_visiting":
        program = facts.get("program") or (
            "NFP" if first_time and rng.random() < 0.5 else rng.choice(("PAT", "HFA", "EHS"))
        )
    role = SUPPORTER_ROLE[program or model]
    supporter = rng.choice([n for n in STAFF_NAMES if n not in used])
    used.add(supporter)
    return FactSheet(
        id=f"r{index + 1}",
        name=name,
        age=max(19, min(44, round(rng.gauss(31, 5)))),
        children=tuple(named),
        pregnant=pregnant,
        moud=moud,
        moud_how=MOUD_HOW[moud],
        recovery_since=rng.choice(
            ("about a year", "eight months", "two years", "since her pregnancy")
        ),
        partner=str(facts.get("partner") or rng.choice(PARTNERS)),
        housing=str(facts.get("housing") or rng.choice(HOUSING)),
        work=rng.choice(WORK),
        supporter=Supporter(supporter, role),
        program=program,
        child_welfare=str(facts.get("child_welfare") or weighted(rng, WELFARE)),
    )


def person_fill(sheet: FactSheet, placeholder: Placeholder) -> str:
    """A person placeholder's value from her fact sheet."""
    if placeholder.field == "name":
        return sheet.name
    if placeholder.field == "supporter":
        return sheet.supporter.name
    return sheet.children[int(placeholder.field[5:]) - 1].name


def _consistent(casting: Casting, model: str) -> bool:
    for exchange, roles in zip(casting.exchanges, casting.roles, strict=True):
        for line in exchange.turns:
            if line.speaker == FACILITATOR:
                continue
            sheet = casting.women[roles[line.speaker]]

            def fill(p: Placeholder, roles=roles) -> str:
                return (
                    f"[{p.field}]" if p.who is None else person_fill(casting.women[roles[p.who]], p)
                )

            if contradictions(sheet, render(line.pieces, fill)[0]):
                return False
    return all(supporter_problem(model, sheet) is None for sheet in casting.women)


def cast_practice(rng: random.Random, talk: ModelTalk, taken_names: set[str]) -> Casting:
    """Choose exchanges and cast 5–6 women consistent with every role they play."""
    exchanges = choose_exchanges(rng, talk.exchanges)
    widest = max(len(e.roles) for e in exchanges)
    size = max(widest, rng.choice((5, 6)))
    names = [n for n in PSEUDONYMS if n not in taken_names]
    for _ in range(ATTEMPTS):
        facts: list[dict] = [{} for _ in range(size)]
        kids = [0] * size
        assignment: list[dict[str, int]] = []
        for exchange in exchanges:
            for _ in range(50):
                seats = rng.sample(range(size), len(exchange.roles))
                mapping = dict(zip(exchange.roles, seats, strict=True))
                if all(_facts_agree(facts[mapping[r]], f) for r, f in exchange.roles.items()):
                    break
            else:
                break
            for role, facts_of_role in exchange.roles.items():
                facts[mapping[role]].update(facts_of_role)
                kids[mapping[role]] = max(kids[mapping[role]], _children_needed(exchange, role))
            assignment.append(mapping)
        if len(assignment) < len(exchanges):
            continue
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
        women = tuple(
            _sheet(rng, talk.model, i, chosen_names[i], facts[i], kids[i], used)
            for i in range(size)
        )
        casting = Casting(exchanges, women, tuple(assignment))
        if _consistent(casting, talk.model):
            return casting
    raise ValueError(
        f"no consistent casting of a {talk.model} practice group after {ATTEMPTS} attempts: "
        "the roles' facts in practice.yaml (or what the women say) conflict too often"
    )
