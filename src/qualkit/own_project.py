"""Her own project as one REFI-QDA file: the coding of her practice group she made in lesson 03
(its codings at their spans and its memos) and, when she has one, her chart from lesson 06.

Lesson 07 exports it (:func:`export_own_project`), so that the analysis she carried through the
course opens in QualCoder, ATLAS.ti, MAXQDA or NVivo. The chart is brought like the coding
(:func:`bring_chart` copies ``../06-comparing-support-models/<charter>.chart.json`` into the
lesson's folder, handed in with it); QDA-XML has no chart, so its cells travel as notes
(:mod:`qualkit.charting.refi_notes`).
"""

from __future__ import annotations

import shutil
from os import PathLike
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.corpus import Corpus, load_corpus
from qualkit.errors import StudentError
from qualkit.own_study import CarriedCoding

__all__ = ["CHART_LESSON", "bring_chart", "export_own_project", "own_project_bytes"]

CHART_LESSON = "06-comparing-support-models"
CHART_SUFFIX = ".chart.json"


def _charts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob(f"*{CHART_SUFFIX}") if p.is_file() and not p.is_symlink())


def bring_chart(here: str | PathLike = ".", lesson: str = CHART_LESSON) -> Path | None:
    """Copy her lesson-06 chart into this lesson's folder and return the copy; ``None`` when she
    has none (the lesson is optional here: the project is complete without it).

    >>> bring_chart("/nowhere") is None
    True
    """
    here = Path(here)
    source_folder = here.resolve().parent / lesson
    found = _charts(source_folder) if source_folder.is_dir() else []
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise StudentError(
            f"{source_folder} holds {len(found)} chart files ({names}): keep only yours and "
            "run this cell again."
        )
    if found:
        copy = here / found[0].name
        shutil.copyfile(found[0], copy)
        return copy
    kept = _charts(here)
    return kept[0] if len(kept) == 1 else None


def own_project_bytes(
    carried: CarriedCoding,
    chart_path: str | PathLike | None = None,
    corpus: Corpus | None = None,
    *,
    title: str = "My study",
) -> bytes:
    """The ``.qdpx`` of her project: the corpus's transcripts and codebook, her codings and
    memos (under her coder name) and, with ``chart_path``, her chart's cells as notes."""
    from qualkit.refi import qdpx_bytes

    if carried is None:
        raise StudentError(
            "Your lesson-03 coding is not here yet: run the cell near the top that brings it "
            "(qualkit.bring_coding()) and read what it says."
        )
    corpus = corpus or load_corpus()
    if chart_path is None:
        return qdpx_bytes(corpus, carried.codings, title=title, check=True)
    from qualkit.charting.cases import cases_of
    from qualkit.charting.chart_file import read_chart
    from qualkit.charting.refi_notes import chart_qdpx_bytes

    chart = read_chart(chart_path)
    cases = cases_of(corpus, chart.cases)
    return chart_qdpx_bytes(corpus, carried.codings, chart, cases, title=title)


def export_own_project(
    path: str | PathLike,
    carried: CarriedCoding,
    chart_path: str | PathLike | None = None,
    *,
    title: str = "My study",
) -> None:
    """Write :func:`own_project_bytes` to ``path`` (atomically) and say what it holds."""
    if not isinstance(title, str) or not title.strip(" ."):
        if title is Ellipsis:  # the lesson's blank, TITLES[...]
            raise StudentError(
                "title: replace the ... with the number of a title in the list "
                "printed above, like TITLES[0]."
            )
        raise StudentError(
            f"title: choose a title from the list printed above, like TITLES[0] (found {title!r})."
        )
    data = own_project_bytes(carried, chart_path, title=title)
    write_atomic(path, data)
    memos = len(carried.codings.memos) + sum(1 for c in carried.codings if c.memo.strip())
    chart = f", and the chart {Path(chart_path).name}" if chart_path else ", no chart"
    print(
        f"Wrote {path}: {len(carried.codings.codings)} codings of {carried.session_id} by "
        f"{carried.coder}, {memos} memo(s){chart}."
    )
