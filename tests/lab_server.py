"""Start a real Jupyter server for a browser test, and find Debian's Chromium to drive it.

Shared by the browser tests: each server gets a free port on 127.0.0.1, its own workspaces and
settings (JupyterLab otherwise reopens old tabs), no news pop-up, and is stopped afterwards.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "qualkit-browser-test"


def chromium() -> str:
    """Debian's Chromium; without it a browser test skips, or fails when ``$CI`` is set."""
    if not os.path.exists(CHROMIUM):
        message = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def _ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port() -> int:
    """A free loopback port below the kernel's ephemeral range, in this xdist worker's block.

    A port the kernel hands out (bind to 0) may be handed out again, to a kernel's ZeroMQ socket,
    before our server binds it: CI once read a ZeroMQ greeting where it asked for JupyterLab's
    status. Ports below the ephemeral range are never handed out, and each worker has its own
    block, so two workers' servers cannot meet either.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    blocks, first, last = 8, 10000, _ephemeral_start()
    size = (last - first) // blocks
    low = first + (int(worker) if worker.isdigit() else 0) % blocks * size
    for port in random.sample(range(low, low + size), 100):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {low}-{low + size - 1}")


@contextmanager
def jupyter_server(
    root: Path,
    scratch: Path,
    *,
    module: str = "jupyterlab",
    app: str = "LabApp",
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Run ``python -m <module>`` serving ``root``; yields its base URL (token: TOKEN)."""
    settings = scratch / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )
    port = free_port()
    command = [
        sys.executable,
        "-m",
        module,
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--ServerApp.token={TOKEN}",
        "--ServerApp.port_retries=0",  # a taken port stops it, rather than it serving elsewhere
        f"--ServerApp.root_dir={root}",
        f"--{app}.workspaces_dir={scratch / 'workspaces'}",
        f"--{app}.user_settings_dir={scratch / 'lab-settings'}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = scratch / f"{module}.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=root,
            env={**os.environ, **(env or {})},
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except (OSError, http.client.HTTPException):
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    pytest.fail(f"{module} did not start:\n" + log_path.read_text()[-3000:])
                time.sleep(0.2)
        try:
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
