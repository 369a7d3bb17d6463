"""The grading sandbox, on its own: a real kernel started as autograde starts it (sandbox.py),
without the in-kernel guard, so that what is refused here is refused by the operating system."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from jupyter_client import KernelManager
from test_hostile import SWALLOW

from conftest import REPO

sys.path.insert(0, str(REPO / "autograde"))
import grading_kernels
import sandbox

pytestmark = [
    pytest.mark.hostile,
    pytest.mark.skipif(os.geteuid() != 0, reason="the sandbox drops rights: grade as root"),
]


class SyncSandboxKernelManager(grading_kernels.SandboxKernels, KernelManager):
    """The same launcher and transport as SandboxKernelManager, for a blocking client here."""


@pytest.fixture(scope="module")
def private(tmp_path_factory):
    """A course's private files beside a working copy, as the build area holds them."""
    build = tmp_path_factory.mktemp("sandbox-build")
    (build / "gradebook.db").write_text("grades")
    (build / "submitted" / "other" / "lesson").mkdir(parents=True)
    (build / "submitted" / "other" / "lesson" / "codings.json").write_text("theirs")
    work = build / "autograded" / "me" / "lesson"
    work.mkdir(parents=True)
    (work / "mine.json").write_text("mine")
    return build, work


def start(work, area=None, fork_server=True):
    manager = SyncSandboxKernelManager(kernel_name="python3", fork_server=fork_server)
    manager.working_area = str(area or work.parents[1])
    manager.hidden = [str(REPO), str(work.parents[2]), "/root", "/home"]
    manager.readable = [str(REPO / "src"), str(REPO / "datasets" / "corpus")]
    manager.start_kernel(cwd=str(work))
    client = manager.client()
    client.manager = manager
    client.start_channels()
    client.wait_for_ready(timeout=60)
    return client


def stop(client):
    client.stop_channels()
    client.manager.shutdown_kernel(now=True)
    assert not os.path.exists(client.manager.socket_dir), "the socket folder is left behind"


@pytest.fixture(scope="module", params=["forked", "launched"])
def kernel(private, request):
    """A grading kernel as autograde starts it: forked from the fork server, or (without it)
    executed by the launcher. Both are held to every property below."""
    client = start(private[1], fork_server=request.param == "forked")
    yield client
    stop(client)


def run(client, code: str, timeout: float = 60) -> str:
    """Execute ``code``; return what it printed, or the error's name and message."""
    printed = []

    def keep(message):
        content = message["content"]
        if message["msg_type"] == "stream":
            printed.append(content["text"])
        elif message["msg_type"] == "error":
            printed.append(f"{content['ename']}: {content['evalue']}")

    client.execute_interactive(code, timeout=timeout, output_hook=keep)
    return "".join(printed)


def test_kernel_runs_as_the_grading_account_with_limits(kernel):
    out = run(kernel, "import os, resource; print(os.getuid(), os.getgid(), os.getgroups(),"
                      " resource.getrlimit(resource.RLIMIT_AS)[0], os.getpid())")  # fmt: skip
    uid, gid, groups, memory, pid = out.split(maxsplit=4)
    assert int(uid) > sandbox.FIRST_UID and int(gid) == sandbox.account().pw_gid
    assert groups == "[]" and int(memory) == sandbox.LIMITS["RLIMIT_AS"]
    assert pid.strip() == "1", "the kernel is alone in its own PID namespace"


@pytest.mark.parametrize(
    "what",
    [
        "lessons/00-orientation/00-orientation.ipynb",
        "datasets/key/key.json",
        "datasets/generator",
        "tests/lessons",
    ],
)
def test_course_sources_and_key_are_not_there(kernel, what):
    out = run(kernel, f"import os; print(os.path.exists({str(REPO / what)!r}))")
    assert out.strip() == "False", what


