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
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import datasets

from ._version import __version__
from .data import read_records
from .evaluation import evaluate
from .models import MIN_PER_CLASS, make_model
from .resources import resource_path
from .tables import PROJECT_DATA, project_split, read_training_data
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
    if isinstance(data, str) and data in PROJECT_DATA:
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
    if isinstance(data, str) and data in PROJECT_DATA and metric_resamples > 0:
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
