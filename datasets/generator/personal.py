"""What participants say about themselves: family, medication, where they live, how long.

These sentences carry no code. They come from each participant's attributes, so they stay
consistent with participants.csv (a methadone patient talks about dosing at the clinic each
morning — the brief's rule that methadone users mention daily clinic logistics more often —,
a pregnant participant gives her weeks, a first-time mother has no older children).
"""

from __future__ import annotations

import random

from generator.population import Person

NUMBER = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
ORDINAL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"]


def child_age(months: int) -> str:
    """How a mother says her child's age.

    >>> child_age(0), child_age(5), child_age(18), child_age(30), child_age(49)
    ('a few weeks old', 'five months', 'a year and a half', 'two and a half', 'four')
    """
    if months == 0:
        return "a few weeks old"
    if months < 12:
        return f"{NUMBER[months]} months" if months > 1 else "a month old"
    if months < 18:
        return "just over a year" if months < 15 else "fifteen months or so"
    if months < 24:
        return "a year and a half"
    years, rest = divmod(months, 12)
    return f"{NUMBER[years]} and a half" if rest >= 6 else NUMBER[years]


def _kid(person: Person) -> tuple[str, str]:
    """("son", "he") or ("daughter", "she") for the index child."""
    return (person.child_sex, "he" if person.child_sex == "son" else "she")


def family(rng: random.Random, person: Person) -> list[str]:
    """Candidate sentences about her children and pregnancy (several phrasings)."""
    out: list[str] = []
    older = person.older_children
    if person.pregnant:
        weeks = person.gestation_weeks
        nth = ORDINAL[min(older, 6)]
        out += [
            f"I'm {weeks} weeks pregnant right now, this is my {nth} baby.",
            f"I'm about {weeks} weeks along with my {nth}.",
            f"Right now I'm {weeks} weeks, so still a ways to go.",
        ]
        if older:
            word = "one" if older == 1 else NUMBER[min(older, 12)]
            out += [
                f"I have {word} at home already and this one's on the way.",
                f"I've got {word} at home, and I'm {weeks} weeks with this one.",
            ]
        return out
    son, he = _kid(person)
    age = child_age(person.months_postpartum)
    if older == 0:
        out += [
            f"I have one, my {son} {{CHILD}}, {he}'s {age}.",
            f"My {son} is {age}, {he}'s my first.",
            f"I've got a {'boy' if son == 'son' else 'girl'}, {age} now.",
            f"Just the one, {he}'s {age}.",
        ]
    else:
        total = NUMBER[min(older + 1, 12)]
        older_ones = "an older one" if older == 1 else f"{NUMBER[min(older, 12)]} older ones"
        out += [
            f"I have {total} kids, and the baby, {{CHILD}}, is {age}.",
            f"I've got {total}, my youngest is a {son} and {he}'s {age}.",
            f"My youngest is {age}, and I have {older_ones}.",
            f"{total.capitalize()} kids, the littlest one is {age}.",
        ]
    return out


def medication(person: Person) -> list[str]:
    """Candidate sentences about her medication for OUD."""
    if person.moud == "methadone":
        lines = [
            "I'm on methadone, so I'm at the clinic every morning to dose before anything else.",
            "I go to the clinic every morning for my dose, that's basically my whole morning.",
            "Every day I'm in that dose line at the clinic before I can do anything.",
            "I dose at the clinic every morning, so I have to plan the whole day around that.",
            "With methadone I dose at the clinic daily, even on the weekends.",
            "I'm on methadone, so every day starts with the bus to the clinic to dose.",
            "My mornings are the dose line at the clinic, every single day.",
            "I'm at the methadone clinic every morning, so I plan everything after ten.",
            "I still have to dose at the clinic daily, I don't have take-homes yet.",
            "Methadone, so I'm at the clinic every morning to dose before I do anything.",
            "I just got two take-homes a week, but the rest of the days I dose at the clinic.",
            "Being on methadone means the clinic every morning for my dose, no exceptions.",
        ]
        if not person.pregnant:  # the baby comes along; a pregnant mother has none yet
            lines += [
                "I dose at the clinic every morning at seven, then I take the baby to my mom's.",
                "I get my dose at the clinic every day, I've got a stroller parking spot there by "
                "now.",
                "Every morning I dose at the clinic, rain or shine, with the baby in the car seat.",
            ]
            if person.months_postpartum <= 3:
                lines.append("I dose daily at the clinic, which is a lot with a newborn.")
        return lines
    if person.moud == "buprenorphine":
        return [
            "I'm on buprenorphine, I pick up my prescription every couple of weeks.",
            "I take the film every morning at home, so that part is easy.",
            "I'm on the shot now, once a month, so I don't think about it much.",
            "I get my prescription every two weeks from my doctor here.",
        ]
    if person.moud == "naltrexone":
        return ["I get the naltrexone shot once a month.", "I'm on Vivitrol, the monthly shot."]
    return [
        "I'm not on any medication right now, I tapered off last year.",
        "I'm not taking anything right now, just going to meetings.",
    ]


