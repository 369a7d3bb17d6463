"""nbgrader configuration of the qualkit course.

Every nbgrader command and JupyterLab's nbgrader extensions (Formgrader, Create Assignment,
Validate) read this file because the Makefile puts this folder on JUPYTER_CONFIG_PATH.
Sources are the lessons in ``lessons/``; everything nbgrader generates goes to a git-ignored
build area (``build/``, or ``$QUALKIT_BUILD`` so tests and hubs can put it elsewhere).

Each setting below answers a trap found when this stack was tried (see GRADING.md).
"""

import os
import sys
from pathlib import Path

c = get_config()  # injected by traitlets when it loads this file (F821 ignored in pyproject)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BUILD = Path(os.environ.get("QUALKIT_BUILD", REPO / "build")).resolve()

c.CourseDirectory.course_id = "qualkit"
c.CourseDirectory.root = str(REPO)
c.CourseDirectory.source_directory = "lessons"
# Absolute paths: nbgrader joins them to the root unchanged, keeping generated files in BUILD.
c.CourseDirectory.release_directory = str(BUILD / "release")
c.CourseDirectory.submitted_directory = str(BUILD / "submitted")
c.CourseDirectory.autograded_directory = str(BUILD / "autograded")
c.CourseDirectory.feedback_directory = str(BUILD / "feedback")
c.CourseDirectory.solution_directory = str(BUILD / "solution")
# Autograde workers write the gradebook side by side: SQLite waits up to two minutes for its
# lock; several graders or machines share PostgreSQL instead (QUALKIT_DB_URL, e.g.
# postgresql+psycopg://grader@db.example/qualkit; tests/test_postgres.py).
c.CourseDirectory.db_url = (
    os.environ.get("QUALKIT_DB_URL") or f"sqlite:///{BUILD / 'gradebook.db'}?timeout=120"
)
c.Exchange.root = str(BUILD / "exchange")
# Coding files saved by the widget travel with a submission; nothing else large does.
# The solution's coding file (written from the key when an instructor runs a lesson source) is
# never released, submitted or copied: students' files carry their own coder's name.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "solution.codings.json",
    ".solution.codings.json.*",  # its journal and lock, if the coding tool ever opened it
]
c.CourseDirectory.max_file_size = 5_000  # kB

# How notebooks run and are checked, shared with students' Validate button.
# An absolute path: a hub grader's own config loads this file from elsewhere (deploy/).
load_subconfig(str(HERE / "validate_config.py"))  # injected by traitlets, like get_config

# An answer cell left as released says what to do ("write your answer here first"), in one
# line without a traceback (qualkit.errors.NoAnswerYetError), not a bare NotImplementedError.
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE\n"
    "from qualkit.errors import NoAnswerYetError\n"
    "raise NoAnswerYetError()"
}

# A code answer with a skeleton (skeletons.py) is released as that skeleton, with blanks (...)
# to fill in, not as the stub: nbgrader's own list of steps, with ClearSolutions swapped.
sys.path.insert(0, str(HERE))
from skeletons import SkeletonSolutions  # noqa: E402

