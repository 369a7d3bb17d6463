"""TLJH plugin for qualkit: the course on The Littlest JupyterHub, graded with nbgrader.

It follows nbgrader's documented JupyterHub setup (one course, several graders):

- the kit's environment (environment.yml) and qualkit itself, from a checkout that students
  cannot read, in TLJH's user environment;
- a shared exchange, writable by everyone (``chmod ugo+rw``, as nbgrader's docs say);
- the course's formgrader as a JupyterHub service run by a grader account that holds the
  course (sources, gradebook) in its private home;
- the groups ``formgrade-<course>`` (graders: access to the formgrader) and
  ``nbgrader-<course>`` (students: the course in their Assignment List), with
  ``JupyterHubAuthPlugin`` so that each person sees only their courses;
- Formgrader and Create Assignment switched off in everyone's own server;
- private home folders, so no student reads another's work;
- the grading sandbox on Formgrader's Autograde too: a privileged helper (a root-owned copy of
  the kit's kernel launcher) that a sudoers rule lets the grader account run, and nothing else
  (:func:`install_sandbox_helper`; autograde/GRADING.md).

Settings come from a YAML file (``QUALKIT_HUB_CONFIG``, default /etc/qualkit/hub.yaml); every
key is optional (see :class:`Settings`). The hub test (tests/test_hub.py) runs a real
JupyterHub with this module's :func:`configure_hub` and :func:`install_course`.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path

try:  # installed into TLJH's hub environment, where tljh provides the hook marker
    from tljh.hooks import hookimpl
except ImportError:  # outside TLJH: tests register the hooks with pluggy themselves
    try:
        import pluggy

        hookimpl = pluggy.HookimplMarker("tljh")
    except ImportError:  # a plain JupyterHub that only calls configure_hub()

        def hookimpl(function):
            return function


CONFIG_ENV = "QUALKIT_HUB_CONFIG"
SHARED_ENV = "QUALKIT_UNSAFE_SHARED_PRACTICE_GROUPS_KEY_IS_PUBLIC"  # generator/per_student.py
DEFAULT_CONFIG = Path("/etc/qualkit/hub.yaml")
TLJH_USER_PREFIX = Path("/opt/tljh/user")
# Instructor tools, off in everyone's own server and on in the grader's service only.
INSTRUCTOR_LAB_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment")
INSTRUCTOR_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",)


@dataclass(frozen=True)
class Settings:
    """Where the course lives on the hub and who grades it."""

    repo: Path = Path("/opt/qualkit")  # a checkout only root can read (it has the key)
    course: str = "qualkit"
    graders: tuple[str, ...] = ()  # hub users in formgrade-<course>
    students: tuple[str, ...] = ()  # hub users in nbgrader-<course> (Formgrader adds more)
    exchange: Path = Path("/srv/nbgrader/exchange")
    service_port: int = 9999
    grader_home: Path | None = None  # default: the grader account's home
    # A practice focus group for each student, the default (instructors/README.md): the course
    # secret's file (default: <course_root>/build/grader/practice-secret, made on install when
    # missing, the grader's only) and the folder students read groups from. The shared groups,
    # whose key is public with the repository, only if this opt-out is true: never for grading.
    practice_secret_file: Path | None = None
    practice_groups: Path = Path("/srv/qualkit/practice-groups")
    unsafe_shared_practice_groups_key_is_public: bool = False
    # The grading sandbox's privileged helper: a script (root's), the launcher it runs (a copy,
    # root's), the sudoers rule that lets the grader run the script, and the Python that runs it.
    sandbox_helper: Path = Path("/usr/local/sbin/qualkit-grading-sandbox")
    sandbox_launcher: Path = Path("/usr/local/lib/qualkit-grading-sandbox")
    sandbox_sudoers: Path = Path("/etc/sudoers.d/qualkit-grading-sandbox")
    sandbox_python: Path = TLJH_USER_PREFIX / "bin" / "python"
    # The course inside the school's LMS over LTI 1.3 (lti_launch.LtiConfig's keys; empty: the
    # hub's own login). See qualkit_lti.py and README, For hub admins.
    lti: dict = field(default_factory=dict, compare=False)
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def grader(self) -> str:
        """The account that runs the formgrader and owns the course files."""
        return f"grader-{self.course}"

    @property
    def course_root(self) -> Path:
        return (self.grader_home or Path("/home") / self.grader) / self.course

    @property
    def secret_file(self) -> Path:
        """The course secret: where the kit's graders look by default, unless named."""
        return (
            self.practice_secret_file or self.course_root / "build" / "grader" / "practice-secret"
        )


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file means the defaults, a bad key names itself."""
    import yaml

    path = Path(path or os.environ.get(CONFIG_ENV, DEFAULT_CONFIG))
    if not path.exists():
        return Settings()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of settings, got {type(data).__name__}")
    known = {f.name for f in fields(Settings)} - {"extra"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(
            f"{path}: unknown setting {unknown[0]!r}; known: {', '.join(sorted(known))}"
        )
    for key in ("graders", "students"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(u, str) for u in value):
            raise ValueError(f"{path}: {key!r} must be a list of user names")
        data[key] = tuple(value)
    paths = ("repo", "exchange", "grader_home", "practice_secret_file", "practice_groups",
             "sandbox_helper", "sandbox_launcher", "sandbox_sudoers", "sandbox_python")  # fmt: skip
    for key in paths:
        if data.get(key) is not None:
            data[key] = Path(data[key])
    shared = "unsafe_shared_practice_groups_key_is_public"
    if shared in data and not isinstance(data[shared], bool):
        raise ValueError(f"{path}: {shared!r} must be true or false")
    if "service_port" in data and not isinstance(data["service_port"], int):
        raise ValueError(f"{path}: 'service_port' must be a whole number")
    return Settings(**data)


# --- JupyterHub configuration ----------------------------------------------------------------


def configure_hub(
    c,
    settings: Settings,
    service_command: list[str] | None = None,
    service_environment: dict | None = None,
) -> None:
    """Groups, roles and the formgrader service, as nbgrader documents them for JupyterHub."""
    course = settings.course
    formgrade, students = f"formgrade-{course}", f"nbgrader-{course}"
    _add(
        c.JupyterHub,
        "load_groups",
        {
            # The grader account is a hub user too: nbgrader's formgrader asks the hub for its
            # groups to know which course it serves.
            formgrade: {"users": [*settings.graders, settings.grader]},
            students: {"users": list(settings.students)},
        },
    )
    _add(
        c.JupyterHub,
        "load_roles",
        [
            {  # graders reach the formgrader service
                "name": formgrade,
                "groups": [formgrade],
                "scopes": [
                    f"access:services!service={course}",
                    "list:services",
                    f"read:services!service={course}",
                ],
            },
            {  # students find the course (the Assignment List asks the hub)
                "name": students,
                "groups": [students],
                "scopes": ["list:services", f"read:services!service={course}"],
            },
            {  # a server's token acts as its owner, so nbgrader can read the owner's groups
                "name": "server",
                "scopes": ["inherit"],
            },
            {  # the formgrader adds students to the course group (Manage Students)
                "name": f"{course}-formgrader",
                "services": [course],
                "scopes": [
                    "read:users",
                    "list:groups",
                    f"read:groups!group={students}",
                    f"groups!group={students}",
                ],
            },
        ],
    )
    # The grader's own Jupyter settings (instructor tools on) must beat the shared ones (off):
    # a virtual or conda environment's settings outrank ~/.jupyter unless it is named first.
    environment = dict(service_environment or {})
    environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        filter(
            None,
            [str(settings.course_root.parent / ".jupyter"), environment.get("JUPYTER_CONFIG_PATH")],
        )
    )
    # The grader's copy of the key (the wheel in the user environment carries none).
    environment.setdefault("QUALKIT_KEY", str(settings.course_root / "datasets" / "key"))
    # Formgrader's Autograde starts each kernel through the privileged helper (sandbox.py).
    environment.setdefault("QUALKIT_SANDBOX_HELPER", str(settings.sandbox_helper))
    if settings.unsafe_shared_practice_groups_key_is_public:  # said wherever the grader works
        environment[SHARED_ENV] = "1"
    else:  # the grader makes and grades groups; students read theirs
        groups = {"QUALKIT_PRACTICE_GROUPS": str(settings.practice_groups)}
        environment.update(groups, QUALKIT_PRACTICE_SECRET_FILE=str(settings.secret_file))
        _add(c.Spawner, "environment", {**groups, "QUALKIT_STUDENT": student_id})
    _add(
        c.JupyterHub,
        "services",
        [
            {
                "name": course,  # nbgrader: the service's name is the course id
                "url": f"http://127.0.0.1:{settings.service_port}",
                "command": service_command or ["jupyterhub-singleuser"],
                "user": settings.grader,
                "cwd": str(settings.course_root.parent),
                "environment": {"JUPYTERHUB_DEFAULT_URL": "/formgrader", **environment},
                "oauth_no_confirm": True,
            }
        ],
    )
    if settings.lti:  # the hub entered from the school's LMS
        _lti().configure_lti_hub(c, settings, os.environ.get(CONFIG_ENV, str(DEFAULT_CONFIG)))


def student_id(spawner) -> str:
    """Her id as nbgrader and her published group know her: her Unix account, which TLJH names
    ``jupyter-<hub name>`` (her hub name elsewhere)."""
    try:
        from tljh.normalize import generate_system_username
    except ImportError:  # a plain JupyterHub: accounts carry hub names
        return spawner.user.name
    return generate_system_username("jupyter-" + spawner.user.name)


def _add(section, name: str, items):
    """Add to a hub setting without dropping what TLJH set before (its idle culler, say)."""
    if name not in section:
        section[name] = items
    elif isinstance(section[name], list | dict):
        current = section[name]
        section[name] = {**current, **items} if isinstance(current, dict) else [*current, *items]
    else:  # a lazy value (c.JupyterHub.services.append(...)): traitlets applies it later
        (section[name].update if isinstance(items, dict) else section[name].extend)(items)


# --- files on the machine --------------------------------------------------------------------


def shared_nbgrader_config(settings: Settings, config_dir: Path) -> str:
    """Everyone's nbgrader_config.py: Validate as autograde judges, the shared exchange."""
    return (
        '"""nbgrader on this hub, written by tljh-qualkit."""\n\n'
        "c = get_config()  # noqa: F821\n"
        "# How notebooks run and are checked: the course's own settings (a copy).\n"
        f"load_subconfig({str(config_dir / 'validate_config.py')!r})  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {settings.course!r}\n"
        f"c.Exchange.root = {str(settings.exchange)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        'c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"\n'
    )


