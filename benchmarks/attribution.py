"""Actor attribution against a simple baseline: the three test splits, news validation, and
the seed articles one at a time.

Methods, all run on exactly the same statements (those whose gold stance is not neutral; a
neutral statement has actor ``none`` by definition):

* ``ranker``: ``stance.attribute`` as shipped: the rules, then the learned ranker and retyper
  (``stance/attribution/ranker.py``, ``retype.py``; trained by ``data/build/train_ranker.py``
  on the news, extended and seeds training splits, its C chosen on news validation);
* ``ranker_inferred_voice``: the same, but with the document's voice read from its text
  (``stance.attribution.voice.infer_voice``, as ``stance label`` does when no publisher is
  given) instead of the dataset's metadata voice: what a user without metadata gets;
* ``rules``: the rules alone (``attribute(..., ranker=None)``); ``rules_inferred_voice``: the
  same with the voice read from the text;
* ``ranker_no_test_actors`` / ``rules_no_test_actors``: without the gazetteer entries that come
  only from the test splits' gold actors, i.e. as if those actors had never been seen (the
  gazetteer holds no actor of the ``news`` dataset, so on news it is the same);
* ``rules_no_data_actors``: without any entry taken from the annotated data (only UN states,
  UN bodies, NGOs, media and heads of state written from general knowledge);
* ``baseline``: the nearest capitalised name before the first reporting verb of the sentence,
  typed by a gazetteer lookup (``none`` when there is no verb or no name).

Besides type, country and name, ``span`` is how often the evidence span overlaps the gold
actor mention (statements whose gold actor is named in the text the dataset holds).

Seeds, leave one article out (``--loo``, on by default): the ranker and retyper retrained five
times, each time without one seed article, and scored on it. The rules themselves were written
while reading the seed training articles, and the seed test articles' errors were read in an
earlier issue, so the rules' own figure there is not a clean one; the ranker's is, as far as
its training goes.

    python benchmarks/attribution.py [--no-loo]

Prints one table and writes ``results/attribution/<method>/<dataset>/<split>.json`` and
``results/attribution/summary.md``. Accuracies carry 95% Wilson intervals.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Literal

from stance.attribution import Attribution, attribute, resolve_actor
from stance.attribution.patterns import CUE as _CUE
from stance.attribution.voice import VOICE_THRESHOLD, infer_voice
from stance.data import annotated_documents
from stance.evaluation import evaluate_attribution, score_attribution
from stance.gazetteer import Actor, Gazetteer, default_gazetteer
from stance.segmentation import Segment

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results" / "attribution"
TRAIN_SPLITS = (("news", "train"), ("extended", "train"), ("seeds", "train"), ("seeds", "test"))
RANKER_C, RETYPER_C = 0.3, 0.3  # as chosen on news validation by data/build/train_ranker.py
_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w.'’-]*)*")


def baseline(
    text: str,
    segments: Sequence[Segment],
    *,
    voice: Actor | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Attribution]:
    """The nearest capitalised name before the first reporting verb, typed by lookup."""
    gaz = gazetteer or default_gazetteer()
    out = []
    for seg in segments:
        sentence = text[seg.start : seg.end]
        cue = _CUE.search(sentence)
        names = list(_NAME.finditer(sentence, 0, cue.start())) if cue else []
        if not names:
            out.append(Attribution("none", "none", ""))
            continue
        name = names[-1]
        known = gaz.lookup(name.group())
        typ, country = (known.type, known.country) if known else ("none", "")
        out.append(
            Attribution(
                name.group(),
                typ,
                country,
                cue.group(),
                seg.start + name.start(),
                seg.start + name.end(),
                "baseline",
            )
        )
    return out


def with_inferred_voice(
    text: str,
    segments: Sequence[Segment],
    *,
    voice: Actor | None = None,
    gazetteer: Gazetteer | None = None,
    ranker: Literal["default"] | None = "default",
) -> list[Attribution]:
    """As a user's document is attributed when no publisher is given: the voice read from the
    text (``infer_voice``, used at ``VOICE_THRESHOLD``), the metadata voice ignored."""
    found = infer_voice(text, segments, gazetteer)
    used = found.actor if found.confidence >= VOICE_THRESHOLD else None
    return attribute(text, segments, voice=used, gazetteer=gazetteer, inferred=found, ranker=ranker)


def seeds_leave_one_out() -> list[dict]:
    """Rules and ranker on each seed article, the ranker retrained without it; pooled."""
    sys.path.insert(0, str(ROOT / "data" / "build"))
    import train_ranker as tr  # the training script: the same data and features

    gaz = default_gazetteer()
    articles = [
        (d, split) for split in ("train", "test") for d in annotated_documents("seeds", split)
    ]
    pooled: dict[str, tuple[list[dict], list[Attribution]]] = {
        "rules": ([], []),
        "ranker": ([], []),
    }
    for held, _ in articles:
        train = [
            st for d, s in TRAIN_SPLITS for st in tr.statements(d, s) if st.gold["doc"] != held.doc
        ]
        x, y = tr.pairs(train)
        ranker = tr.fit(x, y, RANKER_C)
        retyper = tr.fit_retyper(tr.retype_examples(train, ranker), RETYPER_C)
        voice = resolve_actor(held.voice, gaz) if held.voice else None
        for method, kw in (
            ("rules", {"ranker": None}),
            ("ranker", {"ranker": ranker, "retyper": retyper}),
        ):
            got = attribute(held.text, held.segments, voice=voice, gazetteer=gaz, **kw)
            pooled[method][0].extend(held.records)
            pooled[method][1].extend(got)
    rows = []
    for method, (gold, got) in pooled.items():
        report = score_attribution(gold, got, gaz)
        report.update(
            method=method,
            dataset="seeds",
            split="leave-one-article-out",
            n_spans=0,
            span_overlap=0.0,
            span_overlap_ci=[0.0, 0.0],
            statements_per_second=0,
        )
        out = RESULTS / method / "seeds" / "leave_one_article_out.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1) + "\n")
        rows.append(report)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-loo",
        dest="loo",
        action="store_false",
        help="skip the seeds leave-one-article-out runs (they retrain the ranker)",
    )
    loo = parser.parse_args(argv).loo
    gaz = default_gazetteer()
    data_sources = (
        "seeds_train",
        "seeds_test",
        "extended_train",
        "extended_validation",
        "extended_test",
    )
    without_test = gaz.exclude_sources("seeds_test", "extended_test")
    rules_only = partial(attribute, ranker=None)
    methods = {
        "ranker": (attribute, gaz),
        "ranker_inferred_voice": (with_inferred_voice, gaz),
        "rules": (rules_only, gaz),
        "rules_inferred_voice": (partial(with_inferred_voice, ranker=None), gaz),
        "ranker_no_test_actors": (attribute, without_test),
        "rules_no_test_actors": (rules_only, without_test),
        "rules_no_data_actors": (
            partial(attribute, ranker=None),
            gaz.exclude_sources(*data_sources),
        ),
        "baseline": (baseline, gaz),
    }
    rows = []
    # The news validation split is where rules are developed; the news test split is sealed:
    # only these aggregate figures are ever looked at.
    splits = [("seeds", "test"), ("extended", "test"), ("news", "validation"), ("news", "test")]
    for dataset, split in splits:
        n_segments = sum(len(d.segments) for d in annotated_documents(dataset, split))
        for method, (run, gazetteer) in methods.items():
            start = time.perf_counter()
            report = evaluate_attribution(dataset, split, gazetteer=gazetteer, attributor=run)
            seconds = time.perf_counter() - start
            report["statements_per_second"] = round(n_segments / seconds)
            report["method"] = method
            out = RESULTS / method / dataset / f"{split}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(report, indent=1) + "\n")
            rows.append(report)
    if loo:
        rows.extend(seeds_leave_one_out())

    def cell(r: dict, key: str) -> str:
        lo, hi = r[f"{key}_ci"]
        return f"{r[key]:.3f} [{lo:.2f}, {hi:.2f}]"

    header = (
        "| method | dataset/split | n | actor type | country | n named | name match "
        "| n spans | span overlap | statements/s |"
    )
    lines = [header, "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        span = cell(r, "span_overlap") if r["n_spans"] else "-"
        lines.append(
            f"| {r['method']} | {r['dataset']}/{r['split']} | {r['n']} | "
            f"{cell(r, 'actor_type_accuracy')} | {cell(r, 'country_accuracy')} | {r['n_named']} | "
            f"{cell(r, 'name_match')} | {r['n_spans']} | {span} | "
            f"{r['statements_per_second']:,} |"
        )
    md = "\n".join(
        [
            "# Actor attribution on the test splits and the news validation split",
            "",
            "Statements whose gold stance is not neutral; accuracies with 95% Wilson intervals.",
            "Targets (issue 5): actor type and country >= 0.90 on seeds/test and >= 0.85 on "
            "extended/test; name match >= 0.90 on named actors. Issue 14 (news/test, sealed: "
            "aggregate figures only): actor type and country >= 0.85, name >= 0.80, span "
            "overlap >= 0.80; seeds leave-one-article-out actor type >= 0.85. The rules were "
            "written reading the seed articles (and, in an earlier issue, the seed test's "
            "errors), and the ranker's C was chosen on news/validation.",
            "",
            *lines,
            "",
        ]
    )
    (RESULTS / "summary.md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
