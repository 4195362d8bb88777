"""Searching the library: one reused searcher, ranking, sorting, facets, copies, snippets."""

from __future__ import annotations

import threading
import time

from whoosh import query as wq

from index.format import fold, indexed_body, text_forms
from index.records import Hit, SearchResult, language_name
from index.search.facet_codes import FACET_FIELDS, load_facet_codes, save_facet_codes
from index.search.query import DateClause, StateClause, parse_query
from index.search.query_build import Compiled, Filter, QueryBuilder, filter_clause
from index.search.small import SMALL_READ, small_search
from index.search.snippets import PostingSpans, make_snippet
from index.search.vocabulary import Vocabulary, VocabularyCorrector, with_case
from index.store import ArticleStore
from index.story_store import story_ids, story_mask
from index.text import has_cjk

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:  # numpy (50 ms) comes with the array side: a query small_search cannot answer
    import numpy as np

    from index.search.view import SearchView

SORTS = ("relevance", "newest", "oldest")
FEW_HITS = 3  # fewer hits than this, and the query has an unknown word: suggest a correction


def fresh_searcher(ix, old):
    """A searcher on the latest commit, reusing the old one's unchanged segment readers.

    Whoosh's own `Searcher.refresh()` reuses a segment's reader even when the commit deleted
    documents in it (an updated article then shows twice) and keeps segments a merge removed.
    """
    from whoosh.reading import EmptyReader, MultiReader, SegmentReader
    from whoosh.searching import Searcher

    try:
        toc = ix._read_toc()
        old_leaves = {
            r.segment().segment_id(): r
            for r, _ in old.reader().leaf_readers()
            if r.segment() is not None
        }
        readers = []
        for segment in toc.segments:
            reader = old_leaves.get(segment.segment_id())
            if reader is not None and reader.segment().deleted_count() == segment.deleted_count():
                del old_leaves[segment.segment_id()]
            else:
                reader = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
            readers.append(reader)
        if not readers:
            top = EmptyReader(toc.schema)
        elif len(readers) == 1:
            top = readers[0]
        else:
            top = MultiReader(readers, generation=toc.generation)
        for unused in old_leaves.values():
            unused.close()
        return Searcher(top, fromindex=ix)
    except Exception:  # anything unexpected: a searcher opened from scratch is always right
        return ix.searcher()


