"""The simulated corpus, loaded by name so that lessons never depend on a path.

nbgrader copies only a lesson's own folder into a student release, so lessons call
``load_corpus()`` instead of reading ``../datasets``. The name ``"default"`` resolves, in order:

1. the folder in ``$QUALKIT_CORPUS`` (a course that generated its own corpus with a secret seed);
2. the copy packaged inside qualkit (a normal install: ``qualkit/_corpus``);
3. ``datasets/corpus`` of the source checkout (an editable install, as ``make`` sets up).

Everything loaded here is student-facing; the answer key is read by :mod:`qualkit.key`, on the
instructor's side only. Every file is validated as it is read (the tables by
:mod:`qualkit.corpus_tables`): errors name the file, line or field. The support models are
data: whatever ``sessions.csv`` names, labelled by the codebook category with the same id (so
a course can bring its own corpus).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from qualkit.codebook import Codebook, read_codebook
from qualkit.codings import Codings, read_codings
from qualkit.corpus_tables import (
    PARTICIPANT_COLUMNS,
    SESSION_COLUMNS,
    TURN_COLUMNS,
    Kind,
    Participant,
    Session,
    check_turns_table,
    read_participants,
    read_sessions,
    read_table,
    read_turns,
)
from qualkit.errors import InputError, UnknownNameError
from qualkit.practice import current_group, with_practice
from qualkit.transcripts import Transcript, Turn, read_transcript

__all__ = [
    "CHECKOUT_DATASETS",
    "MODELS",
    "PARTICIPANT_COLUMNS",
    "SESSION_COLUMNS",
    "TURN_COLUMNS",
    "Corpus",
    "Kind",
    "Model",
    "Participant",
    "Session",
    "corpus_root",
    "load_corpus",
    "my_practice_group",
    "read_participants",
    "read_sessions",
    "read_table",
    "read_turns",
]

# The support models of the kit's own corpus, in its order: the generator's design, kept here
# as its one home. The library itself takes a corpus's models from its data (Corpus.models) and
# rejects none, so a course can bring a corpus of other models.
Model = Literal["pss", "doula", "home_visiting"]
MODELS: tuple[Model, ...] = ("pss", "doula", "home_visiting")

_PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DATASETS = _PACKAGE_DIR.parents[1] / "datasets"


@dataclass(frozen=True)
class Corpus:
    """Sessions, participants, transcripts, the student codebook and the shipped codings."""

    root: Path
    sessions: tuple[Session, ...]
    participants: tuple[Participant, ...]
    codebook: Codebook
    _transcripts: Mapping[str, Transcript] = field(repr=False)
    practice_of: str | None = None  # whose own practice group it holds (qualkit.practice)

    @property
    def models(self) -> tuple[str, ...]:
        """Support models of the sessions: in codebook category order, then as they come."""
        present = dict.fromkeys(s.model for s in sorted(self.sessions, key=lambda s: s.order))
        listed = [c.id for c in self.codebook.categories if c.id in present]
        return (*listed, *(model for model in present if model not in listed))

    def model_label(self, model: str) -> str:
        """A model's name for people: its codebook category's label, or the id itself."""
        for category in self.codebook.categories:
            if category.id == model:
                return category.label
        return model

    def session(self, session_id: str) -> Session:
        for session in self.sessions:
            if session.session_id == session_id:
                return session
        raise self._no_session(session_id)

    def _no_session(self, session_id: str) -> UnknownNameError:
        known = ", ".join(session.session_id for session in self.sessions)
        return UnknownNameError(f"no session {session_id!r} in the corpus; its sessions: {known}")

    def participant(self, participant_id: str) -> Participant:
        for participant in self.participants:
            if participant.participant_id == participant_id:
                return participant
        raise UnknownNameError(f"no participant {participant_id!r} in the corpus")

    def participant_for(self, session_id: str, speaker: str) -> Participant | None:
        """The participant speaking as ``speaker`` in a session (None for the facilitator)."""
        for participant_id in self.session(session_id).participant_ids:
            participant = self.participant(participant_id)
            if participant.pseudonym == speaker:
                return participant
        return None

    def transcript(self, session_id: str) -> Transcript:
        try:
            return self._transcripts[session_id]
        except KeyError:
            raise self._no_session(session_id) from None

    def transcripts(self, split: str | None = None) -> tuple[Transcript, ...]:
        """Transcripts in collection order, optionally of one split (``study``/``practice``)."""
        ordered = sorted(self.sessions, key=lambda session: session.order)
        return tuple(self._transcripts[s.session_id] for s in ordered if split in (None, s.split))

    def turns(self) -> Iterator[Turn]:
        """Every turn of every session, in collection order."""
        for transcript in self.transcripts():
            yield from transcript.turns

    def codings(self, name: str = "team") -> Codings:
        """Codings shipped with the corpus: ``team``, or the second coders ``ana`` and ``ben``."""
        path = self.root / "codings" / f"{name}.json"
        if not path.exists():
            shipped = sorted(p.stem for p in (self.root / "codings").glob("*.json"))
            raise UnknownNameError(
                f"no codings named {name!r}; the corpus has {', '.join(shipped)}"
            )
        return read_codings(path, self.codebook, self.transcripts())


def corpus_root(name_or_path: str | os.PathLike = "default") -> Path:
    """Where a corpus lives: a folder path, or ``"default"`` resolved as the module explains."""
    if name_or_path != "default":
        return Path(name_or_path)
    for candidate in (
        os.environ.get("QUALKIT_CORPUS"),
        _PACKAGE_DIR / "_corpus",
        CHECKOUT_DATASETS / "corpus",
    ):
        if candidate and (Path(candidate) / "sessions.csv").exists():
            return Path(candidate)
    raise FileNotFoundError(
        "qualkit cannot find its corpus: reinstall qualkit, or set QUALKIT_CORPUS to the "
        "folder that holds sessions.csv"
    )


def _fingerprint(root: Path) -> tuple:
    """Name, size and time of every file: any edit to the corpus folder changes it."""
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return tuple((str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


@lru_cache(maxsize=4)
def _load(root: Path, fingerprint: tuple) -> Corpus:
    sessions = read_sessions(root / "sessions.csv")
    participants = read_participants(root / "participants.csv")
    pseudonyms = {p.participant_id: p.pseudonym for p in participants}
    sessions_csv = root / "sessions.csv"
    transcripts = {}
    for index, session in enumerate(sessions):
        unknown = [pid for pid in session.participant_ids if pid not in pseudonyms]
        if unknown:
            raise InputError(
                sessions_csv,
                f"line {index + 2} column 'participant_ids'",
                "participants listed in participants.csv",
                unknown[0],
            )
        speakers = {session.facilitator, *(pseudonyms[pid] for pid in session.participant_ids)}
        path = root / "transcripts" / f"{session.session_id}.txt"
        if not path.exists():
            raise InputError(path, "file", f"the transcript of {session.session_id}", "missing")
        transcripts[session.session_id] = read_transcript(path, session.session_id, speakers)
    models = {session.model for session in sessions}
    for index, participant in enumerate(participants):
        if participant.model not in models:
            expected = "a model of sessions.csv (" + ", ".join(sorted(models)) + ")"
            place = f"line {index + 2} column 'model'"
            raise InputError(root / "participants.csv", place, expected, participant.model)
    check_turns_table(root / "turns.csv", read_turns(root / "turns.csv"), transcripts)
    codebook = read_codebook(root / "codebook.json")
    return Corpus(root, sessions, participants, codebook, MappingProxyType(transcripts))


def load_corpus(name_or_path: str | os.PathLike = "default") -> Corpus:
    """Load and validate a corpus (cached until a file in its folder changes).

    The default corpus holds the student's own practice group when the course gives each
    student one (qualkit.practice); a corpus named by its folder is loaded as it is."""
    root = corpus_root(name_or_path).resolve()
    corpus = _load(root, _fingerprint(root))
    group = current_group() if name_or_path == "default" else None
    return corpus if group is None else with_practice(corpus, group)


def my_practice_group() -> tuple[Transcript, ...]:
    """The practice transcripts you code (yours when the course gives each student one)."""
    return load_corpus().transcripts("practice")
