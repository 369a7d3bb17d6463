"""The grading sandbox for a grader who is not root: the privileged helper (sudo may run the
kit's launcher, and nothing else, for the grader's account) as the TLJH plugin installs it.

A Unix account made here plays the grader. Through sudo it gets a sandboxed kernel like root's
(its own user, the course's files hidden, even those the grader may read), its working copy
back afterwards, and nothing more: every request that could reach past the sandbox (another
command, a fork server, a folder or file it could not open itself, files of someone else's, its
own environment) is refused before anything changes.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_hub import open_the_way

from conftest import REPO

sys.path.insert(0, str(REPO / "deploy" / "tljh"))
sys.path.insert(0, str(REPO / "autograde"))
import sandbox

import tljh_qualkit

pytestmark = [
    pytest.mark.hostile,
    pytest.mark.xdist_group("hub"),  # a Unix account and a sudoers rule of the machine's
    pytest.mark.skipif(os.geteuid() != 0, reason="makes a Unix account and a sudoers rule"),
]
# Python every account can run (make hub-env), resolved: the checkout itself is hidden.
PYTHON = (REPO / ".venv" / "hub" / "bin").resolve() / "python"
COURSE = "qk-sandbox"
CALLER = f"grader-{COURSE}"  # the account the plugin's rule names


@pytest.fixture(scope="module")
def helper():
    if not shutil.which("sudo") or not PYTHON.exists():
        pytest.skip("needs sudo and the hub environment: make hub-env")
    base = Path(tempfile.mkdtemp(prefix="qualkit-helper-", dir="/srv"))
    base.chmod(0o755)
    settings = tljh_qualkit.Settings(
        repo=REPO,
        course=COURSE,
        sandbox_helper=base / "sbin" / "qualkit-grading-sandbox",
        sandbox_launcher=base / "lib",
        sandbox_sudoers=Path("/etc/sudoers.d") / f"qualkit-test-{base.name.rsplit('-', 1)[1]}",
        sandbox_python=PYTHON,
    )
    subprocess.run(["userdel", CALLER], capture_output=True)  # left from an interrupted run
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/bin/sh", CALLER],
                   check=True)  # fmt: skip
    account = pwd.getpwnam(CALLER)
    home = base / "home"  # the grader's own files: its course, runtime and socket folders
    for folder in ("course/secret", "area/ann/lesson", "runtime", "tmp"):
        (home / folder).mkdir(parents=True)
    (home / "course" / "secret" / "key.json").write_text('{"answer": "SECRET-OF-THE-COURSE"}')
    (home / "area" / "ann" / "lesson" / "mine.txt").write_text("mine")
    for path in [home, *home.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid)
    home.chmod(0o700)
    # The grader runs the hub environment: let it pass through the folders above a checkout
    # in a private folder (mktemp -d), as the hub test does, and put their modes back.
    opened = open_the_way(PYTHON.parent, PYTHON)  # the venv, and the interpreter it links to
    try:
        tljh_qualkit.install_sandbox_helper(settings)
        yield settings, home
    finally:
        for folder, mode in opened:
            folder.chmod(mode)
        settings.sandbox_sudoers.unlink(missing_ok=True)
        subprocess.run(["pkill", "-KILL", "-u", CALLER], capture_output=True)
        subprocess.run(["userdel", CALLER], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def as_caller(helper, command: list[str], cwd: Path, env: dict | None = None):
    settings, home = helper
    base_env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(home),
                "TMPDIR": str(home / "tmp"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                "JUPYTER_DATA_DIR": str(home / "runtime"),
                "QUALKIT_SANDBOX_HELPER": str(settings.sandbox_helper)}  # fmt: skip
    return subprocess.run(
        [shutil.which("runuser") or "/usr/sbin/runuser", "-u", CALLER, "--", *command],
        cwd=cwd, env={**base_env, **(env or {})}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def ownership(folder: Path) -> dict[str, int]:
    return {str(p): p.lstat().st_uid for p in [folder, *folder.rglob("*")]}


def test_the_rule_lets_the_grader_run_the_helper_and_nothing_else(helper):
    settings, home = helper
    rule = settings.sandbox_sudoers.read_text()
    assert rule.strip().endswith(f"{CALLER} ALL=(root) NOPASSWD: {settings.sandbox_helper}")
    listed = as_caller(helper, ["sudo", "-n", "-l"], home)
    assert str(settings.sandbox_helper) in listed.stdout, listed
    for other in (["/bin/id"], [str(PYTHON), "-c", "print(1)"],
                  [str(PYTHON), str(settings.sandbox_launcher / "launcher.py"), "launch"]):  # fmt: skip
        refused = as_caller(helper, ["sudo", "-n", *other], home)
        assert refused.returncode != 0 and "uid=0" not in refused.stdout, other
    for path in (settings.sandbox_helper, *settings.sandbox_launcher.iterdir()):
        assert path.stat().st_uid == 0 and not path.stat().st_mode & 0o022, path


def bad_requests(helper) -> dict[str, tuple[list[str], str, list[str]]]:
    """Requests the launcher must refuse: (options, working directory, kernel command)."""
    settings, home = helper
    area, work = home / "area", home / "area" / "ann" / "lesson"
    connection = str(home / "runtime" / "k.json")
    kernel = [str(PYTHON), "-m", "ipykernel_launcher", "-f", connection]
    marker = home / "tmp" / "ran"
    root_work = Path(settings.sandbox_launcher).parent / "rootarea" / "ann" / "lesson"
    return {
        "a fork server (it trusts its plans)": (
            ["--area", str(area), "--server", str(home / "tmp" / "socket")], str(work), kernel),
        "a relative path": (["--area", str(area), "--read", "course"], str(work), kernel),
        "another command": (["--area", str(area)], str(work),
                            ["/bin/sh", "-c", f"touch {marker}", "-f", connection]),
        "Python running other code": (["--area", str(area)], str(work),
                                      [str(PYTHON), "-c", f"open({str(marker)!r}, 'w')",
                                       "-f", connection]),
        "an argument that is not an option": (["--area", str(area)], str(work),
                                              [*kernel, "extra.py"]),
        "a connection file it cannot read": (["--area", str(area)], str(work),
                                             [*kernel[:-1], "/etc/shadow"]),
        "a folder it cannot read, brought back": (
            ["--area", str(area), "--read", "/root"], str(work), kernel),
        "a folder it cannot read, as a practice group": (
            ["--area", str(area), "--group", "/root"], str(work), kernel),
        "a practice group that names no student": (
            ["--area", str(area), "--group", str(home / "tmp" / "..")], str(work), kernel),
        "a working copy that is not its own": (
            ["--area", str(root_work.parents[1])], str(root_work), kernel),
        "a socket folder that is not its own": (
            ["--area", str(area), "--write", str(Path(settings.sandbox_launcher).parent /
                                                 "qualkit-kernel-x")], str(work), kernel),
        "no working copy": (["--area", str(home)], str(home / "course"), kernel),
    }  # fmt: skip


BAD = list(bad_requests((tljh_qualkit.Settings(), Path("/nowhere"))))


@pytest.fixture
def prepared(helper):
    settings, home = helper
    root_side = Path(settings.sandbox_launcher).parent
    (root_side / "rootarea" / "ann" / "lesson").mkdir(parents=True, exist_ok=True)
    (root_side / "rootarea" / "ann" / "lesson" / "theirs.txt").write_text("theirs")
    (root_side / "qualkit-kernel-x").mkdir(exist_ok=True)
    for path in (root_side / "rootarea", root_side / "rootarea" / "ann",
                 root_side / "rootarea" / "ann" / "lesson"):  # fmt: skip
        path.chmod(0o755)
    connection = home / "runtime" / "k.json"
    connection.write_text("{}")
    os.chown(connection, pwd.getpwnam(CALLER).pw_uid, -1)
    return helper


@pytest.mark.parametrize("case", BAD)
def test_the_launcher_refuses_through_sudo_anything_beyond_a_sandboxed_kernel(prepared, case):
    settings, home = prepared
    options, cwd, command = bad_requests(prepared)[case]
    root_side = Path(settings.sandbox_launcher).parent
    before = ownership(home) | ownership(root_side)
    done = as_caller(prepared, ["sudo", "-n", str(settings.sandbox_helper), "launch",
                                *options, "--", *command], Path(cwd))  # fmt: skip
    assert done.returncode == 2, (case, done.stdout, done.stderr)
    assert "refus" in done.stderr, done.stderr
    assert ownership(home) | ownership(root_side) == before, "the launcher changed owners"
    assert not (home / "tmp" / "ran").exists(), "the command ran"


def test_the_callers_environment_does_not_reach_the_launcher(prepared):
    """A PYTHONPATH with a module of the launcher's name: sudo drops it, and the helper's
    Python ignores what is left (-E)."""
    settings, home = prepared
    evil = home / "tmp" / "evil"
    evil.mkdir()
    (evil / "sandbox.py").write_text(f"open({str(home / 'tmp' / 'ran')!r}, 'w')\n")
    os.chown(evil, pwd.getpwnam(CALLER).pw_uid, -1)
    done = as_caller(prepared, ["sudo", "-n", "--preserve-env=PYTHONPATH",
                                str(settings.sandbox_helper), "launch"], home,
                     {"PYTHONPATH": str(evil)})  # fmt: skip
    plain = as_caller(prepared, ["sudo", "-n", str(settings.sandbox_helper), "launch"], home,
                      {"PYTHONPATH": str(evil), "PYTHONSTARTUP": str(evil / "sandbox.py")})  # fmt: skip
    shutil.rmtree(evil)
    assert not (home / "tmp" / "ran").exists(), "the caller's module ran as root"
    assert done.returncode != 0 and "not allowed to" in done.stderr
    assert plain.returncode == 2 and "refused" in plain.stderr, plain.stderr


KERNEL = """
import json, os, sys
sys.path.insert(0, {autograde!r})
import grading_kernels, sandbox
from jupyter_client import KernelManager

