"""The coding tool's model: a coder's codings of one or more transcripts, saved on every change.

This is the whole of the coding tool except the drawing: :mod:`qualkit.widget` is a thin view
over a :class:`CodingTool`, and everything the view does goes through the methods here, so the
same work can be done from code (for accessibility, and for graders)::

    tool = CodingTool.for_session("PSS-FG1", coder="ana")      # resumes ana.codings.json
    tool.apply("PSS_LIVED_EXP", turn=2)                        # the whole turn
    tool.select_text("she gets it", turn=4)                    # a span (the meaning unit)
    tool.apply_to_selection(["PSS_LIVED_EXP", "PSS_BOUNDARY"]) # one action, one undo step
    tool.write_memo("She names trust first.", turn=2)
    tool.undo()

**The file.** Every change is saved at once to a coding file in :mod:`qualkit.codings`'
format, by default ``<coder>.codings.json`` in the current folder: as one line appended to the
file's journal, which the file takes in now and then (see
:mod:`qualkit.coding_tool.coding_file` for the journal, resuming, refusing another coder's
file, and the lock that lets two tools share one file; :meth:`CodingTool.close` compacts).
Each tool keeps the codings of sessions it does not show.

**Units.** A coding covers a span of one turn (code points into the transcript's text) or the
whole turn (``start``/``end`` None). A turn *carries* a code when any of its codings does:
progress, "next uncoded", the code filter, and the kit's turn-level analyses count that way.
Facilitator and interviewer turns (the *context speakers*) are shown and codable, but progress
counts, and "next uncoded" visits, only the other turns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import TYPE_CHECKING, Literal

from qualkit.codebook import Codebook
from qualkit.coding_tool.actions import Actions
from qualkit.coding_tool.coding_file import CodingFile, check_coder, default_path
from qualkit.coding_tool.commands import Commands
from qualkit.coding_tool.moving import Moving
from qualkit.coding_tool.navigation import Navigation
from qualkit.coding_tool.progress import Progress
from qualkit.coding_tool.selection import Selection
from qualkit.coding_tool.suggesting import Suggesting, suggestions_wanted
from qualkit.codings import Coding, utc_now
from qualkit.codings.content import (
    CodingKey,
    Content,
    Op,
    Unit,
)
from qualkit.transcripts import Transcript, Turn
from qualkit.wording import plural

if TYPE_CHECKING:
    from qualkit.corpus import Corpus, Participant

__all__ = ["Change", "CodingTool"]

Change = Literal["position", "filter", "selection", "codings", "memo", "codebook", "reload"]


@dataclass(frozen=True)
class _Undo:
    """One undoable action: what it was, where, and the operations that reverse it."""

    description: str
    unit: Unit
    inverses: tuple[Op, ...]


class CodingTool(Moving, Actions, Commands, Suggesting):
    """One coder coding one or more transcripts, with every change saved to ``path`` at once.

    ``transcripts`` is a :class:`~qualkit.transcripts.Transcript` or several; ``codebook`` the
    codes offered (codes the coder adds are saved in the file and join it). ``focus`` names the
    codebook categories that matter most here (the session's model and the shared codes): the
    view lists them first. ``context_speakers`` are speakers whose turns are context
    (facilitators). ``participant_for(session, speaker)`` looks up a speaker's participant
    record, for :meth:`speaker_details`. ``clock`` returns the ISO 8601 UTC text stamped on
    each coding and memo (inject one to make files reproducible). ``suggest`` turns the
    machine's suggestions on or off (None: as the instructor's ``QUALKIT_SUGGESTIONS`` says;
    off by default; see :mod:`~qualkit.coding_tool.suggesting`).
    """

    def __init__(
        self,
        transcripts: Transcript | Iterable[Transcript],
        codebook: Codebook,
        coder: str,
        path: str | PathLike | None = None,
        *,
        context_speakers: Iterable[str] = (),
        participant_for: Callable[[str, str], Participant | None] | None = None,
        focus: Iterable[str] = (),
        clock: Callable[[], str] = utc_now,
        suggest: bool | None = None,
    ) -> None:
        self.coder = check_coder(coder)
        self.suggest = suggestions_wanted(suggest)
        if isinstance(transcripts, Transcript):
            transcripts = (transcripts,)
        self.transcripts: tuple[Transcript, ...] = tuple(transcripts)
        self.segments: tuple[Turn, ...] = tuple(t for tr in self.transcripts for t in tr.turns)
        if not self.segments:
            raise ValueError("the coding tool needs at least one transcript with turns to code")
        self._index: dict[Unit, int] = {turn.unit: i for i, turn in enumerate(self.segments)}
        if len(self._index) != len(self.segments):
            raise ValueError("each session may be given to the coding tool once")
        self.context_speakers = frozenset(context_speakers)
        self.focus = tuple(focus)
        self._participant_for = participant_for
        self._clock = clock
        self._file = CodingFile(
            path if path is not None else default_path(self.coder), self.coder, codebook
        )
        self.path = self._file.path
        self._listeners: list[Callable[[Change], None]] = []
        self._undo: list[_Undo] = []
        self._content: Content = self._file.open()
        self.nav = Navigation(self.segments, self._codes_on, self.is_context)
        self.nav.position = self.nav.first_open()
        self.selection: Selection | None = None
        self.picked: CodingKey | None = None  # a coding clicked on, to remove or annotate
        if self._content.codings or self._content.memos:
            self.status = f"Resumed {self._saved_text()} from {self.path.name}."
        else:
            self.status = f"Nothing coded yet; each change will be saved to {self.path.name}."
        if self._file.dropped:
            self.status = f"{self._file.dropped} {self.status}"

    @classmethod
    def for_session(
        cls,
        session_id: str | Iterable[str],
        coder: str,
        path: str | PathLike | None = None,
        corpus: Corpus | None = None,
        clock: Callable[[], str] = utc_now,
        suggest: bool | None = None,
    ) -> CodingTool:
        """A tool on one session (or several) of a corpus (default: the kit's own corpus).

        The focus is the sessions' models' categories and every category that is no model's
        (the shared codes).
        """
        if corpus is None:
            from qualkit.corpus import load_corpus

            corpus = load_corpus()
        ids = (session_id,) if isinstance(session_id, str) else tuple(session_id)
        models = {corpus.session(session).model for session in ids}
        focus = [
            c.id for c in corpus.codebook.categories if c.id in models or c.id not in corpus.models
        ]
        return cls(
            [corpus.transcript(session) for session in ids],
            corpus.codebook,
            coder,
            path,
            context_speakers={corpus.session(session).facilitator for session in ids},
            participant_for=corpus.participant_for,
            focus=focus,
            clock=clock,
            suggest=suggest,
        )

    # ---------------------------------------------------------------- the file

    @property
    def codebook(self) -> Codebook:
        """The codebook with the coder's new codes."""
        return self._content.codebook

    def text(self) -> str:
        """The coding file's text as the tool would save it now."""
        return self._content.text()

    def save(self) -> None:
        """Write the whole coding file, taking in its journal (every change is saved already).

        Reads the file first if something else changed it, so that work is kept too.
        """
        with self._file.lock():
            self._sync()
            self._file.compact(self._content)

    def close(self) -> None:
        """Compact the journal into the coding file; the kernel's exit does it too."""
        self._file.close()

    def _sync(self) -> None:
        """Read the file again if something else replaced it since this tool last saved.

        Called with the lock held. If the file is unreadable or foreign now, the error
        propagates and the tool keeps what it holds (the new content is swapped in only once
        read), writing nothing.
        """
        if not self._file.changed():
            return
        unit = self.current.unit
        self._content = self._file.read()
        self.nav.position = self._index.get(unit, 0)
        self._forget_missing_filter()
        self._undo.clear()  # the undo history described the old file
        self.picked = None
        self.status = f"{self.path.name} changed on disk; reloaded {self._saved_text()}."
        if self._file.dropped:
            self.status = f"{self._file.dropped} {self.status}"
        self._notify("reload")

    def _save(self, ops: Sequence[Op]) -> tuple[Op, ...]:
        """Carry out ``ops`` and write the file; return their inverses, newest first.

        If the write fails, the ops are reversed: what the screen shows stays what the file
        holds. This is the one place where state and file change together (undo uses it too).
        """
        inverses: list[Op] = []
        try:
            for op in ops:
                inverses.append(self._content.do(op))
            self._file.save(self._content, ops)
        except BaseException:
            for inverse in reversed(inverses):
                self._content.do(inverse)
            raise
        return tuple(reversed(inverses))

    def _commit(self, ops: Sequence[Op], description: str, unit: Unit, change: Change) -> None:
        self._undo.append(_Undo(description, unit, self._save(ops)))
        self.status = f"Saved {self._saved_text()} to {self.path.name} ({description})."
        self._notify(change)

    def _saved_text(self) -> str:
        content = self._content
        text = plural(len(content.codings), "coding")
        if content.memos:
            text += f" and {plural(len(content.memos), 'memo')}"
        if content.new_codes:
            text += f" and {plural(len(content.new_codes), 'new code')}"
        return text

    def _forget_missing_filter(self) -> None:
        # An undo or a reload can take a new code out of the codebook while it is the filter.
        if self.nav.code_filter is not None and self.nav.code_filter not in self.codebook:
            self.nav.code_filter = None

    # ---------------------------------------------------------------- listeners

    def on_change(self, callback: Callable[[Change], None]) -> None:
        """Call ``callback(change)`` after every change of position, filter, codings or codes."""
        if not callable(callback):
            raise TypeError(f"on_change needs a function, not {callback!r}")
        self._listeners.append(callback)

    def _notify(self, change: Change) -> None:
        for callback in self._listeners:
            callback(change)

    # ---------------------------------------------------------------- reading the state

    @property
    def position(self) -> int:
        return self.nav.position

    @property
    def current(self) -> Turn:
        """The turn being coded."""
        return self.segments[self.nav.position]

    @property
    def speaker(self) -> str | None:
        return self.nav.speaker

    @property
    def code_filter(self) -> str | None:
        return self.nav.code_filter

    def segment(self, turn: int | None = None, session_id: str | None = None) -> Turn:
        """Turn ``turn`` of session ``session_id`` (default: the current turn and session)."""
        if turn is None and session_id is None:
            return self.current
        session_id = session_id if session_id is not None else self.current.session_id
        if turn is None:
            turn = 1
        index = self._index.get((session_id, turn))
        if index is None:
            sessions = ", ".join(t.session_id for t in self.transcripts)
            if not any(t.session_id == session_id for t in self.transcripts):
                raise KeyError(f"session {session_id!r} is not in this tool (it has {sessions})")
            count = next(len(t) for t in self.transcripts if t.session_id == session_id)
            raise KeyError(f"{session_id} has turns 1–{count}, not {turn!r}")
        return self.segments[index]

    def _codes_on(self, unit: Unit) -> set[str]:
        return self._content.codes_on(unit)

    def codes_of(self, turn: int | None = None, session_id: str | None = None) -> tuple[str, ...]:
        """The codes a turn carries (any span or the whole turn), in codebook order."""
        codes = self._codes_on(self.segment(turn, session_id).unit)
        names = self.codebook.names
        return tuple(label for label in names if label in codes) + tuple(sorted(codes - set(names)))

    def codings_of(
        self, turn: int | None = None, session_id: str | None = None
    ) -> tuple[Coding, ...]:
        """The coder's codings on a turn, whole-turn and span, in file order."""
        unit = self.segment(turn, session_id).unit
        found = self._content.by_unit.get(unit, {})
        return tuple(found[key] for key in sorted(found))

    def memo_of(self, turn: int | None = None, session_id: str | None = None) -> str:
        """The coder's memo on a turn ('' if none)."""
        entry = self._content.memos.get((*self.segment(turn, session_id).unit, self.coder))
        return entry[0].text if entry else ""

    def coding(
        self,
        code: str,
        turn: int | None = None,
        session_id: str | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
    ) -> Coding:
        """The saved coding of ``code`` on a turn, or on a span of it (KeyError if none)."""
        segment = self.segment(turn, session_id)
        key = (
            *segment.unit,
            code,
            self.coder,
            -1 if start is None else start,
            -1 if end is None else end,
        )
        return self._content.codings[key][0]

    def speaker_details(self, turn: int | None = None, session_id: str | None = None) -> dict:
        """The speaker's participant id, pseudonym and attributes ({} for facilitators)."""
        segment = self.segment(turn, session_id)
        if self._participant_for is None:
            return {}
        person = self._participant_for(segment.session_id, segment.speaker)
        if person is None:
            return {}
        return {
            "participant": person.participant_id,
            "pseudonym": person.pseudonym,
            **person.attributes,
        }

    def is_context(self, turn: Turn) -> bool:
        """True for facilitators' turns: shown and codable, but not counted as to-do."""
        return turn.speaker in self.context_speakers

    def progress(self) -> Progress:
        """Turns coded of total, codings, memos, and how many turns carry each code."""
        coded = total = codings = memos = 0
        used: dict[str, int] = {}
        content = self._content
        for turn in self.segments:
            found = content.by_unit.get(turn.unit, {})
            codes = {coding.code for coding in found.values()}
            if not self.is_context(turn):
                total += 1
                coded += bool(codes)
            codings += len(found)
            memos += (*turn.unit, self.coder) in content.memos
            for label in codes:
                used[label] = used.get(label, 0) + 1
        order = {label: i for i, label in enumerate(self.codebook.names)}
        codes_used = tuple(sorted(used.items(), key=lambda item: (order.get(item[0], 1e9), item)))
        return Progress(coded, total, codings, memos, codes_used)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_description(self) -> str:
        """What :meth:`undo` would reverse ('' if nothing)."""
        return self._undo[-1].description if self._undo else ""

    @property
    def has_next(self) -> bool:
        """Whether :meth:`next` would move (a later turn passes the filters)."""
        return self.nav.following() is not None

    @property
    def has_previous(self) -> bool:
        return self.nav.preceding() is not None

    def __repr__(self) -> str:
        sessions = ", ".join(t.session_id for t in self.transcripts)
        return f"<CodingTool {self.coder!r} on {sessions}: {self.progress()}; file {self.path}>"
