"""The exchanges a practice group draws from its model's pool, and in what order.

One warmup, five middle exchanges on different topics, one closing; where that leaves the
group under ``MIN_WORDS`` (about an hour of coding), more middle exchanges are added, of a
topic the group has not drawn while there is one. A second exchange of a topic joins the
first one's round (``one_round_a_topic``), so no facilitator asks a topic's question twice.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

from generator.codes import TOPICS
from generator.markup import render
from generator.talk import FACILITATOR, Exchange

MIDDLE = 5
SHARED_POOL = 18  # the exchanges each pool had when the lessons quoted the shared groups
MIN_WORDS = 2500
GROUP_MOST = 8  # women in a focus group: five to eight is the usual size (Krueger & Casey)
HANDOVERS = (
    "Any other stories like that?",
    "More on that, anyone?",
    "What else comes to mind on that?",
    "Anything else on that?",
)  # the facilitator passing a topic's round on, not asking it again; the
# woman who spoke last may answer, so none says "who else"


def choose_exchanges(
    rng: random.Random, pool: tuple[Exchange, ...], fresh: random.Random | None = None
) -> tuple[Exchange, ...]:
    """One warmup, five middle exchanges on different topics where possible, one closing.

    Drawn from the pool's first ``SHARED_POOL`` exchanges, as the corpus's shared practice
    groups (quoted by the lessons) always were; with ``fresh``, a student's own group, each
    chosen exchange then gives way to one drawn from all of its topic in the whole pool, so
    two students' groups share fewer exchanges."""
    first = pool[:SHARED_POOL]
    warmups = [e for e in first if e.topic == "warmup"]
    closings = [e for e in first if e.topic == "closing"]
    middle = [e for e in first if e.topic not in ("warmup", "closing")]
    topics = sorted({e.topic for e in middle}, key=TOPICS.index)
    chosen = []
    for topic in rng.sample(topics, min(MIDDLE, len(topics))):
        chosen.append(rng.choice([e for e in middle if e.topic == topic]))
    rest = [e for e in middle if e not in chosen]
    rng.shuffle(rest)
    ends = [rng.choice(warmups), rng.choice(closings)]
    if fresh is not None:
        ends = [fresh.choice([e for e in pool if e.topic == end.topic]) for end in ends]
        for index, old in enumerate(chosen):
            others = chosen[:index] + chosen[index + 1 :]
            chosen[index] = fresh.choice(
                [e for e in pool if e.topic == old.topic and e not in others]
            )
        rest = [e for e in pool if e.topic not in ("warmup", "closing") and e not in chosen]
        fresh.shuffle(rest)
    words = sum(map(exchange_words, (*ends, *chosen)))
    while rest and (len(chosen) < MIDDLE or words < MIN_WORDS):
        if fresh is None:  # the shared groups, as the lessons quote them
            chosen.append(rest.pop())
        else:
            # An unused topic first, else the least used; among those, one whose women keep the
            # group at most GROUP_MOST (a topic's exchanges have different women: casting._topics).
            used = Counter(e.topic for e in chosen)
            seats = Counter()
            for e in chosen:
                seats[e.topic] += len(e.roles)
            fits = [seats[e.topic] + len(e.roles) <= GROUP_MOST for e in rest]
            best = max(range(len(rest)), key=lambda i: (-used[rest[i].topic], fits[i], i))
            chosen.append(rest.pop(best))
        words += exchange_words(chosen[-1])
    chosen.sort(key=lambda e: (TOPICS.index(e.topic), pool.index(e)))
    if fresh is not None:
        chosen = one_round_a_topic(chosen, fresh)
    return (ends[0], *chosen, ends[1])


def one_round_a_topic(chosen: list[Exchange], rng: random.Random) -> list[Exchange]:
    """Exchanges in topic order; where a topic has a second (the pool's topics are fewer than
    a group of ``MIN_WORDS`` needs), it joins the first's round: the facilitator hands the
    question on rather than asking the topic's round question again (the pool writes each
    topic's question several ways, so two of them read as one question asked twice)."""
    handovers = list(HANDOVERS)
    rng.shuffle(handovers)
    out = []
    for index, exchange in enumerate(chosen):
        first = exchange.turns[0]
        if index and chosen[index - 1].topic == exchange.topic and first.speaker == FACILITATOR:
            handed = replace(first, pieces=(handovers.pop() if handovers else HANDOVERS[0],))
            exchange = replace(exchange, turns=(handed, *exchange.turns[1:]))
        out.append(exchange)
    return out


def exchange_words(exchange: Exchange) -> int:
    """Words of an exchange as written (a placeholder counts as one word)."""
    return sum(len(render(line.pieces, lambda p: "X")[0].split()) for line in exchange.turns)
