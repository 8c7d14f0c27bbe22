"""Actor attribution: who holds the position of each statement.

The rules read each sentence for a cue (a reporting verb or a verb of position such as "urged",
"condemned", "denied", "according to") and the actor mention that goes with it, then carry the
answer through the document: a quote that runs over several sentences keeps its speaker, "he",
"she", "the group" or "the spokesperson" resolve to the last fitting actor, and a sentence with
no cue of its own falls to the document's own voice (the publisher of a release, the
spokesperson answering, the state giving a speech) when one is known, else to the actor of the
sentences before it. Known actors come from the gazetteer; a name it does not know is typed
from its title ("Congressman", "spokesperson"), its apposition ("president of the World Uyghur
Congress"), a demonym ("French Ambassador ...") or an organisation suffix.

Everything is regular expressions over one sentence at a time plus a little state carried from
sentence to sentence, so the cost is linear in the length of the document and nothing beyond
the standard library is needed (no parser, no neural model).

Every :class:`Attribution` keeps its evidence: the cue, the character span of the actor mention
in the document (``None`` when the actor comes from metadata or was not named in the text) and
the rule that decided.

Examples
--------
>>> from stance.segmentation import segment
>>> text = ('"We will not stop," said Dolkun Isa, president of the World Uyghur Congress. '
...         'He added that the camps must close.')
>>> for a in attribute(text, segment(text)):
...     print(a.actor, a.actor_type, a.country or "-", a.cue, a.rule)
Dolkun Isa ngo - said quote
Dolkun Isa ngo - added pronoun
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .gazetteer import Actor, Gazetteer, default_gazetteer
from .segmentation import Segment

__all__ = [
    "NO_ACTOR",
    "Attribution",
    "attribute",
    "attribute_split",
    "evaluate_attribution",
    "is_group_phrase",
    "resolve_actor",
]


@dataclass(frozen=True)
class Attribution:
    """The actor of one statement and the evidence for it.

    Attributes
    ----------
    actor, actor_type, country : str
        Name, type (see ``stance.ACTOR_TYPES``) and ISO 3166-1 alpha-3 code ("" when none).
    cue : str
        The reporting verb or phrase that links the actor to the statement, as written ("" when
        the actor comes from the document's voice or from the sentences before).
    actor_start, actor_end : int or None
        Span of the actor mention in the document text, when the actor is named in it.
    rule : str
        Which rule decided: ``quote``, ``according_to``, ``by_agent``, ``cue``, ``pronoun``,
        ``headline``, ``voice``, ``context`` or ``none``.
    """

    actor: str
    actor_type: str
    country: str
    cue: str = ""
    actor_start: int | None = None
    actor_end: int | None = None
    rule: str = "none"


NO_ACTOR = Attribution("none", "none", "")

# --- word lists -------------------------------------------------------------------------------

# Verbs that report speech or writing. With a known voice (a spokesperson's answer, a state's
# speech) only these move the statement to someone else: "the US has accused China" in an
# answer is still the spokesperson's position about the US.
_SPEECH = (
    r"said|says|say|saying|told|tells|tell|telling|added|adds|stated|noted|stressed|"
    r"stresses|emphasized|emphasised|pointed out|wrote|writes|tweeted|posted|declared|declares|"
    r"announced|announces|reiterated|reiterates|affirmed|clarified|explained|remarked|"
    r"insisted|insists|argued|argues|claimed|asserted|asserts|maintained|maintains|"
    r"expressed|expresses|voiced|warned|warns|replied|responded|answered|"
    r"concluded|concludes|found|reported|believes|thinks|"
    r"rebuked|retorted|lamented|acknowledged|admitted|confirmed"
)
# Verbs (and phrases) of position and action: the actor takes a stance by doing them.
_POSITION = (
    r"urged|urges|urge|urging|called on|calls on|calling on|called for|calls for|"
    r"calling for|demanded|demanding|asked|asking|pressed|"
    r"pushed|pushing|condemned|condemns|condemn|condemning|denounced|denounces|"
    r"criticized|criticised|criticizes|criticises|accused|accuses|accusing|alleged|alleges|"
    r"denied|denies|deny|denying|rejected|rejects|reject|rejecting|dismissed|dismisses|"
    r"refuted|refutes|opposed|opposes|oppose|welcomed|welcomes|welcoming|praised|"
    r"commended|applauded|supported|supporting|backed|"
    r"endorsed|endorses|signed|joined|hosted|will host|"
    r"co-organized|co-organised|organized|organised|initiated|sponsored|co-sponsored|"
    r"introduced|passed|adopted|imposed|sanctioned|issued|released|"
    r"published|documented|characterized|characterised|deemed|described|"
    r"labelled|labeled|raised|raising|highlighted|highlighting|expressing|"
    r"threatened|threatens|vowed|slammed|blasted|hit out|protested|"
    r"discouraging|discouraged|appealed|delivered|read out|cited|cites|condemnation"
)


def _trie_pattern(words: list[str]) -> str:
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


_CUE = re.compile(r"\b(?=[a-z])" + _trie_pattern((_POSITION + "|" + _SPEECH).split("|")) + r"\b")
_SPEECH_CUE = re.compile(rf"\b(?:{_SPEECH})\b")
_ACCORDING = re.compile(r"\b(?:according to|in the words of|as (?:stated|noted|said) by)\s+", re.I)
# Literal text that every match of a pattern holds (in lower case): a cheap test first lets the
# search be skipped on the many sentences that cannot match (see _may_hold).
_ACCORDING_WORDS = ("according to", "in the words of", "stated by", "noted by", "said by")
# The only characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not
# turn into it: "İ" (to "i̇"), "ı" (matches i), "ſ" (matches s). Checked by a test over all of
# Unicode.
_LOWER_APART = re.compile("[\u0130\u0131\u017f]")


def _lowered(text: str) -> str | None:
    """``text`` in lower case, to test for words as re.IGNORECASE would find them; None when it
    holds a character for which that does not work (then every test must say yes)."""
    if text.isascii():  # a flag of the string, so free: most sentences need no search
        return text.lower()
    return None if _LOWER_APART.search(text) else text.lower()


def _may_hold(text: str | None, words: tuple[str, ...]) -> bool:
    """False only if ``text`` holds none of ``words``. A pattern every match of which contains
    one of ``words`` need not be searched when this is False: the search is skipped, never
    changed. Pass the text itself for a case-sensitive pattern, :func:`_lowered` for a
    case-insensitive one (``words`` in lower case)."""
    if text is None:
        return True
    for word in words:  # a loop, not any(...): this runs several times per sentence
        if word in text:
            return True
    return False


def _gate_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` without those that contain another of them ("governments" holds "government"):
    :func:`_may_hold` says the same with fewer tests.

    Examples
    --------
    >>> _gate_words(("leaders", "leader", "foreign minister", "minister"))
    ('leader', 'minister')
    """
    return tuple(w for w in words if not any(v != w and v in w for v in words))


_ACCORDING_GATE = _gate_words(_ACCORDING_WORDS)


_BY_AGENT = re.compile(
    r"\b(?:condemned|criticized|criticised|initiated|organized|organised|co-organized|"
    r"co-organised|hosted|sponsored|co-sponsored|supported|backed|endorsed|signed|issued|"
    r"read out|delivered|raised|published|released|documented|denied|rejected|opposed|"
    r"called for|demanded|proposed|led|presented|submitted|tabled|announced|imposed)"
    r"\s+by\s+"
    # nominal: "the backing of Britain", "with the support of 40 states"
    r"|\b(?:backing|support|sponsorship|co-sponsorship|endorsement|signatures?)\s+(?:of|from)\s+"
)
_STATEMENT_NOUNS = (
    r"statement|declaration|letter|report|resolution|assessment|release|motion|bill|"
    r"legislation|notice|announcement|appeal|petition|joint statement|recommendations?|"
    r"document|study|analysis|findings|investigation"
)
_DOC_ANAPHOR = re.compile(rf"^(?:the|this|that|its|their|his|her)\s+(?:{_STATEMENT_NOUNS})\b", re.I)

_TITLES = {
    # word: actor type it implies (None: the organisation decides)
    "spokesperson": "government",
    "spokesman": "government",
    "spokeswoman": "government",
    "ambassador": "government",
    "minister": "government",
    "diplomat": "government",
    "envoy": "government",
    "official": "government",
    "officials": "government",
    "president": None,
    "premier": "government",
    "chancellor": "government",
    "secretary": "government",
    "councilor": "government",
    "councillor": "government",
    "governor": "government",
    "mayor": "government",
    "consul": "government",
    "representative": None,
    "delegate": "government",
    "delegation": "government",
    "king": "government",
    "queen": "government",
    "prince": "government",
    "congressman": "legislature",
    "congresswoman": "legislature",
    "senator": "legislature",
    "lawmaker": "legislature",
    "lawmakers": "legislature",
    "legislator": "legislature",
    "mp": "legislature",
    "parliamentarian": "legislature",
    "speaker": "legislature",
    "rapporteur": "igo",
    "commissioner": None,
    "director": None,
    "chairman": None,
    "chairwoman": None,
    "chair": None,
    "head": None,
    "chief": None,
    "founder": None,
    "researcher": None,
    "advocate": None,
    "analyst": None,
    "campaigner": None,
    "activist": "public",
    "journalist": "media",
    "reporter": "media",
    "editor": "media",
    "correspondent": "media",
    "columnist": "media",
}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "madam"}
_ORG_SUFFIXES: tuple[tuple[str, str], ...] = (
    # (last word of an organisation's name, actor type) — checked on the name's words
    ("ministry", "government"),
    ("embassy", "government"),
    ("government", "government"),
    ("department", "government"),
    ("office", "government"),
    ("administration", "government"),
    ("consulate", "government"),
    ("mission", "government"),
    ("cabinet", "government"),
    ("police", "government"),
    ("army", "government"),
    ("military", "government"),
    ("delegation", "government"),
    ("authorities", "government"),
    ("party", "government"),
    ("parliament", "legislature"),
    ("congress", "legislature"),
    ("senate", "legislature"),
    ("assembly", "legislature"),
    ("house", "legislature"),
    ("commons", "legislature"),
    ("lords", "legislature"),
    ("legislature", "legislature"),
    ("committee", "legislature"),
    ("times", "media"),
    ("post", "media"),
    ("news", "media"),
    ("journal", "media"),
    ("agency", "media"),
    ("press", "media"),
    ("tribune", "media"),
    ("daily", "media"),
    ("herald", "media"),
    ("gazette", "media"),
    ("television", "media"),
    ("radio", "media"),
    ("watch", "ngo"),
    ("international", "ngo"),
    ("project", "ngo"),
    ("foundation", "ngo"),
    ("institute", "ngo"),
    ("association", "ngo"),
    ("society", "ngo"),
    ("network", "ngo"),
    ("coalition", "ngo"),
    ("alliance", "ngo"),
    ("centre", "ngo"),
    ("center", "ngo"),
    ("initiative", "ngo"),
    ("campaign", "ngo"),
    ("federation", "ngo"),
    ("union", "ngo"),
    ("council", "ngo"),
    ("commission", "ngo"),
    ("trust", "ngo"),
    ("group", "ngo"),
    ("organization", "ngo"),
    ("organisation", "ngo"),
    ("movement", "ngo"),
    ("league", "ngo"),
    ("club", "ngo"),
    ("forum", "ngo"),
    ("consortium", "ngo"),
    ("defenders", "ngo"),
)
_ORG_TYPES = dict(_ORG_SUFFIXES)
# Phrases naming a group that holds a position: "43 countries", "Rights groups", "twelve UN
# human rights experts", "Western governments". Modifiers come from a closed list (or are
# capitalised) so that a verb before the noun ("urged governments") is never swallowed.
_GROUP_MODIFIER = (
    r"(?:(?i:more than|over|nearly|almost|at least|some|several|many|dozens of|hundreds of|"
    r"other|a group of|a dozen|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"western|european|african|asian|arab|islamic|muslim|like-minded|democratic|developing|"
    r"concerned|member|international|local|foreign|overseas|diaspora|exiled|"
    r"human rights|rights|advocacy|activist|civil society|non-governmental|independent|"
    r"uyghur|uighur|tibetan)|\d+|[A-Z][\w.-]+)"
)
_GROUP_HEAD_WORDS = (
    "countries", "nations", "states", "governments", "member states",
    "groups", "organizations", "organisations", "activists", "advocates", "defenders",
    "protesters", "protestors", "demonstrators", "survivors", "critics", "lawmakers",
    "legislators", "senators", "diplomats", "officials", "experts", "international community",
    "NGOs", "campaigners", "Uyghurs", "Uighurs", "Tibetans", "Muslims", "residents", "citizens",
    "students", "scholars", "academics", "lawyers", "workers", "families", "relatives", "victims",
)  # fmt: skip
_GROUP_HEAD_GATE = _gate_words(_GROUP_HEAD_WORDS)
_GROUP_HEADS = rf"(?P<head>{'|'.join(_GROUP_HEAD_WORDS)})\b"
_GROUP = re.compile(rf"(?:(?:{_GROUP_MODIFIER})\s+){{0,4}}" + _GROUP_HEADS)
# The same, found fast: heads first (rare), then their modifiers in a short window before.
_GROUP_HEAD = re.compile(_GROUP_HEADS)
_GROUP_MODIFIERS_BEFORE = re.compile(rf"(?:\b(?:{_GROUP_MODIFIER})\s+){{0,4}}$")


