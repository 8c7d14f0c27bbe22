"""Shared test set-up: the hub is never reachable, so make any attempt fail loudly."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import json
from pathlib import Path

import pytest
from helpers import FRENCH, HTML, SEEDS

import stance


@pytest.fixture(scope="session")
def model(tmp_path_factory: pytest.TempPathFactory) -> stance.TrainedModel:
    # A quick model keeps these tests fast; the default model is exercised by the doctests.
    return stance.train("logreg", "all", metric_resamples=0)


@pytest.fixture(scope="session")
def model_file(model: stance.TrainedModel, tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(model.save(tmp_path_factory.mktemp("model") / "logreg.stance"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of real articles in every input format, and inputs that must fail."""
    folder = tmp_path / "in"
    (folder / "news").mkdir(parents=True)
    for p in SEEDS[:3]:
        (folder / "news" / p.name).write_bytes(p.read_bytes())
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "notes.md").write_text("# Heading\n\nAmnesty International condemned the arrests.\n")
    (folder / "rows.jsonl").write_text(
        json.dumps({"id": "j1", "text": "The Foreign Ministry denied the reports."})
        + "\n"
        + json.dumps({"id": "j2", "text": "Lawmakers called for sanctions on officials."})
        + "\n"
    )
    (folder / "rows.csv").write_text("id,body\nc1,The council met on Monday.\n")  # no text col
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>")
    with (folder / "huge.txt").open("wb") as fh:  # 50 MB, written sparsely
        fh.truncate(50_000_000)
    return folder
