"""``--model auto``: choose a registered model, its regularisation and its class weights for a
user's data by cross-validation, within a time budget that holds.

Every candidate (a registered model and values of its classifier's parameters) is scored by
the same folds on the user's own measure: the mean F1 of chosen labels (``average_labels``,
e.g. ``FAVOR,AGAINST`` for multi-target stance) or macro-F1 over all labels. The predictions
of all folds are pooled and scored once, as a test set would be. Folds keep each group whole
when the data has groups (documents, authors); otherwise they are stratified by target and
label together. For models of one family, the features of a fold are built once and only the
classifier is refitted for each value of its parameters.

The search runs in two rounds, in a fixed order:

1. every model of :data:`GRID`, cheapest first, with each value of its key parameter; the
   linear models weight classes by their inverse frequency (``class_weight="balanced"``);
2. only where labels are skewed (:func:`skewed`): each linear model that finished round 1,
   best first, again at its best value without class weights (``class_weight=None``).

**The budget.** Each fold of a model runs in a child process (:func:`stance.budget.call_within`)
that is stopped, and reaped, when the budget is spent; after each fold, a model whose folds so
far, projected over the folds left, would overrun the budget is stopped at once and its time
left to the next candidates. So :func:`select_model` returns within ``budget`` seconds plus the
moment it takes to end a child and score the pooled predictions. What the budget does not
cover: reading the data before the search, and refitting the chosen model on all the data
after it (:func:`stance.train` reports that time as ``refit_s``).

With the same data, seed and candidates the scores are the same; only how many candidates fit
in the budget depends on the machine.

Examples
--------
>>> GRID["per_target"]
[{'C': 0.1}, {'C': 0.3}, {'C': 1.0}]
>>> f1_average(["FAVOR", "AGAINST", "NONE"], ["FAVOR", "NONE", "NONE"], ["FAVOR", "AGAINST"])
0.5
>>> skewed(["a"] * 4 + ["b"] * 3), skewed(["a"] * 3 + ["b"] * 2)
(False, True)
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline

from .budget import Budget, OutOfTime, WorkerDied, call_within
from .models import TARGET_AWARE, make_model
from .schema import InputSchema
from .tables import TrainingData
from .targets import PerTarget

__all__ = [
    "GRID",
    "SKEW",
    "Candidate",
    "FoldTask",
    "Selection",
    "f1_average",
    "final_params",
    "run_in_child",
    "select_model",
    "skewed",
]

GRID: dict[str, list[dict[str, Any]]] = {
    "majority": [{}],
    "nb": [{"alpha": a} for a in (0.1, 0.3, 1.0)],
    "per_target": [{"C": c} for c in (0.1, 0.3, 1.0)],
    "svm": [{}],
    "target_ngrams": [{"C": c} for c in (0.1, 0.3, 1.0)],
    "logreg": [{"C": c} for c in (1.0, 3.0, 10.0)],
    "context": [{"C": c} for c in (3.0, 10.0)],
}
"""The candidates of round 1 of ``--model auto``, in the order they are tried: a registered
model and the values of its classifier's key parameter (``C`` of the linear models, ``alpha`` of
naive Bayes). The order is roughly by cost, cheapest first, as measured on the project's 12,604
training statements (seconds per fold, all values of a model together, on a loaded 2-core
machine: ``majority`` 0.1, ``nb`` 2, ``svm`` 23, ``per_target`` 34, ``target_ngrams`` 92,
``logreg`` 114, ``context`` about 95), so a short budget is spent on many models rather than a
few. The linear models (every one but ``majority`` and ``nb``) also take ``class_weight``:
``"balanced"`` in round 1, ``None`` in round 2. The target-aware models (``per_target``,
``target_ngrams``) are tried only on data with targets."""

SKEW = 1.5
"""Labels are skewed when the commonest is at least this many times as frequent as the
rarest; only then are class weights searched (balanced and unweighted fits barely differ
otherwise)."""

Runner = Callable[["FoldTask", float], list]
"""Runs one :class:`FoldTask` within a number of seconds, or raises
:class:`stance.budget.OutOfTime`: :func:`run_in_child`, or a fake in tests."""


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


def skewed(labels: Sequence[str]) -> bool:
    """Whether the commonest label is at least :data:`SKEW` times as frequent as the rarest."""
    counts = Counter(labels).values()
    return bool(counts) and max(counts) >= SKEW * min(counts)


def _own_keys(clf: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``set_params`` keys of a final classifier for its parameters: a calibrated classifier
    passes them to the classifier it calibrates."""
    prefix = "estimator__" if isinstance(clf, CalibratedClassifierCV) else ""
    return {f"{prefix}{k}": v for k, v in params.items()}


