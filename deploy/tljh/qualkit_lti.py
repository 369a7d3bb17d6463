"""The course hub entered from the school's LMS: jupyterhub-ltiauthenticator's LTI13Authenticator,
held to one course.

The authenticator's OIDC steps are its own (login initiation, state and nonce cookies); the
launch's checks are lti_launch.py's, and this module adds what one course needs: each launch
refused with a clear page and a log line (``LTI launch refused``) before anything is created;
a replayed launch refused; the person's LTI role made her course group (learner:
``nbgrader-<course>``; instructor, teaching assistant: ``formgrade-<course>``); her names and LMS
ids recorded for the grader, who brings them into nbgrader's gradebook (autograde/lms.py;
right away after an instructor's launch, so Formgrader lists students by name); and the landing:
a learner's lesson link opens that lesson (qualkit.lesson_link fetches it if needed), an
instructor's opens Formgrader. The tool's public key set is served at ``/hub/lti13/jwks``.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import time
from pathlib import Path

import jwt
from jupyterhub import orm
from jupyterhub.handlers import BaseHandler
from jupyterhub.utils import url_path_join
from lti_launch import (
    AGAIN,
    LaunchRefused,
    LtiConfig,
    NonceLedger,
    bound_context,
    check_launch,
    decode_launch,
    record_launch,
    tool_jwks,
)
from ltiauthenticator.lti13.auth import LTI13Authenticator
from ltiauthenticator.lti13.error import ValidationError
from ltiauthenticator.lti13.handlers import LTI13CallbackHandler
from ltiauthenticator.lti13.validator import LTI13LaunchValidator
from ltiauthenticator.utils import convert_request_to_dict
from tornado.web import HTTPError
from traitlets import Dict, List, Unicode

GROUPS = {"students": "nbgrader-{course}", "graders": "formgrade-{course}"}


class QualkitCallbackHandler(LTI13CallbackHandler):
    """The LMS posts the id token here (the authenticator's callback), checked for the course."""

    async def post(self):
        try:
            launch = await self.checked_launch()
        except LaunchRefused as refused:
            self.log.warning("LTI launch refused (%s): %s", refused.reason, self._who())
            raise HTTPError(refused.status, refused.message) from None
        user = await self.login_user({"launch": launch})
        if user is None:
            raise HTTPError(403, "The hub could not sign you in.")
        self.set_course_group(user, launch.role)
        authenticator = self.authenticator
        path = record_launch(launch, authenticator.lti)
        self.log.info(
            "LTI launch: %s (%s) from %s, recorded in %s",
            user.name,
            launch.role,
            launch.context_id,
            path,
        )
        if launch.role == "graders" and authenticator.roster_command:
            await authenticator.bring_roster(self.log)
        self.redirect(self.landing(user, launch))

    def _who(self) -> str:
        """What the log says of a refused launch: the token's unverified claims, if any."""
        token = self.get_argument("id_token", "")
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return f"from {self.request.remote_ip}, no readable id token"
        context = claims.get("https://purl.imsglobal.org/spec/lti/claim/context") or {}
        return (
            f"from {self.request.remote_ip}, iss={claims.get('iss')!r} "
            f"aud={claims.get('aud')!r} sub={claims.get('sub')!r} "
            f"context={context.get('id')!r}"
        )

    async def checked_launch(self):
        authenticator, config = self.authenticator, self.authenticator.lti
        args = convert_request_to_dict(self.request.arguments)
        try:
            LTI13LaunchValidator(parent=self.app).validate_auth_response(args)
            self.check_state()  # the state cookie set at login initiation: the same browser
        except (ValidationError, HTTPError) as error:
            reason = getattr(error, "log_message", None) or str(error)
            raise LaunchRefused(
                400, f"state: {reason}", f"This launch did not start in this browser. {AGAIN}"
            ) from None
        now = time.time()
        # The LMS's key set may be fetched: off the hub's event loop.
        claims = await asyncio.get_running_loop().run_in_executor(
            None, decode_launch, args["id_token"], config, authenticator.keys, now
        )
        try:
            self.check_nonce(claims)  # the nonce cookie set at login initiation
        except HTTPError as error:
            raise LaunchRefused(
                401,
                f"nonce: {error.log_message}",
                f"This course link was already used, or started in another browser. {AGAIN}",
            ) from None
        launch = check_launch(claims, config, bound_context(config))
        authenticator.nonces.use(claims["nonce"], claims["exp"] + 60, now)
        return launch

    def set_course_group(self, user, role: str) -> None:
        """Her course group from her role now (a TA who became a learner leaves the graders)."""
        course = self.authenticator.course
        for name, pattern in GROUPS.items():
            group_name = pattern.format(course=course)
            group = orm.Group.find(self.db, group_name)
            if group is None:
                group = orm.Group(name=group_name)
                self.db.add(group)
            member = user.orm_user in group.users
            if name == role and not member:
                group.users.append(user.orm_user)
            elif name != role and member:
                group.users.remove(user.orm_user)
        self.db.commit()

    def landing(self, user, launch) -> str:
        base = self.hub.base_url
        if launch.role == "graders":
            return url_path_join(
                self.base_url,
                "services",
                self.authenticator.course,
                "formgrader",
                "manage_students",
            )
        if launch.lesson:
            return url_path_join(base, "user-redirect", "qualkit", "lesson", launch.lesson)
        return url_path_join(base, "user-redirect", "lab")


class ToolKeysHandler(BaseHandler):
    """The tool's public key set: the LMS checks the tool's signed token requests with it."""

    def get(self):
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps(self.authenticator.public_keys))


