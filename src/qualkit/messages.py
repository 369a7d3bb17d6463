"""How the kit speaks to a student in her notebook: checks that say they passed, failures and
her own mistakes in one plain line instead of a traceback.

``import qualkit`` installs this in the running IPython kernel (nothing happens elsewhere):

- a *check cell* (a cell that starts with a docstring and asserts something: the lessons'
  self-checks and the visible part of graded tests) prints "✓ Passed: …" when it passes, and
  when an assertion fails shows "✗ Not yet: <its message>" alone, not a traceback through
  the test's code;
- a :class:`~qualkit.errors.StudentError` anywhere shows as its message alone (it renders
  itself: ``_render_traceback_``), so "no coding file … code your practice group first" reads
  as advice, not as a crash.

Grading never depends on this: hidden tests run in the grader (autograde/trusted_grading.py).
"""

from __future__ import annotations

import ast
import sys

__all__ = ["check_cell_title", "install_in_notebook"]

_INSTALLED = "_qualkit_messages"


def check_cell_title(source: str) -> str | None:
    """The first line of a check cell's docstring; None when ``source`` is not a check cell.

    >>> check_cell_title('\"\"\"Self-check (1 point): a dict.\"\"\"\\nassert isinstance(x, dict)')
    'Self-check (1 point): a dict.'
    >>> check_cell_title("assert x") is None, check_cell_title('\"\"\"Notes.\"\"\"\\ny = 1') is None
    (True, True)
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    doc = ast.get_docstring(tree)
    if not doc or not any(isinstance(node, ast.Assert) for node in ast.walk(tree)):
        return None
    return doc.strip().splitlines()[0]


def passed_message(title: str) -> str:
    """What a passing check prints. A self-check is the whole test; a graded test's visible
    part only checks the answer's form, and the grader checks the rest.

    >>> passed_message("Self-check (1 point): answer_3_4 has a top_code.")
    '✓ Passed: answer_3_4 has a top_code.'
    >>> passed_message("Checks every value (4 points).")
    '✓ Passed the checks shown here; the grader checks the rest when it grades the lesson.'
    """
    if title.lower().startswith("self-check"):
        return f"✓ Passed: {title.partition(':')[2].strip() or title}"
    return "✓ Passed the checks shown here; the grader checks the rest when it grades the lesson."


def not_yet_message(error: BaseException) -> str:
    """What a failing check shows: its own message, said as not done yet."""
    reason = str(error).strip()
    return f"✗ Not yet: {reason}" if reason else "✗ Not yet: this check does not pass."


def install_in_notebook(shell=None) -> bool:
    """Hook the messages into the running IPython shell (once); False outside IPython."""
    if shell is None:
        ipython = sys.modules.get("IPython")  # not imported: not in a notebook (and stay quick)
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or getattr(shell, _INSTALLED, False):
        return False
    cell = {"title": None}

    def before(info) -> None:
        cell["title"] = check_cell_title(info.raw_cell or "")

    def after(result) -> None:
        if cell["title"] and result.success:
            print(passed_message(cell["title"]))

    def on_assertion(self, etype, value, tb, tb_offset=None):
        if cell["title"]:
            self._showtraceback(etype, value, [not_yet_message(value)])
        else:  # an assert in her own code: the ordinary traceback
            self.showtraceback(running_compiled_code=True)

    shell.events.register("pre_run_cell", before)
    shell.events.register("post_run_cell", after)
    shell.set_custom_exc((AssertionError,), on_assertion)
    setattr(shell, _INSTALLED, True)
    return True
