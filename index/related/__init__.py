"""Related coverage: the rest of an article's story across dumps and sources, ranked; stories."""

from index.related.finder import RelatedFinder
from index.related.stories import StoryGrouper
from index.related.term_counts import save_term_counts

__all__ = ["RelatedFinder", "StoryGrouper", "save_term_counts"]
