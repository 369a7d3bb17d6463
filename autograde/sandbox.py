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

``SandboxedExecute`` (configured in nbgrader_config.py for autograde only) starts kernels through
``SandboxKernelManager``, which puts ``python sandbox.py launch ... -- <kernel command>`` in front
of the kernel command. The launcher starts as the grader's user (root) and drops to the account
before the kernel's first line runs. A grader who is not root (Formgrader on a hub, as the
grader's account) gets ordinary kernels, and ``make autograde`` says so at the top of its
report; ``QUALKIT_SANDBOX=on`` makes the sandbox a requirement (see ``enabled``).
"""

from __future__ import annotations

import ctypes
import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
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


# --- the grader's side: a kernel manager whose kernels start through the launcher -------------

# The launcher (this file run as a script, once per kernel) needs none of this: importing
# nbgrader would cost it seconds per submission.
AsyncKernelManager = Execute = object
if __name__ != "__main__":
    from queue import Empty

    from jupyter_client import AsyncKernelManager
    from jupyter_core.utils import ensure_async
    from nbgrader.preprocessors import Execute
    from traitlets import Float, List, Unicode
    from traitlets.config import Configurable

if AsyncKernelManager is not object:

    class SandboxKernels(Configurable):
        """Kernels over Unix sockets in a folder of their own, started through the launcher
        (mixed into a jupyter_client kernel manager)."""

        hidden = List(Unicode(), help="folders the kernel must not see").tag(config=True)
        readable = List(Unicode(), help="folders inside hidden ones it may read").tag(config=True)
        working_area = Unicode(
            help="the folder of working copies (nbgrader's autograded folder): a kernel starts "
            "only in <working_area>/<student>/<lesson>, which becomes the grading account's"
        ).tag(config=True)

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.socket_dir = tempfile.mkdtemp(prefix="qualkit-kernel-")
            self.ip = os.path.join(self.socket_dir, "k")

        def format_kernel_cmd(self, extra_arguments=None):
            command = super().format_kernel_cmd(extra_arguments)
            if not enabled():
                return command
            # The kernel's own user id is chosen by the launcher: the folder is opened to it
            # there (``own``); until then it is the grader's alone.
            account()
            launcher = [sys.executable, str(Path(__file__).resolve()), "launch"]
            for path in self.hidden:
                launcher += ["--hide", path]
            for path in [*self.readable, sys.prefix, sys.base_prefix]:
                launcher += ["--read", path]
            launcher += ["--write", self.socket_dir, "--area", self.working_area]
            return [*launcher, "--", *command]

        async def _async_cleanup_resources(self, restart=False):
            await super()._async_cleanup_resources(restart=restart)
            if not restart:
                shutil.rmtree(self.socket_dir, ignore_errors=True)

    class SandboxKernelManager(SandboxKernels, AsyncKernelManager):
        """What nbclient (through SandboxedExecute) starts grading kernels with.

        nbgrader interrupts a cell that runs past its timeout and goes on with the next one. A
        kernel that needs a second interrupt ignored the first (a loop that swallows
        KeyboardInterrupt keeps it busy, and every later cell would wait out the timeout too):
        it is killed, and the submission is reported as not graded."""

        interrupts = 0

        async def cleanup_resources(self, restart=False):
            # AsyncKernelManager binds this name to KernelManager's function: route it here,
            # so that a kernel that died also leaves no socket folder behind.
            await self._async_cleanup_resources(restart=restart)

        async def interrupt_kernel(self):
            self.interrupts += 1
            if self.interrupts > 1:
                await self._async_kill_kernel()
            else:
                await self._async_interrupt_kernel()

    class SandboxedExecute(Execute):
        """nbgrader's Execute with sandboxed kernels (autograde only: students' Validate and the
        instructor's own runs of a source notebook keep ordinary kernels)."""

        interrupt_grace = Float(
            10.0, help="seconds an interrupted cell has to answer before its kernel is killed"
        ).tag(config=True)

        def __init__(self, *args, **kwargs):
            # nbgrader's Execute sets its kernel manager the same way, in __init__.
            kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
            super().__init__(*args, **kwargs)

        async def _async_handle_timeout(self, timeout, cell=None):
            """Interrupt a cell past its timeout (nbclient), then wait briefly for its answer:
            a kernel that gives none swallowed the interrupt, and is killed now rather than
            after the next cell has waited out a whole timeout as well."""
            reply = await super()._async_handle_timeout(timeout, cell)
            try:  # the interrupted cell's execute reply (nbclient would skip it as stale)
                await ensure_async(self.kc.shell_channel.get_msg(timeout=self.interrupt_grace))
            except Empty:
                await self.km._async_kill_kernel()  # as SandboxKernelManager does
            return reply


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


