"""The :class:`Figure` every figure function returns, and the look all of them share.

Conventions: 8 inches wide (a notebook's width); a title and labelled axes on every figure;
categories in the Okabe–Ito palette (safe for the common colour-vision deficiencies); values
on heatmaps in cividis or viridis, with annotations in a contrasting colour.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure as MplFigure

from qualkit.errors import InputError
from qualkit.framework import FrameworkMatrix

__all__ = [
    "CATEGORY_COLOURS",
    "MEASURE_LABELS",
    "OKABE_ITO",
    "STYLE",
    "WIDTH",
    "Figure",
    "Labels",
    "ink_on",
    "new_figure",
    "numeric_frame",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour-vision
# deficiency. Black first, as in the original.
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
# Groups take these in column order: orange, bluish green, blue first (the kit's three models).
CATEGORY_COLOURS: tuple[str, ...] = tuple(OKABE_ITO[i] for i in (1, 3, 5, 6, 2, 7, 4, 0))
WIDTH = 8.0  # inches: a notebook's width at 100 dpi
STYLE = {
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


class Labels:
    """Names for people: of groups (``pss`` → "Peer support specialists") and of groupings
    (``moud`` → "MOUD").

    They come from the data (a frame's ``attrs["labels"]``, which
    :func:`~qualkit.frequencies.code_frequencies` fills from the codebook's categories) and
    from the caller's ``labels=``; anything else is shown as written, a grouping capitalised.
    """

    def __init__(self, frame: pd.DataFrame | None = None, given: Mapping[str, str] | None = None):
        self.names = {
            **(frame.attrs.get("labels", {}) if frame is not None else {}),
            **(given or {}),
        }

    def group(self, value: object) -> str:
        return self.names.get(str(value), str(value))

    def groups(self, values: Sequence[object]) -> str:
        return ", ".join(self.group(value) for value in values)

    def axis(self, name: object) -> str:
        """A grouping's name: as given, else ``"perinatal_status"`` → ``"Perinatal status"``."""
        defaults = {"model": "Support model", "session": "Session", "participant": "Participant"}
        name = str(name)
        return self.names.get(name, defaults.get(name, name.replace("_", " ").capitalize()))


def new_figure(height: float, width: float = WIDTH) -> MplFigure:
    """A figure outside pyplot (nothing piles up, no window opens), laid out to fit."""
    return MplFigure(figsize=(width, height), layout="constrained")


def ink_on(rgba) -> str:
    """Black or white, whichever reads better on a cell of colour ``rgba``."""
    r, g, b = to_rgb(rgba)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if luminance > 0.45 else "white"


def numeric_frame(frame: object, source: str) -> pd.DataFrame:
    """A non-empty all-numeric DataFrame (a framework matrix gives its coded segments)."""
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