def grader_nbgrader_config(settings: Settings) -> str:
    """The grader account's nbgrader_config.py: the kit's course config, on the shared exchange."""
    return (
        '"""nbgrader for the course grader, written by tljh-qualkit."""\n\n'
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(settings.course_root / 'autograde' / 'nbgrader_config.py')!r})"
        "  # noqa: F821\n"
        f"c.Exchange.root = {str(settings.exchange)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        'c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"\n'
    )


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def write_jupyter_config(config_dir: Path, settings: Settings, enabled: bool) -> None:
    """nbgrader and extension settings in one Jupyter config folder.

    ``enabled=False``: the shared folder (everyone's servers): instructor tools off.
    ``enabled=True``: the grader's own ~/.jupyter, which overrides it: tools back on.
    """
    _write_json(
        config_dir / "labconfig" / "page_config.json",
        {"disabledExtensions": dict.fromkeys(INSTRUCTOR_LAB_PLUGINS, not enabled)},
    )
    _write_json(
        config_dir / "jupyter_server_config.json",
        {
            "ServerApp": {
                "jpserver_extensions": dict.fromkeys(INSTRUCTOR_SERVER_EXTENSIONS, enabled)
            }
        },
    )
    if enabled:
        text = grader_nbgrader_config(settings)
    else:
        shutil.copyfile(
            settings.repo / "autograde" / "validate_config.py", config_dir / "validate_config.py"
        )
        text = shared_nbgrader_config(settings, config_dir)
    (config_dir / "nbgrader_config.py").write_text(text, encoding="utf-8")


