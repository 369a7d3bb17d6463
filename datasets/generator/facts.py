"""One woman, one life: fact sheets, and the rules that catch talk contradicting them.

A fact sheet (``cast.yaml``, or drawn for a practice group) fixes her children, pregnancy,
medication for OUD (MOUD) and how she gets it, partner, housing, work and her supporter. The
checkable rules below read what she says in the first person ("my son", "my two kids", "my
four-year-old", "I'm on methadone", "my take-homes", "my parent educator") and name every
claim her sheet does not allow. They are deliberately simple: what they cannot read, a person
reviewing the talk must.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

MOUDS = ("methadone", "buprenorphine", "buprenorphine-xr", "naltrexone", "none")
PROGRAMS = ("NFP", "PAT", "HFA", "EHS")
# Words of a supporter's role that fit each model, and each home visiting program.
ROLE_WORDS = {
    "pss": ("peer",),
    "doula": ("doula",),
    "NFP": ("nurse",),
    "PAT": ("parent educator",),
    "HFA": ("family support", "home visitor"),
    "EHS": ("home visitor", "family educator", "home-based"),
}
_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}  # fmt: skip
_AGE = re.compile(
    r"^(?:about )?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
    r"( and a half)? (day|week|month|year)s?( and a half)?(?: old)?$"
)


@dataclass(frozen=True)
class Child:
    name: str
    sex: str  # boy | girl
    age: str  # as spoken: "9 months", "6 years"
    with_her: bool = True

    @property
    def months(self) -> float:
        return age_in_months(self.age)


@dataclass(frozen=True)
class Supporter:
    name: str
    role: str
    since: str = ""  # how long she has had her, as spoken ("about eight months"); "" unknown


@dataclass(frozen=True)
class FactSheet:
    """One woman as the talk must show her. ``pregnant`` is weeks of gestation or None."""

    id: str
    name: str
    age: int
    children: tuple[Child, ...]
    pregnant: int | None
    moud: str
    moud_how: str
    recovery_since: str
    partner: str
    housing: str
    work: str
    supporter: Supporter
    program: str | None
    child_welfare: str
    notes: str = ""
    moud_since: str = ""  # how long she has been on her current MOUD, as spoken; "" unknown

    @property
    def first_time(self) -> bool:
        """A first-time mother: pregnant with her first, or mother of one child."""
        return len(self.children) == (0 if self.pregnant else 1)


@functools.lru_cache(maxsize=1024)  # a child's age is read at every check of her
def age_in_months(age: str) -> float:
    """A spoken age in months.

    >>> age_in_months("9 months"), age_in_months("six years"), age_in_months("a year and a half")
    (9.0, 72.0, 18.0)
    """
    match = _AGE.match(age.strip().lower())
    if not match:
        raise ValueError(f"an age like '9 months' or '4 years', found {age!r}")
    count = float(match.group(1)) if match.group(1).isdigit() else float(_NUMBER[match.group(1)])
    count += 0.5 if match.group(2) or match.group(4) else 0
    return count * {"day": 1 / 30, "week": 12 / 52, "month": 1, "year": 12}[match.group(3)]


def supporter_problem(model: str, sheet: FactSheet) -> str | None:
    """Why her supporter's role or program does not fit the model, or None."""
    role = sheet.supporter.role.lower()
    if model == "home_visiting":
        if sheet.program not in PROGRAMS:
            return f"a home visiting program, one of {', '.join(PROGRAMS)}"
        if sheet.program == "NFP" and not sheet.first_time:
            return "NFP only for a first-time mother (pregnant with her first, or one child)"
        words = ROLE_WORDS[sheet.program]
    else:
        if sheet.program is not None:
            return "no program outside home visiting"
        words = ROLE_WORDS[model]
    if not any(word in role for word in words):
        return f"a supporter role with {' or '.join(map(repr, words))} for {sheet.program or model}"
    return None


