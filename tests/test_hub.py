"""The course on a real multi-user JupyterHub, end to end in Debian's Chromium.

A JupyterHub (PyPI) with configurable-http-proxy (npm, `make proxy`) runs on 127.0.0.1 as root,
with PAM login for real Unix accounts made here: an instructor, a second grader and three
students. The hub is set up exactly as the TLJH plugin sets one up (deploy/tljh/tljh_qualkit.py:
nbgrader's documented JupyterHub integration, a shared exchange, the course's formgrader as a
hub service under the grader account, JupyterHubAuthPlugin). Each person logs in on the hub's
login page. The instructor releases lesson 00 from Formgrader; the students fetch it, answer
(fully, partly, or by probing for the key), validate and submit; the instructor collects and
autogrades (each kernel in the grading sandbox, through the privileged helper the plugin
installs: the grader account is not root), the two graders mark the written answers, feedback
is released, and each student fetches her own. Then the file system is checked as the
students. Everything is removed afterwards.
Screenshots: test-output/hub/.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pwd
import re
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, solved_source
from hub_ui import (
    LONG,
    accept_dialog,
    answer_code,
    answer_markdown,
    fetch,
    fetch_feedback,
    open_assignment_list,
    open_notebook,
    save,
    submit,
    validate,
)
from lab_server import CHROMIUM_ARGS, chromium, free_port

sys.path.insert(0, str(REPO / "deploy" / "tljh"))
sys.path.insert(1, str(REPO / "datasets"))  # the generator: her group, as the grader makes it
import tljh_qualkit

# One test: its Unix accounts are the machine's, so no second copy may run beside it (pytest-xdist
# would put two tests of this module on two workers).
pytestmark = [pytest.mark.hub, pytest.mark.xdist_group("hub")]
LESSON = "00-orientation"
# `make hub-env`: an environment every account can run (see the Makefile), and the proxy.
VENV = Path(os.environ.get("QUALKIT_HUB_ENV", REPO / ".venv" / "hub"))
CHP = REPO / ".venv" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
SHOTS = REPO / "test-output" / "hub"
INSTRUCTOR, GRADER2 = "qk-teacher", "qk-grader2"
STUDENTS = ("qk-ana", "qk-bea", "qk-cleo")  # answers: full, partial, a probe for the key
WRITTEN = {
    "qk-ana": "The woman with OUD had a positive drug test; her baby is treated for NOWS.",
    "qk-bea": "The woman tested positive.",
}
MANUAL = {"qk-ana": 5, "qk-bea": 2}  # what the graders give the written answers
# autograded + by hand; cleo's probe earns the code's points only if it found no course file
AUTO = 1  # lesson 00's autograded points (tests/lessons/00-orientation/case.py), all a solution's
EXPECTED = {"qk-ana": AUTO + 5, "qk-bea": 0 + 2, "qk-cleo": AUTO}


def solution_code() -> str:
    source = nbformat.read(REPO / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    cell = next(c for c in source.cells if c.metadata["nbgrader"].get("grade_id") == "answer_0_1")
    return solved_source(cell.source)


# Run while Formgrader autogrades: it looks for the key and the lesson source (the grader's,
# which a kernel running as the grader account could read: os.stat is not refused by the
# in-kernel guard), prints what it found, and answers right only if it found neither.
PROBE = """
import os
found = []
for name, path in (("key", {key!r}), ("source", {source!r})):
    there = os.path.exists(path)
    try:
        with open(path, "rb") as handle:
            read = bool(handle.read(1))
    except Exception:
        read = False
    print(f"PROBE {{name}}: exists={{there}} read={{read}}")
    found += [name] if there or read else []
