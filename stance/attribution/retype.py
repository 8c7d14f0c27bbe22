"""A learned second look at the type and country of an actor the gazetteer does not know.

The mention rules type an unknown name from its title, apposition or organisation word and fall
back on ``public`` for a bare person's name; its country is a demonym or nothing. In news the
clue is often elsewhere: "Pakistan's prime minister, Imran Khan" three paragraphs up, "PML-N
supremo", "IGP Idris", the one country a report is about. :class:`Retyper` reads the words of
the mention and around it (where it is named and where it was first named), the rules' type,
and the countries the document names, and predicts the type and whether the actor belongs to
the document's main country. Two linear models stored as data
(``stance/_resources/attribution/retype.json``, trained by ``data/build/train_ranker.py``).

Examples
--------
>>> f = type_features("Pakistan’s prime minister, Imran Khan, said", 27, 37, "public")
>>> sorted(k for k in f if k.startswith("b:"))
['b:minister', 'b:pakistan’s', 'b:prime']
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..resources import PACKAGE_DIR

__all__ = ["Retyper", "default_retyper", "document_countries", "type_features"]

RETYPE_FILE = PACKAGE_DIR / "_resources" / "attribution" / "retype.json"
_WORD = re.compile(r"[\w’'-]+")


def _words(s: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(s)]


def type_features(
    text: str, start: int, end: int, rule_type: str, first: tuple[int, int] | None = None
) -> dict[str, float]:
    """Features of the mention ``text[start:end]`` for typing it.

    ``first`` is the span of the first mention of the same actor in the document, whose
    neighbourhood often holds the title or apposition.
    """
    f: dict[str, float] = {f"rule_type={rule_type}": 1.0}
    inside = _words(text[start:end])
    for w in inside:
        f[f"m:{w}"] = 1.0
    if inside:
        f[f"last:{inside[-1]}"] = 1.0
    f[f"n_words={min(len(inside), 4)}"] = 1.0
    spans = [(start, end)] if first is None or first == (start, end) else [(start, end), first]
    for s, e in spans:
        for w in _words(text[max(0, s - 40) : s])[-3:]:
            f[f"b:{w}"] = 1.0
        for w in _words(text[e : e + 60])[:6]:
            f[f"a:{w}"] = 1.0
    return f


def document_countries(countries: Sequence[str]) -> tuple[str, float]:
    """The country a document names most, and its share of the country mentions."""
    named = Counter(c for c in countries if c)
    if not named:
        return "", 0.0
    top, n = named.most_common(1)[0]
    return top, n / sum(named.values())


class Retyper:
    """Multinomial linear models: ``weights[model][label][feature]`` and ``bias[model][label]``.

    Models: ``type`` (an actor type) and ``country`` (``keep`` the mention's country, or
    ``document``: the document's main country).
    """

    def __init__(
        self, weights: dict[str, dict[str, dict[str, float]]], bias: dict[str, dict[str, float]]
    ) -> None:
        self.weights = weights
        self.bias = bias

    def predict(self, model: str, features: dict[str, float]) -> tuple[str, float]:
        """The most likely label and its probability (softmax over the labels)."""
        scores = {
            label: self.bias[model][label] + sum(w.get(k, 0.0) * v for k, v in features.items())
            for label, w in self.weights[model].items()
        }
        top = max(scores.values())
        exp = {k: math.exp(v - top) for k, v in scores.items()}
        label = max(exp, key=exp.__getitem__)
        return label, exp[label] / sum(exp.values())

    def to_json(self) -> str:
        return json.dumps(
            {"format": "stance-retyper", "version": 1, "bias": self.bias, "weights": self.weights},
            sort_keys=True,
        )

    @classmethod
    def load(cls, path: str | Path) -> Retyper:
        """Read a file written by :meth:`to_json` (plain JSON; nothing in it is executed)."""
        try:
            obj = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not a retyper file ({exc})") from None
        if not isinstance(obj, dict) or obj.get("format") != "stance-retyper":
            raise ValueError(f"{path}: not a retyper file (no 'format': 'stance-retyper')")
        return cls(obj["weights"], obj["bias"])


@lru_cache(maxsize=1)
def default_retyper() -> Retyper | None:
    """The shipped retyper, or ``None`` when the package holds none."""
    return Retyper.load(RETYPE_FILE) if RETYPE_FILE.exists() else None
