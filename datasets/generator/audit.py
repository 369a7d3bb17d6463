"""Draw the coherence audit's sample: random exchanges for a methods instructor to read.

An exchange is a facilitator's (or interviewer's) question or probe and the participant turns
that answer it, up to her next turn; its id is the session and the facilitator's turn number
(``PSS-FG2:41``). The sample is drawn with ``random.Random(seed)`` from every exchange of the
study sessions and the practice groups of the corpus under ``--corpus``, so the same seed and
corpus give the same sample. ``python datasets/generator/audit.py --seed 9 --n 100`` prints
the exchanges to read; the verdicts and fixes are recorded in datasets/AUDIT.md.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from qualkit.corpus import load_corpus

DATASETS = Path(__file__).resolve().parents[1]


def exchanges(corpus) -> list[tuple[str, list]]:
    """Every (id, turns) exchange of the corpus, sessions in collection order."""
    found = []
    for session in sorted(corpus.sessions, key=lambda s: s.order):
        turns = corpus.transcript(session.session_id).turns
        for index, turn in enumerate(turns):
            if turn.speaker != session.facilitator:
                continue
            answers = []
            for later in turns[index + 1 :]:
                if later.speaker == session.facilitator:
                    break
                answers.append(later)
            if answers:
                found.append((f"{session.session_id}:{turn.turn}", [turn, *answers]))
    return found


def sample(corpus, seed: int, n: int) -> list[tuple[str, list]]:
    """``n`` exchanges drawn at random (seeded), in corpus order."""
    every = exchanges(corpus)
    chosen = set(random.Random(seed).sample(range(len(every)), n))
    return [every[i] for i in sorted(chosen)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=DATASETS / "corpus")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    print(f"{len(exchanges(corpus))} exchanges; sample of {args.n} with seed {args.seed}\n")
    for ident, turns in sample(corpus, args.seed, args.n):
        print(f"## {ident}")
        for turn in turns:
            print(f"{turn.turn} {turn.speaker}: {turn.text}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
