"""The index format: schema and analysers (by language), our packed codec, prepared documents.

Private to this room: the rest of `index/` reaches it only through the names below. Importing
this package installs `whoosh_import`, which applies the Whoosh fixes (`whoosh_fixes`) when
Whoosh's codec is first imported; each name is imported from its module on first use, so a verb
that only opens a library (`show`, `stats`: `toc.live_documents` counts the index) loads neither
Whoosh, numpy (`posting_arrays`, `segment_arrays`) nor the ingest's document preparing.
Libraries written before this room existed pickled its classes under older module paths:
`index.old_names` maps them here.
"""

from __future__ import annotations

from index.format import whoosh_import  # noqa: F401  (first: before any Whoosh module)
from index.lazy import lazy_names

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    from index.format.analysis import LanguageAnalyzer, language_analyzer, stemmer_for
    from index.format.packed_formats import PackedPositions
    from index.format.packed_postings import PackedCodec
    from index.format.posting_arrays import (
        TermPostings,
        block_starts,
        block_values,
        is_packed,
        occurrences,
        read_term,
    )
    from index.format.posting_lists import (
        TermLists,
        all_packed,
        column_values,
        f32,
        field_lengths,
        index_state,
        term_lists,
    )
    from index.format.prepared_docs import PreparedDoc, add_prepared, prepare, schema_matches
    from index.format.query_forms import TextForms, text_forms
    from index.format.schema import (
        ENTITY_FIELDS,
        TOKEN_PATTERN,
        build_schema,
        document_for,
        entity_analyzer,
        fold,
        indexed_body,
        text_analyzer,
    )
    from index.format.segment_arrays import (
        block_postings,
        column_array,
        doc_frequencies,
        index_of,
        length_array,
    )
    from index.format.toc import live_documents
    from index.format.whoosh_fixes import library_codec

# Each public name and the module it lives in.
_HOMES = {
    "LanguageAnalyzer": "analysis",
    "language_analyzer": "analysis",
    "stemmer_for": "analysis",
    "PackedPositions": "packed_formats",
    "PackedCodec": "packed_postings",
    "TermPostings": "posting_arrays",
    "block_starts": "posting_arrays",
    "block_values": "posting_arrays",
    "is_packed": "posting_arrays",
    "occurrences": "posting_arrays",
    "read_term": "posting_arrays",
    "TermLists": "posting_lists",
    "all_packed": "posting_lists",
    "column_values": "posting_lists",
    "f32": "posting_lists",
    "field_lengths": "posting_lists",
    "term_lists": "posting_lists",
    "PreparedDoc": "prepared_docs",
    "add_prepared": "prepared_docs",
    "prepare": "prepared_docs",
    "schema_matches": "prepared_docs",
    "TextForms": "query_forms",
    "text_forms": "query_forms",
    "ENTITY_FIELDS": "schema",
    "TOKEN_PATTERN": "schema",
    "build_schema": "schema",
    "document_for": "schema",
    "entity_analyzer": "schema",
    "fold": "schema",
    "indexed_body": "schema",
    "text_analyzer": "schema",
    "block_postings": "segment_arrays",
    "column_array": "segment_arrays",
    "doc_frequencies": "segment_arrays",
    "index_of": "segment_arrays",
    "index_state": "posting_lists",
    "length_array": "segment_arrays",
    "live_documents": "toc",
    "library_codec": "whoosh_fixes",
}


__getattr__ = lazy_names(__name__, _HOMES)


__all__ = [
    "ENTITY_FIELDS",
    "TOKEN_PATTERN",
    "LanguageAnalyzer",
    "PackedCodec",
    "PackedPositions",
    "PreparedDoc",
    "TermLists",
    "TermPostings",
    "TextForms",
    "add_prepared",
    "all_packed",
    "block_postings",
    "block_starts",
    "block_values",
    "build_schema",
    "column_array",
    "column_values",
    "doc_frequencies",
    "document_for",
    "entity_analyzer",
    "f32",
    "field_lengths",
    "fold",
    "index_of",
    "index_state",
    "indexed_body",
    "is_packed",
    "language_analyzer",
    "length_array",
    "library_codec",
    "live_documents",
    "occurrences",
    "prepare",
    "read_term",
    "schema_matches",
    "stemmer_for",
    "term_lists",
    "text_analyzer",
    "text_forms",
]