class SearchEngine:
    """One reused Whoosh searcher over the index (and its arrays), refreshed after commits."""

    def __init__(self, ix, store: ArticleStore, searcher=None, marks=None) -> None:
        self.ix = ix
        self.store = store
        self.marks = marks  # the reader's read state and tags (index.marks.MarkStore), or None
        self._lock = threading.RLock()
        self.searcher = searcher or ix.searcher()
        self._view: SearchView | None = None

    def close(self) -> None:
        with self._lock:
            self.searcher.close()
            self._view = None

    def refresh(self) -> bool:
        """Pick up commits (from this or another process); True when the index changed."""
        with self._lock:
            reader = self.searcher.reader()
            if reader.segments() is not None and self.searcher.up_to_date():
                return False  # 7 µs: one look at the newest table of contents
            fresh = fresh_searcher(self.ix, self.searcher)
            if reader.segments() is None and fresh.reader().segments() is None:
                fresh.close()  # still empty: Whoosh cannot tell generations of an empty index
                return False
            self.searcher = fresh  # the old searcher's unchanged segment readers live on in it
            self._view = None
            return True

    @property
    def view(self) -> SearchView:
        """The arrays of the current searcher (built on first use after a refresh)."""
        from index.search.view import SearchView

        with self._lock:
            if self._view is None or self._view.searcher is not self.searcher:
                self._view = SearchView(
                    self.searcher, lambda *args: load_facet_codes(self.store, *args)
                )
            return self._view

    # -- searching ------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        snippets: bool = True,
        filters: dict[str, str] | None = None,
    ) -> SearchResult:
        """Search; an empty query lists every article newest first. Never raises on its input."""
        started = time.perf_counter()
        query = query if isinstance(query, str) else str(query)
        limit = max(0, int(limit))
        offset = max(0, int(offset))
        sort = sort if sort in SORTS else "relevance"
        parsed = parse_query(query)
        with self._lock:
            small = compiled = None  # a cold process's query of rare words: no numpy (small.py)
            cold = self._view is None and sort == "relevance" and not filters
            read = self.marks.read_ids() if cold and self.marks is not None else set()
            if cold and len(read) <= SMALL_READ:
                compiled = self._builder(self.searcher.reader()).build(parsed)
                small = small_search(self, compiled, offset + limit)
            if small is not None and small[3] < FEW_HITS and compiled.words:
                vocabulary = Vocabulary(self.searcher.reader(), self.store)
                if self._unknown(vocabulary.reader, vocabulary, parsed.text, compiled):
                    small = None  # a word in no article: "did you mean" is the array side's
            if small is not None:
                view, docs, score, total, facets = small
                unread, correction = total - view.read_among(score, read), ""
                hits = self._hits(view, docs[offset : offset + limit], score, compiled, snippets)
            else:
                hits, total, facets, unread, correction, compiled = self._search_arrays(
                    parsed, compiled, limit, offset, sort, snippets, filters
                )
        interpreted = parsed.interpreted
        if filters:
            extra = " ".join(f"{k}:{v}" for k, v in filters.items() if filter_clause(k, v))
            interpreted = f"{interpreted} [{extra}]" if extra else interpreted
        return SearchResult(
            query=query,
            total=total,
            hits=hits,
            interpreted=interpreted,
            correction=correction,
            facets=facets,
            seconds=time.perf_counter() - started,
            terms=compiled.highlight,
            unread=unread,
        )

    def _search_arrays(self, parsed, compiled, limit, offset, sort, snippets, filters):
        """(hits, total, facets, unread, correction, compiled) by the array side (numpy)."""
        view = self.view
        if compiled is None:  # (built for the small path already: the same reader)
            compiled = self._builder(view.reader).build(parsed)
        for name, value in (filters or {}).items():
            clause = filter_clause(name, value)
            if clause is not None:
                compiled.include.append(clause)
        mask, score = self._match(view, compiled)
        docs, total = self._rank(view, mask, score, compiled, sort, offset + limit)
        facets = self._facets(view, mask)
        unread = total - self._read_among(view, mask)
        hits = self._hits(view, docs[offset : offset + limit], score, compiled, snippets)
        correction = ""
        if total < FEW_HITS and compiled.words:
            correction = self._correction(view, parsed.text, compiled, total)
        return hits, total, facets, unread, correction, compiled

    def save_facets(self) -> None:
        """Keep the current index's facet codes in the store, for the next process's search."""
        with self._lock:
            save_facet_codes(self.store, self.view)

    def count(self, query: str) -> int:
        """How many articles (copies collapsed) a query finds, without hits or snippets."""
        return self.search(query, limit=0, snippets=False).total

    def _match(self, view: SearchView, compiled: Compiled) -> tuple[np.ndarray, np.ndarray | None]:
        """The mask of matching live documents and their scores (None: no scoring part)."""
        if compiled.query is None:
            mask, score = view.live.copy(), None
        else:
            mask, score = view.evaluate(compiled.query)
            mask &= view.live
        for clause in compiled.include:
            mask &= self._clause_mask(view, clause)
        for clause in compiled.exclude:
            mask &= ~self._clause_mask(view, clause)
        for q in compiled.exclude_queries:
            mask &= ~view.evaluate(q)[0]
        return mask, score

    def _read_among(self, view: SearchView, mask: np.ndarray) -> int:
        """How many of the matches (copies collapsed) the reader has read."""
        import numpy as np

        if self.marks is None or not mask.any():
            return 0
        read = mask & self._clause_mask(view, StateClause("is", "read"))
        if view.has_copies:
            return int(np.count_nonzero(np.bincount(view.groups[read]))) if read.any() else 0
        return int(read.sum())

    def _builder(self, reader) -> QueryBuilder:
        vocabulary = Vocabulary(reader, self.store)
        if self.marks is None:
            return QueryBuilder(reader, vocabulary=vocabulary)
        return QueryBuilder(reader, marks=self.marks.ids, vocabulary=vocabulary)

    def _clause_mask(self, view: SearchView, clause: Filter) -> np.ndarray:
        if isinstance(clause, DateClause):
            return view.date_mask(clause.low, clause.high)
        if isinstance(clause, StateClause):
            return view.evaluate(self._builder(view.reader).state(clause))[0]
        if clause.field == "story":
            return story_mask(view, story_ids(self.store.db, clause.value))
        value = QueryBuilder(view.reader).resolve_value(clause.field, clause.value)
        return view.value_mask(clause.field, value)

    def _rank(
        self,
        view: SearchView,
        mask: np.ndarray,
        score: np.ndarray | None,
        compiled: Compiled,
        sort: str,
        wanted: int,
    ) -> tuple[np.ndarray, int]:
        """The first `wanted` documents in order, copies collapsed, and the collapsed total."""
        import numpy as np

        collapse = view.has_copies
        groups = view.groups
        matched = int(mask.sum())
        total = matched
        if collapse and matched:
            total = int(np.count_nonzero(np.bincount(groups[mask])))
        if sort == "relevance" and score is not None:
            docs = np.flatnonzero(mask)
            key = -score[docs].astype(np.float64)
            # ties: newest first, then index order (stable)
            tiebreak = -view.dates[docs]
        else:
            order = view.order(newest=sort != "oldest")
            docs = order[mask[order]]
            key = None
            tiebreak = None
        need = max(wanted, 1)
        while True:
            take = min(len(docs), need * 2 + 16 if collapse else need)
            if key is not None:
                if take < len(docs):
                    # every doc tying with the boundary too, so pages never overlap
                    boundary = np.partition(key, take - 1)[take - 1]
                    part = np.flatnonzero(key <= boundary)
                else:
                    part = np.arange(len(docs))
                part = part[np.lexsort((tiebreak[part], key[part]))][:take]
                ranked = docs[part]
            else:
                ranked = docs[:take]
            if collapse:
                _, first = np.unique(groups[ranked], return_index=True)
                ranked = ranked[np.sort(first)]
            if len(ranked) >= wanted or take >= len(docs):
                return ranked[:wanted], total
            need *= 4

    def _facets(self, view: SearchView, mask: np.ndarray) -> dict[str, dict[str, int]]:
        import numpy as np

        facets: dict[str, dict[str, int]] = {}
        for name in FACET_FIELDS:
            codes, values = view.facet(name)
            counts = np.bincount(codes[mask] + 1, minlength=len(values) + 1)[1:]
            label = language_name if name == "lang" else str  # "Russian", not "ru"
            ranked = sorted(
                ((label(values[i]), int(c)) for i, c in enumerate(counts) if c),
                key=lambda x: -x[1],
            )
            facets[name] = dict(ranked)
        return facets

    def _hits(
        self,
        view: SearchView,
        docs: np.ndarray,
        score: np.ndarray | None,
        compiled: Compiled,
        snippets: bool,
    ) -> list[Hit]:
        docnums = [int(d) for d in docs]
        ids = [view.article_id(d) for d in docnums]
        headers = self.store.headers(ids)
        sizes = view.group_sizes
        groups = view.groups
        with_copies = {i for i, d in zip(ids, docnums, strict=True) if sizes[groups[d]] > 1}
        articles = self.store.get_many(ids if snippets else with_copies, entities=False)
        spans = {}
        texts: dict[int, str] = {}
        if snippets:
            for aid, d in zip(ids, docnums, strict=True):
                if aid in articles:
                    texts[d] = indexed_body(articles[aid])
            spans = PostingSpans(view, compiled.highlight).spans(docnums, texts)
        read, tags = self.marks.marks_of(ids) if self.marks is not None else (set(), {})
        hits: list[Hit] = []
        for aid, d in zip(ids, docnums, strict=True):
            if aid not in headers:
                continue  # committed to the index but not (yet) to the store
            title, dump, date, source, url = headers[aid]
            hit = Hit(
                aid, title, dump, date, source, url, float(score[d]) if score is not None else 0.0
            )
            hit.read, hit.tags = aid in read, tags.get(aid, [])
            article = articles.get(aid)
            if snippets and article is not None:
                hit.snippet, hit.highlights = make_snippet(texts[d], spans.get(d, []))
            if aid in with_copies and article is not None:
                members = self.store.group_members("copy_group", article.copy_group or aid)
                hit.also_in = sorted({m_dump for _, m_dump in members if m_dump != dump})
            hits.append(hit)
        return hits

    def _unknown(self, reader, vocabulary: Vocabulary, text: str, compiled: Compiled):
        """(the text to correct, its words as body terms, the unknown ones) when a plain word of
        the query is in no article (a typo, maybe), else None."""
        words = []
        unknown = []
        forms = text_forms(reader)
        if parse_query(text).fallback:  # correct the words that were searched, not the syntax
            text = " ".join(c.text for c in compiled.words)
            offset = 0
            for clause in compiled.words:  # spans into the words-only text
                clause.start, clause.end = offset, offset + len(clause.text)
                offset = clause.end + 1
        for clause in compiled.words:
            word = fold(clause.text)
            term = wq.Term("body", word)
            term.startchar, term.endchar = clause.start, clause.end
            words.append(term)
            known = word in vocabulary or any(
                ("body", t) in reader for f in forms.forms(word) for t in f
            )  # the word, or one of its forms (an inflected query word is no typo)
            if len(word) > 2 and not has_cjk(word) and not known:
                unknown.append(("body", word))
        return (text, words, unknown) if unknown else None

    def _correction(self, view: SearchView, text: str, compiled: Compiled, total: int) -> str:
        """A "did you mean" query from the library's own words, when it finds more than `text`."""
        import numpy as np

        reader = view.reader
        vocabulary = Vocabulary(reader, self.store)
        found = self._unknown(reader, vocabulary, text, compiled)
        if found is None:
            return ""
        text, words, unknown = found
        try:
            correction = view.searcher.correct_query(
                wq.And(words),
                text,
                correctors={"body": VocabularyCorrector(reader, vocabulary)},
                terms=unknown,
                prefix=1,
                maxdist=2,
            )
        except Exception:
            return ""
        suggestion = with_case(text, correction.tokens)
        if not suggestion or suggestion == text:
            return ""
        parsed = parse_query(suggestion)
        better = self._builder(view.reader).build(parsed)
        mask, _ = self._match(view, better)
        found = int(mask.sum())
        if found and view.has_copies:
            found = int(np.count_nonzero(np.bincount(view.groups[mask])))
        # as many as the query finds, or more: `a OR Rasmusen` may find no article beyond a's
        return suggestion if found and found >= total else ""
