"""One life in time: timelines, children's names, child welfare and the day of the session.

facts.py reads what a woman says about who she is now (children's sex and number, medication,
pregnancy). These rules read what she says about *when*: how long she has been in recovery,
on her medication or with her supporter; what was "prenatal" (it happened while she was
pregnant, and, if her supporter or medication was there, while she was in treatment or with
that supporter); how old her children are, by name, and how far apart; whether she has had a
case with child welfare; and what season and weekday it is where the group meets. Like
facts.py they are deliberately simple first-person patterns: what they cannot read, a reviewer
must.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.facts import FactSheet
from generator.facts import contradictions as present_contradictions
from generator.households import household_problem, work_problem

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
            "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-one": 21, "twenty-two": 22,
            "twenty-three": 23, "twenty-four": 24, "thirty": 30, "a couple": 2, "a couple of": 2}  # fmt: skip
_NUM = (
    r"(\d+|a couple(?: of)?|twenty-\w+|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
)
_UNIT = {"day": 1 / 30, "week": 12 / 52, "month": 1, "year": 12}
DURATION = re.compile(rf"\b{_NUM}( and a half)? (day|week|month|year)s?( and a half)?\b", re.I)
_HEDGE = r"(?:about |almost |over |like |nearly |maybe |just over |a little over |going on )?"
SEASONS = ("spring", "summer", "fall", "winter")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@functools.lru_cache(maxsize=4096)  # casting asks the same few durations again and again
def months(text: str) -> float | None:
    """The first spoken duration in ``text``, in months, or None.

    >>> months("about eighteen months"), months("a little over two years"), months("since her pregnancy")
    (18.0, 24.0, None)
    >>> months("two and a half years; started methadone at fourteen weeks")
    30.0
    """
    match = DURATION.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    count = float(word) if word.isdigit() else float(_NUMBERS.get(word, 0))
    count += 0.5 if match.group(2) or match.group(4) else 0
    return count * _UNIT[match.group(3).lower()]


def _close(said: float, have: float) -> bool:
    """A spoken duration fits a sheet's: people round, so within a quarter (at least 3 months)."""
    return abs(said - have) <= max(3.0, 0.25 * max(said, have))


def welfare(sheet: FactSheet) -> str:
    """Her child-welfare history as one of none | past | open.

    >>> from generator.facts import Supporter
    >>> s = FactSheet("w", "N", 30, (), 20, "none", "", "", "", "", "", Supporter("S", "doula"), None, "")
    >>> [welfare(s.__class__(**{**s.__dict__, "child_welfare": t})) for t in
    ...  ("none", "none; hospital notification at birth, no case opened", "past case, closed",
    ...   "open case since the birth", "lost custody of Dylan years ago")]
    ['none', 'none', 'past', 'open', 'past']
    """
    text = sheet.child_welfare.lower()
    if re.search(r"\bopen(?!ed)\b|\bcase open\b", text):
        return "open"
    if re.search(r"\b(closed|past|lost custody|foster|guardianship|kinship|removed)\b", text):
        return "past"
    return "none"


# -- what she says -----------------------------------------------------------------------------
_RECOVERY = re.compile(
    rf"\bI(?:'ve| have) been (?:clean|sober|in recovery)(?: for)? {_HEDGE}(?P<d>{DURATION.pattern[2:-2]})"
    rf"|\bI(?:'ve| have)(?: got)? {_HEDGE}(?P<e>{DURATION.pattern[2:-2]}) (?:clean|sober|in recovery)\b"
    rf"|\bI'm {_HEDGE}(?P<f>{DURATION.pattern[2:-2]}) clean\b",
    re.I,
)
_ON = r"(?:methadone|Subs|Suboxone|Subutex|buprenorphine|bupe|the strips|strips|the film|Sublocade|the shot|Vivitrol|naltrexone|my medication|medication)"
_ON_FOR = re.compile(
    rf"\bI(?:'ve| have) been on {_ON}(?: for)? {_HEDGE}(?P<d>{DURATION.pattern[2:-2]})"
    rf"|\bI'm on {_ON} {_HEDGE}(?P<e>{DURATION.pattern[2:-2]}) now\b",
    re.I,
)
_PRENATAL = re.compile(
    r"\b(?:prenatal|when I was pregnant|while I was pregnant|during my pregnancy)\b", re.I
)
_ROLE_WORD = (
    r"\bmy (?:peer|doula|home visitor|visitor|nurse|parent educator|family support worker)\b"
)
_MED_WORD = (
    r"\b(?:dose|dosing|dosed|methadone|Subs|Suboxone|strips?|films?|buprenorphine|Sublocade|"
    r"Vivitrol|prescriber|the clinic|my medication|OTP|take-homes?)\b"
)
_NOT_A_NAME = {"I", "And", "But", "So", "Or", "Mom", "Mama", "The", "Then", "Now", "Like"}
_MY_CHILD_NAMED = re.compile(
    r"\b[Mm]y (son|daughter|boy|girl|baby|oldest|youngest|little one|middle one) ([A-Z][a-z]+)\b"
)
_YEARS_APART = re.compile(rf"\b{_NUM} years apart\b", re.I)
_NO_CASE_EVER = re.compile(
    r"\bI(?:'ve| have)? never (?:had|been involved with|dealt with) (?:a caseworker|a case|CPS|DCF|DCS|"
    r"child welfare|a CPS case|a DCF case)\b|\bI(?:'ve| have) never had CPS\b",
    re.I,
)
_NO_CASEWORKER = re.compile(r"\bI (?:don't|do not) have (?:a|an open) (?:caseworker|case)\b", re.I)
_MY_CASE = re.compile(
    r"\bmy (?:caseworker|case worker|CPS worker|DCF worker|DCS worker|CPS case|DCF case|DCS case|open case)\b",
    re.I,
)
_CASE_NOW = re.compile(
    r"\bmy (?:caseworker|case worker|CPS worker|DCF worker|DCS worker) (?:comes|visits|is coming|still)\b",
    re.I,
)


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


