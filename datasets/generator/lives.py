"""One woman across her turns and exchanges: what she says in one place holds in every other.

facts.py and timeline.py hold a single turn to her fact sheet. These rules hold her turns and
her practice exchanges to each other: her baby was watched for withdrawal one way (by eating,
sleeping and consoling, or with a scoring tool, never both), and what a practice exchange
declares about her supporter (when she came, what she does, how the woman joined), her
youngest child or her household (a partner living with her lives where she does) agrees with
her other exchanges and with her sheet. The declaration vocabulary
(``DECLARED``) is what TALK_FORMAT.md documents for a role in practice.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from generator.facts import BABY_MONTHS, FactSheet
from generator.households import HOUSEHOLD, household_problem, work_misfit
from generator.timeline import months

# -- one withdrawal assessment per baby --------------------------------------------------------
_ESC = re.compile(
    r"\bEat[,-]? ?Sleep[,-]? ?(?:and )?Console\b|\bESC\b"
    r"|\beat(?:s|ing)?\b[^.?!]{0,40}\bsleep(?:s|ing)?\b[^.?!]{0,60}"
    r"\b(?:consol\w*|comfort\w*|calm\w*|settl\w*|soothe\w*)",
    re.I,
)
_SCORING = re.compile(
    r"\bFinnegan\b|(?<!to )(?<!a way to )\bscor(?:e|es|ed|ing)\b(?! (?:high|low|on|some)\b)", re.I
)
_KINDS = (("esc", _ESC), ("scoring", _SCORING))
_NOT_HER_BABY = re.compile(r"\bthe old way\b|\bused to (?:score|do)\b|\bmy friend\b", re.I)


def assessments(text: str) -> dict[str, str]:
    """The withdrawal assessments a turn tells of, each with the words that tell it.

    >>> assessments("They scored him every three hours.")
    {'scoring': 'scored'}
    >>> assessments("They watched how she was eating, sleeping, whether I could calm her.")
    {'esc': 'eating, sleeping, whether I could calm'}
    >>> assessments("This whole baby was a way to score. I scored high on the mood one.")
    {}
    >>> assessments("If they do the Eat, Sleep, Console thing there or the scoring one.")
    {}
    """
    found: dict[str, str] = {}
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _NOT_HER_BABY.search(sentence):
            continue
        matches = {kind: pattern.search(sentence) for kind, pattern in _KINDS}
        if all(matches.values()):  # the two named together: weighing them, not telling of hers
            continue
        for kind, match in matches.items():
            if match and kind not in found:
                found[kind] = match.group(0)
    return found


def assessment_problems(said: Iterable[tuple[str, str]]) -> list[str]:
    """One woman's turns as (place, text): a problem for each turn that tells of the other
    assessment than her first one (Eat-Sleep-Console and a scoring tool are alternatives)."""
    first: tuple[str, str, str] | None = None  # kind, place, words
    found = []
    for place, text in said:
        for kind, words in assessments(text).items():
            if first is None:
                first = (kind, place, words)
            elif first[0] != kind:
                found.append(f"{place}: '{words}' ({_NAMES[kind]}) but at {first[1]} her baby "
                             f"was assessed by {_NAMES[first[0]]} ('{first[2]}')")  # fmt: skip
    return found


_NAMES = {"esc": "Eat-Sleep-Console", "scoring": "a scoring tool"}

# -- what a practice exchange declares about her -----------------------------------------------
# in_labor: a doula first met at the birth (no prenatal contact, so not before_birth; she was
# at the birth, so she has had her as long as her youngest has lived)
SUPPORTER_CAME = ("before_birth", "after_birth", "in_labor")
SUPPORTER_ACTS = ("at_birth", "home_visits", "rides", "texts", "appointments", "court",
                  "practical_help", "holds_baby", "shares_story")  # fmt: skip
JOINED = ("clinic_referral", "hospital_referral", "caseworker_referral", "court_order",
          "own_search", "friend", "program_outreach")  # fmt: skip
VISITS = ("weekly", "every_other_week", "monthly")
# When her recovery began, against her youngest's birth: before she was pregnant with her
# youngest (or with the one she carries), in treatment before the birth, or only after it.
RECOVERY_BEGAN = ("before_pregnancy", "before_birth", "after_birth")
PREGNANCY_MONTHS = 9
DECLARED = {  # key: allowed values (a tuple of choices; a list key takes several)
    "supporter_came": SUPPORTER_CAME,
    "supporter_does": SUPPORTER_ACTS,
    "supporter_not": SUPPORTER_ACTS,
    "joined": JOINED,
    "visits": VISITS,
    "recovery_began": RECOVERY_BEGAN,
    "youngest_sex": ("boy", "girl"),
    "youngest_baby": (True, False),
    "supporter_reliable": (True, False),  # she shows up when she says (or cancels, no-shows)
    "likes_supporter": (True, False),  # the woman likes her supporter (or says they don't match)
}
LISTS = ("supporter_does", "supporter_not")
# Ranges in whole months, a bound a key: "supporter_months_min: 3" (she has had her supporter
# at least three months: "about four months"), "youngest_months_max: 2" ("five weeks out").
RANGES = ("supporter_months", "youngest_months")
BOUNDS = {f"{name}_{end}": name for name in RANGES for end in ("min", "max")}
DECLARED.update({bound: tuple(range(0, 241)) for bound in BOUNDS})


def bounds(facts: Mapping[str, object], name: str) -> tuple[float, float]:
    """The range a woman's declarations allow for ``name`` (months), as (low, high)."""
    low = facts.get(f"{name}_min")
    high = facts.get(f"{name}_max")
    return (float(low) if low is not None else 0.0,  # type: ignore[arg-type]
            float(high) if high is not None else float("inf"))  # type: ignore[arg-type]  # fmt: skip


