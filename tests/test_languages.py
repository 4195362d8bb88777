"""Search, snippets, entities and facets beyond English: the console script and the pilot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tui_support import make_app, screen_text, settle

from index import Library
from index.format import build_schema, prepared_docs, schema
from index.search.snippets import highlight_spans

SCRIPT = Path(sys.executable).with_name("newsreader")

# Written for these tests (not corpus pages): each holds its words inflected or in running text.
PAGES = [
    {
        "id": "zh",
        "title": "城市交通新闻",
        "text": "北京市政府今天宣布，将在全市范围内推广共享单车服务。"
        "市民可以通过手机应用程序租用单车，"
        "费用低廉。同时，政府还计划建设更多保障房，以解决低收入家庭的住房问题。专家表示，这些措施"
        "将有助于改善城市居民的生活质量。",
    },
    {
        "id": "ja",
        "title": "新しい教材の発表",
        "text": "文部科学省は本日、小学校向けの新しい教材を発表しました。"
        "この教材はデジタル形式で提供され、"
        "生徒はタブレットで学習できます。また、人気のポッドキャストでも紹介される予定です。",
    },
    {
        "id": "ru",
        "title": "Полиция задержала репортёров",
        "text": "В Москве полиция задержала нескольких журналистов, "
        "которые освещали акцию протеста. "
        "Представители редакций потребовали немедленно освободить своих коллег. Правозащитники "
        "заявили, что работа журналистов защищена законом.",
    },
    {
        "id": "de",
        "title": "Schulen bekommen Tablets",
        "text": "Die Bundesregierung will die Digitalisierung der Schulen in München und Berlin "
        "beschleunigen. Lehrer fordern mehr Geld für Tablets und schnelles Internet. "
        "Kultusminister Jürgen Meyer sagte, die Digitalisierung sei eine große Aufgabe für das "
        "ganze Land. Meyer lobte die Hilfe von Siemens.",
    },
    {
        "id": "es",
        "title": "Nuevo aparato para el rescate",
        "text": "El gobierno regional presentó hoy un nuevo helicóptero de rescate "
        "para las montañas. "
        "El aparato podrá volar de noche y transportar a cuatro heridos. Los pilotos del servicio "
        "de emergencias recibieron formación durante tres meses.",
    },
    {
        "id": "ar",
        "title": "افتتاح مكتبة جديدة في القاهرة",
        "text": "افتتحت وزارة الثقافة المصرية اليوم مكتبة جديدة في وسط القاهرة "
        "تضم آلاف الكتب العربية "
        "والأجنبية. وقال الوزير إن المكتبة ستكون مفتوحة للطلاب والباحثين طوال أيام الأسبوع.",
    },
    {
        "id": "mixed",
        "title": "iPhone手机 and Москва",
        "text": "Apple的iPhone手机在Москва卖得很好 — sales of the phone in Russia grew, "
        "said analysts "
        "in a note on Tuesday about the smartphone market in Europe and Asia.",
    },
    {"id": "short", "title": "Ок", "text": "单车 ok"},  # too little text to tell its language
    {
        "id": "en",
        "title": "Troop withdrawal announced",
        "text": "The government said the troop withdrawal would begin next week, officials said, "
        "and that the soldiers would return to their bases before the end of the month.",
    },
]


def newsreader(library: Path, *args: str) -> str:
    done = subprocess.run(
        [str(SCRIPT), "--library", str(library), *args], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def search(library: Path, query: str) -> dict:
    return json.loads(newsreader(library, "search", "--json", "--", query))


def found(library: Path, query: str) -> list[str]:
    return sorted(hit["title"] for hit in search(library, query)["hits"])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("languages")
    dump = tmp / "world.jsonl"
    dump.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PAGES), "utf-8")
    newsreader(tmp / "library", "index", str(dump), "--workers", "1")
    return tmp / "library"


TITLE = {p["id"]: p["title"] for p in PAGES}


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("单车", {"zh", "short"}),  # inside running text (and in a page of no known language)
        ("保障房", {"zh"}),
        ("教材", {"ja"}),
        ("ポッドキャスト", {"ja"}),
        ("журналисты", {"ru"}),  # the page says журналистов
        ("Digitalisierungen", {"de"}),  # the page says Digitalisierung
        ("helicópteros", {"es"}),  # the page says helicóptero
        ("helicopteros", {"es"}),
        ("مكتبة", {"ar"}),
        ("troops", {"en"}),  # English stems as before
        ("手机", {"mixed", "zh"}),
        ('"共享单车服务"', {"zh"}),  # a phrase inside a run
        ("住", {"zh"}),  # one CJK character: the bigrams it starts
    ],
)
def test_words_find_their_forms_in_every_language(folder, query, wanted):
    assert found(folder, query) == sorted(TITLE[w] for w in wanted)


def test_prefix_fuzzy_and_did_you_mean_across_scripts(folder):
    assert found(folder, "журналист*") == [TITLE["ru"]]
    assert found(folder, "Digitalisirung~") == [TITLE["de"]]
    result = search(folder, "Digitalisirung")
    assert result["total"] == 0 and result["correction"].lower() == "digitalisierung"


@pytest.mark.parametrize("query", ["ภาษาไทย", "한국어", "Ελληνικά", "ﾎﾟｯﾄﾞ", "🙂", "-单车", "单*"])
def test_queries_in_scripts_the_library_does_not_hold_never_fail(folder, query):
    result = search(folder, query)  # exit code 0, JSON answer
    assert isinstance(result["total"], int)


def test_language_facet_and_filter_by_name_or_code(folder):
    result = search(folder, "")
    assert result["facets"]["lang"]["Russian"] == 1
    assert "ru" not in result["facets"]["lang"]
    for query in ("lang:ru", "lang:russian", "lang:Russian", "lang:русский", "lang:Русский"):
        assert found(folder, query) == [TITLE["ru"]]
    assert found(folder, "lang:Deutsch") == [TITLE["de"]]
    assert found(folder, "lang:español") == [TITLE["es"]]


def test_snippets_highlight_whole_cjk_words_and_arabic_words(folder):
    for query in ("保障房", "مكتبة"):
        hit = search(folder, query)["hits"][0]
        (start, end), *_ = hit["highlights"]
        assert hit["snippet"][start:end] == query


def test_entities_outside_english_by_known_names_and_local_spellings(folder):
    with Library(folder) as library:
        ru = library.search("журналистов").hits[0]
        article = library.article(ru.id)
        assert [(e.kind, e.name) for e in article.entities] == [("place", "Moscow")]
        assert "Russian" in library.entities_note(article)
        de = library.article(library.search("Digitalisierung").hits[0].id)
        kinds = {(e.kind, e.name): e.count for e in de.entities}
        assert kinds[("person", "Jürgen Meyer")] == 2  # "Meyer" alone is him too
        assert ("org", "Siemens") in kinds
        assert {("place", "Munich"), ("place", "Berlin")} <= set(kinds)
        assert len(kinds) == 4  # no capitalised German noun taken for a name
        assert library.entities_note(de) == "German: people and organisations by known names only"
        ar = library.article(library.search("مكتبة").hits[0].id)
        assert "places only" in library.entities_note(ar)
        en = library.article(library.search("troop").hits[0].id)
        assert library.entities_note(en) == ""
    assert "Jürgen Meyer" in newsreader(folder, "entities", "--kind", "person")


def test_place_queries_in_other_languages_and_scripts(folder):
    with Library(folder) as library:
        moscow = {h.title for h in library.search("place:Moscow").hits}
        assert moscow
        for spelling in ("Москва", "Moskau", "Moscou"):
            assert {h.title for h in library.search(f"place:{spelling}").hits} == moscow, spelling


def test_highlight_spans_merge_bigrams_and_stem_by_language():
    assert highlight_spans("建设更多保障房，以", ["保障", "障房"]) == [(4, 7)]
    assert highlight_spans("работа журналистов", ["журналист"], "ru") == [(7, 18)]


def test_a_library_analysed_in_english_only_still_opens_searches_and_grows(tmp_path, monkeypatch):
    """Libraries of earlier versions pickled the English analyzer: they keep it."""
    monkeypatch.setattr(schema, "language_analyzer", schema.text_analyzer)
    prepared_docs._schema.cache_clear()  # the schema the ingest compares an index's with
    folder = tmp_path / "old"
    dump = tmp_path / "a.jsonl"
    dump.write_text(json.dumps(PAGES[-1]) + "\n", "utf-8")
    with Library(folder) as library:
        library.add([dump], workers=1)
    monkeypatch.undo()
    prepared_docs._schema.cache_clear()
    assert type(build_schema()["body"].analyzer).__name__ == "LanguageAnalyzer"
    assert found(folder, "troops") == [TITLE["en"]]
    more = tmp_path / "b.jsonl"
    more.write_text(json.dumps(PAGES[2], ensure_ascii=False) + "\n", "utf-8")
    newsreader(folder, "index", str(more), "--workers", "1")
    assert found(folder, "журналистов") == [TITLE["ru"]]  # its own form: no Russian stems


async def test_reader_shows_cjk_and_arabic_articles_with_highlights(folder):
    with Library(folder) as library:
        app = make_app(library)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            for query, shown_word in (("保障房", "保障房"), ("مكتبة", "مكتبة"), ("单", "单车")):
                await pilot.press("slash", "ctrl+u", *query)
                screen = await settle(pilot)
                assert screen.results.hits, query
                text, _ = screen_text(app)
                assert shown_word in text


def test_language_names_are_pycountrys_without_loading_it() -> None:
    import pycountry

    from index.records import _two_letter_names, language_name

    def by_pycountry(code: str) -> str:
        found = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
        return found.name.split(" (")[0].removeprefix("Modern ") if found else code

    codes = [lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    assert set(_two_letter_names()) == set(codes)  # scripts/language_names.py wrote them all
    for code in [*codes, "deu", "ceb", "xx"]:
        assert language_name(code) == by_pycountry(code), code
    assert language_name("RU") == "Russian"
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from index.records import language_name; "
         "print(language_name('de'), 'pycountry' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.split() == ["German", "False"]
