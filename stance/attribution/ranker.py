"""A learned choice between candidate actors, where the rules run out.

For every statement the rules give one answer. The ranker looks at more: every actor mention of
the statement's sentence and of the few sentences around it, the document's voice and the
rules' own answer, each described by a handful of features (how far away it is, whether it
stands before or after a reporting verb, inside a quote, whether the rules chose it and by
which rule, the words on either side of it, its kind and type, whether it spoke before). A
linear model, trained on the gold evidence spans of the annotated training splits
(``data/build/train_ranker.py``), scores each candidate; the best one is the statement's actor.

The model is a table of feature weights in ``stance/_resources/attribution/ranker.json``:
data, read with :mod:`json`, never code; scoring it is a sum of weights, so it needs nothing
beyond the standard library and adds little to the cost of the rules.

Examples
--------
>>> from stance.segmentation import segment
>>> text = ("Rights groups condemned the verdict. “It is a travesty,” said Maya Wang, "
...         "a researcher at Human Rights Watch. The court rejected the appeal.")
>>> from stance.attribution import attribute
>>> segs = segment(text)
>>> rules = attribute(text, segs, ranker=None)
>>> sorted(c.actor.name for c in candidates(text, segs, rules)[2])
['Human Rights Watch', 'Maya Wang', 'Rights groups', 'The court', 'the author']
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..gazetteer import Actor, Gazetteer, default_gazetteer
from ..resources import PACKAGE_DIR
from ..segmentation import Segment
from .lexicon import DESCRIPTION_TYPES, GROUP_NOUNS, NOT_NAMES
from .mentions import Gates, kind_of, sentence_mentions
from .patterns import CUE
from .quotes import Spans, clip_quotes, overlapping, quote_state
from .records import Attribution, Mention
from .retype import Retyper, document_countries, type_features
from .voice import InferredVoice

__all__ = ["Candidate", "Ranker", "candidates", "default_ranker", "rerank"]

RANKER_FILE = PACKAGE_DIR / "_resources" / "attribution" / "ranker.json"
WINDOW_BEFORE = 3  # sentences before the statement whose mentions are candidates
WINDOW_AFTER = 1  # ... and after it ("..., the group said in the next sentence")
# Rules whose answers the ranker leaves alone: those that read an explicit cue in the sentence
# (and the voice). Over these, the ranker did a little better on news validation but worse on
# the seed articles, whose rules were written reading them; the rules stand where they are exact.
KEEP_RULES = ("voice", "quote", "according_to", "by_agent", "cue", "headline")
FAR_ACTORS = 8  # actors named further back that stay candidates, the most recent ones
_WORD = re.compile(r"[\w’']+")
AUTHOR = Actor("the author", "media", "")
"""The writer of a text that has no other voice: a column, an analysis, an editorial."""


@dataclass(frozen=True)
class Candidate:
    """One actor the statement could be attributed to, with what the ranker knows of it.

    Attributes
    ----------
    actor : Actor
        Name, type and country, as the mention rules or the gazetteer give them.
    start, end : int or None
        The mention's span in the document (``None`` for the voice, or for the rules' answer
        when it was not named in the text).
    source : str
        ``mention``, ``voice``, ``author`` or ``rule``.
    features : dict
        Feature name -> value, the ranker's input.
    first : tuple of int, optional
        The span of the first mention of the same actor in the document.
    cue : str
        The reporting verb the mention stands next to in the statement's own sentence ("" if
        none): the evidence kept when the ranker chooses it.
    """

    actor: Actor
    start: int | None
    end: int | None
    source: str
    features: dict[str, float] = field(compare=False, hash=False)
    first: tuple[int, int] | None = field(default=None, compare=False, hash=False)
    cue: str = field(default="", compare=False, hash=False)


_TOKEN = re.compile(r"[\w’'-]+")
_DETERMINERS = frozenset(
    "the a an this these those its their his her some many several two three four five six "
    "seven eight nine ten dozens hundreds".split()
)
_ANAPHORS = frozenset({"the", "The", "these", "These", "those", "Those"})
_MODIFIERS = frozenset(
    "local senior top former independent state federal military security police human rights "
    "trade news young other international foreign regional provincial".split()
)
_DATELINE = re.compile(r"\s*(?:\([^)]{1,40}\))?\s*[-–—,]")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&-]{2,9}\b")


def descriptions(
    text: str, seg: Segment, mentions: Sequence[Mention], gaz: Gazetteer
) -> list[Mention]:
    """Common-noun phrases ("six police officers", "a Rwandan court") and unknown acronyms
    ("HURIWA") of a segment that no name mention covers: candidates the rules do not see."""
    taken = [(m.start, m.end) for m in mentions]
    out = []
    tokens = list(_TOKEN.finditer(text, seg.start, seg.end))
    for t, tok in enumerate(tokens):
        typ = DESCRIPTION_TYPES.get(tok.group().casefold())
        if typ is None or (
            t + 1 < len(tokens) and tokens[t + 1].group().casefold() in DESCRIPTION_TYPES
        ):
            continue  # "police officers": the phrase ends at the last noun
        if t and tokens[t - 1].group() in _ANAPHORS and tok.group() in GROUP_NOUNS:
            continue  # "the groups said": an anaphor, which the rules resolve to its antecedent
        first = t  # extend left over up to three modifiers and a determiner
        while first > 0 and t - first < 3:
            w = tokens[first - 1].group()
            if not (w[:1].isupper() or w.casefold() in _MODIFIERS or w[:1].isdigit()):
                break
            first -= 1
        if first > 0 and tokens[first - 1].group().casefold() in _DETERMINERS:
            first -= 1
        s, e = tokens[first].start(), tok.end()
        if any(ts < e and s < te for ts, te in taken):
            continue
        country = ""
        for w in tokens[first:t]:
            state = gaz.demonym(w.group())
            if state is not None and state.country:
                country = state.country
        phrase = text[s:e]
        actor = Actor(phrase[:1].upper() + phrase[1:], typ, country)
        out.append(Mention(s, e, actor, "description"))
    for a in _ACRONYM.finditer(text, seg.start, seg.end):
        s, e = a.start(), a.end()
        word = a.group()
        if word.casefold() in NOT_NAMES or any(ts < e and s < te for ts, te in taken):
            continue
        if _DATELINE.match(text, e) and not text[:s].strip():
            continue  # "GENEVA (Reuters) -": a dateline opening the text
        if gaz.lookup(word) is not None:
            continue
        out.append(Mention(s, e, Actor(word, "ngo", ""), "acronym"))
    return out


def _words(s: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(s)]


def _intrinsic(
    m: Mention, seg: Segment, text: str, cue_at: int | None, quoted: bool, first: bool
) -> tuple[dict[str, float], tuple[str, ...]]:
    """What a mention's features owe to the mention alone (computed once per mention), and
    the stems of those that also depend on its distance from the statement."""
    before = _words(text[max(seg.start, m.start - 30) : m.start])[-2:]
    after = _words(text[m.end : min(seg.end, m.end + 30)])[:2]
    f = {
        f"kind={m.kind}": 1.0,
        f"type={m.actor.type}": 1.0,
        f"has_country={bool(m.actor.country)}": 1.0,
        f"w-1={before[-1] if before else '^'}": 1.0,
        f"w+1={after[0] if after else '$'}": 1.0,
        f"w+2={' '.join(after) if after else '$'}": 1.0,
    }
    near = [
        f"kind={m.kind}",
        f"first={first}",
        f"quoted={quoted}",
        f"w-1={before[-1] if before else '^'}",
        f"w+1={after[0] if after else '$'}",
    ]
    if cue_at is None:
        near.append("no_cue")
    else:
        side = "before" if m.start < cue_at else "after"
        near.append(f"{side}_cue")
        f[f"{side}_cue&kind={m.kind}"] = 1.0
        # The subject just before its cue ("The police denied"), or the speaker just after
        # it ("said Maya Wang"): a few words apart at most.
        gap = text[m.end : cue_at] if side == "before" else text[cue_at : m.start]
        if len(_WORD.findall(gap)) <= 3 and not any(ch in gap for ch in ".;:"):
            near.append(f"{side}_cue_adjacent")
    return f, tuple(near)


def _mention_features(
    base: tuple[dict[str, float], tuple[str, ...]], dist: int, seen: int
) -> dict[str, float]:
    f = dict(base[0])
    f[f"dist={dist}"] = 1.0
    f[f"seen={min(seen, 3)}"] = 1.0
    for stem in base[1]:
        f[f"{stem}&dist={dist}"] = 1.0
    return f


def candidates(
    text: str,
    segments: Sequence[Segment],
    rules: Sequence[Attribution],
    *,
    voice: Actor | None = None,
    gazetteer: Gazetteer | None = None,
    mentions: Sequence[list[Mention]] | None = None,
    keep: Collection[str] = KEEP_RULES,
    inferred: InferredVoice | None = None,
    quotes: Spans | None = None,
) -> list[list[Candidate]]:
    """The candidate actors of every segment of a document.

    Parameters
    ----------
    text, segments
        The document and its segments, as given to :func:`stance.attribution.attribute`.
    rules : sequence of Attribution
        The rules' answers (``attribute(text, segments, ranker=None, ...)``).
    voice : Actor, optional
        The document's voice.
    gazetteer : Gazetteer, optional
        Defaults to the shipped one.
    mentions : sequence of list of Mention, optional
        The mentions of each segment, when the caller has them already.
    keep : collection of str
        Rules whose answers stand (those that read an explicit cue, and the voice): their
        statements get the rules' answer as their only candidate (none for the voice).
    inferred : InferredVoice, optional
        Without a ``voice``: the voice read from the document, a candidate whatever its
        confidence (which is one of its features).
    quotes : Spans, optional
        The document's quoted passages, when the caller has them already.

    Returns
    -------
    list of list of Candidate
        One list per segment; the same actor named twice in the window is one candidate (its
        nearest mention).
    """
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    if mentions is None:
        gates = Gates.of(text)
        mentions = [sentence_mentions(text[s.start : s.end], s.start, gaz, gates) for s in segments]
    if quotes is None:
        quotes = Spans(clip_quotes(quote_state(text), segments, text))
    doc = _Document(text, segments, mentions, gaz, quotes)
    voice_kind = kind_of(voice, gaz) if voice is not None else "none"
    out: list[list[Candidate]] = []
    seen: dict[str, int] = {}  # mentions of each actor before the statement
    # The latest mention of the actors named before the window, the most recent FAR_ACTORS
    # of them: a document returns to the actors it named, and a bound keeps the cost linear.
    latest: dict[str, tuple[int, Mention]] = {}
    for i in range(len(segments)):
        for m in mentions[i - 1] if i else ():
            seen[m.actor.name] = seen.get(m.actor.name, 0) + 1
        if i > WINDOW_BEFORE:
            j = i - WINDOW_BEFORE - 1
            for m in mentions[j]:
                latest.pop(m.actor.name, None)
                latest[m.actor.name] = (j, m)
        rule = rules[i]
        if rule.rule in keep:
            out.append(_kept(doc, rule))
            continue
        prev = rules[i - 1] if i else None
        quoted_statement = doc.quoted(segments[i])
        shared = {
            f"rule={rule.rule}": 1.0,
            f"voice={voice_kind}": 1.0,
            f"quoted_statement={quoted_statement}": 1.0,
        }
        window = [
            (j, m)
            for j in range(max(0, i - WINDOW_BEFORE), min(len(segments), i + WINDOW_AFTER + 1))
            for m in doc.mentions(j)
        ]
        found: dict[str, tuple[int, Candidate]] = {}
        for j, m in [*list(latest.values())[-FAR_ACTORS:], *window]:  # nearer ones win
            name = m.actor.name
            if name in found and abs(j - i) > found[name][0]:
                continue
            dist = max(j - i, -WINDOW_BEFORE - 1)  # -4: anywhere further back
            f = _mention_features(doc.intrinsic(j, m), dist, seen.get(name, 0))
            _add_rule_features(f, m.actor, (m.start, m.end), rule, prev)
            f.update(shared)
            first = doc.first_span.get(name, (m.start, m.end))
            cue = doc.cue_linking(i, m) if dist == 0 else ""
            c = Candidate(m.actor, m.start, m.end, "mention", f, first, cue)
            found[name] = (abs(j - i), c)
        cands = [c for _, c in found.values()]
        cands.append(_voice_or_author(doc, i, voice, rule, prev, shared, inferred))
        if voice is None and inferred is not None and inferred.actor is not None:
            cands = _with_inferred(cands, found, inferred, rule, prev, shared)
        is_voice = voice is not None and rule.actor == voice.name
        if rule.actor != "none" and rule.actor not in found and not is_voice:
            actor = Actor(rule.actor, rule.actor_type, rule.country)
            f = {"src=rule": 1.0, f"src=rule&rule={rule.rule}": 1.0, **shared}
            _add_rule_features(f, actor, (rule.actor_start, rule.actor_end), rule, prev)
            cands.append(Candidate(actor, rule.actor_start, rule.actor_end, "rule", f))
        out.append(cands)
    return out


def _kept(doc: _Document, rule: Attribution) -> list[Candidate]:
    """A rule that stands: its answer as the only candidate (the retyper may still revise the
    type and country of a name the gazetteer does not know), none for the voice."""
    if rule.rule == "voice" or rule.actor == "none":
        return []
    span = (rule.actor_start, rule.actor_end)
    named = span in doc.spans
    actor = Actor(rule.actor, rule.actor_type, rule.country)
    first = doc.first_span.get(rule.actor)
    source = "mention" if named else "rule"
    return [Candidate(actor, rule.actor_start, rule.actor_end, source, {}, first)]


def _with_inferred(
    cands: list[Candidate],
    found: dict[str, tuple[int, Candidate]],
    inferred: InferredVoice,
    rule: Attribution,
    prev: Attribution | None,
    shared: dict[str, float],
) -> list[Candidate]:
    """The voice read from the document as a candidate; named nearby too, one candidate with
    both views."""
    assert inferred.actor is not None
    conf = inferred.confidence
    bucket = "low" if conf < 0.3 else "mid" if conf < 0.6 else "high"
    f = {"src=inferred": 1.0, **shared, f"src=inferred&rule={rule.rule}": 1.0}
    f[f"src=inferred&confidence={bucket}"] = 1.0
    f[f"src=inferred&genre={inferred.genre}"] = 1.0
    _add_rule_features(f, inferred.actor, (inferred.start, inferred.end), rule, prev)
    start, end = inferred.start, inferred.end
    named = found.get(inferred.actor.name)
    if named is not None:
        cands = [c for c in cands if c is not named[1]]
        f.update(named[1].features)
        start, end = named[1].start, named[1].end
    return [*cands, Candidate(inferred.actor, start, end, "inferred", f)]


def _voice_or_author(
    doc: _Document,
    i: int,
    voice: Actor | None,
    rule: Attribution,
    prev: Attribution | None,
    shared: dict[str, float],
    inferred: InferredVoice | None = None,
) -> Candidate:
    if voice is not None:
        f = {"src=voice": 1.0, **shared}
        _add_rule_features(f, voice, None, rule, prev)
        return Candidate(voice, None, None, "voice", f)
    # The writer of the text: a column's or an analysis' own positions are its author's
    # (codebook 6), which no mention names.
    f = {"src=author": 1.0, **shared, f"src=author&rule={rule.rule}": 1.0}
    f[f"src=author&first_person={doc.first_person(i)}"] = 1.0
    f[f"src=author&doc_first_person={doc.first_person_share()}"] = 1.0
    f[f"src=author&quoted_statement={doc.quoted(doc.segments[i])}"] = 1.0
    f[f"src=author&cue={doc.cue_at(i) is not None}"] = 1.0
    if inferred is not None:  # what the text reads as: a column, a release, a report
        f[f"src=author&genre={inferred.genre}"] = 1.0
    return Candidate(AUTHOR, None, None, "author", f)


class _Document:
    """What the candidates of a document's statements read, each computed once, on demand
    (most statements of a release or a speech keep the rules' answer and need none of it)."""

    def __init__(
        self,
        text: str,
        segments: Sequence[Segment],
        named: Sequence[list[Mention]],
        gaz: Gazetteer,
        quotes: Spans,
    ) -> None:
        self.text, self.segments, self.named, self.gaz = text, segments, named, gaz
        self.quotes = quotes
        self.first_span: dict[str, tuple[int, int]] = {}
        self.spans: set[tuple[int | None, int | None]] = set()
        for ms in named:
            for m in ms:
                self.first_span.setdefault(m.actor.name, (m.start, m.end))
                self.spans.add((m.start, m.end))
        self._mentions: dict[int, list[Mention]] = {}
        self._intrinsic: dict[tuple[int, int], tuple[dict[str, float], tuple[str, ...]]] = {}
        self._cues: dict[int, tuple[int, str] | None] = {}
        self._first_person: list[bool] | None = None

    def mentions(self, j: int) -> list[Mention]:
        """The names of segment ``j`` and its common-noun descriptions."""
        got = self._mentions.get(j)
        if got is None:
            ms = self.named[j]
            extra = descriptions(self.text, self.segments[j], ms, self.gaz)
            got = self._mentions[j] = sorted([*ms, *extra], key=lambda m: m.start) if extra else ms
        return got

    def cue_at(self, j: int) -> int | None:
        found = self.cue(j)
        return found[0] if found else None

    def cue(self, j: int) -> tuple[int, str] | None:
        """Where segment ``j``'s first cue starts, and the cue as written."""
        if j not in self._cues:
            s = self.segments[j]
            cue = CUE.search(self.text, s.start, s.end)
            self._cues[j] = (cue.start(), cue.group()) if cue else None
        return self._cues[j]

    def cue_linking(self, i: int, m: Mention) -> str:
        """The cue of segment ``i`` that mention ``m`` is the subject ("X said", a few words
        apart) or the named speaker of ("said the head of X's team, Y"), else ""."""
        found = self.cue(i)
        if found is None:
            return ""
        at, cue = found
        gap = self.text[m.end : at] if m.start < at else self.text[at + len(cue) : m.start]
        most = 4 if m.start < at else 12
        return cue if len(_WORD.findall(gap)) <= most and not any(c in gap for c in ".;:") else ""

    def quoted(self, seg: Segment) -> bool:
        return bool(overlapping(self.quotes, seg.start, seg.end))

    def intrinsic(self, j: int, m: Mention) -> tuple[dict[str, float], tuple[str, ...]]:
        key = (m.start, m.end)
        got = self._intrinsic.get(key)
        if got is None:
            quoted = bool(overlapping(self.quotes, m.start, m.start + 1))
            first = bool(self.mentions(j)) and self.mentions(j)[0] is m
            seg = self.segments[j]
            got = self._intrinsic[key] = _intrinsic(
                m, seg, self.text, self.cue_at(j), quoted, first
            )
        return got

    def first_person(self, i: int) -> bool:
        if self._first_person is None:
            self._first_person = [_first_person(self.text, s, self.quotes) for s in self.segments]
        return self._first_person[i]

    def first_person_share(self) -> str:
        self.first_person(0)
        assert self._first_person is not None
        share = sum(self._first_person) / max(len(self.segments), 1)
        return "none" if share == 0 else "some" if share < 0.2 else "many"


_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|us|me)\b")


