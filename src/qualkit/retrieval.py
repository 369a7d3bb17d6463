"""Retrieval: the coded segments, with who said them, filtered by code, model and attributes."""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import pandas as pd

from qualkit.corpus import Corpus
from qualkit.errors import InputError
from qualkit.framework import sort_key
from qualkit.tables import (
    CodingsLike,
    applied_codes,
    participant_attributes,
    turn_table,
    unknown_code,
)
from qualkit.themes import Theme

__all__ = ["retrieve"]


def _selection(value) -> tuple[str, ...]:
    if isinstance(value, str | numbers.Number):
        return (str(value),)
    return tuple(str(v) for v in value)


def retrieve(
    corpus: Corpus,
    codings: CodingsLike,
    code: str | Iterable[str] | Theme | None = None,
    *,
    model: str | Iterable[str] | None = None,
    session: str | Iterable[str] | None = None,
    speaker: str | Iterable[str] | None = None,
    participant: str | Iterable[str] | None = None,
    coder: str | None = None,
    **attributes,
) -> pd.DataFrame:
    """The coded segments, with who said them, filtered by code, model and attributes.

    One row per (segment, coder), in collection order, with the columns ``session``, ``turn``,
    ``speaker``, ``participant`` (missing for facilitator turns), ``model``, every participant
    attribute (``age``, ``moud`` …), ``text``, ``codes`` (a tuple of all codes that coder
    applied to the segment, in codebook order) and ``coder``.

    Filters (each a value or a list of values; all must hold):

    - ``code``: segments carrying this code, any of these codes, or any code of a ``Theme``;
    - ``model``, ``session``, ``speaker``, ``participant``, ``coder``;
    - any participant attribute by name, e.g. ``moud="methadone"`` or ``age=[29, 30]``
      (compared as text, as in ``participants.csv``). An attribute filter keeps only
      participant talk.

    A filter value that no segment could have (a model, session, participant or attribute
    value the corpus lacks) is an error naming the values there are: a typo would otherwise
    quietly select nothing.
    """
    source = "retrieve"
    turns = turn_table(corpus, attributes=True)
    attribute_names = list(participant_attributes(corpus).columns)
    for name, value in attributes.items():
        if name not in attribute_names:
            expected = (
                "a filter code, model, session, speaker, participant, coder or a participant "
                "attribute (" + ", ".join(attribute_names) + ")"
            )
            raise InputError(source, f"filter {name}={value!r}", expected, name)
    applied, order, _ = applied_codes(
        codings, corpus=corpus, turns=turns, coder=coder, source=source
    )
    # One row per (segment, coder) with the codes that coder applied, in codebook order.
    applied = applied.sort_values(["row", "coder", "code"], kind="stable")
    found = applied.groupby(["row", "coder"], sort=False, observed=True)["code"].agg(tuple)
    found = found.reset_index().sort_values("row", kind="stable")
    keep = pd.Series(True, index=found.index)

    if code is not None:
        wanted = code.codes if isinstance(code, Theme) else _selection(code)
        for label in wanted:
            if label not in order:
                raise unknown_code(source, "code", label, order)
        keep &= found["code"].map(lambda applied: not set(applied).isdisjoint(wanted))

    def column_filter(column: str, value, options: Iterable[str] | None = None) -> None:
        nonlocal keep
        selected = _selection(value)
        if options is not None:
            options = tuple(options)
            for item in selected:
                if item not in options:
                    raise InputError(source, column, "one of " + ", ".join(options), item)
        values = turns[column].to_numpy(dtype=object, na_value=None)[found["row"].to_numpy()]
        keep &= pd.Series([v is not None and str(v) in selected for v in values], index=keep.index)

    if model is not None:
        column_filter("model", model, corpus.models)
    if session is not None:
        column_filter("session", session, (s.session_id for s in corpus.sessions))
    if speaker is not None:
        column_filter("speaker", speaker)
    if participant is not None:
        column_filter("participant", participant, (p.participant_id for p in corpus.participants))
    for name, value in attributes.items():
        column_filter(name, value, sorted({str(v) for v in turns[name].dropna()}, key=sort_key))

    chosen = found[keep.to_numpy()]
    rows = turns.iloc[chosen["row"].to_numpy()].drop(columns=["kind", "split"])
    rows = rows.reset_index(drop=True)
    rows["text"] = rows.pop("text")  # last but the codes: the long column
    rows["codes"] = list(chosen["code"])
    rows["coder"] = list(chosen["coder"])
    return rows
