"""stance.labelling: label and label_many, statements, conversion to tables."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import (
    FRENCH,
    SEEDS,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance
from stance.labelling import LabelledDocument, Statement, label, label_many
from stance.segmentation import clean_inline, segment


def test_label_returns_frozen_statements_with_offsets(model: stance.TrainedModel) -> None:
    text = SEEDS[1].read_text(encoding="utf-8")
    statements = label(text, model, doc_id="001")
    assert [s.index for s in statements] == list(range(len(segment(text))))
    for s in statements:
        assert isinstance(s, Statement) and s.doc == "001"
        assert clean_inline(text[s.start : s.end]) == s.text
        assert 0.0 <= s.confidence <= 1.0
        if s.stance == "neutral":  # codebook: a neutral statement has no actor
            assert (s.actor, s.actor_type, s.country, s.cue) == ("none", "none", "", "")
        if s.actor_start is not None:
            assert s.actor_end is not None and 0 <= s.actor_start < s.actor_end <= len(text)
    with pytest.raises(dataclasses.FrozenInstanceError):
        statements[0].stance = "deny"  # type: ignore[misc]


def test_label_finds_actors_of_a_real_article(model: stance.TrainedModel) -> None:
    statements = label(SEEDS[1].read_text(encoding="utf-8"), model, doc_id="001")
    actors = {s.actor for s in statements}
    assert {"Wang Wenbin", "Dolkun Isa"} & actors


@pytest.mark.parametrize(
    ("bad", "error"),
    [(None, TypeError), (b"bytes", TypeError), (FRENCH, ValueError)],
)
def test_label_refuses_bad_text(model: stance.TrainedModel, bad: object, error: type) -> None:
    with pytest.raises(error, match=r"str|English"):
        label(bad, model)  # type: ignore[arg-type]


def test_label_non_english_can_be_forced(model: stance.TrainedModel) -> None:
    assert label(FRENCH, model, check_language=False)


def test_fast_path_labels_as_the_pipeline_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # The labeller reads each sentence once for the context model (DocumentProba); without
    # that path it goes through the pipeline on text and neighbour context: same statements.
    model = stance.train("context", "seeds", metric_resamples=0)
    docs = [(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS]
    fast = list(label_many(docs, model))
    assert model.__dict__["_document_proba"] is not None  # the fast path was taken
    slow_model = stance.TrainedModel(model.estimator, model.metadata)
    monkeypatch.setattr(stance.models.DocumentProba, "of", classmethod(lambda cls, e: None))
    slow = list(label_many(docs, slow_model))
    assert fast == slow and sum(len(d.statements) for d in fast) > 50


def test_label_many_streams_its_input(model: stance.TrainedModel) -> None:
    pulled = 0

    def docs():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield (f"d{i}", "Human Rights Watch urged an independent inquiry.")

    first = next(label_many(docs(), model, chunk_size=8))
    assert isinstance(first, LabelledDocument) and first.doc == "d0"
    assert pulled <= 9  # one chunk read, not the whole input


def test_results_convert_to_dataframe_and_dataset(model: stance.TrainedModel) -> None:
    results = list(label_many([p.read_text(encoding="utf-8") for p in SEEDS[:2]], model))
    frame = stance.to_dataframe(results)
    dataset = stance.to_dataset(results)
    n = sum(len(r.statements) for r in results)
    assert len(frame) == dataset.num_rows == n
    assert list(frame.columns) == list(dataset.column_names)
    assert dataset.features["actor_start"].dtype == "int64"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from([*list("abcXYZ .\"“”\n,:;'"), "said", "Wang"]), max_size=120).map(
        "".join
    )
)
def test_any_text_gives_statements_inside_it(model: stance.TrainedModel, text: str) -> None:
    for s in label(text, model, check_language=False):
        assert 0 <= s.start < s.end <= len(text)
        if s.actor_start is not None:
            assert 0 <= s.actor_start < s.actor_end <= len(text)  # type: ignore[operator]
