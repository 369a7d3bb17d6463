"""Matrices: code frequencies, co-occurrence, the framework matrix, and retrieval of coded talk.

Every function here is a pure function of a :class:`~qualkit.corpus.Corpus` and
:class:`~qualkit.codings.Codings` (or any iterable of :class:`~qualkit.codings.Coding`) and
returns a pandas DataFrame, or a small frozen dataclass of DataFrames.

Words used throughout:

- A **segment** is a speaker turn, the coding unit. A *coded segment* of a code is a turn that
  carries the code. Frequencies count each (turn, code) once even when several coders applied it.
- **Participant talk**: turns whose speaker is a participant of the session
  (``corpus.participant_for``). Facilitator and interviewer turns are not participant talk, so
  frequencies, rates and the framework matrix leave their codings out; :func:`retrieve` keeps
  them (with no participant).
- **Collection order**: sessions by ``order``, then turns by number (the corpus's own order).

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
sessions (``sessions.csv``), whether or not they spoke.

The functions take ``coder=`` to use one coder's codings, and ``sessions=`` to choose the
sessions counted; by default, the sessions the codings cover (a session with at least one
coding). Everything is vectorised: one pass over the codings to read them, then numpy.
"""

from __future__ import annotations

import difflib
import itertools
import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from qualkit.codings import Coding, Codings
from qualkit.corpus import MODELS, Corpus
from qualkit.errors import InputError
from qualkit.themes import Theme, ThemeMap

__all__ = [
    "By",
    "FrameworkMatrix",
    "Measure",
    "Quote",
    "code_frequencies",
    "coding_table",
    "cooccurrence",
    "framework_matrix",
    "retrieve",
    "shorten",
    "turn_table",
]

By = Literal["model", "session", "participant"]
Measure = Literal["segments", "segments_per_participant", "percent_participants", "percent_turns"]
MEASURES: tuple[Measure, ...] = (
    "segments",
    "segments_per_participant",
    "percent_participants",
    "percent_turns",
)
BYS: tuple[By, ...] = ("model", "session", "participant")
CodingsLike = Codings | Iterable[Coding]


# --- tables of turns and codings -----------------------------------------------------------


def _ordered_sessions(corpus: Corpus):
    return sorted(corpus.sessions, key=lambda session: session.order)


def turn_table(corpus: Corpus, attributes: bool = False) -> pd.DataFrame:
    """One row per turn of the corpus, in collection order.

    Columns: ``session``, ``turn`` (1-based), ``speaker``, ``participant`` (participant id;
    missing for facilitator and interviewer turns), ``model``, ``kind``, ``split``, ``text``;
    with ``attributes=True`` also every participant attribute of ``participants.csv``.
    """
    ordered = _ordered_sessions(corpus)
    names = ("session", "turn", "speaker", "participant", "model", "kind", "split", "text")
    columns: dict[str, list] = {name: [] for name in names}
    for session in ordered:
        transcript = corpus.transcript(session.session_id)
        # Attribute once per speaker, not once per turn: participant_for scans the corpus.
        who = {
            speaker: corpus.participant_for(session.session_id, speaker)
            for speaker in transcript.speakers
        }
        n = len(transcript.turns)
        columns["session"] += [session.session_id] * n
        columns["turn"] += [turn.turn for turn in transcript.turns]
        columns["speaker"] += [turn.speaker for turn in transcript.turns]
        columns["participant"] += [
            None if who[turn.speaker] is None else who[turn.speaker].participant_id
            for turn in transcript.turns
        ]
        columns["model"] += [session.model] * n
        columns["kind"] += [session.kind] * n
        columns["split"] += [session.split] * n
        columns["text"] += [turn.text for turn in transcript.turns]
    frame = pd.DataFrame(columns)
    frame["turn"] = frame["turn"].astype(np.int64)
    if attributes:
        frame = frame.join(_participant_attributes(corpus), on="participant")
    return frame


