"""The journal beside a coding file: each action of the coding tool appends one line to it.

Rewriting a whole coding file on every click costs what the file weighs (15 ms at 5,000
codings, most of it the fsync). So each action appends one line to ``.<name>.journal`` beside
the file and fsyncs only that; the file itself (the *snapshot*) is rewritten, atomically, only
when the tool *compacts*: on opening and closing, every ``COMPACT_EVERY`` actions, and when the
journal is a minute old (:mod:`qualkit.coding_tool.coding_file`). Every reader
(:func:`qualkit.read_codings`, the tool, the command line, the lessons' graders) replays the
journal after the snapshot through :func:`read_saved`, so all see the same codings whether or
not a journal is pending. The format::

    {"format": "qualkit-journal", "version": 1, "snapshot": "<SHA-256 of the file's bytes>"}
    {"ops": [{"put": <a coding, as in the file>}, {"put": ...}]}
    {"ops": [{"drop": {"session": "PSS-FG1", "turn": 2, "code": "PSS_TRUST", "coder": "ana"}}]}

one line per action (one undo step), each a list of operations: ``put``/``drop`` a coding,
``memo``/``drop_memo`` a turn's memo, ``code``/``drop_code`` a new code.

* **An action is saved once its line is written and fsync'd.** A kill mid-append leaves a last
  line without its newline (or, after a power cut, not JSON): that action never finished, and
  is left out with a warning naming the file and line; the next save compacts it away. A bad
  line *before* the last is damage, not a kill: an :class:`InputError`.
* **Nothing is applied twice.** Compaction writes the snapshot atomically, then deletes the
  journal; a kill between the two leaves a journal whose header names the old snapshot. Such a
  *stale* journal is ignored, and deleted by the next save.
* **It travels with its file.** nbgrader copies hidden files with a submission, and the header
  names the snapshot's content, not its inode: a copied pair still applies, while a file
  replaced by another (a student's own ``write_codings``) leaves the old journal stale.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.codebook import Codebook, code_entry, parse_code
from qualkit.codings.content import (
    CodingKey,
    Content,
    DropCoding,
    Op,
    PutCoding,
    SetCode,
    SetMemo,
    SetRecord,
)
from qualkit.codings.entries import Coding, Codings, Memo
from qualkit.codings.file_format import (
    CODING_KEYS,
    MEMO_KEYS,
    coding_line,
    entry_values,
    memo_line,
    parse_codings,
)
from qualkit.codings.lock import shared
from qualkit.codings.rules import check_codings
from qualkit.errors import InputError
from qualkit.reading import decode_utf8
from qualkit.suggestion_records import parse_record, record_key, record_line
from qualkit.transcripts import Transcript

__all__ = [
    "FORMAT",
    "Saved",
    "append",
    "digest",
    "discard",
    "encode",
    "journal_path",
    "read_saved",
    "start",
]

FORMAT = "qualkit-journal"
_DROP_KEYS = tuple(k for k in CODING_KEYS if k[0] not in ("memo", "created"))
_MEMO_KEY_KEYS = tuple(k for k in MEMO_KEYS if k[0] in ("session", "turn", "coder"))
Signature = tuple[int, int]  # (inode, size): a journal only grows, or is replaced


def journal_path(path: str | PathLike) -> Path:
    """The journal of the coding file ``path``.

    >>> journal_path("lesson/ana.codings.json").as_posix()
    'lesson/.ana.codings.json.journal'
    """
    path = Path(path)
    return path.with_name(f".{path.name}.journal")


def digest(data: bytes) -> str:
    """The SHA-256 of a snapshot's bytes, which its journal's header names."""
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- writing


def encode(ops: Iterable[Op]) -> str:
    """One action's operations as its journal line (with the newline).

    >>> print(encode([DropCoding(("S1", 2, "TRUST", "ana", -1, -1)), SetCode("NEW", None)]), end="")
    {"ops": [{"drop": {"session": "S1", "turn": 2, "code": "TRUST", "coder": "ana"}}, {"drop_code": "NEW"}]}
    """
    items = []
    for op in ops:
        match op:
            case PutCoding(coding):
                items.append('{"put": ' + coding_line(coding) + "}")
            case DropCoding(key):
                items.append(_dumps({"drop": _key_entry(key)}))
            case SetMemo(key, None):
                items.append(
                    _dumps({"drop_memo": dict(zip(("session", "turn", "coder"), key, strict=True))})
                )
            case SetMemo(_, memo):
                items.append('{"memo": ' + memo_line(memo) + "}")
            case SetCode(label, None):
                items.append(_dumps({"drop_code": label}))
            case SetCode(_, code):
                items.append(_dumps({"code": code_entry(code)}))
            case SetRecord(key, None):
                items.append(_dumps({"drop_suggestion": _key_entry(key)}))
            case SetRecord(_, record):
                items.append('{"suggestion": ' + record_line(record) + "}")
            case _:
                raise TypeError(op)
    return '{"ops": [' + ", ".join(items) + "]}\n"


def start(path: Path, snapshot: str, line: str) -> Signature:
    """Create the journal of ``path`` with its header and a first action, atomically.

    ``snapshot`` is the :func:`digest` of the file the journal follows. Returns its signature.
    """
    header = _dumps({"format": FORMAT, "version": 1, "snapshot": snapshot}) + "\n"
    journal = journal_path(path)
    write_atomic(journal, header + line)
    stat = os.stat(journal)
    return (stat.st_ino, stat.st_size)


def append(path: Path, line: str, expected: Signature) -> Signature:
    """Append one action's line to the journal of ``path`` and fsync it; its new signature.

    The journal must be exactly as this tool last left it (``expected``): appending after a
    line cut off by a kill, or to a journal someone else replaced, would damage a saved action.
    """
    journal = journal_path(path)
    fd = os.open(journal, os.O_WRONLY | os.O_APPEND)  # never creates: a lost journal is noticed
    try:
        stat = os.fstat(fd)
        if (stat.st_ino, stat.st_size) != expected:
            raise InputError(
                journal, "its end", "the journal as the coding tool left it", "another journal"
            )
        data = memoryview(line.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]
        os.fdatasync(fd)  # the data and the new size: all a later read needs
        return (stat.st_ino, stat.st_size + len(line.encode("utf-8")))
    finally:
        os.close(fd)


def discard(path: Path) -> None:
    """Delete the journal of ``path`` (after compaction; if a crash undoes this, it is stale)."""
    journal_path(path).unlink(missing_ok=True)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Saved:
    """A coding file as saved: its snapshot with the journal's actions replayed after it."""

    codings: Codings
    digest: str  # of the snapshot's bytes
    actions: int  # actions replayed from the journal
    stale: bool = False  # a journal is there, left from an older snapshot: ignored
    dropped: str = ""  # what was left out: a last line a kill cut off ('' if none)

    @property
    def pending(self) -> bool:
        """Whether the journal holds anything to compact or clear away."""
        return bool(self.actions or self.stale or self.dropped)