def ensure_account(name: str, home: Path | None = None) -> pwd.struct_passwd:
    """A system account with a private home (created when missing)."""
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        where = ["--home-dir", str(home)] if home else []
        subprocess.run(
            ["useradd", "--create-home", *where, "--shell", "/bin/bash", name], check=True
        )
        account = pwd.getpwnam(name)
    os.chmod(account.pw_dir, 0o700)
    return account


def install_course(settings: Settings, jupyter_config_dir: Path) -> None:
    """Exchange, grader account and course, and the Jupyter settings (run as root)."""
    settings.exchange.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.exchange, 0o777)  # nbgrader's docs: chmod ugo+rw; nbgrader guards inside
    grader = ensure_account(settings.grader, settings.grader_home)
    root = settings.course_root
    root.parent.mkdir(parents=True, exist_ok=True)
    for part in ("lessons", "autograde", "datasets"):  # sources, course config, corpus and key
        shutil.copytree(
            settings.repo / part,
            root / part,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.codings.json"),
        )
    (root / "build").mkdir(exist_ok=True)  # nbgrader's output and gradebook (autograde/)
    write_jupyter_config(jupyter_config_dir, settings, enabled=False)
    write_jupyter_config(root.parent / ".jupyter", settings, enabled=True)
    for path in [root.parent, *root.parent.rglob("*")]:
        os.chown(path, grader.pw_uid, grader.pw_gid, follow_symlinks=False)
    os.chmod(root.parent, 0o700)  # solutions, hidden tests and the gradebook stay the grader's
    if not settings.unsafe_shared_practice_groups_key_is_public:
        install_practice_groups(settings, grader)
        publish_practice_groups(settings, settings.students)
    install_sandbox_helper(settings)
    if settings.lti:
        _lti().install_lti(settings, grader, jupyter_config_dir)