def recovery(person: Person) -> list[str]:
    """Candidate sentences about time in recovery."""
    months = person.months_in_recovery
    if months < 12:
        phrase = f"{NUMBER[months]} months" if months > 1 else "a month"
    elif months < 24:
        phrase = "a little over a year" if months < 18 else "about a year and a half"
    else:
        phrase = f"{NUMBER[min(months // 12, 12)]} years"
    return [
        f"I've been in recovery {phrase} now.",
        f"It's been {phrase} for me.",
        f"I've got {phrase} in recovery.",
    ]


def home(person: Person) -> list[str]:
    """Candidate sentences about where she lives."""
    if person.rural_urban == "rural":
        return [
            "I live way out in {PLACE}, about forty minutes from here.",
            "I'm out in the country, past {PLACE}.",
            "Out where I live there's nothing close by.",
        ]
    if person.rural_urban == "suburban":
        return ["I live over in {PLACE}, it's not too far.", "I'm in {PLACE}, just outside town."]
    return ["I live here in town, over by {PLACE}.", "I'm in the city, near {PLACE}."]


def self_intro(rng: random.Random, person: Person) -> list[list[str]]:
    """Groups of candidates for a warm-up introduction: family first, then one more fact."""
    extra = rng.choice((medication, recovery, home))
    groups = [family(rng, person)]
    if person.moud == "methadone" and rng.random() < 0.8:
        groups.append(medication(person))  # methadone logistics come up early and often
    else:
        groups.append(extra(person))
    return groups


FILLER_POOLS = (medication, recovery, home)

# Asides that name a person, place, date or number: the identifiers a transcriptionist must
# mask. ``{role}`` is the supporter's title in this model. Used mostly in the sessions that get
# a raw version (the de-identification exercise); they carry no code.
ASIDES = {
    "CHILD": (
        "{CHILD} was on my hip the whole time, of course.",
        "I had {CHILD} with me, screaming the entire visit.",
        "That was the week {CHILD} started rolling over.",
        "{CHILD} was asleep in the car seat, thank God.",
        "I remember because {CHILD} had an ear infection that week.",
    ),
    "PARTNER": (
        "{PARTNER} was working nights back then.",
        "My boyfriend {PARTNER} was there too, just sitting in the corner.",
        "{PARTNER} and I weren't talking much at that point.",
        "I had to get {PARTNER} to watch the baby so I could go.",
        "{PARTNER} still doesn't really get what she does.",
    ),
    "STAFF": (
        "Her name's {STAFF}, by the way, my {role}.",
        "That was {STAFF}, my {role}, she's been with me from the start.",
        "{STAFF} is my {role}, everybody here probably knows her.",
        "I still have {STAFF}'s card on my fridge.",
        "My {role}, {STAFF}, would laugh if she heard me say that.",
    ),
    "CLINIC": (
        "This was back when I was going to {CLINIC}.",
        "I was still at {CLINIC} then, before I switched.",
        "It was in the parking lot of {CLINIC}, actually.",
        "That's how it worked at {CLINIC}, anyway.",
        "They sent me over from {CLINIC} with a folder of papers.",
    ),
    "PLACE": (
        "We were living out in {PLACE} at the time.",
        "That was when I was staying with my aunt in {PLACE}.",
        "It's a long drive from {PLACE}, so it mattered.",
        "I grew up in {PLACE}, so everybody knows everybody.",
        "We'd just moved to {PLACE} a month before.",
    ),
    "DATE": (
        "It was {DATE}, I remember because it was right before my birthday.",
        "My appointment was on {DATE}, a Tuesday I think.",
        "That was {DATE}, I'll never forget it.",
        "It all happened around {DATE}, give or take.",
        "I wrote it down, it was {DATE}.",
    ),
    "PHONE": (
        "She gave me her cell, {PHONE}, and said to call anytime.",
        "I still have the number saved, {PHONE}.",
        "The number on the card was {PHONE}, and somebody actually picked up.",
        "I called {PHONE} like five times that week.",
    ),
}
