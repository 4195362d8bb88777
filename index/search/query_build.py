"""Turns a parsed query into Whoosh queries, filters and the analysed words to highlight."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from whoosh import query as wq

from index.format import ENTITY_FIELDS, entity_analyzer, fold, text_forms
from index.records import language_name, language_own_names
from index.search.facet_codes import FACET_FIELDS
from index.search.query import (
    TEXT_FIELDS,
    And,
    DateClause,
    MetaClause,
    Node,
    Not,
    Or,
    Parsed,
    StateClause,
    TextClause,
    parse_date,
)
from index.search.vocabulary import Vocabulary
from index.text import has_cjk

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    import numpy as np

Filter = MetaClause | DateClause | StateClause
MarkLookup = Callable[[str, str], set[str]]  # ("is", "read") / ("tag", "x") -> article ids


class IdSet(wq.Query):
    """The articles with given ids (a mark of the reader's); SearchView evaluates it."""

    def __init__(self, ids: frozenset[str]) -> None:
        self.ids = ids
        self.boost = 1.0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IdSet) and other.ids == self.ids

    def __hash__(self) -> int:
        return hash(self.ids)

    def __repr__(self) -> str:
        return f"IdSet({len(self.ids)} ids)"

    def mask(self, view) -> np.ndarray:
        """The live documents of these ids in a SearchView (document numbers remembered)."""
        import numpy as np

        known: dict[str, list[int]] = view._cache.setdefault("docnums", {})
        mask = np.zeros(view.n, dtype=bool)
        for aid in self.ids:
            docs = known.get(aid)
            if docs is None:
                docs = known[aid] = list(view.searcher.document_numbers(id=aid))
            mask[docs] = True
        return mask & view.live


def no_marks(field_name: str, value: str) -> set[str]:
    return set()


# Query-time field weights (BM25F-style: each field is scored with its own length normalisation and
# the field scores are summed with these weights, so an entity or title match comes on top of the
# body match). Tuned with benchmarks/boosts.py on Reuters-1987 (19,043 stories, 168 topic and
# place+topic queries judged by the wire's own tags, MAP@20 over a grid of title 1-3, entity
# 0.25-1.5, body B 0.5/0.75): all 1.0 gives 0.358; these weights with body B 0.5 give 0.370; the
# grid's best (title 1.0, entity 0.25) 0.374, a difference within noise for 168 queries, so title
# keeps its extra weight; entity weights above 0.5 and body B 0.75 lower it (the body has the name).
FIELD_BOOSTS = {"title": 2.0, "body": 1.0, "person": 0.5, "org": 0.5, "place": 0.5}
MAX_EXPANSION = 128  # terms a prefix, wildcard or fuzzy word may expand to per field
MIN_PREFIX = 2

_ENTITY = entity_analyzer()


def analyse_entity(text: str) -> list[str]:
    """Index terms of an entity field (folded, not stemmed)."""
    return [t.text for t in _ENTITY(text)]


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _canonical_place(name: str, held: bool) -> str | None:
    """The gazetteer's name for a place; the whole gazetteer (slow to load) and the cities' names
    in other languages and scripts ("Москва") only for a name the index does not hold (`held`
    False), the curated list of spelling variants always."""
    try:
        from index.entities import canonical_place, listed_place, place_of_local_name
    except ImportError:  # the gazetteer is optional for searching
        return None
    try:
        if held:
            return listed_place(name)
        return listed_place(name) or canonical_place(name) or place_of_local_name(name)
    except Exception:
        return None


@dataclass
class Compiled:
    """A query ready to run: the scoring part and the filters pulled out of its top level."""

    query: wq.Query | None  # None: every article (then sorted by date)
    include: list[Filter] = field(default_factory=list)
    exclude: list[Filter] = field(default_factory=list)
    exclude_queries: list[wq.Query] = field(default_factory=list)  # "-word" with no other word
    highlight: list[str] = field(default_factory=list)  # analysed words, for highlight_spans
    words: list[TextClause] = field(default_factory=list)  # plain words, for "did you mean"


