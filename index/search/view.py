"""One searcher's index as arrays: columns, facet codes, postings and BM25F scores with numpy.

Whoosh matches and scores one document at a time in Python; here a query's postings are read
whole into arrays (index/packed_postings.py; segment_arrays.py for Whoosh's own codec) and
combined as boolean masks and score vectors over every document, so a common word costs about
as much as a rare one. Scores follow Whoosh's BM25F exactly (idf, per-field length
normalisation from the quantised field lengths), weighted per field at query time. A view is
built once per searcher and replaced when `refresh()` finds a new one.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from whoosh import query as wq

from index.format import (
    PackedCodec,
    TermPostings,
    block_postings,
    block_starts,
    block_values,
    column_array,
    index_of,
    is_packed,
    length_array,
    read_term,
)
from index.search.phrases import adjacent_words, unique
from index.search.query_build import IdSet

SCORED_FIELDS = ("title", "body", "person", "org", "place")
K1 = 1.2
B = {"title": 0.5, "body": 0.5, "person": 0.3, "org": 0.3, "place": 0.3}  # benchmarks/boosts.py
POSTINGS_CACHE = 6_000_000  # postings kept in memory across queries (about 50 MB)
BLOCK_INDEXES = 4_096  # terms whose block starts are kept (for snippets)
VALUES_CACHE = 16_000_000  # uint32 posting values (positions) kept across queries (64 MB)


class SearchView:
    """Arrays over every document of one searcher, built lazily and kept until a refresh."""

    def __init__(self, searcher, saved_facet=None) -> None:
        self.searcher = searcher
        self._saved_facet = saved_facet  # (reader, field, count) -> facet codes kept at ingest
        self.reader = searcher.reader()
        self.leaves = list(self.reader.leaf_readers())
        self.n = self.reader.doc_count_all()
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._postings_size = 0
        self._blocks: dict[tuple[str, str], dict[int, np.ndarray | None]] = {}
        self._values: OrderedDict[tuple[int, str, str], TermPostings | None] = OrderedDict()
        self._values_size = 0
        self._cache: dict[str, object] = {}

    def article_id(self, docnum: int) -> str:
        """The article id of a document (stored field, remembered)."""
        ids: dict[int, str] = self._cache.setdefault("ids", {})  # type: ignore[assignment]
        aid = ids.get(docnum)
        if aid is None:
            aid = ids[docnum] = self.searcher.stored_fields(docnum).get("id", "")
        return aid

    # -- document arrays ------------------------------------------------------------------------

    def _concat(self, make) -> np.ndarray:
        parts = [make(seg) for seg, _ in self.leaves]
        return np.concatenate(parts) if parts else np.zeros(0)

    @property
    def live(self) -> np.ndarray:
        if "live" not in self._cache:
            live = np.ones(self.n, dtype=bool)
            for seg, offset in self.leaves:
                if seg.has_deletions():
                    deleted = getattr(seg, "deleted_docs_set", None)
                    if deleted is None:
                        deleted = [d for d in range(seg.doc_count_all()) if seg.is_deleted(d)]
                    live[offset + np.fromiter(deleted, dtype=np.int64)] = False
            self._cache["live"] = live
        return self._cache["live"]  # type: ignore[return-value]

    @property
    def dates(self) -> np.ndarray:
        """yyyymmddHHMMSS per document, 0 when undated."""
        if "dates" not in self._cache:
            self._cache["dates"] = self._concat(lambda s: column_array(s, "date", ">u8")).astype(
                np.int64
            )
        return self._cache["dates"]  # type: ignore[return-value]

    @property
    def groups(self) -> np.ndarray:
        """A small integer per copy group (equal for copies of one article; kept at ingest)."""
        if "groups" not in self._cache:
            saved = self._saved_facet(self.reader, "group", self.n) if self._saved_facet else None
            keys = None if saved else self._concat(lambda s: column_array(s, "group", ">u8"))
            codes = saved[0] if saved else np.unique(keys, return_inverse=True)[1].astype(np.int64)
            self._cache["groups"] = codes
            sizes = np.bincount(codes[self.live], minlength=int(codes.max(initial=0)) + 1)
            self._cache["has_copies"] = bool((sizes > 1).any())
            self._cache["group_sizes"] = sizes
        return self._cache["groups"]  # type: ignore[return-value]

    @property
    def has_copies(self) -> bool:
        self.groups  # noqa: B018 - computes the flag
        return self._cache["has_copies"]  # type: ignore[return-value]

    @property
    def group_sizes(self) -> np.ndarray:
        self.groups  # noqa: B018
        return self._cache["group_sizes"]  # type: ignore[return-value]

    def order(self, newest: bool) -> np.ndarray:
        """Every live document by date, newest or oldest first; undated ones last either way."""
        key = "newest" if newest else "oldest"
        if key not in self._cache:
            dates = self.dates
            docs = np.flatnonzero(self.live)
            d = dates[docs]
            dated, undated = docs[d > 0], docs[d == 0]
            dd = dates[dated]
            ranked = dated[np.argsort(-dd if newest else dd, kind="stable")]
            self._cache[key] = np.concatenate([ranked, undated])
        return self._cache[key]  # type: ignore[return-value]

    def lengths(self, fieldname: str) -> np.ndarray:
        key = f"len:{fieldname}"
        if key not in self._cache:
            self._cache[key] = self._concat(lambda s: length_array(s, fieldname))
        return self._cache[key]  # type: ignore[return-value]

    def facet(self, fieldname: str) -> tuple[np.ndarray, list[str]]:
        """(code per document, -1 when none; the values) of dump, source or lang."""
        key = f"facet:{fieldname}"
        saved = self._saved_facet if key not in self._cache else None
        if saved is not None and (found := saved(self.reader, fieldname, self.n)) is not None:
            self._cache[key] = found
        if key not in self._cache:
            codes = np.full(self.n, -1, dtype=np.int64)
            values: list[str] = []
            for term in self.reader.lexicon(fieldname):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                ids, _ = self.postings(fieldname, text)
                codes[ids] = len(values)
                values.append(text)
            self._cache[key] = (codes, values)
        return self._cache[key]  # type: ignore[return-value]

    def value_mask(self, fieldname: str, value: str) -> np.ndarray:
        mask = np.zeros(self.n, dtype=bool)
        ids, _ = self.postings(fieldname, value)
        mask[ids] = True
        return mask

    def date_mask(self, low: int | None, high: int | None) -> np.ndarray:
        dates = self.dates
        mask = dates > 0
        if low is not None:
            mask &= dates >= low
        if high is not None:
            mask &= dates <= high
        return mask

    # -- postings and scores --------------------------------------------------------------------

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(global docnums, weights) of one term, cached across queries."""
        key = (fieldname, text)
        hit = self._postings.get(key)
        if hit is not None:
            self._postings.move_to_end(key)
            return hit
        ids_parts, weight_parts = [], []
        blocks: dict[int, np.ndarray | None] = {}
        for leaf, (seg, offset) in enumerate(self.leaves):
            tbytes = seg._text_to_bytes(fieldname, text)
            packed = self._values.get((leaf, fieldname, text))  # read with positions already
            if packed is None:  # (one term lookup: a missing term reads as no postings)
                packed = read_term(seg, fieldname, tbytes, with_values=False)
            if packed is not None:
                ids, weights, starts = packed.ids, packed.weights, packed.blocks
            elif (fieldname, text) in seg:
                raw = seg._terms.matcher(fieldname, tbytes, seg.schema[fieldname].format)
                ids, weights, starts = block_postings(raw)
            else:
                continue
            if not len(ids):
                continue
            blocks[leaf] = starts
            ids_parts.append(ids + offset)
            weight_parts.append(weights)
        self._blocks[key] = blocks
        if ids_parts:
            result = (np.concatenate(ids_parts), np.concatenate(weight_parts))
        else:
            result = (np.zeros(0, np.int64), np.zeros(0, np.float32))
        self._postings[key] = result
        self._postings_size += len(result[0])
        while self._postings_size > POSTINGS_CACHE and len(self._postings) > 1:
            gone, (old, _) = self._postings.popitem(last=False)
            self._postings_size -= len(old)
            self._blocks.pop(gone, None)
        return result

    def term_values(self, leaf: int, fieldname: str, text: str) -> TermPostings | None:
        """One term's postings with their values in one packed segment (None: not packed)."""
        key = (leaf, fieldname, text)
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]
        seg = self.leaves[leaf][0]
        found = read_term(seg, fieldname, seg._text_to_bytes(fieldname, text), with_values=True)
        self._values[key] = found
        self._values_size += 0 if found is None or found.values is None else len(found.values)
        while self._values_size > VALUES_CACHE and len(self._values) > 1:
            _, old = self._values.popitem(last=False)
            self._values_size -= 0 if old is None or old.values is None else len(old.values)
        return found

    def values(
        self, fieldname: str, text: str, docnums: list[int], name: str | None
    ) -> dict[int, object]:
        """docnum -> the decoded posting value (`name`, e.g. "characters"; None: the raw bytes) of
        one term in some documents, reading only the blocks that hold them."""
        blocks = self._blocks.get((fieldname, text))
        if blocks is None:
            blocks = self._block_index(fieldname, text)
        found: dict[int, object] = {}
        wanted = np.asarray(sorted(set(docnums)), dtype=np.int64)
        for leaf, (seg, offset) in enumerate(self.leaves):
            end = self.leaves[leaf + 1][1] if leaf + 1 < len(self.leaves) else self.n
            local = wanted[(wanted >= offset) & (wanted < end)] - offset
            if not len(local) or leaf not in blocks:
                continue
            starts = blocks[leaf]
            fmt = seg.schema[fieldname].format
            tbytes = seg._text_to_bytes(fieldname, text)
            if starts is not None and isinstance(seg.codec(), PackedCodec):
                which = np.searchsorted(starts[:, 1], local, side="right") - 1
                for block in unique(which[which >= 0]).tolist():
                    docs = local[which == block].tolist()
                    start, _, end = starts[block].tolist()
                    for d, v in block_values(seg._terms._postfile, start, end, docs, fmt).items():
                        found[offset + d] = fmt.decode_as(name, v) if name else v
                continue
            m = seg._terms.matcher(fieldname, tbytes, fmt)
            if starts is None:  # no block index: walk the postings (past the last: ReadTooFar)
                for d in local.tolist():
                    if m.is_active() and m.id() < d:
                        m.skip_to(d)
                    if m.is_active() and m.id() == d:
                        found[offset + d] = m.value_as(name) if name else m.value()
                continue
            which = np.searchsorted(starts[:, 1], local, side="right") - 1
            for block in unique(which[which >= 0]).tolist():
                m._goto(int(starts[block, 0]))
                m._read_ids()
                ids = m._ids
                for d in local[which == block].tolist():
                    i = index_of(ids, d)
                    if i is not None:
                        m._i = i
                        found[offset + d] = m.value_as(name) if name else m.value()
        return found

    def _block_index(self, fieldname: str, text: str) -> dict[int, np.ndarray | None]:
        """leaf -> a term's block starts there (None: inlined), from block headers alone when
        every segment is packed (else from its postings, read whole)."""
        if not all(isinstance(seg.codec(), PackedCodec) for seg, _ in self.leaves):
            self.postings(fieldname, text)
            return self._blocks.get((fieldname, text), {})
        blocks = {}
        for leaf, (seg, _) in enumerate(self.leaves):
            present, starts = block_starts(seg, fieldname, seg._text_to_bytes(fieldname, text))
            if present:
                blocks[leaf] = starts
        if len(self._blocks) >= BLOCK_INDEXES:
            del self._blocks[next(iter(self._blocks))]
        self._blocks[(fieldname, text)] = blocks
        return blocks

    def term_scores(self, fieldname: str, text: str, boost: float) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, BM25F scores) of one term in one field."""
        ids, weights = self.postings(fieldname, text)
        if not len(ids) or fieldname not in SCORED_FIELDS:
            return ids, np.zeros(len(ids), dtype=np.float32)
        searcher = self.searcher
        idf = math.log(self.n / (len(ids) + 1)) + 1  # Whoosh's doc_frequency: deleted ones too
        avgfl = searcher.avg_field_length(fieldname) or 1.0
        b = B.get(fieldname, 0.75)
        lengths = self.lengths(fieldname)[ids]
        scores = idf * weights * (K1 + 1) / (weights + K1 * ((1 - b) + b * lengths / avgfl))
        return ids, (scores * boost).astype(np.float32)

    def phrase_mask(self, q: wq.Phrase) -> np.ndarray:
        """Documents holding a phrase: those with all its words (posting arrays), then positions.

        Only the documents that have every word have their positions read, so a phrase costs
        little more than its words' AND.
        """
        words = list(q.words)
        if len(words) < 2:
            mask = np.zeros(self.n, dtype=bool)
            mask[list(self.searcher.docs_for_query(q))] = True
            return mask
        if q.slop == 1:  # positions will be read: read each word once, with them
            for leaf, (seg, _) in enumerate(self.leaves):
                if is_packed(seg, q.fieldname):
                    for word in set(words):
                        self.term_values(leaf, q.fieldname, word)
        mask = self.live.copy()
        for word in set(words):
            ids, _ = self.postings(q.fieldname, word)
            has = np.zeros(self.n, dtype=bool)
            has[ids] = True
            mask &= has
        return self.verify(q, np.flatnonzero(mask))

    def verify(self, q: wq.Query, candidates: np.ndarray) -> np.ndarray:
        """The candidates that really match q (Whoosh checks the positions of these only)."""
        if isinstance(q, wq.Phrase) and q.slop == 1 and len(q.words) > 1:
            return adjacent_words(self, q, candidates)
        mask = np.zeros(self.n, dtype=bool)
        leaves = self.searcher.leaf_searchers()
        for i, (sub, offset) in enumerate(leaves):
            end = leaves[i + 1][1] if i + 1 < len(leaves) else self.n
            local = candidates[(candidates >= offset) & (candidates < end)] - offset
            if not len(local):
                continue
            m = q.matcher(sub, sub.boolean_context())
            for d in local.tolist():
                if not m.is_active():
                    break
                if m.id() < d:
                    m.skip_to(d)
                if m.is_active() and m.id() == d:
                    mask[offset + d] = True
        return mask

    def evaluate(self, q: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """(mask of matching documents, scores) of a query over every document."""
        n = self.n
        if q is wq.NullQuery:  # a word that expanded to nothing
            return np.zeros(n, dtype=bool), np.zeros(n, dtype=np.float32)
        if isinstance(q, wq.Term):
            ids, scores = self.term_scores(q.fieldname, q.text, q.boost)
            mask = np.zeros(n, dtype=bool)
            mask[ids] = True
            score = np.zeros(n, dtype=np.float32)
            score[ids] = scores
            return mask, score
        if isinstance(q, wq.Or):
            mask = np.zeros(n, dtype=bool)
            score = np.zeros(n, dtype=np.float32)
            for sub in q.subqueries:
                if isinstance(sub, wq.Term):  # fast path: no dense temporaries
                    ids, scores = self.term_scores(sub.fieldname, sub.text, sub.boost)
                    mask[ids] = True
                    score[ids] += scores  # a term lists each document once
                    continue
                m, s = self.evaluate(sub)
                mask |= m
                score += s
            return mask, score
        if isinstance(q, wq.And):
            mask = self.live.copy()
            score = np.zeros(n, dtype=np.float32)
            for sub in q.subqueries:
                m, s = self.evaluate(sub)
                mask &= m
                score += s
            return mask, score * mask
        if isinstance(q, wq.AndNot):
            m, s = self.evaluate(q.a)
            neg, _ = self.evaluate(q.b)
            mask = m & ~neg
            return mask, s * mask
        if isinstance(q, wq.Not):
            m, _ = self.evaluate(q.query)
            return self.live & ~m, np.zeros(n, dtype=np.float32)
        if isinstance(q, IdSet):
            return q.mask(self), np.zeros(n, dtype=np.float32)
        if isinstance(q, wq.Every):
            return self.live.copy(), np.zeros(n, dtype=np.float32)
        if isinstance(q, wq.NumericRange) and q.fieldname == "date":
            return self.date_mask(q.start, q.end), np.zeros(n, dtype=np.float32)
        if isinstance(q, wq.Phrase):
            mask = self.phrase_mask(q)
            score = np.zeros(n, dtype=np.float32)
            for word in dict.fromkeys(q.words):
                ids, scores = self.term_scores(q.fieldname, word, q.boost)
                score[ids] += scores  # a term lists each document once
            return mask, score * mask
        mask = np.zeros(n, dtype=bool)  # anything else: Whoosh finds the documents
        mask[list(self.searcher.docs_for_query(q))] = True
        return mask, np.zeros(n, dtype=np.float32)
