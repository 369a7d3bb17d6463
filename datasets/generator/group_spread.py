"""Are students' practice groups equally hard? The spread over many groups, for the data card
and ``make bench``.

For each of ``n`` groups (seeds from a fixed, public secret, so the card can be checked), two
numbers: the coded decisions of its key (turn × code, codes of the student codebook, its three
sessions), and the pooled κ of the word-spotting coder (tests/word_spotter.py, trained once on
the team's study codings) against its key. Needs scikit-learn, a test dependency. And how much
two students' groups share: for every pair, the exchanges their groups have in common over the
exchanges a group has (three sessions pooled), since a shared exchange is shared text a
classmate could match to copy her coding. And how its talk reads: the share of its long
participant turns that end on a short closing line (generator/voice.py), as the card reports
for the study sessions and the shared practice groups.
"""

from __future__ import annotations

import itertools
import statistics
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from generator.per_student import StudentGroup, student_group
from generator.voice import closing_lines
from qualkit.corpus import load_corpus
from qualkit.practice import PracticeGroup, with_practice

CARD_SECRET = b"qualkit data card: the spread of practice groups"


@dataclass(frozen=True)
class Spread:
    """Per group: key decisions and the word spotter's κ (in the order of the groups)."""

    decisions: tuple[int, ...]
    kappas: tuple[float, ...]
    overlaps: tuple[float, ...] = ()  # per pair of groups: the share of exchanges in common
    closing: tuple[float, ...] = ()  # per group: long participant turns ending on a closing line

    @staticmethod
    def summary(values, digits: int = 0) -> str:
        """min / quartiles / max.

        >>> Spread.summary([1, 2, 3, 4, 5], 1)
        '1.0 / 1.5 / 3.0 / 4.5 / 5.0'
        """
        q1, median, q3 = statistics.quantiles(values, n=4, method="exclusive")
        return " / ".join(f"{v:.{digits}f}" for v in (min(values), q1, median, q3, max(values)))


def shared_share(a: Mapping[str, Sequence[str]], b: Mapping[str, Sequence[str]]) -> float:
    """The share of two groups' exchanges they have in common (session id → exchange ids).

    >>> shared_share({"S": ("p1", "p2", "p3", "p4")}, {"S": ("p1", "p5", "p6", "p7")})
    0.25
    """
    common = sum(len(set(a[s]) & set(b.get(s, ()))) for s in a)
    size = (sum(map(len, a.values())) + sum(map(len, b.values()))) / 2
    return common / size if size else 0.0


def overlaps(groups: Sequence[Mapping[str, Sequence[str]]]) -> tuple[float, ...]:
    """``shared_share`` for every pair of groups."""
    return tuple(shared_share(a, b) for a, b in itertools.combinations(groups, 2))


def decisions(group: StudentGroup, labels: set[str]) -> int:
    return len({(c.session_id, c.turn, c.code) for c in group.key if c.code in labels})


def spread(datasets: Path, n: int = 100, secret: bytes = CARD_SECRET) -> Spread:
    """Decisions and the word spotter's κ over ``n`` students' groups."""
    from word_spotter import spotter_kappa, study_spotter

    shared = load_corpus(datasets / "corpus")
    labels = set(shared.codebook.names)
    spotter = study_spotter(shared)
    counts, kappas, exchanges, closing = [], [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for index in range(n):
            group = student_group(secret, f"student{index:03d}")
            folder = Path(scratch) / group.student
            for relative, text in group.files.items():
                (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                (folder / relative).write_text(text, encoding="utf-8")
            corpus = with_practice(shared, PracticeGroup(group.student, folder))
            counts.append(decisions(group, labels))
            exchanges.append(group.exchanges)
            closing.append(closing_lines(
                t.text for s in corpus.sessions if s.split == "practice"
                for t in corpus.transcript(s.session_id).turns if t.speaker != s.facilitator
            ))  # fmt: skip
            kappas.append(
                spotter_kappa(corpus, SimpleNamespace(codings=group.key.codings), spotter)
            )
    return Spread(tuple(counts), tuple(kappas), overlaps(exchanges), tuple(closing))


START = "- **A practice group for each student**"


def card_paragraph(s: Spread) -> str:
    """The data card's paragraph on the spread (min / quartiles / max)."""
    return (
        f"{START} (off by default; instructors/README.md): each student's group is drawn from "
        "the same pools by a seed made from the course secret and her id (other exchanges, "
        "order and speakers, and so another key); the grader regenerates it. Equal difficulty, "
        f"over {len(s.decisions)} groups (min / quartiles / max): coded decisions of the key "
        f"(turn × code, student codebook) {Spread.summary(s.decisions)}; the word-spotting "
        f"coder's pooled κ against the key {Spread.summary(s.kappas, 2)}. Shared text: two "
        f"students' groups have {statistics.mean(s.overlaps):.0%} of their exchanges in common on "
        f"average (min / quartiles / max over the {len(s.overlaps):,} pairs: "
        f"{Spread.summary([100 * v for v in s.overlaps])}%): each model's pool in "
        "`practice.yaml` has seven to nine exchanges a topic, and a group draws one of each "
        "topic before a second of any; where an hour of talk needs a second (the doula and "
        "home-visiting pools have five topics), it joins the first one's round, the facilitator "
        'passing the question on ("Any other stories like that?") rather than asking it again. So a '
        "classmate's coding matched by text covers little of hers, and a "
        "classmate's files handed in as hers earn no more than a blank "
        "(`tests/test_lazy_strategies.py`; the spread: `datasets/generator/group_spread.py`, "
        "also in `make bench`). Long participant turns (40+ words) that end on a short closing "
        f"line, per group: {Spread.summary(s.closing, 2)} (the study sessions' and shared groups' "
        "share is in the table of the transcription convention, below)."
    )


def paragraph_in(card: str) -> str:
    """The paragraph as a card holds it ('' when it holds none)."""
    if START not in card:
        return ""
    rest = card[card.index(START) :]
    return rest[: min(i for i in (rest.find("\n- "), rest.find("\n\n"), len(rest)) if i >= 0)]
