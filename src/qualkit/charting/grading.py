"""Grading a chart from its file, for a lesson's trusted grading step (pure functions).

Each required cell (case × theme) is checked for what the framework method asks of a cell:

- **charted**: a summary of sensible length (:data:`MIN_WORDS` to :data:`MAX_WORDS` words);
- **own words**: not a copy of what she said. Overlap is measured against every turn of that
  participant: the longest run of words shared with one turn (:func:`longest_shared_run`) and
  the share of the summary's word 3-grams found in her turns (:func:`shared_trigrams`). A short
  quoted phrase inside a summary is fine; a pasted quotation is not;
- **grounded**: it rests on one or more turns, each a turn of that case coded (in the codings
  the grader names) with one of the theme's codes, as the chart file records them.

:func:`copied_cells` compares one chart with other students' charts, cell by cell, with the same
measures: a summary that matches another's is named (both ways: who copied from whom is the
instructor's to judge, so it is reported, not scored).

A cell earns its points only for a summary of her own: grounding is credited only with one,
so a chart of pasted quotations and a blank chart score the same (:func:`score`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from qualkit.charting.cases import Candidates, case_turns, cases_of
from qualkit.charting.chart import Chart, TurnRef
from qualkit.codings import Codings
from qualkit.corpus import Corpus

__all__ = [
    "MAX_RUN",
    "MAX_SHARED",
    "MAX_WORDS",
    "MIN_WORDS",
    "CellGrade",
    "copied_cells",
    "grade_cells",
    "longest_shared_run",
    "score",
    "shared_trigrams",
    "words",
]

MIN_WORDS = 10
MAX_WORDS = 150
MAX_RUN = 8  # a shared run longer than this is a copied sentence, not a quoted phrase
MAX_SHARED = 0.35  # share of the summary's word 3-grams that may also be in her turns
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@functools.lru_cache(maxsize=4096)  # a chart is graded against the same turns many times
def words(text: str) -> tuple[str, ...]:
    """Lower-case words, apostrophes kept inside them (punctuation and case do not count).

    >>> words("She gets it. I mean, she's been there!")
    ('she', 'gets', 'it', 'i', 'mean', "she's", 'been', 'there')
    """
    return tuple(w.lower().replace("’", "'") for w in _WORD.findall(text))


def longest_shared_run(summary: str, sources: Iterable[str]) -> int:
    """The longest run of consecutive words the summary shares with any one source.

    >>> longest_shared_run("She says her peer gets it because she has been there",
    ...                    ["I mean, she gets it. She has been there."])
    4
    """
    mine = words(summary)
    best = 0
    for source in sources:
        places: dict[str, list[int]] = {}
        for j, word in enumerate(words(source)):
            places.setdefault(word, []).append(j)
        # Only where the words meet: each run ending at a place of this word in the source is
        # one longer than the run that ended just before it (most words meet nowhere).
        previous: dict[int, int] = {}
        for word in mine:
            current = {j: previous.get(j - 1, 0) + 1 for j in places.get(word, ())}
            best = max([best, *current.values()])
            previous = current
    return best


def _trigrams(sequence: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {sequence[i : i + 3] for i in range(len(sequence) - 2)}


def shared_trigrams(summary: str, sources: Iterable[str]) -> float:
    """The share of the summary's word 3-grams found in the sources (0 for a short summary).

    >>> shared_trigrams("she has been there for me", ["She has been there."])
    0.5
    """
    mine = _trigrams(words(summary))
    if not mine:
        return 0.0
    theirs = set().union(*(_trigrams(words(source)) for source in sources))
    return len(mine & theirs) / len(mine)


@dataclass(frozen=True)
class CellGrade:
    """What the checks found in one required cell; ``problems`` say why, for feedback."""

    case: str
    theme: str
    words: int
    longest_run: int
    shared: float  # share of 3-grams
    turns: int  # turns it rests on
    stray: tuple[TurnRef, ...]  # turns it rests on that are not that case's coded turns
    charted: bool
    own_words: bool
    grounded: bool
    problems: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.case, self.theme)

    @property
    def points(self) -> int:
        """1 for a summary of her own, 1 more for resting it on the right turns."""
        summary = self.charted and self.own_words
        return int(summary) + int(summary and self.grounded)


def grade_cells(
    chart: Chart,
    required: Iterable[tuple[str, str]],
    corpus: Corpus,
    codings: Codings,
    *,
    min_words: int = MIN_WORDS,
    max_words: int = MAX_WORDS,
    max_run: int = MAX_RUN,
    max_shared: float = MAX_SHARED,
) -> tuple[CellGrade, ...]:
    """Grade each required ``(case, theme)`` cell of ``chart`` (see the module's docstring).

    The theme's codes are the chart's own (her theme map, as saved in the file); a required
    cell of a theme or case the chart lacks is graded as blank, never an error.
    """
    candidates = Candidates.of(codings)
    grades = []
    for case_id, theme_name in required:
        try:
            cell = chart.cell(case_id, theme_name)
            theme = chart.theme(theme_name)
        except KeyError:
            cell, theme = None, None
        summary = cell.summary if cell else ""
        turns = cell.turns if cell else ()
        case = cases_of(corpus, [case_id])[0]
        hers = case_turns(corpus, case)
        texts = [turn.text for turn in hers]
        count = len(summary.split())
        run = longest_shared_run(summary, texts)
        shared = shared_trigrams(summary, texts)
        allowed = (
            {TurnRef(t.session_id, t.turn) for t, _ in candidates.for_cell(hers, theme)}
            if theme
            else set()
        )
        stray = tuple(t for t in turns if t not in allowed)
        charted = min_words <= count <= max_words
        own = bool(summary.strip()) and run <= max_run and shared <= max_shared
        grounded = bool(turns) and not stray
        problems = []
        if not summary.strip():
            problems.append("no summary")
        elif not charted:
            problems.append(f"{count} words; a summary here is {min_words} to {max_words} words")
        if summary.strip() and not own:
            problems.append(
                f"copies her words ({run} words in a row, {shared:.0%} of its word triples "
                f"are hers): summarize in your own words, and quote at most a short phrase"
            )
        if not turns:
            problems.append("rests on no turn")
        elif stray:
            refs = ", ".join(f"{t.session_id} turn {t.turn}" for t in stray)
            problems.append(f"rests on turns that are not her turns coded for this theme: {refs}")
        grades.append(
            CellGrade(
                case_id,
                theme_name,
                count,
                run,
                shared,
                len(turns),
                stray,
                charted,
                own,
                grounded,
                tuple(problems),
            )
        )
    return tuple(grades)


def score(grades: Iterable[CellGrade]) -> int:
    """Points over the graded cells (two per cell at most)."""
    return sum(grade.points for grade in grades)


def copied_cells(
    chart: Chart,
    others: Iterable[Chart],
    *,
    max_run: int = MAX_RUN,
    max_shared: float = MAX_SHARED,
) -> dict[tuple[str, str], tuple[str, ...]]:
    """The cells of ``chart`` whose summary matches the same cell of another chart (more than
    ``max_run`` words in a row, or more than ``max_shared`` of its word 3-grams), each with the
    charters it matches."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    others = tuple(other for other in others if other.charter != chart.charter)
    for cell in chart.cells:
        if not cell.summary.strip():
            continue
        matches = []
        for other in others:
            try:
                theirs = other.cell(*cell.key).summary
            except KeyError:
                continue
            if theirs.strip() and (
                longest_shared_run(cell.summary, [theirs]) > max_run
                or shared_trigrams(cell.summary, [theirs]) > max_shared
            ):
                matches.append(other.charter)
        if matches:
            found[cell.key] = tuple(matches)
    return found
