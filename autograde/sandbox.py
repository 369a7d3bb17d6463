"""Grading kernels in an operating-system sandbox.

During autograde every student's notebook runs on the grading machine. The in-kernel guard
(grading_guard.py) is Python, which a determined submission might undo; this module is what the
operating system enforces around each grading kernel, whatever the code inside does:

- **Identity.** The kernel runs in the group of ``qualkit-grader``, a system account with no
  login and no home (created on first use: ``useradd --system``), as a user id of its own
  (``FIRST_UID`` + the launcher's process id, unique among running kernels): kernels graded side
  by side cannot signal, starve (process limits count per user) or write each other. It owns
  only its working copy: the launcher hands over its working directory only if that is a
  working copy nbgrader made (``<area>/<student>/<lesson>`` in the autograded folder, the
  ``working_area`` setting) and refuses to start anywhere else (a checkout, a home folder).
- **What it sees.** A private mount namespace: the checkout (lesson sources, the key, the
  generator, tests), the build area (gradebook, other submissions, the exchange), ``/root``,
  ``/home`` and the PostgreSQL socket folder are covered by empty read-only file systems. Only
  the Python environment, ``src`` and the student corpus come back, read-only, and the working
  copy and the kernel's socket folder come back writable. ``/tmp`` is a small private tmpfs that
  vanishes with the kernel.
- **No network.** A fresh network namespace with no interface up, not even loopback. The kernel
  talks to the grader over Unix sockets (ZeroMQ ``ipc``), which a network namespace does not cut.
- **Limits.** setrlimit on address space, CPU time, processes, file size and open files; a PID
  namespace so that everything the kernel started dies with it.

This module builds the sandbox: the launcher (launcher.py) and the fork server (forkserver.py)
both build a kernel with ``plan`` (checked and read as root, before anything changes) and
``enter``; what the account is given, and with whose rights, is handover.py's. It imports
nothing of Jupyter's (it runs once per kernel).
A grader who is not root reaches the launcher through the privileged helper (``helper``: sudo
may run that one launcher, which trusts none of its caller's arguments, see ``Caller`` in
handover.py); without root or the helper a grader gets ordinary kernels, and ``make autograde``
says so under its summary; ``QUALKIT_SANDBOX=on`` makes the sandbox a requirement (``enabled``).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import pwd
import re
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from handover import Caller, foreign, open_folder, own, rights_of, socket_folder, working_copy

ACCOUNT = "qualkit-grader"
# Generous for a lesson (a kernel with pandas and matplotlib maps about 1 GiB of address space),
# small for an attack. CPU seconds bound a loop that swallows interrupts; processes bound a fork
# bomb (the account's processes and threads on the whole machine, so it allows a few kernels).
LIMITS = {
    "RLIMIT_AS": 3 * 2**30,
    "RLIMIT_CPU": 60,
    "RLIMIT_NPROC": 256,
    "RLIMIT_FSIZE": 64 * 2**20,
    "RLIMIT_NOFILE": 256,
    "RLIMIT_CORE": 0,
}
TMP_SIZE = "64m"
FIRST_UID = 1_500_000_000  # far above accounts and the subordinate ids of user namespaces
# The kernel's environment: nothing of the grader's (a database password, a token) passes.
KEPT_ENV = (
    "PATH",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "QUALKIT_CORPUS",
    "PYTHONPATH",
    "JPY_SESSION_NAME",
    "NBGRADER_EXECUTION",  # the in-kernel guard installs itself only when this says autograde
)
# Set for every kernel: its home and caches in its private /tmp, one thread for numerical code.
KERNEL_ENV = {
    "HOME": "/tmp",
    "TMPDIR": "/tmp",
    "MPLCONFIGDIR": "/tmp/matplotlib",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}

# Her practice group (qualkit/practice.py), as the grader regenerated it for this kernel: a
# folder ``<root>/<student id>``, read-only, named to the kernel as a published group is.
STUDENT_ID = re.compile(r"[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,63}")  # qualkit.practice's rule


GROUP_ENV = ("QUALKIT_PRACTICE_GROUPS", "QUALKIT_STUDENT")


def group_env(folder: str) -> dict[str, str]:
    """The variables that make qualkit in the kernel load the practice group in ``folder``.

    >>> group_env("/tmp/qualkit-group-x/qk-ana")
    {'QUALKIT_PRACTICE_GROUPS': '/tmp/qualkit-group-x', 'QUALKIT_STUDENT': 'qk-ana'}
    >>> group_env("/tmp/x/..")
    Traceback (most recent call last):
    ValueError: grading sandbox: refused: --group /tmp/x/..: not <folder>/<student id>
    """
    root, student = os.path.split(folder)
    if not STUDENT_ID.fullmatch(student) or not os.path.isabs(root):
        raise ValueError(f"grading sandbox: refused: --group {folder}: not <folder>/<student id>")
    return dict(zip(GROUP_ENV, (root, student), strict=True))


CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWPID = 0x00020000, 0x40000000, 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT = 1, 2, 4, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38


# The privileged helper a hub installs (deploy/tljh): a root-owned script that runs a
# root-owned copy of launcher.py, which sudo lets the grader account run, and nothing else.
HELPER = "/usr/local/sbin/qualkit-grading-sandbox"


@functools.cache
def helper() -> str | None:
    """The privileged helper's path (``QUALKIT_SANDBOX_HELPER``, default ``HELPER``) when this
    grader is not root and sudo lets it run the helper without a password; else None."""
    path = os.environ.get("QUALKIT_SANDBOX_HELPER") or HELPER
    if os.geteuid() == 0 or not os.path.isfile(path):
        return None
    sudo = ["sudo", "-n", "-l", path, "launch"]
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        if subprocess.run(sudo, capture_output=True, timeout=30).returncode == 0:
            return path
    return None


def enabled() -> bool:
    """``QUALKIT_SANDBOX``: ``auto`` (default) sandboxes when the grader runs as root or may
    run the privileged helper, ``on`` insists (the launcher refuses without root), ``off`` runs
    ordinary kernels."""
    mode = os.environ.get("QUALKIT_SANDBOX", "auto")
    return mode == "on" or (mode != "off" and (os.geteuid() == 0 or helper() is not None))


def status() -> str:
    """One line for the autograde report: is this run sandboxed, and where do kernels' own
    messages (their stderr) go?"""
    logs = "each kernel's stderr: kernel-logs/<student>/<lesson>/<notebook>.stderr.log"
    if enabled():
        via = f", through {helper()}" if helper() else ""
        return f"grading kernels: sandboxed (own user, no network, no course files, limits{via}); {logs}"
    return (
        "grading kernels: NOT sandboxed (the grader is neither root nor allowed the privileged "
        "helper, or QUALKIT_SANDBOX=off): only the in-kernel guard protects the course's files "
        f"(autograde/GRADING.md); {logs}"
    )


def interpreter() -> str:
    """This Python, named through its environment's real folder, which the sandbox brings back
    (a link to it inside a hidden checkout would name nothing there)."""
    inside = os.path.relpath(sys.executable, sys.prefix)
    if inside.startswith(".."):
        return sys.executable
    return os.path.join(os.path.realpath(sys.prefix), inside)


def account() -> pwd.struct_passwd:
    """The grading account, created (as a system account without login) if it is missing."""
    try:
        return pwd.getpwnam(ACCOUNT)
    except KeyError:
        pass
    if os.geteuid() != 0:
        raise PermissionError(f"grading sandbox: account {ACCOUNT!r} is missing; create it as root")
    subprocess.run(
        ["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
         "--shell", "/usr/sbin/nologin", ACCOUNT],
        check=True, capture_output=True,
    )  # fmt: skip
    return pwd.getpwnam(ACCOUNT)


# --- the launcher: runs as root, builds the sandbox, becomes the account, execs the kernel -----

libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"grading sandbox: {what}: {os.strerror(errno)}")


def _mount(source, target, fstype, flags, data=None) -> None:
    args = [a.encode() if a is not None else None for a in (source, target, fstype)]
    data = data.encode() if data is not None else None
    _check(libc.mount(*args, flags, data), f"mount {target}")


def _outermost(paths: list[str]) -> list[str]:
    """Existing real paths, without those inside another of the list.

    >>> _outermost(["/usr/lib", "/usr", "/no/such/folder"])
    ['/usr']
    """
    real = sorted({os.path.realpath(p) for p in paths if p and os.path.exists(p)})
    return [p for p in real if not any(p.startswith(q.rstrip("/") + "/") for q in real if q != p)]


def build_sandbox(
    hide: list[str], read: list[str], write: list[str], caller: Caller | None = None
) -> None:
    """In fresh mount and network namespaces: cover ``hide``, bring back ``read`` read-only and
    ``write`` writable (both at their own paths, opened with ``caller``'s rights), a private
    /tmp."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    covers = _outermost([*hide, "/tmp", "/var/tmp", "/dev/shm", "/run/postgresql"])
    keep = [(os.path.realpath(p), False) for p in read if os.path.exists(p)]
    keep += [(os.path.realpath(p), True) for p in write]
    keep = [(p, w) for p, w in keep if any(p == c or p.startswith(c + "/") for c in covers)]
    handles = [(open_folder(p, caller), p, w) for p, w in keep]
    for path in covers:
        size = TMP_SIZE if path in ("/tmp", "/var/tmp", "/dev/shm") else "1m"
        _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=0755")
    for fd, path, writable in sorted(handles, key=lambda h: h[1]):
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        if not writable:
            _mount(None, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_REC)
        os.close(fd)
    for path in covers:  # mount points made; the covers themselves become read-only
        if path not in ("/tmp", "/var/tmp", "/dev/shm"):
            _mount(None, path, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for path in ("/tmp", "/var/tmp", "/dev/shm"):
        os.chmod(path, 0o1777)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV)  # this PID namespace's processes only


def matplotlib_folder() -> str:
    """The grader's matplotlib folder, which holds its font list (a JSON file)."""
    return os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "matplotlib"
    )


