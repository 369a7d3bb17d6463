"""The grading kernel's launcher: what jupyter_client starts in place of a kernel.

``SandboxKernelManager`` (grading_kernels.py) puts ``python launcher.py launch [options] --
<kernel command>`` in front of the kernel command. The launcher runs as root: the grader is root
(``make autograde`` as root), or the grader's account runs it through the privileged helper
(``sudo qualkit-grading-sandbox launch ...`` on a hub, which runs ``launcher.py helper launch
...``). It checks and reads what the kernel may not (``sandbox.plan``), then has the fork server
fork the kernel (``--server``, forkserver.py) or builds the sandbox and execs the kernel itself
(``sandbox.enter``). It stays the process jupyter_client knows: it passes interrupts and
terminations on and returns the kernel's exit status.

**Through the helper** the caller is the grader's account, which must gain nothing by it but a
sandboxed kernel. So the launcher refuses, before anything changes, a fork server (its plans are
trusted), a kernel command other than this interpreter's ``-m ipykernel_launcher -f FILE
--Option=...``, a path that is not absolute, and every folder or file the caller could not open
itself (it opens each with the caller's rights) or does not own (the working copy and the
socket folder, handed to the account). The kernel gets the helper's environment, none of the
caller's, but for the practice group ``--group`` names (a folder read like ``--read``). When the
kernel has ended, the working copy and the socket folder go back to the caller.
"""

from __future__ import annotations

import os
import pwd
import re
import signal
import sys

import forkserver
import sandbox

PYTHON = re.compile(r"python(3(\.\d+)?)?")  # this environment's interpreter, by any name
OPTIONS = ("--hide", "--read", "--write", "--area", "--server", "--group")
USAGE = (
    "usage: launcher.py launch [--hide P] [--read P] [--write SOCKETS] --area AREA "
    "[--server SOCKET] [--group FOLDER/STUDENT] -- KERNEL COMMAND"
)


