"""Skeleton answers (autograde/skeletons.py): no released code answer is an empty stub.

A student who has never programmed gets every code answer with its shape filled in and blanks
(``...``) to complete, never an empty cell saying ``# YOUR CODE HERE`` above a ``raise``. The
pipeline test reads the releases nbgrader generates with the course's configuration; the fast
test reads the sources, so an author learns it before the release is built.
"""

from __future__ import annotations

import ast
import sys

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from conftest import LESSONS, REPO

sys.path.insert(0, str(REPO / "autograde"))
from skeletons import outside_solutions, release_source

from qualkit.messages import blanks_in


def answers(notebook) -> list:
    """The code cells a student answers in (nbgrader solution cells)."""
    return [
        c
        for c in notebook.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
    ]


def blanks(code: str) -> int:
    """``...`` values, and lines that are only ``...`` in a text block (qualkit.messages counts
    the same: lesson 02's list of identifiers is written between three quotes)."""
    ast.parse(code)  # a skeleton that does not parse is named by its caller
    return blanks_in(code)


def problems(cell_id: str, released: str) -> list[str]:
    """What is wrong with one released code answer, for someone who never programmed."""
    try:
        count = blanks(released)
    except SyntaxError as error:
        return [f"{cell_id}: the released skeleton does not run (line {error.lineno}: {error.msg})"]
    found = []
    if "raise NoAnswerYetError" in released or "raise NotImplementedError" in released:
        found.append(f"{cell_id}: released as the empty stub (# YOUR CODE HERE + raise)")
    if count == 0:
        found.append(f"{cell_id}: no ... blank to fill in")
    # JupyterLab's kernel strips what looks like a pasted prompt: with '    ...: x' as its second
    # line, a dict of blanks ({...: ..., ...}) runs as a set, and its check says "not a dict".
    kernel_reads = TransformerManager().transform_cell(released)
    if ast.dump(ast.parse(kernel_reads)) != ast.dump(ast.parse(released)):
        found.append(
            f"{cell_id}: the kernel reads the skeleton otherwise (a line starting "
            "'...:' is taken for a prompt and cut): put a comment line second"
        )
    return found


@pytest.mark.pipeline
@pytest.mark.xdist_group("nbgrader")
@pytest.mark.parametrize("lesson", LESSONS)
def test_no_released_code_answer_is_an_empty_stub(course, lesson):
    released = nbformat.read(course.release_path(lesson), as_version=4)
    assert answers(released), f"{lesson}: no code answer in the release"
    found = [p for cell in answers(released) for p in problems(cell.id, cell.source)]
    assert not found, f"{lesson}: " + "; ".join(found)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_code_answer_has_a_skeleton_that_runs(lesson):
    """The source side of the same rule, for the answers that carry a skeleton (a commented
    skeleton region, or blanks above the solution): well formed, with blanks, no stub. An
    answer with neither is left to the release test, which names it."""
    source = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    found = []
    for cell in answers(source):
        try:
            released = release_source(cell.source, f"{lesson} {cell.id}")
        except ValueError as error:
            found.append(str(error))
            continue
        released = released if released is not None else outside_solutions(cell.source)
        if released is not None:
            found += problems(cell.id, released)
    assert not found, f"{lesson}: " + "; ".join(found)


