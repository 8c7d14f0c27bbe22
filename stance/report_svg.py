"""Charts of the HTML report as inline SVG, drawn by hand: no plotting library needed.

:func:`stacked_barh` draws a horizontal stacked bar chart (one bar a label, one segment a
series, the first label at the top) with a legend, the total at the end of each bar and integer
ticks along the bottom. The output is a plain string of SVG markup meant to sit inside an HTML
page (no XML declaration, no namespace needed there), every label escaped, every number written
with a fixed number of decimals so that the same input gives the same bytes.

Text widths are estimated (about 0.6 em a character in a sans-serif face) rather than measured,
which is enough to keep long labels clear of the bars.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

__all__ = ["nice_ticks", "stacked_barh"]

_FONT = 12  # px, labels and ticks
_CHAR = 0.6 * _FONT  # estimated advance of one character
_BAR = 18  # bar height
_GAP = 8  # space between bars
_PAD = 10  # around the plot


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _n(x: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_ticks(top: int, most: int = 6) -> list[int]:
    """Integer ticks from 0 covering ``top``: steps of 1, 2 or 5 times a power of ten.

    Parameters
    ----------
    top : int
        The largest value to cover (0 or more).
    most : int
        At most this many intervals.

    Returns
    -------
    list[int]
        Ascending ticks, the first 0 and the last at least ``top``.

    Examples
    --------
    >>> nice_ticks(0), nice_ticks(3), nice_ticks(17), nice_ticks(1234)
    ([0, 1], [0, 1, 2, 3], [0, 5, 10, 15, 20], [0, 500, 1000, 1500])
    """
    top = max(int(top), 1)
    power = 10 ** max(int(math.log10(top)) - 1, 0)
    while True:
        for factor in (1, 2, 5):
            step = factor * power
            if math.ceil(top / step) <= most:
                return list(range(0, step * math.ceil(top / step) + 1, step))
        power *= 10


def _legend(names: Sequence[str], colours: Sequence[str], width: float) -> tuple[list[str], float]:
    """Legend items laid out in rows across ``width``; returns the markup and its height."""
    out: list[str] = []
    x, y = _PAD, _PAD
    for name, colour in zip(names, colours, strict=True):
        item = 12 + 5 + len(name) * _CHAR * 0.9 + 14
        if x > _PAD and x + item > width - _PAD:
            x, y = _PAD, y + 18
        out.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="12" height="12" rx="2" fill="{colour}"/>'
            f'<text x="{_n(x + 17)}" y="{_n(y + 10.5)}">{_esc(name)}</text>'
        )
        x += item
    return out, y + 12 + 10


def _axis(
    ticks: Sequence[int], left: float, scale: float, top: float, bottom: float, xlabel: str
) -> list[str]:
    """Grid lines and tick labels at ``ticks``, the axis caption under them."""
    out = []
    for tick in ticks:
        x = left + tick * scale
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(top - 4)}" x2="{_n(x)}" y2="{_n(bottom)}" '
            'stroke="#e3e5e8"/>'
            f'<text x="{_n(x)}" y="{_n(bottom + _FONT + 3)}" text-anchor="middle" '
            f'fill="#555">{tick}</text>'
        )
    middle = (left + ticks[-1] * scale / 2) if ticks else left
    out.append(
        f'<text x="{_n(middle)}" y="{_n(bottom + 2 * _FONT + 10)}" '
        f'text-anchor="middle" fill="#555">{_esc(xlabel)}</text>'
    )
    return out


def _bars(
    labels: Sequence[str],
    series: Mapping[str, Sequence[int]],
    colours: Mapping[str, str],
    names: Mapping[str, str],
    left: float,
    top: float,
    scale: float,
) -> list[str]:
    """One label, its stacked segments and its total a bar, top to bottom."""
    out: list[str] = []
    fits = max(int((left - _PAD - 6) / _CHAR), 4)  # characters of a label that fit its column
    for i, (label, total) in enumerate(zip(labels, _totals(series, len(labels)), strict=True)):
        y = top + i * (_BAR + _GAP)
        shown = label if len(label) <= fits else label[: fits - 1].rstrip() + "…"
        out.append(
            f'<text x="{_n(left - 6)}" y="{_n(y + _BAR / 2 + 4)}" text-anchor="end" '
            f'fill="#222">{_esc(shown)}<title>{_esc(label)}</title></text>'
        )
        x = left
        for key in series:
            value = series[key][i]
            if not value:
                continue
            w = value * scale
            out.append(
                f'<rect class="seg" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_BAR}" '
                f'fill="{colours[key]}" stroke="#fff" stroke-width="0.6">'
                f"<title>{_esc(label)}: {_esc(names.get(key, key))} {value}</title></rect>"
            )
            x += w
        out.append(
            f'<text class="total" x="{_n(x + 4)}" y="{_n(y + _BAR / 2 + 4)}" '
            f'fill="#333">{total}</text>'
        )
    return out


def _totals(series: Mapping[str, Sequence[int]], n: int) -> list[int]:
    return [sum(values[i] for values in series.values()) for i in range(n)]


def stacked_barh(
    labels: Sequence[str],
    series: Mapping[str, Sequence[int]],
    colours: Mapping[str, str],
    *,
    title: str,
    names: Mapping[str, str] | None = None,
    xlabel: str = "statements",
    width: int = 560,
) -> str:
    """A horizontal stacked bar chart as an ``<svg>`` element.

    Parameters
    ----------
    labels : sequence of str
        One label a bar, drawn top to bottom.
    series : mapping of str to sequence of int
        Per series (in stacking order, left to right), one count a label.
    colours : mapping of str to str
        The fill of each series, e.g. ``"#0072B2"``.
    title : str
        The accessible name of the chart (``aria-label``).
    names : mapping of str to str, optional
        What the legend and tooltips call each series; by default its key.
    xlabel : str
        The caption of the x axis.
    width : int
        The width of the drawing in px; the page scales it to fit its box.

    Returns
    -------
    str
        ``<svg class="chart" ...>...</svg>`` with one ``<rect>`` a non-zero segment, each with
        a ``<title>`` tooltip.

    Examples
    --------
    >>> svg = stacked_barh(["Group A", "Group <B>"], {"deny": [2, 0], "condemn": [1, 3]},
    ...                    {"deny": "#E69F00", "condemn": "#D55E00"}, title="Stances")
    >>> svg.startswith('<svg class="chart"'), svg.count('<rect class="seg"')
    (True, 3)
    >>> "Group &lt;B&gt;" in svg
    True
    """
    names = names or {}
    keys = list(series)
    legend, top = _legend([names.get(k, k) for k in keys], [colours[k] for k in keys], float(width))
    totals = _totals(series, len(labels))
    ticks = nice_ticks(max(totals, default=0))
    left = min(max((len(label) for label in labels), default=0) * _CHAR + 2 * _PAD, width * 0.45)
    right = width - _PAD - len(str(ticks[-1])) * _CHAR - 6  # room for the totals
    scale = (right - left) / ticks[-1]
    bottom = top + len(labels) * (_BAR + _GAP)
    height = bottom + 2 * _FONT + 18
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {_n(height)}" width="{width}" '
        f'height="{_n(height)}" role="img" aria-label="{_esc(title)}" font-size="{_FONT}" '
        'font-family="system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif">',
        *legend,
    ]
    out += _axis(ticks, left, scale, top, bottom, xlabel)
    out += _bars(labels, series, colours, names, left, top, scale)
    out.append("</svg>")
    return "".join(out)
