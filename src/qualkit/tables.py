"""Tables of turns and codings: the pandas frames the frequencies, matrices and retrieval share.

Words used throughout:

- A **segment** is a speaker turn, the coding unit. A *coded segment* of a code is a turn that
  carries the code; a coding of a span of a turn codes that turn.
- **Participant talk**: turns whose speaker is a participant of the session
  (``corpus.participant_for``). Facilitator and interviewer turns are not participant talk.
- **Collection order**: sessions by ``order``, then turns by number (the corpus's own order).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from qualkit.codings import Coding, Codings
from qualkit.corpus import Corpus
from qualkit.errors import InputError

__all__ = [
    "CodingsLike",
    "applied_codes",
    "coding_table",
    "participant_attributes",
    "sessions_counted",
    "turn_table",
    "unknown_code",
]

CodingsLike = Codings | Iterable[Coding]


def turn_table(corpus: Corpus, attributes: bool = False) -> pd.DataFrame:
    """One row per turn of the corpus, in collection order.

    Columns: ``session``, ``turn`` (1-based), ``speaker``, ``participant`` (participant id;
    missing for facilitator and interviewer turns), ``model``, ``kind``, ``split``, ``text``;
    with ``attributes=True`` also every participant attribute of ``participants.csv``.
    """
    rows = []
    for session in sorted(corpus.sessions, key=lambda session: session.order):
        transcript = corpus.transcript(session.session_id)
        # Once per speaker, not once per turn: participant_for scans the corpus.
        who = {
            speaker: corpus.participant_for(session.session_id, speaker)
            for speaker in transcript.speakers
        }
        rows += [
            (
                session.session_id,
                turn.turn,
                turn.speaker,
                None if who[turn.speaker] is None else who[turn.speaker].participant_id,
                session.model,
                session.kind,
                session.split,
                turn.text,
            )
            for turn in transcript.turns
        ]
    names = ["session", "turn", "speaker", "participant", "model", "kind", "split", "text"]
    frame = pd.DataFrame(rows, columns=names).astype({"turn": "int64"})
    if attributes:
        frame = frame.join(participant_attributes(corpus), on="participant")
    return frame


def participant_attributes(corpus: Corpus) -> pd.DataFrame:
    """One row per participant (index ``participant``), one column per attribute, as text."""
    names = list(dict.fromkeys(name for p in corpus.participants for name in p.attributes))
    return pd.DataFrame(
        [[p.attributes.get(name) for name in names] for p in corpus.participants],
        index=pd.Index([p.participant_id for p in corpus.participants], name="participant"),
        columns=names,
    )


def _codings(codings: CodingsLike) -> tuple[Coding, ...]:
    return codings.codings if isinstance(codings, Codings) else tuple(codings)


def coding_table(codings: CodingsLike) -> pd.DataFrame:
    """One row per coding: ``session``, ``turn``, ``code``, ``coder``, ``memo``, ``created``.

    >>> coding_table([Coding("PSS-FG1", 3, "PSS_BOUNDARY", "ana")]).iloc[0].to_dict()
    {'session': 'PSS-FG1', 'turn': 3, 'code': 'PSS_BOUNDARY', 'coder': 'ana', 'memo': '', 'created': ''}
    """
    names = ["session", "turn", "code", "coder", "memo", "created"]
    rows = [(c.session_id, c.turn, c.code, c.coder, c.memo, c.created) for c in _codings(codings)]
    return pd.DataFrame(rows, columns=names).astype({"turn": "int64"})


def unknown_code(source: str, place: str, code: str, codes: Iterable[str]) -> InputError:
    """The error for a code label that is not among ``codes``, with the closest as a hint."""
    close = difflib.get_close_matches(code.upper(), list(codes), n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return InputError(source, place, "a code of the codebook or the codings" + hint, code)


def _code_order(
    corpus: Corpus | None, codings: CodingsLike, used: Iterable[str], codes, source: str
) -> tuple[str, ...]:
    """The codes to report: as given, or the codebook's, the added ones, then others (sorted)."""
    if codes is not None:
        codes = tuple(dict.fromkeys((codes,) if isinstance(codes, str) else codes))
        if not codes:
            raise InputError(source, "codes", "at least one code", codes)
        return codes
    listed = corpus.codebook.names if corpus is not None else ()
    if isinstance(codings, Codings):
        listed = (*listed, *(code.label for code in codings.added_codes))
    listed = tuple(dict.fromkeys(listed))
    return (*listed, *sorted(set(used) - set(listed)))


