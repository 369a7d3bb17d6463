"""Planted identifiers: raw transcripts name people and places, released ones use [TAGS].

Talk is written with tags such as ``{CHILD}``. The released transcript shows the bracket tag
(``[CHILD]``), the way a transcriptionist de-identifies. For the few sessions with a raw version
(the de-identification exercise), each tag becomes a fictional identifier that stays the same
for one speaker within the session: her child's name, her partner's, her supporter's, her town,
her clinic; dates and 555-01xx telephone numbers vary. Every value is invented: first names
that are not among the pseudonyms, and place and clinic names chosen to be clearly made up.
``key/identifiers.csv`` lists each one with its session, turn, category and replacement.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

BOY_NAMES = [
    "Milo",
    "Kai",
    "Theo",
    "Silas",
    "Jonah",
    "Remy",
    "Lennox",
    "Callum",
    "Emmett",
    "Soren",
    "Ezra",
    "Otis",
    "Bodhi",
    "Fitz",
]
GIRL_NAMES = [
    "Juniper",
    "Wren",
    "Eliza",
    "Nova",
    "Ivy",
    "Ada",
    "Poppy",
    "Hazel",
    "Briar",
    "Marigold",
    "Lark",
    "Tilly",
    "Junie",
]
CHILD_NAMES = (*BOY_NAMES, *GIRL_NAMES)
PARTNER_NAMES = [
    "Dorian",
    "Marcus",
    "Trent",
    "Colby",
    "Duane",
    "Reggie",
    "Shane",
    "Travis",
    "Lonnie",
    "Wade",
    "Dwight",
    "Curtis",
    "Jarrod",
    "Brock",
    "Vince",
    "Emory",
    "Garrett",
    "Cody",
]
STAFF_NAMES = [
    "Odessa",
    "Tamsin",
    "Lorna",
    "Beverly",
    "Maxine",
    "Rhoda",
    "Glenna",
    "Perpetua",
    "Winnie",
    "Delphine",
    "Marguerite",
    "Loretta",
    "Idalia",
    "Berniece",
    "Ottilie",
    "Verna",
]
PLACES = (
    "Wrenmoor",
    "Dapplebrook",
    "Thornquist Valley",
    "Sorrelby",
    "Keswin Ridge",
    "Fallowmere",
    "Cobbleton",
    "Quillhaven",
    "Marrowby",
    "Pellingham Hollow",
    "Brindlecote",
    "Ashveil",
)
CLINICS = (
    "Wrenfallow Family Recovery Clinic",
    "Quenmere Women's Health Center",
    "Thistlewood Treatment Center",
    "Brindlemoor Medical Center",
    "Fernhollow Family Clinic",
    "Kettlewick Community Health",
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TAG = re.compile(r"\{([A-Z]+)\}")
CATEGORIES = ("CHILD", "PARTNER", "STAFF", "CLINIC", "PLACE", "DATE", "PHONE", "NAME")


@dataclass(frozen=True)
class Identifier:
    """One planted identifier in a raw transcript."""

    session_id: str
    turn: int
    category: str
    identifier: str
    replacement: str


def released(text: str) -> str:
    """The de-identified form of a text: ``{CHILD}`` → ``[CHILD]``.

    >>> released("My son {CHILD} and I moved to {PLACE}.")
    'My son [CHILD] and I moved to [PLACE].'
    """
    return TAG.sub(lambda m: f"[{m.group(1)}]", text)


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@dataclass
class Identities:
    """The fictional identifiers of one raw session, stable per speaker. Mutable while used."""

    rng: random.Random
    session_id: str
    child_sex: dict[str, str | None] = field(default_factory=dict)  # speaker -> son/daughter
    per_speaker: dict[tuple[str, str], str] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=dict)
    records: list[Identifier] = field(default_factory=list)

    def _fresh(self, category: str, pool) -> str:
        taken = self.used.setdefault(category, set())
        options = [value for value in pool if value not in taken] or list(pool)
        value = self.rng.choice(options)
        taken.add(value)
        return value

    def value(self, speaker: str, category: str) -> str:
        if category == "DATE":
            return f"{self.rng.choice(MONTHS)} {_ordinal(self.rng.randint(1, 28))}"
        if category == "PHONE":
            return f"555-01{self.rng.randint(0, 99):02d}"
        key = (speaker, category)
        if key not in self.per_speaker:
            sex = self.child_sex.get(speaker)
            pool = {
                "CHILD": BOY_NAMES
                if sex == "son"
                else GIRL_NAMES
                if sex == "daughter"
                else CHILD_NAMES,
                "PARTNER": PARTNER_NAMES,
                "STAFF": STAFF_NAMES,
                "NAME": STAFF_NAMES,
                "PLACE": PLACES,
                "CLINIC": CLINICS,
            }[category]
            self.per_speaker[key] = self._fresh(category, pool)
        return self.per_speaker[key]

    def render(self, text: str, speaker: str, turn: int) -> str:
        """The raw text of a turn, recording every identifier planted in it."""

        def fill(match: re.Match) -> str:
            category = match.group(1)
            value = self.value(speaker, category)
            self.records.append(Identifier(self.session_id, turn, category, value, f"[{category}]"))
            return value

        return TAG.sub(fill, text)
