"""Lazy answers, made in the grading kernel from the solution's own values.

A lazy student keeps only an answer's shape: the same value in every place of it (all True, all
False, or one of the values the right answer uses, repeated), or the worked example copied.
Answers are often computed (a table from the corpus), so their shape is known only once the
solution has run. ``test_lazy_strategies.py`` therefore hands in the solution with these cells
added: one that defines the functions below, and around each test cell one that swaps every
``answer_*`` for its lazy twin, and one that swaps the solution back (so later answers are
computed from right values, as the lesson intends). The grader captures the lazy twin: that is
what gets scored, through the real pipeline.

The code runs in the sandboxed grading kernel, so it is self-contained (no import from tests/).
"""

from __future__ import annotations

MARKER = "QUALKIT-LAZY "

# Defines the lazy-making functions in the kernel. ``__SLOT__`` is the submission's strategy:
# "all-True", "all-False" or an integer j (the j-th value of each answer, cycled).
DEFINE = '''\
def _lazy_items(value):
    """The places of an answer, in order: leaves of dicts and lists; a tuple is one place."""
    kind = type(value).__name__
    if isinstance(value, dict):
        for item in value.values():
            yield from _lazy_items(item)
    elif isinstance(value, (list, set, frozenset)):
        for item in value:
            yield from _lazy_items(item)
    elif kind == "DataFrame":
        yield from value.to_numpy().ravel().tolist()
    elif kind == "Series":
        yield from value.tolist()
    else:
        yield value


def _lazy_fill(value, item):
    """The answer with ``item`` in every place."""
    kind = type(value).__name__
    if isinstance(value, dict):
        return {key: _lazy_fill(part, item) for key, part in value.items()}
    if isinstance(value, list):
        return [_lazy_fill(part, item) for part in value]
    if isinstance(value, (set, frozenset)):
        return {item} if value else set()
    if kind == "DataFrame":
        return type(value)(item, index=value.index, columns=value.columns)
    if kind == "Series":
        return type(value)(item, index=value.index, name=value.name, dtype=object)
    return item


def _lazy_values(value):
    """The values the answer uses, most frequent first (a repeated label is the likeliest
    guess), then in order of appearance."""
    seen = {}
    for index, item in enumerate(_lazy_items(value)):
        key = repr(item)
        count, first, _ = seen.get(key, (0, index, item))
        seen[key] = (count + 1, first, item)
    return [item for _, _, item in sorted(seen.values(), key=lambda e: (-e[0], e[1]))]


def _lazy_twin(value, slot):
    """(lazy value, its strategy name), or (value, "") when the slot leaves it as it is."""
    if slot in ("all-True", "all-False"):
        return _lazy_fill(value, slot == "all-True"), slot
    if isinstance(value, (set, frozenset)):
        return value, ""  # a chosen subset: one value repeated is just a smaller choice
    values = _lazy_values(value)
    if not values:
        return value, ""
    item = values[slot % len(values)]
    twin = _lazy_fill(value, item)
    if repr(twin) == repr(value):
        return value, ""
    if item is True or item is False:
        return twin, f"all-{item}"
    return twin, "constant " + repr(item)[:60]


_LAZY_SLOT = __SLOT__
_lazy_saved = {}


def _lazy_in():
    import json

    named = {}
    for _name in sorted(globals()):
        if _name.startswith("answer_") and _name not in _lazy_saved:
            try:
                twin, strategy = _lazy_twin(globals()[_name], _LAZY_SLOT)
            except Exception:  # a shape these functions do not know: left as it is
                twin, strategy = globals()[_name], ""
            if strategy:
                _lazy_saved[_name] = globals()[_name]
                globals()[_name] = twin
            named[_name] = strategy
    print(__MARKER__ + json.dumps(named))


def _lazy_out():
    globals().update(_lazy_saved)
    _lazy_saved.clear()
'''


def define(slot) -> str:
    return DEFINE.replace("__SLOT__", repr(slot)).replace("__MARKER__", repr(MARKER))


SWAP_IN = "_lazy_in()\n"
SWAP_OUT = "_lazy_out()\n"


def strategies_seen(outputs_text: str) -> list[dict[str, str]]:
    """Each swap's {answer: strategy} (empty strategy: left as the solution), in order."""
    import json

    return [
        json.loads(line[len(MARKER) :])
        for line in outputs_text.splitlines()
        if line.startswith(MARKER)
    ]
