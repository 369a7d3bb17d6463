"""Lesson 06 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

TOTAL_POINTS = 50  # 30 autograded + 20 graded by hand (figure caption, synthesis)
AUTO_POINTS = 30

# Partly right: rates per session instead of per participant (so the figure's bars are off too),
# one model's specific theme wrong, one differing theme left out, two accounts misplaced.
PARTIAL = {
    "answer_6_1": (
        "shared = [c.label for c in corpus.codebook.codes if c.category == 'cross_cutting']\n"
        "matrix = framework_matrix(corpus, team, codes=shared, sessions=study)\n"
        "answer_6_1_counts = matrix.segments\n"
        "per_model = {m: len([s for s in corpus.sessions if s.session_id in study and s.model == m])\n"
        "             for m in models}\n"
        "answer_6_1_rates = matrix.segments / pd.Series(per_model)\n"
        "answer_6_1_quotes = {\n"
        "    code: {model: (matrix.quotes.loc[code, model][0].session_id,\n"
        "                   matrix.quotes.loc[code, model][0].turn) for model in models}\n"
        "    for code in shared\n"
        "}\n"
    ),
    "answer_6_2": (
        "answer_6_2_specific = {'pss': 'X_NOWS_GUILT', 'doula': 'X_POSTPARTUM_DROP',\n"
        "                       'home_visiting': 'X_CPS_FEAR'}\n"
        "answer_6_2_differ = {'X_IDENTITY_GROWTH', 'X_STIGMA_CARE', 'X_CPS_FEAR', 'X_POSTPARTUM_DROP'}\n"
    ),
    "answer_6_3": (
        "answer_6_3 = {'a1': 'high', 'a2': 'high', 'a3': 'low', 'a4': 'high', 'a5': 'high'}\n"
    ),
}
# 6.1: form 1 + counts 4 + rates 0 + quotes 3; 6.2: form 1 + 2 models + 7 of 8 themes x 0.5;
# 6.3: form 1 + 3 accounts; 6.4: form 1, bars are the (wrong) rates per session: 0.
PARTIAL_AUTO = (1 + 4 + 0 + 3) + (1 + 2 + 3.5) + (1 + 3) + (1 + 0)
PARTIAL_FEEDBACK = (
    "0 of 8 codes have the right rates per participant",
    "Some rows are per session",
    "2 of 3 models have a theme that is specific to them",
    "7 of 8 shared themes sorted right: 1 differing theme(s) left out",
    "3 of 5 accounts placed",
    "0 of 3 models have bars that show the rates per participant",
)
NOT_IN_FEEDBACK = ("X_MULTI_NEEDS", "X_IDENTITY_GROWTH", "'middle'", "a2", "a5")
