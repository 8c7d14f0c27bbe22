"""Training on a user's own multi-target annotations: the input schema a model file remembers,
target-aware models, ``--model auto`` and evaluation on a user's test table."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stance
from stance.cli import main
from stance.schema import InputSchema, slug
from stance.selection import f1_average, select_model
from stance.tables import read_training_data

# The same words mean FAVOR for one target and AGAINST for another: only a model in which the
# target interacts with the words can be right.
FLIP = {"guns": 1, "smoking": 1, "taxes": -1, "parks": -1}
PRO = ["we must ban it", "ban it now", "stop it for good", "end this today"]
CON = ["keep it forever", "protect it always", "it must stay", "defend it now"]
NEUTRAL = ["the meeting is on monday", "news at ten", "the weather is mild", "see the report"]
FILLER = ["honestly", "folks", "today", "really", "as always", "i think"]
POSITIONS = ["FAVOR", "AGAINST"]


def synthetic(n: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        target = rng.choice(sorted(FLIP))
        kind = rng.choice(["pro", "con", "none"])
        words = rng.choice({"pro": PRO, "con": CON, "none": NEUTRAL}[kind])
        label = (
            "NONE"
            if kind == "none"
            else ("FAVOR" if (kind == "pro") == (FLIP[target] > 0) else "AGAINST")
        )
        rows.append(
            {
                "tweet": f"{rng.choice(FILLER)} {words} {rng.choice(FILLER)}",
                "topic": target,
                "stance": label,
                "author": f"a{rng.randrange(40)}",
            }
        )
    return pd.DataFrame(rows)


TRAIN, TEST = synthetic(300, 0), synthetic(160, 1)
COLUMNS = {"text_col": "tweet", "label_col": "stance", "target_col": "topic"}


@pytest.fixture(scope="module")
def models() -> dict[str, stance.TrainedModel]:
    return {
        name: stance.train(name, TRAIN, **COLUMNS, metric_resamples=0)
        for name in ("per_target", "target_ngrams", "logreg", "majority")
    }


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("per_target", 0.95, 1.0),
        ("target_ngrams", 0.9, 1.0),
        ("logreg", 0.0, 0.75),
        ("majority", 0.0, 0.3),
    ],
)
def test_only_target_aware_models_solve_a_task_that_needs_the_target(
    models, name, low, high
) -> None:
    predicted = models[name].predict(TEST)
    assert low <= f1_average(TEST["stance"].tolist(), predicted.tolist(), POSITIONS) <= high


@pytest.mark.parametrize("name", ["per_target", "target_ngrams", "logreg"])
def test_round_trip_save_load_predict_on_the_raw_table(models, name, tmp_path) -> None:
    csv_path = tmp_path / "test.csv"
    TEST.to_csv(csv_path, index=False)
    raw = pd.read_csv(csv_path)  # the user's own table: their column names, extra columns
    loaded = stance.load_model(models[name].save(tmp_path / f"{name}.stance"))
    assert loaded.predict(raw).tolist() == models[name].predict(TEST).tolist()
    np.testing.assert_allclose(loaded.predict_proba(raw).sum(axis=1), 1.0)
    assert loaded.metadata["input"]["target_col"] == "topic"
    assert loaded.metadata["input"]["target_as_word"] is (name == "logreg")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            TEST.drop(columns="topic"),
            r"no column 'topic', which the model was trained with \(its target\)",
        ),
        (
            TEST.drop(columns="tweet"),
            r"no column 'tweet', which the model was trained with \(its texts\)",
        ),
        (["we must ban it"], r"trained with a target column \('topic'\); give a table"),
        ("we must ban it", r"trained with a target column \('topic'\); give a table"),
    ],
)
def test_a_table_without_a_needed_column_is_a_clear_error(models, table, message) -> None:
    for name in ("per_target", "logreg"):  # never a silent fallback, whatever the model
        with pytest.raises(ValueError, match=message):
            models[name].predict(table)


def test_target_aware_models_need_a_target_column() -> None:
    with pytest.raises(ValueError, match=r"model 'per_target' reads each text's target; give"):
        stance.train("per_target", TRAIN, text_col="tweet", label_col="stance")


def test_unseen_target_falls_back_to_the_shared_model(models) -> None:
    table = {"tweet": ["we must ban it", "news at ten"], "topic": ["never seen", "never seen"]}
    assert set(models["per_target"].predict(table)) <= {"FAVOR", "AGAINST", "NONE"}


def test_auto_chooses_a_target_aware_model_deterministically() -> None:
    data = read_training_data(TRAIN, "tweet", "stance", "topic", group_col="author")
    schema = InputSchema("tweet", "topic", None, "stance")
    runs = [
        select_model(
            data,
            schema,
            average_labels=POSITIONS,
            budget=60,
            folds=3,
            seed=1,
            candidates=["majority", "per_target", "target_ngrams", "logreg"],
        )
        for _ in range(2)
    ]
    # The same seed, the same folds, the same scores and choice (only timings differ).
    assert [(c.model, c.params, c.score) for c in runs[0].candidates] == [
        (c.model, c.params, c.score) for c in runs[1].candidates
    ]
    assert (runs[0].best.model, runs[0].best.params) == (runs[1].best.model, runs[1].best.params)
    assert runs[0].best.model in ("per_target", "target_ngrams") and runs[0].grouped
    by_model = {c.model: c.score for c in runs[0].candidates}
    assert by_model[runs[0].best.model] > by_model["logreg"] + 0.2 > by_model["majority"]


def test_auto_budget_skips_what_does_not_fit() -> None:
    data = read_training_data(TRAIN, "tweet", "stance", "topic")
    schema = InputSchema("tweet", "topic", None, "stance")
    with pytest.raises(ValueError, match=r"no candidate model finished within 1e-09 s"):
        select_model(data, schema, budget=1e-9, candidates=["per_target"])
    with pytest.raises(ValueError, match=r"--average-labels \['PRO'\] not among labels"):
        select_model(data, schema, average_labels=["PRO"])


def test_cli_train_auto_evaluate_and_label_with_a_target(tmp_path: Path, capsys) -> None:
    train_csv, test_csv = tmp_path / "train.csv", tmp_path / "test.csv"
    TRAIN.to_csv(train_csv, index=False)
    TEST.to_csv(test_csv, index=False)
    model = tmp_path / "auto.stance"
    argv = ["train", "--model", "auto", "--data", str(train_csv), "--text-col", "tweet"]
    argv += ["--label-col", "stance", "--target-col", "topic", "--group-col", "author"]
    argv += ["--average-labels", "FAVOR,AGAINST", "--budget", "60s", "-o", str(model)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "grouped cross-validation, mean F1 of FAVOR,AGAINST, seed 0, budget 60 s" in out
    assert re.search(r"trained (per_target|target_ngrams) on .*train.csv \(300 statements", out)
    assert re.search(r"search \d+ s of the 60 s budget; refit of the best on all the data", out)
    args = ["evaluate", str(model), "--data", str(test_csv), "--average-labels", "FAVOR,AGAINST"]
    assert main([*args, "--json", "--resamples", "100"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["f1_average"] >= 0.95 and report["average_labels"] == POSITIONS
    assert report["n"] == len(TEST) and report["split"] == "user"
    assert main(["evaluate", str(model), "--resamples", "100"]) == 2
    assert "evaluate it on your own test table (--data)" in capsys.readouterr().err
    article = tmp_path / "a.txt"
    article.write_text("Folks, we must ban it now. The meeting is on Monday.", encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    assert main(["label", str(article), "--model", str(model), "-o", str(out_path), "--quiet"]) == 2
    assert "give the articles' target with --target NAME" in capsys.readouterr().err
    label = ["label", str(article), "--model", str(model), "-o", str(out_path), "--quiet"]
    assert main([*label, "--target", "guns", "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert records[0]["stance"] == "FAVOR"


@pytest.mark.parametrize(("value", "seconds"), [("300s", 300.0), ("300", 300.0), ("5m", 300.0)])
def test_budget_option(value: str, seconds: float) -> None:
    from stance.cli import build_parser

    args = build_parser().parse_args(["train", "--budget", value])
    assert args.budget == seconds


def test_a_model_file_from_before_schemas_reads_text_and_context() -> None:
    assert InputSchema.from_dict(None, "context").needed_columns() == ["text", "context"]
    assert InputSchema.from_dict({}, "logreg").needed_columns() == ["text"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=30), st.text(max_size=20)), min_size=1, max_size=6
    )
)
def test_the_target_becomes_one_word_before_the_unchanged_text(rows) -> None:
    schema = InputSchema("t", "g", None, "y", target_as_word=True)
    table = {"t": [t for t, _ in rows], "g": [g for _, g in rows]}
    prepared = schema.prepare(table)
    assert len(prepared) == len(rows)
    for (text, target), (_, row) in zip(rows, prepared.iterrows(), strict=True):
        word, _, rest = row["text"].partition(" ")
        assert rest == text and word == f"target_{slug(target)}"
        assert re.fullmatch(r"target_\w+", word) and row["target"] == target
    assert schema.model_input(schema.canonical(table)).equals(prepared)
