"""Target-aware estimators: for data where each text takes a stance on a target and the same
words mean one stance for one target and another for the next.

A target given as one more word (what the classic models get) shifts every class score of a
target by the same amount, but cannot change what the other words mean. These estimators read
the ``target`` column of the model input (:mod:`stance.schema`) and can:

* :class:`PerTarget`: one sub-model per target, fitted on that target's texts only (the classic
  strong baseline of multi-target stance: a linear SVM per target on word and character
  n-grams), with a shared model for targets never seen in training;
* :class:`TargetInteractions`: every n-gram twice, once shared by all targets and once crossed
  with the text's target (``target x n-gram``), so one linear model learns what is common
  and what is particular to each target (feature augmentation for domain adaptation);
* :class:`LinearSVCProba`: scikit-learn's ``LinearSVC`` with ``predict_proba`` (the softmax of
  its decision values), so a model file of linear SVMs gives every label a confidence.

All three follow the estimator contract (parameters stored by ``__init__``, fitted attributes
ending in ``_``), so ``clone`` and grid searches work, and a fitted one holds only types that
:mod:`stance.persistence` allows.

Examples
--------
>>> import pandas as pd
>>> from sklearn.feature_extraction.text import CountVectorizer
>>> from sklearn.pipeline import Pipeline
>>> from stance.models import ColumnText
>>> X = pd.DataFrame({"text": ["ban it", "keep it", "ban it", "keep it"] * 3,
...                   "target": ["guns", "guns", "taxes", "taxes"] * 3})
>>> y = ["FAVOR", "AGAINST", "AGAINST", "FAVOR"] * 3
>>> sub = Pipeline([("select", ColumnText("text")), ("vec", CountVectorizer()),
...                 ("clf", LinearSVCProba())])
>>> model = PerTarget(sub).fit(X, y)
>>> model.predict(pd.DataFrame({"text": ["ban it", "ban it"], "target": ["guns", "taxes"]})).tolist()
['FAVOR', 'AGAINST']
"""  # noqa: E501

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.dummy import DummyClassifier
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

__all__ = ["LinearSVCProba", "PerTarget", "TargetInteractions", "target_column"]


def target_column(X: Any) -> list[str]:
    """The ``target`` column of a model input table, as strings.

    Raises
    ------
    ValueError
        If ``X`` is not a table with a ``target`` column (a target-aware model was given plain
        texts).
    """
    if not (hasattr(X, "columns") or isinstance(X, dict)) or "target" not in X:
        raise ValueError(
            "a target-aware model needs a table with a 'target' column; it was given "
            f"{type(X).__name__}"
        )
    return ["" if v is None else str(v) for v in X["target"]]


def _rows(X: Any, index: np.ndarray) -> Any:
    if hasattr(X, "iloc"):
        return X.iloc[index].reset_index(drop=True)
    return {k: [v[i] for i in index] for k, v in X.items()}


class LinearSVCProba(LinearSVC):
    """``LinearSVC`` whose ``predict_proba`` is the softmax of its decision values.

    Not calibrated probabilities, but a confidence per label whose largest is the predicted one,
    with no extra fitting (a calibrated SVM fits three more models).

    Examples
    --------
    >>> clf = LinearSVCProba().fit([[0.0], [1.0], [2.0]], ["a", "b", "b"])
    >>> proba = clf.predict_proba([[0.0], [2.0]])
    >>> proba.shape, bool(np.allclose(proba.sum(axis=1), 1.0))
    ((2, 2), True)
    >>> clf.classes_[proba.argmax(axis=1)].tolist() == clf.predict([[0.0], [2.0]]).tolist()
    True
    """

    def predict_proba(self, X: Any) -> np.ndarray:
        scores = self.decision_function(X)
        if scores.ndim == 1:
            scores = np.column_stack([-scores / 2, scores / 2])
        scores = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


