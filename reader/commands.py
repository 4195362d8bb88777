"""What each `newsreader` command does and prints (the command line's verbs)."""

from __future__ import annotations

import argparse
import sys
import time
from functools import cache
from pathlib import Path

from index import Library
from reader.output import UsageError, emit_json, safe
from reader.paths import SEEDS_DUMP, seeds_folder

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:  # the ingest pipeline is imported by the verbs that write, not by every verb
    from rich.console import Console

    from index.ingest import Progress as IngestProgress
    from index.records import IngestReport


@cache
def stderr_console() -> Console:
    """Rich's console on stderr, for messages and tables (imported by the verbs that print them:
    20 ms that `show`, `stats` or `--json` never pay)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False)


def _message(text: str) -> None:
    """One message on stderr, page text in it made safe (a plain line: Rich is 20 ms at start)."""
    sys.stderr.write(safe(text) + "\n")


def _line(*parts: str) -> None:
    """One line of page text on stdout, made safe for the terminal."""
    sys.stdout.write(safe(" ".join(parts)) + "\n")


def index_seeds(library: Library) -> IngestReport:
    stderr_console().print("Indexing the bundled seed pages…")
    return library.add([seeds_folder()], dump=SEEDS_DUMP)


def index(library: Library, args: argparse.Namespace) -> int:
    import signal

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    err = stderr_console()
    if args.rebuild:
        library.rebuild()
        if not args.paths:
            err.print(f"Emptied the library in {library.path}.")
            return 0
    columns = [
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    started = time.perf_counter()
    stop = {"asked": False}

    def on_sigterm(signum, frame):  # finish the batch in hand, commit, then stop
        stop["asked"] = True

    signal.signal(signal.SIGTERM, on_sigterm)
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as bar:
        task = bar.add_task("indexing", total=None, rate="0 pages/s")
        stages: dict[str, TaskID] = {}  # what runs after the pages: a line of its own each

        def on_progress(state: IngestProgress) -> None:
            if state.stage:
                if state.stage not in stages:
                    if state.once:  # a conversion (minutes at 100,000 articles): say why
                        err.print(f"{state.stage[:1].upper()}{state.stage[1:]}.")
                    stages[state.stage] = bar.add_task(state.stage, total=state.total, rate="")
                bar.update(stages[state.stage], completed=state.pages, total=state.total)
                return
            rate = state.pages / max(time.perf_counter() - started, 1e-6)
            bar.update(task, completed=state.pages, total=state.total, rate=f"{rate:,.0f} pages/s")

        report = library.add(
            args.paths,
            dump=args.dump,
            progress=on_progress,
            should_stop=lambda: stop["asked"],
            on_wait=lambda: err.print(
                f"Another `newsreader index` is writing to {library.path}; waiting for it…"
            ),
            workers=args.workers,
            keep_all=args.keep_all,
        )
    print_report(report)
    return 130 if report.interrupted else 0


def print_report(report: IngestReport) -> None:
    from rich.table import Table
    from rich.text import Text

    err = stderr_console()
    table = Table(title="Indexing summary", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("pages", justify="right")
    table.add_column("notes")
    for label, value in (
        ("added", report.added),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
        ("copies", report.copies),
        ("versions", report.versions),
    ):
        table.add_row(label, f"{value:,}", "")
    if report.repeated:
        table.add_row("repeated", f"{report.repeated:,}", "pages an earlier file gave: read once")
    for reason, count in sorted(report.skipped.items(), key=lambda kv: -kv[1]):
        examples = "; ".join(report.skip_examples.get(reason, [])[:2])
        table.add_row(Text(f"skipped: {reason}"), f"{count:,}", Text(safe(examples)))
    err.print(table)
    pages = report.added + report.updated + report.unchanged + sum(report.skipped.values())
    rate = pages / report.seconds if report.seconds else 0.0
    err.print(f"{pages:,} {'page' if pages == 1 else 'pages'} in {report.seconds:.1f} s" + (
        f" ({rate:,.0f} pages/s)" if report.seconds >= 1 else ""))  # fmt: skip
    if not pages and not report.repeated and not report.interrupted:
        err.print(
            "Nothing to index: no pages found. `index` reads folders of .txt or .html pages, "
            "WARC/WET files (.warc, .wet, gzipped or not) and JSON Lines (.jsonl)."
        )
    if report.interrupted:
        err.print("Interrupted: what was indexed is kept; run the same command to finish.")


def search(library: Library, args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    result = library.search(query, limit=args.limit, sort=args.sort)
    if args.json:
        emit_json(result.to_json())
        return 0
    note = f" (read as: {result.interpreted})" if result.interpreted else ""
    _message(f"{result.total} articles for {query!r}{note} in {result.seconds:.3f} s")
    if result.correction:
        _message(f"did you mean: {result.correction}")
    for hit in result.hits:
        also = f"  (also in {', '.join(hit.also_in)})" if hit.also_in else ""
        _line(f"{hit.id}  {hit.date[:10] or '----------'}  [{hit.dump}]  {hit.title}{also}")
        if hit.snippet:
            _line(f"    {hit.snippet}")
    return 0


def show(library: Library, args: argparse.Namespace) -> int:
    article = library.article(args.id)
    if args.json:
        emit_json(article.to_json())
        return 0
    _line(article.title)
    meta = " · ".join(x for x in (article.source, article.dump, article.date) if x)
    if article.credits:
        meta += " · With reporting by " + ", ".join(article.credits)
    _line(meta)
    if article.url:
        _line(article.url)
    if article.caption:
        _line(f"[{article.caption}]")
    for paragraph in article.paragraphs:
        _line("")
        _line(paragraph)
    if article.entities:
        _line("")
        for kind in ("person", "org", "place"):
            names = [f"{e.name} ({e.count})" for e in article.entities if e.kind == kind]
            if names:
                _line(f"{kind}: " + ", ".join(names))
    return 0


def related(library: Library, args: argparse.Namespace) -> int:
    result = library.related(args.id, limit=args.limit)
    if args.json:
        emit_json(result.to_json())
        return 0
    if result.copies:  # the same article in other dumps: one line, not one per dump
        dumps = ", ".join(dict.fromkeys(c.dump for c in result.copies))
        _line(f"also in dumps {dumps}  ({', '.join(c.id for c in result.copies)})")
    for item in result.versions:
        also = f" (also in {', '.join(item.copies)})" if item.copies else ""
        _line(f"version: {item.id}  [{item.dump}]{also}  {item.title}")
    kind = ""
    for item in result.related:
        if item.kind != kind:
            kind = item.kind
            _line(f"-- {kind}")
        shared = ", ".join(item.shared_entities[:5])
        also = f"  (also in {', '.join(item.copies)})" if item.copies else ""
        _line(f"{item.score:6.2f}  {item.id}  {item.date[:10] or '----------'}  [{item.dump}]  "
              f"{item.title}{also}")  # fmt: skip
        if shared:
            _line(f"        shares: {shared}")
    return 0


def story(library: Library, args: argparse.Namespace) -> int:
    article = library.article(args.id)
    items = library.story(article.id)
    info = library.story_info(article.story) if article.story else None
    if args.json:
        emit_json(
            {
                "id": article.id,
                "story": article.story,
                "info": info.to_json() if info else None,
                "members": [i.to_json() for i in items],
            }
        )
        return 0
    if info:
        _line(f"story {info.id}: {info.label}")
        _line(f"{info.articles} articles, {info.first_date or '?'} to {info.last_date or '?'}, "
              f"dumps {', '.join(info.dumps)}; {', '.join(info.entities)}")  # fmt: skip
        if info.languages:
            _line(f"languages: {' '.join(info.languages)}")
    for item in items:
        language = f" {item.language}" if item.language else ""
        _line(f"{item.date[:10] or '(undated)':>10}  [{item.dump}]{language}  {item.id}  "
              f"{item.title}")  # fmt: skip
    return 0


def stories(library: Library, args: argparse.Namespace) -> int:
    if not library.readonly and library.needs_stories():
        print(
            "newsreader: grouping this library's articles into stories (once) ...", file=sys.stderr
        )
    found = library.stories(
        dump=args.dump or "",
        since=args.since or "",
        entity=args.entity or "",
        newest=args.newest,
        limit=args.limit,
    )
    if args.json:
        emit_json([s.to_json() for s in found])
        return 0
    for s in found:
        span = s.first_date if s.first_date == s.last_date else f"{s.first_date}..{s.last_date}"
        _line(f"{s.articles:5d}  {s.id}  {span or '(undated)':22}  {s.label}")
        languages = f"  ({' '.join(s.languages)})" if len(s.languages) > 1 else ""
        _line(f"       {', '.join(s.entities)}  [{', '.join(s.dumps)}]{languages}")
    return 0


def entities(library: Library, args: argparse.Namespace) -> int:
    found = library.entities(kind=args.kind, dump=args.dump, limit=args.limit)
    if args.json:
        emit_json([{"name": e.name, "kind": e.kind, "articles": e.articles} for e in found])
        return 0
    for e in found:
        _line(f"{e.articles:6d}  {e.kind:6}  {e.name}")
    return 0


def export(library: Library, args: argparse.Namespace) -> int:
    if not args.output:
        library.export_to(sys.stdout, args.format, args.query)
        return 0
    path = Path(args.output).expanduser()
    try:
        with path.open("w", encoding="utf-8", newline="") as fh:
            n = library.export_to(fh, args.format, args.query)
    except OSError as exc:
        raise UsageError(f"export: cannot write {path}: {exc.strerror}") from None
    _message(f"{n} articles written to {path}")
    return 0


def tag(library: Library, args: argparse.Namespace) -> int:
    add, remove = [], []
    for change in args.changes:
        if change[:1] not in "+-" or len(change) < 2:
            raise UsageError(f"tag: {change!r} is neither +NAME (add) nor -NAME (remove)")
        (add if change[0] == "+" else remove).append(change[1:])
    aid = library.resolve_id(args.id)
    tags = library.tag(aid, add, remove)
    if args.json:
        emit_json({"id": aid, "tags": tags})
    else:
        _line(f"{aid}  {' '.join(tags) or '(no tags)'}")
    return 0


def tags(library: Library, args: argparse.Namespace) -> int:
    counts = library.tag_counts()
    if args.json:
        emit_json([{"tag": t, "articles": n} for t, n in counts])
        return 0
    for t, n in counts:
        _line(f"{n:6d}  {t}")
    return 0


def mark(library: Library, args: argparse.Namespace) -> int:
    ids = library.mark_read(args.ids, read=bool(args.read))
    state = "read" if args.read else "unread"
    if args.json:
        emit_json({"ids": ids, "state": state})
    else:
        for aid in ids:
            _line(f"{aid}  {state}")
    return 0


def stats(library: Library, args: argparse.Namespace) -> int:
    s = library.stats()
    if args.json:
        emit_json(s.to_json())
        return 0
    _line(f"library: {s.path}")
    _line(f"articles: {s.articles:,}")
    for label, counts in (("dumps", s.dumps), ("sources", s.sources), ("languages", s.languages)):
        shown = ", ".join(f"{k or '(none)'} {v:,}" for k, v in counts.items())
        _line(f"{label}: {shown or '(none)'}")
    return 0
