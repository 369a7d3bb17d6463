"""nbgrader settings shared by instructors and students: how notebooks run and are checked.

The course configuration (nbgrader_config.py) loads this file; student environments get it as
their only nbgrader_config.py (``make student``, ``postBuild``), so that the Validate button a
student presses judges a notebook exactly as autograding will.
"""

c = get_config()  # injected by traitlets when it loads this file (F821 ignored in pyproject)

# A runaway cell fails after 30 s instead of holding the whole class's grading.
c.Execute.timeout = 30
# A loop that swallows the interrupt would otherwise drop the submission with no grade.
c.Execute.raise_on_iopub_timeout = False
# Short tracebacks: hidden test lines must not show in feedback as traceback context;
# no history database, which concurrent kernels would fight over; and the grading kernel
# writes stderr to stdout, because the Validate button's pipeline is fixed and has no
# IgnorePattern step (below): a warning must not fail a right answer there either.
# The kernel logs errors only: ipykernel 7 warns on every start that a kernel bound to the
# grading machine's loopback runs "without encryption", noise an instructor cannot act on.
c.Execute.extra_arguments = [
    "--IPKernelApp.log_level=ERROR",
    "--HistoryManager.hist_file=:memory:",
    "--InteractiveShell.xmode=Minimal",
    "--InteractiveShellApp.exec_lines=import sys; sys.stderr = sys.stdout",
]
# Warnings on stderr (a library's DeprecationWarning, a font cache notice) must never zero a
# passing test: nbgrader scores any stderr output as a failure unless it is removed first.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"[\s\S]"

# Validate also says how far each coding beside the notebook has come: a coding that stops
# halfway is "12 of 55 participant turns coded — not finished", never "Success!"
# (qualkit/validate_progress.py; it does nothing unless nbgrader is validating).
from qualkit.validate_progress import add_progress_checks  # noqa: E402

c.Execute.on_notebook_start = add_progress_checks