# The launcher and what it imports: copied, root's, so the grader cannot change what sudo runs.
SANDBOX_MODULES = ("launcher.py", "sandbox.py", "handover.py", "forkserver.py")


def sandbox_helper_script(settings: Settings) -> str:
    """The helper sudo runs: Python ignoring the caller's environment (-E) and user folder
    (-s), writing no bytecode (-B), runs the root-owned launcher, always in its ``helper``
    mode, which trusts no argument."""
    launcher = settings.sandbox_launcher / "launcher.py"
    return (
        "#!/bin/sh\n"
        "# qualkit's grading sandbox for a grader who is not root (tljh-qualkit; GRADING.md).\n"
        f'exec {settings.sandbox_python} -E -s -B {launcher} helper "$@"\n'
    )


def sandbox_sudoers_rule(settings: Settings) -> str:
    """The grader account may run the helper as root, without a password, and nothing else."""
    return (
        "# qualkit: the grader may start sandboxed grading kernels (written by tljh-qualkit)\n"
        f"{settings.grader} ALL=(root) NOPASSWD: {settings.sandbox_helper}\n"
    )


def install_sandbox_helper(settings: Settings) -> None:
    """The privileged helper: the launcher copied where only root writes, the script, and the
    sudoers rule (checked with ``visudo`` before it takes effect). Every folder above them must
    be root's and closed to others' writes, or the grader could swap what sudo runs."""
    for path in (settings.sandbox_launcher, settings.sandbox_helper.parent):
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, 0o755)
    for folder in [*settings.sandbox_launcher.parents, settings.sandbox_launcher,
                   *settings.sandbox_helper.parents]:  # fmt: skip
        info = folder.stat()
        if info.st_uid != 0 or info.st_mode & 0o022:
            raise PermissionError(f"{folder}: the sandbox helper needs folders only root writes")
    for name in SANDBOX_MODULES:
        target = settings.sandbox_launcher / name
        shutil.copyfile(settings.repo / "autograde" / name, target)
        os.chmod(target, 0o644)
    settings.sandbox_helper.write_text(sandbox_helper_script(settings), encoding="utf-8")
    os.chmod(settings.sandbox_helper, 0o755)
    settings.sandbox_sudoers.parent.mkdir(parents=True, exist_ok=True)
    draft = settings.sandbox_sudoers.with_name(".qualkit-draft")  # sudo skips names with dots
    draft.write_text(sandbox_sudoers_rule(settings), encoding="utf-8")
    os.chmod(draft, 0o440)
    subprocess.run(["visudo", "-c", "-q", "-f", str(draft)], check=True)
    draft.replace(settings.sandbox_sudoers)


