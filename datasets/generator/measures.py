"""The measures of issue 9 on a generated corpus: how the talk reads, in numbers.

Recorded in ``key/manifest.json`` and reported in datasets/README.md; the tests recompute
them from the written files and hold each to its goal. The keyword-spotting coder's κ needs
scikit-learn and lives with the tests (tests/word_spotter.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from generator.assemble import Session
from generator.codes import PLANTED
from generator.timeline import (
    turn_problems as contradictions,  # every rule: facts.py and timeline.py
)

# British spellings (and words) the talk must not use; US forms are labor, counselor, center…
BRITISH = re.compile(
    r"\b(colours?|behaviours?|favourite|favour|centres?|labour|counsellors?"
    r"|counselling|organis\w+|realis(?:e|ed|ing)|recognis\w+|apologis\w+|neighbours?\w*"
    r"|paediatric\w*|programmes?|mums?|mummy|honour\w*|travelled|travelling|cheques?|whilst"
    r"|amongst|learnt|nappy|nappies|pram|fulfil|enrol|enrolment|licence|defence|analys(?:e|ed|ing)"
    r"|catalogue|haemorrhag\w*|oestrogen|anaesth\w+|caesarean|foetus|gynaecolog\w*|grey|tyres?"
    r"|aluminium|practis(?:e|ed|ing)|cosy|mould|manoeuvre|jewellery|fortnight"
    r"|A&E|GP|midwife-led|theatre)\b"
)
_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_ENGAGE = re.compile(
    r"\b(like (?:she|you) said|what (?:she|you) said|(?:she|you)'s right|you're right|I agree|"
    r"I disagree|same (?:here|for me|with me)|me too|that's not how it was|that's how it was for me|"
    r"I hear you|you said|she said|for me it was different|it was the opposite for me|"
    r"to what she said|going back to what|can I add|can I say something)\b",
    re.I,
)
LEVELS = {"low": 0, "medium": 1, "high": 2}


def words(text: str) -> int:
    return len(re.sub(r"\[[a-z][^\]]*\]", " ", text).split())


def sentences(text: str) -> list[str]:
    """Normalised sentences of 5+ words (notation, punctuation and case removed)."""
    out = []
    for sentence in _SENTENCE.split(text.strip()):
        plain = re.sub(r"\[[a-z][^\]]*\]", " ", sentence.replace("’", "'").lower())
        tokens = re.sub(r"[^a-z0-9' ]+", " ", plain).split()
        if len(tokens) >= 5:
            out.append(" ".join(tokens))
    return out


def engages(text: str, others: Iterable[str]) -> bool:
    """Does a participant's turn address or build on another participant (by name or phrase)?

    >>> engages("Dana, that's not how it was for me.", ["Dana"]), engages("We moved.", ["Dana"])
    (True, False)
    """
    return bool(_ENGAGE.search(text)) or any(
        re.search(rf"\b{re.escape(name)}\b", text) for name in others
    )


def chi_square_3x2(counts: Sequence[tuple[int, int]]) -> tuple[float, float]:
    """χ² and its p-value (2 degrees of freedom) for three groups × present/absent.

    >>> chi, p = chi_square_3x2([(30, 70), (10, 90), (12, 88)])
    >>> round(chi, 2), round(p, 5)
    (16.94, 0.00021)
    """
    if len(counts) != 3:
        raise ValueError("three groups of (present, absent) counts")
    total = sum(a + b for a, b in counts)
    present = sum(a for a, _ in counts)
    chi = 0.0
    for a, b in counts:
        for observed, share in ((a, present / total), (b, 1 - present / total)):
            expected = (a + b) * share
            chi += (observed - expected) ** 2 / expected if expected else 0.0
    return chi, math.exp(-chi / 2)  # the χ² survival function with 2 df


def measure(sessions: Sequence[Session]) -> dict:
    """Every talk measure of the corpus."""
    groups = [s for s in sessions if s.kind == "focus_group"]
    group_words = Counter()
    group_turns = Counter()
    for session in groups:
        for turn in session.turns:
            who = "participant" if turn.woman else "facilitator"
            group_words[who] += words(turn.text)
            group_turns[who] += 1
    participant = [(s, t) for s in sessions for t in s.turns if t.woman]
    long_turns = sum(words(t.text) >= 80 for _, t in participant)
    engaged = sum(
        engages(t.text, [w.name for w in s.women if w is not t.woman])
        for s, t in participant
        if s.kind == "focus_group"
    )
    group_participant = sum(1 for s, _ in participant if s.kind == "focus_group")
    repeated = Counter(x for _, t in participant for x in set(sentences(t.text)))
    british = Counter(
        m.group(0) for s in sessions for t in s.turns for m in BRITISH.finditer(t.text)
    )
    found = [
        f"{s.session_id} turn {n} ({t.source}): {problem}"
        for s in sessions
        for n, t in enumerate(s.turns, 1)
        if t.woman
        for problem in contradictions(t.woman, t.text)
    ]
    uncoded = sum(not t.coded for _, t in participant)
    cues = _structural_cues(sessions)
    return {
        "focus_group_words_per_participant_turn": round(
            group_words["participant"] / max(1, group_turns["participant"]), 1
        ),
        "participant_turns_80_words_or_more": round(long_turns / max(1, len(participant)), 3),
        "facilitator_share_of_focus_group_words": round(
            group_words["facilitator"] / max(1, sum(group_words.values())), 3
        ),
        "facilitator_share_of_focus_group_turns": round(
            group_turns["facilitator"] / max(1, sum(group_turns.values())), 3
        ),
        "participant_turns_engaging_another": round(engaged / max(1, group_participant), 3),
        "most_repeated_sentence": max(repeated.values(), default=0),
        "most_repeated_sentence_text": repeated.most_common(1)[0][0] if repeated else "",
        "british_spellings": sum(british.values()),
        "british_spellings_found": sorted(british),
        "fact_sheet_contradictions": len(found),
        "fact_sheet_contradictions_found": found,
        "participant_turns_without_code": round(uncoded / max(1, len(participant)), 3),
        "coded_share_by_structure": cues,
    }


# A turn that opens by agreeing with or pointing back at the turn before ("Like Dana said",
# "Same.", "Me too", "I agree", "Exactly", "That's so true"), after optional notes and fillers.
OPENER = re.compile(
    r"^(?:\[[a-z]+\]\s*)*(?:(?:yeah|yes|oh|okay|no|see|um|mm-hm|so|and|right|girl)[,.!?]?\s+)*"
    r"(?:like \w+ said|what \w+ said|same\b|(?:that's )?me too|i agree|exactly|"
    r"that's (?:so )?(?:true|real|fair|it)\b|for real|totally)",
    re.I,
)


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0


def _structural_cues(sessions: Sequence[Session]) -> dict[str, dict[str, float]]:
    """Share of participant turns carrying a code, by what a reader could see without reading:
    length (every session), whether the facilitator's question or probe came right before or
    right after (focus groups: in an interview every answer is probed), and agreement openers
    after another woman's turn (how often they carry a code of that turn)."""
    seen: dict[str, list[bool]] = {name: [] for name in (
        "under_6_words", "6_words_or_more", "80_words_or_more",
        "answering_the_facilitator", "after_a_participant",
        "followed_by_the_facilitator", "followed_by_a_participant",
    )}  # fmt: skip
    opener_shares: list[bool] = []
    for session in sessions:
        turns = session.turns
        for index, turn in enumerate(turns):
            if not turn.woman:
                continue
            coded = bool(turn.coded)
            size = words(turn.text)
            seen["under_6_words" if size < 6 else "6_words_or_more"].append(coded)
            if size >= 80:
                seen["80_words_or_more"].append(coded)
            previous = turns[index - 1] if index else None
            if session.kind == "focus_group" and previous is not None:
                after = (
                    "answering_the_facilitator" if previous.woman is None else "after_a_participant"
                )
                seen[after].append(coded)
                following = turns[index + 1] if index + 1 < len(turns) else None
                if following is not None:
                    by = (
                        "followed_by_the_facilitator"
                        if following.woman is None
                        else "followed_by_a_participant"
                    )
                    seen[by].append(coded)
            if previous is not None and previous.woman and OPENER.match(turn.text):
                opener_shares.append(bool(set(turn.codes) & set(previous.codes)))
    cues = {name: {"turns": len(v), "coded": _share(v)} for name, v in seen.items()}
    cues["agreement_openers"] = {
        "turns": len(opener_shares),
        "share_a_code_with_the_turn_before": _share(opener_shares),
    }
    return cues


