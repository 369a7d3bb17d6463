"""qualkit.figures: every figure renders to a real PNG, is titled and labelled, and describes
itself in alt text derived from the data.

The figures are drawn from a seeded study-sized corpus written to disk in the corpus formats
(12 sessions, 3 models, 36 codes, three coders), so they look like the lessons' figures. Copies
of the PNGs go to ``test-output/figures/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from qualkit.code_agreement import per_code_agreement
from qualkit.codebook import Category, Code, Codebook, write_codebook
from qualkit.codings import Coding, Codings, write_codings
from qualkit.corpus import MODELS, SESSION_COLUMNS, load_corpus
from qualkit.errors import InputError
from qualkit.figures import (
    CATEGORY_COLOURS,
    OKABE_ITO,
    Figure,
    agreement_figure,
    code_frequency_figure,
    comparison_figure,
    cooccurrence_figure,
    saturation_figure,
)
from qualkit.matrices import code_frequencies, cooccurrence, framework_matrix
from qualkit.saturation import assess_saturation
from qualkit.transcripts import format_transcript

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "test-output" / "figures"
PREFIX = {"pss": "PSS", "doula": "DOULA", "home_visiting": "HV"}
# Labels are data: the codebook's categories name the models.
MODEL_NAMES = {
    "pss": "Peer support specialists",
    "doula": "Doulas",
    "home_visiting": "Home visiting",
}
WORDS = [
    "she",
    "came",
    "by",
    "every",
    "week",
    "and",
    "we",
    "talked",
    "about",
    "the",
    "baby",
    "and",
    "my",
    "recovery",
    "group",
    "the",
    "clinic",
    "was",
    "far",
    "so",
    "the",
    "rides",
    "helped",
    "a",
    "lot",
    "I",
    "felt",
    "judged",
    "at",
    "first",
    "but",
    "then",
    "it",
    "got",
    "easier",
    "my",
    "counsellor",
    "and",
    "the",
    "nurse",
    "never",
    "really",
    "listened",
    "like",
    "that",
    "it",
    "mattered",
    "that",
    "someone",
    "was",
    "there",
    "at",
    "night",
    "when",
    "I",
    "was",
    "scared",
    "about",
    "the",
    "NICU",
    "and",
    "my",
    "dose",
]
NAMES = ("Ava", "Bea", "Cora", "Dee", "Eli", "Fay", "Gia", "Hana", "Ines", "Jo", "Kit", "Lu")


def study_codes() -> list[tuple[str, str, float]]:
    """(code, category, prevalence per participant turn): per model 10 codes, 6 shared."""
    codes = []
    for model in MODELS:
        for i, name in enumerate(
            (
                "TRUST",
                "EMOTION",
                "PRACTICAL",
                "BOUNDARY",
                "IMPROVE",
                "CONTINUITY",
                "ACCESS",
                "TEAM",
                "IDENTITY",
                "LATE_RARE",
            )
        ):
            codes.append((f"{PREFIX[model]}_{name}", model, 0.16 / (1 + i) + 0.004))
    for i, name in enumerate(
        (
            "X_STIGMA",
            "X_CPS_FEAR",
            "X_MULTI_NEEDS",
            "X_NOWS_GUILT",
            "X_POSTPARTUM_DROP",
            "X_GIVING_BACK",
        )
    ):
        codes.append((name, "cross", 0.08 / (1 + i)))
    return codes


def write_study_corpus(root: Path, seed: int = 7) -> Path:
    """A 12-session corpus (4 focus groups per model) with team, ana and ben codings."""
    rng = np.random.default_rng(seed)
    corpus = root / "corpus"
    (corpus / "transcripts").mkdir(parents=True)
    (corpus / "codings").mkdir()
    codes = study_codes()
    categories = [Category(m, MODEL_NAMES[m], f"Codes about {m}.") for m in MODELS]
    categories.append(Category("cross", "Cross-cutting", "Codes for every model."))
    codebook = Codebook(
        tuple(categories),
        tuple(
            Code(c, cat, f"Brief {c}.", f"Full {c}.", "Use.", "Do not use.", "Example.")
            for c, cat, _ in codes
        ),
        "Study codebook",
    )
    write_codebook(corpus / "codebook.json", codebook)
    sessions, participants, turn_rows = [], [], []
    team, second = [], []
    pid = 0
    order = 0
    for round_ in range(4):
        for model in MODELS:
            order += 1
            session_id = f"{PREFIX[model]}-FG{round_ + 1}"
            names = rng.choice(NAMES, size=5, replace=False)
            ids = []
            for name in names:
                pid += 1
                ids.append(f"P{pid:03d}")
                participants.append(
                    [
                        f"P{pid:03d}",
                        name,
                        model,
                        session_id,
                        int(rng.integers(20, 44)),
                        rng.choice(["buprenorphine", "methadone", "none"]),
                        rng.choice(["pregnant", "postpartum"]),
                    ]
                )
            turns = []
            for number in range(1, 61):
                if number % 6 == 1:
                    turns.append(("Facilitator", "Thank you. What else would you like to add?"))
                    continue
                speaker = names[int(rng.integers(0, 5))]
                text = " ".join(rng.choice(WORDS, size=int(rng.integers(6, 45))))
                turns.append((str(speaker), text.capitalize() + "."))
                for code, category, prevalence in codes:
                    if category not in (model, "cross"):
                        continue
                    if code.endswith("LATE_RARE") and round_ < 2:
                        continue  # a rare code first heard in the third round
                    if rng.random() < prevalence:
                        team.append(Coding(session_id, number, code, "team"))
                        if round_ == 0:  # the double-coded sample: ana agrees most of the time
                            if rng.random() < 0.85:
                                second.append(Coding(session_id, number, code, "ana"))
                            if rng.random() < 0.75:
                                second.append(Coding(session_id, number, code, "ben"))
                extra = Coding(session_id, number, codes[0][0], "ben")
                if round_ == 0 and rng.random() < 0.05 and extra not in second:
                    second.append(extra)  # ben's occasional code nobody else saw
            (corpus / "transcripts" / f"{session_id}.txt").write_text(
                format_transcript(turns, ["SIMULATED DATA: fictional, for qualkit tests."]),
                encoding="utf-8",
            )
            turn_rows += [[session_id, n, s, t] for n, (s, t) in enumerate(turns, start=1)]
            sessions.append(
                [
                    session_id,
                    model,
                    "focus_group",
                    "study",
                    order,
                    f"Group {order}",
                    "clinic",
                    "Facilitator",
                    ";".join(ids),
                    "yes" if round_ == 0 else "no",
                    len(turns),
                ]
            )
    tables = {
        "sessions.csv": (
            SESSION_COLUMNS,
            sessions,
        ),
        "participants.csv": (
            [
                "participant_id",
                "pseudonym",
                "model",
                "session_ids",
                "age",
                "moud",
                "perinatal_status",
            ],
            participants,
        ),
        "turns.csv": (["session_id", "turn", "speaker", "text"], turn_rows),
    }
    for name, (header, rows) in tables.items():
        with (corpus / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
    write_codings(corpus / "codings" / "team.json", Codings(tuple(team)))
    for coder in ("ana", "ben"):
        mine = tuple(c for c in second if c.coder == coder)
        write_codings(corpus / "codings" / f"{coder}.json", Codings(mine))
    return corpus


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return load_corpus(write_study_corpus(tmp_path_factory.mktemp("study")))


def check_png(figure: Figure, tmp_path: Path, name: str) -> Image.Image:
    """Save the figure as PNG, copy it for inspection, and check it is a real picture."""
    path = figure.save(tmp_path / f"{name}.png")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, OUTPUT / f"{name}.png")
    image = Image.open(path)
    assert image.format == "PNG"
    width, height = image.size
    assert width >= 1000 and height >= 400  # 8 in or so at 150 dpi
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert len(colours) > 50  # more than a blank canvas with a few lines
    assert image.info.get("Description") == figure.alt_text
    return image


def check_labels(figure: Figure) -> None:
    ax = figure.figure.axes[0]
    assert ax.get_title()
    assert ax.get_xlabel()
    assert ax.get_ylabel()
    assert figure.figure.get_figwidth() <= 8.0  # fits a notebook without shrinking
    assert figure.alt_text.endswith(".")
    assert figure.title in repr(figure)


def test_code_frequency_figure(study, tmp_path):
    freq = code_frequencies(study, study.codings("team"), by="model")
    figure = code_frequency_figure(freq)
    check_png(figure, tmp_path, "code_frequencies")
    check_labels(figure)
    totals = freq.sum(axis=1).sort_values(ascending=False, kind="stable")
    top = totals.index[0]
    assert f"Most frequent: {top} ({totals.iloc[0]})" in figure.alt_text
    assert "Peer support specialists" in figure.alt_text
    assert figure.figure.axes[0].get_xlabel() == "Coded segments"
    assert figure.figure.axes[0].get_yticklabels()[0].get_text() == top
    # Groups take the palette in column order: the first model is orange.
    colours = {tuple(np.round(p.get_facecolor()[:3], 3)) for p in figure.figure.axes[0].patches}
    assert tuple(np.round(plt.matplotlib.colors.to_rgb(CATEGORY_COLOURS[0]), 3)) in colours


def test_code_frequency_figure_of_rates_is_grouped(study, tmp_path):
    rates = code_frequencies(study, study.codings("team"), "model", "percent_participants")
    figure = code_frequency_figure(rates, top=12)
    check_png(figure, tmp_path, "code_rates")
    assert "grouped" in figure.alt_text
    assert figure.figure.axes[0].get_xlabel() == "Participants who voiced the code (%)"
    assert len(figure.figure.axes[0].get_yticks()) == 12
    best = rates.stack().sort_values(ascending=False, kind="stable")
    (code, _model), value = best.index[0], best.iloc[0]
    assert f"Highest: {code} in" in figure.alt_text and f"({value:.0f}%)" in figure.alt_text


def test_code_frequency_figure_rejects_too_many_groups(study):
    by_participant = code_frequencies(study, study.codings("team"), by="participant")
    with pytest.raises(InputError, match="at most 8 groups"):
        code_frequency_figure(by_participant)


def test_cooccurrence_figure(study, tmp_path):
    matrix = cooccurrence(study.codings("team"), codes=study.codebook.names)
    figure = cooccurrence_figure(matrix)
    check_png(figure, tmp_path, "cooccurrence")
    check_labels(figure)
    values = matrix.to_numpy().copy()
    np.fill_diagonal(values, 0)
    i, j = np.unravel_index(values.argmax(), values.shape)
    pair = {matrix.index[i], matrix.index[j]}
    strongest = figure.alt_text.split("Strongest pairs: ")[1].split(" (")[0]
    assert (
        set(strongest.split(" & ")) == pair
        or values.max()
        == values[
            matrix.index.get_loc(strongest.split(" & ")[0]),
            matrix.index.get_loc(strongest.split(" & ")[1]),
        ]
    )
    assert "Segments with both codes" in [a.get_ylabel() for a in figure.figure.axes]
    assert "the grey diagonal holds each code's own frequency" in figure.alt_text


def test_cooccurrence_figure_jaccard(study, tmp_path):
    matrix = cooccurrence(study.codings("team"), normalize="jaccard")
    figure = cooccurrence_figure(matrix, annotate=True)
    check_png(figure, tmp_path, "cooccurrence_jaccard")
    assert "Jaccard index" in figure.alt_text
    assert "own frequency" not in figure.alt_text  # the Jaccard diagonal is 1, not printed


def test_comparison_figure_of_rates(study, tmp_path):
    rates = code_frequencies(study, study.codings("team"), "model", "percent_participants")
    figure = comparison_figure(rates)
    check_png(figure, tmp_path, "model_comparison")
    check_labels(figure)
    texts = [t.get_text() for t in figure.figure.axes[0].texts]
    assert f"{rates.iloc[0, 0]:.0f}%" in texts
    shared = rates[(rates > 0).all(axis=1)]
    spread = (shared.max(axis=1) - shared.min(axis=1)).sort_values(ascending=False, kind="stable")
    widest = spread.index[0]
    assert widest.startswith("X_")  # the cross-cutting codes are the ones every model voiced
    assert f"Largest difference among codes found in every group: {widest}" in figure.alt_text
    assert "Heatmap of participants who voiced the code (%), 36 codes" in figure.alt_text


def test_comparison_figure_by_session(study, tmp_path):
    rates = code_frequencies(study, study.codings("team"), "session", "percent_turns")
    figure = comparison_figure(rates)
    check_png(figure, tmp_path, "session_comparison")
    ax = figure.figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == list(rates.columns)
    assert ax.get_xlabel() == "Session"
    assert len(ax.texts) == (rates.sum(axis=1) > 0).sum() * 12
    assert not comparison_figure(rates, annotate=False).figure.axes[0].texts


def test_comparison_figure_of_framework_matrix_with_themes(study, tmp_path):
    themes = {
        "Being seen as a person": ["PSS_TRUST", "DOULA_TRUST", "HV_TRUST", "X_STIGMA"],
        "Help with daily life": ["PSS_PRACTICAL", "DOULA_PRACTICAL", "HV_PRACTICAL"],
        "Fear of the system": ["X_CPS_FEAR", "X_NOWS_GUILT"],
    }
    matrix = framework_matrix(study, study.codings("team"), rows=themes, columns="moud")
    figure = comparison_figure(matrix)
    check_png(figure, tmp_path, "framework_matrix")
    ax = figure.figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(themes)
    assert ax.get_ylabel() == "Theme"
    assert "3 themes (rows) by 3 groups" in figure.alt_text


def test_saturation_figure(study, tmp_path):
    team = study.codings("team")
    ordered = sorted(study.sessions, key=lambda s: s.order)
    units = [{c.code for c in team if c.session_id == s.session_id} for s in ordered]
    result = assess_saturation(units, base=4, run=2, threshold=0.05)
    figure = saturation_figure(result, units=[s.session_id for s in ordered])
    check_png(figure, tmp_path, "saturation")
    check_labels(figure)
    assert f"({', '.join(map(str, result.new_counts))})" in figure.alt_text
    assert result.status == "reached"  # the seeded study saturates; the branch must be drawn
    assert result.reported in figure.title
    assert f"reported as {result.reported}" in figure.alt_text
    ticks = [t.get_text() for t in figure.figure.axes[0].get_xticklabels()]
    assert ticks == [s.session_id for s in ordered]


def test_saturation_figure_of_the_toy_example(tmp_path):
    counts = [9, 6, 4, 3, 2, 1, 0, 1, 0, 0]
    units, seen = [], 0
    for count in counts:
        units.append({f"c{seen + i + 1}" for i in range(count)})
        seen += count
    figure = saturation_figure(assess_saturation(units))
    check_png(figure, tmp_path, "saturation_toy")
    assert figure.title == "Code saturation reached: 5+2 (threshold 5%)"
    assert "the run of units 6–7 added 1 new code (4.5%)" in figure.alt_text
    assert "reaching 26" in figure.alt_text
    not_reached = saturation_figure(assess_saturation(units, threshold=0.0, base=6, run=3))
    assert "not reached" in not_reached.title
    with pytest.raises(InputError, match="10 unit names"):
        saturation_figure(assess_saturation(units), units=["a", "b"])


def test_agreement_figure(study, tmp_path):
    codings = study.codings("ana") + study.codings("ben")
    units = [
        (s.session_id, t.turn)
        for s in study.sessions
        if s.double_coded
        for t in study.transcript(s.session_id).turns
    ]
    table = per_code_agreement(codings, units, codes=study.codebook.names)
    figure = agreement_figure(table)
    check_png(figure, tmp_path, "agreement")
    check_labels(figure)
    ax = figure.figure.axes[0]
    assert ax.get_yticklabels()[-1].get_text() == "All codes (pooled)"
    kappas = [r.kappa for r in table.rows]
    good = sum(k >= 0.80 for k in kappas)
    undefined = sum(np.isnan(k) for k in kappas)
    assert f"{good} of {len(kappas)} codes at κ ≥ .80" in figure.alt_text
    assert f"{undefined} undefined" in figure.alt_text
    assert f"κ = {table.pooled.kappa:.2f}" in figure.alt_text
    lines = {round(line.get_xdata()[0], 3) for line in ax.lines if len(set(line.get_xdata())) == 1}
    assert {0.667, 0.8} <= lines
    alpha = agreement_figure(table, statistic="alpha")
    assert "Krippendorff's alpha" in alpha.figure.axes[0].get_xlabel()


def test_figures_stay_out_of_pyplot_and_display_with_alt_text(study):
    before = plt.get_fignums()
    figure = code_frequency_figure(code_frequencies(study, study.codings("team")))
    assert plt.get_fignums() == before
    bundle = figure._repr_mimebundle_()
    assert bundle["text/plain"] == figure.alt_text
    assert 'alt="Horizontal bar chart of coded segments' in bundle["text/html"]
    assert bundle["image/png"].startswith("iVBORw0KGgo")  # base64 of the PNG signature


def test_palette_is_okabe_ito():
    assert OKABE_ITO[1:4] == ("#E69F00", "#56B4E9", "#009E73")
    assert set(CATEGORY_COLOURS) == set(OKABE_ITO)


def test_bad_input_is_named(study):
    with pytest.raises(InputError, match="code_frequency_figure: data: expected a non-empty"):
        code_frequency_figure([1, 2, 3])
    with pytest.raises(InputError, match="square"):
        cooccurrence_figure(code_frequencies(study, study.codings("team")))
    with pytest.raises(InputError, match="statistic"):
        agreement_figure(
            per_code_agreement(
                study.codings("ana") + study.codings("ben"), [("PSS-FG1", 2)], codes=["PSS_TRUST"]
            ),
            statistic="pi",
        )


CORPUS = REPO / "datasets" / "corpus"


@pytest.mark.skipif(not (CORPUS / "sessions.csv").exists(), reason="corpus not generated yet")
@pytest.mark.slow
def test_every_figure_of_the_shipped_corpus(tmp_path):
    """The lessons' figures, drawn from the real corpus, for a person to look at."""
    corpus = load_corpus(CORPUS)
    team = corpus.codings("team")
    study = sorted((s for s in corpus.sessions if s.split == "study"), key=lambda s: s.order)
    units = [{c.code for c in team if c.session_id == s.session_id} for s in study]
    double = [
        (s.session_id, t.turn)
        for s in corpus.sessions
        if s.double_coded
        for t in corpus.transcript(s.session_id).turns
    ]
    rates = code_frequencies(corpus, team, "model", "percent_participants")
    figures = {
        "corpus_code_frequencies": code_frequency_figure(code_frequencies(corpus, team)),
        "corpus_model_comparison": comparison_figure(rates),
        "corpus_cooccurrence": cooccurrence_figure(cooccurrence(team, codes=corpus.codebook.names)),
        "corpus_saturation": saturation_figure(
            assess_saturation(units), units=[s.session_id for s in study]
        ),
        "corpus_agreement": agreement_figure(
            per_code_agreement(
                corpus.codings("ana") + corpus.codings("ben"), double, codes=corpus.codebook.names
            )
        ),
    }
    for name, figure in figures.items():
        check_png(figure, tmp_path, name)
        check_labels(figure)
