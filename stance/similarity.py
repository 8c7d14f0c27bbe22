"""Near-duplicate detection between statements, used to keep evaluation data out of training."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

__all__ = ["near_duplicates", "shingles"]

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 3) -> frozenset[tuple[str, ...]]:
    """Word n-grams of a case-folded text; short texts give one shingle of all their words.

    Examples
    --------
    >>> sorted(shingles("The U.N. report", n=2))
    [('n', 'report'), ('the', 'u'), ('u', 'n')]
    """
    words = _WORD.findall(text.casefold())
    if len(words) < n:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def near_duplicates(
    left: Sequence[str],
    right: Iterable[str],
    threshold: float = 0.6,
    n: int = 3,
    min_shingles: int = 3,
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` where ``left[i]`` and ``right[j]`` nearly repeat each other.

    Similarity is the share of the shorter statement's word trigrams found in the other
    (containment), so a sentence quoted inside a longer one counts as a repeat. Statements too
    short to judge that way (fewer than ``min_shingles`` trigrams, such as the heading
    "Commission of inquiry") count only when their words are identical. An inverted index keeps
    the cost near linear in the number of shared shingles.

    Examples
    --------
    >>> near_duplicates(["HRW urged governments to impose sanctions on officials."],
    ...                 ["HRW also urged governments to impose sanctions on officials.", "No."])
    [(0, 0, 0.833)]
    """
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    left_sh = [shingles(t, n) for t in left]
    for i, sh in enumerate(left_sh):
        for s in sh:
            index[s].append(i)
    pairs = []
    for j, text in enumerate(right):
        sh = shingles(text, n)
        if not sh:
            continue
        shared: dict[int, int] = defaultdict(int)
        for s in sh:
            for i in index.get(s, ()):
                shared[i] += 1
        for i, k in shared.items():
            shorter = min(len(sh), len(left_sh[i]))
            if shorter < min_shingles and sh != left_sh[i]:
                continue
            score = k / shorter
            if score >= threshold:
                pairs.append((i, j, round(score, 3)))
    return sorted(pairs)
