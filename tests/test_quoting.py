"""qualkit.quote: a chosen turn's words with the attribution tests/test_quotations.py reads."""

from __future__ import annotations

import pytest
from test_quotations import ATTRIBUTION

import qualkit
from qualkit.errors import StudentError, UnknownNameError


def test_every_turn_quotes_verbatim_with_an_attribution_the_convention_reads():
    corpus = qualkit.load_corpus()
    for transcript in corpus.transcripts("study")[:4]:
        for turn in transcript.turns:
            quoted = str(qualkit.quote(turn.session_id, turn.turn, corpus=corpus))
            words, _, attribution = quoted.rpartition('" (')
            assert words == '"' + turn.text
            found = ATTRIBUTION.match(" (" + attribution)
            assert found, quoted
            assert (found["speaker"], found["session"], int(found["turn"])) == (
                turn.speaker,
                turn.session_id,
                turn.turn,
            )


def test_a_part_is_quoted_only_when_it_is_the_turns_own_words():
    assert (
        str(qualkit.quote("PSS-FG1", 3, " no\n lectures. "))
        == '"no lectures." (Keisha, PSS-FG1, turn 3)'
    )
    with pytest.raises(StudentError, match="has no words 'no lecture'"):
        qualkit.quote("PSS-FG1", 3, "no lecture")
    with pytest.raises(StudentError, match="give the words to quote as text"):
        qualkit.quote("PSS-FG1", 3, "  ")


@pytest.mark.parametrize("turn", [0, "3", True, 3.0])
def test_a_turn_that_is_not_there_is_named_with_the_ones_that_are(turn):
    with pytest.raises(StudentError, match=r"PSS-FG1 has turns 1 to \d+, not"):
        qualkit.quote("PSS-FG1", turn)


def test_a_session_with_a_typo_names_the_sessions_there_are():
    with pytest.raises(UnknownNameError, match="no session 'PSS-FG99'"):
        qualkit.quote("PSS-FG99", 1)