def test_gradebook_and_other_students_are_not_there(kernel, private):
    build, _ = private
    for path in (build / "gradebook.db", build / "submitted" / "other"):
        assert run(kernel, f"import os; print(os.path.exists({str(path)!r}))").strip() == "False"


def test_environment_and_student_corpus_are_readable_not_writable(kernel):
    out = run(kernel, "import qualkit; print(len(qualkit.load_corpus().sessions) > 0)")
    assert out.strip() == "True", out
    out = run(kernel, f"open({str(REPO / 'src' / 'qualkit' / '__init__.py')!r}, 'a')")
    assert out.startswith(("PermissionError", "OSError")), out
    out = run(kernel, f"open({sys.prefix + '/evil.pth'!r}, 'w')")
    assert out.startswith(("PermissionError", "OSError")), out


def test_writes_only_its_working_copy(kernel, private):
    _, work = private
    assert run(kernel, "open('mine.json', 'w').write('changed'); print('ok')").strip() == "ok"
    assert (work / "mine.json").read_text() == "changed"
    for target in ("/etc/qualkit-evil", "/var/lib/qualkit-evil", str(work.parent / "evil")):
        out = run(kernel, f"open({target!r}, 'w')")
        assert out.startswith(("PermissionError", "OSError")), (target, out)
        assert not os.path.exists(target)


def test_no_open_file_reaches_outside_the_sandbox(kernel, private):
    """A descriptor opened before the sandbox was built (a forked kernel inherits the fork
    server's) would reach past its covers: only the grader's stderr, where the kernel's own
    errors go, and files inside the sandbox may be open."""
    code = (
        "import os\n"
        "for fd in os.listdir('/proc/self/fd'):\n"
        "    try:\n"
        "        print(os.readlink(f'/proc/self/fd/{fd}'))\n"
        "    except OSError:\n"
        "        pass\n"
    )
    files = {line for line in run(kernel, code).splitlines() if line.startswith("/")}
    inside = ("/dev/null", "/tmp/", "/proc/", str(private[1]))
    stray = {f for f in files if not f.startswith(inside)} - {os.readlink("/proc/self/fd/2")}
    assert not stray, stray


def test_no_network(kernel):
    code = (
        "import socket\n"
        "for address in [('127.0.0.1', 22), ('8.8.8.8', 53)]:\n"
        "    try:\n"
        "        socket.create_connection(address, timeout=2)\n"
        "    except OSError as error:\n"
        "        print('refused', error.errno)\n"
        "print(open('/proc/net/dev').read().count(':'))\n"
    )
    lines = run(kernel, code).split()
    assert lines.count("refused") == 2, lines
    assert lines[-1] == "1", "only a loopback interface, and it is down"


def test_grader_environment_does_not_pass(kernel):
    os.environ["QUALKIT_TEST_SECRET"] = "s3cret"
    out = run(kernel, "import os; print(sorted(os.environ))")
    assert "QUALKIT_TEST_SECRET" not in out and "JPY_PARENT_PID" not in out
    # The environment the process started with (a forked kernel's is its fork server's).
    names = run(kernel, "print(*(v.split(b'=')[0].decode() for v in "
                        "open('/proc/self/environ', 'rb').read().split(b'\\0') if v))")  # fmt: skip
    allowed = {*sandbox.KEPT_ENV, *sandbox.KERNEL_ENV, "USER", "MPLBACKEND"}
    assert names.split() and set(names.split()) <= allowed, names


def in_memory(pid: int, needle: bytes) -> bool:
    """Whether process ``pid`` holds ``needle`` anywhere in its readable memory (as root)."""
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as memory:
        for line in maps:
            span, rights = line.split()[:2]
            start, end = (int(x, 16) for x in span.split("-"))
            for at in range(start, end, 1 << 20) if "r" in rights else ():
                try:  # a MiB at a time, overlapping by the needle
                    memory.seek(at)
                    if needle in memory.read(min(end - at, (1 << 20) + len(needle))):
                        return True
                except (OSError, ValueError, OverflowError):
                    break
    return False


