"""Related coverage: the rest of an article's story across dumps and sources, ranked."""

from index.related.finder import RelatedFinder
from index.related.term_counts import save_term_counts

__all__ = ["RelatedFinder", "save_term_counts"]
