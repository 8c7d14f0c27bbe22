"""Statements ready for a model: a project dataset's split or a user's own annotations.

:class:`TrainingData` is what training fits and evaluation scores: texts, labels and the
neighbour context of each statement, with a digest of the texts and labels.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import re
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
    """Texts, labels and the context of each statement, ready for a model."""

    texts: list[str]
    labels: list[str]
    context: list[str]
    source: str
    sha256: str = field(default="")

    def inputs(self) -> pd.DataFrame:
        """The model input: a table with ``text`` and ``context`` columns."""
        return pd.DataFrame({"text": self.texts, "context": self.context})


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


def _digest(texts: Sequence[str], labels: Sequence[str]) -> str:
    h = hashlib.sha256()
    for t, y in zip(texts, labels, strict=True):
        h.update(t.encode("utf-8") + b"\x1f" + y.encode("utf-8") + b"\x1e")
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
        texts, labels, _neighbour_context(rows), f"{name}/{split}", _digest(texts, labels)
    )


def _is_dataset(data: object) -> bool:
    # Without importing datasets when the data cannot be one (it is slow and heavy to import).
    if "datasets" not in sys.modules:
        return False
    import datasets

    return isinstance(data, datasets.Dataset)


def _slug(value: str) -> str:
    return re.sub(r"\W+", "_", value.strip().lower()).strip("_") or "none"


def read_training_data(
    data: str | Path | datasets.Dataset | Any,
    text_col: str = "text",
    label_col: str = "label",
    target_col: str | None = None,
) -> TrainingData:
    """Read a user's annotations: a CSV or JSONL file, a ``datasets.Dataset`` or a DataFrame.

    Any label set works. With ``target_col`` (for data with several targets), the target
    becomes a feature: a ``target_<name>`` word before the text and the target as context.

    Raises
    ------
    ValueError
        Naming the input: unknown format, missing column, no rows, empty texts, one class only.
    """
    where = str(data) if isinstance(data, (str, Path)) else type(data).__name__
    if isinstance(data, (str, Path)):
        path = Path(data)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such training data file")
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
            raise ValueError(f"{path}: training data must be .csv or .jsonl")
        columns = set().union(*(r.keys() for r in rows)) if rows else set()
    elif _is_dataset(data):
        rows, columns = [dict(r) for r in data], set(data.column_names)
    elif hasattr(data, "to_dict") and hasattr(data, "columns"):
        rows, columns = data.to_dict("records"), set(data.columns)
    else:
        raise ValueError(
            f"unsupported training data {where}: give a CSV/JSONL path, a "
            "datasets.Dataset or a pandas DataFrame"
        )
    if not rows:
        raise ValueError(f"{where}: the training data has no rows")
    for col in filter(None, (text_col, label_col, target_col)):
        if col not in columns:
            raise ValueError(f"{where}: no column {col!r}; columns are {sorted(columns)}")
    texts = ["" if r.get(text_col) is None else str(r[text_col]) for r in rows]
    empty = [i for i, t in enumerate(texts) if not t.strip()]
    if empty:
        raise ValueError(f"{where}: empty text in {len(empty)} rows (first: row {empty[0] + 1})")
    label_values = [r.get(label_col) for r in rows]
    if any(v is None or str(v).strip() == "" for v in label_values):
        raise ValueError(f"{where}: some rows have no value in label column {label_col!r}")
    labels = [str(v) for v in label_values]
    if len(set(labels)) < 2:
        raise ValueError(
            f"{where}: only one class ({labels[0]!r}) in {label_col!r}; a "
            "classifier needs at least two"
        )
    context = [""] * len(texts)
    if target_col:
        targets = [str(r.get(target_col) or "") for r in rows]
        texts = [f"target_{_slug(t)} {x}" for t, x in zip(targets, texts, strict=True)]
        context = targets
    return TrainingData(texts, labels, context, where, _digest(texts, labels))
