"""Features from the codebook: counts of each stance's cue phrases, for the models to weigh.

The cue phrases are the codebook's own words for each stance (``CUES``: "urged", "interference",
"groundless", "condemned" ...), with two patterns a bag of words cannot see: a verb of denial
that takes an allegation as its object ("rejected the allegations as lies", "dismissed the
report"), and a negation ("did not deny", "declined to"). They are features, weighed by a
classifier trained on gold labels; they never decide a label (``LexiconClassifier`` in
``stance.models`` is the baseline that does, for comparison).

Examples
--------
>>> CueCounts().fit(None).transform(["China rejected the allegations as lies."]).toarray()
array([[0., 0., 1., 0., 1., 0.]])
>>> CueCounts.names()
['urge_accountability', 'allege_interference', 'deny', 'condemn', 'deny_allegation', 'negation']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

__all__ = ["CUES", "CueCounts"]

# Cue phrases of the codebook (data/CODEBOOK.md, section 2), lower case, matched as substrings
# at word starts. The lexicon baseline and the cue-count features read the same table.
CUES: dict[str, tuple[str, ...]] = {
    "urge_accountability": (
        "call on",
        "calls on",
        "called on",
        "call for",
        "calls for",
        "called for",
        "urge",
        "urges",
        "urged",
        "demand",
        "must be held",
        "held accountable",
        "hold accountable",
        "accountability",
        "investigat",
        "inquiry",
        "sanction",
        "prosecut",
        "bring to justice",
        "brought to justice",
        "impunity",
        "travel ban",
        "unfettered access",
        "release",
        "should",
        "must",
        "welcome",
    ),
    "allege_interference": (
        "interfere",
        "interference",
        "internal affairs",
        "domestic affairs",
        "double standard",
        "politically motivated",
        "political manipulation",
        "politiciz",
        "politicis",
        "smear",
        "slander",
        "contain china",
        "countermeasure",
        "coercive measure",
        "blockade",
        "meddl",
        "ulterior",
        "stop using",
        "hegemon",
    ),
    "deny": (
        "groundless",
        "fabricat",
        "lies",
        "false",
        "rumor",
        "rumour",
        "baseless",
        "counter-terrorism",
        "counterterrorism",
        "vocational",
        "in accordance with law",
        "stability",
        "so-called",
        "no such thing",
        "support the government",
    ),
    "condemn": (
        "condemn",
        "denounce",
        "concern",
        "violation",
        "abuse",
        "atrocit",
        "genocide",
        "crimes against humanity",
        "torture",
        "persecut",
        "repression",
        "accuse",
        "critici",
        "aggression",
        "occupation",
        "war crime",
        "detention",
    ),
}

# "rejected the allegations", "dismissed the report as fabricated": a denial aimed at a claim.
_DENY_ALLEGATION = re.compile(
    r"\b(?:reject|rejected|rejects|rejecting|den(?:y|ied|ies|ying)|dismiss(?:ed|es|ing)?"
    r"|refut(?:e|ed|es|ing)|rebuff(?:ed|s)?)\b[^.;]{0,60}?"
    r"\b(?:allegation|accusation|report|claim|charge|criticism)s?\b"
)
_NEGATION = re.compile(r"\b(?:not|never|no|declined to|refused to|without)\b|n't\b")


class CueCounts(TransformerMixin, BaseEstimator):
    """For each text, the number of cue phrases of each stance, and two 0/1 flags.

    Columns: one per stance of ``CUES`` (in its order), ``deny_allegation`` (a verb of denial
    whose object is an allegation, report or claim) and ``negation``.
    """

    def fit(self, X: object, y: object = None) -> CueCounts:
        self.n_features_out_ = len(self.names())
        return self

    @staticmethod
    def names() -> list[str]:
        return [*CUES, "deny_allegation", "negation"]

    def transform(self, X: Iterable[str]) -> object:
        from scipy import sparse

        rows = []
        for text in X:
            lowered = str(text).lower()
            counts = [len(p.findall(lowered)) for p in _PATTERNS]
            counts.append(1 if _DENY_ALLEGATION.search(lowered) else 0)
            counts.append(1 if _NEGATION.search(lowered) else 0)
            rows.append(counts)
        matrix = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.names()))
        return sparse.csr_matrix(matrix)


_PATTERNS = [
    re.compile(r"\b(?:" + "|".join(re.escape(c) for c in phrases) + ")")
    for phrases in CUES.values()
]