def test_the_fork_server_holds_no_kernels_connection_key(private):
    """Every kernel inherits the fork server's memory: no other kernel's key may be in it."""
    import forkserver

    first, second = start(private[1]), start(private[1])
    try:
        server = forkserver._server[1].pid
        keys = [first.session.key, second.session.key]
        assert all(in_memory(os.getpid(), key) for key in keys), "the search finds a key"
        assert not any(in_memory(server, key) for key in keys), "a key in the fork server"
    finally:
        stop(first)
        stop(second)


def test_without_its_fork_server_a_kernel_is_launched_all_the_same(private, monkeypatch):
    import forkserver

    monkeypatch.setattr(forkserver, "address", lambda: "/nonexistent/qualkit-forkserver")
    client = start(private[1])
    try:
        out = run(client, "import os, sys; print(os.getuid() > 0, 'pandas' in sys.modules)")
    finally:
        stop(client)
    assert out.split() == ["True", "False"], "launched directly, sandboxed, imports not made"


def test_forked_kernels_start_with_imports_made_and_a_fresh_random_state(private):
    """The imports made (qualkit's whole API, which it imports on first use), out of the
    collector's sight (gc.freeze: a kernel's collections do not walk them), which still
    collects what the kernel makes; and each kernel draws its own random numbers."""
    code = (
        "import gc, random, sys, numpy, qualkit\n"
        "made = 'pandas' in sys.modules and 'code_frequencies' in vars(qualkit)\n"
        "print(made, gc.get_freeze_count() > 100_000, gc.isenabled(), random.random(),"
        " numpy.random.rand())"
    )
    first, second = start(private[1]), start(private[1])
    try:
        a, b = run(first, code).split(), run(second, code).split()
    finally:
        stop(first)
        stop(second)
    assert a[0] == b[0] == "True", "the fork server made the lessons' imports"
    assert a[1:3] == b[1:3] == ["True", "True"], "the imports frozen, the collector on"
    assert a[3] != b[3] and a[4] != b[4], "two kernels drew the same random numbers"


def test_matplotlib_starts_from_the_graders_font_list(kernel):
    """Without the grader's font list a fresh kernel rebuilds it, seconds per submission."""
    out = run(kernel, "import matplotlib.pyplot, os; print(os.listdir('/tmp/matplotlib'))")
    assert "building the font cache" not in out and "fontlist-" in out, out


def test_memory_blow_up_is_refused(kernel):
    out = run(kernel, "x = bytearray(8 * 2**30)")
    assert out.startswith("MemoryError"), out


def test_fork_bomb_is_bounded_and_starves_no_other_kernel(kernel, private):
    code = (
        "import os\n"
        "children = 0\n"
        "for _ in range(2000):\n"
        "    try:\n"
        "        if os.fork() == 0:\n"
        "            import time; time.sleep(600); os._exit(0)\n"
        "        children += 1\n"
        "    except OSError:\n"
        "        break\n"
        "print(children)\n"
    )
    children = int(run(kernel, code).strip())
    assert children < sandbox.LIMITS["RLIMIT_NPROC"]
    # Another student's kernel, graded meanwhile, is not starved: it has a user id of its own.
    other = start(private[1])
    assert run(other, "print(6 * 7)").strip() == "42"
    stop(other)


