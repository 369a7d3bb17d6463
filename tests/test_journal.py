"""The coding file's journal: every reader sees the same codings, and a kill loses nothing saved.

The kill tests stop a real process at one exact point of an append, of the journal's creation
or of a compaction (the child patches the system call there to print and wait), SIGKILL it,
and check the file: every action acknowledged before is there, the action in progress is
there whole or not at all, and a new tool opens it, compacts it and carries on.
"""

from __future__ import annotations

import contextlib
import gc
import os
import random
import shutil
import textwrap
import warnings
from pathlib import Path

import pytest
from kill_point import kill_when_stopped

from qualkit.codebook import Code
from qualkit.coding_tool import CodingTool
from qualkit.coding_tool import coding_file as coding_file_module
from qualkit.codings import Coding, Codings, format_codings, parse_codings, read_codings
from qualkit.codings.journal import journal_path, read_saved
from qualkit.errors import InputError

REPO = Path(__file__).resolve().parents[1]
SESSION = "PSS-FG1"


@pytest.fixture(autouse=True)
def compaction_by_count_only(monkeypatch):
    """These tests count actions to know when the tool compacts; a journal a minute old is
    compacted too, which a loaded machine could reach mid-test. The test of that sets it."""
    monkeypatch.setattr(coding_file_module, "COMPACT_AFTER_SECONDS", float("inf"))


def make_tool(corpus, path):
    return CodingTool.for_session(
        SESSION, "ana", path, corpus, clock=lambda: "2026-03-02T10:00:00Z"
    )


# ---------------------------------------------------------------- readers see one thing


def random_action(tool: CodingTool, rng: random.Random) -> None:
    turn = rng.choice([2, 3, 4, 6])
    segment = tool.segment(turn)
    added = [n for n in tool.codebook.names if n in ("PSS_TRANSPORT", "PSS_XTRA")]
    codes = rng.sample([*tool.codebook.names[:3], *added], 2)
    kind = rng.choice(["whole", "span", "two", "remove", "memo", "unmemo", "undo", "code"])
    if kind == "whole":
        tool.apply(codes[0], turn=turn)
    elif kind == "span":
        start = segment.start + rng.randrange(0, 8)
        tool.apply(codes[0], turn=turn, start=start, end=start + rng.randrange(3, 12))
    elif kind == "two":
        tool.apply(codes, turn=turn)
    elif kind == "remove":
        tool.remove(codes[0], turn=turn)
    elif kind == "memo":
        tool.write_memo(f"memo “{rng.random():.3f}”\nsecond line", turn=turn)
    elif kind == "unmemo":
        tool.write_memo("", turn=turn)
    elif kind == "undo":
        with contextlib.suppress(ValueError):  # a new code still in use cannot be taken back
            tool.undo()
    else:
        label = rng.choice(["PSS_TRANSPORT", "PSS_XTRA"])
        tool.add_code(Code(label, "pss", "Brief.", "Full.", "When.", "Not.", f"Ex {rng.random()}"))


def test_a_file_with_a_pending_journal_reads_as_its_compacted_self(
    tiny_corpus, tmp_path, monkeypatch
):
    monkeypatch.setattr(coding_file_module, "COMPACT_EVERY", 7)  # several journals in one run
    rng = random.Random(11)
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    book, transcripts = tiny_corpus.codebook, tiny_corpus.transcripts()
    pending_seen = 0
    for _ in range(120):
        random_action(tool, rng)
        if not path.exists():
            continue
        expected = parse_codings(tool.text())  # what the tool holds, as its file would say
        assert read_codings(path) == expected
        assert read_codings(path, book, transcripts) == expected
        pending_seen += journal_path(path).exists()
    assert pending_seen > 60, "the journal was hardly ever pending: nothing was tested"
    while not journal_path(path).exists():
        random_action(tool, rng)
    copy = tmp_path / "copy"  # as nbgrader copies a submission: hidden files too
    shutil.copytree(tmp_path, copy, ignore=shutil.ignore_patterns("copy"))
    assert journal_path(copy / path.name).exists()
    assert read_codings(copy / path.name, book, transcripts) == read_codings(path)
    tool.close()
    assert not journal_path(path).exists()
    assert path.read_text(encoding="utf-8") == tool.text() == format_codings(read_codings(path))


