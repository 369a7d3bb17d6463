"""Themes: named groups of codes, and structural checks on a set of them.

After coding, an analyst brings codes together into larger units: descriptive *categories*
("what participants talked about") and interpretive *themes* ("what it means"). Structurally
both are a name, a description and the codes that support it, so one type, :class:`Theme`,
serves both; :func:`codebook_categories` gives the codebook's own categories in that form.

:func:`check_themes` reviews the structure of a set of themes, not its interpretation, which
is the analyst's to argue. It reports:

- ``too_few_codes`` — a theme rests on fewer than ``min_codes`` codes (default 2);
- ``unknown_code`` — a theme lists a label that is not a code of the codebook;
- ``repeated_code`` — a theme lists the same code twice;
- ``shared_code`` — a code sits in more than one theme (unless sharing is allowed);
- ``orphan_code`` — a code applied in the coding belongs to no theme;
- ``unused_code`` — a theme lists a code the coding never applied (no data behind it);
- ``repeated_name`` / ``empty_name`` — two themes share a name, or a theme has none.

The messages name the theme and the code and say what to revisit; they never suggest which
theme a code belongs in, so they can be shown to students as feedback on graded work.

>>> themes = [Theme("Trust", ("PSS_LIVED_EXP", "PSS_EMOTIONAL")), Theme("Limits", ("PSS_BOUNDARY",))]
>>> report = check_themes(themes, used_codes=["PSS_LIVED_EXP", "PSS_EMOTIONAL", "PSS_BOUNDARY",
...                                           "PSS_IMPROVE"])
>>> print(report)
2 problems in the themes:
- Theme 'Limits' rests on 1 code (PSS_BOUNDARY); a theme brings together at least 2 codes. Revisit whether it stands as a theme of its own or is part of a broader pattern.
- Code 'PSS_IMPROVE' was applied in the coding but belongs to no theme. Revisit which pattern in the data it supports.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

from qualkit.codebook import Codebook
from qualkit.codings import Coding, Codings
from qualkit.errors import InputError
from qualkit.theme_report import ProblemKind, ThemeProblem, ThemeReport
from qualkit.wording import plural

__all__ = [
    "ProblemKind",
    "Theme",
    "ThemeMap",
    "ThemeProblem",
    "ThemeReport",
    "check_themes",
    "codebook_categories",
    "themes_from_mapping",
]


@dataclass(frozen=True)
class Theme:
    """A named group of codes (a theme, or a category), with a description of what unites them.

    ``codes`` are code labels (``PSS_BOUNDARY``) in the order the analyst gives them; a list
    is accepted and stored as a tuple.

    >>> Theme("Trust through shared experience", ["PSS_LIVED_EXP", "PSS_EMOTIONAL"]).codes
    ('PSS_LIVED_EXP', 'PSS_EMOTIONAL')
    """

    name: str
    codes: tuple[str, ...]
    description: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.codes, str):  # Theme("x", "CODE") would otherwise split letters
            object.__setattr__(self, "codes", (self.codes,))
        else:
            object.__setattr__(self, "codes", tuple(self.codes))

    def __contains__(self, code: object) -> bool:
        return code in self.codes


def themes_from_mapping(
    mapping: Mapping[str, Iterable[str]], source: str = "themes"
) -> tuple[Theme, ...]:
    """Themes from ``{"theme name": ["CODE_A", "CODE_B"], ...}`` (how a notebook answer looks).

    >>> themes_from_mapping({"Trust": ["PSS_LIVED_EXP", "PSS_EMOTIONAL"]})[0]
    Theme(name='Trust', codes=('PSS_LIVED_EXP', 'PSS_EMOTIONAL'), description='')
    >>> themes_from_mapping({"Trust": "PSS_LIVED_EXP PSS_EMOTIONAL"})
    Traceback (most recent call last):
    ...
    qualkit.errors.InputError: themes: theme 'Trust': expected a list of code labels, found 'PSS_LIVED_EXP PSS_EMOTIONAL'
    """
    if not isinstance(mapping, Mapping):
        raise InputError(source, "top level", "a dict of theme name → list of codes", mapping)
    themes = []
    for name, codes in mapping.items():
        if not isinstance(name, str):
            raise InputError(source, f"theme {name!r}", "a theme name (text)", name)
        if isinstance(codes, str) or not isinstance(codes, Iterable):
            raise InputError(source, f"theme {name!r}", "a list of code labels", codes)
        codes = tuple(codes)
        for index, code in enumerate(codes):
            if not isinstance(code, str):
                raise InputError(source, f"theme {name!r} code {index}", "a code label", code)
        themes.append(Theme(name, codes))
    return tuple(themes)


def _as_themes(themes: Iterable[Theme] | Mapping[str, Iterable[str]]) -> tuple[Theme, ...]:
    if isinstance(themes, ThemeMap):
        return themes.themes
    if isinstance(themes, Mapping):
        return themes_from_mapping(themes)
    themes = tuple(themes)
    for index, theme in enumerate(themes):
        if not isinstance(theme, Theme):
            raise InputError("themes", f"item {index}", "a Theme(name, codes, description)", theme)
    return themes


def codebook_categories(codebook: Codebook) -> tuple[Theme, ...]:
    """The codebook's categories as groupings of codes (descriptive, one per category).

    A useful first map to compare one's themes with: categories sort codes by topic (here,
    by support model), while themes cut across them.
    """
    return tuple(
        Theme(
            category.label,
            tuple(code.label for code in codebook.in_category(category.id)),
            category.description,
        )
        for category in codebook.categories
    )


@dataclass(frozen=True)
class ThemeMap:
    """An ordered set of themes (a thematic map), with look-ups both ways.

    >>> tm = ThemeMap.of({"Trust": ["A_X", "A_Y"], "Limits": ["A_Y", "A_Z"]})
    >>> tm.themes_of("A_Y"), tm["Limits"].codes, tm.codes
    (('Trust', 'Limits'), ('A_Y', 'A_Z'), ('A_X', 'A_Y', 'A_Z'))
    """

    themes: tuple[Theme, ...]

    @classmethod
    def of(cls, themes: Iterable[Theme] | Mapping[str, Iterable[str]]) -> ThemeMap:
        """A map from Theme objects or a ``{name: codes}`` dict."""
        return cls(_as_themes(themes))

    def __iter__(self) -> Iterator[Theme]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    def __getitem__(self, name: str) -> Theme:
        for theme in self.themes:
            if theme.name == name:
                return theme
        raise KeyError(f"no theme {name!r}; the themes are {', '.join(self.names)}")

    @property
    def names(self) -> tuple[str, ...]:
        """Theme names in order."""
        return tuple(theme.name for theme in self.themes)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code in some theme, each once, in order of first appearance."""
        return tuple(dict.fromkeys(code for theme in self.themes for code in theme.codes))

    def themes_of(self, code: str) -> tuple[str, ...]:
        """Names of the themes a code belongs to (empty for an orphan code)."""
        return tuple(theme.name for theme in self.themes if code in theme.codes)

    def to_frame(self) -> pd.DataFrame:
        """One row per (theme, code) pair: columns ``theme``, ``code``, ``description``."""
        rows = [
            (theme.name, code, theme.description) for theme in self.themes for code in theme.codes
        ]
        return pd.DataFrame(rows, columns=["theme", "code", "description"])

    def check(self, codebook: Codebook | None = None, used_codes=None, **options) -> ThemeReport:
        """Shorthand for :func:`check_themes` on this map."""
        return check_themes(self, codebook, used_codes, **options)


