"""What a check of themes found: each problem (its kind, theme, code, message) and the report.

The check itself, and the kinds of problem it reports, are in :mod:`qualkit.themes`, which
re-exports these; a report is shown to students as feedback on graded work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

__all__ = ["ProblemKind", "ThemeProblem", "ThemeReport"]

ProblemKind = Literal[
    "empty_name",
    "repeated_name",
    "too_few_codes",
    "unknown_code",
    "repeated_code",
    "shared_code",
    "orphan_code",
    "unused_code",
]


@dataclass(frozen=True)
class ThemeProblem:
    """One structural problem: its kind, the theme and code it concerns, and a message."""

    kind: ProblemKind
    theme: str | None
    code: str | None
    message: str


@dataclass(frozen=True)
class ThemeReport:
    """What :func:`~qualkit.themes.check_themes` found; ``ok`` when nothing.

    ``str(report)`` lists the messages, one a line, for a notebook's feedback.
    """

    problems: tuple[ThemeProblem, ...]

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def of_kind(self, kind: ProblemKind) -> tuple[ThemeProblem, ...]:
        """The problems of one kind."""
        return tuple(problem for problem in self.problems if problem.kind == kind)

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(problem.message for problem in self.problems)

    def to_frame(self) -> pd.DataFrame:
        """One row per problem: ``kind``, ``theme``, ``code``, ``message``."""
        return pd.DataFrame(
            [(p.kind, p.theme, p.code, p.message) for p in self.problems],
            columns=["kind", "theme", "code", "message"],
        )

    def __str__(self) -> str:
        if self.ok:
            return "No problems in the themes."
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count > 1 else ''} in the themes:"]
        lines += [f"- {message}" for message in self.messages]
        return "\n".join(lines)
