"""Answers the console script once got wrong (issue 20), each asked of it as a user would."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from cli_support import newsreader, search_json, titles
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

NATO = {
    "NATO 'Can't Confirm' Russian Troop Withdrawal",
    "NATO Chief Vows Support For Ukraine, Urges Russia Pullback",
    "Crimea vote condemned",
}

# -- 1. a prefix, wildcard or fuzzy word that matches nothing --------------------------------


@pytest.mark.parametrize(
    "query",
    ["Rasmusn~", "xyzzyq~", "xyzz*", "xy?zyq", "title:zzzq*", "person:Zzzq*", "org:Zzzq*",
     "place:zzzq*", "body:xyzz*", "NATO xyzzyq~", "NATO title:zzzq*", "(NATO OR EU) xyzz*"],
)  # fmt: skip
def test_a_word_matching_nothing_makes_the_and_match_nothing(cli_library, query):
    assert search_json(cli_library, query)["total"] == 0


def test_a_word_matching_nothing_leaves_or_and_not_alone(cli_library):
    assert titles(cli_library, "NATO OR xyzz*") == NATO
    assert titles(cli_library, "NATO -xyzz*") == NATO
    assert titles(cli_library, "NATO -title:zzzq*") == NATO


def test_a_fuzzy_word_matching_nothing_gets_did_you_mean(cli_library):
    done = newsreader(cli_library, "search", "Rasmusn~")
    assert "0 articles" in done.stderr and "did you mean: Rasmussen~" in done.stderr
    assert search_json(cli_library, "Rasmussen~")["total"] == 2


# -- 2. the gazetteer's spellings of a place are one place -----------------------------------


def test_place_finds_every_spelling_of_it(cli_library):
    kyiv = {"Gas talks open in Kiev", "Poroshenko wins election",
            "NATO Chief Vows Support For Ukraine, Urges Russia Pullback",
            "NATO 'Can't Confirm' Russian Troop Withdrawal"}  # fmt: skip
    assert titles(cli_library, "place:Kiev") == kyiv
    assert titles(cli_library, "place:Kyiv") == kyiv
    assert titles(cli_library, "place:kiev") == kyiv
    assert titles(cli_library, "place:Kiev -place:Kyiv") == set()


# -- 3. a query that starts with "-" ----------------------------------------------------------


def test_a_query_may_start_with_a_minus(cli_library):
    everything = search_json(cli_library, "")["total"]
    crimea = search_json(cli_library, "Crimea")["total"]
    assert search_json(cli_library, "-Crimea")["total"] == everything - crimea
    kept = {"NATO Chief Vows Support For Ukraine, Urges Russia Pullback"}  # the others name Crimea
    assert titles(cli_library, "NATO", "-Crimea") == kept
    done = newsreader(cli_library, "search", "NATO", "-Crimea")
    assert "1 articles for 'NATO -Crimea'" in done.stderr


def test_options_stand_anywhere_and_double_dash_keeps_them_out_of_the_query(cli_library):
    found = json.loads(newsreader(cli_library, "search", "--", "-oil", "--limit", "1",
                                  "--json").stdout)  # fmt: skip
    assert found["query"] == "-oil" and len(found["hits"]) == 1
    before = json.loads(newsreader(cli_library, "search", "--limit", "1", "--json", "oil").stdout)
    assert before["query"] == "oil" and len(before["hits"]) == 1
    newest = json.loads(newsreader(cli_library, "search", "--sort=newest", "oil", "--json").stdout)
    assert next(h["title"] for h in newest["hits"]) == "Oil exports to Europe rise"
    unknown = newsreader(cli_library, "search", "--", "--foo", "oil", "--json").stdout
    assert json.loads(unknown)["query"] == "--foo oil"  # after "--": a query word


def test_an_unknown_option_before_the_query_is_a_usage_error(cli_library):
    done = newsreader(cli_library, "search", "--limitt", "2", "oil", check=False)
    assert done.returncode == 2 and "--limitt" in done.stderr
    assert newsreader(cli_library, "search", check=False).returncode == 2


# -- 4. ids: any unique prefix, any case, a record's own id ----------------------------------


def _ids(library: Path) -> list[str]:
    return [json.loads(line)["id"] for line in newsreader(library, "export", "--jsonl").stdout
            .splitlines()]  # fmt: skip


def test_any_unique_prefix_in_any_case_shows_the_article(cli_library):
    ids = _ids(cli_library)
    for aid in ids:
        short = next(aid[:n] for n in range(1, 17) if sum(i.startswith(aid[:n]) for i in ids) == 1)
        shown = json.loads(newsreader(cli_library, "show", short.upper(), "--json").stdout)
        assert shown["id"] == aid
    assert min(len(next(a[:n] for n in range(1, 17) if sum(i.startswith(a[:n]) for i in ids) == 1))
               for a in ids) < 4  # fmt: skip


def test_an_ambiguous_prefix_names_the_candidates(cli_library):
    ids = _ids(cli_library)
    first = {i[0] for i in ids}
    shared = next(c for c in sorted(first) if sum(i.startswith(c) for i in ids) > 1)
    done = newsreader(cli_library, "show", shared, check=False)
    assert done.returncode == 1 and "ambiguous" in done.stderr
    assert all(i in done.stderr for i in ids if i.startswith(shared))
    assert len(done.stderr.strip().splitlines()) == 1


def test_show_takes_a_json_lines_records_own_id(cli_library):
    assert newsreader(cli_library, "show", "kiev-1").stdout.startswith("Gas talks open in Kiev")
    shown = json.loads(newsreader(cli_library, "show", "porosh-1", "--json").stdout)
    assert shown["dump"] == "crawl-2014-05"
    done = newsreader(cli_library, "show", "no-such-record", check=False)
    assert done.returncode == 1 and "no article with id 'no-such-record'" in done.stderr


# -- 5. "did you mean" when the correction finds no article beyond the others' ---------------


def test_did_you_mean_for_an_or_whose_other_side_already_finds_the_articles(cli_library):
    done = newsreader(cli_library, "search", "Fogh OR Rasmusen")
    assert "2 articles" in done.stderr and "did you mean: Fogh OR Rasmussen" in done.stderr
    done = newsreader(cli_library, "search", "oil OR Rasmusen")
    assert "did you mean: oil OR Rasmussen" in done.stderr


# -- 6. plain-text search says "also in" -------------------------------------------------------


def test_plain_search_output_says_also_in(cli_library):
    out = newsreader(cli_library, "search", "Donbas").stdout
    assert "Shelling in Donbas  (also in crawl-2014-05)" in out
    assert "also in" not in newsreader(cli_library, "search", "Crimea").stdout


# -- 7. WARC and WET: a page in two files of one run, lengths broken by line ends --------------

URL = "https://news.example/bridge"
TEXT = "Harbour bridge reopens\nThe harbour bridge reopened on Tuesday after two years.\n" * 3


def _warc(records: list[tuple[str, str, bytes]], per_record_gzip: bool) -> bytes:
    """A WARC of (type, url, payload) records after a warcinfo naming the crawl."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=per_record_gzip)
    writer.write_record(writer.create_warcinfo_record("x.warc", {"isPartOf": "CC-MAIN-TEST"}))
    for kind, url, payload in records:
        http = None
        if kind == "response":
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), http_headers=http,
                warc_content_type="text/plain" if kind == "conversion" else None,
            )
        )  # fmt: skip
    return buffer.getvalue()


