"""A query whose words are rare, matched and ranked in plain Python: no numpy on its path.

`view.py` scores every document with numpy arrays, and numpy's import (50 ms) is a third of a
cold `newsreader search`. Most one- and two-word queries read a few hundred postings: here they
are scored document by document with the same BM25F arithmetic in float32 (each step rounded as
numpy rounds it), ranked with the same ties (score, then newest, then index order), copies
collapsed and facets counted alike, so the answer is the one `SearchView` gives. Anything else
(phrases, filters, sorting by date, long posting lists, thousands of read articles) is the
array side's.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter

from whoosh import query as wq

from index.format import all_packed, column_values, f32, field_lengths, term_lists
from index.records import language_name
from index.search.facet_codes import FACET_FIELDS, load_facet_lists
from index.search.query_build import Compiled

SMALL_POSTINGS = 10_000  # at most this many postings in all (its terms in every field): plain
# Python costs about as much as importing numpy at 15,000 (CPU, Reuters, `search said`)
K1 = 1.2
B = {"title": 0.5, "body": 0.5, "person": 0.3, "org": 0.3, "place": 0.3}  # = view.py's
SCORED_FIELDS = tuple(B)
SMALL_READ = 2_000  # read articles looked up one by one (the array side looks them up alike)


def f32s(values: list[float]) -> list[float]:
    """Each value rounded to the nearest float32 (as `f32`, a list at a time)."""
    return array("f", values).tolist()


def postings_count(reader, q, limit: int) -> int | None:
    """How many postings a query of terms, ORs and ANDs reads (counted up to just past `limit`);
    None for any other query."""
    if q is wq.NullQuery:
        return 0
    if isinstance(q, wq.Term):
        return reader.doc_frequency(q.fieldname, q.text)
    if isinstance(q, (wq.Or, wq.And)):
        total = 0
        for sub in q.subqueries:
            found = postings_count(reader, sub, limit - total)
            if found is None:
                return None
            total += found
            if total > limit:  # too many already: the array side's
                break
        return total
    return None


class SmallView:
    """What the engine's hits and snippets ask of a view (`SearchView`), read a document at a
    time: article ids, copy groups and their sizes, posting values."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = list(self.reader.leaf_readers())
        self.n = self.reader.doc_count_all()
        self._columns: dict[str, list[int]] = {}
        self._deleted: set[int] | None = None
        self._sizes: Counter | None = None

    def article_id(self, docnum: int) -> str:
        return self.searcher.stored_fields(docnum).get("id", "")

    def deleted(self) -> set[int]:
        """The deleted documents (global docnums)."""
        if self._deleted is None:
            self._deleted = set()
            for seg, offset in self.leaves:
                if seg.has_deletions():
                    gone = getattr(seg, "deleted_docs_set", None)
                    if gone is None:
                        gone = [d for d in range(seg.doc_count_all()) if seg.is_deleted(d)]
                    self._deleted.update(offset + d for d in gone)
        return self._deleted

    def column(self, fieldname: str) -> list[int]:
        """A u8 column (date, group) of every document."""
        if fieldname not in self._columns:
            values: list[int] = []
            for seg, _ in self.leaves:
                values.extend(column_values(seg, fieldname, ">Q"))
            self._columns[fieldname] = values
        return self._columns[fieldname]

    @property
    def groups(self) -> list[int]:
        return self.column("group")

    @property
    def group_sizes(self) -> Counter:
        """Live documents per copy group key (`groups[d]` indexes it, as in SearchView)."""
        if self._sizes is None:
            self._sizes = Counter(self.groups)
            self._sizes.subtract(self.groups[d] for d in self.deleted())
        return self._sizes

    def read_among(self, matched: dict[int, float], read: set[str]) -> int:
        """How many of the matched live documents (copies collapsed) have a read id, as
        `SearchEngine._read_among` counts them."""
        docs = {d for aid in read for d in self.searcher.document_numbers(id=aid) if d in matched}
        return len({self.groups[d] for d in docs})

    def postings(self, fieldname: str, text: str, with_values: bool = False):
        """[(global docnum, weight, value bytes or None)] of one term."""
        found = []
        for seg, offset in self.leaves:
            lists = term_lists(seg, fieldname, seg._text_to_bytes(fieldname, text), with_values)
            values = lists.values if with_values else [None] * len(lists.ids)
            found.extend(
                (offset + d, w, v)
                for d, w, v in zip(lists.ids, lists.weights, values, strict=True)  # type: ignore[arg-type]
            )
        return found

    def values(
        self, fieldname: str, text: str, docnums: list[int], name: str | None
    ) -> dict[int, object]:
        """docnum -> the decoded value of one term in some documents (`SearchView.values`)."""
        fmt = self.reader.schema[fieldname].format
        wanted = set(docnums)
        return {
            d: fmt.decode_as(name, v) if name else v
            for d, _, v in self.postings(fieldname, text, with_values=True)
            if d in wanted
        }

    def term_scores(self, fieldname: str, text: str, boost: float) -> dict[int, float]:
        """docnum -> BM25F score of one term in one field, float32 as `SearchView.term_scores`."""
        if fieldname not in SCORED_FIELDS:
            return {d: 0.0 for d, _, _ in self.postings(fieldname, text)}
        docs: list[int] = []
        ws: list[float] = []
        lengths: list[float] = []
        for seg, offset in self.leaves:
            lists = term_lists(seg, fieldname, seg._text_to_bytes(fieldname, text), False)
            docs.extend(offset + d for d in lists.ids)
            ws.extend(lists.weights)
            lengths.extend(field_lengths(seg, fieldname, lists.ids))
        idf = f32(math.log(self.n / (len(docs) + 1)) + 1)
        avgfl = f32(self.searcher.avg_field_length(fieldname) or 1.0)
        b = B.get(fieldname, 0.75)
        b32, rest, k1, k2, boost32 = f32(b), f32(1 - b), f32(K1), f32(K1 + 1), f32(boost)
        # each step over every posting at once, rounded to float32 as numpy rounds it
        top = f32s([t * k2 for t in f32s([idf * w for w in ws])])
        lengths = f32s([b32 * x for x in lengths])
        norm = f32s([k1 * x for x in f32s([rest + x for x in f32s([x / avgfl for x in lengths])])])
        norm = f32s([w + x for w, x in zip(ws, norm, strict=True)])
        scores = f32s([t / x for t, x in zip(top, norm, strict=True)])
        return dict(zip(docs, f32s([x * boost32 for x in scores]), strict=True))

    def evaluate(self, q) -> dict[int, float]:
        """docnum -> score of the documents a query of terms, ORs and ANDs matches."""
        if q is wq.NullQuery:
            return {}
        if isinstance(q, wq.Term):
            return self.term_scores(q.fieldname, q.text, q.boost)
        parts = [self.evaluate(sub) for sub in q.subqueries]
        if isinstance(q, wq.Or):
            summed: dict[int, float] = {}
            for part in parts:  # in float32, a part at a time, as the array side adds them
                added = f32s([summed.get(d, 0.0) + s for d, s in part.items()])
                summed.update(zip(part, added, strict=True))
            return summed
        common = set(parts[0]).intersection(*parts[1:]) - self.deleted() if parts else set()
        docs = list(common)
        totals = [0.0] * len(docs)
        for part in parts:
            totals = f32s([t + part[d] for t, d in zip(totals, docs, strict=True)])
        return dict(zip(docs, totals, strict=True))


