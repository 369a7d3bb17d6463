"""One practice group per student: her seed from the course secret, her transcripts, her key.

A student's seed is an HMAC of her id under the course secret, so nobody without the secret
can work out (or choose) a group, and the grader regenerates the same group and key from the
secret and the id on any machine. Her group replaces the shared practice sessions (``FG5`` of
each model) and keeps their ids; the study sessions, codings and codebook stay the course's.

``student_group`` renders her *overlay*: the practice rows of ``sessions.csv``,
``participants.csv`` and ``turns.csv`` and the practice transcripts, in the corpus's own
formats, text only (no code, no markup); ``qualkit.practice`` lays it over the shared corpus.
Her key (every coded span, coder ``key``) stays in memory on the instructor's side.

On by default: the course secret's file is ``$QUALKIT_PRACTICE_SECRET_FILE``, else
``<build>/grader/practice-secret`` beside the gradebook (``$QUALKIT_BUILD`` or the checkout's
``build/``), which ``make publish`` makes (mode 600 in a folder of mode 700) when it is missing.
The shared groups, whose key is public with the repository, are an explicit opt-out.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from generator.assemble import key_spans, practice_sessions, transcript_text
from generator.codes import LABELS
from generator.result import Person
from generator.talk import SESSIONS, ModelTalk, load_talk
from generator.writer import FACT_COLUMNS, _csv, participant_row
from qualkit.codings import Coding, Codings
from qualkit.corpus import MODELS, SESSION_COLUMNS, TURN_COLUMNS

MIN_SECRET_BYTES = 16
SECRET_ENV = "QUALKIT_PRACTICE_SECRET_FILE"  # the course secret's file, if not the default
# The opt-out, named for what it costs: everyone codes the shared practice groups, whose key
# anyone can read in the public repository.
SHARED_ENV = "QUALKIT_UNSAFE_SHARED_PRACTICE_GROUPS_KEY_IS_PUBLIC"
SHARED_WARNING = (
    f"WARNING: practice groups are SHARED ({SHARED_ENV} is set). Every student codes the "
    "corpus's practice groups, whose answer key is public with the qualkit repository: a "
    "student who finds it can hand in the key's coding as hers. Do not use this for graded "
    f"work; unset {SHARED_ENV} to give each student her own group."
)
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class StudentGroup:
    """A student's practice sessions: overlay files (relative path → text) and her key."""

    student: str
    seed: int
    files: Mapping[str, str]
    key: Codings
    exchanges: Mapping[str, tuple[str, ...]]  # session id → practice.yaml exchange ids, in order
    speakers: Mapping[str, tuple[str, ...]]  # session id → pseudonyms, in order of first turn

    def fingerprint(self) -> str:
        """A short name for the group's content: equal fingerprints, equal transcripts."""
        digest = hashlib.sha256()
        for path in sorted(self.files):
            digest.update(path.encode() + b"\0" + self.files[path].encode() + b"\0")
        return digest.hexdigest()[:12]


def shared_groups_chosen() -> bool:
    """The course opted out of a practice group per student (any value but empty, 0, no)."""
    return os.environ.get(SHARED_ENV, "").strip().lower() not in ("", "0", "no", "false")


def secret_folder() -> Path:
    """Where the default secret lives: the grader's folder beside the gradebook, never
    released, served or readable by the grading kernel (the build area is hidden from it)."""
    return Path(os.environ.get("QUALKIT_BUILD") or REPO / "build").resolve() / "grader"


def secret_path() -> Path:
    """The course secret's file: ``$QUALKIT_PRACTICE_SECRET_FILE``, else the default."""
    named = os.environ.get(SECRET_ENV)
    return Path(named) if named else secret_folder() / "practice-secret"


def make_secret(path: Path) -> bool:
    """Write a new secret to ``path`` (mode 600; a new folder gets mode 700) unless one is
    there: True when it made one. Exclusive creation, so two publishes never make two."""
    import secrets

    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        path.parent.chmod(0o700)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(secrets.token_hex(32) + "\n")
        out.flush()
        os.fsync(out.fileno())
    return True


def read_secret(path: str | os.PathLike, refuse_under: tuple[Path, ...] = ()) -> bytes:
    """The course secret from its file, which only its owner may read, kept out of every folder
    in ``refuse_under`` (the course and the published groups, which others read)."""
    path = Path(path)
    try:
        info = path.stat()
        data = path.read_bytes().strip()
    except OSError as error:
        raise OSError(f"{path}: cannot read the practice-group secret ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PermissionError(f"{path}: the secret file must be a file only its owner can read "
                              f"(chmod 600), not mode {stat.filemode(info.st_mode)}")  # fmt: skip
    for folder in refuse_under:
        if path.resolve().is_relative_to(Path(folder).resolve()):
            raise PermissionError(f"{path}: keep the secret outside {folder}, which others read")
    if len(data) < MIN_SECRET_BYTES:
        raise ValueError(f"{path}: the secret has {len(data)} bytes; use {MIN_SECRET_BYTES} or "
                         "more (python -c 'import secrets; print(secrets.token_hex(32))')")  # fmt: skip
    return data


