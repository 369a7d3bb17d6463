"""The inline markup of a talk turn: coded spans, placeholders, and rendering them to text.

A turn's text, as the writers type it (see CORPUS_SPEC.md)::

    I'm {@w01}. [[X_CPS_FEAR|I didn't tell anybody at {HOSPITAL}]], [[A,B?|not a soul]].

``[[CODES|span]]`` marks the words that carry one or more codes (``?`` after a label marks a
boundary case); ``{@w01}``, ``{@w01.supporter}``, ``{@w01.child2}`` name a woman of the cast (or
a role ``A``…``E`` in practice exchanges); ``{PLACE}`` and the other planted identifiers become
``[PLACE]`` in the released transcript and an invented value in the raw one.

``parse`` turns the text into pieces once, at load time; ``render`` fills the placeholders and
returns plain text with the code-point span of every code, so the key can name them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

IDENTIFIERS = ("PLACE", "CLINIC", "HOSPITAL", "AGENCY", "STREET", "DATE", "PHONE", "PERSON")
PERSON_FIELDS = ("supporter", "child1", "child2", "child3", "child4", "child5")
# A span's words may hold transcription notes ("[laughs]") but no other span.
_SPAN = re.compile(r"\[\[([^\[\]|]*)\|((?:(?!\[\[).)*?)\]\](?!\])", re.S)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_PERSON = re.compile(r"@([A-Za-z][A-Za-z0-9]*)(?:\.([a-z0-9]+))?")
_LABEL = re.compile(r"[A-Z][A-Z0-9_]*")


class MarkupError(ValueError):
    """What is wrong with a turn's markup; the loader adds the file, line and field."""


@dataclass(frozen=True)
class Placeholder:
    """``{@who}``/``{@who.field}`` (a person) or ``{CATEGORY}`` (a planted identifier)."""

    who: str | None  # cast id or role; None for an identifier
    field: str  # "name", "supporter", "child1"…, or the identifier category


@dataclass(frozen=True)
class Span:
    """Coded words: ``codes`` with, per code, whether it is a boundary case."""

    codes: tuple[tuple[str, bool], ...]
    pieces: tuple[str | Placeholder, ...]


Piece = str | Placeholder | Span


@dataclass(frozen=True)
class Coded:
    """One code on a span of rendered text: ``text[start:end]``."""

    code: str
    start: int
    end: int
    boundary: bool


def _plain(text: str) -> tuple[str | Placeholder, ...]:
    if "[[" in text or "]]" in text:
        raise MarkupError(f"a '[[CODE|words]]' span, closed once and not nested: {text!r}")
    pieces: list[str | Placeholder] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces.append(text[position : match.start()])
        pieces.append(_placeholder(match.group(1)))
        position = match.end()
    pieces.append(text[position:])
    for piece in pieces:
        if isinstance(piece, str) and ("{" in piece or "}" in piece):
            raise MarkupError(f"a placeholder in braces like {{@w01}} or {{PLACE}}: {piece!r}")
    return tuple(re.sub(r"\s+", " ", p) if isinstance(p, str) else p for p in pieces if p != "")


def _placeholder(inner: str) -> Placeholder:
    if inner in IDENTIFIERS:
        return Placeholder(None, inner)
    match = _PERSON.fullmatch(inner)
    if not match:
        raise MarkupError(
            f"{{@id}}, {{@id.supporter}}, {{@id.childN}} or one of "
            f"{', '.join('{' + c + '}' for c in IDENTIFIERS)}: {{{inner}}}"
        )
    field = match.group(2) or "name"
    if field not in ("name", *PERSON_FIELDS):
        raise MarkupError(f"a field supporter or child1…child5 after '.': {{{inner}}}")
    return Placeholder(match.group(1), field)


def _codes(inner: str) -> tuple[tuple[str, bool], ...]:
    codes = []
    for raw in inner.split(","):
        label = raw.strip()
        boundary = label.endswith("?")
        label = label.removesuffix("?").strip()
        if not _LABEL.fullmatch(label):
            raise MarkupError(f"code labels like X_CPS_FEAR before '|', found {inner!r}")
        if label in (c for c, _ in codes):
            raise MarkupError(f"each code once per span, found {inner!r}")
        codes.append((label, boundary))
    return tuple(codes)


def parse(text: str) -> tuple[Piece, ...]:
    """The pieces of a turn's text.

    >>> parse("Hi, [[X_CPS_FEAR,HV_SURVEILLANCE?|she {PHONE}]].")
    ('Hi, ', Span(codes=(('X_CPS_FEAR', False), ('HV_SURVEILLANCE', True)), pieces=('she ', Placeholder(who=None, field='PHONE'))), '.')
    >>> parse("[[X_NOWS_GUILT|he cried [crosstalk]]] ok")
    (Span(codes=(('X_NOWS_GUILT', False),), pieces=('he cried [crosstalk]',)), ' ok')
    >>> parse("[[X_CPS_FEAR|open")
    Traceback (most recent call last):
    ...
    generator.markup.MarkupError: a '[[CODE|words]]' span, closed once and not nested: '[[X_CPS_FEAR|open'
    """
    pieces: list[Piece] = []
    position = 0
    for match in _SPAN.finditer(text):
        pieces += _plain(text[position : match.start()])
        inner = _plain(match.group(2))
        if all(isinstance(p, str) and not p.strip() for p in inner):
            raise MarkupError(f"words inside the span, found {match.group(0)!r}")
        pieces.append(Span(_codes(match.group(1)), inner))
        position = match.end()
    pieces += _plain(text[position:])
    return tuple(pieces)


def placeholders(pieces: tuple[Piece, ...]) -> list[Placeholder]:
    """Every placeholder, inside spans too, in order."""
    found: list[Placeholder] = []
    for piece in pieces:
        if isinstance(piece, Placeholder):
            found.append(piece)
        elif isinstance(piece, Span):
            found += [p for p in piece.pieces if isinstance(p, Placeholder)]
    return found


def spans(pieces: tuple[Piece, ...]) -> list[Span]:
    return [p for p in pieces if isinstance(p, Span)]


def render(
    pieces: tuple[Piece, ...], fill: Callable[[Placeholder], str]
) -> tuple[str, list[Coded]]:
    """Plain text and the span of each code in it (whitespace trimmed off spans and text).

    >>> text, coded = render(parse(" I'm {@A}. [[X_NOWS_GUILT?| He shook ]] all night. "),
    ...                      lambda p: "Dana")
    >>> text, [(c.code, text[c.start:c.end], c.boundary) for c in coded]
    ("I'm Dana. He shook all night.", [('X_NOWS_GUILT', 'He shook', True)])
    """
    out: list[str] = []
    marks: list[tuple[Span, int, int]] = []
    length = 0

    def emit(piece: str | Placeholder) -> None:
        nonlocal length
        value = fill(piece) if isinstance(piece, Placeholder) else piece
        if out and out[-1].endswith(" ") and value.startswith(" "):
            value = value[1:]
        out.append(value)
        length += len(value)

    for piece in pieces:
        if isinstance(piece, Span):
            start = length
            for inner in piece.pieces:
                emit(inner)
            marks.append((piece, start, length))
        else:
            emit(piece)
    text = "".join(out)
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    coded = []
    for span, start, end in marks:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        start, end = max(start - lead, 0), min(end - lead, len(stripped))
        coded += [Coded(code, start, end, boundary) for code, boundary in span.codes]
    return stripped, coded