class Kernels(grading_kernels.SandboxKernels, KernelManager):
    pass

assert sandbox.enabled() and sandbox.helper(), "the helper is not usable"
manager = Kernels(kernel_name="python3")
manager.working_area = {area!r}
manager.hidden = [{home!r}, "/root", "/home"]  # as a hub hides the grader's home
manager.start_kernel(cwd={work!r})
client = manager.client()
client.start_channels()
client.wait_for_ready(timeout=60)
printed = []
def keep(message):
    if message["msg_type"] == "stream":
        printed.append(message["content"]["text"])
    elif message["msg_type"] == "error":
        printed.append(message["content"]["ename"])
client.execute_interactive({code!r}, timeout=60, output_hook=keep)
client.stop_channels()
manager.shutdown_kernel()
print(json.dumps({{"printed": "".join(printed), "sockets_left": os.path.exists(manager.socket_dir)}}))
"""
CODE = """
import os
print("uid", os.getuid())
try:
    print("KEY", open({key!r}).read())
except OSError as error:
    print("no key:", type(error).__name__)
open("made-by-kernel.txt", "w").write("x")
os.write(2, b"HELPER-STDERR-MARK\\n")
"""


def test_the_grader_gets_a_sandboxed_kernel_and_its_working_copy_back(prepared):
    _, home = prepared
    work = home / "area" / "ann" / "lesson"
    key = home / "course" / "secret" / "key.json"
    script = KERNEL.format(autograde=str(REPO / "autograde"), area=str(home / "area"),
                           home=str(home), work=str(work),
                           code=CODE.format(key=str(key)))  # fmt: skip
    done = as_caller(prepared, [str(PYTHON), "-c", script], home)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    printed = result["printed"]
    assert "no key:" in printed and "SECRET-OF-THE-COURSE" not in printed, printed
    caller = pwd.getpwnam(CALLER).pw_uid
    uid = int(printed.split("uid ", 1)[1].split()[0])
    assert uid > sandbox.FIRST_UID, "the kernel ran as a user of its own"
    log = home / "kernel-logs" / "ann" / "lesson" / "kernel.stderr.log"  # the grader's
    assert "HELPER-STDERR-MARK" in log.read_text() and log.stat().st_uid == caller
    assert "HELPER-STDERR-MARK" not in done.stderr
    assert set(ownership(work).values()) == {caller}, "the working copy came back"
    assert (work / "made-by-kernel.txt").exists()
    assert not result["sockets_left"], "the socket folder was left behind"