def _groups(sentence: str, gate: tuple[str, ...] = _GROUP_HEAD_GATE) -> list[tuple[int, int, str]]:
    """(start, end, head) of every group phrase, as ``_GROUP.finditer`` would find them.
    ``gate``: the head words that may be there (:class:`_Gates`)."""
    out: list[tuple[int, int, str]] = []
    if not _may_hold(sentence, gate):
        return out
    for h in _GROUP_HEAD.finditer(sentence):
        window = max(0, h.start() - 80, out[-1][1] if out else 0)
        m = _GROUP_MODIFIERS_BEFORE.search(sentence, window, h.start())
        start = m.start() if m else h.start()
        out.append((start, h.end(), h.group("head")))
    return out


_GROUP_TYPES = {
    "countries": "government",
    "nations": "government",
    "states": "government",
    "governments": "government",
    "member states": "government",
    "officials": "government",
    "diplomats": "government",
    "international community": "government",
    "activists": "public",
    "protesters": "public",
    "protestors": "public",
    "demonstrators": "public",
    "survivors": "public",
    "critics": "public",
    "lawmakers": "legislature",
    "legislators": "legislature",
    "senators": "legislature",
    "experts": "igo",
    "campaigners": "public",
    "ngos": "ngo",
    "uyghurs": "public",
    "uighurs": "public",
    "tibetans": "public",
    "muslims": "public",
    "residents": "public",
    "citizens": "public",
    "students": "public",
    "scholars": "public",
    "academics": "public",
    "lawyers": "public",
    "workers": "public",
    "families": "public",
    "relatives": "public",
    "victims": "public",
}
# "Chinese delegation", "French Ambassador", "US officials": a state's body or official.
_STATE_BODY_NOUNS = (
    "delegation", "officials", "government", "authorities", "embassy", "mission", "diplomats",
    "diplomat", "side", "foreign ministry", "state media", "lawmakers", "leaders", "leader",
    "police", "military", "army", "spokesperson", "spokesman", "spokeswoman",
    "state department", "legislators", "parliament", "congress", "senate", "cabinet",
)  # fmt: skip
_STATE_BODY_GATE = _gate_words(_STATE_BODY_NOUNS)
_STATE_BODY = re.compile(
    r"\b(?P<dem>[A-Z][\w.]*[\w]|U\.S\.)\s+(?P<noun>(?i:" + "|".join(_STATE_BODY_NOUNS) + r"))\b"
)
_BODY_TYPES = {
    "state media": "media",
    "lawmakers": "legislature",
    "legislators": "legislature",
    "parliament": "legislature",
    "congress": "legislature",
    "senate": "legislature",
}
# "the governments of Australia and New Zealand", "the foreign ministers of France": the state.
_BODY_OF_NOUNS = (
    "governments", "government", "authorities", "leaders", "leader", "delegations",
    "delegation", "foreign ministers", "foreign minister", "ministers", "minister",
    "ambassadors", "ambassador", "parliaments", "parliament", "people",
)  # fmt: skip
_BODY_OF_GATE = _gate_words(_BODY_OF_NOUNS)
_BODY_OF = re.compile(
    r"\b(?:the\s+)?(?:" + "|".join(_BODY_OF_NOUNS).replace(" ", r"\s+") + r")\s+of\s+(?:the\s+)?",
    re.I,
)
_PRONOUN = re.compile(
    r"\b(?P<p>he|she|they|we|i|the (?:group|groups|organi[sz]ation|organi[sz]ations|"
    r"spokesperson|spokesman|spokeswoman|ministry|embassy|ambassador|minister|diplomat|"
    r"official|officials|lawmaker|lawmakers|congressman|senator|rights group|watchdog|"
    r"coalition|countries|governments|commissioner|high commissioner|secretary-general|"
    r"president|director|researcher|activist|activists|council|committee|agency|"
    r"government|delegation|envoy|newspaper|outlet|paper))\b",
    re.I,
)
_LEADING_STOP = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "however",
    "last",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "our",
    "its",
    "his",
    "her",
    "their",
    "if",
    "while",
    "when",
    "after",
    "before",
    "as",
    "according",
    "since",
    "for",
    "from",
    "to",
    "with",
    "by",
    "of",
    "meanwhile",
    "also",
    "then",
    "now",
    "yet",
    "still",
    "so",
    "both",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "q",
    "a:",
    "follow-up",
    "mr",
    "mrs",
    "ms",
    "first",
    "firstly",
    "second",
    "secondly",
    "third",
    "thirdly",
    "finally",
    "today",
    "yesterday",
    "recently",
    "earlier",
    "later",
    "file",
    "photo",
    "why",
    "what",
    "how",
    "who",
    "where",
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "can",
    "could",
    "will",
    "would",
    "should",
    "has",
    "have",
    "had",
    "not",
    "no",
    "yes",
    "all",
    "some",
    "many",
    "most",
    "every",
    "like",
    "even",
    "just",
    "only",
    "although",
    "though",
    "because",
    "despite",
    "during",
    "under",
    "over",
    "amid",
    "whether",
    "which",
    "there",
    "here",
    "such",
    "any",
    "each",
    "another",
    "other",
    "unlike",
    "regarding",
    "concerning",
    "besides",
    "instead",
    "thus",
    "hence",
    "therefore",
    "moreover",
    "furthermore",
    "indeed",
    "please",
    "thank",
    "thanks",
}
_RUN_OPENERS = frozenset(_LEADING_STOP | _HONORIFICS)  # dropped from the front of a run
# Capitalised words that do not occur in a person's name (policy areas, documents, places).
_NOT_NAME = {
    "policy",
    "affairs",
    "security",
    "law",
    "act",
    "day",
    "initiative",
    "road",
    "belt",
    "report",
    "rights",
    "human",
    "foreign",
    "national",
    "international",
    "state",
    "states",
    "united",
    "nations",
    "republic",
    "people's",
    "peoples",
    "region",
    "province",
    "city",
    "island",
    "islands",
    "sea",
    "strait",
    "china",
    "chinese",
    "xinjiang",
    "tibet",
    "hong",
    "kong",
    "taiwan",
    "general",
    "summit",
    "conference",
    "session",
    "resolution",
    "charter",
    "convention",
    "treaty",
    "agreement",
    "plan",
    "programme",
    "program",
    "agenda",
    "goals",
    "development",
    "covid-19",
    "coronavirus",
    "muslim",
    "muslims",
    "uyghur",
    "uyghurs",
    "uighur",
    "uighurs",
    "american",
    "americans",
    "european",
    "african",
    "asian",
}
_WORD = re.compile(r"[A-Z]\.(?=\s[A-Z])|[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][\w’'\-.]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]")
_TURN = re.compile(r"^\s*(?P<who>Q|A|Question|Answer|Follow-up)\s*:", re.I)


