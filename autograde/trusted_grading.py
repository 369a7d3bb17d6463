"""Autograded tests run outside the student's kernel, on plain copies of the student's answers.

A submission's code runs in the grading kernel before the tests. Inside that kernel it can do
anything Python can: rewrite later cells before they run (IPython input transformers), replace
the display of results, give its answer an ``__eq__`` that says yes to everything. So the score of
an autograded cell must not come from that kernel. The course therefore grades in two steps,
as two nbgrader preprocessors (configured in nbgrader_config.py):

1. ``HoldTests`` (sanitizing, after nbgrader restored every locked cell from the gradebook):
   each autograded test cell is replaced, for the kernel, by a *capture* cell that prints the
   values the test reads (``answer_1_1`` …) as tagged JSON. Hidden tests never enter the kernel
   nor the notebook file the kernel can see.
2. ``TrustedTests`` (after execution): each test cell's source is read again from the gradebook
   and run here, in the grading process, on the decoded plain data. Its outputs (messages, an
   error's one-line reason, a partial score) replace the kernel's, and nbgrader scores those.

The student controls only what data the capture prints, which is no more than choosing an
answer: no submission can raise the score its answer deserves. Test cells therefore import and
define everything they use, and read from the notebook only its ``answer_*`` values, as plain
data (numbers, strings, lists, tuples, sets, dicts, pandas tables).
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import json
import os
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

MARKER = "QUALKIT-ANSWERS "
MAX_CAPTURE = 5_000_000  # characters; a larger capture is treated as no answer

# Runs in the student's kernel. It only reports values; whatever it prints is parsed as data.
CAPTURE = """\
# Your answers are checked by the grader (outside this notebook) when your lesson is autograded.
def _qualkit_plain(value, depth=0):
    if depth > 20:
        raise ValueError("nested too deeply")
    if value is None or type(value) in (bool, int, float, str):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_qualkit_plain(v, depth + 1) for v in value]
        if isinstance(value, list):
            return items
        return {"__tuple__" if isinstance(value, tuple) else "__set__": items}
    if isinstance(value, dict):
        return {"__dict__": [[_qualkit_plain(k, depth + 1), _qualkit_plain(v, depth + 1)]
                             for k, v in value.items()]}
    kind = type(value).__module__.split(".")[0] + "." + type(value).__name__
    if kind == "pandas.DataFrame":
        table = value.to_dict(orient="split")
        return {"__frame__": _qualkit_plain(table, depth + 1)}
    if kind == "pandas.Series":
        return {"__series__": _qualkit_plain(value.to_dict(), depth + 1), "name": str(value.name)}
    if type(value).__module__ == "numpy" and hasattr(value, "tolist"):
        return _qualkit_plain(value.tolist(), depth + 1)
    return {"__unsupported__": kind}

def _qualkit_capture(names):
    import json
    values, namespace = {}, globals()
    for name in names:
        if name in namespace:
            try:
                values[name] = _qualkit_plain(namespace[name])
            except Exception as error:
                values[name] = {"__unsupported__": repr(error)[:200]}
    print("QUALKIT-ANSWERS " + json.dumps(values))

_qualkit_capture({names!r})
"""


class Unsupported:
    """A value the grader cannot read as plain data: it equals nothing."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:
        return f"<a {self.kind} value the grader cannot read>"


def free_names(source: str) -> list[str]:
    """Names a test cell reads but does not define itself (its answers).

    >>> free_names("import math\\nx = answer_1 + 1\\nassert math.isclose(x, other)")
    ['answer_1', 'other']
    """
    tree = ast.parse(source)
    loaded, bound = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                loaded.append(node.id)
            else:
                bound.add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    names = dict.fromkeys(n for n in loaded if n not in bound and not hasattr(builtins, n))
    return list(names)


def decode(value):
    """Tagged JSON from the capture → plain Python values (never code).

    >>> decode({"__dict__": [["a", {"__set__": [1, 2]}], [{"__tuple__": [1, "x"]}, None]]})
    {'a': {1, 2}, (1, 'x'): None}
    """
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__tuple__" in value:
        return tuple(decode(v) for v in value["__tuple__"])
    if "__set__" in value:
        return {decode(v) for v in value["__set__"]}
    if "__dict__" in value:
        return {decode(k): decode(v) for k, v in value["__dict__"]}
    if "__frame__" in value:
        import pandas as pd

        table = decode(value["__frame__"])
        return pd.DataFrame(table["data"], index=table["index"], columns=table["columns"])
    if "__series__" in value:
        import pandas as pd

        return pd.Series(decode(value["__series__"]), name=value.get("name"))
    return Unsupported(str(value.get("__unsupported__", "unknown")))