print("PROBE uid", os.getuid())
"""


def probe_code(settings) -> str:
    course = settings.course_root
    probe = PROBE.format(key=str(course / "datasets" / "key" / "key.json"),
                         source=str(course / "lessons" / LESSON / f"{LESSON}.ipynb"))  # fmt: skip
    answer = solution_code().replace("\n", "\n    ")
    return f"{probe}\nif not found:\n    {answer}\nelse:\n    answer_0_1 = {{}}\n"


CODE = {
    "qk-ana": solution_code(),
    "qk-bea": 'answer_0_1 = {"pss": 1, "doula": 1, "home_visiting": 1}',  # right form only
    "qk-cleo": None,  # the probe, written for the hub's course folder (probe_code)
}


@dataclass(frozen=True)
class Hub:
    url: str
    settings: tljh_qualkit.Settings
    passwords: dict
    root: Path

    @property
    def formgrader(self) -> str:
        return f"{self.url}/services/{self.settings.course}/formgrader"


def as_user(user: str, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True, text=True)


def kill_processes(name: str) -> None:
    """What the hub started for this account (its server, kernels, the grader's service)."""
    pids = subprocess.run(["ps", "-u", name, "-o", "pid="], capture_output=True, text=True)
    for pid in pids.stdout.split():
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), 9)


def remove_account(name: str) -> None:
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        return
    kill_processes(name)
    subprocess.run(["userdel", "--remove", name], capture_output=True)
    shutil.rmtree(account.pw_dir, ignore_errors=True)


PAM = """\
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = set({users!r})"""
HUB_CONFIG = """\
import sys
sys.path.insert(0, {plugin!r})
from pathlib import Path
import tljh_qualkit

c = get_config()  # noqa: F821
settings = tljh_qualkit.Settings(
    repo=Path({repo!r}), graders={graders!r}, students={students!r},
    exchange=Path({exchange!r}), service_port={service_port},
    practice_groups=Path({groups!r}),
    sandbox_helper=Path({helper!r}), sandbox_python=Path({python!r}), lti={lti!r},
)
environment = {{"JUPYTER_CONFIG_PATH": {config_dir!r}, "PATH": {path!r}}}
tljh_qualkit.configure_hub(c, settings, [{singleuser!r}], environment)
c.JupyterHub.bind_url = {url!r}
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{state}/jupyterhub.pid"
{auth}
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{**environment, **c.Spawner.environment}}  # + the practice groups
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
"""


@pytest.fixture(scope="module")
def hub():
    with running_hub((INSTRUCTOR, GRADER2, *STUDENTS), (INSTRUCTOR, GRADER2), STUDENTS) as started:
        yield started


HUB_LOCK = Path("/srv/qualkit-hub.lock")


