"""Lesson 05 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

TOTAL_POINTS = 40  # 22 autograded + 18 graded by hand (theme names, order, saturation paragraph)
AUTO_POINTS = 22

# Partly right: a co-occurrence matrix with its diagonal left at zero; a theme structure whose
# third theme rests on one real code (and a misspelled one), leaving five codes orphaned; the 0%
# saturation points computed at the 5% threshold.
PARTIAL = {
    "answer_5_1": (
        "x_codes = sorted(c.label for c in corpus.codebook.in_category('cross_cutting'))\n"
        "answer_5_1 = cooccurrence_matrix(coded, x_codes)\n"
        "for _code in x_codes:\n"
        "    answer_5_1.loc[_code, _code] = 0\n"
    ),
    "answer_5_2": (
        "answer_5_2 = {\n"
        "    'Trust earned through a shared history': {\n"
        "        'description': 'Trust that comes from a peer having been there.',\n"
        "        'codes': ['PSS_LIVED_EXP', 'PSS_IDEAL_QUALITIES', 'PSS_MATCH_IDENTITY',\n"
        "                  'PSS_AFFILIATION', 'X_IDENTITY_GROWTH']},\n"
        "    'Support that reaches past the clinic': {\n"
        "        'description': 'Practical help and presence through the months after birth.',\n"
        "        'codes': ['PSS_NAVIGATION', 'PSS_CONTINUITY', 'PSS_EMOTIONAL', 'X_MULTI_NEEDS',\n"
        "                  'X_POSTPARTUM_DROP', 'X_COLLAB_ENGAGE', 'X_MOUD_AGENCY']},\n"
        "    'Boundaries': {'description': 'Limits.', 'codes': ['PSS_BOUNDARY', 'PSS_BOUNDRY']},\n"
        "}\n"
    ),
    "answer_5_4": (
        "codes_in = coded.groupby('session_id')['code'].agg(set).to_dict()\n"
        "answer_5_4 = {}\n"
        "for name, order in (('collection', study_ids), ('shuffled', SHUFFLED)):\n"
        "    units = [codes_in.get(session_id, set()) for session_id in order]\n"
        "    at_5 = qualkit.assess_saturation(units, base=4, run=2, threshold=0.05)\n"
        "    answer_5_4[name] = {'new_codes': list(at_5.new_counts),\n"
        "                        'saturation_5': at_5.reported, 'saturation_0': at_5.reported}\n"
    ),
}
# 5.1: form 1 + off-diagonal 3; 5.2: form 1 + 2 of 3 themes backed (1.0) + five orphans (0);
# 5.3: every exemplar right; 5.4: form 1 + new codes 2 + 1 + both 5% points.
PARTIAL_AUTO = (1 + 3) + (1 + 1.0) + (1 + 3) + (1 + 2 + 1 + 2)
PARTIAL_FEEDBACK = (
    "0 of 8 diagonal cells right",
    "5 code(s) the team used in the peer support sessions belong to no theme",
    "1 label(s) in your themes were not used",
    "collection order, 0%: revisit the runs",
)
NOT_IN_FEEDBACK = ("11+2", "9+2", "PSS_IMPROVE", "X_CPS_FEAR", "PSS_PEER_RECURRENCE")
