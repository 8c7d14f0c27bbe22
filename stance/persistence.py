"""Saving and loading trained models without ever executing code from the file.

A model file is a zip archive with two members:

``model.skops``
    The fitted scikit-learn estimator in skops' format, which records objects as data (class
    names and their state) instead of pickle byte code.
``metadata.json``
    The file format version, the ``stance`` and scikit-learn versions that wrote it, the label
    set, the sha256 of the training data, evaluation metrics, and the sha256 of ``model.skops``.

Loading refuses, with a :class:`ModelFileError` naming the file and the problem: anything that is
not such an archive (a truncated file, a pickle), a file written by an incompatible version, a
``model.skops`` whose sha256 differs from the recorded one (a tampered or corrupted file), and any
object type outside :data:`ALLOWED_TYPES`, a fixed allow-list that no caller can extend. Only then
is ``skops.io.loads`` called, with exactly those types trusted. The digest check catches corruption
and naive edits; the protection against malicious files is the allow-list, since skops never
unpickles and constructs only the listed types.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import sklearn
import skops.io as sio
from skops.io.exceptions import UntrustedTypesFoundException

from ._version import __version__

__all__ = [
    "ALLOWED_TYPES",
    "FORMAT_VERSION",
    "ModelFileError",
    "read_model_file",
    "write_model_file",
]

FORMAT = "stance-model"
FORMAT_VERSION = 1
_MODEL, _META = "model.skops", "metadata.json"

ALLOWED_TYPES: frozenset[str] = frozenset(
    {
        # containers and scalars
        "builtins.bool",
        "builtins.dict",
        "builtins.float",
        "builtins.int",
        "builtins.list",
        "builtins.str",
        "builtins.tuple",
        "numpy.bool_",
        "numpy.dtype",
        "numpy.float32",
        "numpy.float64",
        "numpy.int32",
        "numpy.int64",
        "numpy.ndarray",
        "re.Pattern",
        # the estimators of stance.models
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.dummy.DummyClassifier",
        "sklearn.ensemble._voting.VotingClassifier",
        "sklearn.preprocessing._label.LabelEncoder",
        "sklearn.utils._bunch.Bunch",
        "sklearn.feature_extraction.text.CountVectorizer",
        "stance.models.Tfidf",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.naive_bayes.ComplementNB",
        "sklearn.pipeline.FeatureUnion",
        "sklearn.pipeline.Pipeline",
        "sklearn.svm._classes.LinearSVC",
        "stance.models.ColumnText",
        "stance.features.CueCounts",
        "stance.models.LexiconClassifier",
        "stance.models.SentenceEmbedder",
        "stance.targets.LinearSVCProba",
        "stance.targets.PerTarget",
        "stance.targets.TargetInteractions",
    }
)
"""Every type a model file may contain; nothing else is ever constructed when loading."""


class ModelFileError(ValueError):
    """A model file that cannot be loaded safely; the message names the file and the problem."""


def _payload_types(payload: bytes) -> set[str]:
    """Every type a skops payload would construct, read from its schema (no object is built).

    skops' own check only lists types it does not trust by default; the project's allow-list is
    narrower, so every type of the file is checked against it, trusted by skops or not.
    """
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        schema = json.loads(zf.read("schema.json"))
    found: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "__module__" in node and "__class__" in node:
                found.add(f"{node['__module__']}.{node['__class__']}")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_model_file(path: str | Path, estimator: Any, metadata: dict) -> Path:
    """Write a fitted estimator and its metadata to ``path`` atomically.

    The archive is written to a temporary file beside ``path`` and renamed into place, so an
    interruption never leaves a half-written model file.

    Raises
    ------
    ModelFileError
        If the estimator holds a type outside :data:`ALLOWED_TYPES` (it could not be loaded).
    """
    path = Path(path)
    payload = sio.dumps(estimator)
    foreign = sorted(_payload_types(payload) - ALLOWED_TYPES)
    if foreign:
        raise ModelFileError(f"{path}: the model holds types that loading would refuse: {foreign}")
    meta = {
        **metadata,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "stance_version": __version__,
        "sklearn_version": sklearn.__version__,
        "model_sha256": _sha256(payload),
    }
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_META, json.dumps(meta, indent=1, sort_keys=True))
        zf.writestr(_MODEL, payload)
    tmp.replace(path)
    return path


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def read_model_file(path: str | Path) -> tuple[Any, dict]:
    """Load ``(estimator, metadata)`` from a model file, refusing anything unsafe or foreign.

    Raises
    ------
    ModelFileError
        Naming ``path``: not a model archive, truncated, incompatible version, digest mismatch
        (tampered), or a type outside the allow-list.
    FileNotFoundError
        If ``path`` does not exist (a directory is a ``ModelFileError`` that says so).
    """
    path = Path(path)
    if path.is_dir():
        raise ModelFileError(
            f"{path}: is a directory, not a model file; give the .stance file that "
            "`stance train -o FILE` wrote"
        )
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such model file")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if names != {_MODEL, _META}:
                raise ModelFileError(
                    f"{path}: not a stance model file (members {sorted(names)}, expected "
                    f"{[_META, _MODEL]})"
                )
            meta = json.loads(zf.read(_META))
            payload = zf.read(_MODEL)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise ModelFileError(
            f"{path}: not a stance model file, or truncated ({exc}); model files are zip "
            "archives written by model.save(), never pickles"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError) as exc:
        raise ModelFileError(f"{path}: unreadable metadata ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError(f"{path}: not a stance model file (format {meta.get('format')!r})")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelFileError(
            f"{path}: model file format {meta.get('format_version')!r}, this stance reads "
            f"format {FORMAT_VERSION}; retrain the model with stance {__version__}"
        )
    written_by = str(meta.get("stance_version", "?"))
    if _major_minor(written_by) != _major_minor(__version__):
        raise ModelFileError(
            f"{path}: written by stance {written_by}, incompatible with stance {__version__}; "
            "retrain the model"
        )
    if _major_minor(str(meta.get("sklearn_version", "?"))) != _major_minor(sklearn.__version__):
        raise ModelFileError(
            f"{path}: written with scikit-learn {meta.get('sklearn_version')}, this environment "
            f"has {sklearn.__version__}; retrain the model or install that scikit-learn"
        )
    if _sha256(payload) != meta.get("model_sha256"):
        raise ModelFileError(
            f"{path}: the model does not match its recorded sha256: the file was altered or "
            "corrupted after it was written"
        )
    try:
        found = _payload_types(payload)
    except Exception as exc:  # malformed input raises many kinds of errors; all mean "refuse"
        raise ModelFileError(f"{path}: malformed model payload ({type(exc).__name__})") from None
    foreign = sorted(found - ALLOWED_TYPES)
    if foreign:
        raise ModelFileError(f"{path}: refused, the model holds types not allowed: {foreign}")
    # skops audits the payload again as it loads and refuses any type it does not trust by
    # default that is not in the allow-list (one pass: no separate get_untrusted_types).
    try:
        estimator = sio.loads(payload, trusted=sorted(ALLOWED_TYPES))
    except UntrustedTypesFoundException as exc:
        raise ModelFileError(f"{path}: refused, the model holds types not allowed: {exc}") from None
    except Exception as exc:
        raise ModelFileError(f"{path}: malformed model payload ({type(exc).__name__})") from None
    return estimator, meta
