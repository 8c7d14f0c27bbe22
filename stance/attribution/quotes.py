"""Quoted passages: where quotes open and close in a document, and giving every sentence of a
quote the speaker found anywhere in it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..segmentation import Segment
from .patterns import SINGLE_CLOSE, SINGLE_OPEN
from .records import Attribution, with_cue


def quote_state(text: str) -> list[tuple[int, int]]:
    """Character spans of double-quoted passages (they may run over several sentences)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in re.finditer(r"[\"“”]", text):
        ch = m.group()
        if open_at is None:
            if ch in '"“':
                open_at = m.start()
        elif ch in '"”':
            spans.append((open_at, m.end()))
            open_at = None
        elif ch == "“":  # an unclosed quote: the paragraph ended it
            spans.append((open_at, m.start()))
            open_at = m.start()
    if open_at is not None:
        spans.append((open_at, len(text)))
    # Single quotes are also apostrophes: take one as opening only before a capital letter
    # and not after a letter, and as closing only right after punctuation.
    for m in SINGLE_OPEN.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        close = SINGLE_CLOSE.search(text, m.end())
        if close is not None:
            spans.append((m.start(), close.end()))
    spans.sort()
    # A quote never crosses a paragraph break in running text; cut it there.
    cut: list[tuple[int, int]] = []
    for s, e in spans:
        brk = text.find("\n\n", s, e)
        cut.append((s, brk if brk != -1 else e))
    return cut


class Spans(list):
    """Sorted, non-overlapping spans with their ends indexed for bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                continue  # a quote inside a quote: the outer one decides
            merged.append((start, end))
        super().__init__(merged)
        self.ends = [e for _, e in merged]


def overlapping(spans: Spans, a: int, b: int) -> list[tuple[int, int]]:
    """The spans that overlap [a, b)."""
    out = []
    i = bisect.bisect_right(spans.ends, a)
    while i < len(spans) and spans[i][0] < b:
        out.append(spans[i])
        i += 1
    return out


def clip_quotes(
    spans: list[tuple[int, int]], segments: Sequence[Segment], text: str
) -> list[tuple[int, int]]:
    """A quote that opens inside a sentence ends with it, closed or not.

    Quotes that run over several sentences open at the start of one (a quoted paragraph);
    a term in quotes whose closing mark went missing (“genocide.) must not swallow the text
    after it.
    """
    out = []
    starts = [g.start for g in segments]
    for start, end in spans:
        i = bisect.bisect_right(starts, start) - 1
        seg = segments[i] if i >= 0 and start < segments[i].end else None
        if seg is not None and text[seg.start : start].strip(" \t\n—–-:") and end > seg.end:
            end = seg.end
        out.append((start, end))
    return out


def fill_quote_runs(
    results: list[Attribution],
    segments: Sequence[Segment],
    quotes: list[tuple[int, int]],
    quote_speaker: dict[tuple[int, int], Attribution],
) -> None:
    """Give every sentence of a quote the speaker found anywhere in it (often at its end)."""
    starts = [seg.start for seg in segments]
    for q, speaker in quote_speaker.items():
        i = max(bisect.bisect_left(starts, q[0] - 1), 0)
        while i < len(segments) and segments[i].start <= q[1]:
            seg = segments[i]
            inside = q[0] <= seg.start + 1 and seg.end <= q[1] + 2
            if inside and results[i].rule in {"context", "voice", "none", "subject", "quote"}:
                results[i] = with_cue(speaker, speaker.cue, "quote")
            i += 1
