"""Colours for codes: Okabe–Ito's colour-blind-safe hues, each with a pattern as well.

Colour is never the only cue (WCAG 1.4.1): each code also gets a pattern (solid, dashed,
dotted, double, wavy, striped) drawn in its underline, its margin stripe, its chip's swatch and
the texture of its highlight (``hatch``), and its label is shown beside it and named for screen
readers. Two codes on one turn never share both hue and pattern (:func:`distinct_on_turn`).
Contrast (WCAG 2.1 AA): highlighted text is near-black on a light tint of the code's hue
(at least 4.5:1), and stripes and underlines use the hue darkened until it reaches 3:1 against
white (1.4.11, non-text contrast). Seven hues times six patterns tell 42 codes apart. :func:`contrast` is WCAG's formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["OKABE_ITO", "PATTERNS", "TEXT", "CodeStyle", "contrast", "distinct_on_turn", "styles"]

# Okabe & Ito (2008), "Color Universal Design"; black is left out (it is the text colour).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
PATTERNS = ("solid", "dashed", "dotted", "double", "wavy", "striped")
TEXT = "#1A1A1A"  # highlighted text, whatever the notebook's theme
WHITE = "#FFFFFF"


@dataclass(frozen=True)
class CodeStyle:
    """How one code is drawn: ``line`` for stripes and underlines, ``tint`` behind text,
    ``hatch`` for the pattern's texture over the tint (text on it still reads at 4.5:1)."""

    line: str
    tint: str
    pattern: str

    @property
    def hatch(self) -> str:
        return _mix(self.line, self.tint, 0.5)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{round(max(0, min(255, v))):02X}" for v in rgb)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours (1 to 21).

    >>> round(contrast("#000000", "#FFFFFF"), 1), round(contrast("#777777", "#FFFFFF"), 2)
    (21.0, 4.48)
    """
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(colour: str, other: str, share: float) -> str:
    """``share`` of ``colour`` and the rest ``other``."""
    return _hex(a * share + b * (1 - share) for a, b in zip(_rgb(colour), _rgb(other), strict=True))


def _darkened(colour: str, against: str = WHITE, ratio: float = 3.0) -> str:
    share = 1.0
    line = colour
    while contrast(line, against) < ratio:
        share -= 0.05
        line = _mix(colour, "#000000", share)
    return line


def styles(labels: Iterable[str]) -> dict[str, CodeStyle]:
    """A style per label, in order: seven hues, then the same hues with the next pattern.

    Pass the codes that matter most first (the session's own), so they differ most.

    >>> s = styles(["A", "B", "H"] + [f"X{i}" for i in range(5)])
    >>> s["A"].pattern, s["X4"].pattern, s["A"].tint != s["B"].tint
    ('solid', 'dashed', True)
    >>> all(contrast(TEXT, style.tint) >= 4.5 and contrast(style.line, WHITE) >= 3 for style in s.values())
    True
    >>> all(contrast(TEXT, style.hatch) >= 4.5 for style in s.values())
    True
    """
    found = {}
    for index, label in enumerate(dict.fromkeys(labels)):
        hue = OKABE_ITO[index % len(OKABE_ITO)]
        pattern = PATTERNS[(index // len(OKABE_ITO)) % len(PATTERNS)]
        found[label] = CodeStyle(_darkened(hue), _mix(hue, WHITE, 0.5), pattern)
    return found


def distinct_on_turn(codes: Iterable[str], style: dict[str, CodeStyle]) -> dict[str, CodeStyle]:
    """The styles of the codes on one turn, changed where needed so that no two share both
    hue and pattern (past 42 codes, or with new codes, two codes can share both).

    A code keeps its own style unless a code before it on the turn has it; then it takes the
    first pattern of its hue that no code on the turn has.

    >>> same = CodeStyle("#C38700", "#F3CF80", "solid")
    >>> found = distinct_on_turn(["A", "B"], {"A": same, "B": same})
    >>> found["A"].pattern, found["B"].pattern
    ('solid', 'dashed')
    """
    grey = CodeStyle("#595959", "#E0E0E0", "solid")
    own = {code: style.get(code, grey) for code in codes}
    taken = {(s.line, s.pattern) for s in own.values()}
    found: dict[str, CodeStyle] = {}
    seen: set[tuple[str, str]] = set()
    for code, look in own.items():
        if (look.line, look.pattern) in seen:
            free = [p for p in PATTERNS if (look.line, p) not in taken] or [look.pattern]
            look = CodeStyle(look.line, look.tint, free[0])
            taken.add((look.line, look.pattern))
        seen.add((look.line, look.pattern))
        found[code] = look
    return found
