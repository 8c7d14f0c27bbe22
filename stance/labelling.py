"""Label documents: every statement with its stance, confidence and actor.

Data flows one way: text -> :func:`stance.segment` -> :func:`stance.attribution.attribute` ->
the stance model -> :class:`Statement`. A statement the model finds ``neutral`` has actor
``none`` (codebook, section 3: the actor is whoever holds a position, and a neutral statement
holds none).

:func:`label_many` streams: it reads its input lazily, labels documents in chunks (one model
call per chunk, which is where the speed comes from) and yields them in input order, so memory
stays flat however many documents go through. With ``n_jobs > 1`` the chunks go to worker
processes (:func:`map_chunks`).

Examples
--------
>>> import stance
>>> statements = stance.label(
...     "Wang Wenbin said the accusations are lies. The weather was fine.", doc_id="ex")
>>> [(s.index, s.actor_type) for s in statements][-1]
(1, 'none')
>>> stance.to_dataframe(statements).columns[:5].tolist()
['doc', 'index', 'start', 'end', 'text']
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import signal
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from .attribution import attribute, resolve_actor
from .gazetteer import Actor, Gazetteer, default_gazetteer
from .language import looks_english
from .segmentation import segment
from .trained import TrainedModel, load_model
from .training import default_model

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    import pandas as pd

__all__ = [
    "LabelledDocument",
    "Statement",
    "label",
    "label_many",
    "to_dataframe",
    "to_dataset",
]


@dataclass(frozen=True)
class Statement:
    """One labelled statement of a document.

    Attributes
    ----------
    doc : str
        Document id.
    index, start, end : int
        Position in the document: ``start``/``end`` are character offsets into its text.
    text : str
        The statement, cleaned of inline markup.
    stance : str
        The predicted stance; ``confidence`` is the model's probability for it.
    actor, actor_type, country : str
        Who holds the stance (``"none"``, ``"none"``, ``""`` for a neutral statement).
    cue : str
        The reporting verb or phrase that links the actor to the statement ("" when the actor
        comes from the document's voice or from the sentences before).
    actor_start, actor_end : int or None
        Where the actor is named in the document, when it is.
    """

    doc: str
    index: int
    start: int
    end: int
    text: str
    stance: str
    confidence: float
    actor: str
    actor_type: str
    country: str
    cue: str
    actor_start: int | None = None
    actor_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The statement as a plain dict (JSON-ready)."""
        # Not dataclasses.asdict: it deep-copies every value, and this runs per statement.
        # The instance dict holds exactly the fields, set in their order by __init__.
        return self.__dict__.copy()


Status = Literal["ok", "not_english"]


@dataclass(frozen=True)
class LabelledDocument:
    """The result for one document of :func:`label_many`.

    ``status`` is ``"ok"``, or ``"not_english"`` for a text that was not labelled because it
    does not read as English (the models and cues only know English).
    """

    doc: str
    statements: tuple[Statement, ...] = ()
    status: Status = "ok"
    source: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)


STATEMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Statement))


def _model(model: TrainedModel | str | None) -> TrainedModel:
    if model is None:
        return default_model()
    if isinstance(model, TrainedModel):
        return model
    return load_model(model)


def _gazetteer(gazetteer: Gazetteer | str | Path | None) -> Gazetteer:
    """The shipped gazetteer, a given one, or the shipped one with a user's file over it."""
    if gazetteer is None:
        return default_gazetteer()
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    return Gazetteer.load(extra=gazetteer)


def _voice(publisher: str | Actor | None, gaz: Gazetteer) -> Actor | None:
    if publisher is None or publisher == "":
        return None
    actor = publisher if isinstance(publisher, Actor) else resolve_actor(publisher, gaz)
    # A news outlet's narration is not a position of the outlet (codebook, section 2).
    return None if actor.type == "media" else actor


def _prepare(
    doc: str, text: str, publisher: str | Actor | None, gaz: Gazetteer
) -> tuple[list, list]:
    segments = segment(text, doc)
    attributions = attribute(text, segments, voice=_voice(publisher, gaz), gazetteer=gaz)
    return segments, attributions