def final_params_of(model: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``set_params`` keys of a built model for parameters of its final classifier."""
    if isinstance(model, PerTarget):
        return {f"estimator__{k}": v for k, v in final_params_of(model.estimator, params).items()}
    if isinstance(model, Pipeline):
        name, clf = model.steps[-1]
        return {f"{name}__{k}": v for k, v in _own_keys(clf, params).items()}
    return _own_keys(model, params)


def final_params(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """``set_params`` keys of a registered model for parameters of its final classifier.

    Examples
    --------
    >>> final_params("per_target", {"C": 0.3}), final_params("logreg", {"C": 3.0})
    ({'estimator__clf__C': 0.3}, {'clf__C': 3.0})
    >>> final_params("svm", {"class_weight": None})
    {'clf__estimator__class_weight': None}
    """
    return final_params_of(make_model(name), params)


def _weighted(name: str) -> bool:
    """Whether a registered model's classifier takes ``class_weight``."""
    model = make_model(name)
    return set(final_params_of(model, {"class_weight": None})) <= set(model.get_params())


@dataclass
class Candidate:
    """One candidate's cross-validated result.

    ``seconds`` is its share of its model's time (the folds of one model fit all its
    parameter values together); ``status`` is ``ok``, or says why it has no score.
    """

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
    skewed: bool = False
    spent: float = 0.0

    def report(self) -> dict[str, Any]:
        """The selection as JSON for a model file's metadata."""
        return {
            "measure": self.measure,
            "folds": self.folds,
            "grouped": self.grouped,
            "seed": self.seed,
            "budget_s": self.budget,
            "spent_s": round(self.spent, 2),
            "skewed_labels": self.skewed,
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
    out = []
    for p in grid:  # one fitted classifier at a time: those of target_ngrams are large
        clf = clone(last).set_params(**_own_keys(last, p))
        out.append(clf.fit(train_features, y_tr).predict(test_features))
    return out


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


@dataclass
class FoldTask:
    """One fold of one model: fit each parameter set on the training part, predict the rest."""

    model: str
    fold: int
    estimator: Any
    grid: list[dict[str, Any]]
    X_train: Any
    y_train: np.ndarray
    X_test: Any

    def run(self) -> list[np.ndarray]:
        """The predictions on ``X_test``, one array per parameter set of ``grid``."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence and small-class warnings of fold fits
            if isinstance(self.estimator, PerTarget):
                return _per_target_predictions(
                    self.estimator, self.grid, self.X_train, self.y_train, self.X_test
                )
            return _fit_predict_final(
                self.estimator, self.grid, self.X_train, self.y_train, self.X_test
            )


def run_in_child(task: FoldTask, seconds: float) -> list[np.ndarray]:
    """The default :data:`Runner`: ``task`` in a child process stopped after ``seconds``."""
    return call_within(task.run, timeout=seconds)


@dataclass
class _Search:
    """What every candidate of one search shares: inputs, folds, measure, budget, runner."""

    inputs: dict[bool, Any]
    y: np.ndarray
    folds: list[tuple[np.ndarray, np.ndarray]]
    measure_labels: list[str] | None
    budget: Budget
    runner: Runner

    def cross_validate(self, name: str, grid: list[dict[str, Any]]) -> list[Candidate]:
        """Every parameter set of ``grid`` for model ``name``, scored on the pooled folds, or
        all without a score and a ``status`` saying why (budget, failure)."""
        estimator = make_model(name)
        inputs = self.inputs[name not in TARGET_AWARE]
        pooled = [np.empty(len(self.y), dtype=object) for _ in grid]
        started, n = self.budget.spent(), len(self.folds)

        def unscored(status: str) -> list[Candidate]:
            seconds = (self.budget.spent() - started) / len(grid)
            return [Candidate(name, p, seconds=seconds, status=status) for p in grid]

        for k, (train_idx, test_idx) in enumerate(self.folds):
            left = self.budget.remaining()
            if k == 0 and left <= 0:
                return unscored("skipped: budget spent")
            needed = (self.budget.spent() - started) / k * (n - k) if k else 0.0
            if needed > left:
                # The folds so far say the rest cannot finish: stop now and leave the time
                # to the candidates after this one.
                return unscored(
                    f"stopped after {k} of {n} folds: needs about {needed:.0f} s more, "
                    f"{left:.0f} s left"
                )
            task = FoldTask(
                name,
                k,
                estimator,
                grid,
                inputs.iloc[train_idx],
                self.y[train_idx].astype(str),
                inputs.iloc[test_idx],
            )
            try:
                predictions = self.runner(task, left)
            except OutOfTime:
                return unscored(f"stopped in fold {k + 1} of {n}: budget spent")
            except (ValueError, WorkerDied) as exc:
                return unscored(f"failed: {exc}")
            for pooled_pred, pred in zip(pooled, predictions, strict=True):
                pooled_pred[test_idx] = pred
        seconds = (self.budget.spent() - started) / len(grid)
        truth = self.y.astype(str).tolist()
        return [
            Candidate(
                name,
                p,
                f1_average(truth, pred.astype(str).tolist(), self.measure_labels),
                f1_average(truth, pred.astype(str).tolist()),
                seconds,
            )
            for p, pred in zip(grid, pooled, strict=True)
        ]


def _unweighted_round(results: list[Candidate]) -> list[tuple[str, dict[str, Any]]]:
    """Round 2: each weighted model that finished round 1, best first, at its best values
    without class weights."""
    best: dict[str, Candidate] = {}
    for c in results:  # first of equals: the order of the grid
        if c.score is not None and "class_weight" in c.params:
            if c.model not in best or (c.score, c.macro_f1) > (
                best[c.model].score,
                best[c.model].macro_f1,
            ):
                best[c.model] = c
    ranked = sorted(best.values(), key=lambda c: (-(c.score or 0.0), -(c.macro_f1 or 0.0)))
    return [(c.model, {**c.params, "class_weight": None}) for c in ranked]


def select_model(
    data: TrainingData,
    schema: InputSchema,
    *,
    average_labels: Sequence[str] | None = None,
    budget: float = 300.0,
    folds: int = 5,
    seed: int = 0,
    candidates: Sequence[str] | None = None,
    clock: Callable[[], float] = time.perf_counter,
    runner: Runner = run_in_child,
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
        Seconds for the whole search, counted from this call; see the module's notes for what
        it bounds.
    folds, seed : int
        Number of folds and the seed of their shuffling.
    candidates : sequence of str, optional
        Model names to try (default: every model of :data:`GRID`).
    clock, runner : callable
        The time (seconds) and how one fold is run within a number of seconds; tests give a
        fake clock and a runner that charges a fake cost to it.

    Raises
    ------
    ValueError
        If ``average_labels`` names a label absent from the data, or no candidate finished.
    """
    timer = Budget(budget, clock)
    labels = sorted(set(data.labels))
    chosen = list(average_labels) if average_labels else None
    missing = sorted(set(chosen or ()) - set(labels))
    if missing:
        raise ValueError(f"{data.source}: --average-labels {missing} not among labels {labels}")
    names = [n for n in (candidates or GRID) if schema.target_col or n not in TARGET_AWARE]
    unknown = sorted(set(names) - set(GRID))
    if unknown:
        raise ValueError(f"candidates {unknown} are not in the grid of --model auto: {list(GRID)}")
    fold_list = _folds(data, folds, seed)
    canonical = data.inputs()
    as_word = InputSchema(**{**schema.to_dict(), "labels": (), "target_as_word": True})
    search = _Search(
        {True: as_word.model_input(canonical), False: canonical},
        np.asarray(data.labels, dtype=object),
        fold_list,
        chosen,
        timer,
        runner,
    )
    results: list[Candidate] = []
    for name in names:
        weights = {"class_weight": "balanced"} if _weighted(name) else {}
        results += search.cross_validate(name, [{**p, **weights} for p in GRID[name]])
    is_skewed = skewed(data.labels)
    if is_skewed:
        for name, params in _unweighted_round(results):
            results += search.cross_validate(name, [params])
    scored = [c for c in results if c.score is not None]
    if not scored:
        raise ValueError(f"{data.source}: no candidate model finished within {budget:g} s")
    best = max(scored, key=lambda c: (c.score, c.macro_f1))  # first of equals: trial order
    measure = f"mean F1 of {','.join(chosen)}" if chosen else "macro-F1"
    return Selection(
        best,
        results,
        measure,
        len(fold_list),
        seed,
        budget,
        data.groups is not None,
        is_skewed,
        timer.spent(),
    )
