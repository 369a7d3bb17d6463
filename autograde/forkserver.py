"""A fork server for grading kernels: the kernel's imports made once, a kernel forked for each
submission.

Starting a kernel costs about as much as grading a lesson: Python, IPython and the lessons'
imports (pandas, matplotlib, qualkit) take over half a second of the one to two seconds a
submission takes (benchmarks/bench_autograde.py). So each grading process starts one server,
which makes those imports and then forks every kernel from itself::

    grader ──Popen──▶ launcher (launcher.py launch --server SOCKET): checks and reads as root
                        │ its Plan (JSON) and its stderr, over a Unix socket
                        ▼
    server (root, imports made) ──fork──▶ supervisor ──unshare, fork──▶ kernel:
                                                 sandbox.enter(plan), then ipykernel here

The kernel is built by the same code as the launcher's own (``sandbox.enter``), only without
``exec``. The launcher stays the process jupyter_client knows: it passes interrupts and
terminations to the supervisor and returns the kernel's exit status; if the launcher dies, the
supervisor kills the kernel. The server holds nothing a kernel may not see: it starts with the
kernel's environment and from ``/``, imports public libraries, reads no course file, and
leaves each request to the child it forks for it.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import asdict

import sandbox

# What every lesson's kernel imports; the server imports it once. The inline backend is
# matplotlib's default in a kernel (ipykernel sets MPLBACKEND), and matplotlib reads it here.
# qualkit imports each name of its API on first use: the server asks for every one (serve).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "matplotlib_inline.backend_inline",
    "matplotlib.pyplot",
    "numpy",
    "pandas",
    "qualkit",
    "qualkit.machine_coding",
)
# Made once here too: lesson 08's embedding model (public weights inside the wordllama wheel,
# read-only once loaded; each kernel holds its own copy-on-write copy), 0.6 s of each kernel.
WARM = ("qualkit.machine_coding:load_model",)
INLINE = "module://matplotlib_inline.backend_inline"
PR_SET_DUMPABLE = 4


# --- the grader's side: one server for this process -------------------------------------------

_server: tuple[str, subprocess.Popen] | None = None


def address() -> str:
    """The socket of this process's fork server, started (as root, like the launcher) if it
    is not running. The socket is bound here, before the server starts, so a launcher may
    connect at once; its folder is root's alone, and hidden from kernels (their /tmp is
    private)."""
    global _server
    if _server is None or _server[1].poll() is not None:
        folder = tempfile.mkdtemp(prefix="qualkit-forkserver-")
        path = os.path.join(folder, "socket")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
            listener.bind(path)
            listener.listen(64)
            server = subprocess.Popen(
                [sandbox.interpreter(), __file__, "serve", str(listener.fileno())],
                pass_fds=[listener.fileno()], env=server_environment(),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, cwd="/",
            )  # fmt: skip
        atexit.register(stop, server, folder)
        _server = (path, server)
    return _server[0]


def server_environment() -> dict[str, str]:
    """A kernel's environment (nothing else of the grader's passes; each kernel gets its own
    from its Plan), with matplotlib reading the grader's font list."""
    return {**sandbox.kept_environment(), **sandbox.KERNEL_ENV, "MPLBACKEND": INLINE,
            "MPLCONFIGDIR": sandbox.matplotlib_folder()}  # fmt: skip


def stop(server: subprocess.Popen, folder: str) -> None:
    server.terminate()
    server.wait()
    shutil.rmtree(folder, ignore_errors=True)


# --- the launcher's side -----------------------------------------------------------------------


def ask(path: str, plan: sandbox.Plan) -> int | None:
    """Have the server fork the kernel of ``plan``; wait for its end and return its status, or
    None if the server could not start it (the launcher then starts it itself).

    Interrupts and terminations sent to this process are passed on. The supervisor kills the
    kernel if this process dies, even by SIGKILL (its connection closes)."""
    grader = os.getppid()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        try:
            connection.connect(path)
            data = json.dumps(asdict(plan)).encode()
            socket.send_fds(connection, [len(data).to_bytes(8, "big")], [sys.stderr.fileno()])
            connection.sendall(data)
            replies = connection.makefile("r")
            supervisor = int(replies.readline() or 0)
        except OSError as error:
            print(f"grading sandbox: no fork server at {path}: {error}", file=sys.stderr)
            return None
        if not supervisor:
            print("grading sandbox: the fork server did not start the kernel", file=sys.stderr)
            return None
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda number, _: send(supervisor, number))
        sandbox._check(
            sandbox.libc.prctl(sandbox.PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0),
            "parent death signal",
        )
        if os.getppid() != grader:  # the grader died before the line above
            send(supervisor, signal.SIGTERM)
        status = replies.readline()
    return int(status) if status.strip() else 3


# --- the server ---------------------------------------------------------------------------------


