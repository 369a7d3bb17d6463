"""An LTI 1.3 launch, checked: what the hub accepts from the school's LMS, and why it refuses.

Pure checks on a signed id token (PyJWT, jupyterhub-ltiauthenticator's own dependency), used
by the hub's authenticator (qualkit_lti.py) and tested fast against a local platform
(tests/test_lti.py). Every refusal is a :class:`LaunchRefused` with a message for the person
who clicked the link and a reason for the hub's log; nothing is written before all pass.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import time
from dataclasses import MISSING, asdict, dataclass, fields
from pathlib import Path

import jwt

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
_MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"
# Context roles only (LTI 1.3 §A.2.2; simple names are the deprecated short form): an
# institution or system role (…/institution/person#Instructor) grants nothing in this course.
GRADER_ROLES = frozenset(
    {
        f"{_MEMBERSHIP}#Instructor",
        f"{_MEMBERSHIP}#TeachingAssistant",
        f"{_MEMBERSHIP}/Instructor#TeachingAssistant",
        "Instructor",
        "TeachingAssistant",
    }
)
STUDENT_ROLES = frozenset({f"{_MEMBERSHIP}#Learner", f"{_MEMBERSHIP}/Learner#Learner", "Learner"})
AGAIN = "Go back to the course in your LMS and click the link again."
ADMIN = (
    "Ask your course hub's administrator to check the LMS registration (README, For hub admins)."
)


class LaunchRefused(Exception):  # noqa: N818 (a refusal, not an error of the hub)
    """A launch the hub refuses: ``message`` for the person, ``reason`` for the log."""

    def __init__(self, status: int, reason: str, message: str):
        super().__init__(reason)
        self.status, self.reason, self.message = status, reason, message


@dataclass(frozen=True)
class LtiConfig:
    """The hub's registration with one LMS, for one course (the hub settings' ``lti:``)."""

    issuer: str  # the LMS's issuer id ("https://canvas.instructure.com", Moodle's site URL)
    client_id: str  # the tool's id in the LMS (Canvas: developer key id; Moodle: Client ID)
    deployment_id: str  # the tool's deployment in the LMS
    authorize_url: str  # the LMS's OIDC authentication request endpoint
    jwks_url: str  # the LMS's public key set
    token_url: str  # the LMS's OAuth2 token endpoint (roster and grades)
    private_key_file: Path  # the tool's RSA key, readable by the hub and the grader only
    context_id: str = ""  # the course's LMS id; empty: the first instructor's launch binds it
    state_dir: Path = Path("/srv/qualkit/lti")  # launch records and the bound course (grader's)
    username_key: str = "sub"  # the claim naming the hub user ("custom_username": a custom one)
    max_age: int = 300  # seconds an id token may be old (clock skew included)
    # nbgrader knows a student by her Unix account: TLJH names it jupyter-<hub name> (the plugin
    # sets this), a hub whose accounts are the hub names (or Kubernetes' JUPYTERHUB_USER) "".
    account_prefix: str = ""

    @classmethod
    def from_mapping(cls, data: dict, source: str) -> LtiConfig:
        """From the settings file's ``lti:`` mapping; a wrong key names the file and the key."""
        if not isinstance(data, dict):
            raise ValueError(f"{source}: 'lti' must be a mapping of settings")
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(
                f"{source}: unknown lti setting {unknown[0]!r}; known: " + ", ".join(sorted(known))
            )
        required = [n for n, f in known.items() if f.default is MISSING]
        missing = [n for n in required if not data.get(n)]
        if missing:
            raise ValueError(f"{source}: lti setting {missing[0]!r} is missing (README, LMS)")
        values = {k: (int(v) if k == "max_age" else str(v)) for k, v in data.items()}
        for key in ("private_key_file", "state_dir"):
            if key in values:
                values[key] = Path(values[key])
        return cls(**values)


@dataclass(frozen=True)
class Launch:
    """A person arriving from the course, as the LMS signed it."""

    username: str
    lms_user_id: str  # the LMS's ``sub``: the user id NRPS lists and AGS scores name
    given_name: str
    family_name: str
    email: str
    role: str  # "graders" or "students"
    context_id: str
    context_title: str
    lesson: str  # the lesson her link opens: custom parameter lesson=, or ?lesson= in its URL
    nrps_url: str
    lineitems_url: str
    ags_scopes: tuple[str, ...]
    nonce: str


def _unverified(token: str) -> tuple[dict, dict]:
    try:
        return jwt.get_unverified_header(token), jwt.decode(
            token, options={"verify_signature": False}
        )
    except jwt.PyJWTError as error:
        raise LaunchRefused(
            400,
            f"malformed id token: {error}",
            f"The LMS sent a launch this hub cannot read. {AGAIN}",
        ) from error