# -- what she says about herself --------------------------------------------------------------
_I_AM_ON = r"\b(?:my|I'm on|I am on|I'm still on|I take|I get|I got my)\s+(?:daily\s+|the\s+)?"
_MEDICATION = {
    "methadone": {"methadone"},
    "suboxone": {"buprenorphine"},
    "subutex": {"buprenorphine"},
    "buprenorphine": {"buprenorphine", "buprenorphine-xr"},
    "bupe": {"buprenorphine", "buprenorphine-xr"},
    "films?": {"buprenorphine"},
    "strips?": {"buprenorphine"},
    "sublocade": {"buprenorphine-xr"},
    "brixadi": {"buprenorphine-xr"},
    "vivitrol": {"naltrexone"},
    "naltrexone": {"naltrexone"},
    "shot": {"buprenorphine-xr", "naltrexone"},
    "injection": {"buprenorphine-xr", "naltrexone"},
    "take-homes?": {"methadone"},
    "dose": {"methadone", "buprenorphine"},
    "dosing": {"methadone", "buprenorphine"},
}
_ON_MEDICATION = re.compile(_I_AM_ON + "(" + "|".join(_MEDICATION) + r")\b", re.I)
_MEDICATION_WORDS = tuple((re.compile(w, re.I), a) for w, a in _MEDICATION.items())
_DAILY_DOSING = re.compile(
    r"\b(?:my (?:daily )?dose|dosing|dosed|take-homes?|dose every day|daily dose|"
    r"dose at the (?:clinic|OTP|window))\b",
    re.I,
)
_CHILD_WORD = {"son": "boy", "boy": "boy", "daughter": "girl", "girl": "girl"}
_COUNT_WORDS = "one|two|three|four|five|2|3|4|5"
_AGE_WORDS = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PROGRAM_ROLE = re.compile(r"\bmy (nurse home visitor|parent educator|home visitor)\b", re.I)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER[word.lower()]


def contradictions(sheet: FactSheet, text: str) -> list[str]:
    """Claims in her own words that her fact sheet does not allow (empty when none).

    >>> s = FactSheet("w1", "Dana", 30, (Child("Luis", "boy", "6 years"),), None, "naltrexone",
    ...               "monthly shot", "a year", "none", "apartment", "none",
    ...               Supporter("Tasha", "peer support specialist"), None, "none")
    >>> contradictions(s, "My daughter hates my six-year-old's dog, and my dosing is at nine.")
    ["'my daughter' but she has no girl", "'my dosing' but her MOUD is naltrexone", "daily dosing words with naltrexone: 'dosing'"]
    >>> contradictions(s, "My son is six. I'm on Vivitrol, the shot.")
    []
    """
    found: list[str] = []
    children = sheet.children
    sexes = [c.sex for c in children]
    for match in re.finditer(
        r"\bmy (sons|daughters|boys|girls|son|daughter|boy|girl)\b", text, re.I
    ):
        word = match.group(1).lower()
        sex, need = _CHILD_WORD[word.removesuffix("s")], 2 if word.endswith("s") else 1
        if sexes.count(sex) < need and not sheet.pregnant:
            found.append(f"'my {word}' but she has {sexes.count(sex) or 'no'} {sex}")
    for match in re.finditer(rf"\bmy ({_COUNT_WORDS}) (kids|children|boys|girls)\b", text, re.I):
        count, what = _count(match.group(1)), match.group(2).lower()
        have = len(children) if what in ("kids", "children") else sexes.count(what[:-1])
        if have != count:
            found.append(f"'{match.group(0)}' but she has {have}")
    if re.search(r"\bboth (?:of )?my (kids|children)\b", text, re.I) and len(children) != 2:
        found.append(f"'both my kids' but she has {len(children)}")
    for match in re.finditer(r"\bmy only (child|kid|son|daughter|baby)\b", text, re.I):
        what = match.group(1).lower()
        have = sexes.count(_CHILD_WORD[what]) if what in _CHILD_WORD else len(children)
        if have != 1 or (what in ("child", "kid") and len(children) != 1):
            found.append(f"'{match.group(0)}' but she has {have}")
    for match in re.finditer(rf"\bmy {_AGE_WORDS}[- ](month|year)[- ]old\b", text, re.I):
        months = _count(match.group(1)) * (12 if match.group(2).lower() == "year" else 1)
        tolerance = 2 if match.group(2).lower() == "month" else 11.99
        if not any(
            0 <= c.months - months <= tolerance or abs(c.months - months) <= 1 for c in children
        ):
            found.append(
                f"'{match.group(0)}' but her children are {', '.join(c.age for c in children) or 'none'}"
            )
    for match in _ON_MEDICATION.finditer(text):  # one scan for every medication word
        allowed = next(a for w, a in _MEDICATION_WORDS if w.fullmatch(match.group(1)))
        if sheet.moud not in allowed:
            found.append(f"'{match.group(0)}' but her MOUD is {sheet.moud}")
    if sheet.moud in ("naltrexone", "none"):
        found += [
            f"daily dosing words with {sheet.moud}: {m.group(0)!r}"
            for m in _DAILY_DOSING.finditer(text)
        ]
    elif sheet.moud in ("buprenorphine", "buprenorphine-xr"):
        found += [f"methadone clinic dosing with {sheet.moud}: {m.group(0)!r}"
                  for m in re.finditer(r"\bmy take-homes?\b|\bdose at the (?:OTP|window)\b", text, re.I)]  # fmt: skip
    if sheet.pregnant is None:
        # Only a present claim of weeks: "I'm pregnant" and "my due date" are common in stories
        # told in the historical present ("and I'm pregnant, and I've got two kids").
        for match in re.finditer(r"\b(?:I'm|I am) (\d+) weeks\b", text, re.I):
            found.append(f"'{match.group(0)}' but she is not pregnant")
    else:
        for match in re.finditer(r"\b(?:I'm|I am) (\d+) weeks\b", text, re.I):
            if abs(int(match.group(1)) - sheet.pregnant) > 4:
                found.append(f"'{match.group(0)}' but she is {sheet.pregnant} weeks")
        if not children and re.search(
            r"\b(NICU|Finnegan|when (?:he|she) was born|after I had (?:him|her))\b", text, re.I
        ):
            found.append("talk of a born baby's withdrawal but she is pregnant with her first")
    for match in re.finditer(r"\b(?:I'm|I am) (\d\d) years old\b|\bI'm (\d\d) now\b", text):
        age = int(match.group(1) or match.group(2))
        if abs(age - sheet.age) > 1:
            found.append(f"'{match.group(0)}' but she is {sheet.age}")
    found += baby_words(sheet, text)
    for match in _PROGRAM_ROLE.finditer(text) if sheet.program else ():  # her home visitor
        said = match.group(1).lower()
        role = sheet.supporter.role.lower()
        if said == "parent educator" and "parent educator" not in role:
            found.append(f"'{match.group(0)}' but her supporter is a {sheet.supporter.role}")
        if said == "nurse home visitor" and "nurse" not in role:
            found.append(f"'{match.group(0)}' but her supporter is a {sheet.supporter.role}")
    return found


