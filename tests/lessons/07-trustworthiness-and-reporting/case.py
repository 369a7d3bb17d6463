"""Lesson 07 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

TOTAL_POINTS = 40  # 15 autograded + 25 graded by hand (reflexivity, results paragraph)
AUTO_POINTS = 15

# Partly right: two techniques mapped wrong; an audit with 6 of 8 omissions and 1 false flag.
PARTIAL = {
    "answer_7_1": (
        "answer_7_1 = {'t1': 'credibility', 't2': 'dependability', 't3': 'credibility',\n"
        "              't4': 'credibility', 't5': 'credibility', 't6': 'dependability',\n"
        "              't7': 'dependability', 't8': 'confirmability', 't9': 'credibility',\n"
        "              't10': 'confirmability'}\n"
    ),
    "answer_7_2": "answer_7_2 = {5, 7, 8, 20, 22, 23, 27}\n",
}
PARTIAL_AUTO = (1 + 8 * 0.5) + (1 + (6 - 1))
PARTIAL_FEEDBACK = (
    "8 of 10 techniques mapped right",
    "You found 6 of 8 omitted items and listed 1 that the section reports",
    "analysis and findings (items 24-29): 2 omission(s) not found, 1 reported item(s) listed",
)
NOT_IN_FEEDBACK = ("t2", "t5", "prolonged", "thick description", "25", "28")