def decode_launch(token: str, config: LtiConfig, keys: jwt.PyJWKClient, now: float) -> dict:
    """The id token's claims, verified: signature by a key the LMS publishes, issuer,
    audience, expiry and age. What is wrong is said before any key is fetched where the
    token's own (unverified) claims already show it: refusing never trusts them."""
    header, claims = _unverified(token)
    if claims.get("iss") != config.issuer:
        raise LaunchRefused(
            401,
            f"wrong issuer {claims.get('iss')!r}",
            f"This launch comes from {claims.get('iss')!r}, not from the LMS "
            f"this course hub is registered with. {ADMIN}",
        )
    audience = claims.get("aud")
    if config.client_id not in (audience if isinstance(audience, list) else [audience]):
        raise LaunchRefused(
            401,
            f"wrong audience {audience!r}",
            f"This launch was meant for another tool (client id {audience!r}), "
            f"not this course hub. {ADMIN}",
        )
    if header.get("alg") != "RS256":
        raise LaunchRefused(
            401,
            f"algorithm {header.get('alg')!r} refused",
            f"This launch is not signed as LTI 1.3 requires (RS256). {ADMIN}",
        )
    try:
        key = keys.get_signing_key(header.get("kid"))
    except jwt.PyJWKClientError as error:
        raise LaunchRefused(
            401,
            f"unknown key id {header.get('kid')!r}: {error}",
            f"The launch is signed with a key ({header.get('kid')!r}) your LMS "
            f"does not publish, so it cannot be trusted. {ADMIN}",
        ) from error
    try:
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256"],
            audience=config.client_id,
            issuer=config.issuer,
            leeway=30,
            options={"require": ["exp", "iat", "sub", "nonce"]},
        )
    except jwt.ExpiredSignatureError as error:
        raise LaunchRefused(
            401,
            "expired id token",
            f"This course link has expired before it reached the hub. {AGAIN}",
        ) from error
    except jwt.InvalidSignatureError as error:
        raise LaunchRefused(
            401,
            "signature does not match the token",
            "This launch was changed on its way from your LMS (its signature does "
            f"not match its content), so it is refused. {AGAIN}",
        ) from error
    except jwt.PyJWTError as error:
        raise LaunchRefused(
            401,
            f"invalid id token: {error}",
            f"The LMS sent a launch this hub cannot accept ({error}). {AGAIN}",
        ) from error
    if claims["iat"] < now - config.max_age:
        raise LaunchRefused(
            401,
            f"id token issued {int(now - claims['iat'])} s ago",
            f"This course link has expired before it reached the hub. {AGAIN}",
        )
    return claims


def role_group(roles) -> str | None:
    """The course group a person's context roles give (graders win), or None."""
    roles = set(roles if isinstance(roles, list) else [])
    if roles & GRADER_ROLES:
        return "graders"
    return "students" if roles & STUDENT_ROLES else None


def lti_username(claims: dict, key: str) -> str:
    """The hub user name: the claim ``key`` (``custom_x``: custom parameter x), lower case,
    with anything but letters, digits, ``. _ -`` made ``-`` (a Unix and nbgrader id)."""
    source = claims.get(f"{LTI}custom", {}) if key.startswith("custom_") else claims
    value = str(source.get(key.removeprefix("custom_")) or "")
    name = re.sub(r"[^a-z0-9._-]", "-", value.strip().lower()).strip("-.")
    if not name:
        raise LaunchRefused(
            400,
            f"no {key!r} claim to name the user",
            f"Your LMS did not send the {key!r} this hub names people by. {ADMIN}",
        )
    return name


