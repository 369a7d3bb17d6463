"""Autograde a class in N worker processes, with progress, a summary table and resumption.

``course.py autograde`` collects, then hands the list of (lesson, student) submissions here:

- each worker process holds its own nbgrader API and grades one submission at a time (nbgrader
  is not thread-safe; processes also keep one crashing kernel from taking others down);
- the parent prints one line per finished submission (``autograde lesson student: result
  [n/N, elapsed, ~time left]``), then a table of graded / needs manual grading /
  failed (with the reason);
- every graded submission is recorded in a journal (``autograde-journal.tsv`` beside the
  gradebook) with its submission time stamp: an interrupted run, started again, grades only what
  is not recorded, or was resubmitted since. ``force`` regrades everything.

The gradebook takes concurrent writers: SQLite waits for its lock (``timeout`` in the URL, set in
nbgrader_config.py), PostgreSQL is made for it (tests/test_postgres.py).
"""

from __future__ import annotations

import multiprocessing
import re
import time
from dataclasses import dataclass
from pathlib import Path

# How long a reason may be in the summary table.
REASON_WIDTH = 160
KERNEL_DIED = (
    "the kernel died: it crashed, exited, hit a sandbox limit (memory, CPU time, processes) "
    "or ignored an interrupt"
)


@dataclass(frozen=True)
class Outcome:
    lesson: str
    student: str
    status: str  # "graded", "needs manual grading" or "failed"
    score: float | None = None
    max_score: float | None = None
    waiting: tuple[str, ...] = ()
    reason: str = ""
    seconds: float = 0.0
    note: str = ""  # what the instructor should look at even if grading went through


def clock(seconds: float) -> str:
    """Minutes and seconds.

    >>> clock(75.4), clock(3725)
    ('1:15', '62:05')
    """
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


EXCEPTION_LINE = re.compile(r"^\s*([\w.]+(?:Error|Exception|Exit)):\s*(.*)$")


def reason_of(result: dict) -> str:
    r"""Why nbgrader could not grade a submission, in words: the last exception in its log.

    >>> reason_of({"log": "[ERROR] x\n    nbclient.exceptions.DeadKernelError: Kernel died\n"})[:16]
    'the kernel died:'
    >>> reason_of({"log": "  nbformat.reader.NotJSONError: Notebook does not appear to be JSON"})
    'the notebook is not valid JSON (it cannot be opened): Notebook does not appear to be JSON'
    """
    text = "\n".join(str(result.get(key) or "") for key in ("log", "error"))
    found = [
        match.groups()
        for line in text.splitlines()
        if (match := EXCEPTION_LINE.match(line)) and "NbGraderException" not in match[1]
    ]
    if not found:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return (lines[-1] if lines else "no log")[:REASON_WIDTH]
    name, message = found[-1]
    if name.endswith(("DeadKernelError", "UnresponsiveKernelError")):
        return KERNEL_DIED
    if name.endswith("NotJSONError"):
        return f"the notebook is not valid JSON (it cannot be opened): {message}"[:REASON_WIDTH]
    return f"{name.rsplit('.', 1)[-1]}: {message}"[:REASON_WIDTH]


# --- the journal: what is graded, so that a run resumes ----------------------------------------


def journal_path(api) -> Path:
    return Path(api.coursedir.submitted_directory).parent / "autograde-journal.tsv"


def submitted_stamp(api, lesson: str, student: str) -> str:
    folder = Path(api.coursedir.format_path(api.coursedir.submitted_directory, student, lesson))
    stamp = folder / "timestamp.txt"
    return stamp.read_text(encoding="utf-8").strip() if stamp.exists() else ""


JOURNAL_FIELDS = ("lesson", "student", "stamp", "status", "reason", "note")


def journal(api) -> dict[tuple[str, str], dict]:
    """The last journal entry of each (lesson, student)."""
    path = journal_path(api)
    if not path.exists():
        return {}
    entries = {}
    for text in path.read_text(encoding="utf-8").splitlines():
        fields = text.split("\t")
        if len(fields) == len(JOURNAL_FIELDS):
            entry = dict(zip(JOURNAL_FIELDS, fields, strict=True))
            entries[entry["lesson"], entry["student"]] = entry
    return entries


