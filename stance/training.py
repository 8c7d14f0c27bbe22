"""Training models, on the project's datasets or on a user's own annotations; the default model.

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

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import datasets

from ._version import __version__
from .data import dataset_path
from .evaluation import evaluate
from .models import MIN_PER_CLASS, TARGET_AWARE, make_model
from .resources import resource_path
from .schema import InputSchema
from .selection import final_params, select_model
from .tables import PROJECT_DATA, TrainingData, project_split, read_training_data
from .trained import TrainedModel, load_model

__all__ = [
    "DEFAULT_MODEL",
    "SHIPPED_DEFAULT",
    "default_key",
    "default_model",
    "is_default_model",
    "train",
    "write_default_model",
]

DEFAULT_MODEL = "context"
"""The registered model used when none is given: the best of benchmarks/compare_models.py."""


def _read(
    data: Any,
    text_col: str,
    label_col: str,
    target_col: str | None,
    context_col: str | None,
    group_col: str | None,
) -> tuple[TrainingData, InputSchema]:
    """The training data and the columns a model trained on it will read."""
    if isinstance(data, str) and data in PROJECT_DATA:
        training = project_split(data, "train")
        return training, InputSchema(label_col="stance", labels=tuple(sorted(set(training.labels))))
    training = read_training_data(
        data, text_col, label_col, target_col, context_col=context_col, group_col=group_col
    )
    schema = InputSchema(
        text_col=text_col,
        target_col=target_col,
        context_col=context_col,
        label_col=label_col,
        labels=tuple(sorted(set(training.labels))),
    )
    return training, schema


def _check_model(model: str, training: TrainingData, schema: InputSchema) -> None:
    counts = Counter(training.labels)
    needed = MIN_PER_CLASS.get(model, 1)
    small = sorted(label for label, n in counts.items() if n < needed)
    if small:
        raise ValueError(
            f"{training.source}: model {model!r} needs at least {needed} examples of every "
            f"class; too few of {small}. Annotate more, or choose another model"
        )
    if model in TARGET_AWARE and not schema.target_col:
        raise ValueError(
            f"{training.source}: model {model!r} reads each text's target; give the target "
            "column (--target-col, target_col=...)"
        )


def train(
    model: str = "svm",
    data: str | Path | datasets.Dataset | Any = "all",
    *,
    text_col: str = "text",
    label_col: str = "label",
    target_col: str | None = None,
    context_col: str | None = None,
    group_col: str | None = None,
    average_labels: Sequence[str] | None = None,
    budget: float = 300.0,
    seed: int = 0,
    metric_resamples: int = 1000,
    **params: Any,
) -> TrainedModel:
    """Train a registered model, or choose one by cross-validation (``model="auto"``).

    Parameters
    ----------
    model : str
        A name from ``stance.models.available_models()``, or ``"auto"``: cross-validate the
        candidates of :data:`stance.selection.GRID` on the data (grouped by ``group_col`` if
        given) and refit the best on all of it (:func:`stance.selection.select_model`).
    data : str, path, datasets.Dataset or DataFrame
        ``"seeds"``, ``"extended"`` or ``"all"`` train on that project dataset's ``train`` split
        (never a test split); anything else is read by :func:`read_training_data`.
    text_col, label_col, target_col, context_col, group_col : str
        Columns of the user's data. The model file remembers the text, target and context
        columns (its ``schema``), and predicting on a table reads them the same way.
    average_labels : sequence of str, optional
        For ``auto``: the measure to choose by, the mean F1 of these labels (default macro-F1).
    budget, seed : float, int
        For ``auto``: seconds for the search (a bound it keeps; the refit of the chosen model
        on all the data comes after it, and its time is recorded as ``refit_s``), and the
        seed of its folds.
    metric_resamples : int
        Bootstrap resamples for the metrics recorded in the metadata; 0 records none (for
        timing training alone).
    **params
        ``set_params`` overrides for the model, e.g. ``clf__C=1.0``.

    Returns
    -------
    TrainedModel
        Its metadata holds the label set, the input schema (``input``), the sha256 of the
        training data, for ``auto`` the cross-validated score of every candidate
        (``selection``) and, for a project dataset, the scores on its fixed test split(s)
        (``metrics``); for a user's data, whose held-out part ``stance`` does not know,
        ``metrics`` stays empty.
    """
    training, schema = _read(data, text_col, label_col, target_col, context_col, group_col)
    selection = None
    if model == "auto":
        selection = select_model(
            training, schema, average_labels=average_labels, budget=budget, seed=seed
        )
        model = selection.best.model
        params = {**final_params(model, selection.best.params), **params}
    estimator = make_model(model, **params)
    _check_model(model, training, schema)
    schema = replace(
        schema,
        target_as_word=model not in TARGET_AWARE,
        context_required=bool(schema.context_col) and model in ("context", "ensemble"),
    )
    started = time.perf_counter()
    estimator.fit(schema.model_input(training.inputs()), training.labels)
    refit_seconds = time.perf_counter() - started  # after the search: outside its budget
    counts = Counter(training.labels)
    trained = TrainedModel(
        estimator,
        {
            "model": model,
            "params": {k: repr(v) for k, v in params.items()},
            "labels": sorted(counts),
            "label_counts": dict(sorted(counts.items())),
            "input": schema.to_dict(),
            "training_data": training.source,
            "training_data_sha256": training.sha256,
            "n_train": len(training.texts),
            "metrics": {},
            "stance_version": __version__,
        },
    )
    if selection is not None:
        trained.metadata["selection"] = {**selection.report(), "refit_s": round(refit_seconds, 2)}
    if isinstance(data, str) and data in PROJECT_DATA and metric_resamples > 0:
        _record_test_scores(trained, data, metric_resamples)
    return trained


def _record_test_scores(trained: TrainedModel, data: str, resamples: int) -> None:
    # Scores on the fixed test splits, never trained on, travel with the model file.
    for name in {"all": ["seeds", "extended", "news"]}.get(data, [data]):
        report = evaluate(trained, name, "test", n_resamples=resamples, attribution=False)
        trained.metadata["metrics"][f"{name}/test"] = {
            k: report[k] for k in ("n", "accuracy", "macro_f1", "macro_f1_ci", "data_sha256")
        }


def _cache_dir() -> Path:
    import os

    root = os.environ.get("STANCE_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(root) / "stance" if root else Path.home() / ".cache" / "stance"


SHIPPED_DEFAULT = resource_path("default.stance")
"""The default model as the package ships it, trained by :func:`write_default_model`."""


def default_key() -> str:
    """What the default model depends on: the library version, the model's definition (its
    unfitted pipeline) and the sha256 of every training data file."""
    parts = [__version__, DEFAULT_MODEL, repr(make_model(DEFAULT_MODEL))]
    # The files' bytes, not their parsed records: this runs at every start of `stance label`,
    # and parsing and validating 20,000 records there would cost a fifth of a second.
    parts += [
        hashlib.sha256(dataset_path(name).read_bytes()).hexdigest()
        for name in ("seeds", "extended", "news")
    ]
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


def is_default_model(model: object) -> bool:
    """Whether ``model`` is the default model this process loaded (by identity: nothing is
    loaded to answer)."""
    return model is not None and model is _DEFAULT


def write_default_model(path: str | Path = SHIPPED_DEFAULT) -> Path:
    """Train the default model on ``all`` and write it where the package ships it.

    Run after any change of the training data or of the default model's definition
    (``python data/build/write_default_model.py``); a test fails while the shipped file is stale.
    """
    model = train(DEFAULT_MODEL, "all")
    model.metadata["default_key"] = default_key()
    return model.save(path)


_DEFAULT: TrainedModel | None = None