@contextlib.contextmanager
def running_hub(*args, **kwargs):
    """One hub at a time on a machine (the hub and LTI tests, on two test workers, or two
    checkouts): hubs share the grader's Unix account, which each one's setup clears first."""
    import fcntl

    if os.geteuid() != 0:
        pytest.skip("the hub test makes Unix accounts: run it as root")
    with open(HUB_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even on a crash
        with _running_hub(*args, **kwargs) as hub:
            yield hub


@contextlib.contextmanager
def _running_hub(users, graders, students, lti: dict | None = None, before_start=None,
                 shots: Path = SHOTS):  # fmt: skip
    """A real JupyterHub set up by the TLJH plugin, with a Unix account for each of ``users``:
    PAM login (passwords in ``Hub.passwords``), or with ``lti`` the hub entered from an LMS
    (qualkit_lti.py). ``before_start(url)`` is told the hub's address before it starts."""
    if os.geteuid() != 0:
        pytest.skip("the hub test makes Unix accounts: run it as root")
    for needed in (CHP, VENV / "bin" / "jupyterhub", Path(shutil.which("sudo") or "/no/sudo")):
        if not needed.exists():
            pytest.skip(f"{needed} is missing: make hub-env")
    stale = stale_hub_env()
    if stale:  # the hub runs qualkit as installed in its environment, not from src/
        pytest.fail(f"{stale} changed after the hub environment was made: run make hub-env")
    chromium()
    root = Path(tempfile.mkdtemp(prefix="qualkit-hub-", dir="/srv"))
    root.chmod(0o755)
    opened = open_the_way(VENV, CHP)  # a checkout in a private folder (mktemp -d), say
    settings = tljh_qualkit.Settings(
        repo=REPO,
        graders=tuple(graders),
        students=tuple(students),
        exchange=root / "exchange",
        service_port=free_port(),
        # A group for each student by default: the plugin makes the course secret where the
        # grader's commands find it unnamed, and publishes each student's group on install.
        practice_groups=root / "practice-groups",
        # The grading sandbox's privileged helper, where this test removes it afterwards.
        sandbox_helper=root / "sbin" / "qualkit-grading-sandbox",
        sandbox_launcher=root / "lib" / "qualkit-grading-sandbox",
        sandbox_sudoers=Path("/etc/sudoers.d") / f"qualkit-hub-test-{root.name.rsplit('-', 1)[1]}",
        sandbox_python=VENV / "bin" / "python",
        lti=lti or {},
    )
    for name in (*users, settings.grader):
        remove_account(name)  # left over from an interrupted run
    passwords = {name: secrets.token_urlsafe(12) for name in users}
    hub_process = None
    try:
        for name in users:
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
            subprocess.run(["chpasswd"], input=f"{name}:{passwords[name]}\n", text=True, check=True)
            tljh_qualkit.tljh_new_user_create(name)  # as TLJH calls it for a new account
        config_dir = root / "etc" / "jupyter"
        tljh_qualkit.install_course(settings, config_dir)
        assert oct(settings.secret_file.stat().st_mode)[-3:] == "600"
        assert settings.secret_file.stat().st_uid == pwd.getpwnam(settings.grader).pw_uid
        if students:  # an LMS's students arrive at their first launch
            # The plugin published each student's group; the grader finds the secret unnamed.
            listed = grader_runs(settings, str(settings.course_root / "autograde" /
                                               "practice_groups.py"), "list", *settings.students)  # fmt: skip
            assert listed.stdout.count("published: yes, current") == len(settings.students), (
                listed.stdout + listed.stderr
            )
        state = root / "hub"
        state.mkdir()
        url = f"http://127.0.0.1:{free_port()}"
        if before_start:
            before_start(url)
        (state / "jupyterhub_config.py").write_text(
            HUB_CONFIG.format(
                plugin=str(REPO / "deploy" / "tljh"),
                repo=str(REPO),
                graders=settings.graders,
                students=settings.students,
                exchange=str(settings.exchange),
                service_port=settings.service_port,
                groups=str(settings.practice_groups),
                helper=str(settings.sandbox_helper),
                python=str(settings.sandbox_python),
                lti=settings.lti,
                config_dir=str(config_dir),
                path=f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
                singleuser=str(VENV / "bin" / "jupyterhub-singleuser"),
                url=url,
                hub_port=free_port(),
                proxy_port=free_port(),
                chp=str(CHP),
                state=state,
                auth="" if lti else PAM.format(users=list(users)),
            )
        )
        shots.mkdir(parents=True, exist_ok=True)
        log = (shots / "jupyterhub.log").open("w")
        env = {"PATH": f"{VENV / 'bin'}:/usr/bin:/bin", "LANG": "C.UTF-8"}
        hub_process = subprocess.Popen(
            [str(VENV / "bin" / "jupyterhub"), "-f", str(state / "jupyterhub_config.py")],
            cwd=state,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/hub/health", timeout=3)
                break
            except OSError:
                if hub_process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        "JupyterHub did not start:\n"
                        + (shots / "jupyterhub.log").read_text()[-4000:]
                    )
                time.sleep(0.5)
        yield Hub(url, settings, passwords, root)
    finally:
        # The accounts' processes go first, so the hub has nothing left to stop: in a busy run
        # the grader's service ignored the hub's interrupt and held its shutdown half a minute.
        for name in (*users, settings.grader):
            kill_processes(name)
        if hub_process is not None:
            hub_process.terminate()
            try:
                hub_process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                hub_process.kill()
        # A hub that died while starting leaves its proxy running: the pid file names it.
        proxy_pid = root / "hub" / "jupyterhub-proxy.pid"
        if proxy_pid.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(proxy_pid.read_text().strip()), 15)
        for name in (*users, settings.grader):
            remove_account(name)
        settings.sandbox_sudoers.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)
        for folder, mode in opened:
            folder.chmod(mode)


def stale_hub_env() -> Path | None:
    """A file the hub environment's qualkit wheel is made from that is newer than the wheel
    (make hub-env refreshes it; `make test` does so first), or None."""
    stamp = VENV / ".installed"
    if not stamp.exists() or "QUALKIT_HUB_ENV" in os.environ:
        return None
    made = stamp.stat().st_mtime
    sources = (*(REPO / "src").rglob("*"), *(REPO / "datasets" / "corpus").rglob("*"))
    return next((p for p in sources if p.is_file() and p.suffix != ".pyc"
                 and p.stat().st_mtime > made), None)  # fmt: skip