def check_launch(claims: dict, config: LtiConfig, course_context: str) -> Launch:
    """The LTI message's own rules, then this course: its deployment, its LMS course and a
    role in it. ``course_context`` is the bound course ("" when none is bound yet)."""
    if (
        claims.get(f"{LTI}version") != "1.3.0"
        or claims.get(f"{LTI}message_type") != "LtiResourceLinkRequest"
        or not claims.get(f"{LTI}resource_link", {}).get("id")
    ):
        raise LaunchRefused(
            400,
            "not an LTI 1.3 resource link launch",
            f"This link is not an LTI 1.3 course link. {ADMIN}",
        )
    if claims.get(f"{LTI}deployment_id") != config.deployment_id:
        raise LaunchRefused(
            403,
            f"unknown deployment {claims.get(f'{LTI}deployment_id')!r}",
            f"This link comes from a deployment of the tool this hub does not serve. {ADMIN}",
        )
    context = claims.get(f"{LTI}context") or {}
    group = role_group(claims.get(f"{LTI}roles"))
    if course_context and context.get("id") != course_context:
        raise LaunchRefused(
            403,
            f"another course's launch (context {context.get('id')!r})",
            f"This link belongs to another course ({context.get('title') or context.get('id')!r}); "
            "this hub serves one course only. Open the link from that course's "
            "own hub, or ask your instructor.",
        )
    if not course_context and group != "graders":
        raise LaunchRefused(
            403,
            "no course bound yet and not an instructor",
            "This course hub is not linked to your course yet: it is linked at "
            "your instructor's first launch. Try again after that.",
        )
    if group is None:
        raise LaunchRefused(
            403,
            f"no learner or instructor role: {claims.get(f'{LTI}roles')!r}",
            "Your role in this course gives no place on its hub: it admits "
            "learners, instructors and teaching assistants.",
        )
    custom = claims.get(f"{LTI}custom") or {}
    ags = claims.get(AGS_CLAIM) or {}
    return Launch(
        username=lti_username(claims, config.username_key),
        lms_user_id=claims["sub"],
        given_name=claims.get("given_name", ""),
        family_name=claims.get("family_name", ""),
        email=claims.get("email", ""),
        role=group,
        context_id=context.get("id", ""),
        context_title=context.get("title", ""),
        lesson=lesson_of(custom.get("lesson") or _query(claims.get(f"{LTI}target_link_uri"))),
        nrps_url=(claims.get(NRPS_CLAIM) or {}).get("context_memberships_url", ""),
        lineitems_url=ags.get("lineitems", ""),
        ags_scopes=tuple(ags.get("scope", ())),
        nonce=claims["nonce"],
    )


def _query(url) -> str:
    """The ``lesson`` of a link's address (Canvas: the URL typed for an assignment)."""
    from urllib.parse import parse_qs, urlparse

    return (parse_qs(urlparse(str(url or "")).query).get("lesson") or [""])[0]


def lesson_of(value: str) -> str:
    """A lesson folder name from a link's ``lesson`` parameter ("" if it is none)."""
    return value if re.fullmatch(r"[0-9]{2}-[a-z0-9-]+", value or "") else ""


class NonceLedger:
    """Nonces already used, kept while their tokens could still be accepted: a launch
    replayed (the same id token and cookies posted again) is refused. Kept in the hub's
    memory: a restart forgets them, and the token's age limit (max_age) still holds."""

    def __init__(self):
        self._seen: dict[str, float] = {}

    def use(self, nonce: str, until: float, now: float) -> None:
        self._seen = {n: t for n, t in self._seen.items() if t >= now}
        if nonce in self._seen:
            raise LaunchRefused(
                401,
                "replayed launch (nonce already used)",
                f"This course link was already used once. {AGAIN}",
            )
        self._seen[nonce] = until


def bound_context(config: LtiConfig) -> str:
    """The course this hub serves: configured, or bound at the first instructor's launch."""
    if config.context_id:
        return config.context_id
    path = config.state_dir / "context.json"
    return json.loads(path.read_text(encoding="utf-8"))["id"] if path.exists() else ""


def _write_private(path: Path, data: dict, owner: tuple[int, int] | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.draft")
    draft.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.chmod(draft, 0o600)
    if owner:
        os.chown(draft, *owner)
    draft.replace(path)


def record_launch(launch: Launch, config: LtiConfig, now: float | None = None) -> Path:
    """The launch, for the grader (autograde/lms.py): names, ids and the LMS's service
    addresses, one file per person in the state folder, owned as the folder is. The first
    instructor's launch binds the course when none is configured."""
    info = config.state_dir.stat()
    owner = (info.st_uid, info.st_gid)
    if not bound_context(config):
        _write_private(
            config.state_dir / "context.json",
            {"id": launch.context_id, "title": launch.context_title},
            owner,
        )
    path = config.state_dir / "launches" / f"{launch.username}.json"
    record = {**asdict(launch), "launched_at": now or time.time()}
    record.pop("nonce")
    _write_private(path, record, owner)
    return path


def tool_jwks(private_key_pem: bytes) -> dict:
    """The tool's public key set, for the LMS to check the tool's signed requests; its key
    id is the RFC 7638 thumbprint, as pylti1p3 names the key it signs with."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    public = load_pem_private_key(private_key_pem, password=None).public_key()
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(public))
    canonical = json.dumps(
        {k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True
    )
    kid = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=")
    return {"keys": [{**jwk, "kid": kid.decode(), "alg": "RS256", "use": "sig"}]}