def _participant_attributes(corpus: Corpus) -> pd.DataFrame:
    names = list(dict.fromkeys(name for p in corpus.participants for name in p.attributes))
    return pd.DataFrame(
        [[p.attributes.get(name) for name in names] for p in corpus.participants],
        index=pd.Index([p.participant_id for p in corpus.participants], name="participant"),
        columns=names,
    )


def _coding_tuple(codings: CodingsLike) -> tuple[Coding, ...]:
    return codings.codings if isinstance(codings, Codings) else tuple(codings)


def coding_table(codings: CodingsLike) -> pd.DataFrame:
    """One row per coding: ``session``, ``turn``, ``code``, ``coder``, ``memo``, ``created``.

    >>> coding_table([Coding("PSS-FG1", 3, "PSS_BOUNDARY", "ana")]).iloc[0].to_dict()
    {'session': 'PSS-FG1', 'turn': 3, 'code': 'PSS_BOUNDARY', 'coder': 'ana', 'memo': '', 'created': ''}
    """
    rows = _coding_tuple(codings)
    return pd.DataFrame(
        {
            "session": [c.session_id for c in rows],
            "turn": np.fromiter((c.turn for c in rows), dtype=np.int64, count=len(rows)),
            "code": [c.code for c in rows],
            "coder": [c.coder for c in rows],
            "memo": [c.memo for c in rows],
            "created": [c.created for c in rows],
        }
    )


@dataclass(frozen=True, eq=False)
class _Encoded:
    """Codings as integer arrays: row of the turn table, code index, coder index.

    ``covered``: turn-table rows of every coding read, including codes left out of ``codes``,
    so that the sessions counted by default do not depend on which codes are reported.
    """

    unit: np.ndarray
    code: np.ndarray
    coder: np.ndarray
    codes: tuple[str, ...]
    coders: tuple[str, ...]
    covered: np.ndarray


def _read_codings(codings: CodingsLike, coder: str | None, source: str):
    """Session, turn, code and coder columns of the codings (one coder's, if ``coder``)."""
    rows = _coding_tuple(codings)
    if coder is not None:
        present = {c.coder for c in rows}
        if coder not in present:
            expected = "one of the coders " + ", ".join(sorted(present)) if present else "codings"
            raise InputError(source, "coder", expected, coder)
        rows = tuple(c for c in rows if c.coder == coder)
    sessions = np.array([c.session_id for c in rows], dtype=object)
    turns = np.fromiter((c.turn for c in rows), dtype=np.int64, count=len(rows))
    codes = np.array([c.code for c in rows], dtype=object)
    coders = np.array([c.coder for c in rows], dtype=object)
    return sessions, turns, codes, coders


def _code_order(
    corpus: Corpus | None, codings: CodingsLike, used: np.ndarray, codes, source: str
) -> tuple[str, ...]:
    """The codes to report: as given, or the codebook's then any others used (sorted)."""
    if codes is not None:
        if isinstance(codes, str):
            codes = (codes,)
        codes = tuple(dict.fromkeys(codes))
        if not codes:
            raise InputError(source, "codes", "at least one code", codes)
        return codes
    listed = corpus.codebook.names if corpus is not None else ()
    if isinstance(codings, Codings):
        listed = (*listed, *(code.label for code in codings.added_codes))
    listed = tuple(dict.fromkeys(listed))
    extra = sorted(set(pd.unique(used)) - set(listed))
    return (*listed, *extra)


def _distinct(keys: np.ndarray, size: int) -> np.ndarray:
    """Sorted distinct values of integer keys in 0 … size − 1.

    A boolean table of ``size`` entries is O(n) and many times faster than sorting; beyond
    64 Mi entries (far past any study) ``np.unique`` keeps memory in bounds.
    """
    if size <= 1 << 26:
        seen = np.zeros(size, dtype=bool)
        seen[keys] = True
        return np.flatnonzero(seen)
    return np.unique(keys)


