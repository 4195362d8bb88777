"""Copies and versions: MinHash estimates, LSH recall, and the version index kept in the store."""

from __future__ import annotations

import json
import pickle
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.library import Library
from index.records import Article
from index.versions.dedup import (
    NUM_PERM,
    VersionIndex,
    band_keys,
    content_hash,
    fingerprints,
    minhash_of,
    signature,
    similarity,
)

SCRIPT = Path(sys.executable).with_name("newsreader")
VOCAB = [f"word{i}" for i in range(3000)]


def text(seed: int, words: int = 300) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCAB) for _ in range(words)]


def edited(words: list[str], changes: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out = list(words)
    for i in rng.sample(range(len(out)), changes):
        out[i] = f"changed{i}"
    return out


def jaccard(a: list[str], b: list[str]) -> float:
    sa = {tuple(a[i : i + 4]) for i in range(len(a) - 3)}
    sb = {tuple(b[i : i + 4]) for i in range(len(b) - 3)}
    return len(sa & sb) / len(sa | sb)


def test_signatures_estimate_the_jaccard_similarity_of_shingles():
    errors = []
    for seed in range(60):
        words = text(seed)
        other = edited(words, 1 + seed % 25, seed)
        errors.append(similarity(signature(words), signature(other)) - jaccard(words, other))
    assert abs(np.mean(errors)) < 0.02 and np.std(errors) < 0.08
    assert similarity(signature(text(1)), signature(text(2))) < 0.1
    assert signature(text(1)).dtype == np.uint32 and signature(text(1)).shape == (NUM_PERM,)
    assert similarity(signature([]), signature([])) == 1.0  # empty and short texts have one too
    huge = text(3, 200_000)  # hashed in chunks, not one (shingles x permutations) matrix
    assert similarity(signature(huge), signature(huge[:-10])) > 0.9


def test_near_copies_are_found_and_dissimilar_texts_are_not():
    versions = VersionIndex()
    for seed in range(200):
        versions.add(f"a{seed:03d}", signature(text(seed)), f"a{seed:03d}", f"a{seed:03d}")
    found = 0
    for seed in range(200):
        near = edited(text(seed), 4, seed)  # Jaccard about 0.9
        found += versions.find("new", signature(near), "new") == f"a{seed:03d}"
    assert found >= 196  # LSH recall at J ~ 0.9 (datasketch's 5 bands of 11 found ~85%)
    for seed in range(200, 300):
        assert versions.find("new", signature(text(seed)), "new") is None
    far = edited(text(7), 60, 7)  # Jaccard about 0.4: may share a band, verified away
    assert versions.find("new", signature(far), "new") is None


def wire(path: Path, stories: dict[str, list[str]]) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": key, "title": " ".join(words[:5]), "text": " ".join(words) + "."})
            + "\n"
            for key, words in stories.items()
        )
    )
    return path


@pytest.fixture
def two_dumps(tmp_path) -> tuple[Path, Path]:
    first = wire(tmp_path / "march.jsonl", {f"s{i}": text(i) for i in range(6)})
    second = wire(
        tmp_path / "april.jsonl",
        {
            "copy": text(0),  # the same words: a copy
            "update": edited(text(1), 4, 1),  # a few words changed: a version
            "new": text(99),
        },
    )
    return first, second


def groups(library: Library) -> dict[str, tuple[str, str]]:
    """origin -> (origin of its copy group, origin of its version group)."""
    rows = list(
        library.store.db.execute("SELECT id, origin, copy_group, version_group FROM articles")
    )
    origin = {aid: name for aid, name, _, _ in rows}
    return {name: (origin[c], origin[v]) for _, name, c, v in rows}


def test_the_ingest_marks_copies_and_versions_across_dumps(tmp_path, two_dumps):
    with Library(tmp_path / "library") as library:
        library.add([two_dumps[0]], workers=1)
        report = library.add([two_dumps[1]], workers=1)
        assert (report.copies, report.versions) == (1, 1)
        found = groups(library)
    s0, s1, copy, update, new = (
        "march.jsonl:1",
        "march.jsonl:2",
        *(f"april.jsonl:{i}" for i in (1, 2, 3)),
    )
    assert found[copy] == (s0, s0)
    assert found[update] == (update, s1)
    assert found[new] == (new, new)
    assert not (tmp_path / "library" / "versions.pickle").exists()


class RunsCode:
    """What a hostile `versions.pickle` holds: unpickling it would create a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_an_old_library_converts_without_unpickling_and_keeps_its_versions(tmp_path, two_dumps):
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.add([two_dumps[0]], workers=1)
        update = wire(tmp_path / "update.jsonl", {"s2": edited(text(2), 3, 2)})
        assert library.add([update], workers=1).versions == 1
        before = groups(library)
        library.store.db.execute("DROP TABLE minhashes")  # as earlier versions left it
        library.store.commit()
    marker = tmp_path / "pwned"
    (folder / "versions.pickle").write_bytes(pickle.dumps(RunsCode(marker)))
    with Library(folder) as library:
        report = library.add([two_dumps[1]], workers=1)
        assert (report.copies, report.versions) == (1, 1)  # found against the old articles
        after = groups(library)
        stored = library.store.db.execute("SELECT COUNT(*) FROM minhashes").fetchone()[0]
    assert not marker.exists() and not (folder / "versions.pickle").exists()
    assert {k: after[k] for k in before} == before
    assert stored == len(after)


def test_a_garbage_version_file_or_signature_is_no_traceback(tmp_path, two_dumps):
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.add([two_dumps[0]], workers=1)
    (folder / "versions.pickle").write_bytes(b"\x80\x05garbage" * 50)
    db = sqlite3.connect(folder / "articles.db")
    db.execute("UPDATE minhashes SET sig = x'00ff'")  # cut short: computed again from the text
    db.commit()
    db.close()
    done = subprocess.run(
        [str(SCRIPT), "--library", str(folder), "index", str(two_dumps[1])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "│ copies    │     1" in done.stderr and "│ versions  │     1" in done.stderr
    assert not (folder / "versions.pickle").exists()


def test_fingerprints_are_the_content_hash_and_the_minhash():
    article = Article(
        id="a",
        dump="d",
        origin="o",
        title="Rates Rise",
        paragraphs=[" ".join(text(3)), "Ünïcode ß"],
    )
    digest, sig, bands = fingerprints(article)
    assert digest == content_hash(article)
    assert np.array_equal(sig, minhash_of(article))
    assert bands == band_keys(sig[None, :])[0].tolist()
