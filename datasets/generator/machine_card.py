"""The machine coder's agreement with the key, per code (datasets/MACHINE_CODER.md).

``python datasets/generator/machine_card.py`` rewrites the file from the committed corpus and
key; tests/test_machine_coding.py checks that the committed file is what this module writes.
It is kept apart from the data card (card.py) so that regenerating the card does not need
wordllama. The machine coder (qualkit.machine_coding) codes the practice groups' participant
turns, each group with its model's codes and the shared ones, as lesson 08 has a student do,
two ways: from the codebook alone, and from the codebook with the team's codings of the study
sessions as the coded turns it takes its neighbors from.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from qualkit.agreement import cohens_kappa
from qualkit.code_agreement import per_code_agreement
from qualkit.codings import Coding
from qualkit.corpus import Corpus, load_corpus
from qualkit.key import Key, load_key
from qualkit.machine_coding import MachineCoder

DATASETS = Path(__file__).resolve().parents[1]
PREFIX = {"pss": "PSS_", "doula": "DOULA_", "home_visiting": "HV_"}
SETUPS = ("codebook", "codebook + team")


def _codes_for(corpus: Corpus, model: str) -> list[str]:
    return sorted(
        label for label in corpus.codebook.names if label.startswith((PREFIX[model], "X_"))
    )


def machine_codings(corpus: Corpus, with_team: bool) -> tuple[list, list[Coding]]:
    """The practice groups' participant turns and the machine's codings of them."""
    study = [corpus.transcript(s.session_id) for s in corpus.sessions if s.split == "study"]
    coder = MachineCoder(corpus.codebook, corpus.codings("team") if with_team else (), study)
    units, codings = [], []
    for session in sorted(corpus.sessions, key=lambda s: s.order):
        if session.split != "practice":
            continue
        turns = [
            t
            for t in corpus.transcript(session.session_id).turns
            if t.speaker != session.facilitator
        ]
        units += [t.unit for t in turns]
        codings += coder.codings(turns, _codes_for(corpus, session.model))
    return units, codings


def _specific(table_codings: list[Coding], units: list, code: str) -> tuple[int, int, int]:
    """(both, key only, machine only) counts of units for one code."""
    key = {c.unit for c in table_codings if c.code == code and c.coder == "key"}
    machine = {c.unit for c in table_codings if c.code == code and c.coder == "machine"}
    unit_set = set(units)
    return (
        len(key & machine & unit_set),
        len((key - machine) & unit_set),
        len((machine - key) & unit_set),
    )


def _positive(both: int, key_only: int, machine_only: int) -> str:
    total = 2 * both + key_only + machine_only
    return f"{2 * both / total:.2f}" if total else "–"


def _number(value: float) -> str:
    return "–" if value != value else f"{value:.2f}"  # nan: the code never occurs on either side


def render(root: Path) -> str:
    corpus, key = load_corpus(root / "corpus"), load_key(root / "key")
    return _render(corpus, key)


def _render(corpus: Corpus, key: Key) -> str:
    codes = sorted({c for s in corpus.sessions for c in _codes_for(corpus, s.model)})
    results = {}
    for setup in SETUPS:
        units, machine = machine_codings(corpus, setup != "codebook")
        units_of = {s.model: [] for s in corpus.sessions}
        for s in corpus.sessions:
            if s.split == "practice":
                units_of[s.model] += [u for u in units if u[0] == s.session_id]
        both = [c for c in key.codings if c.unit in set(units)] + machine
        # Each code is judged on the groups whose models use it (a PSS code is absent from the
        # doula group by design, and counting those turns would inflate its κ).
        rows = {}
        for code in codes:
            on = [
                u for model, us in units_of.items() if code in _codes_for(corpus, model) for u in us
            ]
            table = per_code_agreement(
                [c for c in both if c.code == code], on, ("key", "machine"), (code,)
            )
            rows[code] = (table.rows[0], _specific(both, on, code))
        presence = [c for c in both if c.code in codes]
        decisions_truth, decisions_guess = [], []
        for model, us in units_of.items():
            own = _codes_for(corpus, model)
            key_has = {(c.unit, c.code) for c in presence if c.coder == "key"}
            machine_has = {(c.unit, c.code) for c in presence if c.coder == "machine"}
            for u in us:
                decisions_truth += [(u, code) in key_has for code in own]
                decisions_guess += [(u, code) in machine_has for code in own]
        pooled = cohens_kappa(decisions_truth, decisions_guess)
        a = sum(t and g for t, g in zip(decisions_truth, decisions_guess, strict=True))
        b = sum(t and not g for t, g in zip(decisions_truth, decisions_guess, strict=True))
        c = sum(g and not t for t, g in zip(decisions_truth, decisions_guess, strict=True))
        results[setup] = (rows, pooled, (a, b, c), len(units))
    lines = [
        "# The machine coder against the key",
        "",
        "Written by `datasets/generator/machine_card.py` from the committed corpus and key; do not",
        "edit by hand. The machine coder is `qualkit.machine_coding.MachineCoder` (wordllama",
        "embeddings, offline). It codes the participant turns of the practice groups, each group with",
        "its model's codes and the shared `X_` codes, two ways: from the **codebook** alone (the best",
        "code when its definition or example is similar enough), and from the **codebook + team**",
        "codings of the study sessions (the 5 most similar coded turns vote; 2 of 5 apply a code).",
        "Per code: how many turns the key and the machine apply it to, Cohen's κ, and positive",
        "specific agreement (2·both / (key + machine); – where neither applies it). Careful readers",
        "reading blind agree with the key at pooled κ 0.84–0.94; the second coders at 0.73–0.81.",
        "",
        "| setup | turns | pooled κ | pooled positive agreement |",
        "|---|---|---|---|",
    ]
    for setup in SETUPS:
        _, pooled, counts, n = results[setup]
        lines.append(f"| {setup} | {n} | {_number(pooled)} | {_positive(*counts)} |")
    lines += [
        "",
        "| code | key | machine: codebook | κ | positive agreement | machine: codebook + team | κ | positive agreement |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for code in codes:
        cells = [code]
        first = results[SETUPS[0]][0][code]
        cells.append(str(first[1][0] + first[1][1]))
        for setup in SETUPS:
            row, counts = results[setup][0][code]
            cells += [str(counts[0] + counts[2]), _number(row.kappa), _positive(*counts)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    (DATASETS / "MACHINE_CODER.md").write_text(render(DATASETS), encoding="utf-8")
    print(f"wrote {DATASETS / 'MACHINE_CODER.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
