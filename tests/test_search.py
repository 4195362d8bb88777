"""Search: the query language, fallback, correction, sorting, facets, copies and snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import QueryParser

from index.format.analysis import spelling_words
from index.format.schema import build_schema, document_for, indexed_body
from index.records import Article, ArticleEntity
from index.search.engine import SearchEngine
from index.search.query import parse_query
from index.search.snippets import highlight_spans, make_snippet
from index.store import ArticleStore
from widgets.display_text import safe_line


def _article(aid: str, title: str, paragraphs: list[str], **kw) -> Article:
    kw.setdefault("dump", "wire")
    kw.setdefault("language", "en")
    kw.setdefault("copy_group", aid)
    return Article(id=aid, origin=f"fixture:{aid}", title=title, paragraphs=paragraphs, **kw)


RASMUSSEN = [
    ArticleEntity("Anders Fogh Rasmussen", "person", 2, aliases=["Rasmussen"]),
    ArticleEntity("NATO", "org", 1),
    ArticleEntity("Kyiv", "place", 1),
]
NATO_BODY = [
    "NATO Secretary-General Anders Fogh Rasmussen met Ukrainian leaders in Kyiv.",
    "Rasmussen said the alliance would not confirm any troop withdrawal by Russia.",
]

FIXTURES = [
    _article("nato1", "NATO Chief Visits Kyiv", NATO_BODY, dump="rferl", source="RFE/RL",
             date="2014-04-03T10:00:00", entities=RASMUSSEN),
    _article("nato1copy", "NATO Chief Visits Kyiv", NATO_BODY, dump="mirror", source="RFE/RL",
             date="2014-04-03T10:00:00", entities=RASMUSSEN, copy_group="nato1"),
    _article("poro", "Poroshenko Sworn In", [
        "Petro Poroshenko was sworn in as president of Ukraine in Kyiv.",
        "He promised to end the conflict in the east of Ukraine.",
    ], dump="rferl", source="RFE/RL", date="2014-06-07T09:00:00",
        entities=[ArticleEntity("Petro Poroshenko", "person", 1, aliases=["Poroshenko"]),
                  ArticleEntity("Ukraine", "place", 2)]),
    _article("berlin", "Regierung in Berlin", [
        "Die Bundesregierung in Berlin berät über die Große Koalition in der Wilhelmstraße.",
    ], dump="dw", source="DW", language="de", date="2014-08-01T12:00:00"),
    _article("moscow", "Москва и НАТО", [
        "Правительство в Москве обсуждает НАТО. Москва ответила на заявление.",
    ], dump="ru", source="TASS", language="ru"),
    _article("istanbul", "İstanbul'da seçim", [
        "İstanbul'da seçim sonuçları açıklandı; Çağrı Bey konuştu.",
    ], dump="tr", source="Hürriyet", language="tr", date="2013-12-31T08:00:00"),
    _article("markup", "Market Notes", [
        "Traders said [bold]oil[/bold] prices rose; see [link=http://evil]here[/link] for more.",
    ], dump="wire", source="Wire", date="2015-01-02T00:00:00"),
    _article("oiltitle", "Oil Prices Fall Sharply", [
        "Markets were calm on Monday and traders waited for news from the producers. "
        "Crude oil slipped.",
    ], dump="wire", source="Wire", date="2015-02-01T00:00:00"),
    _article("oilbody", "Markets Wait For News", [
        "Markets were calm on Monday and traders waited for news from the producers. "
        "Crude oil slipped.",
    ], dump="wire", source="Wire", date="2015-02-02T00:00:00"),
] + [
    _article(f"filler{i:02d}", f"Harvest report {i}", [
        f"The harvest report number {i} covers wheat and barley in the region. " * 3,
    ], dump="farm", source="Farm News", date=f"2012-{i % 12 + 1:02d}-{i % 27 + 1:02d}")
    for i in range(30)
]  # fmt: skip


def build_engine(folder: Path, articles: list[Article]) -> SearchEngine:
    """A library written through the store and the schema directly (no cleaning pipeline)."""
    (folder / "whoosh").mkdir(parents=True)
    ix = FileStorage(str(folder / "whoosh"), supports_mmap=False).create_index(build_schema())
    store = ArticleStore(folder / "articles.db")
    writer = ix.writer()
    for article in articles:
        writer.add_document(**document_for(article))
    store.put_articles(articles)
    store.put_words(w for a in articles for w in spelling_words(indexed_body(a)))  # as the ingest
    store.commit()
    writer.commit()
    return SearchEngine(ix, store)


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> SearchEngine:
    eng = build_engine(tmp_path_factory.mktemp("lib"), FIXTURES)
    yield eng
    eng.close()


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


# -- the query language -----------------------------------------------------------------------


def test_plain_words_are_and(engine):
    assert ids(engine.search("rasmussen kyiv")) == ["nato1"]
    assert set(ids(engine.search("kyiv"))) == {"nato1", "poro"}
    assert engine.search("rasmussen poroshenko").total == 0


def test_stemming_and_case(engine):
    assert ids(engine.search("WITHDRAWALS")) == ["nato1"]
    assert "poro" in ids(engine.search("promising"))


def test_phrases(engine):
    assert ids(engine.search('"Fogh Rasmussen"')) == ["nato1"]
    assert engine.search('"Rasmussen Fogh"').total == 0


def test_longer_phrases_check_positions(engine):
    assert ids(engine.search('"sworn in as president"')) == ["poro"]
    assert engine.search('"sworn as in president"').total == 0
    assert ids(engine.search('"Petro Poroshenko" kyiv')) == ["poro"]
    assert engine.search('"Petro Poroshenko" date:2013').total == 0


def test_or_and_not(engine):
    assert set(ids(engine.search("poroshenko OR bundesregierung"))) == {"poro", "berlin"}
    assert ids(engine.search("kyiv -poroshenko")) == ["nato1"]
    assert ids(engine.search("kyiv NOT poroshenko")) == ["nato1"]
    assert ids(engine.search("(poroshenko OR rasmussen) kyiv -nato")) == ["poro"]
    only_not = engine.search("-harvest", limit=100)
    assert only_not.total == len(FIXTURES) - 1 - 30  # copies collapsed, fillers excluded


def test_prefix_wildcard_and_fuzzy(engine):
    assert ids(engine.search("porosh*")) == ["poro"]
    assert ids(engine.search("p?roshenko")) == ["poro"]
    assert ids(engine.search("poroshenk~")) == ["poro"]
    assert ids(engine.search("porozhenko~2")) == ["poro"]


def test_entity_fields(engine):
    assert ids(engine.search('person:"Anders Fogh Rasmussen"')) == ["nato1"]
    assert ids(engine.search("person:rasmussen")) == ["nato1"]
    assert engine.search('person:"Rasmussen Petro"').total == 0  # never across two names
    assert ids(engine.search("org:nato")) == ["nato1"]
    assert ids(engine.search("place:Ukraine")) == ["poro"]
    assert ids(engine.search("title:poroshenko")) == ["poro"]
    assert engine.search("title:ukraine").total == 0  # only in the body


def test_place_canonical_name(engine):
    pytest.importorskip("index.entities.gazetteer")
    assert ids(engine.search("place:Kiev")) == ["nato1"]


def test_meta_fields(engine):
    assert ids(engine.search("dump:dw")) == ["berlin"]
    assert ids(engine.search("source:dw")) == ["berlin"]  # case-insensitive
    assert ids(engine.search("lang:RU")) == ["moscow"]
    assert ids(engine.search("dump:mirror kyiv")) == ["nato1copy"]


def test_dates(engine):
    assert ids(engine.search("date:2014-04")) == ["nato1"]
    assert set(ids(engine.search("date:2014-04-01..2014-08-31"))) == {"nato1", "poro", "berlin"}
    assert set(ids(engine.search("date:>2014-06 -harvest"))) == {
        "berlin", "markup", "oiltitle", "oilbody",
    }  # fmt: skip
    assert ids(engine.search("date:<2014 -harvest")) == ["istanbul"]
    assert ids(engine.search("date:..2013-12-31 -harvest")) == ["istanbul"]
    assert ids(engine.search("date:2014 kyiv", sort="oldest")) == ["nato1", "poro"]


def test_other_languages_by_their_words(engine):
    assert ids(engine.search("wilhelmstrasse")) == ["berlin"]
    assert ids(engine.search("GROSSE koalition")) == ["berlin"]
    assert ids(engine.search("москва")) == ["moscow"]
    assert ids(engine.search("МОСКВА")) == ["moscow"]
    assert ids(engine.search("istanbul secim")) == ["istanbul"]
    assert ids(engine.search("ÇAĞRI")) == ["istanbul"]


# -- forgiving --------------------------------------------------------------------------------


def test_unparsable_query_falls_back_to_words(engine):
    for text in (
        "(kyiv rasmussen",
        'kyiv "rasmussen',
        "kyiv OR",
        "rasmussen AND",
        "date:2014-99 kyiv",
    ):
        result = engine.search(text)
        assert result.interpreted.startswith("could not read the query"), text
        assert "nato1" in ids(result), text


def test_parse_reports_how_it_read(engine):
    assert parse_query("a OR b").interpreted == "a OR b"
    assert parse_query("").interpreted == "all articles"
    assert engine.search("kyiv -poroshenko").interpreted == "kyiv -poroshenko"


def test_did_you_mean(engine):
    result = engine.search("rasmusen")
    assert result.total == 0
    assert result.correction == "rasmussen"
    assert engine.search(result.correction).total == 1
    assert engine.search("kyiv").correction == ""  # found: no suggestion
    assert engine.search("Rasmusen kyiv").correction == "Rasmussen kyiv"
    assert engine.search("date:2014 POROSHENKOO").correction == "date:2014 POROSHENKO"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60))
def test_any_string_is_a_query(engine, text):
    result = engine.search(text, limit=5)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "(",
                ")",
                "OR",
                "AND",
                "NOT",
                "-",
                "*",
                "~",
                "kyiv",
                "date:",
                "person:",
                "dump:",
                "date:2014",
                "date:>",
                "..",
                "title:",
                ":",
                "nato",
                "?",
            ]
        ),
        max_size=8,
    )
)
def test_any_mix_of_syntax_is_a_query(engine, parts):
    result = engine.search(" ".join(parts))
    assert isinstance(result.interpreted, str)


# -- results ----------------------------------------------------------------------------------


def test_empty_query_lists_newest_first_undated_last(engine):
    result = engine.search("", limit=100)
    assert result.total == len(FIXTURES) - 1
    dates = [h.date for h in result.hits]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[-1] == "" and ids(result)[-1] == "moscow"
    oldest = engine.search("", limit=100, sort="oldest")
    assert [h.date for h in oldest.hits if h.date] == sorted(dated)
    assert ids(oldest)[-1] == "moscow"


def test_relevance_title_weighs_more_than_body(engine):
    result = engine.search("oil")
    assert result.hits[0].id == "oiltitle"
    assert result.hits[0].score > next(h.score for h in result.hits if h.id == "oilbody")


def test_sort_by_date_with_a_query(engine):
    assert ids(engine.search("oil", sort="newest")) == ["oilbody", "oiltitle", "markup"]
    assert ids(engine.search("oil", sort="oldest")) == ["markup", "oiltitle", "oilbody"]


def test_paging_is_consistent(engine):
    whole = engine.search("", limit=40)
    pages = [engine.search("", limit=7, offset=o) for o in range(0, 40, 7)]
    assert [i for p in pages for i in ids(p)] == ids(whole)
    assert {p.total for p in pages} == {whole.total}
    assert engine.search("harvest", limit=10, offset=1000).hits == []


def test_facets_and_filters(engine):
    result = engine.search("kyiv")
    assert result.facets["dump"] == {"rferl": 2, "mirror": 1}
    assert result.facets["lang"] == {"English": 3}  # by name; the name is a filter too
    assert engine.search("kyiv", filters={"lang": "English"}).total == 2
    assert result.facets["source"] == {"RFE/RL": 3}
    narrowed = engine.search("", filters={"dump": "farm"})
    assert narrowed.total == 30 and {h.dump for h in narrowed.hits} == {"farm"}
    assert engine.search("kyiv", filters={"source": "RFE/RL", "date": "2014-06"}).total == 1
    assert engine.search("kyiv", filters={"nonsense": "x"}).total == 2


def test_copies_collapse_into_one_hit(engine):
    result = engine.search("rasmussen")
    assert result.total == 1
    [hit] = result.hits
    assert hit.id == "nato1" and hit.also_in == ["mirror"]
    from_mirror = engine.search("rasmussen", filters={"dump": "mirror"})
    assert ids(from_mirror) == ["nato1copy"] and from_mirror.hits[0].also_in == ["rferl"]


def test_snippets_highlight_the_matched_words(engine):
    result = engine.search("rasmussen withdrawal")
    hit = result.hits[0]
    words = {hit.snippet[s:e].lower() for s, e in hit.highlights}
    assert words == {"rasmussen", "withdrawal"}
    assert "\n" not in hit.snippet
    no_snippets = engine.search("rasmussen", snippets=False)
    assert no_snippets.hits[0].snippet == ""


def test_markup_in_page_text_stays_plain(engine):
    hit = engine.search("oil traders", filters={"dump": "wire"}).hits
    markup = next(h for h in hit if h.id == "markup")
    assert "[bold]oil[/bold]" in markup.snippet
    assert "[link=http://evil]" in markup.snippet
    assert [markup.snippet[s:e] for s, e in markup.highlights] == ["Traders", "oil"]


def test_terms_highlight_the_article_view(engine):
    result = engine.search("withdrawals Rasmussen")
    text = "Rasmussen denied any withdrawal; Rasmussen's office agreed."
    spans = highlight_spans(text, result.terms)
    assert [text[s:e] for s, e in spans] == ["Rasmussen", "withdrawal", "Rasmussen"]
    assert highlight_spans(text, []) == []


def test_snippet_window_prefers_the_passage_with_most_terms():
    text = "alpha " + "filler " * 60 + "beta gamma " + "filler " * 60 + "beta"
    spans = [(0, 5, "alpha")]
    for word in ("beta", "gamma"):
        start = text.find(word)
        spans.append((start, start + len(word), word))
    snippet, highlights = make_snippet(text, spans)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert sorted(snippet[s:e] for s, e in highlights) == ["beta", "gamma"]


def test_a_snippet_across_paragraphs_is_one_line_with_its_highlights():
    """A paragraph break is two characters in the text: the snippet shows one space there (as the
    results list draws it, `safe_line`), and the highlights still point at their words."""
    text = "The talks ended.\n\nIn  Kyiv,\u00a0Rasmussen said\tno.\n\nMore text follows."
    spans = [(text.find(w), text.find(w) + len(w), w.lower()) for w in ("Kyiv", "Rasmussen")]
    snippet, highlights = make_snippet(text, spans, width=40)
    assert "  " not in snippet and snippet == safe_line(snippet, 10_000)
    assert [snippet[s:e] for s, e in highlights] == ["Kyiv", "Rasmussen"]


def test_a_snippet_begins_and_ends_on_whole_words_at_line_breaks():
    caption = "Ukrainian President Petro Poroshenko (left) greets NATO's chief in Kyiv."
    text = "Kyiv.\n" + caption + "\n" + "Rasmussen vowed support for Ukraine.\n" * 8
    words = set(text.split())
    start = text.find("NATO")
    for width in range(30, 120, 3):
        snippet, _ = make_snippet(text, [(start, start + 4, "nato")], width=width)
        shown = snippet.strip("…").split()
        assert shown[0] in words and shown[-1] in words, (width, snippet)
    text = caption + "\n" + "Rasmussen vowed support for Ukraine.\n" * 8  # the text's first word
    start = text.find("NATO")
    for width in range(30, 120, 3):
        shown = make_snippet(text, [(start, start + 4, "nato")], width=width)[0].split()
        assert shown[0].strip("…") in words, (width, shown)


def test_refresh_sees_another_writers_commit(tmp_path):
    eng = build_engine(tmp_path, FIXTURES[:3])
    assert eng.search("bundesregierung").total == 0
    assert eng.refresh() is False
    other = FileStorage(str(tmp_path / "whoosh"), supports_mmap=False).open_index()
    store = ArticleStore(tmp_path / "articles.db")
    writer = other.writer()
    writer.add_document(**document_for(FIXTURES[3]))
    store.put_articles([FIXTURES[3]])
    store.commit()
    writer.commit()
    assert eng.refresh() is True
    assert ids(eng.search("bundesregierung")) == ["berlin"]
    eng.close()


def test_an_empty_library_searches_and_then_sees_its_first_articles(tmp_path):
    eng = build_engine(tmp_path, [])
    for text in ("", "kyiv", "date:2014 -x", '"a b c"'):
        assert eng.search(text).total == 0
    assert eng.refresh() is False
    writer = eng.ix.writer()
    writer.add_document(**document_for(FIXTURES[2]))
    eng.store.put_articles([FIXTURES[2]])
    eng.store.commit()
    writer.commit()
    assert eng.refresh() is True
    assert ids(eng.search("")) == ["poro"]
    eng.close()


def test_an_updated_article_is_found_once(tmp_path):
    eng = build_engine(tmp_path, FIXTURES[:3])
    writer = eng.ix.writer()
    changed = _article("poro", "Poroshenko Takes Office", ["Petro Poroshenko took office."])
    writer.update_document(**document_for(changed))
    eng.store.put_articles([changed])
    eng.store.commit()
    writer.commit()
    eng.refresh()
    assert eng.search("poroshenko").total == 1
    assert eng.search("sworn").total == 0
    eng.ix.optimize()  # a merge: the old segments go away
    assert eng.refresh() is True
    assert eng.search("poroshenko").total == 1
    assert eng.search("").total == 2  # nato1 and its copy collapse, poro once
    eng.close()


@pytest.fixture(scope="module")
def phrase_engine(tmp_path_factory) -> SearchEngine:
    """60 articles with the words "interest" and "rates"; every third has "interest rates"."""
    articles = []
    for i in range(60):
        if i % 3 == 0:
            text = f"Central bank interest rates held at {i} percent, officials said."
        else:
            text = f"Rates of growth rose {i} percent; investors showed interest in bonds."
        articles.append(_article(f"p{i:02d}", f"Bank report {i}", [text], dump=f"d{i % 2}"))
    eng = build_engine(tmp_path_factory.mktemp("phrases"), articles)
    yield eng
    eng.close()


def test_phrases_from_positions_find_what_whoosh_finds(phrase_engine):
    searcher = phrase_engine.view.searcher  # Whoosh's own span matcher, as the reference
    parser = QueryParser("body", searcher.schema)
    for text in ('"interest rates"', '"rates of growth"', '"interest in bonds"', '"rates held"'):
        expected = {
            searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(parser.parse(text))
        }
        found = {h.id for h in phrase_engine.search(text, limit=100).hits}
        assert found == expected and found, text
    assert phrase_engine.search('"interest rates"', limit=100).total == 20
    assert phrase_engine.search('"rates interest"', limit=100).total == 0  # order matters


def test_a_minus_before_a_phrase_or_a_group_excludes_it(phrase_engine):
    assert phrase_engine.search('bank -"interest rates"', limit=100).total == 40
    assert phrase_engine.search("report -(interest OR growth)", limit=100).total == 0
    assert phrase_engine.search('"interest rates" OR nosuchword', limit=100).total == 20
