"""qualkit.themes: Theme, ThemeMap and the structural checks that grade students' themes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qualkit.codings import Coding, Codings
from qualkit.errors import InputError
from qualkit.themes import (
    Theme,
    ThemeMap,
    ThemeReport,
    check_themes,
    codebook_categories,
    themes_from_mapping,
)

GOOD = {
    "Trust built on shared experience": ["PSS_LIVED_EXP", "HV_WHO_IS_CLIENT"],
    "Feeling watched": ["HV_SURVEILLANCE", "PSS_BOUNDARY", "PSS_IMPROVE"],
}
USED = ["PSS_LIVED_EXP", "PSS_BOUNDARY", "PSS_IMPROVE", "HV_SURVEILLANCE", "HV_WHO_IS_CLIENT"]


def test_a_sound_map_passes(tiny_corpus):
    report = check_themes(GOOD, tiny_corpus.codebook, tiny_corpus.codings("team"))
    assert isinstance(report, ThemeReport)
    assert report.ok and report.problems == ()
    assert str(report) == "No problems in the themes."
    assert report.to_frame().empty


def test_theme_accepts_lists_and_a_lone_code():
    assert Theme("T", ["A_B", "C_D"]).codes == ("A_B", "C_D")
    assert Theme("T", "A_B").codes == ("A_B",)
    assert "A_B" in Theme("T", ["A_B"])
    with pytest.raises(AttributeError):
        Theme("T", ["A_B"]).name = "U"  # frozen


def test_each_problem_names_the_theme_and_the_code(tiny_corpus):
    themes = {
        "Trust": ["PSS_LIVED_EXP", "PSS_LIVED_EXP", "HV_WHO_IS_CLIENT"],
        "Alone": ["PSS_BOUNDARY"],
        "Typo": ["HV_SURVEILANCE", "PSS_BOUNDARY"],
        "Never used": ["PSS_IMPROVE", "HV_SURVEILLANCE"],
        "": ["PSS_IMPROVE", "HV_WHO_IS_CLIENT"],
    }
    used = ["PSS_LIVED_EXP", "PSS_BOUNDARY", "HV_SURVEILLANCE", "HV_WHO_IS_CLIENT", "X_NEW"]
    report = check_themes(themes, tiny_corpus.codebook, used)
    kinds = [(p.kind, p.theme, p.code) for p in report.problems]
    assert kinds == [
        ("repeated_code", "Trust", "PSS_LIVED_EXP"),
        ("too_few_codes", "Alone", None),
        ("unknown_code", "Typo", "HV_SURVEILANCE"),
        ("unused_code", "Never used", "PSS_IMPROVE"),
        ("empty_name", "", None),
        ("unused_code", "", "PSS_IMPROVE"),
        ("shared_code", None, "HV_WHO_IS_CLIENT"),
        ("shared_code", None, "PSS_BOUNDARY"),
        ("shared_code", None, "PSS_IMPROVE"),
        ("orphan_code", None, "X_NEW"),
    ]
    messages = {(p.kind, p.theme, p.code): p.message for p in report.problems}
    assert "'Alone' rests on 1 code (PSS_BOUNDARY)" in messages[("too_few_codes", "Alone", None)]
    assert "Did you mean 'HV_SURVEILLANCE'?" in messages[("unknown_code", "Typo", "HV_SURVEILANCE")]
    assert "'Alone', 'Typo'" in messages[("shared_code", None, "PSS_BOUNDARY")]
    assert report.of_kind("orphan_code")[0].message.startswith("Code 'X_NEW' was applied")
    assert str(report).startswith("10 problems in the themes:\n- ")
    assert report.to_frame().shape == (10, 4)


def test_messages_do_not_reveal_where_a_code_belongs(tiny_corpus):
    themes = {"Trust": ["PSS_LIVED_EXP", "HV_WHO_IS_CLIENT"], "Watched": ["HV_SURVEILLANCE"]}
    report = check_themes(themes, tiny_corpus.codebook, USED)
    for problem in report.of_kind("orphan_code"):
        # Feedback on a missing code must not name any theme (that would hint at an answer).
        assert "Trust" not in problem.message and "Watched" not in problem.message
        assert "Revisit" in problem.message
    assert {p.code for p in report.of_kind("orphan_code")} == {"PSS_BOUNDARY", "PSS_IMPROVE"}
    assert report.of_kind("too_few_codes")[0].theme == "Watched"


def test_sharing_can_be_allowed_for_named_codes():
    themes = {"A": ["X_ONE", "X_TWO"], "B": ["X_TWO", "X_THREE", "X_ONE"]}
    assert len(check_themes(themes).of_kind("shared_code")) == 2
    assert check_themes(themes, allow_shared=True).ok
    only_two = check_themes(themes, allow_shared=["X_TWO"])
    assert [p.code for p in only_two.problems] == ["X_ONE"]


def test_min_codes_and_repeated_names():
    themes = [Theme("A", ("X_ONE", "X_TWO")), Theme("A", ("X_THREE", "X_FOUR"))]
    report = check_themes(themes, min_codes=3)
    assert [p.kind for p in report.problems] == ["too_few_codes", "repeated_name", "too_few_codes"]
    assert "at least 3 codes" in report.problems[0].message
    assert (
        check_themes([Theme("Empty", ())])
        .problems[0]
        .message.startswith("Theme 'Empty' rests on 0 codes; ")
    )


def test_used_codes_from_codings_objects():
    codings = Codings((Coding("S", 1, "X_ONE", "ana"), Coding("S", 2, "X_TWO", "ana")))
    report = check_themes({"A": ["X_ONE", "X_THREE"]}, used_codes=codings)
    assert [(p.kind, p.code) for p in report.problems] == [
        ("unused_code", "X_THREE"),
        ("orphan_code", "X_TWO"),
    ]
    assert check_themes({"A": ["X_ONE", "X_TWO"]}, used_codes=list(codings)).ok


def test_a_students_inductive_codes_are_known(tiny_corpus):
    new = replace(tiny_corpus.codebook.codes[0], label="PSS_AVAILABILITY")
    team = tiny_corpus.codings("team")
    codings = Codings(
        (*team.codings, Coding("PSS-FG1", 3, "PSS_AVAILABILITY", "team")), added_codes=(new,)
    )
    themes = {**GOOD, "Reach": ["PSS_AVAILABILITY", "PSS_BOUNDARY"]}
    report = check_themes(themes, tiny_corpus.codebook, codings, allow_shared=True)
    assert report.ok, str(report)
    # Given as labels only, the new code is not in the codebook and is reported.
    labels = [c.code for c in codings]
    report = check_themes(themes, tiny_corpus.codebook, labels, allow_shared=True)
    assert [(p.kind, p.code) for p in report.problems] == [("unknown_code", "PSS_AVAILABILITY")]


def test_themes_from_mapping_validates_the_answer():
    assert themes_from_mapping(GOOD)[1].codes == ("HV_SURVEILLANCE", "PSS_BOUNDARY", "PSS_IMPROVE")
    with pytest.raises(InputError, match="themes: theme 'T': expected a list of code labels"):
        themes_from_mapping({"T": "PSS_BOUNDARY"})
    with pytest.raises(InputError, match=r"answer_4_1: theme 'T' code 1: expected a code label"):
        themes_from_mapping({"T": ["PSS_BOUNDARY", 3]}, source="answer_4_1")
    with pytest.raises(InputError, match="top level: expected a dict"):
        themes_from_mapping([("T", ["A"])])
    with pytest.raises(InputError, match=r"themes: item 0: expected a Theme"):
        check_themes(["PSS_BOUNDARY"])


def test_theme_map_looks_up_both_ways(tiny_corpus):
    tm = ThemeMap.of(GOOD)
    assert tm.names == tuple(GOOD)
    assert tm.themes_of("PSS_BOUNDARY") == ("Feeling watched",)
    assert tm.themes_of("X_NONE") == ()
    assert len(tm) == 2 and [t.name for t in tm] == list(GOOD)
    assert tm.check(tiny_corpus.codebook, USED).ok
    frame = tm.to_frame()
    assert list(frame.columns) == ["theme", "code", "description"] and len(frame) == 5
    with pytest.raises(KeyError, match="no theme 'Nope'"):
        tm["Nope"]
    assert ThemeMap.of(tm.themes).themes == tm.themes


def test_codebook_categories_group_every_code(tiny_corpus):
    categories = codebook_categories(tiny_corpus.codebook)
    assert [c.name for c in categories] == ["Peer support specialists", "Home visiting"]
    assert categories[1].codes == ("HV_SURVEILLANCE", "HV_WHO_IS_CLIENT")
    report = check_themes(categories, tiny_corpus.codebook, tiny_corpus.codings("team"))
    assert report.ok