def facts_agree(have: Mapping[str, object], new: Mapping[str, object]) -> str | None:
    """Why two exchanges' declarations cannot be one woman's, or None: a fact stated twice
    differently, or something her supporter does in one that she does not do in the other."""
    for key, value in new.items():
        if key in LISTS or key in BOUNDS or key not in have or have[key] == value:
            continue
        return f"{key}: {have[key]!r} and {value!r}"
    both = merged(have, new)
    for name in RANGES:
        low, high = bounds(both, name)
        if low > high:
            return f"{name}: at least {low:g} and at most {high:g}"
    since = months(str(both["supporter_since"])) if "supporter_since" in both else None
    low, high = bounds(both, "supporter_months")
    if since is not None and not low <= since <= high:
        return f"supporter_since {both['supporter_since']!r} outside {low:g} to {high:g} months"
    for kids, said in ((have, new), (new, have)):  # one exchange's youngest, another's children
        youngest = _declared_youngest(kids)
        if youngest is None:
            continue
        baby = youngest != "none" and youngest.months < BABY_MONTHS
        if "youngest_baby" in said and baby != said["youngest_baby"]:
            return f"youngest_baby: {said['youngest_baby']!r} and children {_declared(kids)}"
        if "youngest_sex" in said and youngest != "none" and youngest.sex != said["youngest_sex"]:
            return f"youngest_sex: {said['youngest_sex']!r} and children {_declared(kids)}"
        low, high = bounds(said, "youngest_months")
        if youngest != "none" and not low - 0.5 <= youngest.months <= high + 0.5:
            return f"youngest_months: {low:g} to {high:g} and children {_declared(kids)}"
    youngest = _declared_youngest(both)  # her supporter's start against a declared youngest
    low, high = (since, since) if since is not None else bounds(both, "supporter_months")
    if youngest not in (None, "none") and not both.get("pregnant"):
        came = both.get("supporter_came")
        if came == "before_birth" and high <= youngest.months - 0.5:  # type: ignore[union-attr]
            return f"supporter_came: 'before_birth' and children {_declared(both)}"
        if came == "after_birth" and low > youngest.months + 0.5:  # type: ignore[union-attr]
            return f"supporter_came: 'after_birth' and children {_declared(both)}"
        met_in_labor = low - 0.5 <= youngest.months <= high + 0.5  # type: ignore[union-attr]
        if came == "in_labor" and not met_in_labor:
            return f"supporter_came: 'in_labor' and children {_declared(both)}"
    if "program" in both and "visits" in both:  # one exchange's program, another's visits
        young = _declared_youngest(both)
        misfit = visits_misfit(str(both["program"]), str(both["visits"]),
                               None if young in (None, "none") else young.months,  # type: ignore[union-attr]
                               both.get("pregnant"))  # type: ignore[arg-type]  # fmt: skip
        if misfit:
            return misfit
    if both.get("supporter_came") == "in_labor" and both.get("pregnant"):
        return f"supporter_came: 'in_labor' and pregnant {both['pregnant']}"
    does = set(have.get("supporter_does", ())) | set(new.get("supporter_does", ()))
    does |= {"at_birth"} if both.get("supporter_came") == "in_labor" else set()
    nots = set(have.get("supporter_not", ())) | set(new.get("supporter_not", ()))
    if does & nots:
        return f"her supporter does and does not: {', '.join(sorted(does & nots))}"
    return None


