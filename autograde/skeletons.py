"""Skeleton answers: a solution region followed by a skeleton region is released as the
skeleton, blanks (``...``) and all, instead of nbgrader's code stub.

A lesson author writes, in one answer cell::

    ### BEGIN SOLUTION
    answer_1_1 = {"q1": True, "q2": False}
    ### END SOLUTION
    ### BEGIN SKELETON
    # answer_1_1 = {"q1": ..., "q2": ...}  # replace each ... with True or False
    ### END SKELETON

The source runs the solution (the skeleton is comments there); the release shows the
skeleton with one ``# `` taken off each line (JupyterLab's Ctrl+/ toggles it). A one-line
skeleton that runs as it stands may instead sit above the solution region, uncommented
(``answer_1_1 = {"q1": ..., "q2": ...}`` then the region): a cell whose code outside its
solution regions already holds a blank is released without them and without a stub. A student who
has never programmed then fills in blanks, one idea at a time, after a worked example,
instead of facing an empty cell. A solution region without a skeleton still becomes the
stub (``ClearSolutions.code_stub``); ``tests/test_skeletons.py`` holds every released code
answer to having a skeleton.
"""

from __future__ import annotations

import ast
import re

from nbgrader.preprocessors import ClearSolutions

BEGIN, END = "### BEGIN SKELETON", "### END SKELETON"
COMMENTED = re.compile(r"^(?P<indent>[ \t]*)#(?: (?P<code>.*)|(?P<empty>))$")


def release_source(source: str, where: str = "cell") -> str | None:
    """The released text of an answer cell with a skeleton; None when it has none.

    >>> print(release_source("### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION\\n"
    ...                      "### BEGIN SKELETON\\n# x = ...  # a number\\n#\\n### END SKELETON"))
    x = ...  # a number
    <BLANKLINE>
    >>> release_source("### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION") is None
    True
    >>> release_source("### BEGIN SKELETON\\nx = ...\\n### END SKELETON", "answer_1")
    Traceback (most recent call last):
    ValueError: answer_1 line 2: expected a commented skeleton line ('# ' + code), found 'x = ...'
    """
    if BEGIN not in source and END not in source:
        return None
    kept, skeleton, state = [], [], "outside"
    for number, line in enumerate(source.split("\n"), start=1):
        place = f"{where} line {number}"
        if BEGIN in line:
            if state != "outside":
                raise ValueError(f"{place}: expected {END} before another {BEGIN}")
            state = "skeleton"
        elif END in line:
            if state != "skeleton":
                raise ValueError(f"{place}: {END} without its {BEGIN}")
            state = "outside"
        elif "### BEGIN SOLUTION" in line:
            state = "solution"
        elif "### END SOLUTION" in line:
            state = "outside"
            kept.append(None)  # where the skeleton goes
        elif state == "skeleton" and not line.strip():
            skeleton.append("")
        elif state == "skeleton":
            match = COMMENTED.match(line)
            if match is None:
                raise ValueError(
                    f"{place}: expected a commented skeleton line ('# ' + code), found {line!r}"
                )
            skeleton.append(match["indent"] + (match["code"] or ""))
        elif state == "outside":
            kept.append(line)
    if state != "outside":
        raise ValueError(f"{where}: expected {END} before the cell ends")
    if kept.count(None) != 1:
        raise ValueError(
            f"{where}: expected exactly one solution region before the skeleton, "
            f"found {kept.count(None)}"
        )
    lines = []
    for line in kept:
        lines += skeleton if line is None else [line]
    return "\n".join(lines)


def _has_blank(code: str) -> bool:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return any(isinstance(n, ast.Constant) and n.value is Ellipsis for n in ast.walk(tree))


def outside_solutions(source: str) -> str | None:
    """The cell without its solution regions, when what is left holds a blank; else None.

    >>> print(outside_solutions('x = ...  # a number\\n### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION'))
    x = ...  # a number
    >>> outside_solutions("### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION") is None
    True
    """
    if "### BEGIN SOLUTION" not in source:
        return None
    kept, inside = [], False
    for line in source.split("\n"):
        if "### BEGIN SOLUTION" in line or "### END SOLUTION" in line:
            inside = "### BEGIN SOLUTION" in line
        elif not inside:
            kept.append(line)
    rest = "\n".join(kept).rstrip("\n")
    return rest if _has_blank(rest) else None


def solved_source(source: str) -> str:
    """An answer cell as a student who got it right leaves it: the solution without its
    markers, the skeleton region gone (what the tests hand in as "the solution").

    >>> solved_source("### BEGIN SOLUTION\\nx = 2\\n### END SOLUTION\\n### BEGIN SKELETON\\n"
    ...               "# x = ...\\n### END SKELETON\\nprint(x)")
    'x = 2\\nprint(x)'
    """
    kept, skipping = [], False
    for line in source.split("\n"):
        if BEGIN in line or END in line:
            skipping = BEGIN in line
        elif not skipping and "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line:
            kept.append(line)
    return "\n".join(kept)


class SkeletonSolutions(ClearSolutions):
    """nbgrader's ClearSolutions, releasing an answer cell's skeleton where it has one."""

    def _replace_solution_region(self, cell, language: str) -> bool:
        where = cell.metadata.get("nbgrader", {}).get("grade_id") or cell.get("id", "cell")
        released = release_source(cell.source, f"answer cell {where}")
        if released is None:
            released = outside_solutions(cell.source)
        if released is None:
            return super()._replace_solution_region(cell, language)
        cell.source = released
        return True
