"""The coding tool's file on disk: reading it, noticing changes behind our back, saving safely.

* **Atomic saves**: every save replaces the whole file through
  :func:`qualkit.atomic.write_atomic`, so a kill mid-save leaves the previous complete file.
* **One coder per file**: a file holding another coder's work, or one that cannot be read, is
  an :class:`~qualkit.errors.InputError` naming the file and the place, and is never
  overwritten.
* **Changes behind our back**: the file's signature (inode, mtime, size) is kept after each
  read and write; when it differs at the next save, the tool reads the file again first.
* **Two tools on one file** take turns through :func:`~qualkit.coding_tool.lock.locked`.
"""

from __future__ import annotations

import os
import re
import time
from contextlib import AbstractContextManager
from os import PathLike
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.codebook import Codebook
from qualkit.coding_tool.content import Content
from qualkit.coding_tool.lock import locked
from qualkit.codings import read_codings
from qualkit.errors import InputError

__all__ = ["CodingFile", "check_coder", "default_path"]

# A leftover temporary file from a save that was killed is removed once it is this old.
STALE_TEMP_SECONDS = 60.0
Signature = tuple[int, int, int] | None


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
        self.saved: Signature = None  # the signature of what we last read or wrote

    def lock(self) -> AbstractContextManager[None]:
        """Hold the file's lock (for a read-change-write that no other tool may interleave)."""
        return locked(self.path)

    def read(self) -> Content:
        """The file's content (empty if there is no file yet); refuses another coder's file."""
        self._remove_stale_temporaries()
        # Signature first: if the file changes while we read, the next save sees it and reloads.
        signature = self.signature()
        try:
            data = read_codings(self.path, self.codebook)
        except FileNotFoundError:
            self.saved = None
            return Content(self.codebook)
        except UnicodeDecodeError as error:
            raise InputError(self.path, f"byte {error.start}", "UTF-8 text") from None
        for index, coding in enumerate(data.codings):
            self._check_owner(coding.coder, f"codings[{index}] field 'coder'")
        for index, memo in enumerate(data.memos):
            self._check_owner(memo.coder, f"memos[{index}] field 'coder'")
        content = Content.load(
            data.codings, data.memos, data.added_codes, self.codebook, str(self.path)
        )
        self.saved = signature
        return content

    def changed(self) -> bool:
        """Whether something else replaced the file since we last read or wrote it.

        A deleted file counts as unchanged: the next save writes everything the tool holds.
        """
        disk = self.signature()
        return disk is not None and disk != self.saved

    def write(self, content: Content) -> None:
        write_atomic(self.path, content.text())
        self.saved = self.signature()

    def signature(self) -> Signature:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _check_owner(self, coder: str, place: str) -> None:
        if coder != self.coder:
            expected = f"only {self.coder!r}'s work (each coder codes into their own file)"
            raise InputError(self.path, place, expected, coder)

    def _remove_stale_temporaries(self) -> None:
        # write_atomic cleans up after itself unless the process is killed mid-save.
        if not self.path.parent.is_dir():
            return
        cutoff = time.time() - STALE_TEMP_SECONDS
        for temporary in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                if temporary.stat().st_mtime < cutoff:
                    temporary.unlink()
            except OSError:
                pass  # gone already, or not ours to remove