def install_practice_groups(settings: Settings, grader: pwd.struct_passwd) -> None:
    """The course secret (made when missing), the grader's only; the groups folder, which
    the grader writes and students read (make practice-groups publishes into it)."""
    import secrets

    secret = settings.secret_file
    if not secret.parent.exists():  # a folder of its own (the default): the grader's only
        secret.parent.mkdir(parents=True, mode=0o700)
        os.chown(secret.parent, grader.pw_uid, grader.pw_gid)
    if not secret.exists():
        secret.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
    os.chown(secret, grader.pw_uid, grader.pw_gid)
    os.chmod(secret, 0o600)
    settings.practice_groups.mkdir(parents=True, exist_ok=True)
    os.chown(settings.practice_groups, grader.pw_uid, grader.pw_gid)
    os.chmod(settings.practice_groups, 0o755)


def publish_practice_groups(settings: Settings, students) -> None:
    """Each student's group, published by the grader (``make practice-groups``), so that she
    has it before she first codes; nothing when the course is not installed yet."""
    script = settings.course_root / "autograde" / "practice_groups.py"
    if not students or settings.unsafe_shared_practice_groups_key_is_public or not script.exists():
        return
    if not settings.sandbox_python.exists():  # TLJH's user environment is not there yet
        print(f"tljh-qualkit: {settings.sandbox_python} is missing, so no practice group was "
              "published: as the grader, run make practice-groups", file=sys.stderr)  # fmt: skip
        return
    env = {
        "PATH": f"{settings.sandbox_python.parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(settings.course_root.parent),
        "QUALKIT_PRACTICE_SECRET_FILE": str(settings.secret_file),
        "QUALKIT_PRACTICE_GROUPS": str(settings.practice_groups),
    }
    subprocess.run(
        [shutil.which("runuser") or "/usr/sbin/runuser", "-u", settings.grader, "--",
         str(settings.sandbox_python), str(script), "publish", *students],
        env=env, cwd=settings.course_root, check=True,
    )  # fmt: skip


# --- LTI 1.3: the course inside the school's LMS (qualkit_lti.py) -------------------------------


def _lti():
    """qualkit_lti, beside this file (it needs the hub's jupyterhub-ltiauthenticator)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import qualkit_lti

    return qualkit_lti


# --- TLJH hooks ------------------------------------------------------------------------------


@hookimpl
def tljh_extra_user_pip_packages():
    """The kit's declared environment, then qualkit itself (a wheel: no key in it)."""
    settings = load_settings()
    sys.path.insert(0, str(settings.repo / "tools"))
    try:
        from requirements_from_environment import pip_requirements
    finally:
        sys.path.pop(0)
    return [*pip_requirements(settings.repo / "environment.yml"), str(settings.repo)]


@hookimpl
def tljh_custom_jupyterhub_config(c):
    configure_hub(c, load_settings())


@hookimpl
def tljh_post_install():
    install_course(load_settings(), TLJH_USER_PREFIX / "etc" / "jupyter")


@hookimpl
def tljh_new_user_create(username):
    """TLJH creates accounts at first login with a readable home: make it private. A new
    student gets her practice group now, before she first codes."""
    os.chmod(pwd.getpwnam(username).pw_dir, 0o700)
    settings = load_settings()
    if username in (*settings.graders, settings.grader):
        return
    try:
        publish_practice_groups(settings, [username])
    except (OSError, subprocess.CalledProcessError) as error:  # her login goes on regardless
        print(f"tljh-qualkit: no practice group published for {username} ({error}); as the "
              f"grader: make practice-groups STUDENTS={username}", file=sys.stderr)  # fmt: skip
