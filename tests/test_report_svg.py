"""The report's SVG charts, drawn without a plotting library."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from stance.report_svg import nice_ticks, stacked_barh

COLOURS = {"deny": "#E69F00", "condemn": "#D55E00"}


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (6, [0, 1, 2, 3, 4, 5, 6]),
        (7, [0, 2, 4, 6, 8]),
        (31, [0, 10, 20, 30, 40]),
        (100, [0, 20, 40, 60, 80, 100]),
        (5156, [0, 1000, 2000, 3000, 4000, 5000, 6000]),
    ],
)
def test_nice_ticks(top: int, ticks: list[int]) -> None:
    assert nice_ticks(top) == ticks


def _parse(svg: str) -> ET.Element:
    # Inline SVG in HTML needs no namespace; a parser of XML wants well-formed markup all the same.
    return ET.fromstring(svg)


def test_bars_are_stacked_in_order_and_scaled() -> None:
    svg = _parse(stacked_barh(["A", "B"], {"deny": [2, 0], "condemn": [1, 3]}, COLOURS, title="T"))
    segs = [r for r in svg.iter("rect") if r.get("class") == "seg"]
    assert [(r.get("fill"), r.findtext("title")) for r in segs] == [
        ("#E69F00", "A: deny 2"),
        ("#D55E00", "A: condemn 1"),
        ("#D55E00", "B: condemn 3"),
    ]
    widths = [float(r.get("width")) for r in segs]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.25)
    assert widths[2] == pytest.approx(3 * widths[1], abs=0.25)
    # The second segment of A starts where the first ends.
    assert float(segs[1].get("x")) == pytest.approx(float(segs[0].get("x")) + widths[0], abs=0.25)
    assert [t.text for t in svg.iter("text") if t.get("class") == "total"] == ["3", "3"]


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("<b>&", "<b>&"),
        ("A" * 80, "A" * 31 + "…"),  # the label column is at most 45% of the width
    ],
)
def test_labels_are_escaped_and_cut_to_fit(label: str, shown: str) -> None:
    svg = stacked_barh([label], {"deny": [1]}, COLOURS, title="<t>")
    root = _parse(svg)
    assert root.get("aria-label") == "<t>"
    (text,) = [t for t in root.iter("text") if t.get("text-anchor") == "end"]
    assert text.text == shown and text.findtext("title") == label
    assert not re.search(r"<(?!/?(svg|rect|text|title|line)\b)", svg)


def test_same_input_same_bytes() -> None:
    args = (["x", "y"], {"deny": [1, 2]}, COLOURS)
    assert stacked_barh(*args, title="t") == stacked_barh(*args, title="t")
