"""Moved to :mod:`qualkit.codings.content` (the coding file's format, below the tool); kept
for the tool's modules that still import it from here."""

from qualkit.codings.content import (
    CodingKey,
    Content,
    DropCoding,
    MemoKey,
    Op,
    PutCoding,
    SetCode,
    SetMemo,
    Unit,
    coding_key,
)

__all__ = [
    "CodingKey",
    "Content",
    "DropCoding",
    "MemoKey",
    "Op",
    "PutCoding",
    "SetCode",
    "SetMemo",
    "Unit",
    "coding_key",
]
