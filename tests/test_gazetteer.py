"""The actor gazetteer: its shipped content, its loader and its mention finder."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.gazetteer import (
    COLUMNS,
    GAZETTEER_TYPES,
    NOT_ACTORS,
    Actor,
    Gazetteer,
    default_gazetteer,
    gazetteer_path,
    normalize_name,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# The 193 UN member states (un.org/en/about-us/member-states), written out independently of
# data/gazetteer.csv.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()

SOURCES = {
    "un_member",
    "un_observer",
    "territory",
    "curated",
    "seeds_train",
    "extended_train",
    "extended_validation",
    "seeds_test",
    "extended_test",
}
TEST_SOURCES = ("seeds_test", "extended_test")


def gold_actors() -> dict[tuple[str, str, str], set[str]]:
    """(actor, type, country) -> the dataset splits it occurs in, for every named gold actor."""
    found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for dataset in ("seeds", "extended"):
        with (DATA / f"{dataset}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                r = json.loads(line)
                if r["actor"] != "none":
                    found[(r["actor"], r["actor_type"], r["country"])].add(
                        f"{dataset}_{r['split']}"
                    )
    return dict(found)


GOLD = gold_actors()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


# -- the shipped file --------------------------------------------------------------------------


def test_the_member_list_of_this_test_is_complete() -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


def test_every_un_member_is_a_government_entry(gaz: Gazetteer) -> None:
    members = {a.country: a for a in gaz if a.source == "un_member"}
    assert set(members) == set(UN_MEMBERS)
    assert len([a for a in gaz if a.source == "un_member"]) == 193
    for code in UN_MEMBERS:
        assert members[code].type == "government", code
        assert gaz.lookup(members[code].name) == members[code]


@pytest.mark.parametrize(
    ("name", "code", "source"),
    [
        ("Holy See", "VAT", "un_observer"),
        ("Palestine", "PSE", "un_observer"),
        ("Taiwan", "TWN", "territory"),
        ("Hong Kong", "HKG", "territory"),
        ("Macao", "MAC", "territory"),
    ],
)
def test_observers_and_territories(gaz: Gazetteer, name: str, code: str, source: str) -> None:
    actor = gaz.lookup(name)
    assert (actor.name, actor.type, actor.country, actor.source) == (
        name,
        "government",
        code,
        source,
    )


def test_header_types_sources_and_country_codes() -> None:
    with (DATA / "countries.csv").open(encoding="utf-8") as handle:
        iso3 = {row["iso3"] for row in csv.DictReader(handle)}
    with gazetteer_path().open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == COLUMNS
        rows = list(reader)
    assert len(rows) == len(default_gazetteer())
    for name, type_, country, _aliases, demonyms, source in rows:
        assert type_ in GAZETTEER_TYPES, name
        assert source in SOURCES, name
        assert not country or country in iso3, (name, country)
        assert not demonyms or type_ == "government", name
    assert "XKX" not in {row[2] for row in rows}  # Kosovo has no ISO 3166-1 code


@pytest.mark.parametrize(("actor", "actor_type", "country"), sorted(GOLD), ids=lambda v: v or "-")
def test_every_gold_actor_looks_up_to_its_gold_type_and_country(
    gaz: Gazetteer, actor: str, actor_type: str, country: str
) -> None:
    found = gaz.lookup(actor)
    assert found is not None, actor
    assert (found.type, found.country) == (actor_type, country)


def test_sources_of_gold_entries(gaz: Gazetteer) -> None:
    # An entry whose source is a test split covers only actors that occur in test splits alone.
    for actor, splits in ((a, s) for (a, _, _), s in GOLD.items()):
        entry = gaz.lookup(actor)
        if entry.source in TEST_SOURCES:
            assert splits <= set(TEST_SOURCES), (actor, splits)
        if splits & {"seeds_train", "extended_train"} and entry.source not in (
            "un_member",
            "un_observer",
            "territory",
            "curated",
        ):
            assert entry.source in ("seeds_train", "extended_train"), actor


@pytest.mark.parametrize(
    ("alias", "name", "country"),
    [
        ("Beijing", "China", "CHN"),
        ("Beijing's", "China", "CHN"),
        ("People's Republic of China", "China", "CHN"),
        ("Chinese government", "China", "CHN"),
        ("U.S.", "United States", "USA"),
        ("the US", "United States", "USA"),
        ("United States of America", "United States", "USA"),
        ("Washington", "United States", "USA"),
        ("UK", "United Kingdom", "GBR"),
        ("London", "United Kingdom", "GBR"),
        ("Moscow", "Russia", "RUS"),
        ("Kremlin", "Russia", "RUS"),
        ("DPRK", "Democratic People's Republic of Korea", "PRK"),
        ("North Korea", "Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "South Korea", "KOR"),
        ("Turkey", "Türkiye", "TUR"),
        ("Czech Republic", "Czechia", "CZE"),
        ("Cote d'Ivoire", "Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "Côte d'Ivoire", "CIV"),
        ("Viet Nam", "Vietnam", "VNM"),
        ("Lao PDR", "Laos", "LAO"),
        ("State of Palestine", "Palestine", "PSE"),
        ("Vatican", "Holy See", "VAT"),
        ("HKSAR government", "Hong Kong", "HKG"),
        ("Hong Kong SAR government", "Hong Kong", "HKG"),
        ("Taiwan authorities", "Taiwan", "TWN"),
        ("HRW", "Human Rights Watch", ""),
        ("Secretary-General", "UN Secretary-General", ""),
        ("António Guterres", "UN Secretary-General", ""),
        ("Antonio Guterres", "UN Secretary-General", ""),
        ("OHCHR", "UN High Commissioner for Human Rights", ""),
        ("Human Rights Council", "UN Human Rights Council", ""),
        ("ICIJ", "International Consortium of Investigative Journalists", ""),
        ("CCP", "Chinese Communist Party", "CHN"),
        ("State Department", "US Department of State", "USA"),
        ("U.S. State Department", "US Department of State", "USA"),
        ("Global Times", "Global Times", "CHN"),
        ("VOA", "Voice of America", "USA"),
        ("EU", "European Union", ""),
    ],
)
def test_aliases(gaz: Gazetteer, alias: str, name: str, country: str) -> None:
    actor = gaz.lookup(alias)
    assert actor is not None, alias
    assert (actor.name, actor.country) == (name, country)


@pytest.mark.parametrize(
    ("name", "actor_type"),
    [
        ("European Union", "igo"),
        ("European Parliament", "legislature"),  # a parliament: codebook section 3
        ("G7", "government"),  # a group of states
        ("Australian Strategic Policy Institute", "ngo"),  # studies and watchdogs
        ("International Consortium of Investigative Journalists", "media"),
        ("Xinhua", "media"),
    ],
)
def test_types_follow_the_codebook(gaz: Gazetteer, name: str, actor_type: str) -> None:
    assert gaz.lookup(name).type == actor_type


@pytest.mark.parametrize(
    "name",
    ["Foreign Ministry", "Korea", "Congress", "Rome", "Brussels", "Trump", "Wang", "us"],
)
def test_ambiguous_names_are_not_aliases(gaz: Gazetteer, name: str) -> None:
    found = gaz.lookup(name)
    assert found is None or (name == "us" and found.country == "USA")


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Chinese", "CHN"),
        ("American", "USA"),
        ("U.S.", "USA"),
        ("British", "GBR"),
        ("French", "FRA"),
        ("Russian", "RUS"),
        ("North Korean", "PRK"),
        ("South Korean", "KOR"),
        ("Taiwanese", "TWN"),
        ("Congolese", None),  # two Congos
        ("Korean", None),  # two Koreas
    ],
)
def test_demonyms(gaz: Gazetteer, word: str, country: str | None) -> None:
    actor = gaz.demonym(word)
    assert (actor.country if actor else None) == country
    if actor:
        assert actor.type == "government"


# -- normalisation and mentions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S.", "us"),
        ("the United States", "united states"),
        ("The  Hague", "hague"),
        ("China's", "china"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Volker Türk", "volker turk"),
        ("  HUMAN\nRights   Watch ", "human rights watch"),
        ("the", "the"),
    ],
)
def test_normalize_name(text: str, expected: str) -> None:
    assert normalize_name(text) == expected


@given(st.text())
def test_normalize_name_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once


def spans(gaz: Gazetteer, text: str, **kwargs: bool) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.actor.name) for m in gaz.find_mentions(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Let us see what WHO and the U.N. Human Rights Council said.",
            [
                ("WHO", "World Health Organization"),
                ("U.N. Human Rights Council", "UN Human Rights Council"),
            ],
        ),
        ("Who said the china was fine? Not us.", []),
        ("China's delegation and Beijing's envoy", [("China", "China"), ("Beijing", "China")]),
        (
            "the People's Republic of China, the Democratic Republic of the Congo, Guinea-Bissau",
            [
                ("People's Republic of China", "China"),
                ("Democratic Republic of the Congo", "Democratic Republic of the Congo"),
                ("Guinea-Bissau", "Guinea-Bissau"),
            ],
        ),
        (
            "Human Rights Watch and HRW",
            [("Human Rights Watch",) * 2, ("HRW", "Human Rights Watch")],
        ),
        (
            "The Washington Post asked Washington.",
            [("Washington Post", "The Washington Post"), ("Washington", "United States")],
        ),
        ("The Paris Agreement, the South China Sea and Latin America.", []),
        ("Foreign Ministry spokesperson Geng Shuang", [("Geng Shuang", "Geng Shuang")]),
        ("Chinese officials said", [("Chinese officials", "Chinese officials")]),
        (
            "human rights groups and Rights groups",
            [("human rights groups", "Human rights groups"), ("Rights groups", "Rights groups")],
        ),
        ("Agnes Callamard, secretary general of Amnesty", [("Amnesty", "Amnesty International")]),
        ("State Councilor Zhao Kezhi met Leila de Lima in Prague.", [("Prague", "Czechia")]),
        ("UN Under-Secretary-General Rosemary DiCarlo", [("UN", "United Nations")]),
    ],
)
def test_find_mentions_examples(gaz: Gazetteer, text: str, expected: list) -> None:
    assert spans(gaz, text) == [tuple(e) for e in expected]


def test_find_mentions_demonyms(gaz: Gazetteer) -> None:
    text = "A French diplomat met Chinese Foreign Ministry officials."
    mentions = gaz.find_mentions(text, demonyms=True)
    assert [(text[m.start : m.end], m.actor.name, m.demonym) for m in mentions] == [
        ("French", "France", True),
        ("Chinese Foreign Ministry", "Chinese Foreign Ministry", False),
    ]
    assert gaz.find_mentions("A French diplomat") == []


NAMES = sorted({v for a in default_gazetteer() for v in (*a.names(), *a.demonyms)})
PIECES = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(NOT_ACTORS),
    st.text(max_size=12),
    st.sampled_from([" ", ", ", "'s ", "-", ".", "\n", "the ", "U.S.", "’s"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join), st.booleans())
def test_find_mentions_spans_are_sorted_disjoint_and_slice_back(text: str, demonyms: bool) -> None:
    gaz = default_gazetteer()
    mentions = gaz.find_mentions(text, demonyms=demonyms)
    end = 0
    for m in mentions:
        assert end <= m.start < m.end <= len(text)
        end = m.end
        surface = text[m.start : m.end]
        assert surface == surface.strip()
        found = gaz.demonym(surface) if m.demonym else gaz.lookup(surface)
        assert found == m.actor, (surface, m)


def test_find_mentions_is_linear(gaz: Gazetteer) -> None:
    text = "The U.S. and the People's Republic of China met Human Rights Watch in Geneva. " * 5000
    mentions = gaz.find_mentions(text)
    assert len(mentions) == 3 * 5000


# -- loading user files -------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_load_default_is_cached() -> None:
    assert Gazetteer.load() is default_gazetteer()
    assert Gazetteer.load(gazetteer_path()).lookup("Beijing").country == "CHN"


def test_extra_file_overrides_and_adds(tmp_path: Path) -> None:
    extra = write(
        tmp_path / "mine.csv",
        "name,type,country,aliases\n"
        "Human Rights Watch,ngo,USA,HRW|Human Rights Watch's\n"
        "Beijing municipal government,government,CHN,Beijing\n"
        "Xinjiang Police College,government,CHN,\n",
    )
    gaz = Gazetteer.load(extra=extra)
    assert gaz.lookup("HRW") == Actor("Human Rights Watch", "ngo", "USA")
    assert gaz.lookup("HRW").source == "user"
    assert gaz.lookup("Beijing").name == "Beijing municipal government"
    assert gaz.lookup("PRC").name == "China"  # China keeps its other aliases
    assert gaz.lookup("xinjiang police college").country == "CHN"
    assert len(gaz) == len(default_gazetteer()) + 2
    assert default_gazetteer().lookup("Beijing").name == "China"  # the default is untouched


def test_extra_file_with_all_columns(tmp_path: Path) -> None:
    extra = write(
        tmp_path / "mine.csv",
        'name,type,country,aliases,demonyms,source\n"Ruritania",government,,Strelsau,"Ruritanian",mine\n',
    )
    gaz = Gazetteer.load(extra=extra)
    assert gaz.demonym("Ruritanian").name == "Ruritania"
    assert gaz.lookup("Strelsau").source == "mine"


BAD_FILES = [
    ("name,type,aliases\nX,ngo,\n", "line 1: missing column(s) country"),
    ("", "empty file"),
    ("name,type,country,aliases\nX,nonprofit,,\n", "line 2: actor 'X': unknown type 'nonprofit'"),
    ("name,type,country,aliases\nX,none,,\n", "line 2: actor 'X': unknown type 'none'"),
    ("name,type,country,aliases\nX,ngo,cn,\n", "line 2: actor 'X': country 'cn'"),
    ("name,type,country,aliases\nX,ngo,Chn,\n", "line 2: actor 'X': country 'Chn'"),
    ("name,type,country,aliases\nX,ngo,CHINA,\n", "line 2: actor 'X': country 'CHINA'"),
    ("name,type,country,aliases\n,ngo,,\n", "line 2: empty name"),
    ("name,type,country,aliases\nX,ngo,,A|...\n", "line 2: actor 'X': alias '...' has no word"),
    (
        "name,type,country,aliases\nX,ngo,,Same\nY,ngo,,the same\n",
        "line 3: name or alias 'the same' (normalised 'same') already denotes 'X' on line 2",
    ),
    (
        "name,type,country,aliases\nX,ngo,,\nx,igo,,\n",
        "line 3: name or alias 'x' (normalised 'x') already denotes 'X' on line 2",
    ),
    (
        "name,type,country,aliases,demonyms\nX,government,XXX,,Xish\nY,government,YYY,,xish\n",
        "line 3: demonym 'xish'",
    ),
    ("name,type,country,aliases\nX,ngo,,,extra\n", "line 2: more cells than columns"),
]


@pytest.mark.parametrize(("content", "problem"), BAD_FILES)
def test_bad_extra_files_name_file_line_and_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    bad = write(tmp_path / "bad.csv", content)
    with pytest.raises(ValueError) as info:
        Gazetteer.load(extra=bad)
    assert str(bad) in str(info.value)
    assert problem in str(info.value)


def test_missing_extra_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Gazetteer.load(extra=tmp_path / "nope.csv")


def test_constructor_rejects_shared_names() -> None:
    with pytest.raises(ValueError, match=r"'US' .* denotes both 'United States' and 'Us Weekly'"):
        Gazetteer(
            [
                Actor("United States", "government", "USA", aliases=("US",)),
                Actor("Us Weekly", "media", "USA", aliases=("US",)),
            ]
        )


# -- ablation ------------------------------------------------------------------------------------


def test_exclude_sources_drops_test_only_entries(gaz: Gazetteer) -> None:
    known = gaz.exclude_sources(*TEST_SOURCES)
    dropped = [a for a in gaz if a.source in TEST_SOURCES]
    assert dropped and len(known) == len(gaz) - len(dropped)
    assert not [a for a in known if a.source in TEST_SOURCES]
    for (actor, _, _), splits in GOLD.items():
        entry = known.lookup(actor)
        if splits & {"seeds_train", "extended_train", "extended_validation"}:
            assert entry is not None, actor  # seen outside the test splits: still known
        elif entry is not None:
            assert entry.source not in TEST_SOURCES
    assert known.lookup("Omer Kanat") is None  # a test-only gold actor
    assert known.lookup("China") == gaz.lookup("China")
    assert [m.actor.name for m in known.find_mentions("Wang Wenbin said")] == []
    assert len(gaz) == len(default_gazetteer())  # the original is untouched


# -- the build script ----------------------------------------------------------------------------


@pytest.mark.skipif(not (DATA / "build" / "make_gazetteer.py").is_file(), reason="no source tree")
def test_gazetteer_file_is_what_the_build_script_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(DATA / "build" / "make_gazetteer.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- the fast forms of the token pattern and of the normalised-token cache ------------------

from stance import gazetteer as _gazetteer  # noqa: E402

_PLAIN_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"aAé1_.'’- \nßİ", "U.S.", "U.N. ", "d'Ivoire", "People’s", "No.1"]),
        max_size=30,
    ).map("".join)
    | st.text(max_size=30)
)
def test_token_pattern_finds_what_its_plain_form_finds(text: str) -> None:
    fast, plain = _gazetteer._TOKEN_RE, _PLAIN_TOKEN_RE
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_normalised_token_cache_stays_bounded_and_right(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = _gazetteer._NormCache()
    monkeypatch.setattr(_gazetteer._NormCache, "limit", 3)
    words = ["Côte", "U.S", "İstanbul", "Ǆemal", "Côte", "x", "y", "z"]
    assert [cache[w] for w in words] == [_gazetteer._normalise_token(w) for w in words]
    assert len(cache) <= 3
