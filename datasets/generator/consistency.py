"""Which sentences a participant can say, given her attributes.

Phrase-bank sentences are written for a model, not for a person. Before a sentence is given to
a participant it must fit her: a pregnant participant does not describe her newborn's
withdrawal, a participant on buprenorphine does not describe daily methadone dosing, a
first-time mother does not mention her older children, someone who never had a doula does not
talk about "my doula". The rules read the sentence text with conservative patterns; a sentence
that trips no pattern fits everyone.

The banks call the baby "he" unless they say otherwise, so a sentence that uses a male pronoun
and names no man (partner, doctor, older son …) is about a baby boy: only a mother whose
youngest is a son says it, and the few sentences about a baby girl go only to mothers of one.
Present-tense talk that dates the baby ("he's teething right now", "my toddler") goes only to
mothers whose child is that age.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generator.population import Person

_I = re.IGNORECASE
METHADONE = re.compile(
    r"\bmethadone\b|\btake-?homes?\b|\bguest dos|\bdosing window\b|\bdose every (day|morning)"
    r"|\bclinic every (day|morning)\b|\bdaily dos|\bdose line\b|\bevery morning for my dose",
    _I,
)
BUPRENORPHINE = re.compile(
    r"\bsuboxone\b|\bsubutex\b|\bbuprenorphine\b|\bbupe\b|\bsublocade\b|\bstrips?\b|\bfilms?\b"
    r"|\bmy script\b|\bprescription\b",
    _I,
)
NALTREXONE = re.compile(r"\bvivitrol\b|\bnaltrexone\b", _I)
ANY_MOUD = re.compile(r"\bmy (dose|medication|meds|medicine)\b|\bmy MOUD\b|\bdosing\b", _I)
PRESENT_PREGNANCY = re.compile(
    r"\bI'?m (\w+ )?pregnant\b|\bI am (\w+ )?pregnant\b|\bweeks along\b|\bmy due date\b"
    r"|\bwhen this baby comes\b|\bbefore the baby comes\b|\bI'?m due\b",
    _I,
)
BORN_CHILD = re.compile(
    r"\bborn\b|\bdelivered\b|\bdelivery\b|\blabou?r\b|\bafter (the|my) (baby|birth)\b"
    r"|\bpostpartum\b|\bNICU\b|\bbreastfe|\bformula\b|\bnewborn\b|\bC-section\b|\bgave birth\b"
    r"|\bwhen (he|she) came\b|\bcame home\b|\bhis (first|weight)\b|\bher (first|weight)\b"
    r"|\bcolic\b|\bwithdrawal\b|\bNOWS\b|\bcrawl|\bteeth|\bdiaper|\bbottle"
    r"|\bthe baby's (?!more\b|due\b|coming\b)",  # "the baby's bag", not "the baby's due"
    _I,
)
NOWS_TREATED = re.compile(
    r"\bNICU\b|\bmorphine\b|\bwean(ed|ing)? (him|her|off)\b|\bwithdrawal\b|\bNOWS\b"
    r"|\bscor(e|ed|ing) (him|her)\b|\bFinnegan\b|\bEat, Sleep, Console\b",
    _I,
)
OLDER_CHILDREN = re.compile(
    r"\bmy (older|oldest|other|big) (kids?|children|son|daughter|one|ones|boy|girl)\b"
    r"|\bmy kids\b|\bboth (of )?my\b|\bmy (two|three|four) (kids|children|boys|girls)\b"
    r"|\bmy first (one|two)\b|\bwith my (first|last) (one|baby|pregnancy)\b"
    r"|\blast pregnancy\b|\bmy other pregnanc",
    _I,
)
FIRST_TIME = re.compile(
    r"\bfirst (baby|child|pregnancy)\b|\bfirst-time\b|\bfirst time (mom|mother|being a mom)\b"
    r"|\bonly child\b|\bnever been a mom\b",
    _I,
)
SON = re.compile(r"\bmy (little |baby )?(son|boy)\b", _I)
DAUGHTER = re.compile(r"\bmy (little |baby )?(daughter|girl)\b", _I)
CHILD_WELFARE = re.compile(
    r"\btook (my|him|her|them)\b|\bremoved\b|\bcustody\b|\bcase ?worker\b|\bmy case\b"
    r"|\bcourt\b|\bjudge\b|\breunif|\bfoster\b|\bplan of safe care\b|\bsafety plan\b"
    r"|\bvisitation\b|\bsupervised visits?\b|\bmy (CPS|DCS|DCF) |\btrusted her with mine\b",
    _I,
)
MALE_PRONOUN = re.compile(r"\b(he|him|his|himself)\b|\bhe'", _I)
# A man (or an older boy) a male pronoun can point to instead of the baby.
MALE_PERSON = re.compile(
    r"\b(boyfriend|partner|husband|fianc\w*|ex|dad|father|stepdad|brother|uncle|grandpa|man|guy"
    r"|doctor|resident|anesthesiologist|dentist|judge|son|boy|oldest|older one)\b|\{PARTNER\}",
    _I,
)
BABY_GIRL = re.compile(
    r"\b(she|she's) (was born|slept|cried at)\b|\bthe day she was born\b|\bafter she was born\b"
    r"|\bher (first laugh|scores?|score go)\b|\bhold her\b|\bseeing her on\b"
    r"|\bonce she's in daycare\b|\bbaby sister\b"
    # "they'd take her" is the baby; "take her advice", "took her months" are not
    r"|\b(take|took|keep|watch|watched|check|losing|risk) her\b"
    r"(?! (advice|eyes|doing|at|on|months)\b)",
    _I,
)


def _age(pattern: str, low: int, high: int) -> tuple[re.Pattern[str], tuple[int, int]]:
    return re.compile(pattern, _I), (low, high)


# Present-tense talk that dates the baby, with the youngest and oldest plausible age in months.
BABY_AGE = (
    _age(r"\bmush with a newborn\b|\beats every two hours\b|\ba lot with a newborn\b", 0, 3),
    _age(r"\brolled over for the first time\b", 3, 7),
    _age(r"\bsix-month birthday\b|\bonly six months\b|\bwith a six-month-old\b", 5, 7),
    _age(r"\bteething\b|\bgetting (his|her) (top )?teeth\b|\bslept six hours\b", 3, 24),
    _age(r"\bthrows everything off the high chair\b", 6, 30),
)
TODDLER = re.compile(
    r"\bmy toddler\b|\bpotty[- ]train|\bbit another kid\b|\bwith a toddler\b|\bpreschool\b"
    r"|\bkid's birthday is next week\b",
    _I,
)
SERVICE_WORDS = {
    "pss": re.compile(r"\bpeers?\b|\brecovery coach|\bpeer support|\bpeer specialist", _I),
    "doula": re.compile(r"\bdoulas?\b", _I),
    "home_visiting": re.compile(r"\bhome visit|\bvisitor\b|\bnurse (comes|came) to\b", _I),
}
NFP = re.compile(r"\bnurse-family\b|\bNFP\b|\bnurse program\b", _I)


@dataclass(frozen=True)
class Needs:
    """What a sentence assumes about its speaker (None: no assumption)."""

    moud: frozenset[str] | None = None
    pregnant: bool | None = None
    nows_treated: bool = False
    older_children: bool = False
    first_time: bool = False
    child_sex: str | None = None
    child_welfare: bool = False
    services: frozenset[str] = frozenset()
    nfp: bool = False
    child: bool = False
    baby_sex: str | None = None
    baby_age: tuple[int, int] | None = None
    toddler: bool = False


@cache  # pure: a sentence's needs never change
def needs_of(text: str, own_model: str, nows_code: bool = False) -> Needs:
    """Read what a sentence assumes. ``nows_code``: it is planted as X_NOWS_GUILT."""
    moud = None
    if METHADONE.search(text):
        moud = frozenset({"methadone"})
    elif BUPRENORPHINE.search(text):
        moud = frozenset({"buprenorphine"})
    elif NALTREXONE.search(text):
        moud = frozenset({"naltrexone"})
    elif ANY_MOUD.search(text):
        moud = frozenset({"methadone", "buprenorphine", "naltrexone"})
    pregnant = None
    if PRESENT_PREGNANCY.search(text):
        pregnant = True
    elif BORN_CHILD.search(text) or nows_code:
        pregnant = False
    son, daughter = bool(SON.search(text)), bool(DAUGHTER.search(text))
    baby_sex = None
    if BABY_GIRL.search(text):
        baby_sex = "daughter"
    elif MALE_PRONOUN.search(text) and not MALE_PERSON.search(text):
        baby_sex = "son"
    baby_age = next((ages for pattern, ages in BABY_AGE if pattern.search(text)), None)
    services = frozenset(
        model
        for model, pattern in SERVICE_WORDS.items()
        if model != own_model and pattern.search(text)
    )
    return Needs(
        moud=moud,
        pregnant=pregnant,
        nows_treated=nows_code or bool(NOWS_TREATED.search(text)),
        older_children=bool(OLDER_CHILDREN.search(text)) or (son and daughter),
        first_time=bool(FIRST_TIME.search(text)),
        child_sex="son" if son and not daughter else "daughter" if daughter and not son else None,
        child_welfare=bool(CHILD_WELFARE.search(text)),
        services=services,
        nfp=bool(NFP.search(text)),
        child="{CHILD}" in text,
        baby_sex=baby_sex,
        baby_age=baby_age,
        toddler=bool(TODDLER.search(text)),
    )


def fits(person: Person, needs: Needs) -> bool:
    """Whether ``person`` can say a sentence with these needs."""
    if needs.moud is not None and person.moud not in needs.moud:
        return False
    if needs.pregnant is not None and person.pregnant != needs.pregnant:
        return False
    if needs.nows_treated and person.infant_nows_treatment != "yes":
        return False
    if needs.older_children and person.older_children < 1:
        return False
    if needs.child and person.pregnant and person.older_children < 1:
        return False
    if needs.first_time and not person.first_time:
        return False
    if needs.child_sex is not None:
        children = person.parity  # born children (a pregnancy's child is not born yet)
        if children == 0 or (children == 1 and needs.child_sex != person.child_sex):
            return False
    # The baby a sentence calls he or she, or dates, is her youngest (not yet born: no sex).
    if needs.baby_sex is not None and not person.pregnant and needs.baby_sex != person.child_sex:
        return False
    if needs.baby_age is not None:
        low, high = needs.baby_age
        if person.pregnant or not low <= person.months_postpartum <= high:
            return False
    if needs.toddler and person.older_children < 1 and (person.months_postpartum or 0) < 12:
        return False
    if needs.child_welfare and person.child_welfare == "none":
        return False
    if not needs.services <= set(person.services):
        return False
    return not (needs.nfp and person.hv_program != "nfp")
