"""The `newsreader` command line: open the reader, index dumps, search, show, relate, export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.output import UsageError, emit_json, safe, visible
from reader.paths import SEEDS_DUMP, default_library, seeds_folder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="Read, search and cross-reference dumps of crawled news in the terminal.",
        epilog="With no command, opens the reader (on the bundled seed pages the first time).",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="the library folder (default: $NEWSREADER_LIBRARY or the user data folder)",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")

    p = verbs.add_parser("index", help="add dumps to the library (only new or changed pages)")
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="folders, .jsonl, .warc(.wet).gz, .html"
    )
    p.add_argument(
        "--dump", metavar="NAME", help="the dump name (default: from the folder or file)"
    )
    p.add_argument("--rebuild", action="store_true", help="forget the library and index anew")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: cores)")
    p.add_argument(
        "--keep-all",
        action="store_true",
        help="keep listings and junk pages (spam, lorem ipsum, error pages) as articles too",
    )

    p = verbs.add_parser("search", help="search the library")
    p.add_argument("query", nargs="+", help="the query (see the README for the syntax)")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--sort", choices=["relevance", "newest", "oldest"], default="relevance")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = verbs.add_parser("show", help="show one article")
    p.add_argument("id", help="an article id (or a unique prefix of one)")
    p.add_argument("--json", action="store_true")

    p = verbs.add_parser("related", help="related coverage of one article")
    p.add_argument("id")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.add_argument("--json", action="store_true")

    p = verbs.add_parser("story", help="the story of one article as a timeline")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    p = verbs.add_parser("entities", help="the library's top people, organisations and places")
    p.add_argument("--kind", choices=["person", "org", "place"])
    p.add_argument("--dump", metavar="NAME")
    p.add_argument("--limit", type=int, default=30, metavar="N")
    p.add_argument("--json", action="store_true")

    p = verbs.add_parser("export", help="every article, one JSON object a line")
    p.add_argument("--jsonl", action="store_true", required=True, help="JSON Lines (the format)")

    p = verbs.add_parser("stats", help="what the library holds")
    p.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from index import LibraryError

    try:
        return run(args)
    except UsageError as exc:
        print(f"newsreader: {visible(str(exc))}", file=sys.stderr)
        return 2
    except LibraryError as exc:
        print(f"newsreader: {visible(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsreader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def open_library(args: argparse.Namespace, readonly: bool = False):
    from index import Library

    path = Path(args.library).expanduser() if args.library else default_library()
    return Library(path, readonly=readonly)


def run(args: argparse.Namespace) -> int:
    from reader import commands

    if args.verb is None:
        from reader.app import NewsReaderApp

        with open_library(args) as library:
            NewsReaderApp(library).run()
        return 0
    if args.verb == "index":
        if not args.paths and not args.rebuild:
            raise UsageError("index: give at least one PATH (a folder, .jsonl, .warc.gz or .html)")
        if args.rebuild:  # before opening: a damaged library cannot be opened, only rebuilt
            from index.library import wipe_library

            wipe_library(Path(args.library).expanduser() if args.library else default_library())
        with open_library(args) as library:
            return commands.index(library, args)
    with open_library(args) as library:
        if library.is_empty and args.verb != "stats":
            commands.index_seeds(library)
        return getattr(commands, args.verb)(library, args)


__all__ = ["SEEDS_DUMP", "UsageError", "emit_json", "main", "safe", "seeds_folder"]