@functools.lru_cache(maxsize=1024)  # compiled once a name, not once a turn
def _age_claim(name: str) -> re.Pattern[str]:
    return re.compile(  # "Kaden's three", "Lily is seven months" (not "till June's two")
        rf"(?<!till )(?<!until )(?<!when )(?<!by )\b{re.escape(name)}(?:'s| is| just turned) "
        rf"{_NUM}(?: (day|week|month|year)s?)?(?: old)?\b(?!-)"
    )


def _child_age_claims(sheet: FactSheet, text: str) -> list[str]:
    found = []
    for child in sheet.children:
        for match in _age_claim(child.name).finditer(text):
            word = match.group(1).lower()
            if word in ("a", "an") or (word not in _NUMBERS and not word.isdigit()):
                continue
            count = int(word) if word.isdigit() else _NUMBERS[word]
            unit = (match.group(2) or "year").lower()
            said = count * _UNIT[unit]
            ok = (
                said - 1 <= child.months <= said + 12
                if unit == "year"
                else abs(said - child.months) <= max(2, said / 4)
            )
            if not ok:
                found.append(f"'{match.group(0)}' but {child.name} is {child.age}")
    return found


def contradictions(sheet: FactSheet, text: str) -> list[str]:
    """What her words say about time, her children by name, or child welfare, that her sheet
    does not allow (empty when none).

    >>> from generator.facts import Child, Supporter
    >>> s = FactSheet("w1", "Dana", 30, (Child("Luis", "boy", "6 years"), Child("Ava", "girl", "9 months")),
    ...               None, "methadone", "daily at the OTP", "about two years", "none", "apartment",
    ...               "none", Supporter("Tasha", "peer support specialist"), None, "none")
    >>> contradictions(s, "I've been clean five months. My daughter Luis is sweet. Ava's four.")
    ["'I've been clean five months' but her recovery is about two years", "'My daughter Luis' but Luis is a boy", "'Ava's four' but Ava is 9 months"]
    >>> contradictions(s, "I've been clean about two years. My son Luis is six, and my caseworker comes Fridays.")
    ["'my caseworker' but she has had no child-welfare case"]
    """
    found: list[str] = []
    recovery = months(sheet.recovery_since)
    for match in _RECOVERY.finditer(text):
        said = months(match.group("d") or match.group("e") or match.group("f"))
        if recovery is not None and said is not None and not _close(said, recovery):
            found.append(f"'{match.group(0)}' but her recovery is {sheet.recovery_since}")
    treatment = months(sheet.moud_since) if sheet.moud_since else None
    for match in _ON_FOR.finditer(text):
        said = months(match.group("d") or match.group("e"))
        if treatment is not None and said is not None and not _close(said, treatment):
            found.append(f"'{match.group(0)}' but she started her MOUD {sheet.moud_since} ago")
    found += _prenatal(sheet, text)
    found += _children_named(sheet, text)
    found += _child_age_claims(sheet, text)
    found += _welfare(sheet, text)
    return found


