"""Generate qualkit's simulated focus-group corpus and its answer key from a seed.

Usage::

    python datasets/generator/generate.py [--seed N] [--out DIR] [--talk DIR]

reads the hand-written talk (``talk/<model>/*.yaml``), writes ``DIR/corpus/`` (student-facing)
and ``DIR/key/`` (instructor only). The default seed and ``--out datasets`` reproduce the
committed files byte for byte. Another seed gives other practice groups (other exchanges,
order, speakers and key), other second-coder disagreements and other raw identifiers; the
study sessions are the talk as written.

Every random choice comes from ``random.Random`` instances seeded from the seed and the stage's
name, never from the global generator, so a seed always gives the same corpus.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make the ``generator`` package (this folder) and qualkit importable.
    _HERE = Path(__file__).resolve().parent
    sys.path.insert(0, str(_HERE.parent))
    sys.path.insert(1, str(_HERE.parents[1] / "src"))

from generator.assemble import assemble
from generator.result import Generated, Person
from generator.second_coders import SampleUnit, code_sample
from generator.talk import TALK_DIR, ModelTalk, load_talk
from generator.writer import render, write

DEFAULT_SEED = 3021
DEFAULT_OUT = Path(__file__).resolve().parents[1]


def _people(sessions) -> tuple[Person, ...]:
    """Participants numbered P001… in order of first appearance."""
    found: dict[tuple[str, str], list] = {}
    for session in sessions:
        for sheet in session.women:
            where = (
                (session.model, sheet.id)
                if session.split == "study"
                else (session.session_id, sheet.id)
            )
            found.setdefault(where, [session.model, sheet, []])[2].append(session.session_id)
    return tuple(
        Person(f"P{n:03d}", model, sheet, tuple(ids))
        for n, (model, sheet, ids) in enumerate(found.values(), 1)
    )


def _secondary(coded) -> frozenset[str]:
    """On a turn with several codes, every code but the one on the most words."""
    size: dict[str, int] = {}
    for c in coded:
        size[c.code] = size.get(c.code, 0) + c.end - c.start
    main = max(size, key=lambda code: size[code], default=None)
    return frozenset(code for code in size if code != main)


def build(seed: int = DEFAULT_SEED, talk: Mapping[str, ModelTalk] | None = None) -> Generated:
    """Generate the whole corpus in memory."""
    talk = talk if talk is not None else load_talk()
    sessions = assemble(seed, talk)
    sample = [
        SampleUnit(
            (s.session_id, n),
            s.model,
            frozenset(t.codes),
            frozenset(c.code for c in t.coded if c.boundary),
            _secondary(t.coded),
        )
        for s in sessions
        if s.double_coded
        for n, t in enumerate(s.turns, 1)
    ]
    second = code_sample(f"{seed}:second", sample)
    return Generated(seed, sessions, _people(sessions), second)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for corpus/ and key/")
    parser.add_argument("--talk", type=Path, default=TALK_DIR, help="folder of the talk YAML")
    args = parser.parse_args(argv)
    files = render(build(args.seed, load_talk(args.talk)))
    write(files, args.out)
    print(f"wrote {len(files)} files for seed {args.seed} to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
