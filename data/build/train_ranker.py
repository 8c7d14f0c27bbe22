"""Train the attribution ranker and retyper (``stance/_resources/attribution/ranker.json`` and
``retype.json``) on the gold evidence spans.

Training examples are the candidates (:func:`stance.attribution.ranker.candidates`) of every
statement that takes a stance in the training splits of ``news``, ``extended`` and ``seeds``,
each document twice: with its metadata voice, and as ``stance label`` reads it without one
(the voice inferred from the text). A candidate is right when its mention overlaps the gold
evidence span or names the gold actor. The ranker is a logistic regression on the feature
differences of (right, wrong) pairs of a statement's candidates, i.e. trained to rank them
against each other; the retyper is two multinomial logistic regressions (type of a name the
gazetteer does not know; its country or the document's). Their Cs are chosen on the ``news``
validation split (actor type + country accuracy, both conditions); no test split is read.

    python data/build/train_ranker.py            # choose C on validation, write the files
    python data/build/train_ranker.py --report   # also print validation figures per genre

Deterministic: the same data give the same files.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from stance.attribution import Attribution, resolve_actor
from stance.attribution.document import rules_and_mentions
from stance.attribution.ranker import (
    RANKER_FILE,
    Candidate,
    Ranker,
    candidates,
    country_features,
    rerank,
)
from stance.attribution.retype import RETYPE_FILE, Retyper, document_countries, type_features
from stance.attribution.voice import VOICE_THRESHOLD, infer_voice
from stance.data import annotated_documents
from stance.evaluation import same_actor
from stance.gazetteer import default_gazetteer

TRAIN = [("news", "train"), ("extended", "train"), ("seeds", "train")]
# Each training document twice: with its metadata voice, and as a user without metadata gets
# it (the voice read from the text): the ranker learns to choose in both.
CONDITIONS = ("metadata", "user")
VALIDATION = ("news", "validation")
CS = (0.03, 0.1, 0.3, 1.0)


@dataclass
class Statement:
    gold: dict
    cands: list[Candidate]
    rule: Attribution
    text: str
    countries: list[str]


@lru_cache(maxsize=16)
def statements(dataset: str, split: str, condition: str = "metadata") -> tuple[Statement, ...]:
    """Every statement of a split with its candidates and the rules' attribution.

    ``condition``: ``metadata`` attributes each document with the voice its metadata gives;
    ``user`` as ``stance label`` does without a publisher: the voice read from the text, used
    at ``VOICE_THRESHOLD`` and a candidate below it.
    """
    gaz = default_gazetteer()
    out = []
    for d in annotated_documents(dataset, split):
        inferred = None
        if condition == "user":
            inferred = infer_voice(d.text, d.segments, gaz)
            voice = inferred.actor if inferred.confidence >= VOICE_THRESHOLD else None
        else:
            voice = resolve_actor(d.voice, gaz) if d.voice else None
        rules, mentions = rules_and_mentions(d.text, d.segments, voice=voice, gazetteer=gaz)
        cands = candidates(
            d.text,
            d.segments,
            rules,
            voice=voice,
            gazetteer=gaz,
            mentions=mentions,
            inferred=inferred,
        )
        countries = [m.actor.country for ms in mentions for m in ms]
        for r, cs, a in zip(d.records, cands, rules, strict=True):
            out.append(Statement({**r, "_span": d.gold_span(r)}, cs, a, d.text, countries))
    return tuple(out)


def is_right(c: Candidate, gold: dict) -> bool:
    if c.source == "author":
        return gold["actor_type"] == "media" and gold["country"] == ""
    span = gold["_span"]
    if span is not None and c.start is not None and c.start < span[1] and span[0] < c.end:
        return True
    return same_actor(gold["actor"], c.actor.name, default_gazetteer())


def training_rows(splits: list[tuple[str, str]]) -> tuple[list[dict], list[int]]:
    return pairs([st for d, s in splits for c in CONDITIONS for st in statements(d, s, c)])


def pairs(sts: list[Statement]) -> tuple[list[dict], list[int]]:
    """Pairs of a statement's candidates, one right and one wrong, as feature differences
    (label 1) and their opposites (label 0): a logistic regression on them learns to rank a
    statement's candidates against each other (a pairwise conditional model)."""
    x, y = [], []
    for st in sts:
        if st.gold["stance"] == "neutral":
            continue
        right = [c for c in st.cands if is_right(c, st.gold)]
        wrong = [c for c in st.cands if not is_right(c, st.gold)]
        for r in right:
            for w in wrong:
                diff = dict(r.features)
                for k, v in w.features.items():
                    diff[k] = diff.get(k, 0.0) - v
                diff = {k: v for k, v in diff.items() if v}
                x.append(diff)
                y.append(1)
                x.append({k: -v for k, v in diff.items()})
                y.append(0)
    return x, y


def fit(x: list[dict], y: list[int], c: float) -> Ranker:
    vec = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000, fit_intercept=False)
    model.fit(vec.fit_transform(x), np.asarray(y))
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return Ranker(weights, 0.0)


def retype_rows(
    splits: list[tuple[str, str]], ranker: Ranker
) -> dict[str, tuple[list[dict], list[str]]]:
    sts = [st for d, s in splits for c in CONDITIONS for st in statements(d, s, c)]
    return retype_examples(sts, ranker)


