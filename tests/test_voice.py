"""Document voice, inferred: short cases written in the forms of real documents, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.attribution import attribute, infer_voice
from stance.attribution.voice import GENRES, VOICE_THRESHOLD
from stance.gazetteer import default_gazetteer
from stance.labelling import _prepare, label_many
from stance.results import RECORD_FIELDS, records_of
from stance.segmentation import segment


def voice_of(text: str):
    return infer_voice(text, segment(text))


# (text, actor name or None, genre, rule); each in the form of a document of its genre.
CASES = [
    pytest.param(
        "Click to expand Image Protesters in the capital. © 2024 AP Photo\n\n(Nairobi) – The "
        "authorities arbitrarily detained over a dozen activists ahead of the summit, Human "
        "Rights Watch said today. The government should release them.",
        "Human Rights Watch",
        "ngo_release",
        "release_lead",
        id="release-lead-said-today",
    ),
    pytest.param(
        "(Brussels) – The EU should safeguard the right to asylum, Human Rights Watch and more "
        "than 94 other organizations said in a statement released today.",
        "Human Rights Watch",
        "ngo_release",
        "release_lead",
        id="release-lead-statement-released-today",
    ),
    pytest.param(
        "(Bangkok) – Rohingya in northern Rakhine State face the gravest threats since 2017, "
        "Human Rights Watch said today.",
        "Human Rights Watch",
        "ngo_release",
        "release_lead",
        id="release-lead-place-before-comma-is-not-the-publisher",
    ),
    pytest.param(
        "(Athens) – The trial raises fair trial concerns, Amnesty International and Human "
        "Rights Watch said today.",
        "Amnesty International",
        "ngo_release",
        "release_lead",
        id="release-lead-two-publishers-first-named",
    ),
    pytest.param(
        "(Beirut) – Iranian authorities have arrested a student for his posts. The arrest "
        "violates his rights, Human Rights Watch said.\n\nHe should be freed.",
        "Human Rights Watch",
        "ngo_release",
        "release_lead",
        id="dateline-lead-ending-said",
    ),
    pytest.param(
        "Dear Prime Minister,\n\nI write on behalf of Human Rights Watch to share our concerns "
        "about the new law. We urge you to repeal it.",
        "Human Rights Watch",
        "ngo_release",
        "self_reference",
        id="letter-on-behalf-of",
    ),
    pytest.param(
        "The court sentenced the filmmaker to life in prison. Human Rights Watch has documented "
        "the junta's persecution of the media since the coup.",
        "Human Rights Watch",
        "ngo_release",
        "self_reference",
        id="organisation-documents-its-own-research",
    ),
    pytest.param(
        "We, the undersigned organizations, call on your country to support the renewal of the "
        "mandate of the Special Rapporteur.\n\nSignatories:\n\nAmnesty International\n\nHuman "
        "Rights Watch\n",
        "Amnesty International",
        "ngo_release",
        "joint_statement",
        id="joint-statement-first-signatory",
    ),
    pytest.param(
        "We, the undersigned organizations, call on the Council to extend the mandate.",
        "Undersigned organizations",
        "ngo_release",
        "joint_statement",
        id="joint-statement-no-list",
    ),
    pytest.param(
        "Dear Minister,\n\nThe authorities should stop harassing journalists.\n\nSincerely,\n\n"
        "Jane Roe\n\nAdvocacy Director\n\nHuman Rights Watch",
        "Human Rights Watch",
        "ngo_release",
        "sign_off",
        id="letter-sign-off",
    ),
    pytest.param(
        "President of Russia Vladimir Putin: Mr President, ladies and gentlemen, it is a "
        "pleasure to welcome you to the Kremlin.",
        "Vladimir Putin",
        "transcript",
        "speaker_turn",
        id="kremlin-speaker-turn",
    ),
    pytest.param(
        "President of Ukraine Volodymyr Zelenskyy had a phone conversation with Prime Minister "
        "of the United Kingdom Boris Johnson. The President spoke about the situation.",
        "Volodymyr Zelenskyy",
        "government_statement",
        "office_lead",
        id="office-lead-readout",
    ),
    pytest.param(
        "At the request of the Federal Chancellor of Austria, the President of Russia gave an "
        "assessment of the situation. The leaders agreed to stay in touch.",
        "Vladimir Putin",  # the gazetteer knows who held the office then
        "government_statement",
        "readout",
        id="readout-office-as-subject",
    ),
    pytest.param(
        "We, the Presidents of Ukraine, the Republic of Lithuania and the Republic of Poland, "
        "express our strongest condemnation of the decision.",
        "Ukraine",
        "government_statement",
        "joint_statement",
        id="joint-statement-of-heads-of-state",
    ),
    pytest.param(
        "Ladies and gentlemen! Greetings from Ukraine! And thank you for the opportunity to "
        "address you. I took it as a recognition of what all of our people are doing.",
        "Ukraine",
        "speech",
        "speech",
        id="speech-greetings-from",
    ),
    pytest.param(
        "Mr. President, it is an honour for me to address the General Assembly. My country, "
        "Guyana, has responded generously to the influx of our neighbours. We thank our "
        "partners.",
        "Guyana",
        "speech",
        "speech",
        id="speech-my-country",
    ),
    pytest.param(
        "Q: Does the Chinese government have any comment on the report?\n\nA: We have noted "
        "the report. It is groundless.",
        None,
        "transcript",
        "interview",
        id="question-and-answer-turns",
    ),
    pytest.param(
        "GENEVA (Reuters) - Police detained ten protesters on Monday, Amnesty International "
        "said today.",
        None,
        "news_report",
        "news_dateline",
        id="wire-dateline-outweighs-quoted-release",
    ),
    pytest.param(
        "By Jane Doe and John Roe\n\nThe police arrested two activists on Friday, their lawyer "
        "said.",
        None,
        "news_report",
        "news_byline",
        id="news-byline",
    ),
    pytest.param(
        "The police arrested two activists on Friday, their lawyer said.",
        None,
        "news_report",
        "narration",
        id="plain-news-narration",
    ),
]


@pytest.mark.parametrize(("text", "actor", "genre", "rule"), CASES)
def test_infer_voice_cases(text: str, actor: str | None, genre: str, rule: str) -> None:
    found = voice_of(text)
    assert (found.actor.name if found.actor else None, found.genre, found.rule) == (
        actor,
        genre,
        rule,
    )
    if found.start is not None:
        assert text[found.start : found.end] == found.cue


def test_known_head_of_state_takes_the_state_of_the_office() -> None:
    found = voice_of("President of Ukraine Volodymyr Zelenskyy signed the decree on Friday.")
    assert (found.actor.type, found.actor.country) == ("government", "UKR")


def test_a_news_outlet_said_today_is_not_a_publisher() -> None:
    found = voice_of("China said today that the report is a lie, according to the ministry.")
    assert found.actor is None


def test_infer_voice_refuses_bytes() -> None:
    with pytest.raises(TypeError, match="needs the document text as str, got bytes"):
        infer_voice(b"Human Rights Watch said today.", ())  # type: ignore[arg-type]


PIECES = [*"abcdeHRWQA():–-,.!\n ", "Human Rights Watch", " said today", "President of ", "Russia"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join) | st.text(max_size=200))
def test_never_raises_and_evidence_slices_the_text(text: str) -> None:
    found = infer_voice(text, segment(text))
    assert found.genre in GENRES
    assert 0.0 <= found.confidence <= 1.0
    if found.start is None:
        assert found.end is None and found.cue == ""
    else:
        assert 0 <= found.start <= found.end <= len(text)
        assert text[found.start : found.end] == found.cue


RELEASE = (
    "(Geneva) – The authorities should free the jailed activists, Human Rights Watch said "
    "today. The authorities detained them without charge in March."
)


def test_labelling_uses_an_inferred_voice_and_reports_it() -> None:
    [doc] = label_many([("r", RELEASE)])
    assert (doc.voice.voice, doc.voice.source, doc.voice.genre) == (
        "Human Rights Watch",
        "inferred",
        "ngo_release",
    )
    assert doc.voice.confidence >= VOICE_THRESHOLD
    assert RELEASE[doc.voice.start : doc.voice.end] == "Human Rights Watch said today"
    records = records_of(doc)
    assert all(set(r) == set(RECORD_FIELDS) for r in records)
    assert {r["voice_source"] for r in records} == {"inferred"}


def test_a_given_publisher_overrides_the_inferred_voice() -> None:
    [doc] = label_many([("r", RELEASE)], publisher="Amnesty International")
    assert (doc.voice.voice, doc.voice.source, doc.voice.confidence) == (
        "Amnesty International",
        "given",
        None,
    )
    # The second sentence has no cue of its own: it goes to the voice attribution was given.
    _, given, _ = _prepare("r", RELEASE, "Amnesty International", default_gazetteer())
    _, inferred, _ = _prepare("r", RELEASE, None, default_gazetteer())
    assert (given[1].actor, given[1].rule) == ("Amnesty International", "voice")
    assert (inferred[1].actor, inferred[1].rule) == ("Human Rights Watch", "voice")


def test_no_voice_for_news_attributes_without_a_voice() -> None:
    text = "GENEVA (Reuters) - Police detained ten protesters on Monday. The city was calm."
    [doc] = label_many([("n", text)])
    assert (doc.voice.voice, doc.voice.source, doc.voice.genre) == ("", "none", "news_report")
    gaz = default_gazetteer()
    segments, found, _ = _prepare("n", text, None, gaz)
    # No voice is used; what was read (the genre) is only one more feature for the ranker.
    inferred = infer_voice(text, segments, gaz)
    assert found == attribute(text, segments, voice=None, inferred=inferred)
    assert "GENEVA" not in {a.actor for a in found}  # a dateline is no actor
