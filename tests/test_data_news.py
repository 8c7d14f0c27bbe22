"""The `news` dataset: coverage, fixed document-disjoint splits, actor evidence spans, no leak."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

import stance
from stance.data import GENRES, dataset_path, read_records
from stance.labels import STANCES
from stance.similarity import near_duplicates

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "articles"
FILES = (
    "news_hrd_2019_2022.jsonl",
    "hrw_releases_2024.jsonl",
    "ukraine_war_statements_2021_2022.jsonl",
)

# Any change to the data must be deliberate: update this pin in the same commit, and say why.
NEWS_SHA256 = "1bcbbc394b34970f12a88de565b8f475f9e9902f7d363d28dca2be1cf7df0225"


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return read_records("news")[0]


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    if not ARTICLES.is_dir():
        pytest.skip("../shared/articles is not beside this clone")
    texts = {}
    for name in FILES:
        for line in (ARTICLES / name).open(encoding="utf-8"):
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    return texts


def test_data_file_is_pinned() -> None:
    assert hashlib.sha256(dataset_path("news").read_bytes()).hexdigest() == NEWS_SHA256


def test_size_and_mix(records: list[dict]) -> None:
    n = len(records)
    assert n >= 4000 and len({r["doc"] for r in records}) >= 250
    genres = Counter(r["genre"] for r in records)
    assert genres["news_report"] / n >= 0.45
    assert genres["ngo_release"] / n >= 0.25
    assert genres["government_statement"] / n >= 0.20
    presidents = Counter(r["voice"] for r in records if r["genre"] == "government_statement")
    assert set(presidents) == {"President of Russia", "President of Ukraine"}
    stances = Counter(r["stance"] for r in records)
    assert all(stances[s] >= 300 for s in STANCES), stances
    assert stances["neutral"] / n >= 0.30


def test_splits_are_document_disjoint_and_test_is_large_enough(records: list[dict]) -> None:
    split_of: dict[str, set[str]] = {}
    for r in records:
        split_of.setdefault(r["doc"], set()).add(r["split"])
    assert all(len(s) == 1 for s in split_of.values())
    test = [r for r in records if r["split"] == "test"]
    assert len(test) / len(records) >= 0.25
    per_stance = Counter(r["stance"] for r in test)
    assert all(per_stance[s] >= 60 for s in STANCES), per_stance


def test_every_stance_has_a_span_or_an_explicit_null(records: list[dict]) -> None:
    for r in records:
        for key in ("actor_start", "actor_end", "actor_mention"):
            assert key in r, (r["id"], key)
        if r["stance"] == "neutral":
            assert r["actor_start"] is None and r["actor_mention"] is None, r["id"]
            continue
        if r["actor_start"] is None:
            assert r["actor_end"] is None and r["actor_mention"] is None, r["id"]
        else:
            assert r["actor_end"] - r["actor_start"] == len(r["actor_mention"]) > 0, r["id"]
    with_span = [r for r in records if r["actor_start"] is not None]
    assert len(with_span) / sum(r["stance"] != "neutral" for r in records) > 0.5


def test_spans_inside_the_statement_slice_its_text(records: list[dict]) -> None:
    inside = [r for r in records if r["actor_start"] is not None and
              r["start"] <= r["actor_start"] and r["actor_end"] <= r["end"]]  # fmt: skip
    assert inside
    for r in inside:
        at = r["actor_start"] - r["start"]
        assert r["text"][at : at + len(r["actor_mention"])] == r["actor_mention"], r["id"]


def test_statements_and_spans_slice_the_source_documents(
    records: list[dict], sources: dict[str, str]
) -> None:
    for r in records:
        text = sources[r["doc"]]
        assert text[r["start"] : r["end"]] == r["text"], r["id"]
        assert r["source"].endswith(f"#{r['doc']}")
        if r["actor_start"] is not None:
            assert text[r["actor_start"] : r["actor_end"]] == r["actor_mention"], r["id"]


def test_no_held_out_statement_nearly_repeats_any_training_statement() -> None:
    combined = stance.load_dataset("all")
    train = combined["train"]["text"]
    for split in ("validation_news", "test_news"):
        assert not near_duplicates(combined[split]["text"], train), split


def test_all_keeps_news_test_apart_and_adds_its_training_split() -> None:
    combined = stance.load_dataset("all")
    assert list(combined) == [
        "train", "validation", "validation_news", "test_seeds", "test_extended", "test_news",
    ]  # fmt: skip
    news = stance.load_dataset("news")
    assert combined["test_news"]["id"] == news["test"]["id"]
    assert set(news["train"]["id"]) <= set(combined["train"]["id"])
    assert not set(news["test"]["id"]) & set(combined["train"]["id"])
    genres = combined["train"].features["genre"].names
    assert genres == list(GENRES)
    assert {genres[g] for g in combined["train"]["genre"]} == set(GENRES)


def test_loads_offline_with_features(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    news = stance.load_dataset("news")
    assert sorted(news) == ["test", "train", "validation"]
    assert str(news["test"].info.version) == "1.0.0"
    assert news["train"].features["stance"].names == list(STANCES)
