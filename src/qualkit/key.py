"""The instructor's answer key: the planted codes of every turn, and what explains them.

The key is never packaged with qualkit and never imported by the student API: graders load it
with ``from qualkit.key import load_key`` from the course repository (``$QUALKIT_KEY`` or the
checkout's ``datasets/key``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qualkit.codebook import Codebook, read_codebook
from qualkit.codings import Codings, read_codings
from qualkit.corpus import CHECKOUT_DATASETS, read_table
from qualkit.reading import read_json

__all__ = ["Key", "key_root", "load_key"]


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
    return Key(root, codebook, read_codings(root / "key.json", codebook), units, manifest)
