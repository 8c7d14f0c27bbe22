"""Tune model hyperparameters by grouped cross-validation on training data only.

Folds are whole documents (GroupKFold on the document id) of the ``all`` training split; no
test statement is ever seen. Prints the best parameters per model and writes
``results/tune/<model>.json``; the chosen values are then written into the factories of
``stance/models.py`` by hand, with a comment pointing here.

    python benchmarks/tune.py [--models logreg context ...]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sklearn.model_selection import GridSearchCV, GroupKFold

import stance
from stance.models import make_model
from stance.tables import project_split

OUT = Path(__file__).resolve().parent.parent / "results" / "tune"
GRIDS = {
    "nb": {"clf__alpha": [0.1, 0.3, 1.0]},
    "logreg": {"clf__C": [1.0, 3.0, 10.0, 30.0]},
    "svm": {"clf__estimator__C": [0.1, 0.5, 2.0]},
    "context": {
        "clf__C": [3.0, 10.0, 30.0],
        "vec__transformer_weights": [
            {"text": 1.0, "context": 0.25},
            {"text": 1.0, "context": 0.5},
            {"text": 1.0, "context": 1.0},
        ],
    },
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=list(GRIDS))
    args = parser.parse_args(argv)
    data = project_split("all", "train")
    groups = list(stance.load_dataset("all")["train"]["doc"])
    OUT.mkdir(parents=True, exist_ok=True)
    for name in args.models:
        start = time.perf_counter()
        search = GridSearchCV(
            make_model(name), GRIDS[name], cv=GroupKFold(5), scoring="f1_macro", n_jobs=2
        )
        search.fit(data.inputs(), data.labels, groups=groups)
        result = {
            "model": name,
            "best_params": {k: repr(v) for k, v in search.best_params_.items()},
            "best_cv_macro_f1": round(float(search.best_score_), 3),
            "grid": [
                {"params": {k: repr(v) for k, v in p.items()}, "cv_macro_f1": round(float(m), 3)}
                for p, m in zip(
                    search.cv_results_["params"], search.cv_results_["mean_test_score"], strict=True
                )
            ],
            "seconds": round(time.perf_counter() - start, 1),
        }
        (OUT / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(
            f"{name:8} best {result['best_params']} cv macro-F1 {result['best_cv_macro_f1']}"
            f" ({result['seconds']} s)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