def _categorical(values: list[str]) -> pd.Categorical:
    """Names as a categorical: each distinct name is stored and hashed once.

    Factorising an object array is several times faster than ``pd.Categorical(list)``, which
    first infers a string dtype for every value.
    """
    codes, names = pd.factorize(np.array(values, dtype=object))
    return pd.Categorical.from_codes(codes, categories=names)


def applied_codes(
    codings: CodingsLike,
    *,
    corpus: Corpus | None = None,
    turns: pd.DataFrame | None = None,
    coder: str | None = None,
    codes: Iterable[str] | None = None,
    source: str = "codings",
) -> tuple[pd.DataFrame, tuple[str, ...], frozenset[str]]:
    """Which code each coder applied to which turn, once each.

    Returns a frame with the columns ``session``, ``turn``, ``code`` (categorical, in report
    order), ``coder`` and, given the ``turns`` table of ``corpus``, ``row`` (the turn's row in
    it); the report order of the codes (``codes`` as given, else the codebook's then the
    others used); and the sessions the codings cover (with any code, reported or not).
    """
    rows = _codings(codings)
    if coder is not None:
        present = {c.coder for c in rows}
        if coder not in present:
            expected = "one of the coders " + ", ".join(sorted(present)) if present else "codings"
            raise InputError(source, "coder", expected, coder)
        rows = tuple(c for c in rows if c.coder == coder)
    sessions = _categorical([c.session_id for c in rows])
    labels = _categorical([c.code for c in rows])
    frame = pd.DataFrame(
        {
            "session": sessions,
            "turn": np.fromiter((c.turn for c in rows), dtype=np.int64, count=len(rows)),
            "code": labels,
            "coder": _categorical([c.coder for c in rows]),
        }
    )
    if turns is not None:
        frame["row"] = _rows_in(turns, frame, source)
    order = _code_order(corpus, codings, labels.categories, codes, source)
    frame["code"] = labels.set_categories(order)  # a code outside ``order`` becomes missing
    # Once per coder, code and turn: spans of a turn code the whole turn.
    frame = frame[frame["code"].notna()].drop_duplicates(["session", "turn", "code", "coder"])
    return frame.reset_index(drop=True), order, frozenset(sessions.categories)


def _rows_in(turns: pd.DataFrame, frame: pd.DataFrame, source: str) -> np.ndarray:
    """Each coding's row in the turn table: its session's first row + turn − 1.

    ``turn_table`` lays each session's turns out together, in order, from turn 1.
    """
    first = turns.drop_duplicates("session")
    start = dict(zip(first["session"], first.index, strict=True))
    size = turns["session"].value_counts().to_dict()
    sessions = frame["session"].cat
    at = np.array([start.get(s, -1) for s in sessions.categories], dtype=np.int64)
    count = np.array([size.get(s, 0) for s in sessions.categories], dtype=np.int64)
    start_of, count_of = at[sessions.codes], count[sessions.codes]
    turn = frame["turn"].to_numpy()
    bad = (start_of < 0) | (turn < 1) | (turn > count_of)
    if bad.any():
        wrong = frame[bad].iloc[0]
        size = count_of[bad][0]
        expected = f"a turn 1–{size}" if size else "a session of the corpus"
        place = f"coding of {wrong.session} turn {wrong.turn} ({wrong.code}, {wrong.coder})"
        raise InputError(source, place, expected, (wrong.session, int(wrong.turn)))
    return start_of + turn - 1


def sessions_counted(
    turns: pd.DataFrame, covered: frozenset[str], sessions, source: str
) -> tuple[str, ...]:
    """Sessions counted, in collection order: as given, or those the codings cover."""
    ordered = tuple(turns["session"].unique())
    if sessions is None:
        return tuple(s for s in ordered if s in covered)
    sessions = (sessions,) if isinstance(sessions, str) else tuple(sessions)
    for session_id in sessions:
        if session_id not in ordered:
            raise InputError(source, "sessions", "session ids of the corpus", session_id)
    return tuple(s for s in ordered if s in set(sessions))
