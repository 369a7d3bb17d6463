"""qualkit: qualitative research methods in Jupyter.

Load the simulated corpus, code transcripts, measure agreement and saturation, compare the
support models, and exchange projects with other QDA software through REFI-QDA.
"""

from qualkit.codebook import Category, Code, Codebook, read_codebook, write_codebook
from qualkit.codings import Coding, Codings, Memo, read_codings, write_codings
from qualkit.corpus import Corpus, Participant, Session, load_corpus
from qualkit.errors import InputError
from qualkit.transcripts import Transcript, Turn, read_transcript

__all__ = [
    "Category",
    "Code",
    "Codebook",
    "Coding",
    "Codings",
    "Corpus",
    "InputError",
    "Memo",
    "Participant",
    "Session",
    "Transcript",
    "Turn",
    "load_corpus",
    "read_codebook",
    "read_codings",
    "read_transcript",
    "write_codebook",
    "write_codings",
]
