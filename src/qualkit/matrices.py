"""Tables, frequencies, co-occurrence, the framework matrix and retrieval, in one import.

Each lives in its own module (:mod:`qualkit.tables`, :mod:`qualkit.frequencies`,
:mod:`qualkit.framework`, :mod:`qualkit.retrieval`); this one gathers them so that
``from qualkit.matrices import code_frequencies`` keeps working. Every function is a pure
function of a :class:`~qualkit.corpus.Corpus` and :class:`~qualkit.codings.Codings` and returns a
pandas DataFrame, or a small frozen dataclass of DataFrames.
"""

from qualkit.framework import FrameworkMatrix, Quote, framework_matrix, shorten
from qualkit.frequencies import BYS, MEASURES, By, Measure, code_frequencies, cooccurrence
from qualkit.retrieval import retrieve
from qualkit.tables import CodingsLike, coding_table, turn_table

__all__ = [
    "BYS",
    "MEASURES",
    "By",
    "CodingsLike",
    "FrameworkMatrix",
    "Measure",
    "Quote",
    "code_frequencies",
    "coding_table",
    "cooccurrence",
    "framework_matrix",
    "retrieve",
    "shorten",
    "turn_table",
]