def _declared_youngest(facts: Mapping[str, object]):
    """The youngest of the children an exchange declares, "none" for none, None if unstated."""
    if "children" not in facts:
        return None
    children = facts["children"]
    return min(children, key=lambda c: c.months) if children else "none"  # type: ignore[union-attr]


def _declared(facts: Mapping[str, object]) -> str:
    children = facts["children"]
    return ", ".join(f"{c.sex} {c.age}" for c in children) or "none"  # type: ignore[union-attr]


def merged(have: Mapping[str, object], new: Mapping[str, object]) -> dict[str, object]:
    """Two agreeing declarations as one (lists joined)."""
    out = {**have, **new}
    for key in BOUNDS:
        values = [d[key] for d in (have, new) if key in d]
        if values:
            out[key] = max(values) if key.endswith("_min") else min(values)  # type: ignore[type-var]
    for key in LISTS:
        if key in have or key in new:
            out[key] = tuple(sorted({*have.get(key, ()), *new.get(key, ())}))  # type: ignore[misc]
    return out


def sheet_misfit(sheet: FactSheet, key: str, value: object) -> str | None:
    """Why her fact sheet does not fit one declared fact of these, or None."""
    youngest = min(sheet.children, key=lambda c: c.months, default=None)
    since = _months(sheet.supporter.since)
    if key == "supporter_came" and since is not None:
        if (
            value == "before_birth"
            and not sheet.pregnant
            and (youngest is None or since <= youngest.months)
        ):
            return (
                f"her supporter came before the birth, but she has had her {sheet.supporter.since}"
            )
        if value == "after_birth" and (youngest is None or since > youngest.months):
            return (
                f"her supporter came after the birth, but she has had her {sheet.supporter.since}"
            )
        if value == "in_labor" and (
            sheet.pregnant or youngest is None or abs(since - youngest.months) > 0.5
        ):
            return f"her supporter came in labor, but she has had her {sheet.supporter.since}"
    if key == "recovery_began":
        return _recovery_misfit(sheet, str(value))
    if key == "visits":
        return visits_misfit(sheet.program, str(value), youngest and youngest.months,
                             sheet.pregnant, since)  # fmt: skip
    if key == "work":
        return work_misfit(sheet.work, str(value))
    if key in HOUSEHOLD:
        problem = household_problem(sheet.partner, sheet.housing)
        if problem:
            return problem
    if key in BOUNDS:
        have = since if BOUNDS[key] == "supporter_months" else (youngest and youngest.months)
        if sheet.pregnant and BOUNDS[key] == "youngest_months":
            have = None  # a pregnancy now: the exchange's baby is the one she carries
        low, high = bounds({key: value}, BOUNDS[key])
        if have is not None and not low - 0.5 <= have <= high + 0.5:
            what = (
                "she has had her supporter"
                if BOUNDS[key] == "supporter_months"
                else "her youngest is"
            )
            return f"{what} {have:g} months, not {'at least' if key.endswith('_min') else 'at most'} {value}"
    # a pregnant woman's "he" may be the one she carries, unless she has children; a declared
    # baby now is a born one, so youngest_baby holds for every woman
    carrying = bool(sheet.pregnant) and youngest is None
    if key == "youngest_sex" and (youngest is None or youngest.sex != value) and not carrying:
        return f"her youngest is a {value}, but her children are {_kids(sheet)}"
    if key == "youngest_baby":
        baby = youngest is not None and youngest.months < BABY_MONTHS
        if baby != value:
            return f"her youngest is {'a baby' if value else 'past babyhood'}, but her children are {_kids(sheet)}"
    return None


