"""stance.evaluation: macro-F1 with its bootstrap interval, Wilson intervals, attribution scores."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import f1_score

import stance
from stance.evaluation import (
    bootstrap_macro_f1,
    is_named_actor,
    same_actor,
    score,
    score_attribution,
    wilson_interval,
)

LABELS = list(stance.STANCES)


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


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(LABELS), st.sampled_from(LABELS)), min_size=1, max_size=60)
)
def test_bootstrap_interval_holds_the_point_estimate_often_and_is_seeded(pairs) -> None:
    y_true, y_pred = zip(*pairs, strict=True)
    lo, hi = bootstrap_macro_f1(y_true, y_pred, LABELS, n_resamples=200, seed=3)
    assert 0.0 <= lo <= hi <= 1.0
    assert (lo, hi) == bootstrap_macro_f1(y_true, y_pred, LABELS, n_resamples=200, seed=3)


def test_bootstrap_resamples_are_sklearn_macro_f1() -> None:
    """The vectorised resampling computes scikit-learn's macro-F1 (zero_division=0)."""
    rng = np.random.default_rng(0)
    y_true = rng.choice(LABELS, 80)
    y_pred = np.where(rng.random(80) < 0.6, y_true, rng.choice(LABELS, 80))
    # With one resample per call and the same seed, the interval collapses to that resample.
    draw = np.random.default_rng(7).integers(0, 80, 80)
    expected = f1_score(y_true[draw], y_pred[draw], labels=LABELS, average="macro", zero_division=0)
    lo, hi = bootstrap_macro_f1(y_true, y_pred, LABELS, n_resamples=1, seed=7)
    assert lo == pytest.approx(expected) and hi == pytest.approx(expected)


def test_bootstrap_refuses_nothing() -> None:
    with pytest.raises(ValueError, match="empty"):
        bootstrap_macro_f1([], [], LABELS)


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        (0, 10, (0.0, 0.278)),
        (10, 10, (0.722, 1.0)),
        (42, 44, (0.85, 0.99)),
        (0, 0, (0.0, 0.0)),
    ],
)
def test_wilson_interval(k: int, n: int, expected: tuple[float, float]) -> None:
    assert wilson_interval(k, n) == pytest.approx(expected, abs=0.005)


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Wang Wenbin", True),
        ("Human Rights Watch", True),
        ("43 countries", False),
        ("Rights groups", False),
        ("none", False),
        ("", False),
    ],
)
def test_is_named_actor(name: str, named: bool) -> None:
    assert is_named_actor(name) is named


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("U.S. State Department", "the US State Department", True),
        ("Human Rights Watch", "HRW", True),
        ("Cuba", "China", False),
        ("Vladimir Putin", "vladimir putin", True),
    ],
)
def test_same_actor(gold: str, predicted: str, same: bool) -> None:
    assert same_actor(gold, predicted) is same


def test_score_attribution_counts_only_statements_that_take_a_stance() -> None:
    gold = [
        {"stance": "deny", "actor": "Wang Wenbin", "actor_type": "government", "country": "CHN"},
        {"stance": "condemn", "actor": "43 countries", "actor_type": "government", "country": ""},
        {"stance": "neutral", "actor": "none", "actor_type": "none", "country": ""},
    ]
    predicted = [
        {"actor": "Wang Wenbin", "actor_type": "government", "country": "CHN"},
        {"actor": "Cuba", "actor_type": "government", "country": "CUB"},
        {"actor": "Anyone", "actor_type": "ngo", "country": "USA"},  # neutral: not scored
    ]
    report = score_attribution(gold, predicted)
    assert report["n"] == 2 and report["actor_type_accuracy"] == 1.0
    assert report["country_accuracy"] == 0.5 and report["type_and_country_accuracy"] == 0.5
    assert report["n_named"] == 1 and report["name_match"] == 1.0
    with pytest.raises(ValueError, match="2 gold records but 1 predictions"):
        score_attribution(gold[:2], predicted[:1])
