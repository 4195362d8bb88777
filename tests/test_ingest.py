"""The ingest pipeline as plain functions: one broken page is skipped with a reason and retried."""

from __future__ import annotations

import json

import index.ingest_worker as worker
from index.library import Library

STORIES = [
    {"id": "a", "title": "Cocoa prices rise", "text": "Cocoa prices rose in London on Monday."},
    {"id": "b", "title": "Coffee talks stall", "text": "Coffee quota talks stalled in London."},
]


def test_a_page_the_cleaner_fails_on_is_reported_and_tried_again_next_run(tmp_path, monkeypatch):
    dump = tmp_path / "wire.jsonl"
    dump.write_text("".join(json.dumps(s) + "\n" for s in STORIES))
    real_clean = worker.clean_any_page

    def failing_on_coffee(page, furniture=None, keep_all=False):
        if "Coffee" in page.title:
            raise ValueError("cleaner bug")
        return real_clean(page, furniture, keep_all=keep_all)

    with Library(tmp_path / "library") as library:
        monkeypatch.setattr(worker, "clean_any_page", failing_on_coffee)
        report = library.add([dump], workers=1)
        assert report.added == 1
        assert report.skipped == {"cleaning failed": 1}
        assert library.search("coffee").total == 0

        monkeypatch.setattr(worker, "clean_any_page", real_clean)  # the cleaner is fixed
        report = library.add([dump], workers=1)
        assert report.added == 1 and report.unchanged == 1
        assert [h.title for h in library.search("coffee").hits] == ["Coffee talks stall"]


def test_body_words_are_kept_once_and_suggestions_prefer_common_words(tmp_path):
    stories = [
        {"id": f"t{i}", "title": f"Tanker news {i}", "text": "A tanker was hit in the Gulf."}
        for i in range(3)
    ] + [{"id": "b", "title": "Toy news", "text": "A tinker was named in the City."}]
    dump = tmp_path / "wire.jsonl"
    dump.write_text("".join(json.dumps(s) + "\n" for s in stories))
    with Library(tmp_path / "library") as library:
        assert library.add([dump], workers=1).added == 4
        assert "spell_body" not in library.ix.schema  # the words are in the store, not indexed
        words = [w for (w,) in library.store.db.execute("SELECT word FROM words")]
        assert words.count("tanker") == 1 and "tinker" in words and "tanke" not in words
        assert library.search("tonker").correction == "tanker"  # "tinker" is as near, but rarer
        assert library.search("tonker").total == 0


def test_progress_counts_pages_done_not_pages_handed_to_the_workers(tmp_path):
    words = [
        "cocoa",
        "coffee",
        "sugar",
        "rubber",
        "tin",
        "copper",
        "grain",
        "wheat",
        "barley",
        "oats",
    ]
    stories = [
        {"id": str(i), "title": f"{words[i % 10].title()} report {i}",
         "text": f"Prices of {words[i % 10]} moved on day {i} in London and New York."}
        for i in range(700)
    ]  # fmt: skip
    dump = tmp_path / "wire.jsonl"
    dump.write_text("".join(json.dumps(s) + "\n" for s in stories))
    seen: list[tuple[int, int]] = []

    stages: list[tuple[str, int, int | None]] = []

    def on_progress(state) -> None:
        if state.stage:  # after the pages: grouping them into stories
            stages.append((state.stage, state.pages, state.total))
            return
        r = state.report
        done = r.added + r.updated + r.unchanged + sum(r.skipped.values())
        seen.append((state.pages, done))

    with Library(tmp_path / "library") as library:
        report = library.add([dump], progress=on_progress, workers=2)
    assert report.added == 700
    assert stages[0] == ("grouping into stories", 0, 700)
    assert stages[-1] == ("grouping into stories", 700, 700)
    assert all(pages == done for pages, done in seen)
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)
    assert seen[-1][0] == 700


def _gc_thresholds() -> tuple[int, int, int]:
    import gc

    return gc.get_threshold()


def test_workers_collect_cycles_rarely():
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from index.worker_guard import WORKER_GC_THRESHOLDS, guard_worker

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, context, initializer=guard_worker, initargs=(os.getpid(),)) as pool:
        assert pool.submit(_gc_thresholds).result() == WORKER_GC_THRESHOLDS


def test_the_indexer_collects_cycles_rarely_while_it_ingests_then_as_before(tmp_path):
    import gc

    from index.worker_guard import WORKER_GC_THRESHOLDS

    dump = tmp_path / "wire.jsonl"
    dump.write_text("".join(json.dumps(s) + "\n" for s in STORIES))
    seen: list[tuple[int, int, int]] = []
    before = gc.get_threshold()
    with Library(tmp_path / "library") as library:
        library.add([dump], workers=1, progress=lambda _: seen.append(gc.get_threshold()))
        assert library.search("cocoa").total == 1
    assert seen and set(seen) == {WORKER_GC_THRESHOLDS} != {before}
    assert gc.get_threshold() == before
