"""Code frequencies per group, and co-occurrence of codes on the same segment.

Frequencies (:func:`code_frequencies`) come as four measures, per group (model, session or
participant):

==============================  ==============================================================
``"segments"``                  coded segments (turns carrying the code)
``"segments_per_participant"``  coded segments ÷ participants in the group's sessions
``"percent_participants"``      % of the group's participants who voiced the code at least once
``"percent_turns"``             % of the group's participant turns that carry the code
==============================  ==============================================================

The first two count *talk* (a talkative participant counts many times); the third counts
*people*, which is what "how widely shared is this experience?" asks; the fourth adjusts for
groups that simply talked more. The participants of a group are everyone listed in its
sessions (``sessions.csv``), whether or not they spoke. Only participant talk counts, and a
segment counts once per code however many coders applied it (see :mod:`qualkit.tables`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from qualkit.corpus import Corpus
from qualkit.errors import InputError
from qualkit.tables import CodingsLike, applied_codes, sessions_counted, turn_table

__all__ = ["BYS", "MEASURES", "By", "Measure", "code_frequencies", "cooccurrence", "groups"]

By = Literal["model", "session", "participant"]
Measure = Literal["segments", "segments_per_participant", "percent_participants", "percent_turns"]
MEASURES: tuple[Measure, ...] = (
    "segments",
    "segments_per_participant",
    "percent_participants",
    "percent_turns",
)
BYS: tuple[By, ...] = ("model", "session", "participant")


def groups(
    corpus: Corpus, turns: pd.DataFrame, counted: tuple[str, ...], by: By
) -> tuple[tuple[str, ...], pd.Series, pd.Series]:
    """The groups in order, each turn's group (missing outside them), and their sizes.

    A group's size is the number of participants listed in its sessions.
    """
    sessions = [corpus.session(s) for s in counted]
    if by == "model":
        labels = tuple(m for m in corpus.models if any(s.model == m for s in sessions))
        members = {
            m: {p for s in sessions if s.model == m for p in s.participant_ids} for m in labels
        }
    elif by == "session":
        labels = counted
        members = {s.session_id: set(s.participant_ids) for s in sessions}
    else:
        labels = tuple(sorted({p for s in sessions for p in s.participant_ids}))
        members = {p: {p} for p in labels}
    group = turns[by].where(turns["session"].isin(counted))
    size = pd.Series({label: len(members[label]) for label in labels}, dtype="int64")
    return labels, group, size


def code_frequencies(
    corpus: Corpus,
    codings: CodingsLike,
    by: By = "model",
    measure: Measure = "segments",
    *,
    coder: str | None = None,
    codes: Iterable[str] | None = None,
    sessions: Iterable[str] | None = None,
) -> pd.DataFrame:
    """How often each code was voiced, per support model, session or participant.

    Parameters
    ----------
    corpus, codings : the corpus and the codings to count (e.g. ``corpus.codings("team")``).
    by : ``"model"``, ``"session"`` or ``"participant"`` — the columns.
    measure : see the module docstring: ``"segments"`` (count), ``"segments_per_participant"``,
        ``"percent_participants"`` (0–100), ``"percent_turns"`` (0–100).
    coder : count only this coder's codings (default: all; a segment counts once per code).
    codes : the rows, in order (default: the codebook's codes, then any other code used).
    sessions : the sessions counted (default: those the codings cover).

    Returns
    -------
    DataFrame with one row per code (index ``code``) and one column per group (columns named
    ``by``: model ids, session ids or participant ids, in the corpus's order). ``frame.attrs``
    records ``measure``, ``by`` and ``labels`` (the groups' names for people) for
    :mod:`qualkit.figures`.
    """
    source = "code_frequencies"
    if by not in BYS:
        raise InputError(source, "by", "one of " + ", ".join(BYS), by)
    if measure not in MEASURES:
        raise InputError(source, "measure", "one of " + ", ".join(MEASURES), measure)
    turns = turn_table(corpus)
    applied, order, covered = applied_codes(
        codings, corpus=corpus, turns=turns, coder=coder, codes=codes, source=source
    )
    counted = sessions_counted(turns, covered, sessions, source)
    labels, group, size = groups(corpus, turns, counted, by)
    talk = turns["participant"].notna() & group.notna()

    # Coded segments of participant talk, once per (turn, code) whoever coded them.
    coded = applied[talk.to_numpy()[applied["row"].to_numpy()]].drop_duplicates(["row", "code"])
    coded = coded.assign(
        group=group.to_numpy()[coded["row"].to_numpy()],
        participant=turns["participant"].to_numpy()[coded["row"].to_numpy()],
    )
    if measure == "percent_participants":
        coded = coded.drop_duplicates(["group", "participant", "code"])  # people, not talk
    counts = (
        coded.groupby(["code", "group"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(index=pd.Index(order, name="code"), columns=list(labels), fill_value=0)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "segments_per_participant":
            counts = counts / size
        elif measure == "percent_participants":
            counts = 100 * counts / size
        elif measure == "percent_turns":
            counts = 100 * counts / group[talk].value_counts().reindex(labels, fill_value=0)
    frame = counts.astype("float64" if measure != "segments" else "int64")
    frame.columns = pd.Index(labels, name=by)
    names = {m: corpus.model_label(m) for m in labels} if by == "model" else {}
    frame.attrs.update(measure=measure, by=by, labels=names)
    return frame


def cooccurrence(
    codings: CodingsLike,
    codes: Iterable[str] | None = None,
    *,
    coder: str | None = None,
    normalize: Literal["jaccard"] | None = None,
) -> pd.DataFrame:
    """Segment-level co-occurrence: how often two codes were applied to the same segment by
    the same coder.

    Returns a symmetric code × code DataFrame. Off the diagonal, the number of (segment,
    coder) pairs carrying both codes; on it, the number carrying the code (its frequency).
    With several coders the counts add up over coders. ``normalize="jaccard"`` divides each
    count by the number of (segment, coder) pairs carrying either code, so 1 means the codes
    always go together (diagonal 1; ``nan`` for a code never applied).

    ``codes`` sets the rows and columns (default: every code used, sorted).

    >>> from qualkit.codings import Coding
    >>> codings = [Coding("S1", 1, "A", "ana"), Coding("S1", 1, "B", "ana"),
    ...            Coding("S1", 2, "A", "ana"), Coding("S1", 2, "B", "ben")]
    >>> cooccurrence(codings)  # doctest: +NORMALIZE_WHITESPACE
    code  A  B
    code
    A     2  1
    B     1  2
    >>> cooccurrence(codings, normalize="jaccard").round(3)  # doctest: +NORMALIZE_WHITESPACE
    code      A      B
    code
    A     1.000  0.333
    B     0.333  1.000
    """
    source = "cooccurrence"
    if normalize not in (None, "jaccard"):
        raise InputError(source, "normalize", "None or 'jaccard'", normalize)
    # A tuple, not Codings: the default rows are the codes used, not every added code.
    applied, order, _ = applied_codes(tuple(codings), coder=coder, codes=codes, source=source)
    # X[segment and coder, code] = 1 where that coder applied the code there; XᵀX counts pairs.
    row = applied.groupby(["session", "turn", "coder"], sort=False).ngroup().to_numpy()
    incidence = np.zeros((row.max(initial=-1) + 1, len(order)))
    incidence[row, applied["code"].cat.codes.to_numpy()] = 1.0
    counts = np.rint(incidence.T @ incidence).astype(np.int64)  # exact below 2⁵³
    index = pd.Index(order, name="code")
    frame = pd.DataFrame(counts, index=index, columns=index.copy())
    if normalize == "jaccard":
        frequency = np.diag(counts)
        union = frequency[:, None] + frequency[None, :] - counts
        with np.errstate(divide="ignore", invalid="ignore"):
            frame = frame / np.where(union > 0, union, np.nan)
    frame.attrs.update(normalize=normalize)
    return frame