def record(api, outcome: Outcome) -> None:
    """One line per finished submission, appended in one write (a run may stop at any point)."""
    stamp = submitted_stamp(api, outcome.lesson, outcome.student)
    fields = (
        outcome.lesson,
        outcome.student,
        stamp,
        outcome.status,
        " ".join(outcome.reason.split()),  # one line, no tabs
        " ".join(outcome.note.split()),
    )
    with journal_path(api).open("a", encoding="utf-8") as handle:
        handle.write("\t".join(fields) + "\n")


def already_graded(api, jobs, entries) -> list[tuple[str, str]]:
    """Jobs graded (not failed) in an earlier run, for the very submission now in submitted/."""
    found = []
    for lesson, student in jobs:
        entry = entries.get((lesson, student))
        autograded = api.coursedir.format_path(api.coursedir.autograded_directory, student, lesson)
        if (
            entry
            and entry["status"] != "failed"
            and entry["stamp"] == submitted_stamp(api, lesson, student)
            and Path(autograded).is_dir()
        ):
            found.append((lesson, student))
    return found


# A file this large in a submission is named in the report (nbgrader copies it to grade).
LARGE_FILE = 20 * 2**20


def inspect(api, lesson: str, student: str, expected: list[str]) -> str:
    """What the report should say about a submission folder before it is graded: a lesson
    notebook missing (and what is there instead), or a very large file."""
    folder = Path(api.coursedir.format_path(api.coursedir.submitted_directory, student, lesson))
    notes = []
    present = sorted(p.name for p in folder.glob("*.ipynb"))
    missing = [name for name in expected if name not in present]
    if missing:
        others = [name for name in present if name not in expected]
        found = f"; found {', '.join(others)} instead" if others else ""
        notes.append(f"notebook {', '.join(missing)} missing{found}")
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.stat().st_size > LARGE_FILE:
            size = path.stat().st_size / 2**20
            notes.append(f"{path.relative_to(folder)} is {size:.0f} MB")
    return "; ".join(notes)


# --- the workers ------------------------------------------------------------------------------

_api = None
_engines: dict = {}


def share_engines() -> None:
    """One SQLAlchemy engine per database in this process, for every gradebook nbgrader opens.

    nbgrader opens the gradebook a dozen times per submission, each time with an engine of its
    own, whose statement cache starts empty: compiling the same queries again cost more than
    half a second per submission (benchmarks/bench_autograde.py). Closing a gradebook still
    returns its connections (``dispose`` empties the pool, the engine and its cache stay).
    """
    import nbgrader.api
    import sqlalchemy

    def shared_engine(url, **options):
        key = (str(url), tuple(sorted(options.items())))
        if key not in _engines:
            _engines[key] = sqlalchemy.create_engine(url, **options)
        return _engines[key]

    nbgrader.api.create_engine = shared_engine


def _start_worker() -> None:
    global _api
    from nbgrader_api import course_api  # in the worker: nbgrader's start-up is paid here

    share_engines()
    _api = course_api()


def grade_one(job: tuple[str, str, str]) -> Outcome:
    """Grade one submission with this process's API; never raises."""
    from feedback_gate import ungraded_answers

    lesson, student, note = job
    start = time.perf_counter()
    try:
        result = _api.autograde(lesson, student, force=True, create=True)
        if not result["success"]:
            # nbgrader removes the failed copy; without this the gradebook would show 0.
            return Outcome(lesson, student, "failed", reason=reason_of(result),
                           seconds=time.perf_counter() - start, note=note)  # fmt: skip
        with _api.gradebook as gradebook:
            waiting = tuple(ungraded_answers(gradebook, lesson, student))
            submission = gradebook.find_submission(lesson, student)
            score, max_score = submission.score, submission.max_score
    except Exception as error:  # one broken submission must not stop the class
        reason = f"{type(error).__name__}: {error}"[:REASON_WIDTH]
        return Outcome(lesson, student, "failed", reason=reason, note=note)
    status = "needs manual grading" if waiting else "graded"
    return Outcome(lesson, student, status, score, max_score, waiting,
                   seconds=time.perf_counter() - start, note=note)  # fmt: skip


