"""The browser tests' port picker: below the kernel's ephemeral range, a block for each worker."""

from __future__ import annotations

from lab_server import _ephemeral_start, free_port


def test_a_test_server_port_is_never_one_a_kernel_could_be_handed():
    assert all(10000 <= free_port() < _ephemeral_start() for _ in range(20))


def test_two_workers_pick_from_separate_blocks(monkeypatch):
    picked = {}
    for worker in ("gw0", "gw1"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        picked[worker] = {free_port() for _ in range(20)}
    assert max(picked["gw0"]) < min(picked["gw1"])