def _index_of(values: np.ndarray, order: tuple[str, ...]) -> np.ndarray:
    """Position of each value in ``order`` (−1 if absent), hashing each distinct value once."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    labels, uniques = pd.factorize(values)  # missing values (None, NaN) get label −1
    position = {value: i for i, value in enumerate(order)}
    lookup = np.array([position.get(value, -1) for value in uniques] + [-1], dtype=np.int64)
    return lookup[labels]  # label −1 picks the trailing −1


def _encode(
    corpus: Corpus,
    turns: pd.DataFrame,
    codings: CodingsLike,
    coder: str | None,
    codes,
    source: str,
) -> _Encoded:
    sessions, numbers, labels, coders = _read_codings(codings, coder, source)
    order = _code_order(corpus, codings, labels, codes, source)
    # Row of the turn table = first row of the session + turn − 1 (sessions are contiguous,
    # in collection order, as turn_table lays them out).
    starts, sizes, row = {}, {}, 0
    for session in _ordered_sessions(corpus):
        starts[session.session_id] = row
        sizes[session.session_id] = len(corpus.transcript(session.session_id))
        row += sizes[session.session_id]
    session_labels, session_uniques = pd.factorize(sessions)
    start = np.array([starts.get(s, -1) for s in session_uniques], dtype=np.int64)
    size = np.array([sizes.get(s, 0) for s in session_uniques], dtype=np.int64)
    first, length = start[session_labels], size[session_labels]
    bad = (first < 0) | (numbers < 1) | (numbers > length)
    if bad.any():
        at = int(np.flatnonzero(bad)[0])
        what = "a session of the corpus" if first[at] < 0 else f"a turn 1–{length[at]}"
        raise InputError(
            source,
            f"coding of {sessions[at]} turn {numbers[at]} ({labels[at]}, {coders[at]})",
            what,
            (sessions[at], int(numbers[at])),
        )
    code = _index_of(labels, order)
    keep = code >= 0  # codes outside an explicit ``codes`` list are not reported
    coder_labels, coder_uniques = pd.factorize(coders[keep])
    unit = first + numbers - 1
    return _Encoded(
        unit=unit[keep],
        code=code[keep],
        coder=coder_labels.astype(np.int64),
        codes=order,
        coders=tuple(coder_uniques),
        covered=unit,
    )


def _considered_sessions(
    corpus: Corpus, turns: pd.DataFrame, encoded: _Encoded, sessions, source: str
) -> tuple[str, ...]:
    """Sessions counted, in collection order: as given, or those the codings cover."""
    ordered = tuple(turns["session"].unique())
    if sessions is None:
        covered = set(turns["session"].to_numpy()[_distinct(encoded.covered, len(turns))])
        return tuple(s for s in ordered if s in covered)
    sessions = (sessions,) if isinstance(sessions, str) else tuple(sessions)
    for session_id in sessions:
        if session_id not in ordered:
            raise InputError(source, "sessions", "session ids of the corpus", session_id)
    wanted = set(sessions)
    return tuple(s for s in ordered if s in wanted)


# --- frequencies ---------------------------------------------------------------------------


def _groups(corpus: Corpus, turns: pd.DataFrame, considered: tuple[str, ...], by: By):
    """Group labels, each turn's group (−1 outside), participants per group."""
    in_scope = turns["session"].isin(considered).to_numpy()
    if by == "model":
        present = {corpus.session(s).model for s in considered}
        labels = tuple(m for m in MODELS if m in present)
        key = turns["model"].to_numpy()
        members = [
            {
                p
                for s in considered
                if corpus.session(s).model == m
                for p in corpus.session(s).participant_ids
            }
            for m in labels
        ]
    elif by == "session":
        labels = considered
        key = turns["session"].to_numpy()
        members = [set(corpus.session(s).participant_ids) for s in labels]
    else:
        labels = tuple(sorted({p for s in considered for p in corpus.session(s).participant_ids}))
        key = turns["participant"].to_numpy(dtype=object, na_value=None)
        members = [{p} for p in labels]
    group = _index_of(key, labels)
    group[~in_scope] = -1
    return labels, group, np.array([len(m) for m in members], dtype=np.int64)


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
    records ``measure`` and ``by`` for :mod:`qualkit.figures`.

    Only participant talk counts: codings of facilitator or interviewer turns are left out.
    """
    source = "code_frequencies"
    if by not in BYS:
        raise InputError(source, "by", "one of " + ", ".join(BYS), by)
    if measure not in MEASURES:
        raise InputError(source, "measure", "one of " + ", ".join(MEASURES), measure)
    turns = turn_table(corpus)
    encoded = _encode(corpus, turns, codings, coder, codes, source)
    considered = _considered_sessions(corpus, turns, encoded, sessions, source)
    labels, group, participants = _groups(corpus, turns, considered, by)
    person = _index_of(
        turns["participant"].to_numpy(dtype=object, na_value=None),
        tuple(p.participant_id for p in corpus.participants),
    )
    k, g = len(encoded.codes), len(labels)

    # Distinct (turn, code) pairs in participant talk of the sessions counted.
    keep = (person[encoded.unit] >= 0) & (group[encoded.unit] >= 0)
    pairs = _distinct(encoded.unit[keep] * k + encoded.code[keep], len(turns) * k)
    unit, code = pairs // k, pairs % k
    if measure == "percent_participants":
        p = len(corpus.participants)
        voiced = _distinct((group[unit] * p + person[unit]) * k + code, g * p * k)
        cell = (voiced // p // k) * k + voiced % k  # group * k + code
        values = np.bincount(cell, minlength=g * k).reshape(g, k).T
    else:
        values = np.bincount(group[unit] * k + code, minlength=g * k).reshape(g, k).T
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "segments_per_participant":
            values = values / participants
        elif measure == "percent_participants":
            values = 100 * values / participants
        elif measure == "percent_turns":
            talk = (person >= 0) & (group >= 0)
            turns_per_group = np.bincount(group[talk], minlength=g)
            values = 100 * values / turns_per_group
    frame = pd.DataFrame(
        values,
        index=pd.Index(encoded.codes, name="code"),
        columns=pd.Index(labels, name=by),
    )
    frame.attrs.update(measure=measure, by=by)
    return frame


# --- co-occurrence -------------------------------------------------------------------------

Normalize = Literal["jaccard"]


def cooccurrence(
    codings: CodingsLike,
    codes: Iterable[str] | None = None,
    *,
    coder: str | None = None,
    normalize: Normalize | None = None,
) -> pd.DataFrame:
    """Segment-level co-occurrence: how often two codes were applied to the same segment by
    the same coder.

    Returns a symmetric code × code DataFrame. Off the diagonal, the number of (segment,
    coder) pairs carrying both codes; on it, the number carrying the code (its frequency).
    With several coders the counts add up over coders. ``normalize="jaccard"`` divides each
    count by the number of (segment, coder) pairs carrying either code, so 1 means the codes
    always go together (diagonal 1; ``nan`` for a code never applied).

    ``codes`` sets the rows and columns (default: every code used, sorted).

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
    sessions, numbers, labels, coders = _read_codings(codings, coder, source)
    order = _code_order(None, (), labels, codes, source)
    code = _index_of(labels, order)
    keep = code >= 0
    k = len(order)
    # One row per (segment, coder): factorize the three keys, then combine them into one.
    session_labels = pd.factorize(sessions[keep])[0].astype(np.int64)
    coder_labels = pd.factorize(coders[keep])[0].astype(np.int64)
    turn_labels = numbers[keep]
    combined = (session_labels * (turn_labels.max(initial=0) + 1) + turn_labels) * (
        coder_labels.max(initial=0) + 1
    ) + coder_labels
    row = pd.factorize(combined)[0]
    counts = _gram(row, code[keep], k)
    frame = pd.DataFrame(
        counts, index=pd.Index(order, name="code"), columns=pd.Index(order, name="code")
    )
    if normalize == "jaccard":
        frequency = np.diag(counts)
        union = frequency[:, None] + frequency[None, :] - counts
        with np.errstate(divide="ignore", invalid="ignore"):
            frame = frame / np.where(union > 0, union, np.nan)
    frame.attrs.update(normalize=normalize)
    return frame


