"""An export writes its first line after a few articles, and the same bytes as in one batch."""

from __future__ import annotations

import io
import json

import pytest

from index import export as export_module
from index import library_stories
from index.library import Library

# Written for this test: ten subjects, each reported twice (stories), in two dumps.
SUBJECTS = ["zinc smelter", "wheat harvest", "copper mine", "dock strike", "oil tanker"]
SUBJECTS += ["sugar quota", "coffee price", "rail merger", "bank loan", "steel tariff"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export_batches")
    for dump in ("wire-a", "wire-b"):
        lines = []
        for n, subject in enumerate(SUBJECTS):
            for k in range(2):
                text = (
                    f"The {subject} in Lagos made news on day {n}. Officials of the {subject} "
                    f"said talks would go on, report {k} of the {dump} desk.\n\nMore followed."
                )
                title = f"{subject.title()} talks in Lagos, part {k}"
                lines.append(json.dumps({"id": f"{dump}-{n}-{k}", "title": title, "text": text}))
        (folder / f"{dump}.jsonl").write_text("\n".join(lines) + "\n")
    with Library(folder / "library") as lib:
        lib.add([folder / "wire-a.jsonl", folder / "wire-b.jsonl"], workers=1)
        ids = [a.id for a in lib.export()]
        lib.tag(ids[1], ["first"], [])
        lib.tag(ids[-1], ["last"], [])
    return folder / "library"


def exported(folder, fmt: str = "jsonl", query: str = "") -> str:
    out = io.StringIO()
    with Library(folder, readonly=True) as lib:
        lib.export_to(out, fmt, query)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md"])
def test_the_batches_and_story_lookups_change_no_byte(library, monkeypatch, fmt):
    default = exported(library, fmt)
    monkeypatch.setattr(library_stories, "FIRST_STORIES", 10**6)  # every story by id
    monkeypatch.setattr(export_module, "FIRST_BATCH", 10**6)  # one batch
    assert exported(library, fmt) == default
    monkeypatch.setattr(library_stories, "FIRST_STORIES", 3)
    monkeypatch.setattr(export_module, "FIRST_BATCH", 1)
    assert exported(library, fmt) == default


def test_every_exported_article_has_its_story_and_tags(library):
    records = [json.loads(line) for line in exported(library).splitlines()]
    assert len(records) == 40 > library_stories.FIRST_STORIES
    with Library(library, readonly=True) as lib:
        for record in records:
            assert record["story"] == lib.article(record["id"]).story, record["id"]
    assert sum(bool(r["story"]) for r in records) > 30  # most of them placed in a story
    assert [r["tags"] for r in records if r["tags"]] == [["first"], ["last"]]
    assert records[1]["tags"] == ["first"] and records[-1]["tags"] == ["last"]


def test_the_first_line_is_written_after_the_first_batch(library, monkeypatch):
    pulled = []

    class FirstLine(io.StringIO):
        def write(self, text: str) -> int:
            if "\n" in text and not hasattr(self, "at"):
                self.at = len(pulled)
            return super().write(text)

    with Library(library, readonly=True) as lib:
        real = lib.store.iter_articles

        def counted():
            for article in real():
                pulled.append(article.id)
                yield article

        monkeypatch.setattr(lib.store, "iter_articles", counted)
        out = FirstLine()
        assert lib.export_to(out, "jsonl") == 40
    assert out.at == export_module.FIRST_BATCH < 40