def matplotlib_font_cache(folder: str | None = None) -> dict[str, str]:
    """The grader's matplotlib font list (a public list of fonts), handed to the kernel's
    private /tmp."""
    folder = folder or matplotlib_folder()
    found = Path(folder).glob("fontlist-*.json") if os.path.isdir(folder) else []
    return {path.name: path.read_text(encoding="utf-8") for path in found
            if path.is_file() and path.stat().st_size < 2**20}  # fmt: skip


def set_limits() -> None:
    for name, value in LIMITS.items():
        resource.setrlimit(getattr(resource, name), (value, value))


@dataclass(frozen=True)
class Plan:
    """A kernel's sandbox as the launcher checked and read it as root, before anything changes
    (plain data: the fork server receives it as JSON)."""

    hide: tuple[str, ...]
    read: tuple[str, ...]
    workdir: str  # the working copy, the one folder the account is given
    sockets: tuple[str, ...]  # the kernel's socket folder
    uid: int
    gid: int
    connection: str  # the connection file's text: the grader's copy is readable by root only
    fonts: dict[str, str]
    env: dict[str, str]  # the grader's KEPT_ENV, as it is when this kernel starts
    command: tuple[str, ...]
    caller: Caller | None = None  # through the privileged helper: whose rights open folders


# What a kernel started through the helper gets instead of its caller's environment (sudo
# passes none of it anyway): the interpreter's folder first, and autograde's mark for the guard.
HELPER_ENV = {"LANG": "C.UTF-8", "NBGRADER_EXECUTION": "autograde"}
CONNECTION_FILE_LIMIT = 64 * 1024