def _codes_used(used_codes) -> tuple[str, ...]:
    if isinstance(used_codes, Codings):
        used_codes = used_codes.codings
    return tuple(
        dict.fromkeys(item.code if isinstance(item, Coding) else item for item in used_codes)
    )


def check_themes(
    themes: Iterable[Theme] | Mapping[str, Iterable[str]],
    codebook: Codebook | None = None,
    used_codes: Iterable[str] | Codings | Iterable[Coding] | None = None,
    *,
    min_codes: int = 2,
    allow_shared: bool | Iterable[str] = False,
) -> ThemeReport:
    """Check the structure of a set of themes; see the module docstring for the problems.

    Parameters
    ----------
    themes : Themes, a :class:`ThemeMap`, or a ``{name: [codes]}`` dict.
    codebook : the codebook the codes come from; without it no ``unknown_code`` check is made.
        Pass the students' codebook, not the key's: an ``unknown_code`` message suggests the
        closest label in it, which would name a code left out for inductive coding.
    used_codes : the codes applied in the coding (labels, or a :class:`Codings`, whose added
        inductive codes then count as known); without it no ``orphan_code`` or
        ``unused_code`` check is made.
    min_codes : fewest codes a theme should bring together.
    allow_shared : True to let any code sit in several themes, or the codes that may.

    >>> check_themes({"A": ["X_ONE", "X_TWO"], "B": ["X_TWO", "X_THREE"]}).messages[0]
    "Code 'X_TWO' is in 2 themes ('A', 'B'). Revisit where it fits best, or allow it to be shared if that is a deliberate choice."
    >>> check_themes({"A": ["X_ONE", "X_TWO"], "B": ["X_TWO", "X_THREE"]}, allow_shared=True).ok
    True
    """
    themes = _as_themes(themes)
    if allow_shared is True:
        shared_ok: frozenset[str] | None = None  # None: every code may be shared
    else:
        shared_ok = frozenset(() if allow_shared is False else allow_shared)
    used = None if used_codes is None else _codes_used(used_codes)
    used_set = set(used or ())
    known = None if codebook is None else set(codebook.names)
    if known is not None and isinstance(used_codes, Codings):
        known |= {code.label for code in used_codes.added_codes}
    problems: list[ThemeProblem] = []

    names_seen: set[str] = set()
    for index, theme in enumerate(themes):
        if not theme.name.strip():
            problems.append(
                ThemeProblem(
                    "empty_name",
                    theme.name,
                    None,
                    f"Theme {index + 1} has no name. Give each theme a name that says what "
                    "unites its codes.",
                )
            )
        elif theme.name in names_seen:
            problems.append(
                ThemeProblem(
                    "repeated_name",
                    theme.name,
                    None,
                    f"Two themes are named {theme.name!r}. Merge them, or name each for what "
                    "sets it apart.",
                )
            )
        names_seen.add(theme.name)

        distinct = tuple(dict.fromkeys(theme.codes))
        for code in distinct:
            if theme.codes.count(code) > 1:
                problems.append(
                    ThemeProblem(
                        "repeated_code",
                        theme.name,
                        code,
                        f"Theme {theme.name!r} lists code {code!r} more than once. List each "
                        "code once.",
                    )
                )
        if len(distinct) < min_codes:
            listed = f" ({', '.join(distinct)})" if distinct else ""
            problems.append(
                ThemeProblem(
                    "too_few_codes",
                    theme.name,
                    None,
                    f"Theme {theme.name!r} rests on {plural(len(distinct), 'code')}{listed}; a "
                    f"theme brings together at least {min_codes} codes. Revisit whether it "
                    "stands as a theme of its own or is part of a broader pattern.",
                )
            )
        if known is not None:
            for code in distinct:
                if code not in known:
                    close = difflib.get_close_matches(code.upper(), sorted(known), n=1)
                    hint = f" Did you mean {close[0]!r}?" if close else ""
                    problems.append(
                        ThemeProblem(
                            "unknown_code",
                            theme.name,
                            code,
                            f"Theme {theme.name!r} lists {code!r}, which is not a code of the "
                            f"codebook. Check the label against the codebook.{hint}",
                        )
                    )
        if used is not None:
            for code in distinct:
                if code not in used_set and (known is None or code in known):
                    problems.append(
                        ThemeProblem(
                            "unused_code",
                            theme.name,
                            code,
                            f"Theme {theme.name!r} lists {code!r}, which the coding never "
                            "applied, so no data supports it there. Revisit the coding, or "
                            "leave the code out of the theme.",
                        )
                    )

    homes: dict[str, list[str]] = {}
    for theme in themes:
        for code in dict.fromkeys(theme.codes):
            homes.setdefault(code, []).append(theme.name)
    for code, names in homes.items():
        if len(names) > 1 and shared_ok is not None and code not in shared_ok:
            quoted = ", ".join(repr(name) for name in names)
            problems.append(
                ThemeProblem(
                    "shared_code",
                    None,
                    code,
                    f"Code {code!r} is in {len(names)} themes ({quoted}). Revisit where it fits "
                    "best, or allow it to be shared if that is a deliberate choice.",
                )
            )
    if used is not None:
        for code in used:
            if code not in homes:
                problems.append(
                    ThemeProblem(
                        "orphan_code",
                        None,
                        code,
                        f"Code {code!r} was applied in the coding but belongs to no theme. "
                        "Revisit which pattern in the data it supports.",
                    )
                )
    return ThemeReport(tuple(problems))
