"""Figures for the kit's analyses, each returned with a text description to use as alt text.

Every function returns a :class:`Figure`: a frozen pair of a ``matplotlib.figure.Figure`` and
``alt_text``, a short description derived from the data ("Bar chart of … Most frequent: …").
In Jupyter a :class:`Figure` displays as an image whose HTML ``alt`` attribute is that text;
``fig.save("x.png")`` writes a PNG with the text in its metadata. Figures are made with
``matplotlib.figure.Figure`` directly, not ``pyplot``, so none pile up in pyplot's state and
nothing opens a window; use ``fig.figure`` for any further matplotlib work.

Conventions: 8 inches wide (a notebook's width); a title and labelled axes on every figure;
categories in the Okabe–Ito palette (safe for the common colour-vision deficiencies); values
on heatmaps in cividis or viridis, with annotations in a contrasting colour.

================================  ==========================================================
:func:`code_frequency_figure`     bars per code from :func:`qualkit.matrices.code_frequencies`
:func:`cooccurrence_figure`       heatmap from :func:`qualkit.matrices.cooccurrence`
:func:`comparison_figure`         annotated heatmap: codes × models (rates or counts), or a
                                  :class:`~qualkit.matrices.FrameworkMatrix`
:func:`saturation_figure`         new and cumulative codes per unit, with the qualifying run
                                  (:func:`qualkit.saturation.assess_saturation`)
:func:`agreement_figure`          κ (or α) per code with percent agreement, thresholds .667
                                  and .80 (:func:`qualkit.agreement.per_code_agreement`)
================================  ==========================================================
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize, to_rgb
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from qualkit.corpus import MODEL_LABELS
from qualkit.errors import InputError
from qualkit.matrices import FrameworkMatrix

if TYPE_CHECKING:
    from qualkit.agreement import AgreementTable
    from qualkit.saturation import SaturationResult

__all__ = [
    "MODEL_COLOURS",
    "OKABE_ITO",
    "Figure",
    "agreement_figure",
    "code_frequency_figure",
    "comparison_figure",
    "cooccurrence_figure",
    "saturation_figure",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour-vision
# deficiency. Black first, as in the original; categories start at orange.
OKABE_ITO: tuple[str, ...] = (
    "#000000",  # black
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)
CATEGORY_COLOURS: tuple[str, ...] = tuple(OKABE_ITO[i] for i in (1, 5, 3, 6, 2, 7, 4, 0))
MODEL_COLOURS: Mapping[str, str] = {
    "pss": OKABE_ITO[1],  # orange
    "doula": OKABE_ITO[3],  # bluish green
    "home_visiting": OKABE_ITO[5],  # blue
}
WIDTH = 8.0  # inches: a notebook's width at 100 dpi
_STYLE = {
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
MEASURE_LABELS = {
    "segments": "Coded segments",
    "segments_per_participant": "Coded segments per participant",
    "percent_participants": "Participants who voiced the code (%)",
    "percent_turns": "Participant turns carrying the code (%)",
}
BY_LABELS = {
    "model": "Support model",
    "session": "Session",
    "participant": "Participant",
    # participant attributes of participants.csv
    "moud": "MOUD",
    "perinatal_status": "Perinatal status",
    "child_welfare": "Child welfare involvement",
    "rural_urban": "Rural or urban",
    "race_ethnicity": "Race and ethnicity",
    "ace_score": "ACE score",
    "months_in_recovery": "Months in recovery",
}


def _axis_name(name: object) -> str:
    """A readable name for a grouping: ``"moud"`` → ``"MOUD"``, ``"parity"`` → ``"Parity"``."""
    return BY_LABELS.get(str(name), str(name).replace("_", " ").capitalize())


def _in_sentence(label: str) -> str:
    # Lower-case for running text, but keep acronyms such as MOUD or ACE.
    return label if label.split(" ")[0].isupper() else label.lower()


@dataclass(frozen=True, eq=False)
class Figure:
    """A matplotlib figure and a text description of it, usable as alt text.

    ``alt_text`` states what the figure shows and its main values, derived from the data.
    """

    figure: MplFigure
    alt_text: str

    @property
    def title(self) -> str:
        """The title of the figure's first axes."""
        return self.figure.axes[0].get_title() if self.figure.axes else ""

    def to_png(self, dpi: int = 100) -> bytes:
        """The figure as PNG bytes, with the title and alt text in the PNG metadata."""
        buffer = io.BytesIO()
        metadata = {"Title": self.title, "Description": self.alt_text}
        self.figure.savefig(buffer, format="png", dpi=dpi, metadata=metadata)
        return buffer.getvalue()

    def save(self, path: str | PathLike, dpi: int = 150) -> Path:
        """Write the figure as a PNG file (alt text in its metadata); returns the path."""
        path = Path(path)
        path.write_bytes(self.to_png(dpi))
        return path

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        # HTML carries the alt text to screen readers; the PNG serves exports (PDF, LaTeX).
        png = base64.b64encode(self.to_png()).decode("ascii")
        alt = html.escape(self.alt_text, quote=True)
        return {
            "text/html": f'<img src="data:image/png;base64,{png}" alt="{alt}" '
            'style="max-width: 100%">',
            "image/png": png,
            "text/plain": self.alt_text,
        }

    def __repr__(self) -> str:
        return f"Figure({self.title!r}, alt_text={self.alt_text!r})"