def _label_chunk(
    items: list[tuple[str, str, str | Actor | None, str, Mapping[str, str]]],
    model: TrainedModel,
    gaz: Gazetteer,
    check_language: bool,
) -> list[LabelledDocument]:
    """Label a chunk of documents with one model call."""
    prepared = []
    documents: list[list[str]] = []
    for doc, text, publisher, source, meta in items:
        if check_language and not looks_english(text):
            prepared.append((doc, source, meta, None))
            continue
        segments, attributions = _prepare(doc, text, publisher, gaz)
        prepared.append((doc, source, meta, (segments, attributions)))
        documents.append([s.text for s in segments])
    if any(documents):
        # Each statement with its neighbours as context (stance.models.neighbour_context).
        proba = model.predict_proba_documents(documents)
        classes = np.asarray(model.classes_)
        best = proba.argmax(axis=1)
        stances = classes[best].tolist()
        confidence = proba[np.arange(len(best)), best].round(4).tolist()
    else:
        stances, confidence = [], []
    out: list[LabelledDocument] = []
    k = 0
    for doc, source, meta, parts in prepared:
        if parts is None:
            out.append(LabelledDocument(doc, (), "not_english", source, meta))
            continue
        statements = []
        for seg, attr in zip(*parts, strict=True):
            stance_, conf = stances[k], confidence[k]
            k += 1
            holds = stance_ != "neutral" and attr.actor != "none"
            statements.append(
                Statement(
                    doc=doc,
                    index=seg.index,
                    start=seg.start,
                    end=seg.end,
                    text=seg.text,
                    stance=stance_,
                    confidence=conf,
                    actor=attr.actor if holds else "none",
                    actor_type=attr.actor_type if holds else "none",
                    country=attr.country if holds else "",
                    cue=attr.cue if holds else "",
                    actor_start=attr.actor_start if holds else None,
                    actor_end=attr.actor_end if holds else None,
                )
            )
        out.append(LabelledDocument(doc, tuple(statements), "ok", source, meta))
    return out


def label(
    text: str,
    model: TrainedModel | str | None = None,
    doc_id: str | None = None,
    *,
    publisher: str | Actor | None = None,
    check_language: bool = True,
    gazetteer: Gazetteer | str | Path | None = None,
) -> list[Statement]:
    """Label every statement of one document.

    Parameters
    ----------
    text : str
        The document.
    model : TrainedModel, path or None
        A trained model, a model file (loaded safely), or ``None`` for the default model.
    doc_id : str, optional
        Stored in every statement (``"doc"`` when not given).
    publisher : str or Actor, optional
        Whose own voice the document is in, when it is someone's: the NGO of a release, the
        spokesperson of a transcript, the state of a speech. Statements with no attribution of
        their own are given to it. A news outlet is ignored here: news narration has no actor.
    check_language : bool
        Refuse text that does not read as English (the default), rather than label it as if it
        were.
    gazetteer : Gazetteer or path, optional
        Known actors: a :class:`~stance.gazetteer.Gazetteer`, or a CSV file of your own actors
        (the columns of ``data/gazetteer.csv``) read over the shipped ones.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If ``check_language`` and the text does not read as English.

    Examples
    --------
    >>> s = label('"Stop the abuses," said Human Rights Watch.', doc_id="hrw")[0]
    >>> s.doc, s.actor, s.actor_type, s.cue
    ('hrw', 'Human Rights Watch', 'ngo', 'said')
    """
    if not isinstance(text, str):
        raise TypeError(f"label() needs the document text as str, got {type(text).__name__}")
    doc = doc_id if doc_id is not None else "doc"
    trained = _model(model)
    [result] = _label_chunk(
        [(doc, text, publisher, doc, {})], trained, _gazetteer(gazetteer), check_language
    )
    if result.status == "not_english":
        raise ValueError(
            f"document {doc!r} does not read as English; stance labels English text only "
            "(pass check_language=False to label it anyway)"
        )
    return list(result.statements)


DocInput = str | tuple[str, str] | Any