def test_a_skeleton_replaces_the_solution_where_it_stood():
    source = (
        "import re\n"
        "for turn in turns:\n"
        "    ### BEGIN SOLUTION\n"
        "    found = re.findall('x', turn)\n"
        "    ### END SOLUTION\n"
        "    ### BEGIN SKELETON\n"
        "    # found = re.findall(..., turn)  # what to look for?\n"
        "    ### END SKELETON\n"
        "print(found)"
    )
    assert release_source(source) == (
        "import re\nfor turn in turns:\n    found = re.findall(..., turn)  # what to look for?\n"
        "print(found)"
    )
    assert problems("x", release_source(source)) == []
    assert problems("y", "# YOUR CODE HERE\nraise NotImplementedError()") == [
        "y: released as the empty stub (# YOUR CODE HERE + raise)",
        "y: no ... blank to fill in",
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("### BEGIN SKELETON\n# x = ...\n", "expected ### END SKELETON before the cell ends"),
        ("### BEGIN SKELETON\n# x = ...\n### END SKELETON", "exactly one solution region"),
        ("### END SKELETON", "without its ### BEGIN SKELETON"),
        (
            "### BEGIN SOLUTION\nx=1\n### END SOLUTION\n### BEGIN SKELETON\n#x = ...\n"
            "### END SKELETON",
            "line 5: expected a commented skeleton line",
        ),
    ],
)
def test_a_malformed_skeleton_is_named_with_its_line(source, message):
    with pytest.raises(ValueError, match=message):
        release_source(source, "answer_x")


