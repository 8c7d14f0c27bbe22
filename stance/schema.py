"""What a model reads: the input schema a model file remembers, and the one transformation of a
user's table into the model's input, shared by training, prediction, evaluation and labelling.

A model trained on a user's table (``stance train --data my.csv --text-col ... --target-col ...``)
records here which columns it read and how it turned them into its input. Predicting on a table
applies the same transformation, and a table without a column the model needs is refused with
an error naming the column, never read as if the column were empty.

The model input is always a table with three columns: ``text``, ``context`` and ``target``.
Models that do not read targets themselves (every classic model) get the target as one more
word, ``target_<name>``, before the text and, without a context column, as the context; the
target-aware models of :mod:`stance.targets` read the ``target`` column.

Examples
--------
>>> schema = InputSchema(text_col="tweet", target_col="topic", context_col=None)
>>> table = {"tweet": ["I back her."], "topic": ["Hillary Clinton"]}
>>> schema.prepare(table).to_dict("records")
[{'text': 'target_hillary_clinton I back her.', 'context': 'Hillary Clinton', 'target': 'Hillary Clinton'}]
>>> schema.prepare({"tweet": ["I back her."]})
Traceback (most recent call last):
...
ValueError: model input has no column 'topic', which the model was trained with (its target); columns are ['tweet']
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd

__all__ = ["InputSchema", "is_table", "slug"]


def slug(value: str) -> str:
    """A target as one word: lower case, runs of non-word characters as ``_``.

    Examples
    --------
    >>> slug("Legalization of Abortion"), slug("  "), slug("#Feminist Movement!")
    ('legalization_of_abortion', 'none', 'feminist_movement')
    """
    return re.sub(r"\W+", "_", value.strip().lower()).strip("_") or "none"


def is_table(X: object) -> bool:
    """Whether ``X`` is a table (a DataFrame or a mapping of columns), not a list of texts."""
    return hasattr(X, "columns") or isinstance(X, Mapping)


def _column(X: Any, name: str) -> list[str]:
    return ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in X[name]]


@dataclass(frozen=True)
class InputSchema:
    """The columns a model was trained on and how they become its input.

    Parameters
    ----------
    text_col : str
        Column of the statement texts.
    target_col : str or None
        Column of the targets (what each text takes a stance on); ``None`` for no target.
    context_col : str or None
        Column of context text (for the project's data, the neighbouring sentences).
    label_col : str
        Column of the labels in training (and, by default, in evaluation) data.
    labels : tuple of str
        The label set the model was trained on.
    target_as_word : bool
        Give the target to the model as a ``target_<name>`` word before the text (classic
        models); ``False`` for models that read the ``target`` column themselves.
    context_required : bool
        Whether a table must have ``context_col`` (the model reads it); lists of texts always
        read as having empty context.
    """

    text_col: str = "text"
    target_col: str | None = None
    context_col: str | None = "context"
    label_col: str = "label"
    labels: tuple[str, ...] = ()
    target_as_word: bool = True
    context_required: bool = False

    def to_dict(self) -> dict:
        """The schema as the JSON a model file's metadata holds."""
        out = asdict(self)
        out["labels"] = list(self.labels)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, model: str | None = None) -> InputSchema:
        """The schema recorded in a model file; a file from before schemas were recorded (a
        project model) reads ``text`` and ``context``, and needs ``context`` if it is the
        ``context`` or ``ensemble`` model."""
        if not data:
            return cls(context_required=model in ("context", "ensemble"))
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["labels"] = tuple(values.get("labels", ()))
        return cls(**values)

    def needed_columns(self) -> list[str]:
        """The columns a table must have for this model."""
        cols = [self.text_col]
        if self.target_col:
            cols.append(self.target_col)
        if self.context_col and self.context_required:
            cols.append(self.context_col)
        return cols

    def canonical(self, X: Any, where: str = "model input") -> pd.DataFrame:
        """A user's table (or a list of texts) as the columns ``text``, ``context``, ``target``.

        Raises
        ------
        ValueError
            Naming ``where`` and the column: a table without a column the model needs, or a
            list of texts given to a model that needs a target.
        """
        if isinstance(X, str):
            X = [X]
        if not is_table(X):
            if self.target_col:
                raise ValueError(
                    f"{where}: the model was trained with a target column "
                    f"({self.target_col!r}); give a table with columns {self.needed_columns()}, "
                    "not a list of texts"
                )
            texts = [str(x) for x in X]
            return pd.DataFrame({"text": texts, "context": [""] * len(texts), "target": ""})
        columns = list(X.columns) if hasattr(X, "columns") else list(X)
        for col, role in (
            (self.text_col, "its texts"),
            (self.target_col, "its target"),
            (self.context_col if self.context_required else None, "its context"),
        ):
            if col and col not in columns:
                raise ValueError(
                    f"{where} has no column {col!r}, which the model was trained with ({role}); "
                    f"columns are {sorted(map(str, columns))}"
                )
        texts = _column(X, self.text_col)
        n = len(texts)
        has_context = self.context_col and self.context_col in columns
        return pd.DataFrame(
            {
                "text": texts,
                "context": _column(X, self.context_col) if has_context else [""] * n,
                "target": _column(X, self.target_col) if self.target_col else [""] * n,
            }
        )

    def model_input(self, canonical: pd.DataFrame) -> pd.DataFrame:
        """The transformation training applied: for a classic model with targets, the target
        as a ``target_<name>`` word before the text and, without a context column, as context."""
        if not (self.target_col and self.target_as_word):
            return canonical
        out = canonical.copy()
        out["text"] = [
            f"target_{slug(t)} {x}" for t, x in zip(out["target"], out["text"], strict=True)
        ]
        if not self.context_col:
            out["context"] = out["target"]
        return out

    def prepare(self, X: Any, where: str = "model input") -> pd.DataFrame:
        """:meth:`canonical`, then :meth:`model_input`: what the fitted estimator is given."""
        return self.model_input(self.canonical(X, where))
