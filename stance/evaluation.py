"""Scoring predictions: accuracy, macro-F1 with a bootstrap interval, per-class figures."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

__all__ = ["bootstrap_macro_f1", "score"]


def bootstrap_macro_f1(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    labels: Sequence[str],
    n_resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of macro-F1 over statements, with a fixed seed.

    Examples
    --------
    >>> lo, hi = bootstrap_macro_f1(["a", "b"] * 20, ["a", "b"] * 19 + ["b", "b"], ["a", "b"])
    >>> 0.8 < lo <= hi <= 1.0
    True
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) == 0:
        raise ValueError("cannot bootstrap an empty set of predictions")
    rng = np.random.default_rng(seed)
    n = len(y_true)
    scores = np.empty(n_resamples)
    for i in range(n_resamples):
        idx = rng.integers(0, n, n)
        scores[i] = f1_score(
            y_true[idx], y_pred[idx], labels=list(labels), average="macro", zero_division=0
        )
    alpha = (1 - confidence) / 2
    return float(np.quantile(scores, alpha)), float(np.quantile(scores, 1 - alpha))


def score(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    labels: Sequence[str],
    n_resamples: int = 1000,
    seed: int = 0,
) -> dict:
    """Accuracy, macro-F1 and its 95% bootstrap interval, per-class figures, confusion matrix.

    Macro-F1 averages over ``labels`` (all of them, even one absent from ``y_true``), so a
    model that never predicts a rare stance pays for it.

    Examples
    --------
    >>> r = score(["deny", "neutral", "deny"], ["deny", "deny", "deny"], ["deny", "neutral"])
    >>> r["accuracy"], r["per_class"]["neutral"]["recall"]
    (0.667, 0.0)
    """
    labels = list(labels)
    y_true, y_pred = list(y_true), list(y_pred)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    lo, hi = bootstrap_macro_f1(y_true, y_pred, labels, n_resamples, seed)
    return {
        "n": len(y_true),
        "accuracy": round(float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), 3),
        "macro_f1": round(float(np.mean(f)), 3),
        "macro_f1_ci": [round(lo, 3), round(hi, 3)],
        "per_class": {
            label: {
                "precision": round(float(p[i]), 3),
                "recall": round(float(r[i]), 3),
                "f1": round(float(f[i]), 3),
                "support": int(s[i]),
            }
            for i, label in enumerate(labels)
        },
        "confusion_matrix": {
            "labels": labels,
            "matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        },
    }
