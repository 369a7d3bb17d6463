"""What counts as one participant sentence, and the corpus-wide cap on reusing one.

The rule (also stated in datasets/README.md, and re-implemented independently by
tests/test_corpus_data.py so the test does not trust this module):

1. A turn splits into sentences after ``.``, ``!``, ``?`` or ``…`` (and any closing quote or
   bracket) followed by a space.
2. A sentence is normalised: lower case; transcription notes in lower-case brackets
   (``[laughs]``) removed; a leading clause of at most three words that ends in a comma removed,
   repeatedly (``Um,`` ``I mean,`` ``Like she said,``); anything but letters, digits,
   apostrophes and spaces dropped; a word repeated straight after itself (``I — I``) kept once.
3. Backchannels are exempt: a normalised sentence of fewer than four words ("Yeah.",
   "Mm-hm.", "Same for me.") may recur freely.
4. Every other normalised sentence may occur at most three times in a corpus's participant
   turns (the facilitator may follow a guide and is not counted).

Because the opener a speaker adds ("Like she said, …") is removed by normalisation, prefixing
a sentence never makes it count as new.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

MAX_USES = 3
MIN_WORDS = 4

_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_NOTE = re.compile(r"\[[a-z][^\]]*\]")
_LEADING_CLAUSE = re.compile(r"^\s*([^,]+),\s*")
_NON_WORD = re.compile(r"[^a-z0-9' ]+")


def split_sentences(text: str) -> list[str]:
    """Split a turn's text into sentences.

    >>> split_sentences("Um, yeah. She was there! Was she? [laughs]")
    ['Um, yeah.', 'She was there!', 'Was she?', '[laughs]']
    """
    return [part for part in _SPLIT.split(text.strip()) if part]


def normalise(sentence: str) -> str:
    """The form two sentences are compared in.

    >>> normalise("Like Kayla said, I — I just [laughs] needed her.")
    'i just needed her'
    >>> normalise("Honestly, I mean, she got it.")
    'she got it'
    """
    text = _NOTE.sub(" ", sentence.replace("’", "'").replace("‘", "'"))
    while True:
        match = _LEADING_CLAUSE.match(text)
        if match is None or len(match.group(1).split()) > 3 or match.end() >= len(text):
            break
        text = text[match.end() :]
    words = _NON_WORD.sub(" ", text.lower()).split()
    kept: list[str] = []
    for word in words:
        word = word.strip("'")
        if word and (not kept or kept[-1] != word):
            kept.append(word)
    return " ".join(kept)


def countable(key: str) -> bool:
    """Whether a normalised sentence counts (backchannels under four words do not)."""
    return len(key.split()) >= MIN_WORDS


@cache  # pure, and the same bank sentences are looked at again and again
def keys_of(text: str) -> tuple[str, ...]:
    """The countable normalised sentences of a text."""
    return tuple(k for k in (normalise(s) for s in split_sentences(text)) if countable(k))


class SentencePool:
    """Counts uses of every countable sentence across a corpus and enforces the cap.

    Mutable on purpose: one pool follows one corpus being generated.
    """

    def __init__(self, max_uses: int = MAX_USES) -> None:
        self.max_uses = max_uses
        self.uses: Counter[str] = Counter()

    def room(self, keys: Iterable[str]) -> bool:
        """True if every sentence in ``keys`` can be used once more."""
        return all(self.uses[k] < self.max_uses for k in keys)

    def load(self, keys: Iterable[str]) -> int:
        """How often the most-used of these sentences has been used (lower is fresher)."""
        return max((self.uses[k] for k in keys), default=0)

    def take(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.uses[key] += 1