# --- helpers -------------------------------------------------------------------------------


def _new_figure(height: float, width: float = WIDTH) -> MplFigure:
    return MplFigure(figsize=(width, height), layout="constrained")


def _group_label(value: object) -> str:
    return MODEL_LABELS.get(str(value), str(value))


def _group_colours(groups: Sequence[object]) -> list[str]:
    if all(str(g) in MODEL_COLOURS for g in groups):
        return [MODEL_COLOURS[str(g)] for g in groups]
    return [CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i in range(len(groups))]


def _number(value: float, percent: bool = False) -> str:
    """Compact display of a value: integers plainly, others with two significant decimals."""
    if isinstance(value, float) and math.isnan(value):
        return "n/a"
    if percent:
        return f"{value:.0f}%"
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.2f}"


def _ink_on(rgba) -> str:
    """Black or white, whichever reads better on a cell of colour ``rgba``."""
    r, g, b = to_rgb(rgba)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if luminance > 0.45 else "white"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _list(items: Sequence[str], limit: int = 3) -> str:
    items = list(items)
    return ", ".join(items[:limit]) + (
        f" and {len(items) - limit} more" if len(items) > limit else ""
    )


def _numeric_frame(frame: object, source: str) -> pd.DataFrame:
    if isinstance(frame, FrameworkMatrix):
        frame = frame.segments
    if not isinstance(frame, pd.DataFrame) or frame.empty:
        raise InputError(source, "data", "a non-empty DataFrame (codes × groups)", type(frame))
    non_numeric = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if non_numeric:
        raise InputError(
            source, f"column {non_numeric[0]!r}", "numbers", frame[non_numeric[0]].dtype
        )
    return frame


# --- code frequencies ----------------------------------------------------------------------


