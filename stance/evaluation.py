"""Scoring, in one place: stances (accuracy, macro-F1 with a bootstrap interval, per-class
figures), attribution (actor type, country and name accuracy with Wilson intervals) and both
together, on a project dataset split.

Nothing this module imports imports it back: it reads the datasets (:mod:`stance.data`,
:mod:`stance.tables`), runs a model (:mod:`stance.trained`) and the attribution
(:mod:`stance.attribution`), and :mod:`stance.training` calls it to record a model's scores.

Examples
--------
>>> import stance
>>> model = stance.train(model="logreg", data="seeds")
>>> report = evaluate(model, dataset="seeds", split="test", n_resamples=200)
>>> sorted(report)[:5]
['accuracy', 'attribution', 'confusion_matrix', 'data_sha256', 'dataset']
>>> sorted(report["attribution"])[:3]
['actor_type_accuracy', 'actor_type_accuracy_ci', 'country_accuracy']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from .attribution import Attribution, attribute, is_group_phrase, resolve_actor
from .data import DATASETS, annotated_documents, read_records
from .gazetteer import Gazetteer, default_gazetteer, normalize_name
from .labels import STANCES
from .selection import f1_average
from .tables import project_split, read_training_data
from .trained import TrainedModel, load_model

__all__ = [
    "attribute_split",
    "bootstrap_macro_f1",
    "evaluate",
    "evaluate_attribution",
    "is_named_actor",
    "same_actor",
    "score",
    "score_attribution",
    "wilson_interval",
]


def bootstrap_macro_f1(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    labels: Sequence[str],
    n_resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of macro-F1 over statements, with a fixed seed.

    Examples
    --------
    >>> lo, hi = bootstrap_macro_f1(["a", "b"] * 20, ["a", "b"] * 19 + ["b", "b"], ["a", "b"])
    >>> 0.8 < lo <= hi <= 1.0
    True
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) == 0:
        raise ValueError("cannot bootstrap an empty set of predictions")
    rng = np.random.default_rng(seed)
    n = len(y_true)
    scores = np.zeros(n_resamples)
    # All resamples at once, drawn in the same order as one draw per resample. Per label,
    # F1 = 2 TP / (predicted + true), which is sklearn's F1 with zero_division=0, counted
    # for every resample in one vectorised pass instead of 1,000 calls.
    for block in range(0, n_resamples, 250):
        rows = min(250, n_resamples - block)
        idx = np.stack([rng.integers(0, n, n) for _ in range(rows)])
        for label in labels:
            is_true, is_pred = (y_true == label)[idx], (y_pred == label)[idx]
            tp = (is_true & is_pred).sum(axis=1)
            denominator = is_true.sum(axis=1) + is_pred.sum(axis=1)
            scores[block : block + rows] += np.divide(
                2 * tp, denominator, out=np.zeros(rows), where=denominator > 0
            )
    scores /= len(labels)
    alpha = (1 - confidence) / 2
    return float(np.quantile(scores, alpha)), float(np.quantile(scores, 1 - alpha))


def score(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    labels: Sequence[str],
    n_resamples: int = 1000,
    seed: int = 0,
) -> dict:
    """Accuracy, macro-F1 and its 95% bootstrap interval, per-class figures, confusion matrix.

    Macro-F1 averages over ``labels`` (all of them, even one absent from ``y_true``), so a
    model that never predicts a rare stance pays for it.

    Examples
    --------
    >>> r = score(["deny", "neutral", "deny"], ["deny", "deny", "deny"], ["deny", "neutral"])
    >>> r["accuracy"], r["per_class"]["neutral"]["recall"]
    (0.667, 0.0)
    """
    labels = list(labels)
    y_true, y_pred = list(y_true), list(y_pred)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    lo, hi = bootstrap_macro_f1(y_true, y_pred, labels, n_resamples, seed)
    return {
        "n": len(y_true),
        "accuracy": round(float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), 3),
        "macro_f1": round(float(np.mean(f)), 3),
        "macro_f1_ci": [round(lo, 3), round(hi, 3)],
        "per_class": {
            label: {
                "precision": round(float(p[i]), 3),
                "recall": round(float(r[i]), 3),
                "f1": round(float(f[i]), 3),
                "support": int(s[i]),
            }
            for i, label in enumerate(labels)
        },
        "confusion_matrix": {
            "labels": labels,
            "matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        },
    }


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion ``k / n`` (sound for small ``n``).

    Examples
    --------
    >>> wilson_interval(9, 10)
    (0.596, 0.982)
    """
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(centre - half, 3), round(centre + half, 3)