def plan(options: dict[str, list[str]], command: list[str], caller: Caller | None = None) -> Plan:
    """Check the folders (refusing any that is not a working copy or a kernel socket folder,
    naming it) and read what the account may not. The kernel's user id is unique among running
    kernels: the launcher's process id, which lives as long as the kernel.

    With a ``caller`` (the privileged helper), every folder the kernel gets must be the
    caller's, everything is opened with the caller's rights, and the environment is the
    helper's own, not the caller's."""
    workdir = working_copy(os.getcwd(), (options["--area"] or [""])[-1])
    sockets = tuple(socket_folder(folder) for folder in options["--write"])
    group = options.get("--group", [])[-1:]  # her practice group: read, and named to the kernel
    named = group_env(group[0]) if group else {}
    read = (*options["--read"], *group)
    with rights_of(caller), open(command[command.index("-f") + 1], encoding="utf-8") as handle:
        connection = handle.read(CONNECTION_FILE_LIMIT)
    if caller is None:
        fonts, env = matplotlib_font_cache(), kept_environment()
    else:
        for folder in [*read, workdir, *sockets]:
            if os.path.exists(folder):
                os.close(open_folder(os.path.realpath(folder), caller))  # refused here, early
        for folder in (workdir, *sockets):
            if stranger := foreign(folder, caller):
                raise PermissionError(
                    f"grading sandbox: refusing to hand {stranger} to the kernel: it is not "
                    "the caller's"
                )
        with rights_of(caller):  # the caller's own list, read with its rights
            home = pwd.getpwuid(caller.uid).pw_dir
            fonts = matplotlib_font_cache(os.path.join(home, ".cache", "matplotlib"))
        env = {**HELPER_ENV, "PATH": f"{os.path.dirname(sys.executable)}:/usr/bin:/bin"}
    return Plan(tuple(options["--hide"]), read, workdir, sockets,
                FIRST_UID + os.getpid(), account().pw_gid, connection, fonts, {**env, **named},
                tuple(command), caller)  # fmt: skip


