"""Inter-annotator agreement between the first and the independent second annotation.

Pairs every doubly annotated statement, reports Cohen's kappa for stance and actor type, raw
agreement for country and actor name, and lists the disagreements for adjudication. Run from the
repository root::

    python data/build/agreement.py            # writes data/build/agreement.json
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from sklearn.metrics import cohen_kappa_score, confusion_matrix

from stance.labels import ACTOR_TYPES, STANCES

HERE = Path(__file__).parent
LABELS = HERE / "labels"


def read_labels(paths: list[Path]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                out[record["id"]] = record
    return out


def seed_first_labels() -> dict[str, dict]:
    out = {}
    for line in (HERE / "seed_annotations.jsonl").read_text("utf-8").splitlines():
        a = json.loads(line)
        out[f"seed-{a['doc'][:3]}-{a['index']:02d}"] = a
    return out


def normalise_name(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).casefold()
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[^\w]+", " ", name).strip()


def compare(first: dict[str, dict], second: dict[str, dict]) -> dict:
    ids = sorted(set(first) & set(second))
    a = [first[i] for i in ids]
    b = [second[i] for i in ids]
    stance_a, stance_b = [x["stance"] for x in a], [x["stance"] for x in b]
    type_a, type_b = [x["actor_type"] for x in a], [x["actor_type"] for x in b]
    return {
        "n": len(ids),
        "stance_kappa": round(cohen_kappa_score(stance_a, stance_b), 3),
        "stance_agreement": round(
            sum(x == y for x, y in zip(stance_a, stance_b, strict=True)) / len(ids), 3
        ),
        "actor_type_kappa": round(cohen_kappa_score(type_a, type_b), 3),
        "actor_type_agreement": round(
            sum(x == y for x, y in zip(type_a, type_b, strict=True)) / len(ids), 3
        ),
        "country_agreement": round(
            sum(x["country"] == y["country"] for x, y in zip(a, b, strict=True)) / len(ids), 3
        ),
        "actor_agreement": round(
            sum(
                normalise_name(x["actor"]) == normalise_name(y["actor"])
                for x, y in zip(a, b, strict=True)
            )
            / len(ids),
            3,
        ),
        "stance_confusion": {
            "labels": list(STANCES),
            "matrix": confusion_matrix(stance_a, stance_b, labels=list(STANCES)).tolist(),
        },
        "actor_type_confusion": {
            "labels": list(ACTOR_TYPES),
            "matrix": confusion_matrix(type_a, type_b, labels=list(ACTOR_TYPES)).tolist(),
        },
        "disagreements": [
            {"id": i, "first": _short(first[i]), "second": _short(second[i])}
            for i in ids
            if first[i]["stance"] != second[i]["stance"]
            or first[i]["actor_type"] != second[i]["actor_type"]
        ],
    }


def _short(r: dict) -> str:
    return f"{r['stance']} | {r['actor']} | {r['actor_type']} | {r['country']}"


def main() -> None:
    first_ext = read_labels(sorted(LABELS.glob("batch_*.jsonl")))
    second_ext = read_labels(sorted(LABELS.glob("second*.jsonl")))
    report = {"extended": compare(first_ext, second_ext)}
    seeds_second = LABELS / "seeds_second.jsonl"
    if seeds_second.exists():
        report["seeds"] = compare(seed_first_labels(), read_labels([seeds_second]))
    for name, r in report.items():
        print(
            f"{name:9} n={r['n']:4}  stance kappa {r['stance_kappa']:.3f} "
            f"(agreement {r['stance_agreement']:.1%})  "
            f"actor_type kappa {r['actor_type_kappa']:.3f} "
            f"(agreement {r['actor_type_agreement']:.1%})  country {r['country_agreement']:.1%}  "
            f"actor name {r['actor_agreement']:.1%}  disagreements {len(r['disagreements'])}"
        )
        pairs = Counter(
            (d["first"].split(" | ")[0], d["second"].split(" | ")[0]) for d in r["disagreements"]
        )
        print("   most frequent stance confusions:", pairs.most_common(6))
    (HERE / "agreement.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
