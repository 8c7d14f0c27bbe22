"""Training on project or user data, evaluation reports, and model files that never run code."""

from __future__ import annotations

import json
import os
import pickle
import zipfile
from pathlib import Path

import datasets
import pytest

import stance
from stance.persistence import ModelFileError, read_model_file


@pytest.fixture(scope="module")
def model() -> stance.TrainedModel:
    return stance.train("logreg", "seeds")


@pytest.fixture(scope="module")
def saved(model, tmp_path_factory) -> Path:
    return model.save(tmp_path_factory.mktemp("m") / "model.stance")


def test_round_trip_keeps_predictions_and_metadata(model, saved) -> None:
    loaded = stance.load_model(saved)
    texts = stance.load_dataset("seeds")["test"]["text"]
    assert loaded.predict(texts).tolist() == model.predict(texts).tolist()
    meta = loaded.metadata
    assert meta["stance_version"] == stance.__version__
    assert meta["labels"] == sorted(set(meta["labels"]))
    assert len(meta["training_data_sha256"]) == 64 and meta["training_data"] == "seeds/train"
    recorded = meta["metrics"]["seeds/test"]
    report = stance.evaluate(loaded, "seeds", "test")
    assert recorded["macro_f1"] == report["macro_f1"] and recorded["n"] == 57
    assert recorded["data_sha256"] == report["data_sha256"]


def test_training_is_deterministic() -> None:
    texts = stance.load_dataset("seeds")["test"]["text"]
    a = stance.train("svm", "all", metric_resamples=0).predict_proba(texts)
    b = stance.train("svm", "all", metric_resamples=0).predict_proba(texts)
    assert a.tobytes() == b.tobytes()


def test_evaluation_report(model) -> None:
    report = stance.evaluate(model, dataset="seeds", split="test", n_resamples=1000)
    assert report["split"] == "test" and report["dataset"] == "seeds"
    assert len(report["data_sha256"]) == 64
    lo, hi = report["macro_f1_ci"]
    assert lo <= report["macro_f1"] <= hi
    assert set(report["per_class"]) == set(stance.STANCES)
    assert sum(map(sum, report["confusion_matrix"]["matrix"])) == 57
    assert report == stance.evaluate(model, dataset="seeds", split="test", n_resamples=1000)


def _rewrite(src: Path, dst: Path, **members: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, members.get(name, zin.read(name)))
    return dst


