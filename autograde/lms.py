"""The course's link to the school's LMS over LTI 1.3, on the grader's side: who is in the course.

The hub records each launch (deploy/tljh/lti_launch.py: a JSON file per person, with her LMS
names and ids and the LMS's service addresses) in a folder only the grader reads. ``roster``
brings them into nbgrader's gradebook (first and last name, email, LMS user id), so Formgrader
shows names, and adds every learner the LMS's names-and-roles service (NRPS) lists, so a
student who has never launched is listed too. The LMS is reached with pylti1p3's service
connector (OAuth2 client credentials signed with the tool's key). Grades go back with
lms_grades.py.

    python autograde/lms.py roster          (make lms-roster)

Settings: the JSON file named by ``$QUALKIT_LTI_CONFIG`` (the hub settings' ``lti:`` mapping,
written there by the TLJH plugin): issuer, client_id, token_url, private_key_file, state_dir,
username_key, account_prefix.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CONFIG_ENV = "QUALKIT_LTI_CONFIG"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
LEARNER_ROLES = {
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
    "http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#Learner",
    "Learner",
}


class LmsError(Exception):
    """The LMS link is not set up, or the LMS refused: said in one line for the instructor."""


@dataclass(frozen=True)
class LmsLink:
    """What the grader needs of the hub's LTI registration."""

    issuer: str
    client_id: str
    token_url: str
    private_key_file: Path
    state_dir: Path
    username_key: str = "sub"
    account_prefix: str = ""  # nbgrader's student id = this + the hub name (TLJH: "jupyter-")


def load_link(path: Path | None = None) -> LmsLink:
    """The settings, from ``$QUALKIT_LTI_CONFIG``; a missing file or key is named."""
    where = path or os.environ.get(CONFIG_ENV)
    if not where:
        raise LmsError(
            f"no LMS link: set {CONFIG_ENV} to the course's LTI settings file "
            "(the TLJH plugin writes it; README, For hub admins)"
        )
    where = Path(where)
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LmsError(f"{where}: cannot read the LTI settings: {error}") from error
    fields = ("issuer", "client_id", "token_url", "private_key_file", "state_dir")
    missing = [key for key in fields if not data.get(key)]
    if missing:
        raise LmsError(f"{where}: LTI setting {missing[0]!r} is missing")
    return LmsLink(
        *(data[key] for key in fields[:3]),
        Path(data["private_key_file"]),
        Path(data["state_dir"]),
        data.get("username_key") or "sub",
        data.get("account_prefix", ""),
    )


def launch_records(link: LmsLink) -> list[dict]:
    """Every launch the hub recorded, oldest first."""
    folder = link.state_dir / "launches"
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    return sorted(records, key=lambda r: r.get("launched_at", 0))


def services(link: LmsLink) -> dict:
    """The LMS's service addresses for the course, from its latest launch."""
    records = launch_records(link)
    if not records:
        raise LmsError(
            f"no launch recorded in {link.state_dir}: the LMS's roster and grade "
            "services become known at the first launch from the course"
        )
    latest = records[-1]
    return {
        key: latest.get(key) for key in ("nrps_url", "lineitems_url", "ags_scopes", "context_id")
    }


def connector(link: LmsLink):
    """pylti1p3's service connector: the tool's signed client credentials, then bearer calls."""
    from cryptography.hazmat.primitives import serialization
    from pylti1p3.registration import Registration
    from pylti1p3.service_connector import ServiceConnector

    pem = link.private_key_file.read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    registration = (
        Registration()
        .set_issuer(link.issuer)
        .set_client_id(link.client_id)
        .set_auth_token_url(link.token_url)
        .set_tool_private_key(pem.decode())
        .set_tool_public_key(public.decode())
    )
    return ServiceConnector(registration)


def username(member: dict, key: str) -> str:
    """The hub user name the hub gives this person (lti_launch.lti_username's rule) from an
    NRPS member, or "" when NRPS does not carry the claim it is made from."""
    if key.startswith("custom_"):  # a custom parameter is sent at launch, never by NRPS
        return ""
    value = member.get("user_id") if key == "sub" else member.get(key)
    return re.sub(r"[^a-z0-9._-]", "-", str(value or "").strip().lower()).strip("-.")


@dataclass(frozen=True)
class Student:
    id: str
    first_name: str
    last_name: str
    email: str
    lms_user_id: str


def course_students(link: LmsLink, members: list[dict]) -> tuple[list[Student], list[str]]:
    """Students from learners' launches and NRPS members (launches win: they name the hub
    user); and what could not be listed, said why."""
    found: dict[str, Student] = {}
    skipped = []
    for member in members:
        learner = set(member.get("roles", [])) & LEARNER_ROLES
        if member.get("status", "Active") != "Active" or not learner:
            continue
        name = username(member, link.username_key)
        if not name:
            skipped.append(
                f"{member.get('name') or member.get('user_id')}: listed once she "
                f"launches (the LMS's roster has no {link.username_key!r})"
            )
            continue
        name = link.account_prefix + name
        found[name] = Student(
            name,
            member.get("given_name", ""),
            member.get("family_name", ""),
            member.get("email", ""),
            member["user_id"],
        )
    for record in launch_records(link):
        if record["role"] == "students":
            name = link.account_prefix + record["username"]
            found[name] = Student(
                name,
                record["given_name"],
                record["family_name"],
                record["email"],
                record["lms_user_id"],
            )
    return sorted(found.values(), key=lambda s: s.id), skipped


def nrps_members(link: LmsLink, nrps_url: str) -> list[dict]:
    from pylti1p3.exception import LtiServiceException
    from pylti1p3.names_roles import NamesRolesProvisioningService

    service = NamesRolesProvisioningService(
        connector(link), {"context_memberships_url": nrps_url, "service_versions": ["2.0"]}
    )
    try:
        return service.get_members()
    except (LtiServiceException, OSError) as error:
        raise LmsError(f"the LMS's roster service refused: {error}") from error


def roster(api, link: LmsLink) -> int:
    """Bring the course's students into the gradebook, with their names and LMS ids."""
    addresses = services(link)
    members = nrps_members(link, addresses["nrps_url"]) if addresses["nrps_url"] else []
    students, skipped = course_students(link, members)
    with api.gradebook as gradebook:
        for s in students:
            gradebook.update_or_create_student(
                s.id,
                first_name=s.first_name,
                last_name=s.last_name,
                email=s.email,
                lms_user_id=s.lms_user_id,
            )
    source = "launches and the LMS roster" if addresses["nrps_url"] else "launches (no NRPS)"
    print(f"roster: {len(students)} student(s) in the gradebook from {source}")
    for line in skipped:
        print(f"roster: {line}")
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("roster",))
    parser.parse_args(argv)
    from nbgrader_api import course_api

    try:
        return roster(course_api(), load_link())
    except LmsError as error:
        print(f"lms: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
