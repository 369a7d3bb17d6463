"""How often her home visitor comes, held to her program's standard and her youngest's age
(issue 25): a role's ``visits`` declaration that her program forbids is named, with its place,
whether her sheet or another of her exchanges gives the program; casting draws a program that
allows it; the pool's declarations hold in every student's group.
"""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "datasets"))
from generator import sheets, talk
from generator.assemble import practice_session
from generator.facts import Child, FactSheet, Supporter
from generator.lives import VISITS, declaration_problems, facts_agree, visits_misfit

MOTHER = FactSheet(
    "w1", "Dana", 29, (Child("Ava", "girl", "4 months"),), None, "methadone", "daily at the OTP",
    "about two years", "none", "apartment", "none",
    Supporter("Tasha", "home visitor", "four months"), "HFA", "none", moud_since="about two years",
)  # fmt: skip


def _of(program: str, age: str, pregnant: int | None = None) -> FactSheet:
    kids = () if age == "" else (Child("Ava", "girl", age),)
    return replace(MOTHER, program=program, children=kids, pregnant=pregnant)


@pytest.mark.parametrize(
    ("sheet", "visits", "misfit"),
    [
        (_of("EHS", "9 months"), "every_other_week", "EHS visits (home-based) weekly"),
        (_of("HFA", "4 months"), "monthly", "HFA visits weekly until six months after the birth"),
        (_of("NFP", "9 months"), "monthly", "NFP visits monthly only near the child's second"),
        (_of("NFP", "8 months"), "weekly", "NFP visits weekly only in the first month"),
        (_of("NFP", "", pregnant=30), "weekly", "NFP visits weekly only in the first month"),
        (_of("PAT", "10 months"), "weekly", "PAT visits monthly or every other week"),
    ],
)  # fmt: skip
def test_visits_her_program_forbids_are_named_with_their_place(sheet, visits, misfit):
    found = declaration_problems([("p27 role C", sheet, {"visits": visits})])
    assert any(f.startswith("p27 role C: Dana: ") and misfit in f for f in found), found


@pytest.mark.parametrize(
    ("sheet", "visits"),
    [
        (_of("EHS", "2 years"), "weekly"),
        (_of("HFA", "4 months"), "weekly"),
        (_of("HFA", "10 months"), "every_other_week"),
        (_of("NFP", "1 months"), "weekly"),
        (_of("NFP", "9 months"), "every_other_week"),
        (_of("NFP", "22 months"), "monthly"),
        (_of("PAT", "10 months"), "monthly"),
        (_of("PAT", "4 months"), "every_other_week"),
    ],
)  # fmt: skip
def test_visits_her_program_allows_pass(sheet, visits):
    assert declaration_problems([("p27 role C", sheet, {"visits": visits})]) == []


def test_one_exchanges_program_and_anothers_visits_must_agree():
    assert "PAT visits monthly or every other week" in str(
        facts_agree({"program": "PAT"}, {"visits": "weekly"})
    )
    assert facts_agree({"program": "PAT"}, {"visits": "monthly"}) is None
    young = {"children": (Child("Ava", "girl", "3 months"),)}
    assert "HFA visits weekly" in str(
        facts_agree({**young, "program": "HFA"}, {"visits": "monthly"})
    )


def test_casting_draws_a_program_that_allows_her_declared_visits():
    """Drawn as always (the draws after it unchanged), then made to fit, unless declared."""
    for age in ("1 months", "4 months", "10 months", "22 months", "4 years"):
        kids = [Child("Ava", "girl", age)]
        for drawn in ("NFP", "PAT", "HFA", "EHS"):
            for visits in VISITS:
                program = sheets._program_for_visits(drawn, {"visits": visits}, kids, None)
                assert visits_misfit(program, visits, kids[0].months) is None, (age, drawn, visits)
    assert sheets._program_for_visits("NFP", {"visits": "weekly"}, [], 30) == "EHS"
    assert (
        sheets._program_for_visits("PAT", {"visits": "weekly", "program": "PAT"}, [], None) == "PAT"
    )
    assert sheets._program_for_visits("PAT", {}, [], None) == "PAT"


@pytest.fixture(scope="module")
def the_talk():
    return talk.load_talk()


def test_a_planted_visits_contradiction_in_a_practice_group_is_named_with_file_and_line(the_talk):
    """Her role declares visits her drawn program forbids: the checker names the exchange."""
    from generator import checker

    session = practice_session("home_visiting", 4, the_talk)
    model = the_talk["home_visiting"]
    for turn in (t for t in session.turns if t.woman is not None):
        woman = turn.woman
        youngest = min((c.months for c in woman.children), default=None)
        wrong = next((v for v in VISITS if visits_misfit(woman.program, v, youngest,
                                                          woman.pregnant, 0.0)), None)  # fmt: skip
        if wrong:
            break
    else:
        pytest.fail("no woman in the group has a program that forbids any visits")
    ident = turn.source.split(":")[1]
    role = next(r for r, w in turn.people.items() if w is woman)
    planted = replace(model, exchanges=tuple(
        replace(e, roles={**e.roles, role: {**e.roles[role], "visits": wrong}}) if e.id == ident
        else e for e in model.exchanges))  # fmt: skip
    line = next(e.line for e in model.exchanges if e.id == ident)
    where = f"talk/home_visiting/practice.yaml line {line} (exchange {ident}) role {role}"
    found = checker.declared_problems(session, planted)
    assert any(where in f and f"{woman.program} visits" in f for f in found), found
    assert not [f for f in checker.declared_problems(session, model) if "visits" in f]