def visits_misfit(
    program: str | None,
    visits: str,
    youngest: float | None,
    pregnant: int | None = None,
    since: float | None = None,
) -> str | None:
    """Why her program's standard forbids how often she says her visitor comes, or None.
    Early Head Start home-based visits weekly (45 CFR 1302.22(c)); HFA weekly until at least
    six months after the birth (HFA best practice standards); NFP weekly only in the first
    month after enrollment and the first six weeks after the birth, then every other week, and
    monthly only in the last months before the child turns two (NFP visit schedule); PAT at
    least 12 or 24 visits a year, monthly or every other week (PAT essential requirements).
    A pregnancy now (or no child yet) is the pregnancy the program serves.

    >>> visits_misfit("HFA", "every_other_week", 4.0)
    'HFA visits weekly until six months after the birth, but her youngest is 4 months'
    >>> visits_misfit("HFA", "every_other_week", 10.0) is None
    True
    """
    born = youngest if youngest is not None and not pregnant else None
    what = f"{program} visits"
    if program == "EHS" and visits != "weekly":
        return f"{what} (home-based) weekly, not {visits.replace('_', ' ')}"
    if program == "HFA" and visits != "weekly" and born is not None and born < 6:
        return (
            f"{what} weekly until six months after the birth, but her youngest is {born:g} months"
        )
    if program == "PAT" and visits == "weekly":
        return f"{what} monthly or every other week (12 or 24 a year), not weekly"
    if program == "NFP" and visits == "monthly" and (born is None or born < 20):
        return f"{what} monthly only near the child's second birthday, not " + (
            f"with her youngest {born:g} months" if born is not None else "in the pregnancy"
        )
    if program == "NFP" and visits == "weekly":
        early = born <= 1.5 if born is not None else since is not None and since <= 1
        if not early:
            return (f"{what} weekly only in the first month after enrollment and the first six "
                    f"weeks after the birth, then every other week")  # fmt: skip
    return None


def _recovery_misfit(sheet: FactSheet, began: str) -> str | None:
    """Why her recovery's length does not fit when an exchange says it began, or None: after
    her youngest's birth (her recovery, and her medication, no longer than her youngest's
    age), before the birth (longer), or before the pregnancy (longer by the pregnancy; the one
    she carries now, if she is pregnant)."""
    recovery = _months(sheet.recovery_since)
    youngest = min(sheet.children, key=lambda c: c.months, default=None)
    if recovery is None:
        return None
    if youngest is None and not sheet.pregnant:
        return f"her recovery began {began.replace('_', ' the ')}, but she has never been pregnant"
    had = f"she has been in recovery {sheet.recovery_since}"
    if began == "after_birth":
        if youngest is None:
            return f"her recovery began after a birth, but she has no child ({had})"
        treated = _months(sheet.moud_since) if sheet.moud != "none" and sheet.moud_since else None
        if max(recovery, treated or 0) > youngest.months + 0.5:
            on = (
                f" and on {sheet.moud} {sheet.moud_since}" if treated and treated > recovery else ""
            )
            return f"her recovery began after the birth, but {had}{on} and her youngest is {youngest.age}"
        return None
    if sheet.pregnant:  # the pregnancy she means is this one
        carried = sheet.pregnant * 12 / 52
        if began == "before_pregnancy" and recovery < carried - 0.5:
            return f"her recovery began before this pregnancy, but {had}, {sheet.pregnant} weeks pregnant"
        return None
    assert youngest is not None
    before = youngest.months + (PREGNANCY_MONTHS if began == "before_pregnancy" else 0)
    if recovery < before - 0.5:
        return f"her recovery began {began.replace('_', ' the ')}, but {had} and her youngest is {youngest.age}"
    return None


def _months(spoken: str) -> float | None:
    return months(spoken) if spoken else None


def _kids(sheet: FactSheet) -> str:
    return ", ".join(f"{c.sex} {c.age}" for c in sheet.children) or "none"


def declaration_problems(
    declared: Iterable[tuple[str, FactSheet, Mapping[str, object]]],
) -> list[str]:
    """(place, woman, what the exchange declares of her) in order: a problem for each
    declaration her sheet does not fit and each that disagrees with one of hers before."""
    seen: dict[str, tuple[str, dict[str, object]]] = {}  # woman's id -> first place, merged
    found = []
    for place, sheet, facts in declared:
        mine = {k: v for k, v in facts.items()
                if k in DECLARED or k in HOUSEHOLD or k == "supporter_since"}  # fmt: skip
        for key, value in mine.items():
            misfit = sheet_misfit(sheet, key, value)
            if misfit:
                found.append(f"{place}: {sheet.name}: {misfit}")
        if sheet.id in seen:
            first, have = seen[sheet.id]
            clash = facts_agree(have, mine)
            if clash:
                found.append(f"{place}: {sheet.name}'s exchanges disagree with {first}: {clash}")
                continue
            seen[sheet.id] = (first, merged(have, mine))
        else:
            seen[sheet.id] = (place, dict(mine))
    return found