# -- the words she uses of her baby: he or she, a baby or a bigger child ---------------------
_SEXED = re.compile(
    r"\bmy (?:little|baby) (girl|boy)\b"
    r"|\b(?:the|my) baby,? (he|she)(?:'s| was| is| had| would| wouldn't| couldn't)\b"
    r"|\b(he|she)(?:'s| was| is) (?:born|in the NICU|withdrawing|teething|crawling|latching)\b|\bafter I had (him|her)\b|\bbefore I (?:even )?had (him|her)\b"
    r"|\bwhen (he|she) (?:was|wasn't) (?:doing the |still |just |first )?(?:rolling|crawling|teething|"
    r"latching|sitting up|a newborn|in the NICU|tiny)\b"
    r"|\b(he|she)(?:'s| was| is) (?:only |just |almost |like )?(?:\w+ )?(?:weeks?|months?) old\b"
    r"|\b(his|her) (?:withdrawal|NICU stay|isolette|crib|car seat|bottles?|diapers?|formula|"
    r"first birthday|pediatrician|newborn screen)\b",
    re.I,
)
_SEX_OF = {"girl": "girl", "she": "girl", "her": "girl", "boy": "boy", "he": "boy", "him": "boy",
           "his": "boy"}  # fmt: skip
_BABY_NOW = re.compile(
    r"\b(?:the|my) baby(?: is(?! (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b)| still| just| sleeps| naps| wakes| cries| won't| doesn't| can't|'s"
    r" (?:teething|crawling|napping|asleep|sleeping|up|sick|(?:\w+ )?(?:weeks|months) old))\b",
    re.I,
)
BABY_MONTHS = 24  # "the baby" now is a child under two


def baby_words(sheet: FactSheet, text: str) -> list[str]:
    """What her words for her baby say of its sex ("my little girl", "when he was born", "his
    withdrawal") and age ("the baby's teething": a child under two), against her children.
    A pregnant woman may mean the baby she carries.

    >>> s = FactSheet("w1", "Dana", 30, (Child("Luis", "boy", "6 years"),), None, "none", "",
    ...               "a year", "none", "apartment", "none", Supporter("Tasha", "peer"), None, "none")
    >>> baby_words(s, "When she was born I cried. The baby's teething.")
    ["'she was born' but her children are boy 6 years", "'The baby's teething' but her youngest is 6 years"]
    >>> baby_words(s, "My little boy, when he was born, had his withdrawal in the NICU.")
    []
    >>> baby_words(s, "Back when she wasn't doing the rolling over yet. She's like five months old.")
    ["'when she wasn't doing the rolling' but her children are boy 6 years", "'She's like five months old' but her children are boy 6 years"]
    """
    if sheet.pregnant:
        return []
    kids = ", ".join(f"{c.sex} {c.age}" for c in sheet.children) or "none"
    found = []
    for match in _SEXED.finditer(text):
        sex = _SEX_OF[next(g for g in match.groups() if g).lower()]
        if sex not in (c.sex for c in sheet.children):
            found.append(f"'{match.group(0)}' but her children are {kids}")
    youngest = min((c.months for c in sheet.children), default=None)
    for match in _BABY_NOW.finditer(text):
        if youngest is None or youngest >= BABY_MONTHS:
            found.append(f"'{match.group(0)}' but her youngest is "
                         f"{min(sheet.children, key=lambda c: c.months).age if sheet.children else 'none'}")  # fmt: skip
    return found
