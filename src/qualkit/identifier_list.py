"""Lesson 02's list of identifiers, written as lines of text rather than Python strings.

De-identifying means typing what she read: a clinic's name, a street, a date. In a Python dict
each name sits in quotes, and a name with an apostrophe ("Quenmere Women's Health Center") or a
stray quotation mark breaks the cell with a SyntaxError she cannot read. Here she writes one
identifier a line between two lines of three quotes (a raw text block, in which an apostrophe,
a quotation mark or a backslash is only a character), a colon and its tag:

    found = identifiers(r'''
    Quenmere Women's Health Center: [CLINIC]
    Wrenmoor: [PLACE]
    ''', raw)

and gets the dict the worked example wrote by hand, longest names first (so a town is never
replaced inside the clinic named after it). A line she can put right is named, with what to do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from qualkit.errors import NoAnswerYetError, StudentError
from qualkit.transcripts import Transcript

__all__ = ["identifiers"]

BLANK = "..."  # the skeleton's line to replace (qualkit.messages counts it as a blank)
_TAG = re.compile(r"\[?\s*([A-Za-z][A-Za-z_ ]*?)\s*\]?")
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
EXAMPLE = "Larkfield Family Services: [AGENCY]"


def _bare(part: str) -> str:
    """A part without the quotes and comma a Python habit adds ("Wrenmoor": "[PLACE]",)."""
    part = part.strip().rstrip(",").strip()
    if len(part) >= 2 and part[0] in _QUOTES and part[-1] in _QUOTES:
        part = part[1:-1].strip()
    return part


def identifiers(text: str, raw: Mapping[str, Transcript] | None = None) -> dict[str, str]:
    """``{identifier: tag}`` from lines ``identifier: [TAG]``, longest identifier first.

    With ``raw`` (the raw sessions), an identifier must be words of a raw turn, as written.

    >>> identifiers('''
    ... Quenmere Women's Health Center: [CLINIC]
    ... Wrenmoor: place
    ... "Tallowick Street": "[STREET]",
    ... ''')
    {"Quenmere Women's Health Center": '[CLINIC]', 'Tallowick Street': '[STREET]', 'Wrenmoor': '[PLACE]'}
    >>> identifiers('''
    ... Wrenmoor [PLACE]
    ... ''')
    Traceback (most recent call last):
    qualkit.errors.StudentError: found: the line "Wrenmoor [PLACE]" has no colon: write the identifier, a colon, then its tag, like  Larkfield Family Services: [AGENCY]
    """
    if text is Ellipsis or not isinstance(text, str):
        raise NoAnswerYetError(_empty())
    found: dict[str, str] = {}
    line_of: dict[str, str] = {}
    for line in (line.strip() for line in text.splitlines()):
        if not line or line == BLANK or line.startswith("#"):
            continue
        if ":" not in line:
            raise StudentError(
                f'found: the line "{line}" has no colon: write the identifier, '
                f"a colon, then its tag, like  {EXAMPLE}"
            )
        name, _, tag = line.rpartition(":")
        name, tag = _bare(name), _bare(tag)
        word = _TAG.fullmatch(tag)
        if not name:
            raise StudentError(f'found: the line "{line}" has no identifier before its colon')
        if not word:
            raise StudentError(
                f'found: the line "{line}" ends in "{tag}", which is not a tag: '
                "write one word in brackets after the colon, like [PLACE] or "
                "[CLINIC]"
            )
        tag = "[" + word.group(1).strip().upper().replace(" ", "_") + "]"
        if raw is not None and not _in_raw(name, raw):
            raise StudentError(
                f'found: "{name}" (the line "{line}") is in no raw turn: copy its '
                "words as the turn writes them, capitals too"
            )
        if found.get(name, tag) != tag:
            raise StudentError(
                f'found: "{name}" is listed twice with different tags (the lines '
                f'"{line_of[name]}" and "{line}"): keep one, so it is replaced '
                "the same way everywhere"
            )
        found[name] = tag
        line_of.setdefault(name, line)
    if not found:
        raise NoAnswerYetError(_empty())
    return dict(sorted(found.items(), key=lambda item: (-len(item[0]), item[0])))


def _empty() -> str:
    return (
        "found: list the identifiers you found between the two lines of three quotes, one a "
        f"line, in place of the ... line, like  {EXAMPLE}"
    )


def _in_raw(name: str, raw: Mapping[str, Transcript]) -> bool:
    pattern = re.compile(rf"\b{re.escape(name)}\b")  # as the answer cell replaces it
    return any(pattern.search(turn.text) for t in raw.values() for turn in t.turns)
