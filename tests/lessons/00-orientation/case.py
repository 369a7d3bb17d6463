"""Lesson 00 under the generic pipeline harness (tests/test_lesson_pipeline.py)."""

TOTAL_POINTS = 10  # 1 autograded + 9 graded by hand
AUTO_POINTS = 1

# A partly right submission: the solution, with these cells replaced.
PARTIAL = {
    "answer_0_1": (
        "answer_0_1 = {model: 0 for model in corpus.models}\n"
        "for session in corpus.sessions:\n"
        "    if session.kind == 'focus_group' and session.split == 'study':\n"
        "        turns = corpus.transcript(session.session_id).turns\n"
        "        answer_0_1[session.model] += sum(t.speaker != session.facilitator for t in turns)\n"
        "answer_0_1['doula'] += 1  # one turn too many\n"
    ),
}
PARTIAL_AUTO = 2 * 1 / 3  # 2 of 3 models (the form self-check carries no points)
# Feedback on the partial submission says what to revisit ...
PARTIAL_FEEDBACK = ("2 of 3 models counted right", "leave out the facilitator")

# The worked example (one focus group's participant turns) copied for every model: the same
# number for each model scores like no answer.
LAZY_EXAMPLE = {
    "answer_0_1": (
        'session = corpus.session("PSS-FG1")\n'
        'turns = corpus.transcript("PSS-FG1").turns\n'
        "participant_turns = sum(turn.speaker != session.facilitator for turn in turns)\n"
        "answer_0_1 = {model: participant_turns for model in corpus.models}\n"
    ),
}