def _first_person(text: str, seg: Segment, quotes: Spans) -> bool:
    """Whether the segment speaks in the first person outside quotation marks."""
    for m in _FIRST_PERSON.finditer(text, seg.start, seg.end):
        if not overlapping(quotes, m.start(), m.start() + 1):
            return True
    return False


def _add_rule_features(
    f: dict[str, float],
    actor: Actor,
    span: tuple[int | None, int | None] | None,
    rule: Attribution,
    prev: Attribution | None,
) -> None:
    chosen = actor.name == rule.actor or (
        span is not None and span[0] is not None and span == (rule.actor_start, rule.actor_end)
    )
    f[f"rule_pick={chosen}&rule={rule.rule}"] = 1.0
    if prev is not None and prev.actor == actor.name:
        f["previous_actor"] = 1.0
        f[f"previous_actor&rule={prev.rule}"] = 1.0


class Ranker:
    """A linear scorer of candidates: the sum of the weights of their features.

    Parameters
    ----------
    weights : dict
        Feature name -> weight; unknown features weigh nothing.
    bias : float
        Added to every score (it changes neither the choice nor the probabilities).
    """

    def __init__(self, weights: dict[str, float], bias: float = 0.0) -> None:
        self.weights = weights
        self.bias = bias

    def linear(self, candidate: Candidate) -> float:
        """The candidate's score: the sum of the weights of its features."""
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in candidate.features.items())

    def probabilities(self, candidates: Sequence[Candidate]) -> list[float]:
        """The chance that each of a statement's candidates is its actor (a softmax of the
        scores: the model was trained to rank a statement's candidates against each other)."""
        z = [self.linear(c) for c in candidates]
        top = max(z, default=0.0)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": "stance-ranker",
                "version": 1,
                "bias": self.bias,
                "weights": dict(sorted(self.weights.items())),
            },
            indent=0,
        )

    @classmethod
    def from_json(cls, data: str, *, what: str = "ranker") -> Ranker:
        try:
            obj = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{what}: not a ranker file ({exc})") from None
        if not isinstance(obj, dict) or obj.get("format") != "stance-ranker":
            raise ValueError(f"{what}: not a ranker file (no 'format': 'stance-ranker')")
        weights = obj.get("weights")
        if not isinstance(weights, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) for k, v in weights.items()
        ):
            raise ValueError(f"{what}: 'weights' must map feature names to numbers")
        return cls({k: float(v) for k, v in weights.items()}, float(obj.get("bias", 0.0)))

    @classmethod
    def load(cls, path: str | Path) -> Ranker:
        """Read a ranker written by :meth:`to_json` (plain JSON; nothing in it is executed)."""
        return cls.from_json(Path(path).read_text(encoding="utf-8"), what=str(path))


