"""What one coding file holds, kept ready to save: codings, memos and the coder's new codes.

Each entry keeps its JSON line beside it, in file order, so a save is one join of cached
lines (see ``benchmarks/bench_coding_tool.py``). The content changes only through
:meth:`Content.do`, which carries out one :data:`Op` and returns the op that reverses it:
the tool's undo history is a list of such inverses.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from qualkit.codebook import Code, Codebook
from qualkit.codings.entries import Coding, Codings, Memo
from qualkit.codings.file_format import assemble, coding_line, memo_line
from qualkit.errors import InputError
from qualkit.suggestion_records import RecordKey, SuggestionRecord, record_key, record_line
from qualkit.transcripts import Unit

__all__ = [
    "CodingKey",
    "Content",
    "DropCoding",
    "MemoKey",
    "Op",
    "PutCoding",
    "SetCode",
    "SetMemo",
    "SetRecord",
    "Unit",
    "coding_key",
]

# (session, turn, code, coder, start, end); -1 stands for "the whole turn" so keys sort.
CodingKey = tuple[str, int, str, str, int, int]
MemoKey = tuple[str, int, str]


def coding_key(coding: Coding) -> CodingKey:
    """A coding's identity and file order: where, which code, whose, and which span."""
    start, end = coding.start, coding.end
    return (
        coding.session_id,
        coding.turn,
        coding.code,
        coding.coder,
        -1 if start is None else start,
        -1 if end is None else end,
    )


@dataclass(frozen=True)
class PutCoding:
    """Add a coding, or replace the one with the same key (a new memo on it)."""

    coding: Coding


@dataclass(frozen=True)
class DropCoding:
    key: CodingKey


@dataclass(frozen=True)
class SetMemo:
    """Write the memo on a turn; ``memo=None`` deletes it."""

    key: MemoKey
    memo: Memo | None


@dataclass(frozen=True)
class SetCode:
    """Add or replace a new code; ``code=None`` takes it out again."""

    label: str
    code: Code | None


@dataclass(frozen=True)
class SetRecord:
    """Record what the coder did with a machine suggestion; ``record=None`` takes it out."""

    key: RecordKey
    record: SuggestionRecord | None


Op = PutCoding | DropCoding | SetMemo | SetCode | SetRecord


class Content:
    """A coding file's content in memory. ``codebook`` is the base codebook plus new codes
    (None without a base codebook: a reader that checks no codes)."""

    def __init__(self, base_codebook: Codebook | None) -> None:
        self.base_codebook = base_codebook
        self.codebook = base_codebook
        self.codings: dict[CodingKey, tuple[Coding, str]] = {}
        self._coding_order: list[CodingKey] = []
        self._coding_lines: list[str] = []
        self.memos: dict[MemoKey, tuple[Memo, str]] = {}
        self._memo_order: list[MemoKey] = []
        self._memo_lines: list[str] = []
        self.new_codes: dict[str, Code] = {}
        self.records: dict[RecordKey, tuple[SuggestionRecord, str]] = {}  # sorted on save
        # unit -> its codings, for "which codes does this turn carry" and drawing spans.
        self.by_unit: dict[Unit, dict[CodingKey, Coding]] = {}

    @classmethod
    def load(
        cls,
        codings: Iterable[Coding],
        memos: Iterable[Memo],
        codes: Iterable[Code],
        base_codebook: Codebook | None,
        source: str,
        records: Iterable[SuggestionRecord] = (),
    ) -> Content:
        """Content from a file's parsed entries (duplicate memos are an error naming ``source``)."""
        content = cls(base_codebook)
        for code in codes:
            content.do(SetCode(code.label, code))
        for coding in codings:
            content.do(PutCoding(coding))
        for index, memo in enumerate(memos):
            key = (memo.session_id, memo.turn, memo.coder)
            if key in content.memos:
                raise InputError(source, f"memos[{index}]", "one memo per turn", key[:2])
            content.do(SetMemo(key, memo))
        for record in records:
            content.do(SetRecord(record_key(record), record))
        return content

    def text(self) -> str:
        """The file's text as it would be saved now."""
        return assemble(
            self._coding_lines,
            self._memo_lines,
            self.new_codes.values(),
            (self.records[key][1] for key in sorted(self.records)),
        )

    def as_codings(self) -> Codings:
        """The content as :class:`~qualkit.codings.entries.Codings`, in the order :meth:`text` saves."""
        return Codings(
            tuple(self.codings[key][0] for key in self._coding_order),
            tuple(self.memos[key][0] for key in self._memo_order),
            tuple(self.new_codes.values()),
            tuple(self.records[key][0] for key in sorted(self.records)),
        )

    def codes_on(self, unit: Unit) -> set[str]:
        """The codes a turn carries: those of any of its codings, whole-turn or span."""
        return {coding.code for coding in self.by_unit.get(unit, {}).values()}

    def users_of(self, label: str) -> list[CodingKey]:
        return [key for key in self._coding_order if key[2] == label]

    # ---------------------------------------------------------------- operations

    def do(self, op: Op) -> Op:
        """Carry out one operation; return the operation that reverses it."""
        match op:
            case PutCoding(coding):
                key = coding_key(coding)
                old = self._drop(key) if key in self.codings else None
                self._put(key, coding)
                return DropCoding(key) if old is None else PutCoding(old)
            case DropCoding(key):
                return PutCoding(self._drop(key))
            case SetMemo(key, memo):
                return SetMemo(key, self._set_memo(key, memo))
            case SetCode(label, code):
                return SetCode(label, self._set_code(label, code))
            case SetRecord(key, record):
                old = self.records.pop(key, (None, ""))[0]
                if record is not None:
                    self.records[key] = (record, record_line(record))
                return SetRecord(key, old)
        raise TypeError(op)

    def _put(self, key: CodingKey, coding: Coding) -> None:
        line = coding_line(coding)
        self.codings[key] = (coding, line)
        at = bisect.bisect_left(self._coding_order, key)
        self._coding_order.insert(at, key)
        self._coding_lines.insert(at, line)
        self.by_unit.setdefault(coding.unit, {})[key] = coding

    def _drop(self, key: CodingKey) -> Coding:
        coding, _ = self.codings.pop(key)
        at = bisect.bisect_left(self._coding_order, key)
        del self._coding_order[at], self._coding_lines[at]
        unit = self.by_unit[coding.unit]
        del unit[key]
        if not unit:
            del self.by_unit[coding.unit]
        return coding

    def _set_memo(self, key: MemoKey, memo: Memo | None) -> Memo | None:
        old = self.memos.pop(key, (None, ""))[0]
        if old is not None:
            at = bisect.bisect_left(self._memo_order, key)
            del self._memo_order[at], self._memo_lines[at]
        if memo is not None:
            line = memo_line(memo)
            self.memos[key] = (memo, line)
            at = bisect.bisect_left(self._memo_order, key)
            self._memo_order.insert(at, key)
            self._memo_lines.insert(at, line)
        return old

    def _set_code(self, label: str, code: Code | None) -> Code | None:
        old = self.new_codes.get(label)
        if code is None:
            self.new_codes.pop(label, None)
        else:
            self.new_codes[label] = code
        codebook = self.base_codebook
        for new in self.new_codes.values() if codebook is not None else ():
            codebook = codebook.with_code(new)
        self.codebook = codebook
        return old
