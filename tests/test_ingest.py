"""The ingest pipeline as plain functions: one broken page is skipped with a reason and retried."""

from __future__ import annotations

import json

import index.ingest as ingest
from index.library import Library

STORIES = [
    {"id": "a", "title": "Cocoa prices rise", "text": "Cocoa prices rose in London on Monday."},
    {"id": "b", "title": "Coffee talks stall", "text": "Coffee quota talks stalled in London."},
]


def test_a_page_the_cleaner_fails_on_is_reported_and_tried_again_next_run(tmp_path, monkeypatch):
    dump = tmp_path / "wire.jsonl"
    dump.write_text("".join(json.dumps(s) + "\n" for s in STORIES))
    real_clean = ingest.clean_page

    def failing_on_coffee(page, furniture=None):
        if "Coffee" in page.title:
            raise ValueError("cleaner bug")
        return real_clean(page, furniture)

    with Library(tmp_path / "library") as library:
        monkeypatch.setattr(ingest, "clean_page", failing_on_coffee)
        report = library.add([dump], workers=1)
        assert report.added == 1
        assert report.skipped == {"cleaning failed": 1}
        assert library.search("coffee").total == 0

        monkeypatch.setattr(ingest, "clean_page", real_clean)  # the cleaner is fixed
        report = library.add([dump], workers=1)
        assert report.added == 1 and report.unchanged == 1
        assert [h.title for h in library.search("coffee").hits] == ["Coffee talks stall"]