def model_differences(sessions: Sequence[Session]) -> dict:
    """Per shared code: participant turns with it per study focus group of each model, χ², p."""
    study = [s for s in sessions if s.kind == "focus_group" and s.split == "study"]
    models = list(dict.fromkeys(s.model for s in study))
    table = {}
    for code, planted in PLANTED.items():
        counts = []
        per_group = {}
        for model in models:
            turns = [t for s in study if s.model == model for t in s.turns if t.woman]
            present = sum(code in t.codes for t in turns)
            counts.append((present, len(turns) - present))
            per_group[model] = round(present / max(1, sum(s.model == model for s in study)), 2)
        chi, p = chi_square_3x2(counts)
        differs = len({v for v in planted.values() if v in LEVELS}) > 1
        table[code] = {
            "planted": planted,
            "turns_per_group": per_group,
            "chi_square": round(chi, 2),
            "p": float(f"{p:.3g}"),
            "planted_to_differ": differs,
            "as_planted": _as_planted(planted, per_group),
        }
    return table


def _as_planted(planted: dict[str, str], observed: dict[str, float]) -> bool:
    """Every pair of models planted at different levels is observed in that order."""
    levels = {m: LEVELS[v] for m, v in planted.items() if v in LEVELS}
    return all(observed[a] > observed[b] for a in levels for b in levels if levels[a] > levels[b])
