"""``--model auto``: choose a registered model and its regularisation for a user's data by
cross-validation, within a time budget.

Every candidate of :data:`GRID` (a registered model and values of its key parameter) is scored
by the same folds on the user's own measure: the mean F1 of chosen labels
(``average_labels``, e.g. ``FAVOR,AGAINST`` for multi-target stance) or macro-F1 over all
labels. The predictions of all folds are pooled and scored once, as a test set would be. Folds
keep each group whole when the data has groups (documents, authors); otherwise they are
stratified by target and label together. For models of one family, the features of a fold are
built once and only the classifier is refitted for each value of its parameter.

Candidates are tried in the fixed order of :data:`GRID`; once ``budget`` seconds have passed,
the rest are skipped and reported as such. With the same data, seed and candidates the choice
is the same; only how many candidates fit in the budget depends on the machine.

Examples
--------
>>> GRID["per_target"]
[{'C': 0.1}, {'C': 0.3}, {'C': 1.0}]
>>> f1_average(["FAVOR", "AGAINST", "NONE"], ["FAVOR", "NONE", "NONE"], ["FAVOR", "AGAINST"])
0.5
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline

from .models import TARGET_AWARE, make_model
from .schema import InputSchema
from .tables import TrainingData
from .targets import PerTarget

__all__ = ["GRID", "Candidate", "Selection", "f1_average", "final_params", "select_model"]

GRID: dict[str, list[dict[str, Any]]] = {
    "majority": [{}],
    "per_target": [{"C": c} for c in (0.1, 0.3, 1.0)],
    "target_ngrams": [{"C": c} for c in (0.1, 0.3, 1.0)],
    "logreg": [{"C": c} for c in (1.0, 3.0, 10.0)],
    "context": [{"C": c} for c in (3.0, 10.0)],
    "nb": [{"alpha": a} for a in (0.1, 0.3, 1.0)],
    "svm": [{}],
}
"""The candidates of ``--model auto``, in the order they are tried: a registered model and the
values of its classifier's key parameter (``C`` of the linear models, ``alpha`` of naive
Bayes). Every linear model weights classes by their inverse frequency
(``class_weight="balanced"``), so a skewed label set does not drown the rare labels. The
target-aware models (``per_target``, ``target_ngrams``) are tried only on data with targets."""


def f1_average(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None
) -> float:
    """Mean F1 of ``labels`` (all labels of ``y_true`` and ``y_pred`` when ``None``: macro-F1).

    With ``labels=["FAVOR", "AGAINST"]`` this is the measure of multi-target stance shared
    tasks: F1 of each chosen label over the whole set, averaged; other labels (``NONE``) still
    count as errors of the chosen ones.
    """
    chosen = sorted(set(y_true) | set(y_pred)) if labels is None else list(labels)
    return float(f1_score(y_true, y_pred, labels=chosen, average="macro", zero_division=0))


def final_params(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """``set_params`` keys of a registered model for parameters of its final classifier.

    Examples
    --------
    >>> final_params("per_target", {"C": 0.3}), final_params("logreg", {"C": 3.0})
    ({'estimator__clf__C': 0.3}, {'clf__C': 3.0})
    """
    model = make_model(name)
    if isinstance(model, PerTarget):
        last = model.estimator.steps[-1][0]
        return {f"estimator__{last}__{k}": v for k, v in params.items()}
    if isinstance(model, Pipeline):
        return {f"{model.steps[-1][0]}__{k}": v for k, v in params.items()}
    return dict(params)


@dataclass
class Candidate:
    """One candidate's cross-validated result."""

    model: str
    params: dict[str, Any]
    score: float | None = None
    macro_f1: float | None = None
    seconds: float = 0.0
    status: str = "ok"

    def row(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "params": self.params,
            "cv_score": None if self.score is None else round(self.score, 4),
            "cv_macro_f1": None if self.macro_f1 is None else round(self.macro_f1, 4),
            "seconds": round(self.seconds, 2),
            "status": self.status,
        }


@dataclass
class Selection:
    """What :func:`select_model` tried and chose."""

    best: Candidate
    candidates: list[Candidate]
    measure: str
    folds: int
    seed: int
    budget: float
    grouped: bool

    def report(self) -> dict[str, Any]:
        """The selection as JSON for a model file's metadata."""
        return {
            "measure": self.measure,
            "folds": self.folds,
            "grouped": self.grouped,
            "seed": self.seed,
            "budget_s": self.budget,
            "best": self.best.row(),
            "candidates": [c.row() for c in self.candidates],
        }