@pytest.mark.parametrize("fork_server", [True, False], ids=["forked", "launched"])
def test_a_grader_that_dies_takes_its_kernels_fork_bomb_with_it(fork_server):
    """The launcher outlives no grader: when the process that started it dies without ending
    the kernel, the kernel (PID 1 of its namespace) and everything it forked end too, and so
    does the grader's fork server."""
    import shutil
    import tempfile
    import time

    tmp_path = Path(tempfile.mkdtemp(prefix="qualkit-bomb-"))  # the grading account reads it
    work = tmp_path / "autograded" / "student" / "lesson"  # the working copy it owns
    work.mkdir(parents=True)
    (tmp_path / "bomb.py").write_text(
        "import os, time\nwhile True:\n    try:\n        os.fork()\n"
        "    except OSError:\n        time.sleep(0.01)\n"
    )
    (tmp_path / "k.json").write_text("{}")
    tmp_path.chmod(0o755)
    launcher = [sys.executable, str(REPO / "autograde" / "launcher.py"), "launch",
                "--read", str(tmp_path), "--area", str(tmp_path / "autograded")]  # fmt: skip
    server = "forkserver.address()" if fork_server else "None"
    # A stand-in grader: starts the launcher (and its fork server), waits for word, then dies
    # without one to its launcher (no atexit handlers, as a multiprocessing worker ends).
    grader = subprocess.Popen([sys.executable, "-c", "import os, subprocess, sys\n"
                               f"sys.path.insert(0, {str(REPO / 'autograde')!r})\n"
                               "import forkserver\n"
                               f"server = {server}\n"
                               f"launcher = {launcher!r} + (['--server', server] if server else [])\n"
                               f"launcher += ['--', '/usr/bin/python3', {str(tmp_path / 'bomb.py')!r},"
                               f" '-f', {str(tmp_path / 'k.json')!r}]\n"
                               f"subprocess.Popen(launcher, cwd={str(work)!r})\n"
                               "print(forkserver._server[1].pid if server else 0, server, flush=True)\n"
                               "sys.stdin.readline()\n"
                               "os._exit(0)\n"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    server_pid, server_socket = grader.stdout.readline().split()
    server_pid = int(server_pid)

    def running() -> int:
        """The bomb's processes, plus one while the fork server lives."""
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        bombs = sum(str(tmp_path / "bomb.py") in line for line in ps.splitlines())
        return bombs + bool(server_pid and os.path.exists(f"/proc/{server_pid}"))

    def wait_for(done, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            time.sleep(0.2)

    started = 2 + bool(server_pid)  # the bomb has forked at least once
    wait_for(lambda: running() >= started, 60)  # a fork server makes its imports first
    assert running() >= started, "the fork bomb should be running while its grader lives"
    grader.communicate("die\n", timeout=30)
    wait_for(lambda: running() == 0, 20)
    left = running()
    shutil.rmtree(tmp_path)
    assert left == 0, "a fork bomb (or the fork server) outlived its grader"
    if fork_server:
        assert not os.path.exists(os.path.dirname(server_socket)), "its socket folder is left"


# --- the launcher gives the grading account its working copy and nothing else ----------------


def ownership(folder) -> dict[str, tuple[int, int]]:
    found = {".": (folder.stat().st_uid, folder.stat().st_gid)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = (path.lstat().st_uid, path.lstat().st_gid)
    return found


@pytest.fixture
def checkout(tmp_path):
    """A folder that is not a working copy: a checkout with its build area inside it, holding
    files of its own and a working copy."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "key.json").write_text("answers")
    (tmp_path / "README.md").write_text("readme")
    (tmp_path / "k.json").write_text("{}")  # a connection file, as a kernel command names one
    (tmp_path / "build" / "autograded" / "ann" / "lesson").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.txt").write_text("notes")
    tmp_path.chmod(0o755)
    return tmp_path


@pytest.mark.parametrize(
    "cwd, area",
    [
        (".", "build/autograded"),  # the checkout the launcher was started from
        ("elsewhere", "build/autograded"),  # any folder outside the working area
        ("build/autograded/ann", "build/autograded"),  # a student's folder, not one lesson's
        ("build/autograded", "build/autograded"),  # the working area itself
        ("elsewhere", None),  # no working area given
    ],
)
def test_launcher_refuses_a_folder_that_is_not_a_working_copy(checkout, cwd, area):
    before = ownership(checkout)
    launcher = [sys.executable, str(REPO / "autograde" / "launcher.py"), "launch"]
    launcher += ["--area", str(checkout / area)] if area else []
    command = [sys.executable, "-c", "open('ran', 'w')", "-f", str(checkout / "k.json")]
    done = subprocess.run([*launcher, "--", *command], cwd=checkout / cwd,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert ownership(checkout) == before, "the launcher handed files to the grading account"
    assert not list(checkout.rglob("ran")), "the kernel command ran"
    assert done.returncode == 2, done.stderr
    assert f"refusing to start a kernel in {checkout / cwd}:" in done.stderr


def test_a_kernel_started_outside_a_working_copy_never_starts_and_changes_nothing(checkout):
    """What happened once: a kernel started with the checkout as its working directory (the
    launcher gave the whole checkout to the grading account)."""
    before = ownership(checkout)
    manager = SyncSandboxKernelManager(kernel_name="python3")
    manager.working_area = str(checkout / "build" / "autograded")
    manager.start_kernel(cwd=str(checkout))
    client = manager.client()
    client.start_channels()
    with pytest.raises(RuntimeError, match="died"):
        client.wait_for_ready(timeout=60)
    client.stop_channels()
    manager.shutdown_kernel(now=True)
    assert ownership(checkout) == before


def test_launcher_gives_the_account_only_a_kernel_socket_folder_besides_its_working_copy(
    checkout,
):
    work = checkout / "build" / "autograded" / "ann" / "lesson"
    before = ownership(checkout)
    launcher = [sys.executable, str(REPO / "autograde" / "launcher.py"), "launch",
                "--area", str(checkout / "build" / "autograded"), "--write", str(checkout),
                "--", sys.executable, "-c", "open('ran', 'w')", "-f", str(checkout / "k.json")]  # fmt: skip
    done = subprocess.run(launcher, cwd=work, capture_output=True, text=True, timeout=60)
    assert ownership(checkout) == before, "the launcher handed files to the grading account"
    assert done.returncode == 2 and f"refusing to hand {checkout} to the kernel" in done.stderr


# --- a cell past its timeout: interrupted, and a kernel that ignores the interrupt is ended ----


class CountingKernels(grading_kernels.SandboxKernelManager):
    """The grading kernel manager, remembering the last one made (to count its interrupts)."""

    made: ClassVar[list] = []
    area = ""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.working_area = self.area
        self.hidden = [str(REPO), str(Path(self.area).parent), "/root", "/home"]
        self.readable = [str(REPO / "src"), str(REPO / "datasets" / "corpus")]
        CountingKernels.made.append(self)


def execute(private, first: str):
    """Run a two-cell notebook as autograde runs it (SandboxedExecute, a 2 s cell timeout)."""
    import nbformat
    from nbclient.exceptions import DeadKernelError

    _, work = private
    CountingKernels.area = str(work.parents[1])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(first),
                                         nbformat.v4.new_code_cell("print('second ran')")])  # fmt: skip
    executor = grading_kernels.SandboxedExecute(
        timeout=2,
        interrupt_grace=5,
        kernel_manager_class=CountingKernels,
        raise_on_iopub_timeout=False,  # as the course sets it (validate_config.py)
    )
    died = False
    try:
        executor.preprocess(nb, {"metadata": {"path": str(work)}})
    except DeadKernelError:
        died = True
    return nb, died, CountingKernels.made[-1]


def test_a_loop_that_honours_the_interrupt_is_stopped_and_grading_goes_on(private):
    nb, died, manager = execute(private, "while True:\n    pass\n")
    assert not died and manager.interrupts == 1
    assert "second ran" in str(nb.cells[1].outputs)


def test_a_loop_that_swallows_the_interrupt_is_killed_after_one_timeout(private):
    """Not after the next cell has waited out a second timeout (a second interrupt)."""
    nb, died, manager = execute(private, SWALLOW)
    assert died and manager.interrupts == 1, "the kernel was ended at its first timeout"
    assert "second ran" not in str(nb.cells[1].outputs)