class PerTarget(ClassifierMixin, BaseEstimator):
    """One clone of ``estimator`` per target, each fitted on its target's texts only.

    Parameters
    ----------
    estimator : scikit-learn classifier
        Template of the sub-models; it is given the rows of one target (a table) at a time.
    fallback : bool
        Also fit ``estimator`` on all rows, for targets not seen in training (predicting for
        an unseen target without it is an error).

    Attributes
    ----------
    classes_ : ndarray
        Every label seen in training.
    targets_ : list of str
        The targets seen in training, in sorted order; ``estimators_`` follows it. A target with
        a single label gets a ``DummyClassifier`` that predicts it.
    """

    def __init__(self, estimator: Any = None, fallback: bool = True):
        self.estimator = estimator
        self.fallback = fallback

    def fit(self, X: Any, y: Any) -> PerTarget:
        targets = np.asarray(target_column(X), dtype=object)
        y = np.asarray([str(v) for v in y], dtype=object)
        self.classes_ = np.unique(y.astype(str))
        self.targets_ = sorted(set(targets.tolist()))
        self.estimators_ = []
        for target in self.targets_:
            index = np.flatnonzero(targets == target)
            labels = y[index]
            if len(set(labels)) < 2:
                sub: Any = DummyClassifier(strategy="most_frequent")
            else:
                sub = clone(self.estimator)
            self.estimators_.append(sub.fit(_rows(X, index), labels.astype(str)))
        self.fallback_ = clone(self.estimator).fit(X, y.astype(str)) if self.fallback else None
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "estimators_")
        targets = np.asarray(target_column(X), dtype=object)
        out = np.zeros((len(targets), len(self.classes_)))
        column = {label: i for i, label in enumerate(self.classes_)}
        position = {t: i for i, t in enumerate(self.targets_)}
        for target in sorted(set(targets.tolist())):
            index = np.flatnonzero(targets == target)
            if target in position:
                sub = self.estimators_[position[target]]
            elif self.fallback_ is not None:
                sub = self.fallback_
            else:
                raise ValueError(
                    f"target {target!r} was not seen in training (targets: {self.targets_}) "
                    "and the model has no fallback"
                )
            proba = sub.predict_proba(_rows(X, index))
            cols = [column[str(c)] for c in sub.classes_]
            out[np.ix_(index, cols)] = proba
        return out

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class TargetInteractions(TransformerMixin, BaseEstimator):
    """Features shared by all targets and the same features crossed with each text's target.

    For ``K`` targets and ``d`` features from ``vectorizer``, a row of target ``k`` becomes
    ``[shared_weight * v, 0, ..., v (block k), ..., 0, e_k]``: ``d * (K + 1)`` feature columns
    and ``K`` target indicators. A linear model on top learns one weight per n-gram for all
    targets and a correction per target. A target unseen in training has the shared features
    only.

    Parameters
    ----------
    vectorizer : transformer
        Turns the model input table into a sparse matrix (e.g. word and character TF-IDF of the
        ``text`` column).
    shared_weight : float
        Scale of the shared block against the per-target blocks.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> from sklearn.pipeline import Pipeline
    >>> from stance.models import ColumnText
    >>> vec = Pipeline([("select", ColumnText("text")), ("count", CountVectorizer())])
    >>> X = {"text": ["ban it", "keep it"], "target": ["guns", "taxes"]}
    >>> TargetInteractions(vec).fit(X).transform(X).shape   # 3 words x (2 + 1) + 2 targets
    (2, 11)
    """

    def __init__(self, vectorizer: Any = None, shared_weight: float = 1.0):
        self.vectorizer = vectorizer
        self.shared_weight = shared_weight

    def fit(self, X: Any, y: Any = None) -> TargetInteractions:
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> sparse.csr_matrix:
        self.targets_ = sorted(set(target_column(X)))
        self.vectorizer_ = clone(self.vectorizer)
        return self._cross(self.vectorizer_.fit_transform(X, y), X)

    def transform(self, X: Any) -> sparse.csr_matrix:
        check_is_fitted(self, "vectorizer_")
        return self._cross(self.vectorizer_.transform(X), X)

    def _cross(self, features: Any, X: Any) -> sparse.csr_matrix:
        matrix = sparse.csr_matrix(features)
        n, d = matrix.shape
        k = len(self.targets_)
        position = {t: i for i, t in enumerate(self.targets_)}
        block = np.array([position.get(t, -1) for t in target_column(X)], dtype=np.int64)
        coo = matrix.tocoo()
        seen = block[coo.row] >= 0
        crossed = sparse.csr_matrix(
            (coo.data[seen], (coo.row[seen], coo.col[seen] + block[coo.row[seen]] * d)),
            shape=(n, d * k),
        )
        rows = np.flatnonzero(block >= 0)
        indicators = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, block[rows])), shape=(n, k), dtype=matrix.dtype
        )
        return sparse.hstack(
            [matrix * self.shared_weight, crossed, indicators], format="csr"
        ).astype(matrix.dtype)
