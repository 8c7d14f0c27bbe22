"""Inter-annotator agreement on ``news``: the first annotation against the independent second one.

Pairs every doubly annotated statement (``news/labels/second_*.jsonl`` against the first
annotation of its batch, *before* any adjudication), reports Cohen's kappa for stance, actor
type and country, agreement on the actor's name and on its evidence span, and lists the
disagreements for adjudication. Furniture counts as a label of its own for stance. Run from the
repository root::

    python data/build/agreement_news.py --articles ../shared/articles   # news/agreement.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

sys.path.insert(0, str(Path(__file__).parent))
from agreement import normalise_name
from assemble_news import FILES, _jsonl, context_lines, evidence_span

HERE = Path(__file__).parent
NEWS = HERE / "news"


def _labels(paths: list[Path]) -> dict[str, dict]:
    return {r["id"]: r for p in paths for r in _jsonl(p)}


def _span(st, label, statements, context, texts):
    try:
        return evidence_span(st, label, statements, context, texts[st["doc"]])
    except (ValueError, KeyError):
        return None, None


def compare(first: dict, second: dict, statements: dict, context: dict, texts: dict) -> dict:
    ids = sorted(set(first) & set(second))
    a, b = [first[i] for i in ids], [second[i] for i in ids]

    def kappa(field: str) -> float:
        return round(cohen_kappa_score([x[field] for x in a], [y[field] for y in b]), 3)

    def share(pairs) -> float:
        pairs = list(pairs)
        return round(sum(pairs) / len(pairs), 3) if pairs else float("nan")

    both = [i for i in ids if first[i]["stance"] not in ("neutral", "furniture")
            and second[i]["stance"] not in ("neutral", "furniture")]  # fmt: skip
    spans = []
    for i in both:
        s1 = _span(statements[i], first[i], statements, context, texts)
        s2 = _span(statements[i], second[i], statements, context, texts)
        if s1[0] is None or s2[0] is None:
            spans.append(s1[0] is None and s2[0] is None)
        else:
            spans.append(s1[0] < s2[1] and s2[0] < s1[1])
    return {
        "n": len(ids),
        "documents": len({statements[i]["doc"] for i in ids}),
        "stance_kappa": kappa("stance"),
        "stance_agreement": share(x["stance"] == y["stance"] for x, y in zip(a, b, strict=True)),
        "actor_type_kappa": kappa("actor_type"),
        "country_kappa": kappa("country"),
        "both_take_a_stance": len(both),
        "actor_name_agreement_both_stance": share(
            normalise_name(first[i]["actor"]) == normalise_name(second[i]["actor"]) for i in both
        ),
        "span_agreement_both_stance": share(spans),
        "disagreements": [
            {"id": i, "first": _short(first[i]), "second": _short(second[i])}
            for i in ids
            if (first[i]["stance"], first[i]["actor_type"], first[i]["country"])
            != (second[i]["stance"], second[i]["actor_type"], second[i]["country"])
        ],
    }


def _short(r: dict) -> str:
    return f"{r['stance']} | {r['actor']} | {r['actor_type']} | {r['country']}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("../shared/articles"))
    args = parser.parse_args(argv)
    texts = {r["id"]: r["text"] for name in FILES for r in _jsonl(args.articles / name)}
    statements = {st["id"]: st for st in _jsonl(HERE / "news_candidates.jsonl")}
    context = context_lines()
    first = _labels(sorted((NEWS / "labels").glob("*batch_*.jsonl")))
    report = {}
    for path in sorted((NEWS / "labels").glob("*second_*.jsonl")):
        report[path.stem] = compare(first, _labels([path]), statements, context, texts)
    report["all"] = compare(
        first,
        _labels(sorted((NEWS / "labels").glob("*second_*.jsonl"))),
        statements,
        context,
        texts,
    )
    for name, r in report.items():
        print(
            f"{name:9} n={r['n']:4} docs={r['documents']:3}  stance kappa {r['stance_kappa']:.3f} "
            f"({r['stance_agreement']:.1%})  actor_type kappa {r['actor_type_kappa']:.3f}  "
            f"country kappa {r['country_kappa']:.3f}  both-stance n={r['both_take_a_stance']}: "
            f"name {r['actor_name_agreement_both_stance']:.1%} "
            f"span {r['span_agreement_both_stance']:.1%}  disagreements {len(r['disagreements'])}"
        )
    pairs = Counter(
        (d["first"].split(" | ")[0], d["second"].split(" | ")[0])
        for d in report["all"]["disagreements"]
    )
    print("most frequent stance confusions:", pairs.most_common(8))
    (NEWS / "agreement.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