def serve(listener: socket.socket) -> None:
    """Import what kernels import, then fork a supervisor for each launcher that connects.
    Ends, removing its socket's folder, when the grading process that started it ends."""
    folder = os.path.dirname(listener.getsockname())

    def leave(*_):
        shutil.rmtree(folder, ignore_errors=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, leave)
    sandbox._check(
        sandbox.libc.prctl(sandbox.PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0),
        "parent death signal",
    )  # a grading process may end without its atexit handlers (a multiprocessing worker)
    gc.disable()  # until the imports are made: a collection would free holes in their pages
    for name in PRELOAD:
        importlib.import_module(name)
    qualkit = sys.modules["qualkit"]
    for name in qualkit.__all__:
        getattr(qualkit, name)
    for name in WARM:
        module, function = name.split(":")
        getattr(importlib.import_module(module), function)()
    import threading

    if threading.active_count() != 1:  # a thread does not survive fork, nor do its locks
        raise SystemExit(f"fork server: an import started a thread: {threading.enumerate()}")
    # What the imports made, out of the collector's sight: each kernel's collections would
    # otherwise walk all of it, copying every page they touch (the kernel collects its own).
    gc.freeze()
    gc.enable()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # supervisors are reaped as they end
    while True:
        connection, _ = listener.accept()
        # The request is read after the fork: no kernel's plan (its connection key) is ever in
        # this process's memory, which every later kernel inherits.
        if os.fork() == 0:
            listener.close()
            try:
                plan, stderr = receive(connection)
            except (OSError, ValueError, TypeError) as error:
                print(f"fork server: a request was refused: {error}", file=sys.stderr)
                os._exit(3)
            supervise(connection, plan, stderr)  # never returns
        connection.close()


def receive(connection: socket.socket) -> tuple[sandbox.Plan, int]:
    header, fds, _, _ = socket.recv_fds(connection, 8, 1)
    if len(header) != 8 or len(fds) != 1:
        raise ValueError("expected a length and a file descriptor")
    size, data = int.from_bytes(header, "big"), bytearray()
    while len(data) < size:
        chunk = connection.recv(min(size - len(data), 1 << 16))
        if not chunk:
            raise ValueError(f"the plan ended after {len(data)} of {size} bytes")
        data += chunk
    fields = json.loads(data)
    if fields.get("caller") is not None:  # the helper's launcher never asks a server
        raise ValueError("a plan for a helper's caller")
    lists = ("hide", "read", "sockets", "command")  # JSON made them lists
    plan = sandbox.Plan(**{k: tuple(v) if k in lists else v for k, v in fields.items()})
    return plan, fds[0]


def supervise(connection: socket.socket, plan: sandbox.Plan, stderr: int) -> None:
    """The launcher's counterpart: start the kernel in fresh namespaces, pass signals on, kill
    it if the launcher goes, and report how it ended."""
    for number in (signal.SIGCHLD, signal.SIGTERM):  # the kernel starts with the defaults
        signal.signal(number, signal.SIG_DFL)
    sandbox._check(
        sandbox.libc.unshare(sandbox.CLONE_NEWNS | sandbox.CLONE_NEWNET | sandbox.CLONE_NEWPID),
        "unshare",
    )
    kernel = os.fork()
    if kernel == 0:
        connection.close()
        run_kernel(plan, stderr)
    os.close(stderr)
    signal.signal(signal.SIGINT, lambda *_: send(kernel, signal.SIGINT))
    signal.signal(signal.SIGTERM, lambda *_: send(kernel, signal.SIGKILL))
    try:
        connection.sendall(f"{os.getpid()}\n".encode())
        ended = os.pidfd_open(kernel)
        while True:
            ready, _, _ = select.select([connection, ended], [], [])
            if ended in ready:
                break
            if not connection.recv(1):  # the launcher is gone: so is the kernel
                send(kernel, signal.SIGKILL)
                break
        _, status = os.waitpid(kernel, 0)
        connection.sendall(f"{os.waitstatus_to_exitcode(status) & 0xFF}\n".encode())
    except OSError:  # the launcher went away while we wrote to it
        send(kernel, signal.SIGKILL)
    finally:
        os._exit(0)  # never back into the server's loop


def send(pid: int, number: int) -> None:
    """A signal to a process that may have ended already."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, number)


def run_kernel(plan: sandbox.Plan, stderr: int) -> None:
    """In the kernel's namespaces: the sandbox as the launcher builds it, then ipykernel in this
    process, as ``python -m ipykernel_launcher`` runs it; any other kernel command is run."""
    try:
        os.dup2(stderr, 2)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # nothing the server had open comes along
        sandbox.to_devnull(0, os.O_RDONLY)
        command, env = sandbox.enter(plan)
        if command[1:3] != ["-m", "ipykernel_launcher"]:
            os.execvpe(command[0], command, env)
        # Changing user made this process undumpable, so /proc/self was root's; exec would
        # have undone that. (Its memory holds nothing the kernel may not read.)
        sandbox._check(sandbox.libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "dumpable")
        os.environ.clear()
        os.environ.update(env)
        sys.argv = [command[2], *command[3:]]
        if sys.path[0] == os.path.dirname(os.path.abspath(__file__)):
            del sys.path[0]  # IPython puts the working copy first instead, as in any kernel
        sys.modules["numpy"].random.seed()  # fresh entropy, as a new process would have
        from ipykernel import kernelapp
    except BaseException as error:
        print(f"grading sandbox: {error}", file=sys.stderr)
        os._exit(3)
    code = 0
    try:
        kernelapp.launch_new_instance()
    except SystemExit as error:
        code = error.code if isinstance(error.code, int) else 1
    finally:
        atexit._run_exitfuncs()  # the kernel's own: the coding tool saves its journal at exit
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    if sys.argv[1:2] != ["serve"]:
        sys.exit("usage: forkserver.py serve LISTENING-SOCKET-FD")
    serve(socket.socket(fileno=int(sys.argv[2])))
