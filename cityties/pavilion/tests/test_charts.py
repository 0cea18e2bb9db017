"""The charts beside the tables: SVG that the page's Content Security Policy lets through
(no inline style), unique ids per chart, named for assistive technologies."""

from __future__ import annotations

import re
from decimal import Decimal

from cityties.pavilion import charts


def _chart(title: str = "Coût net") -> str:
    return charts.bars(
        ["Caen", "Tours"],
        [("Brut", [Decimal("2000.00"), Decimal("1500.50")]), ("Net", [Decimal("1200"), 0])],
        title=title,
    )


def test_a_chart_has_no_inline_style_but_keeps_its_colours_and_fonts():
    svg = _chart()
    assert "<style" not in svg and not re.search(r"\sstyle=", svg)
    assert 'fill="#1f4e79"' in svg and 'fill="#c0504d"' in svg  # one colour a series
    assert re.search(r'font-size="\d+(\.\d+)?px"', svg) and 'text-anchor="end"' in svg
    assert svg.startswith('<svg role="img" aria-label="Coût net"')


def test_two_charts_on_one_page_share_no_id():
    first, second = _chart("Un"), _chart("Deux")
    ids = lambda svg: set(re.findall(r'\bid="([^"]+)"', svg))  # noqa: E731
    assert ids(first) and not ids(first) & ids(second)
