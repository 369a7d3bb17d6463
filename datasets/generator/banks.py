"""Phrase banks: the labelled sentences each model's talk is assembled from.

Each model has a module ``phrases_<model>.py`` beside this one (written by hand; instructor
side, because the labels are the answer key) defining::

    PHRASES, BORDERLINE, AMBIGUOUS, NEGATIVE, DIMENSIONS, DISTRACTORS, UNCODED, BUILD_ON, COLLOQUIAL

This module checks a bank (every code label known and of the right model, only the allowed
identifier tags, no code label inside a sentence) and turns every sentence into a
:class:`Line`: its text, the normalised sentences it counts as, and what it assumes about the
speaker.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.codes import SEED, Model, codes_for
from generator.consistency import Needs, needs_of
from generator.sentences import keys_of
from qualkit.errors import InputError

TAGS = ("CHILD", "PARTNER", "STAFF", "CLINIC", "PLACE", "DATE", "PHONE", "NAME")
_TAG = re.compile(r"\{([A-Z]+)\}")
_LABEL = re.compile(r"\b(PSS|DOULA|HV|X)_[A-Z_]+\b")
MODULES = {"pss": "phrases_pss", "doula": "phrases_doula", "home_visiting": "phrases_home_visiting"}


@dataclass(frozen=True)
class Line:
    """One bank sentence (or short run of sentences) ready to be spoken.

    ``keys`` are its countable normalised sentences (see sentences.py); ``needs`` what it
    assumes about the speaker.
    """

    text: str
    keys: tuple[str, ...]
    needs: Needs


@dataclass(frozen=True)
class Distractor:
    """Talk that tempts a wrong code: ``codes`` do apply, ``trap`` codes do not."""

    kind: str
    codes: tuple[str, ...]
    trap: tuple[str, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Bank:
    """One model's phrase bank, checked and pre-processed."""

    model: Model
    phrases: Mapping[str, tuple[Line, ...]]
    borderline: Mapping[str, tuple[Line, ...]]
    ambiguous: Mapping[tuple[str, str], tuple[Line, ...]]
    negative: Mapping[str, tuple[Line, ...]]
    dimensions: Mapping[str, Mapping[str, tuple[Line, ...]]]
    distractors: tuple[Distractor, ...]
    uncoded: tuple[Line, ...]
    build_on: tuple[str, ...]
    colloquial: Mapping[str, tuple[Line, ...]]
    source: str = field(default="<bank>", compare=False)

    @property
    def size(self) -> int:
        """Number of distinct countable sentences in the bank."""
        keys: set[str] = set()
        groups = [*self.phrases.values(), *self.borderline.values(), *self.ambiguous.values()]
        groups += [*self.negative.values(), *self.colloquial.values(), self.uncoded]
        groups += [lines for dims in self.dimensions.values() for lines in dims.values()]
        groups += [d.lines for d in self.distractors]
        for lines in groups:
            for line in lines:
                keys.update(line.keys)
        return len(keys)


def _check_text(text: object, source: str, place: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, place, "a non-empty sentence", text)
    for tag in _TAG.findall(text):
        if tag not in TAGS:
            raise InputError(source, place, "tags among " + ", ".join(TAGS), "{" + tag + "}")
    if _LABEL.search(text):
        raise InputError(source, place, "talk without code labels", text)
    return " ".join(text.split())


def _lines(
    texts: object, source: str, place: str, model: Model, nows: bool = False
) -> tuple[Line, ...]:
    if not isinstance(texts, list | tuple):
        raise InputError(source, place, "a list of sentences", type(texts).__name__)
    lines = []
    for index, text in enumerate(texts):
        clean = _check_text(text, source, f"{place}[{index}]")
        lines.append(Line(clean, keys_of(clean), needs_of(clean, model, nows)))
    return tuple(lines)


def _code(label: object, source: str, place: str, allowed: tuple[str, ...]) -> str:
    if label not in allowed:
        raise InputError(source, place, "a code of this model or a cross-cutting code", label)
    return label


def _by_code(data: object, source: str, name: str, model: Model) -> dict[str, tuple[Line, ...]]:
    allowed = codes_for(model)
    if not isinstance(data, Mapping):
        raise InputError(source, name, "a dict of code label -> sentences", type(data).__name__)
    return {
        _code(label, source, f"{name} key {label!r}", allowed): _lines(
            texts, source, f"{name}[{label!r}]", model, label == "X_NOWS_GUILT"
        )
        for label, texts in data.items()
    }


def build_bank(model: Model, module: object, source: str | None = None) -> Bank:
    """Check a bank module (or any object with the nine names) and pre-process it."""
    source = source or getattr(module, "__file__", None) or f"<{model} bank>"
    allowed = codes_for(model)

    def get(name: str, default):
        return getattr(module, name, default)

    ambiguous = {}
    for pair, texts in get("AMBIGUOUS", {}).items():
        place = f"AMBIGUOUS key {pair!r}"
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise InputError(source, place, "a pair of code labels", pair)
        a, b = (_code(label, source, place, allowed) for label in pair)
        nows = "X_NOWS_GUILT" in pair
        ambiguous[(a, b)] = _lines(texts, source, f"AMBIGUOUS[{pair!r}]", model, nows)
    dimensions = {}
    for label, dims in get("DIMENSIONS", {}).items():
        _code(label, source, f"DIMENSIONS key {label!r}", allowed)
        dimensions[label] = {
            name: _lines(texts, source, f"DIMENSIONS[{label!r}][{name!r}]", model)
            for name, texts in dims.items()
        }
    distractors = []
    for index, entry in enumerate(get("DISTRACTORS", [])):
        place = f"DISTRACTORS[{index}]"
        if not isinstance(entry, Mapping) or "sentences" not in entry:
            raise InputError(source, place, "a dict with kind, codes, trap, sentences", entry)
        codes = tuple(_code(c, source, f"{place} codes", allowed) for c in entry.get("codes", ()))
        trap = tuple(c for c in entry.get("trap", ()) if c in SEED)
        nows = "X_NOWS_GUILT" in codes
        lines = _lines(entry["sentences"], source, f"{place} sentences", model, nows)
        distractors.append(Distractor(str(entry.get("kind", "distractor")), codes, trap, lines))
    build_on = tuple(
        _check_text(t, source, f"BUILD_ON[{i}]") for i, t in enumerate(get("BUILD_ON", []))
    )
    return Bank(
        model=model,
        phrases=_by_code(get("PHRASES", {}), source, "PHRASES", model),
        borderline=_by_code(get("BORDERLINE", {}), source, "BORDERLINE", model),
        ambiguous=ambiguous,
        negative=_by_code(get("NEGATIVE", {}), source, "NEGATIVE", model),
        dimensions=dimensions,
        distractors=tuple(distractors),
        uncoded=_lines(list(get("UNCODED", [])), source, "UNCODED", model),
        build_on=build_on,
        colloquial=_by_code(get("COLLOQUIAL", {}), source, "COLLOQUIAL", model),
        source=str(source),
    )


def load_banks() -> dict[Model, Bank]:
    """Import the three phrase-bank modules that sit beside this one."""
    banks = {}
    for model, name in MODULES.items():
        module = importlib.import_module(f"generator.{name}")
        banks[model] = build_bank(model, module)
    return banks
