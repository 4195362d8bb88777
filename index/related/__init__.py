"""Related coverage: the rest of an article's story across dumps and sources, ranked; stories."""

from index.lazy import lazy_names

# Each public name and its module, imported on first use (PEP 562): `related` in a new process
# loads the finder without the story grouper's numpy.
_HOMES = {
    "RelatedFinder": "finder",
    "StoryGrouper": "stories",
    "pack": "story_profiles",
    "placings_ahead": "placing_pool",
    "save_term_counts": "term_counts",
    "story_profile": "stories",
}


__getattr__ = lazy_names(__name__, _HOMES)


__all__ = [
    "RelatedFinder",
    "StoryGrouper",
    "pack",
    "placings_ahead",
    "save_term_counts",
    "story_profile",
]
