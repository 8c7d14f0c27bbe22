"""The patterns attribution searches with, and the cheap tests that let it skip a search.

Built from the word tables of :mod:`.lexicon` and from short closed grammatical sets
(prepositions, pronouns, negations) written here. Several patterns have a fast form that finds
what a plain form would (a look-behind moved after the first character, heads found before
their modifiers); the tests compare each fast form with its plain form.
"""

from __future__ import annotations

import re

from .lexicon import (
    BODY_OF_NOUNS,
    GROUP_MODIFIERS,
    GROUP_NOUNS,
    POSITION_CUES,
    SPEECH_CUES,
    STATE_BODY_NOUNS,
)


def trie_pattern(words: list[str]) -> str:
    """One regex for a list of phrases, factored by common prefixes: the engine then tries a
    handful of branches at each word instead of every phrase (a large alternation of plain
    words is otherwise the slowest thing in a sentence)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            body = "(?:" + body + ")?" if len(branches) > 1 else f"(?:{body})?"
        return body

    return emit(trie)


CUE = re.compile(r"\b(?=[a-z])" + trie_pattern([*POSITION_CUES, *SPEECH_CUES]) + r"\b")
SPEECH_CUE = re.compile(rf"\b(?:{'|'.join(SPEECH_CUES)})\b")
ACCORDING = re.compile(r"\b(?:according to|in the words of|as (?:stated|noted|said) by)\s+", re.I)
# Literal text that every match of a pattern holds (in lower case): a cheap test first lets the
# search be skipped on the many sentences that cannot match (see may_hold).
ACCORDING_WORDS = ("according to", "in the words of", "stated by", "noted by", "said by")
# The only characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not
# turn into it: "İ" (to "i̇"), "ı" (matches i), "ſ" (matches s). Checked by a test over all of
# Unicode.
LOWER_APART = re.compile("[\u0130\u0131\u017f]")


def lowered(text: str) -> str | None:
    """``text`` in lower case, to test for words as re.IGNORECASE would find them; None when it
    holds a character for which that does not work (then every test must say yes)."""
    if text.isascii():  # a flag of the string, so free: most sentences need no search
        return text.lower()
    return None if LOWER_APART.search(text) else text.lower()


def may_hold(text: str | None, words: tuple[str, ...]) -> bool:
    """False only if ``text`` holds none of ``words``. A pattern every match of which contains
    one of ``words`` need not be searched when this is False: the search is skipped, never
    changed. Pass the text itself for a case-sensitive pattern, :func:`lowered` for a
    case-insensitive one (``words`` in lower case)."""
    if text is None:
        return True
    for word in words:  # a loop, not any(...): this runs several times per sentence
        if word in text:
            return True
    return False


def gate_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` without those that contain another of them ("governments" holds "government"):
    :func:`may_hold` says the same with fewer tests.

    Examples
    --------
    >>> gate_words(("leaders", "leader", "foreign minister", "minister"))
    ('leader', 'minister')
    """
    return tuple(w for w in words if not any(v != w and v in w for v in words))


ACCORDING_GATE = gate_words(ACCORDING_WORDS)


BY_AGENT = re.compile(
    r"\b(?:condemned|criticized|criticised|initiated|organized|organised|co-organized|"
    r"co-organised|hosted|sponsored|co-sponsored|supported|backed|endorsed|signed|issued|"
    r"read out|delivered|raised|published|released|documented|denied|rejected|opposed|"
    r"called for|demanded|proposed|led|presented|submitted|tabled|announced|imposed)"
    r"\s+by\s+"
    # nominal: "the backing of Britain", "with the support of 40 states"
    r"|\b(?:backing|support|sponsorship|co-sponsorship|endorsement|signatures?)\s+(?:of|from)\s+"
)
STATEMENT_NOUNS = (
    r"statement|declaration|letter|report|resolution|assessment|release|motion|bill|"
    r"legislation|notice|announcement|appeal|petition|joint statement|recommendations?|"
    r"document|study|analysis|findings|investigation"
)
DOC_ANAPHOR = re.compile(rf"^(?:the|this|that|its|their|his|her)\s+(?:{STATEMENT_NOUNS})\b", re.I)

# Phrases naming a group that holds a position: "43 countries", "Rights groups", "twelve UN
# human rights experts", "Western governments". Modifiers come from a closed list (or are
# capitalised) so that a verb before the noun ("urged governments") is never swallowed.
GROUP_MODIFIER = r"(?:(?i:" + "|".join(GROUP_MODIFIERS) + r")|\d+|[A-Z][\w.-]+)"
GROUP_HEAD_GATE = gate_words(GROUP_NOUNS)
GROUP_HEADS = rf"(?P<head>{'|'.join(GROUP_NOUNS)})\b"
GROUP = re.compile(rf"(?:(?:{GROUP_MODIFIER})\s+){{0,4}}" + GROUP_HEADS)
# The same, found fast: heads first (rare), then their modifiers in a short window before.
GROUP_HEAD = re.compile(GROUP_HEADS)
GROUP_MODIFIERS_BEFORE = re.compile(rf"(?:\b(?:{GROUP_MODIFIER})\s+){{0,4}}$")


def find_groups(
    sentence: str, gate: tuple[str, ...] = GROUP_HEAD_GATE
) -> list[tuple[int, int, str]]:
    """(start, end, head) of every group phrase, as ``GROUP.finditer`` would find them.
    ``gate``: the head words that may be there (:class:`.mentions.Gates`)."""
    out: list[tuple[int, int, str]] = []
    if not may_hold(sentence, gate):
        return out
    for h in GROUP_HEAD.finditer(sentence):
        window = max(0, h.start() - 80, out[-1][1] if out else 0)
        m = GROUP_MODIFIERS_BEFORE.search(sentence, window, h.start())
        start = m.start() if m else h.start()
        out.append((start, h.end(), h.group("head")))
    return out