def test_the_command_line_export_reads_the_journal(tiny_corpus, tmp_path):
    from qualkit import refi
    from qualkit.cli import main

    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=3)
    at = tool.segment(2).start
    tool.apply(["PSS_LIVED_EXP", "PSS_IMPROVE"], turn=2, start=at + 4, end=at + 12)
    assert journal_path(path).exists()
    out = tmp_path / "ana.qdpx"
    assert main(["export-qdpx", str(out), str(path), "--corpus", str(tiny_corpus.root)]) == 0
    assert set(refi.import_qdpx(out).codings.codings) == set(read_codings(path).codings)
    assert len(read_codings(path)) == 3


def test_a_journal_left_from_an_older_file_is_ignored(tiny_corpus, tmp_path):
    """A compaction killed between writing the file and deleting the journal, or a file that
    a student rewrote with her own code: the journal no longer belongs to the file."""
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=3)
    tool.remove("PSS_BOUNDARY", turn=3)  # a drop: applied twice, it would find nothing
    tool.apply("PSS_IMPROVE", turn=6)
    mine = Codings((Coding(SESSION, 4, "PSS_LIVED_EXP", "ana"),))
    path.write_text(format_codings(mine), encoding="utf-8")
    assert read_codings(path, tiny_corpus.codebook) == mine
    saved = read_saved(path)
    assert saved.stale and not saved.actions
    again = make_tool(tiny_corpus, path)  # opening clears the stale journal away
    assert not journal_path(path).exists() and again.codes_of(4) == ("PSS_LIVED_EXP",)


def test_a_damaged_journal_is_an_error_naming_its_line(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    for turn in (2, 3, 4):
        tool.apply("PSS_BOUNDARY", turn=turn)
    journal = journal_path(path)
    lines = journal.read_text(encoding="utf-8").split("\n")
    journal.write_text("\n".join([lines[0], lines[1][:20], *lines[2:]]), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"\.ana\.codings\.json\.journal: line 2: expected a whole"
    ):
        read_codings(path)
    journal.write_text("\n".join([lines[0], lines[1].replace("PSS_", "NO_"), *lines[2:]]))
    with pytest.raises(
        InputError, match=r"journal: line 2 field 'code': expected a code of the codebook"
    ):
        read_codings(path, tiny_corpus.codebook)
    with pytest.raises(InputError, match=r"journal: line 2"):
        make_tool(tiny_corpus, path)  # refused, and left alone
    assert journal.exists()
    journal.unlink()  # (so that the kernel's exit has nothing to compact)


def test_a_lost_journal_is_written_again_from_what_the_tool_holds(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=3)
    tool.apply("PSS_IMPROVE", turn=6)
    journal_path(path).unlink()
    tool.apply("PSS_LIVED_EXP", turn=2)
    assert {c.code for c in read_codings(path)} == {"PSS_BOUNDARY", "PSS_IMPROVE", "PSS_LIVED_EXP"}


def test_compaction_comes_every_so_many_actions_and_when_the_journal_is_old(
    tiny_corpus, tmp_path, monkeypatch
):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=2)  # no file yet: written whole
    first = path.read_bytes()
    for n in range(coding_file_module.COMPACT_EVERY):
        tool.write_memo(f"memo {n}", turn=3)
        assert path.read_bytes() == first  # only the journal grows
    tool.write_memo("one more", turn=3)
    assert not journal_path(path).exists() and read_codings(path).memos[0].text == "one more"
    tool.write_memo("started", turn=4)
    monkeypatch.setattr(coding_file_module, "COMPACT_AFTER_SECONDS", 0.0)
    tool.write_memo("a minute later", turn=4)
    assert not journal_path(path).exists()


# ---------------------------------------------------------------- kills at every point

