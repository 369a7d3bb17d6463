"""Names beyond the sheets' own fields: partners named in a study sheet's ``partner`` text, and
the children's names a student's three practice groups draw from.

A student's three groups hold some thirty children; the shared groups' lists (identifiers.py)
hold 27 names, so a student's groups draw from these as well, and no two children of her three
groups share a name. A partner's name ("married to Devon") is a person too: no participant
anywhere bears it.
"""

from __future__ import annotations

import re

from generator.facts import FactSheet
from generator.identifiers import BOY_NAMES, GIRL_NAMES

MORE_BOY_NAMES = ("Arlo", "Finn", "Rowan", "Jasper", "Declan", "Micah", "Axel", "Ronan", "Beau",
                  "Hayes", "Tobias", "Knox", "Rhett", "Cyrus", "Dax", "Zeke", "Brody", "Colt",
                  "Nash", "Jude", "Ollie", "Rocco", "Tate", "Levi", "Wes", "Gus", "Abel", "Reid",
                  "Hollis", "Cash")  # fmt: skip
MORE_GIRL_NAMES = ("Maeve", "Esme", "Delilah", "Iris", "Clover", "Opal", "Sage", "Thea", "Olive",
                   "Daisy", "Mabel", "Pearl", "Stella", "Winona", "Goldie", "Lainey", "Margo",
                   "Edie", "Ramona", "Sunny", "Birdie", "Noelle", "Raya", "Elsie", "Frankie",
                   "Dottie", "Lucy", "Penny", "Greta", "Rosie")  # fmt: skip
STUDENT_BOY_NAMES = (*BOY_NAMES, *MORE_BOY_NAMES)
STUDENT_GIRL_NAMES = (*GIRL_NAMES, *MORE_GIRL_NAMES)

_NAME = re.compile(r"\b([A-Z][a-z]+)\b(?!'s)")
_NOT_NAMES = {"None", "Married", "Husband", "Wife", "Boyfriend", "Girlfriend", "Partner"}


def partner_names(sheet: FactSheet) -> tuple[str, ...]:
    """The names her ``partner`` text gives a partner ("married to Devon, who ..." -> Devon);
    a name followed by 's is a child's ("Mateo's father"), and her children's are left out."""
    children = {c.name for c in sheet.children}
    return tuple(
        n for n in _NAME.findall(sheet.partner) if n not in _NOT_NAMES and n not in children
    )
