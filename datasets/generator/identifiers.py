"""Planted identifiers: raw transcripts name places and people, released ones use [TAGS].

Talk is written with placeholders such as ``{PLACE}`` (see markup.py). The released transcript
shows the bracket tag (``[PLACE]``), the way a transcriptionist de-identifies. In the raw
versions of the pilot sessions (the de-identification exercise, pilot.py), each becomes an invented value
that stays the same for one speaker within the session (her town, her clinic, her hospital,
her agency, her street, a caseworker's name); dates and 555-01xx telephone numbers vary.
``key/identifiers.csv`` lists each one with its session, turn, category and replacement.
The first-name lists also name the children and supporters of practice-group women.
"""

from __future__ import annotations

import random
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
# More supporters' names, drawn only where a STAFF_NAMES draw would give a name another group
# of the same student already gave (one name, one supporter across a student's groups).
MORE_STAFF_NAMES = ("Imogen", "Rosalind", "Eudora", "Henrietta", "Cordelia", "Augusta",
                    "Lavinia", "Theodora", "Wilhelmina", "Octavia", "Clementine", "Josephine",
                    "Millicent", "Rosamund", "Gwendolyn", "Prudence")  # fmt: skip
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
HOSPITALS = (
    "Quillmont Regional Hospital",
    "Sorrelby General",
    "Ashveil Memorial Hospital",
    "Brindlecote Birthing Center",
    "Marrowby Women's Hospital",
)
AGENCIES = (
    "Fallowmere Family Services",
    "Cobbleton Department of Family Supports",
    "Keswin County Children's Bureau",
    "Pellingham Family Resource Center",
)
STREETS = ("Tallowick Street", "Orrin Lane", "Veskit Avenue", "Plumbrook Road", "Haddle Court")
SURNAMES = ("Vantreece", "Oxley-Marr", "Quennell", "Dabrowsky", "Feathermore", "Kittredge")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Identifier:
    """One planted identifier in a raw transcript."""

    session_id: str
    turn: int
    category: str
    identifier: str
    replacement: str


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@dataclass
class Identities:
    """The invented identifiers of one raw session, stable per speaker. Mutable while used."""

    rng: random.Random
    session_id: str
    per_speaker: dict[tuple[str, str], str] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=dict)
    records: list[Identifier] = field(default_factory=list)

    def _fresh(self, category: str, pool) -> str:
        taken = self.used.setdefault(category, set())
        # A town never shares its name with an institution of the session ("Sorrelby" and
        # "Sorrelby General"): each identifier is then one clear thing to find and tag.
        stems = {
            v.split()[0] for other, values in self.used.items() if other != category for v in values
        }
        options = [v for v in pool if v not in taken and v.split()[0] not in stems]
        options = options or [value for value in pool if value not in taken] or list(pool)
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
            if category == "PERSON":
                pool = [f"{first} {last}" for first in STAFF_NAMES[:8] for last in SURNAMES]
            else:
                pool = {"PLACE": PLACES, "CLINIC": CLINICS, "HOSPITAL": HOSPITALS,
                        "AGENCY": AGENCIES, "STREET": STREETS}[category]  # fmt: skip
            self.per_speaker[key] = self._fresh(category, pool)
        return self.per_speaker[key]

    def fill(self, speaker: str, turn: int, category: str) -> str:
        """An invented value for one placeholder of a turn, recorded for the key."""
        value = self.value(speaker, category)
        self.records.append(Identifier(self.session_id, turn, category, value, f"[{category}]"))
        return value
