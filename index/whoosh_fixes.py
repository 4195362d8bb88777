"""Small fixes to Whoosh internals that cost the ingest dearly (applied once, on import)."""

from __future__ import annotations

from whoosh.codec import whoosh3


def _cached_reader(self, fieldname, column):
    """Like Whoosh's, but remembers a missing column instead of asking the disk per posting.

    Whoosh asks `file_exists` for every posting of a field without a lengths column (such as the
    spelling field), which is one `stat` call per posting while a segment is written.
    """
    if fieldname in self._readers:
        return self._readers[fieldname]
    reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    self._readers[fieldname] = reader
    return reader


whoosh3.W3PerDocReader._cached_reader = _cached_reader