def _prenatal(sheet: FactSheet, text: str) -> list[str]:
    """'Prenatal' happened in a pregnancy; with her supporter or medication in it, a pregnancy
    while she had that supporter or was in treatment."""
    found = []
    youngest = min((c.months for c in sheet.children), default=None)
    for sentence in _sentences(text):
        said = _PRENATAL.search(sentence)
        if not said:
            continue
        if sheet.pregnant is None and youngest is None:
            found.append(f"'{said.group(0)}' but she has never been pregnant")
            continue
        if sheet.pregnant is not None:
            continue
        supporter = re.search(
            rf"\b{re.escape(sheet.supporter.name)}\b|{_ROLE_WORD}", sentence, re.I
        )
        since = months(sheet.supporter.since) if sheet.supporter.since else None
        if supporter and since is not None and since < youngest + 1:
            found.append(f"'{said.group(0)}' with her supporter, whom she has had only "
                         f"{sheet.supporter.since} (her youngest is {_youngest_age(sheet)})")  # fmt: skip
        treated = months(sheet.moud_since) if sheet.moud_since else months(sheet.recovery_since)
        medicine = re.search(_MED_WORD, sentence, re.I)
        if medicine and treated is not None and treated < youngest + 1 and sheet.moud != "none":
            found.append(f"'{said.group(0)}' with '{medicine.group(0)}' but her treatment began "
                         f"after her youngest was born ({_youngest_age(sheet)})")  # fmt: skip
    return found


def _youngest_age(sheet: FactSheet) -> str:
    return min(sheet.children, key=lambda c: c.months).age


def _children_named(sheet: FactSheet, text: str) -> list[str]:
    found = []
    for match in _MY_CHILD_NAMED.finditer(text):
        word, name = match.groups()
        if name in _NOT_A_NAME:
            continue
        sex = {"son": "boy", "boy": "boy", "daughter": "girl", "girl": "girl"}.get(word)
        mine = [c for c in sheet.children if c.name == name]
        if not mine:
            if any(name == c.name for c in sheet.children) or not sheet.children:
                continue
            fitting = [c.name for c in sheet.children if sex is None or c.sex == sex]
            found.append(f"'{match.group(0)}' but her {word if sex is None else sex + 's'} "
                         f"{'are' if len(fitting) != 1 else 'is'} {', '.join(fitting) or 'none'}"
                         if sex is None else
                         f"'{match.group(0)}' but her {sex} is {' and '.join(fitting) or 'nobody'}")  # fmt: skip
        elif sex is not None and mine[0].sex != sex:
            found.append(f"'{match.group(0)}' but {name} is a {mine[0].sex}")
    for match in _YEARS_APART.finditer(text):
        word = match.group(1).lower()
        apart = 12 * (int(word) if word.isdigit() else _NUMBERS.get(word, 0))
        ages = [c.months for c in sheet.children]
        gaps = [abs(a - b) for i, a in enumerate(ages) for b in ages[i + 1 :]]
        if not any(abs(gap - apart) <= 12 for gap in gaps):
            found.append(
                f"'{match.group(0)}' but her children are {', '.join(c.age for c in sheet.children) or 'none'}"
            )
    return found


def _welfare(sheet: FactSheet, text: str) -> list[str]:
    history = welfare(sheet)
    found = []
    if history != "none":
        found += [
            f"'{m.group(0)}' but she has a {history} case" for m in _NO_CASE_EVER.finditer(text)
        ]
    if history == "open":
        found += [f"'{m.group(0)}' but her case is open" for m in _NO_CASEWORKER.finditer(text)]
    if history == "none":
        found += [
            f"'{m.group(0)}' but she has had no child-welfare case" for m in _MY_CASE.finditer(text)
        ]
    if history == "past":
        found += [f"'{m.group(0)}' but her case is closed" for m in _CASE_NOW.finditer(text)]
    return found


# -- the day of the session --------------------------------------------------------------------
@dataclass(frozen=True)
class Calendar:
    """When a session met: a season and a weekday (either may be unknown, "")."""

    season: str = ""
    weekday: str = ""


_SEASON_NOW = re.compile(
    r"\b(?:it's|it is|now that it's|now it's) (?:already |finally )?(spring|summer|fall|winter)\b"
    r"|\b(?:in )?this (heat)\b|\b(snow(?:ing)?) (?:out|outside) (?:today|right now)\b",
    re.I,
)
_DAY_NOW = re.compile(
    rf"\b(today is|today's|tomorrow is|tomorrow's|yesterday was) ({'|'.join(WEEKDAYS)})\b", re.I
)
_REPORTED = re.compile(r"\b(?:say|says|said|she'd|he'd|like),?\s*(?:okay,?\s*)?[^.?!]{0,40}$", re.I)


