"""Reading and writing a coding file, with the coding tool's journal beside it replayed."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from os import PathLike

from qualkit.atomic import write_atomic
from qualkit.codebook import Codebook
from qualkit.codings.entries import Codings
from qualkit.codings.file_format import format_codings
from qualkit.codings.journal import read_saved
from qualkit.transcripts import Transcript

__all__ = ["read_codings", "write_codings"]


def read_codings(
    path: str | PathLike,
    codebook: Codebook | None = None,
    transcripts: Iterable[Transcript] | None = None,
) -> Codings:
    """Read and check a coding file (see :func:`~qualkit.codings.parse_codings`), with the coding
    tool's latest actions from the journal beside it (:mod:`qualkit.codings.journal`) replayed
    if one is pending.

    An action a kill cut off before it was saved is left out with a warning saying so.
    """
    saved = read_saved(path, codebook, transcripts)
    if saved.dropped:
        warnings.warn(saved.dropped, stacklevel=2)
    return saved.codings


def write_codings(path: str | PathLike, codings: Codings) -> None:
    """Write a coding file atomically."""
    write_atomic(path, format_codings(codings))
