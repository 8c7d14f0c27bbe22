"""Training on your own annotations, as a user would: the project's data exported as CSV files and
run through the documented commands only.

The ``all`` training split becomes ``train.csv`` (columns ``text``, ``label``, ``genre``,
``doc``) and the ``test_news`` and ``test_extended`` splits become test tables with the same
columns, in a temporary directory. Then, with the genre as the target column and the document
as the group column:

    stance train --model auto --data train.csv --label-col label --target-col genre \\
        --group-col doc --budget 900s -o auto.stance
    stance evaluate auto.stance --data test_news.csv --average-labels <the four stances> --json

and the same for the classic baselines (``majority``, ``logreg`` with the target as a word,
``per_target``: a linear SVM per target on word 1-3 and character 2-5 n-grams). The measure
next to macro-F1 is the mean F1 of the four stances that take a position (``neutral`` left
out, as ``NONE`` is in multi-target stance). The news test split is sealed: only these
aggregate figures are looked at.

    python benchmarks/own_data.py [--budget 900s] [--models auto,majority,logreg,per_target]

Writes ``results/own_data/<model>/<split>.json`` (the evaluate report), ``results/own_data/
auto_selection.json`` (the cross-validated score of every candidate) and prints one table.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import stance
from stance.labels import STANCES

RESULTS = Path(__file__).resolve().parent.parent / "results" / "own_data"
SPLITS = ("test_news", "test_extended")
POSITIONS = [s for s in STANCES if s != "neutral"]


def export(directory: Path) -> dict[str, Path]:
    """The ``all`` training split and two test splits as a user's CSV files."""
    dsd = stance.load_dataset("all")
    paths = {}
    for split in ("train", *SPLITS):
        ds = dsd[split]
        stances, genres = ds.features["stance"].names, ds.features["genre"].names
        path = directory / f"{split}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["text", "label", "genre", "doc"])
            for row in ds:
                writer.writerow(
                    [row["text"], stances[row["stance"]], genres[row["genre"]], row["doc"]]
                )
        paths[split] = path
    return paths


def stance_cli(*args: str) -> str:
    """Run the ``stance`` command in a fresh process, as a user would; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "stance.cli", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"stance {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", default="900s")
    parser.add_argument("--models", default="auto,majority,logreg,per_target")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = export(Path(tmp))
        for name in args.models.split(","):
            model = Path(tmp) / f"{name}.stance"
            started = time.perf_counter()
            train_args = ["train", "--model", name, "--data", str(paths["train"])]
            train_args += ["--label-col", "label", "--target-col", "genre", "--group-col", "doc"]
            out = stance_cli(*train_args, "--budget", args.budget, "-o", str(model))
            seconds = time.perf_counter() - started
            print(out, file=sys.stderr)
            meta = stance.load_model(model).metadata
            if "selection" in meta:
                RESULTS.mkdir(parents=True, exist_ok=True)
                (RESULTS / "auto_selection.json").write_text(
                    json.dumps(meta["selection"], indent=1) + "\n", encoding="utf-8"
                )
            row = {"model": name, "chosen": f"{meta['model']} {meta['params']}", "train_s": seconds}
            for split in SPLITS:
                report = json.loads(
                    stance_cli(
                        "evaluate",
                        str(model),
                        "--data",
                        str(paths[split]),
                        "--average-labels",
                        ",".join(POSITIONS),
                        "--json",
                    )
                )
                report["dataset"] = f"all/{split} (exported CSV)"
                out_path = RESULTS / name / f"{split}.json"
                out_path.parent.mkdir(parents=True, exist_ok=True)
                out_path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
                lo, hi = report["macro_f1_ci"]
                row[f"{split} macro-F1 [95% CI]"] = f"{report['macro_f1']:.3f} [{lo:.2f}, {hi:.2f}]"
                row[f"{split} mean F1 of positions"] = f"{report['f1_average']:.3f}"
            rows.append(row)
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        cells = [f"{row[c]:.0f}" if c == "train_s" else str(row[c]) for c in columns]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
