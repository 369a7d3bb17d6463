"""Lesson 04 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

TOTAL_POINTS = 40  # 25 autograded + 15 graded by hand (paradox, reasons, codebook revision)
AUTO_POINTS = 25

# Partly right: no ValueError on bad input and κ = 1 for a single category; the pooled κ taken
# from the mean row; a rare code that is not the sharpest paradox.
PARTIAL = {
    "agreement_functions": (
        "def percent_agreement(a, b):\n"
        "    a, b = list(a), list(b)\n"
        "    if not a:\n"
        "        return 0.0\n"
        "    return sum(x == y for x, y in zip(a, b)) / len(a)\n"
        "\n"
        "def cohens_kappa(a, b):\n"
        "    p_o = percent_agreement(a, b)\n"
        "    n = len(a)\n"
        "    count_a, count_b = Counter(a), Counter(b)\n"
        "    p_e = sum(count_a[k] * count_b[k] for k in count_a) / n**2\n"
        "    if p_e == 1:\n"
        "        return 1.0\n"
        "    return (p_o - p_e) / (1 - p_e)\n"
        "\n"
        "answer_4_1 = {\n"
        "    name: {'percent_agreement': _outcome(percent_agreement, a, b),\n"
        "           'cohens_kappa': _outcome(cohens_kappa, a, b)}\n"
        "    for name, (a, b) in AGREEMENT_CASES.items()\n"
        "}\n"
    ),
    "answer_4_2": (
        "from dataclasses import replace\n"
        "_team = [c for c in corpus.codings('team') if c.session_id == MY_SESSION]\n"
        "qualkit.write_codings(CODING_FILE, qualkit.Codings(tuple(replace(c, coder='me') "
        "for c in _team)))\n"
        "mine = list(qualkit.read_codings(CODING_FILE).by_coder('me'))\n"
        "answer_4_2 = {}\n"
        "for other in ('ana', 'ben'):\n"
        "    table = qualkit.per_code_agreement(mine + list(corpus.codings(other)), units,\n"
        "                                       coders=('me', other))\n"
        "    answer_4_2[other] = {\n"
        "        'percent_agreement': table.pooled.percent_agreement,\n"
        "        'kappa': table.mean.kappa,  # the mean of the per-code kappas, not pooled\n"
        "        'per_code_kappa': {row.code: row.kappa for row in table.rows},\n"
        "    }\n"
    ),
    "answer_4_3": "answer_4_3 = sample['percent agreement'].idxmax()\n",
}
# 4.1: form 2 + percent 6 of 8 cases + kappa 5 of 8; 4.2: form 2 + 2 × (1 + 2);
# 4.3: form only (the code with the highest percent agreement: no gap at all); 4.4: the structure.
PARTIAL_AUTO = (2 + 0.5 * 6 + 0.5 * 5) + (2 + 2 * 3) + 0.5 + 3
PARTIAL_FEEDBACK = (
    "percent agreement: 6 of 8 cases right",
    "with no units, raise ValueError",
    "think about what chance agreement is",
    "ana: the pooled kappa does not match your file",
    "another code has a larger gap between percent agreement and kappa",
)
NOT_IN_FEEDBACK = ("X_COLLAB_ENGAGE", "nan", "expected 0.")


def files(student: str) -> dict[str, str]:
    """The coding file the solution and the partial student hand in: the team's coding of the
    interview they code, saved as coder 'me' (what their solution cells also write at grading).
    Handed in, so that a grader reading files as collected finds it too."""
    if student not in ("solution", "partial"):
        return {}
    from dataclasses import replace

    import qualkit
    from qualkit.codings import format_codings

    corpus = qualkit.load_corpus()
    interviews = [s for s in corpus.sessions if s.double_coded and s.kind == "interview"]
    session = min(interviews, key=lambda s: (len(corpus.transcript(s.session_id).turns), s.order))
    team = [c for c in corpus.codings("team") if c.session_id == session.session_id]
    codings = qualkit.Codings(tuple(replace(c, coder="me") for c in team))
    return {"me.codings.json": format_codings(codings)}