CHILD = textwrap.dedent(
    """
    import os, sys
    from kill_point import HalfWritten, stop_here  # tests/kill_point.py
    from qualkit.corpus import load_corpus
    from qualkit.coding_tool import CodingTool, coding_file
    from qualkit.codings import journal

    point, target, corpus_dir, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    coding_file.COMPACT_EVERY = 4
    armed = False


    real_write, real_fdatasync, real_fsync, real_fdopen = os.write, os.fdatasync, os.fsync, os.fdopen
    real_discard, fsyncs = journal.discard, []


    def write(fd, data):
        if armed and point == "append-before":
            stop_here()
        if armed and point == "append-half":
            real_write(fd, bytes(data)[: len(data) // 2])
            stop_here()
        return real_write(fd, data)


    def fdatasync(fd):
        if armed and point == "append-written":
            stop_here()
        real_fdatasync(fd)
        if armed and point == "append-synced":
            stop_here()


    def fsync(fd):  # write_atomic: the temporary file first, the folder after the rename
        real_fsync(fd)
        fsyncs.append(fd)
        if armed and len(fsyncs) == {"synced": 1, "replaced": 2}.get(point.split("-")[-1]):
            stop_here()


    def fdopen(fd, mode):
        handle = real_fdopen(fd, mode)
        return HalfWritten(handle) if armed and point.endswith("-half") else handle


    def discard(path):
        if armed and point == "compact-replaced":
            stop_here()
        real_discard(path)
        if armed and point == "compact-discarded":
            stop_here()


    os.write, os.fdatasync, os.fsync, os.fdopen, journal.discard = (
        write, fdatasync, fsync, fdopen, discard
    )
    tool = CodingTool.for_session("PSS-FG1", "ana", path, load_corpus(corpus_dir))
    PLAN = [
        lambda: tool.apply(["PSS_LIVED_EXP", "PSS_BOUNDARY"], turn=2),  # no file: written whole
        lambda: tool.apply(["PSS_LIVED_EXP", "PSS_BOUNDARY"], turn=3),  # the journal starts
        lambda: tool.remove("PSS_LIVED_EXP", turn=2),
        lambda: tool.apply(["PSS_LIVED_EXP", "PSS_IMPROVE"], turn=4),
        lambda: tool.remove("PSS_BOUNDARY", turn=3),
        lambda: tool.apply(["PSS_BOUNDARY", "PSS_IMPROVE"], turn=6),  # 4 pending: compaction
    ]
    for number, action in enumerate(PLAN, 1):
        armed = number == target
        fsyncs.clear()
        action()
        print("acked", number, flush=True)
    print("done", flush=True)
    """
)
# The same plan as sets of (turn, code), after each number of actions.
STATES = [set()]
for change in [
    {(2, "PSS_LIVED_EXP"), (2, "PSS_BOUNDARY")},
    {(3, "PSS_LIVED_EXP"), (3, "PSS_BOUNDARY")},
    {(2, "PSS_LIVED_EXP")},
    {(4, "PSS_LIVED_EXP"), (4, "PSS_IMPROVE")},
    {(3, "PSS_BOUNDARY")},
    {(6, "PSS_BOUNDARY"), (6, "PSS_IMPROVE")},
]:
    STATES.append(STATES[-1] ^ change)

POINTS = [
    # (where the kill lands, in which action, how many actions the file then holds)
    ("first-half", 1, 0),  # the first save writes the file: half a temporary file
    ("start-half", 2, 1),  # creating the journal: half its temporary file
    ("start-synced", 2, 1),  # the journal complete in its temporary file, not yet renamed
    ("start-replaced", 2, 2),  # renamed: the journal is there
    ("append-before", 4, 3),
    ("append-half", 4, 3),  # half a line: cut off, left out with a warning
    ("append-written", 4, 4),  # the whole line, not yet fsync'd: a whole action
    ("append-synced", 4, 4),  # fsync'd: saved
    ("compact-half", 6, 5),  # half the new file in its temporary file: file and journal hold
    ("compact-synced", 6, 5),
    ("compact-replaced", 6, 6),  # the new file in place, the journal not yet deleted: stale
    ("compact-discarded", 6, 6),
]