@lru_cache(maxsize=1)
def default_ranker() -> Ranker | None:
    """The shipped ranker, or ``None`` when the package holds none."""
    return Ranker.load(RANKER_FILE) if RANKER_FILE.exists() else None


def rerank(
    rules: Sequence[Attribution],
    cands: Sequence[Sequence[Candidate]],
    ranker: Ranker,
    *,
    text: str = "",
    gazetteer: Gazetteer | None = None,
    retyper: Retyper | None = None,
    countries: Sequence[str] = (),
) -> list[Attribution]:
    """Each statement's best candidate as its attribution (the rules' answer when none).

    The cue the rules found stays; the rule becomes ``ranker`` when the choice differs from
    the rules', so a reader of the output can tell which decided. With a ``retyper`` (and the
    document ``text`` and the ``countries`` of its mentions), an actor the gazetteer does not
    know gets its type and country from it (:mod:`.retype`).
    """
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    doc_country, share = document_countries(countries)
    out = []
    for rule, cs in zip(rules, cands, strict=True):
        if not cs or (len(cs) == 1 and cs[0].source == "author"):
            # The author alone is no evidence: it wins only against other candidates.
            out.append(rule)
            continue
        scores = ranker.probabilities(cs)
        top = max(range(len(cs)), key=scores.__getitem__)
        best, score = cs[top], round(scores[top], 4)
        a = best.actor
        if retyper is not None and best.source != "voice":
            a = _retype(best, a, text, gaz, retyper, doc_country, share)
        same = a.name == rule.actor and a.type == rule.actor_type and a.country == rule.country
        if same:
            start, end, how = rule.actor_start, rule.actor_end, rule.rule
        else:
            start, end, how = best.start, best.end, "ranker"
        cue = rule.cue if same else best.cue or rule.cue
        out.append(Attribution(a.name, a.type, a.country, cue, start, end, how, score))
    return out


def _retype(
    c: Candidate,
    a: Actor,
    text: str,
    gaz: Gazetteer,
    retyper: Retyper,
    doc_country: str,
    share: float,
) -> Actor:
    known = c.source == "mention" and gaz.lookup(a.name) is not None
    typ = a.type
    if c.source == "mention" and not known and c.start is not None and c.end is not None:
        typ = retyper.predict("type", type_features(text, c.start, c.end, a.type, c.first))[0]
    country = a.country
    if not known and doc_country and doc_country != a.country:
        f = country_features(c.source, typ, a.country, share)
        if retyper.predict("country", f)[0] == "document":
            country = doc_country
    return Actor(a.name, typ, country) if (typ, country) != (a.type, a.country) else a


def country_features(source: str, typ: str, country: str, share: float) -> dict[str, float]:
    """Features for choosing between a candidate's own country and the document's."""
    bucket = "low" if share < 0.4 else "mid" if share < 0.7 else "high"
    return {
        f"src={source}": 1.0,
        f"type={typ}": 1.0,
        f"has_country={bool(country)}": 1.0,
        f"share={bucket}": 1.0,
        f"type={typ}&share={bucket}": 1.0,
        f"type={typ}&has_country={bool(country)}": 1.0,
    }
