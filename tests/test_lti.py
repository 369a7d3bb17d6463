"""LTI 1.3 without a hub, in seconds: the launch checks the hub applies (deploy/tljh/lti_launch.py)
and the roster and grades the grader exchanges with the LMS (autograde/lms.py, lms_grades.py),
all against the local LTI platform (tests/lti_platform.py) on loopback, and a real nbgrader
gradebook. The same launches, played against the real hub in a browser: tests/test_lti_hub.py.
"""

from __future__ import annotations

import json
import sys
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from lti_platform import (
    INSTITUTION_INSTRUCTOR,
    INSTRUCTOR,
    LEARNER,
    LTI,
    TA,
    Person,
    Platform,
    new_key,
)

from conftest import REPO

sys.path.insert(0, str(REPO / "deploy" / "tljh"))
sys.path.insert(0, str(REPO / "autograde"))
import lms
import lms_grades
from lti_launch import (
    LaunchRefused,
    LtiConfig,
    NonceLedger,
    bound_context,
    check_launch,
    decode_launch,
    record_launch,
    tool_jwks,
)

PEOPLE = (
    Person("u-ana", "Ana", "Lopez", (LEARNER,), "ana@example.edu"),
    Person("u-bea", "Bea", "Okafor", (LEARNER,), "bea@example.edu"),
    Person("u-ines", "Ines", "Marsh", (INSTRUCTOR,), "ines@example.edu"),
    Person("u-tom", "Tom", "Reyes", (TA,)),
    Person("u-mia", "Mia", "Chen", (LEARNER, INSTITUTION_INSTRUCTOR)),  # teaches elsewhere
    Person("u-obs", "Oda", "Berg", ("http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor",)),
)


def pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@pytest.fixture(scope="module")
def platform():
    tool_key = new_key()
    p = Platform(people={person.sub: person for person in PEOPLE})
    p.tool_jwks = tool_jwks(pem(tool_key))
    p.tool_key = tool_key
    p.start()
    yield p
    p.stop()


@pytest.fixture
def config(platform, tmp_path):
    key_file = tmp_path / "tool-key.pem"
    key_file.write_bytes(pem(platform.tool_key))
    key_file.chmod(0o600)
    return LtiConfig(
        **platform.endpoints,
        private_key_file=key_file,
        context_id=platform.context_id,
        state_dir=tmp_path / "lti",
    )


@pytest.fixture(scope="module")
def keys(platform):
    return jwt.PyJWKClient(f"{platform.url}/jwks")


def launch(
    platform, config, keys, sub="u-ana", lesson="00-orientation", *, edit=None, context="", **mint
):
    claims = platform.claims(sub, nonce=f"n-{time.monotonic_ns()}", lesson=lesson)
    if edit:
        edit(claims)
    token = platform.mint(claims, **mint)
    return check_launch(
        decode_launch(token, config, keys, time.time()), config, context or config.context_id
    )


def refused(*args, **kwargs) -> LaunchRefused:
    with pytest.raises(LaunchRefused) as caught:
        launch(*args, **kwargs)
    return caught.value


# --- launches ----------------------------------------------------------------------------------


def test_a_learners_launch_names_her_and_her_lesson(platform, config, keys):
    ana = launch(platform, config, keys)
    assert (ana.username, ana.role, ana.lesson) == ("u-ana", "students", "00-orientation")
    assert (ana.given_name, ana.family_name, ana.lms_user_id) == ("Ana", "Lopez", "u-ana")
    assert ana.nrps_url == f"{platform.url}/nrps/{platform.context_id}"
    assert ana.lineitems_url.endswith("/lineitems")


def test_a_lesson_comes_from_a_custom_parameter_or_the_links_address(platform, config, keys):
    def canvas_link(claims):  # an assignment whose URL names the lesson, no custom parameter
        claims[f"{LTI}custom"] = {}
        claims[f"{LTI}target_link_uri"] = (
            "https://hub.example.edu/hub/lti13/oauth_callback?lesson=03-codebook-and-coding"
        )

    assert launch(platform, config, keys, edit=canvas_link).lesson == "03-codebook-and-coding"
    odd = launch(platform, config, keys, lesson="../../etc/passwd")
    assert odd.lesson == ""  # not a lesson folder's name: the course's JupyterLab instead


@pytest.mark.parametrize(
    ("sub", "role"), [("u-ines", "graders"), ("u-tom", "graders"), ("u-mia", "students")]
)
def test_roles_make_course_groups_and_an_institution_role_grants_nothing(
    platform, config, keys, sub, role
):
    assert launch(platform, config, keys, sub).role == role


def test_a_role_with_no_place_on_the_hub_is_refused(platform, config, keys):
    assert "gives no place" in refused(platform, config, keys, "u-obs").message


