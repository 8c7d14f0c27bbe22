"""stance.language: is a text English? Real texts in other languages, and edge cases."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from stance.language import (
    MIN_ASCII_SHARE,
    MIN_FUNCTION_SHARE,
    language_evidence,
    looks_english,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS_DIRS = [Path("/work/shared/corpus"), ROOT.parent / "shared" / "corpus"]


NON_ENGLISH = {
    "french": (
        "Le ministère des Affaires étrangères a convoqué jeudi l'ambassadeur de Chine à Paris. "
        "Selon un communiqué, la France demande une enquête indépendante sur la situation des "
        "Ouïghours dans la région du Xinjiang. Pékin a rejeté ces accusations, qu'il juge "
        "infondées."
    ),
    "spanish": (
        "El Gobierno de España pidió el martes a las autoridades chinas que permitan el acceso "
        "de observadores independientes a la región de Xinjiang. La portavoz del Ministerio de "
        "Asuntos Exteriores afirmó que las denuncias de trabajo forzoso son muy graves. Pekín "
        "respondió que se trata de una injerencia en sus asuntos internos."
    ),
    "german": (
        "Die Bundesregierung hat am Mittwoch eine unabhängige Untersuchung der Vorwürfe gegen "
        "China gefordert. Ein Sprecher des Auswärtigen Amts sagte in Berlin, die Berichte über "
        "Internierungslager in Xinjiang seien besorgniserregend. Das chinesische "
        "Außenministerium wies die Kritik als Einmischung in innere Angelegenheiten zurück."
    ),
    "portuguese": (
        "O governo brasileiro divulgou nesta segunda-feira uma nota sobre a situação dos "
        "direitos humanos na China. Segundo o Itamaraty, o país acompanha com preocupação as "
        "denúncias de detenções em massa na região de Xinjiang. A embaixada chinesa em Brasília "
        "não respondeu aos pedidos de comentário."
    ),
    "chinese": (
        "外交部发言人汪文斌在例行记者会上表示，新疆事务纯属中国内政，不容任何外部势力干涉。"
        "他说，所谓强迫劳动的说法完全是别有用心的谎言。"
        "中方敦促有关国家停止借涉疆问题干涉中国内政。"
    ),
    "russian": (
        "Министерство иностранных дел России в четверг выступило с заявлением по поводу "
        "доклада ООН о положении в Синьцзяне. Официальный представитель ведомства Мария "
        "Захарова назвала документ политически ангажированным. По её словам, Москва "
        "поддерживает позицию Пекина."
    ),
    "arabic": (
        "أعلنت وزارة الخارجية الصينية يوم الاثنين رفضها للتقرير الصادر عن مكتب الأمم المتحدة "
        "لحقوق الإنسان بشأن إقليم شينجيانغ. وقال المتحدث باسم الوزارة إن التقرير يستند إلى "
        "معلومات مضللة. ودعت منظمات حقوقية المجتمع الدولي إلى فتح تحقيق مستقل."
    ),
}


@pytest.mark.parametrize("language", sorted(NON_ENGLISH))
def test_non_english_is_flagged(language: str) -> None:
    evidence = language_evidence(NON_ENGLISH[language])
    assert not evidence["english"], evidence
    assert not looks_english(NON_ENGLISH[language])
    # Both signals agree where they can: Latin-script languages fail on function words,
    # the others on script already.
    assert evidence["function_share"] < MIN_FUNCTION_SHARE / 2


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_articles_are_english(path: Path) -> None:
    evidence = language_evidence(path.read_text(encoding="utf-8"))
    assert evidence["english"], evidence


def corpus_texts() -> list[str]:
    folder = next((d for d in CORPUS_DIRS if d.is_dir()), None)
    if folder is None:
        pytest.skip("shared corpus not available")
    texts = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                texts.append(record.get("text") or "\n\n".join(record.get("paragraphs", [])))
    return texts


def test_corpus_sample_is_english() -> None:
    sample = random.Random(0).sample(corpus_texts(), 200)
    failures = [e for e in map(language_evidence, sample) if not e["english"]]
    assert failures == []
    # The margin matters more than the pass: English stays well clear of the thresholds.
    assert min(language_evidence(t)["function_share"] for t in sample) > MIN_FUNCTION_SHARE + 0.1
    assert min(language_evidence(t)["ascii_share"] for t in sample) > MIN_ASCII_SHARE + 0.1


@pytest.mark.parametrize(
    "text",
    ["", "12345 678", "OK", "Xinjiang", "北京", "COVID-19: 2020"],
)
def test_short_text_counts_as_english(text: str) -> None:
    evidence = language_evidence(text)
    assert evidence["english"] and evidence["letters"] < 20


def test_english_with_foreign_names_and_quotes() -> None:
    text = (
        "\u201cWe will never accept this,\u201d said Zhào Lìjiān, adding that Ürümqi and "
        "Kashgar were safe. The spokesperson was asked about the report by Michelle Bachelet."
    )
    assert looks_english(text)


def test_only_the_start_is_read() -> None:
    english = "The minister said that the report was false and that it would not be accepted. "
    evidence = language_evidence(english * 40 + NON_ENGLISH["chinese"] * 100)
    assert evidence["english"] and evidence["letters"] < 2_000