def _story(n: int) -> str:
    town = ["Aberdeen", "Bristol", "Cardiff", "Dover", "Exeter", "Falmouth", "Glasgow", "Harwich",
            "Ipswich", "Jarrow", "Kendal", "Leeds"][n]  # fmt: skip
    return (
        f"Harbour bridge in {town} reopens after repairs\n"
        f"The harbour bridge in {town} reopened on Tuesday after {n + 2} years of repairs, the "
        "council said, and the first buses crossed it before seven in the morning.\n"
        f"Engineers replaced {n * 10 + 40} steel cables and the whole deck, which had rusted "
        "through in places after decades of salt spray from the sea below.\n"
        f"Shop owners in {town} said trade had fallen by a third while the bridge was shut "
        "and hoped that visitors would now come back in the summer.\n"
    )


def _summary(done) -> dict[str, int]:
    rows = {}
    for line in done.stderr.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) >= 2 and cells[1].replace(",", "").isdigit():
            rows[cells[0]] = int(cells[1].replace(",", ""))
    return rows


def test_a_page_in_the_warc_and_the_wet_of_one_run_is_added_once(tmp_path):
    html = (
        "<html><head><title>Harbour bridge reopens</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in TEXT.splitlines())
        + "</article></body></html>"
    )
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(_warc([("response", URL, html.encode())], per_record_gzip=True))
    wet = tmp_path / "crawl.warc.wet.gz"
    wet.write_bytes(_warc([("conversion", URL, TEXT.encode())], per_record_gzip=True))
    library = tmp_path / "lib"
    summary = _summary(newsreader(library, "index", str(warc), str(wet)))
    assert summary["added"] == 1 and summary["repeated"] == 1
    stats = json.loads(newsreader(library, "stats", "--json").stdout)
    assert stats["articles"] == 1 and stats["dumps"] == {"CC-MAIN-TEST": 1}