def split_arguments(argv: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Options (each a flag and a value) and the kernel command after ``--``.

    >>> split_arguments(["--area", "/b/autograded", "--", "python", "-m", "ipykernel_launcher",
    ...                  "-f", "/k.json"])  # doctest: +NORMALIZE_WHITESPACE
    ({'--hide': [], '--read': [], '--write': [], '--area': ['/b/autograded'], '--server': [],
      '--group': []}, ['python', '-m', 'ipykernel_launcher', '-f', '/k.json'])
    """
    if "--" not in argv:
        raise ValueError("no kernel command (after --)")
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    lists = {flag: [] for flag in OPTIONS}
    if len(options) % 2:
        raise ValueError(f"an option without its value: {options[-1]}")
    for flag, value in zip(options[::2], options[1::2], strict=True):
        if flag not in lists:
            raise ValueError(f"unknown option {flag}")
        lists[flag].append(value)
    if not command or "-f" not in command[:-1]:
        raise ValueError("the kernel command names no connection file (-f FILE)")
    return lists, command


def helper_caller() -> sandbox.Caller:
    """Who ran the helper: sudo names them (its own variables, set whatever the caller had)."""
    try:
        uid, gid = int(os.environ["SUDO_UID"]), int(os.environ["SUDO_GID"])
    except (KeyError, ValueError):
        raise PermissionError("the helper runs only through sudo (no SUDO_UID)") from None
    name = pwd.getpwuid(uid).pw_name
    return sandbox.Caller(uid, gid, tuple(os.getgrouplist(name, gid)))


def check_helper_request(options: dict[str, list[str]], command: list[str]) -> None:
    """What a caller of the helper may ask: a sandboxed kernel of this interpreter, no more."""
    if options["--server"]:
        raise PermissionError("no fork server through the helper (the server trusts its plans)")
    for flag in OPTIONS:
        for value in options[flag]:
            if not os.path.isabs(value):
                raise PermissionError(f"{flag} {value}: not an absolute path")
    python, here = command[0], os.path.dirname(sys.executable)
    same = os.path.isabs(python) and os.path.realpath(os.path.dirname(python)) == os.path.realpath(
        here
    )
    if not (
        same
        and PYTHON.fullmatch(os.path.basename(python))
        and command[1:3] == ["-m", "ipykernel_launcher"]
    ):
        raise PermissionError(
            f"the kernel command must be {here}/python -m ipykernel_launcher, not "
            f"{' '.join(command[:3])}"
        )
    rest = command[3:]
    at = rest.index("-f")
    others = rest[:at] + rest[at + 2 :]
    if not os.path.isabs(rest[at + 1]) or any(not a.startswith("--") for a in others):
        raise PermissionError(
            "the kernel command may add only an absolute connection file (-f FILE) and "
            f"--Option=value settings, not {' '.join(others)}"
        )


def launch(argv: list[str], caller: sandbox.Caller | None = None) -> int:
    """Start the kernel the arguments describe in its sandbox; return its exit status (2: the
    request was refused, and nothing changed)."""
    if os.geteuid() != 0:
        print("grading sandbox: the grader must run as root to drop rights (or set "
              "QUALKIT_SANDBOX=off, see autograde/GRADING.md)", file=sys.stderr)  # fmt: skip
        return 2
    try:  # before anything changes
        options, command = split_arguments(argv)
        if caller is not None:
            check_helper_request(options, command)
        kernel = sandbox.plan(options, command, caller)
        # Descriptors, not paths, to give the folders back to the caller afterwards.
        given = [os.open(f, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
                 for f in (kernel.workdir, *kernel.sockets)] if caller else []  # fmt: skip
    except (PermissionError, FileNotFoundError, ValueError) as error:
        message = str(error)
        prefix = "" if message.startswith("grading sandbox:") else "grading sandbox: refused: "
        print(f"{prefix}{message}", file=sys.stderr)
        return 2
    try:
        return run(kernel, options)
    finally:
        for folder in given:  # the kernel and all it started have ended (its PID namespace)
            sandbox.own(folder, caller.uid, caller.gid, only=kernel.uid)
            os.close(folder)


def run(kernel: sandbox.Plan, options: dict[str, list[str]]) -> int:
    if options["--server"]:  # a kernel forked from the fork server, its imports done
        status = forkserver.ask(options["--server"][-1], kernel)
        if status is not None:
            return status
        print("grading sandbox: starting the kernel without the fork server", file=sys.stderr)
    grader = os.getppid()
    sandbox._check(
        sandbox.libc.unshare(sandbox.CLONE_NEWNS | sandbox.CLONE_NEWNET | sandbox.CLONE_NEWPID),
        "unshare",
    )
    child = os.fork()
    if child:  # outside the PID namespace: wait, pass SIGTERM on, and report the kernel's end
        if kernel.caller:  # the caller may signal only sudo, which passes signals to us
            signal.signal(signal.SIGINT, lambda *_: os.kill(child, signal.SIGINT))
        else:  # the kernel gets its own (process group)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, lambda *_: os.kill(child, signal.SIGKILL))
        # A grader that dies without ending its kernel takes the kernel with it: the kernel is
        # PID 1 of its namespace, so a fork bomb it started ends too instead of spinning on.
        sandbox._check(
            sandbox.libc.prctl(sandbox.PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0),
            "parent death signal",
        )
        if os.getppid() != grader:  # the grader died before the line above
            os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        return os.waitstatus_to_exitcode(status) & 0xFF
    try:
        command, env = sandbox.enter(kernel)
        os.execvpe(command[0], command, env)
    except BaseException as error:
        print(f"grading sandbox: {error}", file=sys.stderr)
        os._exit(3)


def main(argv: list[str]) -> int:
    """``launch ...`` as root; ``helper launch ...`` as the privileged helper runs it (the
    helper's script fixes the word ``helper``: its caller cannot leave it out)."""
    caller = None
    if argv[:1] == ["helper"]:
        argv = argv[1:]
        try:
            caller = helper_caller()
        except (PermissionError, KeyError) as error:
            print(f"grading sandbox: refused: {error}", file=sys.stderr)
            return 2
    if argv[:1] != ["launch"]:
        print(USAGE, file=sys.stderr)
        return 2
    return launch(argv[1:], caller)


if __name__ == "__main__":
    status = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(status)  # the kernel has ended: nothing left to tidy in this process
