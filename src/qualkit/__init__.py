"""qualkit: qualitative research methods in Jupyter.

Load the simulated corpus, code transcripts, measure agreement and saturation, count and
compare codes across the support models, retrieve coded talk, build themes, chart cases
against themes, and exchange
projects with other QDA software through REFI-QDA.

Everything a student uses is importable from here (``from qualkit import code_frequencies``).
Each name is imported from its module when first asked for, so that ``import qualkit`` (and
any ``import qualkit.<module>``: the coding tool's command, the course's scripts) does not
import pandas, ipywidgets and the rest of the API it does not use. ``figures`` (matplotlib) and
``refi`` (REFI-QDA) are imported by name (``from qualkit import figures``). The answer key is
not part of this API: instructors use ``qualkit.key``.
"""

from importlib import import_module

from qualkit.messages import install_in_notebook as _install_in_notebook

# Each public name, by the module it lives in.
_API = {
    "qualkit.agreement": (
        "brennan_prediger",
        "cohens_kappa",
        "fleiss_kappa",
        "gwet_ac1",
        "krippendorff_alpha",
        "pabak",
        "percent_agreement",
        "scotts_pi",
        "specific_agreement",
    ),
    "qualkit.charting": ("chart_cases",),
    "qualkit.choices": ("Choices",),
    "qualkit.code_agreement": (
        "AgreementTable",
        "TwoByTwo",
        "per_code_agreement",
        "reliability",
        "two_by_two",
    ),
    "qualkit.codebook": ("Category", "Code", "Codebook", "read_codebook", "write_codebook"),
    "qualkit.coding_tool": ("CodingTool",),
    "qualkit.codings": ("Coding", "Codings", "Memo", "read_codings", "write_codings"),
    "qualkit.corpus": ("Corpus", "Participant", "Session", "load_corpus"),
    "qualkit.errors": ("InputError", "NoAnswerYetError", "StudentError"),
    "qualkit.framework": ("FrameworkMatrix", "framework_matrix"),
    "qualkit.frequencies": ("code_frequencies", "cooccurrence"),
    "qualkit.own_study": ("bring_coding",),
    "qualkit.progress": ("CodingProgress", "coding_progress"),
    "qualkit.quoting": ("quote",),
    "qualkit.retrieval": ("retrieve",),
    "qualkit.saturation": ("SaturationResult", "assess_saturation", "cumulative_codes"),
    "qualkit.span_overlap": ("SpanScore", "span_agreement"),
    "qualkit.tables": ("coding_table", "turn_table"),
    "qualkit.themes": ("Theme", "ThemeMap", "check_themes"),
    "qualkit.transcripts": ("Transcript", "Turn", "read_transcript"),
    "qualkit.widget": ("code_transcript",),
}
_HOME = {name: module for module, names in _API.items() for name in names}
__all__ = sorted(_HOME)


def __getattr__(name: str):
    """A public name, imported from its module on first use (PEP 562), then kept here."""
    if name not in _HOME:
        raise AttributeError(f"module 'qualkit' has no attribute {name!r}")
    value = globals()[name] = getattr(import_module(_HOME[name]), name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


# In a notebook: checks say when they pass; failures and her own mistakes read as one line.
_install_in_notebook()
