"""How the participants' talk reads as transcribed speech (issue 25): disfluency rates, the
women's own words for their world, and motifs that come back across groups.

Pure functions over ``(session_id, split, text)`` rows of participant turns, so the data card
can report them for the study sessions and the practice groups apart. The counting rules are
the card's definitions ("Transcription convention"); they are deliberately literal, so that a
reader can recount any number by hand with the same patterns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_NOTE = re.compile(r"\[[a-z][^\]]*\]")
# Filled pauses, and discourse fillers set off by commas or closing a clause.
FILLER = re.compile(
    r"\b(?:um+|uh+|erm)\b"
    r"|(?:^|[,.]\s*)(?:like|you know|I mean)(?=,)"
    r"|,\s*you know(?=[.?!])",
    re.I,
)
# A repair: a cut-off (`--`) the speaker goes on from inside her turn, or a word said twice.
REPAIR = re.compile(r"\S\s*--\s*(?=\S)|\b(\w+)(?:,|\s--)?\s+\1\b(?!-)", re.I)


@dataclass(frozen=True)
class Rates:
    """Disfluency in participant turns: fillers and repairs per 1,000 words, share of turns
    with at least one, and the transcriber's overlap and inaudible marks."""

    turns: int
    words: int
    fillers: int
    repairs: int
    turns_with_one: int
    crosstalk: int
    inaudible: int
    cut_off_turns: int

    def per_1000(self, n: int) -> float:
        return round(1000 * n / max(1, self.words), 1)

    @property
    def share_with_one(self) -> float:
        return round(self.turns_with_one / max(1, self.turns), 3)


def words(text: str) -> int:
    return len(_NOTE.sub(" ", text).split())


def fillers(text: str) -> int:
    """Filled pauses and comma-set discourse fillers.

    >>> fillers("Um, I was, like, done. I mean, you know, whatever, you know.")
    5
    """
    return len(FILLER.findall(_NOTE.sub(" ", text)))


def repairs(text: str) -> int:
    """Cut-offs she goes on from, and words said twice (a cut-off ending the turn is an overlap).

    >>> repairs("I was -- no, she was the one who -- who called. The the nurse. I'm done --")
    3
    """
    plain = _NOTE.sub(" ", text).rstrip()
    return sum(1 for m in REPAIR.finditer(plain) if m.group(1) is None or m.group(1).isalpha())


def rates(texts: Iterable[str]) -> Rates:
    t = w = f = r = one = cross = inaud = cut = 0
    for text in texts:
        t += 1
        w += words(text)
        nf, nr = fillers(text), repairs(text)
        f, r, one = f + nf, r + nr, one + bool(nf or nr)
        cross += text.count("[crosstalk]")
        inaud += text.count("[inaudible]")
        cut += text.rstrip().endswith("--")
    return Rates(t, w, f, r, one, cross, inaud, cut)


# The women's own words for medications, tests, agencies and their babies' withdrawal.
OWN_WORDS: dict[str, str] = {
    "Subs / Suboxone / Subutex": r"(?i)\b(?:subs|suboxone|subutex)\b",
    "strips / films": r"(?i)\b(?:strips?|films?)\b",
    "Sublocade": r"(?i)\bsublocade\b",
    "Vivitrol": r"(?i)\bvivitrol\b",
    "the shot": r"(?i)\bthe shot\b",
    "methadone / the clinic dose": r"(?i)\bmethadone\b|\bdos(?:e|ing)\b",
    "clean (of herself)": r"(?i)\bclean\b",
    "dirty (a test)": r"(?i)\bdirty\b",
    "UA / urine / drug screen": r"\bUAs?\b|(?i:\burines?\b|\bdrug screens?\b|\btox screens?\b)",
    "CPS / DCF / DCS": r"\b(?:CPS|DCF|DCS|DHS)\b",
    "NAS": r"\bNAS\b",
    "fentanyl / dope / heroin / pills": r"(?i)\b(?:fentanyl|fent|dope|heroin|pills|percs?)\b",
    "NICU": r"\bNICU\b",
    "using / went back out": r"(?i)\busing\b|\bwent back out\b|\brelaps\w*\b",
}
# The writer's formula "She didn't X. She Y." in its spoken variants: the second half may follow a
# full stop (after a closing quote too: "didn't say 'wait.' She ...") or a comma, after a filler
# or a repeat ("she, she just made"). Its second verb is not another negative or auxiliary.
FORMULA = (
    r"\b(?:[Ss]he|[Hh]e) (?:didn't|never|did not) [^.?!]{1,70}?(?:[.!][\"'”’]?\s|,\s)"
    r"(?:(?:[Uu]m|[Uu]h|[Ll]ike|I mean|[Ss]o|[Aa]nd|[Jj]ust),?\s)*"
    r"(?:[Ss]he|[Hh]e)(?:,\s(?:[Ss]he|[Hh]e)|,| --)?\s(?:(?:she|he|just|um|uh|like),?\s)*"
    r"(?!did\b|didn't|never|was\b|is\b|has\b|had\b|does\b|doesn't|wasn't|isn't|would|could"
    r"|can\b|can't|will\b|won't|might|must|should|knew|know)[a-z]+"
)


