"""Her coder name, read rather than typed: it names her coding file (``<name>.codings.json``).

A student who never programmed should not have to type a name in quotes (a stray quote breaks
the cell, a name typed differently in two lessons names two files). The name is her user name
(``$QUALKIT_STUDENT``, the hub's ``$JUPYTERHUB_USER``, else this computer's), made safe for a
file name; but a coding file already beside the notebook wins, so the name she coded under stays
hers when she reruns the cell elsewhere, and the grader's kernel (another account) finds the
name of the file she handed in. The lesson prints the name and why it is that name.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CoderName", "coder_name", "safe_name"]

SUFFIX = ".codings.json"
_SAFE = re.compile(r"[A-Za-z0-9_-]{1,40}")


@dataclass(frozen=True)
class CoderName:
    """The name and, for her, where it came from (printed by the lesson)."""

    name: str
    why: str

    def __str__(self) -> str:
        return (
            f"Your coder name is {self.name} ({self.why}): your coding is saved in "
            f"{self.name}{SUFFIX} beside this notebook."
        )


def safe_name(user: str) -> str:
    """A user name as a coder name: letters, digits, ``-`` and ``_``, 40 at most.

    >>> safe_name("jane.doe@uni.edu"), safe_name("jd"), safe_name("..."), safe_name("Zoë Ng")
    ('jane-doe-uni-edu', 'jd', 'coder', 'Zo-Ng')
    """
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", user).strip("-")[:40].strip("-")
    return name or "coder"


def _user() -> str:
    for variable in ("QUALKIT_STUDENT", "JUPYTERHUB_USER"):
        if os.environ.get(variable):
            return os.environ[variable]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this account (a bare container)
        return "coder"


def coder_name(folder: str | os.PathLike = ".") -> CoderName:
    """Her coder name: her user name's file if it is here, else the one coding file here, else
    the newest of several (named, so she can tidy them), else her user name."""
    user = safe_name(_user())
    found = sorted(
        (
            p
            for p in Path(folder).glob(f"*{SUFFIX}")
            if p.is_file() and not p.is_symlink() and _SAFE.fullmatch(p.name.removesuffix(SUFFIX))
        ),
        key=lambda p: p.name,
    )
    names = [p.name.removesuffix(SUFFIX) for p in found]
    if user in names or not names:
        return CoderName(user, "your user name on this computer")
    if len(names) == 1:
        return CoderName(names[0], f"the name of the coding file {found[0].name} here")
    newest = max(found, key=lambda p: p.stat().st_mtime).name.removesuffix(SUFFIX)
    return CoderName(
        newest,
        "the newest of the coding files here ("
        + ", ".join(p.name for p in found)
        + "): delete those that are not yours",
    )
