"""Related coverage: the rest of an article's story across dumps and sources, ranked."""

from index.related.finder import RelatedFinder

__all__ = ["RelatedFinder"]