def _normalise(item: DocInput, position: int) -> tuple[str, str, Any, str, Mapping[str, str]]:
    if isinstance(item, str):
        return f"doc{position}", item, None, "", {}
    if isinstance(item, tuple) and len(item) == 2:
        doc, text = item
        if not isinstance(text, str):
            raise TypeError(f"document {doc!r}: its text is {type(text).__name__}, not str")
        return str(doc), text, None, "", {}
    text = getattr(item, "text", None)
    if isinstance(text, str):  # a stance.readers.Document, or anything shaped like one
        meta = dict(getattr(item, "meta", {}) or {})
        return str(item.id), text, meta.get("publisher"), str(getattr(item, "source", "")), meta
    raise TypeError(
        f"document {position}: expected a text, an (id, text) pair or a Document, "
        f"got {type(item).__name__}"
    )


def label_many(
    docs: Iterable[DocInput],
    model: TrainedModel | str | None = None,
    n_jobs: int = 1,
    *,
    publisher: str | Actor | None = None,
    chunk_size: int = 64,
    check_language: bool = True,
    gazetteer: Gazetteer | str | Path | None = None,
) -> Iterator[LabelledDocument]:
    """Label many documents, streaming, in input order.

    Parameters
    ----------
    docs : iterable
        Texts (ids ``doc0``, ``doc1``, ...), ``(id, text)`` pairs, or ``stance.readers.Document``
        objects (a ``publisher`` in their ``meta`` is the document's voice). Read lazily.
    model : TrainedModel, path or None
        As for :func:`label`; loaded once.
    n_jobs : int
        Worker processes (joblib); 1 labels in this process.
    publisher : str or Actor, optional
        The voice of every document that does not name its own.
    chunk_size : int
        Documents per model call (and per job).
    check_language : bool
        Documents that do not read as English are yielded with status ``"not_english"`` and no
        statements.
    gazetteer : Gazetteer or path, optional
        As for :func:`label`.

    Yields
    ------
    LabelledDocument
        One per input document, in input order.

    Examples
    --------
    >>> docs = [("a", "HRW urged an inquiry."), ("b", "Le gouvernement a refusé de répondre "
    ...         "aux questions des journalistes sur la situation.")]
    >>> [(d.doc, d.status, len(d.statements)) for d in label_many(docs)]
    [('a', 'ok', 1), ('b', 'not_english', 0)]
    """
    check_jobs(n_jobs)
    trained = _model(model)
    gaz = _gazetteer(gazetteer)
    yield from map_chunks(
        _label_chunk, chunks(docs, publisher, chunk_size), n_jobs, trained, gaz, check_language
    )


def chunks(docs: Iterable[DocInput], publisher: Any, size: int) -> Iterator[list]:
    """The input, read lazily, as lists of ``size`` normalised documents."""
    items = (
        (d, t, p if p is not None else publisher, s, m)
        for d, t, p, s, m in (_normalise(x, i) for i, x in enumerate(docs))
    )
    while chunk := list(itertools.islice(items, size)):
        yield chunk


# What forked workers need (the work and its model and gazetteer), under a key per run: a forked
# process starts as a copy of this one, so nothing here is pickled or loaded again.
_SHARED: dict[int, tuple[Any, tuple[Any, ...]]] = {}
_KEYS = itertools.count()


