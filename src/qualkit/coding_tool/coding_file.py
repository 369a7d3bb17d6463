"""The coding tool's file on disk: reading it, noticing changes behind our back, saving safely.

* **Fast, safe saves**: each action appends one fsync'd line to the file's journal
  (:mod:`~qualkit.codings.journal`); the whole file is rewritten through
  :func:`qualkit.atomic.write_atomic` only to *compact* the journal into it: on opening and
  closing the tool, at the kernel's exit, every :data:`COMPACT_EVERY` actions, and once the
  journal is :data:`COMPACT_AFTER_SECONDS` old. A kill at any moment leaves every finished
  action on disk, and no action half applied.
* **One coder per file**: a file holding another coder's work, or one that cannot be read, is
  an :class:`~qualkit.errors.InputError` naming the file and the place, and is never
  overwritten.
* **Changes behind our back**: the signatures of the file (inode, mtime, size) and of its
  journal (inode, size) are kept after each read and write; when either differs at the next
  save, the tool reads the file again first.
* **Two tools on one file** take turns through :func:`~qualkit.codings.lock.locked`.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from os import PathLike
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.codebook import Codebook
from qualkit.codings import journal
from qualkit.codings.content import Content, Op
from qualkit.codings.lock import locked
from qualkit.errors import InputError

__all__ = ["COMPACT_AFTER_SECONDS", "COMPACT_EVERY", "CodingFile", "check_coder", "default_path"]

# A leftover temporary file from a save that was killed is removed once it is this old.
STALE_TEMP_SECONDS = 60.0
# How long the journal may grow before the file is rewritten with it: the file alone (what a
# student might download by hand) is never more than this behind. Compacting costs a whole
# rewrite (about 25 ms at 5,000 codings), so one click in COMPACT_EVERY pays it.
COMPACT_EVERY = 50
COMPACT_AFTER_SECONDS = 60.0
Signature = tuple[int, ...] | None


def check_coder(coder: object) -> str:
    if not isinstance(coder, str) or not coder.strip():
        raise InputError("coding tool", "argument 'coder'", "the coder's name", coder)
    return coder.strip()


def default_path(coder: str, folder: str | PathLike | None = None) -> Path:
    """The coding file for ``coder``: ``<coder>.codings.json`` in ``folder`` (default: cwd).

    Characters that do not belong in a file name become ``_``.

    >>> default_path("ana", "lesson").as_posix()
    'lesson/ana.codings.json'
    >>> default_path("Ana María / B").name
    'Ana_María_B.codings.json'
    """
    slug = re.sub(r"[^\w.-]+", "_", check_coder(coder)).strip("._") or "coder"
    return Path(folder if folder is not None else ".") / f"{slug}.codings.json"


class CodingFile:
    """One coder's coding file at ``path`` (made absolute: a later ``chdir`` cannot move it)."""

    def __init__(self, path: str | PathLike, coder: str, codebook: Codebook) -> None:
        self.path = Path(path).absolute()
        self.coder = coder
        self.codebook = codebook
        # What we last read or wrote: the file's and the journal's signatures, the file's
        # digest (a new journal's header names it), and the journal's state.
        self.saved: tuple[Signature, Signature] = (None, None)
        self.digest = ""
        self.pending = 0  # actions in the journal
        self.since = 0.0  # time.monotonic() of the journal's first action
        self.untidy = False  # a stale journal or a cut-off line is there: compact before appending
        self.dropped = ""  # a cut-off last action the last read left out ('' if none)
        self._content: Content | None = None  # what the tool holds, to compact at exit

    def lock(self) -> AbstractContextManager[None]:
        """Hold the file's lock (for a read-change-write that no other tool may interleave)."""
        return locked(self.path)

    def open(self) -> Content:
        """Read the file, and compact a pending journal into it when the folder allows."""
        content = self.read()
        if self.pending or self.untidy:
            try:
                with self.lock():
                    content = self.read()
                    self.compact(content)
            except OSError:
                pass  # a read-only folder: the journal stays, and is read with the file
        return content

    def close(self) -> None:
        """Compact the journal into the file (the tool is done, or the kernel is exiting)."""
        if self.pending or self.untidy:
            with self.lock():
                self.compact(
                    self.read() if self.changed() or self._content is None else self._content
                )

    def read(self) -> Content:
        """The file's content (empty if there is no file yet); refuses another coder's file."""
        self._remove_stale_temporaries()
        # Signatures first: if the file changes while we read, the next save sees it and reloads.
        signatures = self.signatures()
        try:
            saved = journal.read_saved(self.path, self.codebook, lock=False)
        except FileNotFoundError:
            self.saved, self.digest, self.pending = (None, None), "", 0
            self.untidy, self.dropped = signatures[1] is not None, ""
            return Content(self.codebook)
        for index, coding in enumerate(saved.codings.codings):
            self._check_owner(coding.coder, f"codings[{index}] field 'coder'")
        for index, memo in enumerate(saved.codings.memos):
            self._check_owner(memo.coder, f"memos[{index}] field 'coder'")
        for index, record in enumerate(saved.codings.suggestions):
            self._check_owner(record.coder, f"suggestions[{index}] field 'coder'")
        data = saved.codings
        content = Content.load(
            data.codings,
            data.memos,
            data.added_codes,
            self.codebook,
            str(self.path),
            data.suggestions,
        )
        self.saved, self.digest, self.pending = signatures, saved.digest, saved.actions
        self.untidy, self.dropped = saved.stale or bool(saved.dropped), saved.dropped
        self.since = time.monotonic()
        self._content = content
        return content

    def changed(self) -> bool:
        """Whether something else changed the file or its journal since we last read or wrote.

        A deleted file counts as unchanged: the next save writes everything the tool holds.
        So does a deleted journal (the next save compacts, writing everything again).
        """
        disk, pending = self.signatures()
        if disk is None:
            return False
        return disk != self.saved[0] or (pending is not None and pending != self.saved[1])

    def save(self, content: Content, ops: Sequence[Op]) -> None:
        """Save ``content``, just changed by ``ops``: one line in the journal, or compaction."""
        self._content = content
        disk, pending = self.signatures()
        if (
            disk is None
            or self.untidy
            or self.pending >= COMPACT_EVERY
            or (self.pending and (pending is None or self._old()))
        ):
            self.compact(content)
            return
        line = journal.encode(ops)
        if self.pending:
            signature = journal.append(self.path, line, self.saved[1])
        else:
            signature = journal.start(self.path, self.digest, line)
            self.since = time.monotonic()
            _journaled.add(self)
        self.saved = (disk, signature)
        self.pending += 1

    def compact(self, content: Content) -> None:
        """Write the whole file atomically from ``content``, then delete the journal."""
        data = content.text().encode("utf-8")
        write_atomic(self.path, data)
        # A kill here leaves a journal naming the old file: stale, ignored, deleted next time.
        journal.discard(self.path)
        self.saved = (self.signature(self.path), None)
        self.digest, self.pending, self.untidy = journal.digest(data), 0, False
        _journaled.discard(self)

    def signatures(self) -> tuple[Signature, Signature]:
        return self.signature(self.path), self.signature(journal.journal_path(self.path), False)

    @staticmethod
    def signature(path: Path, with_time: bool = True) -> Signature:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return None
        if with_time:
            return (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        return (stat.st_ino, stat.st_size)  # a journal only grows, until it is replaced

    def _old(self) -> bool:
        return time.monotonic() - self.since > COMPACT_AFTER_SECONDS

    def _check_owner(self, coder: str, place: str) -> None:
        if coder != self.coder:
            expected = f"only {self.coder!r}'s work (each coder codes into their own file)"
            raise InputError(self.path, place, expected, coder)

    def _remove_stale_temporaries(self) -> None:
        # write_atomic cleans up after itself unless the process is killed mid-save.
        if not self.path.parent.is_dir():
            return
        cutoff = time.time() - STALE_TEMP_SECONDS
        for pattern in (f".{self.path.name}.*.tmp", f"..{self.path.name}.journal.*.tmp"):
            for temporary in self.path.parent.glob(pattern):
                try:
                    if temporary.stat().st_mtime < cutoff:
                        temporary.unlink()
                except OSError:
                    pass  # gone already, or not ours to remove


# Files with a journal, compacted when the kernel exits (a restart, or the end of grading);
# held until then even if their tool is gone (a cell run again makes a new tool).
_journaled: set[CodingFile] = set()


@atexit.register
def _compact_at_exit() -> None:
    for file in list(_journaled):
        if not file.path.parent.is_dir():
            continue  # the folder is gone (a temporary one), and the journal with it
        try:
            file.close()
        except Exception as error:  # the journal stays beside the file, and is read with it
            print(f"{file.path.name}: its journal is kept ({error})", file=sys.stderr)
