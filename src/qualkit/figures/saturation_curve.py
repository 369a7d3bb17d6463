"""The saturation curve (:func:`saturation_figure`): new and cumulative codes per unit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
from matplotlib.patches import Patch

from qualkit.errors import InputError
from qualkit.figures.describe import describe_saturation
from qualkit.figures.figure import OKABE_ITO, STYLE, Figure, new_figure

if TYPE_CHECKING:
    from qualkit.saturation import SaturationResult

__all__ = ["saturation_figure"]


def saturation_figure(
    result: SaturationResult,
    *,
    units: Sequence[str] | None = None,
    unit_label: str = "Unit in collection order",
    title: str | None = None,
) -> Figure:
    """Saturation curve: new codes per unit (bars), cumulative codes (line), the base shaded
    and the first qualifying run marked.

    ``result`` is from :func:`qualkit.saturation.assess_saturation`; ``units`` optionally
    names the units (e.g. session ids) for the x axis.
    """
    source = "saturation_figure"
    counts = list(result.new_counts)
    n = len(counts)
    if n == 0:
        raise InputError(source, "result", "a saturation result with at least one unit", 0)
    if units is not None and len(units) != n:
        raise InputError(source, "units", f"{n} unit names, one per unit", len(units))
    x = np.arange(1, n + 1)
    cumulative = list(result.cumulative)
    qualifying = result.runs[-1] if result.status == "reached" else None
    threshold = f"{result.threshold:.0%}"

    with mpl.rc_context(STYLE):
        fig = new_figure(4.2)
        ax = fig.add_subplot()
        base_end = min(result.base, n)
        ax.axvspan(0.5, base_end + 0.5, color="0.92", zorder=0)
        ax.text(
            (base_end + 1) / 2,
            1.0,
            f"base (b = {result.base}): {result.base_codes} codes",
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=8,
            color="0.3",
        )
        if qualifying is not None:
            ax.axvspan(
                qualifying.start - 0.5,
                qualifying.end + 0.5,
                color=OKABE_ITO[3],
                alpha=0.18,
                zorder=0,
            )
            ax.axvline(qualifying.start - 0.5, color=OKABE_ITO[3], linestyle="--", linewidth=1.2)
            ax.text(
                qualifying.start - 0.58,
                0.97,
                f"saturated at unit {result.saturation_unit}",
                transform=ax.get_xaxis_transform(),
                ha="right",
                va="top",
                fontsize=8,
                color="#00664a",
            )
            ax.text(
                (qualifying.start + qualifying.end) / 2,
                1.0,
                f"run {qualifying.start}–{qualifying.end}: {qualifying.new_codes} new "
                f"({qualifying.ratio:.1%} ≤ {threshold})",
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=8,
                color="#00664a",
            )
        bars = ax.bar(x, counts, width=0.6, color=OKABE_ITO[2], label="New codes in unit", zorder=2)
        ax.bar_label(bars, fontsize=7, padding=1)
        ax.plot(
            x,
            cumulative,
            color=OKABE_ITO[5],
            marker="o",
            markersize=4,
            linewidth=1.8,
            label="Cumulative unique codes",
            zorder=3,
        )
        ax.set_xticks(
            x,
            list(units) if units is not None else [str(i) for i in x],
            rotation=45 if units is not None else 0,
            ha="right" if units is not None else "center",
        )
        ax.set_xlim(0.5, n + 0.5)
        ax.set_ylim(0, max(cumulative) * 1.12 + 1)
        ax.set_xlabel(unit_label)
        ax.set_ylabel("Codes")
        ax.grid(axis="y", color="0.88", linewidth=0.6)
        ax.set_axisbelow(True)
        handles, _labels = ax.get_legend_handles_labels()
        handles.append(Patch(color="0.92", label=f"Base ({result.base} units)"))
        if qualifying is not None:
            handles.append(Patch(color=OKABE_ITO[3], alpha=0.3, label="First qualifying run"))
        ax.legend(handles=handles, loc="center right", frameon=False)
        if result.status == "reached":
            heading = f"Code saturation reached: {result.reported} (threshold {threshold})"
        elif result.status == "not_reached":
            heading = f"Code saturation not reached (threshold {threshold})"
        else:
            heading = "Code saturation not assessable"
        ax.set_title(title or heading, pad=16)

    return Figure(fig, describe_saturation(result))
