"""What a REFI-QDA project holds in qualkit's types, and the names both directions share."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from importlib import metadata
from os import PathLike

from qualkit.codebook import Codebook
from qualkit.codings import Codings
from qualkit.codings import check_codings as _check_codings
from qualkit.corpus import Corpus, Participant
from qualkit.transcripts import Transcript

__all__ = [
    "NS_CODEBOOK",
    "NS_PROJECT",
    "PARTICIPANTS_CATEGORY",
    "QUALKIT_NAMESPACE",
    "UNDATED",
    "RefiProject",
    "check_codings",
    "contents",
    "guid",
    "origin",
]

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
QUALKIT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:qualkit:refi-qda")
# QualCoder cannot read a <Note> without a date; an undated memo gets this fixed one (the
# archive entries' time, so exports repeat byte for byte), and reads back as undated.
UNDATED = "1980-01-01T00:00:00Z"
# The category holding one code per participant: QualCoder links a case to its sessions only
# through a code that shares the case's GUID (as ATLAS.ti writes them).
PARTICIPANTS_CATEGORY = "Participants (case links)"


def guid(key: str) -> str:
    """The GUID of the thing named by ``key``: the same key always gives the same GUID.

    >>> guid("code:PSS_BOUNDARY") == guid("code:PSS_BOUNDARY") != guid("code:PSS_IMPROVE")
    True
    >>> len(guid("user:ana")), guid("user:ana").isupper()
    (36, True)
    """
    return str(uuid.uuid5(QUALKIT_NAMESPACE, key)).upper()


def origin() -> str:
    """The ``origin`` attribute of what the kit writes: ``qualkit <version>``."""
    try:
        return f"qualkit {metadata.version('qualkit')}"
    except metadata.PackageNotFoundError:
        return "qualkit"


@dataclass(frozen=True)
class RefiProject:
    """A project read from a ``.qdpx`` (see :func:`import_qdpx`), in qualkit's own types.

    ``codebook`` holds the starting codebook; codes a coder added are in ``codings.added_codes``.
    ``participants`` keep their attributes as text, as in ``participants.csv``.
    """

    title: str
    transcripts: tuple[Transcript, ...]
    codebook: Codebook
    codings: Codings
    participants: tuple[Participant, ...] = ()

    def transcript(self, session_id: str) -> Transcript:
        for transcript in self.transcripts:
            if transcript.session_id == session_id:
                return transcript
        raise KeyError(f"no session {session_id!r} in the project")


def contents(
    corpus: Corpus | RefiProject,
) -> tuple[tuple[Transcript, ...], Codebook, tuple[Participant, ...], str]:
    """Transcripts, codebook, participants and default title of a corpus or imported project."""
    if isinstance(corpus, RefiProject):
        return corpus.transcripts, corpus.codebook, corpus.participants, corpus.title
    title = corpus.codebook.title or "qualkit project"
    return corpus.transcripts(), corpus.codebook, corpus.participants, title


def check_codings(
    codings: Codings, corpus: Corpus | RefiProject, source: str | PathLike = "codings"
) -> None:
    """Check that codings fit a corpus or project (see :func:`qualkit.codings.check_codings`)."""
    transcripts, codebook, _, _ = contents(corpus)
    _check_codings(codings, source, codebook, transcripts)