c.GenerateAssignment.preprocessors = [
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    SkeletonSolutions,
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# A student who deletes a test cell gets it back (and its points counted), not a free pass.
c.OverwriteCells.add_missing_cells = True

# Autograded tests run in this process on plain copies of the answers, never in the student's
# kernel, which may have rewritten anything by then (trusted_grading.py says how).
from grading_kernels import SandboxedExecute  # noqa: E402
from trusted_grading import HoldTests, ResetCellRoles, TrustedTests  # noqa: E402

c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    ResetCellRoles,
    "nbgrader.preprocessors.OverwriteCells",
    HoldTests,
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    SandboxedExecute,
    "nbgrader.preprocessors.IgnorePattern",
    TrustedTests,
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# The grading kernel may not read lesson sources, the key, the gradebook or other students'
# work, nor write where code runs later (grading_guard.py). Students' Validate runs without it.
_guard = {
    "denied": [
        str(REPO),
        str(BUILD),
        c.Exchange.root,
        c.CourseDirectory.submitted_directory,  # tests read submitted files there, as collected
        os.environ.get("QUALKIT_KEY", ""),
        os.environ.get("QUALKIT_PRACTICE_SECRET_FILE", ""),
    ],
    "allowed_readonly": [
        str(REPO / "src"),
        os.environ.get("QUALKIT_CORPUS") or str(REPO / "datasets" / "corpus"),
    ],
}
# Only while autograding (nbgrader sets NBGRADER_EXECUTION before the kernel starts, so no
# submitted code runs before this check): an instructor validating a lesson source runs trusted
# code whose hidden tests read the key (lesson 02's identifiers, lesson 03's coding key).
c.Execute.extra_arguments = [
    *c.Execute.extra_arguments,
    "--InteractiveShellApp.exec_lines="
    "if __import__('os').environ.get('NBGRADER_EXECUTION') == 'autograde': "
    "__import__('runpy').run_path("
    f"{str(Path(__file__).resolve().parent / 'grading_guard.py')!r})['install'](**{_guard!r})",
]

# What the operating system enforces around each grading kernel (sandbox.py): it runs as an
# account of its own, sees none of these folders (only the environment, src and the student
# corpus come back, read-only, and its working copy), has no network and bounded resources.
_key = os.environ.get("QUALKIT_KEY", "")
c.SandboxKernelManager.hidden = [str(REPO), str(BUILD), c.Exchange.root, _key, "/root", "/home"]
c.SandboxKernelManager.readable = [
    str(HERE),  # grading_guard.py runs in the kernel (this folder holds no secret)
    str(REPO / "src"),
    os.environ.get("QUALKIT_CORPUS") or str(REPO / "datasets" / "corpus"),
]
# Kernels start only in a working copy there (<student>/<lesson>): the one folder their
# account is given (sandbox.py refuses any other working directory).
c.SandboxKernelManager.working_area = c.CourseDirectory.autograded_directory
# Each kernel's stderr, out of its reach and kept when its submission fails (grading_kernels.py).
c.SandboxKernelManager.log_area = str(BUILD / "kernel-logs")

# A practice focus group for each student, the default (instructors/README.md): `make publish`
# makes the course secret, BUILD/grader/practice-secret (mode 600; or the file named by
# QUALKIT_PRACTICE_SECRET_FILE), and QUALKIT_PRACTICE_GROUPS is the shared folder students read.
# The trusted step regenerates each student's group and key from the secret and her id; the
# kernel gets neither (BUILD is hidden from it; the secret's mode keeps its account out, and the
# guard refuses both), only her group's transcripts, regenerated for it (grading_kernels.py),
# so that her answers are computed on what she worked on.

# The trusted step grades the files as collected, not the working copy the kernel could rewrite.
c.TrustedTests.submitted_directory = c.CourseDirectory.submitted_directory

# Feedback shows grades and comments but no hidden tests and no marking rubric, and none is
# written while an answer awaits a grader (feedback_gate.py): an unmarked answer is not a 0.
c.GenerateFeedback.preprocessors = [
    "feedback_gate.HoldUngradedFeedback",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
]
c.ClearMarkScheme.enforce_metadata = False
# Each item of the feedback page is named after its exercise, not "Test cell" (feedback_titles.py).
from feedback_titles import TitledFeedbackExporter  # noqa: E402

c.GenerateFeedback.exporter_class = TitledFeedbackExporter

# A grader's own settings, loaded last, from the file QUALKIT_GRADING_CONFIG names (a course
# whose cells need more than 30 s, say). tests/test_hostile.py gives a kernel that ignores an
# interrupt a shorter grace there.
if os.environ.get("QUALKIT_GRADING_CONFIG"):
    load_subconfig(os.environ["QUALKIT_GRADING_CONFIG"])  # injected by traitlets
