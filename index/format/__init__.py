"""The index format: schema and analysers (by language), our packed codec, prepared documents.

Private to this room: the rest of `index/` reaches it only through the names below. Importing
this package applies the Whoosh fixes (`whoosh_fixes`). Libraries written before this room
existed pickled its classes under older module paths: `index.old_names` maps them here.
"""

from index.format.analysis import LanguageAnalyzer, language_analyzer, stemmer_for
from index.format.packed_formats import PackedPositions
from index.format.packed_postings import (
    PackedCodec,
    TermPostings,
    block_starts,
    block_values,
    is_packed,
    occurrences,
    read_term,
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
    index_of,
    index_state,
    length_array,
)
from index.format.whoosh_fixes import library_codec

__all__ = [
    "ENTITY_FIELDS",
    "TOKEN_PATTERN",
    "LanguageAnalyzer",
    "PackedCodec",
    "PackedPositions",
    "PreparedDoc",
    "TermPostings",
    "TextForms",
    "add_prepared",
    "block_postings",
    "block_starts",
    "block_values",
    "build_schema",
    "column_array",
    "document_for",
    "entity_analyzer",
    "fold",
    "index_of",
    "index_state",
    "indexed_body",
    "is_packed",
    "language_analyzer",
    "length_array",
    "library_codec",
    "occurrences",
    "prepare",
    "read_term",
    "schema_matches",
    "stemmer_for",
    "text_analyzer",
    "text_forms",
]
