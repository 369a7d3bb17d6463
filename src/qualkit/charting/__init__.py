"""Framework charting: cases × themes, each cell a summary in her own words and the turns it
rests on, saved at once to ``<charter>.chart.json`` beside the notebook.

In a lesson notebook::

    from qualkit import chart_cases
    chart = chart_cases({"Advocacy": ["DOULA_ADVOCACY_HOSP", "X_STIGMA_CARE"], ...},
                        charter="ana", codings="ana.codings.json", cases=["P001", "P007"])
    chart                       # the widget: click a cell, write, tick the turns it rests on
    chart.tool.down_column("Advocacy")   # reading views, as pandas tables; .across_row("P001")
    chart.tool.to_csv("chart.csv"); chart.tool.export_qdpx("chart.qdpx")

One concept per module: :mod:`~qualkit.charting.chart` (the pure chart),
:mod:`~qualkit.charting.cases` (cases and the turns a cell may rest on),
:mod:`~qualkit.charting.chart_file` (the file), :mod:`~qualkit.charting.views` (reading views
and CSV), :mod:`~qualkit.charting.tool` (actions, each saved), :mod:`~qualkit.charting.grading`
(for a lesson's trusted grading step) and :mod:`~qualkit.charting.refi_notes` (into a
REFI-QDA project; imported by name, it needs lxml).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from os import PathLike
from pathlib import Path

from qualkit.charting.cases import Case, cases_of, coded_turns
from qualkit.charting.chart import Cell, Chart, TurnRef
from qualkit.charting.chart_file import default_path, read_chart
from qualkit.charting.tool import ChartingTool
from qualkit.charting.views import across_row, chart_cells, chart_csv, chart_table, down_column
from qualkit.codings import Codings, read_codings, utc_now
from qualkit.corpus import Corpus, load_corpus
from qualkit.themes import Theme, ThemeMap

__all__ = [
    "Case",
    "Cell",
    "Chart",
    "ChartingTool",
    "TurnRef",
    "across_row",
    "cases_of",
    "chart_cases",
    "chart_cells",
    "chart_csv",
    "chart_table",
    "coded_turns",
    "default_path",
    "down_column",
    "read_chart",
]


def _codings(codings: Codings | str | PathLike, corpus: Corpus) -> tuple[Codings, str]:
    if isinstance(codings, Codings):
        return codings, ""
    path = Path(codings)
    if isinstance(codings, str) and not path.suffix and not path.exists():
        return corpus.codings(codings), f"corpus codings {codings!r}"  # "team", "ana", "ben"
    return read_codings(path, corpus.codebook, corpus.transcripts()), path.name


def chart_cases(
    themes: ThemeMap | Iterable[Theme] | Mapping[str, Iterable[str]],
    charter: str,
    codings: Codings | str | PathLike = "team",
    cases: Iterable[str] | None = None,
    path: str | PathLike | None = None,
    corpus: Corpus | str | PathLike | None = None,
    *,
    title: str = "Framework chart",
    clock: Callable[[], str] = utc_now,
):
    """The charting widget: ``cases`` (participant ids; default all) × ``themes`` (a ThemeMap,
    Theme objects or ``{name: codes}``), candidate turns from ``codings`` (a Codings, a coding
    file such as ``"ana.codings.json"``, or the corpus's ``"team"``), saving to ``path``
    (default ``<charter>.chart.json``). Reopening resumes what was saved.
    """
    from qualkit.charting.widget import ChartWidget  # anywidget, only when drawn

    if not isinstance(corpus, Corpus):
        corpus = load_corpus("default" if corpus is None else corpus)
    loaded, name = _codings(codings, corpus)
    tool = ChartingTool(
        corpus, themes, loaded, charter, path, cases, codings_name=name, clock=clock
    )
    return ChartWidget(tool, title=title)
