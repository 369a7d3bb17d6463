"""The coding tool's actions: apply and remove codes (on a turn or a span), write memos, add
codes, undo. Each action takes the file's lock, reads the file again if another tool changed
it, makes its change, saves, and becomes one step of the undo history.

A mixin of :class:`~qualkit.coding_tool.CodingTool`, whose ``_commit`` and ``_save`` carry out
the operations (:mod:`qualkit.codings.content`) and write the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from qualkit.codebook import Code, code_entry, parse_code
from qualkit.coding_tool.selection import normalise
from qualkit.codings import Coding, Memo
from qualkit.codings.content import DropCoding, Op, PutCoding, SetCode, SetMemo, coding_key
from qualkit.errors import InputError
from qualkit.transcripts import Turn
from qualkit.wording import plural

__all__ = ["Actions"]


class Actions:
    """Coding, memos, new codes and undo, each saved at once."""

    def _label(self, code: str | Code) -> str:
        if isinstance(code, Code):
            code = code.label
        if code not in self.codebook:
            expected = "a code of the codebook (" + ", ".join(self.codebook.names) + ")"
            raise InputError(self.path.name, "code to apply", expected, code)
        return code

    def _where(self, segment: Turn, start: int | None = None, end: int | None = None) -> str:
        where = f"turn {segment.turn}"
        if start is not None:
            where = f"“{_excerpt(segment, start, end)}” in " + where
        return where + (f" of {segment.session_id}" if len(self.transcripts) > 1 else "")

    def _span(
        self, segment: Turn, start: int | None, end: int | None
    ) -> tuple[int | None, int | None]:
        if start is None and end is None:
            return None, None
        start, end = normalise(
            segment, segment.start if start is None else start, segment.end if end is None else end
        )
        if (start, end) == normalise(segment, segment.start, segment.end):
            return None, None  # the whole turn is a whole-turn coding, however it was selected
        return start, end

    def _put_ops(self, labels: Iterable[str], segment: Turn, start, end) -> list[Op]:
        ops = []
        for label in dict.fromkeys(labels):
            coding = Coding(*segment.unit, label, self.coder, "", self._clock())
            if start is not None:
                coding = replace(coding, start=start, end=end)
            if coding_key(coding) not in self._content.codings:
                ops.append(PutCoding(coding))
        return ops

    def apply(
        self,
        code: str | Code | Iterable[str],
        turn: int | None = None,
        session_id: str | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
    ) -> bool:
        """Apply ``code`` (or several, as one action) to a turn (default: the current one), or
        to its span ``[start, end)``, and save. False if every code was already there."""
        segment = self.segment(turn, session_id)
        labels = (
            [self._label(code)] if isinstance(code, str | Code) else [self._label(c) for c in code]
        )
        start, end = self._span(segment, start, end)
        with self._file.lock():
            self._sync()
            ops = self._put_ops(labels, segment, start, end)
            if not ops:
                return False
            names = ", ".join(op.coding.code for op in ops)
            description = f"applied {names} to {self._where(segment, start, end)}"
            self._commit(ops, description, segment.unit, "codings")
        return True

    def apply_to_selection(self, codes: Iterable[str] | str) -> bool:
        """Apply one or more codes to the selection (one action), or to the whole current turn
        when nothing is selected."""
        selection = self.selection
        if selection is None:
            return self.apply(codes)
        applied = self.apply(
            codes, selection.turn, selection.session_id, start=selection.start, end=selection.end
        )
        self.selection = None
        self._notify("selection")
        return applied

    def remove(
        self,
        code: str | Code,
        turn: int | None = None,
        session_id: str | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
    ) -> bool:
        """Remove ``code`` from a turn (every span of it, and the whole-turn coding), or only
        the coding of span ``[start, end)``, and save. False if there was nothing to remove."""
        segment = self.segment(turn, session_id)
        label = code.label if isinstance(code, Code) else code
        with self._file.lock():
            self._sync()
            found = self._content.by_unit.get(segment.unit, {})
            keys = sorted(
                key
                for key in found
                if key[2] == label and (start is None or key[4:] == (start, end))
            )
            if not keys:
                return False
            what = self._where(segment, start, end)
            self._commit(
                [DropCoding(k) for k in keys],
                f"removed {label} from {what}",
                segment.unit,
                "codings",
            )
        if self.picked in keys:
            self.picked = None
        return True

    def remove_picked(self) -> bool:
        """Remove the coding picked with :meth:`pick`."""
        coding = self.picked_coding
        if coding is None:
            return False
        return self.remove(
            coding.code, coding.turn, coding.session_id, start=coding.start, end=coding.end
        )

    def write_coding_memo(self, text: str) -> bool:
        """Write the memo of the picked coding (blank deletes it); False if nothing changed."""
        coding = self.picked_coding
        if coding is None:
            raise KeyError("click a highlight or stripe first to pick the coding")
        text = text if text.strip() else ""
        if text == coding.memo:
            return False
        segment = self.segment(coding.turn, coding.session_id)
        with self._file.lock():
            self._sync()
            what = self._where(segment, coding.start, coding.end)
            self._commit(
                [PutCoding(replace(coding, memo=text))],
                f"memo on {coding.code} at {what}",
                segment.unit,
                "codings",
            )
        return True

    def toggle(self, code: str, turn: int | None = None, session_id: str | None = None) -> bool:
        """Apply ``code`` to the whole turn if the turn lacks it, else remove it from the turn;
        True if it is now applied."""
        if self._label(code) in self.codes_of(turn, session_id):
            self.remove(code, turn, session_id)
            return False
        self.apply(code, turn, session_id)
        return True

    def set_codes(
        self, codes: Iterable[str], turn: int | None = None, session_id: str | None = None
    ) -> None:
        """Make a turn carry exactly ``codes`` (one save, and one undo step)."""
        segment = self.segment(turn, session_id)
        wanted = [self._label(code) for code in codes]
        with self._file.lock():
            self._sync()
            found = self._content.by_unit.get(segment.unit, {})
            ops: list[Op] = [DropCoding(key) for key in sorted(found) if key[2] not in wanted]
            have = {key[2] for key in found}
            ops += self._put_ops([c for c in wanted if c not in have], segment, None, None)
            if ops:
                self._commit(
                    ops, f"set the codes of {self._where(segment)}", segment.unit, "codings"
                )

    def write_memo(self, text: str, turn: int | None = None, session_id: str | None = None) -> bool:
        """Write (replace) the coder's memo on a turn and save; blank text deletes it.

        Returns False if nothing changed.
        """
        segment = self.segment(turn, session_id)
        if not text.strip():
            text = ""  # blank deletes; anything else is kept exactly as the student wrote it
        with self._file.lock():
            self._sync()
            if text == self.memo_of(segment.turn, segment.session_id):
                return False
            memo = Memo(*segment.unit, self.coder, text, self._clock()) if text else None
            verb = "wrote a memo on" if text else "deleted the memo on"
            key = (*segment.unit, self.coder)
            self._commit(
                [SetMemo(key, memo)], f"{verb} {self._where(segment)}", segment.unit, "memo"
            )
        return True

    def add_code(self, code: Code) -> None:
        """Add a new (inductive) code with all of the codebook's fields, and save it.

        The label is normalised as a student types it (``"pss transport"`` becomes
        ``PSS_TRANSPORT``). Adding a code you added before replaces its definition; a label of
        the original codebook is an error, as is a missing field or a category the codebook
        lacks.
        """
        if not isinstance(code, Code):
            raise TypeError(f"add_code needs a qualkit.codebook.Code, not {code!r}")
        code = replace(code, label="_".join(code.label.upper().split()))
        categories = {category.id for category in self.codebook.categories}
        code = parse_code(code_entry(code), "new code", f"code {code.label!r}", categories)
        if code.label in self._content.base_codebook:
            raise InputError(
                "new code", "field 'code'", "a label not already in the codebook", code.label
            )
        with self._file.lock():
            self._sync()
            if self._content.new_codes.get(code.label) == code:
                return
            verb = "edited" if code.label in self._content.new_codes else "added"
            self._commit(
                [SetCode(code.label, code)],
                f"{verb} code {code.label}",
                self.current.unit,
                "codebook",
            )

    def undo(self) -> str:
        """Reverse the last coding, memo or new-code action, save, and show its turn.

        Returns a description of what was undone ('' if there was nothing to undo).
        """
        with self._file.lock():
            self._sync()
            if not self._undo:
                self.status = "Nothing to undo."
                self._notify("position")
                return ""
            entry = self._undo[-1]
            # Undo runs newest first, so a new code's codings are undone before the code
            # itself; this guard keeps the file readable if that ever breaks.
            for inverse in entry.inverses:
                if isinstance(inverse, SetCode) and inverse.code is None:
                    users = self._content.users_of(inverse.label)
                    if users:
                        raise ValueError(
                            f"cannot undo adding {inverse.label}: "
                            f"{plural(len(users), 'coding')} use it; remove them first"
                        )
            self._save(entry.inverses)
            self._undo.pop()
        self._forget_missing_filter()
        self.picked = self.selection = None
        if entry.unit in self._index:
            self.nav.position = self._index[entry.unit]
        self.status = f"Undid: {entry.description}. Saved {self._saved_text()} to {self.path.name}."
        codebook = any(isinstance(inverse, SetCode) for inverse in entry.inverses)
        self._notify("codebook" if codebook else "codings")
        return entry.description


def _excerpt(segment: Turn, start: int, end: int | None, width: int = 24) -> str:
    text = segment.text[start - segment.start : (end or segment.end) - segment.start]
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