def test_a_wet_whose_line_ends_were_rewritten_keeps_every_record(tmp_path):
    pages = [(f"https://news.example/{n}", _story(n)) for n in range(12)]
    plain = _warc([("conversion", url, text.encode()) for url, text in pages], False)
    damaged = plain.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # every length now too short
    assert damaged != plain
    path = tmp_path / "damaged.warc.wet.gz"
    path.write_bytes(gzip.compress(damaged))
    library = tmp_path / "lib"
    done = newsreader(library, "index", str(path))
    summary = _summary(done)
    assert summary["added"] == 12 and "skipped" not in done.stderr
    assert "12 pages" in done.stderr
    shown = json.loads(newsreader(library, "show", "https://news.example/7", "--json").stdout)
    assert shown["title"] == "Harbour bridge in Harwich reopens after repairs"
    assert "come back in the summer" in shown["paragraphs"][-1]  # read past the declared length


# -- 8. entities: copies once, an unknown dump, --limit ----------------------------------------


def test_entities_count_an_article_and_its_copy_once(cli_library):
    places = json.loads(newsreader(cli_library, "entities", "--kind", "place", "--json").stdout)
    counts = {e["name"]: e["articles"] for e in places}
    assert counts["Donbas"] == 1  # April's article and its copy in May
    assert search_json(cli_library, "place:Donbas")["total"] == 1
    may = newsreader(cli_library, "entities", "--dump", "crawl-2014-05", "--json").stdout
    may = json.loads(may)
    assert {"name": "Donbas", "kind": "place", "articles": 1} in may


def test_entities_of_a_dump_that_does_not_exist_is_an_error(cli_library):
    done = newsreader(cli_library, "entities", "--dump", "nosuchdump", check=False)
    assert done.returncode == 1 and "no dump named 'nosuchdump'" in done.stderr
    assert "crawl-2014-04" in done.stderr and done.stdout == ""
    upper = newsreader(cli_library, "entities", "--dump", "CRAWL-2014-05", "--json")
    assert json.loads(upper.stdout)  # the dump's name in any case, as `dump:` takes it


@pytest.mark.parametrize("verb", [["search", "oil"], ["entities"], ["related", "kiev-1"]])
def test_limit_zero_is_the_same_usage_error_everywhere(cli_library, verb):
    done = newsreader(cli_library, *verb, "--limit", "0", check=False)
    assert done.returncode == 2 and "--limit: must be at least 1" in done.stderr
