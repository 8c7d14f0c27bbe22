"""Label documents: every statement with its stance, confidence and actor.

Data flows one way: text -> :func:`stance.segment` -> :func:`stance.attribution.attribute` ->
the stance model -> :class:`Statement`. A statement the model finds ``neutral`` has actor
``none`` (codebook, section 3: the actor is whoever holds a position, and a neutral statement
holds none).

:func:`label_many` streams: it reads its input lazily, labels documents in chunks (one model
call per chunk, which is where the speed comes from) and yields them in input order, so memory
stays flat however many documents go through. With ``n_jobs > 1`` the chunks go to worker
processes (:func:`stance.parallel.map_chunks`).

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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np

from .attribution import attribute, resolve_actor
from .attribution.voice import VOICE_THRESHOLD, InferredVoice, infer_voice
from .gazetteer import Actor, Gazetteer, default_gazetteer
from .language import looks_english
from .parallel import batched, check_jobs, map_chunks
from .segmentation import segment
from .trained import TrainedModel, load_model
from .training import default_model

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    import distributed
    import pandas as pd

__all__ = [
    "VOICE_FIELDS",
    "DocItem",
    "DocumentVoice",
    "LabelledDocument",
    "Statement",
    "documents",
    "label",
    "label_chunk",
    "label_many",
    "resolve_gazetteer",
    "resolve_model",
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
    rule : str
        The attribution's evidence: which rule or the ranker decided (see
        :class:`stance.Attribution`; "" for a neutral statement).
    attribution_score : float or None
        The attribution ranker's probability for the actor, when the ranker decided.
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
    rule: str = ""
    attribution_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The statement as a plain dict (JSON-ready)."""
        # Not dataclasses.asdict: it deep-copies every value, and this runs per statement.
        # The instance dict holds exactly the fields, set in their order by __init__.
        return self.__dict__.copy()


Status = Literal["ok", "not_english"]


@dataclass(frozen=True)
class DocumentVoice:
    """Whose own voice a document was read in, and why (a document-level part of the output).

    Attributes
    ----------
    voice : str
        The actor whose voice attribution used for sentences without an actor of their own
        ("" when none was used).
    source : {"given", "inferred", "none"}
        ``given``: the user passed it (``publisher=``, a ``publisher`` field or column);
        ``inferred``: read from the document (:func:`stance.attribution.voice.infer_voice`) with
        a confidence of at least ``VOICE_THRESHOLD``; ``none``: no voice was used.
    start, end : int or None
        The evidence of an inferred voice (or of the genre guess): ``text[start:end]``.
    confidence : float or None
        The inference's confidence (``None`` for a given voice).
    genre : str
        The inferred genre (``news_report``, ``ngo_release``, ``government_statement``,
        ``transcript``, ``speech``, ``unknown``); "" for a given voice.
    """

    voice: str = ""
    source: Literal["given", "inferred", "none"] = "none"
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    genre: str = ""

    def fields(self) -> dict[str, Any]:
        """The output record's voice fields (:data:`VOICE_FIELDS`)."""
        return {
            "voice": self.voice,
            "voice_source": self.source,
            "voice_start": self.start,
            "voice_end": self.end,
            "voice_confidence": self.confidence,
            "genre": self.genre,
        }


VOICE_FIELDS: tuple[str, ...] = (
    "voice",
    "voice_source",
    "voice_start",
    "voice_end",
    "voice_confidence",
    "genre",
)
"""The document-level fields every output record of a labelled document carries."""


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
    voice: DocumentVoice = DocumentVoice()


STATEMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Statement))


def resolve_model(model: TrainedModel | str | None) -> TrainedModel:
    """A trained model from a model, a model file (loaded safely) or None (the default)."""
    if model is None:
        return default_model()
    if isinstance(model, TrainedModel):
        return model
    return load_model(model)


def resolve_gazetteer(gazetteer: Gazetteer | str | Path | None) -> Gazetteer:
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


