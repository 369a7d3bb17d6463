"""Every participant's words the kit quotes are the corpus's words, by the speaker and in the
session (and at the turn) it names.

The convention (instructors/README.md, "Quoting the corpus"): a quotation of a participant is
followed by its attribution in parentheses,

    "I'm still the one driving to the clinic" (Keisha, PSS-FG1, turn 14)
    "…" (Keisha, peer support, PSS-FG1, turn 14; fictional)

speaker first, then optionally the support model, then the session id, optionally the turn,
optionally a note after a semicolon. A passage written for an exercise and not taken from the
corpus says so where it stands, in the parenthesis after it or in its paragraph (a table is one
paragraph): "written for this exercise". A quotation of a publication is followed by its
citation (a parenthesis with a year). Any other quoted passage that reads as someone's talk (in
the first person, or labeled fictional) fails: the reader cannot tell where it comes from. A
student's words quoted in a rubric say so: "(a student's words)".

Elisions ("…") are allowed: each fragment must be verbatim, in order, in the one turn. Only
whitespace and quote marks are normalized.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pytest
from kit_texts import Text, all_texts, paragraphs, prose_of

from qualkit.corpus import load_corpus

from conftest import REPO

SESSION = r"(?:PSS|DOULA|HV)-(?:FG|INT)\d+"
ATTRIBUTION = re.compile(
    r"[*_\s]*\(\s*(?P<speaker>[A-Z][\w'-]+)\s*,(?:\s*(?P<model>[a-z][a-z\s]+?)\s*,)?"
    rf"\s*(?P<session>{SESSION})(?:\s*,\s*turns?\s+(?P<turn>\d+))?\s*(?:;[^)]*)?\)"
)
# A quotation inside a quotation, in single quotes, is held to the corpus when it is attributed
# (an apostrophe inside a word does not end it).
NESTED = re.compile(
    r"(?<![\w'])'(?P<a>(?:[^'\n]|\n(?![ \t]*\n)|'(?=\w)){8,}?)'"
    rf"(?=[*_\s]*\(\s*[A-Z][\w'-]+\s*,[^()]*{SESSION})"
)
FOLLOWING = re.compile(r"[*_\s]*\((?P<inside>[^()]*)\)")
# Straight quotes may span a single line break (Markdown wraps); curly quotes pair themselves.
QUOTE = re.compile(r'"(?P<a>(?:[^"\n]|\n(?![ \t]*\n))*?)"|“(?P<b>[^”]*?)”')
# "we" is left out: a methods section or a research team speaks in it too.
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")
FICTIONAL_FOR_EXERCISE = re.compile(r"written\W+for\W+this\W+(?:exercise|lesson|example)", re.I)
STUDENT = re.compile(r"\ba\W+student's\W+(?:words|answer|draft|statement)\b", re.I)
CITATION = re.compile(r"\b(?:19|20)\d\d[a-z]?\b")
MODELS = {"pss": "peer support", "doula": "doula", "home_visiting": "home visiting"}


@dataclass(frozen=True)
class Quotation:
    where: str
    text: str  # as written, without its quote marks
    after: str  # the text that follows it (its attribution, if any)
    paragraph: str
    prose: bool = True  # in a code cell, only a labeled string is held to the corpus

    def __str__(self) -> str:
        return f"{self.where}: “{' '.join(self.text.split())[:90]}”"


def quotations(text: Text) -> list[Quotation]:
    """The double-quoted passages of a text's prose (code: one-line strings)."""
    body = prose_of(text)
    blocks = paragraphs(body)
    found = []
    for match in QUOTE.finditer(body):
        quoted = match.group("a") or match.group("b") or ""
        if len(quoted) < 8:  # a word or two: a term, not a passage (pairing stays right)
            continue
        if text.kind == "code" and "\n" in quoted:
            continue
        start, end = next((s, e) for s, e in blocks if s <= match.start() <= e)
        found.append(
            Quotation(text.where, quoted, body[match.end() :], body[start:end], text.kind != "code")
        )
    for match in NESTED.finditer(body):
        found.append(Quotation(text.where, match.group("a"), body[match.end() :], "", False))
    return found


def normalized(text: str) -> str:
    text = re.sub(r"[‘’‛′`]", "'", text)
    text = re.sub(r"[“”„″]", '"', text)
    return " ".join(text.split())


