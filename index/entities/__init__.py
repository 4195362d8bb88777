"""Entities: the people, organisations and places an article names, found by rules and lists.

`extract_entities` is public: other programs import it as `index.entities.extract_entities`.
"""

from index.entities.by_language import coverage_note, entities_for_language, place_of_local_name
from index.entities.extract import (
    article_entities,
    canonical_place,
    extract_entities,
    normalize_entity_key,
)
from index.entities.gazetteer import listed_place
from index.entities.lexicon import common_words

__all__ = [
    "article_entities",
    "canonical_place",
    "common_words",
    "coverage_note",
    "entities_for_language",
    "extract_entities",
    "listed_place",
    "normalize_entity_key",
    "place_of_local_name",
]