def student_seed(secret: bytes, student: str) -> int:
    """The seed of a student's group: 64 bits of HMAC-SHA256(secret, id).

    >>> student_seed(b"a course secret, 16+ bytes", "ana") == student_seed(b"a course secret, 16+ bytes", "ana")
    True
    >>> student_seed(b"a course secret, 16+ bytes", "ana") != student_seed(b"a course secret, 16+ bytes", "bea")
    True
    """
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the course secret has {len(secret)} bytes; use {MIN_SECRET_BYTES}+")
    if not student:
        raise ValueError("a student id is needed for a practice group")
    mac = hmac.new(secret, f"qualkit practice group\0{student}".encode(), hashlib.sha256)
    return int.from_bytes(mac.digest()[:8], "big")


_TALK: dict[str, Mapping[str, ModelTalk]] = {}


def _default_talk() -> Mapping[str, ModelTalk]:
    """The hand-written talk, read once per process (a class's groups share it)."""
    if "talk" not in _TALK:
        _TALK["talk"] = load_talk()
    return _TALK["talk"]


def _study_counts(talk: Mapping[str, ModelTalk]) -> tuple[int, int]:
    """Study sessions and study participants, counted as the corpus numbers them (practice
    sessions and women come after them)."""
    women = {(m, w) for m in MODELS for name in SESSIONS for w in talk[m].sessions[name].cast}
    return len(MODELS) * len(SESSIONS), len(women)


def group_for_seed(
    seed: int, student: str = "", talk: Mapping[str, ModelTalk] | None = None
) -> StudentGroup:
    """The practice sessions of ``seed`` rendered as an overlay, with their key."""
    talk = _default_talk() if talk is None else talk
    study_sessions, study_women = _study_counts(talk)
    sessions = practice_sessions(seed, talk, whole_pool=True)
    session_rows, people, turn_rows, key, files = [], [], [], [], {}
    for order, session in enumerate(sessions, study_sessions + 1):
        ids = []
        for sheet in session.women:
            person = Person(f"P{study_women + len(people) + 1:03d}", session.model, sheet,
                            (session.session_id,))  # fmt: skip
            people.append(person)
            ids.append(person.participant_id)
        row = {
            "session_id": session.session_id, "model": session.model, "kind": session.kind,
            "split": session.split, "order": order, "title": session.title,
            "setting": session.setting, "facilitator": session.facilitator,
            "participant_ids": ";".join(ids), "double_coded": "no", "turns": len(session.turns),
        }  # fmt: skip
        session_rows.append([row[c] for c in SESSION_COLUMNS])
        text = transcript_text(session)
        files[f"transcripts/{session.session_id}.txt"] = text
        turn_rows += [
            (session.session_id, n, t.speaker, t.text) for n, t in enumerate(session.turns, 1)
        ]
        spans = sorted(key_spans(session, text), key=lambda s: (s[1], LABELS.index(s[2]), s[3]))
        key += [Coding(s[0], s[1], s[2], "key", start=s[3], end=s[4]) for s in spans]
    files["sessions.csv"] = _csv(SESSION_COLUMNS, session_rows)
    files["participants.csv"] = _csv(FACT_COLUMNS, (participant_row(p) for p in people))
    files["turns.csv"] = _csv(TURN_COLUMNS, turn_rows)
    exchanges = {
        s.session_id: tuple(dict.fromkeys(t.source.split(":")[1] for t in s.turns))
        for s in sessions
    }
    speakers = {
        s.session_id: tuple(dict.fromkeys(t.speaker for t in s.turns if t.woman is not None))
        for s in sessions
    }
    return StudentGroup(  # read-only: callers may share a group (_course_group)
        student,
        seed,
        MappingProxyType(dict(sorted(files.items()))),
        Codings(tuple(key)),
        MappingProxyType(exchanges),
        MappingProxyType(speakers),
    )


def student_group(
    secret: bytes, student: str, talk: Mapping[str, ModelTalk] | None = None
) -> StudentGroup:
    """A student's practice group and key: same secret and id, same group, byte for byte."""
    if talk is None:
        return _course_group(secret, student)
    return group_for_seed(student_seed(secret, student), student, talk)


# Grading asks for her group three times or more a notebook (her kernel's folder, the trusted
# step's, her key), and a batch goes lesson by lesson through a class: about 100 kB a group.
@functools.lru_cache(maxsize=128)
def _course_group(secret: bytes, student: str) -> StudentGroup:
    """A student's group from the hand-written talk, made once and shared: read-only."""
    return group_for_seed(student_seed(secret, student), student)
