"""The attribution ranker: candidates, descriptions, the linear model and its file."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.attribution import Attribution, attribute
from stance.attribution.mentions import sentence_mentions
from stance.attribution.ranker import (
    AUTHOR,
    RANKER_FILE,
    Candidate,
    Ranker,
    candidates,
    default_ranker,
    descriptions,
    rerank,
)
from stance.attribution.voice import InferredVoice
from stance.gazetteer import Actor, default_gazetteer
from stance.segmentation import segment


def _descriptions(text: str) -> list[tuple[str, str, str]]:
    gaz = default_gazetteer()
    out = []
    for seg in segment(text):
        named = sentence_mentions(seg.text, seg.start, gaz)
        out += [
            (text[m.start : m.end], m.actor.type, m.actor.country)
            for m in descriptions(text, seg, named, gaz)
        ]
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Phrases of the kind the news annotators marked as evidence (data/news.jsonl).
        (
            "Sun Shujun was sentenced by a Rwandan court.",
            [("a Rwandan court", "government", "RWA")],
        ),
        (
            "A day after his arrest, six police officers went to Bethel Church.",
            [("six police officers", "government", "")],
        ),
        # Every unknown acronym is a candidate ("VPN" too): the ranker weighs them.
        (
            "Authorities accused him of using VPN software.",
            [("Authorities", "government", ""), ("VPN", "ngo", "")],
        ),
        ("The indictment says they radicalized in London.", [("The indictment", "government", "")]),
        ("Opposition politicians spoke out.", [("Opposition politicians", "legislature", "")]),
        ("HURIWA said the kidnappers are pampered.", [("HURIWA", "ngo", "")]),
        # An anaphor is the rules' business: they resolve it to the groups named before.
        ("In a joint statement, the groups said they will push on.", []),
        # A known name is a mention already, not a description.
        ("Human Rights Watch said the police lied.", [("the police", "government", "")]),
    ],
)
def test_descriptions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _descriptions(text) == expected


TEXT = (
    "Rights groups condemned the verdict. “It is a travesty,” said Maya Wang, a researcher at "
    "Human Rights Watch. The court rejected the appeal."
)


def test_candidates_cover_the_window_and_the_author() -> None:
    segs = segment(TEXT)
    rules = attribute(TEXT, segs, ranker=None)
    cands = candidates(TEXT, segs, rules)
    assert len(cands) == len(segs)
    # An explicit cue keeps the rules' answer: its only candidate is that answer.
    assert [c.actor.name for c in cands[1]] == ["Maya Wang"]
    last = {c.actor.name: c for c in cands[2]}
    assert {"Rights groups", "Maya Wang", "Human Rights Watch", "The court"} <= set(last)
    assert last["The court"].features["dist=0"] == 1.0
    assert any(c.actor == AUTHOR for c in cands[2])  # no voice: the writer is a candidate


def test_the_voice_is_a_candidate_and_its_statements_stand() -> None:
    text = "The sentences are a travesty. The court ignored the evidence."
    voice = Actor("Human Rights Watch", "ngo", "")
    segs = segment(text)
    cands = candidates(text, segs, attribute(text, segs, voice=voice, ranker=None), voice=voice)
    assert cands[0] == []  # the rules gave it to the voice: nothing to rank
    got = attribute(text, segs, voice=voice)
    assert got[0].actor == "Human Rights Watch" and got[0].rule == "voice"


WORDS = st.sampled_from(
    ["said", "The", "police", "court", "Human Rights Watch", "Maya Wang", "“", "”", ".", "\n\n"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=60).map(" ".join))
def test_candidates_never_raise_and_spans_slice_the_text(text: str) -> None:
    segs = segment(text)
    for cs in candidates(text, segs, attribute(text, segs, ranker=None)):
        for c in cs:
            if c.start is not None:
                assert 0 <= c.start < c.end <= len(text)


def test_rerank_takes_the_best_candidate_and_keeps_the_evidence() -> None:
    rule = Attribution("Maya Wang", "ngo", "", "said", 0, 9, "context")
    court = Candidate(Actor("The court", "government", "CHN"), 20, 29, "mention", {"x": 1.0})
    maya = Candidate(Actor("Maya Wang", "ngo", ""), 0, 9, "mention", {"y": 1.0})
    got = rerank([rule], [[maya, court]], Ranker({"x": 2.0, "y": 0.0}))[0]
    assert (got.actor, got.actor_start, got.rule, got.cue) == ("The court", 20, "ranker", "said")
    assert got.score == pytest.approx(0.8808, abs=1e-4)  # softmax of 2 against 0
    kept = rerank([rule], [[maya, court]], Ranker({"x": 0.0, "y": 2.0}))[0]
    assert (kept.actor, kept.rule) == ("Maya Wang", "context")  # the rules' own answer stands


def test_the_author_alone_is_no_evidence() -> None:
    text = "The weather in Geneva was mild on Monday."
    assert attribute(text, segment(text)) == attribute(text, segment(text), ranker=None)
    assert attribute(text, segment(text))[0].actor == "none"


def test_probabilities_sum_to_one() -> None:
    cs = [Candidate(AUTHOR, None, None, "author", {f"f{i}": 1.0}) for i in range(4)]
    p = Ranker({"f0": 1.0, "f1": -1.0, "f2": 3.0}).probabilities(cs)
    assert sum(p) == pytest.approx(1.0) and max(p) == p[2]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not a ranker file"),
        (json.dumps({"weights": {}}), "no 'format'"),
        (json.dumps({"format": "stance-ranker", "weights": {"a": "x"}}), "map feature names"),
    ],
)
def test_a_bad_ranker_file_is_refused_with_its_name(tmp_path, content: str, problem: str) -> None:
    path = tmp_path / "ranker.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=problem) as err:
        Ranker.load(path)
    assert str(path) in str(err.value)


def test_the_shipped_ranker_is_plain_data_and_round_trips() -> None:
    ranker = default_ranker()
    assert ranker is not None and RANKER_FILE.exists()
    assert len(ranker.weights) > 100
    again = Ranker.from_json(ranker.to_json())
    assert again.weights == ranker.weights and again.bias == ranker.bias


def test_a_voice_read_with_little_confidence_is_one_more_candidate() -> None:
    text = "The report documents torture in three prisons. The authorities must free the detainees."
    segs = segment(text)
    inferred = InferredVoice(
        Actor("Human Rights Watch", "ngo", ""), None, None, "", "self_reference", 0.4, "ngo_release"
    )
    rules = attribute(text, segs, ranker=None)
    cands = candidates(text, segs, rules, inferred=inferred)
    ours = [c for c in cands[1] if c.source == "inferred"]
    assert [c.actor.name for c in ours] == ["Human Rights Watch"]
    assert ours[0].features["src=inferred&confidence=mid"] == 1.0
    author = next(c for c in cands[1] if c.source == "author")
    assert author.features["src=author&genre=ngo_release"] == 1.0


@pytest.mark.parametrize(
    ("text", "actor", "cue"),
    [
        # The failure issue 14 names: a speaker after the quote, behind a long apposition.
        (
            "“The Chinese government must end its crackdown on Uyghurs now,” said the head of "
            "Human Rights Watch’s China team, Maya Wang.",
            "Maya Wang",
            "said",
        ),
    ],
)
def test_a_ranker_choice_keeps_the_cue_that_links_it(text: str, actor: str, cue: str) -> None:
    got = attribute(text, segment(text))[-1]
    assert (got.actor, got.actor_type, got.cue) == (actor, "ngo", cue)
    assert text[got.actor_start : got.actor_end] == actor
