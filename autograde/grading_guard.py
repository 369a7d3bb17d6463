"""A guard for grading kernels: submitted code may not read course files or tamper with grading.

During autograde a student's notebook runs on the instructor's machine. nbgrader_config.py makes
every grading kernel run ``install(...)`` before the first cell; from then on a Python audit hook
(PEP 578, which nothing in the kernel can remove) refuses:

- any access to the course's private trees (lesson sources with their solutions and hidden
  tests, the answer key, the gradebook, other students' submissions, the exchange), except the
  submission's own folder and the student-facing corpus;
- writing to Python's installation, qualkit, and the IPython and Jupyter configuration (code
  there would run in the next student's kernel or in the grader);
- new processes, native code (ctypes), sockets, tracing, and rewriting functions' code.

Paths are resolved here, symlinks included, with functions bound at install time, so patching
``os.path`` later cannot fool the hook. This raises the bar for a scripted attempt a great deal
but is not an operating-system sandbox: a course that must keep its key secret from determined
attackers grades in a container or as a user who cannot read the course (see ARCHITECTURE.md).
"""

from __future__ import annotations


def install(denied, readonly_extra=(), allowed_readonly=()):
    """Install the guard in this process. ``denied``: folders no access may enter (except the
    current folder and ``allowed_readonly``); ``readonly_extra``: more folders to keep read-only."""
    import ctypes  # noqa: F401  (numpy imports it; loaded now, its calls are refused below)
    import os
    import posix
    import site
    import sys

    # Everything the hook calls is bound now, as C functions or immutable values.
    lstat, readlink, getcwd, getpid = posix.lstat, posix.readlink, posix.getcwd, posix.getpid
    raise_error = PermissionError
    str_type, bytes_type, int_type = str, bytes, int
    s_iflnk, s_ifmt = 0o120000, 0o170000
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    pathlike_types = tuple(
        type(p) for p in (__import__("pathlib").Path("/"), __import__("pathlib").PurePath("/"))
    )

    def split(path):
        return [part for part in path.split("/") if part not in ("", ".")]

    def resolve(path, depth=0):
        """Absolute, symlink-free form of ``path`` (like os.path.realpath, from bound parts)."""
        if depth > 40:
            raise raise_error("grading guard: too many symbolic links")
        parts = split(path if path.startswith("/") else getcwd() + "/" + path)
        resolved = []
        while parts:
            part = parts.pop(0)
            if part == "..":
                if resolved:
                    resolved.pop()
                continue
            candidate = "/" + "/".join([*resolved, part])
            try:
                mode = lstat(candidate).st_mode
            except OSError:
                resolved.append(part)  # does not exist (yet): nothing to follow
                continue
            if mode & s_ifmt == s_iflnk:
                target = readlink(candidate)
                base = "/" + "/".join(resolved)
                target = resolve(
                    target if target.startswith("/") else base + "/" + target, depth + 1
                )
                resolved = split(target)
            else:
                resolved.append(part)
        return "/" + "/".join(resolved)

    def roots(paths):
        return tuple(resolve(str_type(p)) for p in paths if p)

    own = resolve(getcwd())
    denied_roots = roots(denied)
    python = [
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        *site.getsitepackages(),
        site.getusersitepackages(),
    ]
    readable = roots([*allowed_readonly, *python])  # even inside a private tree (a .venv)
    readonly = roots([*python, *sys.path, *readonly_extra])
    pid = str_type(getpid())
    try:  # code in these folders runs in the next kernel or in Jupyter: keep it as it is
        import jupyter_core.paths as jupyter_paths
        from IPython import get_ipython

        shell = get_ipython()
        readonly += roots(
            [
                *jupyter_paths.jupyter_config_path(),
                *jupyter_paths.jupyter_path(),
                shell.ipython_dir if shell is not None else None,
            ]
        )
    except ImportError:
        pass

    def inside(path, root):
        return path == root or path.startswith(root + "/") or root == "/"

    def as_text(path):
        if type(path) is str_type:
            return path
        if type(path) is bytes_type:
            return path.decode("utf-8", "surrogateescape")
        if type(path) in pathlike_types:
            return str_type(path)
        return None

    def check(path, write, event):
        if type(path) is int_type or path is None:
            return  # an open file descriptor: its opening was checked
        text = as_text(path)
        if text is None:  # an object whose __fspath__ could answer twice: refuse
            raise raise_error(f"grading guard: {event} needs a plain path")
        if not text.startswith("/") and ".." in split(text):
            raise raise_error(f"grading guard: {event} of {text!r} (relative '..') refused")
        real = resolve(text)
        parts = split(real)
        # Another process's memory or environment (its links resolve above, and are checked).
        if (
            len(parts) > 2
            and parts[0] == "proc"
            and parts[1] not in ("self", pid)
            and parts[2] in ("mem", "environ", "pagemap", "task", "map_files")
        ):
            raise raise_error(f"grading guard: {event} of {text!r} refused")
        if inside(real, own):
            return
        for root in denied_roots:
            # Also refuse folders above a private tree: a descriptor of one would reach it.
            if inside(real, root) or (event == "open" and inside(root, real) and real != "/"):
                if not write and any(inside(real, r) for r in readable):
                    return
                raise raise_error(f"grading guard: {event} of {text!r} refused while grading")
        if write and any(inside(real, root) for root in readonly):
            raise raise_error(f"grading guard: writing {text!r} refused while grading")

    blocked = frozenset(
        {
            "subprocess.Popen",
            "os.system",
            "os.exec",
            "os.posix_spawn",
            "os.spawn",
            "os.startfile",
            "ctypes.dlopen",
            "ctypes.dlsym",
            "ctypes.cdata",
            "ctypes.call_function",
            "sys.settrace",
            "sys.setprofile",
            "gc.get_objects",
            "gc.get_referrers",
            "gc.get_referents",
            "socket.connect",
            "socket.bind",
            "socket.sendto",
            "socket.getaddrinfo",
            "os.add_dll_directory",
        }
    )
    blocked_imports = frozenset({"_posixsubprocess", "_testcapi", "_testinternalcapi", "cffi"})
    two_paths = frozenset(
        {"os.rename", "os.link", "os.symlink", "shutil.copyfile", "shutil.copytree", "shutil.move"}
    )
    write_events = frozenset(
        {
            "os.remove",
            "os.rmdir",
            "os.mkdir",
            "os.truncate",
            "os.chmod",
            "os.chown",
            "os.utime",
            "shutil.rmtree",
            "shutil.chown",
            "os.chflags",
            "os.setxattr",
            "os.removexattr",
        }
    )
    read_events = frozenset(
        {"os.listdir", "os.scandir", "glob.glob", "os.chdir", "sqlite3.connect", "os.listxattr"}
    )

    def hook(event, args):
        if event in blocked:
            raise raise_error(f"grading guard: {event} is not allowed while grading")
        if event == "open":
            path, mode, flags = args
            write = (type(mode) is str_type and any(c in mode for c in "wax+")) or bool(
                type(flags) is int_type and flags & write_flags
            )
            check(path, write, event)
        elif event == "import":
            if args[0] in blocked_imports:
                raise raise_error(f"grading guard: importing {args[0]} is not allowed")
        elif event in two_paths:
            check(args[0], event != "shutil.copyfile", event)
            check(args[1], True, event)
        elif event in write_events:
            check(args[0], True, event)
        elif event in read_events:
            check(args[0], False, event)
        elif event == "object.__setattr__" and args[1] == "__code__":
            raise raise_error("grading guard: rewriting a function's code is not allowed")

    # subprocess audits itself in Python, over an unaudited launcher: take the launcher away
    # (importing it again is refused above).
    import _posixsubprocess
    import subprocess

    def refuse(*args, **kwargs):
        raise raise_error("grading guard: new processes are not allowed while grading")

    del _posixsubprocess.fork_exec
    subprocess._fork_exec = refuse
    sys.addaudithook(hook)
