"""Repair after an interrupted ingest: the Whoosh index made to match the store again."""

from __future__ import annotations

from index.format import add_prepared, document_for, library_codec, prepare, schema_matches
from index.merge_policy import merge_tiers
from index.store import ArticleStore


def reconcile(store: ArticleStore, whoosh_index) -> int:
    """After an interrupted ingest, make the Whoosh index hold each stored article exactly once."""
    fixed = 0
    with whoosh_index.reader() as reader:
        indexed: dict[str, int] = {}
        for term, info in reader.iter_field("id"):
            indexed[term.decode() if isinstance(term, bytes) else term] = info.doc_frequency()
    stored = {row[0] for row in store.db.execute("SELECT id FROM articles")}
    writer = whoosh_index.writer(codec=library_codec())
    for aid, freq in indexed.items():
        if aid not in stored:
            writer.delete_by_term("id", aid)
            fixed += 1
        elif freq > 1:
            writer.delete_by_term("id", aid)
            indexed[aid] = 0
    missing = [aid for aid in stored if indexed.get(aid, 0) == 0]
    ours = schema_matches(whoosh_index.schema)  # analysed by language as the ingest does
    for start in range(0, len(missing), 500):
        for article in store.get_many(missing[start : start + 500]).values():
            if ours:
                add_prepared(writer, prepare(article), article)
            else:
                writer.add_document(**document_for(article))
            fixed += 1
    writer.commit(mergetype=merge_tiers)
    store.set_meta("ingest_pending", "0")
    store.commit()
    return fixed