# Writing goes in Markdown cells (nbgrader's manually graded answers), never in a Python string
# a student types: a quotation or an apostrophe would break the string. A sentence or two of a
# code's definition is writing too.
WRITING_WORDS = 20


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_code_answer_asks_for_writing_in_a_string(lesson):
    source = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    found = []
    for cell in answers(source):
        for node in ast.walk(ast.parse(cell.source)):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and len(text.split()) >= WRITING_WORDS:
                found.append(f"{cell.id}: {node.value[:50]!r}…")
    assert not found, f"{lesson}: writing in a Python string, not a Markdown cell: " + "; ".join(
        found
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_cell_but_an_answer_holds_a_blank(lesson):
    """A ``...`` in a cell she does not answer in would make it say "this cell still has a
    blank" (qualkit/messages.py): such code writes ``Ellipsis``."""
    source = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    found = [
        c.id
        for c in source.cells
        if c.cell_type == "code"
        and not c.metadata.get("nbgrader", {}).get("solution")
        and blanks(c.source)
    ]
    assert not found, f"{lesson}: ... in cells that are not answers: {found}"


def test_a_one_line_skeleton_above_the_solution_and_the_solved_cell():
    above = "x = ...  # a number\n### BEGIN SOLUTION\nx = 2\n### END SOLUTION"
    assert outside_solutions(above) == "x = ...  # a number"
    assert outside_solutions("### BEGIN SOLUTION\nx = 2\n### END SOLUTION") is None
    assert release_source(above) is None  # no skeleton region: the line above is the skeleton
    sys.path.insert(0, str(REPO / "autograde"))
    from skeletons import solved_source

    commented = "### BEGIN SOLUTION\nx = 2\n### END SOLUTION\n### BEGIN SKELETON\n# x = ...\n"
    assert solved_source(commented + "### END SKELETON\nprint(x)") == "x = 2\nprint(x)"


# Answers whose blanks stand for a label or an identifier she would otherwise type in quotes:
# each blank is a choice, the number of an option in a list (qualkit.Choices) that a locked cell
# above defines and prints, so no misspelt label and no broken string.
CHOSEN = {
    "01-qualitative-descriptive-design": ["answer_1_2", "answer_1_3"],
    "02-focus-group-data": ["self_check_2", "answer_2_7"],
    "03-codebook-and-coding": ["self_check_3", "answer_3_2", "answer_3_3"],
    "04-intercoder-agreement": ["answer_4_3"],
    "05-categories-themes-saturation": ["answer_5_1", "answer_5_2"],
    "06-comparing-support-models": ["chart_your_cases"],
    "07-trustworthiness-and-reporting": ["answer_7_1", "answer_7_4", "answer_7_5"],
    "08-machine-assisted-coding": ["answer_8_2", "answer_8_3"],
}
# Blanks of those answers that are no label and stay typed: how many, and why.
TYPED = {
    "answer_5_1": (1, "the table: a name from the worked example"),
    "answer_7_4": (1, "the quotations: quote(session, turn)"),
    "answer_8_2": (3, "the turn numbers printed above"),
}


def typed_blanks(released: str, defined: set[str]) -> list[str]:
    """The blanks of a released skeleton that are not a number chosen from a list in
    ``defined`` (``OPTIONS[...]`` or ``OPTIONS["key"][...]``)."""
    tree = ast.parse(released)
    chosen = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            root = node.value
            while isinstance(root, ast.Subscript):
                root = root.value
            if node.slice.value is Ellipsis and getattr(root, "id", None) in defined:
                chosen.add(id(node.slice))
    return [
        f"line {node.lineno}: {ast.get_source_segment(released, node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value is Ellipsis and id(node) not in chosen
    ]


@pytest.mark.parametrize(("lesson", "cell_id"), [(k, c) for k, v in CHOSEN.items() for c in v])
def test_a_label_is_chosen_by_number_from_a_printed_list(lesson, cell_id):
    cells = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4).cells
    index = [c.id for c in cells].index(cell_id)
    defined, printed = set(), set()
    for cell in cells[:index]:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("solution") or not meta.get("locked"):
            continue
        tree = ast.parse(cell.source)
        names = {
            t.id
            for n in tree.body
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        defined |= names
        # printed, and a qualkit.Choices: an unfilled blank stays a blank, a wrong number is
        # named in one line (qualkit/choices.py)
        if "print(" in cell.source and "Choices(" in cell.source:
            printed |= names
    source = cells[index].source
    released = release_source(source, f"{lesson} {cell_id}") or outside_solutions(source)
    assert released is not None, f"{lesson} {cell_id}: no skeleton"
    assert blanks(released), f"{lesson} {cell_id}: no blank"
    typed = typed_blanks(released, defined & printed)
    assert len(typed) == TYPED.get(cell_id, (0,))[0], (
        f"{lesson} {cell_id}: blanks to type rather than choose: " + "; ".join(typed)
    )
    assert blanks(released) > len(typed), f"{lesson} {cell_id}: nothing chosen by number"


def test_a_typed_label_is_told_from_a_chosen_one():
    assert typed_blanks('x = {"t1": CRITERIA[...], "t2": D["k"][...]}', {"CRITERIA", "D"}) == []
    assert typed_blanks('x = {"t1": ...}  # in quotes', {"CRITERIA"}) == ["line 1: ..."]
    assert typed_blanks("x = OTHER[...]", {"CRITERIA"}) == ["line 1: ..."]


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_kit_speaks_from_the_first_answer_on(lesson):
    """``import qualkit`` installs the messages (qualkit/messages.py): a lesson imports it in a
    cell before its first answer, or that answer's blanks and checks go unexplained."""
    cells = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4).cells
    first = next(
        i
        for i, c in enumerate(cells)
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
    )
    imports = [
        c.id
        for c in cells[:first]
        if c.cell_type == "code"
        and any(
            isinstance(node, ast.Import | ast.ImportFrom)
            and any(
                (getattr(node, "module", None) or alias.name).split(".")[0] == "qualkit"
                for alias in node.names
            )
            for node in ast.walk(ast.parse(c.source))
        )
    ]
    assert imports, f"{lesson}: no cell before {cells[first].id} imports qualkit"


def test_a_skeleton_the_kernel_reads_otherwise_is_named():
    """IPython cuts '...:' at a line's start as a pasted prompt when the second line has one:
    the dict of blanks below would run as a set. A comment line second keeps it a dict."""
    cut = "answer_8_2 = {\n    ...: KINDS[...],\n    ...: KINDS[...],\n}"
    assert problems("answer_8_2", cut) == [
        "answer_8_2: the kernel reads the skeleton otherwise (a line starting '...:' is taken "
        "for a prompt and cut): put a comment line second"
    ]
    kept = "answer_8_2 = {\n    # a turn: its kind\n    ...: KINDS[...],\n    ...: KINDS[...],\n}"
    assert problems("answer_8_2", kept) == []