class _Mention(NamedTuple):  # a tuple: several are built for every sentence, so cheap
    start: int  # offsets into the document
    end: int
    actor: Actor
    kind: str  # "person", "org", "state", "group"


_STATE_SOURCES = {"un_member", "un_observer", "territory"}


def _state(gaz: Gazetteer, code: str) -> Actor | None:
    """The state entry of an ISO3 code (cached on the gazetteer)."""
    table = gaz.__dict__.get("_stance_states")
    if table is None:
        table = {a.country: a for a in gaz if a.source in _STATE_SOURCES and a.country}
        object.__setattr__(gaz, "_stance_states", table)
    return table.get(code)


# --- typing unknown names ---------------------------------------------------------------------


def _is_person_name(words: Sequence[str]) -> bool:
    if not 1 < len(words) <= 5:
        return False
    lowered = [w.casefold().strip(".") for w in words]
    if any(w in _ORG_TYPES or w in _TITLES or w in _NOT_NAME or w == "i" for w in lowered):
        return False
    return all(
        w[:1].isupper() or w in {"de", "van", "von", "bin", "al", "la", "le", "da"} for w in words
    ) and not all(w.isupper() for w in words)


def _kind_of(actor: Actor, gaz: Gazetteer) -> str:
    """ "state", "group", "person" or "org" (cached per gazetteer: known actors recur)."""
    cache = gaz.__dict__.get("_stance_kinds")
    if cache is None:
        cache = {}
        object.__setattr__(gaz, "_stance_kinds", cache)
    key = (actor.name, actor.type, actor.country)
    kind = cache.get(key)
    if kind is None:
        if actor.country and _state(gaz, actor.country) == actor:
            kind = "state"
        elif _GROUP.fullmatch(actor.name.casefold()) or actor.name[:1].isdigit():
            kind = "group"
        else:
            kind = "person" if _is_person_name(actor.name.split()) else "org"
        if len(cache) < 100_000:
            cache[key] = kind
    return kind


def _type_from_words(words: Sequence[str], gaz: Gazetteer) -> tuple[str | None, str]:
    """Type and country implied by titles, demonyms and organisation words in ``words``."""
    kind: str | None = None
    country = ""
    for word in words:
        w = word.casefold().strip(".,'’")
        if w.endswith("'s") or w.endswith("’s"):
            w = w[:-2]
        state = gaz.demonym(word.strip(".,")) or gaz.lookup(word.strip(".,'’s"))
        if state is not None and state.type == "government" and state.country:
            country = country or state.country
        if _TITLES.get(w):
            kind = _TITLES[w]
        elif w in _ORG_TYPES and kind is None:
            kind = _ORG_TYPES[w]
        if w in {"un", "u.n", "united nations"}:
            kind = kind or "igo"
    return kind, country


