"""The `newsreader` command line: open the reader, index dumps, search, show, relate, export."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.output import UsageError, emit_json, safe, visible
from reader.paths import SEEDS_DUMP, default_library, seeds_folder


def a_date(text: str) -> str:
    """The value of `--since`: a year, month or day."""
    from index.search.query_dates import date_prefix

    try:
        return date_prefix(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def at_least_one(text: str) -> int:
    """The value of `--limit` or `--workers`: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def port_number(text: str) -> int:
    """The value of `--port`: a TCP port, 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be 1 to 65535, not {value}")
    return value


# Each verb and what it does (its line in `newsreader --help`).
VERBS = {
    "index": "add dumps to the library (only new or changed pages)",
    "search": "search the library",
    "show": "show one article",
    "related": "related coverage of one article",
    "story": "a story's articles as a timeline",
    "stories": "the library's stories, biggest first",
    "entities": "the library's top people, organisations and places",
    "export": "articles as JSON Lines, CSV or Markdown",
    "tag": "add (+NAME) and remove (-NAME) tags of one article",
    "tags": "every tag with the number of articles carrying it",
    "mark": "mark articles read or unread",
    "stats": "what the library holds",
    "serve": "the reader in a web browser (through textual-serve)",
    "config": "the settings file's path and the settings in effect",
}


def build_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given a verb, with that verb's subparser alone (building all
    fourteen is 3 ms of every start)."""
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

    def verb_parser(name: str) -> argparse.ArgumentParser | None:
        """The subparser of `name`; None when the parser is built for another verb."""
        return verbs.add_parser(name, help=VERBS[name]) if verb in (None, name) else None

    if p := verb_parser("index"):
        p.add_argument(
            "paths", nargs="*", metavar="PATH", help="folders, .jsonl, .warc(.wet).gz, .html"
        )
        p.add_argument(
            "--dump", metavar="NAME", help="the dump name (default: from the folder or file)"
        )
        p.add_argument("--rebuild", action="store_true", help="forget the library and index anew")
        p.add_argument(
            "--workers", type=at_least_one, metavar="N", help="worker processes (default: cores)"
        )
        p.add_argument(
            "--keep-all",
            action="store_true",
            help="keep listings and junk pages (spam, lorem ipsum, error pages) as articles too",
        )

    if p := verb_parser("search"):
        p.add_argument(
            "query",
            nargs="+",
            help="the query: its words, `-word` to leave one out (see the README)",
        )
        p.add_argument("--limit", type=at_least_one, default=20, metavar="N")
        p.add_argument("--sort", choices=["relevance", "newest", "oldest"], default="relevance")
        p.add_argument("--json", action="store_true", help="print JSON")

    if p := verb_parser("show"):
        p.add_argument("id", help="an article id (or a unique prefix of one)")
        p.add_argument("--json", action="store_true")

    if p := verb_parser("related"):
        p.add_argument("id")
        p.add_argument("--limit", type=at_least_one, default=10, metavar="N")
        p.add_argument("--json", action="store_true")

    if p := verb_parser("story"):
        p.add_argument("id", help="a story id, or the id of one of its articles")
        p.add_argument("--json", action="store_true")

    if p := verb_parser("stories"):
        p.add_argument("--dump", metavar="NAME", help="only stories with articles in this dump")
        p.add_argument("--since", type=a_date, metavar="YYYY-MM-DD",
                       help="only stories covered since this day")  # fmt: skip
        p.add_argument("--entity", metavar="NAME", help="only stories naming this entity")
        p.add_argument("--newest", action="store_true", help="newest first (default: biggest)")
        p.add_argument("--limit", type=at_least_one, default=30, metavar="N")
        p.add_argument("--json", action="store_true")

    if p := verb_parser("entities"):
        p.add_argument("--kind", choices=["person", "org", "place"])
        p.add_argument("--dump", metavar="NAME")
        p.add_argument("--limit", type=at_least_one, default=30, metavar="N")
        p.add_argument("--json", action="store_true")

    if p := verb_parser("export"):
        p.add_argument(
            "--query", metavar="Q", default="", help="only the articles this query finds"
        )
        p.add_argument("--format", choices=["jsonl", "csv", "md"], default="jsonl")
        p.add_argument(
            "--jsonl", action="store_const", const="jsonl", dest="format", help="JSON Lines"
        )
        p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")

    if p := verb_parser("tag"):
        p.add_argument("id", help="an article id (or a unique prefix of one)")
        p.add_argument("changes", nargs="+", metavar="+NAME|-NAME")
        p.add_argument("--json", action="store_true")

    if p := verb_parser("tags"):
        p.add_argument("--json", action="store_true")

    if p := verb_parser("mark"):
        p.add_argument("ids", nargs="+", metavar="ID")
        state = p.add_mutually_exclusive_group(required=True)
        state.add_argument("--read", action="store_true")
        state.add_argument("--unread", action="store_true")
        p.add_argument("--json", action="store_true")

    if p := verb_parser("stats"):
        p.add_argument("--json", action="store_true")

    if p := verb_parser("serve"):
        p.add_argument(
            "--host",
            default="127.0.0.1",
            help="the address to listen on (default: 127.0.0.1, this machine only)",
        )
        p.add_argument(
            "--port", type=port_number, default=8000, metavar="N", help="the port (default: 8000)"
        )

    if p := verb_parser("config"):
        p.add_argument("--json", action="store_true")
        p.add_argument(
            "--edit",
            action="store_true",
            help="create the file (commented) and open $VISUAL/$EDITOR",
        )
    return parser