def read_saved(
    path: str | PathLike,
    codebook: Codebook | None = None,
    transcripts: Iterable[Transcript] | None = None,
    *,
    lock: bool = True,
) -> Saved:
    """Read a coding file and replay its journal; checks as :func:`qualkit.parse_codings`.

    A missing file raises FileNotFoundError. With ``lock`` (for readers outside the tool),
    a pending journal is read under the file's shared lock, so a tool saving at that moment
    is waited for; a tool reading under its own lock passes ``lock=False``.
    """
    path = Path(path)
    journal = journal_path(path)
    transcripts = None if transcripts is None else tuple(transcripts)  # read for each entry
    with shared(path) if lock and journal.exists() else nullcontext():
        data = _read_bytes(path)
        if journal.is_symlink():  # a journal is only ever written in place by the tool
            raise InputError(journal, "path", "the coding tool's journal", "a symbolic link")
        try:
            lines = journal.read_bytes()
        except FileNotFoundError:
            lines = None
    text = decode_utf8(data, path, keep_mark=True).replace("\r\n", "\n").replace("\r", "\n")
    codings = parse_codings(text, path, codebook, transcripts)
    snapshot = digest(data)
    if lines is None:
        return Saved(codings, snapshot, 0)
    return _replay(path, journal, lines, codings, snapshot, codebook, transcripts)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise InputError(path, "path", "a coding file (UTF-8 JSON)", "a folder")
    return path.read_bytes()


