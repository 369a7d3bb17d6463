"""qualkit.framework: the framework matrix, its exemplar quotes, and shorten."""

from __future__ import annotations

import pytest

from qualkit.codings import Coding, Codings
from qualkit.errors import InputError
from qualkit.framework import FrameworkMatrix, Quote, framework_matrix, shorten
from qualkit.frequencies import code_frequencies
from qualkit.themes import Theme


def extended(tiny_corpus, *extra: Coding) -> Codings:
    return Codings(tiny_corpus.codings("team").codings + tuple(extra))


# --- framework matrix ----------------------------------------------------------------------


def test_framework_matrix_counts_and_quotes(tiny_corpus):
    codings = extended(
        tiny_corpus,
        Coding("PSS-FG1", 4, "PSS_LIVED_EXP", "team"),  # Dana again, shorter turn
        Coding("PSS-FG1", 6, "PSS_LIVED_EXP", "team"),  # Kim, the longest turn
    )
    matrix = framework_matrix(tiny_corpus, codings, quotes=2)
    assert isinstance(matrix, FrameworkMatrix)
    assert matrix.segments.equals(code_frequencies(tiny_corpus, codings))
    assert matrix.participants.loc["PSS_LIVED_EXP", "pss"] == 2
    quotes = matrix.quotes.loc["PSS_LIVED_EXP", "pss"]
    # Longest first, a different participant next (Dana's longer turn 2, not her turn 4).
    assert [(q.speaker, q.turn) for q in quotes] == [("Kim", 6), ("Dana", 2)]
    assert quotes[0] == Quote(
        "PSS-FG1",
        6,
        "Kim",
        "P002",
        "Honestly I'd want check-ins on a schedule, so I know when she's coming.",
    )
    assert matrix.quotes.loc["PSS_LIVED_EXP", "home_visiting"] == ()
    text = matrix.to_frame()
    assert text.loc["PSS_LIVED_EXP", "pss"].startswith("3 segments, 2 participants — “Honestly")
    assert "(Kim, PSS-FG1 turn 6)" in text.loc["PSS_LIVED_EXP", "pss"]
    assert text.loc["PSS_LIVED_EXP", "home_visiting"] == "0 segments"
    three = framework_matrix(tiny_corpus, codings, quotes=3).quotes.loc["PSS_LIVED_EXP", "pss"]
    assert [q.turn for q in three] == [6, 2, 4]  # then repeats, longest first
    assert framework_matrix(tiny_corpus, codings, quotes=0).quotes.loc["PSS_BOUNDARY", "pss"] == ()


def test_framework_matrix_of_themes_by_attribute(tiny_corpus):
    themes = [
        Theme("Trust", ("PSS_LIVED_EXP", "HV_WHO_IS_CLIENT")),
        Theme("Being watched", ("HV_SURVEILLANCE", "PSS_BOUNDARY")),
    ]
    matrix = framework_matrix(
        tiny_corpus, tiny_corpus.codings("team"), themes, "moud", max_chars=30
    )
    assert matrix.rows == "theme" and matrix.columns == "moud"
    assert list(matrix.segments.index) == ["Trust", "Being watched"]
    assert list(matrix.segments.columns) == ["buprenorphine", "methadone"]
    assert matrix.segments.loc["Trust", "buprenorphine"] == 2  # Dana t2, Rosa t4
    assert matrix.participants.loc["Trust", "buprenorphine"] == 2
    assert matrix.segments.loc["Being watched"].tolist() == [1, 1]
    for quotes in matrix.quotes.to_numpy().ravel():
        assert all(len(q.text) <= 30 for q in quotes)
    as_dict = framework_matrix(
        tiny_corpus, tiny_corpus.codings("team"), {"Trust": ["PSS_LIVED_EXP", "HV_WHO_IS_CLIENT"]}
    )
    assert as_dict.segments.loc["Trust"].tolist() == [1, 1]
    with pytest.raises(InputError, match=r"theme 'T': .*did you mean PSS_BOUNDARY\?\), found"):
        framework_matrix(tiny_corpus, tiny_corpus.codings("team"), {"T": ["PSS_BOUNDRY"]})
    with pytest.raises(InputError, match=r"columns: expected .*\(age, moud\), found 'colour'"):
        framework_matrix(tiny_corpus, tiny_corpus.codings("team"), columns="colour")


# --- shorten -------------------------------------------------------------------------------


def test_shorten_edges():
    assert shorten("x" * 50, 10) == "x" * 9 + "…"
    assert shorten("  spaced\n  out  ", 40) == "spaced out"
    assert len(shorten("word " * 100, 160)) <= 160
    assert shorten("Yes. " + "and then " * 20, 60).endswith("…")  # sentence end too early
