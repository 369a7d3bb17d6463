"""Reading the chart: down a column, across a row, and the whole chart as a table or CSV.

Down a column is one theme across the cases, grouped by support model (how the models
compare); across a row is one woman across the themes (her case as a whole). Both are pandas
tables whose ``turns`` column names the turns each summary rests on (``PSS-FG1 turn 2``).
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike

import pandas as pd

from qualkit.atomic import write_atomic
from qualkit.charting.cases import Case
from qualkit.charting.chart import Chart, TurnRef

__all__ = ["across_row", "chart_cells", "chart_csv", "chart_table", "down_column"]


def _refs(turns: Iterable[TurnRef]) -> str:
    return "; ".join(f"{t.session_id} turn {t.turn}" for t in turns)


def _case_map(chart: Chart, cases: Iterable[Case]) -> dict[str, Case]:
    known = {case.id: case for case in cases}
    missing = [case for case in chart.cases if case not in known]
    if missing:
        raise KeyError(f"no fact sheet for the chart's cases {', '.join(missing)}")
    return known


def _ordered(chart: Chart, cases: Iterable[Case]) -> list[Case]:
    """The chart's cases, grouped by model in the order ``cases`` gives the models."""
    known = _case_map(chart, cases)
    models = list(dict.fromkeys(case.model for case in known.values()))
    return sorted((known[c] for c in chart.cases), key=lambda case: models.index(case.model))


def chart_cells(chart: Chart, cases: Iterable[Case]) -> pd.DataFrame:
    """One row per case × theme (blank cells too), grouped by model: the chart, lossless.

    Columns: ``model``, ``case``, ``name``, ``theme``, ``summary``, ``turns``, ``updated``.
    """
    rows = []
    for case in _ordered(chart, cases):
        for theme in chart.theme_names:
            cell = chart.cell(case.id, theme)
            rows.append(
                (
                    case.model_label,
                    case.id,
                    case.name,
                    theme,
                    cell.summary,
                    _refs(cell.turns),
                    cell.updated,
                )
            )
    columns = ["model", "case", "name", "theme", "summary", "turns", "updated"]
    return pd.DataFrame(rows, columns=columns)


def chart_table(chart: Chart, cases: Iterable[Case]) -> pd.DataFrame:
    """The chart as it is drawn: a row per case (index: model, case), a column per theme."""
    long = chart_cells(chart, cases)
    wide = long.pivot(index=["model", "case"], columns="theme", values="summary")
    order = list(dict.fromkeys(zip(long["model"], long["case"], strict=True)))
    wide = wide.reindex(index=pd.MultiIndex.from_tuples(order, names=["model", "case"]))
    wide = wide[list(chart.theme_names)]
    wide.columns.name = None
    names = dict(zip(long["case"], long["name"], strict=True))
    wide.insert(0, "name", [names[case] for _, case in wide.index])
    return wide


def down_column(chart: Chart, cases: Iterable[Case], theme: str) -> pd.DataFrame:
    """One theme across the cases, grouped by model: ``model``, ``case``, ``name``, ``summary``,
    ``turns``."""
    chart.theme(theme)
    table = chart_cells(chart, cases)
    table = table[table["theme"] == theme].drop(columns=["theme", "updated"])
    return table.reset_index(drop=True)


def across_row(chart: Chart, cases: Iterable[Case], case: str) -> pd.DataFrame:
    """One woman across the themes: ``theme``, ``codes``, ``summary``, ``turns``."""
    known = _case_map(chart, cases)
    if case not in chart.cases:
        raise KeyError(f"no case {case!r} in the chart")
    rows = [
        (theme.name, ", ".join(theme.codes), cell.summary, _refs(cell.turns))
        for theme in chart.themes
        for cell in [chart.cell(known[case].id, theme.name)]
    ]
    return pd.DataFrame(rows, columns=["theme", "codes", "summary", "turns"])


def chart_csv(chart: Chart, cases: Iterable[Case], path: str | PathLike | None = None) -> str:
    """:func:`chart_cells` as CSV text (UTF-8), also written atomically to ``path`` if given."""
    text = chart_cells(chart, cases).to_csv(index=False, lineterminator="\n")
    if path is not None:
        write_atomic(path, text)
    return text
