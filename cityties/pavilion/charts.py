"""SVG charts of the pavilion's figures (matplotlib, no pyplot: safe in a server thread).

Each chart is drawn from the same rows as the table printed beside it, so a reader who
cannot see the chart loses nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

_COLOURS = ["#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f"]


def _svg(figure: object) -> SafeString:
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight")  # type: ignore[attr-defined]
    text = out.getvalue()
    # Only the <svg> element: no XML prolog or doctype inside the HTML page.
    return mark_safe(text[text.index("<svg") :])  # noqa: S308 - drawn by matplotlib from our numbers


def bars(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal]]], *, title: str
) -> SafeString:
    """Horizontal bars, one group per label and one bar per series."""
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text in the PDF
    from matplotlib.figure import Figure

    height = max(1.6, 0.45 * len(labels) * max(1, len(series)) + 0.8)
    figure = Figure(figsize=(6.4, height))
    axes = figure.subplots()
    count = max(1, len(series))
    width = 0.8 / count
    for index, (name, values) in enumerate(series):
        positions = [i + index * width for i in range(len(labels))]
        axes.barh(
            positions,
            [float(v) for v in values],
            height=width,
            label=name,
            color=_COLOURS[index % len(_COLOURS)],
        )
    axes.set_yticks([i + (count - 1) * width / 2 for i in range(len(labels))])
    axes.set_yticklabels(list(labels))
    axes.invert_yaxis()
    axes.set_title(title)
    axes.set_xlabel("EUR")
    axes.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        axes.legend(loc="lower right", frameon=False)
    return _svg(figure)