def kept_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key in KEPT_ENV}


def enter(plan: Plan) -> tuple[list[str], dict[str, str]]:
    """In fresh mount, network and PID namespaces, as root: build the sandbox, hand the working
    copy to the account and become it. Returns the kernel's command and environment."""
    caller = plan.caller
    build_sandbox(list(plan.hide), list(plan.read), [plan.workdir, *plan.sockets], caller)
    uid, gid = plan.uid, plan.gid
    own(plan.workdir, uid, gid, only=caller and caller.uid)
    for folder in plan.sockets:
        # The helper's caller is not root: it reaches the kernel's sockets through its group
        # (new files in the folder take the folder's group, and the kernel's umask lets that
        # group write them), and no other account does.
        os.chown(folder, uid, caller.gid if caller else gid, follow_symlinks=False)
        if caller:
            os.chmod(folder, 0o2770, follow_symlinks=False)
    Path("/tmp/matplotlib").mkdir()
    for name, text in plan.fonts.items():  # without it, matplotlib scans every font each time
        Path("/tmp/matplotlib", name).write_text(text, encoding="utf-8")
    own("/tmp/matplotlib", uid, gid)
    Path("/tmp/kernel.json").write_text(plan.connection)
    os.chown("/tmp/kernel.json", uid, gid)
    os.chmod("/tmp/kernel.json", 0o600)
    command = list(plan.command)
    command[command.index("-f") + 1] = "/tmp/kernel.json"
    set_limits()
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")
    _check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent death signal")
    os.chdir(plan.workdir)
    if caller:
        os.umask(0o007)
    env = {**plan.env, **KERNEL_ENV, "USER": ACCOUNT}
    # The kernel's outputs travel over its sockets; its own stdout would only print a
    # connection banner into the grader's report (no JPY_PARENT_PID: it is PID 1 here).
    to_devnull(1, os.O_WRONLY)
    return command, env


def to_devnull(fd: int, mode: int) -> None:
    """Point ``fd`` at /dev/null, leaving no other descriptor open (a forked kernel keeps all)."""
    devnull = os.open(os.devnull, mode)
    os.dup2(devnull, fd)
    os.close(devnull)
