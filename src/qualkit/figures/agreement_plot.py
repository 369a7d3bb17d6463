"""Agreement per code as a dot plot (:func:`agreement_figure`), with the reliability bounds."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

import matplotlib as mpl
import numpy as np

from qualkit.code_agreement import RELIABLE, TENTATIVE
from qualkit.errors import InputError
from qualkit.figures.describe import bound, describe_agreement
from qualkit.figures.figure import OKABE_ITO, STYLE, Figure, new_figure

if TYPE_CHECKING:
    from qualkit.code_agreement import AgreementTable

__all__ = ["agreement_figure"]


def agreement_figure(
    table: AgreementTable,
    *,
    statistic: Literal["kappa", "alpha"] = "kappa",
    title: str | None = None,
) -> Figure:
    """Dot plot of agreement per code: κ (or α) as dots, percent agreement as open diamonds.

    ``table`` is from :func:`qualkit.code_agreement.per_code_agreement`. Codes are sorted by the
    statistic, highest at the top; the pooled value stands apart at the bottom. Reference
    lines mark :data:`~qualkit.code_agreement.TENTATIVE` (.667) and
    :data:`~qualkit.code_agreement.RELIABLE` (.80), Krippendorff's bounds for tentative and for
    reliable conclusions (commonly applied to κ as well). Codes whose statistic is undefined (nobody, or everybody,
    applied them) are listed with a cross at 0 and the word "undefined".
    """
    source = "agreement_figure"
    if statistic not in ("kappa", "alpha"):
        raise InputError(source, "statistic", "'kappa' or 'alpha'", statistic)
    if not getattr(table, "rows", None):
        raise InputError(source, "table", "an AgreementTable with at least one code", table)
    name = table.kappa_name if statistic == "kappa" else "Krippendorff's alpha"
    symbol = "κ" if statistic == "kappa" else "α"
    rows = sorted(
        table.rows,
        key=lambda r: (
            math.isnan(getattr(r, statistic)),
            -getattr(r, statistic) if not math.isnan(getattr(r, statistic)) else 0,
            r.code,
        ),
    )
    entries = [*rows, table.pooled]
    labels = [r.code for r in rows] + ["All codes (pooled)"]
    values = np.array([getattr(r, statistic) for r in entries], dtype=float)
    agree = np.array([r.percent_agreement for r in entries], dtype=float)
    y = np.arange(len(entries))[::-1].astype(float)
    y[-1] -= 0.6  # the pooled row stands apart

    with mpl.rc_context(STYLE):
        fig = new_figure(max(3.0, 1.6 + 0.26 * len(entries)))
        ax = fig.add_subplot()
        low = min(0.0, np.nanmin(values) - 0.05) if np.isfinite(values).any() else 0.0
        ax.axvspan(low - 1, TENTATIVE, color=OKABE_ITO[6], alpha=0.06, zorder=0)
        ax.axvline(TENTATIVE, color="0.35", linestyle="--", linewidth=1)
        ax.axvline(RELIABLE, color="0.35", linestyle="-", linewidth=1)
        for xv in (TENTATIVE, RELIABLE):
            text = bound(xv)
            ax.text(
                xv,
                1.0,
                text,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=8,
                color="0.3",
            )
        for yi, v, a in zip(y, values, agree, strict=True):
            if not math.isnan(v):
                ax.plot([min(v, a), max(v, a)], [yi, yi], color="0.8", linewidth=1, zorder=1)
        defined = ~np.isnan(values)
        ax.scatter(
            values[defined],
            y[defined],
            s=36,
            color=OKABE_ITO[5],
            zorder=4,
            label=f"{name} ({symbol})",
        )
        ax.scatter(
            np.zeros((~defined).sum()),
            y[~defined],
            marker="x",
            s=30,
            color="0.4",
            zorder=3,
            label=f"{symbol} undefined (no variation)",
        )
        for yi in y[~defined]:
            ax.text(0.02, yi, "undefined", va="center", fontsize=7, color="0.4")
        ax.scatter(
            agree,
            y,
            s=64,
            marker="D",
            facecolor="none",
            edgecolor=OKABE_ITO[1],
            linewidth=1.5,
            zorder=3,
            label="Percent agreement",
        )
        ax.axhline(y[-1] + 0.8, color="0.7", linewidth=0.8)
        ax.set_yticks(y, labels)
        ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.set_ylim(y[-1] - 0.8, y[0] + 0.8)
        ax.set_xlim(low, 1.03)
        ax.set_xlabel(f"{name} ({symbol}) and percent agreement (share of units)")
        ax.set_ylabel("Code")
        ax.grid(axis="x", color="0.9", linewidth=0.6)
        ax.set_axisbelow(True)
        handles, _ = ax.get_legend_handles_labels()
        if defined.all():
            handles = [h for h in handles if "undefined" not in h.get_label()]
        fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False)
        coders = (
            " and ".join(table.coders) if len(table.coders) == 2 else f"{len(table.coders)} coders"
        )
        ax.set_title(title or f"Agreement per code: {coders}, {table.units} units", pad=14)

    return Figure(fig, describe_agreement(table, statistic))
