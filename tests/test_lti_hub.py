"""The course inside the school's LMS, on a real JupyterHub: LTI 1.3 end to end in Chromium.

A local LTI 1.3 platform (tests/lti_platform.py) plays the LMS on loopback; the hub is set up by
the TLJH plugin with its ``lti:`` settings (test_hub.running_hub), so it authenticates through
jupyterhub-ltiauthenticator (deploy/tljh/qualkit_lti.py). The instructor clicks the course link
and lands in Formgrader, her students listed by name, from the LMS's roster (NRPS) too; each
learner clicks lesson 00's link and lands in the lesson, fetched for her. They hand it in; the
course is autograded and marked in Formgrader, ``make feedback`` releases feedback, and the
grades go back to the LMS (AGS): the platform receives exactly grades.csv's fully graded scores
and nothing for the rest. Every bad launch is played against the same hub: refused with a
clear page and a log line, and nothing created. Screenshots: test-output/lti-hub/.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from lti_platform import INSTRUCTOR, LEARNER, LTI, Person, Platform, new_key
from test_hub import (
    LESSON,
    VENV,
    WRITTEN,
    browser,  # noqa: F401 (the module's browser fixture)
    formgrader_action,
    grade_written_answer,
    grader_runs,
    running_hub,
    solution_code,
    went_well,
    write_as,
)

from conftest import REPO
from hub_ui import LONG, open_assignment_list, submit, wait_for_kernel

pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.xdist_group("hub")]
SHOTS = REPO / "test-output" / "lti-hub"
ANA, BEA, CRUZ, INES, EVE = "qk-lti-ana", "qk-lti-bea", "qk-lti-cruz", "qk-lti-ines", "qk-lti-eve"
PEOPLE = (
    Person(ANA, "Ana", "Lopez", (LEARNER,), "ana@example.edu"),
    Person(BEA, "Bea", "Okafor", (LEARNER,), "bea@example.edu"),
    Person(CRUZ, "Cruz", "Diaz", (LEARNER,)),  # never launches: listed from the LMS's roster
    Person(INES, "Ines", "Marsh", (INSTRUCTOR,)),
    Person(EVE, "Eve", "Stone", (LEARNER,)),  # every launch of hers is a bad one
)
ANSWERS = {
    ANA: (solution_code(), WRITTEN["qk-ana"]),
    BEA: ('answer_0_1 = {"pss": 1, "doula": 1, "home_visiting": 1}', WRITTEN["qk-bea"]),
}


@pytest.fixture(scope="module")
def lms_hub():
    found = subprocess.run(
        [str(VENV / "bin" / "python"), "-c", "import qualkit.lesson_link"],
        capture_output=True,
        text=True,
        cwd="/",
        env={"PATH": "/usr/bin:/bin"},
    )
    if found.returncode != 0:  # students' servers would not open lesson links
        pytest.fail(f"{VENV}: its qualkit predates lesson links: make hub-env\n{found.stderr}")
    platform = Platform(people={p.sub: p for p in PEOPLE}).start()
    private = Path(tempfile.mkdtemp(prefix="qualkit-lti-", dir="/srv"))
    private.chmod(0o711)  # the grader reaches its key and records inside, nobody lists it
    key = private / "tool-key.pem"
    key.write_bytes(
        new_key().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key.chmod(0o600)
    lti = {
        **platform.endpoints,
        "private_key_file": str(key),
        "state_dir": str(private / "lti"),
        "context_id": platform.context_id,
        "account_prefix": "",
    }  # this hub's accounts are the hub names (TLJH's: jupyter-<name>)

    def tell_platform(url: str) -> None:  # the tool's addresses, as an admin registers them
        platform.tool_login_url = f"{url}/hub/lti13/oauth_login"
        platform.tool_redirect_urls = (f"{url}/hub/lti13/oauth_callback",)
        platform.tool_jwks_url = f"{url}/hub/lti13/jwks"

    try:
        with running_hub(
            (ANA, BEA, CRUZ, INES, EVE), (), (), lti=lti, before_start=tell_platform, shots=SHOTS
        ) as hub:
            yield hub, platform
    finally:
        platform.stop()
        shutil.rmtree(private, ignore_errors=True)


def hub_users(hub) -> set[str]:
    with contextlib.closing(sqlite3.connect(hub.root / "hub" / "jupyterhub.sqlite")) as db:
        return {name for (name,) in db.execute("select name from users")}


def records(hub) -> set[str]:
    return {p.stem for p in (Path(hub.settings.lti["state_dir"]) / "launches").glob("*.json")}


def log_text() -> str:
    return (SHOTS / "jupyterhub.log").read_text(encoding="utf-8", errors="replace")


def start_login(hub, platform, sub: str) -> tuple[requests.Session, str, str]:
    """The LMS's login initiation, as the browser would post it: the hub answers with its
    authentication request (nonce, state) and its state cookies."""
    session = requests.Session()
    reply = session.post(
        f"{hub.url}/hub/lti13/oauth_login",
        allow_redirects=False,
        data={
            "iss": platform.issuer,
            "login_hint": sub,
            "client_id": platform.client_id,
            "target_link_uri": platform.tool_redirect_urls[0],
            "lti_deployment_id": platform.deployment_id,
        },
    )
    assert reply.status_code == 302, reply.text
    query = parse_qs(urlparse(reply.headers["Location"]).query)
    return session, query["nonce"][0], query["state"][0]


def post_token(hub, session, token: str, state: str) -> requests.Response:
    return session.post(
        f"{hub.url}/hub/lti13/oauth_callback",
        allow_redirects=False,
        data={"id_token": token, "state": state},
    )


def tampered(token: str, **changes) -> str:
    import jwt

    head, body, signature = token.split(".")
    claims = {**json.loads(jwt.utils.base64url_decode(body)), **changes}
    return f"{head}.{jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()}.{signature}"


def bad_launches(platform):
    """(name, how the id token is made from good claims, what the page says, log reason)."""
    return [
        (
            "expired",
            lambda c: platform.mint({**c, "iat": c["iat"] - 900, "exp": c["iat"] - 600}),
            "expired",
            "expired id token",
        ),
        (
            "wrong audience",
            lambda c: platform.mint({**c, "aud": "another-tool"}),
            "meant for another tool",
            "wrong audience",
        ),
        (
            "wrong issuer",
            lambda c: platform.mint({**c, "iss": "https://lms.elsewhere.example"}),
            "not from the LMS",
            "wrong issuer",
        ),
        (
            "unknown key id",
            lambda c: platform.mint(c, key=new_key(), kid="attacker-key"),
            "does not publish",
            "unknown key id",
        ),
        (
            "tampered signature",
            lambda c: tampered(platform.mint(c), name="Someone Else"),
            "changed on its way",
            "signature does not match",
        ),
        (
            "another course",
            lambda c: platform.mint(
                {**c, f"{LTI}context": {"id": "course-soc-500", "title": "SOC 500 Survey Methods"}}
            ),
            "belongs to another course",
            "another course",
        ),
        (
            "forged role",
            lambda c: tampered(platform.mint(c), **{f"{LTI}roles": [INSTRUCTOR]}),
            "changed on its way",
            "signature does not match",
        ),
        (
            "forged role, own key",
            lambda c: platform.mint({**c, f"{LTI}roles": [INSTRUCTOR]}, key=new_key()),
            "changed on its way",
            "signature does not match",
        ),
    ]


def test_bad_launches_are_refused_and_create_nothing(lms_hub):
    hub, platform = lms_hub
    for name, make, says, reason in bad_launches(platform):
        session, nonce, state = start_login(hub, platform, EVE)
        reply = post_token(hub, session, make(platform.claims(EVE, nonce)), state)
        assert reply.status_code in (400, 401, 403), (name, reply.status_code)
        assert says in reply.text, (name, reply.text[-2000:])
        assert f"LTI launch refused ({reason}" in log_text(), name
    assert EVE not in hub_users(hub) and EVE not in records(hub)

    # A launch replayed with everything it carried (token, state and cookies) is refused.
    session, nonce, state = start_login(hub, platform, BEA)
    cookies = session.cookies.copy()
    token = platform.mint(platform.claims(BEA, nonce))
    assert post_token(hub, session, token, state).status_code == 302  # the real one
    replay = requests.Session()
    replay.cookies.update(cookies)
    reply = post_token(hub, replay, token, state)
    assert reply.status_code == 401 and "already used" in reply.text
    assert "LTI launch refused (replayed launch" in log_text()


def test_the_course_from_the_lms_on_a_real_hub(lms_hub, browser):  # noqa: F811
    from playwright.sync_api import expect

    hub, platform = lms_hub
    settings = hub.settings

    # 1. The instructor clicks the course link: Formgrader, her students listed by name (Cruz
    #    never launched: the LMS's roster named him).
    teacher = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    teacher.set_default_timeout(LONG)
    teacher.goto(platform.launch_url(INES))
    expect(teacher).to_have_url(
        re.compile(rf"/services/{settings.course}/formgrader/manage_students")
    )
    for person in PEOPLE[:3]:
        expect(teacher.locator("tr", has_text=person.family_name).first).to_contain_text(
            person.given_name
        )
    teacher.screenshot(path=str(SHOTS / "1-instructor-lands-in-formgrader.png"))
    teacher.goto(f"{hub.formgrader}/manage_assignments")
    assert went_well(formgrader_action(teacher, LESSON, "education"))  # Generate
    formgrader_action(teacher, LESSON, "cloud-upload")  # Release

    # 2. Each learner clicks lesson 00's link and lands in it, fetched for her; hands it in.
    for student, (code, written) in ANSWERS.items():
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        page.set_default_timeout(LONG)
        page.goto(platform.launch_url(student, LESSON))
        notebook = f"{settings.course}/{LESSON}/{LESSON}.ipynb"
        expect(page).to_have_url(re.compile(rf"/user/{student}/lab/tree/{re.escape(notebook)}"))
        wait_for_kernel(page)
        expect(page.locator(".jp-MarkdownCell .jp-RenderedMarkdown h1").first).to_be_visible()
        page.screenshot(path=str(SHOTS / f"2-{student}-lands-in-her-lesson.png"))
        lab = f"{hub.url}/user/{student}/lab"
        open_assignment_list(page, lab, fresh=True)  # her lesson's tab closed before her answers
        path = Path(f"/home/{student}") / notebook
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if grade_id == "answer_0_1":
                cell.source = code
            elif cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
                cell.source = written
        write_as(student, path, nbformat.writes(nb))
        if student == ANA:  # her link again opens her own copy; an unreleased lesson says so
            page.goto(platform.launch_url(student, LESSON))
            expect(page).to_have_url(re.compile(re.escape(notebook)))
            assert written in path.read_text(encoding="utf-8")
            page.goto(platform.launch_url(student, "07-trustworthiness-and-reporting"))
            expect(page.locator("h1")).to_have_text(
                "Lesson 07-trustworthiness-and-reporting is not released yet"
            )
            page.screenshot(path=str(SHOTS / "2-not-released-yet.png"))
            open_assignment_list(page, lab)
        submit(page, LESSON)
        page.context.close()

    # 3. Collect and autograde in Formgrader; the instructor marks Ana's written answer only.
    teacher.goto(f"{hub.formgrader}/manage_assignments")
    assert went_well(formgrader_action(teacher, LESSON, "cloud-download"))
    teacher.goto(f"{hub.formgrader}/manage_submissions/{LESSON}")
    for student in ANSWERS:
        teacher.locator("tr", has_text=student).first.locator(".glyphicon-flash").click()
        modal = teacher.locator("#success-modal, #error-modal").first
        expect(modal).to_be_visible(timeout=LONG)
        assert modal.get_attribute("id") == "success-modal", modal.inner_text()
        modal.get_by_role("button", name=re.compile("Close|OK", re.I)).first.click()
        expect(teacher.locator(".modal-backdrop")).to_have_count(0)
    grade_written_answer(teacher, hub, ANA, 5)
    teacher.screenshot(path=str(SHOTS / "3-graded.png"))

    # 4. make feedback, make grades, then the grades back to the LMS: a dry run first.
    lti_env = {"QUALKIT_LTI_CONFIG": str(settings.course_root.parent / "lti.json")}
    for step in (("course.py", "feedback"), ("course.py", "grades")):
        result = grader_runs(settings, f"autograde/{step[0]}", step[1], LESSON)
        assert result.returncode == 0, result.stdout + result.stderr
    dry = grader_runs(settings, "autograde/lms_grades.py", LESSON, "--dry-run", **lti_env)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert f"would post score {LESSON} {ANA}" in dry.stdout, dry.stdout
    assert f"left empty {LESSON} {BEA}: needs manual grading" in dry.stdout, dry.stdout
    assert platform.scores == [] and platform.lineitems == []  # a dry run posts nothing
    posted = grader_runs(settings, "autograde/lms_grades.py", LESSON, **lti_env)
    assert posted.returncode == 0, posted.stdout + posted.stderr

    # What the LMS received equals grades.csv for fully graded submissions, nothing else.
    with (settings.course_root / "build" / "grades.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    graded = {
        r["student_id"]: (float(r["score"]), float(r["max_score"]))
        for r in rows
        if r["status"] == "graded"
    }
    assert set(graded) == {ANA} and {r["student_id"] for r in rows} == {ANA, BEA}
    (item,) = platform.lineitems
    assert item["resourceId"] == LESSON and item["scoreMaximum"] == graded[ANA][1]
    received = {
        score["userId"]: (score["scoreGiven"], score["scoreMaximum"])
        for url, score in platform.scores
        if url == item["id"]
    }
    assert received == graded and len(platform.scores) == 1
    assert platform.scores[0][1]["gradingProgress"] == "FullyGraded"
    assert stat.S_IMODE(Path(settings.lti["private_key_file"]).stat().st_mode) == 0o600
