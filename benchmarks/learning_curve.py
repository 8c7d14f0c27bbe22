"""Learning curve: stance macro-F1 against the amount of training data.

Tells when more annotation stops paying. Training documents (transcripts, speeches, seed articles)
are drawn at random, whole, in growing shares of the ``all`` training split; each share is drawn
with several seeds and the median reported. Models are scored on both fixed test splits, which
are never trained on. Also reports the model trained on the seed articles alone.

    python benchmarks/learning_curve.py [--model logreg] [--repeats 3]

Writes ``results/learning_curve/<model>/<dataset>/<split>.json`` and prints one table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

import stance
from stance.evaluation import score
from stance.models import make_model

RESULTS = Path(__file__).resolve().parent.parent / "results" / "learning_curve"
SHARES = (0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0)


def _texts_labels(ds) -> tuple[list[str], list[str]]:
    names = ds.features["stance"].names
    return list(ds["text"]), [names[i] for i in ds["stance"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="logreg")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--resamples", type=int, default=1000)
    args = parser.parse_args(argv)

    data = stance.load_dataset("all")
    seeds = stance.load_dataset("seeds")
    tests = {name: _texts_labels(data[name]) for name in ("test_seeds", "test_extended")}
    train_texts, train_labels = _texts_labels(data["train"])
    docs = np.asarray(data["train"]["doc"])
    unique_docs = np.unique(docs)

    rows = []

    def run(label: str, share: float, texts: list[str], labels: list[str], seed: int) -> dict:
        start = time.perf_counter()
        model = make_model(args.model).fit(texts, labels)
        seconds = time.perf_counter() - start
        out = {
            "setting": label,
            "share": share,
            "seed": seed,
            "n_train": len(texts),
            "train_seconds": round(seconds, 2),
        }
        for name, (x, y) in tests.items():
            out[name] = score(y, model.predict(x), stance.STANCES, args.resamples, seed=0)
        return out

    st, sl = _texts_labels(seeds["train"])
    rows.append(run("seeds only", 0.0, st, sl, 0))
    for share in SHARES:
        for seed in range(args.repeats if share < 1.0 else 1):
            rng = np.random.default_rng(seed)
            chosen = set(
                rng.choice(unique_docs, max(1, round(share * len(unique_docs))), replace=False)
            )
            idx = [i for i, d in enumerate(docs) if d in chosen]
            rows.append(
                run(
                    "all",
                    share,
                    [train_texts[i] for i in idx],
                    [train_labels[i] for i in idx],
                    seed,
                )
            )

    print(
        f"Learning curve, model {args.model}: stance macro-F1 (median over draws; "
        "with that draw's 95% bootstrap interval)"
    )
    print(f"{'training data':>16} {'statements':>10}  {'test_seeds':>22}  {'test_extended':>22}")
    summary = []
    for key in [("seeds only", 0.0)] + [("all", s) for s in SHARES]:
        group = [r for r in rows if (r["setting"], r["share"]) == key]
        line = {
            "setting": key[0],
            "share": key[1],
            "n_train": int(statistics.median(r["n_train"] for r in group)),
        }
        cells = []
        for name in tests:
            # The draw whose score is the median (lower median for an even count), with its
            # own bootstrap interval, so score and interval always belong together.
            ranked = sorted(group, key=lambda r: r[name]["macro_f1"])
            median_draw = ranked[(len(ranked) - 1) // 2]
            med = median_draw[name]["macro_f1"]
            lo, hi = median_draw[name]["macro_f1_ci"]
            line[name] = {"macro_f1_median": med, "macro_f1_ci": [lo, hi]}
            cells.append(f"{med:.3f} [{lo:.2f}, {hi:.2f}]")
        label = key[0] if key[0] == "seeds only" else f"{key[1]:.0%} of all"
        print(f"{label:>16} {line['n_train']:>10}  {cells[0]:>22}  {cells[1]:>22}")
        summary.append(line)

    for name in tests:
        out = RESULTS / args.model / "all" / f"{name}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "model": args.model,
            "split": name,
            "data_sha256": data[name].info.download_checksums,
            "summary": [{k: v for k, v in s.items() if k not in tests} | s[name] for s in summary],
            "runs": [
                {k: v for k, v in r.items() if k not in tests} | {"score": r[name]} for r in rows
            ],
        }
        tmp = out.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        tmp.replace(out)
    print(f"results written under {RESULTS / args.model}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
