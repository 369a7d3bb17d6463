"""What an instructor reads after autograding: the summary table, failure reasons, the LMS file.
(Fast: pure functions. The real runs are in test_hostile.py, test_postgres.py, test_course.py.)"""

from __future__ import annotations

import csv
import doctest
import io
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "autograde"))
import batch
import export
import feedback_titles


def test_doctests():
    for module in (batch, export, feedback_titles):
        assert doctest.testmod(module).failed == 0


def test_summary_table_counts_each_status_and_names_failures_with_reasons():
    outcomes = [
        batch.Outcome("00", "ana", "graded", 4, 10),
        batch.Outcome("00", "ben", "needs manual grading", 4, 10, ("q2",)),
        batch.Outcome("00", "cy", "failed", reason=batch.KERNEL_DIED),
        batch.Outcome("01", "cy", "graded", 0, 5, note="notebook 01.ipynb missing (scored 0)"),
    ]
    table = batch.summary(outcomes, resumed=3).splitlines()
    assert "fully graded                        2" in table
    assert "needs manual grading                1" in table
    assert "failed                              1" in table
    assert "graded in an earlier run            3" in table
    assert f"  00 cy: {batch.KERNEL_DIED}" in table
    assert "  01 cy: notebook 01.ipynb missing (scored 0)" in table


def test_a_failure_reason_is_the_exception_not_nbgraders_boilerplate():
    log = (
        "[ERROR] While processing assignment x\n"
        "Traceback (most recent call last):\n"
        "    ValueError: cell abc has a grade id that is not unique\n"
        "[ERROR] There was an error processing assignment 'x' for student 'y'\n"
        "[ERROR] Please see the the above traceback for details on the specific errors.\n"
    )
    assert batch.reason_of({"log": log}) == "ValueError: cell abc has a grade id that is not unique"


def test_lms_file_is_one_row_per_student_with_empty_unfinished_grades():
    rows = [
        {"lesson": "00", "student_id": "ana", "score": 9.0, "status": "graded"},
        {"lesson": "01", "student_id": "ana", "score": 3.0, "status": "needs manual grading"},
        {"lesson": "00", "student_id": "ben", "status": "autograde failed: the kernel died"},
    ]
    lms = export.lms_rows(rows, ["00", "01"], {"ana": "Ana Diaz"})
    out = io.StringIO()
    writer = csv.DictWriter(out, [*export.LMS_FIXED, "00", "01", "Notes"])
    writer.writeheader()
    writer.writerows(lms)
    read = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["SIS Login ID"] for r in read] == ["ana", "ben"]
    assert (read[0]["Student"], read[0]["00"], read[0]["01"]) == ("Ana Diaz", "9", "")
    assert (read[1]["Student"], read[1]["00"], read[1]["01"]) == ("ben", "", "")
    assert read[1]["Notes"] == "00: autograde failed: the kernel died; 01: not submitted"
    assert list(read[0])[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def test_feedback_items_are_titled_after_their_exercise():
    page = (
        '<li><a href="#test_3_1">Test cell</a> (Score: 1.0 / 1.0)</li>'
        '<li><a href="#memo">Written response</a> (Score: 5.0 / 5.0)</li>'
        '<li><a href="#other">Test cell</a></li>'
    )
    titles = {"test_3_1": "Exercise 3.1 — Self-check <1 point>", "memo": "Exercise 3.4: memo"}
    retitled = feedback_titles.retitle(page, titles)
    assert '<a href="#test_3_1">Exercise 3.1 — Self-check &lt;1 point&gt;</a>' in retitled
    assert '<a href="#memo">Exercise 3.4: memo</a>' in retitled
    assert '<a href="#other">Test cell</a>' in retitled  # no title known: left as nbgrader had it


def test_feedback_pages_compile_their_templates_once_and_read_the_same():
    """The exporter's compiled-template cache changes no byte of a page, and a second page (a
    new exporter, as nbgrader makes one per page) compiles nothing; an edited template is
    compiled afresh (Jinja checks each against its source)."""
    import jinja2
    import nbformat
    from nbconvert.exporters import HTMLExporter

    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("## Exercise 1"), nbformat.v4.new_code_cell("x = 1")]
    )
    plain, _ = HTMLExporter().from_notebook_node(nb)
    first, _ = feedback_titles.TitledFeedbackExporter().from_notebook_node(nb)
    compiled = dict(feedback_titles._TEMPLATES.compiled)
    assert compiled, "the templates went into the cache"
    second, _ = feedback_titles.TitledFeedbackExporter().from_notebook_node(nb)
    assert first == second == plain
    assert feedback_titles._TEMPLATES.compiled == compiled, "nothing was compiled again"

    environment = jinja2.Environment(
        loader=jinja2.DictLoader({"t": "one"}), bytecode_cache=feedback_titles._TEMPLATES
    )
    assert environment.get_template("t").render() == "one"
    environment = jinja2.Environment(
        loader=jinja2.DictLoader({"t": "two"}), bytecode_cache=feedback_titles._TEMPLATES
    )
    assert environment.get_template("t").render() == "two"
