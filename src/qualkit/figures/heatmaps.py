"""Heatmaps: code co-occurrence (:func:`cooccurrence_figure`) and codes × groups, a model
comparison or framework matrix (:func:`comparison_figure`)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize
from matplotlib.ticker import MaxNLocator

from qualkit.errors import InputError
from qualkit.figures.describe import describe_comparison, describe_cooccurrence, in_sentence, number
from qualkit.figures.figure import (
    MEASURE_LABELS,
    STYLE,
    WIDTH,
    Figure,
    Labels,
    ink_on,
    new_figure,
    numeric_frame,
)
from qualkit.framework import FrameworkMatrix

__all__ = ["ANNOTATE_CODES", "ANNOTATE_COLUMNS", "comparison_figure", "cooccurrence_figure"]

# Beyond these, printed values no longer fit their cells at a notebook's width.
ANNOTATE_CODES = 25
ANNOTATE_COLUMNS = 12


def cooccurrence_figure(
    matrix: pd.DataFrame,
    *,
    annotate: bool | None = None,
    drop_unused: bool = True,
    title: str | None = None,
) -> Figure:
    """Heatmap of the lower triangle of a co-occurrence matrix.

    ``matrix`` is from :func:`qualkit.matrices.cooccurrence` (counts or Jaccard). Cells are
    coloured by value (viridis, reversed so that more is darker; zero is left white); the
    diagonal, a code's own frequency, is grey and printed, not coloured, so it does not swamp
    the scale. ``annotate`` prints the values (default: up to :data:`ANNOTATE_CODES` codes).
    """
    source = "cooccurrence_figure"
    frame = numeric_frame(matrix, source)
    if list(frame.index) != list(frame.columns):
        raise InputError(source, "matrix", "a square code × code matrix (same rows and columns)")
    jaccard = frame.attrs.get("normalize") == "jaccard"
    diagonal = np.diag(frame.to_numpy(dtype=float))
    if drop_unused:
        keep = ~np.isnan(diagonal) & (diagonal > 0)
        frame = frame.loc[keep, keep]
    codes = list(frame.index)
    if not codes:
        raise InputError(source, "matrix", "at least one code applied", 0)
    n = len(codes)
    values = frame.to_numpy(dtype=float)
    lower = np.tril(np.ones((n, n), dtype=bool), k=-1)
    off = np.where(lower & (np.nan_to_num(values) > 0), values, np.nan)
    annotate = n <= ANNOTATE_CODES if annotate is None else annotate
    label = "Jaccard index (shared ÷ either)" if jaccard else "Segments with both codes"

    with mpl.rc_context(STYLE):
        width = min(WIDTH, 3.0 + 0.17 * n)
        fig = new_figure(width - 0.5, width=width)
        ax = fig.add_subplot()
        ax.spines[:].set_visible(False)
        cmap = mpl.colormaps["viridis_r"].with_extremes(bad="white")
        top = np.nanmax(off) if np.isfinite(off).any() else 1.0
        # Scale to the largest pair (not 1 or the diagonal): pairs are rarer than codes.
        norm = Normalize(0, top if jaccard else max(top, 1.0))
        image = ax.imshow(off, cmap=cmap, norm=norm, aspect="equal", interpolation="nearest")
        ax.imshow(
            np.where(np.eye(n, dtype=bool), 1.0, np.nan),
            cmap="Greys",
            vmin=0,
            vmax=6,
            aspect="equal",
            interpolation="nearest",
        )
        fontsize = 7 if n <= 15 else 6
        if annotate:
            for i in range(n):
                ax.text(
                    i,
                    i,
                    number(values[i, i]) if not jaccard else "",
                    ha="center",
                    va="center",
                    fontsize=fontsize,
                    color="0.25",
                )
                for j in range(i):
                    if not np.isnan(off[i, j]):
                        text = f"{off[i, j]:.2f}".lstrip("0") if jaccard else number(off[i, j])
                        ax.text(
                            j,
                            i,
                            text,
                            ha="center",
                            va="center",
                            fontsize=fontsize,
                            color=ink_on(cmap(norm(off[i, j]))),
                        )
        ax.set_xticks(range(n), codes, rotation=90)
        ax.set_yticks(range(n), codes)
        ax.set_xticks(np.arange(-0.5, n), minor=True)
        ax.set_yticks(np.arange(-0.5, n), minor=True)
        ax.grid(which="minor", color="0.93", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
        ax.set_xlabel("Code")
        ax.set_ylabel("Code")
        colorbar = fig.colorbar(image, ax=ax, shrink=0.6, label=label)
        colorbar.outline.set_visible(False)
        if not jaccard:
            colorbar.locator = MaxNLocator(integer=True)
        suffix = " (Jaccard index)" if jaccard else ""
        ax.set_title(title or f"Code co-occurrence within segments{suffix}")

    return Figure(
        fig, describe_cooccurrence(pd.DataFrame(off, index=codes, columns=codes), jaccard=jaccard)
    )


def comparison_figure(
    data: pd.DataFrame | FrameworkMatrix,
    *,
    drop_empty: bool = True,
    annotate: bool | None = None,
    value_label: str | None = None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """Annotated heatmap of codes (or themes) × groups: a model comparison or framework matrix.

    ``data`` is a codes × groups DataFrame, e.g. ``code_frequencies(..., measure=
    "percent_participants")``, or a :class:`~qualkit.matrices.FrameworkMatrix` (its coded
    segments are shown). Rows keep their order (codebook order groups each model's codes);
    rows that are zero everywhere are dropped unless ``drop_empty=False``. Cells are coloured
    in cividis (more is darker, zero is white) and print their value; ``annotate`` (default:
    up to :data:`ANNOTATE_COLUMNS` columns, beyond which the numbers no longer fit) turns the printing on or off.
    """
    source = "comparison_figure"
    framework = isinstance(data, FrameworkMatrix)
    frame = numeric_frame(data, source)
    measure = "segments" if framework else frame.attrs.get("measure")
    by = frame.columns.name or "group"
    names = Labels(frame, labels)
    percent = bool(measure) and str(measure).startswith("percent")
    value_label = value_label or MEASURE_LABELS.get(measure, "Value")
    if drop_empty:
        frame = frame[(frame.fillna(0) != 0).any(axis=1)]
    if frame.empty:
        raise InputError(source, "data", "at least one row with a value other than 0", 0)
    rows, groups = list(frame.index), list(frame.columns)
    values = frame.to_numpy(dtype=float)

    with mpl.rc_context(STYLE):
        height = 1.6 + 0.22 * len(rows)
        fig = new_figure(max(3.0, height), width=min(WIDTH, 3.4 + 1.1 * len(groups)))
        ax = fig.add_subplot()
        ax.spines[:].set_visible(False)
        # More is darker; zero (nobody, nothing) stays white so the pattern stands out.
        cmap = mpl.colormaps["cividis_r"].with_extremes(bad="white")
        top = np.nanmax(values) if np.isfinite(values).any() else 1.0
        # Scale to the data (percentages to the next multiple of 10) so small rates still show.
        norm = Normalize(0, min(100.0, 10 * math.ceil(top / 10)) if percent else max(top, 1.0))
        shown = np.where(values == 0, np.nan, values)
        image = ax.imshow(shown, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
        annotate = len(groups) <= ANNOTATE_COLUMNS if annotate is None else annotate
        for i in range(len(rows) if annotate else 0):
            for j in range(len(groups)):
                v = values[i, j]
                ink = "0.55" if np.isnan(shown[i, j]) else ink_on(cmap(norm(v)))
                ax.text(j, i, number(v, percent), ha="center", va="center", fontsize=7, color=ink)
        ax.set_xticks(np.arange(-0.5, len(groups)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
        ax.grid(which="minor", color="0.9", linewidth=0.6)
        ax.tick_params(which="minor", length=0)
        few = len(groups) <= 4
        ax.set_xticks(
            range(len(groups)),
            [names.group(g) for g in groups],
            rotation=0 if few else 45,
            ha="center" if few else "left",
            rotation_mode="anchor",
        )
        ax.xaxis.set_ticks_position("top")
        ax.xaxis.set_label_position("top")
        ax.set_yticks(range(len(rows)), rows)
        ax.tick_params(length=0)
        ax.set_xlabel(names.axis(by))
        ax.set_ylabel(str(frame.index.name or "Code").capitalize())
        colorbar = fig.colorbar(
            image, ax=ax, shrink=0.5, label=value_label, location="bottom", aspect=30, pad=0.02
        )
        colorbar.outline.set_visible(False)
        ax.set_title(title or f"{value_label} by {in_sentence(names.axis(by))}")

    return Figure(
        fig, describe_comparison(frame, value_label=value_label, labels=names, percent=percent)
    )