_SEARCH_VALUED = ("--limit", "--sort")
_SEARCH_FLAGS = ("--json", "-h", "--help")


def search_in_order(argv: list[str]) -> list[str]:
    """The command line with `search`'s options put first and its query words after a `--`.

    `search` reads its options wherever they stand, before, among or after the query's words,
    and every other word as the query, even one that starts with `-` (`search NATO -Crimea`), as
    notmuch reads its search terms. A `--` is taken and dropped: after it, a word that looks like
    an option `search` does not have is a query word too, not a usage error.
    """
    at = 0
    while at < len(argv) and argv[at].startswith("-"):  # the options before the command
        at += 2 if argv[at] == "--library" else 1
    if at >= len(argv) or argv[at] != "search":
        return argv
    options: list[str] = []
    words: list[str] = []
    dashes = False
    rest = iter(argv[at + 1 :])
    for arg in rest:
        if arg == "--" and not dashes:
            dashes = True
        elif arg in _SEARCH_VALUED:
            value = next(rest, None)
            options.append(arg if value is None else f"{arg}={value}")
        elif arg in _SEARCH_FLAGS or arg.split("=", 1)[0] in _SEARCH_VALUED:
            options.append(arg)
        elif arg.startswith("--") and len(arg) > 2 and not dashes:
            options.append(arg)  # an option search does not have: a usage error names it
        else:
            words.append(arg)
    return [*argv[: at + 1], *options, "--", *words]


def _tag_changes_as_positionals(argv: list[str]) -> list[str]:
    """`tag ID -NAME`: the words after `tag` are its id and changes, `-NAME` too (not options)."""
    at = 0
    while at < len(argv) and argv[at].startswith("-"):
        at += 2 if argv[at] == "--library" else 1  # the global options before the verb
    if at >= len(argv) or argv[at] != "tag" or "--" in argv[at:]:
        return argv
    rest = argv[at + 1 :]
    options = [a for a in rest if a in ("--json", "-h", "--help")]
    return [*argv[: at + 1], *options, "--", *(a for a in rest if a not in options)]


def called_verb(argv: list[str]) -> str | None:
    """The verb a command line calls, when its parser needs no other verb's: None when no verb
    comes right after the library option (-h, --version, an abbreviation, a mistyped verb)."""
    at = 0
    while at < len(argv) and argv[at].startswith("-"):
        if argv[at] == "--library":
            at += 2
        elif argv[at].startswith("--library="):
            at += 1
        else:
            return None
    return argv[at] if at < len(argv) and argv[at] in VERBS else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = _tag_changes_as_positionals(list(sys.argv[1:] if argv is None else argv))
    args = build_parser(called_verb(argv)).parse_args(search_in_order(argv))
    # numpy's OpenBLAS starts a thread per core at import (40 ms of CPU under load) for matrix
    # products too small to share out (the cleaner's lines x features; the ingest runs a worker
    # process per core already, whose threads would only contend); the user's value wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
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

    if args.verb == "config":  # the user's settings, not the library's
        from reader.config_command import config

        return config(args)
    if args.verb is None:
        import gc

        gc.disable()  # until its first results are on screen (`quiet_garbage_collector`)
        from reader.app import NewsReaderApp

        with open_library(args) as library:
            NewsReaderApp(library).run()
        return 0
    if args.verb == "serve":
        from reader.serve import serve

        with open_library(args) as library:  # seeded here, as the reader would, once for all
            if library.is_new and not library.readonly:
                commands.index_seeds(library)
            path = library.path
        return serve(path, args.host, args.port)
    if args.verb == "index":
        if not args.paths and not args.rebuild:
            raise UsageError("index: give at least one PATH (a folder, .jsonl, .warc.gz or .html)")
        if args.rebuild:  # before opening: a damaged library cannot be opened, only rebuilt
            from index.library import wipe_library

            wipe_library(Path(args.library).expanduser() if args.library else default_library())
        with open_library(args) as library:
            return commands.index(library, args)
    with open_library(args) as library:
        if library.is_new and args.verb != "stats":
            commands.index_seeds(library)
        return getattr(commands, args.verb)(library, args)


__all__ = ["SEEDS_DUMP", "UsageError", "emit_json", "main", "safe", "seeds_folder"]