def resolve_actor(name: str, gazetteer: Gazetteer | None = None, context: str = "") -> Actor:
    """Type a name: from the gazetteer when it knows it, else from its words and ``context``.

    Parameters
    ----------
    name : str
        An actor name as written ("Geng Shuang", "the US Congress", "Malaysian Prime Minister
        Mahathir Mohamad") or an ISO 3166-1 alpha-3 code of a state ("PSE").
    gazetteer : Gazetteer, optional
        Defaults to the shipped gazetteer.
    context : str
        Words around the name (a title, an apposition) used when the gazetteer does not know it.

    Examples
    --------
    >>> a = resolve_actor("HRW")
    >>> a.name, a.type, a.country
    ('Human Rights Watch', 'ngo', '')
    >>> resolve_actor("PSE").name
    'Palestine'
    >>> a = resolve_actor("Jane Roe", context="Malaysian Foreign Ministry spokesperson")
    >>> a.type, a.country
    ('government', 'MYS')
    """
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    name = name.strip()
    if re.fullmatch(r"[A-Z]{3}", name) and _state(gaz, name) is not None:
        return _state(gaz, name)  # type: ignore[return-value]
    known = gaz.lookup(name)
    if known is not None:
        return known
    words = _WORD.findall(name)
    kind, country = _type_from_words(_WORD.findall(context) + words, gaz)
    # A person speaking for an organisation named in the context takes its type and country.
    orgs = [m.actor for m in gaz.find_mentions(context) if _kind_of(m.actor, gaz) != "state"]
    if orgs and _is_person_name(words):
        kind, country = orgs[-1].type, orgs[-1].country
    if kind is None:
        kind = "public" if _is_person_name(words) else "ngo"
    if kind in {"igo", "ngo", "public"} and not _WORD.findall(context):
        country = ""
    return Actor(name=_clean_name(name), type=kind, country=country)


def _clean_name(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip(" ,.;:"))
    return re.sub(r"(?:'s|’s)$", "", name)


# --- mentions in one sentence -----------------------------------------------------------------


_CAP_WORD = r"(?:[A-Z]\.(?=\s[A-Z])|[A-ZÀ-ÖØ-Þ][\w’'\-.]*[\w]|[A-ZÀ-ÖØ-Þ])"
_CONNECTOR = r"(?:of|for|on|de|del|da|van|von|bin|al|la|le|the|at|in|to)"
# A run of capitalised words, with connectors inside names ("Service for Human Rights",
# "Nicolas de Rivière"); found by one regex, then split into words.
# The first word of a run, written to begin with its capital letter rather than with the
# look-behind "(?<![\w’'.\-])" that precedes it: a pattern that opens on a character class lets
# the regex engine skip straight to the capitals, three times faster here; what it matches is
# the same (a test compares the two forms).
_FIRST_CAP_WORD = r"[A-ZÀ-ÖØ-Þ](?<![\w’'.\-].)(?:(?<=[A-Z])\.(?=\s[A-Z])|[\w’'\-.]*[\w]|)"
_RUN = re.compile(rf"{_FIRST_CAP_WORD}(?:(?:[ ]|\s*-\s*|\s+(?:{_CONNECTOR}\s+)+){_CAP_WORD})*")


_HAS_SPACE = re.compile(r"\s")