def _gram(row: np.ndarray, code: np.ndarray, k: int, chunk: int = 1 << 16) -> np.ndarray:
    """Xᵀ X for the 0/1 incidence matrix X[row, code], built in chunks of rows.

    A dense float block lets BLAS do the counting; float64 is exact for counts below 2⁵³.
    """
    counts = np.zeros((k, k), dtype=np.float64)
    if len(row) == 0:
        return counts.astype(np.int64)
    ordered = np.argsort(row, kind="stable")
    row, code = row[ordered], code[ordered]
    bounds = np.searchsorted(row, np.arange(0, row[-1] + chunk + 1, chunk))
    for lo, hi in itertools.pairwise(bounds):
        if lo == hi:
            continue
        block = np.zeros((row[hi - 1] - row[lo] + 1, k), dtype=np.float64)
        block[row[lo:hi] - row[lo], code[lo:hi]] = 1.0
        counts += block.T @ block
    return np.rint(counts).astype(np.int64)


# --- framework matrix ----------------------------------------------------------------------


def shorten(text: str, max_chars: int = 160) -> str:
    """Shorten a quote to at most ``max_chars`` characters for a table cell.

    Keeps whole sentences when a sentence ends in the second half of the limit; otherwise cuts
    at a word boundary and adds "…".

    >>> shorten("I trusted her. She had been there herself, with two kids.", 26)
    'I trusted her.'
    >>> shorten("She texted me at night which was a lot sometimes", 30)
    'She texted me at night which…'
    >>> shorten("Short enough.", 30)
    'Short enough.'
    """
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    head = text[: max_chars - 1]
    ends = [m.end() for m in re.finditer(r"[.!?…][\"”’)]?(?=\s)", head)]
    if ends and ends[-1] >= max_chars // 2:
        return head[: ends[-1]]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:—–-") + "…"