class QualkitLTIAuthenticator(LTI13Authenticator):
    """LTI13Authenticator for one course: configured by :func:`configure_lti`."""

    callback_handler = QualkitCallbackHandler
    lti_settings = Dict(config=True, help="The hub settings' lti: mapping (lti_launch.LtiConfig).")
    course = Unicode("qualkit", config=True, help="The nbgrader course id (its hub groups).")
    roster_command = List(
        Unicode(),
        config=True,
        help="Run after an instructor's launch: the grader brings the roster into the gradebook.",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lti = LtiConfig.from_mapping(self.lti_settings, "QualkitLTIAuthenticator.lti_settings")
        self.keys = jwt.PyJWKClient(self.lti.jwks_url, lifespan=300)
        self.nonces = NonceLedger()
        self.public_keys = tool_jwks(Path(self.lti.private_key_file).read_bytes())

    def get_handlers(self, app):
        return [*super().get_handlers(app), ("/lti13/jwks", ToolKeysHandler)]

    async def authenticate(self, handler, data=None):
        launch = data["launch"]
        return {"name": launch.username}

    async def check_allowed(self, username, authentication=None):
        return True  # every launch that reached here passed the course's checks

    async def bring_roster(self, log) -> None:
        """The grader's roster step (names into the gradebook), awaited: Formgrader then
        lists students by name. Its failure is logged, never a failed launch."""
        process = await asyncio.create_subprocess_exec(
            *self.roster_command,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
        except TimeoutError:
            process.kill()
            log.warning("LTI roster: gave up after 120 s")
            return
        text = output.decode(errors="replace").strip()
        (log.info if process.returncode == 0 else log.warning)("LTI roster: %s", text)


def configure_lti(c, course: str, lti: dict, source: str, roster_command=None) -> LtiConfig:
    """The hub's authenticator: LTI 1.3 from one LMS for one course (settings checked now)."""
    config = LtiConfig.from_mapping(lti, source)
    c.JupyterHub.authenticator_class = QualkitLTIAuthenticator
    c.LTI13Authenticator.issuer = config.issuer
    c.LTI13Authenticator.client_id = [config.client_id]
    c.LTI13Authenticator.authorize_url = config.authorize_url
    c.LTI13Authenticator.jwks_endpoint = config.jwks_url
    c.LTI13Authenticator.username_key = config.username_key
    c.QualkitLTIAuthenticator.lti_settings = dict(lti)
    c.QualkitLTIAuthenticator.course = course
    c.QualkitLTIAuthenticator.roster_command = list(roster_command or [])
    c.QualkitLTIAuthenticator.allow_all = True  # the launch checks admit this course's people
    return config


# --- the TLJH plugin's part (tljh_qualkit.py: its settings' lti: mapping) ---------------------


def lti_settings_file(settings) -> Path:
    """The grader's copy of the LTI settings (autograde/lms.py reads it: QUALKIT_LTI_CONFIG)."""
    return settings.course_root.parent / "lti.json"


def lti_roster_command(settings) -> list[str]:
    """What the hub runs after an instructor's launch: the roster, as the grader account."""
    home = settings.course_root.parent
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    return [
        runuser,
        "-u",
        settings.grader,
        "--",
        "env",
        f"HOME={home}",
        f"QUALKIT_LTI_CONFIG={lti_settings_file(settings)}",
        str(settings.sandbox_python),
        str(settings.course_root / "autograde" / "lms.py"),
        "roster",
    ]


def configure_lti_hub(c, settings, settings_file: str) -> None:
    """The hub's login through the LMS (qualkit_lti.py), the grader's service told where the
    LTI settings are, and the students' servers opening a lesson's link (qualkit.lesson_link)."""
    source = f"{settings_file}: lti"
    configure_lti(c, settings.course, settings.lti, source, lti_roster_command(settings))
    for service in c.JupyterHub.services:
        if service.get("name") == settings.course:
            service["environment"]["QUALKIT_LTI_CONFIG"] = str(lti_settings_file(settings))


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def install_lti(settings, grader, config_dir: Path) -> None:
    """The tool's private key, readable by the hub and the grader only (refused otherwise);
    the launch records' folder, the grader's; the grader's copy of the settings; and lesson
    links switched on in everyone's server."""
    config = LtiConfig.from_mapping(settings.lti, "lti")
    key = config.private_key_file
    if not key.is_file():
        raise FileNotFoundError(
            f"{key}: the tool's private key (lti.private_key_file) is missing;"
            " make one with: openssl genpkey -algorithm RSA "
            f"-pkeyopt rsa_keygen_bits:2048 -out {key}"
        )
    if key.stat().st_mode & 0o077:
        raise PermissionError(
            f"{key}: the tool's private key is readable by others; chmod 600 {key}"
        )
    os.chown(key, grader.pw_uid, grader.pw_gid)  # root (the hub) and the grader read it
    config.state_dir.mkdir(parents=True, exist_ok=True)
    os.chown(config.state_dir, grader.pw_uid, grader.pw_gid)
    os.chmod(config.state_dir, 0o700)
    path = lti_settings_file(settings)
    grader_side = {"account_prefix": "jupyter-", **settings.lti}  # TLJH's account names
    path.write_text(
        json.dumps({k: str(v) for k, v in grader_side.items()}, indent=1) + "\n", encoding="utf-8"
    )
    os.chown(path, grader.pw_uid, grader.pw_gid)
    os.chmod(path, 0o600)
    lesson_links = {"ServerApp": {"jpserver_extensions": {"qualkit.lesson_link": True}}}
    _write_json(config_dir / "jupyter_server_config.d" / "qualkit-lesson-link.json", lesson_links)