def code_frequency_figure(
    frequencies: pd.DataFrame,
    *,
    top: int | None = None,
    layout: Literal["auto", "stacked", "grouped"] = "auto",
    title: str | None = None,
) -> Figure:
    """Horizontal bars of code frequencies, one bar per code split by group (e.g. model).

    ``frequencies`` is a codes × groups DataFrame, as from
    :func:`qualkit.matrices.code_frequencies` (its ``attrs`` name the measure for the axis
    label). Codes never voiced are left out; ``top`` keeps the most frequent. Counts are
    stacked (the bar's length is the code's total); rates are grouped side by side, since
    rates of different groups do not add up. At most 8 groups (one colour each).
    """
    source = "code_frequency_figure"
    frame = _numeric_frame(frequencies, source)
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
    colours = _group_colours(groups)
    label_x = MEASURE_LABELS.get(measure, str(measure))
    percent = measure.startswith("percent")

    with mpl.rc_context(_STYLE):
        height = 1.5 + (0.24 if layout == "stacked" else 0.12 + 0.1 * len(groups)) * len(data)
        fig = _new_figure(max(3.0, height))
        ax = fig.add_subplot()
        y = np.arange(len(data))[::-1]  # most frequent at the top
        if layout == "stacked":
            left = np.zeros(len(data))
            for group, colour in zip(groups, colours, strict=True):
                values = data[group].to_numpy(dtype=float)
                ax.barh(y, values, left=left, height=0.7, color=colour, label=_group_label(group))
                left += values
            for yi, total in zip(y, left, strict=True):
                ax.text(total, yi, f" {_number(total)}", va="center", fontsize=7)
        else:
            bar = 0.8 / len(groups)
            for i, (group, colour) in enumerate(zip(groups, colours, strict=True)):
                offset = (len(groups) - 1) / 2 - i
                ax.barh(
                    y + offset * bar,
                    data[group].to_numpy(dtype=float),
                    height=bar,
                    color=colour,
                    label=_group_label(group),
                )
        ax.set_yticks(y, list(data.index))
        ax.set_ylim(-0.7, len(data) - 0.3)
        ax.set_xlabel(label_x)
        ax.set_ylabel("Code")
        ax.grid(axis="x", color="0.88", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.margins(x=0.08)
        by_label = _axis_name(by)
        ax.legend(title=by_label, loc="lower right", frameon=False)
        ax.set_title(title or f"{label_x} by {_in_sentence(by_label)}")

    shown = f"the top {len(data)}" if top is not None and len(order) < len(voiced) else len(data)
    kind = "stacked" if layout == "stacked" else "grouped"
    parts = [
        f"Horizontal bar chart of {label_x.lower()} for {shown} codes, {kind} by "
        f"{_in_sentence(by_label)} ({', '.join(_group_label(g) for g in groups)})."
    ]
    if layout == "stacked":
        totals = data.sum(axis=1)
        parts.append(
            "Most frequent: "
            + ", ".join(f"{code} ({_number(totals[code])})" for code in totals.index[:3])
            + "."
        )
        if len(totals) > 3:
            least = totals.sort_values(kind="stable").index[:2]
            parts.append(
                "Least frequent: "
                + ", ".join(f"{code} ({_number(totals[code])})" for code in least)
                + "."
            )
        parts.append(
            "Sum over the codes shown: "
            + ", ".join(f"{_group_label(g)} {_number(data[g].sum())}" for g in groups)
            + "."
        )
    else:
        stacked = data.stack()
        best = stacked.sort_values(ascending=False, kind="stable").index[:3]
        parts.append(
            "Highest: "
            + ", ".join(
                f"{code} in {_group_label(g)} ({_number(stacked[(code, g)], percent)})"
                for code, g in best
            )
            + "."
        )
    if omitted:
        parts.append(f"{omitted} codes with no coded segments are not shown.")
    return Figure(fig, " ".join(parts))


# --- co-occurrence -------------------------------------------------------------------------


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
    the scale. ``annotate`` prints the values (default: when 25 codes or fewer).
    """
    source = "cooccurrence_figure"
    frame = _numeric_frame(matrix, source)
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
    annotate = n <= 25 if annotate is None else annotate
    label = "Jaccard index (shared ÷ either)" if jaccard else "Segments with both codes"

    with mpl.rc_context(_STYLE):
        width = min(WIDTH, 3.0 + 0.17 * n)
        fig = _new_figure(width - 0.5, width=width)
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
                    _number(values[i, i]) if not jaccard else "",
                    ha="center",
                    va="center",
                    fontsize=fontsize,
                    color="0.25",
                )
                for j in range(i):
                    if not np.isnan(off[i, j]):
                        text = f"{off[i, j]:.2f}".lstrip("0") if jaccard else _number(off[i, j])
                        ax.text(
                            j,
                            i,
                            text,
                            ha="center",
                            va="center",
                            fontsize=fontsize,
                            color=_ink_on(cmap(norm(off[i, j]))),
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

    pairs = [
        (off[i, j], codes[i], codes[j])
        for i in range(n)
        for j in range(i)
        if not np.isnan(off[i, j])
    ]
    pairs.sort(key=lambda p: -p[0])
    if jaccard:
        what = "Jaccard index; the diagonal is left grey"
    else:
        what = (
            "count of segments where the same coder applied both; the grey diagonal holds each "
            "code's own frequency"
        )
    parts = [f"Heatmap of code co-occurrence among {n} codes (lower triangle; {what})."]
    if pairs:
        shown = [
            f"{a} & {b} ({p:.2f})" if jaccard else f"{a} & {b} ({_number(p)})"
            for p, a, b in pairs[:3]
        ]
        parts.append(f"Strongest pairs: {', '.join(shown)}.")
    parts.append(f"{len(pairs)} of {n * (n - 1) // 2} code pairs co-occur at least once.")
    return Figure(fig, " ".join(parts))


# --- model comparison / framework matrix ---------------------------------------------------


def comparison_figure(
    data: pd.DataFrame | FrameworkMatrix,
    *,
    drop_empty: bool = True,
    annotate: bool | None = None,
    value_label: str | None = None,
    title: str | None = None,
) -> Figure:
    """Annotated heatmap of codes (or themes) × groups: a model comparison or framework matrix.

    ``data`` is a codes × groups DataFrame, e.g. ``code_frequencies(..., measure=
    "percent_participants")``, or a :class:`~qualkit.matrices.FrameworkMatrix` (its coded
    segments are shown). Rows keep their order (codebook order groups each model's codes);
    rows that are zero everywhere are dropped unless ``drop_empty=False``. Cells are coloured
    in cividis (more is darker, zero is white) and print their value; ``annotate`` (default:
    up to 12 columns, beyond which the numbers no longer fit) turns the printing on or off.
    """
    source = "comparison_figure"
    framework = isinstance(data, FrameworkMatrix)
    frame = _numeric_frame(data, source)
    measure = "segments" if framework else frame.attrs.get("measure")
    by = frame.columns.name or "group"
    percent = bool(measure) and str(measure).startswith("percent")
    value_label = value_label or MEASURE_LABELS.get(measure, "Value")
    if drop_empty:
        frame = frame[(frame.fillna(0) != 0).any(axis=1)]
    if frame.empty:
        raise InputError(source, "data", "at least one row with a value other than 0", 0)
    rows, groups = list(frame.index), list(frame.columns)
    values = frame.to_numpy(dtype=float)

    with mpl.rc_context(_STYLE):
        height = 1.6 + 0.22 * len(rows)
        fig = _new_figure(max(3.0, height), width=min(WIDTH, 3.4 + 1.1 * len(groups)))
        ax = fig.add_subplot()
        ax.spines[:].set_visible(False)
        # More is darker; zero (nobody, nothing) stays white so the pattern stands out.
        cmap = mpl.colormaps["cividis_r"].with_extremes(bad="white")
        top = np.nanmax(values) if np.isfinite(values).any() else 1.0
        # Scale to the data (percentages to the next multiple of 10) so small rates still show.
        norm = Normalize(0, min(100.0, 10 * math.ceil(top / 10)) if percent else max(top, 1.0))
        shown = np.where(values == 0, np.nan, values)
        image = ax.imshow(shown, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
        annotate = len(groups) <= 12 if annotate is None else annotate
        for i in range(len(rows) if annotate else 0):
            for j in range(len(groups)):
                v = values[i, j]
                ink = "0.55" if np.isnan(shown[i, j]) else _ink_on(cmap(norm(v)))
                ax.text(j, i, _number(v, percent), ha="center", va="center", fontsize=7, color=ink)
        ax.set_xticks(np.arange(-0.5, len(groups)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
        ax.grid(which="minor", color="0.9", linewidth=0.6)
        ax.tick_params(which="minor", length=0)
        few = len(groups) <= 4
        ax.set_xticks(
            range(len(groups)),
            [_group_label(g) for g in groups],
            rotation=0 if few else 45,
            ha="center" if few else "left",
            rotation_mode="anchor",
        )
        ax.xaxis.set_ticks_position("top")
        ax.xaxis.set_label_position("top")
        ax.set_yticks(range(len(rows)), rows)
        ax.tick_params(length=0)
        ax.set_xlabel(_axis_name(by))
        ax.set_ylabel(str(frame.index.name or "Code").capitalize())
        colorbar = fig.colorbar(
            image, ax=ax, shrink=0.5, label=value_label, location="bottom", aspect=30, pad=0.02
        )
        colorbar.outline.set_visible(False)
        ax.set_title(title or f"{value_label} by {_in_sentence(_axis_name(by))}")

    long = frame.stack()
    best = long.sort_values(ascending=False, kind="stable").index[:3]
    row_word = str(frame.index.name or "code")
    parts = [
        f"Heatmap of {value_label.lower()}, {len(rows)} {row_word}s (rows) by {len(groups)} "
        f"groups (columns: {', '.join(_group_label(g) for g in groups)})."
    ]
    parts.append(
        "Highest: "
        + ", ".join(f"{r} in {_group_label(g)} ({_number(long[(r, g)], percent)})" for r, g in best)
        + "."
    )
    if len(groups) > 1:
        present = (frame.fillna(0) > 0).sum(axis=1)
        # A row found in one group only differs trivially; compare rows every group voiced.
        everywhere = frame[present == len(groups)]
        if not everywhere.empty:
            spread = everywhere.max(axis=1) - everywhere.min(axis=1)
            widest = spread.sort_values(ascending=False, kind="stable").index[0]
            hi, lo = frame.loc[widest].idxmax(), frame.loc[widest].idxmin()
            parts.append(
                f"Largest difference among {row_word}s found in every group: {widest} "
                f"({_group_label(hi)} {_number(frame.loc[widest, hi], percent)} vs "
                f"{_group_label(lo)} {_number(frame.loc[widest, lo], percent)})."
            )
        only_one = int((present == 1).sum())
        parts.append(f"{only_one} of {len(rows)} {row_word}s appear in one group only.")
    return Figure(fig, " ".join(parts))


# --- saturation ----------------------------------------------------------------------------


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

    with mpl.rc_context(_STYLE):
        fig = _new_figure(4.2)
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

    parts = [
        f"Saturation curve over {n} units: bars show new codes per unit "
        f"({', '.join(map(str, counts))}); the line shows cumulative unique codes, reaching "
        f"{cumulative[-1]}.",
        f"The base of {result.base} units holds {result.base_codes} codes; runs of "
        f"{result.run} units, threshold {threshold}.",
    ]
    if result.runs:
        parts.append(
            "Runs assessed: "
            + ", ".join(f"{r.start}–{r.end} {r.new_codes} new ({r.ratio:.1%})" for r in result.runs)
            + "."
        )
    if qualifying is not None:
        parts.append(
            f"{len(result.runs)} runs assessed; the run of units {qualifying.start}–"
            f"{qualifying.end} added {_plural(qualifying.new_codes, 'new code')} "
            f"({qualifying.ratio:.1%}), "
            f"so saturation is reported as {result.reported}."
        )
    elif result.status == "not_reached":
        parts.append(f"None of the {len(result.runs)} runs assessed met the threshold.")
    else:
        parts.append(f"Not assessable: {result.reason}.")
    return Figure(fig, " ".join(parts))


# --- agreement -----------------------------------------------------------------------------


def agreement_figure(
    table: AgreementTable,
    *,
    statistic: Literal["kappa", "alpha"] = "kappa",
    title: str | None = None,
) -> Figure:
    """Dot plot of agreement per code: κ (or α) as dots, percent agreement as open diamonds.

    ``table`` is from :func:`qualkit.agreement.per_code_agreement`. Codes are sorted by the
    statistic, highest at the top; the pooled value stands apart at the bottom. Reference
    lines mark .667 and .80, Krippendorff's bounds for tentative and for reliable conclusions
    (commonly applied to κ as well). Codes whose statistic is undefined (nobody, or everybody,
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

    with mpl.rc_context(_STYLE):
        fig = _new_figure(max(3.0, 1.6 + 0.26 * len(entries)))
        ax = fig.add_subplot()
        low = min(0.0, np.nanmin(values) - 0.05) if np.isfinite(values).any() else 0.0
        ax.axvspan(low - 1, 0.667, color=OKABE_ITO[6], alpha=0.06, zorder=0)
        ax.axvline(0.667, color="0.35", linestyle="--", linewidth=1)
        ax.axvline(0.80, color="0.35", linestyle="-", linewidth=1)
        for xv, text in ((0.667, ".667"), (0.80, ".80")):
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

    per_code = np.array([getattr(r, statistic) for r in rows], dtype=float)
    good = [r.code for r, v in zip(rows, per_code, strict=True) if v >= 0.80]
    tentative = [r.code for r, v in zip(rows, per_code, strict=True) if 0.667 <= v < 0.80]
    weak = [(r.code, v) for r, v in zip(rows, per_code, strict=True) if v < 0.667]
    undefined = [r.code for r, v in zip(rows, per_code, strict=True) if math.isnan(v)]
    parts = [
        f"Dot plot of {name} per code for {len(table.coders)} coders over {table.units} units, "
        f"with percent agreement. {len(good)} of {len(rows)} codes at {symbol} ≥ .80, "
        f"{len(tentative)} between .667 and .80, {len(weak)} below .667"
    ]
    if weak:
        lowest = sorted(weak, key=lambda p: p[1])[:3]
        parts[-1] += " (lowest: " + ", ".join(f"{c} {v:.2f}" for c, v in lowest) + ")"
    if undefined:
        parts[-1] += f", {len(undefined)} undefined ({_list(undefined)})"
    parts[-1] += "."
    pooled = getattr(table.pooled, statistic)
    parts.append(
        f"Pooled over all codes: {symbol} = {pooled:.2f}, percent agreement "
        f"{table.pooled.percent_agreement:.0%}."
    )
    return Figure(fig, " ".join(parts))