def _document_voice(
    text: str, segments: list, publisher: str | Actor | None, gaz: Gazetteer
) -> tuple[Actor | None, DocumentVoice, InferredVoice | None]:
    """The voice attribution uses: the one given (it overrides), else the one read from the
    document when its confidence reaches ``VOICE_THRESHOLD``, else none; and what was read
    (the attribution ranker weighs a voice read with less confidence as one candidate)."""
    if publisher is not None and publisher != "":
        given = _voice(publisher, gaz)
        return given, DocumentVoice(given.name if given is not None else "", "given"), None
    found = infer_voice(text, segments, gaz)
    used = found.actor if found.confidence >= VOICE_THRESHOLD else None
    record = DocumentVoice(
        used.name if used is not None else "",
        "inferred" if used is not None else "none",
        found.start,
        found.end,
        found.confidence,
        found.genre,
    )
    return used, record, found


def _prepare(
    doc: str, text: str, publisher: str | Actor | None, gaz: Gazetteer
) -> tuple[list, list, DocumentVoice]:
    segments = segment(text, doc)
    voice, record, found = _document_voice(text, segments, publisher, gaz)
    attributions = attribute(text, segments, voice=voice, gazetteer=gaz, inferred=found)
    return segments, attributions, record


def label_chunk(
    items: list[DocItem],
    model: TrainedModel,
    gaz: Gazetteer,
    check_language: bool = True,
) -> list[LabelledDocument]:
    """Label a chunk of documents with one model call (the unit of work of a worker)."""
    prepared = []
    documents: list[list[str]] = []
    for doc, text, publisher, source, meta in items:
        if check_language and not looks_english(text):
            prepared.append((doc, source, meta, None))
            continue
        segments, attributions, voice = _prepare(doc, text, publisher, gaz)
        prepared.append((doc, source, meta, (segments, attributions, voice)))
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
        segments, attributions, voice = parts
        for seg, attr in zip(segments, attributions, strict=True):
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
                    rule=attr.rule if holds else "",
                    attribution_score=attr.score if holds else None,
                )
            )
        out.append(LabelledDocument(doc, tuple(statements), "ok", source, meta, voice))
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
        Not given, the voice is read from the document itself
        (:func:`stance.attribution.voice.infer_voice`) and used when its confidence reaches
        ``VOICE_THRESHOLD`` (0.6); ``label_many`` reports it in each document's ``voice``.
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
    trained = resolve_model(model)
    [result] = label_chunk(
        [DocItem(doc, text, publisher, doc, {})],
        trained,
        resolve_gazetteer(gazetteer),
        check_language,
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
    client: distributed.Client | None = None,
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
    client : distributed.Client, optional
        Label on this Dask cluster (the ``dask`` extra) instead of local processes: chunks go
        to its workers, the model and gazetteer once per worker, and the results come back in
        input order, the same as with one job (:func:`stance.cluster.map_chunks_on`).

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
    if client is not None and n_jobs != 1:
        raise ValueError(
            f"give n_jobs (local workers) or client (a Dask cluster), not both: n_jobs={n_jobs}"
        )
    trained = resolve_model(model)
    gaz = resolve_gazetteer(gazetteer)
    chunked = batched(documents(docs, publisher), chunk_size)
    if client is not None:
        from .cluster import map_chunks_on

        yield from map_chunks_on(client, label_chunk, chunked, trained, gaz, check_language)
        return
    yield from map_chunks(label_chunk, chunked, n_jobs, trained, gaz, check_language)


class DocItem(NamedTuple):
    """One document on its way to labelling: what every input shape becomes."""

    doc: str
    text: str
    publisher: str | Actor | None
    source: str
    meta: Mapping[str, str]


def documents(docs: Iterable[DocInput], publisher: Any = None) -> Iterator[DocItem]:
    """The input, read lazily, as :class:`DocItem`\\ s (``publisher`` where a document names
    none)."""
    for i, item in enumerate(docs):
        doc, text, own, source, meta = _normalise(item, i)
        yield DocItem(doc, text, own if own is not None else publisher, source, meta)


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
    (0, 15)
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
        "attribution_score": "float64",
        "actor_start": "int64",
        "actor_end": "int64",
    }
    features = datasets.Features(
        {name: datasets.Value(value.get(name, "string")) for name in STATEMENT_FIELDS}
    )
    return datasets.Dataset.from_dict(columns, features=features)
