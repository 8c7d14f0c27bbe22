"""Segmentation: a table of real cases from the seed articles, and properties for any text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stance.segmentation import clean_inline, is_furniture, segment, sentence_tokenizer

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def texts(doc: str) -> list[str]:
    return [s.text for s in segment(doc)]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        pytest.param(
            "Rights groups urge other countries to follow the lead of the U.S. and several other "
            "Western countries that are asking the United Nations Human Rights Council to hold a "
            "debate.",
            1,
            id="U.S.-mid-sentence",
        ),
        pytest.param(
            "FILE - Residents line up inside the Artux City Vocational Skills Education Training "
            "Service Center in western China's Xinjiang region, Dec. 3, 2018.",
            1,
            id="Dec.-in-dateline",
        ),
        pytest.param(
            "In a joint statement, the groups said they will continue to push for further action "
            "following last month's U.N. assessment on China's treatment of Uyghurs in Xinjiang. "
            'The report concluded that Beijing may have committed "crimes against humanity".',
            2,
            id="U.N.-before-lowercase",
        ),
        pytest.param(
            '"The first concrete step done immediately is to file a resolution. We have only a '
            'few days to get that done at the U.N.," Smith told VOA. "And even that\'s not '
            'enough."',
            3,
            id="quote-over-two-sentences",
        ),
        pytest.param(
            '"They blatantly apply double standard. This has poisoned the atmosphere," Wang said.',
            2,
            id="straight-quotes",
        ),
        pytest.param(
            "the State Department characterized it as \u201cgenocide.\u201d Canada\u2019s House "
            "of Commons agreed.",
            2,
            id="curly-quote-after-period",
        ),
        pytest.param(
            "'States at the Human Rights Council need to speak out collectively and insist on a "
            "full independent investigation.' Fisher said so.",
            2,
            id="single-quotes",
        ),
        pytest.param(
            "Mr. Wang met Dr. Li at St. Paul's on Sept. 3 under resolution No. 5 of the E.U. and "
            "the U.K. government.",
            1,
            id="abbreviations",
        ),
        pytest.param(
            "'Any visit must include unfettered access,' said Sarah M. Brooks, advocate at ISHR.",
            1,
            id="initial",
        ),
        pytest.param(
            "Beijing's response\n\nOn Tuesday, Wang spoke. He added more.",
            3,
            id="heading-stands-alone",
        ),
        pytest.param(
            "He said no. Then he left. See Art. 2 and pp. 4-5.", 3, id="no-at-sentence-end"
        ),
        pytest.param("", 0, id="empty"),
        pytest.param("   \n\t\n  ", 0, id="whitespace-only"),
    ],
)
def test_sentence_count(doc: str, expected: int) -> None:
    assert len(segment(doc)) == expected


def test_quote_keeps_closing_quote_with_its_sentence() -> None:
    doc = 'as \u201cgenocide.\u201d Canada agreed. "We hope," Liu wrote. "Stop it."'
    assert texts(doc) == [
        "as \u201cgenocide.\u201d",
        "Canada agreed.",
        '"We hope," Liu wrote.',
        '"Stop it."',
    ]


def test_heading_kind_and_text() -> None:
    segs = segment("Beijing's response\nOn Tuesday, Wang spoke.")
    assert [(s.text, s.kind) for s in segs] == [
        ("Beijing's response", "heading"),
        ("On Tuesday, Wang spoke.", "sentence"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Accessibility links",
        "Skip to main content",
        "Breaking News",
        "Recent Comments",
        "Region / Country",
        "12.03.2020",
        "□□□□□□□□",
        "For more information, please contact:",
        "For ISHR, in Geneva, Sarah Brooks (English, French): +41-786-597-337 (mobile); or "
        "s.brooks@ishr.ch. Twitter: @sarahmcneer",
        "Photo credit: 'Areya Road', Flickr/David Stanley, available here.",
        "Your tax deductible gift can help stop human rights violations and save lives.",
        "See more ISHR reporting on this issue, including our statements to the UN.",
        # Lines of real news pages and HRW releases (training documents of `news`).
        "Click to expand Image",
        "1 2 3 Next",
        "2019",
        "Video PlayerClose",
        "Issued at HKT 18:49",
        "Follow Ynetnews on Facebook and Twitter",
        "Stay informed about local news and weather in the D.C. area.",
        "Get the NBC4 Washington app for iOS or Android and pick your alerts.",
        "Hier die deutsche Ausgabe lesen / Lire la version en français / Lea la versión en español",
    ],
)
def test_furniture_is_dropped(line: str) -> None:
    assert is_furniture(clean_inline(line))
    assert segment(f"{line}\nThe Council should act.")[0].text == "The Council should act."


@pytest.mark.parametrize(
    "line",
    [
        "Beijing's response",
        "Commission of inquiry",
        "UN Xinjiang assessment",
        "China offered an invitation but no independent access.",
        "Issued a statement at 18:49, the ministry said the arrests were lawful.",
        "Follow-up: Will China take countermeasures?",
        "Next week the Council votes on the resolution.",
        "1989 Tiananmen Square crackdown",
    ],
)
def test_content_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_markdown_link_keeps_words_and_offsets_cover_the_markup() -> None:
    doc = "The [United Nations](#) Human Rights Council should act. See [China](#)."
    first, second = segment(doc)
    assert first.text == "The United Nations Human Rights Council should act."
    assert (
        doc[first.start : first.end] == "The [United Nations](#) Human Rights Council should act."
    )
    assert second.text == "See China."


def test_link_is_never_split() -> None:
    doc = "Read [the U.N. report. It says more](#) today."
    assert texts(doc) == ["Read the U.N. report. It says more today."]


def test_caption_credit_is_cut_and_repeated_caption_dropped() -> None:
    caption = "FILE - Residents line up in Artux, Dec. 3, 2018."
    doc = f"{caption} \u00a9 2018 AP Images\n{caption}\nThe council met."
    segs = segment(doc)
    assert [(s.text, s.kind) for s in segs] == [
        (caption, "caption"),
        ("The council met.", "sentence"),
    ]


def test_seed_article_offsets_slice_back() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        doc = path.read_text(encoding="utf-8")
        segs = segment(doc, doc=path.stem)
        assert segs, path
        for i, s in enumerate(segs):
            assert s.index == i and s.doc == path.stem
            assert clean_inline(doc[s.start : s.end]) == s.text


def test_no_nltk_data_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("nltk.download must never be called")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "path", [])
    sentence_tokenizer.cache_clear()
    assert texts("The U.N. met. It ended.") == ["The U.N. met.", "It ended."]


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="needs the document text as str"):
        segment(b"bytes")  # type: ignore[arg-type]


MARKUP = re.compile(r"[\[□■▪◻◼©]")
fragments = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(
            [
                "U.S. ",
                "Dec. 3. ",
                "Mr. ",
                " [the U.N.](#) ",
                "\u201cNo.\u201d ",
                "'Yes.' ",
                "\n",
                "\n\n",
                "□□",
                " \u00a9 2017 AP",
                "? ",
                "! ",
                ". ",
                "A. B. ",
            ]
        ),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), fragments))
def test_offsets_slice_back_for_any_text(doc: str) -> None:
    segs = segment(doc)
    previous_end = 0
    for i, s in enumerate(segs):
        assert s.index == i
        assert previous_end <= s.start < s.end <= len(doc)
        previous_end = s.end
        assert s.text and s.text == s.text.strip()
        assert clean_inline(doc[s.start : s.end]) == s.text
        if not MARKUP.search(doc):
            assert doc[s.start : s.end] == s.text
        assert not any(ch in s.text for ch in "\n\r\u2028\u2029\x85")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(), fragments), max_size=6, unique=True), st.randoms())
def test_paragraphs_are_independent_of_their_order(lines: list[str], rng) -> None:
    # Each line is segmented on its own, so shuffling the paragraphs only shuffles the output.
    lines = [ln for ln in lines if not re.search(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", ln)]
    cleaned = [clean_inline(ln).strip() for ln in lines]
    assume(len(set(cleaned)) == len(cleaned))  # a repeated line is dropped as layout
    shuffled = lines[:]
    rng.shuffle(shuffled)
    per_line = {ln: texts(ln) for ln in lines}
    assert texts("\n".join(shuffled)) == [t for ln in shuffled for t in per_line[ln]]


def _nltk_tokenizer():
    # nltk's own Punkt, its patterns run through nltk.redos, with the shipped parameters.
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from stance.segmentation import _parameters

    return PunktSentenceTokenizer(_parameters())


def _our_spans(text: str) -> list[tuple[int, int]]:
    # What segment() uses: our tokenizer unless the line has a character the engines class apart.
    from stance.segmentation import _engines_agree, _nltk_sentence_tokenizer

    tok = sentence_tokenizer() if _engines_agree(text) else _nltk_sentence_tokenizer()
    return list(tok.span_tokenize(text))


PUNKT_CASES = [
    "The U.N. report came out. Beijing rejected it.",
    "Mr. Wang said: “It is a lie.” The U.S. Senate voted 92-0.",
    "He left at 5 p.m. on Jan. 3... Then (quietly) returned! Did he? Yes.",
    "“Stop interfering,” said Hua Chunying. «Non» was the reply.",
    "Dr. A. B. Smith, Ph.D., spoke -- briefly. No. 10 said nothing.",
    "Numbers: 1.5, 2,000.00 and -3.2. Next sentence.",
    "?\x1f0",  # \x1f is whitespace to re only (found by hypothesis)
    "Cafe\u0301 society. Then x\u00b2 grew. Done.",  # a combining mark, a superscript
]


@pytest.mark.parametrize(
    "text", PUNKT_CASES + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
)
def test_punkt_with_stdlib_patterns_cuts_as_nltk_does(text: str) -> None:
    assert _our_spans(text) == list(_nltk_tokenizer().span_tokenize(text))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), fragments))
def test_punkt_with_stdlib_patterns_cuts_as_nltk_does_for_any_text(doc: str) -> None:
    assert _our_spans(doc) == list(_nltk_tokenizer().span_tokenize(doc))


@pytest.mark.parametrize(
    "context",
    ["said. He", "Mr. Wang", "U.S. officials", "No. 5", "2020. The", "e.g. the", "it? No"],
)
def test_remembered_break_decisions_are_punkts_own(context: str) -> None:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    tokenizer = sentence_tokenizer()
    plain = PunktSentenceTokenizer.text_contains_sentbreak(tokenizer, context)
    assert tokenizer.text_contains_sentbreak(context) == plain  # worked out, then remembered
    assert tokenizer._breaks[context] == plain
    assert tokenizer.text_contains_sentbreak(context) == plain  # and answered from memory


# --- furniture tests: the fast forms find what the plain forms find ------------------------

from stance import segmentation as _segmentation  # noqa: E402

_PLAIN_PHONE = re.compile(r"\+?\d[\d ()-]{7,}\d", re.IGNORECASE)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*"+0123456789 ()-a\n", "+41", "12 34"]), max_size=40).map("".join))
def test_phone_pattern_finds_what_its_plain_form_finds(text: str) -> None:
    fast = _segmentation._FURNITURE_PATTERNS[1][1]
    assert [m.span() for m in fast.finditer(text)] == [
        m.span() for m in _PLAIN_PHONE.finditer(text)
    ]


def test_casefolded_words_find_every_ignorecase_match_of_the_donation_pattern() -> None:
    # The donation pattern runs only on lines whose casefold holds "tax" or "donate" (every
    # match holds one of them). That is exact if no character but the letter itself and its
    # capital matches the letters of these words under re.IGNORECASE.
    for letter in set("taxdonate"):
        same = re.compile(letter, re.IGNORECASE)
        matching = {ch for ch in map(chr, range(0x110000)) if same.fullmatch(ch)}
        assert matching == {letter, letter.upper()}, letter


@pytest.mark.parametrize(
    "line",
    ["All gifts are Tax-Deductible.", "DONATE NOW", "Please donate now!", "tax deductible"],
)
def test_donation_lines_are_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "China-ROK cooperation mechanism ... held its first video conference.The Chinese "
            "side has released a readout.",
            [
                "China-ROK cooperation mechanism ... held its first video conference.",
                "The Chinese side has released a readout.",
            ],
            id="mfa-2020-03-13",
        ),
        pytest.param(
            "Officials have made this point very clear in recent remarks.As a member of the IMF, "
            "China supports the organization.",
            [
                "Officials have made this point very clear in recent remarks.",
                "As a member of the IMF, China supports the organization.",
            ],
            id="mfa-2018-10-15",
        ),
        pytest.param(
            "He said “we will win.”Then he left.",
            ["He said “we will win.”", "Then he left."],
            id="closing-quote-stays",
        ),
        pytest.param("The U.S.The U.N. met.", ["The U.S.The U.N. met."], id="initials"),
        pytest.param("Growth was 3.5 percent.", ["Growth was 3.5 percent."], id="decimal"),
        pytest.param("Mr.Wang spoke.", ["Mr.Wang spoke."], id="abbreviation"),
        pytest.param("Visit hrw.org.Thanks", ["Visit hrw.org.", "Thanks"], id="after-a-domain"),
        pytest.param("See hrw.org for more.", ["See hrw.org for more."], id="domain"),
    ],
)
def test_glued_sentences_split_where_punkt_splits_the_spaced_text(
    text: str, expected: list[str]
) -> None:
    segs = segment(text)
    assert [s.text for s in segs] == expected
    assert [text[s.start : s.end] for s in segs] == expected


def test_caption_button_is_dropped_and_the_caption_kept() -> None:
    doc = (
        "Click to expand Image People stand by a Muslim store that was looted by anti-balaka "
        "fighters in Guen, Central African Republic, April 15, 2014.\n\n(Bangui) – The court "
        "arrested a former leader, Human Rights Watch said today."
    )
    caption, lead = segment(doc)
    assert caption.kind == "caption" and caption.text.startswith("People stand by")
    assert doc[caption.start : caption.end] == caption.text
    assert lead.text.startswith("(Bangui)")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["itself.The ", "win.”Then ", "U.S.The ", "3.5 ", "Mr.Wang ", "He said. "]),
        max_size=12,
    ).map("".join)
)
def test_glued_offsets_slice_back(doc: str) -> None:
    previous_end = 0
    for s in segment(doc):
        assert previous_end <= s.start < s.end and doc[s.start : s.end] == s.text
        previous_end = s.end
