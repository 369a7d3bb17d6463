"""qualkit: qualitative research methods in Jupyter.

Load the simulated corpus, code transcripts, measure agreement and saturation, count and
compare codes across the support models, retrieve coded talk, build themes, chart cases
against themes, and exchange
projects with other QDA software through REFI-QDA.

Everything a student uses is importable from here (``from qualkit import code_frequencies``).
``figures`` (matplotlib) and ``refi`` (REFI-QDA) are imported by name
(``from qualkit import figures``) so that ``import qualkit`` stays quick. The answer key is
not part of this API: instructors use ``qualkit.key``.
"""

from qualkit.agreement import (
    brennan_prediger,
    cohens_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    pabak,
    percent_agreement,
    scotts_pi,
    specific_agreement,
)
from qualkit.charting import chart_cases
from qualkit.choices import Choices
from qualkit.code_agreement import (
    AgreementTable,
    TwoByTwo,
    per_code_agreement,
    reliability,
    two_by_two,
)
from qualkit.codebook import Category, Code, Codebook, read_codebook, write_codebook
from qualkit.coding_tool import CodingTool
from qualkit.codings import Coding, Codings, Memo, read_codings, write_codings
from qualkit.corpus import Corpus, Participant, Session, load_corpus
from qualkit.errors import InputError, NoAnswerYetError, StudentError
from qualkit.framework import FrameworkMatrix, framework_matrix
from qualkit.frequencies import code_frequencies, cooccurrence
from qualkit.messages import install_in_notebook as _install_in_notebook
from qualkit.own_study import bring_coding
from qualkit.progress import CodingProgress, coding_progress
from qualkit.quoting import quote
from qualkit.retrieval import retrieve
from qualkit.saturation import SaturationResult, assess_saturation, cumulative_codes
from qualkit.span_overlap import SpanScore, span_agreement
from qualkit.tables import coding_table, turn_table
from qualkit.themes import Theme, ThemeMap, check_themes
from qualkit.transcripts import Transcript, Turn, read_transcript
from qualkit.widget import code_transcript

__all__ = [
    "AgreementTable",
    "Category",
    "Choices",
    "Code",
    "Codebook",
    "Coding",
    "CodingProgress",
    "CodingTool",
    "Codings",
    "Corpus",
    "FrameworkMatrix",
    "InputError",
    "Memo",
    "NoAnswerYetError",
    "Participant",
    "SaturationResult",
    "Session",
    "SpanScore",
    "StudentError",
    "Theme",
    "ThemeMap",
    "Transcript",
    "Turn",
    "TwoByTwo",
    "assess_saturation",
    "brennan_prediger",
    "bring_coding",
    "chart_cases",
    "check_themes",
    "code_frequencies",
    "code_transcript",
    "coding_progress",
    "coding_table",
    "cohens_kappa",
    "cooccurrence",
    "cumulative_codes",
    "fleiss_kappa",
    "framework_matrix",
    "gwet_ac1",
    "krippendorff_alpha",
    "load_corpus",
    "pabak",
    "per_code_agreement",
    "percent_agreement",
    "quote",
    "read_codebook",
    "read_codings",
    "read_transcript",
    "reliability",
    "retrieve",
    "scotts_pi",
    "span_agreement",
    "specific_agreement",
    "turn_table",
    "two_by_two",
    "write_codebook",
    "write_codings",
]

# In a notebook: checks say when they pass; failures and her own mistakes read as one line.
_install_in_notebook()
