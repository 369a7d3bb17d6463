"""qualkit.retrieval: coded segments with who said them, and filters that name their mistakes."""

from __future__ import annotations

import pytest

from qualkit.codings import Coding, Codings
from qualkit.errors import InputError
from qualkit.retrieval import retrieve
from qualkit.themes import Theme


def extended(tiny_corpus, *extra: Coding) -> Codings:
    return Codings(tiny_corpus.codings("team").codings + tuple(extra))


# --- retrieval -----------------------------------------------------------------------------


def test_retrieve_columns_and_filters(tiny_corpus):
    codings = extended(
        tiny_corpus,
        Coding("PSS-FG1", 3, "PSS_IMPROVE", "team"),
        Coding("PSS-FG1", 3, "PSS_BOUNDARY", "ana"),
    )
    found = retrieve(tiny_corpus, codings)
    assert list(found.columns) == [
        "session",
        "turn",
        "speaker",
        "participant",
        "model",
        "age",
        "moud",
        "text",
        "codes",
        "coder",
    ]
    assert len(found) == 6  # five coded turns by team, turn 3 also by ana
    kim = found[(found.turn == 3) & (found.coder == "team")].iloc[0]
    assert kim.codes == ("PSS_BOUNDARY", "PSS_IMPROVE")  # codebook order
    assert kim.text == "Mine texts me at night, which is a lot sometimes."
    assert retrieve(tiny_corpus, codings, "PSS_IMPROVE").turn.tolist() == [3, 6]
    assert retrieve(tiny_corpus, codings, ["PSS_IMPROVE", "HV_SURVEILLANCE"]).shape[0] == 3
    assert retrieve(tiny_corpus, codings, Theme("T", ("HV_SURVEILLANCE",))).turn.tolist() == [2]
    assert retrieve(tiny_corpus, codings, model="home_visiting").session.unique().tolist() == [
        "HV-INT1"
    ]
    assert retrieve(tiny_corpus, codings, moud="methadone").speaker.unique().tolist() == ["Kim"]
    assert retrieve(tiny_corpus, codings, age=[29, 31]).speaker.unique().tolist() == [
        "Dana",
        "Rosa",
    ]
    assert retrieve(tiny_corpus, codings, coder="ana").codes.tolist() == [("PSS_BOUNDARY",)]
    assert retrieve(tiny_corpus, codings, speaker="Rosa", participant="P003").shape[0] == 2
    assert retrieve(tiny_corpus, codings, session="PSS-FG1", code="HV_SURVEILLANCE").empty


def test_retrieve_names_bad_filters(tiny_corpus):
    team = tiny_corpus.codings("team")
    with pytest.raises(InputError, match="did you mean PSS_BOUNDARY"):
        retrieve(tiny_corpus, team, "PSS_BOUNDRY")
    with pytest.raises(InputError, match="model: expected one of pss, home_visiting"):
        retrieve(tiny_corpus, team, model="home visiting")
    with pytest.raises(InputError, match="moud: expected one of buprenorphine, methadone"):
        retrieve(tiny_corpus, team, moud="bupe")
    with pytest.raises(InputError, match=r"participant attribute \(age, moud\)"):
        retrieve(tiny_corpus, team, colour="red")
