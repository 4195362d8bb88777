"""Related coverage: the rest of an article's story across dumps and sources, ranked; stories."""

import importlib

# Each public name and its module, imported on first use (PEP 562): `related` in a new process
# loads the finder without the story grouper's numpy.
_HOMES = {
    "RelatedFinder": "finder",
    "StoryGrouper": "stories",
    "pack": "story_profiles",
    "save_term_counts": "term_counts",
    "story_profile": "stories",
}


def __getattr__(name: str) -> object:
    """A public name, imported from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = ["RelatedFinder", "StoryGrouper", "pack", "save_term_counts", "story_profile"]
