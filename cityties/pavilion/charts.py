"""SVG charts of the pavilion's and the outcomes' figures (matplotlib, no pyplot: safe in a
server thread).

Each chart is drawn from the same rows as the table printed beside it, so a reader who
cannot see the chart loses nothing.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_COLOURS = ["#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f"]


_IDS = re.compile(r'(\bid="|url\(#|href="#)')
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)
# The CSS properties SVG also takes as presentation attributes (those matplotlib writes).
_PRESENTATION = frozenset(
    [
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-linejoin",
        "stroke-linecap",
        "stroke-miterlimit",
        "stroke-dasharray",
        "stroke-dashoffset",
        "opacity",
        "font-size",
        "font-family",
        "font-style",
        "font-weight",
        "text-anchor",
        "dominant-baseline",
        "clip-path",
        "clip-rule",
        "visibility",
        "display",
        "color",
    ]
)


def _presentation(found: re.Match[str]) -> str:
    """A style attribute as presentation attributes: the page's Content Security Policy
    forbids inline styles, and SVG reads these the same."""
    attributes = []
    for declaration in found.group(1).split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name in _PRESENTATION and value:
            attributes.append(f' {name}="{escape(value)}"')
    return "".join(attributes)


def _svg(figure: object, *, title: str, prefix: str) -> SafeString:
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})  # type: ignore[attr-defined]
    text = out.getvalue()
    # Only the <svg> element: no XML prolog or doctype inside the HTML page; its ids made
    # unique to the chart, as a page shows several; named for assistive technologies.
    text = _IDS.sub(lambda found: f"{found.group(1)}{prefix}-", text[text.index("<svg") :])
    text = _STYLE_ATTRIBUTE.sub(_presentation, _STYLE_ELEMENT.sub("", text))
    # What matplotlib's own <style> said of every element, inherited from the root.
    text = text.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escape(title)}" '
        'stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    )
    return mark_safe(text)  # noqa: S308 - drawn by matplotlib from our numbers


def bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal | int]]],
    *,
    title: str,
    unit: str = "EUR",
) -> SafeString:
    """Horizontal bars, one group per label and one bar per series. Drawn once per data:
    the same figures give the same chart, from memory."""
    return _drawn(
        tuple(str(label) for label in labels),
        tuple((str(name), tuple(Decimal(value) for value in values)) for name, values in series),
        str(title),
        unit,
    )


@lru_cache(maxsize=256)
def _drawn(
    labels: tuple[str, ...],
    series: tuple[tuple[str, tuple[Decimal, ...]], ...],
    title: str,
    unit: str,
) -> SafeString:
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
    if unit:
        axes.set_xlabel(unit)
    axes.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        axes.legend(loc="lower right", frameon=False)
    digest = hashlib.sha1(repr((labels, series, title, unit)).encode(), usedforsecurity=False)
    return _svg(figure, title=title, prefix=f"c{digest.hexdigest()[:10]}")
