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

``SandboxKernelManager`` (grading_kernels.py) puts ``python sandbox.py launch ... -- <kernel
command>`` in front of the kernel command. The launcher starts as the grader's user (root) and
drops to the account before the kernel's first line runs; with ``--server`` the kernel is forked
from the fork server (forkserver.py), built by the same ``enter``. This module imports nothing
of Jupyter's: it runs once per kernel. A grader who is not root (Formgrader on a hub, as the
grader's account) gets ordinary kernels, and ``make autograde`` says so at the top of its
report; ``QUALKIT_SANDBOX=on`` makes the sandbox a requirement (see ``enabled``).
"""

from __future__ import annotations

import ctypes
import os
import pwd
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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

CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWPID = 0x00020000, 0x40000000, 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT = 1, 2, 4, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38


def enabled() -> bool:
    """``QUALKIT_SANDBOX``: ``auto`` (default) sandboxes when the grader runs as root, ``on``
    insists (the launcher refuses without root), ``off`` runs ordinary kernels."""
    mode = os.environ.get("QUALKIT_SANDBOX", "auto")
    return mode == "on" or (mode != "off" and os.geteuid() == 0)


def status() -> str:
    """One line for the autograde report: is this run sandboxed?"""
    if enabled():
        return "grading kernels: sandboxed (own user, no network, no course files, limits)"
    return (
        "grading kernels: NOT sandboxed (the grader is not root, or QUALKIT_SANDBOX=off): "
        "only the in-kernel guard protects the course's files (autograde/GRADING.md)"
    )


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


def build_sandbox(hide: list[str], read: list[str], write: list[str]) -> None:
    """In fresh mount and network namespaces: cover ``hide``, bring back ``read`` read-only and
    ``write`` writable (both at their own paths), a private /tmp."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    covers = _outermost([*hide, "/tmp", "/var/tmp", "/dev/shm", "/run/postgresql"])
    keep = [(os.path.realpath(p), False) for p in read if os.path.exists(p)]
    keep += [(os.path.realpath(p), True) for p in write]
    keep = [(p, w) for p, w in keep if any(p == c or p.startswith(c + "/") for c in covers)]
    handles = [(os.open(p, os.O_PATH | os.O_DIRECTORY), p, w) for p, w in keep]
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


# How deep below the working area nbgrader puts a working copy: <student>/<lesson>.
WORKING_COPY_DEPTH = 2


def working_copy(folder: str, area: str) -> str:
    """``folder`` if it is a working copy in ``area`` (``<area>/<student>/<lesson>``), which
    the launcher may hand to the grading account; anything else is refused, naming it.

    >>> working_copy("/b/autograded/ann/lesson-01", "/b/autograded")
    '/b/autograded/ann/lesson-01'
    >>> working_copy("/b", "/b/autograded")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    PermissionError: grading sandbox: refusing to start a kernel in /b: it is not a working ...
    """
    real, root = os.path.realpath(folder), os.path.realpath(area) if area else ""
    parts = Path(real).relative_to(root).parts if root and Path(real).is_relative_to(root) else ()
    if root == "/" or len(parts) != WORKING_COPY_DEPTH:
        where = f"the working area {root}" if root else "a working area (none was given)"
        raise PermissionError(
            f"grading sandbox: refusing to start a kernel in {real}: it is not a working copy "
            f"(<student>/<lesson>) inside {where}, and the kernel's account would be given "
            "every file in it"
        )
    return real


def own(folder: str, uid: int, gid: int) -> None:
    """The working copy belongs to the account (it was copied there by the grader). Symbolic
    links are changed, never followed."""
    os.chown(folder, uid, gid, follow_symlinks=False)
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            os.chown(os.path.join(root, name), uid, gid, follow_symlinks=False)


def socket_folder(folder: str) -> str:
    """A kernel's socket folder as SandboxKernels makes it (``qualkit-kernel-*``): the only
    other folder the launcher hands over (the folder alone, not what it holds)."""
    real = os.path.realpath(folder)
    if not (Path(real).name.startswith("qualkit-kernel-") and os.path.isdir(real)):
        raise PermissionError(
            f"grading sandbox: refusing to hand {real} to the kernel: besides its working copy "
            "it may write only a socket folder qualkit-kernel-*"
        )
    return real


