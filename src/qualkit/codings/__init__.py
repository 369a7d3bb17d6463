"""Codings: which code a coder applied to which segment, saved as a plain JSON file.

A coding is segment × code × **coder**: the coder is part of its identity, so agreement
between any coders can always be computed. A segment is a speaker turn, named by its session
and 1-based turn number (see :mod:`qualkit.transcripts`). A coding or memo may narrow itself
to a *span* of its turn: ``start`` and ``end`` are Unicode code-point offsets (Python ``str``
indices, end excluded) into the transcript's whole text, inside that one turn. Without them
(``None``) it covers the whole turn; agreement and the tables count turns either way.

A coding file (``*.codings.json``, UTF-8) is what the coding widget saves beside a notebook,
what the lessons' tests grade, and how the corpus ships the team's codings::

    {"format": "qualkit-codings", "version": 1,
     "codings": [
      {"session": "PSS-FG1", "turn": 12, "code": "PSS_BOUNDARY", "coder": "ana",
       "memo": "", "created": "2026-11-21T17:02:03Z"},
      {"session": "PSS-FG1", "turn": 13, "code": "PSS_FUN", "coder": "ana",
       "memo": "", "created": "", "start": 5120, "end": 5168}
     ],
     "memos": [{"session": "PSS-FG1", "turn": 12, "coder": "ana", "text": "...", "created": "..."}],
     "codes": [<new codes the coder added, in the codebook's code format>]}

``start``/``end`` are written only for a span. A file may also hold a ``suggestions`` list
(version 2): what the coder did with machine suggestions (:mod:`qualkit.suggestion_records`).
One entry per line, so files diff well, and
errors name that line. Files are replaced atomically; the coding tool saves each action to a
journal beside the file in between, which :func:`read_codings` reads too.

The package is the coding file's format, below both the data layer's readers and the coding
tool, one module per concept, each importing only those above it in this list:

* :mod:`~qualkit.codings.entries`: :class:`Coding`, :class:`Memo`, :class:`Codings`;
* :mod:`~qualkit.codings.rules`: :func:`check_codings`, the one home of the rules a file follows;
* :mod:`~qualkit.codings.file_format`: the file's text, parsed (and checked) and written;
* :mod:`~qualkit.codings.content`: a file's content in memory, and the operations on it;
* :mod:`~qualkit.codings.lock`: the lock beside a file, so that savers take turns;
* :mod:`~qualkit.codings.journal`: the journal of actions beside a file, and its replay;
* :mod:`~qualkit.codings.files`: :func:`read_codings` (journal replayed) and :func:`write_codings`.
"""

from qualkit.codings.entries import Coding, Codings, Memo, utc_now
from qualkit.codings.file_format import (
    FORMAT,
    LISTS,
    assemble,
    coding_line,
    format_codings,
    memo_line,
    parse_codings,
)
from qualkit.codings.files import read_codings, write_codings
from qualkit.codings.rules import check_codings

__all__ = [
    "FORMAT",
    "LISTS",
    "Coding",
    "Codings",
    "Memo",
    "assemble",
    "check_codings",
    "coding_line",
    "format_codings",
    "memo_line",
    "parse_codings",
    "read_codings",
    "utc_now",
    "write_codings",
]