# "Chinese delegation", "French Ambassador", "US officials": a state's body or official.
STATE_BODY_GATE = gate_words(STATE_BODY_NOUNS)
STATE_BODY = re.compile(
    r"\b(?P<dem>[A-Z][\w.]*[\w]|U\.S\.)\s+(?P<noun>(?i:" + "|".join(STATE_BODY_NOUNS) + r"))\b"
)
# "the governments of Australia and New Zealand", "the foreign ministers of France": the state.
BODY_OF_GATE = gate_words(BODY_OF_NOUNS)
BODY_OF = re.compile(
    r"\b(?:the\s+)?(?:" + "|".join(BODY_OF_NOUNS).replace(" ", r"\s+") + r")\s+of\s+(?:the\s+)?",
    re.I,
)
PRONOUN = re.compile(
    r"\b(?P<p>he|she|they|we|i|the (?:group|groups|organi[sz]ation|organi[sz]ations|"
    r"spokesperson|spokesman|spokeswoman|ministry|embassy|ambassador|minister|diplomat|"
    r"official|officials|lawmaker|lawmakers|congressman|senator|rights group|watchdog|"
    r"coalition|countries|governments|commissioner|high commissioner|secretary-general|"
    r"president|director|researcher|activist|activists|council|committee|agency|"
    r"government|delegation|envoy|newspaper|outlet|paper))\b",
    re.I,
)
WORD = re.compile(r"[A-Z]\.(?=\s[A-Z])|[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][\w’'\-.]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]")
TURN = re.compile(r"^\s*(?P<who>Q|A|Question|Answer|Follow-up)\s*:", re.I)


CAP_WORD = r"(?:[A-Z]\.(?=\s[A-Z])|[A-ZÀ-ÖØ-Þ][\w’'\-.]*[\w]|[A-ZÀ-ÖØ-Þ])"
CONNECTOR = r"(?:of|for|on|de|del|da|van|von|bin|al|la|le|the|at|in|to)"
# A run of capitalised words, with connectors inside names ("Service for Human Rights",
# "Nicolas de Rivière"); found by one regex, then split into words.
# The first word of a run, written to begin with its capital letter rather than with the
# look-behind "(?<![\w’'.\-])" that precedes it: a pattern that opens on a character class lets
# the regex engine skip straight to the capitals, three times faster here; what it matches is
# the same (a test compares the two forms).
FIRST_CAP_WORD = r"[A-ZÀ-ÖØ-Þ](?<![\w’'.\-].)(?:(?<=[A-Z])\.(?=\s[A-Z])|[\w’'\-.]*[\w]|)"
RUN = re.compile(rf"{FIRST_CAP_WORD}(?:(?:[ ]|\s*-\s*|\s+(?:{CONNECTOR}\s+)+){CAP_WORD})*")


HAS_SPACE = re.compile(r"\s")


SINGLE_CAP = re.compile(FIRST_CAP_WORD)  # = (?<![\w’'.\-]){CAP_WORD}, found faster


# An opening single quote: before a capital, not after a letter or apostrophe. Written with
# the quote first and the look-behind after it (the same as r"(?<![\w'’])['‘](?=[A-Z])"; a
# test compares them): a pattern that opens on a character class is found by a fast scan,
# one that opens on a look-behind is tried at every character of the document.
SINGLE_OPEN = re.compile(r"['‘](?<![\w'’].)(?=[A-Z])")
SINGLE_CLOSE = re.compile(r"[,.!?;]['’](?=\s|$)")


def tail(text: str, at: int, width: int = 48) -> str:
    """The few words before ``at``: patterns anchored at their end need no more, and
    searching the whole prefix would make a long sentence cost its length squared."""
    return text[max(0, at - width) : at]


INVERTIBLE = re.compile(
    r"said|says|added|adds|wrote|writes|tweeted|stated|noted|stressed|declared|insisted|"
    r"argued|explained|warned|continued|concluded|asked|remarked|recalled"
)
INTRODUCES = re.compile(r"\s*(?:that\b|:|,|\"|“|‘|'|$)|\s+\w+(?:\s+\w+)?\s+that\b")
INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+(?:\w+ly\s+)?$")
PREPOSITION = re.compile(
    r"\b(?:at|in|to|from|with|of|on|for|against|toward|towards|about|over|into|by|under|"
    r"between|among|amid|after|before|like|including|than|outside|inside|near|across|"
    r"behind|beyond|around|through|via|within|during|since|until|throughout|upon)"
    r"\s+(?:the\s+)?$",
    re.I,
)


GROUP_OF = re.compile(
    r"\b(?:group|coalition|number|majority|total|bloc|alliance|dozens|hundreds|some|many|"
    r"most|all|several|each|one|two|three)\s+of\s+(?:the\s+)?$",
    re.I,
)


HEADLINE = re.compile(r"^([^:]{2,60}):\s")


NEGATED = re.compile(
    r"(?:n't|n’t|\bnot|\bnever|\brefused to|\bfailed to)\s+(?:\w+\s+)?$"
    # not a verb here: "of alleged abuses", "the condemned man"
    r"|\b(?:the|a|an|of|its|their|his|her|our|these|those|such)\s+$"
)