def test_expired_launch(platform, config, keys):
    def expire(claims):
        claims["iat"], claims["exp"] = claims["iat"] - 900, claims["iat"] - 600

    error = refused(platform, config, keys, edit=expire)
    assert error.reason == "expired id token" and "expired" in error.message


def test_a_launch_issued_too_long_ago_is_refused_even_before_it_expires(platform, config, keys):
    def old(claims):
        claims["iat"] -= config.max_age + 120

    assert "issued" in refused(platform, config, keys, edit=old).reason


def test_wrong_audience_and_wrong_issuer(platform, config, keys):
    error = refused(platform, config, keys, edit=lambda c: c.update(aud="another-tool"))
    assert error.reason == "wrong audience 'another-tool'" and "another tool" in error.message
    error = refused(platform, config, keys, edit=lambda c: c.update(iss="https://lms.example"))
    assert error.reason.startswith("wrong issuer") and "lms.example" in error.message


def test_unknown_key_id(platform, config, keys):
    error = refused(platform, config, keys, key=new_key(), kid="attacker-key")
    assert "unknown key id 'attacker-key'" in error.reason


def test_tampered_signature_and_a_forged_role(platform, config, keys):
    """A learner's real token with the role changed to Instructor, or re-signed by another
    key under the platform's key id, or not signed at all: each refused."""
    token = platform.mint(platform.claims("u-ana", nonce="n-forge"))
    head, body, signature = token.split(".")
    claims = json.loads(jwt.utils.base64url_decode(body))
    claims[f"{LTI}roles"] = [INSTRUCTOR]
    forged = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
    for bad in (
        f"{head}.{forged}.{signature}",
        platform.mint(claims, key=new_key()),  # the platform's kid, another key
        jwt.encode(claims, None, algorithm="none", headers={"kid": platform.kid}),
        jwt.encode(claims, b"x" * 32, algorithm="HS256", headers={"kid": platform.kid}),
    ):
        with pytest.raises(LaunchRefused) as caught:
            decode_launch(bad, config, keys, time.time())
        assert caught.value.status == 401, caught.value.reason
    assert decode_launch(token, config, keys, time.time())["sub"] == "u-ana"  # the real one


def test_another_courses_launch_and_another_deployment(platform, config, keys):
    def elsewhere(claims):
        claims[f"{LTI}context"] = {"id": "course-soc-500", "title": "SOC 500"}

    error = refused(platform, config, keys, edit=elsewhere)
    assert "another course" in error.reason and "SOC 500" in error.message
    error = refused(platform, config, keys, edit=lambda c: c.update({f"{LTI}deployment_id": "d9"}))
    assert "deployment" in error.reason


def test_a_replayed_launch_is_refused():
    ledger = NonceLedger()
    ledger.use("n1", until=200, now=100)
    with pytest.raises(LaunchRefused, match="replayed"):
        ledger.use("n1", until=200, now=150)
    ledger.use("n1", until=400, now=300)  # long expired: forgotten, and refused by its age


def test_the_first_instructor_binds_the_course(platform, config, keys, tmp_path):
    from dataclasses import replace

    unbound = replace(config, context_id="")
    unbound.state_dir.mkdir()
    assert bound_context(unbound) == ""
    assert "not linked" in refused(platform, unbound, keys, "u-ana").message
    ines = launch(platform, unbound, keys, "u-ines", context="")
    record_launch(ines, unbound)
    assert bound_context(unbound) == platform.context_id
    assert launch(platform, unbound, keys, "u-ana", context=bound_context(unbound)).role


def test_launch_records_are_the_graders_only(platform, config, keys):
    config.state_dir.mkdir()
    path = record_launch(launch(platform, config, keys), config)
    assert path.stat().st_mode & 0o777 == 0o600
    record = json.loads(path.read_text())
    assert record["given_name"] == "Ana" and "nonce" not in record


def test_settings_name_the_file_and_the_key(platform):
    with pytest.raises(ValueError, match="hub.yaml: unknown lti setting 'clientid'"):
        LtiConfig.from_mapping({"clientid": "x"}, "hub.yaml")
    with pytest.raises(ValueError, match="hub.yaml: lti setting 'client_id' is missing"):
        LtiConfig.from_mapping({"issuer": platform.issuer}, "hub.yaml")


def test_the_tools_key_id_is_the_one_pylti1p3_signs_with(platform):
    from pylti1p3.registration import Registration

    public = platform.tool_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert platform.tool_jwks["keys"][0]["kid"] == Registration.get_jwk(public.decode())["kid"]


# --- roster and grades (the grader's side) -----------------------------------------------------


class Course:
    """The gradebook as nbgrader's API hands it out (a fresh one for each ``with``)."""

    def __init__(self, url: str):
        self.url = url

    @property
    def gradebook(self):
        from nbgrader.api import Gradebook

        return Gradebook(self.url)


