"""The coding tool's model: a coder's codings of one or more transcripts, saved on every change.

This is the whole of the coding tool except the drawing: :mod:`qualkit.widget` is a thin
ipywidgets view over a :class:`CodingTool`, and everything the view does goes through the
methods here, so the same work can be done from code (for accessibility, and for graders)::

    tool = CodingTool.for_session("PSS-FG1", coder="ana")      # resumes ana.codings.json
    tool.apply("PSS_LIVED_EXP", turn=2)
    tool.write_memo("She names trust first.", turn=2)
    tool.undo()

**The file.** Every change is written at once, atomically (:func:`qualkit.atomic.write_atomic`),
to a coding file in :mod:`qualkit.codings`' format: by default ``<coder>.codings.json`` in the
current folder, which is the notebook's folder in Jupyter and under nbgrader. One file holds one
coder's work: every coding and memo carries the coder's name, and the file may hold several
sessions (each tool keeps the codings of sessions it does not show). Read it back with
:func:`qualkit.codings.read_codings`. On start the tool reads the file if it exists; a file it
cannot read, or one holding another coder's work, is an :class:`~qualkit.errors.InputError`
naming the file, and it is never overwritten. If the file changes on disk behind the tool's
back (another tool on the same file, a cell that wrote it), the tool reads it again before its
next save, so neither side's work is lost.

**Segments.** The unit is the speaker turn. Facilitator and interviewer turns (the session's
*context speakers*) are shown and can be coded, but progress counts, and "next uncoded" visits,
only the other turns.

Saving costs one join of cached JSON lines (one per coding) and one atomic write; see
``benchmarks/bench_coding_tool.py``.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from qualkit.atomic import write_atomic
from qualkit.codebook import Code, Codebook, code_entry, parse_code
from qualkit.codings import Coding, Memo, assemble, coding_line, memo_line, read_codings, utc_now
from qualkit.errors import InputError
from qualkit.transcripts import Transcript, Turn, Unit
from qualkit.wording import plural

__all__ = ["ALL_CODED", "COMMANDS_HELP", "Change", "CodingTool", "Progress", "default_path"]

if TYPE_CHECKING:
    from qualkit.corpus import Corpus, Participant

Change = Literal["position", "filter", "codings", "memo", "codebook", "reload"]

# What the command box understands (documented for students in the widget's help text).
COMMANDS_HELP = (
    "n = next turn, p = previous turn, u = next uncoded turn, a number = go to that turn, "
    "a code label (or its first letters) = apply or remove that code, z = undo, ? = this help"
)
# What "next uncoded" says when no participant turn (of the speaker shown) lacks a code.
ALL_CODED = "No uncoded participant turn left."
# The attributes that hold the file's content (swapped back if a reload fails).
_STATE = (
    "_codings",
    "_coding_order",
    "_coding_lines",
    "_memos",
    "_memo_order",
    "_memo_lines",
    "_new_codes",
    "_unit_codes",
    "codebook",
    "_disk",
)
# A leftover temporary file from a save that was killed is removed once it is this old.
_STALE_TEMP_SECONDS = 60.0


@dataclass(frozen=True)
class Progress:
    """How far the coder has got in the tool's segments (counts of turns, codings and memos).

    ``coded`` and ``total`` count only turns of non-context speakers; ``codings`` and ``memos``
    count everything on the tool's turns; ``codes_used`` pairs each code used with how many
    turns carry it, in codebook order.
    """

    coded: int
    total: int
    codings: int
    memos: int
    codes_used: tuple[tuple[str, int], ...]

    @property
    def fraction(self) -> float:
        """``coded / total`` (0.0 when there is nothing to code)."""
        return self.coded / self.total if self.total else 0.0

    @property
    def counts(self) -> str:
        """``"3 codings · 2 codes used · 0 memos"``: what the coder has made so far."""
        return (
            f"{plural(self.codings, 'coding')} · "
            f"{plural(len(self.codes_used), 'code')} used · {plural(self.memos, 'memo')}"
        )

    def __str__(self) -> str:
        return f"{self.coded} of {self.total} turns coded · {self.counts}"


@dataclass(frozen=True)
class _PutCoding:
    coding: Coding


@dataclass(frozen=True)
class _DropCoding:
    key: tuple[str, int, str, str]


@dataclass(frozen=True)
class _SetMemo:
    key: tuple[str, int, str]
    memo: Memo | None


@dataclass(frozen=True)
class _SetCode:
    label: str
    code: Code | None


_Op = _PutCoding | _DropCoding | _SetMemo | _SetCode


@dataclass(frozen=True)
class _Undo:
    """One undoable action: what it was, where, and the operation that reverses it."""

    description: str
    unit: Unit
    inverse: _Op


def default_path(coder: str, folder: str | PathLike | None = None) -> Path:
    """The coding file for ``coder``: ``<coder>.codings.json`` in ``folder`` (default: cwd).

    Characters that do not belong in a file name become ``_``.

    >>> default_path("ana", "lesson").as_posix()
    'lesson/ana.codings.json'
    >>> default_path("Ana María / B").name
    'Ana_María_B.codings.json'
    """
    slug = re.sub(r"[^\w.-]+", "_", _check_coder(coder)).strip("._") or "coder"
    return Path(folder if folder is not None else ".") / f"{slug}.codings.json"


def _check_coder(coder: object) -> str:
    if not isinstance(coder, str) or not coder.strip():
        raise InputError("coding tool", "argument 'coder'", "the coder's name", coder)
    return coder.strip()


class CodingTool:
    """One coder coding one or more transcripts, with every change saved to ``path`` at once.

    ``transcripts`` is a :class:`~qualkit.transcripts.Transcript` or several; ``codebook`` the
    codes offered (codes the coder adds are saved in the file and join it). ``context_speakers``
    are speakers whose turns are context (facilitators). ``participant_for(session, speaker)``
    looks up a speaker's participant record, for :meth:`speaker_details`. ``clock`` returns the
    ISO 8601 UTC text stamped on each coding and memo (inject one to make files reproducible).
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
        clock: Callable[[], str] = utc_now,
    ) -> None:
        self.coder = _check_coder(coder)
        # Absolute, so a later os.chdir in the notebook cannot send saves elsewhere.
        self.path = Path(path if path is not None else default_path(self.coder)).absolute()
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
        self._participant_for = participant_for
        self._clock = clock
        self._base_codebook = codebook
        self.codebook = codebook
        self.speaker: str | None = None
        self.code_filter: str | None = None
        self._listeners: list[Callable[[Change], None]] = []
        self._undo: list[_Undo] = []
        self._load()
        self.position = next((i for i, turn in enumerate(self.segments) if self._is_open(turn)), 0)
        if len(self._codings) or len(self._memos):
            self.status = f"Resumed {self._saved_text()} from {self.path.name}."
        else:
            self.status = f"Nothing coded yet; each change will be saved to {self.path.name}."

    @classmethod
    def for_session(
        cls,
        session_id: str | Iterable[str],
        coder: str,
        path: str | PathLike | None = None,
        corpus: Corpus | None = None,
        clock: Callable[[], str] = utc_now,
    ) -> CodingTool:
        """A tool on one session (or several) of a corpus (default: the kit's own corpus)."""
        if corpus is None:
            from qualkit.corpus import load_corpus

            corpus = load_corpus()
        ids = (session_id,) if isinstance(session_id, str) else tuple(session_id)
        return cls(
            [corpus.transcript(session) for session in ids],
            corpus.codebook,
            coder,
            path,
            context_speakers={corpus.session(session).facilitator for session in ids},
            participant_for=corpus.participant_for,
            clock=clock,
        )

    # ---------------------------------------------------------------- loading and saving

    def _load(self) -> None:
        self._codings: dict[tuple[str, int, str, str], str] = {}  # key -> cached JSON line
        # Sorted keys, with each entry's JSON line at the same index: a save is one join.
        self._coding_order: list[tuple[str, int, str, str]] = []
        self._coding_lines: list[str] = []
        self._memos: dict[tuple[str, int, str], tuple[Memo, str]] = {}
        self._memo_order: list[tuple[str, int, str]] = []
        self._memo_lines: list[str] = []
        self._new_codes: dict[str, Code] = {}
        self._unit_codes: dict[Unit, set[str]] = {}
        self.codebook = self._base_codebook
        self._remove_stale_temporaries()
        # Signature first: if the file changes while we read, the next save sees it and reloads.
        self._disk = self._signature()
        try:
            content = read_codings(self.path, self._base_codebook)
        except FileNotFoundError:
            self._disk = None
            return
        except UnicodeDecodeError as error:
            raise InputError(self.path, f"byte {error.start}", "UTF-8 text") from None
        for index, coding in enumerate(content.codings):
            self._check_owner(coding.coder, f"codings[{index}] field 'coder'")
            self._put(coding)
        for index, memo in enumerate(content.memos):
            self._check_owner(memo.coder, f"memos[{index}] field 'coder'")
            key = (memo.session_id, memo.turn, memo.coder)
            if key in self._memos:
                raise InputError(self.path, f"memos[{index}]", "one memo per turn", key[:2])
            self._set_memo(key, memo)
        for code in content.added_codes:
            self._set_code(code.label, code)

    def _check_owner(self, coder: str, place: str) -> None:
        if coder != self.coder:
            expected = f"only {self.coder!r}'s work (each coder codes into their own file)"
            raise InputError(self.path, place, expected, coder)

    def _remove_stale_temporaries(self) -> None:
        # write_atomic cleans up after itself unless the process is killed mid-save.
        if not self.path.parent.is_dir():
            return
        cutoff = time.time() - _STALE_TEMP_SECONDS
        for temporary in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                if temporary.stat().st_mtime < cutoff:
                    temporary.unlink()
            except OSError:
                pass  # gone already, or not ours to remove

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _sync(self) -> None:
        """Read the file again if something else replaced it since this tool last saved."""
        disk = self._signature()
        if disk == self._disk or disk is None:
            return  # unchanged, or deleted: the next save writes everything we hold
        position = self.segments[self.position].unit
        held = {name: getattr(self, name) for name in _STATE}
        try:
            self._load()
        except BaseException:
            # Unreadable or foreign now: keep what we hold, write nothing, and say why.
            for name, value in held.items():
                setattr(self, name, value)
            raise
        self.position = self._index.get(position, 0)
        self._forget_missing_filter()
        self._undo.clear()  # the undo history described the old file
        self.status = f"{self.path.name} changed on disk; reloaded {self._saved_text()}."
        self._notify("reload")

    def text(self) -> str:
        """The coding file's text as the tool would save it now."""
        return assemble(self._coding_lines, self._memo_lines, self._new_codes.values())

    def save(self) -> None:
        """Write the whole coding file (every change already does this).

        Reads the file first if something else changed it, so that work is kept too.
        """
        self._sync()
        self._write()

    def _write(self) -> None:
        write_atomic(self.path, self.text())
        self._disk = self._signature()

    def _saved_text(self) -> str:
        text = plural(len(self._codings), "coding")
        if self._memos:
            text += f" and {plural(len(self._memos), 'memo')}"
        if self._new_codes:
            text += f" and {plural(len(self._new_codes), 'new code')}"
        return text

    def _commit(self, op: _Op, description: str, unit: Unit, change: Change) -> None:
        inverse = self._do(op)
        try:
            self._write()
        except BaseException:
            self._do(inverse)  # what the screen shows stays what the file holds
            raise
        self._undo.append(_Undo(description, unit, inverse))
        self.status = f"Saved {self._saved_text()} to {self.path.name} ({description})."
        self._notify(change)

    # ---------------------------------------------------------------- state operations

    def _put(self, coding: Coding) -> None:
        line = self._codings[coding.key] = coding_line(coding)
        at = bisect.bisect_left(self._coding_order, coding.key)
        self._coding_order.insert(at, coding.key)
        self._coding_lines.insert(at, line)
        self._unit_codes.setdefault(coding.unit, set()).add(coding.code)

    def _stored(self, key: tuple[str, int, str, str]) -> Coding:
        data = json.loads(self._codings[key])
        return Coding(*key, memo=data["memo"], created=data["created"])

    def _drop(self, key: tuple[str, int, str, str]) -> Coding:
        coding = self._stored(key)
        del self._codings[key]
        at = bisect.bisect_left(self._coding_order, key)
        del self._coding_order[at], self._coding_lines[at]
        codes = self._unit_codes[key[:2]]
        codes.discard(key[2])
        if not codes:
            del self._unit_codes[key[:2]]
        return coding

    def _set_memo(self, key: tuple[str, int, str], memo: Memo | None) -> Memo | None:
        old = self._memos.pop(key, (None, ""))[0]
        if old is not None:
            at = bisect.bisect_left(self._memo_order, key)
            del self._memo_order[at], self._memo_lines[at]
        if memo is not None:
            line = memo_line(memo)
            self._memos[key] = (memo, line)
            at = bisect.bisect_left(self._memo_order, key)
            self._memo_order.insert(at, key)
            self._memo_lines.insert(at, line)
        return old

    def _set_code(self, label: str, code: Code | None) -> Code | None:
        old = self._new_codes.get(label)
        if code is None:
            self._new_codes.pop(label, None)
        else:
            self._new_codes[label] = code
        codebook = self._base_codebook
        for new in self._new_codes.values():
            codebook = codebook.with_code(new)
        self.codebook = codebook
        return old

    def _forget_missing_filter(self) -> None:
        # An undo or a reload can take a new code out of the codebook while it is the filter.
        if self.code_filter is not None and self.code_filter not in self.codebook:
            self.code_filter = None

    def _do(self, op: _Op) -> _Op:
        """Carry out one operation on the state; return the operation that reverses it."""
        match op:
            case _PutCoding(coding):
                self._put(coding)
                return _DropCoding(coding.key)
            case _DropCoding(key):
                return _PutCoding(self._drop(key))
            case _SetMemo(key, memo):
                return _SetMemo(key, self._set_memo(key, memo))
            case _SetCode(label, code):
                return _SetCode(label, self._set_code(label, code))
        raise TypeError(op)

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
    def current(self) -> Turn:
        """The turn being coded."""
        return self.segments[self.position]

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

    def codes_of(self, turn: int | None = None, session_id: str | None = None) -> tuple[str, ...]:
        """The codes on a turn (default: the current one), in codebook order."""
        codes = self._unit_codes.get(self.segment(turn, session_id).unit, set())
        return tuple(label for label in self.codebook.names if label in codes) + tuple(
            sorted(codes - set(self.codebook.names))
        )

    def memo_of(self, turn: int | None = None, session_id: str | None = None) -> str:
        """The coder's memo on a turn ('' if none)."""
        segment = self.segment(turn, session_id)
        entry = self._memos.get((*segment.unit, self.coder))
        return entry[0].text if entry else ""

    def coding(self, code: str, turn: int | None = None, session_id: str | None = None) -> Coding:
        """The saved :class:`~qualkit.codings.Coding` of ``code`` on a turn (KeyError if none)."""
        segment = self.segment(turn, session_id)
        return self._stored((*segment.unit, code, self.coder))

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

    def _is_open(self, turn: Turn) -> bool:
        return not self.is_context(turn) and turn.unit not in self._unit_codes

    def progress(self) -> Progress:
        """Turns coded of total, codings, memos, and how many turns carry each code."""
        coded = total = codings = memos = 0
        used: dict[str, int] = {}
        for turn in self.segments:
            codes = self._unit_codes.get(turn.unit, ())
            if not self.is_context(turn):
                total += 1
                coded += bool(codes)
            codings += len(codes)
            memos += (*turn.unit, self.coder) in self._memos
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

    # ---------------------------------------------------------------- moving

    def matches(self, turn: Turn) -> bool:
        """Whether a turn passes the speaker and code filters."""
        if self.speaker is not None and turn.speaker != self.speaker:
            return False
        return self.code_filter is None or self.code_filter in self._unit_codes.get(turn.unit, ())

    def visible(self) -> list[int]:
        """Positions of the turns that pass the filters."""
        return [i for i, turn in enumerate(self.segments) if self.matches(turn)]

    def window(self, context: int = 3) -> tuple[Turn, ...]:
        """The current turn with up to ``context`` visible turns on each side."""
        shown = self.visible()
        if self.position not in shown:
            bisect.insort(shown, self.position)
        at = shown.index(self.position)
        return tuple(self.segments[i] for i in shown[max(0, at - context) : at + context + 1])

    def _move(self, position: int) -> Turn:
        if position != self.position:
            self.position = position
            self._notify("position")
        return self.current

    def go(self, turn: int, session_id: str | None = None) -> Turn:
        """Go to turn ``turn`` (1-based) of ``session_id`` (default: the current session)."""
        return self._move(self._index[self.segment(turn, session_id).unit])

    def next(self) -> Turn | None:
        """Go to the next turn that passes the filters (None at the end)."""
        found = next(
            (
                i
                for i in range(self.position + 1, len(self.segments))
                if self.matches(self.segments[i])
            ),
            None,
        )
        return None if found is None else self._move(found)

    def previous(self) -> Turn | None:
        """Go to the previous turn that passes the filters (None at the start)."""
        found = next(
            (i for i in range(self.position - 1, -1, -1) if self.matches(self.segments[i])), None
        )
        return None if found is None else self._move(found)

    def next_uncoded(self) -> Turn | None:
        """Go to the next participant turn without codes (wrapping round; None if all done).

        The speaker filter applies; the code filter does not (no uncoded turn carries a code).
        """
        count = len(self.segments)
        for step in range(1, count + 1):
            turn = self.segments[(self.position + step) % count]
            if self._is_open(turn) and self.speaker in (None, turn.speaker):
                return self._move((self.position + step) % count)
        return None

    def filter(self, speaker: str | None = None, code: str | None = None) -> None:
        """Show only one speaker's turns and/or turns carrying one code (None: all).

        If the current turn is filtered out, move to the nearest turn that passes, if any.
        """
        if speaker is not None and speaker not in {turn.speaker for turn in self.segments}:
            raise KeyError(f"no speaker {speaker!r} in this tool's transcripts")
        if code is not None and code not in self.codebook:
            raise KeyError(f"no code {code!r} in the codebook")
        self.speaker, self.code_filter = speaker, code
        shown = self.visible()
        if shown and self.position not in shown:
            at = bisect.bisect_left(shown, self.position)
            self.position = shown[min(at, len(shown) - 1)]
        self._notify("filter")

    # ---------------------------------------------------------------- coding

    def _label(self, code: str) -> str:
        if isinstance(code, Code):
            code = code.label
        if code not in self.codebook:
            expected = "a code of the codebook (" + ", ".join(self.codebook.names) + ")"
            raise InputError(self.path.name, "code to apply", expected, code)
        return code

    def apply(self, code: str, turn: int | None = None, session_id: str | None = None) -> bool:
        """Apply ``code`` to a turn (default: the current one) and save; False if already there."""
        segment = self.segment(turn, session_id)
        label = self._label(code)
        self._sync()
        if label in self._unit_codes.get(segment.unit, ()):
            return False
        coding = Coding(segment.session_id, segment.turn, label, self.coder, "", self._clock())
        where = f"turn {segment.turn}" + self._session_suffix(segment)
        self._commit(_PutCoding(coding), f"applied {label} to {where}", segment.unit, "codings")
        return True

    def remove(self, code: str, turn: int | None = None, session_id: str | None = None) -> bool:
        """Remove ``code`` from a turn (default: the current one) and save; False if not there."""
        segment = self.segment(turn, session_id)
        label = code.label if isinstance(code, Code) else code
        self._sync()
        if label not in self._unit_codes.get(segment.unit, ()):
            return False
        key = (*segment.unit, label, self.coder)
        where = f"turn {segment.turn}" + self._session_suffix(segment)
        self._commit(_DropCoding(key), f"removed {label} from {where}", segment.unit, "codings")
        return True

    def toggle(self, code: str, turn: int | None = None, session_id: str | None = None) -> bool:
        """Apply ``code`` if the turn lacks it, else remove it; True if it is now applied."""
        if self._label(code) in self.codes_of(turn, session_id):
            self.remove(code, turn, session_id)
            return False
        self.apply(code, turn, session_id)
        return True

    def set_codes(
        self, codes: Iterable[str], turn: int | None = None, session_id: str | None = None
    ) -> None:
        """Make a turn carry exactly ``codes`` (one save, and one undo step, per code changed)."""
        wanted = [self._label(code) for code in codes]
        for label in self.codes_of(turn, session_id):
            if label not in wanted:
                self.remove(label, turn, session_id)
        for label in wanted:
            self.apply(label, turn, session_id)

    def write_memo(self, text: str, turn: int | None = None, session_id: str | None = None) -> bool:
        """Write (replace) the coder's memo on a turn and save; blank text deletes it.

        Returns False if nothing changed.
        """
        segment = self.segment(turn, session_id)
        if not text.strip():
            text = ""  # blank deletes; anything else is kept exactly as the student wrote it
        self._sync()
        key = (*segment.unit, self.coder)
        if text == self.memo_of(segment.turn, segment.session_id):
            return False
        memo = Memo(*segment.unit, self.coder, text, self._clock()) if text else None
        where = f"turn {segment.turn}" + self._session_suffix(segment)
        verb = "wrote a memo on" if text else "deleted the memo on"
        self._commit(_SetMemo(key, memo), f"{verb} {where}", segment.unit, "memo")
        return True

    def add_code(self, code: Code) -> None:
        """Add a new (inductive) code with all of the codebook's fields, and save it.

        Adding a code you added before replaces its definition; a label of the original
        codebook is an error, as is a missing field or a category the codebook lacks.
        """
        if not isinstance(code, Code):
            raise TypeError(f"add_code needs a qualkit.codebook.Code, not {code!r}")
        categories = {category.id for category in self.codebook.categories}
        code = parse_code(code_entry(code), "new code", f"code {code.label!r}", categories)
        if code.label in self._base_codebook:
            raise InputError(
                "new code", "field 'code'", "a label not already in the codebook", code.label
            )
        self._sync()
        if self._new_codes.get(code.label) == code:
            return
        verb = "edited" if code.label in self._new_codes else "added"
        self._commit(
            _SetCode(code.label, code), f"{verb} code {code.label}", self.current.unit, "codebook"
        )

    def undo(self) -> str:
        """Reverse the last coding, memo or new-code action, save, and show its turn.

        Returns a description of what was undone ('' if there was nothing to undo).
        """
        self._sync()
        if not self._undo:
            return ""
        entry = self._undo[-1]
        # Undo runs newest first, so a new code's codings are undone before the code itself;
        # this guard keeps the file readable (no coding of an unknown code) if that ever breaks.
        if isinstance(entry.inverse, _SetCode) and entry.inverse.code is None:
            users = [key for key in self._coding_order if key[2] == entry.inverse.label]
            if users:
                raise ValueError(
                    f"cannot undo adding {entry.inverse.label}: "
                    f"{plural(len(users), 'coding')} use it; remove them first"
                )
        inverse = self._do(entry.inverse)
        try:
            self._write()
        except BaseException:
            self._do(inverse)
            raise
        self._undo.pop()
        self._forget_missing_filter()
        if entry.unit in self._index:
            self.position = self._index[entry.unit]
        self.status = f"Undid: {entry.description}. Saved {self._saved_text()} to {self.path.name}."
        kind: Change = "codebook" if isinstance(entry.inverse, _SetCode) else "codings"
        self._notify(kind)
        return entry.description

    # ---------------------------------------------------------------- keyboard commands

    def run_command(self, command: str) -> str:
        """Carry out a typed command (see ``COMMANDS_HELP``) and return what happened.

        >>> from qualkit.transcripts import parse_transcript
        >>> from qualkit.codebook import Category
        >>> cb = Codebook((Category("c", "C", "C."),), (Code("TRUST", "c", *"bfwne"),))
        >>> import tempfile; folder = tempfile.TemporaryDirectory()
        >>> transcript = parse_transcript("A: hi\\nB: yo", "S1")
        >>> tool = CodingTool(transcript, cb, "ana", f"{folder.name}/ana.codings.json")
        >>> tool.run_command("2"), tool.run_command("tr"), tool.run_command("p")
        ('Turn 2 of S1.', 'Applied TRUST to turn 2.', 'Turn 1 of S1.')
        >>> folder.cleanup()
        """
        text = command.strip()
        word = text.lower()
        if not text:
            return ""
        if word in ("?", "h", "help"):
            return "Commands: " + COMMANDS_HELP + "."
        if word in ("n", "next", "p", "prev", "previous", "u", "uncoded"):
            move = {"n": self.next, "p": self.previous, "u": self.next_uncoded}[word[0]]
            turn = move()
            if turn is None:
                return "No more turns that way." if word[0] != "u" else ALL_CODED
            return f"Turn {turn.turn} of {turn.session_id}."
        if word in ("z", "undo"):
            done = self.undo()
            return f"Undid: {done}." if done else "Nothing to undo."
        if text.isdecimal():  # not isdigit: int() refuses "²"
            try:
                turn = self.go(int(text))
            except KeyError as error:
                return str(error.args[0])
            return f"Turn {turn.turn} of {turn.session_id}."
        label = text.upper()
        if label not in self.codebook:
            candidates = [name for name in self.codebook.names if name.startswith(label)]
            if len(candidates) != 1:
                if candidates:
                    return f"{text!r} could be {', '.join(candidates)}: type more of the label."
                return f"No code or command {text!r}. Commands: {COMMANDS_HELP}."
            label = candidates[0]
        applied = self.toggle(label)
        verb = "Applied" if applied else "Removed"
        preposition = "to" if applied else "from"
        return f"{verb} {label} {preposition} turn {self.current.turn}."

    def _session_suffix(self, segment: Turn) -> str:
        return f" of {segment.session_id}" if len(self.transcripts) > 1 else ""

    def __repr__(self) -> str:
        sessions = ", ".join(t.session_id for t in self.transcripts)
        return f"<CodingTool {self.coder!r} on {sessions}: {self.progress()}; file {self.path}>"