@dataclass(frozen=True)
class Quote:
    """An exemplar quote: a turn's text (``text`` shortened for display) with its source."""

    session_id: str
    turn: int
    speaker: str
    participant_id: str | None
    text: str

    def __str__(self) -> str:
        return f"“{self.text}” ({self.speaker}, {self.session_id} turn {self.turn})"


@dataclass(frozen=True, eq=False)
class FrameworkMatrix:
    """A framework matrix: rows are codes or themes, columns are cases or groups.

    ``segments``: coded segments per cell (int); ``participants``: distinct participants who
    voiced the row per cell (int); ``quotes``: per cell a tuple of :class:`Quote` (possibly
    empty). All three share the same index (named ``rows``) and columns (named ``columns``).
    """

    segments: pd.DataFrame
    participants: pd.DataFrame
    quotes: pd.DataFrame
    rows: str
    columns: str

    def to_frame(self) -> pd.DataFrame:
        """The matrix as text, one string per cell: counts, then the exemplar quotes."""

        def cell(n: int, people: int, quotes: tuple[Quote, ...]) -> str:
            if n == 0:
                return "0 segments"
            counts = f"{n} segment{'' if n == 1 else 's'}, "
            counts += f"{people} participant{'' if people == 1 else 's'}"
            return " — ".join([counts, *map(str, quotes)])

        text = [
            [cell(n, p, q) for n, p, q in zip(seg_row, part_row, quote_row, strict=True)]
            for seg_row, part_row, quote_row in zip(
                self.segments.to_numpy(),
                self.participants.to_numpy(),
                self.quotes.to_numpy(),
                strict=True,
            )
        ]
        return pd.DataFrame(text, index=self.segments.index, columns=self.segments.columns)