def small_search(engine, compiled: Compiled, wanted: int):
    """(view, ranked docnums, scores, total, facets) of a compiled query, or None when the array
    side should answer it (not terms, ORs and ANDs alone; too many postings; facets not saved)."""
    query = compiled.query
    if query is None or compiled.include or compiled.exclude or compiled.exclude_queries:
        return None
    reader = engine.searcher.reader()
    count = postings_count(reader, query, SMALL_POSTINGS)
    if count is None or count > SMALL_POSTINGS:
        return None
    view = SmallView(engine.searcher)
    if not all_packed(view.leaves):
        return None
    facet_codes = {}
    for name in FACET_FIELDS:
        saved = load_facet_lists(engine.store, reader, name, view.n)
        if saved is None:
            return None
        facet_codes[name] = saved
    deleted = view.deleted()
    scores = {d: s for d, s in view.evaluate(query).items() if d not in deleted}
    dates, groups = view.column("date"), view.groups
    docs = sorted(sorted(scores), key=lambda d: (-scores[d], -dates[d]))
    ranked, seen = [], set()
    for d in docs:
        if len(ranked) >= wanted:
            break
        if groups[d] not in seen:
            seen.add(groups[d])
            ranked.append(d)
    total = len({groups[d] for d in docs})
    facets: dict[str, dict[str, int]] = {}
    for name, (codes, values) in facet_codes.items():  # as SearchEngine._facets counts them
        counts = Counter(codes[d] for d in docs)
        label = language_name if name == "lang" else str
        found = [(label(v), counts[i]) for i, v in enumerate(values) if counts[i]]
        facets[name] = dict(sorted(found, key=lambda x: -x[1]))
    return view, ranked, scores, total, facets
