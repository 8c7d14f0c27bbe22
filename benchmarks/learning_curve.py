"""Learning curve: stance macro-F1 against the amount of training data.

Tells when more annotation stops paying. Training documents are drawn at random, whole, in
growing shares; each share is drawn with several seeds and the median reported.

* ``--vary news`` (the default): the seed and extended training splits are always used, and a
  growing share of the documents of the ``news`` training split is added (0% is the model
  before the news dataset existed). Scored on ``validation_news`` (the curve that decides
  whether more news annotation pays) and on the three test splits.
* ``--vary all``: growing shares of the whole ``all`` training split, as before ``news``.

The test splits are never trained on and decide nothing; the news test split is sealed (only
these aggregate figures are looked at).

    python benchmarks/learning_curve.py [--model logreg] [--vary news] [--repeats 3]

Writes ``results/learning_curve/<model>/<vary>/<split>.json`` and prints one table.
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
from stance.tables import TrainingData, project_split

RESULTS = Path(__file__).resolve().parent.parent / "results" / "learning_curve"
SHARES = {"news": (0.0, 0.1, 0.25, 0.5, 0.75, 1.0), "all": (0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0)}
SPLITS = {
    "validation_news": ("news", "validation"),
    "test_seeds": ("seeds", "test"),
    "test_extended": ("extended", "test"),
    "test_news": ("news", "test"),
}


def _subset(data: TrainingData, keep: list[int]) -> TrainingData:
    return TrainingData(
        [data.texts[i] for i in keep],
        [data.labels[i] for i in keep],
        [data.context[i] for i in keep],
        data.source,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="logreg")
    parser.add_argument("--vary", choices=list(SHARES), default="news")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--resamples", type=int, default=1000)
    args = parser.parse_args(argv)

    train = project_split("all", "train")
    docs = np.asarray(stance.load_dataset("all")["train"]["doc"])
    news_docs = set(stance.load_dataset("news")["train"]["doc"])
    varied = (
        np.array([d in news_docs for d in docs])
        if args.vary == "news"
        else np.ones(len(docs), bool)
    )
    fixed = [i for i in range(len(docs)) if not varied[i]]
    pool = np.unique(docs[varied])
    tests = {name: project_split(*where) for name, where in SPLITS.items()}

    rows = []
    for share in SHARES[args.vary]:
        for seed in range(args.repeats if 0.0 < share < 1.0 else 1):
            rng = np.random.default_rng(seed)
            chosen = (
                set(rng.choice(pool, round(share * len(pool)), replace=False)) if share else set()
            )
            keep = fixed + [i for i in range(len(docs)) if varied[i] and docs[i] in chosen]
            data = _subset(train, keep)
            start = time.perf_counter()
            model = make_model(args.model).fit(data.inputs(), data.labels)
            row = {
                "share": share,
                "seed": seed,
                "n_train": len(keep),
                "n_varied_documents": len(chosen),
                "train_seconds": round(time.perf_counter() - start, 2),
            }
            for name, test in tests.items():
                row[name] = score(
                    test.labels,
                    model.predict(test.inputs()),
                    stance.STANCES,
                    args.resamples,
                    seed=0,
                )
            rows.append(row)
            print(f"  {share:.0%} seed {seed}: done", flush=True)

    what = "news training documents added to seeds + extended" if args.vary == "news" else "all"
    print(f"Learning curve, model {args.model}, varying {what}: stance macro-F1 (median over")
    print("draws; with that draw's 95% bootstrap interval)")
    print(f"{'share':>6} {'statements':>10}  " + "  ".join(f"{n:>22}" for n in tests))
    summary = []
    for share in SHARES[args.vary]:
        group = [r for r in rows if r["share"] == share]
        line = {"share": share, "n_train": int(statistics.median(r["n_train"] for r in group))}
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
        print(f"{share:>6.0%} {line['n_train']:>10}  " + "  ".join(f"{c:>22}" for c in cells))
        summary.append(line)

    for name in tests:
        out = RESULTS / args.model / args.vary / f"{name}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "model": args.model,
            "vary": args.vary,
            "split": name,
            "summary": [{k: v for k, v in s.items() if k not in tests} | s[name] for s in summary],
            "runs": [
                {k: v for k, v in r.items() if k not in tests} | {"score": r[name]} for r in rows
            ],
        }
        tmp = out.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        tmp.replace(out)
    print(f"results written under {RESULTS / args.model / args.vary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
