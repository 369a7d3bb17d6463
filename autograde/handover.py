"""What the grading account is given, and with whose rights the launcher takes it.

A kernel's account gets its working copy (``<area>/<student>/<lesson>``, the one folder nbgrader
made for it) and its socket folder, and nothing else: the launcher refuses any other working
directory, naming it, and changes owners through descriptors, never following a link. Through
the privileged helper the launcher acts for a ``Caller`` who is not root: it opens everything
with the caller's rights (``rights_of``) and hands over only the caller's own files
(``foreign``); when the kernel has ended, ``own`` gives them back. Used by sandbox.py; imports
nothing of this folder.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Caller:
    """Who asked for a kernel through the privileged helper (sudo names them): the launcher
    opens what it brings back into the sandbox with their rights, never root's, and gives the
    account only files they own."""

    uid: int
    gid: int
    groups: tuple[int, ...]


@contextlib.contextmanager
def rights_of(caller: Caller | None):
    """Act with ``caller``'s rights (effective ids) inside the block; root's when None."""
    if caller is None:
        yield
        return
    groups, gid = os.getgroups(), os.getegid()
    os.setgroups(list(caller.groups))
    os.setegid(caller.gid)
    os.seteuid(caller.uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(gid)
        os.setgroups(groups)


def open_folder(path: str, caller: Caller | None) -> int:
    """A descriptor of the folder ``path``, opened with ``caller``'s rights (a folder they may
    not read is refused): what is bound into the sandbox is what the descriptor names."""
    if caller is None:
        return os.open(path, os.O_PATH | os.O_DIRECTORY)
    with rights_of(caller):
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)


# How deep below the working area nbgrader puts a working copy: <student>/<lesson>.
WORKING_COPY_DEPTH = 2


def working_copy(folder: str, area: str) -> str:
    """``folder`` if it is a working copy in ``area`` (``<area>/<student>/<lesson>``), which
    the launcher may hand to the grading account; anything else is refused, naming it.

    >>> working_copy("/b/autograded/ann/lesson-01", "/b/autograded")
    '/b/autograded/ann/lesson-01'
    >>> working_copy("/b", "/b/autograded")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    PermissionError: grading sandbox: refusing to start a kernel in /b: it is not a working ...
    """
    real, root = os.path.realpath(folder), os.path.realpath(area) if area else ""
    parts = Path(real).relative_to(root).parts if root and Path(real).is_relative_to(root) else ()
    if root == "/" or len(parts) != WORKING_COPY_DEPTH:
        where = f"the working area {root}" if root else "a working area (none was given)"
        raise PermissionError(
            f"grading sandbox: refusing to start a kernel in {real}: it is not a working copy "
            f"(<student>/<lesson>) inside {where}, and the kernel's account would be given "
            "every file in it"
        )
    return real


def own(folder: str | int, uid: int, gid: int, only: int | None = None) -> None:
    """Give ``folder`` (a path or an open descriptor) and all in it to ``uid``: the working
    copy to the account, and back to a helper's caller after the kernel. Symbolic links are
    changed, never followed, through descriptors (a folder swapped for a link meanwhile is
    not entered); with ``only``, what another user owns is left alone."""
    top = (
        os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        if isinstance(folder, str)
        else os.dup(folder)
    )
    try:
        if only is None or os.fstat(top).st_uid == only:
            os.fchown(top, uid, gid)
        for _, dirs, files, fd in os.fwalk(".", dir_fd=top, follow_symlinks=False):
            for name in dirs + files:
                mine = os.stat(name, dir_fd=fd, follow_symlinks=False).st_uid
                if only is None or mine == only:
                    os.chown(name, uid, gid, dir_fd=fd, follow_symlinks=False)
    finally:
        os.close(top)


def foreign(folder: str, caller: Caller) -> str | None:
    """The first thing in ``folder`` that ``caller`` does not own, if any: the launcher hands
    the account nothing of anyone else's."""
    for root, dirs, files in os.walk(folder):
        for path in [root, *(os.path.join(root, name) for name in dirs + files)]:
            if os.lstat(path).st_uid != caller.uid:
                return path
    return None


def socket_folder(folder: str) -> str:
    """A kernel's socket folder as SandboxKernels makes it (``qualkit-kernel-*``): the only
    other folder the launcher hands over (the folder alone, not what it holds)."""
    real = os.path.realpath(folder)
    if not (Path(real).name.startswith("qualkit-kernel-") and os.path.isdir(real)):
        raise PermissionError(
            f"grading sandbox: refusing to hand {real} to the kernel: besides its working copy "
            "it may write only a socket folder qualkit-kernel-*"
        )
    return real
