"""Two levers tried for the stance models, measured: do they earn a place in the default model?

1. Attribution features: the rule that found the actor, its type, the cue and whether the document
   has a voice, as a third input of the ``context`` model (weights 0.3, 0.6, 1.0).
2. Per-class bias offsets on the log-probabilities of ``context``, tuned by coordinate search on
   the extended validation split (never on a test split), then applied to the test splits.

Both train on the ``all`` training split and report macro-F1 on the extended validation split
and both test splits.

    python benchmarks/levers.py

Writes ``results/levers/summary.json`` and prints one table.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.pipeline import FeatureUnion, Pipeline

from stance.data import read_records
from stance.evaluation import attribute_split
from stance.models import ColumnText, make_model
from stance.tables import _neighbour_context

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results" / "levers"
SPLITS = {
    "extended/validation": ("extended", "validation"),
    "seeds/test": ("seeds", "test"),
    "extended/test": ("extended", "test"),
}


def frame(name: str, split: str) -> tuple[pd.DataFrame, list[str]]:
    """Model inputs of one split with an ``attr`` column from the attribution."""
    rows = [r for r in read_records(name)[0] if r["split"] == split]
    found = attribute_split(name, split)
    attr = [
        f"rule_{found[r['id']].rule} type_{found[r['id']].actor_type} "
        f"cue_{(found[r['id']].cue or 'none').lower().replace(' ', '_')} "
        f"voice_{'yes' if r.get('voice') else 'no'}"
        for r in rows
    ]
    inputs = pd.DataFrame(
        {"text": [r["text"] for r in rows], "context": _neighbour_context(rows), "attr": attr}
    )
    return inputs, [r["stance"] for r in rows]


def with_attribution(weight: float) -> Pipeline:
    """The ``context`` model with the attribution tokens as a third, weighted input."""
    model = make_model("context")
    union: FeatureUnion = model.named_steps["vec"]
    attr = Pipeline(
        [("select", ColumnText("attr")), ("tfidf", TfidfVectorizer(token_pattern=r"\S+"))]
    )
    union.transformer_list.append(("attr", attr))
    union.transformer_weights = {**union.transformer_weights, "attr": weight}
    return model


def macro_f1(y: list[str], predicted: list[str]) -> float:
    return round(float(f1_score(y, predicted, average="macro")), 3)


def main() -> int:
    seeds, ext = frame("seeds", "train"), frame("extended", "train")
    x_train = pd.concat([seeds[0], ext[0]], ignore_index=True)
    y_train = seeds[1] + ext[1]
    data = {key: frame(*where) for key, where in SPLITS.items()}
    rows = []
    for weight in (0.0, 0.3, 0.6, 1.0):
        model = make_model("context") if weight == 0 else with_attribution(weight)
        model.fit(x_train, y_train)
        name = "context" if weight == 0 else f"context + attribution features (weight {weight})"
        rows.append(
            {
                "lever": name,
                **{k: macro_f1(y, list(model.predict(x))) for k, (x, y) in data.items()},
            }
        )
        if weight == 0:
            base = model
    # Bias offsets on log-probabilities, tuned on validation only.
    classes = list(base.classes_)
    logp = {k: np.log(base.predict_proba(x) + 1e-9) for k, (x, _) in data.items()}

    def score(key: str, bias: np.ndarray) -> float:
        return macro_f1(data[key][1], [classes[i] for i in (logp[key] + bias).argmax(1)])

    bias = np.zeros(len(classes))
    best = score("extended/validation", bias)
    for _ in range(3):
        for k in range(len(classes)):
            for delta in np.linspace(-2, 2, 41):
                trial = bias.copy()
                trial[k] = delta
                s = score("extended/validation", trial)
                if s > best + 1e-9:
                    best, bias = s, trial
    rows.append(
        {
            "lever": "context + per-class bias tuned on validation",
            **{k: score(k, bias) for k in data},
        }
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary.json").write_text(
        json.dumps(
            {"rows": rows, "bias": dict(zip(classes, bias.round(2).tolist(), strict=True))},
            indent=1,
        )
        + "\n"
    )
    keys = list(SPLITS)
    print("| lever | " + " | ".join(keys) + " |")
    print("|---|" + "---|" * len(keys))
    for r in rows:
        print(f"| {r['lever']} | " + " | ".join(f"{r[k]:.3f}" for k in keys) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