def prepare(api, jobs) -> None:
    """Create the gradebook and its students once, here: workers racing to add the same
    student would collide."""
    with api.gradebook as gradebook:
        for student in sorted({job[1] for job in jobs}):
            gradebook.update_or_create_student(student)


def run(api, jobs: list[tuple[str, str]], workers: int = 1, force: bool = False, out=print):
    """Grade ``jobs``; print progress and a summary; return the outcomes of this run."""
    share_engines()
    done = set() if force else set(already_graded(api, jobs, journal(api)))
    todo = [job for job in jobs if job not in done]
    if done:
        out(f"autograde: {len(done)} already graded (resumed; FORCE=1 regrades), {len(todo)} to go")
    prepare(api, todo)
    with api.gradebook as gradebook:
        expected = {
            lesson: [f"{n.name}.ipynb" for n in gradebook.find_assignment(lesson).notebooks]
            for lesson in {lesson for lesson, _ in todo}
        }
    todo = [(lesson, student, inspect(api, lesson, student, expected[lesson]))
            for lesson, student in todo]  # fmt: skip
    outcomes, start = [], time.perf_counter()
    for outcome in each(grade_one, todo, api, workers, ordered=False):
        outcomes.append(outcome)
        record(api, outcome)
        elapsed = time.perf_counter() - start
        left = elapsed / len(outcomes) * (len(todo) - len(outcomes))
        out(f"{line(outcome)}  [{len(outcomes)}/{len(todo)}, {clock(elapsed)} elapsed,"
            f" ~{clock(left)} left]")  # fmt: skip
    return outcomes, sorted(done)


def each(function, jobs: list, api, workers: int = 1, ordered: bool = True):
    """``function(job)`` for each job, in ``workers`` processes that each hold their own API
    (``worker_api()``), or here with ``api`` for one worker or one job; results as they come
    (in the jobs' order if ``ordered``)."""
    global _api
    if workers < 2 or len(jobs) < 2:
        _api = api
        yield from map(function, jobs)
        return
    context = multiprocessing.get_context("spawn")  # nothing of the parent's state is shared
    pool = context.Pool(min(workers, len(jobs)), initializer=_start_worker)
    try:
        yield from (pool.imap if ordered else pool.imap_unordered)(function, jobs)
    finally:
        pool.terminate()
        pool.join()


def worker_api():
    """The API of this process's worker (``each``)."""
    return _api


def line(outcome: Outcome) -> str:
    where = f"autograde {outcome.lesson} {outcome.student}"
    if outcome.status == "failed":
        return f"{where}: FAILED ({outcome.reason})"
    note = f", waits for a grader: {', '.join(outcome.waiting)}" if outcome.waiting else ""
    note += f" (flagged: {outcome.note})" if outcome.note else ""
    score, max_score = round(outcome.score, 2), round(outcome.max_score, 2)
    return f"{where}: {score:g} points so far (of {max_score:g}){note}"


def summary(outcomes: list[Outcome], resumed: int) -> str:
    """The table an instructor reads at the end of a run."""
    counts = {s: sum(o.status == s for o in outcomes) for s in ("graded", "needs manual grading")}
    failed = [o for o in outcomes if o.status == "failed"]
    rows = [  # "fully graded": the closing line counts every autograded submission
        ("fully graded", counts["graded"]),
        ("needs manual grading", counts["needs manual grading"]),
        ("failed", len(failed)),
    ]
    if resumed:
        rows.append(("graded in an earlier run", resumed))
    text = ["", f"{'status':<26}{'submissions':>11}", *(f"{s:<26}{n:>11}" for s, n in rows)]
    if failed:
        text += ["", "failed (their score is NOT zero: fix or grade by hand, then run again):"]
        text += [
            f"  {o.lesson} {o.student}: {o.reason}" + (f" ({o.note})" if o.note else "")
            for o in failed
        ]
    flagged = [o for o in outcomes if o.note and o.status != "failed"]
    if flagged:
        text += ["", "graded, but look at them:"]
        text += [f"  {o.lesson} {o.student}: {o.note}" for o in flagged]
    return "\n".join(text)
