"""How the kit speaks to a student in her notebook: checks that say they passed, failures and
her own mistakes in one plain line instead of a traceback.

``import qualkit`` installs this in the running IPython kernel (nothing happens elsewhere):

- a *check cell* (a cell that starts with a docstring and asserts something: the lessons'
  self-checks and the visible part of graded tests) prints "✓ Passed: …" when it passes, and
  when an assertion fails shows "✗ Not yet: <its message>" alone, not a traceback through
  the test's code;
- a :class:`~qualkit.errors.StudentError` anywhere shows as its message alone (it renders
  itself: ``_render_traceback_``), so "no coding file … code your practice group first" reads
  as advice, not as a crash;
- a cell that still holds blanks (``...``, as a released skeleton answer does) says so after
  it runs, and an error it raises because of a blank reads as that one line too.

Grading never depends on this: hidden tests run in the grader (autograde/trusted_grading.py).
"""

from __future__ import annotations

import ast
import re
import sys

__all__ = ["blanks_in", "check_cell_title", "install_in_notebook"]

_INSTALLED = "_qualkit_messages"


def check_cell_title(source: str) -> str | None:
    """The first paragraph of a check cell's docstring, on one line (a title wrapped over two
    lines is one title); None when ``source`` is not a check cell.

    >>> check_cell_title('\"\"\"Self-check (1 point): a dict.\"\"\"\\nassert isinstance(x, dict)')
    'Self-check (1 point): a dict.'
    >>> check_cell_title('\"\"\"Three themes, each a list of\\ncodes.\\n\\nMore.\"\"\"\\nassert x')
    'Three themes, each a list of codes.'
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
    return " ".join(doc.strip().split("\n\n")[0].split())


def blanks_in(source: str) -> int:
    """How many blanks (``...``) a cell's code still holds; 0 when it does not parse. A line
    that is only ``...`` in a text block (lines she writes between three quotes, as lesson 02's
    list of identifiers) is a blank too; a one-line string ``"..."`` is not.

    >>> blanks_in('answer = {"q1": ..., "q2": ...}  # replace each ...'), blanks_in("x = 1")
    (2, 0)
    >>> blanks_in("found = identifiers(r'''\\n...\\n''')"), blanks_in('s in ("...", "a")')
    (1, 0)
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return 0
    count = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value is Ellipsis:
            count += 1
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" in node.value:
            count += sum(line.strip() == "..." for line in node.value.split("\n"))
    return count


def blanks_message(count: int) -> str:
    """What a cell with blanks says: it is not done yet, and what to do.

    >>> blanks_message(1)
    '✗ Not yet: this cell still has 1 blank (...). Replace it with your answer, then run the cell again.'
    """
    which = "1 blank (...). Replace it" if count == 1 else f"{count} blanks (...). Replace each"
    return f"✗ Not yet: this cell still has {which} with your answer, then run the cell again."


def passed_message(title: str) -> str:
    """What a passing check prints. A self-check is the whole test; a graded test's visible
    part only checks the answer's form, and the grader checks the rest.

    >>> passed_message("Self-check (1 point): answer_3_4 has a top_code.")
    '✓ Passed: answer_3_4 has a top_code.'
    >>> passed_message("Self-check (no points: run it before you submit): a dict per model.")
    '✓ Passed: a dict per model.'
    >>> passed_message("Checks every value (4 points).")
    '✓ Passed the checks shown here; the grader checks the rest when it grades the lesson.'
    """
    if title.lower().startswith("self-check"):
        # The colon after "Self-check (…)", not one inside its parenthesis.
        what = re.sub(r"^self-check\s*(\([^)]*\))?\s*:?", "", title, flags=re.I).strip()
        return f"✓ Passed: {what or title}"
    return "✓ Passed the checks shown here; the grader checks the rest when it grades the lesson."


def not_yet_message(error: BaseException) -> str:
    """What a failing check shows: its own message, said as not done yet."""
    reason = str(error).strip()
    return f"✗ Not yet: {reason}" if reason else "✗ Not yet: this check does not pass."


def _is_answer(error: NameError) -> bool:
    return str(getattr(error, "name", "") or "").startswith(("answer_", "self_check_"))


def unanswered_message(name: str) -> str:
    """What a check says when the answer it checks has not been given a value yet.

    >>> unanswered_message("answer_2_1")
    '✗ Not yet: answer_2_1 has no value yet. Fill in the blanks (...) of its answer cell and run that cell, then this one.'
    """
    return (
        f"✗ Not yet: {name} has no value yet. Fill in the blanks (...) of its answer cell and "
        "run that cell, then this one."
    )


def install_in_notebook(shell=None) -> bool:
    """Hook the messages into the running IPython shell (once); False outside IPython."""
    if shell is None:
        ipython = sys.modules.get("IPython")  # not imported: not in a notebook (and stay quick)
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or getattr(shell, _INSTALLED, False):
        return False
    cell = {"title": None, "blanks": 0}

    def before(info) -> None:
        cell["title"] = check_cell_title(info.raw_cell or "")
        cell["blanks"] = 0 if cell["title"] else blanks_in(info.raw_cell or "")

    def after(result) -> None:
        if cell["title"] and result.success:
            print(passed_message(cell["title"]))
        elif cell["blanks"] and result.success:
            print(blanks_message(cell["blanks"]))

    def on_error(self, etype, value, tb, tb_offset=None):
        if cell["title"] and issubclass(etype, AssertionError):
            self._showtraceback(etype, value, [not_yet_message(value)])
        elif cell["title"] and issubclass(etype, NameError) and _is_answer(value):
            self._showtraceback(etype, value, [unanswered_message(value.name)])
        elif cell["blanks"] and not hasattr(value, "_render_traceback_"):
            said = f"(Python said: {etype.__name__}: {value})"
            self._showtraceback(etype, value, [blanks_message(cell["blanks"]), said])
        else:  # her own code, or an error the kit explains itself: shown as usual
            self.showtraceback(running_compiled_code=True)

    shell.events.register("pre_run_cell", before)
    shell.events.register("post_run_cell", after)
    shell.set_custom_exc((Exception,), on_error)
    setattr(shell, _INSTALLED, True)
    return True
