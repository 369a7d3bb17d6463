"""Generate qualkit's simulated focus-group corpus and its answer key from a seed.

Usage::

    python datasets/generator/generate.py [--seed N] [--out DIR]

writes ``DIR/corpus/`` (student-facing) and ``DIR/key/`` (instructor only). The default seed and
``--out datasets`` reproduce the committed files byte for byte. A course that wants its own
corpus picks a secret seed and an output folder outside the repository (see datasets/README.md).

Every random choice comes from ``random.Random`` instances seeded from the seed and the stage's
name, never from the global generator, so a seed always gives the same corpus.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make the ``generator`` package (this folder) and qualkit importable.
    _HERE = Path(__file__).resolve().parent
    sys.path.insert(0, str(_HERE.parent))
    sys.path.insert(1, str(_HERE.parents[1] / "src"))

from generator.banks import Bank, load_banks
from generator.design import build_design
from generator.planting import plan_corpus
from generator.result import Generated, SessionOutput
from generator.second_coders import KeyUnit, code_sample
from generator.sentences import SentencePool
from generator.talk import session_turns
from generator.writer import render, write

DEFAULT_SEED = 3021
DEFAULT_OUT = Path(__file__).resolve().parents[1]


def build(seed: int = DEFAULT_SEED, banks: dict[str, Bank] | None = None) -> Generated:
    """Generate the whole corpus in memory."""
    banks = banks if banks is not None else load_banks()
    notes: list[str] = []
    design = build_design(random.Random(f"{seed}:design"))
    plan = plan_corpus(random.Random(f"{seed}:plan"), design, banks, notes)
    people = {p.participant_id: p for p in design.people}
    pool = SentencePool()
    rng = random.Random(f"{seed}:talk")
    sessions = tuple(
        SessionOutput(p.spec, tuple(session_turns(rng, p, banks[p.spec.model], people, pool)))
        for p in plan.sessions
    )
    units = []
    for output in sessions:
        if not output.spec.double_coded:
            continue
        for number, turn in enumerate(output.turns, 1):
            trap = ()
            if "distractor" in turn.flags and turn.note.startswith("tempting: "):
                trap = tuple(turn.note.removeprefix("tempting: ").split(" (")[0].split())
            units.append(
                KeyUnit(
                    (output.spec.session_id, number),
                    output.spec.model,
                    turn.participant_id is not None,
                    turn.codes,
                    trap,
                )
            )
    second = code_sample(random.Random(f"{seed}:second"), units)
    return Generated(seed, design, plan, sessions, second, tuple(notes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for corpus/ and key/")
    args = parser.parse_args(argv)
    files = render(build(args.seed))
    write(files, args.out)
    print(f"wrote {len(files)} files for seed {args.seed} to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