def _replay(
    source: Path,
    journal: Path,
    data: bytes,
    codings: Codings,
    snapshot: str,
    codebook: Codebook | None,
    transcripts: Sequence[Transcript] | None,
) -> Saved:
    *lines, tail = data.split(b"\n")
    if tail:
        lines.append(None)  # no newline after it: the write never finished
    decoded: list[tuple[int, object]] = []
    dropped = ""
    for number, line in enumerate(lines, 1):
        try:
            if line is None:
                raise ValueError("cut off")
            decoded.append((number, json.loads(line)))
        except ValueError:  # also bytes that are not UTF-8
            if number < len(lines):
                expected = "a whole JSON line (only the last line can be cut off by a kill)"
                raise InputError(journal, f"line {number}", expected) from None
            dropped = (
                f"{journal.name}: line {number}: the last change was cut off when the coding "
                f"tool stopped before it finished saving, so it is left out; every change saved "
                f"before it is kept."
            )
    if not decoded:
        return Saved(codings, snapshot, 0, stale=True, dropped=dropped)
    number, header = decoded[0]
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError(journal, "line 1", f'a header with "format": "{FORMAT}"')
    if header.get("snapshot") != snapshot:
        return Saved(codings, snapshot, 0, stale=True)  # a compaction finished all but this
    content = Content.load(
        codings.codings, codings.memos, codings.added_codes, codebook, source, codings.suggestions
    )
    for number, action in decoded[1:]:
        for op in _ops(action, journal, number):
            _check(op, content, journal, number, codebook, transcripts)
            try:
                content.do(op)
            except KeyError as missing:
                raise InputError(
                    journal, f"line {number}", "a change to an entry the file holds", missing.args
                ) from None
    return Saved(content.as_codings(), snapshot, len(decoded) - 1, dropped=dropped)


def _ops(action: object, journal: Path, number: int) -> list[Op]:
    where = f"line {number}"
    if not isinstance(action, dict) or not isinstance(action.get("ops"), list):
        raise InputError(journal, where, 'an action {"ops": [...]}')
    ops: list[Op] = []
    for index, item in enumerate(action["ops"]):
        place = f"{where} (ops[{index}])"
        if not isinstance(item, dict) or len(item) != 1:
            raise InputError(journal, place, "one of put, drop, memo, drop_memo, code, drop_code")
        [(kind, entry)] = item.items()
        if kind == "put":
            ops.append(PutCoding(Coding(*entry_values(entry, CODING_KEYS, str(journal), place))))
        elif kind == "drop":
            session, turn, code, coder, start, end = entry_values(
                entry, _DROP_KEYS, str(journal), place
            )
            key: CodingKey = (session, turn, code, coder, _or(start), _or(end))
            ops.append(DropCoding(key))
        elif kind == "memo":
            memo = Memo(*entry_values(entry, MEMO_KEYS, str(journal), place))
            ops.append(SetMemo((memo.session_id, memo.turn, memo.coder), memo))
        elif kind == "drop_memo":
            ops.append(
                SetMemo(tuple(entry_values(entry, _MEMO_KEY_KEYS, str(journal), place)), None)
            )
        elif kind == "code":
            code = parse_code(entry, str(journal), place)
            ops.append(SetCode(code.label, code))
        elif kind == "drop_code" and isinstance(entry, str):
            ops.append(SetCode(entry, None))
        elif kind == "suggestion":  # what the coder did with a machine suggestion
            record = parse_record(entry, str(journal), place)
            ops.append(SetRecord(record_key(record), record))
        elif kind == "drop_suggestion":
            session, turn, code, coder, start, end = entry_values(
                entry, _DROP_KEYS, str(journal), place
            )
            ops.append(SetRecord((session, turn, code, coder, _or(start), _or(end)), None))
        else:
            raise InputError(journal, place, "one of put, drop, memo, drop_memo, code, drop_code")
    return ops


def _check(
    op: Op,
    content: Content,
    journal: Path,
    number: int,
    codebook: Codebook | None,
    transcripts: Sequence[Transcript] | None,
) -> None:
    """The file's own rules (:func:`check_codings`) for an entry an operation brings in."""

    def place(name: str, index: int) -> str:
        return f"line {number}"

    added = tuple(content.new_codes.values())
    match op:
        case PutCoding(coding):
            check_codings(Codings((coding,), (), added), journal, codebook, transcripts, place)
        case SetMemo(_, memo) if memo is not None:
            check_codings(Codings((), (memo,), added), journal, codebook, transcripts, place)
        case SetCode(_, code) if code is not None:
            check_codings(Codings((), (), (code,)), journal, codebook, None, place)
        case SetCode(label, None) if content.users_of(label):
            raise InputError(journal, f"line {number}", "a code no coding uses", label)


def _key_entry(key: CodingKey) -> dict:
    session, turn, code, coder, start, end = key
    entry = {"session": session, "turn": turn, "code": code, "coder": coder}
    if start != -1:
        entry.update(start=start, end=end)
    return entry


def _or(offset: int | None) -> int:
    return -1 if offset is None else offset


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
