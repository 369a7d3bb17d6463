"""The framework matrix: codes or themes × cases, with counts and exemplar quotes per cell.

Ritchie & Spencer's framework method charts each case against each theme; here a cell holds
the coded segments of participant talk, the participants who voiced the row, and the longest
quotes (see :func:`framework_matrix`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from qualkit.corpus import Corpus
from qualkit.errors import InputError
from qualkit.frequencies import BYS, groups
from qualkit.tables import (
    CodingsLike,
    applied_codes,
    participant_attributes,
    sessions_counted,
    turn_table,
    unknown_code,
)
from qualkit.themes import Theme, ThemeMap
from qualkit.wording import plural

__all__ = ["FrameworkMatrix", "Quote", "framework_matrix", "shorten", "sort_key"]

Rows = Iterable[Theme] | ThemeMap | Mapping[str, Iterable[str]] | None


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
            counts = f"{plural(n, 'segment')}, {plural(people, 'participant')}"
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


def _feeds(rows: Rows, codes: tuple[str, ...]) -> tuple[tuple[str, ...], pd.DataFrame]:
    """Row labels, and which code feeds which row (columns ``code``, ``label``)."""
    if rows is None:
        return codes, pd.DataFrame({"code": codes, "label": codes})
    themes = ThemeMap.of(rows).themes
    pairs = []
    for theme in themes:
        for code in dict.fromkeys(theme.codes):
            if code not in codes:
                # A typo would silently empty the row; check_themes explains in more detail.
                raise unknown_code("framework_matrix", f"theme {theme.name!r}", code, codes)
            pairs.append((code, theme.name))
    return tuple(t.name for t in themes), pd.DataFrame(pairs, columns=["code", "label"])


def sort_key(value: str):
    """Numbers as numbers ("9" before "10"), other text alphabetically after them."""
    try:
        return (0, float(value), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(value))


def framework_matrix(
    corpus: Corpus,
    codings: CodingsLike,
    rows: Rows = None,
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
    coder, codes, sessions : as in :func:`~qualkit.frequencies.code_frequencies`.

    Exemplars are chosen deterministically: the **longest** coded turns of the cell (long turns
    tend to say the most), each from a **different participant** while possible; ties go to
    the earlier turn in collection order. Only participant talk counts.
    """
    source = "framework_matrix"
    if quotes < 0:
        raise InputError(source, "quotes", "a number of quotes ≥ 0", quotes)
    attribute_names = tuple(participant_attributes(corpus).columns)
    if columns not in BYS and columns not in attribute_names:
        expected = (
            "model, session, participant or a participant attribute ("
            + ", ".join(attribute_names)
            + ")"
        )
        raise InputError(source, "columns", expected, columns)
    turns = turn_table(corpus, attributes=columns not in BYS)
    applied, order, covered = applied_codes(
        codings, corpus=corpus, turns=turns, coder=coder, codes=codes, source=source
    )
    counted = sessions_counted(turns, covered, sessions, source)
    if columns in BYS:
        labels, group, _ = groups(corpus, turns, counted, columns)
    else:
        values = turns[columns].where(turns["session"].isin(counted) & turns[columns].notna())
        group = values.map(str, na_action="ignore")
        labels = tuple(sorted(set(group.dropna()), key=sort_key))
    row_labels, feeds = _feeds(rows, order)
    talk = (turns["participant"].notna() & group.notna()).to_numpy()

    # Each coded turn of participant talk, once per matrix row it feeds.
    coded = applied[talk[applied["row"].to_numpy()]].astype({"code": str})
    cells = coded[["row", "code"]].merge(feeds, on="code").drop_duplicates(["label", "row"])
    at = cells["row"].to_numpy()
    cells = cells.assign(
        column=group.to_numpy()[at],
        participant=turns["participant"].to_numpy()[at],
        length=turns["text"].str.len().to_numpy()[at],
    )

    def table(per_cell: pd.Series, fill) -> pd.DataFrame:
        """A value per (label, column) pair as a row × column frame, ``fill`` elsewhere."""
        frame = per_cell.unstack() if len(per_cell) else pd.DataFrame()
        frame = frame.reindex(
            index=pd.Index(row_labels, name="code" if rows is None else "theme"),
            columns=pd.Index(labels, name=columns),
        )
        # unstack and reindex leave NaN in empty cells (the cells can hold tuples)
        return frame.map(
            lambda value: fill if isinstance(value, float) and value != value else value
        )

    segments = table(cells.groupby(["label", "column"]).size(), 0).astype("int64")
    voiced = cells.drop_duplicates(["label", "column", "participant"])
    people = table(voiced.groupby(["label", "column"]).size(), 0).astype("int64")

    # Exemplars: each participant's longest turn before anyone's second, longest first, then
    # collection order (the turn table's row order).
    cells = cells.sort_values(["length", "row"], ascending=[False, True], kind="stable")
    cells["repeat"] = cells.duplicated(["label", "column", "participant"])
    cells = cells.sort_values(["repeat", "length", "row"], ascending=[True, False, True])
    chosen = cells[cells.groupby(["label", "column"]).cumcount() < quotes]

    def quote(at: int) -> Quote:
        turn = turns.iloc[at]
        return Quote(
            turn.session,
            int(turn.turn),
            turn.speaker,
            turn.participant,
            shorten(turn.text, max_chars),
        )

    exemplars = chosen.groupby(["label", "column"], sort=False)["row"].agg(
        lambda at: tuple(map(quote, at))
    )
    return FrameworkMatrix(
        segments=segments,
        participants=people,
        quotes=table(exemplars, ()),
        rows="code" if rows is None else "theme",
        columns=columns,
    )
