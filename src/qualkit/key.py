"""The instructor's answer key: the planted codes of every turn, and what explains them.

The key is never packaged with qualkit and never imported by the student API: graders load it
with ``from qualkit.key import load_key`` from the course repository (``$QUALKIT_KEY`` or the
checkout's ``datasets/key``).

When the course gives each student her own practice group (``qualkit.practice``), the key of
the group in use is regenerated from the course secret (``$QUALKIT_PRACTICE_SECRET_FILE``, else
the course's default: ``generator.per_student.secret_path``) and the student's id by the
generator beside the key: no student's key is ever stored.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qualkit.codebook import Codebook, read_codebook
from qualkit.codings import Codings, read_codings
from qualkit.corpus import CHECKOUT_DATASETS, read_table
from qualkit.practice import current_group
from qualkit.reading import read_json

__all__ = ["Key", "key_root", "load_key", "practice_key"]


@dataclass(frozen=True)
class Key:
    """The instructor's answer key: planted codes of every turn, and what explains them."""

    root: Path
    codebook: Codebook
    codings: Codings
    units: tuple[Mapping[str, str], ...]
    manifest: Mapping[str, object]

    def codes_of(self, session_id: str, turn: int) -> frozenset[str]:
        """The planted codes of one turn."""
        return frozenset(
            c.code for c in self.codings.codings if c.session_id == session_id and c.turn == turn
        )


def key_root(path: str | os.PathLike | None = None) -> Path:
    """Where the key lives: ``path``, ``$QUALKIT_KEY``, or the checkout's ``datasets/key``."""
    for candidate in (path, os.environ.get("QUALKIT_KEY"), CHECKOUT_DATASETS / "key"):
        if candidate and (Path(candidate) / "key.json").exists():
            return Path(candidate)
    raise FileNotFoundError(
        "The answer key is on the instructor's side only. Grade from the course repository, "
        "or set QUALKIT_KEY to the folder that holds key.json."
    )


def load_key(path: str | os.PathLike | None = None) -> Key:
    """Load the answer key (instructor side; students' environments do not have it)."""
    root = key_root(path)
    codebook = read_codebook(root / "codebook.json")
    units = tuple(row for _, row in read_table(root / "units.csv", ("session_id", "turn")))
    manifest = read_json(root / "manifest.json")
    codings = read_codings(root / "key.json", codebook)
    group = current_group()
    if group is not None:
        mine = group.key if group.key is not None else practice_key(group.student, root)
        theirs = {c.session_id for c in mine}
        codings = Codings(
            (*(c for c in codings if c.session_id not in theirs), *mine.codings),
            codings.memos,
            codings.added_codes,
        )
    return Key(root, codebook, codings, units, manifest)


def _generator(root: Path):
    """The corpus generator (instructor side): beside the key, else in the checkout."""
    import sys

    for folder in (root.parent, CHECKOUT_DATASETS):
        if (folder / "generator" / "per_student.py").is_file():
            if str(folder) not in sys.path:
                sys.path.insert(0, str(folder))
            from generator import per_student

            return per_student
    raise FileNotFoundError(
        "Practice groups per student need the corpus generator (datasets/generator): grade "
        "from the course repository."
    )


def practice_key(student: str, root: str | os.PathLike | None = None) -> Codings:
    """A student's practice-group key, regenerated from the course secret and her id."""
    per_student = _generator(key_root(root))
    secret_file = per_student.secret_path()  # $QUALKIT_PRACTICE_SECRET_FILE, else the default
    if per_student.shared_groups_chosen() or not secret_file.is_file():
        raise LookupError(
            f"{student!r} codes a practice group of her own, but the course secret is not in "
            f"{secret_file} (or the course chose the shared groups): the key of her group comes "
            "from the course secret (see the instructor guide)."
        )
    return per_student.student_group(per_student.read_secret(secret_file), student).key