def open_the_way(*paths: Path) -> list[tuple[Path, int]]:
    """Let every account pass through the folders above ``paths`` (the hub runs the hub
    environment as each user, as TLJH runs /opt/tljh/user): add search permission, and only
    that, where it is missing. Returns the folders changed with their modes, to put back."""
    changed = []
    for path in paths:
        for folder in path.resolve().parents:
            mode = stat.S_IMODE(folder.stat().st_mode)
            if not mode & stat.S_IXOTH and all(f != folder for f, _ in changed):
                changed.append((folder, mode))
                folder.chmod(mode | stat.S_IXOTH)
    return changed


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def login(browser, hub: Hub, user: str):
    """A fresh browser session, logged in on the hub's login page."""
    from playwright.sync_api import expect

    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    page.set_default_timeout(LONG)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.passwords[user])
    page.click("#login_submit")
    expect(page).not_to_have_url(re.compile(r"/hub/login"), timeout=LONG)
    return page


def formgrader_action(page, lesson: str, glyph: str) -> str:
    """Click a Manage Assignments button (by its icon); returns the result dialog's text."""
    from playwright.sync_api import expect

    row = page.locator("tr", has_text=lesson).first
    row.locator(f".glyphicon-{glyph}").click()
    modal = page.locator("#success-modal, #error-modal").first
    expect(modal).to_be_visible(timeout=LONG)
    text = modal.inner_text()
    modal.get_by_role("button", name=re.compile("Close|OK", re.I)).first.click()
    expect(page.locator(".modal-backdrop")).to_have_count(0)
    return text


def went_well(dialog: str) -> bool:
    """A Formgrader action's dialog reports no error: nbgrader's log marks one ``[error]`` (the
    word alone may be a cell's name, such as lesson 00's primer_error)."""
    text = dialog.lower()
    return "[error]" not in text and "traceback" not in text


def grade_written_answer(page, hub: Hub, student: str, score: int) -> None:
    """In Formgrader: open the student's notebook and give the written answer a score."""
    from playwright.sync_api import expect

    page.goto(f"{hub.formgrader}/manage_students/{student}/{LESSON}")
    page.locator("td a", has_text=LESSON).first.click()
    # Formgrader loads the grades after the page: the box is ready once marked as waiting.
    box = page.locator("input.score.needs_manual_grade").first
    expect(box).to_be_visible()
    with page.expect_response(
        lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT", timeout=LONG
    ) as saved:
        box.click()
        page.keyboard.type(str(score))
        page.keyboard.press("Tab")  # Formgrader saves a score when the box loses focus
    assert saved.value.ok, saved.value.status


