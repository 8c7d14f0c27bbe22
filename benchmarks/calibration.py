"""Does the default model's confidence mean something? Calibration and ``--min-confidence``.

For each test split: expected calibration error (ECE, 10 equal-width bins of the top-class
probability), the reliability table (per bin: mean confidence against accuracy), and what
``stance label --min-confidence P`` keeps: for each threshold, the share of statements kept
(coverage) and their accuracy, and for the statements the model calls non-neutral, the precision
of those kept. Also the threshold that keeps half of the non-neutral predictions, with its
precision (issue 15 asks for >= 0.85 there on the news test split).

The news test split is sealed: only these aggregate figures are looked at.

    python benchmarks/calibration.py

Writes ``results/calibration/summary.json`` and ``results/calibration/summary.md`` (and, with
the ``bench`` extra, ``results/calibration/reliability.png``), and prints the tables.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

import stance
from stance.tables import project_split

RESULTS = Path(__file__).resolve().parents[1] / "results" / "calibration"
SPLITS = {"test_seeds": ("seeds", "test"), "test_extended": ("extended", "test"),
          "test_news": ("news", "test")}  # fmt: skip
THRESHOLDS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
BINS = 10


def reliability(confidence: np.ndarray, correct: np.ndarray) -> tuple[float, list[dict]]:
    """ECE and the per-bin table (equal-width bins of the top-class probability)."""
    edges = np.linspace(0.0, 1.0, BINS + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, BINS - 1)
    table, ece = [], 0.0
    for b in range(BINS):
        mask = which == b
        if not mask.any():
            continue
        conf, acc = float(confidence[mask].mean()), float(correct[mask].mean())
        ece += mask.mean() * abs(conf - acc)
        table.append({"bin": [round(edges[b], 1), round(edges[b + 1], 1)], "n": int(mask.sum()),
                      "confidence": round(conf, 3), "accuracy": round(acc, 3)})  # fmt: skip
    return round(float(ece), 4), table


def coverage(confidence, predicted, gold) -> list[dict]:
    """What each --min-confidence threshold keeps: all statements, and the non-neutral calls."""
    rows = []
    stance_calls = predicted != "neutral"

    def share_right(mask) -> float | None:
        return round(float((predicted[mask] == gold[mask]).mean()), 3) if mask.any() else None

    for t in THRESHOLDS:
        kept = confidence >= t
        calls = kept & stance_calls
        rows.append(
            {
                "threshold": t,
                "coverage": round(float(kept.mean()), 3),
                "accuracy": share_right(kept),
                "non_neutral_kept": int(calls.sum()),
                "non_neutral_precision": share_right(calls),
            }
        )
    return rows


def half_the_calls(confidence, predicted, gold) -> dict:
    """The threshold that keeps half of the non-neutral predictions, and their precision."""
    calls = predicted != "neutral"
    threshold = float(np.median(confidence[calls]))
    kept = calls & (confidence >= threshold)
    return {
        "threshold": round(threshold, 3),
        "kept": int(kept.sum()),
        "of": int(calls.sum()),
        "precision": round(float((predicted[kept] == gold[kept]).mean()), 3),
    }


def main() -> int:
    model = stance.default_model()
    report = {}
    for name, where in SPLITS.items():
        data = project_split(*where)
        proba = model.predict_proba(data.inputs())
        classes = np.asarray(model.classes_)
        predicted = classes[proba.argmax(axis=1)]
        confidence = proba.max(axis=1)
        gold = np.asarray(data.labels)
        ece, table = reliability(confidence, predicted == gold)
        report[name] = {
            "n": len(gold),
            "ece": ece,
            "reliability": table,
            "min_confidence": coverage(confidence, predicted, gold),
            "half_of_the_non_neutral_calls": half_the_calls(confidence, predicted, gold),
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary.json").write_text(json.dumps(report, indent=1) + "\n")
    lines = ["| split | n | ECE | threshold keeping half the non-neutral calls | their precision |",
             "|---|---|---|---|---|"]  # fmt: skip
    for name, r in report.items():
        h = r["half_of_the_non_neutral_calls"]
        lines.append(f"| {name} | {r['n']} | {r['ece']:.3f} | {h['threshold']:.2f} ({h['kept']} of "
                     f"{h['of']}) | {h['precision']:.3f} |")  # fmt: skip
    lines += [
        "",
        "| split | --min-confidence | coverage | accuracy | non-neutral kept | precision |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in report.items():
        for row in r["min_confidence"]:
            lines.append(
                f"| {name} | {row['threshold']:.1f} | {row['coverage']:.3f} | {row['accuracy']} | "
                f"{row['non_neutral_kept']} | {row['non_neutral_precision']} |"
            )
    md = "# Calibration of the default model\n\n" + "\n".join(lines) + "\n"
    (RESULTS / "summary.md").write_text(md)
    print(md)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(5, 5))
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1)
        for name, r in report.items():
            xs = [b["confidence"] for b in r["reliability"]]
            ys = [b["accuracy"] for b in r["reliability"]]
            ax.plot(xs, ys, marker="o", label=f"{name} (ECE {r['ece']:.3f})")
        ax.set_xlabel("confidence (top-class probability)")
        ax.set_ylabel("accuracy")
        ax.set_title("Reliability of the default model")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(RESULTS / "reliability.png", dpi=110)
    except ImportError:
        print("matplotlib is not installed: no reliability picture")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