def retype_examples(
    sts: list[Statement], ranker: Ranker
) -> dict[str, tuple[list[dict], list[str]]]:
    """Examples for the retyper: every right mention the gazetteer does not know (type), and
    the ranker's choice where it is the gold actor (country)."""
    gaz = default_gazetteer()
    rows: dict[str, tuple[list[dict], list[str]]] = {"type": ([], []), "country": ([], [])}
    typed: set[tuple[int, int | None]] = set()
    for st in sts:
        if st.gold["stance"] == "neutral" or not st.cands:
            continue
        # Typing: every right mention the gazetteer does not know, once per document
        # (the type of a mention does not depend on which statement it is chosen for).
        for c in st.cands:
            if c.source != "mention" or not is_right(c, st.gold):
                continue
            if (id(st.text), c.start) in typed or gaz.lookup(c.actor.name) is not None:
                continue
            typed.add((id(st.text), c.start))
            rows["type"][0].append(type_features(st.text, c.start, c.end, c.actor.type, c.first))
            rows["type"][1].append(st.gold["actor_type"])
        best = max(st.cands, key=ranker.linear)
        if best.source == "voice" or not is_right(best, st.gold):
            continue
        a = best.actor
        if best.source == "mention" and gaz.lookup(a.name) is not None:
            continue
        doc_country, share = document_countries(st.countries)
        if doc_country and doc_country != a.country:
            gold = st.gold["country"]
            label = "document" if gold == doc_country else "keep" if gold == a.country else ""
            if label:
                typ = st.gold["actor_type"]  # at run time, the retyped type
                rows["country"][0].append(country_features(best.source, typ, a.country, share))
                rows["country"][1].append(label)
    return rows


def fit_retyper(rows: dict[str, tuple[list[dict], list[str]]], c: float) -> Retyper:
    weights: dict[str, dict[str, dict[str, float]]] = {}
    bias: dict[str, dict[str, float]] = {}
    for model, (x, y) in rows.items():
        vec = DictVectorizer()
        lr = LogisticRegression(C=c, max_iter=3000)
        lr.fit(vec.fit_transform(x), np.asarray(y))
        names = vec.get_feature_names_out()
        coef = lr.coef_ if len(lr.classes_) > 2 else np.vstack([-lr.coef_[0], lr.coef_[0]])
        icpt = lr.intercept_ if len(lr.classes_) > 2 else [-lr.intercept_[0], lr.intercept_[0]]
        weights[model] = {
            str(label): {
                n: round(float(w), 4) for n, w in zip(names, row, strict=True) if abs(w) >= 1e-4
            }
            for label, row in zip(lr.classes_, coef, strict=True)
        }
        bias[model] = {str(k): round(float(b), 4) for k, b in zip(lr.classes_, icpt, strict=True)}
    return Retyper(weights, bias)


def score(
    ranker: Ranker | None,
    dataset: str,
    split: str,
    retyper: Retyper | None = None,
    condition: str = "metadata",
) -> dict[str, dict[str, float]]:
    """Actor type, country and name accuracy per genre ("all" too), rules vs ranker."""
    rows: dict[str, list[tuple[bool, bool, bool]]] = {}
    for st in statements(dataset, split, condition):
        gold = st.gold
        if gold["stance"] == "neutral":
            continue
        got = st.rule
        if ranker is not None:
            got = rerank(
                [st.rule], [st.cands], ranker, text=st.text, retyper=retyper, countries=st.countries
            )[0]
        ok = (
            got.actor_type == gold["actor_type"],
            got.country == gold["country"],
            same_actor(gold["actor"], got.actor, default_gazetteer()),
        )
        for key in ("all", gold.get("genre") or dataset):
            rows.setdefault(key, []).append(ok)
    return {
        k: {
            "n": len(v),
            "type": round(sum(t for t, _, _ in v) / len(v), 3),
            "country": round(sum(c for _, c, _ in v) / len(v), 3),
            "name": round(sum(n for _, _, n in v) / len(v), 3),
        }
        for k, v in rows.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--out", type=Path, default=RANKER_FILE)
    parser.add_argument("--retype-out", type=Path, default=RETYPE_FILE)
    args = parser.parse_args(argv)
    x, y = training_rows(TRAIN)
    print(f"{len(y) // 2} pairs of a right and a wrong candidate")
    best = None
    for c in CS:
        ranker = fit(x, y, c)
        both = [score(ranker, *VALIDATION, condition=k)["all"] for k in CONDITIONS]
        print(f"ranker C={c}: validation {both}")
        total = sum(f["type"] + f["country"] for f in both)
        if best is None or total > best[0]:
            best = (total, c, ranker)
    assert best is not None
    _, c, ranker = best
    rows = retype_rows(TRAIN, ranker)
    print({k: len(v[1]) for k, v in rows.items()}, "retyper examples")
    best_r = None
    for c2 in CS:
        retyper = fit_retyper(rows, c2)
        both = [score(ranker, *VALIDATION, retyper, k)["all"] for k in CONDITIONS]
        print(f"retyper C={c2}: validation {both}")
        total = sum(f["type"] + f["country"] for f in both)
        if best_r is None or total > best_r[0]:
            best_r = (total, c2, retyper)
    assert best_r is not None
    for path, obj in ((args.out, ranker), (args.retype_out, best_r[2])):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(obj.to_json() + "\n", encoding="utf-8")
    print(f"wrote {args.out} (C={c}) and {args.retype_out} (C={best_r[1]})")
    if args.report:
        report = {
            f"{name} ({k})": score(r, *VALIDATION, t, k)
            for k in CONDITIONS
            for name, r, t in (("rules", None, None), ("ranker", ranker, best_r[2]))
        }
        print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