def _capitalised_runs(sentence: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Runs of capitalised words (with connectors such as "of the") and their word spans."""
    runs = []
    for run in _RUN.finditer(sentence):
        start, end = run.span()
        text = run.group()
        if text[-1] != "." and not _HAS_SPACE.search(text):
            # One capitalised word, which _WORD reads whole (most runs): no second search.
            runs.append((start, end, [(start, end)]))
            continue
        words = [(w.start(), w.end()) for w in _WORD.finditer(sentence, start, end)]
        if words:
            runs.append((words[0][0], words[-1][1], words))
    return runs


class _Gates(NamedTuple):
    """The words of each gate (see :func:`_may_hold`) that a document holds at all. A sentence
    is part of its document, so a word the document lacks is in none of its sentences: each
    sentence is then tested for these few words rather than for all of them."""

    groups: tuple[str, ...] = _GROUP_HEAD_GATE  # case-sensitive
    state_body: tuple[str, ...] = _STATE_BODY_GATE  # in lower case
    body_of: tuple[str, ...] = _BODY_OF_GATE  # in lower case

    @classmethod
    def of(cls, text: str) -> _Gates:
        # str.lower maps each character on its own (but for a final sigma, never an ASCII
        # letter), so the lower-cased document holds every ASCII word a lower-cased sentence of
        # it holds. Where lower-casing misses what re.IGNORECASE finds, every word stays.
        low = _lowered(text)
        if low is None:
            return cls(tuple(w for w in _GROUP_HEAD_GATE if w in text))
        return cls(
            tuple(w for w in _GROUP_HEAD_GATE if w in text),
            tuple(w for w in _STATE_BODY_GATE if w in low),
            tuple(w for w in _BODY_OF_GATE if w in low),
        )


_ALL_GATES = _Gates()  # every word: for a sentence read without its document


def _sentence_mentions(
    sentence: str, base: int, gaz: Gazetteer, gates: _Gates = _ALL_GATES
) -> list[_Mention]:
    known = [
        _Mention(base + m.start, base + m.end, m.actor, _kind_of(m.actor, gaz))
        for m in gaz.find_mentions(sentence)
    ]
    mentions: list[_Mention] = []
    for run_start, _run_end, run in _capitalised_runs(sentence):
        mentions.extend(_run_mentions(sentence, base, run, run_start, known, gaz))
    taken = [(m.start, m.end) for m in mentions]
    for m in known:
        if not any(s <= m.start < e or s < m.end <= e for s, e in taken):
            mentions.append(m)
    low = _lowered(sentence) if gates.state_body or gates.body_of else ""
    for b in _STATE_BODY.finditer(sentence) if _may_hold(low, gates.state_body) else ():
        state = gaz.demonym(b.group("dem")) or gaz.lookup(b.group("dem"))
        start, end = base + b.start(), base + b.end()
        if (
            state is None
            or not state.country
            or any(m.start <= start and end <= m.end for m in mentions)
        ):
            continue
        mentions = [m for m in mentions if not (start <= m.start and m.end <= end)]
        noun = b.group("noun").casefold()
        body = Actor(b.group(), _BODY_TYPES.get(noun, "government"), state.country)
        mentions.append(_Mention(start, end, body, "org"))
    for o in _BODY_OF.finditer(sentence) if _may_hold(low, gates.body_of) else ():
        start = base + o.end()
        state = next((m for m in mentions if m.start == start and m.kind == "state"), None)
        if state is not None:
            mentions = [m for m in mentions if m is not state]
            mentions.append(_Mention(base + o.start(), state.end, state.actor, "state"))
    for g_start, g_end, g_head in _groups(sentence, gates.groups):
        start, end = base + g_start, base + g_end
        # "UN member states", "60 Uyghur organizations": a group whose modifiers hold a
        # known name is still the group; a name that runs past the group wins.
        if any(
            m.start < end and start < m.end and not (start <= m.start and m.end < end)
            for m in mentions
        ):
            continue
        mentions = [m for m in mentions if not (start <= m.start and m.end < end)]
        phrase = re.sub(r"^(?:The|the)\s+", "", sentence[g_start:g_end].strip())
        head = g_head.casefold()
        if phrase.casefold() == head and re.search(
            r"\b(?:the|these|those)\s+$", sentence[:g_start], re.I
        ):
            continue  # "the groups said": an anaphor, resolved to the groups named before
        typ = _GROUP_TYPES.get(head.split()[-1] if head not in _GROUP_TYPES else head, "ngo")
        if head.endswith(("groups", "organizations", "organisations", "advocates", "defenders")):
            typ = "ngo"
        mentions.append(
            _Mention(start, end, Actor(phrase[:1].upper() + phrase[1:], typ, ""), "group")
        )
    mentions.sort(key=lambda m: m.start)
    return mentions


def _run_mentions(
    sentence: str,
    base: int,
    run: list[tuple[int, int]],
    run_start: int,
    known: list[_Mention],
    gaz: Gazetteer,
) -> list[_Mention]:
    """Turn one capitalised run into actor mentions: titles split off, unknown names typed."""
    words = [sentence[s:e] for s, e in run]
    # Drop sentence openers, dates and honorifics at the front of the run.
    while words and words[0].casefold().strip(":") in _RUN_OPENERS:
        words.pop(0)
        run = run[1:]
    if not run:
        return []
    start, end = base + run[0][0], base + run[-1][1]
    inside = [m for m in known if start <= m.start and m.end <= end]
    if inside and inside[0].start == start and inside[0].end == end:
        return [inside[0]]
    # The last title word splits role from name: "French Ambassador | Nicolas de Rivière".
    title_at = max(
        (i for i, w in enumerate(words) if w.casefold().strip(".") in _TITLES), default=-1
    )
    name_words = words[title_at + 1 :]
    role_words = words[: title_at + 1]
    if name_words and name_words[-1].endswith(("'s", "’s")):
        name_words[-1] = name_words[-1][:-2]
    person_known = [m for m in inside if m.kind == "person"]
    if person_known:
        # "Human Rights Watch Executive Director Kenneth Roth": the known person wins.
        return person_known[-1:]
    if name_words and _is_person_name(name_words) and not gaz.demonym(name_words[0]):
        name_start = base + run[title_at + 1][0]
        name = " ".join(name_words)
        context_words = (
            role_words + _pre_context(sentence, run[0][0]) + _apposition(sentence, run[-1][1])
        )
        org = [m for m in known if m.end <= start and start - m.end <= 2] + [
            m
            for m in known
            if m.start >= end
            and m.kind == "org"
            and m.start - end < 80
            and "," in sentence[end - base : m.start - base]
        ]
        actor = _person_actor(name, context_words, org[:1], gaz)
        return [_Mention(name_start, end, actor, "person")]
    if inside:
        # "US Congress", "Chinese Foreign Ministry": a state or demonym in front of an
        # organisation word makes one organisation of that state.
        last = words[-1].casefold().strip(".")
        if last in _ORG_TYPES and inside[-1].end < end and inside[-1].kind == "state":
            actor = Actor(" ".join(words), _ORG_TYPES[last], inside[-1].actor.country)
            return [_Mention(start, end, actor, "org")]
        return inside
    if len(words) >= 2 and words[-1].casefold().strip(".") in _ORG_TYPES:
        full = gaz.lookup(" ".join(words))
        if full is not None:
            return [_Mention(start, end, full, _kind_of(full, gaz))]
        kind, country = _type_from_words(words, gaz)
        if kind in {"ngo", "igo", "media"} and not gaz.demonym(words[0]):
            country = ""
        actor = Actor(" ".join(words), kind or "ngo", country)
        return [_Mention(start, end, actor, "org")]
    return []


def _pre_context(sentence: str, at: int) -> list[str]:
    """Up to four words before ``at`` in the same clause (titles written in lower case)."""
    before = sentence[:at]
    clause = re.split(r"[,;:()\"“”]", before)[-1]
    return _WORD.findall(clause)[-4:]


def _apposition(sentence: str, at: int) -> list[str]:
    """The words of an apposition after a name: ", president of the World Uyghur Congress,"."""
    m = re.match(r"\s*,\s*([^,;:\"“”]{3,90})", sentence[at:])
    if not m:
        return []
    words = _WORD.findall(m.group(1))
    if words and words[0].casefold() in {"said", "told", "says", "who", "which", "and"}:
        return []
    return words


def _person_actor(name: str, context: list[str], org: list[_Mention], gaz: Gazetteer) -> Actor:
    known = gaz.lookup(name)
    if known is not None:
        return known
    kind, country = _type_from_words(context, gaz)
    org_in_context = [
        m.actor
        for m in gaz.find_mentions(" ".join(context))
        if m.actor.type != "government" or not m.actor.country
    ]
    if org:
        kind, country = org[0].actor.type, org[0].actor.country or country
    elif org_in_context:
        kind, country = org_in_context[0].type, org_in_context[0].country
    if kind is None:
        kind = "public"
    if kind in {"ngo", "igo"} and not org:
        country = ""
    return Actor(name, kind, country)


# --- the document pass ------------------------------------------------------------------------


# An opening single quote: before a capital, not after a letter or apostrophe. Written with
# the quote first and the look-behind after it (the same as r"(?<![\w'’])['‘](?=[A-Z])"; a
# test compares them): a pattern that opens on a character class is found by a fast scan,
# one that opens on a look-behind is tried at every character of the document.
_SINGLE_OPEN = re.compile(r"['‘](?<![\w'’].)(?=[A-Z])")
_SINGLE_CLOSE = re.compile(r"[,.!?;]['’](?=\s|$)")


def _quote_state(text: str) -> list[tuple[int, int]]:
    """Character spans of double-quoted passages (they may run over several sentences)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in re.finditer(r"[\"“”]", text):
        ch = m.group()
        if open_at is None:
            if ch in '"“':
                open_at = m.start()
        elif ch in '"”':
            spans.append((open_at, m.end()))
            open_at = None
        elif ch == "“":  # an unclosed quote: the paragraph ended it
            spans.append((open_at, m.start()))
            open_at = m.start()
    if open_at is not None:
        spans.append((open_at, len(text)))
    # Single quotes are also apostrophes: take one as opening only before a capital letter
    # and not after a letter, and as closing only right after punctuation.
    for m in _SINGLE_OPEN.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        close = _SINGLE_CLOSE.search(text, m.end())
        if close is not None:
            spans.append((m.start(), close.end()))
    spans.sort()
    # A quote never crosses a paragraph break in running text; cut it there.
    cut: list[tuple[int, int]] = []
    for s, e in spans:
        brk = text.find("\n\n", s, e)
        cut.append((s, brk if brk != -1 else e))
    return cut


def _tail(text: str, at: int, width: int = 48) -> str:
    """The few words before ``at``: patterns anchored at their end need no more, and
    searching the whole prefix would make a long sentence cost its length squared."""
    return text[max(0, at - width) : at]


_INVERTIBLE = re.compile(
    r"said|says|added|adds|wrote|writes|tweeted|stated|noted|stressed|declared|insisted|"
    r"argued|explained|warned|continued|concluded|asked|remarked|recalled"
)
_INTRODUCES = re.compile(r"\s*(?:that\b|:|,|\"|“|‘|'|$)|\s+\w+(?:\s+\w+)?\s+that\b")
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
_PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+(?:\w+ly\s+)?$")
_PREPOSITION = re.compile(
    r"\b(?:at|in|to|from|with|of|on|for|against|toward|towards|about|over|into|by|under|"
    r"between|among|amid|after|before|like|including|than|outside|inside|near|across|"
    r"behind|beyond|around|through|via|within|during|since|until|throughout|upon)"
    r"\s+(?:the\s+)?$",
    re.I,
)


_GROUP_OF = re.compile(
    r"\b(?:group|coalition|number|majority|total|bloc|alliance|dozens|hundreds|some|many|"
    r"most|all|several|each|one|two|three)\s+of\s+(?:the\s+)?$",
    re.I,
)


class _Spans(list):
    """Sorted, non-overlapping spans with their ends indexed for bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                continue  # a quote inside a quote: the outer one decides
            merged.append((start, end))
        super().__init__(merged)
        self.ends = [e for _, e in merged]


def _overlapping(spans: _Spans, a: int, b: int) -> list[tuple[int, int]]:
    """The spans that overlap [a, b)."""
    out = []
    i = bisect.bisect_right(spans.ends, a)
    while i < len(spans) and spans[i][0] < b:
        out.append(spans[i])
        i += 1
    return out


def _clip_quotes(
    spans: list[tuple[int, int]], segments: Sequence[Segment], text: str
) -> list[tuple[int, int]]:
    """A quote that opens inside a sentence ends with it, closed or not.

    Quotes that run over several sentences open at the start of one (a quoted paragraph);
    a term in quotes whose closing mark went missing (“genocide.) must not swallow the text
    after it.
    """
    out = []
    starts = [g.start for g in segments]
    for start, end in spans:
        i = bisect.bisect_right(starts, start) - 1
        seg = segments[i] if i >= 0 and start < segments[i].end else None
        if seg is not None and text[seg.start : start].strip(" \t\n—–-:") and end > seg.end:
            end = seg.end
        out.append((start, end))
    return out


def _nearest_before(
    mentions: list[_Mention], at: int, clause_start: int, sentence: str, base: int
) -> _Mention | None:
    """The subject of a verb at ``at``: the nearest mention before it in its clause."""
    before = [
        m
        for m in mentions
        if m.end <= at
        and m.start >= clause_start
        and not re.match(r"['’]s\b", sentence[m.end - base : m.end - base + 2])
    ]
    # "43 countries at the United Nations have condemned": an object of a preposition is
    # not the subject, unless nothing else is there.
    subjects = [
        m
        for m in before
        if not _PREPOSITION.search(_tail(sentence, m.start - base))
        or _GROUP_OF.search(_tail(sentence, m.start - base))
    ]
    if subjects and subjects[-1] is not before[-1]:
        before = [m for m in before if m.start <= subjects[-1].start]
    if not before:
        return None
    best = before[-1]
    # An apposition or a list before the verb: go back to its head ("Germany, the US and
    # the UK will host" -> Germany; "Dolkun Isa, president of the WUC, said" -> Dolkun Isa).
    for m in reversed(before[:-1]):
        gap = sentence[m.end - base : best.start - base] if m.end <= best.start else None
        if gap is None:
            break
        if re.fullmatch(r"\s*\(\s*", gap) and m.actor == best.actor:
            best = m  # "International Service for Human Rights (ISHR)"
        elif (
            (
                re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*(?:the\s+)?", gap)
                or (
                    m.kind == best.kind == "person"
                    and re.fullmatch(r"\s*(?:,?\s*and)\s+(?:[A-Z][\w-]*\s+){1,2}", gap)
                )
            )
            and (m.kind == best.kind or {m.kind, best.kind} <= {"state", "org", "group"})
            and not (best.kind == "person" and gap.strip() == ",")
        ):
            best = m  # a list of like actors: the first named holds the position
        elif m.kind == "person" and best.kind != "person":
            gap_words = gap or ""
            if gap_words.lstrip().startswith(",") and len(gap_words) < 80:
                best = m
            else:
                break
        else:
            break
    if best.kind != "person":
        # "Louis Charbonneau, executive director of UN Human Rights Watch, criticized": the
        # person the apposition describes, past the organisations named inside it.
        for m in reversed(before):
            if m.kind == "person" and m.end <= best.start:
                gap = sentence[m.end - base : best.start - base]
                if gap.startswith(",") and len(gap) < 100 and gap.count(",") == 1:
                    best = m
                break
    return best


def attribute(
    text: str,
    segments: Sequence[Segment],
    *,
    voice: Actor | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Attribution]:
    """Attribute every segment of a document to the actor who holds its position.

    Parameters
    ----------
    text : str
        The document, as given to :func:`stance.segment`.
    segments : sequence of Segment
        Its segments, in order (``stance.segment(text)``).
    voice : Actor, optional
        The document's own voice: the publisher of an advocacy release, the spokesperson
        answering at a press conference, the state giving a speech. Statements with no cue of
        their own are attributed to it. Leave ``None`` for news reports (their narration has
        no actor) and for a journalist's question. In transcripts, a paragraph that opens with
        ``Q:`` switches the voice off and ``A:`` switches it back on.
    gazetteer : Gazetteer, optional
        Known actors; defaults to the shipped gazetteer (``stance.gazetteer.default_gazetteer``).

    Returns
    -------
    list of Attribution
        One per segment, in order. The actor is the holder the text points at, whatever the
        stance turns out to be; the labeller sets ``none`` for statements it finds neutral.

    Examples
    --------
    >>> from stance.segmentation import segment
    >>> text = "Chinese Foreign Ministry spokesperson Wang Wenbin said the report is a lie."
    >>> a = attribute(text, segment(text))[0]
    >>> a.actor, a.actor_type, a.country, a.cue, text[a.actor_start:a.actor_end]
    ('Wang Wenbin', 'government', 'CHN', 'said', 'Wang Wenbin')
    """
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    quotes = _Spans(_clip_quotes(_quote_state(text), segments, text))
    gates = _Gates.of(text)
    people = _Memory()  # persons and organisations named so far (surnames, "he", "the party")
    last: Attribution | None = None  # actor of the last attributed statement
    last_mentions: list[_Mention] = []
    results: list[Attribution] = []
    turn_voice = voice
    # A person or a state as voice is a speaker (a spokesperson's answers, a state's speech):
    # every sentence is theirs unless they quote someone. An organisation is a publisher:
    # its release reports others' positions as news does, and keeps the rest for itself.
    speaker_voice = voice is not None and _kind_of(voice, gaz) in {"person", "state"}
    previous: Attribution | None = None
    quote_speaker: dict[tuple[int, int], Attribution] = {}
    prev_end = 0
    for seg in segments:
        paragraph_break = "\n" in text[prev_end : seg.start] or seg.index == 0
        prev_end = seg.end
        turn = _TURN.match(seg.text)
        if turn:
            turn_voice = None if turn.group("who").casefold().startswith(("q", "f")) else voice
        sentence = text[seg.start : seg.end]
        mentions = _sentence_mentions(sentence, seg.start, gaz, gates)
        mentions = _resolve_surnames(sentence, seg.start, mentions, people)
        people.add(mentions)
        result = _attribute_sentence(
            sentence,
            seg,
            mentions,
            gaz,
            voice=turn_voice,
            speaker_voice=speaker_voice and turn_voice is not None,
            last=last,
            previous=previous,
            people=people,
            last_mentions=last_mentions,
            quotes=quotes,
            quote_speaker=quote_speaker,
            new_paragraph=paragraph_break,
        )
        results.append(result)
        previous = result
        if result.actor != "none":
            last = result
        last_mentions = mentions or last_mentions
    _fill_quote_runs(results, segments, quotes, quote_speaker)
    return results


class _Memory:
    """Persons and organisations named so far in a document, indexed for constant-time
    lookups (so a long document costs no more per sentence than a short one)."""

    def __init__(self) -> None:
        self.empty = True
        self.last_person: _Mention | None = None
        self._by_part: dict[str, _Mention] = {}
        self._parts: tuple[str, ...] | None = None  # the keys of _by_part, as a tuple
        self._by_tail: dict[str, _Mention] = {}
        self._persons: set[str] = set()

    def add(self, mentions: list[_Mention]) -> None:
        for m in mentions:
            if m.kind == "person":
                parts = m.actor.name.split()
                if len(parts) > 1:
                    # a surname, or a Chinese family name that comes first ("Wang Wenbin")
                    self._by_part[parts[0]] = self._by_part[parts[-1]] = m
                    self._parts = None
                self._persons.add(m.actor.name)
                self.last_person = m
                self.empty = False
            elif m.kind == "org":
                words = m.actor.name.casefold().split()
                for i in range(1, len(words)):
                    self._by_tail[" ".join(words[i:])] = m
                self.empty = False

    def name_parts(self) -> tuple[str, ...] | None:
        """The first and last names of persons named so far, or ``None`` when there are so
        many that testing for each would cost more than reading the sentence's words."""
        if len(self._by_part) > 32:
            return None
        if self._parts is None:
            self._parts = tuple(self._by_part)
        return self._parts

    def person_with_name_part(self, word: str) -> _Mention | None:
        return self._by_part.get(word)

    def org_ending_with(self, tail: str) -> _Mention | None:
        return self._by_tail.get(tail)

    def is_person(self, name: str) -> bool:
        return name in self._persons


_SINGLE_CAP = re.compile(_FIRST_CAP_WORD)  # = (?<![\w’'.\-]){_CAP_WORD}, found faster


def _resolve_surnames(
    sentence: str, base: int, mentions: list[_Mention], people: _Memory
) -> list[_Mention]:
    """A single capitalised word that is part of a person named before is that person; an
    organisation named by the end of an earlier name ("the Communist Party" after "the
    Chinese Communist Party") is that organisation."""
    if people.empty:
        return mentions
    out = []
    for m in mentions:
        if m.kind == "org":
            tail = m.actor.name.casefold()
            earlier = people.org_ending_with(tail)
            if earlier is not None and earlier.actor != m.actor:
                m = _Mention(m.start, m.end, earlier.actor, "org")
        out.append(m)
    taken = [(m.start, m.end) for m in mentions]
    parts = people.name_parts()
    # A surname can only be found where it is written: test for each part first while there
    # are few (most documents name a handful of people), and search only if one is there.
    may_hold = parts is None or _may_hold(sentence, parts)
    words = _SINGLE_CAP.finditer(sentence) if may_hold else ()
    for w in words:
        word = w.group()
        if people.person_with_name_part(word) is None or word.casefold() in _LEADING_STOP:
            continue
        start, end = base + w.start(), base + w.end()
        if any(s <= start < e for s, e in taken):
            continue
        p = people.person_with_name_part(word)
        if p is not None:
            out.append(_Mention(start, end, p.actor, "person"))
    out.sort(key=lambda m: m.start)
    return out


def _attr(m: _Mention, cue: str, rule: str) -> Attribution:
    return Attribution(m.actor.name, m.actor.type, m.actor.country, cue, m.start, m.end, rule)


def _attr_voice(voice: Actor, cue: str = "", rule: str = "voice") -> Attribution:
    return Attribution(voice.name, voice.type, voice.country, cue, None, None, rule)


_HEADLINE = re.compile(r"^([^:]{2,60}):\s")


def _attribute_sentence(
    sentence: str,
    seg: Segment,
    mentions: list[_Mention],
    gaz: Gazetteer,
    *,
    voice: Actor | None,
    speaker_voice: bool,
    last: Attribution | None,
    previous: Attribution | None,
    people: _Memory,
    last_mentions: list[_Mention],
    quotes: _Spans,
    quote_speaker: dict[tuple[int, int], Attribution],
    new_paragraph: bool,
) -> Attribution:
    base = seg.start
    turn = _TURN.match(sentence)  # the "Q:" of a turn is not part of what is said
    body = sentence if turn is None else " " * turn.end() + sentence[turn.end() :]
    in_quote = _overlapping(quotes, base, base + len(sentence))
    outside = body
    for qs, qe in in_quote:
        s, e = max(qs - base, 0), min(qe - base, len(body))
        outside = outside[:s] + " " * (e - s) + outside[e:]
    outside_mentions = [m for m in mentions if outside[m.start - base : m.end - base].strip()]
    context = (last, people, last_mentions, voice)

    found = _explicit(outside, base, outside_mentions, context, speaker_voice, gaz)
    if found is not None:
        if in_quote and found.rule in {"quote", "cue"}:
            for q in in_quote:
                quote_speaker.setdefault(q, _with_cue(found, found.cue, "quote"))
            return _with_cue(found, found.cue, "quote") if found.rule == "cue" else found
        return found

    # A headline "X: ..." (not a transcript turn marker).
    head = _HEADLINE.match(sentence)
    is_headline = seg.kind == "heading" or seg.index == 0
    if head and is_headline and not speaker_voice and not _TURN.match(sentence):
        lead = [m for m in mentions if m.start - base < head.end(1)]
        if lead:
            return _attr(lead[0], ":", "headline")

    # Inside a quote: its speaker, if known from this or an earlier sentence; a quote that
    # opens this sentence right after a quoted sentence goes on with the same speaker.
    for q in in_quote:
        if q in quote_speaker:
            return quote_speaker[q]
    if in_quote and not speaker_voice:
        # Cues inside a quote with no speaker yet: a text that quotes a whole reported
        # passage ("“In a statement, HRW's director Kenneth Roth said that ...").
        found = _explicit(body, base, mentions, context, speaker_voice, gaz)
        if found is not None:
            for q in in_quote:
                quote_speaker.setdefault(q, _with_cue(found, found.cue, "quote"))
            return _with_cue(found, found.cue, "quote")
    opens_quote = bool(in_quote) and in_quote[0][0] <= base + (len(body) - len(body.lstrip()))
    if opens_quote and previous is not None and previous.rule == "quote":
        return previous

    # A statement about a document just named takes that document's holder.
    if _DOC_ANAPHOR.match(body.strip()) and last is not None:
        return _with_cue(last, "", "context")

    # The document's own voice; else the actor of the sentences just before.
    if voice is not None:
        return _attr_voice(voice)
    if last is not None and not new_paragraph:
        return _with_cue(last, "", "context")
    subject = [m for m in outside_mentions if m.start - base < 40]
    if subject:
        return _attr(subject[0], "", "subject")
    if last is not None:
        return _with_cue(last, "", "context")
    return NO_ACTOR


_NEGATED = re.compile(
    r"(?:n't|n’t|\bnot|\bnever|\brefused to|\bfailed to)\s+(?:\w+\s+)?$"
    # not a verb here: "of alleged abuses", "the condemned man"
    r"|\b(?:the|a|an|of|its|their|his|her|our|these|those|such)\s+$"
)


def _explicit(
    text: str,
    base: int,
    mentions: list[_Mention],
    context: tuple,
    speaker_voice: bool,
    gaz: Gazetteer,
) -> Attribution | None:
    """An actor the sentence names with a cue: "according to X", "X said", "... by X"."""
    last, people, last_mentions, voice = context
    for acc in _ACCORDING.finditer(text) if _may_hold(_lowered(text), _ACCORDING_GATE) else ():
        if last is not None and _DOC_ANAPHOR.match(text[acc.end() :]):
            return _with_cue(last, acc.group().strip(), "according_to")
        after = [m for m in mentions if m.start - base >= acc.end() - 1]
        if after and after[0].start - base - acc.end() < 40:
            return _attr(after[0], acc.group().strip(), "according_to")
        anaphor = _anaphor(text[acc.end() :], last, people, last_mentions)
        if anaphor is not None:
            return _with_cue(anaphor, acc.group().strip(), "according_to")
    cues = [c for c in _CUE.finditer(text) if not _NEGATED.search(_tail(text, c.start()))]
    # A finite verb names its subject; a participle ("..., asking states not to attend")
    # often hangs on a noun, so it comes last, after the passive agent.
    participles = [c for c in cues if c.group().endswith("ing")]
    cues = [c for c in cues if not c.group().endswith("ing")]
    if speaker_voice:
        # In a spokesperson's answer or a state's speech only speech verbs that introduce
        # what someone else said hand the statement to them: "the US has accused China" or
        # "what the US said is a lie" stay the speaker's position.
        cues = [
            c
            for c in cues
            if _SPEECH_CUE.fullmatch(c.group()) and _INTRODUCES.match(text[c.end() :])
        ]
    for c in cues:
        speaker = _speaker_for_cue(text, base, c, mentions, last, people, last_mentions, voice)
        if speaker is None:
            continue
        if (
            speaker_voice
            and voice is not None
            and speaker.country == voice.country
            and (speaker.rule != "pronoun" and speaker.actor == _state_name(gaz, voice.country))
        ):
            return None  # "China firmly opposes": the spokesperson speaking for China
        return _with_cue(
            speaker, c.group(), "cue" if speaker.rule in {"none", "cue"} else speaker.rule
        )
    if not speaker_voice:
        for by in _BY_AGENT.finditer(text):
            after = [m for m in mentions if m.start - base >= by.end() - 1]
            if after and after[0].start - base - by.end() < 30:
                return _attr(after[0], by.group().strip(), "by_agent")
        for c in participles:
            speaker = _speaker_for_cue(text, base, c, mentions, last, people, last_mentions, voice)
            if speaker is not None:
                return _with_cue(
                    speaker, c.group(), "cue" if speaker.rule in {"none", "cue"} else speaker.rule
                )
    return None


def _state_name(gaz: Gazetteer, country: str) -> str:
    state = _state(gaz, country) if country else None
    return state.name if state is not None else ""


def _with_cue(a: Attribution, cue: str, rule: str) -> Attribution:
    return Attribution(a.actor, a.actor_type, a.country, cue, a.actor_start, a.actor_end, rule)


def _anaphor(
    after: str, last: Attribution | None, people: _Memory, last_mentions: list[_Mention]
) -> Attribution | None:
    """Resolve a pronoun or role noun at the start of ``after`` to an earlier actor."""
    m = _PRONOUN.match(after.lstrip())
    if not m:
        return None
    word = m.group("p").casefold()
    if word in {"he", "she"} or (
        word.split()[-1] in _TITLES
        and word.split()[-1] not in {"officials", "lawmakers", "delegation", "activists"}
    ):
        # The person who spoke last keeps the floor ("Brownback met the Dalai Lama. He said
        # ..."); else the person named last.
        if last is not None and people.is_person(last.actor):
            return _with_cue(last, "", "pronoun")
        if people.last_person is not None:
            return _attr(people.last_person, "", "pronoun")
        return _with_cue(last, "", "pronoun") if last else None
    if word in {"we", "i"}:
        return None
    # they / the group / the ministry: the last actor if it fits, else the last organisation
    # or group named that fits ("the groups" -> organisations, "the countries" -> states).
    noun = word.split()[-1]
    wanted = (
        {"ngo"}
        if noun.startswith(("group", "organi", "coalition", "watchdog"))
        else {"government"}
        if noun in {"countries", "governments", "ministry", "embassy", "government", "delegation"}
        else None
    )
    if (
        last is not None
        and (wanted is None or last.actor_type in wanted)
        and any(m.actor.name == last.actor for m in last_mentions)
    ):
        return _with_cue(last, "", "pronoun")
    for mention in reversed(last_mentions):
        if mention.kind in {"org", "group", "state"} and (
            wanted is None or mention.actor.type in wanted
        ):
            return _attr(mention, "", "pronoun")
    return _with_cue(last, "", "pronoun") if last else None


def _speaker_for_cue(
    outside: str,
    base: int,
    cue: re.Match[str],
    mentions: list[_Mention],
    last: Attribution | None,
    people: _Memory,
    last_mentions: list[_Mention],
    voice: Actor | None,
) -> Attribution | None:
    """The holder linked to a cue: its subject before it, or 'said X' after it."""
    at = cue.start()
    before_cue = _tail(outside, at)
    if _INFINITIVE.search(before_cue):
        return None  # "called on UN member states to urge": the subject is another verb's
    if _PASSIVE.search(before_cue):
        return None  # "was condemned by X": the agent rule handles it
    if re.match(r"\s+by\b", outside[cue.end() :]):
        return None  # "an announcement issued by X": the agent rule handles it
    # Inverted: ', said X' / '," X said' — the mention right after a verb of saying (not
    # "told VOA", "criticized Beijing": there the mention is the object).
    after = [
        m
        for m in mentions
        if 0 <= m.start - base - cue.end() <= 3 and _INVERTIBLE.fullmatch(cue.group())
    ]
    before_text = outside[:at].rstrip()
    if after and (before_text.endswith((",", '"', "”", "'", "’")) or before_text == ""):
        return _attr(after[0], "", "cue")
    # Subject: nearest mention in the same clause before the verb.
    clause_start = max(outside.rfind(ch, 0, at) for ch in (";", '"', "“", "”", ":")) + 1
    subject = _nearest_before(mentions, base + at, base + clause_start, outside, base)
    if (
        subject is None
        and last is not None
        and _DOC_ANAPHOR.match(outside[clause_start:at].strip())
    ):
        return _with_cue(last, "", "context")  # "The statement called on ...": its holder
    pron = None
    for p in _PRONOUN.finditer(outside, clause_start, at):
        pron = p
    if subject is not None and (pron is None or subject.end > base + pron.start()):
        nearest_end = max(
            m.end for m in mentions if m.end <= base + at and m.start >= base + clause_start
        )
        between = outside[nearest_end - base : at]
        # an aside in commas does not break the link: "X, who ..., said"
        between = re.sub(r",[^,]*,", " ", between)
        between = re.sub(r"^\s*,?\s*(?:which|who)\b", " ", between)  # "Turkey, which joined"
        # too far from its verb, or across a subordinate clause: not its subject
        if len(between) <= 100 and not re.search(
            r"\b(?:that|which|who|whom|whose|because|while|although|when|if|whether)\b",
            between,
        ):
            return _attr(subject, "", "cue")
    if pron is not None and at - pron.end() < 40:
        word = pron.group("p").casefold()
        if word in {"we", "i"}:
            return _attr_voice(voice, "", "voice") if voice is not None else None
        return _anaphor(outside[pron.start() :], last, people, last_mentions)
    return None


def _fill_quote_runs(
    results: list[Attribution],
    segments: Sequence[Segment],
    quotes: list[tuple[int, int]],
    quote_speaker: dict[tuple[int, int], Attribution],
) -> None:
    """Give every sentence of a quote the speaker found anywhere in it (often at its end)."""
    starts = [seg.start for seg in segments]
    for q, speaker in quote_speaker.items():
        i = max(bisect.bisect_left(starts, q[0] - 1), 0)
        while i < len(segments) and segments[i].start <= q[1]:
            seg = segments[i]
            inside = q[0] <= seg.start + 1 and seg.end <= q[1] + 2
            if inside and results[i].rule in {"context", "voice", "none", "subject", "quote"}:
                results[i] = _with_cue(speaker, speaker.cue, "quote")
            i += 1


def is_group_phrase(name: str) -> bool:
    """Whether ``name`` describes a group ("43 countries", "Rights groups") rather than names one.

    Examples
    --------
    >>> is_group_phrase("More than 60 Uyghur organizations"), is_group_phrase("Human Rights Watch")
    (True, False)
    """
    return bool(_GROUP.fullmatch(name.strip())) or name.strip()[:1].isdigit()


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
    (:func:`stance.evaluation.score_attribution`).

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
    from .data import read_records
    from .evaluation import score_attribution

    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    predicted = attribute_split(dataset, split, gazetteer=gaz, attributor=attributor)
    gold = [r for r in read_records(dataset)[0] if r["split"] == split]
    report = score_attribution(gold, [predicted[r["id"]] for r in gold], gaz)
    report.update(dataset=dataset, split=split)
    return report


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
    from .data import annotated_documents

    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    run = attributor if attributor is not None else attribute
    out: dict[str, Attribution] = {}
    for document in annotated_documents(dataset, split):
        voice = resolve_actor(document.voice, gaz) if document.voice else None
        found = run(document.text, document.segments, voice=voice, gazetteer=gaz)
        out.update((r["id"], a) for r, a in zip(document.records, found, strict=True))
    return out