def matplotlib_font_cache() -> dict[str, bytes]:
    """The grader's matplotlib font list (a JSON file), handed to the kernel's private /tmp."""
    folder = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "matplotlib"
    )
    found = Path(folder).glob("fontlist-*.json") if os.path.isdir(folder) else []
    return {path.name: path.read_bytes() for path in found}


def set_limits() -> None:
    for name, value in LIMITS.items():
        resource.setrlimit(getattr(resource, name), (value, value))


def launch(argv: list[str]) -> int:
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    lists = {"--hide": [], "--read": [], "--write": [], "--area": []}
    for flag, value in zip(options[::2], options[1::2], strict=True):
        lists[flag].append(value)
    if os.geteuid() != 0:
        print("grading sandbox: the grader must run as root to drop rights (or set "
              "QUALKIT_SANDBOX=off, see autograde/GRADING.md)", file=sys.stderr)  # fmt: skip
        return 2
    try:  # before anything changes: the folders the account will own
        workdir = working_copy(os.getcwd(), (lists["--area"] or [""])[-1])
        sockets = [socket_folder(folder) for folder in lists["--write"]]
    except (PermissionError, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 2
    uid, gid = FIRST_UID + os.getpid(), pwd.getpwnam(ACCOUNT).pw_gid
    connection = command[command.index("-f") + 1]
    info = Path(connection).read_text()  # the grader's copy is readable by root only
    fonts = matplotlib_font_cache()
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
        build_sandbox(lists["--hide"], lists["--read"], [workdir, *sockets])
        own(workdir, uid, gid)
        for folder in sockets:
            os.chown(folder, uid, gid, follow_symlinks=False)
        Path("/tmp/matplotlib").mkdir()
        for name, data in fonts.items():  # without it, matplotlib scans every font each time
            Path("/tmp/matplotlib", name).write_bytes(data)
        own("/tmp/matplotlib", uid, gid)
        Path("/tmp/kernel.json").write_text(info)
        os.chown("/tmp/kernel.json", uid, gid)
        os.chmod("/tmp/kernel.json", 0o600)
        command[command.index("-f") + 1] = "/tmp/kernel.json"
        set_limits()
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
        _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")
        _check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent death signal")
        os.chdir(workdir)
        env = {k: v for k, v in os.environ.items() if k in KEPT_ENV}
        env.update(HOME="/tmp", TMPDIR="/tmp", MPLCONFIGDIR="/tmp/matplotlib", USER=ACCOUNT)
        env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        # The kernel's outputs travel over its sockets; its own stdout would only print a
        # connection banner into the grader's report (no JPY_PARENT_PID: it is PID 1 here).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execvpe(command[0], command, env)
    except BaseException as error:
        print(f"grading sandbox: {error}", file=sys.stderr)
        os._exit(3)


if __name__ == "__main__":
    if sys.argv[1:2] != ["launch"]:
        sys.exit(
            "usage: sandbox.py launch [--hide P] [--read P] [--write SOCKETS] --area AREA "
            "-- KERNEL COMMAND"
        )
    status = launch(sys.argv[2:])
    sys.stdout.flush()
    os._exit(status)  # the kernel has ended: nothing left to tidy in this process
