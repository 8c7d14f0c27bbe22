"""Statements ready for a model: a project dataset's split or a user's own annotations.

:class:`TrainingData` is what training fits and evaluation scores: texts, labels and the
neighbour context of each statement, with a digest of the texts and labels.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    import datasets

from .data import DATASETS, load_dataset
from .models import neighbour_context

__all__ = ["PROJECT_DATA", "TrainingData", "project_split", "read_training_data"]

PROJECT_DATA = (*DATASETS, "all")
"""Names that :func:`stance.train` reads as a project dataset rather than a file."""


@dataclass
class TrainingData:
    """Texts, labels, the context and target of each statement, ready for a model.

    ``targets`` is ``None`` for data without targets; ``groups`` (optional) names the group of
    each statement (a document, an author) that cross-validation keeps in one fold.
    """

    texts: list[str]
    labels: list[str]
    context: list[str]
    source: str
    sha256: str = field(default="")
    targets: list[str] | None = None
    groups: list[str] | None = None

    def inputs(self) -> pd.DataFrame:
        """The model input before any transformation (:meth:`stance.schema.InputSchema.canonical`):
        a table with ``text``, ``context`` and ``target`` columns."""
        targets = self.targets if self.targets is not None else [""] * len(self.texts)
        return pd.DataFrame({"text": self.texts, "context": self.context, "target": targets})


def _neighbour_context(rows: Sequence[dict]) -> list[str]:
    """For each row, the statements just before and after it in the same document."""
    order = sorted(
        range(len(rows)), key=lambda i: (rows[i]["doc"], rows[i]["source"], rows[i]["index"])
    )
    context = [""] * len(rows)
    for _, group in itertools.groupby(order, key=lambda i: rows[i]["doc"]):
        members = list(group)
        for i, text in zip(
            members, neighbour_context([rows[i]["text"] for i in members]), strict=True
        ):
            context[i] = text
    return context


def _digest(
    texts: Sequence[str], labels: Sequence[str], targets: Sequence[str] | None = None
) -> str:
    h = hashlib.sha256()
    for t, y in zip(texts, labels, strict=True):
        h.update(t.encode("utf-8") + b"\x1f" + y.encode("utf-8") + b"\x1e")
    for target in targets or ():
        h.update(target.encode("utf-8") + b"\x1d")
    return h.hexdigest()


def project_split(name: str, split: str) -> TrainingData:
    """One split of a project dataset, with stance labels as names and neighbour context."""
    dsd = load_dataset(name)
    if split not in dsd:
        raise ValueError(f"dataset {name!r} has no split {split!r}; it has {', '.join(dsd)}")
    ds = dsd[split]
    names = ds.features["stance"].names
    rows = [dict(r) for r in ds]
    texts = [r["text"] for r in rows]
    labels = [names[r["stance"]] for r in rows]
    return TrainingData(
        texts,
        labels,
        _neighbour_context(rows),
        f"{name}/{split}",
        _digest(texts, labels),
        groups=[r["doc"] for r in rows],
    )


def _is_dataset(data: object) -> bool:
    # Without importing datasets when the data cannot be one (it is slow and heavy to import).
    if "datasets" not in sys.modules:
        return False
    import datasets

    return isinstance(data, datasets.Dataset)


def _read_rows(data: Any, where: str) -> tuple[list[dict], set[str]]:
    """The rows and columns of a CSV or JSONL file, a ``datasets.Dataset`` or a DataFrame."""
    if isinstance(data, (str, Path)):
        path = Path(data)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such data file")
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        elif path.suffix.lower() in (".jsonl", ".json"):
            rows = []
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{path} line {n}: not valid JSON ({exc.msg})") from None
        else:
            raise ValueError(f"{path}: data must be .csv or .jsonl")
        return rows, set().union(*(r.keys() for r in rows)) if rows else set()
    if _is_dataset(data):
        return [dict(r) for r in data], set(data.column_names)
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        return data.to_dict("records"), set(data.columns)
    raise ValueError(
        f"unsupported data {where}: give a CSV/JSONL path, a datasets.Dataset or a pandas DataFrame"
    )


def _values(rows: list[dict], col: str) -> list[str]:
    return ["" if r.get(col) is None else str(r[col]) for r in rows]


def read_training_data(
    data: str | Path | datasets.Dataset | Any,
    text_col: str = "text",
    label_col: str = "label",
    target_col: str | None = None,
    *,
    context_col: str | None = None,
    group_col: str | None = None,
    min_classes: int = 2,
) -> TrainingData:
    """Read a user's annotations: a CSV or JSONL file, a ``datasets.Dataset`` or a DataFrame.

    Any label set works. The columns are read as they are; how a model turns the target and
    context into its input is its schema's business (:mod:`stance.schema`).

    Parameters
    ----------
    data : path, datasets.Dataset or DataFrame
        The annotations.
    text_col, label_col : str
        Columns of the texts and of their labels.
    target_col, context_col, group_col : str or None
        Optional columns: the target each text takes a stance on, context text, and the group
        (a document, an author) that cross-validation keeps within one fold.
    min_classes : int
        Fewest distinct labels accepted (2 for training; 1 for test data).

    Raises
    ------
    ValueError
        Naming the input: unknown format, missing column, no rows, empty texts, one class only.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"tweet": ["Yes!", "No."], "stance": ["FAVOR", "AGAINST"],
    ...                       "topic": ["Atheism", "Atheism"]})
    >>> data = read_training_data(table, "tweet", "stance", "topic")
    >>> data.inputs().columns.tolist(), data.targets
    (['text', 'context', 'target'], ['Atheism', 'Atheism'])
    """
    where = str(data) if isinstance(data, (str, Path)) else type(data).__name__
    rows, columns = _read_rows(data, where)
    if not rows:
        raise ValueError(f"{where}: the data has no rows")
    for col in filter(None, (text_col, label_col, target_col, context_col, group_col)):
        if col not in columns:
            raise ValueError(f"{where}: no column {col!r}; columns are {sorted(columns)}")
    texts = _values(rows, text_col)
    empty = [i for i, t in enumerate(texts) if not t.strip()]
    if empty:
        raise ValueError(f"{where}: empty text in {len(empty)} rows (first: row {empty[0] + 1})")
    label_values = [r.get(label_col) for r in rows]
    if any(v is None or str(v).strip() == "" for v in label_values):
        raise ValueError(f"{where}: some rows have no value in label column {label_col!r}")
    labels = [str(v) for v in label_values]
    if len(set(labels)) < min_classes:
        raise ValueError(
            f"{where}: only one class ({labels[0]!r}) in {label_col!r}; a "
            "classifier needs at least two"
        )
    targets = _values(rows, target_col) if target_col else None
    context = _values(rows, context_col) if context_col else [""] * len(texts)
    groups = _values(rows, group_col) if group_col else None
    return TrainingData(
        texts, labels, context, where, _digest(texts, labels, targets), targets, groups
    )
