"""Fictional participants: pseudonyms and attributes drawn from the domain brief's §5.3.

Distributions (assumptions, as the brief says; documented in datasets/README.md):
age ~ Normal(31, 5) truncated to 19–44; MOUD buprenorphine 50%, methadone 35%, naltrexone 3%,
none 12%; parity (live births, the index child included) 1/2/3/4+ = 30/30/20/20%; ACE score
~ Normal(5.5, 3) in 0–10; months in recovery log-normal with median 18 and 10% under 6;
Medicaid ~94%; unemployed ~75%; race/ethnicity 67% White, 17% Black, 10% Hispanic/Latina,
6% multiracial or American Indian. Perinatal status per model:

- PSS: postpartum, parenting a child under 5 (as in the seed study);
- doula: gave birth within the doula program's window (≤ 12 months postpartum, skewed young);
- home visiting: pregnant 15% (the only pregnant participants), otherwise a child under 5.

Consistency rules: a pregnant participant's parity counts earlier births only, and her
``infant_nows_treatment`` is ``not_applicable``; Nurse-Family Partnership (``nfp``) only for
first-time mothers; exactly a quarter (rounded) of each model's participants also used one of
the other two models.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from generator.codes import MODELS, Model

# Invented first names for participants (pseudonyms, unique across the corpus).
PSEUDONYMS = [
    "Aaliyah",
    "Abby",
    "Adrienne",
    "Alexis",
    "Alicia",
    "Alisha",
    "Amanda",
    "Amber",
    "Angel",
    "Angela",
    "Anita",
    "Ariel",
    "Ashlyn",
    "Autumn",
    "Bethany",
    "Bianca",
    "Bree",
    "Brianna",
    "Brittany",
    "Caitlin",
    "Callie",
    "Camille",
    "Carla",
    "Carmen",
    "Cassie",
    "Chantel",
    "Charity",
    "Chelsea",
    "Cheyenne",
    "Ciara",
    "Corinne",
    "Courtney",
    "Crystal",
    "Dakota",
    "Dana",
    "Danielle",
    "Deja",
    "Desiree",
    "Destiny",
    "Devon",
    "Dominique",
    "Ebony",
    "Elena",
    "Erica",
    "Esther",
    "Faith",
    "Felicia",
    "Gabby",
    "Gina",
    "Haley",
    "Heather",
    "Holly",
    "Imani",
    "Jade",
    "Jasmine",
    "Jenna",
    "Jessica",
    "Jolene",
    "Josie",
    "Kara",
    "Katrina",
    "Kayla",
    "Keisha",
    "Kelsey",
    "Kendra",
    "Krista",
    "Kristen",
    "Lacey",
    "Latasha",
    "Leah",
    "Lindsey",
    "Lorena",
    "Mackenzie",
    "Marisol",
    "Megan",
    "Melody",
    "Misty",
    "Monica",
    "Nadia",
    "Naomi",
    "Natalie",
    "Nia",
    "Nicole",
    "Paige",
    "Patrice",
    "Raven",
    "Renee",
    "Rosa",
    "Sabrina",
    "Samantha",
    "Savannah",
    "Selena",
    "Serena",
    "Shana",
    "Shawna",
    "Sierra",
    "Skyler",
    "Stacy",
    "Summer",
    "Tamara",
    "Tanya",
    "Tara",
    "Tasha",
    "Tiana",
    "Tiffany",
    "Toni",
    "Trina",
    "Valerie",
    "Vanessa",
    "Whitney",
    "Yolanda",
]

RACE = (("White", 0.67), ("Black", 0.17), ("Hispanic/Latina", 0.10), ("Multiracial", 0.04),
        ("American Indian", 0.02))  # fmt: skip
MOUD = (("buprenorphine", 0.50), ("methadone", 0.35), ("naltrexone", 0.03), ("none", 0.12))
PARITY = ((1, 0.30), (2, 0.30), (3, 0.20), (4, 0.12), (5, 0.06), (6, 0.02))
INSURANCE = (("Medicaid", 0.94), ("private", 0.04), ("uninsured", 0.02))
EMPLOYMENT = (("unemployed", 0.75), ("part-time", 0.15), ("full-time", 0.10))
CHILD_WELFARE = (("none", 0.62), ("past", 0.20), ("current", 0.18))
RURAL_URBAN = (("rural", 0.40), ("urban", 0.45), ("suburban", 0.15))
HV_PROGRAMS = ("pat", "hfa", "ehs")  # NFP is decided separately: first-time mothers only

COLUMNS = (
    "participant_id",
    "pseudonym",
    "model",
    "session_ids",
    "age",
    "perinatal_status",
    "gestation_weeks",
    "months_postpartum",
    "parity",
    "moud",
    "services",
    "child_welfare",
    "rural_urban",
    "race_ethnicity",
    "insurance",
    "employment",
    "ace_score",
    "months_in_recovery",
    "hv_program",
    "infant_nows_treatment",
)


@dataclass(frozen=True)
class Person:
    """One fictional participant.

    ``months_postpartum`` is the index child's age in months (None when pregnant);
    ``gestation_weeks`` is set only when pregnant. ``parity`` counts live births including the
    index child (for a pregnant participant: earlier births only). ``child_sex`` is the index
    child's sex ("son"/"daughter"; None when pregnant), used only to keep talk consistent.
    """

    participant_id: str
    pseudonym: str
    model: Model
    session_ids: tuple[str, ...]
    age: int
    pregnant: bool
    gestation_weeks: int | None
    months_postpartum: int | None
    parity: int
    moud: str
    services: tuple[str, ...]
    child_welfare: str
    rural_urban: str
    race_ethnicity: str
    insurance: str
    employment: str
    ace_score: int
    months_in_recovery: int
    hv_program: str
    infant_nows_treatment: str
    child_sex: str | None = field(default=None, compare=False)

    @property
    def first_time(self) -> bool:
        """A first-time mother (no other children)."""
        return self.parity == (0 if self.pregnant else 1)

    @property
    def older_children(self) -> int:
        """Children other than the index child (or the pregnancy)."""
        return self.parity - (0 if self.pregnant else 1)

    def row(self) -> dict[str, str]:
        """The participants.csv row."""
        return {
            "participant_id": self.participant_id,
            "pseudonym": self.pseudonym,
            "model": self.model,
            "session_ids": ";".join(self.session_ids),
            "age": str(self.age),
            "perinatal_status": "pregnant" if self.pregnant else "postpartum",
            "gestation_weeks": "" if self.gestation_weeks is None else str(self.gestation_weeks),
            "months_postpartum": ""
            if self.months_postpartum is None
            else str(self.months_postpartum),
            "parity": str(self.parity),
            "moud": self.moud,
            "services": ";".join(self.services),
            "child_welfare": self.child_welfare,
            "rural_urban": self.rural_urban,
            "race_ethnicity": self.race_ethnicity,
            "insurance": self.insurance,
            "employment": self.employment,
            "ace_score": str(self.ace_score),
            "months_in_recovery": str(self.months_in_recovery),
            "hv_program": self.hv_program,
            "infant_nows_treatment": self.infant_nows_treatment,
        }


def weighted(rng: random.Random, table: tuple[tuple[object, float], ...]):
    """One value from a (value, probability) table."""
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def _months_postpartum(rng: random.Random, model: Model) -> int:
    if model == "doula":  # within the doula program's 12-month window, most in the first months
        return rng.choice((0, 1, 1, 2, 2, 3, 3)) if rng.random() < 0.6 else rng.randint(4, 12)
    bands = ((0, 3, 0.20), (4, 12, 0.35), (13, 36, 0.30), (37, 59, 0.15))
    low, high, _ = rng.choices(bands, [b[2] for b in bands])[0]
    return rng.randint(low, high)


def _truncated_normal(rng: random.Random, mean: float, sd: float, low: int, high: int) -> int:
    while True:
        value = round(rng.gauss(mean, sd))
        if low <= value <= high:
            return value


def draw_person(
    rng: random.Random,
    participant_id: str,
    pseudonym: str,
    model: Model,
    session_ids: tuple[str, ...],
    other_service: Model | None,
) -> Person:
    """Draw one participant's attributes, obeying the consistency rules."""
    pregnant = model == "home_visiting" and rng.random() < 0.15
    parity = weighted(rng, PARITY)
    if pregnant:
        parity -= 1  # earlier births only
        gestation, months = rng.randint(14, 36), None
        # child_sex then describes her only (or oldest) child at home, if any.
        nows, child_sex = "not_applicable", rng.choice(("son", "daughter")) if parity else None
    else:
        gestation, months = None, _months_postpartum(rng, model)
        nows = "yes" if rng.random() < 0.5 else "no"
        child_sex = rng.choice(("son", "daughter"))
    services = tuple(m for m in MODELS if m in (model, other_service))
    first_time = parity == (0 if pregnant else 1)
    if "home_visiting" not in services:
        hv_program = "none"
    elif first_time and rng.random() < 0.6:
        hv_program = "nfp"
    else:
        hv_program = rng.choice(HV_PROGRAMS)
    recovery = max(1, min(120, round(math.exp(rng.gauss(math.log(18), 0.857)))))
    age = _truncated_normal(rng, 31, 5, 19, 44)
    return Person(
        participant_id=participant_id,
        pseudonym=pseudonym,
        model=model,
        session_ids=session_ids,
        age=age,
        pregnant=pregnant,
        gestation_weeks=gestation,
        months_postpartum=months,
        parity=parity,
        moud=weighted(rng, MOUD),
        services=services,
        child_welfare=weighted(rng, CHILD_WELFARE),
        rural_urban=weighted(rng, RURAL_URBAN),
        race_ethnicity=weighted(rng, RACE),
        insurance=weighted(rng, INSURANCE),
        employment=weighted(rng, EMPLOYMENT),
        ace_score=_truncated_normal(rng, 5.5, 3, 0, 10),
        months_in_recovery=min(recovery, (age - 16) * 12),
        hv_program=hv_program,
        infant_nows_treatment=nows,
        child_sex=child_sex,
    )


def other_services(rng: random.Random, model: Model, count: int) -> list[Model | None]:
    """Which participants of a model also used another model: exactly a quarter, rounded."""
    extra = round(count * 0.25)
    others = [m for m in MODELS if m != model]
    flags: list[Model | None] = [rng.choice(others) for _ in range(extra)]
    flags += [None] * (count - extra)
    rng.shuffle(flags)
    return flags
