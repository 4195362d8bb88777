"""Publish dates in other languages: on a line above the article, in its first line, in a field."""

from __future__ import annotations

import pytest

from index.cleaning.clean import clean_page
from index.cleaning.dates import normalise_date
from index.cleaning.local_dates import local_date_in_text
from index.records import Page


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12. März 2024", "2024-03-12"),
        ("15 de marzo de 2024", "2024-03-15"),
        ("16 mars 2024 à 10:15", "2024-03-16"),
        ("7 kwietnia 2024 r.", "2024-04-07"),
        ("20 марта 2024 года", "2024-03-20"),
        ("2024年3月21日", "2024-03-21"),
        ("2024년 3월 21일", "2024-03-21"),
        ("23 مارس 2024", "2024-03-23"),
        ("5 كانون الثاني 2021", "2021-01-05"),
        ("24 במרץ 2024", "2024-03-24"),
        ("25 Mart 2024", "2024-03-25"),
        ("26 Μαρτίου 2024", "2024-03-26"),
        ("1. ΜΑΡΤΙΟΥ 2024", "2024-03-01"),
        ("27 मार्च 2024", "2024-03-27"),
        ("3 de Março de 2020", "2020-03-03"),
        ("Berlin, 4. Oktober 2023 (dpa) - Die Regierung", "2023-10-04"),
        ("42 Häuser 2024", ""),
        ("31. Juni 2024", ""),
        ("1 out 2020", ""),
    ],
)
def test_dates_in_other_languages(line, expected):
    assert local_date_in_text(line) == expected


PAGES = {
    "de": (
        "Startseite\nPolitik\nSport\n\nNeue Häuser für Berlin\n12. März 2024\n\n"
        "Der Berliner Senat will in den kommenden Jahren mehr als 4.000 neue Häuser bauen lassen. "
        "Das teilte der Bausenator am Dienstag mit.\n\n"
        "Die Bürgerinitiative kritisierte die Pläne, weil jedes Haus eine Grünfläche koste.\n\n"
        "Impressum\nDatenschutz\n",
        "2024-03-12",
    ),
    "pl": (
        "Strona główna\nKraj\n\nWybory w Warszawie: rekordowa frekwencja\n7 kwietnia 2024\n\n"
        "W niedzielnych wyborach w Warszawie frekwencja wyniosła ponad 60 procent, poinformowała "
        "komisja wyborcza.\n\nTo najwyższy wynik w historii stolicy, podkreślają eksperci.\n",
        "2024-04-07",
    ),
    "zh": (
        "首页\n新闻\n\n北京共享单车数量创新高\n2024年3月21日\n\n"
        "北京市交通委员会周三表示，全市共享单车数量已超过一百万辆，创历史新高。"
        "市民骑行次数比去年同期增长了百分之三十。\n\n"
        "专家认为，共享单车的发展有助于改善城市居民的生活质量。上海和广州也在推出类似的政策。\n",
        "2024-03-21",
    ),
}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_page_is_dated_by_a_date_line_in_its_language(language):
    text, expected = PAGES[language]
    article = clean_page(Page("d", "o", "k", text))
    assert article.date == expected
    assert not any(expected[:4] in p for p in article.paragraphs[:1]), article.paragraphs


def test_a_date_field_in_another_language_is_read():
    assert normalise_date("12. März 2024") == "2024-03-12"
    assert normalise_date("März") == ""
