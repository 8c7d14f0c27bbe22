"""The time budget of ``--model auto``: work stopped in a child process, and the search's
schedule checked on a fake clock with fake costs (no sleeps, no races against the clock)."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_own_data import TRAIN

from stance.budget import Budget, FakeClock, OutOfTime, WorkerDied, call_within
from stance.schema import InputSchema
from stance.selection import FoldTask, select_model
from stance.tables import read_training_data

SCHEMA = InputSchema("tweet", "topic", None, "stance")
DATA = read_training_data(TRAIN, "tweet", "stance", "topic", group_col="author")
# Skewed labels: every FAVOR and AGAINST row, and a few NONE rows.
SKEWED_TABLE = pd.concat([TRAIN[TRAIN["stance"] != "NONE"], TRAIN[TRAIN["stance"] == "NONE"][:25]])
SKEWED = read_training_data(SKEWED_TABLE, "tweet", "stance", "topic", group_col="author")
CHEAP = ["majority", "nb", "per_target", "logreg"]


def _forever() -> None:
    threading.Event().wait()  # never set: only being stopped ends it


def _refuse() -> None:
    raise ValueError("bad fold: only one label")


def _vanish() -> None:
    os._exit(3)


def test_call_within_returns_the_result_or_raises_the_error() -> None:
    assert call_within(divmod, (17, 5), timeout=60.0) == (3, 2)
    with pytest.raises(ValueError, match="bad fold: only one label"):
        call_within(_refuse, timeout=60.0)
    with pytest.raises(WorkerDied, match="ended with code 3"):
        call_within(_vanish, timeout=60.0)


def test_work_that_does_not_finish_is_stopped_and_leaves_no_process() -> None:
    with pytest.raises(OutOfTime) as stopped:
        call_within(_forever, timeout=0.5)
    assert stopped.value.pid is not None
    assert multiprocessing.active_children() == []
    with pytest.raises(ProcessLookupError):  # ended and reaped: the process id is free
        os.kill(stopped.value.pid, 0)
    with pytest.raises(OutOfTime, match="no time left"):
        call_within(divmod, (1, 1), timeout=0.0)


@pytest.mark.parametrize("seconds", [0.0, -1.0, float("nan")])
def test_a_budget_must_be_positive(seconds: float) -> None:
    with pytest.raises(ValueError, match="give a positive number of seconds"):
        Budget(seconds)


_PREDICTIONS: dict = {}


class FakeCosts:
    """A runner that charges each fold a fixed cost per model to a fake clock, and stops a fold
    that costs more than the time it is given (charging exactly that time), as the real runner
    would. Fold predictions are computed once and kept: the folds are deterministic."""

    def __init__(self, costs: dict[str, float]):
        self.clock = FakeClock()
        self.costs = costs
        self.folds_run: list[tuple[str, int]] = []

    def __call__(self, task: FoldTask, seconds: float) -> list:
        cost = self.costs[task.model]
        if cost > seconds:
            self.clock.advance(seconds)
            raise OutOfTime("stopped")
        self.clock.advance(cost)
        self.folds_run.append((task.model, task.fold))
        key = (task.model, repr(task.grid), tuple(task.y_train), tuple(task.X_test["text"]))
        if key not in _PREDICTIONS:
            _PREDICTIONS[key] = task.run()
        return _PREDICTIONS[key]


def _search(costs: dict[str, float], budget: float, data=DATA, candidates=CHEAP):
    runner = FakeCosts(costs)
    selection = select_model(
        data,
        SCHEMA,
        average_labels=["FAVOR", "AGAINST"],
        budget=budget,
        folds=5,
        seed=0,
        candidates=candidates,
        clock=runner.clock,
        runner=runner,
    )
    return selection, runner


def test_a_model_that_cannot_finish_is_stopped_after_its_first_fold() -> None:
    selection, runner = _search({"majority": 1, "nb": 2, "per_target": 10, "logreg": 100}, 300)
    status = {c.model: c.status for c in selection.candidates}
    assert status["majority"] == status["nb"] == status["per_target"] == "ok"
    # 65 s for the first three models, 100 s for logreg's first fold: 4 more folds need 400 s,
    # 135 s are left, so logreg stops there rather than run into the budget.
    assert status["logreg"] == "stopped after 1 of 5 folds: needs about 400 s more, 135 s left"
    assert runner.folds_run.count(("logreg", 0)) == 1 and ("logreg", 1) not in runner.folds_run
    assert runner.clock() == 165 and selection.spent == 165
    assert selection.best.model == "per_target"


def test_a_fold_longer_than_the_budget_left_is_stopped_when_it_runs_out() -> None:
    selection, runner = _search({"majority": 1, "nb": 2, "per_target": 500, "logreg": 1}, 100)
    by_model = {c.model: c for c in selection.candidates}
    assert by_model["per_target"].status == "stopped in fold 1 of 5: budget spent"
    assert by_model["logreg"].status == "skipped: budget spent"
    assert runner.clock() == 100  # the budget exactly: the stopped fold is charged its end
    assert selection.best.model == "nb"


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    costs=st.fixed_dictionaries({m: st.floats(0.01, 200) for m in CHEAP}),
    budget=st.floats(1, 2000),
)
def test_the_search_never_overruns_its_budget_and_scores_do_not_depend_on_it(costs, budget) -> None:
    try:
        selection, runner = _search(costs, budget)
    except ValueError as exc:  # nothing finished: said so, and still within the budget
        assert "no candidate model finished" in str(exc)
        return
    assert runner.clock() <= budget + 1e-9  # (the fake clock adds floats)
    unlimited, _ = _search(costs, 1e9)
    full = {(c.model, repr(c.params)): c.score for c in unlimited.candidates}
    for c in selection.candidates:
        assert c.status == "ok" or c.score is None
        if c.score is not None:
            assert c.score == full[(c.model, repr(c.params))]


def test_class_weights_are_searched_where_labels_are_skewed() -> None:
    costs = dict.fromkeys(CHEAP, 1.0)
    skewed_runs = [_search(costs, 1000, SKEWED)[0] for _ in range(2)]
    selection = skewed_runs[0]
    assert selection.skewed and selection.report()["skewed_labels"] is True
    rows = [(c.model, c.params) for c in selection.candidates]
    # Round 1: every linear model with balanced weights; nb and majority take no weights.
    assert ("nb", {"alpha": 0.1}) in rows and ("majority", {}) in rows
    assert ("logreg", {"C": 1.0, "class_weight": "balanced"}) in rows
    # Round 2: each linear model again at its best C without weights, the better model first.
    unweighted = [c for c in selection.candidates if c.params.get("class_weight", 1) is None]
    best_balanced = {
        m: max(c.score for c in selection.candidates if c.model == m and "class_weight" in c.params)
        for m in ("per_target", "logreg")
    }
    assert [c.model for c in unweighted] == sorted(best_balanced, key=lambda m: -best_balanced[m])
    for c in unweighted:
        round_1 = [
            r for r in selection.candidates if r.model == c.model and r.params.get("class_weight")
        ]
        best = max(round_1, key=lambda r: (r.score, r.macro_f1))
        assert c.params == {**best.params, "class_weight": None} and c.score is not None
    # Deterministic: the same seed gives the same candidates, scores and choice.
    assert [(c.model, c.params, c.score) for c in skewed_runs[1].candidates] == [
        (c.model, c.params, c.score) for c in selection.candidates
    ]
    balanced, _ = _search(costs, 1000)
    assert not balanced.skewed
    assert all(c.params.get("class_weight", "balanced") == "balanced" for c in balanced.candidates)


def test_an_unknown_candidate_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"candidates \['lexicon'\] are not in the grid"):
        select_model(DATA, SCHEMA, candidates=["lexicon"])