@pytest.fixture
def link(config, platform, keys):
    config.state_dir.mkdir(exist_ok=True)
    for sub in ("u-ana", "u-ines"):
        record_launch(launch(platform, config, keys, sub), config)
    return lms.LmsLink(
        config.issuer, config.client_id, config.token_url, config.private_key_file, config.state_dir
    )


@pytest.mark.parametrize("key", ["sub", "email", "custom_username"])
def test_the_roster_names_people_as_the_hub_does(key):
    """The hub names a person at launch (lti_launch), the grader from the roster (lms): the
    same rule, or the roster says it cannot."""
    from lti_launch import lti_username

    claims = {
        "sub": "A1b2-C3",
        "email": "Ana.Lopez@Example.edu",
        f"{LTI}custom": {"username": "ana"},
    }
    member = {"user_id": "A1b2-C3", "email": "Ana.Lopez@Example.edu"}
    expected = lti_username(claims, key) if not key.startswith("custom_") else ""
    assert lms.username(member, key) == expected


def test_roster_names_launched_and_never_launched_students(link, tmp_path, capsys):
    course = Course(f"sqlite:///{tmp_path / 'gradebook.db'}")
    assert lms.roster(course, link) == 0
    with course.gradebook as gradebook:
        students = {s.id: (s.first_name, s.last_name, s.lms_user_id) for s in gradebook.students}
    # Ana launched; Bea and Mia never did (NRPS lists them); instructors are not students.
    assert students == {
        "u-ana": ("Ana", "Lopez", "u-ana"),
        "u-bea": ("Bea", "Okafor", "u-bea"),
        "u-mia": ("Mia", "Chen", "u-mia"),
    }
    assert "from launches and the LMS roster" in capsys.readouterr().out


def test_on_tljh_students_are_known_by_their_unix_accounts(link, tmp_path):
    """TLJH's accounts are jupyter-<hub name>, and nbgrader names a submission by its account."""
    from dataclasses import replace

    course = Course(f"sqlite:///{tmp_path / 'gradebook.db'}")
    lms.roster(course, replace(link, account_prefix="jupyter-"))
    with course.gradebook as gradebook:
        assert gradebook.find_student("jupyter-u-ana").lms_user_id == "u-ana"


def test_the_roster_service_needs_the_tools_own_key(link, tmp_path):
    other = tmp_path / "other.pem"
    other.write_bytes(pem(new_key()))
    from dataclasses import replace

    with pytest.raises(lms.LmsError, match="roster service refused"):
        lms.roster(Course(f"sqlite:///{tmp_path / 'g.db'}"), replace(link, private_key_file=other))


ROWS = [
    {
        "lesson": "00-orientation",
        "student_id": "u-ana",
        "score": 8.75,
        "max_score": 10.0,
        "status": "graded",
    },
    {
        "lesson": "00-orientation",
        "student_id": "u-bea",
        "score": 4.0,
        "max_score": 10.0,
        "status": "needs manual grading",
    },
    {"lesson": "01-design", "student_id": "u-ana", "status": "autograde failed: kernel died"},
]


def test_grades_go_back_once_per_lesson_and_only_when_fully_graded(link, platform):
    platform.lineitems.clear()
    platform.scores.clear()
    p = lms_grades.plan(ROWS, {"u-ana": "u-ana", "u-bea": "u-bea"}, {"00-orientation": 10.0})
    assert lms_grades.describe(p) == [
        "line item 00-orientation: 10 points",
        "score 00-orientation u-ana (LMS user u-ana): 8.75 / 10",
        "left empty 00-orientation u-bea: needs manual grading",
        "left empty 01-design u-ana: autograde failed: kernel died",
    ]
    lms_grades.post(p, link)
    lms_grades.post(p, link)  # posted again (a regrade): the line item is found, not doubled
    (item,) = platform.lineitems
    assert (item["resourceId"], item["label"], item["scoreMaximum"]) == (
        "00-orientation",
        "00-orientation",
        10.0,
    )
    assert [url for url, _ in platform.scores] == [item["id"]] * 2
    score = platform.scores[0][1]
    assert (score["userId"], score["scoreGiven"], score["scoreMaximum"]) == ("u-ana", 8.75, 10.0)
    assert (score["gradingProgress"], score["activityProgress"]) == ("FullyGraded", "Completed")


def test_grades_need_the_link_set_up(monkeypatch, tmp_path):
    monkeypatch.delenv(lms.CONFIG_ENV, raising=False)
    with pytest.raises(lms.LmsError, match="QUALKIT_LTI_CONFIG"):
        lms.load_link()
    bad = tmp_path / "lti.json"
    bad.write_text(json.dumps({"issuer": "x"}))
    with pytest.raises(lms.LmsError, match=rf"{bad}: LTI setting 'client_id' is missing"):
        lms.load_link(bad)