def formulas(text: str) -> int:
    """Times the formula occurs, in its full-stop, quote-ended and comma-joined forms.

    >>> formulas("She didn't give me the speech. She sat with me.")
    1
    >>> formulas("she didn't say 'you're fine.' She said, let's look.")
    1
    >>> formulas("She didn't take over or anything, she, she just made sure I got it.")
    1
    >>> formulas("she didn't lecture, she just, um, she showed up with the voucher")
    1
    >>> formulas("She didn't call. She didn't text. She was busy, she said.")
    0
    """
    return len(re.findall(FORMULA, _NOTE.sub(" ", text)))


# Motifs and plot beats a reader notices when they come back (issue 25).
MOTIFS: dict[str, str] = {
    'fear as "doing math"': r"(?i)\bdo(?:ing)? (?:the )?math\b|\bmath\b",
    "court": r"(?i)\bcourt(?:room|house)?\b",
    "a file or a folder (of her)": r"(?i)\b(?:a|the|my|her|that) (?:file|folder)\b",
    "trial / evidence / verdict": r"(?i)\b(?:on trial|a trial|evidence|verdict)\b",
    "the empty car seat": r"(?i)\bempty car ?seat\b|\bcar ?seat\b[^.]{0,30}\bempty\b|\bwithout the car ?seat\b",
    "car seat": r"(?i)\bcar ?seat\b",
    "report card": r"(?i)\breport card\b",
    "the small hours (two to four in the morning)": r"(?i)\b(?:two|three|four) in the morning\b",
    "can't argue with a …": r"(?i)\bcan't argue with\b",
    "a cupcake for her recovery date": r"(?i)\bcupcakes?\b",
    "a supporter on hold with an agency for her": r"(?i)\bon hold\b|\bon the phone with me\b",
    "a clipboard": r"(?i)\bclipboards?\b",
    "the clinic's dose letter, the hospital confirming her dose": (
        r"(?i)\bdose letters?\b|\bletter\b[^.]{0,60}\bdose\b|"
        r"\b(?:confirm|verify)(?:ed)? (?:my |her |your |the )?dose\b|\bdose confirmed\b"
    ),
    '"She didn\'t X. She Y."': FORMULA,
}


def counts(patterns: dict[str, str], rows: Sequence[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """Per pattern: (occurrences, sessions it occurs in) over (session_id, text) rows.

    >>> counts({"NAS": r"\\bNAS\\b"}, [("A", "NAS, the NAS"), ("B", "nas"), ("C", "NAS")])
    {'NAS': (3, 2)}
    """
    out = {}
    for name, pattern in patterns.items():
        rx = re.compile(pattern)  # case-insensitive patterns say so with (?i)
        hits = Counter(sid for sid, text in rows for _ in rx.finditer(_NOTE.sub(" ", text)))
        out[name] = (sum(hits.values()), len(hits))
    return out


def closing_lines(texts: Iterable[str]) -> float:
    """Share of turns of 40+ words that end on a short, full-stopped sentence of 3–8 words
    after a longer one: the polished closing line a writer adds and a speaker rarely does."""
    long_turns = ended = 0
    for text in texts:
        plain = _NOTE.sub(" ", text).strip()
        if len(plain.split()) < 40:
            continue
        long_turns += 1
        parts = [p for p in re.split(r"(?<=[.!?])\s+", plain) if p]
        last = parts[-1] if parts else ""
        if last.endswith(".") and 3 <= len(last.split()) <= 8 and len(parts) > 1:
            ended += 1
    return round(ended / max(1, long_turns), 3)


def card_tables(rows: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    """The data card's tables from (session_id, split, text) rows of participant turns:
    disfluency by split, own words and motifs (occurrences, sessions) in the study sessions."""
    lines = [
        "| participant turns | words | fillers per 1,000 words | repairs per 1,000 words | "
        "turns with a filler or repair | [crosstalk] | [inaudible] | turns cut off (`--`) | "
        "long turns ending on a short closing line |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for split in ("study", "practice"):
        texts = [t for _, s, t in rows if s == split]
        r = rates(texts)
        lines.append(
            f"| {split}: {r.turns:,} | {r.words:,} | {r.per_1000(r.fillers)} | "
            f"{r.per_1000(r.repairs)} | {r.share_with_one:.2f} | {r.crosstalk} | {r.inaudible} | "
            f"{r.cut_off_turns} | {closing_lines(texts):.2f} |"
        )
    study = [(sid, t) for sid, s, t in rows if s == "study"]

    def table(patterns: dict[str, str]) -> str:
        found = counts(patterns, study)
        out = ["| words | times | sessions |", "|---|---|---|"]
        out += [f"| {name} | {n} | {k} |" for name, (n, k) in found.items()]
        return "\n".join(out)

    return {"disfluency": "\n".join(lines), "own_words": table(OWN_WORDS), "motifs": table(MOTIFS)}