def _shared_work(key: int, chunk: list) -> Any:
    work, args = _SHARED[key]
    return work(chunk, *args)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _worker_init(parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it (it keeps what is
    # finished and stops the workers), so a worker does not die mid-chunk with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` dies, however it dies (SIGKILL included).

    Linux delivers SIGTERM to the worker when the thread that forked it ends
    (``PR_SET_PDEATHSIG``); where that call is missing, a daemon thread checks once a second
    that the parent is still there. Either way a parent that died before this ran is noticed
    at once, by the worker's parent id having changed.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0
    except (OSError, AttributeError):
        armed = False
    if os.getppid() != parent:
        os._exit(1)
    if not armed:
        import threading

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, name="stance-parent-watch", daemon=True).start()


def _can_fork() -> bool:
    # fork is safe and cheap on Linux; elsewhere (macOS system libraries, Windows) it is
    # unsafe or missing, and the workers are fresh processes sent what they need.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def check_jobs(n_jobs: object) -> int:
    """``n_jobs`` if it is a usable number of worker processes (joblib's convention: 1 works
    in this process, -1 uses every core, -2 all but one), else a ValueError saying why."""
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ValueError(
            f"jobs must be a whole number of worker processes other than 0 (1 = no workers, "
            f"-1 = one per core), got {n_jobs!r}"
        )
    return n_jobs


def map_chunks(work: Any, chunked: Iterable[list], n_jobs: int, *args: Any) -> Iterator[Any]:
    """``work(chunk, *args)`` for every chunk, its results flattened and in input order; in
    joblib worker processes when ``n_jobs > 1`` (a generator: memory stays bounded).

    On Linux the workers are forked once the model is loaded, so they start at once and
    share it (and every module already imported) with this process: per chunk only the
    documents go out and the results come back. (joblib's own fork backend cannot hand results
    back as they come, so this uses ``concurrent.futures`` with joblib's count of workers.)
    Elsewhere joblib's default backend starts fresh workers and sends ``args`` with every
    chunk.
    """
    if n_jobs == 1:
        for chunk in chunked:
            yield from work(chunk, *args)
        return
    from joblib import Parallel, delayed, effective_n_jobs

    if not _can_fork():
        parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs")
        for result in parallel(delayed(work)(chunk, *args) for chunk in chunked):
            yield from result
        return
    key = next(_KEYS)
    _SHARED[key] = (work, args)
    workers = effective_n_jobs(n_jobs)
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )

    def submit(chunk: list) -> Future:
        with warnings.catch_warnings():
            # The first submit forks the workers. Python >= 3.12 warns on fork when native
            # threads exist (BLAS pools, which handle fork themselves).
            warnings.filterwarnings("ignore", ".*fork", DeprecationWarning)
            return pool.submit(_shared_work, key, chunk)

    finished = False
    try:
        ahead: collections.deque[Future] = collections.deque()
        for chunk in chunked:
            ahead.append(submit(chunk))
            if len(ahead) > 2 * workers:  # two chunks per worker in flight: bounded memory
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()
        finished = True
    finally:
        del _SHARED[key]
        if finished:
            pool.shutdown()
        else:
            # Interrupted or abandoned: stop the workers now rather than let them finish
            # chunks nobody will read.
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()


def _rows(results: Iterable[Statement | LabelledDocument]) -> Iterator[dict[str, Any]]:
    for item in results:
        if isinstance(item, LabelledDocument):
            for s in item.statements:
                yield s.to_dict()
        elif isinstance(item, Statement):
            yield item.to_dict()
        else:
            raise TypeError(f"expected Statement or LabelledDocument, got {type(item).__name__}")


def to_dataframe(results: Iterable[Statement | LabelledDocument]) -> pd.DataFrame:
    """Statements (or labelled documents) as a pandas DataFrame, one row per statement.

    Examples
    --------
    >>> to_dataframe([]).shape
    (0, 13)
    """
    import pandas as pd

    return pd.DataFrame(list(_rows(results)), columns=list(STATEMENT_FIELDS))


def to_dataset(results: Iterable[Statement | LabelledDocument]) -> datasets.Dataset:
    """Statements (or labelled documents) as a Hugging Face ``datasets.Dataset``.

    Examples
    --------
    >>> to_dataset(label("Amnesty International condemned the arrests.")).num_rows
    1
    """
    import datasets

    rows = list(_rows(results))
    columns = {name: [row[name] for row in rows] for name in STATEMENT_FIELDS}
    # Explicit types: offsets stay integers with nulls (not floats), even for an empty result.
    value = {
        "index": "int64",
        "start": "int64",
        "end": "int64",
        "confidence": "float64",
        "actor_start": "int64",
        "actor_end": "int64",
    }
    features = datasets.Features(
        {name: datasets.Value(value.get(name, "string")) for name in STATEMENT_FIELDS}
    )
    return datasets.Dataset.from_dict(columns, features=features)