def fragments(quoted: str) -> list[str]:
    """The verbatim pieces of a quotation with elisions (…, ..., […])."""
    pieces = re.split(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*", normalized(quoted))
    return [p for p in pieces if p]


@cache
def corpus():
    return load_corpus(REPO / "datasets" / "corpus")


def kind_of(quotation: Quotation) -> str:
    """attributed, fictional (written for an exercise), cited, student, talk (unattributed
    speech: a failure) or other (a phrase, a term, a question: not speech)."""
    if ATTRIBUTION.match(quotation.after):
        return "attributed"
    following = FOLLOWING.match(quotation.after)
    inside = following.group("inside") if following else ""
    if FICTIONAL_FOR_EXERCISE.search(inside) or FICTIONAL_FOR_EXERCISE.search(quotation.paragraph):
        return "fictional"
    if STUDENT.search(inside) or STUDENT.search(quotation.paragraph):
        return "student"
    if CITATION.search(inside):
        return "cited"
    if "fictional" in inside.lower() or re.search(SESSION, inside):
        return "talk"  # labeled as a participant's words, but not by the convention
    words = quotation.text.split()
    if quotation.prose and len(words) >= 4 and FIRST_PERSON.search(normalized(quotation.text)):
        return "talk"
    return "other"


def problem(quotation: Quotation) -> str | None:
    """Why a quotation fails the convention or the corpus (None when it holds)."""
    kind = kind_of(quotation)
    if kind == "talk":
        return (
            f"{quotation}: reads as a participant's words but has no attribution "
            "(Speaker, SESSION-ID, turn N) and is not marked 'written for this exercise'"
        )
    if kind != "attributed":
        return None
    found = ATTRIBUTION.match(quotation.after)
    speaker, session_id, model = found["speaker"], found["session"], found["model"]
    try:
        session = corpus().session(session_id)
    except KeyError:
        return f"{quotation}: no session {session_id} in the corpus"
    if model and not MODELS[session.model].startswith(" ".join(model.split())):
        return f"{quotation}: {session_id} is a {MODELS[session.model]} session, not {model}"
    turns = [t for t in corpus().transcript(session_id).turns if t.speaker == speaker]
    if not turns:
        return f"{quotation}: {speaker} does not speak in {session_id}"
    if found["turn"]:
        turns = [t for t in turns if t.turn == int(found["turn"])]
        if not turns:
            return f"{quotation}: turn {found['turn']} of {session_id} is not {speaker}'s"
    pieces = fragments(quotation.text)
    for turn in turns:
        said, at = normalized(turn.text), 0
        for piece in pieces:
            at = said.find(piece, at)
            if at < 0:
                break
            at += len(piece)
        else:
            return None
    where = f"turn {found['turn']} of {session_id}" if found["turn"] else session_id
    return f"{quotation}: not {speaker}'s words in {where}"


TEXTS = all_texts()


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: t.where)
def test_every_quotation_is_the_corpus_or_says_what_it_is(text):
    problems = [p for q in quotations(text) if (p := problem(q))]
    assert not problems, "\n".join(problems)


def test_the_convention_tells_the_kinds_apart():
    def first(markdown: str) -> Quotation:
        return quotations(Text("example", "markdown", markdown))[0]

    turn = next(t for t in corpus().transcript("PSS-FG1").turns if t.speaker != "Facilitator")
    words = " ".join(turn.text.split()[:8])
    right = first(f'She said "{words}" ({turn.speaker}, PSS-FG1, turn {turn.turn}).')
    assert kind_of(right) == "attributed" and problem(right) is None
    wrong_turn = first(f'"{words}" ({turn.speaker}, PSS-FG1, turn {turn.turn + 1})')
    assert "is not" in problem(wrong_turn)
    wrong_session = first(f'"{words}" ({turn.speaker}, DOULA-FG1)')
    assert "does not speak" in problem(wrong_session) or "not" in problem(wrong_session)
    altered = first(f'"{words} indeed" ({turn.speaker}, PSS-FG1)')
    assert "not" in problem(altered)
    wrong_model = first(f'"{words}" ({turn.speaker}, doula, PSS-FG1)')
    assert "peer support session" in problem(wrong_model)
    elided = turn.text.split()
    elision = first(f'"{" ".join(elided[:3])} … {" ".join(elided[5:8])}" ({turn.speaker}, PSS-FG1)')
    assert problem(elision) is None
    invented = first('"I never missed a single visit, not once" (Ana, peer support; fictional)')
    assert kind_of(invented) == "talk" and problem(invented)
    bare = first('One woman said "my peer was there for me every day" and we agree.')
    assert kind_of(bare) == "talk"
    made_up = first('"I never missed a visit" (a fictional account written for this exercise)')
    assert kind_of(made_up) == "fictional" and problem(made_up) is None
    nested = quotations(
        Text(
            "example",
            "markdown",
            f"\"She said '{words}' ({turn.speaker}, PSS-FG1)\" (a student's words)",
        )
    )
    assert [kind_of(q) for q in nested] == ["student", "attributed"] and problem(nested[1]) is None
    cited = first('"hues, tones and textures" (Sandelowski, 2010, p. 79)')
    assert kind_of(cited) == "cited"
    assert kind_of(first('Code it as "low" when "the provider is absent or judging".')) == "other"
