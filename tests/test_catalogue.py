"""The artifact catalogue beyond the per-rule cases (``tests/rules/cases/*.yml``, run by
``tests/rules/test_rule_cases.py``): the edge-run rule on whole pages, articles in other
languages that keep their own lines, and a run over real extractor excerpts in which no
article word may be lost."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.engine.registry import RULES

CONFIG = Config(languages=None)
FIXTURES = Path(__file__).parent / "fixtures"
WORD = re.compile(r"\w+")

P1 = ("China will hold a strategic dialogue with the North Atlantic Treaty Organization next year in a "
      "dramatic turn in military relations with its erstwhile western adversaries.")
P2 = "The two sides reportedly discussed the plan for the dialogue on the sidelines of the summit held in Prague."
P3 = ("NATO, which was initially launched as a collective defense mechanism, adopted a new strategic concept "
      "at the time of the 1999 Kosovo War, officials said on Monday.")
BODY = f"{P1}\n\n{P2}\n\n{P3}"


# -- position: the edge-run rule (its cases are in tests/rules/cases/chrome.yml) ------------------

def test_NAV003_weak_evidence_alone_is_not_enough() -> None:
    # one lone label ("Africa") below the body is weak evidence: the list after it stays
    raw = f"{BODY}\n\nAfrica\nEngland (Group A): 10th appearance\nSpain (Group F): 11th appearance"
    text = clean_text(raw, CONFIG).text
    assert "England (Group A)" in text and "Spain (Group F)" in text


def test_NAV003_leaves_a_document_without_prose() -> None:
    raw = "Home\nShare on Facebook\nNATO\nChina\nPrague"
    assert "NATO" in clean_text(raw, CONFIG).text


def test_hard_wrapped_column_is_read_as_paragraphs() -> None:
    column = ("Earlier this month, NASA announced the\nnewest milestone in the development of\n"
              "its long-awaited Space Launch System.\nAt the Michoud Assembly Facility it\n"
              "completed installation of the engines\nof the first core stage for Artemis.\n")
    raw = f"Share on Facebook\n{column}\nAfrica\n\n{column}\nShare on Facebook\n{column}"
    text = clean_text(raw, CONFIG).text
    assert text.count("newest milestone") == 3 and "Africa" in text


# -- multilingual: an article's own lines are not chrome ---------------------------------------

KO = ("중국이 내년부터 북대서양조약기구와 전략 대화를 정례화하기로 했다고 25일 중국 언론이 보도했다.\n\n"
      "관련기사에 따르면 양측은 프라하 정상회의 기간에 이 문제를 논의한 것으로 알려졌다.\n\n"
      "정치\n\n"
      "중국은 테러와의 전쟁에 동참할 필요성을 인식하고 있다고 전문가들은 분석했다.")
PT = ("O professor apresentou ontem um novo método de alfabetização para crianças de cinco anos em São Paulo.\n\n"
      "Política\n\n"
      "Segundo ele, o método já foi testado em dez escolas públicas com bons resultados, disse o ministério.")
ID = ("Sebelum Islam pecah menjadi Sunni dan Syiah, para sahabat hidup dalam satu komunitas yang sama di Madinah.\n\n"
      "Baca juga kisah para sahabat itu dalam buku sejarah yang ditulis oleh para ulama pada abad ketiga hijriah.\n\n"
      "Zaman sahabat itu disebut zaman terbaik oleh banyak ulama, kata penulis buku tersebut kepada wartawan.")
IT = ("Il governo ha approvato ieri la nuova legge di bilancio dopo una lunga discussione in Parlamento.\n\n"
      "Leggi anche il rapporto completo pubblicato dal ministero, che spiega nel dettaglio tutte le misure previste.\n\n"
      "Cronaca\n\n"
      "Secondo il ministro, le misure entreranno in vigore dal primo gennaio del prossimo anno.")


@pytest.mark.parametrize("text", [KO, PT, ID, IT], ids=["ko", "pt", "id", "it"])
def test_non_english_articles_keep_their_own_lines(text: str) -> None:
    assert clean_text(text, CONFIG).text == text


# -- real extractor output: no article word is lost ---------------------------------------------


def _record_words(result) -> Counter:
    """Words of the text and of every field the cleaner moved text into."""
    fields = result.fields
    parts = [result.text, fields.get("title") or ""]
    parts += [a.get("name", "") for a in fields.get("authors", [])]
    parts += [c["text"] for c in fields.get("credits", [])]
    parts += list(fields.get("captions", []))
    return Counter(w for part in parts for w in WORD.findall(part))


EXCERPTS = json.loads((FIXTURES / "excerpts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("excerpt", EXCERPTS, ids=[e["source"].split("/")[1] + "-" + e["source"].split("/")[2][:8] for e in EXCERPTS])
def test_no_article_word_is_lost_on_real_extractor_output(excerpt: dict) -> None:
    result = clean_text(excerpt["raw"], CONFIG)
    article = Counter(w for paragraph in excerpt["article"] for w in WORD.findall(paragraph))
    missing = article - _record_words(result)
    assert not missing, f"article words lost: {sorted(missing)[:20]}"


def test_excerpts_lose_junk() -> None:
    """The excerpts are small windows (little context to judge by), yet junk goes."""
    raw_words = sum(len(WORD.findall(e["raw"])) for e in EXCERPTS)
    article = sum(len(WORD.findall(p)) for e in EXCERPTS for p in e["article"])
    kept = sum(len(WORD.findall(clean_text(e["raw"], CONFIG).text)) for e in EXCERPTS)
    assert raw_words - kept >= 0.25 * (raw_words - article)


# -- the catalogue ------------------------------------------------------------------------------


def test_every_rule_documents_an_example_and_what_it_leaves_alone() -> None:
    for rule in RULES:
        doc = rule.doc()
        assert "Leaves alone" in doc, rule.code
        assert "Before" in doc or ">>>" in doc, rule.code
