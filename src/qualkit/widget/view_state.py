"""What the coding view draws, computed from the model: plain JSON-ready data.

The browser view (``coding.js``) only draws these structures and sends the user's actions
back; every decision (which codes come first, what a turn's highlighted pieces are, which
stripe goes in which lane, what the status says) is made here, in Python, and tested headless.

Offsets sent to the browser are UTF-16 units relative to the turn's text, which is how the
browser counts; the model works in code points (see :mod:`qualkit.coding_tool.selection`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import pairwise

from qualkit.codebook import Code
from qualkit.coding_tool import CodingTool
from qualkit.coding_tool.selection import to_utf16
from qualkit.codings import Coding
from qualkit.codings.content import CodingKey, coding_key
from qualkit.transcripts import Turn
from qualkit.widget.palette import CodeStyle, distinct_on_turn, styles
from qualkit.wording import plural

__all__ = [
    "codebook_view",
    "coding_id",
    "lanes",
    "marks_view",
    "parse_coding_id",
    "state_view",
    "suggestions_view",
    "turn_id",
    "turns_view",
]


def turn_id(turn: Turn) -> str:
    return f"{turn.session_id}|{turn.turn}"


def coding_id(key: CodingKey) -> str:
    """A coding's key as text the browser can send back.

    >>> parse_coding_id(coding_id(("S", 2, "A", "ana", -1, -1)))
    ('S', 2, 'A', 'ana', -1, -1)
    """
    return json.dumps(list(key), ensure_ascii=False)


def parse_coding_id(text: str) -> CodingKey:
    session, turn, code, coder, start, end = json.loads(text)
    return (session, int(turn), code, coder, int(start), int(end))


def ordered_codes(tool: CodingTool) -> list[Code]:
    """The codebook's codes, the focus categories' first (in codebook order otherwise)."""
    codebook = tool.codebook
    focus = [c.id for c in codebook.categories if c.id in tool.focus]
    rest = [c.id for c in codebook.categories if c.id not in tool.focus]
    return [code for category in focus + rest for code in codebook.in_category(category)]


def turns_view(tool: CodingTool) -> list[dict]:
    """The transcript, sent once: one entry per turn."""
    several = len(tool.transcripts) > 1
    return [
        {
            "id": turn_id(turn),
            "n": (f"{turn.session_id} " if several else "") + str(turn.turn),
            "speaker": turn.speaker,
            "text": turn.text,
            "context": tool.is_context(turn),
        }
        for turn in tool.segments
    ]


def codebook_view(tool: CodingTool) -> dict:
    """Categories (focus first, flagged) with their codes, styles and definitions."""
    codes = ordered_codes(tool)
    style = styles(code.label for code in codes)
    by_category: dict[str, list[dict]] = {}
    for code in codes:
        s = style[code.label]
        by_category.setdefault(code.category, []).append(
            {
                "label": code.label,
                "brief": code.brief,
                "full": code.full,
                "use": code.when_to_use,
                "not": code.when_not_to_use,
                "example": code.example,
                "line": s.line,
                "tint": s.tint,
                "hatch": s.hatch,
                "pattern": s.pattern,
            }
        )
    categories = [
        {
            "id": category.id,
            "label": category.label,
            "description": category.description,
            "focus": category.id in tool.focus or not tool.focus,
            "codes": by_category[category.id],
        }
        for category in sorted(tool.codebook.categories, key=lambda c: c.id not in tool.focus)
        if category.id in by_category
    ]
    return {"categories": categories, "labels": [code.label for code in codes]}


def lanes(spans: Sequence[tuple[int, int]]) -> list[int]:
    """A margin lane per span so that overlapping spans never share one (greedy, by start).

    >>> lanes([(0, 10), (2, 5), (6, 9), (12, 20)])
    [0, 1, 1, 0]
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    ends: list[int] = []  # the end of the last span in each lane
    found = [0] * len(spans)
    for i in order:
        start, end = spans[i]
        lane = next((k for k, last in enumerate(ends) if last <= start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        found[i] = lane
    return found


def _turn_marks(
    tool: CodingTool, turn: Turn, codings: Sequence[Coding], style: dict[str, CodeStyle]
) -> dict:
    text = turn.text
    look = distinct_on_turn((coding.code for coding in codings), style)
    selection = tool.selection if tool.selection and tool.selection.unit == turn.unit else None
    ranges = []  # (start, end) relative to the turn, in code points
    for coding in codings:
        if coding.start is None:
            ranges.append((0, len(text)))
        else:
            ranges.append((coding.start - turn.start, coding.end - turn.start))
    cuts = {0, len(text)}
    for coding, (start, end) in zip(codings, ranges, strict=True):
        if coding.start is not None:
            cuts |= {start, end}
    if selection:
        cuts |= {selection.start - turn.start, selection.end - turn.start}
    cuts = sorted(cuts)
    ids = [coding_id(coding_key(coding)) for coding in codings]
    pieces = []
    for start, end in pairwise(cuts):
        covering = [
            ids[i]
            for i, coding in enumerate(codings)
            if coding.start is not None and ranges[i][0] <= start and end <= ranges[i][1]
        ]
        selected = (
            bool(selection)
            and selection.start - turn.start <= start
            and end <= selection.end - turn.start
        )
        pieces.append([text[start:end], covering, selected])
    who = {coding.coder for coding in codings}
    entries = []
    for i, (coding, lane) in enumerate(zip(codings, lanes(ranges), strict=True)):
        start, end = ranges[i]
        excerpt = text[start:end] if coding.start is not None else ""
        excerpt = excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
        where = "the whole turn" if coding.start is None else f"“{excerpt}”"
        drawn = look[coding.code]
        entries.append(
            {
                "id": ids[i],
                "code": coding.code,
                "coder": coding.coder,
                "whole": coding.start is None,
                "lane": lane,
                "memo": coding.memo,
                "excerpt": excerpt,
                "picked": coding_key(coding) == tool.picked,
                # how it is drawn on this turn (never like another code's) and named
                "line": drawn.line,
                "tint": drawn.tint,
                "hatch": drawn.hatch,
                "pattern": drawn.pattern,
                "label": f"{coding.code} ({drawn.pattern}) by {coding.coder} on {where}",
            }
        )
    return {
        "pieces": pieces,
        "codings": entries,
        "memo": bool(tool.memo_of(turn.turn, turn.session_id)),
        "coders": sorted(who),
    }


def marks_view(tool: CodingTool) -> dict[str, dict]:
    """Per turn with codings, a memo or the selection: its pieces of text (each with the
    codings covering it and whether it is selected) and its codings with their lanes."""
    found = {}
    style = styles(code.label for code in ordered_codes(tool))
    for turn in tool.segments:
        codings = tool.codings_of(turn.turn, turn.session_id)
        selected = tool.selection is not None and tool.selection.unit == turn.unit
        if codings or selected or tool.memo_of(turn.turn, turn.session_id):
            found[turn_id(turn)] = _turn_marks(tool, turn, codings, style)
    return found


def state_view(tool: CodingTool, error: str = "") -> dict:
    """Everything else the view shows: position, filters, selection, progress, status."""
    current = tool.current
    progress = tool.progress()
    shown = tool.shown() if tool.nav.filtered else None
    selection = None
    if tool.selection is not None:
        s = tool.selection
        turn = tool.segment(s.turn, s.session_id)
        text = turn.text[s.start - turn.start : s.end - turn.start]
        selection = {
            "turn": turn_id(turn),
            "number": turn.turn,
            "start": to_utf16(turn.text, s.start - turn.start),
            "end": to_utf16(turn.text, s.end - turn.start),
            "text": text,
            "words": plural(len(text.split()), "word"),
        }
    picked = tool.picked_coding
    picked_view = None
    if picked is not None:
        turn = tool.segment(picked.turn, picked.session_id)
        where = (
            "the whole turn"
            if picked.start is None
            else "“" + turn.text[picked.start - turn.start : picked.end - turn.start] + "”"
        )
        picked_view = {
            "id": coding_id(coding_key(picked)),
            "code": picked.code,
            "coder": picked.coder,
            "memo": picked.memo,
            "where": where,
            "number": turn.turn,
        }
    used = ", ".join(f"{label} ×{count}" for label, count in progress.codes_used)
    return {
        "position": tool.position,
        "current": turn_id(current),
        "number": current.turn,
        "turns_in_session": len(
            next(t for t in tool.transcripts if t.session_id == current.session_id)
        ),
        "current_codes": list(tool.codes_of()),
        "memo": tool.memo_of(),
        "shown": shown,
        "shown_text": (
            f"showing {plural(len(tool.visible()), 'turn')} of {len(tool.segments)}"
            if shown is not None
            else ""
        ),
        "speaker": tool.speaker or "",
        "code_filter": tool.code_filter or "",
        "query": tool.nav.query,
        "selection": selection,
        "picked": picked_view,
        "progress": {
            "coded": progress.coded,
            "total": progress.total,
            "text": f"{progress.coded} of {plural(progress.total, 'participant turn')} coded",
            "counts": progress.counts,
            "used": used,
        },
        "status": tool.status,
        "error": error,
        "can_undo": tool.can_undo,
        "undo": tool.undo_description,
        "has_next": tool.has_next,
        "has_previous": tool.has_previous,
        "suggestions": suggestions_view(tool),
    }


def suggestions_view(tool: CodingTool) -> dict | None:
    """The suggestions panel for the current turn (None: the panel is off): each suggestion
    with its score, its evidence, and what the coder decided (if she did)."""
    if not tool.suggest:
        return None
    shown = []
    for suggestion in tool.suggestions():
        record = tool.suggestion_record(suggestion.code)
        code = tool.codebook[suggestion.code]  # suggestions come from the codebook
        shown.append(
            {
                "code": suggestion.code,
                "brief": code.brief,
                "score": f"{suggestion.score:.2f}",
                "evidence": [
                    {
                        "kind": e.kind,
                        "where": f"turn {e.unit[1]}" if e.unit else "",
                        "similarity": f"{e.similarity:.2f}",
                        "text": e.text,
                    }
                    for e in suggestion.evidence[:3]
                ],
                "decision": record.decision if record else "",
                "applied": record.applied if record else "",
            }
        )
    return {"turn": tool.current.turn, "items": shown}