def test_tampered_model_is_refused(saved, tmp_path) -> None:
    with zipfile.ZipFile(saved) as zf:
        payload = bytearray(zf.read("model.skops"))
    payload[len(payload) // 2] ^= 0xFF
    bad = _rewrite(saved, tmp_path / "bad.stance", **{"model.skops": bytes(payload)})
    with pytest.raises(ModelFileError, match="altered or corrupted"):
        stance.load_model(bad)


class _Exploit:
    def __reduce__(self):
        return (os.system, (f"touch {_Exploit.marker}",))


@pytest.mark.parametrize("where", ["as the whole file", "inside the archive"])
def test_planted_pickle_never_runs(saved, tmp_path, where) -> None:
    _Exploit.marker = tmp_path / "pwned"
    evil = pickle.dumps(_Exploit())
    if where == "as the whole file":
        target = tmp_path / "evil.stance"
        target.write_bytes(evil)
        expected = "not a stance model file"
    else:
        # An attacker who also rewrites the recorded digest gets past the digest check ...
        import hashlib

        with zipfile.ZipFile(saved) as zf:
            meta = json.loads(zf.read("metadata.json"))
        meta["model_sha256"] = hashlib.sha256(evil).hexdigest()
        target = _rewrite(
            saved,
            tmp_path / "evil.stance",
            **{"model.skops": evil, "metadata.json": json.dumps(meta).encode()},
        )
        expected = "malformed model payload"  # ... and is stopped by skops, which never unpickles
    with pytest.raises(ModelFileError, match=expected):
        stance.load_model(target)
    assert not _Exploit.marker.exists()


def test_foreign_type_is_refused(tmp_path) -> None:
    import skops.io as sio
    from sklearn.ensemble import RandomForestClassifier

    import stance.persistence as persistence

    payload = sio.dumps(RandomForestClassifier())
    meta = {
        "format": "stance-model",
        "format_version": 1,
        "stance_version": stance.__version__,
        "sklearn_version": __import__("sklearn").__version__,
    }
    import hashlib

    meta["model_sha256"] = hashlib.sha256(payload).hexdigest()
    path = tmp_path / "rf.stance"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("metadata.json", json.dumps(meta))
        zf.writestr("model.skops", payload)
    assert "sklearn.ensemble._forest.RandomForestClassifier" not in persistence.ALLOWED_TYPES
    # RandomForest itself is trusted by skops by default; our allow-list is narrower, and fixed.
    with pytest.raises(ModelFileError, match="types not allowed"):
        read_model_file(path)


def test_truncated_and_incompatible_files(saved, tmp_path) -> None:
    cut = tmp_path / "cut.stance"
    cut.write_bytes(saved.read_bytes()[:500])
    with pytest.raises(ModelFileError, match="truncated"):
        stance.load_model(cut)
    with zipfile.ZipFile(saved) as zf:
        meta = json.loads(zf.read("metadata.json"))
    meta["stance_version"] = "9.0.0"
    old = _rewrite(saved, tmp_path / "old.stance", **{"metadata.json": json.dumps(meta).encode()})
    with pytest.raises(ModelFileError, match="incompatible with stance"):
        stance.load_model(old)
    with pytest.raises(FileNotFoundError, match="no such model file"):
        stance.load_model(tmp_path / "missing.stance")
    with pytest.raises(ModelFileError, match="is a directory, not a model file"):
        stance.load_model(tmp_path)


def _write_csv(path: Path, rows: list[dict]) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


USER_ROWS = [
    {"sentence": "Great product, works well", "sentiment": "pos", "topic": "phone"},
    {"sentence": "Terrible, it broke in a day", "sentiment": "neg", "topic": "phone"},
    {"sentence": "I love the screen", "sentiment": "pos", "topic": "tablet"},
    {"sentence": "Awful battery", "sentiment": "neg", "topic": "tablet"},
] * 3


def test_train_on_user_csv_with_any_label_set(tmp_path) -> None:
    path = _write_csv(tmp_path / "mine.csv", USER_ROWS)
    model = stance.train("nb", path, text_col="sentence", label_col="sentiment", target_col="topic")
    assert sorted(model.classes_) == ["neg", "pos"]
    # The model remembers its columns: a raw table with the text and target columns is read
    # as training read it; plain texts, which have no target, are refused.
    table = {"sentence": ["great product", "awful, it broke"], "topic": ["phone", "tablet"]}
    assert model.predict(table).tolist() == ["pos", "neg"]
    assert model.schema.target_col == "topic" and model.schema.text_col == "sentence"
    with pytest.raises(ValueError, match="trained with a target column"):
        model.predict(["great product"])


def test_train_on_user_jsonl_and_dataset(tmp_path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in USER_ROWS), encoding="utf-8")
    assert (
        stance.train("logreg", path, text_col="sentence", label_col="sentiment").metadata["n_train"]
        == 12
    )
    ds = datasets.Dataset.from_list(USER_ROWS)
    assert stance.train("lexicon", ds, text_col="sentence", label_col="sentiment").metadata[
        "labels"
    ] == ["neg", "pos"]


@pytest.mark.parametrize(
    ("rows", "kwargs", "message"),
    [
        (USER_ROWS, {"text_col": "text", "label_col": "sentiment"}, "no column 'text'"),
        (USER_ROWS, {"text_col": "sentence", "label_col": "label"}, "no column 'label'"),
        (
            [dict(r, sentiment="pos") for r in USER_ROWS],
            {"text_col": "sentence", "label_col": "sentiment"},
            "one class",
        ),
        (
            [dict(r, sentence=" ") if i == 2 else r for i, r in enumerate(USER_ROWS)],
            {"text_col": "sentence", "label_col": "sentiment"},
            "empty text in 1 rows",
        ),
    ],
)
def test_bad_user_data_gets_a_clear_error(tmp_path, rows, kwargs, message) -> None:
    path = _write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ValueError, match=message) as exc:
        stance.train("nb", path, **kwargs)
    assert "bad.csv" in str(exc.value)


def test_empty_data_and_unknown_model(tmp_path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="no rows"):
        stance.train("nb", empty)
    with pytest.raises(ValueError, match="unknown model 'bert'"):
        stance.train("bert", "seeds")
    # The seed training split holds a single 'deny': too few for the calibrated SVM.
    with pytest.raises(ValueError, match=r"seeds/train: model 'svm' needs at least 3"):
        stance.train("svm", "seeds")
