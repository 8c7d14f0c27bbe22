"""The seed dataset: fixed split, pinned content, and an offline loader."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import datasets
import pytest

import stance
from stance.data import dataset_path, read_records
from stance.labels import ACTOR_TYPES, STANCES
from stance.segmentation import clean_inline, segment
from stance.similarity import near_duplicates

ROOT = Path(__file__).resolve().parents[1]

# Any change to the data must be deliberate: update these pins in the same commit, and say why.
SEEDS_SHA256 = "ecc3b7e7e57be331992dbe5b65b7c04a8f3adbe2f0af01b4c72fe765ce92cd17"
SEED_FILES_SHA256 = {
    "000_74ea40e54fce102b.txt": "e0a75b07f1d3beaa50fab353aa47eeba2156615542aae783ef65b5d7d55d0b54",
    "001_d7af28c71d14d5c4.txt": "c1a3ec8fa94e4d5c3eb066682e9d837edf73905f666cdafb29d2c745cc9b31e1",
    "002_de5224b1ff8790c5.txt": "1fd287d9b7900857aa147a624c481c07d76df0fd0d322501785cbdf73460904b",
    "003_125d90bc71194991.txt": "cf82056abbdd0ec7754607728726cf2eb9ba068db9dc8db38457cd23818d340c",
    "004_47ab86cb897dd57c.txt": "0f7f98b1e205b753518bcea0e921a55caa4cbf8f5d7913a09355902cc19df60e",
}
COUNTS = {
    ("train", "urge_accountability"): 27,
    ("train", "condemn"): 15,
    ("train", "deny"): 1,
    ("train", "allege_interference"): 1,
    ("train", "neutral"): 2,
    ("test", "urge_accountability"): 22,
    ("test", "condemn"): 9,
    ("test", "deny"): 3,
    ("test", "allege_interference"): 10,
    ("test", "neutral"): 13,
}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return read_records("seeds")[0]


def test_seed_articles_are_verbatim() -> None:
    found = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").glob("*.txt")
    }
    assert found == SEED_FILES_SHA256


def test_data_file_is_pinned() -> None:
    assert hashlib.sha256(dataset_path("seeds").read_bytes()).hexdigest() == SEEDS_SHA256


def test_counts_per_split_and_stance_are_pinned(records: list[dict]) -> None:
    assert Counter((r["split"], r["stance"]) for r in records) == COUNTS


def test_every_statement_of_every_seed_is_annotated(records: list[dict]) -> None:
    expected = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected += [(s.doc, s.index, s.start, s.end, s.text) for s in segment(text, path.stem)]
    assert [(r["doc"], r["index"], r["start"], r["end"], r["text"]) for r in records] == expected
    for r in records:
        original = (ROOT / r["source"]).read_text(encoding="utf-8")
        assert clean_inline(original[r["start"] : r["end"]]) == r["text"]


def test_split_is_document_disjoint_and_large_enough(records: list[dict]) -> None:
    docs = {
        split: {r["doc"] for r in records if r["split"] == split} for split in ("train", "test")
    }
    assert docs["train"] and docs["test"] and not docs["train"] & docs["test"]
    test = [r for r in records if r["split"] == "test"]
    assert len(test) >= len(records) / 3
    counts = Counter(r["stance"] for r in test)
    assert all(counts[s] >= 2 for s in STANCES), counts


def test_no_training_statement_nearly_repeats_a_test_statement(records: list[dict]) -> None:
    train = [r["text"] for r in records if r["split"] == "train"]
    test = [r["text"] for r in records if r["split"] == "test"]
    assert near_duplicates(test, train) == []


def test_neutral_has_no_actor(records: list[dict]) -> None:
    for r in records:
        nobody = (r["actor"], r["actor_type"], r["country"]) == ("none", "none", "")
        assert (r["stance"] == "neutral") == nobody, r["id"]


def test_load_dataset_gives_class_labels_version_and_hash() -> None:
    dsd = stance.load_dataset("seeds")
    assert isinstance(dsd, datasets.DatasetDict)
    assert list(dsd) == ["train", "test"]
    assert dsd["test"].features["stance"].names == list(STANCES)
    assert dsd["test"].features["actor_type"].names == list(ACTOR_TYPES)
    assert str(dsd["test"].info.version) == "1.1.0"
    assert dsd["test"].info.download_checksums["seeds.jsonl"]["checksum"] == SEEDS_SHA256
    assert len(dsd["train"]) + len(dsd["test"]) == 103
    row = dsd["test"][0]
    assert dsd["test"].features["stance"].int2str(row["stance"]) in STANCES


@pytest.mark.parametrize("name", ["seed", "SEEDS", "", "../seeds"])
def test_unknown_dataset_name_lists_the_available_ones(name: str) -> None:
    with pytest.raises(ValueError, match="available datasets: seeds, extended, news, all"):
        stance.load_dataset(name)


def test_corrupt_data_file_is_named_in_the_error(tmp_path: Path, monkeypatch) -> None:
    import stance.data as data
    import stance.resources as resources

    bad = tmp_path / "_data"
    bad.mkdir()
    (bad / "seeds.jsonl").write_text(json.dumps({"stance": "maybe"}) + "\n", encoding="utf-8")
    monkeypatch.setattr(resources, "PACKAGE_DIR", tmp_path)  # as if installed there
    with pytest.raises(ValueError, match=r"seeds.jsonl line 1: missing field"):
        data.read_records("seeds")
