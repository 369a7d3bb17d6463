"""The charting tool: a chart in progress, each action saved at once to the chart file.

The tool holds what the view shows (the open cell, the turn shown in context, a status line)
and turns each action into a new :class:`~qualkit.charting.chart.Chart`, saved before the
action returns (:class:`~qualkit.charting.chart_file.ChartFile`). The view (``qualkit.widget``)
only draws; the same work from code gives the same file::

    tool.open("P001", "Trust")
    tool.write_summary("Trusts her peer because she has lived it too.")
    tool.pick("PSS-FG1|2")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from os import PathLike
from pathlib import Path

import pandas as pd

from qualkit.charting import views
from qualkit.charting.cases import Candidates, Case, case_turns, cases_of
from qualkit.charting.chart import Cell, Chart, TurnRef
from qualkit.charting.chart_file import ChartFile, default_path
from qualkit.codings import Codings, utc_now
from qualkit.corpus import Corpus
from qualkit.errors import InputError
from qualkit.themes import Theme, ThemeMap, _as_themes
from qualkit.transcripts import Turn
from qualkit.wording import plural

__all__ = ["CONTEXT_TURNS", "ChartingTool"]

CONTEXT_TURNS = 2  # turns shown before and after the one shown in context


class ChartingTool:
    """``charter``'s chart of ``cases`` (participant ids) × ``themes`` at ``path``."""

    def __init__(
        self,
        corpus: Corpus,
        themes: ThemeMap | Iterable[Theme] | Mapping[str, Iterable[str]],
        codings: Codings,
        charter: str,
        path: str | PathLike | None = None,
        cases: Iterable[str] | None = None,
        *,
        codings_name: str = "",
        clock: Callable[[], str] = utc_now,
    ) -> None:
        self.corpus, self.codings, self.clock = corpus, codings, clock
        default = default_path(charter)  # refuses a charter without a name
        self.charter = charter.strip()
        self.file = ChartFile(path if path is not None else default, self.charter)
        themes = tuple(themes.themes if isinstance(themes, ThemeMap) else _as_themes(themes))
        if not themes:
            raise InputError("chart", "argument 'themes'", "one or more themes", themes)
        self.cases: tuple[Case, ...] = cases_of(corpus, cases)
        frame = Chart(self.charter, themes, tuple(c.id for c in self.cases), (), codings_name)
        saved = self.file.read()
        self.chart = frame if saved is None else saved.with_frame(frame.themes, frame.cases)
        if saved is not None and codings_name:
            self.chart = replace(self.chart, codings=codings_name)
        missing = [c for c in self.chart.cases if c not in {case.id for case in self.cases}]
        if missing:  # kept from the file: charted before, not asked for now
            self.cases += cases_of(corpus, missing)
        self._candidates = Candidates.of(codings)
        self.current: tuple[str, str] | None = None
        self.context: TurnRef | None = None
        n = len(self.chart.cells)
        self.status = (
            f"Resumed {plural(n, 'charted cell')} from {self.path.name}."
            if saved is not None
            else f"Nothing charted yet; every change is saved at once to {self.path.name}."
        )
        self._listeners: list[Callable[[str], None]] = []

    # ------------------------------------------------------------------ looking

    @property
    def path(self) -> Path:
        return self.file.path

    def case(self, case_id: str) -> Case:
        for case in self.cases:
            if case.id == case_id:
                return case
        raise KeyError(f"no case {case_id!r} in the chart")

    def candidates(self, case_id: str, theme: str) -> tuple[tuple[Turn, tuple[str, ...]], ...]:
        """Her turns coded with one of the theme's codes, each with those codes."""
        return self._candidates.for_cell(
            case_turns(self.corpus, self.case(case_id)), self.chart.theme(theme)
        )

    def cell(self) -> Cell:
        if self.current is None:
            raise ValueError("open a cell first")
        return self.chart.cell(*self.current)

    def in_context(self) -> tuple[Turn, ...]:
        """The turn shown in context, with :data:`CONTEXT_TURNS` turns either side."""
        if self.context is None:
            return ()
        turns = self.corpus.transcript(self.context.session_id).turns
        at = self.context.turn - 1
        return tuple(turns[max(0, at - CONTEXT_TURNS) : at + CONTEXT_TURNS + 1])

    def on_change(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def _changed(self, what: str) -> None:
        for listener in self._listeners:
            listener(what)

    # ------------------------------------------------------------------ actions

    def open(self, case_id: str, theme: str) -> Cell:
        """Open the cell of ``case_id`` × ``theme`` for editing."""
        self.case(case_id)
        cell = self.chart.cell(case_id, theme)
        self.current, self.context = (case_id, theme), None
        self.status = f"{self._name(cell)}: {self._describe(cell)}."
        self._changed("open")
        return cell

    def write_summary(self, text: str) -> Cell:
        """Set the open cell's summary (and save it)."""
        if not isinstance(text, str):
            raise InputError("chart", "summary", "text", text)
        cell = self.cell()
        if text == cell.summary:
            self.status = f"{self._name(cell)}: the summary was saved already."
            self._changed("status")
            return cell
        return self._save(replace(cell, summary=text), "the summary")

    def pick(self, turn: str | TurnRef, on: bool = True) -> Cell:
        """Rest the open cell on a turn (``on``), or no longer (and save it)."""
        ref = turn if isinstance(turn, TurnRef) else TurnRef.parse(turn)
        cell = self.cell()
        allowed = {TurnRef(t.session_id, t.turn) for t, _ in self.candidates(*self.current)}
        if on and ref not in allowed:
            raise ValueError(
                f"{ref.session_id} turn {ref.turn} is not one of this case's turns coded with "
                f"the theme's codes"
            )
        turns = set(cell.turns) | {ref} if on else set(cell.turns) - {ref}
        if turns == set(cell.turns):
            self.status = f"{self._name(cell)}: nothing to change."
            self._changed("status")
            return cell
        what = f"{ref.session_id} turn {ref.turn} " + ("added" if on else "removed")
        return self._save(replace(cell, turns=tuple(turns)), what)

    def show(self, turn: str | TurnRef) -> None:
        """Show a turn in context (the turns around it)."""
        ref = turn if isinstance(turn, TurnRef) else TurnRef.parse(turn)
        self.corpus.transcript(ref.session_id).turn(ref.turn)  # a turn that exists
        self.context = ref
        self.status = f"Showing {ref.session_id} turn {ref.turn} in context."
        self._changed("context")

    def reload(self) -> None:
        """Read the file again (something else changed it)."""
        saved = self.file.read()
        if saved is not None:
            self.chart = saved.with_frame(self.chart.themes, self.chart.cases)
        self._changed("reload")

    # ------------------------------------------------------------------ reading and exports

    def down_column(self, theme: str) -> pd.DataFrame:
        """One theme across the cases, grouped by model (:func:`~qualkit.charting.views.down_column`)."""
        return views.down_column(self.chart, self.cases, theme)

    def across_row(self, case_id: str) -> pd.DataFrame:
        """One woman across the themes (:func:`~qualkit.charting.views.across_row`)."""
        return views.across_row(self.chart, self.cases, case_id)

    def table(self) -> pd.DataFrame:
        """The chart as drawn: a row per case, a column per theme."""
        return views.chart_table(self.chart, self.cases)

    def to_csv(self, path: str | PathLike | None = None) -> str:
        """Every case × theme as CSV (also written to ``path`` if given)."""
        return views.chart_csv(self.chart, self.cases, path)

    def export_qdpx(self, path: str | PathLike, *, title: str | None = None) -> None:
        """The corpus, the codings and the chart's cells as a REFI-QDA project (``.qdpx``)."""
        from qualkit.charting.refi_notes import export_chart_qdpx  # lxml, only when exporting

        export_chart_qdpx(path, self.corpus, self.codings, self.chart, self.cases, title=title)

    # ------------------------------------------------------------------ saving

    def _save(self, cell: Cell, what: str) -> Cell:
        cell = replace(cell, updated=self.clock())
        self.chart = self.file.save(self.chart, cell)
        saved = self.chart.cell(cell.case, cell.theme)
        self.status = (
            f"Saved {self._name(saved)} ({what}; {self._describe(saved)}) to {self.path.name}."
        )
        self._changed("cell")
        return saved

    def _name(self, cell: Cell) -> str:
        return f"{self.case(cell.case).name} × {cell.theme}"

    @staticmethod
    def _describe(cell: Cell) -> str:
        if cell.blank:
            return "not charted yet"
        return f"{plural(cell.words, 'word')}, resting on {plural(len(cell.turns), 'turn')}"