class QueryBuilder:
    """Builds Whoosh queries against one reader (to expand prefixes and resolve values)."""

    def __init__(
        self,
        reader,
        boosts: dict[str, float] | None = None,
        marks: MarkLookup = no_marks,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.reader = reader
        self.vocabulary = vocabulary  # the body's unstemmed words (fuzzy words), None: none
        self.forms = text_forms(reader)  # title/body terms of a word, per language held
        self.boosts = boosts or FIELD_BOOSTS
        self.marks = marks
        self.highlight: list[str] = []
        self.words: list[TextClause] = []

    def build(self, parsed: Parsed) -> Compiled:
        self.highlight, self.words = [], []
        if parsed.tree is None:  # empty: every article; unreadable and no word in it: none
            return Compiled(wq.NullQuery if parsed.fallback else None)
        top = parsed.tree.children if isinstance(parsed.tree, And) else [parsed.tree]
        compiled = Compiled(None)
        scoring: list[Node] = []
        for node in top:
            if isinstance(node, (MetaClause, DateClause, StateClause)):
                compiled.include.append(node)
            elif isinstance(node, Not) and isinstance(
                node.child, (MetaClause, DateClause, StateClause)
            ):
                compiled.exclude.append(node.child)
            else:
                scoring.append(node)
        positives = [n for n in scoring if not isinstance(n, Not)]
        if positives:
            compiled.query = self.node(And(scoring) if len(scoring) > 1 else scoring[0], True)
        else:
            for n in scoring:
                assert isinstance(n, Not)
                q = self.node(n.child, False)
                if q is not None:
                    compiled.exclude_queries.append(q)
        compiled.highlight = list(dict.fromkeys(self.highlight))
        compiled.words = self.words
        return compiled

    # -- nodes ----------------------------------------------------------------------------------

    def node(self, node: Node, positive: bool) -> wq.Query | None:
        if isinstance(node, TextClause):
            return self.text(node, positive)
        if isinstance(node, MetaClause):
            return self.meta(node)
        if isinstance(node, DateClause):
            return wq.NumericRange("date", node.low or 1, node.high)
        if isinstance(node, StateClause):
            return self.state(node)
        if isinstance(node, Not):
            inner = self.node(node.child, not positive)
            return wq.Not(inner) if inner is not None else None
        if isinstance(node, Or):
            parts = [q for c in node.children if (q := self.node(c, positive)) is not None]
            return None if not parts else parts[0] if len(parts) == 1 else wq.Or(parts)
        assert isinstance(node, And)
        pos = [
            q
            for c in node.children
            if not isinstance(c, Not)
            if (q := self.node(c, positive)) is not None
        ]
        neg = [
            q
            for c in node.children
            if isinstance(c, Not)
            if (q := self.node(c.child, not positive)) is not None
        ]
        if not pos:
            base: wq.Query = wq.Every()
        else:
            base = pos[0] if len(pos) == 1 else wq.And(pos)
        if neg:
            return wq.AndNot(base, neg[0] if len(neg) == 1 else wq.Or(neg))
        return base if pos else None

    def meta(self, node: MetaClause) -> wq.Query:
        if node.field == "story":  # not in the index: a filter at the top of a query only
            return wq.NullQuery
        return wq.Term(node.field, self.resolve_value(node.field, node.value))

    def state(self, node: StateClause) -> wq.Query:
        """`is:unread` is every article but the read ones; the other marks are id sets."""
        if node.field == "is" and node.value == "unread":
            return wq.Not(IdSet(frozenset(self.marks("is", "read"))))
        return IdSet(frozenset(self.marks(node.field, node.value)))

    def resolve_value(self, field_name: str, value: str) -> str:
        """The indexed value of dump/source/lang matching `value` (case-insensitive); a language
        by its code, its name or its name in itself (`lang:ru`, `lang:russian`, `lang:русский`)."""
        if (field_name, value) in self.reader:
            return value
        wanted = fold(value)
        for term in self.reader.lexicon(field_name):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            if fold(text) == wanted or (
                field_name == "lang"
                and wanted in {fold(n) for n in (language_name(text), *language_own_names(text))}
            ):
                return text
        return value

    def text(self, clause: TextClause, positive: bool) -> wq.Query | None:
        fields = [clause.field] if clause.field else list(TEXT_FIELDS)
        spellings = [clause]
        if clause.field == "place" and clause.kind in ("word", "phrase"):
            # one place whichever spelling the query or the page used: "Kiev" finds "Kyiv"
            held = all(("place", w) in self.reader for w in analyse_entity(clause.text))
            canonical = _canonical_place(clause.text, held)
            if canonical and analyse_entity(canonical) != analyse_entity(clause.text):
                spellings.append(
                    TextClause("place", canonical, "phrase", start=clause.start, end=clause.end)
                )
        parts: list[wq.Query] = []
        for name in fields:
            for spelling in spellings:
                q = self.text_in_field(name, spelling, positive)
                if q is not None:
                    parts.append(q)
        if parts and positive and clause.field is None and clause.kind in ("word", "fuzzy"):
            end = clause.start + len(clause.text)  # "did you mean" corrects the word, not its "~"
            self.words.append(TextClause(None, clause.text, start=clause.start, end=end))
        found = [q for q in parts if q is not wq.NullQuery]
        if not found:  # None: nothing to search for; NullQuery: it matches nothing
            return wq.NullQuery if parts else None
        return found[0] if len(found) == 1 else wq.Or(found)

    def text_in_field(self, name: str, clause: TextClause, positive: bool) -> wq.Query | None:
        boost = self.boosts.get(name, 1.0)
        entity = name in ENTITY_FIELDS
        kind = clause.kind
        if kind != "phrase" and not entity and has_cjk(clause.text):
            kind = "word"  # CJK runs are bigrams: fuzzy, prefix and wildcard make no sense there
        if kind in ("word", "phrase"):
            forms = self.forms.forms(clause.text)
            if positive:
                self.highlight.extend(t for form in forms for t in form)
            if entity:
                words = analyse_entity(clause.text)
                return self.form_query(name, clause, [words] if words else [], boost)
            query = self.form_query(name, clause, forms, boost)
            if len(forms) == 1 and len(forms[0]) == 1 and has_cjk(forms[0][0]):
                # one CJK character: the bigrams it starts (a run's last character is missed)
                starts = islice(self.reader.expand_prefix(name, forms[0][0]), 4096)
                bigrams = [t for t in map(_text, starts) if len(t) > 1]
                extra = self.expansion(name, bigrams, boost, positive)
                parts = [q for q in (query, extra) if q is not None and q is not wq.NullQuery]
                query = wq.NullQuery if not parts else parts[0] if len(parts) == 1 else wq.Or(parts)
            return query
        if kind == "fuzzy":
            if entity:
                words = analyse_entity(clause.text)
                if len(words) != 1:
                    return None
                near = self.reader.terms_within(name, words[0], clause.distance, prefix=1)
                return self.expansion(name, list(islice(near, 512)), boost, positive)
            # the near words among the body's unstemmed ones (the title's own terms): their forms
            if name == "body" and self.vocabulary is not None:
                near = self.vocabulary.near(fold(clause.text), clause.distance, prefix=1)
            else:
                near = self.reader.terms_within(name, fold(clause.text), clause.distance, prefix=1)
            expanded = [f[0] for w in islice(near, 512) for f in self.forms.forms(w) if len(f) == 1]
            found = [t for t in dict.fromkeys(expanded) if (name, t) in self.reader]
            return self.expansion(name, found, boost, positive)
        pattern = "".join(fold(p) if p not in "*?" else p for p in re.split(r"([*?])", clause.text))
        pattern = re.sub(r"[^\w*?'.]", "", pattern)
        if kind == "prefix":
            if len(pattern) < MIN_PREFIX:
                return None
            expanded = list(islice(self.reader.expand_prefix(name, pattern), 4096))
        else:
            literal = re.split(r"[*?]", pattern)[0]
            if len(pattern.replace("*", "")) < MIN_PREFIX:
                return None
            regex = re.compile(
                "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
            )
            expanded = [
                t
                for t in islice(self.reader.expand_prefix(name, literal), 200_000)
                if regex.fullmatch(t.decode() if isinstance(t, bytes) else t)
            ]
        return self.expansion(name, expanded, boost, positive)

    def form_query(
        self, name: str, clause: TextClause, forms: list[list[str]], boost: float
    ) -> wq.Query | None:
        """The OR of a word's (or phrase's) forms: a term for one word, else a phrase."""
        parts: list[wq.Query] = []
        for words in forms:
            if len(words) > 1:
                parts.append(wq.Phrase(name, words, boost=boost))
                continue
            if clause.field is None and name != "body" and (name, words[0]) not in self.reader:
                continue  # keep the body term alone so that a missing word finds nothing
            term = wq.Term(name, words[0], boost=boost)
            term.startchar, term.endchar = clause.start, clause.end
            parts.append(term)
        return None if not parts else parts[0] if len(parts) == 1 else wq.Or(parts)

    def expansion(self, name: str, terms: list, boost: float, positive: bool) -> wq.Query | None:
        """An Or of the most frequent expansions of a prefix, wildcard or fuzzy word."""
        texts = [t.decode("utf-8") if isinstance(t, bytes) else t for t in terms]
        if len(texts) > MAX_EXPANSION:
            freq = self.reader.doc_frequency
            texts = sorted(texts, key=lambda t: -freq(name, t))[:MAX_EXPANSION]
        if not texts:  # matches nothing: an AND with it finds nothing, as an unknown word does
            return wq.NullQuery
        if positive and name in ("title", "body"):
            self.highlight.extend(texts)
        terms_q = [wq.Term(name, t, boost=boost) for t in texts]
        return terms_q[0] if len(terms_q) == 1 else wq.Or(terms_q)


def filter_clause(name: str, value: str) -> MetaClause | DateClause | None:
    """A facet filter from the reader (`{"dump": "x"}`, `{"date": "2014-04"}`), None if invalid."""
    if not isinstance(value, str) or not value.strip():
        return None
    if name in FACET_FIELDS:
        return MetaClause(name, value)
    try:
        return parse_date(value) if name == "date" else None
    except ValueError:
        return None