def captured_values(outputs) -> dict:
    """The answers the capture printed (the last capture line wins); {} when there is none."""
    lines = [
        line
        for output in outputs
        if output.get("output_type") == "stream"
        for line in "".join(output.get("text", "")).splitlines()
        if line.startswith(MARKER)
    ]
    if not lines or len(lines[-1]) > MAX_CAPTURE:
        return {}
    try:
        raw = json.loads(lines[-1][len(MARKER) :])
        return {str(name): decode(value) for name, value in dict(raw).items()}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def run_test(source: str, values: dict, folder: Path | None = None) -> list:
    """Run one test cell's source on ``values``; return notebook outputs as nbgrader reads them:
    printed text, then either the one-line reason of a failure (no traceback, which would show
    hidden lines) or the value of a final expression (a partial score)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    namespace = {"__name__": "__qualkit_test__", **values}
    printed, outputs, result = io.StringIO(), [], None
    cwd = Path.cwd()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            if folder is not None:
                os.chdir(folder)  # a test may read files the student submitted beside the notebook
            exec(compile(tree, "<test>", "exec"), namespace)
            if last is not None:
                result = eval(compile(ast.Expression(last.value), "<test>", "eval"), namespace)
    except Exception as error:
        if printed.getvalue():
            outputs.append(new_output("stream", name="stdout", text=printed.getvalue()))
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        outputs.append(
            new_output("error", ename=type(error).__name__, evalue=str(error), traceback=[reason])
        )
        return outputs
    finally:
        os.chdir(cwd)
    if printed.getvalue():
        outputs.append(new_output("stream", name="stdout", text=printed.getvalue()))
    if result is not None:
        outputs.append(
            new_output("execute_result", data={"text/plain": repr(result)}, execution_count=None)
        )
    return outputs


def is_autograded_test(cell) -> bool:
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


class ResetCellRoles(NbGraderPreprocessor):
    """Before nbgrader compares cells with the gradebook: a cell is graded only if the lesson
    grades it. A submission cannot make its own answer (or a cell it added) a test."""

    def preprocess(self, nb, resources):
        with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
            notebook = gradebook.find_notebook(
                resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"]
            )
            self.graded = {cell.name for cell in notebook.grade_cells}
            self.known = {cell.name for cell in notebook.source_cells}
            self.known |= {cell.name for cell in notebook.solution_cells}
            return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        nbgrader = cell.metadata.get("nbgrader")
        if not nbgrader:
            cell.metadata.pop(
                "nbgrader", None
            )  # a duplicate nbgrader emptied: nbgrader trips on {}
            return cell, resources
        grade_id = nbgrader.get("grade_id")
        if grade_id not in self.known and grade_id not in self.graded:
            del cell.metadata["nbgrader"]  # not a cell of this lesson: ordinary code or text
        elif nbgrader.get("grade") and grade_id not in self.graded:
            nbgrader["grade"] = False
            nbgrader.pop("points", None)
        return cell, resources


class HoldTests(NbGraderPreprocessor):
    """For the kernel, each autograded test cell becomes a capture of the values it reads."""

    def preprocess_cell(self, cell, resources, index):
        if is_autograded_test(cell):
            try:  # only answers travel: a test that read another notebook value (a list of
                # options, say) would read whatever the student's code left there
                names = [n for n in free_names(cell.source) if n.startswith("answer_")]
            except SyntaxError:
                names = []
            cell.source = CAPTURE.replace("{names!r}", repr(names))
        return cell, resources


def practice_groups_on() -> bool:
    """A group per student unless the course opted out or never made its secret (practice_groups.py)."""
    import practice_groups  # the generator: imported once per grading process

    return practice_groups.enabled()


class TrustedTests(NbGraderPreprocessor):
    """Each autograded test cell, read again from the gradebook, runs here on the captured data.

    A test that reads files the student handed in (a coding file) reads them as collected, in
    ``submitted_directory``: the kernel could have rewritten its working copy. When the course
    gives each student her own practice group (practice_groups.py: the default once
    ``make publish`` made the course secret), her group is regenerated
    here from the course secret and her id, and the tests load it (and its key) as hers."""

    submitted_directory = Unicode("", help="nbgrader's submitted folder").tag(config=True)

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        student = resources["nbgrader"].get("student")
        if self.submitted_directory and student:
            self.folder = Path(self.submitted_directory) / student / self.assignment_id
        else:
            self.folder = Path(resources.get("metadata", {}).get("path") or ".")
        with contextlib.ExitStack() as stack:
            if student and practice_groups_on():
                import practice_groups

                from qualkit.practice import use_group

                folder = stack.enter_context(practice_groups.regenerated(student))
                # Her key with her group (one regeneration, cached: practice_groups.group)
                stack.enter_context(use_group(student, folder, practice_groups.group(student).key))
            self.gradebook = stack.enter_context(Gradebook(resources["nbgrader"]["db_url"]))
            return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if not is_autograded_test(cell):
            return cell, resources
        grade_id = cell.metadata.nbgrader["grade_id"]
        try:
            source = self.gradebook.find_source_cell(
                grade_id, self.notebook_id, self.assignment_id
            ).source
        except MissingEntry:  # not a test of this lesson: it earns nothing
            cell.outputs = [
                new_output("error", ename="GradingError", evalue="", traceback=["not a test"])
            ]
            return cell, resources
        cell.source = source
        cell.outputs = run_test(source, captured_values(cell.outputs), self.folder)
        return cell, resources
