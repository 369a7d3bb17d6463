"""Figures for the kit's analyses, each returned with a text description to use as alt text.

Every function returns a :class:`Figure`: a frozen pair of a ``matplotlib.figure.Figure`` and
``alt_text``, a short description derived from the data ("Bar chart of … Most frequent: …").
In Jupyter a :class:`Figure` displays as an image whose HTML ``alt`` attribute is that text;
``fig.save("x.png")`` writes a PNG with the text in its metadata. Figures are made with
``matplotlib.figure.Figure`` directly, not ``pyplot``, so none pile up in pyplot's state and
nothing opens a window; use ``fig.figure`` for any further matplotlib work.

The alt text comes from pure functions of the data (:mod:`qualkit.figures.describe`), apart
from the drawing; the look (palette, sizes) is in :mod:`qualkit.figures.figure`.

================================  ==========================================================
:func:`code_frequency_figure`     bars per code from :func:`qualkit.code_frequencies`
:func:`cooccurrence_figure`       heatmap from :func:`qualkit.cooccurrence`
:func:`comparison_figure`         annotated heatmap: codes × models (rates or counts), or a
                                  :class:`~qualkit.framework.FrameworkMatrix`
:func:`saturation_figure`         new and cumulative codes per unit, with the qualifying run
                                  (:func:`qualkit.saturation.assess_saturation`)
:func:`agreement_figure`          κ (or α) per code with percent agreement and the reliability
                                  bounds (:func:`qualkit.code_agreement.per_code_agreement`)
================================  ==========================================================
"""

from qualkit.figures.agreement_plot import agreement_figure
from qualkit.figures.bars import code_frequency_figure
from qualkit.figures.describe import (
    describe_agreement,
    describe_code_frequencies,
    describe_comparison,
    describe_cooccurrence,
    describe_saturation,
)
from qualkit.figures.figure import CATEGORY_COLOURS, OKABE_ITO, Figure, Labels
from qualkit.figures.heatmaps import comparison_figure, cooccurrence_figure
from qualkit.figures.saturation_curve import saturation_figure

__all__ = [
    "CATEGORY_COLOURS",
    "OKABE_ITO",
    "Figure",
    "Labels",
    "agreement_figure",
    "code_frequency_figure",
    "comparison_figure",
    "cooccurrence_figure",
    "describe_agreement",
    "describe_code_frequencies",
    "describe_comparison",
    "describe_cooccurrence",
    "describe_saturation",
    "saturation_figure",
]