def is_named_actor(name: str) -> bool:
    """Whether a gold actor is a named person or organisation, not a group description.

    Examples
    --------
    >>> [is_named_actor(n) for n in ["Wang Wenbin", "43 countries", "Rights groups", "none"]]
    [True, False, False, False]
    """
    return bool(name) and name != "none" and name[:1].isupper() and not is_group_phrase(name)


def same_actor(gold: str, predicted: str, gazetteer: Gazetteer | None = None) -> bool:
    """Actor-name match: equal once normalised (case, punctuation), or aliases of one entry.

    Examples
    --------
    >>> same_actor("U.S. State Department", "the US State Department")
    True
    >>> same_actor("Human Rights Watch", "HRW"), same_actor("Cuba", "China")
    (True, False)
    """
    if normalize_name(gold) == normalize_name(predicted):
        return True
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    a, b = gaz.lookup(gold), gaz.lookup(predicted)
    return a is not None and a == b


def score_attribution(
    gold: Sequence[Mapping[str, str]],
    predicted: Sequence[Mapping[str, str] | Any],
    gazetteer: Gazetteer | None = None,
) -> dict:
    """Accuracy of actor type, country and name against gold labels.

    Only statements whose gold stance is not ``neutral`` count: a neutral statement has actor
    ``none`` by definition, so including them would reward the stance model, not the
    attribution. Name match counts only statements whose gold actor is named
    (:func:`is_named_actor`).

    Parameters
    ----------
    gold : sequence of mappings
        Records with ``stance``, ``actor``, ``actor_type``, ``country``.
    predicted : sequence
        Same length; mappings or objects with ``actor``, ``actor_type``, ``country``.

    Returns
    -------
    dict
        ``n``, ``actor_type_accuracy``, ``country_accuracy``, ``type_and_country_accuracy``,
        ``n_named``, ``name_match``, each accuracy with a 95% Wilson interval (``*_ci``).

    Examples
    --------
    >>> gold = [{"stance": "deny", "actor": "Wang Wenbin", "actor_type": "government",
    ...          "country": "CHN"}]
    >>> pred = [{"actor": "Wang Wenbin", "actor_type": "government", "country": "CHN"}]
    >>> score_attribution(gold, pred)["name_match"]
    1.0
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold records but {len(predicted)} predictions")

    def get(item: Any, key: str) -> str:
        return item[key] if isinstance(item, Mapping) else getattr(item, key)

    pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g["stance"] != "neutral"]
    n = len(pairs)
    type_ok = sum(get(p, "actor_type") == g["actor_type"] for g, p in pairs)
    country_ok = sum(get(p, "country") == g["country"] for g, p in pairs)
    both_ok = sum(
        get(p, "actor_type") == g["actor_type"] and get(p, "country") == g["country"]
        for g, p in pairs
    )
    named = [(g, p) for g, p in pairs if is_named_actor(g["actor"])]
    name_ok = sum(same_actor(g["actor"], get(p, "actor"), gazetteer) for g, p in named)

    def share(k: int, total: int) -> float:
        return round(k / total, 3) if total else 0.0

    return {
        "n": n,
        "actor_type_accuracy": share(type_ok, n),
        "actor_type_accuracy_ci": list(wilson_interval(type_ok, n)),
        "country_accuracy": share(country_ok, n),
        "country_accuracy_ci": list(wilson_interval(country_ok, n)),
        "type_and_country_accuracy": share(both_ok, n),
        "n_named": len(named),
        "name_match": share(name_ok, len(named)),
        "name_match_ci": list(wilson_interval(name_ok, len(named))),
    }


# --- a model or the attribution on a project dataset split -----------------------------------


def evaluate(
    model: TrainedModel | str | Path,
    dataset: str = "seeds",
    split: str = "test",
    n_resamples: int = 1000,
    seed: int = 0,
    attribution: bool = True,
    *,
    data: Any = None,
    label_col: str | None = None,
    average_labels: Sequence[str] | None = None,
) -> dict:
    """Score a model on a project dataset split, or on a user's own test table.

    Parameters
    ----------
    model : TrainedModel or path
        A trained model or a model file (loaded safely).
    dataset, split : str
        A project dataset and one of its splits (ignored when ``data`` is given).
    n_resamples, seed : int
        Bootstrap resamples for the macro-F1 interval, and their seed.
    attribution : bool
        Also score actor attribution and who-said-what end to end (a few seconds more).
    data : path, datasets.Dataset or DataFrame, optional
        A user's test table with the columns the model was trained with (its schema: text,
        target and context columns) and a label column; read as the model reads tables, so
        a missing column is an error naming it.
    label_col : str, optional
        The label column of ``data`` (default: the one the model was trained with).
    average_labels : sequence of str, optional
        Also report ``f1_average``, the mean F1 of these labels over the whole set (for
        multi-target stance ``FAVOR, AGAINST``: the shared tasks' measure).

    Returns
    -------
    dict
        ``accuracy``, ``macro_f1``, ``macro_f1_ci`` (95% bootstrap, ``n_resamples`` resamples,
        fixed ``seed``), ``per_class`` precision/recall/F1/support, ``confusion_matrix``, and
        ``dataset``, ``split``, ``data_sha256`` (of the dataset file, or of the user's texts
        and labels) and ``model``; with ``average_labels``, ``f1_average`` and
        ``average_labels``. For a project dataset also ``attribution`` (actor type, country
        and name accuracy on the statements whose gold stance is not neutral, see
        :func:`stance.evaluation.score_attribution`) and ``end_to_end`` (stance and actor
        right together, with the model's stances and actor ``none`` for neutral).
    """
    if not isinstance(model, TrainedModel):
        model = load_model(model)
    if data is not None:
        table = _user_table(model, data, label_col)
        dataset, split, sha = table.source, "user", table.sha256
    else:
        if model.schema.target_col:
            raise ValueError(
                f"the model was trained with a target column ({model.schema.target_col!r}) and "
                "the project datasets have none: evaluate it on your own test table (--data)"
            )
        table, sha = project_split(dataset, split), read_records(dataset)[1]
    predictions = model.predict_inputs(table.inputs())
    labels = sorted(set(model.classes_) | set(table.labels))
    if set(labels) <= set(STANCES):
        labels = list(STANCES)  # the scheme's order, every stance counted even if absent
    report = score(table.labels, predictions, labels, n_resamples, seed)
    report = {
        **report,
        "dataset": dataset,
        "split": split,
        "data_sha256": sha,
        "model": model.metadata.get("model"),
    }
    if average_labels:
        unknown = sorted(set(average_labels) - set(labels))
        if unknown:
            raise ValueError(f"{dataset}: --average-labels {unknown} not among labels {labels}")
        report["average_labels"] = list(average_labels)
        report["f1_average"] = round(f1_average(table.labels, predictions, average_labels), 4)
    if attribution and data is None and dataset in DATASETS:
        report.update(_actor_reports(dataset, split, list(predictions)))
    return report


def _user_table(model: TrainedModel, data: Any, label_col: str | None) -> Any:
    """A user's test table read with the model's columns (a missing one is an error)."""
    schema = model.schema
    return read_training_data(
        data,
        schema.text_col,
        label_col or schema.label_col,
        schema.target_col,
        context_col=schema.context_col if schema.context_required else None,
        min_classes=1,
    )


def _actor_reports(dataset: str, split: str, predictions: list[str]) -> dict:
    """Attribution scores, and who-said-what end to end with the model's stances."""
    attributions = attribute_split(dataset, split)
    gold = [r for r in read_records(dataset)[0] if r["split"] == split]
    found = [attributions[r["id"]] for r in gold]
    # End to end: the labeller gives a statement it finds neutral the actor "none".
    correct = sum(
        (a.actor_type, a.country) == (g["actor_type"], g["country"])
        if p != "neutral"
        else g["actor_type"] == "none"
        for g, a, p in zip(gold, found, predictions, strict=True)
    )
    return {
        "attribution": score_attribution(gold, found),
        "end_to_end": {
            "n": len(gold),
            "stance_and_actor_accuracy": round(
                sum(
                    p == g["stance"]
                    and (
                        p == "neutral"
                        or (a.actor_type, a.country) == (g["actor_type"], g["country"])
                    )
                    for g, a, p in zip(gold, found, predictions, strict=True)
                )
                / len(gold),
                3,
            ),
            "actor_type_and_country_accuracy": round(correct / len(gold), 3),
            "actor_type_and_country_accuracy_ci": list(wilson_interval(correct, len(gold))),
        },
    }


def evaluate_attribution(
    dataset: str = "seeds",
    split: str = "test",
    *,
    gazetteer: Gazetteer | None = None,
    attributor: Any = None,
) -> dict:
    """Score attribution against the gold actors of a project dataset split.

    Every document of the split is attributed as a user's document would be (its text, its
    segments, its voice from metadata); statements whose gold stance is not neutral are scored
    (:func:`score_attribution`).

    Parameters
    ----------
    dataset, split : str
        A project dataset (``"seeds"``, ``"extended"``) and one of its splits.
    gazetteer : Gazetteer, optional
        Defaults to the shipped one; pass ``default_gazetteer().exclude_sources(...)`` to
        measure how attribution does on actors it has never been told about.
    attributor : callable, optional
        ``f(text, segments, voice=..., gazetteer=...) -> list[Attribution]``; defaults to
        :func:`attribute` (benchmarks pass a baseline here).

    Examples
    --------
    >>> r = evaluate_attribution("seeds", "test")
    >>> r["n"], sorted(r)[:2]
    (44, ['actor_type_accuracy', 'actor_type_accuracy_ci'])
    """
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    predicted = attribute_split(dataset, split, gazetteer=gaz, attributor=attributor)
    gold = [r for r in read_records(dataset)[0] if r["split"] == split]
    report = score_attribution(gold, [predicted[r["id"]] for r in gold], gaz)
    report.update(span_overlap(dataset, split, predicted))
    report.update(dataset=dataset, split=split)
    return report


def span_overlap(dataset: str, split: str, predicted: Mapping[str, Any]) -> dict:
    """How often the predicted evidence span overlaps the gold one.

    Counted over the statements that take a stance and whose gold actor is named in the text
    the dataset holds (``n_spans``); a prediction without a span counts as a miss.

    Returns
    -------
    dict
        ``n_spans``, ``span_overlap`` and its 95% Wilson interval ``span_overlap_ci``.
    """
    hits = n = 0
    for document in annotated_documents(dataset, split):
        for r in document.records:
            span = document.gold_span(r) if r["stance"] != "neutral" else None
            if span is None:
                continue
            n += 1
            p = predicted[r["id"]]
            start, end = getattr(p, "actor_start", None), getattr(p, "actor_end", None)
            hits += start is not None and end is not None and start < span[1] and span[0] < end
    return {
        "n_spans": n,
        "span_overlap": round(hits / n, 3) if n else 0.0,
        "span_overlap_ci": list(wilson_interval(hits, n)),
    }


def attribute_split(
    dataset: str,
    split: str,
    *,
    gazetteer: Gazetteer | None = None,
    attributor: Any = None,
) -> dict[str, Attribution]:
    """Attribute every statement of a project dataset split; returns ``{statement id: ...}``.

    Each document is attributed as a user's would be: its text, its segments and its voice
    from metadata (see :func:`stance.data.annotated_documents`).
    """
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    run = attributor if attributor is not None else attribute
    out: dict[str, Attribution] = {}
    for document in annotated_documents(dataset, split):
        voice = resolve_actor(document.voice, gaz) if document.voice else None
        found = run(document.text, document.segments, voice=voice, gazetteer=gaz)
        out.update((r["id"], a) for r, a in zip(document.records, found, strict=True))
    return out