def matplotlib_folder() -> str:
    """The grader's matplotlib folder, which holds its font list (a JSON file)."""
    return os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "matplotlib"
    )


def matplotlib_font_cache() -> dict[str, str]:
    """The grader's matplotlib font list, handed to the kernel's private /tmp."""
    folder = matplotlib_folder()
    found = Path(folder).glob("fontlist-*.json") if os.path.isdir(folder) else []
    return {path.name: path.read_text(encoding="utf-8") for path in found}


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


def plan(options: dict[str, list[str]], command: list[str]) -> Plan:
    """Check the folders (refusing any that is not a working copy or a kernel socket folder,
    naming it) and read what the account may not. The kernel's user id is unique among running
    kernels: the launcher's process id, which lives as long as the kernel."""
    workdir = working_copy(os.getcwd(), (options["--area"] or [""])[-1])
    sockets = tuple(socket_folder(folder) for folder in options["--write"])
    connection = Path(command[command.index("-f") + 1]).read_text()
    return Plan(tuple(options["--hide"]), tuple(options["--read"]), workdir, sockets,
                FIRST_UID + os.getpid(), pwd.getpwnam(ACCOUNT).pw_gid, connection,
                matplotlib_font_cache(), kept_environment(), tuple(command))  # fmt: skip


def kept_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key in KEPT_ENV}


def enter(plan: Plan) -> tuple[list[str], dict[str, str]]:
    """In fresh mount, network and PID namespaces, as root: build the sandbox, hand the working
    copy to the account and become it. Returns the kernel's command and environment."""
    build_sandbox(list(plan.hide), list(plan.read), [plan.workdir, *plan.sockets])
    uid, gid = plan.uid, plan.gid
    own(plan.workdir, uid, gid)
    for folder in plan.sockets:
        os.chown(folder, uid, gid, follow_symlinks=False)
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


def split_arguments(argv: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    lists = {"--hide": [], "--read": [], "--write": [], "--area": [], "--server": []}
    for flag, value in zip(options[::2], options[1::2], strict=True):
        lists[flag].append(value)
    return lists, command


def launch(argv: list[str]) -> int:
    options, command = split_arguments(argv)
    if os.geteuid() != 0:
        print("grading sandbox: the grader must run as root to drop rights (or set "
              "QUALKIT_SANDBOX=off, see autograde/GRADING.md)", file=sys.stderr)  # fmt: skip
        return 2
    try:  # before anything changes
        kernel = plan(options, command)
    except (PermissionError, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 2
    if options["--server"]:  # a kernel forked from the fork server, its imports done
        sys.modules.setdefault("sandbox", sys.modules["__main__"])  # one copy of this module
        import forkserver

        status = forkserver.ask(options["--server"][-1], kernel)
        if status is not None:
            return status
        print("grading sandbox: starting the kernel without the fork server", file=sys.stderr)
    grader = os.getppid()
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID), "unshare")
    child = os.fork()
    if child:  # outside the PID namespace: wait, pass SIGTERM on, and report the kernel's end
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the kernel gets its own (process group)
        signal.signal(signal.SIGTERM, lambda *_: os.kill(child, signal.SIGKILL))
        # A grader that dies without ending its kernel takes the kernel with it: the kernel is
        # PID 1 of its namespace, so a fork bomb it started ends too instead of spinning on.
        _check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0), "parent death signal")
        if os.getppid() != grader:  # the grader died before the line above
            os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        return os.waitstatus_to_exitcode(status) & 0xFF
    try:
        command, env = enter(kernel)
        os.execvpe(command[0], command, env)
    except BaseException as error:
        print(f"grading sandbox: {error}", file=sys.stderr)
        os._exit(3)


if __name__ == "__main__":
    if sys.argv[1:2] != ["launch"]:
        sys.exit(
            "usage: sandbox.py launch [--hide P] [--read P] [--write SOCKETS] --area AREA "
            "[--server SOCKET] -- KERNEL COMMAND"
        )
    status = launch(sys.argv[2:])
    sys.stdout.flush()
    os._exit(status)  # the kernel has ended: nothing left to tidy in this process