def _folds(data: TrainingData, n_folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    targets = data.targets or [""] * len(data.labels)
    strata = np.array([f"{t}\x1f{y}" for t, y in zip(targets, data.labels, strict=True)])
    index = np.zeros(len(strata))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # strata smaller than the number of folds
        if data.groups is not None:
            k = min(n_folds, len(set(data.groups)))
            if k < 2:
                raise ValueError(f"{data.source}: cross-validation needs at least 2 groups")
            cv: Any = StratifiedGroupKFold(k, shuffle=True, random_state=seed)
            return list(cv.split(index, strata, data.groups))
        return list(StratifiedKFold(n_folds, shuffle=True, random_state=seed).split(index, strata))


def _fit_predict_final(model: Any, grid: list[dict], X_tr: Any, y_tr: Any, X_te: Any) -> list:
    """Predictions on ``X_te`` for each parameter set of the final classifier, with the
    features built once (a pipeline's steps before its classifier)."""
    if not isinstance(model, Pipeline) or not grid[0]:
        return [
            clone(model).set_params(**final_params_of(model, p)).fit(X_tr, y_tr).predict(X_te)
            for p in grid
        ]
    features = clone(model[:-1])
    train_features = features.fit_transform(X_tr, y_tr)
    test_features = features.transform(X_te)
    last = model.steps[-1][1]
    return [
        clone(last).set_params(**p).fit(train_features, y_tr).predict(test_features) for p in grid
    ]


def final_params_of(model: Any, params: dict[str, Any]) -> dict[str, Any]:
    """:func:`final_params` for a built model rather than a name."""
    if isinstance(model, Pipeline):
        return {f"{model.steps[-1][0]}__{k}": v for k, v in params.items()}
    return dict(params)


def _per_target_predictions(model: PerTarget, grid: list[dict], X_tr, y_tr, X_te) -> list:
    """Like :func:`_fit_predict_final`, one target at a time (the per-target sub-models)."""
    out = [np.empty(len(X_te), dtype=object) for _ in grid]
    t_tr, t_te = X_tr["target"].to_numpy(), X_te["target"].to_numpy()
    majority = Counter(y_tr).most_common(1)[0][0]
    for target in sorted(set(t_te.tolist())):
        te = np.flatnonzero(t_te == target)
        tr = np.flatnonzero(t_tr == target)
        labels = np.asarray(y_tr, dtype=object)[tr]
        if len(set(labels.tolist())) < 2:
            fill = labels[0] if len(labels) else majority
            for pred in out:
                pred[te] = fill
            continue
        sub_tr = X_tr.iloc[tr].reset_index(drop=True)
        sub_te = X_te.iloc[te].reset_index(drop=True)
        for pred, p in zip(
            out, _fit_predict_final(model.estimator, grid, sub_tr, labels, sub_te), strict=True
        ):
            pred[te] = p
    return out


def _family(
    name: str,
    data: TrainingData,
    inputs: Any,
    folds: list,
    measure_labels: list[str] | None,
    deadline: float,
) -> list[Candidate]:
    """Cross-validate every grid point of one model; ``status`` says if the budget ran out."""
    grid = GRID[name]
    model = make_model(name)
    y = np.asarray(data.labels, dtype=object)
    pooled = [np.empty(len(y), dtype=object) for _ in grid]
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and small-class warnings of fold fits
        for train_idx, test_idx in folds:
            if time.perf_counter() > deadline:
                seconds = time.perf_counter() - started
                return [Candidate(name, p, seconds=seconds, status="skipped: budget") for p in grid]
            X_tr, X_te = inputs.iloc[train_idx], inputs.iloc[test_idx]
            y_tr = y[train_idx].astype(str)
            try:
                if isinstance(model, PerTarget):
                    preds = _per_target_predictions(model, grid, X_tr, y_tr, X_te)
                else:
                    preds = _fit_predict_final(model, grid, X_tr, y_tr, X_te)
            except ValueError as exc:
                seconds = time.perf_counter() - started
                return [Candidate(name, p, seconds=seconds, status=f"failed: {exc}") for p in grid]
            for pred, p in zip(pooled, preds, strict=True):
                pred[test_idx] = p
    seconds = (time.perf_counter() - started) / len(grid)
    truth = y.astype(str).tolist()
    return [
        Candidate(
            name,
            p,
            f1_average(truth, pred.astype(str).tolist(), measure_labels),
            f1_average(truth, pred.astype(str).tolist()),
            seconds,
        )
        for p, pred in zip(grid, pooled, strict=True)
    ]


def select_model(
    data: TrainingData,
    schema: InputSchema,
    *,
    average_labels: Sequence[str] | None = None,
    budget: float = 300.0,
    folds: int = 5,
    seed: int = 0,
    candidates: Sequence[str] | None = None,
) -> Selection:
    """Cross-validate the candidates of :data:`GRID` on ``data`` and return the best.

    Parameters
    ----------
    data : TrainingData
        The user's annotations (with ``groups`` for grouped folds).
    schema : InputSchema
        How the data becomes model input; whether it has targets.
    average_labels : sequence of str, optional
        The measure: mean F1 of these labels; macro-F1 over all labels when ``None``.
    budget : float
        Seconds for the whole search; candidates not finished by then are skipped.
    folds, seed : int
        Number of folds and the seed of their shuffling.
    candidates : sequence of str, optional
        Model names to try (default: every model of :data:`GRID`).

    Raises
    ------
    ValueError
        If ``average_labels`` names a label absent from the data, or no candidate finished.
    """
    labels = sorted(set(data.labels))
    chosen = list(average_labels) if average_labels else None
    missing = sorted(set(chosen or ()) - set(labels))
    if missing:
        raise ValueError(f"{data.source}: --average-labels {missing} not among labels {labels}")
    names = [n for n in (candidates or GRID) if schema.target_col or n not in TARGET_AWARE]
    fold_list = _folds(data, folds, seed)
    canonical = data.inputs()
    as_word = InputSchema(**{**schema.to_dict(), "labels": (), "target_as_word": True})
    inputs = {
        True: as_word.model_input(canonical),
        False: canonical,
    }
    deadline = time.perf_counter() + budget
    results: list[Candidate] = []
    for name in names:
        results += _family(
            name, data, inputs[name not in TARGET_AWARE], fold_list, chosen, deadline
        )
    scored = [c for c in results if c.score is not None]
    if not scored:
        raise ValueError(f"{data.source}: no candidate model finished within {budget:g} s")
    best = max(scored, key=lambda c: (c.score, c.macro_f1))  # first of equals: GRID order
    measure = f"mean F1 of {','.join(chosen)}" if chosen else "macro-F1"
    return Selection(best, results, measure, len(fold_list), seed, budget, data.groups is not None)
