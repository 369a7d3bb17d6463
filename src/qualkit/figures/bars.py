"""Bars of code frequencies per group (:func:`code_frequency_figure`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import matplotlib as mpl
import numpy as np
import pandas as pd

from qualkit.errors import InputError
from qualkit.figures.describe import describe_code_frequencies, in_sentence, number
from qualkit.figures.figure import (
    CATEGORY_COLOURS,
    MEASURE_LABELS,
    STYLE,
    Figure,
    Labels,
    new_figure,
    numeric_frame,
)

__all__ = ["code_frequency_figure"]


def code_frequency_figure(
    frequencies: pd.DataFrame,
    *,
    top: int | None = None,
    layout: Literal["auto", "stacked", "grouped"] = "auto",
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """Horizontal bars of code frequencies, one bar per code split by group (e.g. model).

    ``frequencies`` is a codes × groups DataFrame, as from
    :func:`qualkit.matrices.code_frequencies` (its ``attrs`` name the measure for the axis
    label). Codes never voiced are left out; ``top`` keeps the most frequent. Counts are
    stacked (the bar's length is the code's total); rates are grouped side by side, since
    rates of different groups do not add up. At most 8 groups (one colour each). Groups are
    named by ``labels`` (e.g. ``{"moud": "MOUD"}``), then by the frame's ``attrs["labels"]``.
    """
    source = "code_frequency_figure"
    frame = numeric_frame(frequencies, source)
    measure = frame.attrs.get("measure", "segments")
    by = frame.attrs.get("by", frame.columns.name or "model")
    if len(frame.columns) > len(CATEGORY_COLOURS):
        raise InputError(
            source,
            "frequencies",
            f"at most {len(CATEGORY_COLOURS)} groups (columns); for sessions or participants "
            "use comparison_figure",
            len(frame.columns),
        )
    if layout == "auto":
        layout = "stacked" if measure == "segments" else "grouped"
    if layout not in ("stacked", "grouped"):
        raise InputError(source, "layout", "'auto', 'stacked' or 'grouped'", layout)
    # Totals rank the codes; for rates, rank by the highest group value instead.
    rank = frame.sum(axis=1) if layout == "stacked" else frame.max(axis=1)
    voiced = frame[rank > 0]
    omitted = len(frame) - len(voiced)
    order = rank[rank > 0].sort_values(ascending=False, kind="stable").index
    if top is not None:
        order = order[:top]
    if len(order) == 0:
        raise InputError(source, "frequencies", "at least one code with a value above 0", 0)
    data = voiced.loc[order]
    groups = list(data.columns)
    colours = CATEGORY_COLOURS[: len(groups)]
    names = Labels(frame, labels)
    label_x = MEASURE_LABELS.get(measure, str(measure))
    percent = measure.startswith("percent")

    with mpl.rc_context(STYLE):
        height = 1.5 + (0.24 if layout == "stacked" else 0.12 + 0.1 * len(groups)) * len(data)
        fig = new_figure(max(3.0, height))
        ax = fig.add_subplot()
        y = np.arange(len(data))[::-1]  # most frequent at the top
        if layout == "stacked":
            left = np.zeros(len(data))
            for group, colour in zip(groups, colours, strict=True):
                values = data[group].to_numpy(dtype=float)
                ax.barh(y, values, left=left, height=0.7, color=colour, label=names.group(group))
                left += values
            for yi, total in zip(y, left, strict=True):
                ax.text(total, yi, f" {number(total)}", va="center", fontsize=7)
        else:
            bar = 0.8 / len(groups)
            for i, (group, colour) in enumerate(zip(groups, colours, strict=True)):
                offset = (len(groups) - 1) / 2 - i
                ax.barh(
                    y + offset * bar,
                    data[group].to_numpy(dtype=float),
                    height=bar,
                    color=colour,
                    label=names.group(group),
                )
        ax.set_yticks(y, list(data.index))
        ax.set_ylim(-0.7, len(data) - 0.3)
        ax.set_xlabel(label_x)
        ax.set_ylabel("Code")
        ax.grid(axis="x", color="0.88", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.margins(x=0.08)
        by_label = names.axis(by)
        ax.legend(title=by_label, loc="lower right", frameon=False)
        ax.set_title(title or f"{label_x} by {in_sentence(by_label)}")

    return Figure(
        fig,
        describe_code_frequencies(
            data,
            layout=layout,
            measure_label=label_x,
            by_label=by_label,
            labels=names,
            top=top is not None and len(order) < len(voiced),
            omitted=omitted,
            percent=percent,
        ),
    )
