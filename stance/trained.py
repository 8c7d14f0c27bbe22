"""The runtime model: a fitted estimator with its metadata, loaded safely from a model file.

Labelling needs only this module (and :mod:`stance.persistence`); fitting lives in
:mod:`stance.training`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from .models import DocumentProba, neighbour_context
from .persistence import read_model_file, write_model_file

__all__ = ["TrainedModel", "load_model"]


class TrainedModel:
    """A fitted model with what it was trained on: predict, evaluate, save.

    Attributes
    ----------
    estimator : scikit-learn estimator
        The fitted pipeline.
    metadata : dict
        Model name, label set, training-data sha256, metrics, versions.
    """

    def __init__(self, estimator: Any, metadata: dict):
        self.estimator = estimator
        self.metadata = metadata

    @property
    def classes_(self) -> np.ndarray:
        return self.estimator.classes_

    def _inputs(self, X: Any) -> Any:
        return [X] if isinstance(X, str) else X

    def predict(self, X: Any) -> np.ndarray:
        """Labels for statement texts, or for a table with ``text`` and ``context`` columns."""
        return self.estimator.predict(self._inputs(X))

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities in the order of ``classes_``; each row sums to 1."""
        return self.estimator.predict_proba(self._inputs(X))

    @cached_property
    def _document_proba(self) -> DocumentProba | None:
        return DocumentProba.of(self.estimator)

    def predict_proba_documents(self, documents: list[list[str]]) -> np.ndarray:
        """Probabilities for every statement of whole documents (each a list of its sentence
        texts, in order), concatenated in document order.

        The same as :meth:`predict_proba` on the statements with their neighbour context
        (:func:`stance.models.neighbour_context`); for the ``context`` model each sentence is
        read once (:class:`stance.models.DocumentProba`), which is how the labeller calls it.
        """
        fast = self._document_proba
        if fast is not None:
            return fast.predict_proba(documents)
        import pandas as pd

        texts = [t for doc in documents for t in doc]
        context = [c for doc in documents for c in neighbour_context(doc)]
        return self.predict_proba(pd.DataFrame({"text": texts, "context": context}))

    def save(self, path: str | Path) -> Path:
        """Write the model file (see :mod:`stance.persistence`); loading never runs its code."""
        return write_model_file(path, self.estimator, self.metadata)

    def __repr__(self) -> str:
        return f"TrainedModel({self.metadata.get('model')!r}, labels={list(self.classes_)})"


def load_model(path: str | Path) -> TrainedModel:
    """Load a model file safely: no code from the file is executed.

    Raises
    ------
    stance.persistence.ModelFileError
        For a tampered, truncated, foreign or incompatible file.
    """
    estimator, meta = read_model_file(path)
    return TrainedModel(estimator, meta)
