"""The kit writes US English: lessons, the instructor guide and the README (the corpus has its own
check in test_corpus_data.py). British forms are found by rule (-ise, -our, -yse, doubled l,
-tre) with the US words those rules would also catch allowed, and by a list of other words."""

from __future__ import annotations

import re

import pytest

from conftest import LESSONS, REPO

# Words ending in -ise, -our … that are US English too.
US_ISE = {
    "advertise", "advise", "anise", "apprise", "arise", "bruise", "chastise", "circumcise",
    "clockwise", "comprise", "compromise", "concise", "cruise", "demise", "despise", "devise",
    "disguise", "enterprise", "excise", "exercise", "expertise", "franchise", "improvise",
    "incise", "likewise", "merchandise", "noise", "otherwise", "paradise", "poise", "stepwise", "porpoise",
    "praise", "precise", "premise", "promise", "raise", "revise", "rise", "supervise", "surmise",
    "surprise", "televise", "tortoise", "treatise", "turquoise", "wise",
}  # fmt: skip
US_OUR = {"our", "ours", "four", "fourth", "fourfold", "hour", "hours", "your", "yours", "tour",
          "tours", "pour", "pours", "poured", "pouring", "sour", "flour", "detour", "contour",
          "contours", "devour", "scour", "dour", "velour", "hourly"}  # fmt: skip
RULES = re.compile(
    r"\b([a-z]+)(is(?:e|es|ed|ing|ation|ations))\b"  # -ise: summarise, organisations
    r"|\b([a-z]*our(?:s|ed|ing|ite|ites|able|ably|ful|hood|ly)?)\b"  # -our: colour, rigour
    r"|\b[a-z]+ys(?:e|es|ed|ing)\b"  # -yse: analyse, paralysed
    r"|\b(?:travel|label|model|cancel|counsel|signal|fuel|level|channel|marvel|tunnel|equal"
    r"|jewel|quarrel|rival|dial)l(?:ed|ing|er|ers|or|ors)\b"  # doubled l: labelled, counsellor
    r"|\b(?:cent|met|lit|theat|fib|somb|spect|calib|meag|lust)r(?:e|es|ed|ing)\b",  # centre(d)
    re.I,
)
WORDS = re.compile(
    r"\b(judgement|learnt|spelt|misspelt|whilst|amongst|enrol|enrols|enrolment|fulfil|fulfilment"
    r"|licences?|defences?|offences?|pretences?|grey|mums?|mummy|programmes?|ageing|aeroplane|an(?:a)?emia"
    r"|anaesth\w*|paediatric\w*|haem\w+|oestrogen|foetus|caesarean|gynaecolog\w*|manoeuvre"
    r"|cheques?|tyres?|aluminium|draught|sceptic\w*|mould|cosy|pyjamas|nappy|nappies|pram"
    r"|fortnight)\b",
    re.I,
)


def british(text: str) -> list[str]:
    """British spellings in ``text``.

    >>> british("We analysed the colour of the centre; summarise it, practise it.")
    ['analysed', 'colour', 'centre', 'summarise', 'practise']
    >>> british("We analyzed the color of the center, our hours; summarize, practice, promise.")
    []
    """
    found = []
    for match in RULES.finditer(text):
        word = match.group(0)
        if match.group(1):  # -ise and its endings: the stem + "ise" must be a US word
            if f"{match.group(1)}ise".lower() in US_ISE:
                continue
        elif match.group(3) and word.lower() in US_OUR:
            continue
        found.append(word)
    found += [m.group(0) for m in WORDS.finditer(text)]
    return found


def prose(path) -> str:
    return path.read_text(encoding="utf-8")


DOCUMENTS = [
    *(REPO / "lessons" / lesson / f"{lesson}.ipynb" for lesson in LESSONS),
    *sorted((REPO / "instructors").glob("*.md")),
    REPO / "README.md",
    REPO / "ARCHITECTURE.md",
    REPO / "autograde" / "GRADING.md",
    REPO / "tests" / "lessons" / "README.md",
    REPO / "datasets" / "generator" / "codebook.yaml",
    REPO / "instructors" / "SOURCES.md",
]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_lessons_and_guides_use_us_spelling(path):
    lines = [
        f"line {number}: {', '.join(words)}"
        for number, line in enumerate(prose(path).splitlines(), 1)
        if (words := british(line))
    ]
    assert not lines, (
        f"{path.relative_to(REPO)}: British spellings (the kit writes US English): "
        + "; ".join(lines)
    )


def test_the_rules_catch_what_they_should():
    assert british("practise, practised, stigmatising, labelled, counsellors, rigour") == [
        "practise", "practised", "stigmatising", "labelled", "counsellors", "rigour",
    ]  # fmt: skip
    assert british("judgement, enrolment, programme, paediatric") == [
        "judgement", "enrolment", "programme", "paediatric",
    ]  # fmt: skip
    assert british("centred, misspelt, Licences, centring") == [
        "centred", "centring", "misspelt", "Licences",
    ]  # fmt: skip
    assert british("judgment, enrollment, program, pediatric, expertise, otherwise") == []
