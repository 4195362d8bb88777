"""Search over a library as it grows: several segments, long posting lists, the Library door."""

from __future__ import annotations

import json

from test_search import build_engine
from whoosh.filedb.filestore import FileStorage

from index.format.schema import document_for
from index.library import Library
from index.records import Article
from index.store import ArticleStore

NATO_BODY = [
    "NATO Secretary-General Anders Fogh Rasmussen met Ukrainian leaders in Kyiv.",
    "Rasmussen said the alliance would not confirm any troop withdrawal by Russia.",
]


def _article(aid: str, title: str, paragraphs: list[str], **kw) -> Article:
    kw.setdefault("language", "en")
    return Article(
        id=aid, origin=f"fixture:{aid}", title=title, paragraphs=paragraphs, copy_group=aid, **kw
    )


def test_snippets_read_the_right_posting_blocks_across_segments(tmp_path):
    """Hits far apart in long posting lists (many 128-posting blocks, two segments) get the
    spans of their own text: the block index must point at the block that holds each hit."""
    many = [
        _article(f"crop{i:03d}", f"Crop note {i}", [
            f"Note {i}: " + ("barley " if i % 7 == 0 else "") + "wheat harvest in the valley "
            + ("oats " * (i % 5)) + "and more wheat.",
        ], dump="farm", date=f"2013-01-{i % 28 + 1:02d}")
        for i in range(700)
    ]  # fmt: skip
    eng = build_engine(tmp_path, many[:400])
    other = FileStorage(str(tmp_path / "whoosh"), supports_mmap=False).open_index()
    writer = other.writer()
    for article in many[400:]:
        writer.add_document(**document_for(article))
    store = ArticleStore(tmp_path / "articles.db")
    store.put_articles(many[400:])
    store.commit()
    writer.commit(merge=False)
    assert eng.refresh() is True
    assert len(eng.view.leaves) == 2
    result = eng.search("wheat barley", limit=200, sort="oldest")
    assert result.total == 100  # every seventh note
    by_id = {a.id: a for a in many}
    for hit in result.hits:
        text = by_id[hit.id].paragraphs[0]
        words = sorted({hit.snippet[s:e].lower() for s, e in hit.highlights})
        assert words == ["barley", "wheat"], hit.id
        assert hit.snippet.strip("…") in text
    eng.close()


def test_through_the_library(tmp_path):
    dump = tmp_path / "nato.jsonl"
    rows = [
        {"id": "1", "title": "NATO chief in Kyiv", "text": "\n\n".join(NATO_BODY),
         "date": "2014-04-03", "source": "RFE/RL"},
        {"id": "2", "title": "Harvest report", "text": "Wheat and barley. " * 20,
         "date": "2013-01-01", "source": "Farm News"},
    ]  # fmt: skip
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with Library(tmp_path / "lib") as lib:
        lib.add([dump])
        result = lib.search('person:"Anders Fogh Rasmussen"')
        assert [h.title for h in result.hits] == ["NATO chief in Kyiv"]
        assert lib.search("").hits[0].title == "NATO chief in Kyiv"
        assert lib.search("barley").facets["dump"] == {"nato": 1}
