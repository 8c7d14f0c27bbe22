"""Compare every registered model on the same data: quality with intervals, speed, size.

Each model is trained on the ``all`` training split (seed, extended and news training
statements), scored on the two validation splits (``validation``, extended, and
``validation_news``), which choose the best model, and on the three fixed test splits,
``test_seeds``, ``test_extended`` and ``test_news``, which are never trained on and never
choose anything (the news test split is sealed: only these aggregate figures are looked at).
It is also scored by leave-one-document-out over the five seed articles: trained on ``all``
minus the seed articles plus four of them, tested on the fifth, predictions pooled.

    python benchmarks/compare_models.py [--models logreg svm ...] [--resamples 1000]

Writes ``results/compare_models/<model>/<dataset>/<split>.json``, a Markdown
``results/compare_models/summary.md`` and ``results/compare_models/confusion_<best>.png`` (with
the ``bench`` extra, which brings matplotlib), and prints one table. Timings are medians of
repeated runs on this machine; compare them as ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import stance
from stance.evaluation import score
from stance.models import TARGET_AWARE, available_models
from stance.tables import TrainingData, project_split
from stance.trained import TrainedModel

OUT = Path(__file__).resolve().parent.parent / "results" / "compare_models"
SPLITS = {
    "validation": ("extended", "validation"),
    "validation_news": ("news", "validation"),
    "test_seeds": ("seeds", "test"),
    "test_extended": ("extended", "test"),
    "test_news": ("news", "test"),
}


def _write(path: Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


def _concat(parts: list[TrainingData]) -> TrainingData:
    return TrainingData(
        [t for p in parts for t in p.texts],
        [y for p in parts for y in p.labels],
        [c for p in parts for c in p.context],
        "+".join(p.source for p in parts),
    )


def leave_one_seed_out(name: str, resamples: int) -> dict:
    """Pooled predictions of models each trained without one seed article."""
    extended = _concat([project_split("extended", "train"), project_split("news", "train")])
    seeds = {s: project_split("seeds", s) for s in ("train", "test")}
    docs: dict[str, list[int]] = {}
    rows = [dict(r) for split in ("train", "test") for r in stance.load_dataset("seeds")[split]]
    seed_all = _concat([seeds["train"], seeds["test"]])
    for i, r in enumerate(rows):
        docs.setdefault(r["doc"], []).append(i)
    truth, pred = [], []
    for held in docs.values():
        held_set = set(held)
        keep = [i for i in range(len(rows)) if i not in held_set]
        train = _concat(
            [
                extended,
                TrainingData(
                    [seed_all.texts[i] for i in keep],
                    [seed_all.labels[i] for i in keep],
                    [seed_all.context[i] for i in keep],
                    "seeds",
                ),
            ]
        )
        model = stance.models.make_model(name).fit(train.inputs(), train.labels)
        test_inputs = TrainingData(
            [seed_all.texts[i] for i in held], [], [seed_all.context[i] for i in held], "held"
        ).inputs()
        pred += list(model.predict(test_inputs))
        truth += [seed_all.labels[i] for i in held]
    return score(truth, pred, stance.STANCES, resamples, seed=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Target-aware models need a target column, which the project's datasets do not have
    # (benchmarks/own_data.py compares them, with the genre as the target).
    default = [m for m in available_models() if m not in TARGET_AWARE]
    parser.add_argument("--models", nargs="+", default=default)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3, help="timing repeats (median)")
    parser.add_argument("--no-loo", action="store_true", help="skip leave-one-seed-out")
    args = parser.parse_args(argv)

    tests = {key: project_split(*where) for key, where in SPLITS.items()}
    rows = []
    for name in args.models:
        fit_times, model = [], None
        for _ in range(args.repeats):
            start = time.perf_counter()
            model = stance.train(name, "all", metric_resamples=0)  # time training alone
            fit_times.append(time.perf_counter() - start)
        assert isinstance(model, TrainedModel)
        big = tests["test_extended"].inputs()
        predict_times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            model.predict(big)
            predict_times.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as tmp:
            size = model.save(Path(tmp) / "m.stance").stat().st_size
        row = {
            "model": name,
            "train_seconds": round(statistics.median(fit_times), 2),
            "predictions_per_second": round(len(big["text"]) / statistics.median(predict_times)),
            "size_bytes": size,
        }
        for key, (dataset, split) in SPLITS.items():
            report = stance.evaluate(
                model, dataset, split, n_resamples=args.resamples, attribution=False
            )
            row[key] = report
            _write(
                OUT / name / dataset / f"{split}.json",
                {
                    **report,
                    **{
                        k: row[k] for k in ("train_seconds", "predictions_per_second", "size_bytes")
                    },
                },
            )
        if not args.no_loo:
            row["loo_seeds"] = leave_one_seed_out(name, args.resamples)
            _write(OUT / name / "seeds" / "leave_one_document_out.json", row["loo_seeds"])
        rows.append(row)
        print(f"  {name}: done", flush=True)

    header = (
        "| model | validation (ext / news) | seeds test macro-F1 [95% CI] | extended test "
        "macro-F1 [95% CI] | news test macro-F1 [95% CI] | seeds LOO macro-F1 | news per-class "
        "F1 (urge / condemn / deny / interference / neutral) | train s | predictions/s | size |"
    )
    lines = [header, "| " + " | ".join(["---"] * 10) + " |"]

    def cell(report: dict) -> str:
        lo, hi = report["macro_f1_ci"]
        return f"{report['macro_f1']:.3f} [{lo:.2f}, {hi:.2f}]"

    for row in rows:
        per_class = " / ".join(
            f"{row['test_news']['per_class'][s]['f1']:.2f}" for s in stance.STANCES
        )
        loo = f"{row['loo_seeds']['macro_f1']:.3f}" if "loo_seeds" in row else "-"
        validation = (
            f"{row['validation']['macro_f1']:.3f} / {row['validation_news']['macro_f1']:.3f}"
        )
        lines.append(
            f"| {row['model']} | {validation} | {cell(row['test_seeds'])} | "
            f"{cell(row['test_extended'])} | {cell(row['test_news'])} | {loo} | {per_class} | "
            f"{row['train_seconds']} | {row['predictions_per_second']:,} | "
            f"{row['size_bytes'] / 1e6:.1f} MB |"
        )
    table = "\n".join(lines)
    print(table)
    OUT.mkdir(parents=True, exist_ok=True)
    # Best = highest mean macro-F1 over the two validation splits: a choice made on a test split
    # would make its figures optimistic.
    best = max(rows, key=lambda r: r["validation"]["macro_f1"] + r["validation_news"]["macro_f1"])
    (OUT / "summary.md").write_text(
        "# Model comparison\n\nTrained on `all` (train splits only); 95% bootstrap intervals, "
        f"{args.resamples} resamples, seed 0. Best (mean macro-F1 on the extended and news "
        f"validation splits): `{best['model']}`.\n\n{table}\n",
        encoding="utf-8",
    )
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        shown = ("test_extended", "test_news")
        fig, axes = plt.subplots(1, 2, figsize=(12, 5))
        for ax, key in zip(axes, shown, strict=True):
            cm = best[key]["confusion_matrix"]
            ax.imshow(cm["matrix"], cmap="Blues")
            ticks = range(len(cm["labels"]))
            short = [s.replace("_", "\n") for s in cm["labels"]]
            ax.set_xticks(ticks, short, fontsize=7)
            ax.set_yticks(ticks, short, fontsize=7)
            for i, r in enumerate(cm["matrix"]):
                for j, v in enumerate(r):
                    ax.text(j, i, v, ha="center", va="center", fontsize=8)
            ax.set_xlabel("predicted")
            ax.set_ylabel("gold")
            ax.set_title(f"{best['model']} on {key}")
        fig.tight_layout()
        fig.savefig(OUT / f"confusion_{best['model']}.png", dpi=110)
    except ImportError:
        print("matplotlib is not installed: no confusion-matrix picture")
    print(f"results under {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
