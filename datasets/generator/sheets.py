"""A practice woman's fact sheet: what her roles declare, the rest drawn.

casting.py seats the women and collects what each one's roles declare; this draws the rest of
her sheet to fit it: children whose ages fit her declared supporter and recovery (and her
youngest, as declared), medication, program, supporter and how long she has had her (as her
program allows), partner and housing that fit each other (households.py), work (as declared,
never "home with the baby" without a baby) and child welfare (population.py's distributions).
casting.py still refuses any sheet a turn contradicts.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from generator.facts import BABY_MONTHS, Child, FactSheet, Supporter
from generator.households import has_job, household_problem, work_problem
from generator.identifiers import BOY_NAMES, GIRL_NAMES, MORE_STAFF_NAMES, STAFF_NAMES
from generator.lives import bounds, visits_misfit
from generator.names import MORE_BOY_NAMES, MORE_GIRL_NAMES
from generator.population import MOUD, weighted
from generator.timeline import months

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
OWN_HOMES = ("her own apartment", "a rented trailer")  # where a partner can live with her
APART = ("the baby's father is not involved", "none")
WORK = ("not working right now", "part-time at a grocery store", "cleans houses",
        "home with the baby", "part-time at a diner")  # fmt: skip
JOBS = tuple(w for w in WORK if has_job(w))
WELFARE = (("none", 0.6), ("past", 0.25), ("open", 0.15))
WELFARE_TEXT = {"none": "none", "past": "past case, closed", "open": "open case"}
RECOVERY = (8, 10, 12, 14, 18, 24, 30, 36)  # months, as drawn for a practice woman


def _age(months: int) -> str:
    return _plural(months, "month") if months < 24 else f"{months // 12} years"


def _plural(count: int, unit: str) -> str:
    """The sheet is read by students as written English: "1 month", "3 months".

    >>> _age(1), _age(5), _age(30), _spoken(1), _spoken(12)
    ('1 month', '5 months', '2 years', '1 month', 'a year')
    """
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _draw_children(
    rng: random.Random,
    model: str,
    count: int,
    pregnant: bool,
    cap: float | None = None,
    youngest_of: Mapping = MappingProxyType({}),
) -> list[Child]:
    """Children, oldest first; ``cap``: her youngest is younger than this many months (born
    since she met her supporter or began recovery, as her exchanges declare); ``youngest_of``:
    what her exchanges declare of her youngest (``youngest_sex``, ``youngest_baby``)."""
    youngest = rng.randint(0, 11) if model == "doula" else rng.randint(1, 30)
    if cap is not None:
        youngest = rng.randint(0, max(0, int(cap) - 2))
    if pregnant:  # a pregnancy now comes a while after her youngest
        youngest = rng.randint(14, 60)
    low, high = bounds(youngest_of, "youngest_months")
    if not pregnant and not low <= youngest <= high:  # declared: "five weeks out", "month two"
        youngest = rng.randint(int(low), int(min(high, low + 12)))
    baby = youngest_of.get("youngest_baby")
    if baby is True and youngest >= BABY_MONTHS:
        youngest = rng.randint(1, BABY_MONTHS - 1)
    elif baby is False and youngest < BABY_MONTHS:
        youngest = rng.randint(BABY_MONTHS, 48)
    ages = [youngest]
    for _ in range(count - 1):
        ages.append(ages[-1] + rng.randint(18, 60))
    children = [Child("", rng.choice(("boy", "girl")), _age(max(a, 1))) for a in reversed(ages)]
    if "youngest_sex" in youngest_of and children:
        children[-1] = replace(children[-1], sex=str(youngest_of["youngest_sex"]))
    return children


def _spoken(months_: float) -> str:
    """A duration as she would say it, close enough for the timeline rules."""
    whole = max(1, round(months_))
    if whole % 12 == 0 and whole >= 12:
        return "a year" if whole == 12 else f"{whole // 12} years"
    return _plural(whole, "month") if whole < 36 or whole % 6 else f"{whole // 12} and a half years"


def _supporter_since(
    rng: random.Random,
    program: str | None,
    model: str,
    children: list[Child],
    pregnant: int | None,
    recovery: float,
) -> float:
    """How long she has had her supporter, in months, as her program allows: a doula met in
    the pregnancy, NFP by 28 weeks, HFA before the baby was three months."""  # fmt: skip
    youngest = min((c.months for c in children), default=None)
    if pregnant is not None:
        weeks_in = rng.randint(
            4, max(4, min(pregnant - 4, 24 if program == "NFP" else pregnant - 4))
        )
        if program == "NFP":
            weeks_in = max(weeks_in, pregnant - 24)
        return max(1.0, round(weeks_in * 12 / 52))
    assert youngest is not None
    if model == "doula" or program == "NFP":
        return youngest + rng.randint(3, 5)
    if program in ("HFA", "EHS", "PAT"):
        return max(1.0, youngest + rng.randint(-2, 4))
    return max(2.0, min(recovery, youngest + rng.randint(-3, 6)))


def draw_sheet(
    rng: random.Random,
    model: str,
    index: int,
    name: str,
    facts: Mapping[str, object],
    kids: int,
    used: set[str],
    taken: frozenset[str] = frozenset(),
    kids_taken: frozenset[str] = frozenset(),
) -> FactSheet:
    """Her fact sheet: the roles' facts, the rest drawn; ``used`` holds the group's names so
    far (no two children or supporters in a group share a name), ``taken`` the names the
    study and the student's other groups gave (no supporter's name is one of them),
    ``kids_taken`` her student's other groups' children's names (no child here has one)."""
    pregnant = facts.get("pregnant")
    if "children" in facts:
        children = list(facts["children"])
    else:
        count = max(kids, rng.choice((0, 1)) if pregnant else rng.choice((1, 1, 2, 3)))
        declared = [
            months(str(facts[k])) for k in ("supporter_since", "recovery_since") if k in facts
        ]
        if facts.get("supporter_came") == "before_birth" or model == "doula":
            declared += [v for v in (facts.get("supporter_months_max"),) if v is not None]
        children = _draw_children(
            rng, model, count, pregnant is not None, min(declared, default=None), facts
        )
    named = []
    for child in children:
        pool = [n for n in (BOY_NAMES if child.sex == "boy" else GIRL_NAMES) if n not in used]
        if not pool:  # a large group's mothers used every name of the first list
            pool = [n for n in (MORE_BOY_NAMES if child.sex == "boy" else MORE_GIRL_NAMES)
                    if n not in used and n not in kids_taken]  # fmt: skip
        child_name = child.name or rng.choice(pool)
        if child_name in kids_taken:  # a child of her student's other groups: another name,
            more = MORE_BOY_NAMES if child.sex == "boy" else MORE_GIRL_NAMES  # same draws after
            free = [n for n in more if n not in used and n not in kids_taken]
            child_name = free[(len(used) * 7 + index) % len(free)]
        used.add(child_name)
        named.append(replace(child, name=child_name))
    moud = facts.get("moud") or weighted(rng, MOUD)
    first_time = len(named) == (0 if pregnant else 1)
    program = None
    if model == "home_visiting":
        program = facts.get("program") or (
            "NFP" if first_time and rng.random() < 0.5 else rng.choice(("PAT", "HFA", "EHS"))
        )
        program = _program_for_visits(program, facts, named, pregnant)
    role = SUPPORTER_ROLE[program or model]
    supporter = rng.choice([n for n in STAFF_NAMES if n not in used])
    if supporter in taken:  # another of the student's groups gave this name to its supporter
        supporter = rng.choice([n for n in (*STAFF_NAMES, *MORE_STAFF_NAMES)
                                if n not in used and n not in taken])  # fmt: skip
    used.add(supporter)
    youngest = min((c.months for c in named), default=0)
    drawn = rng.choice(RECOVERY)
    if pregnant is None and named and rng.random() < 0.7:  # most began treatment in pregnancy
        drawn = max(drawn, round(youngest) + rng.randint(3, 12))
    recovery_since = str(facts.get("recovery_since") or _spoken(drawn))
    recovery = months(recovery_since) or 12.0
    since = str(facts.get("supporter_since") or _spoken(
        _supporter_since(rng, program, model, named, pregnant, recovery)))  # fmt: skip
    came, held = facts.get("supporter_came"), months(since) or 0
    if "supporter_since" in facts:  # declared: a casting whose children do not fit is refused
        pass
    elif came == "before_birth" and pregnant is None and named and held <= youngest:
        since = _spoken(youngest + 3)
    elif came == "after_birth" and named and held > youngest:
        since = _spoken(max(1, youngest - 1))
    elif came == "in_labor" and pregnant is None and named:  # met at the birth
        since = _spoken(youngest)
    low, high = bounds(facts, "supporter_months")
    if "supporter_since" not in facts and not low <= (months(since) or 0) <= high:
        since = _spoken(min(max(months(since) or 0, low), high))  # "about four months"
    age = max(19, min(44, round(rng.gauss(31, 5))),
              16 + int(max((c.months for c in named), default=0) // 12))  # fmt: skip
    partner, housing = _household(rng, facts, index)
    work = _work(rng.choice(WORK), facts.get("work"), named, index)
    return FactSheet(
        id=f"r{index + 1}",
        name=name,
        age=age,
        children=tuple(named),
        pregnant=pregnant,
        moud=moud,
        moud_how=MOUD_HOW[moud],
        recovery_since=recovery_since,
        partner=partner,
        housing=housing,
        work=work,
        supporter=Supporter(supporter, role, since),
        program=program,
        child_welfare=WELFARE_TEXT[str(facts.get("child_welfare") or weighted(rng, WELFARE))],
        moud_since="" if moud == "none" else str(facts.get("moud_since") or recovery_since),
    )


def _program_for_visits(
    program: str, facts: Mapping[str, object], children: list[Child], pregnant: int | None
) -> str:
    """Her program: drawn as always (so the draws after it stay as they were), then, unless
    declared, one whose standard allows the visits her exchanges declare (lives.visits_misfit):
    Early Head Start's weekly visits (HFA's past three), PAT's monthly or every other week."""
    visits = facts.get("visits")
    youngest = min((c.months for c in children), default=None)
    if "program" in facts or visits is None:
        return program
    if not visits_misfit(program, str(visits), youngest, pregnant):
        return program
    if visits == "weekly":
        return "HFA" if youngest is not None and youngest >= 36 and not pregnant else "EHS"
    return "PAT"


def _household(rng: random.Random, facts: Mapping[str, object], index: int) -> tuple[str, str]:
    """Her partner and housing: declared, or drawn so that they fit each other (a partner who
    lives with her lives where she does: households.py); what was drawn gives way to what
    was declared."""
    partner = str(facts.get("partner") or rng.choice(PARTNERS))
    housing = str(facts.get("housing") or rng.choice(HOUSING))
    if household_problem(partner, housing) and "housing" not in facts:
        housing = OWN_HOMES[index % len(OWN_HOMES)]
    elif household_problem(partner, housing) and "partner" not in facts:
        partner = APART[index % len(APART)]
    return partner, housing


def _work(drawn: str, declared: object, children: list[Child], index: int) -> str:
    """Her work: drawn as always (so the draws after it stay as they were), then made to fit
    what her exchanges declare (``works`` or ``none``) and her children (never "home with the
    baby" without a baby)."""
    if declared == "works" and not has_job(drawn):
        drawn = JOBS[index % len(JOBS)]
    elif declared == "none" and has_job(drawn):
        drawn = "home with the baby"
    youngest = min((c.months for c in children), default=None)
    return "not working right now" if work_problem(drawn, youngest) else drawn
