"""qualkit.tables: the turn and coding tables the analyses share (tiny corpus, conftest)."""

from __future__ import annotations

import numpy as np

from qualkit.tables import coding_table, turn_table

# --- turn table ----------------------------------------------------------------------------


def test_turn_table_attributes_each_turn(tiny_corpus):
    turns = turn_table(tiny_corpus, attributes=True)
    assert len(turns) == 10
    assert list(turns.columns[:8]) == [
        "session",
        "turn",
        "speaker",
        "participant",
        "model",
        "kind",
        "split",
        "text",
    ]
    assert list(turns["session"].unique()) == ["PSS-FG1", "HV-INT1"]  # collection order
    dana = turns[(turns.session == "PSS-FG1") & (turns.turn == 4)].iloc[0]
    assert (dana.speaker, dana.participant, dana.moud, dana.age) == (
        "Dana",
        "P001",
        "buprenorphine",
        "29",
    )
    facilitator = turns[turns.speaker.isin(["Facilitator", "Interviewer"])]
    assert len(facilitator) == 4 and facilitator["participant"].isna().all()
    assert facilitator["moud"].isna().all()


def test_coding_table_has_one_row_per_coding(tiny_corpus):
    table = coding_table(tiny_corpus.codings("team"))
    assert list(table.columns) == ["session", "turn", "code", "coder", "memo", "created"]
    assert len(table) == 5 and table["turn"].dtype == np.int64