def test_course_cycle_on_a_real_hub(hub, browser):
    from playwright.sync_api import expect

    # 1. The instructor releases lesson 00 from Formgrader (a hub service, via the hub's login).
    teacher = login(browser, hub, INSTRUCTOR)
    teacher.goto(f"{hub.formgrader}/manage_assignments")
    expect(teacher.locator("tr", has_text=LESSON).first).to_be_visible(timeout=LONG)
    assert went_well(formgrader_action(teacher, LESSON, "education"))  # Generate
    formgrader_action(teacher, LESSON, "cloud-upload")  # Release
    expect(teacher.locator("tr", has_text=LESSON).first).to_contain_text("released")
    teacher.screenshot(path=str(SHOTS / "1-formgrader-released.png"))

    # 2. Each student fetches, answers, validates and submits in her own server.
    code = {**CODE, "qk-cleo": probe_code(hub.settings)}
    students = {}
    for student in STUDENTS:
        page = students[student] = login(browser, hub, student)
        lab = f"{hub.url}/user/{student}/lab"
        open_assignment_list(page, lab)
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        expect(page.locator(".lm-Menu-itemLabel", has_text="Formgrader")).to_have_count(0)
        page.keyboard.press("Escape")
        fetch(page, LESSON)
        # path_includes_course: nbgrader fetches into <course>/<lesson> on a hub
        open_notebook(page, lab, f"{hub.settings.course}/{LESSON}/{LESSON}.ipynb")
        answer_code(page, "which sessions count?", code[student])  # the skeleton's comment
        if student in WRITTEN:
            answer_markdown(page, "YOUR ANSWER HERE", WRITTEN[student])
        save(page)
        verdict = validate(page)  # cleo's probe finds nothing of the grader's in her server
        if student in WRITTEN:
            assert "Success" in verdict, f"{student}: {verdict}"
        else:  # her code passes; only the written answer she left blank is named
            assert "The following cell failed:" in verdict, f"{student}: {verdict}"
            assert "You did not provide a response" in verdict, f"{student}: {verdict}"
        page.screenshot(path=str(SHOTS / f"2-{student}-validated.png"))
        open_assignment_list(page, lab)
        submit(page, LESSON)
    students[STUDENTS[0]].screenshot(path=str(SHOTS / "2-submitted.png"))

    # 3. Collect and autograde in Formgrader; the graders mark the written answers.
    teacher.goto(f"{hub.formgrader}/manage_assignments")
    assert went_well(formgrader_action(teacher, LESSON, "cloud-download"))  # Collect
    teacher.goto(f"{hub.formgrader}/manage_submissions/{LESSON}")
    for student in STUDENTS:
        row = teacher.locator("tr", has_text=student).first
        row.locator(".glyphicon-flash").click()  # Autograde
        modal = teacher.locator("#success-modal, #error-modal").first
        expect(modal).to_be_visible(timeout=LONG)
        assert modal.get_attribute("id") == "success-modal", modal.inner_text()
        modal.get_by_role("button", name=re.compile("Close|OK", re.I)).first.click()
        expect(teacher.locator(".modal-backdrop")).to_have_count(0)
    teacher.reload()
    for student in STUDENTS[:2]:
        expect(teacher.locator("tr", has_text=student).first).to_contain_text(
            "needs manual grading"
        )
    teacher.screenshot(path=str(SHOTS / "3-autograded.png"))
    check_formgrader_kernels_were_sandboxed(hub)
    grade_written_answer(teacher, hub, "qk-ana", MANUAL["qk-ana"])
    teacher.screenshot(path=str(SHOTS / "3-graded-by-instructor.png"))

    # Feedback before bea's answer is marked: held back and named, not a silent 0.
    teacher.goto(f"{hub.formgrader}/manage_assignments")
    held = formgrader_action(teacher, LESSON, "comment")  # Generate Feedback
    assert "qk-bea: held back, not graded yet: language_rewrite" in held, held

    grader2 = login(browser, hub, GRADER2)  # the second grader, same course, same formgrader
    grade_written_answer(grader2, hub, "qk-bea", MANUAL["qk-bea"])
    grader2.screenshot(path=str(SHOTS / "3-graded-by-second-grader.png"))

    teacher.goto(f"{hub.formgrader}/manage_assignments")
    done = formgrader_action(teacher, LESSON, "comment")
    assert "held back" not in done, done
    formgrader_action(teacher, LESSON, "envelope")  # Release Feedback
    teacher.screenshot(path=str(SHOTS / "4-feedback-released.png"))

    # 4. Each student fetches her feedback and sees her own score, nothing of the key.
    for student, page in students.items():
        open_assignment_list(page, f"{hub.url}/user/{student}/lab")
        fetch_feedback(page, LESSON)
        home = Path(pwd.getpwnam(student).pw_dir)
        fetched = home / hub.settings.course / LESSON
        feedback = next((fetched / "feedback").glob(f"*/{LESSON}.html"))
        html = feedback.read_text()
        assert f"Score: {EXPECTED[student]:.1f} / 10.0" in html, student
        for other in set(STUDENTS) - {student}:
            assert other not in html and WRITTEN.get(other, "@@") not in html
        assert "HIDDEN TESTS" not in html and "_expected" not in html
        assert "Rubric (6 points" not in html and "BEGIN SOLUTION" not in html
        # What she reads in her browser, from her own server:
        page.goto(f"{hub.url}/user/{student}/files/{feedback.relative_to(home)}")
        expect(page.locator("body")).to_contain_text(f"Score: {EXPECTED[student]:.1f} / 10.0")
        page.screenshot(path=str(SHOTS / f"5-{student}-feedback.png"))

    # 5. The file system, with every submission and feedback in place.
    check_students_cannot_read_each_other_or_the_course(hub)