def _unknown_code(source: str, place: str, code: str, codes: tuple[str, ...]) -> InputError:
    """The error for a code label that is not among ``codes``, with the closest as a hint."""
    close = difflib.get_close_matches(code.upper(), codes, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return InputError(source, place, "a code of the codebook or the codings" + hint, code)


def _row_pairs(
    rows: Iterable[Theme] | ThemeMap | Mapping[str, Iterable[str]] | None, codes: tuple[str, ...]
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Row labels, and (row index, code index) pairs saying which codes feed which row."""
    if rows is None:
        index = np.arange(len(codes))
        return codes, index, index
    themes = ThemeMap.of(rows).themes
    position = {code: i for i, code in enumerate(codes)}
    pairs = []
    for r, theme in enumerate(themes):
        for code in dict.fromkeys(theme.codes):
            if code not in position:
                # A typo would silently empty the row; check_themes explains in more detail.
                raise _unknown_code("framework_matrix", f"theme {theme.name!r}", code, codes)
            pairs.append((r, position[code]))
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return tuple(theme.name for theme in themes), arr[:, 0], arr[:, 1]


def _sort_key(value: str):
    # Numbers sort as numbers ("9" before "10"), other text alphabetically after them.
    try:
        return (0, float(value), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(value))


def framework_matrix(
    corpus: Corpus,
    codings: CodingsLike,
    rows: Iterable[Theme] | ThemeMap | Mapping[str, Iterable[str]] | None = None,
    columns: str = "model",
    *,
    quotes: int = 1,
    max_chars: int = 160,
    coder: str | None = None,
    codes: Iterable[str] | None = None,
    sessions: Iterable[str] | None = None,
) -> FrameworkMatrix:
    """A code (or theme) × case matrix with counts and exemplar quotes in every cell.

    Parameters
    ----------
    rows : None for one row per code, or themes (:class:`~qualkit.themes.Theme` objects, a
        :class:`~qualkit.themes.ThemeMap`, or a ``{name: [codes]}`` dict): a segment counts in
        a theme's row when it carries any of the theme's codes.
    columns : ``"model"``, ``"session"``, ``"participant"``, or the name of a participant
        attribute (e.g. ``"moud"``) to compare groups of participants.
    quotes : exemplar quotes per cell.
    max_chars : quotes longer than this are shortened (:func:`shorten`).
    coder, codes, sessions : as in :func:`code_frequencies`.

    Exemplars are chosen deterministically: the **longest** coded turns of the cell (long turns
    tend to say the most), each from a **different participant** while possible; ties go to
    the earlier turn in collection order. Only participant talk counts.
    """
    source = "framework_matrix"
    if quotes < 0:
        raise InputError(source, "quotes", "a number of quotes ≥ 0", quotes)
    turns = turn_table(corpus, attributes=columns not in BYS)
    attribute_names = tuple(_participant_attributes(corpus).columns)
    if columns not in BYS and columns not in attribute_names:
        expected = (
            "model, session, participant or a participant attribute ("
            + ", ".join(attribute_names)
            + ")"
        )
        raise InputError(source, "columns", expected, columns)
    encoded = _encode(corpus, turns, codings, coder, codes, source)
    considered = _considered_sessions(corpus, turns, encoded, sessions, source)
    if columns in BYS:
        labels, group, _ = _groups(corpus, turns, considered, columns)
    else:
        values = turns[columns].to_numpy(dtype=object, na_value=None)
        in_scope = turns["session"].isin(considered).to_numpy() & pd.notna(values)
        labels = tuple(sorted({str(v) for v in values[in_scope]}, key=_sort_key))
        group = _index_of(values, labels)
        group[~in_scope] = -1
    row_labels, pair_row, pair_code = _row_pairs(rows, encoded.codes)
    participant = turns["participant"].to_numpy(dtype=object, na_value=None)
    talk = pd.notna(turns["participant"]).to_numpy() & (group >= 0)

    # Coded (turn, code) pairs → (row, turn) pairs through the code→row map, deduplicated.
    keep = talk[encoded.unit]
    k = len(encoded.codes)
    pairs = _distinct(encoded.unit[keep] * k + encoded.code[keep], len(turns) * k)
    unit, code = pairs // k, pairs % k
    feeds = pd.DataFrame({"code": pair_code, "row": pair_row})
    cells = pd.DataFrame({"unit": unit, "code": code}).merge(feeds, on="code")
    cells = cells.drop_duplicates(["row", "unit"])
    cells["column"] = group[cells["unit"].to_numpy()]
    cells["participant"] = participant[cells["unit"].to_numpy()]

    shape = (len(row_labels), len(labels))
    segments = np.zeros(shape, dtype=np.int64)
    np.add.at(segments, (cells["row"].to_numpy(), cells["column"].to_numpy()), 1)
    people = cells.drop_duplicates(["row", "column", "participant"])
    voiced = np.zeros(shape, dtype=np.int64)
    np.add.at(voiced, (people["row"].to_numpy(), people["column"].to_numpy()), 1)

    # Exemplars: first turn of each participant in the cell before repeats, then longest first,
    # then collection order (the turn table's row order).
    text = turns["text"].to_numpy(dtype=object)
    cells["length"] = [len(t) for t in text[cells["unit"].to_numpy()]]
    cells = cells.sort_values(["length", "unit"], ascending=[False, True], kind="stable")
    cells["repeat"] = cells.duplicated(["row", "column", "participant"])
    cells = cells.sort_values(
        ["repeat", "length", "unit"], ascending=[True, False, True], kind="stable"
    )
    chosen = cells[cells.groupby(["row", "column"]).cumcount() < quotes]
    quote_cells = np.empty(shape, dtype=object)
    for index in np.ndindex(shape):
        quote_cells[index] = ()
    speakers = turns["speaker"].to_numpy(dtype=object)
    sessions_of = turns["session"].to_numpy(dtype=object)
    numbers = turns["turn"].to_numpy()
    for (r, c), block in chosen.groupby(["row", "column"], sort=False):
        quote_cells[r, c] = tuple(
            Quote(
                str(sessions_of[u]),
                int(numbers[u]),
                str(speakers[u]),
                participant[u],
                shorten(text[u], max_chars),
            )
            for u in block["unit"].to_numpy()
        )

    row_name = "code" if rows is None else "theme"
    index = pd.Index(row_labels, name=row_name)
    column_index = pd.Index(labels, name=columns)
    return FrameworkMatrix(
        segments=pd.DataFrame(segments, index=index, columns=column_index),
        participants=pd.DataFrame(voiced, index=index, columns=column_index),
        quotes=pd.DataFrame(quote_cells, index=index, columns=column_index),
        rows=row_name,
        columns=columns,
    )


# --- retrieval -----------------------------------------------------------------------------


def _selection(value) -> tuple[str, ...]:
    if isinstance(value, str | numbers.Number):
        return (str(value),)
    return tuple(str(v) for v in value)


def retrieve(
    corpus: Corpus,
    codings: CodingsLike,
    code: str | Iterable[str] | Theme | None = None,
    *,
    model: str | Iterable[str] | None = None,
    session: str | Iterable[str] | None = None,
    speaker: str | Iterable[str] | None = None,
    participant: str | Iterable[str] | None = None,
    coder: str | None = None,
    **attributes,
) -> pd.DataFrame:
    """The coded segments, with who said them, filtered by code, model and attributes.

    One row per (segment, coder), in collection order, with the columns ``session``, ``turn``,
    ``speaker``, ``participant`` (missing for facilitator turns), ``model``, every participant
    attribute (``age``, ``moud`` …), ``text``, ``codes`` (a tuple of all codes that coder
    applied to the segment, in codebook order) and ``coder``.

    Filters (each a value or a list of values; all must hold):

    - ``code``: segments carrying this code, any of these codes, or any code of a ``Theme``;
    - ``model``, ``session``, ``speaker``, ``participant``, ``coder``;
    - any participant attribute by name, e.g. ``moud="methadone"`` or ``age=[29, 30]``
      (compared as text, as in ``participants.csv``). An attribute filter keeps only
      participant talk.
    """
    source = "retrieve"
    turns = turn_table(corpus, attributes=True)
    attribute_names = list(_participant_attributes(corpus).columns)
    for name, value in attributes.items():
        if name not in attribute_names:
            expected = (
                "a filter code, model, session, speaker, participant, coder or a participant "
                "attribute (" + ", ".join(attribute_names) + ")"
            )
            raise InputError(source, f"filter {name}={value!r}", expected, name)
    encoded = _encode(corpus, turns, codings, coder, None, source)

    # Segments × coders, each with the codes that coder applied.
    k = len(encoded.codes)
    n_coders = max(len(encoded.coders), 1)
    key = _distinct(
        (encoded.unit * n_coders + encoded.coder) * k + encoded.code, len(turns) * n_coders * k
    )
    code_of = key % k
    segment_coder = key // k
    starts = np.flatnonzero(np.r_[True, segment_coder[1:] != segment_coder[:-1]])
    group_keys = segment_coder[starts]
    unit, coder_index = group_keys // n_coders, group_keys % n_coders
    code_lists = np.split(code_of, starts[1:]) if len(key) else []
    mask = np.ones(len(unit), dtype=bool)

    if code is not None:
        wanted = code.codes if isinstance(code, Theme) else _selection(code)
        unknown = [c for c in wanted if c not in encoded.codes]
        if unknown:
            raise _unknown_code(source, "code", unknown[0], encoded.codes)
        wanted_index = np.array([encoded.codes.index(c) for c in wanted], dtype=np.int64)
        hit = np.isin(code_of, wanted_index)
        mask &= np.logical_or.reduceat(hit, starts) if len(key) else mask

    def column_filter(column: str, value, check: Iterable[str] | None = None) -> None:
        nonlocal mask
        selected = _selection(value)
        if check is not None:
            options = tuple(check)
            for item in selected:
                if item not in options:
                    raise InputError(source, column, "one of " + ", ".join(options), item)
        values = turns[column].to_numpy(dtype=object, na_value=None)[unit]
        mask &= np.isin(
            np.array([None if v is None else str(v) for v in values], dtype=object),
            np.array(selected, dtype=object),
        )

    if model is not None:
        column_filter("model", model, corpus.models)
    if session is not None:
        column_filter("session", session, (s.session_id for s in corpus.sessions))
    if speaker is not None:
        column_filter("speaker", speaker)
    if participant is not None:
        column_filter("participant", participant, (p.participant_id for p in corpus.participants))
    for name, value in attributes.items():
        observed = sorted({str(v) for v in turns[name].dropna()}, key=_sort_key)
        column_filter(name, value, observed if len(observed) <= 12 else None)

    rows = turns.iloc[unit[mask]].reset_index(drop=True)
    rows = rows.drop(columns=["kind", "split"])
    text = rows.pop("text")
    rows["text"] = text
    rows["codes"] = [
        tuple(encoded.codes[i] for i in codes)
        for codes, keep in zip(code_lists, mask, strict=True)
        if keep
    ]
    rows["coder"] = [encoded.coders[i] for i in coder_index[mask]]
    return rows
