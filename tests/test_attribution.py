"""Actor attribution: real cases from the seeds and the corpus, one per cue form, and properties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.attribution import (
    NO_ACTOR,
    Attribution,
    attribute,
    is_group_phrase,
    resolve_actor,
)
from stance.evaluation import evaluate_attribution
from stance.gazetteer import default_gazetteer
from stance.labels import ACTOR_TYPES
from stance.segmentation import segment

ROOT = Path(__file__).resolve().parents[1]
DATA_SOURCES = (
    "seeds_train",
    "seeds_test",
    "extended_train",
    "extended_validation",
    "extended_test",
)


def last_actor(text: str, voice: str | None = None, gazetteer=None) -> Attribution:
    gaz = gazetteer or default_gazetteer()
    found = attribute(
        text, segment(text), voice=resolve_actor(voice, gaz) if voice else None, gazetteer=gaz
    )
    return found[-1]


# (text, expected actor, type, country, cue); the last sentence is the one checked.
CASES = [
    pytest.param(
        '"The international community must remember its obligation to end atrocity crimes '
        'like genocide and crimes against humanity," said Dolkun Isa, president of the World '
        "Uyghur Congress.",
        "Dolkun Isa",
        "ngo",
        "",
        "said",
        id="quote-then-said-X-apposition",
    ),
    pytest.param(
        "On Tuesday, Chinese Foreign Ministry spokesperson Wang Wenbin told the press in Beijing "
        "that the Western countries that signed the draft resolution are using the U.N. Human "
        "Rights Council to interfere with Beijing's domestic affairs.",
        "Wang Wenbin",
        "government",
        "CHN",
        "told",
        id="X-told-that-title",
    ),
    pytest.param(
        "On Tuesday, Chinese Foreign Ministry spokesperson Wang Wenbin told the press in Beijing "
        "that the Western countries interfere. He added that some countries are trying to "
        "discredit and contain China's development.",
        "Wang Wenbin",
        "government",
        "CHN",
        "added",
        id="pronoun-he-added",
    ),
    pytest.param(
        "Wang Wenbin told the press that the West interferes.\n\n"
        '"They blatantly apply double standard and have gone so far as to name and shame some '
        "developing countries and openly pressure them. This has poisoned the atmosphere and led "
        "to aggravated confrontation at the Human Rights Council. The international community "
        'firmly rejects such practice," Wang said.',
        "Wang Wenbin",
        "government",
        "CHN",
        "said",
        id="surname-after-quote",
    ),
    pytest.param(
        "Louis Charbonneau, executive director of UN Human Rights Watch, criticized Beijing’s "
        "long-standing tactic of bullying other governments to silence them.",
        "Louis Charbonneau",
        "ngo",
        "",
        "criticized",
        id="apposition-before-verb",
    ),
    pytest.param(
        "The Chinese embassy's spokesperson, Liu Pengyu, told VOA that Beijing has addressed "
        '"both the symptoms and root causes" of terrorism.',
        "Liu Pengyu",
        "government",
        "CHN",
        "told",
        id="told-VOA-object-not-speaker",
    ),
    pytest.param(
        "As early as November 24, 2019, the International Consortium of Investigative "
        "Journalists (ICIJ) and partner media published an investigative report detailing the "
        "forced brainwashing of Uyghurs. According to the report, the CCP has detained more than "
        "1 million Uighurs, Kazakhs and other religious minorities in this manner.",
        "International Consortium of Investigative Journalists",
        "media",
        "",
        "According to",
        id="according-to-the-report",
    ),
    pytest.param(
        "\"A modest — and yet unprecedented — step at the UN Human Rights Council's 51st session "
        'towards accountability for Chinese government," tweeted Sophie Richardson, China '
        "director at Human Rights Watch.",
        "Sophie Richardson",
        "ngo",
        "",
        "tweeted",
        id="tweeted-inverted",
    ),
    pytest.param(
        "More than 60 Uyghur organizations from 20 countries welcomed the draft resolution. In a "
        "joint statement, the groups said they will continue to push for further action.",
        "More than 60 Uyghur organizations",
        "ngo",
        "",
        "said",
        id="in-a-statement-the-groups",
    ),
    pytest.param(
        "The Xinjiang conference is co-organized by the United States, Britain, Germany, "
        "Australia and Canada.",
        "United States",
        "government",
        "USA",
        "co-organized by",
        id="passive-by-agent-list",
    ),
    pytest.param(
        "Germany, the United States and the United Kingdom will host a conference on Xinjiang "
        "via video on December 12.",
        "Germany",
        "government",
        "DEU",
        "will host",
        id="list-subject-first-named",
    ),
    pytest.param(
        "Survivors of China's so-called reeducation camps went on a hunger strike last week "
        'outside the White House and accused Beijing of causing "ongoing forced starvation" of '
        "Uyghurs.",
        "Survivors of China's reeducation camps",
        "public",
        "",
        "accused",
        id="accused-subject-not-place",
    ),
    pytest.param(
        "A broad group of 43 countries at the United Nations has strongly condemned the Chinese "
        "government’s widespread human rights violations against Uyghurs.",
        "43 countries",
        "government",
        "",
        "condemned",
        id="group-of-N-countries",
    ),
    pytest.param(
        "International Human Rights Organizations: Concerned about Human Rights in Xinjiang "
        "Implementing Sanctions",
        "International Human Rights Organizations",
        "ngo",
        "",
        ":",
        id="headline-X-colon",
    ),
    pytest.param(
        "The Communist Party claimed that it was a “politically motivated” event and asked "
        "member states not to attend such events.",
        "Communist Party",
        "government",
        "",
        "claimed",
        id="unknown-party-typed-by-suffix",
    ),
    pytest.param(
        "On March 23, the governments of Australia and New Zealand also issued a joint statement "
        "supporting the sanctions.",
        "Australia",
        "government",
        "AUS",
        "issued",
        id="governments-of-X-and-Y",
    ),
    pytest.param(
        "The draft resolution presented Monday included the backing of Britain, Canada, Sweden, "
        "Denmark, Finland, Iceland and Norway.",
        "United Kingdom",
        "government",
        "GBR",
        "backing of",
        id="nominal-backing-of",
    ),
    pytest.param(
        "Two U.S. lawmakers, Republican Congressman Chris Smith and Democratic Congressman Tom "
        "Suozzi, introduced legislation Friday urging the U.S. government to sponsor a "
        "resolution.",
        "Chris Smith",
        "legislature",
        "USA",
        "introduced",
        id="two-lawmakers-first-named",
    ),
    pytest.param(
        "China didn’t say who endorsed its statement but it’s typically a rogue’s gallery of "
        "mostly rights-abusing governments.",
        "Human Rights Watch",
        "ngo",
        "",
        "",
        id="negated-cue-publisher-voice",
    ),
]


@pytest.mark.parametrize(("text", "actor", "actor_type", "country", "cue"), CASES)
def test_real_attribution_cases(
    text: str, actor: str, actor_type: str, country: str, cue: str
) -> None:
    voice = "Human Rights Watch" if "rogue" in text else None
    a = last_actor(text, voice)
    assert (a.actor.casefold(), a.actor_type, a.country, a.cue) == (
        actor.casefold(),
        actor_type,
        country,
        cue,
    )
    if a.actor_start is not None:  # the evidence span names the actor as written
        span = set(text[a.actor_start : a.actor_end].casefold().split())
        assert span & set(actor.casefold().split()) or span & {"britain", "wang"}


# The document's voice: a spokesperson's answers, a state's speech, a journalist's question.
VOICE_CASES = [
    pytest.param(
        "A: What the US said is pure rumor and slander.",
        "Geng Shuang",
        ("Geng Shuang", "government", "CHN"),
        id="answer-reports-US-stays-speaker",
    ),
    pytest.param(
        "We call on the international community to hold the occupying Power accountable for its "
        "crimes.",
        "PSE",
        ("Palestine", "government", "PSE"),
        id="speech-we-iso3-voice",
    ),
    pytest.param(
        "Q: The US State Department yesterday said it wishes to reduce Iran's oil exports to zero. "
        "What's your comment?\nA: China firmly opposes unilateral sanctions.",
        "Geng Shuang",
        ("Geng Shuang", "government", "CHN"),
        id="transcript-answer-turn",
    ),
    pytest.param(
        "A: China firmly opposes unilateral sanctions.\nQ: The US State Department yesterday "
        "said it wishes to reduce Iran's oil exports to zero.",
        "Geng Shuang",
        ("US Department of State", "government", "USA"),
        id="transcript-question-turn",
    ),
    pytest.param(
        "As I said yesterday, State Councilor and Foreign Minister Wang Yi clarified that the "
        "Australian side must first of all address the concerns.",
        "Lu Kang",
        ("Wang Yi", "government", "CHN"),
        id="answer-quotes-minister",
    ),
]


@pytest.mark.parametrize(("text", "voice", "expected"), VOICE_CASES)
def test_voice_cases(text: str, voice: str, expected: tuple[str, str, str]) -> None:
    a = last_actor(text, voice)
    assert (a.actor, a.actor_type, a.country) == expected


@pytest.mark.parametrize(
    ("context", "name", "expected"),
    [
        ("French Ambassador", "Nicolas de Rivière", ("government", "FRA")),
        ("Malaysian Prime Minister", "Mahathir Mohamad", ("government", "MYS")),
        ("Republican Congressman", "Chris Smith", ("legislature", "")),
        (
            "executive director of the Washington-based Uyghur Human Rights Project",
            "Omer Kanat",
            ("ngo", ""),
        ),
        ("a reporter of the New York Times", "Jane Roe", ("media", "USA")),
        ("", "Committee for Free Tibet", ("legislature", "")),
        # A state's office, as the voice of a president's site gives it (news dataset).
        ("", "President of Russia", ("government", "RUS")),
        ("", "President of Kenya", ("government", "KEN")),
        ("", "Director of the Institute", ("ngo", "")),
    ],
)
def test_unknown_names_are_typed_from_their_words(
    context: str, name: str, expected: tuple[str, str]
) -> None:
    # Without any entry that came from the annotated data: the rules alone.
    gaz = default_gazetteer().exclude_sources(*DATA_SOURCES)
    assert gaz.lookup(name) is None
    a = resolve_actor(name, gaz, context=context)
    assert (a.type, a.country) == expected


def test_neutral_text_without_actor() -> None:
    assert last_actor("The weather in Geneva was mild on Monday.") == NO_ACTOR


@pytest.mark.parametrize(
    ("phrase", "group"),
    [
        ("43 countries", True),
        ("More than 60 Uyghur organizations", True),
        ("Rights groups", True),
        ("Human Rights Watch", False),
        ("Wang Wenbin", False),
    ],
)
def test_group_phrases(phrase: str, group: bool) -> None:
    assert is_group_phrase(phrase) is group


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *list("aAbBcC .,;:!?\"“”‘’'()-\n"),
                "said",
                "Wang",
                "He",
                "the group",
                "according to",
                "Human Rights Watch",
                "Q:",
                "A:",
                "by",
                "urged",
            ]
        ),
        max_size=120,
    ).map("".join),
    st.sampled_from([None, "Geng Shuang", "Human Rights Watch", "PSE"]),
)
def test_any_text_attributes_every_segment_within_the_text(text: str, voice: str | None) -> None:
    segments = segment(text)
    gaz = default_gazetteer()
    found = attribute(text, segments, voice=resolve_actor(voice, gaz) if voice else None)
    assert len(found) == len(segments)
    for a in found:
        assert a.actor_type in ACTOR_TYPES
        if a.actor_start is not None:
            assert a.actor_end is not None and 0 <= a.actor_start < a.actor_end <= len(text)


def test_attribution_is_linear_in_the_number_of_sentences() -> None:
    # Not a timing test: the work per sentence must not depend on how many came before,
    # which the number of regex passes shows. Same article, 1x and 8x.
    text = (ROOT / "seeds" / "001_d7af28c71d14d5c4.txt").read_text(encoding="utf-8")
    one = attribute(text, segment(text))
    eight = attribute("\n\n".join([text] * 8), segment("\n\n".join([text] * 8)))
    assert len(eight) == 8 * len(one)


@pytest.mark.parametrize(
    ("dataset", "floor"),
    [("seeds", 0.85), ("extended", 0.85)],
)
def test_attribution_quality_on_the_test_splits(dataset: str, floor: float) -> None:
    # Regression guard, deterministic; the benchmark reports the figures with intervals.
    r = evaluate_attribution(dataset, "test")
    assert r["actor_type_accuracy"] >= floor and r["country_accuracy"] >= floor
    assert r["n"] == {"seeds": 44, "extended": 472}[dataset]


# --- the fast forms of the attribution patterns find what the plain forms find ----------------

from stance.attribution import lexicon, mentions, patterns  # noqa: E402


def test_lower_apart_holds_every_character_ignorecase_and_lower_disagree_on() -> None:
    # _may_hold tests a lower-cased copy for words that re.IGNORECASE would find. That is exact
    # except for characters matching an ASCII letter under IGNORECASE that lower() does not turn
    # into it; _LOWER_APART must hold all of them (then the search always runs).
    letter = re.compile("[a-z]", re.IGNORECASE)
    apart = {
        ch
        for ch in map(chr, range(0x110000))
        if letter.fullmatch(ch) and not (len(ch.lower()) == 1 and "a" <= ch.lower() <= "z")
    }
    assert apart and all(patterns.LOWER_APART.fullmatch(ch) for ch in apart)


_GATED = [
    (patterns.STATE_BODY, lexicon.STATE_BODY_NOUNS, True),
    (patterns.BODY_OF, lexicon.BODY_OF_NOUNS, True),
    (patterns.ACCORDING, patterns.ACCORDING_WORDS, True),
    (patterns.GROUP_HEAD, lexicon.GROUP_NOUNS, False),
]
_PIECES = st.sampled_from(
    [
        *sorted({w for _, words, _ in _GATED for w in words}),
        *["the", "of", "The", "OF", "U.S.", "Chinese", "by", "said", "to", "in", "words", "as"],
        *["the leaders of", "Foreign\nMinisters  of", "people of the", "U.S. officials"],
        *["as stated by", "AS SAID BY", "according to", "Chinese delegation"],
        *["\u0130", "\u0131", "\u017f", "\u212a", "É", "ß", " ", "\n", "\t", ",", "-", "’", "x"],
    ]
)


def _scramble_case(text: str, flips: list[bool]) -> str:
    flips = flips + [False] * len(text)
    return "".join(c.upper() if f else c for c, f in zip(text, flips[: len(text)], strict=True))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.lists(st.booleans(), max_size=80), st.text(max_size=20))
def test_a_skipped_search_would_have_found_nothing(pieces, flips, noise) -> None:
    text = _scramble_case(" ".join(pieces), flips) + noise
    for pattern, words, ignore_case in _GATED:
        checked = patterns.lowered(text) if ignore_case else text
        if pattern.search(text):
            assert patterns.may_hold(checked, words), (pattern.pattern[:40], text)


# The plain forms of the capitalised-word patterns, as first written: a look-behind, then a word.
_PLAIN_SINGLE_CAP = re.compile(rf"(?<![\w’'.\-]){patterns.CAP_WORD}")
_PLAIN_RUN = re.compile(
    rf"(?<![\w’'.\-]){patterns.CAP_WORD}"
    rf"(?:(?:[ ]|\s*-\s*|\s+(?:{patterns.CONNECTOR}\s+)+){patterns.CAP_WORD})*"
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"AaBbZzÀÉÞßéx.-’'_ \n1", "of ", "U.S. ", "de ", "Mr. ", "Human Rights"]),
        max_size=30,
    ).map("".join)
)
def test_capitalised_word_patterns_match_their_plain_forms(text: str) -> None:
    for fast, plain in (
        (patterns.SINGLE_CAP, _PLAIN_SINGLE_CAP),
        (patterns.RUN, _PLAIN_RUN),
    ):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


_PLAIN_SINGLE_OPEN = re.compile(r"(?<![\w'’])['‘](?=[A-Z])")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*"'‘’aA1 _.\n", "’s", "'Hello"]), max_size=30).map("".join))
def test_single_quote_opening_matches_its_plain_form(text: str) -> None:
    fast = patterns.SINGLE_OPEN
    assert [m.span() for m in fast.finditer(text)] == [
        m.span() for m in _PLAIN_SINGLE_OPEN.finditer(text)
    ]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"AaBbZzÀÉÞßéx.-’'_ \n1\t", "of ", "U.S. ", "U. ", "Mr. ", "Human Rights"]
        ),
        max_size=30,
    ).map("".join)
)
def test_capitalised_runs_split_into_the_words_word_finds(text: str) -> None:
    # One-word runs skip the second search: their word spans must be those _WORD finds.
    for run in patterns.RUN.finditer(text):
        words = [m.span() for m in patterns.WORD.finditer(text, *run.span())]
        expected = (words[0][0], words[-1][1], words) if words else None
        found = [r for r in mentions.capitalised_runs(text) if r[0] >= run.start()]
        if expected is not None:
            assert found and found[0] == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["leader", "leaders", "of", "minister", "foreign ministers", "x"]),
        max_size=8,
    ).map(" ".join)
)
def test_gate_words_say_what_all_the_words_say(text: str) -> None:
    for words in (
        lexicon.STATE_BODY_NOUNS,
        lexicon.BODY_OF_NOUNS,
        lexicon.GROUP_NOUNS,
        patterns.ACCORDING_WORDS,
        ("leaders", "leader", "foreign minister", "minister"),
    ):
        gate = patterns.gate_words(words)
        assert set(gate) <= set(words)
        assert patterns.may_hold(text, gate) == patterns.may_hold(text, words)


_DOC_PIECES = st.sampled_from(
    [
        *["Chinese officials", "the leaders of", "Rights groups", "UN member states", "İ", "ſ"],
        *["The government of Canada said", "U.S. lawmakers", "OFFİCİALS", "officials", "K"],
        *["Wang Wenbin", "Σ", "said.", "\n\n", ". ", "Activists", "the people of Xinjiang"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DOC_PIECES, min_size=1, max_size=14).map(" ".join))
def test_document_gates_find_the_mentions_all_the_words_find(text: str) -> None:
    # A sentence is tested only for the gate words its document holds: the same mentions.
    from stance.segmentation import segment

    gaz = default_gazetteer()
    gates = mentions.Gates.of(text)
    for seg in segment(text):
        sentence = text[seg.start : seg.end]
        assert mentions.sentence_mentions(
            sentence, seg.start, gaz, gates
        ) == mentions.sentence_mentions(sentence, seg.start, gaz)
