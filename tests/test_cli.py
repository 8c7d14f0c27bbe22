"""The command line, run in-process through ``main(argv)``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stance
from stance.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_dataset_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dataset", "seeds", "--split", "test", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "seeds/test: 57 statements, version 1.1.0" in out
    assert "seed-001-00" in out and "seed-001-03" not in out


def test_dataset_jsonl_has_label_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dataset", "seeds", "--split", "train", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 46
    assert rows[0]["stance"] == "urge_accountability" and rows[0]["actor_type"] == "ngo"


def test_dataset_unknown_split(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dataset", "seeds", "--split", "validation"]) == 2
    assert "has no split 'validation'; it has train, test" in capsys.readouterr().err


def test_dataset_unknown_name() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["dataset", "nope"])
    assert exc.value.code == 2


def test_segment_continues_past_a_bad_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00broken")
    good = ROOT / "seeds" / "004_47ab86cb897dd57c.txt"
    assert (
        main(["segment", str(bad), str(tmp_path / "missing.txt"), str(good), "--format", "jsonl"])
        == 1
    )
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert len(rows) == 21 and rows[0]["doc"] == good.stem
    assert f"cannot read {bad}" in captured.err
    assert "2 of 3 inputs failed" in captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("stance ")


def test_train_then_evaluate_json(tmp_path: Path, capsys) -> None:
    out = tmp_path / "m.stance"
    assert main(["train", "--model", "logreg", "--data", "seeds", "-o", str(out)]) == 0
    assert "trained logreg on seeds/train (46 statements" in capsys.readouterr().out
    assert main(["evaluate", str(out), "--dataset", "seeds", "--json", "--resamples", "200"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == 57 and len(report["macro_f1_ci"]) == 2


def test_train_on_user_csv_and_bad_model_file(tmp_path: Path, capsys) -> None:
    data = tmp_path / "mine.csv"
    data.write_text("sentence,tag\nGood,pos\nBad,neg\nFine,pos\nAwful,neg\n", encoding="utf-8")
    out = tmp_path / "mine.stance"
    assert (
        main(
            [
                "train",
                "--model",
                "nb",
                "--data",
                str(data),
                "--text-col",
                "sentence",
                "--label-col",
                "tag",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert main(["train", "--data", str(data), "--text-col", "body"]) == 2
    assert "no column 'body'" in capsys.readouterr().err
    bad = tmp_path / "bad.stance"
    bad.write_bytes(b"not a zip")
    assert main(["evaluate", str(bad)]) == 2
    assert f"{bad}: not a stance model file" in capsys.readouterr().err


@pytest.mark.slow
def test_default_model_without_a_shipped_file_is_trained_once_and_cached(
    tmp_path: Path, monkeypatch
) -> None:
    import stance.training as training

    monkeypatch.setenv("STANCE_CACHE", str(tmp_path))
    monkeypatch.setattr(training, "_DEFAULT", None)
    monkeypatch.setattr(training, "SHIPPED_DEFAULT", tmp_path / "absent.stance")
    said: list[str] = []
    first = training.default_model(announce=said.append)
    assert len(said) == 1 and "training the default model" in said[0]
    cached = list((tmp_path / "stance").glob("default-context-*.stance"))
    assert len(cached) == 1
    monkeypatch.setattr(training, "_DEFAULT", None)
    second = training.default_model(announce=said.append)  # from the cache file, not retrained
    assert len(said) == 1
    texts = ["We urge an independent investigation.", "This is interference in our affairs."]
    assert first.predict(texts).tolist() == second.predict(texts).tolist()


@pytest.mark.slow
def test_the_shipped_default_model_is_current_and_retraining_gives_its_predictions(
    monkeypatch,
) -> None:
    """The package ships the default model trained on today's data
    (python data/build/write_default_model.py); training it again gives the same
    probabilities, so the file is what the code makes."""
    import stance.training as training

    shipped = training.load_model(training.SHIPPED_DEFAULT)
    assert shipped.metadata["default_key"] == training.default_key(), (
        "the shipped default model is stale: run python data/build/write_default_model.py"
    )
    monkeypatch.setattr(training, "_DEFAULT", None)
    said: list[str] = []
    assert training.default_model(announce=said.append).metadata == shipped.metadata
    assert said == []  # ready at once: nothing to announce
    texts = stance.load_dataset("seeds")["test"]["text"]
    retrained = training.train(training.DEFAULT_MODEL, "all")
    np.testing.assert_allclose(
        retrained.predict_proba(texts), shipped.predict_proba(texts), rtol=0, atol=1e-9
    )


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=8),
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        max_size=6,
    )
)
def test_json_lines_are_what_json_dumps_writes(record: dict) -> None:
    from stance.results import JSON_LINE

    assert JSON_LINE(record) == json.dumps(record, ensure_ascii=False)


def test_statement_to_dict_holds_every_field_in_order() -> None:
    from stance.labelling import STATEMENT_FIELDS, Statement

    s = Statement("d", 0, 0, 2, "Hi", "neutral", 0.5, "none", "none", "", "")
    assert list(s.to_dict()) == list(STATEMENT_FIELDS)
    assert s.to_dict() == {name: getattr(s, name) for name in STATEMENT_FIELDS}


def test_console_script_runs_main_and_exits_with_its_code(monkeypatch, capsys) -> None:
    import gc

    from stance import cli

    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert '\nstance = "stance.cli:run"\n' in pyproject  # (tomllib is not in Python 3.10)
    monkeypatch.setattr("sys.argv", ["stance", "label", "--jobs", "0", "x.txt"])
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.run()
    finally:
        gc.unfreeze()
    assert exit_.value.code == 2 and "jobs" in capsys.readouterr().err


def _results(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


GOOD = json.dumps(
    {"doc": "d1", "source": "d1.txt", "status": "ok", "index": 0, "text": "China denied it.",
     "stance": "deny", "confidence": 0.9, "actor": "China", "actor_type": "government",
     "country": "CHN", "cue": "denied"}
)  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "code", "err"),
    [
        ([GOOD], 0, ["report -> {out}"]),
        (
            [GOOD, "{oops", "[1]"],
            0,
            [
                "stance: warning: skipped {res} line 2: not valid JSON",
                "stance: warning: skipped {res} line 3: expected a JSON object, got list",
                "report -> {out} (2 malformed lines skipped)",
            ],
        ),
        (
            ["{oops"],
            2,
            [
                "stance: warning: skipped {res} line 1: not valid JSON",
                "stance: {res}: no valid record; all 1 lines are malformed",
            ],
        ),
        (None, 2, ["stance: {res}: no such results file"]),
    ],
    ids=["good", "some-malformed", "all-malformed", "missing"],
)
def test_report_skips_malformed_lines(
    tmp_path: Path, capsys, lines: list[str] | None, code: int, err: list[str]
) -> None:
    res = tmp_path / "results.jsonl"
    if lines is not None:
        _results(res, lines)
    out = tmp_path / "report.html"
    assert main(["report", str(res), "-o", str(out)]) == code
    got = capsys.readouterr().err.splitlines()
    assert len(got) == len(err)
    for line, want in zip(got, err, strict=True):
        assert line.startswith(want.format(res=res, out=out)), line
    assert out.exists() == (code == 0)


def test_report_names_only_the_first_20_malformed_lines(tmp_path: Path, capsys) -> None:
    res = _results(tmp_path / "results.jsonl", [GOOD] + ["{oops"] * 25)
    assert main(["report", str(res), "-o", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 22 and err[19].startswith(f"stance: warning: skipped {res} line 21: ")
    assert err[20] == "stance: warning: ... and 5 more malformed lines skipped"


def test_every_option_an_error_message_names_exists() -> None:
    """Hints in messages ("raise --max-mb", "use --text-col") must name real options."""
    import ast

    from stance.cli import build_parser

    parser = build_parser()
    options = set()
    for action in parser._actions:
        options.update(action.option_strings)
        for sub in getattr(action, "choices", None) or {}:
            if isinstance(action.choices, dict):
                for a in action.choices[sub]._actions:
                    options.update(a.option_strings)
    named = set()
    for module in Path(stance.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named.update(re.findall(r"(?<![\w-])--[a-z][a-z-]*[a-z]", node.value))
    assert named, "no hint found: the walk is broken"
    assert named <= options, f"messages name options that do not exist: {named - options}"
