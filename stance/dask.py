"""Documents already on a Dask cluster in, a Dask DataFrame of statements out.

For text that lives on shared storage (Parquet or JSONL read with ``dask.dataframe``), the
labelling runs where the partitions are: :func:`label_partitions` maps every partition to its
statements, lazily, with the columns and dtypes of :data:`META`. The rows are the records
``stance label`` writes (without ``source``): one per statement, and one flag row (status
``not_english``, the rest null) for a document not labelled.

The model goes to the workers once: the default model and gazetteer are loaded by each worker
process itself (once, cached); a model file path is loaded once per worker; a model object or
a gazetteer object is one node of the graph that every partition depends on, so each worker
fetches it once.

``dask`` is the ``dask`` extra (``pip install "stance[dask]"``); this module imports it only
when called. A Dask bag of dicts becomes a DataFrame with ``bag.to_dataframe()``.

Examples
--------
>>> list(META)[:4]
['doc', 'status', 'index', 'start']
>>> META["confidence"], META["actor_start"]
('float64', 'Int64')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .labelling import DocItem, label_chunk, resolve_gazetteer, resolve_model
from .parallel import batched
from .results import RECORD_FIELDS, records_of
from .trained import TrainedModel

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe
    import pandas as pd

__all__ = ["META", "label_partitions"]

_INTEGERS = {"index", "start", "end", "actor_start", "actor_end", "voice_start", "voice_end"}
_FLOATS = {"confidence", "attribution_score", "voice_confidence"}

META: Mapping[str, str] = {
    name: "Int64" if name in _INTEGERS else "float64" if name in _FLOATS else "string"
    for name in RECORD_FIELDS
    if name != "source"
}
"""The columns of :func:`label_partitions` and their pandas dtypes: ``doc``, ``status`` (``ok``
or ``not_english``), ``index``, ``start``, ``end`` (nullable Int64: offsets into the document's
text), ``text``, ``stance``, ``confidence`` (float64), ``actor``, ``actor_type``, ``country``,
``cue`` (strings; pandas' ``string`` dtype), ``actor_start``, ``actor_end`` (Int64, null when
the actor is not named), ``rule`` (string) and ``attribution_score`` (float64, null when no
ranker decided), and the document's voice: ``voice``, ``voice_source``, ``genre`` (strings),
``voice_start``, ``voice_end`` (Int64) and ``voice_confidence`` (float64). A flag row has only
``doc`` and ``status``."""

# Files loaded by this (worker) process, by kind, path, size and modification time: each worker
# reads a model or gazetteer file once however many partitions it labels.
_LOADED: dict[tuple[str, str, int, int], Any] = {}


def _here(kind: str, value: Any) -> Any:
    """The model or gazetteer ``value`` names, a file loaded once per process."""
    resolve = resolve_model if kind == "model" else resolve_gazetteer
    if not isinstance(value, (str, Path)):
        return resolve(value)
    path = os.path.abspath(value)
    stat = os.stat(path)
    key = (kind, path, stat.st_size, stat.st_mtime_ns)
    if key not in _LOADED:
        _LOADED[key] = resolve(path)
    return _LOADED[key]


def _empty() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in META.items()})


def _label_partition(
    part: pd.DataFrame,
    model: Any,
    gazetteer: Any,
    text_col: str,
    id_col: str | None,
    publisher_col: str | None,
    check_language: bool,
    min_confidence: float,
) -> pd.DataFrame:
    """The statements of one partition (run on a worker)."""
    import pandas as pd

    trained, gaz = _here("model", model), _here("gazetteer", gazetteer)
    ids = part[id_col] if id_col is not None else part.index
    voices = part[publisher_col] if publisher_col is not None else [None] * len(part)
    items = [
        DocItem(str(doc), text, None if pd.isna(voice) else str(voice), "", {})
        for doc, text, voice in zip(ids, part[text_col], voices, strict=True)
    ]
    rows = []
    for chunk in batched(items, 64):  # one model call per 64 documents: bounded memory
        for result in label_chunk(chunk, trained, gaz, check_language):
            rows.extend(records_of(result, min_confidence))
    if not rows:
        return _empty()
    return pd.DataFrame(rows, columns=list(META)).astype(dict(META))


def _check_columns(ddf: Any, text_col: str, id_col: str | None, publisher_col: str | None) -> None:
    columns = list(ddf.columns)
    for role, name in (
        ("text_col", text_col),
        ("id_col", id_col),
        ("publisher_col", publisher_col),
    ):
        if name is not None and name not in columns:
            raise ValueError(
                f"label_partitions: {role}={name!r} is not a column of the dataframe; its "
                f"columns are {', '.join(map(str, columns))}"
            )


def label_partitions(
    ddf: dask.dataframe.DataFrame,
    text_col: str = "text",
    id_col: str | None = None,
    *,
    publisher_col: str | None = None,
    model: TrainedModel | str | Path | None = None,
    gazetteer: Any = None,
    check_language: bool = True,
    min_confidence: float = 0.0,
) -> dask.dataframe.DataFrame:
    """Label the documents of a Dask DataFrame, partition by partition, lazily.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        One document per row (e.g. ``dd.read_parquet(...)`` or ``dd.read_json(..., lines=True)``
        on shared storage).
    text_col : str
        The column with each document's text.
    id_col : str, optional
        The column with each document's id (by default the row's index label, as a string).
    publisher_col : str, optional
        A column with each document's voice (see :func:`stance.label`'s ``publisher``).
    model : TrainedModel, path or None
        The default model (each worker loads its own), a model file every worker can read
        (loaded once per worker), or a model (sent once per worker).
    gazetteer : Gazetteer or path, optional
        As for :func:`stance.label`.
    check_language : bool
        Flag, rather than label, documents that do not read as English.
    min_confidence : float
        Keep only statements at least this sure.

    Returns
    -------
    dask.dataframe.DataFrame
        One row per statement (and per document not labelled), with the columns and dtypes of
        :data:`META`, partition by partition in the order of ``ddf``.

    Raises
    ------
    ValueError
        If a named column is not in ``ddf``.
    stance.cluster.DaskMissingError
        If dask is not installed.
    """
    try:
        import dask
    except ImportError as exc:  # pragma: no cover - the extra is installed for the tests
        from .cluster import DaskMissingError

        raise DaskMissingError(
            'label_partitions needs the dask extra: python -m pip install "stance[dask]"'
        ) from exc
    _check_columns(ddf, text_col, id_col, publisher_col)
    # An object is one node of the graph (each worker fetches it once); None and paths are
    # loaded by the workers themselves.
    if not (model is None or isinstance(model, (str, Path))):
        model = dask.delayed(model, pure=True)
    if gazetteer is not None and not isinstance(gazetteer, (str, Path)):
        gazetteer = dask.delayed(gazetteer, pure=True)
    return ddf.map_partitions(
        _label_partition,
        model,
        gazetteer,
        text_col,
        id_col,
        publisher_col,
        check_language,
        min_confidence,
        meta=_empty(),
        align_dataframes=False,
    )