@pytest.mark.slow  # a real process (or kernel) per case
@pytest.mark.parametrize(("point", "target", "holds"), POINTS, ids=[p[0] for p in POINTS])
def test_a_kill_at_any_point_of_a_save_loses_no_saved_action_and_halves_none(
    tiny_corpus, tmp_path, point, target, holds
):
    path = tmp_path / "ana.codings.json"
    lines = kill_when_stopped(CHILD, point, str(target), str(tiny_corpus.root), str(path))
    assert lines == [f"acked {n}" for n in range(1, target)]
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        held = read_codings(path, tiny_corpus.codebook) if path.exists() else Codings()
    assert {(c.turn, c.code) for c in held} == STATES[holds]
    cut_off = [str(w.message) for w in warned]
    if point == "append-half":
        [message] = cut_off
        assert message.startswith(".ana.codings.json.journal: line 4: the last change was cut off")
    else:
        assert cut_off == []
    if point == "compact-replaced":
        assert read_saved(path).stale  # ignored: its drops would find nothing to drop
    # A new tool resumes exactly that, compacts it away, and carries on.
    tool = make_tool(tiny_corpus, path)
    assert ("cut off" in tool.status) == (point == "append-half")
    assert {(c.turn, c.code) for t in (2, 3, 4, 6) for c in tool.codings_of(t)} == STATES[holds]
    assert not journal_path(path).exists() or holds == 0
    tool.apply("PSS_IMPROVE", turn=3)
    tool.apply("PSS_LIVED_EXP", turn=6)
    tool.close()
    after = {(c.turn, c.code) for c in read_codings(path, tiny_corpus.codebook)}
    assert after == STATES[holds] | {(3, "PSS_IMPROVE"), (6, "PSS_LIVED_EXP")}
    assert not journal_path(path).exists()


def test_a_linked_journal_or_lock_is_never_followed(tiny_corpus, tmp_path):
    """A folder handed in is read by the grader: a journal that is a link is refused, and a
    lock file that is a link or a pipe is not waited on."""
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=3)
    tool.apply("PSS_IMPROVE", turn=6)
    tool.close()
    secret = tmp_path / "secret.txt"
    secret.write_text("the key\n", encoding="utf-8")
    journal_path(path).symlink_to(secret)
    with pytest.raises(InputError, match=r"journal: path: expected the coding tool's journal"):
        read_codings(path)
    journal_path(path).unlink()
    tool.apply("PSS_LIVED_EXP", turn=2)  # a real journal again
    lock = tmp_path / ".ana.codings.json.lock"
    lock.unlink()
    os.mkfifo(lock)  # opening a pipe to read would wait for a writer forever
    assert len(read_codings(path)) == 3
    lock.unlink()
    tool.close()
    lock.unlink()
    tool.close()


@pytest.mark.slow  # a real process (or kernel) per case
def test_shutting_down_the_kernel_folds_the_journal_into_the_file(tiny_corpus, tmp_path):
    """What the README tells a student who downloads her file by hand, in a real kernel."""
    from jupyter_client.manager import start_new_kernel

    path = tmp_path / "ana.codings.json"
    manager, client = start_new_kernel(
        kernel_name="python3", env={**os.environ, "PYTHONPATH": str(REPO / "src")}
    )
    try:
        reply = client.execute_interactive(
            "from qualkit.corpus import load_corpus\n"
            "from qualkit.coding_tool import CodingTool\n"
            f"tool = CodingTool.for_session('PSS-FG1', 'ana', {str(path)!r}, "
            f"load_corpus({str(tiny_corpus.root)!r}))\n"
            "tool.apply('PSS_BOUNDARY', turn=3)\n"
            "tool.apply('PSS_IMPROVE', turn=6)\n",
            timeout=60,
        )
        assert reply["content"]["status"] == "ok", reply["content"]
        assert journal_path(path).exists()
    finally:
        client.stop_channels()
        # As JupyterLab's Shut Down Kernel asks, but waiting for the exit as long as a loaded
        # machine takes (jupyter_client's default sends SIGTERM, which skips atexit, at 2.5 s).
        manager.shutdown_wait_time = 120
        manager.shutdown_kernel(now=False)
    assert not journal_path(path).exists()
    held = parse_codings(path.read_text(encoding="utf-8"))
    assert {(c.turn, c.code) for c in held} == {(3, "PSS_BOUNDARY"), (6, "PSS_IMPROVE")}


def test_transcripts_may_be_given_as_a_generator(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=3)  # in the file
    tool.apply("PSS_IMPROVE", turn=6)  # in the journal, checked against the same transcripts
    given = (transcript for transcript in tiny_corpus.transcripts())
    assert read_codings(path, tiny_corpus.codebook, given) == read_codings(path)


@pytest.mark.slow  # a real process (or kernel) per case
def test_the_kernels_exit_compacts_a_journal_whose_tool_is_gone(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=3)
    tool.apply("PSS_IMPROVE", turn=6)
    del tool  # a cell run again: the old tool is dropped with a journal pending
    gc.collect()
    assert journal_path(path).exists()
    coding_file_module._compact_at_exit()  # what atexit runs
    assert not journal_path(path).exists() and len(parse_codings(path.read_text("utf-8"))) == 2
