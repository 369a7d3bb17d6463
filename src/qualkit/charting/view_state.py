"""What the charting view draws, computed from the tool (pure: the view decides nothing).

- :func:`grid_view`: the chart as rows of cases grouped by model, a column per theme, each cell
  a short preview of its summary and how many turns it rests on;
- :func:`editor_view`: the open cell: its summary, the case's fact sheet, and the candidate
  turns (her turns coded with the theme's codes), each ticked if the cell rests on it;
- :func:`context_view`: the turn shown in context with the turns around it.
"""

from __future__ import annotations

from qualkit.charting.tool import ChartingTool

__all__ = ["PREVIEW_CHARACTERS", "context_view", "editor_view", "grid_view", "preview"]

PREVIEW_CHARACTERS = 70


def preview(text: str, limit: int = PREVIEW_CHARACTERS) -> str:
    """The summary's start, cut at a word.

    >>> preview("She trusts her peer because she has been through it too.", 30)
    'She trusts her peer because…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def grid_view(tool: ChartingTool) -> dict:
    chart = tool.chart
    groups: dict[str, dict] = {}
    for case in tool.cases:
        if case.id not in chart.cases:
            continue
        group = groups.setdefault(
            case.model, {"model": case.model, "label": case.model_label, "cases": []}
        )
        cells = []
        for theme in chart.theme_names:
            cell = chart.cell(case.id, theme)
            cells.append(
                {
                    "theme": theme,
                    "preview": preview(cell.summary),
                    "words": cell.words,
                    "turns": len(cell.turns),
                    "charted": not cell.blank,
                }
            )
        group["cases"].append(
            {
                "id": case.id,
                "name": case.name,
                "sessions": ", ".join(case.session_ids),
                "cells": cells,
            }
        )
    charted = len(chart.cells)
    total = len(chart.cases) * len(chart.themes)
    return {
        "themes": [
            {"name": t.name, "codes": ", ".join(t.codes), "description": t.description}
            for t in chart.themes
        ],
        "groups": list(groups.values()),
        "progress": {"charted": charted, "total": total},
    }


def editor_view(tool: ChartingTool) -> dict:
    if tool.current is None:
        return {}
    case_id, theme = tool.current
    case = tool.case(case_id)
    cell = tool.chart.cell(case_id, theme)
    picked = set(cell.turns)
    candidates = []
    for turn, codes in tool.candidates(case_id, theme):
        ref = f"{turn.session_id}|{turn.turn}"
        candidates.append(
            {
                "id": ref,
                "session": turn.session_id,
                "turn": turn.turn,
                "text": turn.text,
                "codes": list(codes),
                "picked": any(p.id == ref for p in picked),
            }
        )
    # Turns she picked that are no longer candidates (the codings changed) stay visible.
    listed = {c["id"] for c in candidates}
    for ref in cell.turns:
        if ref.id not in listed:
            candidates.append(
                {
                    "id": ref.id,
                    "session": ref.session_id,
                    "turn": ref.turn,
                    "text": "",
                    "codes": [],
                    "picked": True,
                }
            )
    return {
        "case": case_id,
        "name": case.name,
        "model": case.model_label,
        "sessions": ", ".join(case.session_ids),
        "facts": [[k.replace("_", " "), v] for k, v in case.facts],
        "theme": theme,
        "codes": ", ".join(tool.chart.theme(theme).codes),
        "summary": cell.summary,
        "words": cell.words,
        "candidates": candidates,
    }


def context_view(tool: ChartingTool) -> dict:
    if tool.context is None:
        return {}
    return {
        "id": tool.context.id,
        "session": tool.context.session_id,
        "turns": [
            {
                "turn": t.turn,
                "speaker": t.speaker,
                "text": t.text,
                "shown": t.turn == tool.context.turn,
            }
            for t in tool.in_context()
        ],
    }