def calendar_claims(text: str) -> list[tuple[str, str, str]]:
    """(kind, value, words) for each claim about today: ("season", "summer", "it's summer").

    >>> calendar_claims("It's summer, so he's home all day. Tomorrow's Friday, thank God.")
    [('season', 'summer', "It's summer"), ('weekday', 'Thursday', "Tomorrow's Friday")]
    """
    claims = []
    for match in _SEASON_NOW.finditer(text):
        if _REPORTED.search(text[: match.start()]):
            continue
        word = (match.group(1) or match.group(2) or match.group(3)).lower()
        season = {"heat": "summer", "snow": "winter", "snowing": "winter"}.get(word, word)
        claims.append(("season", season, match.group(0)))
    for match in _DAY_NOW.finditer(text):
        if _REPORTED.search(text[: match.start()]):
            continue
        day = WEEKDAYS.index(match.group(2).capitalize())
        shift = {"tomorrow": -1, "yesterday": 1}.get(
            match.group(1).lower().split()[0][:9].rstrip("'s"), 0
        )
        claims.append(("weekday", WEEKDAYS[(day + shift) % 7], match.group(0)))
    return claims


def calendar_contradictions(calendar: Calendar, texts: list[str]) -> list[tuple[int, str]]:
    """(index of the text, problem) for each claim about today that disagrees with the session's
    calendar, or, where the calendar leaves it open, with the session's first such claim."""
    known = {"season": calendar.season, "weekday": calendar.weekday}
    found = []
    for index, text in enumerate(texts):
        for kind, value, words in calendar_claims(text):
            if not known[kind]:
                known[kind] = value
            elif known[kind] != value:
                found.append((index, f"'{words}' but the session meets on a {known[kind]}"
                              if kind == "weekday" else f"'{words}' but the session is in {known[kind]}"))  # fmt: skip
    return found


def sheet_problems(sheet: FactSheet, model: str) -> list[str]:
    """What a fact sheet says about time that cannot hold (empty when none): a mother too young
    for her oldest, a pregnancy too soon after her youngest, a doula or home visitor met at a
    time her program does not allow."""
    found = []
    ages = [c.months for c in sheet.children]
    if ages and max(ages) > (sheet.age - 14) * 12:
        found.append(
            f"she is {sheet.age} with a child of {max(sheet.children, key=lambda c: c.months).age}"
        )
    if sheet.pregnant and ages and min(ages) < sheet.pregnant * 12 / 52 + 3:
        found.append(f"{sheet.pregnant} weeks pregnant with a child of {_youngest_age(sheet)}")
    household = household_problem(sheet.partner, sheet.housing)
    found += [household] if household else []
    work = work_problem(sheet.work, min(ages) if ages else None)
    found += [work] if work else []
    recovery = months(sheet.recovery_since)
    if recovery is not None and recovery > (sheet.age - 12) * 12:
        found.append(f"in recovery {sheet.recovery_since} at {sheet.age}")
    since = months(sheet.supporter.since) if sheet.supporter.since else None
    if since is None:
        return found
    pregnant_months = sheet.pregnant * 12 / 52 if sheet.pregnant else None
    youngest = min(ages) if ages else None
    if model == "doula":  # met in pregnancy (or in labor), the one now or the last
        if pregnant_months is not None and since > pregnant_months:
            found.append(f"her doula since {sheet.supporter.since}, before this pregnancy")
        if (
            pregnant_months is None
            and youngest is not None
            and not youngest <= since <= youngest + 9  # equal: met in labor
        ):
            found.append(f"her doula since {sheet.supporter.since}, not in the pregnancy with "
                         f"her youngest ({_youngest_age(sheet)})")  # fmt: skip
    if sheet.program == "NFP":  # enrolled by 28 weeks of her first pregnancy
        enrolled_at = (
            sheet.pregnant - since * 52 / 12 if pregnant_months is not None
            else 40 - (since - (youngest or 0)) * 52 / 12
        )  # fmt: skip
        if not 4 <= enrolled_at <= 28:
            found.append(
                f"NFP since {sheet.supporter.since}: enrolled at about {enrolled_at:.0f} weeks, not by 28"
            )
    if (
        sheet.program == "HFA"
        and youngest is not None
        and pregnant_months is None
        and since < youngest - 3
    ):
        found.append(f"HFA since {sheet.supporter.since}: enrolled after her baby was three months")
    return found


def turn_problems(sheet: FactSheet, text: str) -> list[str]:
    """Every rule, facts.py's and these: what her turn says that her sheet does not allow."""
    return list(_turn_problems(sheet, text))


@functools.lru_cache(maxsize=4096)  # the checker holds a group's turns to the sheets casting did
def _turn_problems(sheet: FactSheet, text: str) -> tuple[str, ...]:
    return (*present_contradictions(sheet, text), *contradictions(sheet, text))