def check_formgrader_kernels_were_sandboxed(hub):
    """Formgrader's Autograde (the grader account, not root) ran cleo's probe in the grading
    sandbox: as a user of its own, with the course's key and sources out of sight; its stderr
    went to its log, the grader's; its working copy came back to the grader."""
    sys.path.insert(0, str(REPO / "autograde"))
    import sandbox

    grader = pwd.getpwnam(hub.settings.grader).pw_uid
    work = hub.settings.course_root / "build" / "autograded" / "qk-cleo" / LESSON
    nb = nbformat.read(work / f"{LESSON}.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "PROBE key: exists=False read=False" in printed, printed
    assert "PROBE source: exists=False read=False" in printed, printed
    assert int(printed.split("PROBE uid ", 1)[1].split()[0]) > sandbox.FIRST_UID, printed
    logs = hub.settings.course_root / "build" / "kernel-logs" / "qk-cleo" / LESSON
    assert (logs / f"{LESSON}.stderr.log").stat().st_uid == grader
    owners = {p.lstat().st_uid for p in [work, *work.rglob("*")]}
    assert owners == {grader}, "the working copy went back to the grader"


def check_students_cannot_read_each_other_or_the_course(hub):
    """As a student on the hub's machine (a terminal would do the same), after the cycle."""
    exchange = hub.settings.exchange / hub.settings.course
    course = hub.settings.course_root
    forbidden = [
        ("cat", str(course / "lessons" / LESSON / f"{LESSON}.ipynb")),  # solutions, hidden tests
        ("ls", str(course / "build")),  # gradebook, submissions
        ("ls", "/home/qk-ana"),  # another student's work
        ("ls", str(exchange / "inbound")),  # everyone's submissions
        ("ls", str(exchange / "feedback")),  # everyone's feedback
    ]
    for command in forbidden:
        result = as_user("qk-bea", *command)
        assert result.returncode != 0 and "Permission denied" in result.stderr, command
    # The checks can fail: what a student may read, she reads.
    released = exchange / "outbound" / LESSON / f"{LESSON}.ipynb"
    assert as_user("qk-bea", "cat", str(released)).returncode == 0
    assert as_user("qk-bea", "ls", "/home/qk-bea").returncode == 0


# --- A practice focus group for each student (issue 15) ---------------------------------------

PRACTICE_LESSONS = (
    "03-codebook-and-coding",
    "04-intercoder-agreement",
    "05-categories-themes-saturation",
    "06-comparing-support-models",
)
MY_GROUP = """
import hashlib
import qualkit

_mine = qualkit.load_corpus()
print("MY PRACTICE GROUP", _mine.practice_of, hashlib.sha256(
    "".join(t.text for t in _mine.transcripts("practice")).encode()).hexdigest()[:16])
"""


def grader_runs(settings, *command: str, **extra_env: str) -> subprocess.CompletedProcess:
    """A course command as the grader account, with the hub's groups folder: the course secret
    it finds by default (nothing names it)."""
    env = {
        **extra_env,
        "PATH": f"{VENV / 'bin'}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QUALKIT_PRACTICE_GROUPS": str(settings.practice_groups),
    }
    return subprocess.run(
        [shutil.which("runuser") or "/usr/sbin/runuser", "-u", settings.grader, "--",
         str(VENV / "bin" / "python"), *command],
        capture_output=True, text=True, env=env, cwd=settings.course_root,
    )  # fmt: skip


def expected_group(settings, student: str) -> str:
    """Her group's digest, regenerated here from the course secret (as the grader does)."""
    from generator.per_student import read_secret, student_group

    made = student_group(read_secret(settings.secret_file), student)
    texts = [made.files[f"transcripts/{s}.txt"] for s in ("PSS-FG5", "DOULA-FG5", "HV-FG5")]
    return hashlib.sha256("".join(texts).encode()).hexdigest()[:16]


def filled_lessons(settings, student: str) -> dict[str, tuple[dict, dict]]:
    """Her answers to lessons 03-06 (the lessons' solutions) and the files she hands in; in
    lesson 03, her own group coded as its key codes it (what the coding tool saves)."""
    from dataclasses import replace

    from generator.per_student import read_secret, student_group
    from test_lesson_pipeline import case, solutions

    from qualkit.codebook import read_codebook
    from qualkit.codings import Codings, format_codings

    book = read_codebook(REPO / "datasets" / "corpus" / "codebook.json").names
    made = student_group(read_secret(settings.secret_file), student)
    mine = [replace(c, coder=student) for c in made.key
            if c.session_id == "PSS-FG5" and c.code in book]  # fmt: skip
    filled = {}
    for lesson in PRACTICE_LESSONS:
        answers = dict(solutions(lesson))
        files = dict(getattr(case(lesson), "files", lambda s: {})("solution"))
        if lesson == "03-codebook-and-coding":
            answers["answer_3_2"] = f"answer_3_2 = {{'coder': {student!r}, 'session': 'PSS-FG5'}}\n"
            files = {f"{student}.codings.json": format_codings(Codings(tuple(mine)))}
        if lesson == "04-intercoder-agreement":
            # Her lesson-03 coding, as bring_coding copies it, and the key of her own group as
            # lesson 03's feedback shows it (bring_second_coding's copy): her own study.
            from qualkit.second_coder import feedback_lines, read_feedback

            _, second = read_feedback("\n".join(feedback_lines(mine, "PSS-FG5")))
            files = {
                f"{student}.codings.json": format_codings(Codings(tuple(mine))),
                "second-coder.json": format_codings(second),
            }
        if lesson in ("05-categories-themes-saturation", "07-trustworthiness-and-reporting"):
            files = {f"{student}.codings.json": format_codings(Codings(tuple(mine)))}  # carried
        if lesson == "06-comparing-support-models":  # her coding carried in, her chart of it
            from qualkit.corpus import load_corpus
            from qualkit.practice import group_folder, use_group

            coding = format_codings(Codings(tuple(mine)))
            charting = case(lesson)  # loaded first: loading reads the shared key, not her group's
            with use_group(student, group_folder(settings.practice_groups, student)):
                chart = charting.chart_file(student, coding, corpus=load_corpus())
            files = {f"{student}.codings.json": coding, f"{student}.chart.json": chart}
        filled[lesson] = (answers, files)
    return filled


def what_the_tests_said(settings, student: str, lesson: str) -> str:
    """The graded test cells of her autograded notebook that did not pass, with what each
    printed or raised: why a score differs, named in the failure."""
    path = settings.course_root / "build" / "autograded" / student / lesson / f"{lesson}.ipynb"
    if not path.exists():
        return f"no autograded notebook at {path}"
    said = []
    for cell in nbformat.read(path, as_version=4).cells:
        grading = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and grading.get("grade") and not grading.get("solution"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" or output.get("name") == "stdout":
                    text = output.get("text") or f"{output.get('ename')}: {output.get('evalue')}"
                    said.append(f"{grading['grade_id']}: {text.strip()[:300]}")
    return "\n".join(said) or "every graded test cell passed"


def write_as(student: str, path: Path, text: str) -> None:
    """A file in her own folder, hers (what her coding tool or editor saves)."""
    account = pwd.getpwnam(student)
    path.write_text(text, encoding="utf-8")
    os.chown(path, account.pw_uid, account.pw_gid)


def test_practice_groups_on_a_real_hub(hub, browser):
    """Lessons 03-06 with a practice group for each student: each loads her own group in her
    server, hands in her coding of it (in 04 with the second coder's file, in 06 with her chart
    of it: issue 21), and the course grades everyone correctly, as Formgrader shows."""
    from nbgrader.api import Gradebook
    from playwright.sync_api import expect
    from test_lesson_pipeline import case

    settings = hub.settings
    teacher = login(browser, hub, INSTRUCTOR)
    teacher.goto(f"{hub.formgrader}/manage_assignments")
    for lesson in PRACTICE_LESSONS:
        expect(teacher.locator("tr", has_text=lesson).first).to_be_visible(timeout=LONG)
        assert went_well(formgrader_action(teacher, lesson, "education"))
        formgrader_action(teacher, lesson, "cloud-upload")

    # Students cannot read the secret; each reads the published groups (text, no codes).
    assert as_user("qk-bea", "cat", str(settings.secret_file)).returncode != 0
    assert as_user("qk-bea", "ls", str(settings.practice_groups / "qk-bea")).returncode == 0

    for student in STUDENTS:
        page = login(browser, hub, student)
        lab = f"{hub.url}/user/{student}/lab"
        open_assignment_list(page, lab)
        for lesson in PRACTICE_LESSONS:
            fetch(page, lesson)
        home = Path(pwd.getpwnam(student).pw_dir) / settings.course
        for lesson, (answers, files) in filled_lessons(settings, student).items():
            path = home / lesson / f"{lesson}.ipynb"
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                cell.source = answers.get(cell.id, cell.source)
            if lesson == "03-codebook-and-coding":  # a cell of her own, first: whose group is it?
                nb.cells.insert(0, nbformat.v4.new_code_cell(MY_GROUP))
            write_as(student, path, nbformat.writes(nb))
            for name, text in files.items():
                write_as(student, home / lesson / name, text)
        # In her own server, her notebook loads her own group (JUPYTERHUB_USER).
        open_notebook(
            page, lab, f"{settings.course}/03-codebook-and-coding/03-codebook-and-coding.ipynb"
        )
        cell, output = page.locator(".jp-CodeCell").first, None
        for attempt in range(3):  # a kernel still connecting may drop the first request
            accept_dialog(page, str(SHOTS / f"6-{student}-dialog-{attempt}.png"))
            cell.locator(".cm-content").click()
            page.keyboard.press("Shift+Enter")
            output = cell.locator(".jp-OutputArea-output")
            with contextlib.suppress(AssertionError):
                expect(output).to_be_attached(timeout=30_000)
                break
        expect(output).to_contain_text(
            f"MY PRACTICE GROUP {student} {expected_group(settings, student)}", timeout=LONG
        )
        page.screenshot(path=str(SHOTS / f"6-{student}-her-practice-group.png"))
        open_assignment_list(page, lab)
        for lesson in PRACTICE_LESSONS:
            submit(page, lesson)
        page.context.close()

    teacher.goto(f"{hub.formgrader}/manage_assignments")
    for lesson in PRACTICE_LESSONS:
        assert went_well(formgrader_action(teacher, lesson, "cloud-download"))
        teacher.goto(f"{hub.formgrader}/manage_submissions/{lesson}")
        for student in STUDENTS:
            teacher.locator("tr", has_text=student).first.locator(".glyphicon-flash").click()
            modal = teacher.locator("#success-modal, #error-modal").first
            expect(modal).to_be_visible(timeout=LONG)
            assert modal.get_attribute("id") == "success-modal", modal.inner_text()
            modal.get_by_role("button", name=re.compile("Close|OK", re.I)).first.click()
            expect(teacher.locator(".modal-backdrop")).to_have_count(0)
        teacher.goto(f"{hub.formgrader}/manage_submissions/{lesson}")  # the scores, loaded
        # What the instructor reads: every autograded point (lesson 06's from her chart file),
        # the written answers still to mark.
        scored = f"{case(lesson).AUTO_POINTS:g} / {case(lesson).TOTAL_POINTS:g}"
        for student in STUDENTS:
            try:
                expect(teacher.locator("tr", has_text=student).first).to_contain_text(scored)
            except AssertionError as error:
                said = what_the_tests_said(settings, student, lesson)
                raise AssertionError(f"{error}\n{said}") from None
        teacher.screenshot(path=str(SHOTS / f"7-{lesson}-autograded.png"))
        teacher.goto(f"{hub.formgrader}/manage_assignments")

    # Graded correctly: every student earns every autograded point, coding accuracy included,
    # each against the key of her own group.
    build = settings.course_root / "build"
    with Gradebook(f"sqlite:///{build / 'gradebook.db'}") as gradebook:
        for lesson in PRACTICE_LESSONS:
            for student in STUDENTS:
                submission = gradebook.find_submission(lesson, student)
                auto = sum(g.auto_score or 0 for n in submission.notebooks for g in n.grades)
                assert auto == case(lesson).AUTO_POINTS, (lesson, student, auto)
    digests = {expected_group(settings, s) for s in STUDENTS}
    assert len(digests) == len(STUDENTS), "each student had a group of her own"
