"""Alt text: what each figure shows and its main values, as pure functions of the data.

Each ``describe_*`` function takes the data a figure draws (already chosen and ordered as the
figure shows it) and returns the sentences a screen reader reads in place of the image. They
draw nothing, so they can be tested and reused (a caption, a report) without matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from qualkit.code_agreement import RELIABLE, TENTATIVE, reliability
from qualkit.figures.figure import Labels
from qualkit.wording import plural

if TYPE_CHECKING:
    from qualkit.code_agreement import AgreementTable
    from qualkit.saturation import SaturationResult

__all__ = [
    "bound",
    "describe_agreement",
    "describe_code_frequencies",
    "describe_comparison",
    "describe_cooccurrence",
    "describe_saturation",
    "in_sentence",
    "listing",
    "number",
]


def number(value: float, percent: bool = False) -> str:
    """Compact display of a value: integers plainly, others with two decimals.

    >>> number(3.0), number(0.4567), number(41.6, percent=True), number(float("nan"))
    ('3', '0.46', '42%', 'n/a')
    """
    if isinstance(value, float) and math.isnan(value):
        return "n/a"
    if percent:
        return f"{value:.0f}%"
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.2f}"


def bound(value: float) -> str:
    """A coefficient's bound as written in the literature, without the leading zero.

    >>> bound(0.667), bound(0.80)
    ('.667', '.80')
    """
    return f"{value:.3f}".rstrip("0").ljust(4, "0").removeprefix("0")


def listing(items: Sequence[str], limit: int = 3) -> str:
    """Up to ``limit`` items, then how many more.

    >>> listing(["A", "B", "C", "D", "E"])
    'A, B, C and 2 more'
    """
    items = list(items)
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def in_sentence(label: str) -> str:
    """A label for running text: lower case, but acronyms (MOUD, ACE) kept.

    >>> in_sentence("Support model"), in_sentence("MOUD")
    ('support model', 'MOUD')
    """
    return label if label.split(" ")[0].isupper() else label.lower()


def describe_code_frequencies(
    data: pd.DataFrame,
    *,
    layout: Literal["stacked", "grouped"],
    measure_label: str,
    by_label: str,
    labels: Labels,
    top: bool = False,
    omitted: int = 0,
    percent: bool = False,
) -> str:
    """The bars of :func:`~qualkit.figures.code_frequency_figure`: codes × groups as shown.

    >>> data = pd.DataFrame({"a": [5, 2], "b": [1, 0]}, index=["X", "Y"])
    >>> describe_code_frequencies(data, layout="stacked", measure_label="Coded segments",
    ...     by_label="Model", labels=Labels())
    'Horizontal bar chart of coded segments for 2 codes, stacked by model (a, b). Most frequent: X (6), Y (2). Sum over the codes shown: a 7, b 1.'
    """
    groups = list(data.columns)
    shown = f"the top {len(data)}" if top else len(data)
    parts = [
        f"Horizontal bar chart of {measure_label.lower()} for {shown} codes, {layout} by "
        f"{in_sentence(by_label)} ({labels.groups(groups)})."
    ]
    if layout == "stacked":
        totals = data.sum(axis=1)
        most = ", ".join(f"{code} ({number(totals[code])})" for code in totals.index[:3])
        parts.append(f"Most frequent: {most}.")
        if len(totals) > 3:
            least = totals.sort_values(kind="stable").index[:2]
            parts.append(
                "Least frequent: " + ", ".join(f"{c} ({number(totals[c])})" for c in least) + "."
            )
        sums = ", ".join(f"{labels.group(g)} {number(data[g].sum())}" for g in groups)
        parts.append(f"Sum over the codes shown: {sums}.")
    else:
        stacked = data.stack()
        best = stacked.sort_values(ascending=False, kind="stable").index[:3]
        highest = ", ".join(
            f"{code} in {labels.group(g)} ({number(stacked[(code, g)], percent)})"
            for code, g in best
        )
        parts.append(f"Highest: {highest}.")
    if omitted:
        parts.append(f"{omitted} codes with no coded segments are not shown.")
    return " ".join(parts)


def describe_cooccurrence(frame: pd.DataFrame, *, jaccard: bool = False) -> str:
    """The heatmap of :func:`~qualkit.figures.cooccurrence_figure`: a code × code matrix.

    >>> m = pd.DataFrame([[3, 2, 0], [2, 4, 1], [0, 1, 1]], index=list("ABC"), columns=list("ABC"))
    >>> print(describe_cooccurrence(m))  # doctest: +ELLIPSIS
    Heatmap of code co-occurrence among 3 codes (lower triangle; ...). Strongest pairs: B & A (2), C & B (1). 2 of 3 code pairs co-occur at least once.
    """
    codes, values, n = list(frame.index), frame.to_numpy(dtype=float), len(frame)
    pairs = sorted(
        (
            (values[i, j], codes[i], codes[j])
            for i in range(n)
            for j in range(i)
            if not np.isnan(values[i, j]) and values[i, j] > 0
        ),
        key=lambda pair: -pair[0],
    )
    if jaccard:
        what = "Jaccard index; the diagonal is left grey"
    else:
        what = (
            "count of segments where the same coder applied both; the grey diagonal holds each "
            "code's own frequency"
        )
    parts = [f"Heatmap of code co-occurrence among {n} codes (lower triangle; {what})."]
    if pairs:
        shown = [
            f"{a} & {b} ({p:.2f})" if jaccard else f"{a} & {b} ({number(p)})"
            for p, a, b in pairs[:3]
        ]
        parts.append(f"Strongest pairs: {', '.join(shown)}.")
    parts.append(f"{len(pairs)} of {n * (n - 1) // 2} code pairs co-occur at least once.")
    return " ".join(parts)


def describe_comparison(
    frame: pd.DataFrame, *, value_label: str, labels: Labels, percent: bool = False
) -> str:
    """The heatmap of :func:`~qualkit.figures.comparison_figure`: rows × groups as shown.

    >>> f = pd.DataFrame({"a": [50.0, 10.0], "b": [20.0, 0.0]}, index=pd.Index(["X", "Y"], name="code"))
    >>> describe_comparison(f, value_label="Share (%)", labels=Labels(), percent=True)
    'Heatmap of share (%), 2 codes (rows) by 2 groups (columns: a, b). Highest: X in a (50%), X in b (20%), Y in a (10%). Largest difference among codes found in every group: X (a 50% vs b 20%). 1 of 2 codes appear in one group only.'
    """
    rows, groups = list(frame.index), list(frame.columns)
    row_word = str(frame.index.name or "code")
    long = frame.stack()
    best = long.sort_values(ascending=False, kind="stable").index[:3]
    highest = ", ".join(
        f"{r} in {labels.group(g)} ({number(long[(r, g)], percent)})" for r, g in best
    )
    parts = [
        f"Heatmap of {value_label.lower()}, {len(rows)} {row_word}s (rows) by {len(groups)} "
        f"groups (columns: {labels.groups(groups)}).",
        f"Highest: {highest}.",
    ]
    if len(groups) > 1:
        present = (frame.fillna(0) > 0).sum(axis=1)
        # A row found in one group only differs trivially; compare rows every group voiced.
        everywhere = frame[present == len(groups)]
        if not everywhere.empty:
            spread = everywhere.max(axis=1) - everywhere.min(axis=1)
            widest = spread.sort_values(ascending=False, kind="stable").index[0]
            hi, lo = frame.loc[widest].idxmax(), frame.loc[widest].idxmin()
            parts.append(
                f"Largest difference among {row_word}s found in every group: {widest} "
                f"({labels.group(hi)} {number(frame.loc[widest, hi], percent)} vs "
                f"{labels.group(lo)} {number(frame.loc[widest, lo], percent)})."
            )
        only_one = int((present == 1).sum())
        parts.append(f"{only_one} of {len(rows)} {row_word}s appear in one group only.")
    return " ".join(parts)


def describe_saturation(result: SaturationResult) -> str:
    """The curve of :func:`~qualkit.figures.saturation_figure`."""
    counts, cumulative = list(result.new_counts), list(result.cumulative)
    threshold = f"{result.threshold:.0%}"
    parts = [
        f"Saturation curve over {len(counts)} units: bars show new codes per unit "
        f"({', '.join(map(str, counts))}); the line shows cumulative unique codes, reaching "
        f"{cumulative[-1]}.",
        f"The base of {result.base} units holds {result.base_codes} codes; runs of "
        f"{result.run} units, threshold {threshold}.",
    ]
    if result.runs:
        runs = ", ".join(
            f"{r.start}–{r.end} {r.new_codes} new ({r.ratio:.1%})" for r in result.runs
        )
        parts.append(f"Runs assessed: {runs}.")
    if result.status == "reached":
        qualifying = result.runs[-1]
        parts.append(
            f"{len(result.runs)} runs assessed; the run of units {qualifying.start}–"
            f"{qualifying.end} added {plural(qualifying.new_codes, 'new code')} "
            f"({qualifying.ratio:.1%}), so saturation is reported as {result.reported}."
        )
    elif result.status == "not_reached":
        parts.append(f"None of the {len(result.runs)} runs assessed met the threshold.")
    else:
        parts.append(f"Not assessable: {result.reason}.")
    return " ".join(parts)


def describe_agreement(
    table: AgreementTable, statistic: Literal["kappa", "alpha"] = "kappa"
) -> str:
    """The dot plot of :func:`~qualkit.figures.agreement_figure`, with the codes in each
    :func:`~qualkit.code_agreement.reliability` band."""
    name = table.kappa_name if statistic == "kappa" else "Krippendorff's alpha"
    symbol = "κ" if statistic == "kappa" else "α"
    values = {row.code: getattr(row, statistic) for row in table.rows}
    band = {code: reliability(value) for code, value in values.items()}
    count = {kind: sum(1 for b in band.values() if b == kind) for kind in set(band.values())}
    low, high = bound(TENTATIVE), bound(RELIABLE)
    text = (
        f"Dot plot of {name} per code for {len(table.coders)} coders over {table.units} units, "
        f"with percent agreement. {count.get('reliable', 0)} of {len(values)} codes at "
        f"{symbol} ≥ {high}, {count.get('tentative', 0)} between {low} and {high}, "
        f"{count.get('unreliable', 0)} below {low}"
    )
    weak = sorted((v, c) for c, v in values.items() if band[c] == "unreliable")
    if weak:
        text += " (lowest: " + ", ".join(f"{c} {v:.2f}" for v, c in weak[:3]) + ")"
    undefined = sorted(c for c in values if band[c] == "undefined")
    if undefined:
        text += f", {len(undefined)} undefined ({listing(undefined)})"
    pooled = getattr(table.pooled, statistic)
    return (
        f"{text}. Pooled over all codes: {symbol} = {pooled:.2f}, percent agreement "
        f"{table.pooled.percent_agreement:.0%}."
    )
