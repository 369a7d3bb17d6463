"""Ungraded self-checks whose replies do not give the answer away in the notebook's code.

A self-check's reply ("Right: with no exclusion, coders cannot tell…") names the answer, so a
reply written in plain text in the cell below the question answers it for anyone who reads the
code first. Here each reply is *sealed* with the answer it belongs to: the cell holds only
sealed text, and a reply opens only for the answer it was sealed with.

Lesson authors seal a reply with ``python -m qualkit.self_check ANSWER "reply text"`` (ANSWER
as a Python literal: ``'"when_not_to_use"'``, ``'("a", False)'``). Not a secret from anyone who
tries answers one by one (there are a handful), only out of sight until she has answered.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import sys
from collections.abc import Iterable

__all__ = ["reply", "seal", "self_check"]

_MARK = b"qualkit:"


def _normal(answer: object) -> str:
    """Answers compare without case or surrounding spaces."""
    if isinstance(answer, str):
        return repr(answer.strip().lower())
    if isinstance(answer, tuple):
        return "(" + ", ".join(_normal(a) for a in answer) + ")"
    return repr(answer)


def _stream(answer: object, size: int) -> bytes:
    seed = hashlib.sha256(b"qualkit self-check " + _normal(answer).encode()).digest()
    blocks = (hashlib.sha256(seed + n.to_bytes(4, "big")).digest() for n in range(size // 32 + 1))
    return b"".join(blocks)[:size]


def _xor(data: bytes, answer: object) -> bytes:
    return bytes(a ^ b for a, b in zip(data, _stream(answer, len(data)), strict=True))


def seal(answer: object, message: str) -> str:
    """``message``, readable only by :func:`reply` given ``answer``.

    >>> reply("Yes ", [seal("yes", "Right.")])
    'Right.'
    """
    data = _MARK + message.encode()
    return base64.b64encode(_xor(data, answer)).decode()


def reply(answer: object, sealed: Iterable[str]) -> str | None:
    """The reply sealed with ``answer``; None when none was.

    >>> print(reply("no", [seal("yes", "Right.")]))
    None
    """
    for text in sealed:
        opened = _xor(base64.b64decode(text), answer)
        if opened.startswith(_MARK):
            return opened[len(_MARK) :].decode()
    return None


def self_check(
    answer: object,
    sealed: Iterable[str],
    otherwise: str = "Not quite. Look again.",
    unanswered: str = "Not answered yet.",
) -> None:
    """Print the reply to a self-check's ``answer`` (``unanswered`` for None or empty text).

    >>> self_check("", [])
    Not answered yet.
    >>> self_check("when_not_to_use", [seal("when_not_to_use", "Right.")])
    Right.
    >>> self_check("brief", [seal("when_not_to_use", "Right.")])
    Not quite. Look again.
    """
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        print(unanswered)
        return
    print(reply(answer, sealed) or otherwise)


if __name__ == "__main__":
    print(seal(ast.literal_eval(sys.argv[1]), sys.argv[2]))
