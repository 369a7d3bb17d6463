"""The grader's side of the grading sandbox: nbgrader's Execute and a kernel manager whose
kernels start through the launcher (launcher.py, as root or through the privileged helper),
forked from the fork server (forkserver.py) when the grader is root.

Each kernel's stderr (what its code writes to file descriptor 2, a crash's last words) goes to a
log of its own, ``<log_area>/<student>/<lesson>/<notebook>.stderr.log``, never to the grader's
terminal, and at most ``STDERR_LIMIT`` bytes of it: a flood is read and dropped. The log is kept
apart from the working copy, which the kernel owns (it could rewrite a log there) and which
nbgrader deletes when a submission fails, when its log matters most.

``SandboxedExecute`` is configured in nbgrader_config.py for autograde only: students' Validate
and the instructor's own runs of a source notebook keep ordinary kernels.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from queue import Empty

import forkserver
import sandbox
from jupyter_client import AsyncKernelManager
from jupyter_core.utils import ensure_async
from nbgrader.preprocessors import Execute
from traitlets import Bool, Float, List, Unicode
from traitlets.config import Configurable

LAUNCHER = Path(__file__).resolve().with_name("launcher.py")
STDERR_LIMIT = 2**20
TRUNCATED = b"\n[qualkit: this kernel wrote more to stderr; the rest was dropped]\n"


def stderr_log(path: Path, fresh: bool) -> tuple[int, threading.Thread]:
    """The writing end of a pipe whose other end a thread copies into the log ``path`` (at
    most ``STDERR_LIMIT`` bytes; the rest is read and dropped, so the kernel never blocks),
    and that thread, which ends when every writer has closed the pipe. A ``fresh`` log starts
    empty; a restarted kernel's continues."""
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | (os.O_TRUNC if fresh else 0)
    log = os.open(path, flags, 0o640)
    read, write = os.pipe()
    copier = threading.Thread(target=_copy, args=(read, log), daemon=True, name=f"log {path}")
    copier.start()
    return write, copier


def _copy(read: int, log: int) -> None:
    kept = 0
    try:
        while chunk := os.read(read, 1 << 16):
            if kept < STDERR_LIMIT:
                part = chunk[: STDERR_LIMIT - kept]
                kept += len(part)
                view = memoryview(part + (TRUNCATED if kept == STDERR_LIMIT else b""))
                while view:
                    view = view[os.write(log, view) :]
    finally:
        os.close(read)
        os.close(log)


class SandboxKernels(Configurable):
    """Kernels over Unix sockets in a folder of their own, started through the launcher
    (mixed into a jupyter_client kernel manager)."""

    hidden = List(Unicode(), help="folders the kernel must not see").tag(config=True)
    readable = List(Unicode(), help="folders inside hidden ones it may read").tag(config=True)
    working_area = Unicode(
        help="the folder of working copies (nbgrader's autograded folder): a kernel starts "
        "only in <working_area>/<student>/<lesson>, which becomes the grading account's"
    ).tag(config=True)
    fork_server = Bool(
        True,
        help="fork each kernel from a server that has made the kernel's imports "
        "(forkserver.py): the same sandbox, over half a second less per submission "
        "(a grader who is root only: through the privileged helper, each kernel is launched)",
    ).tag(config=True)
    log_area = Unicode(
        help="the folder of kernels' stderr logs, <log_area>/<student>/<lesson>/ (default: "
        "kernel-logs beside the working area)"
    ).tag(config=True)
    stderr_log = Unicode("kernel.stderr.log", help="the name of the kernel's stderr log")
    practice_group = Unicode("", help="her practice group for this kernel (<folder>/<student>)")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        self.socket_dir = tempfile.mkdtemp(prefix="qualkit-kernel-")
        self.ip = os.path.join(self.socket_dir, "k")

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        if not sandbox.enabled():
            return command
        if command[0] == sys.executable:
            command[0] = sandbox.interpreter()
        # The kernel's own user id is chosen by the launcher: the folder is opened to it
        # there (``own``); until then it is the grader's alone.
        root = os.geteuid() == 0
        if root:
            sandbox.account()
            start = [sys.executable, str(LAUNCHER), "launch"]
        else:  # the launcher checks everything it is asked through the helper
            start = ["sudo", "-n", sandbox.helper() or sandbox.HELPER, "launch"]
        for path in self.hidden:
            if path:
                start += ["--hide", os.path.abspath(path)]
        for path in [*self.readable, sys.prefix, sys.base_prefix]:
            if path:
                start += ["--read", os.path.abspath(path)]
        start += ["--write", self.socket_dir, "--area", os.path.abspath(self.working_area)]
        if self.practice_group:
            start += ["--group", os.path.abspath(self.practice_group)]
        if self.fork_server and root:
            start += ["--server", forkserver.address()]
        return [*start, "--", *command]

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        # An ordinary kernel (no sandbox) is told of her group here; a sandboxed one by --group.
        env = dict(kw.get("env") or os.environ)
        for name in sandbox.GROUP_ENV:
            env.pop(name, None)
        if self.practice_group:
            env.update(sandbox.group_env(self.practice_group))
        kw["env"] = env
        try:  # a kernel in a working copy only: elsewhere the launcher refuses, saying so here
            folder = sandbox.working_copy(kw.get("cwd") or os.getcwd(), self.working_area)
        except PermissionError:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        logs = self.log_area or os.path.join(os.path.dirname(self.working_area), "kernel-logs")
        where = Path(logs, os.path.relpath(folder, os.path.realpath(self.working_area)))
        fresh = self._log_copier is None
        kw["stderr"], self._log_copier = stderr_log(where / self.stderr_log, fresh)
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            os.close(kw["stderr"])  # the kernel's (and its launcher's) copy remains

    _log_copier: threading.Thread | None = None

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if self._log_copier is not None:  # the kernel has ended: its last words are written
            await asyncio.to_thread(self._log_copier.join, 10)
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

    practice_group = ""

    def preprocess(self, nb, resources):
        """Her notebook runs on the transcripts she worked on: with a practice group for each
        student (practice_groups.py), hers, regenerated for this kernel as the trusted step
        regenerates it for the tests (else her answers, computed on the shared group, would be
        graded against hers)."""
        student = resources.get("nbgrader", {}).get("student")
        with contextlib.ExitStack() as stack:
            if student:
                import practice_groups  # the generator: imported once per grading process

                if practice_groups.enabled():
                    group = stack.enter_context(practice_groups.for_kernel(student))
                    self.practice_group = str(group)
            try:
                return super().preprocess(nb, resources)
            finally:
                self.practice_group = ""

    def create_kernel_manager(self):
        manager = super().create_kernel_manager()
        if isinstance(manager, SandboxKernels):  # a log named after the notebook it runs
            manager.stderr_log = f"{self.resources.get('unique_key') or 'kernel'}.stderr.log"
            manager.practice_group = self.practice_group
        return manager

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
