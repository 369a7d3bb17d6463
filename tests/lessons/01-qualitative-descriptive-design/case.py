"""Lesson 01 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

TOTAL_POINTS = 40  # 20 autograded + 20 graded by hand (the study plan)
AUTO_POINTS = 20

# A partly right submission: two questions misclassified, two table cells wrong.
PARTIAL = {
    "answer_1_1": (
        "answer_1_1 = {'q1': True, 'q2': True, 'q3': True, 'q4': False,\n"
        "              'q5': True, 'q6': True, 'q7': False, 'q8': False}\n"
    ),
    "answer_1_2": (
        "answer_1_2 = {\n"
        "    'fallin_bennett_2020': {\n"
        "        'aim': 'describe experiences of a service and gather recommendations to improve it',\n"
        "        'design': 'qualitative description',\n"
        "        'sample': '9 women parenting a child under 5',\n"
        "        'setting': 'a private room in a clinic for postpartum women with OUD',\n"
        "        'data_collection': 'focus groups',\n"
        "        'analysis': 'content analysis, variant not named',\n"
        "        'software': 'MAXQDA',\n"
        "        'findings': 'four descriptive themes',\n"
        "    },\n"
        "    'peacock_chambers_2021': {\n"
        "        'aim': 'understand experiences of, and influences on, engagement with services',\n"
        "        'design': 'qualitative description',\n"
        "        'sample': '20 women in recovery aged 22-46 with children from 6 months to 10 years',\n"
        "        'setting': 'not stated',\n"
        "        'data_collection': 'semi-structured individual interviews',\n"
        "        'analysis': 'conventional content analysis',\n"
        "        'software': 'NVivo',\n"
        "        'findings': 'a continuum shaped by two factors',\n"
        "    },\n"
        "}\n"
    ),
}
# 1.1: all 3 fitting questions marked True, 3 of the 5 others marked False: 5 * (1 + 3/5 - 1).
# 1.2: 14 cells right, but Study A's design is forfeited with Study B's (the same option for
# both, where the studies differ): 13 cells of 0.625. 1.3: all 4 paragraphs, 1.25 each.
PARTIAL_AUTO = 5 * (1 + 3 / 5 - 1) + 13 * 0.625 + 4 * 1.25
PARTIAL_FEEDBACK = (
    "6 of 8 questions classified right",
    "an effect, a prevalence, an essence, a theory or a culture",
    "13 of 16 cells right",
    "Study A: design",
    "Study B: design, software",
    "Both studies got the same option for: design",
)
# Test outputs must point to what to revisit, never name the item or its answer.
NOT_IN_FEEDBACK = ("q2", "q5", "grounded theory", "MAXQDA", "not stated'")

# The worked example copied (tests/test_lazy_strategies.py): Gannon et al.'s design table, §2,
# put into the options for both seed studies. It must earn no more than a blank.
_GANNON = {
    "aim": "understand experiences of, and influences on, engagement with services",
    "design": "not stated",
    "sample": "23 women in OUD treatment, pregnant or up to 3 months after birth",
    "setting": "by telephone",
    "data_collection": "semi-structured individual interviews",
    "analysis": "constant comparison towards a theory",
    "software": "not stated",
    "findings": "four descriptive themes",
}
LAZY_EXAMPLE = {
    "answer_1_2": f"answer_1_2 = {{'fallin_bennett_2020': {_GANNON!r},\n"
    f"              'peacock_chambers_2021': {_GANNON!r}}}\n"
}
