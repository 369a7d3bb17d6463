"""Feedback waits for its grader: no submission gets feedback while an answer awaits a person.

nbgrader would otherwise print an unmarked written answer as "0.0 / 6.0" and total it into the
score a student reads. ``nbgrader_config.py`` puts :class:`HoldUngradedFeedback` first among the
feedback preprocessors, so Formgrader's *Generate Feedback* button and ``course.py feedback``
both hold such a submission back and name it and its answers.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from nbgrader.api import Gradebook
from traitlets import Bool


class UngradedAnswersError(Exception):
    """A submission still has answers that only a grader can mark."""


def ungraded_answers(gradebook: Gradebook, lesson: str, student: str) -> list[str]:
    """grade_ids of the submission's cells that still need a grader, notebook by notebook."""
    submission = gradebook.find_submission(lesson, student)
    return [
        grade.name
        for notebook in submission.notebooks
        for grade in notebook.grades
        if grade.needs_manual_grade
    ]


def held_back_message(lesson: str, student: str, answers: list[str]) -> str:
    return (
        f"feedback {lesson} {student}: held back, not graded yet: {', '.join(answers)} "
        "(grade them in Formgrader, then generate feedback again)"
    )


class HoldUngradedFeedback(Preprocessor):
    """Refuse to write feedback for a notebook with an answer not yet graded by hand."""

    enabled = Bool(True)  # nbconvert's preprocessors are off unless told otherwise

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_submission_notebook(
                info["notebook"], info["assignment"], info["student"]
            )
            waiting = [grade.name for grade in notebook.grades if grade.needs_manual_grade]
        if waiting:
            raise UngradedAnswersError(
                held_back_message(info["assignment"], info["student"], waiting)
            )
        return nb, resources
