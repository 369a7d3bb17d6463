"""The chart of framework analysis: cases × themes, each cell a summary and the turns it rests on.

In the framework method (Ritchie & Spencer 1994; Gale et al. 2013) the analyst *charts*: for
each case (here a participant) and each theme, a short summary in her own words of what that
person said, with references to where. A :class:`Chart` holds exactly that and nothing of the
corpus: the frame (theme names with their codes, case ids in order) and the cells charted so
far. Changing a cell makes a new chart (:meth:`Chart.with_cell`); a blank cell is not stored.

>>> chart = Chart("ana", (Theme("Trust", ("PSS_LIVED_EXP",)),), ("P001",))
>>> chart = chart.with_cell(Cell("P001", "Trust", "Trusts her peer because she has been there.",
...                              (TurnRef("PSS-FG1", 2),)))
>>> chart.cell("P001", "Trust").turns
(TurnRef(session_id='PSS-FG1', turn=2),)
>>> chart.with_cell(Cell("P001", "Trust")).cells
()
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from qualkit.themes import Theme

__all__ = ["Cell", "Chart", "TurnRef"]


@dataclass(frozen=True, order=True)
class TurnRef:
    """A turn a cell rests on: ``(session_id, turn)``, the unit codings refer to."""

    session_id: str
    turn: int

    @property
    def id(self) -> str:
        """``"PSS-FG1|2"``: how the view names a turn."""
        return f"{self.session_id}|{self.turn}"

    @classmethod
    def parse(cls, text: str) -> TurnRef:
        session_id, turn = str(text).rsplit("|", 1)
        return cls(session_id, int(turn))


@dataclass(frozen=True)
class Cell:
    """One case's summary under one theme, and the turns it rests on (sorted, each once)."""

    case: str
    theme: str
    summary: str = ""
    turns: tuple[TurnRef, ...] = ()
    updated: str = ""  # ISO 8601 time of the last change ('' if never saved)

    def __post_init__(self) -> None:
        object.__setattr__(self, "turns", tuple(sorted(set(self.turns))))

    @property
    def blank(self) -> bool:
        return not self.summary.strip() and not self.turns

    @property
    def key(self) -> tuple[str, str]:
        return (self.case, self.theme)

    @property
    def words(self) -> int:
        return len(self.summary.split())


@dataclass(frozen=True)
class Chart:
    """A charter's chart: ``themes`` (columns, with their codes), ``cases`` (participant ids,
    rows) and the non-blank ``cells``, in case then theme order. ``codings`` names the coding
    file the cells' turns were picked from (for the record; grading is told which to use)."""

    charter: str
    themes: tuple[Theme, ...]
    cases: tuple[str, ...]
    cells: tuple[Cell, ...] = ()
    codings: str = ""

    @property
    def theme_names(self) -> tuple[str, ...]:
        return tuple(theme.name for theme in self.themes)

    def theme(self, name: str) -> Theme:
        for theme in self.themes:
            if theme.name == name:
                return theme
        raise KeyError(
            f"no theme {name!r} in the chart; its themes are {', '.join(self.theme_names)}"
        )

    def cell(self, case: str, theme: str) -> Cell:
        """The cell of ``case`` under ``theme`` (a blank one if nothing is charted there)."""
        if case not in self.cases:
            raise KeyError(f"no case {case!r} in the chart")
        self.theme(theme)
        for cell in self.cells:
            if cell.key == (case, theme):
                return cell
        return Cell(case, theme)

    def with_cell(self, cell: Cell) -> Chart:
        """This chart with ``cell`` in its place (a blank cell removes what was there)."""
        self.cell(cell.case, cell.theme)  # a known case and theme
        others = [c for c in self.cells if c.key != cell.key]
        return replace(self, cells=self._ordered([*others, *([] if cell.blank else [cell])]))

    def with_frame(self, themes: Iterable[Theme], cases: Iterable[str]) -> Chart:
        """The chart on a new frame. Nothing charted is dropped: a theme or case that has cells
        but is not in the new frame stays, after the new ones."""
        themes, cases = tuple(themes), tuple(cases)
        names = {theme.name for theme in themes}
        kept = tuple(
            t
            for t in self.themes
            if t.name not in names and any(c.theme == t.name for c in self.cells)
        )
        extra = tuple(
            case for case in dict.fromkeys(c.case for c in self.cells) if case not in cases
        )
        return replace(self, themes=themes + kept, cases=cases + extra)._reorder()

    def _reorder(self) -> Chart:
        return replace(self, cells=self._ordered(self.cells))

    def _ordered(self, cells: Iterable[Cell]) -> tuple[Cell, ...]:
        rows = {case: index for index, case in enumerate(self.cases)}
        columns = {name: index for index, name in enumerate(self.theme_names)}
        return tuple(sorted(cells, key=lambda c: (rows[c.case], columns[c.theme])))
