"""Training and evaluating models, on the project's datasets or on a user's own annotations.

Examples
--------
>>> import stance
>>> model = stance.train(model="logreg", data="seeds")
>>> report = stance.evaluate(model, dataset="seeds", split="test", n_resamples=200)
>>> sorted(report)[:5]
['accuracy', 'attribution', 'confusion_matrix', 'data_sha256', 'dataset']
>>> sorted(report["attribution"])[:3]
['actor_type_accuracy', 'actor_type_accuracy_ci', 'country_accuracy']
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    import datasets

from . import __version__
from .data import DATASETS, load_dataset, read_records
from .evaluation import score
from .labels import STANCES
from .models import MIN_PER_CLASS, DocumentProba, make_model, neighbour_context
from .persistence import read_model_file, write_model_file

__all__ = [
    "DEFAULT_MODEL",
    "TrainedModel",
    "TrainingData",
    "default_model",
    "evaluate",
    "load_model",
    "read_training_data",
    "train",
]

DEFAULT_MODEL = "context"
"""The registered model used when none is given: the best of benchmarks/compare_models.py."""

_PROJECT_DATA = (*DATASETS, "all")


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


def train(
    model: str = "svm",
    data: str | Path | datasets.Dataset | Any = "all",
    *,
    text_col: str = "text",
    label_col: str = "label",
    target_col: str | None = None,
    metric_resamples: int = 1000,
    **params: Any,
) -> TrainedModel:
    """Train a registered model.

    Parameters
    ----------
    model : str
        A name from ``stance.models.available_models()``.
    data : str, path, datasets.Dataset or DataFrame
        ``"seeds"``, ``"extended"`` or ``"all"`` train on that project dataset's ``train`` split
        (never a test split); anything else is read by :func:`read_training_data`.
    text_col, label_col, target_col : str
        Columns of the user's data.
    metric_resamples : int
        Bootstrap resamples for the metrics recorded in the metadata; 0 records none (for
        timing training alone).
    **params
        ``set_params`` overrides for the model, e.g. ``clf__C=1.0``.

    Returns
    -------
    TrainedModel
        Its metadata holds the label set, the sha256 of the training data and, for a project
        dataset, the scores on its fixed test split(s) (``metrics``); for a user's data, whose
        held-out part ``stance`` does not know, ``metrics`` stays empty.
    """
    estimator = make_model(model, **params)
    if isinstance(data, str) and data in _PROJECT_DATA:
        training = project_split(data, "train")
    else:
        training = read_training_data(data, text_col, label_col, target_col)
    counts = Counter(training.labels)
    needed = MIN_PER_CLASS.get(model, 1)
    small = sorted(label for label, n in counts.items() if n < needed)
    if small:
        raise ValueError(
            f"{training.source}: model {model!r} needs at least {needed} examples of every "
            f"class; too few of {small}. Annotate more, or choose another model"
        )
    estimator.fit(training.inputs(), training.labels)
    trained = TrainedModel(
        estimator,
        {
            "model": model,
            "params": {k: repr(v) for k, v in params.items()},
            "labels": sorted(counts),
            "label_counts": dict(sorted(counts.items())),
            "training_data": training.source,
            "training_data_sha256": training.sha256,
            "n_train": len(training.texts),
            "metrics": {},
            "stance_version": __version__,
        },
    )
    if isinstance(data, str) and data in _PROJECT_DATA and metric_resamples > 0:
        # Scores on the fixed test splits, never trained on, travel with the model file.
        tests = {"all": ["seeds", "extended", "news"]}.get(data, [data])
        for name in tests:
            report = evaluate(
                trained, name, "test", n_resamples=metric_resamples, attribution=False
            )
            trained.metadata["metrics"][f"{name}/test"] = {
                k: report[k] for k in ("n", "accuracy", "macro_f1", "macro_f1_ci", "data_sha256")
            }
    return trained


def evaluate(
    model: TrainedModel | str | Path,
    dataset: str = "seeds",
    split: str = "test",
    n_resamples: int = 1000,
    seed: int = 0,
    attribution: bool = True,
) -> dict:
    """Score a model on a project dataset split.

    Parameters
    ----------
    model : TrainedModel or path
        A trained model or a model file (loaded safely).
    dataset, split : str
        A project dataset and one of its splits.
    n_resamples, seed : int
        Bootstrap resamples for the macro-F1 interval, and their seed.
    attribution : bool
        Also score actor attribution and who-said-what end to end (a few seconds more).

    Returns
    -------
    dict
        ``accuracy``, ``macro_f1``, ``macro_f1_ci`` (95% bootstrap, ``n_resamples`` resamples,
        fixed ``seed``), ``per_class`` precision/recall/F1/support, ``confusion_matrix``, and
        ``dataset``, ``split``, ``data_sha256`` (of the dataset file) and ``model``. For a
        project dataset also ``attribution`` (actor type, country and name accuracy on the
        statements whose gold stance is not neutral, see
        :func:`stance.evaluation.score_attribution`) and ``end_to_end`` (stance and actor
        right together, with the model's stances and actor ``none`` for neutral).
    """
    if not isinstance(model, TrainedModel):
        model = load_model(model)
    data = project_split(dataset, split)
    predictions = model.predict(data.inputs())
    labels = sorted(set(model.classes_) | set(data.labels))
    if set(labels) <= set(STANCES):
        labels = list(STANCES)  # the scheme's order, every stance counted even if absent
    report = score(data.labels, predictions, labels, n_resamples, seed)
    report = {
        **report,
        "dataset": dataset,
        "split": split,
        "data_sha256": read_records(dataset)[1],
        "model": model.metadata.get("model"),
    }
    if attribution and dataset in DATASETS:
        report.update(_actor_reports(dataset, split, list(predictions)))
    return report


def _actor_reports(dataset: str, split: str, predictions: list[str]) -> dict:
    """Attribution scores, and who-said-what end to end with the model's stances."""
    from .attribution import attribute_split
    from .evaluation import score_attribution, wilson_interval

    attributions = attribute_split(dataset, split)
    gold = [r for r in read_records(dataset)[0] if r["split"] == split]
    found = [attributions[r["id"]] for r in gold]
    # End to end: the labeller gives a statement it finds neutral the actor "none".
    correct = sum(
        (a.actor_type, a.country) == (g["actor_type"], g["country"])
        if p != "neutral"
        else g["actor_type"] == "none"
        for g, a, p in zip(gold, found, predictions, strict=True)
    )
    return {
        "attribution": score_attribution(gold, found),
        "end_to_end": {
            "n": len(gold),
            "stance_and_actor_accuracy": round(
                sum(
                    p == g["stance"]
                    and (
                        p == "neutral"
                        or (a.actor_type, a.country) == (g["actor_type"], g["country"])
                    )
                    for g, a, p in zip(gold, found, predictions, strict=True)
                )
                / len(gold),
                3,
            ),
            "actor_type_and_country_accuracy": round(correct / len(gold), 3),
            "actor_type_and_country_accuracy_ci": list(wilson_interval(correct, len(gold))),
        },
    }


def _cache_dir() -> Path:
    import os

    root = os.environ.get("STANCE_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(root) / "stance" if root else Path.home() / ".cache" / "stance"


SHIPPED_DEFAULT = Path(__file__).parent / "_resources" / "default.stance"
"""The default model as the package ships it, trained by :func:`write_default_model`."""


def default_key() -> str:
    """What the default model depends on: the library version, the model's definition (its
    unfitted pipeline) and the sha256 of every training data file."""
    parts = [__version__, DEFAULT_MODEL, repr(make_model(DEFAULT_MODEL))]
    parts += [read_records(name)[1] for name in ("seeds", "extended", "news")]
    return hashlib.sha256("".join(parts).encode()).hexdigest()[:16]


def default_model(*, announce: Callable[[str], None] | None = None) -> TrainedModel:
    """The default model: shipped pre-trained in the package, else trained once and cached.

    The package carries the model trained deterministically on ``all``
    (``stance/_resources/default.stance``, loaded through the same safe path as any model
    file). Where that file is missing or was trained for other data or another version of the
    model (its ``default_key`` differs, as in a checkout whose data changed), the model is
    trained on ``all`` at first use, about 20 s, and cached: a file named by
    :func:`default_key` in ``$STANCE_CACHE/stance`` (else the XDG cache), written atomically.
    Where the cache directory is not writable, it is kept in memory for this process only.

    Parameters
    ----------
    announce : callable, optional
        Called with a one-line message before training starts (the command line prints it), so
        a first run says why it takes time; never called when the model is ready.
    """
    global _DEFAULT
    if _DEFAULT is not None:
        return _DEFAULT
    key = default_key()
    if SHIPPED_DEFAULT.is_file():
        shipped = load_model(SHIPPED_DEFAULT)
        if shipped.metadata.get("default_key") == key:
            _DEFAULT = shipped
            return shipped
    path = _cache_dir() / f"default-{DEFAULT_MODEL}-{key}.stance"
    if path.is_file():
        try:
            _DEFAULT = load_model(path)
            return _DEFAULT
        except ValueError:
            pass  # a damaged cache file is retrained and replaced below
    if announce is not None:
        announce(
            f"training the default model ({DEFAULT_MODEL}) once, about 20 s; later runs reuse it"
        )
    model = train(DEFAULT_MODEL, "all")
    model.metadata["default_key"] = key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
    except OSError:
        pass
    _DEFAULT = model
    return model


def write_default_model(path: str | Path = SHIPPED_DEFAULT) -> Path:
    """Train the default model on ``all`` and write it where the package ships it.

    Run after any change of the training data or of the default model's definition
    (``python -m stance.training``); a test fails while the shipped file is stale.
    """
    model = train(DEFAULT_MODEL, "all")
    model.metadata["default_key"] = default_key()
    return model.save(path)


_DEFAULT: TrainedModel | None = None


if __name__ == "__main__":  # pragma: no cover - a build step: python -m stance.training
    print(f"default model -> {write_default_model()}")
