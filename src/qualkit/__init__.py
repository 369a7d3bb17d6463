"""qualkit: qualitative research methods in Jupyter.

Load the simulated corpus, code transcripts, measure agreement and saturation, compare the
support models, and exchange projects with other QDA software through REFI-QDA.
The modules ``matrices``, ``themes``, ``figures`` and ``refi`` are imported by name
(``from qualkit import figures``) so that ``import qualkit`` stays quick.
"""

from qualkit.agreement import (
    AgreementTable,
    brennan_prediger,
    cohens_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    per_code_agreement,
    percent_agreement,
    scotts_pi,
)
from qualkit.codebook import Category, Code, Codebook, read_codebook, write_codebook
from qualkit.coding_tool import CodingTool
from qualkit.codings import Coding, Codings, Memo, read_codings, write_codings
from qualkit.corpus import Corpus, Participant, Session, load_corpus, load_key
from qualkit.errors import InputError
from qualkit.saturation import SaturationResult, assess_saturation, cumulative_codes
from qualkit.transcripts import Transcript, Turn, read_transcript
from qualkit.widget import code_transcript

__all__ = [
    "AgreementTable",
    "Category",
    "Code",
    "Codebook",
    "Coding",
    "CodingTool",
    "Codings",
    "Corpus",
    "InputError",
    "Memo",
    "Participant",
    "SaturationResult",
    "Session",
    "Transcript",
    "Turn",
    "assess_saturation",
    "brennan_prediger",
    "code_transcript",
    "cohens_kappa",
    "cumulative_codes",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "load_corpus",
    "load_key",
    "per_code_agreement",
    "percent_agreement",
    "read_codebook",
    "read_codings",
    "read_transcript",
    "scotts_pi",
    "write_codebook",
    "write_codings",
]
