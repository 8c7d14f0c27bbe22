"""The extended corpus: coverage, a fixed split, and no test statement leaking into training."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

import stance
from stance.data import dataset_path, read_records
from stance.labels import STANCES
from stance.segmentation import segment
from stance.similarity import near_duplicates

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

# Any change to the data must be deliberate: update these pins in the same commit, and say why.
EXTENDED_SHA256 = "c34961cbfa9af5cafe45977c0bda20bb0c58fa15cd24268c1fbef7e4fa4e709a"
COUNTS: dict[tuple[str, str], int] = {
    ("test", "allege_interference"): 129,
    ("test", "condemn"): 82,
    ("test", "deny"): 96,
    ("test", "neutral"): 694,
    ("test", "urge_accountability"): 66,
    ("train", "allege_interference"): 366,
    ("train", "condemn"): 223,
    ("train", "deny"): 308,
    ("train", "neutral"): 1884,
    ("train", "urge_accountability"): 118,
    ("validation", "allege_interference"): 64,
    ("validation", "condemn"): 47,
    ("validation", "deny"): 32,
    ("validation", "neutral"): 279,
    ("validation", "urge_accountability"): 12,
}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return read_records("extended")[0]


def test_data_file_is_pinned() -> None:
    assert hashlib.sha256(dataset_path("extended").read_bytes()).hexdigest() == EXTENDED_SHA256


def test_counts_per_split_and_stance_are_pinned(records: list[dict]) -> None:
    assert Counter((r["split"], r["stance"]) for r in records) == COUNTS


def test_coverage(records: list[dict]) -> None:
    assert len(records) >= 1500
    stances = Counter(r["stance"] for r in records)
    assert all(stances[s] >= 150 for s in STANCES), stances
    assert stances["neutral"] >= len(records) / 4
    random_neutral = [
        r for r in records if r["selected_by"] == "random" and r["stance"] == "neutral"
    ]
    assert len(random_neutral) >= 300  # neutral also comes from ordinary passages
    roles = Counter(r["role"] for r in records)
    assert roles["question"] >= 300 and roles["answer"] >= 1000 and roles["speech"] >= 1000
    speaking_states = {r["doc"].split("-")[1] for r in records if r["doc"].startswith("ungdc-")}
    assert len(speaking_states) >= 40
    spokespersons = {r["actor"] for r in records if r["role"] == "answer"}
    assert {"Geng Shuang", "Hua Chunying", "Lu Kang"} <= spokespersons


def test_disputes_beyond_xinjiang(records: list[dict]) -> None:
    positioned = [r["text"] for r in records if r["stance"] != "neutral"]
    for place in ("Hong Kong", "Taiwan", "Ukraine", "Venezuela", "Cuba", "Syria", "Myanmar"):
        assert sum(place in t for t in positioned) >= 5, place
    xinjiang = sum("Xinjiang" in t for t in positioned)
    assert xinjiang < len(positioned) / 10


def test_splits_are_document_disjoint_and_test_is_large_enough(records: list[dict]) -> None:
    docs = {
        s: {r["doc"] for r in records if r["split"] == s} for s in ("train", "validation", "test")
    }
    assert not docs["train"] & docs["test"]
    assert not docs["train"] & docs["validation"]
    assert not docs["validation"] & docs["test"]
    assert sum(r["split"] == "test" for r in records) >= 0.2 * len(records)
    test_counts = Counter(r["stance"] for r in records if r["split"] == "test")
    assert all(test_counts[s] >= 25 for s in STANCES), test_counts


def test_no_held_out_statement_nearly_repeats_a_training_one(records: list[dict]) -> None:
    train = [r["text"] for r in records if r["split"] == "train"]
    held = [r["text"] for r in records if r["split"] != "train"]
    assert near_duplicates(held, train) == []


def test_no_test_statement_of_either_dataset_is_in_a_training_split() -> None:
    combined = stance.load_dataset("all")
    assert list(combined) == ["train", "validation", "test_seeds", "test_extended"]
    train_texts = set(combined["train"]["text"])
    train_ids = set(combined["train"]["id"])
    for split in ("test_seeds", "test_extended", "validation"):
        assert not train_ids & set(combined[split]["id"]), split
        assert not train_texts & set(combined[split]["text"]), split
    seeds, extended = stance.load_dataset("seeds"), stance.load_dataset("extended")
    assert combined["train"].num_rows == seeds["train"].num_rows + extended["train"].num_rows


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this clone")
def test_statements_are_real_sentences_cut_by_the_project_segmenter(records: list[dict]) -> None:
    texts = {}
    for name in ("mfa_press_conferences_2018_2020.jsonl", "ungdc_2019_2022.jsonl"):
        for line in (CORPUS / name).open(encoding="utf-8"):
            rec = json.loads(line)
            texts[rec["id"]] = rec
    cache: dict[tuple[str, int], set] = {}
    for r in records:
        rec = texts[r["doc"]]
        if r["role"] == "speech":
            unit, key = rec["text"], (r["doc"], -1)
        else:
            paragraph = int(r["source"].rsplit("/p", 1)[1])
            unit, key = rec["paragraphs"][paragraph], (r["doc"], paragraph)
        if key not in cache:
            cache[key] = {(s.index, s.start, s.end, s.text) for s in segment(unit, r["doc"])}
        assert (r["index"], r["start"], r["end"], r["text"]) in cache[key], r["id"]
        assert unit[r["start"] : r["end"]] == r["text"] or r["text"] in unit
