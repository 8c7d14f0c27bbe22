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
from .schema import InputSchema

__all__ = ["TrainedModel", "load_model"]


class TrainedModel:
    """A fitted model with what it was trained on: predict, evaluate, save.

    Attributes
    ----------
    estimator : scikit-learn estimator
        The fitted pipeline.
    metadata : dict
        Model name, label set, training-data sha256, metrics, versions, and ``input``: the
        input schema (:class:`stance.schema.InputSchema`: text, target and context columns,
        label set, how the target is given to the model).
    target : str or None
        For a model trained with targets, the target given to every statement of
        :meth:`predict_proba_documents` (labelling whole articles, which have no target column).
    """

    def __init__(self, estimator: Any, metadata: dict, target: str | None = None):
        self.estimator = estimator
        self.metadata = metadata
        self.target = target

    @property
    def classes_(self) -> np.ndarray:
        return self.estimator.classes_

    @cached_property
    def schema(self) -> InputSchema:
        """The input schema the model was trained with (a project model's, for older files)."""
        return InputSchema.from_dict(self.metadata.get("input"), self.metadata.get("model"))

    def _inputs(self, X: Any) -> Any:
        return self.schema.prepare(X)

    def predict(self, X: Any) -> np.ndarray:
        """Labels for statement texts, or for a table with the columns the model was trained
        with (:attr:`schema`: its text column, and its target and context columns if any).

        Raises
        ------
        ValueError
            For a table without a column the model needs, or plain texts given to a model
            trained with targets.
        """
        return self.estimator.predict(self._inputs(X))

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities in the order of ``classes_``; each row sums to 1."""
        return self.estimator.predict_proba(self._inputs(X))

    def predict_inputs(self, inputs: Any) -> np.ndarray:
        """Labels for a table already in the model-input columns ``text``, ``context`` and
        ``target`` (:meth:`stance.tables.TrainingData.inputs`), whatever the user's columns
        were called; evaluation calls this."""
        return self.estimator.predict(self.schema.model_input(inputs))

    def for_target(self, target: str | None) -> TrainedModel:
        """The same model, labelling whole documents as statements about ``target``.

        Examples
        --------
        >>> m = TrainedModel(None, {"model": "per_target"})
        >>> m.for_target("Climate Change").target
        'Climate Change'
        """
        return TrainedModel(self.estimator, self.metadata, target)

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
        import pandas as pd

        schema = self.schema
        if schema.target_col and self.target is None:
            raise ValueError(
                f"the model was trained with a target column ({schema.target_col!r}): give the "
                "target of the documents (stance label --target NAME, or "
                "model.for_target(NAME))"
            )
        fast = self._document_proba
        if fast is not None and not schema.target_col:
            return fast.predict_proba(documents)
        texts = [t for doc in documents for t in doc]
        context = [c for doc in documents for c in neighbour_context(doc)]
        table = pd.DataFrame({"text": texts, "context": context, "target": self.target or ""})
        return self.estimator.predict_proba(schema.model_input(table))

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
