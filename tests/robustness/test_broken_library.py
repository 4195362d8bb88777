"""Missing, unreadable, read-only, corrupt, half-written libraries: one clear line, no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from attacks import SEED_000, settle

from index.library import Library, LibraryError
from reader.app import NewsReaderApp
from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = SEED_000.parent
SETPRIV = shutil.which("setpriv")
# Root ignores file permissions; without these capabilities it obeys them like anyone else.
NO_OVERRIDE = "-dac_override,-dac_read_search"


@pytest.fixture(scope="module")
def good_library(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "library"
    with Library(path) as library:
        library.add([SEEDS], dump="seeds")
    return path


@pytest.fixture
def library(good_library, tmp_path) -> Path:
    copy = tmp_path / "library"
    shutil.copytree(good_library, copy)
    return copy


def cli(capfd, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capfd.readouterr()
    return status, out, err


def as_unprivileged_user(*args: str) -> subprocess.CompletedProcess:
    """The real command line as a user whom file permissions stop (also when tests run as root)."""
    command = [sys.executable, "-m", "reader", *args]
    if os.geteuid() == 0:
        if SETPRIV is None:
            pytest.skip("running as root without setpriv: permissions cannot be enforced here")
        command = [SETPRIV, "--bounding-set", NO_OVERRIDE, "--inh-caps", NO_OVERRIDE, *command]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def assert_one_clear_line(err: str, folder: Path, *words: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("newsreader: ") and str(folder) in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]


def test_a_library_folder_that_cannot_be_created(tmp_path, capfd):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for folder in (blocker / "library", blocker, Path("/proc/newsreader-test/library")):
        status, _out, err = cli(capfd, "--library", str(folder), "search", "nato")
        assert status == 1
        assert_one_clear_line(err, folder)


@pytest.mark.parametrize(
    "damage",
    ["garbage store", "truncated store", "garbage index table", "segment missing", "segment cut"],
)
def test_a_damaged_library_says_so_and_index_rebuild_repairs_it(library, capfd, damage):
    whoosh = library / "whoosh"
    if damage == "garbage store":
        (library / "articles.db").write_bytes(b"this is not a database" * 100)
    elif damage == "truncated store":
        with (library / "articles.db").open("r+b") as db:
            db.truncate(3000)
    elif damage == "garbage index table":
        for toc in whoosh.glob("*.toc"):
            toc.write_bytes(os.urandom(200))
    elif damage == "segment missing":
        for seg in whoosh.glob("*.seg"):
            seg.unlink()
    else:
        for seg in whoosh.glob("*.seg"):
            with seg.open("r+b") as f:
                f.truncate(seg.stat().st_size // 3)
    for verb in (["search", "nato"], ["stats"], ["export", "--jsonl"]):
        status, out, err = cli(capfd, "--library", str(library), *verb)
        assert status == 1, (damage, verb, out)
        assert_one_clear_line(err, library, "damaged", "newsreader index --rebuild")
    status, _, err = cli(capfd, "--library", str(library), "index", "--rebuild", str(SEEDS))
    assert status == 0, err
    status, out, err = cli(capfd, "--library", str(library), "search", "rasmussen")
    assert status == 0 and out.count("[seeds]") == 2, err


def test_a_search_index_that_lost_articles_is_rebuilt_from_the_store(library, capfd):
    shutil.rmtree(library / "whoosh")  # half-written: the store holds articles the index lacks
    status, out, err = cli(capfd, "--library", str(library), "search", "rasmussen", "--limit", "5")
    assert status == 0 and out.count("[seeds]") == 2, err
    with Library(library) as lib:
        assert lib.ix.doc_count() == lib.store.count() == 2


def test_an_ingest_cut_between_index_and_store_commits_is_reconciled(library, good_library):
    # The index committed a batch the store never did (the indexer died in between).
    from index.format.schema import document_for
    from index.ingest_worker import process_pages
    from index.records import Page

    with Library(library) as lib:
        page = Page("ghost", "ghost/1.txt", "1", SEED_000.read_text(encoding="utf-8"))
        ghost = process_pages([page], None)[0]
        writer = lib.ix.writer()
        writer.add_document(**document_for(ghost))
        for article in lib.export():  # and one article twice
            writer.add_document(**document_for(article))
            break
        writer.commit()
        lib.store.set_meta("ingest_pending", "1")
        lib.store.commit()
    with Library(library) as lib:
        with lib.ix.searcher() as searcher:
            ids = [f["id"] for f in searcher.all_stored_fields()]
        assert sorted(ids) == sorted(a.id for a in lib.export())
        assert lib.search("rasmussen").total == 2
        assert lib.store.get_meta("ingest_pending") == "0"


def test_a_read_only_library_can_still_be_read(library):
    ids = []
    with Library(library) as lib:
        ids = [a.id for a in lib.export()]
    subprocess.run(["chmod", "-R", "a-w", str(library)], check=True)
    try:
        search = as_unprivileged_user("--library", str(library), "search", "nato", "--json")
        assert search.returncode == 0, search.stderr
        assert '"total": 2' in search.stdout
        for args in (["show", ids[0]], ["related", ids[0]], ["stats"], ["export", "--jsonl"]):
            done = as_unprivileged_user("--library", str(library), *args)
            assert done.returncode == 0 and done.stdout, (args, done.stderr)
        done = as_unprivileged_user("--library", str(library), "index", str(SEEDS))
        assert done.returncode == 1
        assert_one_clear_line(done.stderr, library, "read-only")
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(library)], check=True)


def test_the_readonly_code_path_reads_and_refuses_to_write(library):
    with Library(library, readonly=True) as lib:
        assert lib.readonly
        assert lib.search("nato").total == 2
        assert lib.related(next(iter(lib.export())).id).related
        with pytest.raises(LibraryError, match="read-only"):
            lib.add([SEEDS])


async def test_the_reader_opens_a_read_only_library(library):
    with Library(library, readonly=True) as lib:
        app = NewsReaderApp(lib)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"rasmussen", "enter")
            await settle(pilot)
            assert len(app.screen.results.hits) == 2
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.article_view.article is not None


def test_an_unreadable_library_folder(library):
    os.chmod(library, 0)
    try:
        done = as_unprivileged_user("--library", str(library), "search", "nato")
    finally:
        os.chmod(library, 0o755)
    assert done.returncode == 1
    assert_one_clear_line(done.stderr, library)
