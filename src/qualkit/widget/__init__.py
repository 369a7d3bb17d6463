"""The coding widget: highlight spans of a transcript, in colour, beside a focused codebook.

In a lesson notebook::

    from qualkit.widget import code_transcript
    tool = code_transcript("PSS-FG1", coder="ana")     # saves to ana.codings.json beside it
    tool                                               # shows the widget

Every action goes straight to the model (:class:`~qualkit.coding_tool.CodingTool`, as
``tool.tool``), which saves the coding file at once; the browser view (plain ES module and
CSS shipped in this package, run by anywidget: no build step) only draws. The same work can be
done from code and gives the same file: ``tool.tool.apply("PSS_LIVED_EXP", turn=2)``.

Keyboard: see :data:`~qualkit.widget.coding_widget.KEYS_HELP` (also under "Keyboard" in the
widget).
"""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike

from qualkit.coding_tool import CodingTool
from qualkit.codings import utc_now
from qualkit.corpus import Corpus, load_corpus
from qualkit.widget.coding_widget import KEYS_HELP, CodingWidget

__all__ = ["KEYS_HELP", "CodingWidget", "code_transcript"]


def code_transcript(
    session_id: str,
    coder: str,
    path: str | PathLike | None = None,
    corpus: Corpus | str | PathLike | None = None,
    *,
    clock: Callable[[], str] = utc_now,
    suggest: bool | None = None,
) -> CodingWidget:
    """The coding widget on one session, saving to ``path`` (default ``<coder>.codings.json``).

    ``corpus`` is a loaded corpus, a corpus folder, or None for the kit's own corpus. Reopening
    with the same coder and path resumes the work saved so far. Show the returned widget by
    leaving it as a cell's last expression; grade or analyse with ``qualkit.read_codings(path)``.

    ``suggest=True`` shows the machine's suggestions for each turn (lesson 08); ``None`` leaves
    it to the instructor's ``QUALKIT_SUGGESTIONS`` setting (off unless set to 1).
    """
    if not isinstance(corpus, Corpus):
        corpus = load_corpus("default" if corpus is None else corpus)
    tool = CodingTool.for_session(session_id, coder, path, corpus, clock=clock, suggest=suggest)
    return CodingWidget(tool, title=corpus.session(session_id).title)
